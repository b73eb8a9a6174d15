import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.practice import quarters
from ere.practice.models import PracticeAnswer, PracticeQuarter, ReviewCard, week_start
from ere.skills import items
from ere.skills.models import Item
from tests.practice.quarter_data import TeamSlotFactory, daily_gap, item_bank, practised
from tests.skills.factories import ItemFactory

HOME = reverse("practice:home")
# The pages' queries, with a little room: a query per past quarter or per answer would go well beyond.
HOME_QUERIES = 13
SUMMARY_QUERIES = 9
QUARTER = reverse("practice:quarter")


@pytest.fixture
def area(db):
    return item_bank()


def text(response):
    """The page's HTML with the entities decoded, to compare with plain French text."""
    return html.unescape(response.content.decode())


def first_item(user):
    return Item.objects.get(pk=quarters.quarter_for(user).plan[0]["item"])


def choice(user, item_id, choice_id="a"):
    """The name the quarter's form gives a choice (an opaque token: the page's source does not give the answer)."""
    quarter = quarters.quarter_for(user)
    return items.token(quarters.display_seed(quarter, Item.objects.get(pk=item_id)), choice_id)


def post_answer(client, user, item_id, choice_id="a", **extra):
    """POST the answer `choice_id` to an item of the user's quarter."""
    return client.post(QUARTER, {"item": item_id, "choice": choice(user, item_id, choice_id), **extra})


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

    response = post_answer(client, agent, item.pk, shown_at=int(timezone.now().timestamp()) - 20)

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
    post_answer(client, agent, right["item"])

    response = client.get(post_answer(client, agent, wrong["item"], "b").url)

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

    response = login(agent).post(QUARTER, {"item": stranger.pk, "choice": choice(agent, stranger.pk)}, follow=True)

    assert "ne fait pas partie de votre quart d'heure" in text(response)
    assert not PracticeAnswer.objects.exists()


def test_an_answer_sent_twice_is_saved_once(login, agent, area):
    client = login(agent)
    item = first_item(agent)

    post_answer(client, agent, item.pk)
    response = post_answer(client, agent, item.pk, "b")

    assert response.url == f"{QUARTER}?corrige={item.pk}"
    assert PracticeAnswer.objects.get().correct


def test_the_next_question_follows_the_feedback(login, agent, area):
    client = login(agent)
    first, second = quarters.quarter_for(agent).plan[:2]
    post_answer(client, agent, first["item"])

    content = text(client.get(QUARTER))

    assert "Question 2 sur" in content
    assert Item.objects.get(pk=second["item"]).stem in content


def test_finishing_needs_at_least_one_answer(login, agent, area):
    response = login(agent).post(QUARTER, {"finish": "1"}, follow=True)

    assert "Répondez au moins à une question avant de terminer" in text(response)
    assert PracticeQuarter.objects.get(user=agent).finished_at is None


def test_finishing_shows_the_summary_with_each_answer_its_next_review_and_the_streak(login, agent, area):
    client = login(agent)
    right, wrong = quarters.quarter_for(agent).plan[:2]
    post_answer(client, agent, right["item"])
    post_answer(client, agent, wrong["item"], "c")

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
    post_answer(client, agent, first_item(agent).pk)
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
        practised(agent, this_week - datetime.timedelta(days=7 * weeks_ago))

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
    post_answer(client, agent, quarter.plan[0]["item"])
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


def attempt(user, slug="envoyer-message-securise", succeeded=True, **fields):
    """A finished attempt at a sandbox, as the attempt endpoint stores it after replaying the player's log."""
    from ere.practice.models import Sandbox, SandboxAttempt

    return SandboxAttempt.objects.create(
        user=user,
        sandbox=Sandbox.objects.get(slug=slug),
        succeeded=succeeded,
        mistakes=[] if succeeded else ["x"],
        **fields,
    )


def test_a_sandbox_item_embeds_its_player_and_counts_the_mission(login, agent, db):
    area = item_bank(count=0)
    item = sandbox_item(area.skills.get())
    client = login(agent)

    content = text(client.get(QUARTER))

    assert item.stem in content
    assert "Envoyer une convocation par messagerie sécurisée" in content
    assert "data-sandbox-player" in content
    assert 'name="attempt"' in content
    assert f'data-user="{agent.pk}"' in content
    assert reverse("practice:sandbox_attempt", args=["envoyer-message-securise"]) in content
    assert 'name="csrfmiddlewaretoken"' in content.split("data-sandbox-player")[1]
    assert "examples" not in content  # the solution stays on the server

    unfinished = client.post(QUARTER, {"item": item.pk, "attempt": ""})
    assert unfinished.status_code == 400
    assert "Terminez la mission dans l'applicatif-école avant de continuer." in text(unfinished)

    done = attempt(agent)
    client.post(QUARTER, {"item": item.pk, "attempt": str(done.client_id)})
    answer = PracticeAnswer.objects.get(item=item)
    assert answer.correct and answer.answer == {"succeeded": True, "attempt": str(done.client_id)}


def test_a_mission_is_right_only_if_the_server_stored_a_successful_attempt_of_the_agent(login, agent, champion, db):
    area = item_bank(count=0)
    item = sandbox_item(area.skills.get())
    client = login(agent)
    client.get(QUARTER)

    # The browser's word is not enough: « succeeded=1 » without an attempt stored by the server saves nothing.
    said = client.post(QUARTER, {"item": item.pk, "succeeded": "1"})
    assert said.status_code == 400
    assert "Terminez la mission" in text(said)
    # Nor an attempt of somebody else, nor an id that is not one.
    theirs = attempt(champion)
    for client_id in (str(theirs.client_id), "pas-un-uuid"):
        response = client.post(QUARTER, {"item": item.pk, "attempt": client_id, "succeeded": "1"})
        assert response.status_code == 400
        assert "pas encore enregistrée sur le serveur" in text(response)
    assert not PracticeAnswer.objects.exists()

    # A failed attempt stored by the server is a wrong answer, whatever the browser says.
    failed = attempt(agent, succeeded=False)
    client.post(QUARTER, {"item": item.pk, "attempt": str(failed.client_id), "succeeded": "1"})
    assert not PracticeAnswer.objects.get(item=item).correct


def test_an_attempt_of_an_earlier_week_does_not_answer_this_weeks_mission(login, agent, db):
    area = item_bank(count=0)
    item = sandbox_item(area.skills.get())
    client = login(agent)
    client.get(QUARTER)
    old = attempt(agent, finished_at=timezone.now() - datetime.timedelta(days=10))

    response = client.post(QUARTER, {"item": item.pk, "attempt": str(old.client_id)})

    assert response.status_code == 400
    assert not PracticeAnswer.objects.exists()


def test_a_mission_not_recorded_yet_says_so_and_validating_again_once_it_is_counts_it(login, agent, db):
    area = item_bank(count=0)
    item = sandbox_item(area.skills.get())
    client = login(agent)
    client.get(QUARTER)
    pending = "6b1c1f4e-2f0a-4c7e-9a51-0d9d1d6a7c11"  # finished offline: still in the browser's queue

    response = client.post(QUARTER, {"item": item.pk, "attempt": pending})

    assert response.status_code == 400
    content = text(response)
    assert "Votre tentative n'est pas encore enregistrée sur le serveur" in content
    assert "Passer cette question" in content
    assert re.search(rf'name="attempt"\s+value="{pending}"', content)  # kept: the agent need not play again
    assert not PracticeAnswer.objects.exists()

    attempt(agent, client_id=pending)  # the queue reached the server
    client.post(QUARTER, {"item": item.pk, "attempt": pending})
    assert PracticeAnswer.objects.get(item=item).correct


def test_without_javascript_a_mission_says_it_needs_it_and_offers_to_skip(login, agent, db):
    area = item_bank(count=0)
    sandbox_item(area.skills.get())

    noscript = text(login(agent).get(QUARTER)).split("<noscript>")

    assert any("a besoin de JavaScript" in part and "passez cette question" in part for part in noscript[1:])


def test_an_item_of_an_unpublished_sandbox_is_not_planned(agent, db):
    area = item_bank(count=1)
    item = sandbox_item(area.skills.get())
    item.data = {"sandbox": "ecole-inconnue"}
    item.save()

    assert item.pk not in [entry["item"] for entry in quarters.quarter_for(agent).plan]


# ---------------------------------------------------------------------------------------------------------------
# Two submissions at once


def test_two_submissions_of_the_same_answer_at_once_save_it_once_without_an_error(login, agent, area, monkeypatch):
    client = login(agent)
    item = first_item(agent)
    quarter = quarters.quarter_for(agent)
    real_progress = quarters.progress

    # The other request answered between this one's « already answered? » check and its insert.
    def stale_progress(of):
        rows, upcoming = real_progress(of)
        return [{**row, "answer": None} for row in rows], upcoming

    quarters.record_answer(quarter, item, {"choice": "a"}, 20)
    monkeypatch.setattr(quarters, "progress", stale_progress)

    response = post_answer(client, agent, item.pk, "b")

    assert response.status_code == 302
    assert response.url == f"{QUARTER}?corrige={item.pk}"
    assert PracticeAnswer.objects.get().correct  # the first answer, saved once
    assert ReviewCard.objects.count() == 1


@pytest.mark.parametrize("in_a_transaction", [False, True])
def test_a_first_review_card_created_twice_at_once_is_one_card_reviewed_twice(
    agent, area, monkeypatch, in_a_transaction
):
    from django.db import transaction

    from ere.practice import planner

    item = first_item(agent)
    real_review = planner.review
    calls, made = [], []

    # Another request creates the first card between this one's lookup and its insert.
    def concurrent_review(card, *args, **kwargs):
        calls.append(card)
        if len(calls) == 1:
            state, due = real_review(None, True, 30, timezone.now(), estimated=item.seconds)
            made.append(
                ReviewCard.objects.create(user=agent, item=item, card=state, due=due, last_review=timezone.now())
            )
        return real_review(card, *args, **kwargs)

    monkeypatch.setattr(planner, "review", concurrent_review)
    if in_a_transaction:  # as the learning path's exercise page calls it
        with transaction.atomic():
            card = quarters.schedule_review(agent.pk, item, False, 30)
    else:
        card = quarters.schedule_review(agent.pk, item, False, 30)

    assert ReviewCard.objects.get().pk == card.pk == made[0].pk
    assert calls == [None, made[0].card]  # this answer reviews the card the other request made
    assert ReviewCard.objects.get().card != made[0].card


# ---------------------------------------------------------------------------------------------------------------
# The summary says what was stored


def test_the_summary_and_the_feedback_say_what_was_stored_even_after_the_item_is_edited(login, agent, area):
    client = login(agent)
    right, wrong = quarters.quarter_for(agent).plan[:2]
    post_answer(client, agent, right["item"])  # « a », right when answered
    post_answer(client, agent, wrong["item"], "b")  # « b », wrong when answered
    for item in Item.objects.filter(pk__in=[right["item"], wrong["item"]]):
        # The author swaps the right answer: « b » is now right, « a » wrong.
        for entry in item.data["choices"]:
            entry["correct"] = entry["id"] == "b"
        item.save()
    client.post(QUARTER, {"finish": "1"})

    response = client.get(reverse("practice:quarter_summary", args=[PracticeQuarter.objects.get().pk]))

    content = text(response)
    assert "2 questions, 1 bonne réponse" in content
    assert [entry["outcome"].correct for entry in response.context["answered"]] == [True, False]
    assert content.count("Cette question a été modifiée depuis votre réponse") == 2
    feedback = text(client.get(f"{QUARTER}?corrige={right['item']}"))
    assert "Bonne réponse" in feedback


# ---------------------------------------------------------------------------------------------------------------
# Skipping, withdrawn items, finishing by itself


def test_a_skipped_question_is_not_answered_does_not_count_and_the_next_one_follows(login, agent, area):
    client = login(agent)
    first, second = quarters.quarter_for(agent).plan[:2]
    assert "Passer cette question" in text(client.get(QUARTER))

    response = client.post(QUARTER, {"item": first["item"], "skip": "1"})

    assert response.url == QUARTER
    quarter = PracticeQuarter.objects.get()
    assert quarter.skipped == [first["item"]] and quarter.finished_at is None
    assert not PracticeAnswer.objects.exists() and not ReviewCard.objects.exists()
    content = text(client.get(QUARTER))
    assert Item.objects.get(pk=second["item"]).stem in content
    assert "— passée" in content
    assert "Question 2 sur 6" in content


def test_finishing_with_no_answer_is_possible_once_nothing_is_left_to_play(login, agent, db):
    area = item_bank(count=2)
    client = login(agent)
    first, second = quarters.quarter_for(agent).plan
    client.post(QUARTER, {"item": first["item"], "skip": "1"})
    Item.objects.filter(pk=second["item"]).update(status="archived")  # withdrawn from the bank meanwhile

    content = text(client.get(QUARTER))
    assert "Toutes les questions sont faites" in content
    assert "Terminer mon quart d'heure" in content

    response = client.post(QUARTER, {"finish": "1"})

    quarter = PracticeQuarter.objects.get()
    assert quarter.finished_at is not None
    assert response.url == reverse("practice:quarter_summary", args=[quarter.pk])
    assert area


def test_questions_withdrawn_from_the_bank_are_left_out_but_answered_ones_stay(login, agent, area):
    client = login(agent)
    plan = quarters.quarter_for(agent).plan
    post_answer(client, agent, plan[0]["item"])
    Item.objects.filter(pk__in=[plan[0]["item"], plan[1]["item"]]).update(status="archived")
    Item.objects.filter(pk=plan[2]["item"]).delete()

    rows, upcoming = quarters.progress(PracticeQuarter.objects.get())

    assert [row["item"] for row in rows] == [plan[0]["item"], *[entry["item"] for entry in plan[3:]]]
    assert upcoming["item"] == plan[3]["item"]
    assert "Question 2 sur 4" in text(client.get(QUARTER))


def test_a_mission_whose_sandbox_was_withdrawn_is_left_out(login, agent, db):
    from ere.practice.models import Sandbox

    area = item_bank(count=1)
    mission = sandbox_item(area.skills.get())
    assert mission.pk in [entry["item"] for entry in quarters.quarter_for(agent).plan]
    login(agent).get(QUARTER)  # started: the plan stays
    Sandbox.objects.update(is_published=False)

    rows, _upcoming = quarters.progress(PracticeQuarter.objects.get())

    assert mission.pk not in [row["item"] for row in rows] and len(rows) == 1


def test_a_quarter_not_started_whose_items_were_all_withdrawn_is_planned_again(agent, area):
    first = quarters.quarter_for(agent)
    Item.objects.update(status="archived")
    fresh = item_bank(count=2, tool_name="Visio", code="visio")

    again = quarters.quarter_for(agent)

    assert again.pk == first.pk
    assert {entry["item"] for entry in again.plan} == set(
        Item.objects.filter(skill__area=fresh).values_list("pk", flat=True)
    )


def test_the_quarter_finishes_by_itself_once_every_question_is_answered_or_skipped(login, agent, db):
    item_bank(count=3)
    client = login(agent)
    plan = quarters.quarter_for(agent).plan
    post_answer(client, agent, plan[0]["item"])
    client.post(QUARTER, {"item": plan[1]["item"], "skip": "1"})
    assert PracticeQuarter.objects.get().finished_at is None

    response = post_answer(client, agent, plan[2]["item"])  # the last one: the agent may close the tab now

    quarter = PracticeQuarter.objects.get()
    assert quarter.finished_at is not None
    assert quarters.streak(agent) == 1
    content = text(client.get(response.url))  # its feedback stays on the session's page
    assert "Bonne réponse" in content
    assert "Voir mon bilan" in content
    assert "Terminer mon quart d'heure" not in content
    assert post_answer(client, agent, plan[2]["item"]).url == response.url  # sent twice: the same feedback
    assert client.get(QUARTER).url == reverse("practice:quarter_summary", args=[quarter.pk])


def test_skipping_the_last_question_finishes_the_quarter_and_shows_the_summary(login, agent, db):
    item_bank(count=1)
    client = login(agent)
    (entry,) = quarters.quarter_for(agent).plan

    response = client.post(QUARTER, {"item": entry["item"], "skip": "1"})

    quarter = PracticeQuarter.objects.get()
    assert quarter.finished_at is not None
    assert response.url == reverse("practice:quarter_summary", args=[quarter.pk])
    content = text(client.get(response.url))
    assert "1 question du programme est restée sans réponse (dont 1 passée)" in content


# ---------------------------------------------------------------------------------------------------------------
# Inputs that must not break the page


@pytest.mark.parametrize("shown_at", ["1" + "0" * 400, "-1" + "0" * 400, "1", "demain", "1e9"])
def test_an_implausible_display_time_counts_as_the_items_estimated_time(login, agent, area, shown_at):
    client = login(agent)
    item = first_item(agent)

    response = post_answer(client, agent, item.pk, shown_at=shown_at)

    assert response.status_code == 302
    assert PracticeQuarter.objects.get().seconds == item.seconds


# ---------------------------------------------------------------------------------------------------------------
# Queries


def test_the_home_page_counts_the_history_without_a_query_per_quarter(
    login, agent, area, django_assert_max_num_queries
):
    client = login(agent)
    client.get(HOME)
    item = first_item(agent)
    for weeks_ago in range(1, 6):
        past = PracticeQuarter.objects.create(
            user=agent, week=week_start() - datetime.timedelta(days=7 * weeks_ago), finished_at=timezone.now()
        )
        PracticeAnswer.objects.create(quarter=past, item=item, answer={"choice": "a"}, correct=True)
        PracticeAnswer.objects.create(quarter=past, item=Item.objects.exclude(pk=item.pk).first(), correct=False)

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(HOME)

    assert [(row["answered"], row["right"]) for row in response.context["history"]] == [(2, 1)] * 5


def test_the_summary_loads_the_answers_items_at_once(login, agent, area, django_assert_max_num_queries):
    client = login(agent)
    for entry in quarters.quarter_for(agent).plan:
        post_answer(client, agent, entry["item"])
    url = reverse("practice:quarter_summary", args=[PracticeQuarter.objects.get().pk])
    client.get(url)

    with django_assert_max_num_queries(SUMMARY_QUERIES):
        response = client.get(url)

    assert len(response.context["answered"]) == 6
