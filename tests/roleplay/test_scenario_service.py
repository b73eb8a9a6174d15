"""The scenario service: validate data, save only what changed, and a Twee export that imports back whole."""

import pytest

from ere.roleplay import scenarios, twee
from ere.roleplay.enums import RoleKind
from ere.roleplay.models import Scenario
from tests.catalog.factories import ToolFactory
from tests.roleplay.factories import ObservationFactory, ScenarioFactory

SCRIPT = """:: StoryTitle
Titre du script

:: StoryData
{"start": "Accueil"}

:: Accueil
Bonjour.
[[Bonjour, que puis-je pour vous ?->Fin]]

:: Fin [bonne-fin]
Merci.
"""


def data(**changes):
    return {
        "slug": "appel-test",
        "title": "Un appel de test",
        "summary": "Une phrase.",
        "context": "Le contexte.",
        "objectives": ["Reformuler"],
        "difficulty": "easy",
        "minutes": 8,
        "tools": ["suivi-offres", "inconnu"],
        "cards": {
            "advisor": {"title": "Conseillère", "brief": "Prenez l'appel."},
            "interlocutor": {"title": "M. Roux", "brief": "Vous appelez.", "hidden": "Secret.", "reactions": "Vif."},
            "observer": {"title": "Observateur", "brief": "Observez."},
        },
        "criteria": [{"label": "Reformule le besoin", "descriptors": ["a", "b", "c", "d"]}],
        "script": SCRIPT,
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "Pas Un Slug"}, "l'identifiant « Pas Un Slug »"),
        ({"title": ""}, "le champ « title » est obligatoire"),
        ({"summary": "x" * 301}, "« summary » dépasse 300 caractères"),
        ({"difficulty": "facile"}, "la difficulté « facile » est inconnue"),
        ({"minutes": 0}, "la durée « minutes »"),
        ({"minutes": True}, "la durée « minutes »"),
        ({"objectives": "Reformuler"}, "« objectives » doit être une liste"),
        ({"cards": {"boss": {}}}, "rôle inconnu dans « cards » : « boss »"),
        ({"cards": {"advisor": {"title": "A"}}}, "fiche « advisor », le champ « brief » est obligatoire"),
        ({"criteria": [{"label": "A", "descriptors": ["1", "2"]}]}, "critère n° 1, il faut exactement 4"),
        ({"published": "oui"}, "« published » vaut true ou false"),
        ({"script": ":: Start\nA\n"}, "script : le passage « :: StoryTitle »"),
    ],
)
def test_it_rejects_bad_data_with_a_french_message(changes, message):
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.validate(data(**changes), "fichier.yaml : ")
    assert str(caught.value).startswith("fichier.yaml : ")
    assert message in str(caught.value)


def test_it_saves_a_new_scenario_as_a_draft_skipping_unknown_tools(db, agent):
    tool = ToolFactory(slug="suivi-offres")
    scenario, created, changed = scenarios.save(scenarios.validate(data()), user=agent)
    assert created and changed
    assert not scenario.is_published
    assert scenario.created_by == agent
    assert list(scenario.tools.all()) == [tool]
    assert scenario.card(RoleKind.INTERLOCUTOR).hidden == "Secret."
    assert scenario.criteria.get().descriptors == ["a", "b", "c", "d"]


def test_saving_the_same_data_again_writes_nothing(db):
    scenario, _created, _changed = scenarios.save(scenarios.validate(data(published=True)))
    stamp = Scenario.objects.get().updated_at
    again, created, changed = scenarios.save(scenarios.validate(data(published=True)))
    assert (again.pk, created, changed) == (scenario.pk, False, False)
    assert Scenario.objects.get().updated_at == stamp


def test_the_grid_is_updated_in_place_so_that_observations_stay(db):
    scenario = ScenarioFactory()
    observation = ObservationFactory(session__scenario=scenario)
    first = scenario.criteria.order_by("order").first()
    scenarios.save_criteria(scenario, [{"label": "Écoute", "descriptors": ["1", "2", "3", "4"]}])
    assert list(scenario.criteria.values_list("pk", "label")) == [(first.pk, "Écoute")]
    observation.refresh_from_db()
    assert observation.criterion_id == first.pk


def test_the_export_carries_the_whole_scenario_and_imports_back(db):
    ToolFactory(slug="suivi-offres")
    scenario, _created, _changed = scenarios.save(scenarios.validate(data(published=True)))
    text = scenarios.export_twee(scenario)
    story = twee.parse(text)
    assert story.title == "Un appel de test"
    assert len(story.data["ifid"]) == 36
    assert story.data["ere"]["cards"]["interlocutor"]["hidden"] == "Secret."
    expected = scenarios.to_data(scenario)

    Scenario.objects.all().delete()
    imported, created = scenarios.import_twee(text)
    assert created
    assert not imported.is_published
    assert {**scenarios.to_data(imported), "published": True, "script": ""} == {**expected, "script": ""}
    assert "ere" not in twee.parse(imported.script).data
    assert twee.parse(imported.script).passages == twee.parse(SCRIPT).passages


def test_the_export_for_players_leaves_the_metadata_out():
    scenario = Scenario(slug="s", title="S", summary="x", context="Le contexte.", script="")
    story = twee.parse(scenarios.export_twee(scenario, with_metadata=False))
    assert "ere" not in story.data
    assert story.passage("Start").text == "Le contexte."


def test_importing_a_bare_story_creates_a_draft_then_updates_its_script(db, trainer):
    scenario, created = scenarios.import_twee(SCRIPT, user=trainer)
    assert created
    assert (scenario.slug, scenario.title, scenario.is_published) == ("titre-du-script", "Titre du script", False)
    assert scenario.summary == scenarios.TO_COMPLETE
    ifid = twee.parse(scenario.script).data["ifid"]

    updated, created = scenarios.import_twee(SCRIPT.replace("Merci.", "Merci beaucoup."))
    assert (updated.pk, created) == (scenario.pk, False)
    assert "Merci beaucoup." in updated.script
    assert updated.summary == scenarios.TO_COMPLETE
    assert twee.parse(updated.script).data["ifid"] != ifid  # the file had none: a new one each time


def test_importing_bad_metadata_writes_nothing(db):
    text = SCRIPT.replace('{"start": "Accueil"}', '{"start": "Accueil", "ere": {"slug": "x", "difficulty": "?"}}')
    with pytest.raises(scenarios.ScenarioError, match="^StoryData, clé « ere » : "):
        scenarios.import_twee(text)
    with pytest.raises(scenarios.ScenarioError, match="objet JSON"):
        scenarios.import_twee(SCRIPT.replace('{"start": "Accueil"}', '{"start": "Accueil", "ere": 3}'))
    assert not Scenario.objects.exists()


def test_a_story_edited_in_twine_comes_back_to_its_scenario_by_title(db):
    scenario = ScenarioFactory(slug="aide-embauche", title="Une aide à l'embauche, combien ?")
    updated, created = scenarios.import_twee(SCRIPT.replace("Titre du script", "Une aide à l'embauche, combien ?"))
    assert (updated.pk, created) == (scenario.pk, False)
    assert "Bonjour, que puis-je pour vous ?" in updated.script
