"""« Mes enquêtes » and the call to action on the home page: the open campaigns that ask this agent."""

from django.urls import reverse

from ere.org.enums import Role
from tests.usage.survey_factories import CampaignFactory, ResponseFactory

URL = reverse("usage:my_surveys")


def test_it_checks_access(client, login, manager):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    # Everybody logged in has the page; a manager is asked by no campaign.
    response = login(manager).get(URL)
    assert response.status_code == 200
    assert "Aucune enquête ne vous attend en ce moment." in response.content.decode()


def test_it_lists_the_open_campaigns_that_ask_the_agent(login, agent, agency, other_agency, campaign):
    CampaignFactory(title="Enquête Grenoble", agencies=[other_agency])
    CampaignFactory(title="Enquête pour les managers", agencies=[agency], target_roles=[Role.MANAGER])
    CampaignFactory(title="Enquête à venir", agencies=[agency], upcoming=True)
    CampaignFactory(title="Enquête close sans réponse", agencies=[agency], closed=True)

    content = login(agent).get(URL).content.decode()

    assert "Vos outils au quotidien" in content
    assert "Répondre" in content
    assert reverse("usage:survey_resume", args=[campaign.pk]) in content
    for title in ("Enquête Grenoble", "Enquête pour les managers", "Enquête à venir", "Enquête close"):
        assert title not in content
    assert "Votre manager ne voit jamais vos réponses une à une" in content


def test_it_says_where_the_agent_stands(login, agent, champion, campaign):
    ResponseFactory(campaign=campaign, respondent=agent, draft=True)
    ResponseFactory(campaign=campaign, respondent=champion)

    assert "Reprendre" in login(agent).get(URL).content.decode()
    content = login(champion).get(URL).content.decode()
    assert "Modifier mes réponses" in content
    assert "Modifiable jusqu'au" in content


def test_it_thanks_for_closed_campaigns_the_agent_answered(login, agent, agency):
    closed = CampaignFactory(title="Enquête 2025", agencies=[agency], closed=True)
    ResponseFactory(campaign=closed, respondent=agent)

    content = login(agent).get(URL).content.decode()

    assert "Enquêtes closes auxquelles vous avez répondu" in content
    assert "« Enquête 2025 » : réponse envoyée le" in content
    assert reverse("usage:survey_resume", args=[closed.pk]) not in content


def test_the_home_page_calls_the_agent_to_answer(login, agent, campaign):
    content = login(agent).get(reverse("core:home")).content.decode()

    assert "Une enquête vous attend" in content
    assert "« Vos outils au quotidien », jusqu'au" in content
    assert URL in content


def test_the_home_page_only_links_to_a_survey_already_sent(login, agent, campaign):
    ResponseFactory(campaign=campaign, respondent=agent)

    content = login(agent).get(reverse("core:home")).content.decode()

    assert "Une enquête vous attend" not in content
    assert "Mes enquêtes : vous pouvez modifier vos réponses jusqu'à la clôture" in content


def test_the_home_page_says_nothing_to_someone_not_asked(login, manager, campaign):
    content = login(manager).get(reverse("core:home")).content.decode()
    assert "Une enquête vous attend" not in content
    assert URL not in content
