"""The annotated evaluation set: precision and recall of question classification and filler detection.

calls/*.txt are phone calls between an advisor and an employer, written for this set, in the text format
(« Nom : texte ») with an inline markup that `strip_markup` removes before the analysis:

    {euh}, {du coup}   a filler, braced where it is one (« voilà le lien » is not braced)
    [ouverte]          after a question sentence (after its « ? », or at its end when it has none): an open question
    [fermée]           the same for a closed question
    # …                a comment line; « # conseiller : Nom » names the advisor of the call

Questions are matched by line and position (a predicted question matches the annotated one whose tag falls at its
end); fillers by line and filler (per occurrence: 2 annotated « euh » and 3 found on a line are 2 right, 1 wrong).

    python ere/roleplay/transcript/annotated/evaluate.py            # the figures
    python ere/roleplay/transcript/annotated/evaluate.py --errors   # and every disagreement
"""

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `ere` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[4]))

from ere.roleplay.transcript.analyzer import analyze
from ere.roleplay.transcript.lexicon import collapse, fold_same_length, load
from ere.roleplay.transcript.parsers import parse

CALLS_DIR = Path(__file__).parent / "calls"
KINDS = {"ouverte": "open", "fermée": "closed"}
_MARKUP = re.compile(r"\{([^{}]+)\}| ?\[(ouverte|fermée)\]")
_DIALOGUE = re.compile(r"^(?P<speaker>[^:]+?) : (?P<text>.*)$")
_ADVISOR = re.compile(r"^#\s*conseill(?:er|ère)\s*:\s*(?P<name>.+?)\s*$")


@dataclass
class AnnotatedCall:
    name: str
    advisor: str | None
    text: str  # the transcript without markup, in the text format
    lines: list = field(default_factory=list)  # clean text of each dialogue line
    questions: list = field(default_factory=list)  # (line, kind, offset of the question's end)
    fillers: list = field(default_factory=list)  # (line, filler entry, text)


def strip_markup(text):
    """(clean text, [(kind, end offset)], [(filler text, start, end)]) of one line's text."""
    clean, questions, fillers, last = [], [], [], 0
    length = 0
    for match in _MARKUP.finditer(text):
        before = text[last : match.start()]
        clean.append(before)
        length += len(before)
        if match.group(1) is not None:
            fillers.append((match.group(1), length, length + len(match.group(1))))
            clean.append(match.group(1))
            length += len(match.group(1))
        else:
            questions.append((KINDS[match.group(2)], length))
        last = match.end()
    clean.append(text[last:])
    return "".join(clean), questions, fillers


def _filler_names():
    names = {}
    for rule in load().fillers:
        for form in rule.forms:
            names[" ".join(form)] = rule.name
    return names


def filler_entry(text, names=None):
    """The lexicon entry an annotated filler counts as (« Heu » → « euh »), else its folded text."""
    names = names if names is not None else _filler_names()
    folded = " ".join(fold_same_length(text).split())
    return names.get(folded) or names.get(collapse(folded)) or folded


def read_call(path):
    names = _filler_names()
    call = AnnotatedCall(name=path.stem, advisor=None, text="")
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            match = _ADVISOR.match(raw)
            if match:
                call.advisor = match["name"]
            continue
        if not raw.strip():
            continue
        match = _DIALOGUE.match(raw)
        if not match:
            raise ValueError(f"{path.name} : ligne sans « Nom : texte » : {raw!r}")
        clean, questions, fillers = strip_markup(match["text"])
        number = len(call.lines) + 1
        call.lines.append(clean)
        call.questions += [(number, kind, offset) for kind, offset in questions]
        call.fillers += [(number, filler_entry(text, names), text) for text, _, _ in fillers]
        out.append(f"{match['speaker']} : {clean}")
    call.text = "\n".join(out) + "\n"
    return call


def load_calls(directory=CALLS_DIR):
    return [read_call(path) for path in sorted(Path(directory).glob("*.txt"))]


def _scores(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate(calls=None):
    """{"open", "closed", "questions", "fillers": {precision, recall, f1, tp, fp, fn}, "lines", "calls", "errors"}."""
    calls = load_calls() if calls is None else calls
    pairs = []  # (annotated kind or None, found kind or None, where)
    filler_counts = Counter()  # (tp, fp, fn)
    errors = []
    lines = 0
    for call in calls:
        transcript = parse(call.text, format="text")
        if [line.text for line in transcript.lines] != call.lines:
            raise ValueError(f"{call.name} : le texte lu diffère du texte annoté (balisage à vérifier).")
        lines += len(transcript.lines)
        analysis = analyze(transcript, advisor=call.advisor)
        found = {}
        for question in analysis.questions:
            found.setdefault(question.line, []).append(question)
        for number, kind, offset in call.questions:
            match = next((q for q in found.get(number, []) if q.start < offset <= q.end + 1), None)
            if match is not None:
                found[number].remove(match)
            where = (call.name, number, call.lines[number - 1][max(0, offset - 60) : offset])
            pairs.append((kind, match.kind if match else None, where))
        for number, questions in found.items():
            for question in questions:
                pairs.append((None, question.kind, (call.name, number, question.text)))
        annotated = Counter((number, word) for number, word, _ in call.fillers)
        detected = Counter((f.line, f.word) for f in analysis.fillers)
        for key in annotated.keys() | detected.keys():
            right = min(annotated[key], detected[key])
            filler_counts["tp"] += right
            filler_counts["fp"] += detected[key] - right
            filler_counts["fn"] += annotated[key] - right
            if annotated[key] != detected[key]:
                errors.append(("filler", call.name, key[0], key[1], annotated[key], detected[key]))
    result = {"calls": len(calls), "lines": lines}
    for kind in ("open", "closed"):
        tp = sum(1 for a, f, _ in pairs if a == kind and f == kind)
        fp = sum(1 for a, f, _ in pairs if f == kind and a != kind)
        fn = sum(1 for a, f, _ in pairs if a == kind and f != kind)
        result[kind] = _scores(tp, fp, fn)
    result["questions"] = _scores(
        sum(1 for a, f, _ in pairs if a and f),
        sum(1 for a, f, _ in pairs if f and not a),
        sum(1 for a, f, _ in pairs if a and not f),
    )
    result["fillers"] = _scores(filler_counts["tp"], filler_counts["fp"], filler_counts["fn"])
    errors += [("question", *where, annotated, found) for annotated, found, where in pairs if annotated != found]
    result["errors"] = errors
    return result


def report(result):
    rows = [
        ("questions ouvertes", result["open"]),
        ("questions fermées", result["closed"]),
        ("questions (repérage)", result["questions"]),
        ("mots de remplissage", result["fillers"]),
    ]
    out = [f"Jeu annoté : {result['calls']} appels, {result['lines']} répliques"]
    out.append(f"{'':22} {'précision':>9} {'rappel':>7} {'F1':>6} {'VP':>4} {'FP':>4} {'FN':>4}")
    for label, s in rows:
        figures = f"{s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}"
        out.append(f"{label:22} {figures} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4}")
    return "\n".join(out)


if __name__ == "__main__":
    result = evaluate()
    print(report(result))
    if "--errors" in sys.argv:
        for error in result["errors"]:
            print(" · ".join(str(part) for part in error))
