"""The agent's profile and learning path, an exercise, and the team's shared skills."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.catalog.models import Resource
from ere.org.enums import Role
from ere.practice.models import ReviewCard
from ere.skills import items
from ere.skills.enums import AssessmentStatus, Frequency
from ere.skills.models import Assessment, AssessmentArea, Item
from tests.org.factories import AgencyFactory, UserFactory
from tests.skills.factories import AreaFactory, CrcnAreaFactory, ItemFactory, RequirementFactory, SkillFactory


def result(user, area, level, days_ago=1, shared=False, self_rating=2):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    assessment = Assessment.objects.create(
        user=user,
        status=AssessmentStatus.FINISHED,
        started_at=when,
        finished_at=when,
        shared_at=when if shared else None,
    )
    AssessmentArea.objects.create(
        assessment=assessment,
        area=area,
        self_rating=self_rating,
        level=level,
        confidence=0.8,
        items_count=6,
        finished=True,
    )
    return assessment


@pytest.fixture
def areas(db):
    offers = AreaFactory(name="Suivi des offres", code="suivi-offres", position=1)
    agenda = AreaFactory(name="Agenda partagé", code="agenda", position=2)
    crcn = CrcnAreaFactory(name="Information et données", code="crcn-1")
    profile = RequirementFactory(
        profile__specialty="employers", area=offers, target_level=3, frequency=Frequency.DAILY
    ).profile
    RequirementFactory(profile=profile, area=agenda, target_level=3, frequency=Frequency.MONTHLY)
    RequirementFactory(profile=profile, area=crcn, target_level=4, frequency=Frequency.WEEKLY)
    for area in (offers, agenda):
        skill = SkillFactory(area=area, name=f"Tâche de {area.name}")
        for n in range(4):
            ItemFactory(skill=skill, uid=f"{area.code}-{n}", difficulty=-1 + n)
    return {"offers": offers, "agenda": agenda, "crcn": crcn}


def test_the_profile_shows_level_target_and_evolution(login, agent, areas):
    result(agent, areas["offers"], 1, days_ago=40)
    result(agent, areas["offers"], 2, days_ago=2)
    response = login(agent).get(reverse("skills:profile"))
    assert response.status_code == 200
    offers = next(s for s in response.context["tools"] if s.area == areas["offers"])
    assert (offers.level, offers.target) == (2, 3)
    assert [level for _, level in offers.history] == [1, 2]
    assert [chart["id"] for chart in response.context["evolution_figures"]] == ["evolution-tool"]
    assert "Mon évolution" in response.content.decode()


def test_the_profile_of_a_newcomer_invites_to_a_diagnostic(login, agent, areas):
    response = login(agent).get(reverse("skills:profile"))
    assert "Pas encore de diagnostic" in response.content.decode()


def test_the_path_ranks_daily_tools_with_a_big_gap_first_and_says_why(login, agent, areas):
    result(agent, areas["offers"], 1)
    result(agent, areas["agenda"], 1)
    response = login(agent).get(reverse("skills:path"))
    ranked = [entry["status"].area for entry in response.context["areas"]]
    assert ranked[0] == areas["offers"]
    assert ranked.index(areas["offers"]) < ranked.index(areas["agenda"])
    page = response.content.decode()
    assert "Parce que votre métier demande Suivi des offres chaque jour et que votre niveau est « découverte »" in page


def test_the_path_proposes_exercises_tips_and_the_local_champions(login, agent, champion, areas):
    tool = areas["offers"].tool
    tool.champions.add(champion)
    Resource.objects.create(tool=tool, title="Fiche pratique : publier une offre", url="https://example.fr/fiche")
    result(agent, areas["offers"], 1)
    response = login(agent).get(reverse("skills:path"))
    kinds = {step.kind for entry in response.context["areas"] for step in entry["steps"]}
    assert {"exercise", "tip", "colleague"} <= kinds
    assert "Bruno Petit" in response.content.decode()


def test_an_area_not_assessed_yet_suggests_the_diagnostic(login, agent, areas):
    response = login(agent).get(reverse("skills:path"))
    kinds = [step.kind for entry in response.context["areas"] for step in entry["steps"]]
    assert "assessment" in kinds


def test_an_exercise_gives_its_feedback_at_once(login, agent, areas):
    client = login(agent)
    url = reverse("skills:exercise", args=["suivi-offres-0"])
    assert client.get(url).status_code == 200
    item = Item.objects.get(uid="suivi-offres-0")
    response = client.post(url, {"choice": items.token(f"exercise:{agent.pk}:{item.pk}", "b")})
    assert response.context["outcome"].correct is False
    assert "accueil ne publie rien." in response.content.decode()
    # The practice quarter's spaced repetition brings it back soon.
    card = ReviewCard.objects.get(user=agent, item__uid="suivi-offres-0")
    assert card.due < timezone.now() + datetime.timedelta(days=2)
    response = client.post(url, {})
    assert "Choisissez une réponse." in response.content.decode()


def team_of(agency, count, area, level=2, shared=True):
    agents = UserFactory.create_batch(count, agency=agency)
    for user in agents:
        result(user, area, level, shared=shared)
    return agents


def test_the_team_view_counts_shared_levels_without_naming_anyone(login, manager, agency, areas):
    agents = team_of(agency, 5, areas["offers"], level=2)
    team_of(agency, 3, areas["offers"], level=4, shared=False)
    response = login(manager).get(reverse("skills:team"))
    row = next(r for r in response.context["skills"].tools if r.area == areas["offers"])
    assert row.counts == {2: 5}
    assert row.at_target_share == 0
    page = response.content.decode()
    assert all(user.last_name not in page for user in agents)


def test_an_area_shared_by_fewer_than_five_agents_is_suppressed(login, manager, agency, areas):
    team_of(agency, 5, areas["offers"])
    team_of(agency, 1, areas["agenda"])
    response = login(manager).get(reverse("skills:team"))
    agenda = next(r for r in response.context["skills"].tools if r.area == areas["agenda"])
    assert agenda.suppressed and agenda.counts == {}
    assert "Moins de 5 agents par agence : non affiché" in response.content.decode()


def test_a_small_group_counts_nowhere_so_that_no_subtraction_reveals_it(login, territory_manager, agency, areas):
    """A territory's totals minus an agency's must not give away another agency's group of fewer than five."""
    neighbour = AgencyFactory(territory=agency.territory, code="69002", name="Agence Lyon Vaise")
    team_of(agency, 5, areas["offers"], level=2)
    team_of(neighbour, 3, areas["offers"], level=4)
    client = login(territory_manager)
    whole = client.get(reverse("skills:team")).context["skills"]
    alone = client.get(reverse("skills:team"), {"agence": agency.code}).context["skills"]
    row = next(r for r in whole.tools if r.area == areas["offers"])
    assert row.counts == {2: 5}
    assert row.hidden_groups == 1
    assert row.counts == next(r for r in alone.tools if r.area == areas["offers"]).counts


def test_the_share_at_the_expected_level_needs_five_agents_with_a_target(login, manager, agency, areas):
    champions = UserFactory.create_batch(5, agency=agency, role=Role.CHAMPION, specialty="")
    for user in champions:
        result(user, areas["offers"], 3, shared=True)
    response = login(manager).get(reverse("skills:team"))
    row = next(r for r in response.context["skills"].tools if r.area == areas["offers"])
    assert row.total == 5
    assert row.at_target_share is None


def test_a_team_with_fewer_than_five_sharing_agents_shows_nothing(login, manager, agency, areas):
    team_of(agency, 4, areas["offers"])
    response = login(manager).get(reverse("skills:team"))
    assert response.context["skills"].suppressed
    assert response.context["tools_figure"] is None


def test_a_manager_sees_nothing_of_another_agency(login, other_manager, agency, areas):
    team_of(agency, 6, areas["offers"])
    response = login(other_manager).get(reverse("skills:team"))
    assert response.context["skills"].sharing == 0
    response = login(other_manager).get(reverse("skills:team"), {"agence": agency.code})
    assert response.context["unknown_agency"]
    assert response.context["skills"].sharing == 0


def test_it_checks_access(client, login, agent, champion, trainer, manager, analyst, admin_user, areas):
    for name, args in (("skills:profile", []), ("skills:path", []), ("skills:exercise", ["suivi-offres-0"])):
        client.logout()
        assert client.get(reverse(name, args=args)).url.startswith(reverse("login"))
        login(agent)
        assert client.get(reverse(name, args=args)).status_code == 200
    for user in (agent, champion, trainer):
        login(user)
        assert client.get(reverse("skills:team")).status_code == 403
    for user in (manager, analyst, admin_user):
        login(user)
        assert client.get(reverse("skills:team")).status_code == 200
    assert admin_user.role == Role.ADMIN
