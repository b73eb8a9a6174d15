"""Catalogue search ranking: a pure module (no Django), tested and benchmarked on its own.

A query matches a document when every significant query term is found in it (accents, case and plural forms do
not matter; a term also matches the start of a word, so « recru » finds « recrutement »). An acronym of the glossary
also matches its meaning (« DPAE » finds « déclaration préalable à l'embauche ») and the other way round. Documents are
ranked by where the terms were found: name and acronym first, then tasks, categories, summary, description.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FIELD_WEIGHTS = {"name": 10.0, "acronym": 10.0, "tasks": 5.0, "categories": 3.0, "summary": 3.0, "description": 1.0}
PREFIX_FACTOR = 0.6
SYNONYM_FACTOR = 0.8
MIN_PREFIX = 3

# The reference list (stopwords-iso) is broad: these words carry meaning in a catalogue of tools and offers
# (« suivre une offre », « déclaration préalable », « nouveau contrat », « retour à l'emploi »).
_KEPT_WORDS = {
    "suivre",
    "suivant",
    "seul",
    "seule",
    "personne",
    "personnes",
    "aide",
    "aides",
    "prealable",
    "nouveau",
    "nouveaux",
    "ouvert",
    "ouverte",
    "ouverts",
    "retour",
    "parole",
    "parler",
    "valeur",
    "unique",
    "directe",
    "premier",
    "premiere",
    "rendre",
    "proche",
    "multiple",
    "droite",
    "specifique",
    "possible",
    "necessaire",
}
_WORD = re.compile(r"[a-z0-9]+")


@cache
def stop_words():
    path = Path(__file__).parent / "data" / "stopwords-fr.txt"
    words = {fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return frozenset(words - _KEPT_WORDS)


def fold(text):
    """Lower case without accents, ligatures unfolded: « Œuvre à l'Été » → « oeuvre a l'ete »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word):
    """A light French stemmer for plurals: « offres » → « offre », « bureaux » → « bureau », « locaux » → « local »."""
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text):
    """The significant, stemmed words of a text, in order."""
    stops = stop_words()
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in stops]


@dataclass
class Document:
    key: object
    fields: dict
    _terms: dict = field(init=False, repr=False)

    def __post_init__(self):
        self._terms = {name: set(terms(value or "")) for name, value in self.fields.items()}


class Index:
    """Documents to search, and the glossary: {acronym: meaning}.

    `weights` ({field: weight}) ranks documents whose fields are not the catalogue's (Entraide's posts: title, tasks,
    body); a field missing from it weighs 1.
    """

    def __init__(self, documents, glossary=None, weights=None):
        self.weights = FIELD_WEIGHTS if weights is None else weights
        self.documents = [d if isinstance(d, Document) else Document(*d) for d in documents]
        self.expansions = {}
        for acronym, meaning in (glossary or {}).items():
            acronym_terms, meaning_terms = terms(acronym), terms(meaning)
            if len(acronym_terms) == 1 and meaning_terms:
                self.expansions.setdefault(acronym_terms[0], []).append(meaning_terms)
                # The meaning written out also finds the acronym.
                self.expansions.setdefault(tuple(meaning_terms), []).append(acronym_terms)

    def _term_score(self, document, term):
        best = 0.0
        for name, words in document._terms.items():
            weight = self.weights.get(name, 1.0)
            if term in words:
                best = max(best, weight)
            elif len(term) >= MIN_PREFIX and any(w.startswith(term) for w in words):
                best = max(best, weight * PREFIX_FACTOR)
        return best

    def _phrase_score(self, document, phrase):
        scores = [self._term_score(document, t) for t in phrase]
        return min(scores) if all(scores) else 0.0

    def _query_groups(self, query_terms):
        """Each group: alternatives (phrases) that satisfy one part of the query."""
        groups, i = [], 0
        while i < len(query_terms):
            # A written-out meaning in the query (« préalable embauche ») may stand for an acronym.
            for end in range(len(query_terms), i + 1, -1):
                phrase = tuple(query_terms[i:end])
                if phrase in self.expansions:
                    groups.append([list(phrase), *self.expansions[phrase]])
                    i = end
                    break
            else:
                term = query_terms[i]
                # An acronym, or a meaning of a single word (« rendez-vous » for « RDV »).
                groups.append([[term]] + self.expansions.get(term, []) + self.expansions.get((term,), []))
                i += 1
        return groups

    def search(self, query):
        """[(key, score)], best first; ties keep the documents' order. Empty for an empty query."""
        query_terms = terms(query)
        if not query_terms:
            return []
        groups = self._query_groups(query_terms)
        results = []
        for position, document in enumerate(self.documents):
            total = 0.0
            for alternatives in groups:
                score = 0.0
                for n, phrase in enumerate(alternatives):
                    factor = 1.0 if n == 0 else SYNONYM_FACTOR
                    score = max(score, self._phrase_score(document, phrase) * factor)
                if not score:
                    break
                total += score
            else:
                results.append((-total, position, document.key))
        results.sort()
        return [(key, -negative) for negative, _, key in results]
