"""An advisor answers a survey across its steps, stops, resumes and sends it; a manager reads the results.

axe-core finds no violation on the questionnaire (with and without errors) nor on the results; screenshots of both
are written under var/screenshots/ to be looked at.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ere.usage.enums import Frequency
from ere.usage.models import SurveyResponse
from tests.catalog.factories import TaskFactory, ToolFactory
from tests.usage.survey_factories import CampaignFactory, respond

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TOOLS = ["Agenda partagé", "Dialogue Entreprises", "Éditeur d'offres", "Messagerie sécurisée", "Visio Conseil"]


@pytest.fixture
def survey(agency, agent, territory_manager):
    tools = [ToolFactory(name=name, slug=f"outil-{i}", summary=f"Ce que fait {name}.") for i, name in enumerate(TOOLS)]
    tasks = [
        TaskFactory(name="Échanger avec une entreprise", slug="echanger"),
        TaskFactory(name="Planifier un rendez-vous", slug="planifier"),
    ]
    campaign = CampaignFactory(
        title="Vos outils au quotidien",
        description="Dix minutes pour dire quels outils vous aident.",
        agencies=[agency],
        tools=tools,
        created_by=territory_manager,
    )
    # Five colleagues have already answered: enough for the results to show.
    for i in range(5):
        answers = {tool: {"frequency": Frequency.WEEKLY, "ease": 3 + i % 3, "usefulness": 4} for tool in tools}
        respond(campaign, agency, answers, tasks=[(tasks[i % 2], tools[:2])])
    return campaign


def shoot(page, name, width=1280):
    page.evaluate("document.fonts.ready")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    if width < 576:
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} défile horizontalement à {width} px"


def choose(group, label, exact=False):
    """Tick a radio or a checkbox as a person does, by its label (a DSFR label covers its input)."""
    group.locator("label").filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$" if exact else re.escape(label))
    ).click()
    expect(group.get_by_label(label, exact=exact)).to_be_checked()


def answer_tool(page, tool, frequency, ease=None, usefulness=None, training="Non"):
    section = page.get_by_role("region", name=tool)
    choose(section.get_by_role("group", name=re.compile("fréquence")), frequency, exact=True)
    if ease:
        choose(section.get_by_role("group", name=re.compile("facile")), ease)
    if usefulness:
        choose(section.get_by_role("group", name=re.compile("utile ")), usefulness)
    choose(section.get_by_role("group", name=re.compile("formation")), training, exact=True)


def test_an_advisor_answers_a_survey_in_steps_and_a_manager_reads_the_results(
    new_page, log_in, agent, manager, survey, assert_no_axe_violations
):
    page = new_page()
    log_in(page, agent)
    expect(page.get_by_role("heading", name="Une enquête vous attend")).to_be_visible()
    page.get_by_role("link", name="Mes enquêtes").first.click()
    page.get_by_role("link", name="Répondre à « Vos outils au quotidien »").click()

    # Step 1: four tools. Sending it empty shows the questions to answer, accessibly.
    expect(page.get_by_text("Étape 1 sur 4")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text("Indiquez à quelle fréquence vous utilisez « Agenda partagé ».")).to_be_visible()
    assert_no_axe_violations(page)
    answer_tool(page, "Agenda partagé", "Plusieurs fois par jour", "5 — très facile", "5 — indispensable")
    answer_tool(page, "Dialogue Entreprises", "Chaque jour", "2 — difficile", "4 — utile", training="Oui")
    answer_tool(page, "Éditeur d'offres", "Chaque semaine", "3 — moyen", "4 — utile")
    answer_tool(page, "Messagerie sécurisée", "Jamais")
    shoot(page, "survey-step")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 2: one tool, then a pause.
    expect(page.get_by_text("Étape 2 sur 4")).to_be_visible()
    answer_tool(page, "Visio Conseil", "Chaque mois", "4 — facile", "3 — assez utile")
    page.get_by_role("button", name="Enregistrer et finir plus tard").click()
    expect(page.get_by_role("status")).to_contain_text("Vos réponses sont enregistrées.")

    # Back later: the questionnaire resumes at the tasks.
    page.get_by_role("link", name="Reprendre à « Vos outils au quotidien »").click()
    expect(page.get_by_text("Étape 3 sur 4")).to_be_visible()
    page.get_by_label("Votre tâche principale").select_option(label="Échanger avec une entreprise")
    tools_1 = page.get_by_role("group", name=re.compile("Applicatifs que vous utilisez pour la tâche 1"))
    choose(tools_1, "Dialogue Entreprises")
    choose(tools_1, "Agenda partagé")
    page.get_by_label("Votre deuxième tâche").select_option(label="Planifier un rendez-vous")
    choose(page.get_by_role("group", name=re.compile("pour la tâche 2")), "Visio Conseil")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Last step: the recap, a comment, and send.
    expect(page.get_by_text("Étape 4 sur 4")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Messagerie sécurisée Jamais"))).to_be_visible()
    page.get_by_label("Un commentaire ? (facultatif)").fill("Le CRM et l'agenda gagneraient à se parler.")
    assert_no_axe_violations(page)
    shoot(page, "survey-submit")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("status")).to_contain_text("Merci ! Vos réponses sont envoyées.")
    expect(page.get_by_role("link", name="Modifier mes réponses à « Vos outils au quotidien »")).to_be_visible()

    response = SurveyResponse.objects.get(respondent=agent)
    assert response.submitted_at is not None
    assert response.tool_answers.count() == 5
    assert response.task_answers.count() == 2

    # The manager sees six answers, in tables, with no individual one.
    manager_page = new_page()
    log_in(manager_page, manager)
    manager_page.get_by_role("link", name="Enquêtes", exact=True).click()
    manager_page.get_by_role("link", name="Vos outils au quotidien", exact=True).click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Résultats de « Vos outils au quotidien »")
    participation = manager_page.get_by_role("table", name="Taux de réponse par agence")
    expect(participation.get_by_role("row", name=re.compile("Agence Lyon Part-Dieu"))).to_contain_text("6")
    expect(manager_page.get_by_role("table", name="Appréciation de chaque applicatif")).to_be_visible()
    expect(manager_page.get_by_text("gagneraient à se parler")).to_have_count(0)
    assert_no_axe_violations(manager_page)
    shoot(manager_page, "survey-results")


@pytest.mark.parametrize("width", [375])
def test_the_survey_pages_fit_a_phone(new_page, log_in, agent, manager, survey, width):
    page = new_page(width=width, height=800)
    log_in(page, agent)
    page.goto(f"/usages/mes-enquetes/{survey.pk}/etape-1/")
    shoot(page, "survey-step", width)
    manager_page = new_page(width=width, height=800)
    log_in(manager_page, manager)
    manager_page.goto(f"/usages/enquetes/{survey.pk}/resultats/")
    shoot(manager_page, "survey-results", width)


def test_a_manager_imports_limesurvey_answers_through_accessible_pages(
    page, log_in, manager, agency, survey, assert_no_axe_violations, tmp_path
):
    from tests.org.factories import UserFactory
    from tests.usage.test_survey_import import limesurvey_csv, row

    advisor = UserFactory(agency=agency, email="import@example.fr")
    export = tmp_path / "reponses.csv"
    export.write_text(limesurvey_csv([row(1, advisor.email)], tools=TOOLS[:2]), encoding="utf-8")
    log_in(page, manager)
    page.goto(f"/usages/enquetes/{survey.pk}/resultats/")
    page.get_by_role("link", name="Importer des réponses LimeSurvey").click()
    assert_no_axe_violations(page)
    page.get_by_label("Export CSV de LimeSurvey").set_input_files(export)
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_label(re.compile(r"G1Q00001\. Votre adresse e-mail"))).to_have_value("email")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Importer les réponses").click()
    expect(page.get_by_role("status")).to_contain_text("Import terminé : 1 réponse(s) ajoutée(s)")
    assert SurveyResponse.objects.get(respondent=advisor).tool_answers.count() == 2
