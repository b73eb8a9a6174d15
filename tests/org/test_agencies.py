import pytest
from django.urls import reverse

from tests.org.factories import AgencyFactory, UserFactory


@pytest.mark.parametrize("role", ["agent", "champion", "trainer"])
def test_it_checks_access(client, login, request, role):
    response = client.get(reverse("org:agencies"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    response = login(request.getfixturevalue(role)).get(reverse("org:agencies"))
    assert response.status_code == 403


def test_it_shows_a_manager_only_their_agency(login, manager, agency, other_agency):
    response = login(manager).get(reverse("org:agencies"))
    assert response.status_code == 200
    content = response.content.decode()
    assert agency.name in content
    assert reverse("org:agency", args=[agency.code]) in content
    assert other_agency.name not in content


def test_it_shows_a_territory_manager_the_agencies_of_their_territory(login, territory_manager, agency, other_agency):
    neighbour = AgencyFactory(name="Agence Villeurbanne", territory=agency.territory)
    content = login(territory_manager).get(reverse("org:agencies")).content.decode()
    assert agency.name in content
    assert neighbour.name in content
    assert other_agency.name not in content


@pytest.mark.parametrize("role", ["analyst", "admin_user"])
def test_it_shows_analysts_and_admins_every_agency(login, request, role, agency, other_agency):
    content = login(request.getfixturevalue(role)).get(reverse("org:agencies")).content.decode()
    assert agency.name in content
    assert other_agency.name in content


def test_it_counts_active_members_champions_and_employer_advisors(login, manager, agent, champion, agency):
    UserFactory(agency=agency, specialty="job_seekers")
    UserFactory(agency=agency, is_active=False)
    response = login(manager).get(reverse("org:agencies"))
    row = {a.code: a for a in response.context["agencies"]}[agency.code]
    # alice (employers), bruno (champion, employers), diane (manager), the job-seekers advisor; not the inactive one.
    assert row.agents == 4
    assert row.champions == 1
    assert row.employer_advisors == 2
