"""The demo calls of the demo agent: analysed by the real analyzer at load time, showing progress, idempotent."""

import io
import random

import pytest

from ere.org.access import can
from ere.roleplay import demo_transcripts, transcripts
from ere.roleplay.demo_transcripts import SESSION_SCENARIOS
from ere.roleplay.models import PlaySession, Transcript, TranscriptComment
from tests.catalog.factories import GlossaryTermFactory
from tests.org.factories import UserFactory
from tests.roleplay.factories import ScenarioFactory


@pytest.fixture
def demo_people(agency):
    people = {
        "agent": UserFactory(email="agent@ere.demo", first_name="Sophie", last_name="Garnier", agency=agency),
        "trainer": UserFactory(email="formateur@ere.demo", trainer=True, agency=agency),
        "champion": UserFactory(email="referent@ere.demo", champion=True, agency=agency),
        "partner": UserFactory(email="conseiller@ere.demo", agency=agency),
    }
    for acronym, meaning in [
        ("DPAE", "déclaration préalable à l'embauche"),
        ("MRS", "méthode de recrutement par simulation"),
        ("POEI", "préparation opérationnelle à l'emploi individuelle"),
        ("PMSMP", "période de mise en situation en milieu professionnel"),
        ("AFPR", "action de formation préalable au recrutement"),
    ]:
        GlossaryTermFactory(acronym=acronym, meaning=meaning)
    for slug in SESSION_SCENARIOS.values():
        ScenarioFactory(slug=slug)
    return people


def load():
    out = io.StringIO()
    demo_transcripts.load(random.Random(0), out)
    return out.getvalue()


def test_it_loads_six_analysed_calls_that_show_progress(demo_people):
    summary = load()
    assert "6 appels" in summary
    agent = demo_people["agent"]
    points = transcripts.progress(agent)
    assert len(points) == 6
    first, last = points[0].values, points[-1].values
    assert first["filler_rate"] > last["filler_rate"]
    assert first["open_share"] < last["open_share"]
    assert first["jargon_rate"] > last["jargon_rate"] == 0
    assert all(t.analysis["advisor"] == "Sophie" for t in Transcript.objects.filter(owner=agent))
    stored = Transcript.objects.get(title=demo_transcripts.CALLS[0][1])
    assert stored.analysis["findings"]  # computed by the analyzer, not written in the loader


def test_the_session_calls_are_commented_by_the_trainer_and_the_champion(demo_people):
    load()
    commented = Transcript.objects.filter(session__isnull=False)
    assert commented.count() == 2
    authors = set(TranscriptComment.objects.values_list("author__email", flat=True))
    assert authors == {"formateur@ere.demo", "referent@ere.demo"}
    for transcript in commented:
        assert can(demo_people["trainer"], "roleplay.transcript", transcript)
        assert can(demo_people["champion"], "roleplay.transcript", transcript)
        assert transcripts.comparison(transcript)[0].observations
    alone = Transcript.objects.filter(session__isnull=True).first()
    assert not can(demo_people["trainer"], "roleplay.transcript", alone)


def test_a_second_load_changes_nothing(demo_people):
    load()
    counts = (Transcript.objects.count(), TranscriptComment.objects.count(), PlaySession.objects.count())
    assert "rien à changer" in load()
    assert (Transcript.objects.count(), TranscriptComment.objects.count(), PlaySession.objects.count()) == counts


def test_without_a_scenario_the_calls_load_alone(agency):
    UserFactory(email="agent@ere.demo", agency=agency)
    assert "6 appels" in load()
    assert not Transcript.objects.filter(session__isnull=False).exists()
    assert not TranscriptComment.objects.exists()


def test_without_the_demo_agent_it_loads_nothing(db):
    assert "absent" in load()
    assert not Transcript.objects.exists()
