"""A trainer writes a multiple-choice question in the bank and answers it in the preview, as an agent would."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from ere.skills.enums import Frequency
from ere.skills.models import Item
from tests.skills.factories import (
    AreaFactory,
    CrcnAreaFactory,
    ItemFactory,
    RequirementFactory,
    RoleProfileFactory,
    SkillFactory,
    hotspot_data,
)

SCREENSHOTS = Path("/tmp")


def shoot(page, name):
    page.evaluate("document.fonts.ready")
    page.screenshot(path=SCREENSHOTS / f"authoring-{name}.png", full_page=True)


@pytest.fixture
def framework(catalog):
    offers = AreaFactory(
        code="editeur-offres",
        name="Éditeur d'offres",
        description="Rédiger, publier et suivre les offres d'emploi des entreprises.",
        tool=catalog["offers_editor"],
    )
    publish = SkillFactory(area=offers, code="editeur-offres-publier", name="Publier une offre", position=1)
    follow = SkillFactory(area=offers, code="editeur-offres-suivre", name="Suivre les candidatures", position=2)
    crcn = CrcnAreaFactory(code="crcn-1", name="Information et données")
    search = SkillFactory(area=crcn, code="crcn-1-1", name="Mener une recherche et une veille d'information")
    ItemFactory(uid="editeur-offres-001", skill=publish, difficulty=-1.5)
    ItemFactory(uid="editeur-offres-002", skill=publish, ordering=True, difficulty=0.2)
    ItemFactory(uid="editeur-offres-003", skill=follow, matching=True, draft=True)
    ItemFactory(uid="crcn-1-001", skill=search, difficulty=1.4, stem="Quel mot-clé élargit une recherche ?")
    ItemFactory(
        uid="crcn-1-002",
        skill=search,
        hotspot=True,
        stem="Où cliquez-vous pour ouvrir le menu ?",
        # Any static picture will do for the test: the screens folder is the demo's.
        data={**hotspot_data(), "image": "dsfr/dist/artwork/background/ovoid.svg"},
    )
    profile = RoleProfileFactory(name="Conseiller à dominante entreprises", slug="conseiller-entreprises")
    RequirementFactory(profile=profile, area=offers, target_level=3, frequency=Frequency.DAILY, key_skills=[publish])
    RequirementFactory(profile=profile, area=crcn, target_level=4, frequency=Frequency.WEEKLY)
    return {"publish": publish}


def test_a_trainer_writes_a_multiple_choice_question_and_answers_it_in_the_preview(
    page, log_in, trainer, framework, assert_no_axe_violations
):
    log_in(page, trainer)
    page.goto("/competences/referentiel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Référentiel des compétences")
    expect(page.get_by_role("heading", name="Éditeur d'offres")).to_be_visible()
    assert_no_axe_violations(page)
    shoot(page, "framework")

    page.get_by_role("link", name="Banque de questions").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Banque de questions")
    expect(page.locator("#results-count")).to_contain_text("5 questions")
    assert_no_axe_violations(page)
    shoot(page, "item-list")

    page.get_by_role("link", name="Nouvelle question").click()
    page.get_by_role("link", name="Choix multiple").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle question : choix multiple")
    assert_no_axe_violations(page)

    page.get_by_label("Compétence mesurée").select_option(label="Publier une offre")
    page.get_by_label("Énoncé").fill("Quelles informations une offre doit-elle toujours indiquer ?")
    page.get_by_label("Explication").fill("Le métier et le lieu de travail sont obligatoires.")
    answers = [
        ("Le métier", True, ""),
        ("Le lieu de travail", True, "Sans lieu, l'offre n'est pas diffusée."),
        ("Le salaire de l'ancien titulaire", False, "C'est une donnée personnelle : jamais dans une offre."),
    ]
    for number, (text, correct, feedback) in enumerate(answers, start=1):
        answer = page.get_by_role("group", name=f"Réponse {number}")
        answer.get_by_label("Réponse proposée").fill(text)
        if correct:
            answer.get_by_text("C'est une bonne réponse").click()
        answer.get_by_label("Retour à l'agent").fill(feedback)
    page.get_by_label("Statut").select_option(label="Publiée")
    shoot(page, "item-form")
    page.get_by_role("button", name="Enregistrer et voir l'aperçu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de la question « editeur-offres-004 »")
    expect(page.get_by_role("status")).to_contain_text("La question « editeur-offres-004 » a été créée.")
    item = Item.objects.get(uid="editeur-offres-004")
    assert (item.kind, item.author, item.status) == ("multiple", trainer, "published")
    assert [(c["id"], c["correct"]) for c in item.data["choices"]] == [("a", True), ("b", True), ("c", False)]
    assert_no_axe_violations(page)
    shoot(page, "preview")

    page.get_by_text("Le métier", exact=True).click()
    page.get_by_text("Le salaire de l'ancien titulaire").click()
    page.get_by_role("button", name="Valider").click()
    feedback = page.locator("#item-feedback")
    expect(feedback).to_contain_text("Ce n'est pas tout à fait ça")
    expect(feedback).to_contain_text("C'est une donnée personnelle")
    expect(feedback).to_contain_text("La bonne réponse : Le métier ; Le lieu de travail")
    assert_no_axe_violations(page)
    shoot(page, "preview-feedback")
    assert not item.responses.exists()

    page.get_by_role("link", name="Répondre à nouveau").click()
    page.get_by_text("Le métier", exact=True).click()
    page.get_by_text("Le lieu de travail").click()
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#item-feedback")).to_contain_text("Bonne réponse")


def test_a_trainer_sees_the_content_errors_of_a_question_and_nothing_is_saved(
    page, log_in, trainer, framework, assert_no_axe_violations
):
    log_in(page, trainer)
    page.goto("/competences/questions/nouvelle/?type=single&skill=editeur-offres-publier")
    page.get_by_label("Énoncé").fill("Où publiez-vous une offre ?")
    page.get_by_role("group", name="Réponse 1").get_by_label("Réponse proposée").fill("Dans l'onglet Offres")
    page.get_by_role("group", name="Réponse 2").get_by_label("Réponse proposée").fill("Dans la messagerie")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Le contenu de la question")).to_contain_text(
        "Une question à choix unique a exactement une bonne réponse."
    )
    assert Item.objects.count() == 5
    assert_no_axe_violations(page)
    shoot(page, "item-form-errors")


def test_the_other_authoring_pages_have_no_accessibility_violation(
    page, log_in, trainer, framework, assert_no_axe_violations
):
    log_in(page, trainer)
    for name, path in {
        "area": "/competences/referentiel/domaines/editeur-offres/",
        "profile": "/competences/referentiel/profils/conseiller-entreprises/",
        "kinds": "/competences/questions/nouvelle/",
        "import": "/competences/questions/import/",
        "ordering": "/competences/questions/editeur-offres-002/",
        "ordering-preview": "/competences/questions/editeur-offres-002/apercu/",
        "matching-preview": "/competences/questions/editeur-offres-003/apercu/",
        "hotspot": "/competences/questions/crcn-1-002/",
        "hotspot-preview": "/competences/questions/crcn-1-002/apercu/",
    }.items():
        page.goto(path)
        assert_no_axe_violations(page)
        shoot(page, name)


def test_choosing_an_area_on_a_new_requirement_line_shows_its_skills(page, log_in, trainer, framework):
    log_in(page, trainer)
    page.goto("/competences/referentiel/profils/nouveau/")
    line = page.get_by_role("group", name="Nouvel attendu").first
    expect(line).to_contain_text("choisissez d'abord le domaine")
    line.get_by_role("combobox", name="Domaine").select_option(label="Éditeur d'offres")
    expect(line.get_by_label("Suivre les candidatures")).to_be_visible()
