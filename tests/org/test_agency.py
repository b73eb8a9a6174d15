import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory


def _url(agency):
    return reverse("org:agency", args=[agency.code])


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "other_manager"])
def test_it_checks_access(client, login, request, role, agency):
    response = client.get(_url(agency))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    response = login(request.getfixturevalue(role)).get(_url(agency))
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["manager", "territory_manager", "analyst", "admin_user"])
def test_it_opens_to_those_who_oversee_the_agency(login, request, role, agency):
    response = login(request.getfixturevalue(role)).get(_url(agency))
    assert response.status_code == 200
    assert "<h1>Agence Lyon Part-Dieu</h1>" in response.content.decode()


def test_a_territory_manager_reaches_their_territory_but_not_another(login, territory_manager, agency, other_agency):
    neighbour = AgencyFactory(name="Agence Villeurbanne", territory=agency.territory)
    client = login(territory_manager)
    assert client.get(_url(neighbour)).status_code == 200
    assert client.get(_url(other_agency)).status_code == 403


def test_a_manager_of_another_agency_is_refused(login, other_manager, agency, other_agency):
    client = login(other_manager)
    assert client.get(_url(other_agency)).status_code == 200
    assert client.get(_url(agency)).status_code == 403


def test_it_answers_404_for_an_unknown_agency(login, admin_user):
    assert login(admin_user).get(reverse("org:agency", args=["99999"])).status_code == 404


def test_it_shows_the_team_and_the_coverage_of_tools(login, manager, agent, champion, agency, other_agency):
    UserFactory(agency=agency, is_active=False)
    covered = ToolFactory(name="Agenda partagé", champions=[champion])
    ToolFactory(name="Outil de diagnostic")
    ToolFactory(name="Ancien outil", retired=True)
    other_champion = UserFactory(champion=True, agency=other_agency)
    ToolFactory(name="Outil couvert ailleurs", champions=[other_champion])
    ToolFactory(name="Nouvel outil", launched_on=timezone.localdate() - datetime.timedelta(days=5))

    response = login(manager).get(_url(agency))
    context = response.context
    assert context["headcount"] == 3
    assert context["covered_tools"] == [covered]
    assert {t.name for t in context["uncovered_tools"]} == {
        "Outil de diagnostic",
        "Outil couvert ailleurs",
        "Nouvel outil",
    }
    assert [t.name for t in context["new_tools"]] == ["Nouvel outil"]
    assert dict(context["roles"]) == {"Conseiller": 1, "Référent numérique": 1, "Manager": 1}
    content = response.content.decode()
    assert "Bruno Petit" in content
    assert "Ancien outil" not in content
    assert "1 / 4" in content
