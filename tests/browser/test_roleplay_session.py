"""A live session in real browsers: one context per person (the trainer facilitates and observes, the agent advises,
the champion plays the employer), each on their own device; then a forum-theatre session.

The room refreshes itself by htmx polling (every second here, ROLEPLAY_POLL_SECONDS): every assertion on what
another person did waits for the next poll with Playwright's auto-waiting `expect`, never a fixed sleep.
"""

import re
from pathlib import Path

import pytest

from ere.roleplay.enums import RoleKind, Status
from ere.roleplay.models import ForumLine, Observation, PlaySession
from tests.roleplay.factories import ScenarioFactory

SHOTS = Path("/tmp/shots")
HIDDEN = "Vous ne pouvez payer qu'un temps partiel."
ADVISOR_BRIEF = "Vous prenez l'appel."
PHONE = {"width": 375, "height": 800}
# htmx cancels a request when its `htmx:beforeRequest` is prevented: axe then reads a page that does not move.
PAUSE_POLLING = """() => {
    if (!window.__pollingPause) {
        document.body.addEventListener('htmx:beforeRequest', (event) => {
            if (window.__pollingPaused) event.preventDefault();
        });
        window.__pollingPause = true;
    }
    window.__pollingPaused = true;
}"""


@pytest.fixture(autouse=True)
def fast_polling(settings):
    settings.ROLEPLAY_POLL_SECONDS = 1


@pytest.fixture
def scenario(db):
    return ScenarioFactory(slug="premier-recrutement", title="Un premier recrutement", minutes=10)


def shoot(page, name, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=SHOTS / f"roleplay-session-{name}-{width}.png", full_page=True)
    if width < 576:
        overflow = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, wide: "
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
            ".slice(0, 5).map(e => e.outerHTML.slice(0, 120))})"
        )
        assert overflow["scroll"] <= overflow["viewport"], f"{name} défile horizontalement à {width} px : {overflow}"


def check(page, assert_no_axe_violations):
    """axe-core on the page, its polling paused meanwhile."""
    page.evaluate(PAUSE_POLLING)
    try:
        assert_no_axe_violations(page)
    finally:
        page.evaluate("() => { window.__pollingPaused = false; }")


def open_session(page, *, forum=False, observe=True):
    page.goto("/mises-en-situation/sessions/nouvelle/premier-recrutement/")
    if forum:
        page.locator("label", has_text="Théâtre forum").click()
    if not observe:
        page.locator("label", has_text="J'anime seulement").click()
    page.get_by_role("button", name="Ouvrir la session").click()
    code = page.locator(".ere-session-code__value [aria-hidden]").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    return code


def join(page, code, role_label):
    """Join with the code typed as one would on a phone (lower case, a dash), then pick a role."""
    page.goto("/mises-en-situation/rejoindre/")
    page.get_by_label("Code de la session").fill(f"{code[:3].lower()}-{code[3:].lower()}")
    page.get_by_role("button", name="Rejoindre", exact=True).click()
    page.locator("label", has_text=role_label).first.click()
    page.get_by_role("button", name="Rejoindre la session").click()


def test_a_role_play_with_three_people_on_their_own_devices(
    new_page, log_in, trainer, agent, champion, scenario, assert_no_axe_violations
):
    from playwright.sync_api import expect

    host = new_page()
    log_in(host, trainer)
    host.goto("/mises-en-situation/sessions/nouvelle/premier-recrutement/")
    expect(host.get_by_label("Durée du jeu (en minutes)")).to_have_value("10")
    check(host, assert_no_axe_violations)
    shoot(host, "create", 1280)
    code = open_session(host)
    expect(host.get_by_text(f"Donnez le code {code}")).to_be_visible()
    expect(host.locator("body")).to_contain_text(HIDDEN)  # the facilitator reads every card
    check(host, assert_no_axe_violations)
    shoot(host, "room-facilitator-waiting", 1280)

    advisor = new_page(**PHONE)
    log_in(advisor, agent)
    advisor.goto("/mises-en-situation/rejoindre/")
    check(advisor, assert_no_axe_violations)
    advisor.get_by_label("Code de la session").fill("ZZZ-999")
    advisor.get_by_role("button", name="Rejoindre", exact=True).click()
    expect(advisor.get_by_text("Aucune session ouverte avec le code «\u00a0ZZZ999\u00a0»")).to_be_visible()
    check(advisor, assert_no_axe_violations)
    shoot(advisor, "join-error", 375)
    advisor.get_by_label("Code de la session").fill(f"{code[:3].lower()} {code[3:].lower()}")
    advisor.get_by_role("button", name="Rejoindre", exact=True).click()
    expect(advisor.get_by_text("Choisissez votre rôle")).to_be_visible()
    check(advisor, assert_no_axe_violations)
    shoot(advisor, "choose-role", 375)
    advisor.locator("label", has_text="Conseiller").first.click()
    advisor.get_by_role("button", name="Rejoindre la session").click()
    expect(advisor.get_by_text("Vous avez rejoint la session comme conseiller.")).to_be_visible()
    expect(advisor.get_by_text(ADVISOR_BRIEF)).to_be_visible()
    expect(advisor.locator("body")).not_to_contain_text(HIDDEN)

    employer = new_page(**PHONE)
    log_in(employer, champion)
    join(employer, code, "Chef d'entreprise")
    expect(employer.get_by_text(HIDDEN)).to_be_visible()
    expect(employer.locator("body")).not_to_contain_text(ADVISOR_BRIEF)

    # The facilitator's room shows who joined, without a reload.
    people = host.locator("#session-state .ere-session-people")
    expect(people).to_contain_text("Alice Martin")
    expect(people).to_contain_text("Bruno Petit")

    host.get_by_role("button", name="Démarrer le minuteur").click()
    for page in (host, advisor, employer):
        expect(page.locator(".ere-session-timer")).to_contain_text(re.compile(r"Fin prévue à \d+\s+h"))
        expect(page.locator(".ere-session-timer")).to_contain_text("Il reste environ 10 minutes")
    expect(host.locator("#session-announce")).to_have_text(re.compile("La session commence"))
    expect(advisor.locator("#session-announce")).to_have_text(re.compile("La session commence"))
    check(advisor, assert_no_axe_violations)
    shoot(advisor, "room-advisor", 375)
    check(employer, assert_no_axe_violations)
    shoot(employer, "room-interlocutor", 375)

    # The observer (the trainer) fills the grid live: each change is saved.
    first, second, _third = scenario.criteria.all()
    host.locator(f"label[for=level-{first.pk}-3]").click()
    expect(host.locator("#grid-status")).to_contain_text(re.compile(r"Enregistré à .*1 critère sur 3"))
    host.get_by_label("Remarque sur « Évite le jargon »").fill("Deux sigles au début.")
    host.locator(f"label[for=level-{second.pk}-2]").click()
    expect(host.locator("#grid-status")).to_contain_text("2 critères sur 3")
    assert Observation.objects.get(criterion=second).note == "Deux sigles au début."
    check(host, assert_no_axe_violations)
    shoot(host, "room-facilitator-running", 1280)
    host.set_viewport_size(PHONE)  # an observer on a phone: the grid fits too
    shoot(host, "room-observer", 375)
    host.set_viewport_size({"width": 1280, "height": 900})

    host.once("dialog", lambda dialog: dialog.accept())
    host.get_by_role("button", name="Terminer la session").click()
    expect(host.get_by_role("heading", level=1)).to_have_text("Bilan de la session")
    assert PlaySession.objects.get().status == Status.FINISHED

    # The others see the end through the polling, and open the results.
    expect(advisor.locator("#session-announce")).to_have_text(re.compile("La session est terminée"))
    advisor.get_by_role("link", name="Voir le bilan").click()
    expect(advisor.get_by_role("heading", level=1)).to_have_text("Bilan de la session")
    expect(advisor.get_by_text("3 – Atteint")).to_be_visible()
    expect(advisor.get_by_text("Deux sigles au début.")).to_be_visible()
    check(advisor, assert_no_axe_violations)
    shoot(advisor, "results", 375)
    check(host, assert_no_axe_violations)
    shoot(host, "results", 1280)


def test_a_forum_theatre_session_proposes_votes_and_keeps_lines(
    new_page, log_in, trainer, agent, champion, scenario, assert_no_axe_violations
):
    from playwright.sync_api import expect

    host = new_page()
    log_in(host, trainer)
    code = open_session(host, forum=True, observe=False)

    author = new_page(**PHONE)
    log_in(author, agent)
    join(author, code, "Public")
    voter = new_page(**PHONE)
    log_in(voter, champion)
    join(voter, code, "Public")
    expect(host.locator("#session-state")).to_contain_text("Alice Martin, Bruno Petit")

    host.get_by_label("Scène rejouée").fill("« Ah, alors ça va être compliqué de trouver quelqu'un. »")
    host.get_by_role("button", name="Montrer la scène à tous").click()
    expect(host.locator("#scene-status")).to_contain_text("Scène mise à jour")
    expect(author.locator("#forum-board")).to_contain_text("ça va être compliqué")

    author.get_by_role("button", name="Proposer ma réplique").click()
    expect(author.get_by_text("Écrivez votre réplique avant de la proposer.")).to_be_visible()
    author.get_by_label("Votre réplique").fill("Un temps partiel, c'est possible : quels horaires vous conviennent ?")
    author.get_by_role("button", name="Proposer ma réplique").click()
    expect(author.locator("#forum-board")).to_contain_text("Votre réplique")
    expect(author.get_by_label("Votre réplique")).to_have_value("")
    check(author, assert_no_axe_violations)
    shoot(author, "forum-audience", 375)

    vote = voter.get_by_role("button", name=re.compile("J'aime cette réplique"))
    expect(vote).to_have_attribute("aria-pressed", "false")
    vote.click()
    expect(voter.locator("#forum-board")).to_contain_text("1 vote")
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(author.locator("#forum-board")).to_contain_text("1 vote")
    expect(host.locator("#forum-board")).to_contain_text("1 vote")

    host.get_by_role("button", name=re.compile("Garder en exemple")).click()
    expect(host.locator("#forum-board")).to_contain_text("Gardée en exemple")
    expect(voter.locator("#forum-board")).to_contain_text("Gardée en exemple")
    assert ForumLine.objects.get().is_kept
    check(host, assert_no_axe_violations)
    shoot(host, "forum-facilitator", 1280)
    check(voter, assert_no_axe_violations)

    host.once("dialog", lambda dialog: dialog.accept())
    host.get_by_role("button", name="Terminer la session").click()
    expect(host.get_by_role("heading", level=1)).to_have_text("Bilan de la session")
    expect(host.get_by_text("« Un temps partiel, c'est possible")).to_be_visible()
    assert PlaySession.objects.get().participants.filter(role=RoleKind.AUDIENCE).count() == 2
    check(host, assert_no_axe_violations)
    shoot(host, "forum-results", 1280)
