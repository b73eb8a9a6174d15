"""The annotated calls (ere/roleplay/transcript/annotated/): size, markup, and the floors of precision and recall.

The floors sit just under the figures measured when the set was written (docs/transcript-analysis.md): a change of
lexicon or rule that loses accuracy fails here.
"""

import pytest

from ere.roleplay.transcript import analyze, parse
from ere.roleplay.transcript.annotated.evaluate import evaluate, load_calls, strip_markup

FLOORS = {
    "open": {"precision": 0.95, "recall": 0.93},
    "closed": {"precision": 0.93, "recall": 0.95},
    "fillers": {"precision": 0.95, "recall": 0.95},
}


@pytest.fixture(scope="module")
def calls():
    return load_calls()


@pytest.fixture(scope="module")
def result(calls):
    return evaluate(calls)


def test_the_set_has_at_least_200_dialogue_lines_in_several_calls(calls):
    assert sum(len(call.lines) for call in calls) >= 200
    assert len(calls) >= 8


def test_the_set_labels_enough_of_each_class(calls):
    kinds = [kind for call in calls for _, kind, _ in call.questions]
    assert kinds.count("open") >= 40
    assert kinds.count("closed") >= 40
    assert sum(len(call.fillers) for call in calls) >= 60


def test_the_markup_is_stripped_with_the_offsets_of_what_it_marks():
    clean, questions, fillers = strip_markup("{Euh}, vous recrutez ? [fermée] Pour quel poste ? [ouverte]")
    assert clean == "Euh, vous recrutez ? Pour quel poste ?"
    assert questions == [("closed", 20), ("open", 38)]
    assert fillers == [("Euh", 0, 3)]


@pytest.mark.parametrize(("measure", "floor"), [(m, f) for m, floors in FLOORS.items() for f in floors.items()])
def test_precision_and_recall_stay_above_their_floor(result, measure, floor):
    name, value = floor
    assert result[measure][name] >= value, result["errors"]


def test_the_advisor_of_every_call_is_inferred(calls):
    for call in calls:
        assert analyze(parse(call.text)).advisor == call.advisor, call.name
