import pytest
from django.urls import reverse

from ere.roleplay.enums import Mode, RoleKind
from ere.roleplay.models import PlaySession
from tests.roleplay.factories import ScenarioFactory
from tests.roleplay.session_helpers import REFUSED, text


@pytest.fixture
def scenario(db):
    return ScenarioFactory(slug="premier-recrutement", minutes=12)


URL = reverse("roleplay:session_create", args=["premier-recrutement"])


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_it_checks_access(client, login, request, scenario, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_managers_and_analysts_cannot_open_a_session(login, request, scenario, role):
    client = login(request.getfixturevalue(role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"mode": "roleplay", "duration": 10, "my_role": "observe"}).status_code == 403
    assert not PlaySession.objects.exists()


def test_the_form_proposes_the_scenarios_duration(login, trainer, scenario):
    content = text(login(trainer).get(URL))

    assert 'value="12"' in content
    assert "Jeu de rôle" in content and "Théâtre forum" in content
    assert "J'anime et je remplis la grille d'observation" in content


def test_an_unpublished_or_unknown_scenario_is_not_found(login, trainer, scenario):
    ScenarioFactory(slug="brouillon", is_published=False)

    assert login(trainer).get(reverse("roleplay:session_create", args=["brouillon"])).status_code == 404
    assert login(trainer).get(reverse("roleplay:session_create", args=["inconnu"])).status_code == 404


def test_a_peer_opens_a_forum_session_and_lands_in_its_room(login, agent, scenario):
    response = login(agent).post(URL, {"mode": "forum", "duration": 8, "my_role": "facilitate"})

    session = PlaySession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("roleplay:session", args=[session.code])
    assert (session.facilitator, session.mode, session.duration, session.agency) == (
        agent,
        Mode.FORUM,
        8,
        agent.agency,
    )
    assert not session.participants.exists()


def test_the_facilitator_who_observes_gets_an_observer_seat(login, trainer, scenario):
    login(trainer).post(URL, {"mode": "roleplay", "duration": 12, "my_role": "observe"})

    assert PlaySession.objects.get().participants.get().role == RoleKind.OBSERVER


def test_bad_input_gets_french_messages(login, trainer, scenario):
    response = login(trainer).post(URL, {"mode": "opera", "duration": "0", "my_role": ""})

    content = text(response)
    assert response.status_code == 400
    assert "Choisissez un déroulé proposé." in content
    assert "Le jeu dure au moins 1 minute." in content
    assert "Choisissez votre rôle." in content
    assert not PlaySession.objects.exists()
