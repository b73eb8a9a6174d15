"""The analyzer's word lists, read once from lexicons/*.yaml and compiled (regexes, lookup sets).

Every rule's words are data: the YAML files document their own syntax, and docs/transcript-analysis.md tells how to
add an entry. Text is compared folded by `fold_same_length` (lower case, no accents, straight apostrophe), which keeps
the length of the text so that an offset found in the folded text is the offset in the original one.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"


def _fold_table():
    table = {"’": "'", "ʼ": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "–": "-", "‑": "-"}
    for code in range(0xC0, 0x250):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char.lower())
        base = decomposed[0]
        if len(char.lower()) == 1 and base.isascii() and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[char] = base
    return str.maketrans(table)


_FOLD = _fold_table()


def fold_same_length(text):
    """« Déjà l’Été » → « deja l'ete », one character for one (œ stays œ), so that offsets carry over."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character whose lower case is longer (« İ »)
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


def _words(values):
    return frozenset(fold_same_length(str(v)) for v in values or ())


def _split_pattern(pattern):
    """Words of a pattern, a « (a|b c) » group counting as one word."""
    words, current, depth = [], "", 0
    for char in pattern:
        if char == " " and depth == 0:
            if current:
                words.append(current)
            current = ""
            continue
        depth += char == "("
        depth -= char == ")"
        current += char
    if current:
        words.append(current)
    return words


def _word_regex(word):
    out = []
    for char in word:
        if char in "()|?":
            out.append(char)
        elif char == "*":
            out.append(r"[\w-]*")
        elif char == "-":
            out.append(r"[-\s]")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(char))
    return "".join(out).replace("(", "(?:").replace("(?:?:", "(?:")


_ELIDABLE = {"je", "ce", "me", "te", "se", "le", "que"}
_GAP = r"(?:\s+[\w'-]+){0,3}"


def compile_phrase(pattern):
    """A pattern of negative.yaml as a regex on folded text (« ne » and « n' » optional, « ... » a gap)."""
    pieces = []  # (regex, plain word or None)
    optional_ne = False
    for word in _split_pattern(fold_same_length(pattern)):
        if word == "ne":
            optional_ne = True
            continue
        if word == "...":
            pieces.append((None, None))
            continue
        if word.startswith("n'") and len(word) > 2:
            rest = _word_regex(word[2:])
            if pieces and pieces[-1][1] in _ELIDABLE:
                previous = pieces.pop()[1]
                pieces.append((f"{re.escape(previous[:-1])}(?:e\\s+n'|'){rest}", None))
            else:
                pieces.append((f"(?:n')?{rest}", None))
            continue
        regex = _word_regex(word)
        if optional_ne:
            regex, optional_ne = f"(?:ne\\s+)?{regex}", False
        pieces.append((regex, word))
    out = ""
    for regex, _ in pieces:
        if regex is None:
            out += _GAP
        else:
            out += (r"\s+" if out else "") + regex
    return re.compile(rf"(?<![\w']){out}(?![\w])")


def compile_alternatives(phrases):
    """One regex finding any of the phrases (folded, « - » a hyphen or a space), longest first."""
    parts = sorted((_word_regex(fold_same_length(p)) for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<![\w'])(?:{'|'.join(parts)})(?![\w])") if parts else re.compile(r"(?!)")


@dataclass(frozen=True)
class FillerRule:
    name: str
    forms: tuple
    elongated: bool = False
    unless_previous: frozenset = frozenset()
    unless_next: frozenset = frozenset()
    unless_previous_lemma: frozenset = frozenset()
    before_pause: bool = False
    after_pause: bool = False
    not_in_question: bool = False
    not_first: bool = False


@dataclass(frozen=True)
class Interrogative:
    word: str
    unless_previous: frozenset = frozenset()
    unless_next: frozenset = frozenset()
    restricted: bool = False
    noun_follows: bool = False
    start_only: bool = False
    needs_inversion: bool = False


@dataclass(frozen=True)
class NegativeRule:
    pattern: str
    regex: re.Pattern
    alternative: str
    unless_next: frozenset = frozenset()


@dataclass(frozen=True)
class JargonTerm:
    key: str
    plain: str
    lemma: str | None = None
    regex: re.Pattern | None = None


@dataclass(frozen=True)
class Lexicon:
    # fillers
    fillers: tuple
    filler_index: dict  # first folded word → [(form words, rule)], longest form first
    filler_words: frozenset  # every one-word form and the pause words
    # questions
    openers: frozenset
    accented: frozenset
    interrogatives: dict
    question_prepositions: frozenset
    asking_lemmas: frozenset
    telling_lemmas: frozenset
    trailing_words: frozenset
    question_verbs: frozenset
    open_prompts: re.Pattern
    question_openings: re.Pattern
    # other rules
    negatives: tuple
    everyday: frozenset
    acronyms: dict
    terms: tuple
    explanation_markers: re.Pattern
    reformulation_markers: re.Pattern
    reformulation_weak_markers: re.Pattern
    reformulation: dict
    dates: tuple
    action_lemmas: frozenset
    action_phrases: re.Pattern
    closing_turns: int
    civilities: frozenset
    role_labels: frozenset
    company_words: tuple
    advisor_labels: frozenset
    advisor_markers: re.Pattern
    rules: dict


def _read(name):
    return yaml.safe_load((LEXICON_DIR / name).read_text(encoding="utf-8"))


def _expand(values, lists):
    out = set()
    for value in values or ():
        if isinstance(value, str) and value.startswith("@"):
            out |= _words(lists[value[1:]])
        else:
            out.add(fold_same_length(str(value)))
    return frozenset(out)


def _filler_rules(data):
    lists = data.get("lists", {})
    rules = []
    for entry in data["fillers"]:
        rules.append(
            FillerRule(
                name=entry["name"],
                forms=tuple(tuple(fold_same_length(f).split()) for f in entry["forms"]),
                elongated=bool(entry.get("elongated")),
                unless_previous=_expand(entry.get("unless_previous"), lists),
                unless_next=_expand(entry.get("unless_next"), lists),
                unless_previous_lemma=_words(entry.get("unless_previous_lemma")),
                before_pause=bool(entry.get("before_pause")),
                after_pause=bool(entry.get("after_pause")),
                not_in_question=bool(entry.get("not_in_question")),
                not_first=bool(entry.get("not_first")),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=8192)
def collapse(word):
    """« euuuh » → « euh », « hummm » → « hum »."""
    return re.sub(r"(.)\1+", r"\1", word)


@cache
def load():
    fillers_data, questions, negative = _read("fillers.yaml"), _read("questions.yaml"), _read("negative.yaml")
    jargon, reformulation, next_step = _read("jargon.yaml"), _read("reformulation.yaml"), _read("next_step.yaml")
    names, rules = _read("names.yaml"), _read("rules.yaml")

    fillers = _filler_rules(fillers_data)
    index = {}
    for rule in fillers:
        for form in rule.forms:
            first = collapse(form[0]) if rule.elongated else form[0]
            index.setdefault(first, []).append((form, rule))
    for entries in index.values():
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    one_word = {form[0] for rule in fillers for form in rule.forms if len(form) == 1}

    interrogatives = {}
    for word, options in questions["interrogatives"].items():
        options = options or {}
        key = str(word).lower() if str(word).lower() in questions["accented"] else fold_same_length(str(word))
        interrogatives[key] = Interrogative(
            word=key,
            unless_previous=_words(options.get("unless_previous")),
            unless_next=_words(options.get("unless_next")),
            restricted=bool(options.get("restricted")),
            noun_follows=bool(options.get("noun_follows")),
            start_only=bool(options.get("start_only")),
            needs_inversion=bool(options.get("needs_inversion")),
        )

    negatives = tuple(
        NegativeRule(
            pattern=entry["pattern"],
            regex=compile_phrase(entry["pattern"]),
            alternative=entry["alternative"],
            unless_next=_words(entry.get("unless_next")),
        )
        for entry in negative["phrases"]
    )

    terms = []
    for entry in jargon["terms"]:
        if "lemma" in entry:
            terms.append(JargonTerm(key=entry["lemma"], plain=entry["plain"], lemma=fold_same_length(entry["lemma"])))
        else:
            terms.append(
                JargonTerm(key=entry["phrase"], plain=entry["plain"], regex=compile_alternatives([entry["phrase"]]))
            )

    return Lexicon(
        fillers=fillers,
        filler_index=index,
        filler_words=frozenset(one_word) | _words(fillers_data.get("pause_words")),
        openers=_words(questions["openers"]),
        accented=frozenset(w.lower() for w in questions["accented"]),
        interrogatives=interrogatives,
        question_prepositions=_words(questions["prepositions"]),
        asking_lemmas=_words(questions["asking_lemmas"]),
        telling_lemmas=_words(questions["telling_lemmas"]),
        trailing_words=_words(questions["trailing_words"]),
        question_verbs=_words(questions["question_verbs"]),
        open_prompts=compile_alternatives(questions["open_prompts"]),
        question_openings=compile_alternatives(questions["question_openings"]),
        negatives=negatives,
        everyday=frozenset(jargon["everyday"]),
        acronyms=dict(jargon["acronyms"]),
        terms=tuple(terms),
        explanation_markers=compile_alternatives(jargon["explanation_markers"]),
        reformulation_markers=compile_alternatives(reformulation["markers"]),
        reformulation_weak_markers=compile_alternatives(reformulation["weak_markers"]),
        reformulation={k: reformulation[k] for k in ("min_shared", "min_overlap", "weak_min_overlap")},
        dates=tuple(re.compile(pattern) for pattern in next_step["dates"]),
        action_lemmas=_words(next_step["action_lemmas"]),
        action_phrases=compile_alternatives(next_step["action_phrases"]),
        closing_turns=int(next_step["closing_turns"]),
        civilities=_words(names["civilities"]),
        role_labels=_words(names["role_labels"]),
        company_words=tuple(names["company_words"]),
        advisor_labels=_words(names["advisor_labels"]),
        advisor_markers=compile_alternatives(names["advisor_markers"]),
        rules=dict(rules),
    )
