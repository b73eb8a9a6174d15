"""The diagnostic from the agent's side: self-positioning, questions, results and sharing."""

import pytest
from django.urls import reverse

from ere.skills import items
from ere.skills.assessment import display_seed
from ere.skills.enums import AssessmentStatus, SelfRating
from ere.skills.models import Assessment, Response
from tests.org.factories import UserFactory
from tests.skills.factories import AreaFactory, ItemFactory, RequirementFactory, SkillFactory


@pytest.fixture
def bank(db):
    """An area of 8 single-choice items spread over the difficulty scale, in the agent's role profile."""
    area = AreaFactory(name="Suivi des offres", code="suivi-offres")
    skill = SkillFactory(area=area, name="Publier une offre")
    for n in range(8):
        ItemFactory(skill=skill, uid=f"suivi-offres-{n:03d}", difficulty=-2 + n * 0.5, discrimination=1.5)
    RequirementFactory(profile__specialty="employers", area=area, target_level=3)
    return area


def start(client, area, rating=SelfRating.ALONE):
    return client.post(reverse("skills:assessment_start"), {f"area-{area.code}": rating})


def current_item(assessment):
    assessment.refresh_from_db()
    return assessment.current_item


def choice(assessment, item, choice_id="a"):
    """The name the choice goes by in this diagnostic's form."""
    return items.token(display_seed(assessment, item), choice_id)


def answer_right(client, assessment):
    item = current_item(assessment)
    url = reverse("skills:assessment_question", args=[assessment.pk])
    return client.post(url, {"item": item.uid, "choice": choice(assessment, item)})


def test_the_start_page_suggests_the_areas_of_the_role(login, agent, bank):
    response = login(agent).get(reverse("skills:assessment_start"))
    assert response.status_code == 200
    assert response.context["form"].suggested_fields()[0].label == "Suivi des offres"
    assert "Vos résultats sont privés" in response.content.decode()


def test_it_refuses_to_start_without_any_area(login, agent, bank):
    response = login(agent).post(reverse("skills:assessment_start"), {f"area-{bank.code}": ""})
    assert response.status_code == 200
    assert "Choisissez au moins un domaine" in response.content.decode()
    assert not Assessment.objects.exists()


def test_starting_centres_the_estimate_on_the_self_positioning(login, agent, bank):
    client = login(agent)
    response = start(client, bank, SelfRating.TEACH)
    assessment = Assessment.objects.get()
    assert response.url == reverse("skills:assessment_question", args=[assessment.pk])
    part = assessment.areas.get()
    assert part.self_rating == SelfRating.TEACH
    assert part.theta == pytest.approx(1.7, abs=0.05)


def test_a_question_is_asked_once_and_a_reload_shows_the_same_one(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    url = reverse("skills:assessment_question", args=[assessment.pk])
    first = client.get(url).context["item"]
    assert client.get(url).context["item"] == first


def test_an_answer_moves_the_estimate_and_is_recorded(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    client.get(reverse("skills:assessment_question", args=[assessment.pk]))
    before = assessment.areas.get().theta
    answer_right(client, assessment)
    part = assessment.areas.get()
    assert part.items_count == 1
    assert part.theta > before
    assert Response.objects.get().correct


def test_an_unreadable_answer_is_refused_with_a_french_message_and_nothing_saved(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    client.get(reverse("skills:assessment_question", args=[assessment.pk]))
    item = current_item(assessment)
    response = client.post(reverse("skills:assessment_question", args=[assessment.pk]), {"item": item.uid})
    assert response.status_code == 200
    assert "Choisissez une réponse." in response.content.decode()
    assert not Response.objects.exists()


def test_an_answer_to_an_old_question_is_not_recorded_twice(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    client.get(reverse("skills:assessment_question", args=[assessment.pk]))
    item = current_item(assessment)
    url = reverse("skills:assessment_question", args=[assessment.pk])
    client.post(url, {"item": item.uid, "choice": choice(assessment, item)})
    client.post(url, {"item": item.uid, "choice": choice(assessment, item)})
    assert Response.objects.count() == 1


def test_the_diagnostic_ends_by_itself_and_shows_a_level_with_its_confidence(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    url = reverse("skills:assessment_question", args=[assessment.pk])
    for _ in range(10):
        response = client.get(url)
        if response.status_code == 302:
            break
        answer_right(client, assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINISHED
    response = client.get(reverse("skills:assessment_result", args=[assessment.pk]))
    part = response.context["parts"][0]
    assert part.level >= 3
    assert 0 < part.confidence <= 1
    assert "Confiance" in response.content.decode()
    assert len(response.context["review"]) == part.items_count


def test_stopping_early_keeps_the_estimate_of_the_answers_given(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    client.get(reverse("skills:assessment_question", args=[assessment.pk]))
    answer_right(client, assessment)
    response = client.post(reverse("skills:assessment_question", args=[assessment.pk]), {"action": "stop"})
    assert response.url == reverse("skills:assessment_result", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINISHED
    assert assessment.areas.get().items_count == 1


def test_results_are_private_until_the_agent_shares_them_and_the_sharing_can_be_withdrawn(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    client.post(reverse("skills:assessment_question", args=[assessment.pk]), {"action": "stop"})
    assessment.refresh_from_db()
    assert not assessment.is_shared
    client.post(reverse("skills:assessment_share", args=[assessment.pk]), {"share": "1"})
    assessment.refresh_from_db()
    assert assessment.is_shared
    client.post(reverse("skills:assessment_share", args=[assessment.pk]), {"share": "0"})
    assessment.refresh_from_db()
    assert not assessment.is_shared


def test_it_checks_access(client, login, agent, manager, bank):
    other = UserFactory(agency=agent.agency)
    login(other)
    start(client, bank)
    assessment = Assessment.objects.get()
    for name in ("skills:assessment_question", "skills:assessment_result"):
        url = reverse(name, args=[assessment.pk])
        client.logout()
        assert client.get(url).url.startswith(reverse("login"))
        # Nobody else sees an agent's diagnostic, not even their manager.
        for intruder in (agent, manager):
            login(intruder)
            assert client.get(url).status_code == 403
    login(manager)
    assert client.post(reverse("skills:assessment_share", args=[assessment.pk]), {"share": "1"}).status_code == 403
    assessment.refresh_from_db()
    assert not assessment.is_shared
    client.logout()
    assert client.get(reverse("skills:assessment_start")).url.startswith(reverse("login"))


def test_an_item_archived_after_it_was_drawn_is_replaced_by_another(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    url = reverse("skills:assessment_question", args=[assessment.pk])
    drawn = client.get(url).context["item"]
    drawn.status = "archived"
    drawn.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["item"] != drawn


def test_an_item_moved_to_an_area_outside_the_diagnostic_is_replaced(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    url = reverse("skills:assessment_question", args=[assessment.pk])
    drawn = client.get(url).context["item"]
    drawn.skill = SkillFactory()
    drawn.save()
    assert client.get(url).context["item"] != drawn


def test_the_same_answer_recorded_twice_at_once_counts_once(login, agent, bank):
    from ere.skills import assessment as service

    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    part, item = service.next_question(assessment)
    given = {"choice": "a"}
    assert service.answer(assessment, part, item, given) is not None
    # The second request had read the same state before the first one was saved.
    assert service.answer(assessment, part, item, given) is None
    assert Response.objects.count() == 1


def test_the_review_keeps_the_verdict_given_then_when_the_item_was_edited_since(login, agent, bank):
    client = login(agent)
    start(client, bank)
    assessment = Assessment.objects.get()
    url = reverse("skills:assessment_question", args=[assessment.pk])
    client.get(url)
    item = current_item(assessment)
    answer_right(client, assessment)
    client.post(url, {"action": "stop"})
    # The author makes « b » the right choice afterwards.
    for entry in item.data["choices"]:
        entry["correct"] = entry["id"] == "b"
    item.save()
    review = client.get(reverse("skills:assessment_result", args=[assessment.pk])).context["review"]
    assert review[0]["outcome"].correct is True
