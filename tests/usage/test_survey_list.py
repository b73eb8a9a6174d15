"""The campaigns a manager, an analyst or an admin oversees, with their response rate."""

import pytest
from django.urls import reverse

from tests.org.factories import UserFactory
from tests.usage.survey_factories import CampaignFactory, ResponseFactory

URL = reverse("usage:survey_list")


@pytest.mark.parametrize("role", ["agent", "champion", "trainer"])
def test_it_checks_access(client, login, request, role, campaign):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_it_lists_the_campaigns_of_the_managers_agencies_only(login, manager, other_manager, other_agency, campaign):
    CampaignFactory(title="Enquête de Grenoble", agencies=[other_agency])

    content = login(manager).get(URL).content.decode()
    assert "Vos outils au quotidien" in content
    assert "Enquête de Grenoble" not in content

    content = login(other_manager).get(URL).content.decode()
    assert "Enquête de Grenoble" in content
    assert "Vos outils au quotidien" not in content


def test_it_shows_the_response_rate_over_the_managers_agencies(login, manager, agency, campaign):
    advisors = [UserFactory(agency=agency) for _ in range(9)]  # with the fixture's own advisors, if any
    for advisor in advisors[:5]:
        ResponseFactory(campaign=campaign, respondent=advisor)
    ResponseFactory(campaign=campaign, respondent=advisors[5], draft=True)

    response = login(manager).get(URL)

    row = response.context["page_obj"].object_list[0].participation
    assert (row.targeted, row.submitted) == (9, 5)
    assert "56 %" in response.content.decode()


def test_it_masks_a_response_count_under_five(login, manager, agency, campaign):
    for _ in range(3):
        ResponseFactory(campaign=campaign, respondent=UserFactory(agency=agency))

    content = login(manager).get(URL).content.decode()

    assert "moins de 5 réponses : masqué pour protéger l'anonymat" in content


def test_it_offers_to_edit_only_the_campaigns_entirely_in_scope(login, manager, agency, other_agency, campaign):
    CampaignFactory(title="Enquête commune", agencies=[agency, other_agency])

    content = login(manager).get(URL).content.decode()

    assert reverse("usage:survey_edit", args=[campaign.pk]) in content
    assert "Enquête commune" in content
    assert content.count("/modifier/") == 1


def test_the_main_navigation_has_surveys_for_managers_only(login, manager, agent, analyst):
    assert ">Enquêtes</a>" in login(manager).get(reverse("core:home")).content.decode()
    assert ">Enquêtes</a>" in login(analyst).get(reverse("core:home")).content.decode()
    assert ">Enquêtes</a>" not in login(agent).get(reverse("core:home")).content.decode()


def test_it_says_when_there_is_no_campaign(login, analyst):
    assert "Aucune enquête pour l'instant" in login(analyst).get(URL).content.decode()
