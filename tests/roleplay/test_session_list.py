import pytest
from django.urls import reverse

from ere.roleplay import sessions
from ere.roleplay.enums import RoleKind
from tests.roleplay.factories import ParticipantFactory, PlaySessionFactory, ScenarioFactory
from tests.roleplay.session_helpers import REFUSED, text

URL = reverse("roleplay:session_list")


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_managers_and_analysts_see_no_session(login, request, role):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_it_lists_my_sessions_open_first_with_my_role(login, agent, trainer):
    done = PlaySessionFactory(facilitator=trainer, scenario=ScenarioFactory(title="Relancer une entreprise"))
    ParticipantFactory(session=done, user=agent, role=RoleKind.ADVISOR)
    sessions.finish(done)
    PlaySessionFactory(facilitator=agent, scenario=ScenarioFactory(title="Négocier un délai"))
    PlaySessionFactory(scenario=ScenarioFactory(title="Celle d'un autre"))

    content = text(login(agent).get(URL))

    assert content.index("Négocier un délai") < content.index("Relancer une entreprise")
    assert "Celle d'un autre" not in content
    assert "Animateur" in content and "Conseiller" in content
    assert reverse("roleplay:session_results", args=[done.code]) in content


def test_it_has_an_empty_state(login, agent):
    assert "Aucune session pour l'instant" in text(login(agent).get(URL))


def test_it_pages_the_sessions(login, agent, django_assert_max_num_queries):
    scenario = ScenarioFactory()
    for _ in range(25):
        PlaySessionFactory(facilitator=agent, scenario=scenario)
    client = login(agent)

    with django_assert_max_num_queries(10):
        first = client.get(URL)
    assert text(first).count("Code ") == 20
    assert text(client.get(URL, {"page": 2})).count("Code ") == 5
