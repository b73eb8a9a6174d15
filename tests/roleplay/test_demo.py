"""The demo scenario library: at least ten scenarios from YAML files, every script readable, a second run idle."""

import io
import random

import pytest

from ere.catalog.demo_data import TOOLS
from ere.roleplay import demo, scenarios, twee
from ere.roleplay.enums import CARD_ROLES
from ere.roleplay.models import Criterion, RoleCard, Scenario
from tests.catalog.factories import ToolFactory


@pytest.fixture
def catalog_tools(db):
    wanted = {slug for data in demo.definitions() for slug in data["tools"]}
    return [ToolFactory(slug=tool["slug"], name=tool["name"]) for tool in TOOLS if tool["slug"] in wanted]


def load():
    out = io.StringIO()
    demo.load(random.Random(0), out)
    return out.getvalue()


def test_it_loads_at_least_ten_published_scenarios_with_three_cards_and_a_grid(catalog_tools):
    assert "12 scénarios dont 6 avec script" in load()
    assert Scenario.objects.published().count() >= 10
    for scenario in Scenario.objects.prefetch_related("roles", "criteria", "tools"):
        assert sorted(card.role for card in scenario.roles.all()) == sorted(CARD_ROLES), scenario.slug
        assert scenario.card("interlocutor").hidden, scenario.slug
        assert 4 <= scenario.criteria.count() <= 6, scenario.slug
        assert all(len(criterion.descriptors) == 4 for criterion in scenario.criteria.all())
        assert 3 <= len(scenario.objectives) <= 4, scenario.slug
        assert scenario.tools.exists(), scenario.slug


def test_every_script_parses_and_branches_to_good_and_bad_endings(db):
    scripted = [data for data in demo.definitions() if data["script"]]
    assert len(scripted) >= 5
    for data in scripted:
        story = twee.parse(data["script"])
        assert len(story.passages) >= 6, data["slug"]
        endings = [passage for passage in story.passages if passage.is_ending]
        assert len(endings) >= 2, data["slug"]
        tags = {tag for passage in endings for tag in passage.tags}
        assert {"bonne-fin", "mauvaise-fin"} <= tags, data["slug"]
        assert story.data["ifid"] and story.title == data["title"]


def test_a_second_run_changes_nothing(catalog_tools):
    load()
    before = {s.slug: (s.pk, s.updated_at) for s in Scenario.objects.all()}
    cards = list(RoleCard.objects.values_list("pk", flat=True).order_by("pk"))
    criteria = list(Criterion.objects.values_list("pk", flat=True).order_by("pk"))
    assert "rien à changer" in load()
    assert {s.slug: (s.pk, s.updated_at) for s in Scenario.objects.all()} == before
    assert list(RoleCard.objects.values_list("pk", flat=True).order_by("pk")) == cards
    assert list(Criterion.objects.values_list("pk", flat=True).order_by("pk")) == criteria


def test_it_loads_without_the_catalogue(db):
    load()
    assert Scenario.objects.count() == len(demo.definitions())
    assert not Scenario.tools.through.objects.exists()


def test_a_file_that_does_not_validate_stops_the_load_naming_the_file(db, tmp_path, monkeypatch):
    (tmp_path / "a-valable.yaml").write_text(
        (demo.SCENARIOS_DIR / "saisonnier-camping.yaml").read_text().replace("saisonnier-camping", "a-valable")
    )
    (tmp_path / "b-casse.yaml").write_text(
        "slug: b-casse\ntitle: Cassé\nsummary: x\ncontext: y\ndifficulty: extrême\n"
    )
    monkeypatch.setattr(demo, "SCENARIOS_DIR", tmp_path)
    with pytest.raises(scenarios.ScenarioError, match="^b-casse.yaml : la difficulté « extrême » est inconnue"):
        load()
    assert not Scenario.objects.exists()


def test_a_file_whose_slug_is_not_its_name_is_refused(tmp_path, monkeypatch):
    (tmp_path / "autre.yaml").write_text((demo.SCENARIOS_DIR / "saisonnier-camping.yaml").read_text())
    monkeypatch.setattr(demo, "SCENARIOS_DIR", tmp_path)
    with pytest.raises(scenarios.ScenarioError, match="autre.yaml : .*nom du fichier"):
        demo.definitions()


def test_a_file_that_is_not_yaml_is_refused(tmp_path, monkeypatch):
    (tmp_path / "casse.yaml").write_text("slug: [unclosed\n")
    monkeypatch.setattr(demo, "SCENARIOS_DIR", tmp_path)
    with pytest.raises(scenarios.ScenarioError, match="casse.yaml : fichier illisible"):
        demo.definitions()
