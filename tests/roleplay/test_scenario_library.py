"""The library page (« Mises en situation »): cards, filters without JavaScript, pagination, empty states."""

import pytest
from django.urls import reverse

from ere.roleplay import scenario_views
from ere.roleplay.enums import Difficulty
from tests.catalog.factories import ToolFactory
from tests.roleplay.factories import ScenarioFactory

URL = "/mises-en-situation/"

pytestmark = pytest.mark.django_db


def test_it_checks_access(client, login, agent, champion, trainer, admin_user, manager, analyst):
    assert reverse("roleplay:home") == URL
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for user in (manager, analyst):
        assert login(user).get(URL).status_code == 403
    for user in (agent, champion, trainer, admin_user):
        assert login(user).get(URL).status_code == 200


def test_it_shows_published_scenarios_as_cards(login, agent):
    tool = ToolFactory(name="Suivi des offres d'emploi")
    scenario = ScenarioFactory(title="Un premier recrutement", difficulty=Difficulty.EASY, minutes=12)
    scenario.tools.add(tool)
    ScenarioFactory(title="Un brouillon secret", is_published=False)
    response = login(agent).get(URL)
    html = response.content.decode()
    assert "Un premier recrutement" in html
    assert scenario.summary in html
    assert "Découverte" in html and "Environ 12 min" in html and "Suivi des offres d&#x27;emploi" in html
    assert "Un brouillon secret" not in html
    assert "Créer une mise en situation" not in html and "Importer (Twee 3)" not in html
    assert "Le conseiller" in html and "L'observateur" in html


def test_editors_see_drafts_and_the_authoring_buttons(login, trainer):
    ScenarioFactory(title="Un brouillon", is_published=False)
    html = login(trainer).get(URL).content.decode()
    assert "Un brouillon" in html and "Brouillon" in html
    assert reverse("roleplay:scenario_create") in html and reverse("roleplay:scenario_import") in html


def test_it_filters_by_difficulty_tool_and_text_without_accents(login, agent):
    tool = ToolFactory(slug="portail-aides-embauche", name="Portail des aides")
    with_tool = ScenarioFactory(title="Une aide à l'embauche", difficulty=Difficulty.MEDIUM)
    with_tool.tools.add(tool)
    ScenarioFactory(title="Un apprenti coiffeur", summary="Former un apprenti.", difficulty=Difficulty.EASY)
    ScenarioFactory(title="La colère d'un employeur", summary="Un employeur fâché.", difficulty=Difficulty.HARD)
    client = login(agent)

    def titles(**params):
        page = client.get(URL, params).context["page_obj"]
        return sorted(scenario.title for scenario in page)

    assert titles(difficulty="hard") == ["La colère d'un employeur"]
    assert titles(tool="portail-aides-embauche") == ["Une aide à l'embauche"]
    assert titles(q="COLERE") == ["La colère d'un employeur"]
    assert titles(q="apprenti former") == ["Un apprenti coiffeur"]
    assert titles(q="apprenti", difficulty="hard") == []
    response = client.get(URL, {"q": "introuvable"})
    assert "Aucune mise en situation ne correspond" in response.content.decode()


def test_a_bad_filter_is_reported_not_a_500(login, agent):
    ScenarioFactory()
    response = login(agent).get(URL, {"difficulty": "extreme", "tool": "nope", "page": "abc"})
    assert response.status_code == 200
    assert "Un des filtres n'est pas valable" in response.content.decode()


def test_it_paginates_and_keeps_the_filters_in_the_page_links(login, agent):
    for _ in range(scenario_views.PAGE_SIZE + 2):
        ScenarioFactory(difficulty=Difficulty.EASY)
    client = login(agent)
    first = client.get(URL, {"difficulty": "easy"})
    assert len(first.context["page_obj"]) == scenario_views.PAGE_SIZE
    html = first.content.decode()
    assert "fr-pagination" in html
    assert "difficulty=easy&amp;page=2" in html or "page=2&amp;difficulty=easy" in html
    second = client.get(URL, {"difficulty": "easy", "page": 2})
    assert len(second.context["page_obj"]) == 2


def test_an_empty_library_says_so(login, agent):
    html = login(agent).get(URL).content.decode()
    assert "Aucune mise en situation pour l'instant" in html


def test_it_links_to_opening_and_joining_sessions(login, agent):
    scenario = ScenarioFactory()
    html = login(agent).get(URL).content.decode()
    assert reverse("roleplay:session_create", args=[scenario.slug]) in html
    assert reverse("roleplay:join") in html


@pytest.mark.parametrize("user", ["agent", "trainer"])
def test_the_library_renders_for_players_and_editors(login, request, user):
    ScenarioFactory()
    assert login(request.getfixturevalue(user)).get(URL).status_code == 200
