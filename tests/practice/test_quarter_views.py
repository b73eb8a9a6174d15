import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.practice import quarters
from ere.practice.models import PracticeAnswer, PracticeQuarter, ReviewCard, week_start
from ere.skills.models import Item
from tests.practice.quarter_data import TeamSlotFactory, daily_gap, item_bank
from tests.skills.factories import ItemFactory

HOME = reverse("practice:home")
QUARTER = reverse("practice:quarter")


@pytest.fixture
def area(db):
    return item_bank()


def text(response):
    """The page's HTML with the entities decoded, to compare with plain French text."""
    return html.unescape(response.content.decode())


def first_item(user):
    return Item.objects.get(pk=quarters.quarter_for(user).plan[0]["item"])


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst", "admin_user"])
@pytest.mark.parametrize("url", [HOME, QUARTER])
def test_it_checks_access(client, login, request, role, area, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(url).status_code == 200


def test_the_summary_checks_access(client, login, agent, champion, area):
    done = quarters.quarter_for(agent)
    url = reverse("practice:quarter_summary", args=[done.pk])

    assert client.get(url).status_code == 302
    assert login(champion).get(url).status_code == 404
    assert login(agent).get(url).status_code == 200


def test_the_home_explains_the_quarter_and_shows_this_weeks_programme(login, agent, area):
    daily_gap("agent", area)

    content = text(login(agent).get(HOME))

    assert "Quart d'heure de pratique" in content
    assert "À faire" in content
    assert "Commencer mon quart d'heure" in content
    assert "questions sur vos points à renforcer" in content
    assert "Pourquoi ces questions ?" in content
    assert "Parce que votre métier demande Agenda partagé chaque jour" in content
    assert "Vos réponses restent privées" in content
    assert reverse("practice:sandbox_list") in content
    assert reverse("skills:assessment_start") in content


def test_the_home_says_when_the_bank_is_empty_and_who_fills_it(login, agent, champion):
    assert "La banque de questions est encore vide" in text(login(agent).get(HOME))
    assert reverse("skills:item_list") not in text(login(agent).get(HOME))
    assert reverse("skills:item_list") in text(login(champion).get(HOME))


def test_the_home_says_who_chooses_the_slot_when_there_is_none(login, agent, manager, area):
    content = text(login(agent).get(HOME))
    assert "pas encore choisi son créneau" in content
    assert "Le manager de l'agence ou un référent numérique le choisit" in content
    assert reverse("practice:slot") not in content

    assert reverse("practice:slot") in text(login(manager).get(HOME))


def test_the_home_shows_the_team_slot_with_its_calendar_link(login, agent, agency, area):
    TeamSlotFactory(agency=agency, weekday=1, start=datetime.time(8, 45), minutes=15)

    content = text(login(agent).get(HOME))

    assert "mardi à 8 h 45" in content
    assert "Ajouter à mon agenda (.ics)" in content
    assert reverse("practice:slot_ics") in content


def test_it_starts_the_quarter_on_the_first_question_with_its_reason(login, agent, area):
    daily_gap("agent", area)
    client = login(agent)

    response = client.get(QUARTER)

    quarter = PracticeQuarter.objects.get(user=agent)
    assert quarter.week == week_start()
    assert quarter.started_at is not None
    content = text(response)
    assert "Question 1 sur" in content
    assert "Pourquoi cette question ?" in content
    assert "Parce que votre métier demande Agenda partagé chaque jour" in content
    assert Item.objects.get(pk=quarter.plan[0]["item"]).stem in content
    assert "Temps restant" in content
    assert 'role="timer"' in content
    assert "environ 15 minutes" in content


def test_a_right_answer_is_saved_with_its_review_card_and_shows_its_feedback(login, agent, area):
    client = login(agent)
    item = first_item(agent)
    client.get(QUARTER)

    response = client.post(QUARTER, {"item": item.pk, "choice": "a", "shown_at": int(timezone.now().timestamp()) - 20})

    assert response.status_code == 302
    assert response.url == f"{QUARTER}?corrige={item.pk}"
    answer = PracticeAnswer.objects.get()
    assert answer.item == item and answer.correct and answer.answer == {"choice": "a"}
    card = ReviewCard.objects.get(user=agent, item=item)
    assert card.due > timezone.now() + datetime.timedelta(days=1)
    assert PracticeQuarter.objects.get(user=agent).seconds >= 20

    content = text(client.get(response.url))
    assert "Bonne réponse" in content
    assert "Votre réponse : Depuis l'onglet « Offres »" in content
    assert "Question suivante" in content


def test_a_wrong_answer_shows_its_feedback_and_is_due_sooner(login, agent, area):
    client = login(agent)
    right, wrong = quarters.quarter_for(agent).plan[:2]
    client.post(QUARTER, {"item": right["item"], "choice": "a"})

    response = client.post(QUARTER, {"item": wrong["item"], "choice": "b"}, follow=True)

    content = text(response)
    assert "Ce n'est pas tout à fait ça" in content
    assert "L'accueil ne publie rien." in content
    assert "La bonne réponse : Depuis l'onglet « Offres »" in content
    assert "À retenir" in content
    assert not PracticeAnswer.objects.get(item=wrong["item"]).correct
    cards = dict(ReviewCard.objects.values_list("item", "due"))
    assert cards[wrong["item"]] < cards[right["item"]]


def test_an_unreadable_answer_shows_a_french_error_on_the_same_page_and_saves_nothing(login, agent, area):
    client = login(agent)
    item = first_item(agent)

    response = client.post(QUARTER, {"item": item.pk})

    assert response.status_code == 400
    content = text(response)
    assert "Choisissez une réponse." in content
    assert item.stem in content
    assert "Valider ma réponse" in content
    assert not PracticeAnswer.objects.exists()
    assert not ReviewCard.objects.exists()


def test_an_answer_to_an_item_outside_the_plan_is_refused(login, agent, area):
    quarters.quarter_for(agent)
    stranger = ItemFactory()  # published after this week's plan was made

    response = login(agent).post(QUARTER, {"item": stranger.pk, "choice": "a"}, follow=True)

    assert "ne fait pas partie de votre quart d'heure" in text(response)
    assert not PracticeAnswer.objects.exists()


def test_an_answer_sent_twice_is_saved_once(login, agent, area):
    client = login(agent)
    item = first_item(agent)

    client.post(QUARTER, {"item": item.pk, "choice": "a"})
    response = client.post(QUARTER, {"item": item.pk, "choice": "b"})

    assert response.url == f"{QUARTER}?corrige={item.pk}"
    assert PracticeAnswer.objects.get().correct


def test_the_next_question_follows_the_feedback(login, agent, area):
    client = login(agent)
    first, second = quarters.quarter_for(agent).plan[:2]
    client.post(QUARTER, {"item": first["item"], "choice": "a"})

    content = text(client.get(QUARTER))

    assert "Question 2 sur" in content
    assert Item.objects.get(pk=second["item"]).stem in content


def test_finishing_needs_at_least_one_answer(login, agent, area):
    response = login(agent).post(QUARTER, {"finish": "1"}, follow=True)

    assert "Répondez au moins à une question avant de terminer." in text(response)
    assert PracticeQuarter.objects.get(user=agent).finished_at is None


def test_finishing_shows_the_summary_with_each_answer_its_next_review_and_the_streak(login, agent, area):
    client = login(agent)
    right, wrong = quarters.quarter_for(agent).plan[:2]
    client.post(QUARTER, {"item": right["item"], "choice": "a"})
    client.post(QUARTER, {"item": wrong["item"], "choice": "c"})

    response = client.post(QUARTER, {"finish": "1"})

    quarter = PracticeQuarter.objects.get(user=agent)
    assert quarter.finished_at is not None
    assert response.url == reverse("practice:quarter_summary", args=[quarter.pk])
    content = text(client.get(response.url))
    assert "Bilan de votre quart d'heure" in content
    assert "2 questions" in content
    assert "1 bonne réponse" in content
    assert "Bonne réponse" in content and "À revoir" in content
    assert "La bonne réponse : Depuis l'onglet « Offres »" in content
    assert "Prochaine révision à partir du" in content
    assert "Mes prochaines révisions" in content
    assert "1 semaine d'affilée" in content
    assert "sans réponse" in content  # the other items of the plan


def test_a_finished_quarter_sends_to_its_summary_and_the_home_says_done(login, agent, area):
    client = login(agent)
    client.post(QUARTER, {"item": first_item(agent).pk, "choice": "a"})
    client.post(QUARTER, {"finish": "1"})
    quarter = PracticeQuarter.objects.get(user=agent)

    assert client.get(QUARTER).url == reverse("practice:quarter_summary", args=[quarter.pk])
    content = text(client.get(HOME))
    assert "Terminé" in content
    assert "Voir mon bilan" in content
    assert "1 semaine d'affilée" in content


def test_the_streak_counts_the_weeks_in_a_row(login, agent, area):
    this_week = week_start()
    for weeks_ago in (1, 2, 3, 5):
        PracticeQuarter.objects.create(
            user=agent, week=this_week - datetime.timedelta(days=7 * weeks_ago), finished_at=timezone.now()
        )

    content = text(login(agent).get(HOME))

    assert "3 semaines d'affilée" in content
    assert "Mes derniers quarts d'heure" in content


def test_next_weeks_quarter_starts_with_the_reviews_that_are_due(agent, area):
    now = timezone.now()
    first = quarters.quarter_for(agent, now=now)
    for entry in first.plan[:3]:
        item = Item.objects.get(pk=entry["item"])
        quarters.record_answer(first, item, {"choice": "b"}, 30, now)

    later = now + datetime.timedelta(days=7)
    following = quarters.quarter_for(agent, week=week_start(timezone.localdate(later)), now=later)

    assert [entry["source"] for entry in following.plan[:3]] == ["review"] * 3
    assert {entry["item"] for entry in following.plan[:3]} == {entry["item"] for entry in first.plan[:3]}
    assert following.plan[0]["reason"].startswith("Révision prévue")


def test_the_newest_tools_of_the_role_come_with_their_reason(agent):
    item_bank(tool_name="Visio-entretien", code="visio", launched_on=timezone.localdate() - datetime.timedelta(days=3))

    plan = quarters.quarter_for(agent).plan

    assert plan
    assert {entry["reason"] for entry in plan} == {"Nouvel outil de votre métier : Visio-entretien"}


def test_an_answer_and_its_review_card_are_saved_together_or_not_at_all(agent, area, monkeypatch):
    quarter = quarters.quarter_for(agent)
    item = Item.objects.get(pk=quarter.plan[0]["item"])

    def broken(*args, **kwargs):
        raise RuntimeError("FSRS en panne")

    monkeypatch.setattr("ere.practice.planner.review", broken)
    with pytest.raises(RuntimeError):
        quarters.record_answer(quarter, item, {"choice": "a"}, 30)

    assert not PracticeAnswer.objects.exists()
    assert not ReviewCard.objects.exists()
    quarter.refresh_from_db()
    assert quarter.seconds == 0


def test_a_quarter_is_planned_once_a_week(agent, area):
    first = quarters.quarter_for(agent)
    ItemFactory(skill=area.skills.first())

    assert quarters.quarter_for(agent).plan == first.plan
    assert PracticeQuarter.objects.count() == 1


def test_an_empty_quarter_not_started_is_planned_again_once_the_bank_has_items(agent):
    assert quarters.quarter_for(agent).plan == []

    item_bank()

    assert len(quarters.quarter_for(agent).plan) == 6


def test_the_quarter_page_without_item_says_so(login, agent):
    content = text(login(agent).get(QUARTER))

    assert "Pas de question cette semaine" in content


def test_without_javascript_the_page_says_when_the_fifteen_minutes_are_up(login, agent, area):
    client = login(agent)
    quarter = quarters.quarter_for(agent)
    client.post(QUARTER, {"item": quarter.plan[0]["item"], "choice": "a"})
    session = client.session
    began = timezone.now() - datetime.timedelta(minutes=16)
    session["practice_sitting"] = {"quarter": quarter.pk, "began": began.isoformat()}
    session.save()

    content = text(client.get(QUARTER))

    assert "Temps restant :" in content
    assert "écoulé" in content
    assert "Les 15 minutes sont écoulées." in content
    assert re.search(r"data-timer-up\s*>", content)  # not hidden
    assert "Terminer maintenant" in content
    assert "Valider ma réponse" in content  # the agent may go on


def sandbox_item(skill):
    """A published sandbox (a demo mission) and the item that asks it."""
    from ere.practice import demo_sandboxes, sandbox
    from ere.practice.models import Sandbox

    definition = sandbox.load_file(demo_sandboxes.SANDBOXES_DIR / "envoyer-message-securise.yaml")
    Sandbox.objects.create(
        slug=definition["slug"], title=definition["title"], mission=definition["mission"], definition=definition
    )
    return ItemFactory(
        skill=skill, sandbox=True, data={"sandbox": definition["slug"]}, stem="Envoyez la convocation à M. Lefèvre."
    )


def test_a_sandbox_item_embeds_its_player_and_counts_the_mission(login, agent, db):
    area = item_bank(count=0)
    item = sandbox_item(area.skills.get())
    client = login(agent)

    content = text(client.get(QUARTER))

    assert item.stem in content
    assert "Envoyer une convocation par messagerie sécurisée" in content
    assert "data-sandbox-player" in content
    assert 'name="succeeded"' in content
    assert reverse("practice:sandbox_attempt", args=["envoyer-message-securise"]) in content
    assert 'name="csrfmiddlewaretoken"' in content.split("data-sandbox-player")[1]
    assert "examples" not in content  # the solution stays on the server

    unfinished = client.post(QUARTER, {"item": item.pk, "succeeded": ""})
    assert unfinished.status_code == 400
    assert "Terminez la mission dans l'applicatif-école avant de continuer." in text(unfinished)

    client.post(QUARTER, {"item": item.pk, "succeeded": "1"})
    assert PracticeAnswer.objects.get(item=item).correct


def test_an_item_of_an_unpublished_sandbox_is_not_planned(agent, db):
    area = item_bank(count=1)
    item = sandbox_item(area.skills.get())
    item.data = {"sandbox": "ecole-inconnue"}
    item.save()

    assert item.pk not in [entry["item"] for entry in quarters.quarter_for(agent).plan]
