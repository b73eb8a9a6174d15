"""An agent runs this week's practice quarter in a real browser: answers, feedback, the summary and the streak."""

import datetime
import re
from pathlib import Path

import pytest

from ere.practice.models import PracticeQuarter, week_start
from tests.practice.quarter_data import TeamSlotFactory, daily_gap, item_bank, practised

SCREENSHOTS = Path("/tmp")
MISSING_ICONS = """() => [...document.querySelectorAll('[class*="fr-icon-"]')]
    .filter((element) => {
        const style = getComputedStyle(element, '::before');
        return (style.maskImage || style.webkitMaskImage || 'none') === 'none';
    })
    .map((element) => [...element.classList].filter((name) => name.startsWith('fr-icon-')).join(' '))"""
RIGHT, WRONG = "Depuis l'onglet « Offres »", "Depuis l'accueil"


@pytest.fixture
def practice(agent, agency):
    area = item_bank(count=8)
    daily_gap("agent", area)
    TeamSlotFactory(agency=agency, weekday=1, start=datetime.time(8, 45))
    # Two weeks done before: this week's quarter makes it three in a row.
    for weeks_ago in (1, 2):
        practised(agent, week_start() - datetime.timedelta(days=7 * weeks_ago))
    return area


def shoot(page, name, width):
    page.evaluate("document.fonts.ready")
    page.screenshot(path=SCREENSHOTS / f"quarter-{name}-{width}.png", full_page=True)
    if width < 576:
        overflow = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth, [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5)"
            ".map(e => e.outerHTML.slice(0, 160))]"
        )
        assert overflow[0] <= overflow[1], f"{name} défile horizontalement à {width} px : {overflow}"


def check(page, assert_no_axe_violations):
    assert_no_axe_violations(page)
    assert page.evaluate(MISSING_ICONS) == []


def answer(page, choice):
    page.locator("label", has_text=choice).click()  # the DSFR radio is drawn by its label
    page.get_by_role("button", name="Valider ma réponse").click()
    page.locator("#item-feedback").wait_for()


@pytest.mark.parametrize("width", [1280, 375])
def test_an_agent_runs_a_practice_quarter(new_page, log_in, agent, practice, assert_no_axe_violations, width):
    from playwright.sync_api import expect

    page = new_page(width=width, height=900 if width > 576 else 800)
    log_in(page, agent)

    page.goto("/pratique/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quart d'heure de pratique")
    expect(page.get_by_text("2 semaines d'affilée")).to_be_visible()
    expect(page.get_by_text("mardi à 8 h 45")).to_be_visible()
    check(page, assert_no_axe_violations)
    shoot(page, "home", width)

    page.get_by_role("link", name="Commencer mon quart d'heure").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Question 1 sur \d+$"))).to_be_visible()
    expect(page.get_by_text("Pourquoi cette question ?")).to_be_visible()
    # The timer counts down with JavaScript (minutes and seconds), announced only at milestones.
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"1[45] min \d\d s"))
    check(page, assert_no_axe_violations)
    shoot(page, "question", width)

    # Sent without an answer: a French error on the same page, the focus on the first (shuffled) choice.
    page.get_by_role("button", name="Valider ma réponse").click()
    expect(page.get_by_text("Choisissez une réponse.")).to_be_visible()
    expect(page.locator("#item-fieldset input").first).to_be_focused()
    check(page, assert_no_axe_violations)

    # A wrong answer: its feedback, the right answer, what to remember.
    answer(page, WRONG)
    expect(page.get_by_role("heading", name="Ce n'est pas tout à fait ça")).to_be_visible()
    expect(page.get_by_text("L'accueil ne publie rien.")).to_be_visible()
    expect(page.get_by_text(f"La bonne réponse : {RIGHT}")).to_be_visible()
    expect(page.locator("#item-feedback")).to_be_focused()
    check(page, assert_no_axe_violations)
    shoot(page, "feedback", width)

    for number in (2, 3):
        page.get_by_role("link", name="Question suivante").click()
        expect(page.get_by_role("heading", name=re.compile(rf"^Question {number} sur"))).to_be_visible()
        answer(page, RIGHT)
        expect(page.get_by_role("heading", name="Bonne réponse")).to_be_visible()

    page.get_by_role("button", name="Terminer mon quart d'heure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bilan de votre quart d'heure")
    expect(page.get_by_text("3 questions, 2 bonnes réponses")).to_be_visible()
    expect(page.get_by_text("3 semaines d'affilée")).to_be_visible()
    expect(page.get_by_text("À revoir", exact=True)).to_have_count(1)
    expect(page.get_by_text("Prochaine révision à partir du")).to_have_count(3)
    check(page, assert_no_axe_violations)
    shoot(page, "summary", width)

    page.get_by_role("link", name="Retour au quart d'heure de pratique").click()
    expect(page.get_by_text("Terminé", exact=True)).to_be_visible()
    expect(page.get_by_text("3 semaines d'affilée")).to_be_visible()
    check(page, assert_no_axe_violations)
    shoot(page, "home-done", width)


def test_the_slot_and_participation_pages_have_no_accessibility_violation(
    new_page, log_in, manager, practice, assert_no_axe_violations
):
    page = new_page()
    log_in(page, manager)
    page.goto("/pratique/creneau/")
    check(page, assert_no_axe_violations)
    page.get_by_label("Durée (en minutes)").fill("5")
    page.get_by_role("button", name="Enregistrer le créneau").click()
    page.get_by_text("Le créneau dure au moins 10 minutes.").wait_for()
    check(page, assert_no_axe_violations)
    shoot(page, "slot-error", 1280)

    page.goto("/pratique/participation/")
    check(page, assert_no_axe_violations)
    shoot(page, "participation", 1280)


def test_a_sandbox_mission_asked_in_the_quarter_counts_once_the_server_has_the_attempt(
    new_page, log_in, agent, assert_no_axe_violations
):
    from playwright.sync_api import expect

    from ere.practice.models import Sandbox, SandboxAttempt
    from tests.practice.test_quarter_views import sandbox_item

    area = item_bank(count=0)
    sandbox_item(area.skills.get())
    page = new_page()
    log_in(page, agent)

    page.goto("/pratique/quart-d-heure/")
    page.locator("[data-sandbox-player] [data-sandbox-mount] *").first.wait_for()
    expect(page.get_by_text("Mission en cours")).to_be_visible()
    check(page, assert_no_axe_violations)
    shoot(page, "sandbox", 1280)

    # What the player does when the agent finishes the mission (its own tests cover playing it): the attempt's id
    # goes into the form; the server has not recorded it yet (the connection dropped).
    client_id = "5d0b6a8e-7c1f-4b7a-9d3e-2f6a1c0e9b44"
    page.evaluate(
        "(clientId) => document.querySelector('[data-sandbox-player]').dispatchEvent(new CustomEvent("
        "'sandbox:finished', {bubbles: true, detail: {succeeded: true, mistakes: [], clientId}}))",
        client_id,
    )
    expect(page.locator("input[name=attempt]")).to_have_value(client_id)
    expect(page.get_by_text("Mission réussie. Validez votre réponse")).to_be_visible()
    page.get_by_role("button", name="Valider ma réponse").click()
    expect(page.get_by_text("Votre tentative n'est pas encore enregistrée sur le serveur")).to_be_visible()
    expect(page.locator("input[name=attempt]")).to_have_value(client_id)  # kept: no need to play it again
    check(page, assert_no_axe_violations)

    # The attempt reaches the server (the player's queue): validating again counts the server's verdict.
    SandboxAttempt.objects.create(
        user=agent, sandbox=Sandbox.objects.get(), client_id=client_id, succeeded=True, mistakes=[]
    )
    page.evaluate(
        "(clientId) => document.querySelector('[data-sandbox-player]').dispatchEvent(new CustomEvent("
        "'sandbox:recorded', {bubbles: true, detail: {succeeded: true, clientId}}))",
        client_id,
    )
    expect(page.get_by_text("Tentative enregistrée : mission réussie.")).to_be_visible()
    page.get_by_role("button", name="Valider ma réponse").click()
    expect(page.get_by_role("heading", name="Bonne réponse")).to_be_visible()
    check(page, assert_no_axe_violations)


def test_an_agent_skips_a_question_and_the_quarter_finishes_with_the_last_one(
    new_page, log_in, agent, assert_no_axe_violations
):
    from playwright.sync_api import expect

    item_bank(count=2)
    page = new_page()
    log_in(page, agent)

    page.goto("/pratique/quart-d-heure/")
    expect(page.get_by_role("heading", name="Question 1 sur 2")).to_be_visible()
    page.get_by_role("button", name="Passer cette question").click()
    expect(page.get_by_role("heading", name="Question 2 sur 2")).to_be_visible()
    expect(page.get_by_text("— passée")).to_be_visible()
    check(page, assert_no_axe_violations)

    answer(page, RIGHT)  # the last question: the quarter is done, even if the agent closes the tab now
    assert PracticeQuarter.objects.get(user=agent).finished_at is not None
    page.get_by_role("link", name="Voir mon bilan").click()
    expect(page.get_by_text("1 question, 1 bonne réponse")).to_be_visible()
    expect(page.get_by_text("dont 1 passée")).to_be_visible()
    check(page, assert_no_axe_violations)
