"""Rehearsing a script alone: the interlocutor's line, the advisor's answers as buttons, endings with feedback."""

import pytest
from django.urls import reverse

from ere.roleplay import demo, scenarios
from tests.roleplay.factories import ScenarioFactory

pytestmark = pytest.mark.django_db

BAKERY = "premier-recrutement-boulangerie"


@pytest.fixture
def bakery(db):
    data = next(item for item in demo.definitions() if item["slug"] == BAKERY)
    scenario, _created, _changed = scenarios.save(data)
    return scenario


def url(scenario, passage=None):
    base = reverse("roleplay:scenario_rehearse", args=[scenario.slug])
    return base if passage is None else f"{base}?passage={passage}"


def test_it_checks_access(client, login, agent, champion, trainer, admin_user, manager, analyst, bakery):
    response = client.get(url(bakery))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for user in (manager, analyst):
        assert login(user).get(url(bakery)).status_code == 403
    for user in (agent, champion, trainer, admin_user):
        assert login(user).get(url(bakery)).status_code == 200


def test_it_starts_with_the_interlocutors_first_line_and_the_answers(login, agent, bakery):
    response = login(agent).get(url(bakery))
    html = response.content.decode()
    assert "Bonjour, c&#x27;est Camille Durand" in html
    assert '<p class="ere-rehearsal__direction">Elle parle vite, un peu gênée.</p>' in html
    assert 'name="passage"' in html and 'value="Le besoin"' in html
    assert "Bienvenue ! Racontez-moi : de quoi auriez-vous besoin exactement ?" in html
    assert "[[" not in html
    assert response.context["answers"][0].target == "Le besoin"


def test_a_good_path_reaches_a_good_ending_with_feedback(login, agent, bakery):
    client = login(agent)
    for passage in ["Le besoin", "Reformulation", "Proposition"]:
        response = client.get(url(bakery), {"passage": passage})
        assert not response.context["is_ending"]
        assert response.context["answers"]
    response = client.get(url(bakery), {"passage": "Proposition"})
    assert "Ce moment travaille" in response.content.decode()
    assert "« Propose un service adapté »" in response.content.decode()
    ending = client.get(url(bakery), {"passage": "Bonne fin"})
    html = ending.content.decode()
    assert ending.context["is_ending"]
    assert "fr-alert--success" in html and "Bonne fin" in html
    assert "Bravo : vous avez fait préciser le besoin" in html
    assert "Recommencer" in html and 'name="passage"' not in html


def test_a_bad_ending_says_what_to_work_on(login, agent, bakery):
    html = login(agent).get(url(bakery, "Découragée")).content.decode()
    assert "fr-alert--warning" in html and "Fin à retravailler" in html


def test_an_unknown_passage_starts_again_at_the_beginning(login, agent, bakery):
    response = login(agent).get(url(bakery, "N'existe pas"))
    assert response.status_code == 200
    assert response.context["passage"].name == "Accueil"
    assert "vous reprenez au début" in response.content.decode()
    assert login(agent).get(url(bakery, "StoryData")).context["passage"].name == "Accueil"


def test_a_scenario_without_script_has_no_rehearsal(login, agent):
    assert login(agent).get(url(ScenarioFactory())).status_code == 404


def test_a_script_broken_in_the_database_is_reported_not_a_500(login, trainer):
    scenario = ScenarioFactory(script=":: Start\nSans titre.\n")
    response = login(trainer).get(url(scenario))
    assert response.status_code == 200
    assert "Le script de cette mise en situation est mal écrit" in response.content.decode()
    assert reverse("roleplay:scenario_edit", args=[scenario.slug]) in response.content.decode()
