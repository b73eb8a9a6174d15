"""CSV export of a campaign's aggregated results, for French Excel: UTF-8 with a BOM, `;`, decimal commas."""

import csv
import io

import pytest
from django.urls import reverse

from tests.usage.survey_factories import respond
from tests.usage.test_survey_results import five_respondents


def _url(campaign):
    return reverse("usage:survey_export", args=[campaign.pk])


def _rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "other_manager"])
def test_it_checks_access(client, login, request, role, campaign):
    response = client.get(_url(campaign))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert login(request.getfixturevalue(role)).get(_url(campaign)).status_code == 403


def test_it_exports_the_aggregates_for_french_excel(login, manager, agency, campaign, survey_tools, survey_tasks):
    five_respondents(campaign, agency, survey_tools, survey_tasks)

    response = login(manager).get(_url(campaign))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="enquete-{campaign.pk}-resultats.csv"'
    rows = _rows(response)
    assert rows[0] == ["Rubrique", "Périmètre", "Applicatif ou tâche", "Indicateur", "Valeur"]
    assert ["Participation", "Agence Lyon Part-Dieu", "", "réponses envoyées", "5"] in rows
    assert ["Applicatifs", "Ensemble de votre périmètre", "Agenda partagé", "fréquence : jamais (%)", "20,0"] in rows
    assert [
        "Applicatifs",
        "Ensemble de votre périmètre",
        "Agenda partagé",
        "facilité moyenne (1 à 5)",
        "masqué (moins de 5 réponses)",
    ] in rows
    assert [
        "Applicatifs",
        "Ensemble de votre périmètre",
        "Dialogue Entreprises",
        "facilité moyenne (1 à 5)",
        "3,0",
    ] in rows
    assert [
        "Tâches principales",
        "Ensemble de votre périmètre",
        "Échanger avec une entreprise",
        "utilisent Dialogue Entreprises pour cette tâche (%)",
        "60,0",
    ] in rows
    assert "Commentaire personnel" not in response.content.decode()


def test_it_exports_masked_figures_under_five(login, manager, agency, campaign, survey_tools):
    for _ in range(3):
        respond(campaign, agency, {tool: {} for tool in survey_tools})

    rows = _rows(login(manager).get(_url(campaign)))

    assert ["Participation", "Agence Lyon Part-Dieu", "", "réponses envoyées", "masqué (moins de 5 réponses)"] in rows
    assert ["Réponses", "Ensemble de votre périmètre", "", "réponses comptées", "masqué (moins de 5 réponses)"] in rows
    assert not [row for row in rows if row[0] == "Applicatifs"]


def test_it_exports_one_agency(login, manager, agency, campaign):
    response = login(manager).get(_url(campaign) + f"?agency={agency.code}")
    assert response["Content-Disposition"].endswith(f'-resultats-{agency.code}.csv"')


def test_it_refuses_an_agency_outside_the_scope(login, manager, other_agency, campaign):
    response = login(manager).get(_url(campaign) + f"?agency={other_agency.code}")
    assert response.status_code == 400
    assert "hors de votre périmètre" in response.content.decode()


def test_a_name_that_looks_like_a_formula_stays_text(login, manager, agency, campaign, survey_tools):
    survey_tools[0].name = '=HYPERLINK("http://example.com")'
    survey_tools[0].save()
    for _ in range(5):
        respond(campaign, agency, {tool: {} for tool in survey_tools})

    rows = _rows(login(manager).get(_url(campaign)))

    assert {row[2] for row in rows if row[2].startswith(("=", "'="))} == {'\'=HYPERLINK("http://example.com")'}
