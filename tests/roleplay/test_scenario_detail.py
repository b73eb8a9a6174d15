"""A scenario's page: context, objectives, cards and grid; the interlocutor's card for editors only."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.catalog.factories import ToolFactory
from tests.roleplay.factories import ScenarioFactory

pytestmark = pytest.mark.django_db

SCRIPT = ":: StoryTitle\nT\n\n:: Start\nBonjour.\n[[Bonjour->Fin]]\n\n:: Fin [bonne-fin]\nMerci.\n"


def test_it_checks_access(client, login, agent, champion, trainer, admin_user, manager, analyst):
    url = reverse("roleplay:scenario", args=[ScenarioFactory().slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for user in (manager, analyst):
        assert login(user).get(url).status_code == 403
    for user in (agent, champion, trainer, admin_user):
        assert login(user).get(url).status_code == 200


def test_it_shows_the_scenario_to_a_player_without_the_interlocutors_card(login, agent):
    tool = ToolFactory(name="Suivi des offres", slug="suivi-offres")
    scenario = ScenarioFactory(objectives=["Reformuler le besoin"])
    scenario.tools.add(tool)
    html = login(agent).get(scenario.get_absolute_url()).content.decode()
    assert escape(scenario.context) in html
    assert "<li>Reformuler le besoin</li>" in html
    assert f'href="{tool.get_absolute_url()}"' in html
    assert "Conseiller entreprises" in html and "Notez la grille pendant l&#x27;appel." in html
    assert "Fiche de l'interlocuteur" not in html
    assert "Vous ne pouvez payer qu&#x27;un temps partiel." not in html
    assert "Vous voulez recruter un vendeur." not in html
    assert reverse("roleplay:scenario_edit", args=[scenario.slug]) not in html


def test_it_shows_the_interlocutors_card_to_an_editor(login, trainer):
    scenario = ScenarioFactory()
    html = login(trainer).get(scenario.get_absolute_url()).content.decode()
    assert "Fiche de l'interlocuteur (réservée à l'animation)" in " ".join(html.split())
    assert "Vous ne pouvez payer qu&#x27;un temps partiel." in html
    assert "Vous vous agacez si l&#x27;on emploie des sigles." in html
    assert reverse("roleplay:scenario_edit", args=[scenario.slug]) in html


def test_the_grid_is_a_table_of_criteria_by_level(login, agent):
    scenario = ScenarioFactory()
    html = login(agent).get(scenario.get_absolute_url()).content.decode()
    assert '<th scope="col">1 — Non observé</th>' in html and '<th scope="col">4 — Exemplaire</th>' in html
    assert '<th scope="row">Évite le jargon</th>' in html
    assert "<td>Net et vérifié auprès de l&#x27;interlocuteur</td>" in html


def test_rehearsal_and_download_are_offered_only_with_a_script(login, agent):
    without = ScenarioFactory()
    with_script = ScenarioFactory(script=SCRIPT)
    client = login(agent)
    html = client.get(without.get_absolute_url()).content.decode()
    assert "Répéter seul" not in html and "Télécharger le script" not in html
    html = client.get(with_script.get_absolute_url()).content.decode()
    assert reverse("roleplay:scenario_rehearse", args=[with_script.slug]) in html
    assert reverse("roleplay:scenario_twee", args=[with_script.slug]) in html


def test_a_draft_is_hidden_from_players_and_shown_to_editors(login, agent, champion):
    draft = ScenarioFactory(is_published=False)
    assert login(agent).get(draft.get_absolute_url()).status_code == 404
    assert login(champion).get(draft.get_absolute_url()).status_code == 200


def test_an_unknown_scenario_is_a_404(login, agent):
    assert login(agent).get(reverse("roleplay:scenario", args=["inconnu"])).status_code == 404
