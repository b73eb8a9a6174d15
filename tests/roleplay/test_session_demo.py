import io
import random

import pytest

from ere.roleplay import demo_sessions
from ere.roleplay.enums import Mode, RoleKind, Status
from ere.roleplay.models import ForumLine, Observation, PlaySession
from tests.org.factories import AgencyFactory, UserFactory
from tests.roleplay.factories import ScenarioFactory


@pytest.fixture
def demo_people(db):
    agency = AgencyFactory(code="69001")
    for email in ("agent@ere.demo", "conseiller@ere.demo", "referent@ere.demo"):
        UserFactory(email=email, agency=agency)
    UserFactory(email="formateur@ere.demo", trainer=True, agency=agency)
    for n in range(6):
        UserFactory(email=f"agent{n}@francetravail-demo.fr", agency=agency)
    return agency


def load():
    out = io.StringIO()
    demo_sessions.load(random.Random(1), out)
    return out.getvalue()


def test_it_skips_without_a_scenario(demo_people):
    assert "aucune mise en situation publiée" in load()
    assert not PlaySession.objects.exists()


def test_it_skips_without_the_demo_accounts(db):
    ScenarioFactory()

    assert "comptes absents" in load()
    assert not PlaySession.objects.exists()


def test_it_loads_a_played_session_with_two_grids_and_a_forum_with_kept_lines(demo_people):
    ScenarioFactory()

    output = load()

    played = PlaySession.objects.get(code=demo_sessions.ROLEPLAY_CODE)
    assert (played.status, played.mode, played.facilitator.email) == (
        Status.FINISHED,
        Mode.ROLEPLAY,
        "formateur@ere.demo",
    )
    assert played.participants.get(role=RoleKind.ADVISOR).user.email == "agent@ere.demo"
    assert played.participants.get(role=RoleKind.INTERLOCUTOR).user.email == "referent@ere.demo"
    assert Observation.objects.filter(session=played).count() == 6  # two observers, the three criteria of the factory
    forum = PlaySession.objects.get(code=demo_sessions.FORUM_CODE)
    assert forum.mode == Mode.FORUM and forum.scene
    assert ForumLine.objects.filter(session=forum, is_kept=True).count() == 2
    assert forum.participants.filter(role=RoleKind.AUDIENCE).count() == 5
    assert ForumLine.objects.get(session=forum, text__startswith="Beaucoup").voters.count() == 4
    assert "2 sessions terminées" in output


def test_a_second_run_changes_nothing(demo_people):
    ScenarioFactory()
    load()

    assert "(rien à changer)" in load()
