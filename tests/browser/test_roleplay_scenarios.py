"""The scenario library in a real browser: library, scenario page and rehearsal pass axe-core; the rehearsal is
played to an ending with the keyboard alone; screenshots at desktop and phone widths."""

import io
import random

import pytest
from playwright.sync_api import expect

from ere.catalog.demo_data import TOOLS
from ere.roleplay import demo
from tests.browser.test_screenshots import shoot
from tests.catalog.factories import ToolFactory

LIBRARY = "/mises-en-situation/"
BAKERY = "/mises-en-situation/scenarios/premier-recrutement-boulangerie/"
REHEARSE = BAKERY + "repeter/"
GOOD_PATH = [
    "Bienvenue ! Racontez-moi",
    "Si je résume",
    "Oui. Je vous propose qu'on écrive l'offre ensemble",
    "Je peux vous rappeler jeudi à 14 h",
]


@pytest.fixture
def library(db):
    wanted = {slug for data in demo.definitions() for slug in data["tools"]}
    for tool in TOOLS:
        if tool["slug"] in wanted:
            ToolFactory(slug=tool["slug"], name=tool["name"])
    demo.load(random.Random(0), io.StringIO())


def test_the_library_the_scenario_and_the_rehearsal_have_no_axe_violation(
    page, log_in, agent, library, assert_no_axe_violations
):
    log_in(page, agent, next_url=LIBRARY)
    expect(page.get_by_role("heading", level=1, name="Mises en situation")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Difficulté").select_option("hard")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Colère après un candidat absent", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Un premier recrutement à la boulangerie", exact=True)).to_have_count(0)
    assert_no_axe_violations(page)

    page.goto(BAKERY)
    expect(page.get_by_role("table")).to_contain_text("Reformule le besoin")
    expect(page.get_by_text("réservée à l'animation")).to_have_count(0)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Répéter seul").click()
    expect(page.get_by_role("group", name="Que répondez-vous ?")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(REHEARSE + "?passage=Bonne+fin")
    expect(page.get_by_role("heading", name="Bonne fin")).to_be_visible()
    assert_no_axe_violations(page)


def test_an_editor_sees_the_interlocutors_card_and_the_form_passes_axe(
    page, log_in, trainer, library, assert_no_axe_violations
):
    log_in(page, trainer, next_url=BAKERY)
    expect(page.get_by_role("heading", name="Fiche de l'interlocuteur (réservée à l'animation)")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Modifier", exact=True).click()
    expect(page.get_by_label("Titre")).to_have_value("Un premier recrutement à la boulangerie")
    assert_no_axe_violations(page)
    page.goto("/mises-en-situation/importer/")
    assert_no_axe_violations(page)


def press_tab_until(page, text, limit=80):
    """Tab through the page until the focused element's text starts with `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        if focused.startswith(text):
            return
    raise AssertionError(f"« {text} » n'est jamais atteint au clavier")


def test_the_rehearsal_is_played_to_an_ending_with_the_keyboard(page, log_in, agent, library):
    log_in(page, agent, next_url=REHEARSE)
    expect(page.get_by_text("Bonjour, c'est Camille Durand")).to_be_visible()
    for answer in GOOD_PATH:
        press_tab_until(page, answer)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Bonne fin")).to_be_visible()
    expect(page.get_by_text("Bravo : vous avez fait préciser le besoin")).to_be_visible()
    press_tab_until(page, "Recommencer")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Bonjour, c'est Camille Durand")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_scenario_pages_look_right_on_a_desktop_and_on_a_phone(new_page, log_in, trainer, library, width):
    page = new_page(width=width, height=900 if width > 576 else 800)
    log_in(page, trainer, next_url=LIBRARY)
    shoot(page, "roleplay-library", width)
    for name, path in {
        "roleplay-scenario": BAKERY,
        "roleplay-rehearse": REHEARSE + "?passage=Le+besoin",
        "roleplay-rehearse-end": REHEARSE + "?passage=Bonne+fin",
        "roleplay-scenario-edit": BAKERY + "modifier/",
    }.items():
        page.goto(path)
        shoot(page, name, width)
