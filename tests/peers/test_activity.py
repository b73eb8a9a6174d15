"""Entraide's activity for those who oversee agencies: aggregates only, groups under USAGE_MIN_GROUP suppressed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.peers import activity
from ere.peers.enums import PostKind, RequestStatus
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import HelpRequestFactory, PostFactory

URL = reverse("peers:activity")


@pytest.fixture(autouse=True)
def agency_codes():
    """Generated agencies take codes the fixed ones (69001, 38001) never have, whatever ran before."""
    AgencyFactory.reset_sequence(1000)


def people(agency, count, prefix="Demandeur"):
    return [UserFactory(first_name=prefix, last_name=f"Numéro{n}", agency=agency) for n in range(count)]


def ask(requesters, tool, helpers=(), resolved=0, hours=2.0):
    """One request per requester on `tool`, asked now (this month, whatever the time); the first `len(helpers)` are
    accepted `hours` later, the first `resolved` of those resolved."""
    created = timezone.now()
    accepted = created + datetime.timedelta(hours=hours)
    made = []
    for n, requester in enumerate(requesters):
        fields = {}
        if n < len(helpers):
            status = RequestStatus.RESOLVED if n < resolved else RequestStatus.ACCEPTED
            fields = {"status": status, "helper": helpers[n], "accepted_at": accepted}
        made.append(HelpRequestFactory(requester=requester, tool=tool, created_at=created, **fields))
    return made


def this_month(figures):
    return figures.months[-1]


@pytest.fixture
def tool(db):
    return ToolFactory(name="Agenda partagé")


@pytest.mark.parametrize("role", ["manager", "territory_manager", "analyst", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", ["agent", "champion", "trainer"])
def test_those_who_use_entraide_do_not_see_its_activity(login, request, role):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_a_manager_may_not_look_at_another_agency(login, other_manager, manager, agency):
    assert login(other_manager).get(URL, {"agence": agency.code}).status_code == 403
    assert login(manager).get(URL, {"agence": agency.code}).status_code == 200
    assert login(manager).get(URL, {"agence": "inconnue"}).status_code == 404


def test_it_counts_requests_resolutions_delays_and_helpers_of_the_month(agency, tool):
    helpers = people(agency, 3, "Aidant")
    ask(people(agency, 6), tool, helpers=[*helpers, helpers[0]], resolved=3, hours=3)
    month = this_month(activity.activity([agency], timezone.localdate(), min_group=5))
    assert month.asked.value == 6
    assert month.resolved.value == 3
    assert month.share.value == 50
    assert month.median_hours.value == pytest.approx(3, abs=0.01)
    assert month.helpers.value == 3


def test_a_month_with_fewer_than_five_people_shows_no_figure(agency, tool):
    ask(people(agency, 4), tool)
    month = this_month(activity.activity([agency], timezone.localdate(), min_group=5))
    assert month.suppressed
    assert all(f.suppressed for f in (month.asked, month.resolved, month.share, month.median_hours, month.helpers))


def test_helpers_count_in_the_group_of_a_figure(agency, tool):
    helpers = people(agency, 2, "Aidant")
    ask(people(agency, 3), tool, helpers=helpers, resolved=2)
    month = this_month(activity.activity([agency], timezone.localdate(), min_group=5))
    assert month.asked.value == 3  # 3 requesters and 2 helpers: 5 people
    assert month.resolved.suppressed  # 2 resolved: 2 requesters and 2 helpers
    assert month.share.suppressed  # or the share would give the resolved count back


def test_the_most_asked_tools_are_shown_when_enough_people_asked(agency, tool):
    ask(people(agency, 6), tool)
    ask(people(agency, 2, "Autre"), ToolFactory(name="Visio Conseil"))
    figures = activity.activity([agency], timezone.localdate(), min_group=5)
    assert [(row.name, row.requests) for row in figures.tools] == [("Agenda partagé", 6)]
    assert figures.hidden_tools == 1


def test_tips_and_questions_are_counted_over_their_authors(agency, tool):
    for author in people(agency, 5, "Auteur"):
        PostFactory(author=author, tool=tool)
    PostFactory(author=UserFactory(agency=agency), tool=tool, kind=PostKind.QUESTION, title="Une question ?")
    month = this_month(activity.activity([agency], timezone.localdate(), min_group=5))
    assert month.tips.value == 5
    assert month.questions.suppressed


def test_only_the_agencies_in_scope_count(agency, other_agency, tool):
    ask(people(other_agency, 6), tool)
    assert this_month(activity.activity([agency], timezone.localdate(), min_group=5)).suppressed


def test_it_lists_six_months_the_oldest_first():
    assert activity.last_months(datetime.date(2026, 3, 15)) == [
        datetime.date(2025, 10, 1),
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]


def test_the_page_shows_figures_a_chart_and_no_name(login, manager, agency, tool):
    helpers = people(agency, 2, "Aidante")
    requesters = people(agency, 6)
    ask(requesters, tool, helpers=helpers, resolved=1)
    content = login(manager).get(URL).content.decode()
    assert 'id="fig-peers-months"' in content
    assert "vendor/plotly.min.js" in content
    assert "Agenda partagé" in content
    for person in (*helpers, *requesters):
        assert person.last_name not in content
    assert "Demandeur" not in content and "Aidante" not in content


def test_the_page_suppresses_small_groups_and_says_why(login, manager, agency, tool):
    requesters = people(agency, 3)
    ask(requesters, tool)
    response = login(manager).get(URL)
    content = response.content.decode()
    assert response.context["figure"] is None
    assert "non affiché : moins de 5 personnes" in content
    assert "Agenda partagé" not in content  # asked by 3 people only
    assert "1 autre applicatif" in content
    assert "Demandeur" not in content


def test_a_territory_manager_chooses_one_of_their_agencies(login, territory_manager, agency, tool):
    ask(people(agency, 6), tool)
    response = login(territory_manager).get(URL, {"agence": agency.code})
    assert response.context["selected"] == agency
    assert this_month(response.context["figures"]).asked.value == 6
