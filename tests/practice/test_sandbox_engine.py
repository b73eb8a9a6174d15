"""The applicatif-école format and engine (ere/practice/sandbox.py), and its JavaScript twin in player.js."""

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ere.catalog.demo_data import TOOLS
from ere.practice import sandbox
from ere.practice.demo_sandboxes import SANDBOXES_DIR, definitions

PLAYER_JS = Path(sandbox.__file__).parent / "static" / "practice" / "player.js"
DEMO_FILES = sorted(SANDBOXES_DIR.glob("*.yaml"))
DEMOS = {definition["slug"]: definition for definition in definitions()}
MISTAKES = [(slug, check["id"]) for slug, definition in DEMOS.items() for check in definition["checks"]]

MINIMAL = {
    "slug": "essai",
    "title": "Essai",
    "tool": "suivi-offres",
    "minutes": 3,
    "level": "discovery",
    "mission": "Saisissez le titre « Boulanger » puis validez.",
    "app": {"name": "Applicatif d'essai"},
    "records": {"offers": [{"id": "o1", "title": "Vendeur", "status": "Publiée"}]},
    "menu": [{"screen": "home", "label": "Accueil"}, {"screen": "form", "label": "Saisie"}],
    "start": "home",
    "screens": [
        {
            "id": "home",
            "title": "Accueil",
            "components": [
                {"type": "text", "text": "Bienvenue."},
                {
                    "type": "table",
                    "id": "offers-table",
                    "collection": "offers",
                    "caption": "Offres",
                    "columns": [{"key": "title", "label": "Intitulé"}],
                    "actions": [{"id": "delete-offer", "label": "Supprimer", "do": [{"remove": "offers"}]}],
                },
            ],
        },
        {
            "id": "form",
            "title": "Saisie",
            "components": [
                {"type": "field", "id": "title", "input": "text", "label": "Titre"},
                {"type": "field", "id": "contract", "input": "select", "label": "Contrat", "options": ["CDI", "CDD"]},
                {
                    "type": "buttons",
                    "buttons": [
                        {"id": "check", "label": "Vérifier", "do": [{"notify": "Vérifié."}]},
                        {"id": "save", "label": "Valider", "do": [{"add": "offers", "fields": {"title": "title"}}]},
                    ],
                },
            ],
        },
    ],
    "checks": [
        {"id": "titre", "field": "title", "contains": "boulanger", "feedback": "Le titre doit nommer le métier."},
        {"id": "ordre", "order": [{"clicked": "check"}, {"clicked": "save"}], "feedback": "Vérifiez d'abord."},
        {"id": "pas-supprimer", "forbidden": {"clicked": "delete-offer"}, "feedback": "Ne supprimez rien."},
    ],
    "success": "Bravo.",
}


def minimal(**changes):
    definition = copy.deepcopy(MINIMAL)
    definition.update(changes)
    return definition


def problems_of(definition):
    with pytest.raises(sandbox.SandboxError) as caught:
        sandbox.load(definition)
    assert isinstance(caught.value, ValueError)
    return caught.value.problems


# ---------------------------------------------------------------------------------------------------------------
# The demo sandboxes


def test_there_are_six_demo_sandboxes_on_six_demo_tools():
    assert len(DEMO_FILES) == 6
    demo_tools = {tool["slug"] for tool in TOOLS}
    tools = [definition["tool"] for definition in DEMOS.values()]
    assert len(set(tools)) == 6
    assert set(tools) <= demo_tools
    assert {
        "suivi-offres",
        "recherche-profils",
        "agenda-partage",
        "dialogue-entreprises",
        "messagerie-securisee",
    } < set(tools)


@pytest.mark.parametrize("slug", DEMOS)
def test_every_demo_sandbox_practises_a_skill_of_its_tool(slug):
    definition = DEMOS[slug]
    area = Path(sandbox.__file__).parents[1] / "skills" / "data" / "areas" / f"{definition['tool']}.json"
    skills = {skill["code"] for skill in json.loads(area.read_text(encoding="utf-8"))["skills"]}
    assert definition["skill"] in skills


@pytest.mark.parametrize("path", DEMO_FILES, ids=[path.stem for path in DEMO_FILES])
def test_every_demo_sandbox_loads_and_is_named_after_its_file(path):
    definition = sandbox.load_file(path)
    assert definition["slug"] == path.stem


@pytest.mark.parametrize("slug", DEMOS)
def test_every_demo_sandbox_has_screens_checks_hints_and_an_example_per_check(slug):
    definition = DEMOS[slug]
    assert len(definition["screens"]) >= 3
    assert 4 <= len(definition["checks"]) <= 8
    assert 2 <= len(definition["hints"]) <= 3
    kinds = {
        next(key for key in ("field", "record", "count", "required", "forbidden", "order") if key in check)
        for check in definition["checks"]
    }
    assert kinds & {"required", "forbidden", "order"}, "au moins une vérification du parcours"
    assert kinds & {"field", "record", "count"}, "au moins une vérification de l'état final"
    _solution, mistakes = sandbox.examples(definition)
    assert set(mistakes) == {check["id"] for check in definition["checks"]}


@pytest.mark.parametrize("slug", DEMOS)
def test_the_scripted_solution_of_every_demo_sandbox_succeeds(slug):
    solution, _mistakes = sandbox.examples(DEMOS[slug])
    result = sandbox.evaluate(DEMOS[slug], solution)
    assert result.failures == []
    assert result.finished
    assert result.succeeded


@pytest.mark.parametrize("slug,check_id", MISTAKES, ids=[f"{slug}:{check}" for slug, check in MISTAKES])
def test_each_mistake_fails_with_the_feedback_of_its_check(slug, check_id):
    definition = DEMOS[slug]
    _solution, mistakes = sandbox.examples(definition)
    log, expected = mistakes[check_id]
    result = sandbox.evaluate(definition, log)
    assert result.finished
    assert not result.succeeded
    assert set(result.mistakes) == expected
    feedback = next(check["feedback"] for check in definition["checks"] if check["id"] == check_id)
    assert {"id": check_id, "feedback": feedback} in result.failures


def guide_example():
    """The complete example of docs/sandboxes.md."""
    guide = (Path(__file__).resolve().parents[2] / "docs" / "sandboxes.md").read_text(encoding="utf-8")
    text = guide.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("\n```", 1)[0]
    return sandbox.load(text, name="docs/sandboxes.md")


def test_the_example_of_the_authoring_guide_is_valid_and_its_examples_pass():
    definition = guide_example()
    solution, mistakes = sandbox.examples(definition)
    assert sandbox.evaluate(definition, solution).succeeded
    assert set(mistakes) == {check["id"] for check in definition["checks"]}
    for check_id, (log, expected) in mistakes.items():
        assert set(sandbox.evaluate(definition, log).mistakes) == expected, check_id


def test_the_player_never_receives_the_examples():
    definition = DEMOS["publier-offre-boulangerie"]
    assert "examples" in definition
    assert "examples" not in sandbox.for_player(definition)


# ---------------------------------------------------------------------------------------------------------------
# Errors in a definition: French, and saying where


def test_the_minimal_definition_is_valid():
    definition = sandbox.load(MINIMAL)
    assert definition["screens"][1]["components"][1]["options"] == [
        {"value": "CDI", "label": "CDI"},
        {"value": "CDD", "label": "CDD"},
    ]


def test_it_names_a_missing_key():
    definition = minimal()
    del definition["start"]
    assert problems_of(definition) == ["À la racine du fichier : la clé « start » est obligatoire."]


def test_it_names_an_unknown_key_and_the_allowed_ones():
    definition = minimal()
    definition["screens"][0]["components"][0]["colour"] = "rouge"
    [problem] = problems_of(definition)
    assert problem.startswith("Dans screens › « home » › components › n° 1 : la clé « colour » est inconnue")
    assert "style, text, type" in problem


def test_it_says_which_type_was_expected():
    [problem] = problems_of(minimal(minutes="cinq"))
    assert problem == "Dans minutes : la valeur doit être un nombre entier."


def test_it_explains_the_colon_trap_of_yaml():
    text = "slug: essai\ntitle: Essai\nmission: Publiez l'offre : CDI.\n"
    [problem] = problems_of(text)
    assert "ligne 3" in problem
    assert "« : » suivi d'une espace" in problem


def test_a_text_read_as_a_mapping_gets_a_hint_about_quotes():
    problems = problems_of(minimal(hints=[{"Regardez bien": "le SIRET"}]))
    assert any("Dans hints › n° 1 : la valeur doit être du texte (en YAML" in problem for problem in problems)


def test_it_rejects_an_identifier_with_capitals_or_accents():
    definition = minimal()
    definition["screens"][1]["components"][0]["id"] = "Intitulé"
    problems = problems_of(definition)
    assert any("« Intitulé » : un identifiant s'écrit en minuscules" in problem for problem in problems)


def test_it_lists_the_allowed_values_of_an_enum():
    [problem] = problems_of(minimal(level="facile"))
    assert problem == (
        "Dans level : « facile » n'est pas permis : choisissez parmi discovery, practice, mastery, expert."
    )


def test_it_rejects_an_empty_text():
    [problem] = problems_of(minimal(success="   "))
    assert problem == "Dans success : le texte est vide."


def test_an_effect_must_start_with_a_known_verb():
    definition = minimal()
    definition["screens"][1]["components"][2]["buttons"][0]["do"] = [{"goto": "home"}]
    problems = problems_of(definition)
    assert any("un effet commence par une de ces clés : go, set" in problem for problem in problems)


def test_the_error_message_names_the_file():
    with pytest.raises(sandbox.SandboxError) as caught:
        sandbox.load("slug: essai", name="essai.yaml")
    assert str(caught.value).startswith("essai.yaml : L'applicatif-école n'est pas valide. À la racine du fichier")


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda d: d.update(start="accueil"), "Dans start : l'écran « accueil » n'existe pas."),
        (
            lambda d: d["menu"].append({"screen": "stats", "label": "Statistiques"}),
            "Dans menu › n° 3 : l'écran « stats » n'existe pas.",
        ),
        (
            lambda d: d["screens"][1]["components"][2]["buttons"][0]["do"].append({"go": "fin"}),
            "Dans screens › « form » › components › n° 3 › buttons › « check » › do › n° 2 : l'écran « fin » "
            "n'existe pas.",
        ),
        (
            lambda d: d["checks"][0].update(field="titre-offre"),
            "Dans checks › « titre » : le champ « titre-offre » n'existe pas.",
        ),
        (
            lambda d: d["screens"][0]["components"][1].update(collection="candidates"),
            "Dans screens › « home » › components › « offers-table » : la collection de fiches « candidates » "
            "n'existe pas (déclarez-la dans « records », même vide).",
        ),
        (
            lambda d: d["screens"][1]["components"][0].update(id="contract"),
            "Dans screens › « form » › components › « contract » : l'identifiant « contract » est déjà utilisé "
            "(screens › « form » › components › « contract ») ; écrans, onglets, champs, boutons, tableaux et "
            "listes ont chacun le leur.",
        ),
        (
            lambda d: d["screens"][1]["components"][2]["buttons"][0].update(id="home"),
            "Dans screens › « form » › components › n° 3 › buttons › « home » : l'identifiant « home » est déjà "
            "utilisé (screens › « home ») ; écrans, onglets, champs, boutons, tableaux et listes ont chacun le leur.",
        ),
        (
            lambda d: d["records"]["offers"].append({"id": "o1"}),
            "Dans records › offers › « o1 » : la fiche « o1 » existe déjà dans « offers ».",
        ),
        (
            lambda d: d["checks"].append(dict(d["checks"][0])),
            "Dans checks › « titre » : la vérification « titre » existe déjà.",
        ),
        (
            lambda d: d["checks"][0].update(equals="Boulanger"),
            "Dans checks › « titre » : indiquez exactement un opérateur parmi equals, not_equals, contains, "
            "not_contains, matches, one_of, not_empty, empty, gte, lte.",
        ),
        (
            lambda d: d["checks"][0].pop("contains"),
            "Dans checks › « titre » : indiquez exactement un opérateur parmi equals, not_equals, contains, "
            "not_contains, matches, one_of, not_empty, empty, gte, lte.",
        ),
        (
            lambda d: d["checks"][0].update(count={"collection": "offers"}),
            "Dans checks › « titre » : indiquez exactement une chose à vérifier parmi field, record, count, "
            "required, forbidden ou order.",
        ),
        (
            lambda d: d["checks"].append(
                {"id": "n", "count": {"collection": "offers"}, "contains": "x", "feedback": "f"}
            ),
            "Dans checks › « n » : un comptage se vérifie avec equals, not_equals, one_of, gte, lte.",
        ),
        (
            lambda d: (d["checks"][0].pop("contains"), d["checks"][0].update(matches="(?i)boulanger")),
            "Dans checks › « titre » : l'expression « (?i)boulanger » utilise une syntaxe que le navigateur ne lit "
            "pas pareil (« (?…) », \\p, \\A, \\Z) : gardez « (?:…) », les classes et les quantificateurs.",
        ),
        (
            lambda d: d["checks"][1]["order"][0].update(clicked="verifier"),
            "Dans checks › « ordre » › order › n° 1 : « verifier » n'est ni un bouton ni une action de ligne.",
        ),
        (
            lambda d: d["checks"][2].update(forbidden={"visited": "statistiques"}),
            "Dans checks › « pas-supprimer » › forbidden : « statistiques » n'est ni un écran ni un onglet.",
        ),
        (
            lambda d: d["checks"][1]["order"][1].update(record="o1"),
            "Dans checks › « ordre » › order › n° 2 : « record » ne sert qu'avec une action de ligne de tableau ou "
            "de liste.",
        ),
        (
            lambda d: d["checks"][2]["forbidden"].update(record="o9"),
            "Dans checks › « pas-supprimer » › forbidden : la fiche « o9 » n'existe pas dans « offers ».",
        ),
        (
            lambda d: d["checks"].append({"id": "c", "field": "contract", "equals": "Intérim", "feedback": "f"}),
            "Dans checks › « c » : la valeur attendue « Intérim » n'est pas un choix du champ « contract » (choix : "
            "CDI, CDD).",
        ),
        (
            lambda d: d["screens"][1]["components"][1].pop("options"),
            "Dans screens › « form » › components › « contract » : un champ « select » a soit « options », soit "
            "« options_from ».",
        ),
        (
            lambda d: d["screens"][1]["components"][2]["buttons"][0]["do"].append({"search": "offers-table"}),
            "Dans screens › « form » › components › n° 3 › buttons › « check » › do › n° 2 : « offers-table » "
            "n'est pas un tableau ou une liste avec « filter ».",
        ),
        (
            lambda d: d["screens"][0]["components"][1].update(where={"owner": {"selected": "agents"}}),
            "Dans screens › « home » › components › « offers-table » › where › owner : la collection de fiches "
            "« agents » n'existe pas (déclarez-la dans « records », même vide).",
        ),
        (
            lambda d: d["screens"][0]["components"][0].update(text="Bonjour {prenom}"),
            "Dans screens › « home » › components › n° 1 : « {prenom} » ne désigne aucun champ (ni "
            "« {collection.clé} »).",
        ),
        (
            lambda d: d.update(examples={"solution": ["finish"], "mistakes": {"titre-vide": ["finish"]}}),
            "Dans examples › mistakes : aucune vérification ne s'appelle « titre-vide ».",
        ),
    ],
)
def test_semantic_errors_say_what_is_wrong_and_where(change, expected):
    definition = minimal()
    change(definition)
    assert expected in problems_of(definition)


def test_it_rejects_an_invalid_regular_expression():
    definition = minimal()
    definition["checks"][0].pop("contains")
    definition["checks"][0]["matches"] = "boul(anger"
    [problem] = problems_of(definition)
    assert problem.startswith("Dans checks › « titre » : l'expression régulière « boul(anger » est invalide (")


def test_every_problem_is_reported_not_only_the_first():
    definition = minimal(start="accueil")
    definition["checks"][0]["field"] = "titre-offre"
    with pytest.raises(sandbox.SandboxError) as caught:
        sandbox.load(definition)
    assert len(caught.value.problems) == 2
    assert "(et 1 autre problème)" in str(caught.value)


def test_yaml_dates_become_text():
    text = Path(SANDBOXES_DIR / "poser-rendez-vous-agenda.yaml").read_text(encoding="utf-8")
    definition = sandbox.load(text)
    assert definition["records"]["appointments"][0]["date"] == "2026-03-10"


# ---------------------------------------------------------------------------------------------------------------
# Replaying a log


def replay(*actions, definition=None):
    return sandbox.evaluate(sandbox.load(definition or MINIMAL), list(actions))


GOOD = [
    {"type": "navigate", "target": "form"},
    {"type": "input", "target": "title", "value": "Boulanger"},
    {"type": "click", "target": "check"},
    {"type": "click", "target": "save"},
    {"type": "finish"},
]


def test_a_good_log_succeeds_and_gives_the_final_state():
    result = replay(*GOOD)
    assert result.succeeded
    assert result.state["records"]["offers"][-1] == {"id": "offers-2", "title": "Boulanger"}
    assert result.state["added"] == {"offers": ["offers-2"]}
    assert result.state["screen"] == "form"


def test_an_unfinished_log_does_not_succeed_even_without_mistake():
    result = replay(*GOOD[:-1])
    assert not result.finished
    assert not result.succeeded
    assert result.failures == []


def test_an_order_check_fails_when_the_second_step_comes_first():
    result = replay(GOOD[0], GOOD[1], GOOD[3], GOOD[2], GOOD[4])
    assert result.mistakes == ["ordre"]
    assert result.failures == [{"id": "ordre", "feedback": "Vérifiez d'abord."}]


def test_an_order_check_passes_when_the_second_step_never_happened():
    assert replay(GOOD[0], GOOD[1], GOOD[4]).mistakes == []


def test_a_forbidden_click_fails_even_when_the_rest_is_right():
    result = replay({"type": "row", "target": "delete-offer", "record": "o1"}, *GOOD)
    assert result.mistakes == ["pas-supprimer"]
    assert result.state["records"]["offers"] == [{"id": "offers-1", "title": "Boulanger"}]


def test_a_forbidden_step_with_a_condition_looks_at_the_state_when_clicked():
    definition = minimal()
    definition["checks"] = [
        {
            "id": "cdd",
            "forbidden": {"clicked": "save", "when": {"field": "contract", "equals": "CDD"}},
            "feedback": "Pas en CDD.",
        }
    ]
    cdd = {"type": "input", "target": "contract", "value": "CDD"}
    cdi = {"type": "input", "target": "contract", "value": "CDI"}
    save = {"type": "click", "target": "save"}
    nav = {"type": "navigate", "target": "form"}
    assert replay(nav, cdd, save, cdi, {"type": "finish"}, definition=definition).mistakes == ["cdd"]
    assert replay(nav, cdi, save, cdd, {"type": "finish"}, definition=definition).mistakes == []


def test_record_checks_look_at_every_matching_record_and_pass_when_there_is_none():
    definition = minimal()
    definition["checks"] = [
        {
            "id": "titres",
            "record": {"collection": "offers", "added": True, "key": "title"},
            "contains": "boulanger",
            "feedback": "Titre.",
        },
        {"id": "publiee", "count": {"collection": "offers", "added": True}, "gte": 1, "feedback": "Publiez."},
    ]
    assert replay({"type": "finish"}, definition=definition).mistakes == ["publiee"]
    save = {"type": "click", "target": "save"}
    log = [GOOD[0], GOOD[1], save, {"type": "input", "target": "title", "value": "Vendeur"}, save, {"type": "finish"}]
    assert replay(*log, definition=definition).mistakes == ["titres"]


@pytest.mark.parametrize(
    "action,message",
    [
        ({"type": "jump", "target": "form"}, "Action n° 1 : le type « jump » est inconnu (types permis : navigate"),
        ({"type": "navigate", "target": "ailleurs"}, "Action n° 1 : « ailleurs » n'est pas dans le menu"),
        ({"type": "click", "target": "save"}, "Action n° 1 : le bouton « save » n'est pas sur l'écran « home »."),
        ({"type": "input", "target": "title", "value": "x"}, "Action n° 1 : le champ « title » n'est pas sur l'écran"),
        (
            {"type": "row", "target": "delete-offer", "record": "o2"},
            "Action n° 1 : la fiche « o2 » n'est pas affichée",
        ),
        (
            {"type": "click", "target": ["save"]},
            "Action n° 1 : « target » doit nommer un écran, un champ ou un bouton.",
        ),
        ({"type": "row", "target": "delete-offer"}, "Action n° 1 : « record » doit nommer une fiche."),
        ("click", "Action n° 1 : un objet est attendu"),
    ],
)
def test_an_impossible_action_raises_an_action_error_in_french(action, message):
    with pytest.raises(sandbox.ActionError) as caught:
        replay(action)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(message)


def test_it_refuses_a_value_that_is_not_a_choice_of_the_field():
    with pytest.raises(sandbox.ActionError, match="« Intérim » n'est pas un choix du champ « Contrat »"):
        replay(GOOD[0], {"type": "input", "target": "contract", "value": "Intérim"})


def test_it_refuses_actions_after_the_end_and_logs_that_are_not_lists():
    with pytest.raises(sandbox.ActionError, match="Action n° 2 : la mission est déjà terminée."):
        replay({"type": "finish"}, {"type": "finish"})
    with pytest.raises(sandbox.ActionError, match="doit être une liste"):
        sandbox.evaluate(sandbox.load(MINIMAL), {"type": "finish"})
    with pytest.raises(sandbox.ActionError, match="plus de 2000 actions"):
        sandbox.evaluate(sandbox.load(MINIMAL), [{"type": "finish"}] * 2001)


@pytest.mark.parametrize(
    "operator,value,expected,result",
    [
        ("equals", "  lyon   3e ", "Lyon 3E", True),
        ("equals", "Pâtissière", "patissiere", True),
        ("equals", "35,0", 35, True),
        ("equals", "35", "36", False),
        ("equals", True, True, True),
        ("equals", False, True, False),
        ("contains", "Boulanger / Boulangère", "BOULANGERE", True),
        ("contains", "l\u2019offre", "l'offre", True),
        ("not_contains", "[date]", "[", False),
        ("matches", "04 72 15 48 90", "^04[ .]?72", True),
        ("matches", "Boulanger", "^boul", True),
        ("one_of", "saone", ["rhone", "Saône"], True),
        ("not_empty", "  ", True, False),
        ("empty", False, True, True),
        ("gte", "15", 15, True),
        ("lte", 38, 15, False),
        ("gte", "2026-03-12", "2026-03-09", True),
        ("lte", "09:30", "10:00", True),
        ("gte", "beaucoup", 3, False),
    ],
)
def test_the_operators_compare_loosely_but_precisely(operator, value, expected, result):
    assert sandbox.satisfies(operator, value, expected) is result


ACTION = st.fixed_dictionaries(
    {"type": st.sampled_from([*sandbox.ACTION_TYPES, "autre"])},
    optional={
        "target": st.one_of(
            st.sampled_from(["home", "form", "title", "contract", "check", "save", "delete-offer"]),
            st.integers(),
            st.none(),
            st.lists(st.text(max_size=3), max_size=2),
        ),
        "value": st.one_of(st.text(max_size=5), st.booleans(), st.integers(), st.sampled_from(["CDI", "CDD"])),
        "record": st.one_of(st.sampled_from(["o1", "offers-2"]), st.integers(), st.none()),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(ACTION, st.text(max_size=3), st.integers()), max_size=12))
def test_a_random_log_either_replays_or_raises_an_action_error(actions):
    definition = sandbox.load(MINIMAL)
    try:
        result = sandbox.evaluate(definition, actions)
    except sandbox.ActionError:
        return
    json.dumps(result.state)


# ---------------------------------------------------------------------------------------------------------------
# The JavaScript engine of the player gives the same verdict and the same final state

NODE = shutil.which("node")
NODE_SCRIPT = """
const engine = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({definition, log}) => {
    try {
      const result = engine.evaluate(definition, log);
      return {succeeded: result.succeeded, mistakes: result.mistakes, state: result.state};
    } catch (error) {
      return {error: error.name};
    }
  });
  process.stdout.write(JSON.stringify(results));
});
"""


def _python_outcome(definition, log):
    try:
        result = sandbox.evaluate(definition, log)
    except sandbox.ActionError:
        return {"error": "ActionError"}
    return {"succeeded": result.succeeded, "mistakes": result.mistakes, "state": result.state}


@pytest.mark.skipif(NODE is None, reason="Node.js est absent : la parité du moteur JavaScript n'est pas vérifiée.")
def test_the_javascript_engine_agrees_with_the_python_engine_on_every_example():
    cases = []
    for slug, definition in [*DEMOS.items(), ("guide", guide_example())]:
        solution, mistakes = sandbox.examples(definition)
        player = sandbox.for_player(definition)
        cases.append((f"{slug}:solution", player, solution))
        cases += [(f"{slug}:{check}", player, log) for check, (log, _expected) in mistakes.items()]
    minimal_definition = sandbox.load(MINIMAL)
    cases += [
        ("minimal:good", minimal_definition, GOOD),
        ("minimal:order", minimal_definition, [GOOD[0], GOOD[1], GOOD[3], GOOD[2], GOOD[4]]),
        ("minimal:bad-button", minimal_definition, [{"type": "click", "target": "save"}]),
        ("minimal:bad-choice", minimal_definition, [GOOD[0], {"type": "input", "target": "contract", "value": "X"}]),
    ]
    payload = json.dumps([{"definition": definition, "log": log} for _name, definition, log in cases])
    completed = subprocess.run(
        [NODE, "-e", NODE_SCRIPT, str(PLAYER_JS)],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    javascript = json.loads(completed.stdout)
    for (name, definition, log), outcome in zip(cases, javascript, strict=True):
        assert outcome == _python_outcome(definition, log), name
