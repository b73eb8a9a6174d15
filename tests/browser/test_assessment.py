"""An agent takes an adaptive diagnostic in a real browser, answers every kind of item, and shares the results."""

import pytest
from playwright.sync_api import expect

from ere.skills.enums import AssessmentStatus
from ere.skills.models import Assessment
from tests.browser.test_screenshots import shoot
from tests.org.factories import UserFactory
from tests.skills.factories import (
    AreaFactory,
    ItemFactory,
    RequirementFactory,
    SkillFactory,
    hotspot_data,
)
from tests.skills.test_profile_views import result


@pytest.fixture
def bank(agent):
    """One area of the agent's role profile, with an item of every kind the diagnostic asks."""
    area = AreaFactory(name="Suivi des offres", code="suivi-offres", tool__name="Suivi des offres")
    skill = SkillFactory(area=area, name="Publier une offre")
    hotspot = hotspot_data() | {"image": "skills/screens/suivi-offres.svg", "width": 800, "height": 500}
    for n, traits in enumerate([{}, {"multiple": True}, {"ordering": True}, {"matching": True}, {}, {}]):
        ItemFactory(skill=skill, uid=f"suivi-offres-{n}", difficulty=-1.5 + 0.6 * n, discrimination=1.6, **traits)
    ItemFactory(skill=skill, uid="suivi-offres-9", difficulty=0.2, discrimination=1.6, kind="hotspot", data=hotspot)
    RequirementFactory(profile__specialty=agent.specialty, area=area, target_level=3)
    return area


def answer_what_is_shown(page):
    """Answer the question on the page, whatever its kind; return that kind."""
    if page.locator(".ere-hotspot__region").count():
        page.locator(".ere-hotspot__region").first.click()
        return "hotspot"
    ranks = page.locator("select.ere-item-rank")
    if ranks.count():
        for n in range(ranks.count()):
            ranks.nth(n).select_option(str(n + 1))
        kind = "ordering"
    elif page.locator("select[name^=match-]").count():
        selects = page.locator("select[name^=match-]")
        for n in range(selects.count()):
            selects.nth(n).select_option(index=n + 1)
        kind = "matching"
    elif page.locator("input[type=checkbox][name=choice]").count():
        page.locator("input[type=checkbox][name=choice] + label").first.click()
        kind = "multiple"
    else:
        page.locator("input[type=radio][name=choice] + label").first.click()
        kind = "single"
    page.get_by_role("button", name="Valider ma réponse").click()
    return kind


def test_an_agent_takes_a_diagnostic_and_shares_it(page, log_in, agent, bank, assert_no_axe_violations):
    log_in(page, agent)
    page.goto("/competences/diagnostic/")
    expect(page.get_by_role("heading", name="Faire le point sur mes compétences")).to_be_visible()
    assert_no_axe_violations(page)
    # Starting with nothing chosen says what is missing.
    page.get_by_role("button", name="Commencer le diagnostic").click()
    expect(page.get_by_text("Choisissez au moins un domaine")).to_be_visible()
    page.get_by_label("Suivi des offres").select_option(label="Je l'utilise seul·e pour les tâches courantes")
    page.get_by_role("button", name="Commencer le diagnostic").click()
    expect(page.get_by_role("heading", name="Question 1")).to_be_visible()

    # An answer left empty gets its message, on the same question.
    page.get_by_role("button", name="Valider ma réponse").click()
    expect(page.locator("#item-error")).to_be_visible()
    assert_no_axe_violations(page)

    kinds = set()
    for _ in range(10):
        if "/resultats/" in page.url:
            break
        assert_no_axe_violations(page)
        kinds.add(answer_what_is_shown(page))
        page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Résultats de mon diagnostic")).to_be_visible()
    assert len(kinds) >= 3, kinds
    expect(page.get_by_text("Confiance")).to_be_visible()
    assert_no_axe_violations(page)

    # The review shows each answer's feedback.
    page.locator(".fr-accordion__btn").first.click()
    expect(page.locator("[id^=feedback-]").first).to_be_visible()

    # Private until shared; the agent shares, then could withdraw.
    assessment = Assessment.objects.get(user=agent)
    assert assessment.status == AssessmentStatus.FINISHED and not assessment.is_shared
    page.get_by_role("button", name="Partager mes résultats").click()
    expect(page.get_by_text("Résultats partagés avec votre manager")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.is_shared
    expect(page.get_by_role("button", name="Retirer le partage")).to_be_visible()

    page.goto("/competences/")
    expect(page.get_by_role("rowheader", name="Suivi des offres")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/competences/parcours/")
    assert_no_axe_violations(page)


def test_a_hotspot_is_answered_with_the_keyboard(page, log_in, agent, bank):
    bank.skills.get().items.exclude(kind="hotspot").update(status="draft")
    log_in(page, agent)
    page.goto("/competences/diagnostic/")
    page.get_by_label("Suivi des offres").select_option(label="Je l'ai déjà utilisé, avec de l'aide")
    page.get_by_role("button", name="Commencer le diagnostic").click()
    region = page.get_by_role("button", name="Menu")
    region.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Résultats de mon diagnostic")).to_be_visible()
    assert Assessment.objects.get(user=agent).responses.get().correct


def test_the_team_view_has_no_accessibility_violation(page, log_in, manager, agency, bank, assert_no_axe_violations):
    for user in UserFactory.create_batch(5, agency=agency):
        result(user, bank, 2, shared=True)
    log_in(page, manager)
    page.goto("/competences/equipe/")
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.locator(".ere-chart .main-svg").first).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_diagnostic_pages_fit_a_phone(new_page, log_in, agent, bank, width):
    page = new_page(width=width, height=900 if width > 576 else 800)
    log_in(page, agent)
    page.goto("/competences/diagnostic/")
    shoot(page, "assessment-start", width)
    page.get_by_label("Suivi des offres").select_option(label="Je l'utilise seul·e pour les tâches courantes")
    page.get_by_role("button", name="Commencer le diagnostic").click()
    for n in range(8):
        if "/resultats/" in page.url:
            break
        shoot(page, f"assessment-question-{n}", width)
        answer_what_is_shown(page)
        page.wait_for_load_state()
    shoot(page, "assessment-result", width)
    for name, path in (("skills-profile", "/competences/"), ("learning-path", "/competences/parcours/")):
        page.goto(path)
        shoot(page, name, width)
