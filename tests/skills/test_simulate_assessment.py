"""The simulate_assessment command: the current bank, read from the database, through the simulation."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ere.skills.enums import ItemStatus
from ere.skills.models import Area, Item, Skill
from tests.catalog.factories import ToolFactory

pytestmark = pytest.mark.django_db

REQUIRED_KEYS = {
    "learners",
    "max_items",
    "within_one_level",
    "fixed_order_within_one_level",
    "mean_items",
    "next_item_ms_p95",
}


def make_item(skill, uid, difficulty, discrimination=1.3, **fields):
    return Item.objects.create(
        uid=uid,
        skill=skill,
        kind="single",
        stem="Où retrouvez-vous une offre publiée la veille ?",
        data={
            "choices": [
                {"id": "a", "text": "Dans « Mes offres »", "correct": True, "feedback": "C'est bien là."},
                {"id": "b", "text": "Dans l'agenda", "correct": False, "feedback": "L'agenda liste les rendez-vous."},
            ]
        },
        difficulty=difficulty,
        discrimination=discrimination,
        **fields,
    )


@pytest.fixture
def bank():
    """A tool area of 8 items and a CRCN domain of 5, plus a draft and a sandbox mission the diagnostic skips."""
    tool = Area.objects.create(kind="tool", tool=ToolFactory(), code="suivi-offres", name="Suivi des offres")
    publish = Skill.objects.create(area=tool, code="suivi-offres-publier", name="Publier une offre")
    for n, difficulty in enumerate((-2.0, -1.2, -0.6, 0.0, 0.4, 0.9, 1.5, 2.2)):
        make_item(publish, f"suivi-offres-{n:03}", difficulty)
    make_item(publish, "suivi-offres-brouillon", 0.0, status=ItemStatus.DRAFT)
    make_item(publish, "suivi-offres-mission", 0.0, use_in_diagnostic=False)
    crcn = Area.objects.create(kind="crcn", code="crcn-1", name="Information et données")
    search = Skill.objects.create(area=crcn, code="crcn-1-1", name="Mener une recherche et une veille d'information")
    for n, difficulty in enumerate((-1.5, -0.5, 0.3, 1.0, 2.0)):
        make_item(search, f"crcn-1-1-{n:03}", difficulty, discrimination=1.6)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("simulate_assessment", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_simulation_of_the_current_bank_as_json(bank):
    out, _ = run("--learners", "40", "--max-items", "4", "--seed", "3", "--json")
    result = json.loads(out)

    assert result.keys() >= REQUIRED_KEYS
    assert result["learners"] == 40 and result["max_items"] == 4 and result["seed"] == 3
    assert result["areas"] == 2 and result["items"] == 13
    assert set(result["per_scale"]) == {"tool", "crcn"}
    assert 0 <= result["within_one_level"] <= 1
    assert result["mean_items"] <= 4


def test_the_same_seed_gives_the_same_result(bank):
    first = json.loads(run("--learners", "30", "--max-items", "3", "--json")[0])
    second = json.loads(run("--learners", "30", "--max-items", "3", "--json")[0])

    for timing in ("next_item_ms_p50", "next_item_ms_p95"):
        first.pop(timing), second.pop(timing)
    assert first == second


def test_it_prints_a_summary_in_french_by_default(bank):
    out, _ = run("--learners", "25", "--max-items", "5")

    assert "Simulation du diagnostic adaptatif : 25 apprenants, 5 questions au plus par domaine" in out
    assert "Banque : 2 domaines, 13 questions utilisables en diagnostic." in out
    assert "à un niveau près : adaptatif" in out
    assert "CRCN (8 niveaux)" in out
    assert "Simulation terminée" in out


def test_it_reports_progress_on_stderr_for_large_runs(bank):
    out, err = run("--learners", "1000", "--max-items", "2", "--json")

    assert "Simulation : 1\u202f000 apprenants sur 1\u202f000…" in err
    assert json.loads(out)["learners"] == 1000


def test_it_refuses_an_empty_bank():
    with pytest.raises(CommandError, match="La banque de questions est vide"):
        run("--learners", "10", "--max-items", "5")


def test_it_refuses_a_bank_with_no_item_for_the_diagnostic():
    area = Area.objects.create(kind="crcn", code="crcn-2", name="Communication et collaboration")
    skill = Skill.objects.create(area=area, code="crcn-2-1", name="Interagir")
    make_item(skill, "crcn-2-1-brouillon", 0.0, status=ItemStatus.DRAFT)

    with pytest.raises(CommandError, match="La banque de questions est vide"):
        run("--learners", "10", "--max-items", "5")


@pytest.mark.parametrize(
    "args, message",
    [
        (("--learners", "0"), "il faut au moins un apprenant simulé"),
        (("--max-items", "0"), "il faut au moins une question par domaine"),
        (("--seed", "-1"), "la graine est un entier positif ou nul"),
    ],
)
def test_it_rejects_arguments_out_of_range(bank, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
