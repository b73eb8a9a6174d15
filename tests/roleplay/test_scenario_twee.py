"""Downloading a scenario's script in Twee 3: the script for players, the whole scenario (« ere ») for editors."""

import pytest
from django.urls import reverse

from ere.roleplay import twee
from tests.roleplay.factories import ScenarioFactory

pytestmark = pytest.mark.django_db

SCRIPT = ":: StoryTitle\nT\n\n:: Start\nBonjour.\n[[Bonjour->Fin]]\n\n:: Fin [bonne-fin]\nMerci.\n"


def url(scenario):
    return reverse("roleplay:scenario_twee", args=[scenario.slug])


def test_it_checks_access(client, login, agent, champion, trainer, admin_user, manager, analyst):
    scenario = ScenarioFactory(script=SCRIPT)
    response = client.get(url(scenario))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for user in (manager, analyst):
        assert login(user).get(url(scenario)).status_code == 403
    for user in (agent, champion, trainer, admin_user):
        assert login(user).get(url(scenario)).status_code == 200


def test_a_player_downloads_the_script_without_the_hidden_card(login, agent):
    scenario = ScenarioFactory(script=SCRIPT, title="Premier recrutement")
    response = login(agent).get(url(scenario))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{scenario.slug}.twee"'
    story = twee.parse(response.content.decode())
    assert story.title == "Premier recrutement"
    assert story.data["ifid"] == story.data["ifid"].upper() and len(story.data["ifid"]) == 36
    assert "ere" not in story.data
    assert "temps partiel" not in response.content.decode()


def test_an_editor_downloads_the_whole_scenario(login, trainer):
    scenario = ScenarioFactory(script=SCRIPT)
    story = twee.parse(login(trainer).get(url(scenario)).content.decode())
    assert story.data["ere"]["slug"] == scenario.slug
    assert story.data["ere"]["cards"]["interlocutor"]["hidden"] == "Vous ne pouvez payer qu'un temps partiel."
    assert len(story.data["ere"]["criteria"]) == 3


def test_without_script_only_an_editor_may_export(login, agent, trainer):
    scenario = ScenarioFactory()
    assert login(agent).get(url(scenario)).status_code == 404
    story = twee.parse(login(trainer).get(url(scenario)).content.decode())
    assert story.passage("Start").text == scenario.context


def test_a_script_broken_in_the_database_is_handed_back_as_it_is(login, trainer):
    scenario = ScenarioFactory(script=":: Start\nSans titre.\n")
    response = login(trainer).get(url(scenario))
    assert response.status_code == 200
    assert response.content.decode() == scenario.script
