"""Creating a campaign: a validated form, agencies limited to the creator's scope."""

import pytest
from django.urls import reverse

from ere.usage.models import SurveyCampaign
from tests.usage.survey_factories import campaign_form_data as _data

URL = reverse("usage:survey_create")


@pytest.mark.parametrize("role", ["agent", "champion", "trainer"])
def test_it_checks_access(client, login, request, role, agency, survey_tools):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _data([agency], survey_tools)).status_code == 403
    assert not SurveyCampaign.objects.exists()


def test_it_shows_a_form_with_the_agencies_of_the_managers_scope(login, manager, agency, other_agency, survey_tools):
    response = login(manager).get(URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields["agencies"].queryset) == [agency]
    content = response.content.decode()
    assert "Nouvelle enquête" in content
    assert "Agence Grenoble" not in content
    assert "Éditeur d&#x27;offres" in content


def test_it_creates_a_campaign(login, territory_manager, agency, survey_tools):
    response = login(territory_manager).post(URL, _data([agency], survey_tools[:3]))

    campaign = SurveyCampaign.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("usage:survey_results", args=[campaign.pk])
    assert campaign.title == "Les outils de la relation entreprises"
    assert campaign.target_roles == ["agent", "champion"]
    assert list(campaign.agencies.all()) == [agency]
    assert set(campaign.tools.all()) == set(survey_tools[:3])
    assert campaign.created_by == territory_manager
    assert campaign.is_open


def test_a_manager_cannot_target_an_agency_outside_their_scope(login, manager, agency, other_agency, survey_tools):
    response = login(manager).post(URL, _data([agency, other_agency], survey_tools))

    assert response.status_code == 400
    assert "Cette agence n&#x27;est pas dans votre périmètre." in response.content.decode()
    assert not SurveyCampaign.objects.exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"title": ""}, "Donnez un titre à l&#x27;enquête."),
        ({"starts_on": "32/13/2026"}, "Saisissez une date valide."),
        ({"ends_on": "2020-01-01"}, "La clôture doit tomber le jour de l&#x27;ouverture ou après."),
        ({"agencies": []}, "Choisissez au moins une agence."),
        ({"target_roles": []}, "Choisissez au moins un rôle."),
        ({"target_roles": ["admin"]}, "Sélectionnez un choix valide"),
        ({"tools": []}, "Choisissez au moins un applicatif."),
    ],
)
def test_it_refuses_a_bad_form_and_saves_nothing(login, manager, agency, survey_tools, overrides, message):
    response = login(manager).post(URL, _data([agency], survey_tools, **overrides))

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Le formulaire contient des erreurs" in content
    assert not SurveyCampaign.objects.exists()


def test_a_retired_tool_cannot_be_chosen(login, manager, agency):
    from tests.catalog.factories import ToolFactory

    retired = ToolFactory(retired=True)
    response = login(manager).post(URL, _data([agency], [retired]))
    assert response.status_code == 400
    assert not SurveyCampaign.objects.exists()
