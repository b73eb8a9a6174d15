"""Editing a campaign: only for those who oversee every agency it asks."""

import pytest
from django.urls import reverse

from ere.usage.models import SurveyCampaign
from tests.usage.survey_factories import CampaignFactory, ResponseFactory
from tests.usage.survey_factories import campaign_form_data as _data


def _url(campaign):
    return reverse("usage:survey_edit", args=[campaign.pk])


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "other_manager"])
def test_it_checks_access(client, login, request, role, agency, campaign, survey_tools):
    response = client.get(_url(campaign))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    client = login(request.getfixturevalue(role))
    assert client.get(_url(campaign)).status_code == 403
    assert client.post(_url(campaign), _data([agency], survey_tools, title="Piratée")).status_code == 403
    campaign.refresh_from_db()
    assert campaign.title == "Vos outils au quotidien"


def test_a_manager_cannot_edit_a_campaign_that_also_asks_another_agency(login, manager, agency, other_agency):
    shared = CampaignFactory(agencies=[agency, other_agency])
    assert login(manager).get(_url(shared)).status_code == 403


def test_it_answers_404_for_an_unknown_campaign(login, manager):
    assert login(manager).get(reverse("usage:survey_edit", args=[9999])).status_code == 404


def test_it_shows_the_campaign_filled_in(login, manager, campaign, agent):
    ResponseFactory(campaign=campaign, respondent=agent, draft=True)

    response = login(manager).get(_url(campaign))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Modifier « Vos outils au quotidien »" in content
    assert 'value="Vos outils au quotidien"' in content
    assert "Déjà 1 questionnaire commencé ou envoyé" in content


def test_it_saves_the_changes(login, manager, agency, campaign, survey_tools):
    data = _data([agency], survey_tools[:2], title="Vos outils, deuxième vague", target_roles=["agent"])

    response = login(manager).post(_url(campaign), data)

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Vos outils, deuxième vague"
    assert campaign.target_roles == ["agent"]
    assert set(campaign.tools.all()) == set(survey_tools[:2])
    assert SurveyCampaign.objects.count() == 1


def test_a_bad_edit_changes_nothing(login, manager, agency, campaign, survey_tools):
    response = login(manager).post(_url(campaign), _data([agency], survey_tools, title="", tools=[]))

    assert response.status_code == 400
    campaign.refresh_from_db()
    assert campaign.title == "Vos outils au quotidien"
    assert campaign.tools.count() == len(survey_tools)


def test_a_tool_retired_since_stays_available_to_the_campaign_covering_it(login, manager, agency, survey_tools):
    from ere.catalog.enums import Status

    covered = CampaignFactory(agencies=[agency], tools=survey_tools)
    survey_tools[0].status = Status.RETIRED
    survey_tools[0].save()

    response = login(manager).post(_url(covered), _data([agency], survey_tools))

    assert response.status_code == 302
    assert covered.tools.count() == len(survey_tools)
