"""Feedback on the wording of a call: figures per speaker and findings on the advisor's lines.

`analyze(transcript)` reads each line once: words (simplemma's tokenizer), sentences, questions (open or closed),
fillers; then walks the turns for the rules that look at neighbours (jargon explained in the next line, reformulation
of the previous interlocutor turn, closing on a dated action). Everything is linear in the length of the call. The
definitions are in docs/transcript-analysis.md; the word lists in lexicons/*.yaml.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from simplemma.tokenizer import TOKREGEX

from ere.catalog.search import stop_words, terms

from .lexicon import collapse, compile_alternatives, fold_same_length, load
from .model import Analysis, Filler, Finding, Question, SpeakerStats, TranscriptError
from .summary import build_summary

_TERMINATOR = re.compile(r"^[.!?…]+$")
_CLAUSE_PUNCT = frozenset(",;:()—–-")
_INVERSION = re.compile(r"^([^\W\d_]+)(?:-t)?-(vous|tu|il|elle|on|ils|elles|nous|je)$")
_IMPERATIVE = re.compile(r"^([^\W\d_]+)-(moi|nous)$")  # « dites-moi »: the speaker asks to be told
_NOT_INVERSIONS = frozenset({"rendez-vous", "peut-etre", "c'est-a-dire", "vis-a-vis"})
_SUBJECTS = frozenset(
    {"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ca", "cela", "c'est", "c'etait"}
)
_ELISION = re.compile(r"^(?:qu|[jtlmnscd]|jusqu|lorsqu|puisqu)'")
_PROPER = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_WORD_CHAR = re.compile(r"\w")
_SELF_INTRO = re.compile(
    rf"\b(?i:je suis|je m'appelle|je m’appelle|moi c'est|moi c’est|c'est|c’est|ici)\s+"
    rf"((?:(?:M\.|Mme|Madame|Monsieur|Mademoiselle|Mlle)\s+)?{_PROPER}(?:\s+{_PROPER}){{0,2}})"
)
_ON_THE_LINE = re.compile(
    rf"((?:(?:M\.|Mme|Madame|Monsieur|Mademoiselle|Mlle)\s+)?{_PROPER}(?:\s+{_PROPER}){{0,2}})\s+à l['’]appareil"
)


@lru_cache(maxsize=65536)
def lemma(word):
    """simplemma's French lemma of a lower-case word, folded: « faites » → « faire », « l'embauche » → « embauche »."""
    return fold_same_length(simplemma.lemmatize(word, lang="fr"))


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    low: str  # lower case, straight apostrophe, accents kept (« où » is not « ou »)
    fold: str  # lower case, no accents
    word: bool


@dataclass(slots=True)
class Sentence:
    first: int  # token indexes, end excluded
    last: int
    start: int  # character offsets in the line
    end: int
    question: bool  # ends with « ? »


@dataclass(slots=True)
class LineInfo:
    tokens: list
    sentences: list
    words: int
    folded: str
    fillers: list
    questions: list


def tokenize(text):
    """Tokens with their offsets: simplemma's tokenizer regex (TOKREGEX), whose matches are its tokens."""
    folded = fold_same_length(text)
    tokens = []
    for match in TOKREGEX.finditer(text):
        start, end = match.span()
        raw = match.group()
        tokens.append(
            Token(
                raw,
                start,
                end,
                raw.lower().replace("’", "'"),
                folded[start:end],
                _WORD_CHAR.search(raw) is not None,
            )
        )
    return tokens, folded


def split_sentences(tokens):
    """Sentences end on « ? » and « ! », and on « . » or « … » when a capital or the end of the line follows."""
    sentences, first = [], 0
    for i, token in enumerate(tokens):
        if not _TERMINATOR.match(token.text):
            continue
        following = next((tokens[j] for j in range(i + 1, len(tokens)) if tokens[j].word), None)
        strong = "?" in token.text or "!" in token.text
        if strong or following is None or following.text[0].isupper() or following.text[0].isdigit():
            if any(t.word for t in tokens[first : i + 1]):
                sentences.append(Sentence(first, i + 1, tokens[first].start, token.end, "?" in token.text))
            first = i + 1
    if first < len(tokens) and any(t.word for t in tokens[first:]):
        sentences.append(Sentence(first, len(tokens), tokens[first].start, tokens[-1].end, False))
    return sentences


def _unelide(word):
    """« qu'il » → « il », « l'entreprise » → « entreprise »."""
    return _ELISION.sub("", word) or word


class _LineReader:
    """Tokens, sentences, fillers and questions of one line."""

    def __init__(self, lexicon):
        self.lex = lexicon

    def read(self, line):
        tokens, folded = tokenize(line.text)
        sentences = split_sentences(tokens)
        sentence_of = [None] * len(tokens)
        for index, sentence in enumerate(sentences):
            for i in range(sentence.first, sentence.last):
                sentence_of[i] = index
        fillers = self._fillers(line, tokens, sentences, sentence_of)
        filler_tokens = {i for f in fillers for i in f[1]}
        questions = []
        for sentence in sentences:
            kind = self._question_kind(tokens, sentence, folded, filler_tokens)
            if kind:
                text = line.text[sentence.start : sentence.end]
                questions.append(Question(line.number, line.speaker, kind, text, sentence.start, sentence.end))
        words = sum(1 for t in tokens if t.word)
        return LineInfo(tokens, sentences, words, folded, [f[0] for f in fillers], questions)

    # Fillers -------------------------------------------------------------------------------------------------

    def _is_pause(self, tokens, i):
        if i >= len(tokens) or i < 0:
            return True
        token = tokens[i]
        if not token.word:
            return token.text not in ("'", "’", "-")
        return token.fold in self.lex.filler_words or collapse(token.fold) in self.lex.filler_words

    def _fillers(self, line, tokens, sentences, sentence_of):
        found, i = [], 0
        while i < len(tokens):
            token = tokens[i]
            if not token.word:
                i += 1
                continue
            candidates = self.lex.filler_index.get(token.fold) or self.lex.filler_index.get(collapse(token.fold), ())
            matched = None
            for form, rule in candidates:
                span = tokens[i : i + len(form)]
                if len(span) < len(form):
                    continue
                words = [t.fold for t in span]
                if rule.elongated:
                    words = [collapse(w) for w in words]
                if tuple(words) != form and tuple(collapse(w) for w in words) != form:
                    continue
                if self._filler_applies(rule, tokens, i, i + len(form), sentences, sentence_of):
                    matched = (rule, len(form))
                    break
            if matched:
                rule, size = matched
                start, end = tokens[i].start, tokens[i + size - 1].end
                filler = Filler(line.number, line.speaker, rule.name, line.text[start:end], start, end)
                found.append((filler, range(i, i + size)))
                i += size
            else:
                i += 1
        return found

    def _filler_applies(self, rule, tokens, first, after, sentences, sentence_of):
        following = tokens[after] if after < len(tokens) else None
        # The previous word counts only when nothing separates it (« Et, bon, … » has a pause before « bon »).
        adjacent_previous = tokens[first - 1] if first and tokens[first - 1].word else None
        if adjacent_previous is not None and rule.unless_previous:
            word = adjacent_previous.fold
            if word in rule.unless_previous or _unelide(word) in rule.unless_previous:
                return False
        if (
            adjacent_previous is not None
            and rule.unless_previous_lemma
            and lemma(adjacent_previous.low) in rule.unless_previous_lemma
        ):
            return False
        if (
            following is not None
            and following.word
            and rule.unless_next
            and (following.fold in rule.unless_next or following.fold.split("'")[0] + "'" in rule.unless_next)
        ):
            return False
        if rule.before_pause and not self._is_pause(tokens, after):
            return False
        if rule.after_pause and not self._is_pause(tokens, first - 1):
            return False
        index = sentence_of[first]
        sentence = sentences[index] if index is not None else None
        if rule.not_in_question and sentence is not None and sentence.question:
            return False
        if rule.not_first and sentence is not None:
            first_word = next((i for i in range(sentence.first, sentence.last) if tokens[i].word), None)
            if first_word == first:
                return False
        return True

    # Questions -----------------------------------------------------------------------------------------------

    def _inversion(self, token):
        """« avez-vous » → the verb's lemma (« avoir »), else None."""
        if token.fold in _NOT_INVERSIONS:
            return None
        match = _INVERSION.match(token.low)
        return lemma(match.group(1)) if match else None

    def _question_kind(self, tokens, sentence, folded, filler_tokens):
        lex = self.lex
        span = range(sentence.first, sentence.last)
        words = [i for i in span if tokens[i].word]
        if not words:
            return None
        text = folded[sentence.start : sentence.end]
        prompt = lex.open_prompts.search(text) is not None
        if not sentence.question:
            # Without « ? »: « est-ce que » anywhere, or a question verb's inversion first (« Avez-vous… »; not
            # « Connectez-vous »), or an indirect question, or an invitation to tell.
            start = self._clause_start_word(tokens, sentence, filler_tokens)
            starts = start is not None and (
                tokens[start].fold == "qu'est-ce" or (self._inversion(tokens[start]) in lex.question_verbs)
            )
            est_ce = any(self._is_frame(tokens, i) and self._inversion(tokens[i]) is None for i in words)
            indirect_question = lex.question_openings.search(text) is not None
            if not (est_ce or starts or prompt or indirect_question):
                return None
        if prompt:
            return "open"
        frames = None
        for position, i in enumerate(words):
            token = tokens[i]
            key = token.low if token.low in lex.accented else token.fold
            rule = lex.interrogatives.get(key)
            if rule is None:
                continue
            previous = tokens[words[position - 1]] if position else None
            following = tokens[words[position + 1]] if position + 1 < len(words) else None
            if previous is not None and previous.fold in rule.unless_previous:
                continue
            if following is not None and (following.fold in rule.unless_next or following.low in rule.unless_next):
                continue
            at_start = self._at_clause_start(tokens, sentence, i, filler_tokens)
            at_end = self._at_end(tokens, words, position) or self._before_clause_punct(tokens, i)
            if rule.start_only and not at_start:
                continue
            if rule.needs_inversion and not (following is not None and self._inversion(following)):
                continue
            asked = self._asked_before(tokens, words[:position])
            if rule.restricted and not (
                (at_start and self._direct_start(rule, following))
                or at_end
                or (previous is not None and previous.fold in lex.question_prepositions)
                or asked
            ):
                continue
            if at_start or at_end:
                return "open"
            if frames is None:
                frames = [j for j in words if self._is_frame(tokens, j)]
            framed = any(f < i for f in frames)
            indirect = following is not None and (
                following.fold in _SUBJECTS
                or following.fold.startswith("c'")
                or (not rule.noun_follows and self._infinitive(following))
            )
            if (framed or indirect) and not asked:
                continue
            return "open"
        return "closed"

    def _is_frame(self, tokens, i):
        """« est-ce que », or a verb-subject inversion (« avez-vous »): the shape of a yes/no question."""
        token = tokens[i]
        if token.fold == "est-ce":
            return True
        if token.fold == "est" and i + 2 < len(tokens) and tokens[i + 1].fold == "ce":
            return tokens[i + 2].fold.startswith("qu")
        return self._inversion(token) is not None

    def _infinitive(self, token):
        word = token.fold
        return word.endswith(("er", "ir", "re")) and lemma(token.low) == word

    def _direct_start(self, rule, following):
        """« quand » at the start asks only before « est-ce », an inversion, « ça » or nothing."""
        if rule.word != "quand":
            return True
        return following is None or following.fold in ("est-ce", "ca", "est") or self._inversion(following)

    def _asked_before(self, tokens, indexes):
        lex = self.lex
        for position, i in enumerate(indexes):
            token = tokens[i]
            inverted = _INVERSION.match(token.low) or _IMPERATIVE.match(token.low)
            base = inverted.group(1) if inverted else token.low
            if base.startswith(("m'", "m’")):
                if lemma(base[2:]) in lex.telling_lemmas:
                    return True
                continue
            word_lemma = lemma(base)
            if word_lemma in lex.asking_lemmas:
                return True
            if word_lemma in lex.telling_lemmas:
                previous = tokens[indexes[position - 1]].fold if position else ""
                if previous in ("me", "nous") or token.fold.endswith(("-moi", "-nous")):
                    return True
        return False

    def _clause_start_word(self, tokens, sentence, filler_tokens):
        for i in range(sentence.first, sentence.last):
            token = tokens[i]
            if not token.word or token.fold in self.lex.openers or i in filler_tokens:
                continue
            return i
        return None

    def _at_clause_start(self, tokens, sentence, i, filler_tokens):
        """No word before `i` in its clause but openers and fillers (« Et euh, où… », « Madame, quel… »)."""
        for j in range(i - 1, sentence.first - 1, -1):
            token = tokens[j]
            if not token.word:
                if token.text in _CLAUSE_PUNCT:
                    return True
                continue
            if token.fold in self.lex.openers or j in filler_tokens:
                continue
            return False
        return True

    def _before_clause_punct(self, tokens, i):
        return i + 1 < len(tokens) and tokens[i + 1].text in (",", ";", ":")

    def _at_end(self, tokens, words, position):
        return all(tokens[i].fold in self.lex.trailing_words for i in words[position + 1 :])


# Advisor -------------------------------------------------------------------------------------------------------


def resolve_advisor(transcript, infos, advisor, lexicon):
    speakers = transcript.speakers
    if advisor is not None:
        if advisor in speakers:
            return advisor
        for speaker in speakers:
            if fold_same_length(speaker).strip() == fold_same_length(advisor).strip():
                return speaker
        raise TranscriptError(
            f"Le locuteur « {advisor} » n'apparaît pas dans la transcription (locuteurs : {', '.join(speakers)})."
        )
    return infer_advisor(transcript, infos, lexicon)


def infer_advisor(transcript, infos, lexicon):
    """The advisor, when not given: a speaker named like one (« Conseillère »), else the one who introduces themself
    with France Travail / the agency in their first three lines, else the one who asks the most questions, else the
    first speaker."""
    speakers = transcript.speakers
    if len(speakers) == 1:
        return speakers[0]
    for speaker in speakers:
        if fold_same_length(speaker).strip() in lexicon.advisor_labels:
            return speaker
    seen = Counter()
    for line, info in zip(transcript.lines, infos, strict=True):
        if seen[line.speaker] < 3:
            seen[line.speaker] += 1
            if lexicon.advisor_markers.search(info.folded):
                return line.speaker
    asked = Counter()
    for info in infos:
        for question in info.questions:
            asked[question.speaker] += 1
    best = max(speakers, key=lambda s: (asked[s], -speakers.index(s)))
    return best if asked[best] else speakers[0]


# Names ---------------------------------------------------------------------------------------------------------


def _name_patterns(names, lexicon, exact=()):
    """Folded regex alternatives that name the interlocutor: full name, civility + surname, first name, company.
    `exact` names (given by the caller: a person or a company, we cannot tell) match as written, or with another
    civility."""
    civility = r"(?:madame|monsieur|mme|m\.?|mlle|mademoiselle|mr)"
    company_words = {fold_same_length(w) for w in lexicon.company_words}
    patterns, shown = set(), set()
    for raw in [*exact, *names]:
        name = " ".join(str(raw).split())
        if not name:
            continue
        words = fold_same_length(name).split()
        if not words or all(w in lexicon.role_labels for w in words) or any(c.isdigit() for c in name):
            continue
        shown.add(name)
        if words[0] in company_words and len(words) > 1:
            patterns.add(re.escape(" ".join(words)))
            continue
        if words[0] in lexicon.civilities or words[0].rstrip(".") in lexicon.civilities:
            rest = [w for w in words[1:] if w not in lexicon.civilities]
            if rest:
                patterns.add(rf"{civility}\s+{re.escape(' '.join(rest))}")
            continue
        patterns.add(re.escape(" ".join(words)))
        if len(words) >= 2 and raw not in exact:
            patterns.add(rf"{civility}\s+{re.escape(' '.join(words[1:]))}")
            patterns.add(re.escape(words[0]))
    if not patterns:
        return None, shown
    ordered = sorted(patterns, key=len, reverse=True)
    return re.compile(rf"(?<![\w'])(?:{'|'.join(ordered)})(?![\w])"), shown


def detect_names(transcript, advisor, lexicon):
    """Names the other speakers give for themselves and their company (« je suis Karim Benali », « la boulangerie
    Durand »), and their speaker labels."""
    company = re.compile(
        rf"\b((?i:{'|'.join(re.escape(w) for w in lexicon.company_words)})\s+"
        rf"(?:(?:du|de la|des|de|d['’]|l['’])\s*)?{_PROPER}(?:\s+(?:et\s+)?{_PROPER}){{0,2}})"
    )
    names = [speaker for speaker in transcript.speakers if speaker != advisor]
    own = set(fold_same_length(advisor).split())
    seen = Counter()
    for line in transcript.lines:
        # Introductions come first: a company named later may be another one (« l'entreprise Morel cherche aussi »).
        if line.speaker == advisor or seen[line.speaker] >= 3:
            continue
        seen[line.speaker] += 1
        for regex in (_SELF_INTRO, _ON_THE_LINE, company):
            for match in regex.finditer(line.text):
                name = match.group(1)
                folded = fold_same_length(name)
                # « C'est France Travail ? », « C'est Sophie ? »: the advisor's side, not the interlocutor.
                if lexicon.advisor_markers.search(folded) or set(folded.split()) & own:
                    continue
                names.append(name)
    return names


# Analysis ------------------------------------------------------------------------------------------------------


def turns_of(lines):
    """Runs of consecutive lines of the same speaker, as lists of line indexes."""
    turns = []
    for index, line in enumerate(lines):
        if turns and lines[turns[-1][0]].speaker == line.speaker:
            turns[-1].append(index)
        else:
            turns.append([index])
    return turns


def _prefix(text, words=12):
    """The first words of a line, as written (for a finding on a whole turn)."""
    matches = list(re.finditer(r"\S+", text))
    if len(matches) <= words:
        return text, 0, len(text)
    end = matches[words - 1].end()
    return text[:end], 0, end


@lru_cache(maxsize=16)
def _glossary_index(items):
    """Acronyms (upper case, matched as written) and other glossary terms (folded regex) of the merged glossary."""
    lexicon = load()
    merged = dict(lexicon.acronyms)
    merged.update({k: v for k, v in items if k and v})
    upper, other = {}, {}
    for key, meaning in merged.items():
        key = key.strip()
        if key in lexicon.everyday or not key:
            continue
        if key.isupper():
            upper[key] = meaning
        else:
            other[key] = (compile_alternatives([key]), meaning)
    return upper, other


class _Analyzer:
    def __init__(self, transcript, glossary, advisor, interlocutor_names):
        self.transcript = transcript
        self.lex = load()
        self.rules = self.lex.rules
        reader = _LineReader(self.lex)
        self.infos = [reader.read(line) for line in transcript.lines]
        self.advisor = resolve_advisor(transcript, self.infos, advisor, self.lex)
        self.turns = turns_of(transcript.lines)
        self.glossary = _glossary_index(tuple(sorted((glossary or {}).items())))
        self.given_names = tuple(str(name) for name in interlocutor_names or ())
        self.names = detect_names(transcript, self.advisor, self.lex)
        self.findings = []
        self.details = {}

    def run(self):
        stats = self.speaker_stats()
        self.filler_findings()
        self.negative_findings()
        self.jargon_findings()
        self.monologue_findings()
        self.closed_question_findings()
        self.reformulation_findings()
        self.name_findings()
        self.next_step_findings()
        self.findings.sort(key=lambda f: (f.line, f.start if f.start is not None else -1, f.kind))
        questions = [q for info in self.infos for q in info.questions]
        fillers = [f for info in self.infos for f in info.fillers]
        analysis = Analysis(
            speakers=stats,
            findings=self.findings,
            summary={},
            advisor=self.advisor,
            format=self.transcript.format,
            timed=self.transcript.timed,
            questions=questions,
            fillers=fillers,
        )
        analysis.summary = build_summary(analysis, self.details, self.rules)
        return analysis

    def add(self, index, kind, start, end, suggestion, positive=False):
        line = self.transcript.lines[index]
        self.findings.append(
            Finding(line.number, line.speaker, kind, line.text[start:end], suggestion, start, end, positive)
        )

    def advisor_lines(self):
        return [i for i, line in enumerate(self.transcript.lines) if line.speaker == self.advisor]

    # Figures ---------------------------------------------------------------------------------------------------

    def speaker_stats(self):
        lines, timed = self.transcript.lines, self.transcript.timed
        stats = {name: SpeakerStats(name=name) for name in self.transcript.speakers}
        fillers = {name: Counter() for name in stats}
        seconds = Counter()
        for line, info in zip(lines, self.infos, strict=True):
            s = stats[line.speaker]
            s.words += info.words
            for question in info.questions:
                if question.kind == "open":
                    s.questions_open += 1
                else:
                    s.questions_closed += 1
            fillers[line.speaker].update(f.word for f in info.fillers)
            if timed:
                seconds[line.speaker] += line.duration
        for turn in self.turns:
            s = stats[lines[turn[0]].speaker]
            s.turns += 1
            s.longest_monologue_words = max(s.longest_monologue_words, sum(self.infos[i].words for i in turn))
            if timed:
                duration = round(max(0.0, lines[turn[-1]].end - lines[turn[0]].start), 1)
                s.longest_monologue_s = max(s.longest_monologue_s or 0.0, duration)
        total_words = sum(s.words for s in stats.values())
        total_seconds = sum(seconds.values())
        for name, s in stats.items():
            s.talk_share = round(s.words / total_words, 3) if total_words else 0.0
            counted = fillers[name]
            s.fillers = dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))
            s.filler_rate = round(100 * sum(counted.values()) / s.words, 1) if s.words else 0.0
            if timed:
                s.talk_share_time = round(seconds[name] / total_seconds, 3) if total_seconds else None
                s.words_per_minute = round(s.words * 60 / seconds[name], 1) if seconds[name] else None
        return list(stats.values())

    # Rules -----------------------------------------------------------------------------------------------------

    def filler_findings(self):
        for i in self.advisor_lines():
            for filler in self.infos[i].fillers:
                self.add(
                    i,
                    "filler",
                    filler.start,
                    filler.end,
                    f"Marquez une pause plutôt que « {filler.text} » : un silence laisse réfléchir et rassure.",
                )

    def negative_findings(self):
        for i in self.advisor_lines():
            info = self.infos[i]
            taken = []
            matches = []
            for rule in self.lex.negatives:
                for match in rule.regex.finditer(info.folded):
                    if rule.unless_next:
                        after = info.folded[match.end() :].split()
                        if after and after[0].strip(",.?!…") in rule.unless_next:
                            continue
                    matches.append((match.start(), match.end(), rule))
            for start, end, rule in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                said = self.transcript.lines[i].text[start:end]
                self.add(i, "negative", start, end, f"Dites plutôt « {rule.alternative} » que « {said} ».")
                self.details.setdefault("negatives", []).append((said, rule.alternative))

    def _explained(self, index, meaning, position):
        """Whether the speaker of line `index` explains a term there or in the next line if it is theirs."""
        lines = self.transcript.lines
        candidates = [index]
        if index + 1 < len(lines) and lines[index + 1].speaker == lines[index].speaker:
            candidates.append(index + 1)
        meaning_terms = set(terms(meaning)) if meaning else set()
        for j in candidates:
            folded = self.infos[j].folded
            marker = self.lex.explanation_markers.search(folded, position if j == index else 0)
            if marker:
                return True
            if meaning_terms:
                found = meaning_terms & set(terms(lines[j].text))
                if len(found) >= max(1, 0.6 * len(meaning_terms)):
                    return True
        return False

    def jargon_findings(self):
        upper, other = self.glossary
        seen = set()  # explained or already flagged: once per call
        explained = []
        by_lemma = {term.lemma: term for term in self.lex.terms if term.lemma}
        phrases = [term for term in self.lex.terms if not term.lemma]
        for i in self.advisor_lines():
            info, text = self.infos[i], self.transcript.lines[i].text
            # A line in capitals (some speech-to-text exports) has no acronym to tell apart.
            shouting = not any(c.islower() for c in text) and sum(c.isalpha() for c in text) >= 12
            hits = []
            if not shouting:
                for token in info.tokens:
                    word = token.text.strip("’'")
                    if token.word and word in upper:
                        hits.append((token.start, token.start + len(word), word, upper[word], None))
            for key, (regex, meaning) in other.items():
                for match in regex.finditer(info.folded):
                    hits.append((match.start(), match.end(), key, meaning, None))
            for token in info.tokens:
                term = token.word and (by_lemma.get(token.fold) or by_lemma.get(lemma(token.low)))
                if term:
                    hits.append((token.start, token.end, term.key, None, term.plain))
            for term in phrases:
                for match in term.regex.finditer(info.folded):
                    hits.append((match.start(), match.end(), term.key, None, term.plain))
            kept = []
            for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):  # « code ROME » rather than « ROME »
                if not any(hit[0] < k[1] and k[0] < hit[1] for k in kept):
                    kept.append(hit)
            for start, end, key, meaning, plain in sorted(kept):
                if key in seen:
                    continue
                seen.add(key)
                if self._explained(i, meaning, end):
                    explained.append(key)
                    continue
                said = text[start:end]
                if meaning:
                    suggestion = f"« {said} » : dites « {meaning} », ou expliquez le sigle."
                else:
                    suggestion = f"« {said} » est un mot de chez nous : dites « {plain} »."
                self.add(i, "jargon", start, end, suggestion)
                self.details.setdefault("jargon", []).append(said)
        self.details["explained"] = explained

    def monologue_findings(self):
        lines, timed = self.transcript.lines, self.transcript.timed
        max_words, max_seconds = self.rules["long_monologue_words"], self.rules["long_monologue_seconds"]
        for turn in self.turns:
            if lines[turn[0]].speaker != self.advisor:
                continue
            words = sum(self.infos[i].words for i in turn)
            seconds = lines[turn[-1]].end - lines[turn[0]].start if timed else None
            if words > max_words or (seconds is not None and seconds > max_seconds):
                length = f"{words} mots" + (f", {round(seconds)} s" if seconds is not None else "")
                _, start, end = _prefix(lines[turn[0]].text)
                self.add(
                    turn[0],
                    "long_monologue",
                    start,
                    end,
                    f"Réplique longue ({length}) : découpez-la en deux ou trois idées et laissez réagir "
                    "(« Qu'en pensez-vous ? »).",
                )

    def closed_question_findings(self):
        run = []
        limit = self.rules["closed_run"]
        index_of = {line.number: i for i, line in enumerate(self.transcript.lines)}
        for info, line in zip(self.infos, self.transcript.lines, strict=True):
            if line.speaker != self.advisor:
                continue
            for question in info.questions:
                if question.kind == "open":
                    run = []
                    continue
                run.append(question)
                if len(run) == limit:
                    where = ", ".join(dict.fromkeys(f"L{q.line}" for q in run))
                    self.add(
                        index_of[question.line],
                        "closed_questions",
                        question.start,
                        question.end,
                        f"{limit} questions fermées de suite ({where}) : ouvrez par « Comment… ? », "
                        "« Qu'est-ce qui… ? » ou « Parlez-moi de… ».",
                    )

    def _content_lemmas(self, tokens):
        stops = stop_words()
        out = set()
        for token in tokens:
            if not token.word or token.fold in self.lex.filler_words:
                continue
            word = fold_same_length(_unelide(lemma(token.low)))
            if len(word) > 2 and word not in stops and not word.isdigit():
                out.add(word)
        return out

    def reformulation_findings(self):
        lines, settings = self.transcript.lines, self.lex.reformulation
        count = []
        for position, turn in enumerate(self.turns):
            first = turn[0]
            if lines[first].speaker != self.advisor or position == 0:
                continue
            previous = self.turns[position - 1]
            if lines[previous[0]].speaker == self.advisor:
                continue
            info = self.infos[first]
            marker = self.lex.reformulation_markers.search(info.folded)
            found = None
            if marker:
                found = (marker.start(), marker.end())
            else:
                heard = set()
                for j in previous:
                    heard |= self._content_lemmas(self.infos[j].tokens)
                if len(heard) < settings["min_shared"]:
                    continue
                for sentence in info.sentences:
                    said = self._content_lemmas(info.tokens[sentence.first : sentence.last])
                    shared = said & heard
                    if not said or len(shared) < settings["min_shared"]:
                        continue
                    segment = info.folded[sentence.start : sentence.end]
                    weak = self.lex.reformulation_weak_markers.search(segment)
                    floor = settings["weak_min_overlap"] if weak else settings["min_overlap"]
                    if len(shared) / len(said) >= floor:
                        found = (sentence.start, sentence.end)
                        break
            if found:
                count.append(lines[first].number)
                self.add(
                    first,
                    "reformulation",
                    *found,
                    "Reformulation : l'interlocuteur entend que son besoin est compris.",
                    positive=True,
                )
        self.details["reformulations"] = count

    def name_findings(self):
        regex, shown = _name_patterns(self.names, self.lex, exact=self.given_names)
        self.details["names_known"] = sorted(shown)
        used = []
        if regex is not None:
            for i in self.advisor_lines():
                match = regex.search(self.infos[i].folded)
                if match:
                    text = self.transcript.lines[i].text[match.start() : match.end()]
                    used.append(text)
                    self.add(
                        i,
                        "name_use",
                        match.start(),
                        match.end(),
                        "Vous nommez votre interlocuteur ou son entreprise : l'échange est personnel.",
                        positive=True,
                    )
        self.details["names_used"] = used

    def _has_action(self, info, sentence):
        segment = info.folded[sentence.start : sentence.end]
        if self.lex.action_phrases.search(segment):
            return True
        for token in info.tokens[sentence.first : sentence.last]:
            if not token.word:
                continue
            inverted = _INVERSION.match(token.low)
            base = _unelide(inverted.group(1) if inverted else token.low)
            if lemma(base) in self.lex.action_lemmas:
                return True
        return False

    def next_step_findings(self):
        lines = self.transcript.lines
        advisor_turns = [t for t in self.turns if lines[t[0]].speaker == self.advisor]
        if not advisor_turns:
            return
        closing = [i for turn in advisor_turns[-self.lex.closing_turns :] for i in turn]
        dated, undated = None, None
        for i in closing:
            info = self.infos[i]
            for sentence in info.sentences:
                segment = info.folded[sentence.start : sentence.end]
                has_date = any(regex.search(segment) for regex in self.lex.dates)
                has_action = self._has_action(info, sentence)
                if has_date and has_action:
                    dated = (i, sentence)
                elif has_action:
                    undated = (i, sentence)
        if dated:
            i, sentence = dated
            self.add(
                i,
                "next_step",
                sentence.start,
                sentence.end,
                "L'appel se conclut sur une action datée : chacun sait ce qui va se passer.",
                positive=True,
            )
            self.details["next_step"] = lines[i].text[sentence.start : sentence.end]
            return
        self.details["next_step_undated"] = undated is not None
        if undated:
            i, sentence = undated
            suggestion = "Précisez quand : « d'ici jeudi », « demain à 10 h » ; l'engagement devient concret."
        else:
            i = closing[-1]
            sentence = self.infos[i].sentences[-1] if self.infos[i].sentences else None
            suggestion = (
                "Concluez sur une action datée : « Je vous envoie trois profils jeudi, "
                "et je vous rappelle vendredi à 10 h. »"
            )
        start, end = (sentence.start, sentence.end) if sentence else (0, len(lines[i].text))
        self.add(i, "no_next_step", start, end, suggestion)
        self.details["next_step"] = None


def analyze(transcript, *, glossary=None, advisor=None, interlocutor_names=()):
    """The `Analysis` of a transcript. `glossary`: acronym → meaning (the catalogue's GlossaryTerm rows), on top of
    lexicons/jargon.yaml; `advisor`: the coached speaker (inferred when None); `interlocutor_names`: names of the
    other party and their company, on top of those found in the transcript."""
    if not transcript.lines:
        raise TranscriptError("La transcription est vide : aucune réplique n'a été trouvée.")
    return _Analyzer(transcript, glossary, advisor, interlocutor_names).run()
