import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.practice.models import PracticeAnswer, PracticeQuarter, week_start
from ere.practice.participation import last_weeks, participation
from tests.org.factories import AgencyFactory, UserFactory
from tests.skills.factories import ItemFactory

URL = reverse("practice:participation")
THIS_WEEK = week_start()
LAST_WEEK = THIS_WEEK - datetime.timedelta(days=7)


def text(response):
    return html.unescape(response.content.decode())


def team(agency, size, role="agent"):
    return [UserFactory(agency=agency, role=role) for _ in range(size)]


def done(users, week, answers=None):
    for user in users:
        quarter = PracticeQuarter.objects.create(
            user=user, week=week, started_at=timezone.now(), finished_at=timezone.now()
        )
        for item, correct in answers or [(ItemFactory(), True)]:
            PracticeAnswer.objects.create(quarter=quarter, item=item, answer={"choice": "a"}, correct=correct)


@pytest.mark.parametrize(
    "role, status",
    [("agent", 403), ("champion", 403), ("trainer", 403), ("manager", 200), ("analyst", 200), ("admin_user", 200)],
)
def test_it_checks_access(client, login, request, role, status):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == status


def test_it_gives_the_share_of_agents_who_finished_their_quarter_each_week(agency):
    agents = team(agency, 8) + team(agency, 2, role="champion")
    UserFactory(agency=agency, manager=True)  # not counted: managers are not asked to practise
    UserFactory(agency=agency, is_active=False)  # not counted: the account is closed
    done(agents[:6], LAST_WEEK)
    done(agents[:3], THIS_WEEK)
    PracticeQuarter.objects.create(user=agents[9], week=THIS_WEEK, started_at=timezone.now())  # not finished

    figures = participation([agency], timezone.localdate(), min_group=5)

    (row,) = figures.rows
    assert row.agents == 10
    assert [cell.rate for cell in row.cells][-2:] == [60, 30]
    assert [cell.rate for cell in row.cells][:-2] == [0] * 6
    assert figures.weeks == last_weeks(timezone.localdate()) and figures.weeks[-1] == THIS_WEEK


def test_an_agency_under_five_agents_is_not_shown_and_left_out_of_the_totals(agency, other_agency):
    big = team(agency, 6)
    small = team(other_agency, 4)
    done(big[:3], LAST_WEEK)
    done(small, LAST_WEEK)

    figures = participation([agency, other_agency], timezone.localdate(), min_group=5)

    assert [row.suppressed for row in figures.rows] == [False, True]
    assert figures.rows[1].cells == []
    assert figures.total.agents == 6
    assert figures.total.cells[-2].rate == 50


def test_the_page_shows_rates_and_suppressions_but_no_score_and_no_name(login, analyst, agency, other_agency):
    big = team(agency, 5)
    small = team(other_agency, 3)
    item = ItemFactory()
    done(big[:4], LAST_WEEK, answers=[(item, False)])
    done(small[:1], LAST_WEEK, answers=[(item, True)])

    content = text(login(analyst).get(URL))

    assert "80 %" in content
    assert "Agence Grenoble" in content
    assert "moins de 5 agents : non affiché" in content
    assert "Semaine en cours" in content
    for user in big + small:
        assert user.last_name not in content
        assert user.email not in content
    assert item.stem not in content
    assert "bonne réponse" not in content
    assert "juste" not in content
    assert "score" not in content.lower()


def test_another_agencys_manager_sees_nothing_of_agency_a(login, other_manager, agency, other_agency):
    team(other_agency, 5)
    done(team(agency, 5), LAST_WEEK)

    content = text(login(other_manager).get(URL))

    assert "Agence Grenoble" in content
    assert "Agence Lyon Part-Dieu" not in content
    assert "100 %" not in content


def test_a_territory_manager_sees_each_agency_of_the_territory_and_their_total(login, territory_manager, agency):
    neighbour = AgencyFactory(name="Agence Villeurbanne", territory=agency.territory)
    done(team(agency, 5), LAST_WEEK)
    done(team(neighbour, 5)[:1], LAST_WEEK)

    content = text(login(territory_manager).get(URL))

    assert "Agence Lyon Part-Dieu" in content and "Agence Villeurbanne" in content
    assert "Ensemble" in content
    assert "100 %" in content and "20 %" in content and "60 %" in content


def test_a_manager_alone_in_a_small_agency_sees_only_the_suppression(login, manager, agency):
    done(team(agency, 2), LAST_WEEK)

    content = text(login(manager).get(URL))

    assert "moins de 5 agents : non affiché" in content
    assert "%" not in content.split("<tbody>")[1].split("</tbody>")[0]


def test_a_quarter_whose_questions_were_all_skipped_does_not_count_as_practice(agent):
    from ere.practice.models import PracticeQuarter, week_start
    from ere.practice.quarters import streak

    PracticeQuarter.objects.create(user=agent, week=week_start(), finished_at=timezone.now(), skipped=["x"])
    assert not PracticeQuarter.practised().exists()
    assert streak(agent) == 0
