import pytest
from django.urls import reverse

from tests.catalog.factories import ToolFactory, ToolUpdateFactory
from tests.org.factories import UserFactory


def test_it_checks_access(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_an_agent_their_news(login, agent):
    tool = ToolFactory(name="Agenda partagé")
    ToolUpdateFactory(tool=tool, title="Nouvelle vue semaine")
    response = login(agent).get(reverse("core:home"))
    assert response.status_code == 200
    assert "Nouvelle vue semaine" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["manager", "territory_manager", "analyst", "admin_user"])
def test_it_gives_overseers_their_agencies(request, login, user_fixture, agency):
    user = request.getfixturevalue(user_fixture)
    response = login(user).get(reverse("core:home"))
    assert response.status_code == 200
    assert agency.name in response.content.decode()


def test_it_shows_an_agent_no_agency_overview(login, agent, agency):
    response = login(agent).get(reverse("core:home"))
    assert "Voir la fiche de l'agence" not in response.content.decode()


def test_it_tells_an_agent_who_can_help_in_their_agency(login, agent, champion, other_agency):
    tool = ToolFactory(name="Dialogue Entreprises", champions=[champion])
    far_champion = UserFactory(champion=True, agency=other_agency, last_name="Lointain")
    tool.champions.add(far_champion)
    response = login(agent).get(reverse("core:home"))
    html = response.content.decode()
    assert "Qui peut m'aider dans mon agence ?" in html
    assert champion.get_full_name() in html
    assert "Dialogue Entreprises" in html
    assert "Lointain" not in html
