"""Applicatifs-écoles (sandboxes): the declarative format's loader and the engine that replays an attempt.

A sandbox is a YAML file (docs/sandboxes.md): simulated screens of a tool, fake records, a mission and its checks.
`load()` validates it against schema/sandbox.schema.json, then checks what a schema cannot say (references to
screens, fields and collections, unique ids, one operator per check) and raises `SandboxError` with French messages
that name the problem and where it is. `evaluate()` replays the action log recorded by the browser player from the
initial state and returns the verdict: it is the server's truth.

ere/practice/static/practice/player.js implements the same engine in JavaScript, for immediate feedback in the
browser. tests/practice/test_sandbox_engine.py replays every example of every demo sandbox in both: change them
together.

Pure Python: no Django import.
"""

import copy
import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

SCHEMA_PATH = Path(__file__).parent / "schema" / "sandbox.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_VALIDATOR = Draft202012Validator(SCHEMA)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: ten times faster

LEVELS = {"discovery": "Découverte", "practice": "Pratique", "mastery": "Maîtrise", "expert": "Référent"}
OPERATORS = (
    "equals",
    "not_equals",
    "contains",
    "not_contains",
    "matches",
    "one_of",
    "not_empty",
    "empty",
    "gte",
    "lte",
)
COUNT_OPERATORS = ("equals", "not_equals", "one_of", "gte", "lte")
SUBJECTS = ("field", "record", "count")
PATH_KINDS = ("required", "forbidden", "order")
ACTION_TYPES = ("navigate", "tab", "input", "click", "row", "finish")
EFFECTS = ("go", "set", "clear", "add", "update", "remove", "fill", "search", "notify", "finish")
MAX_ACTIONS = 2000
MAX_TEXT = 5000

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}")
_PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9_-]*)(?:\.([a-z0-9][a-z0-9_-]*))?\}")
# Patterns must mean the same in Python and in JavaScript: no inline flags, named groups or lookbehinds.
_NON_PORTABLE = re.compile(r"\(\?(?!:)|\\[pPAZz]")


class SandboxError(ValueError):
    """A sandbox definition is not valid. `problems` lists every problem found, in French, each naming where."""

    def __init__(self, problems, source=""):
        self.problems = list(problems)
        prefix = f"{source} : " if source else ""
        message = self.problems[0]
        if len(self.problems) > 1:
            others = len(self.problems) - 1
            message += f" (et {others} autre{'s' if others > 1 else ''} problème{'s' if others > 1 else ''})"
        super().__init__(f"{prefix}L'applicatif-école n'est pas valide. {message}")


class ActionError(ValueError):
    """An action log cannot be replayed on this sandbox (unknown action, a button that is not on the screen…)."""


# ---------------------------------------------------------------------------------------------------------------
# Values: how the engine reads, compares and folds them (player.js does exactly the same)


def as_text(value):
    """A value as the player shows it: "" for nothing, "true"/"false", 35 rather than 35.0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def fold(value):
    """Text compared loosely: no accent, lower case, single spaces, straight apostrophes."""
    text = unicodedata.normalize("NFKD", as_text(value))
    text = re.sub("[\u0300-\u036f]", "", text).replace("\u2019", "'").lower()
    return " ".join(text.split())


def to_number(value):
    """A number from a number or from text such as « 35 » or « 35,5 »; None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", ".")
    return float(text) if _NUMBER.fullmatch(text) else None


def is_empty(value):
    return value is None or value is False or (isinstance(value, str) and not value.strip())


def equal(a, b):
    """Numbers compare as numbers (« 35 » = 35), everything else as folded text (« lyon » = « Lyon »)."""
    na, nb = to_number(a), to_number(b)
    if na is not None and nb is not None:
        return na == nb
    return fold(a) == fold(b)


def compare(a, b):
    """-1, 0 or 1 for two numbers, two dates (AAAA-MM-JJ) or two times (HH:MM); None when they do not compare."""
    na, nb = to_number(a), to_number(b)
    if na is not None and nb is not None:
        return (na > nb) - (na < nb)
    sa, sb = as_text(a).strip(), as_text(b).strip()
    for pattern in (_DATE, _TIME):
        if pattern.fullmatch(sa) and pattern.fullmatch(sb):
            return (sa > sb) - (sa < sb)
    return None


def satisfies(operator, value, expected):
    """Whether `value` satisfies `operator` with `expected` (the operators of docs/sandboxes.md)."""
    if operator == "equals":
        return equal(value, expected)
    if operator == "not_equals":
        return not equal(value, expected)
    if operator == "contains":
        return fold(expected) in fold(value)
    if operator == "not_contains":
        return fold(expected) not in fold(value)
    if operator == "matches":
        return re.search(expected, as_text(value), re.IGNORECASE) is not None
    if operator == "one_of":
        return any(equal(value, candidate) for candidate in expected)
    if operator == "not_empty":
        return not is_empty(value)
    if operator == "empty":
        return is_empty(value)
    if operator in ("gte", "lte"):
        order = compare(value, expected)
        return order is not None and (order >= 0 if operator == "gte" else order <= 0)
    raise ValueError(operator)


def operator_of(condition):
    """The (operator, expected value) of a check or condition; None when it has none."""
    for operator in OPERATORS:
        if operator in condition:
            return operator, condition[operator]
    return None


# ---------------------------------------------------------------------------------------------------------------
# Walking a definition


def walk(components, path=()):
    """Every component of a screen, in reading order, with its path: sections and all tabs included."""
    for position, component in enumerate(components):
        here = (*path, position)
        yield here, component
        kind = component.get("type")
        if kind == "section":
            yield from walk(component.get("components", []), (*here, "components"))
        elif kind == "tabs":
            for number, tab in enumerate(component.get("tabs", [])):
                yield from walk(tab.get("components", []), (*here, "tabs", number, "components"))


def buttons_of(component):
    if component["type"] == "button":
        return [component]
    if component["type"] == "buttons":
        return component["buttons"]
    return []


class _Index:
    """Lookups over a valid definition: what each screen holds."""

    def __init__(self, definition):
        self.screens = {screen["id"]: screen for screen in definition["screens"]}
        self.menu = [entry["screen"] for entry in definition.get("menu", [])]
        self.fields, self.buttons, self.row_actions, self.components, self.tabs = {}, {}, {}, {}, {}
        self.on_screen = {}
        for screen in definition["screens"]:
            here = self.on_screen[screen["id"]] = {"fields": set(), "clicks": set(), "rows": set(), "tabs": set()}
            for _path, component in walk(screen["components"]):
                kind = component["type"]
                if kind == "field":
                    self.fields[component["id"]] = component
                    here["fields"].add(component["id"])
                elif kind in ("table", "list"):
                    self.components[component["id"]] = component
                    for action in component.get("actions", []):
                        self.row_actions[action["id"]] = (component, action)
                        here["rows"].add(action["id"])
                elif kind == "tabs":
                    self.components[component["id"]] = component
                    for tab in component["tabs"]:
                        self.tabs[tab["id"]] = (component, tab)
                        here["tabs"].add(tab["id"])
                for button in buttons_of(component):
                    self.buttons[button["id"]] = button
                    here["clicks"].add(button["id"])


def default_value(field_definition):
    if field_definition["input"] == "checkbox":
        return bool(field_definition.get("value", False))
    return field_definition.get("value", "")


def option_values(field_definition, records):
    """The values a select or radio field accepts now."""
    source = field_definition.get("options_from")
    if source:
        return [record["id"] for record in records.get(source["collection"], [])]
    return [option["value"] for option in field_definition.get("options", [])]


# ---------------------------------------------------------------------------------------------------------------
# Loading and validation


def _to_json(value):
    """YAML reads 2026-03-12 as a date: the format only has text, numbers and booleans."""
    if isinstance(value, dict):
        return {str(key): _to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def _where(path, data):
    """« screens › « offre » › components › n° 2 »: a path in the file, items named by their id when they have one."""
    parts, node = [], data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(key, int):
            name = node.get("id") if isinstance(node, dict) else None
            parts.append(f"« {name} »" if isinstance(name, str) and name else f"n° {key + 1}")
        else:
            parts.append(str(key))
    return f"Dans {' › '.join(parts)}" if parts else "À la racine du fichier"


_TYPE_NAMES = {
    "string": "du texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un objet (des clés avec leur valeur)",
}


def _quoted(value):
    return f"« {value} »" if isinstance(value, str | int | float) and len(str(value)) < 60 else "la valeur"


def _schema_problem(error, data):
    if error.validator in ("oneOf", "anyOf") and error.context:
        # When one alternative was clearly meant, its own error says more than « none matches ».
        deeper = [e for e in error.context if len(e.absolute_path) > len(error.absolute_path)]
        if deeper:
            return _schema_problem(best_match(deeper), data)
    schema = error.schema if isinstance(error.schema, dict) else {}
    rule, instance = error.validator_value, error.instance
    if error.validator == "required":
        missing = [key for key in rule if key not in instance]
        what = f"la clé « {missing[0]} » est obligatoire"
    elif error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(key for key in instance if key not in allowed)
        what = f"la clé « {extra[0]} » est inconnue"
        if allowed:
            what += f" (clés permises : {', '.join(allowed)})"
    elif error.validator in ("minLength", "pattern") and schema.get("pattern") == "\\S":
        what = "le texte est vide"
    elif schema.get("x-message"):
        what = schema["x-message"]
        if isinstance(instance, str | int | float) and not isinstance(instance, bool):
            what = f"{_quoted(instance)} : {what}"
    elif error.validator == "type":
        names = [rule] if isinstance(rule, str) else rule
        what = f"la valeur doit être {' ou '.join(_TYPE_NAMES.get(name, name) for name in names)}"
        if "string" in names and isinstance(instance, dict):
            what += (
                " (en YAML, « : » suivi d'une espace ouvre une clé : mettez le texte entre guillemets, ou sur les "
                "lignes suivantes après « >- »)"
            )
    elif error.validator == "enum":
        what = f"{_quoted(instance)} n'est pas permis : choisissez parmi {', '.join(map(str, rule))}"
    elif error.validator == "const":
        what = f"la seule valeur permise est « {as_text(rule)} »"
    elif error.validator == "minItems":
        what = f"la liste doit avoir au moins {rule} élément{'s' if rule > 1 else ''}"
    elif error.validator == "maxItems":
        what = f"la liste doit avoir au plus {rule} élément{'s' if rule > 1 else ''}"
    elif error.validator == "maxLength":
        what = f"le texte dépasse {rule} caractères"
    elif error.validator == "minimum":
        what = f"la valeur doit être au moins {rule}"
    elif error.validator == "maximum":
        what = f"la valeur doit être au plus {rule}"
    elif error.validator == "minProperties":
        what = "l'objet est vide"
    elif error.validator == "maxProperties":
        what = f"une seule clé est attendue ici ({len(instance)} trouvées)"
    else:
        what = "la valeur n'a pas la forme attendue"
    return f"{_where(error.absolute_path, data)} : {what}."


class _Semantics:
    """The rules a JSON Schema cannot express; each problem names where it is, as the schema errors do."""

    def __init__(self, definition):
        self.d = definition
        self.problems = []
        self.ix = _Index(definition)
        self.collections = definition.get("records", {})

    def problem(self, path, what):
        self.problems.append(f"{_where(path, self.d)} : {what}.")

    def run(self):
        self.unique_ids()
        self.references()
        self.screens_content()
        self.checks()
        self.examples()
        return self.problems

    def unique_ids(self):
        seen = {}
        for number, screen in enumerate(self.d["screens"]):
            entries = [(("screens", number, "id"), screen["id"])]
            for path, component in walk(screen["components"], ("screens", number, "components")):
                if "id" in component:
                    entries.append(((*path, "id"), component["id"]))
                for position, tab in enumerate(component.get("tabs", [])):
                    entries.append(((*path, "tabs", position, "id"), tab["id"]))
                for position, button in enumerate(component.get("buttons", [])):
                    entries.append(((*path, "buttons", position, "id"), button["id"]))
                for position, action in enumerate(component.get("actions", [])):
                    entries.append(((*path, "actions", position, "id"), action["id"]))
            for path, name in entries:
                if name in seen:
                    self.problem(
                        path[:-1],
                        f"l'identifiant « {name} » est déjà utilisé ({seen[name]}) ; écrans, onglets, champs, "
                        "boutons, tableaux et listes ont chacun le leur",
                    )
                else:
                    seen[name] = _where(path[:-1], self.d).replace("Dans ", "", 1)
        for name, records in self.collections.items():
            ids = set()
            for position, record in enumerate(records):
                if record["id"] in ids:
                    self.problem(
                        ("records", name, position), f"la fiche « {record['id']} » existe déjà dans « {name} »"
                    )
                ids.add(record["id"])

    def screen(self, path, name):
        if name not in self.ix.screens:
            self.problem(path, f"l'écran « {name} » n'existe pas")

    def field(self, path, name):
        if name not in self.ix.fields:
            self.problem(path, f"le champ « {name} » n'existe pas")
            return None
        return self.ix.fields[name]

    def collection(self, path, name):
        if name not in self.collections:
            self.problem(
                path, f"la collection de fiches « {name} » n'existe pas (déclarez-la dans « records », même vide)"
            )
            return False
        return True

    def record_id(self, path, collection, record):
        if self.collection(path, collection) and record not in {r["id"] for r in self.collections[collection]}:
            self.problem(path, f"la fiche « {record} » n'existe pas dans « {collection} »")

    def references(self):
        self.screen(("start",), self.d["start"])
        for position, entry in enumerate(self.d.get("menu", [])):
            self.screen(("menu", position), entry["screen"])

    def value_fits(self, path, field_definition, value, what="la valeur"):
        kind = field_definition["input"]
        if kind == "checkbox":
            if not isinstance(value, bool):
                self.problem(path, f"{what} d'une case à cocher est true ou false")
        elif kind in ("select", "radio") and "options" in field_definition:
            allowed = option_values(field_definition, {})
            if as_text(value) not in allowed and as_text(value) != "":
                self.problem(
                    path,
                    f"{what} « {as_text(value)} » n'est pas un choix du champ « {field_definition['id']} » "
                    f"(choix : {', '.join(allowed)})",
                )
        elif kind == "number" and as_text(value) != "" and to_number(value) is None:
            self.problem(path, f"{what} du champ « {field_definition['id']} » doit être un nombre")
        elif kind == "date" and as_text(value) != "" and not _DATE.fullmatch(as_text(value)):
            self.problem(path, f"{what} du champ « {field_definition['id']} » est une date AAAA-MM-JJ")

    def template(self, path, text):
        for name, key in _PLACEHOLDER.findall(text):
            if key:
                self.collection(path, name)
            elif name not in self.ix.fields:
                self.problem(path, f"« {{{name}}} » ne désigne aucun champ (ni « {{collection.clé}} »)")

    def where(self, path, where):
        for key, expected in (where or {}).items():
            if isinstance(expected, dict):
                self.collection((*path, key), expected["selected"])

    def screens_content(self):
        for number, screen in enumerate(self.d["screens"]):
            for path, component in walk(screen["components"], ("screens", number, "components")):
                self.component(path, component)

    def component(self, path, component):
        kind = component["type"]
        if kind == "text":
            self.template(path, component["text"])
        elif kind == "field":
            self.field_definition(path, component)
        elif kind == "details":
            self.collection(path, component["collection"])
        if kind in ("details", "table"):
            for position, item in enumerate(component.get("items", component.get("columns", []))):
                if "ref" in item:
                    self.collection((*path, "items" if kind == "details" else "columns", position), item["ref"])
        if kind in ("table", "list"):
            if self.collection(path, component["collection"]):
                self.where((*path, "where"), component.get("where"))
            for position, rule in enumerate(component.get("filter", [])):
                self.field((*path, "filter", position), rule["field"])
            if component.get("placeholder") and not component.get("filter"):
                self.problem(path, "« placeholder » ne sert qu'avec un « filter » (avant la première recherche)")
            for position, action in enumerate(component.get("actions", [])):
                self.effects((*path, "actions", position, "do"), action["do"])
        for position, button in enumerate(component.get("buttons", [])):
            self.effects((*path, "buttons", position, "do"), button["do"])
        if kind == "button":
            self.effects((*path, "do"), component["do"])

    def field_definition(self, path, component):
        kind = component["input"]
        has_options = "options" in component
        has_source = "options_from" in component
        if kind in ("select", "radio"):
            if has_options == has_source:
                self.problem(path, f"un champ « {kind} » a soit « options », soit « options_from »")
            if has_source:
                self.collection((*path, "options_from"), component["options_from"]["collection"])
            if has_options:
                values = [option["value"] for option in component["options"]]
                if len(set(values)) != len(values):
                    self.problem((*path, "options"), "deux choix ont la même valeur")
        elif has_options or has_source:
            self.problem(path, f"un champ « {kind} » n'a pas de choix (« options » sert aux select et radio)")
        if "value" in component:
            self.value_fits((*path, "value"), component, component["value"])

    def record_keys(self, path, mapping):
        if "id" in (mapping or {}):
            self.problem(path, "la clé « id » d'une fiche est donnée par l'applicatif : ne la remplissez pas")

    def effects(self, path, effects):
        for position, effect in enumerate(effects):
            here = (*path, position)
            if "go" in effect:
                self.screen(here, effect["go"])
                if "tab" in effect and effect["tab"] not in self.ix.on_screen.get(effect["go"], {}).get("tabs", ()):
                    self.problem(here, f"l'onglet « {effect['tab']} » n'est pas sur l'écran « {effect['go']} »")
            elif "set" in effect:
                target = self.field(here, effect["set"])
                if target:
                    self.value_fits(here, target, effect["value"])
            elif "clear" in effect:
                for name in effect["clear"]:
                    self.field(here, name)
            elif "search" in effect:
                target = self.ix.components.get(effect["search"])
                if not target or not target.get("filter"):
                    self.problem(here, f"« {effect['search']} » n'est pas un tableau ou une liste avec « filter »")
            for verb in ("add", "update", "remove", "fill"):
                if verb in effect and self.collection(here, effect[verb]) and effect.get("record"):
                    self.record_id(here, effect[verb], effect["record"])
            for name in (effect.get("fields") or {}).values():
                self.field(here, name)
            for name in (effect.get("link") or {}).values():
                self.collection(here, name)
            for mapping in ("fields", "link", "values"):
                self.record_keys(here, effect.get(mapping))

    def condition(self, path, condition, is_check=True):
        subjects = [key for key in SUBJECTS if key in condition]
        if is_check and any(key in condition for key in PATH_KINDS):
            subjects += [key for key in PATH_KINDS if key in condition]
        operators = [key for key in OPERATORS if key in condition]
        if len(subjects) != 1:
            kinds = "field, record, count, required, forbidden ou order" if is_check else "field, record ou count"
            self.problem(path, f"indiquez exactement une chose à vérifier parmi {kinds}")
            return
        subject = subjects[0]
        if subject in PATH_KINDS:
            if operators:
                self.problem(path, f"une vérification de parcours (« {subject} ») n'a pas d'opérateur")
            steps = condition[subject] if subject == "order" else [condition[subject]]
            for position, step in enumerate(steps):
                self.step((*path, subject, position) if subject == "order" else (*path, subject), step)
            return
        if len(operators) != 1:
            self.problem(path, f"indiquez exactement un opérateur parmi {', '.join(OPERATORS)}")
            return
        operator = operators[0]
        expected = condition[operator]
        if subject == "field":
            target = self.field(path, condition["field"])
            if target and operator in ("equals", "not_equals"):
                self.value_fits(path, target, expected, "la valeur attendue")
            if target and operator == "one_of":
                for value in expected:
                    self.value_fits(path, target, value, "la valeur attendue")
        else:
            selector = condition[subject]
            if self.collection((*path, subject), selector["collection"]):
                self.where((*path, subject, "where"), selector.get("where"))
            if subject == "count":
                if operator not in COUNT_OPERATORS:
                    self.problem(path, f"un comptage se vérifie avec {', '.join(COUNT_OPERATORS)}")
                elif any(to_number(value) is None for value in (expected if operator == "one_of" else [expected])):
                    self.problem(path, "un comptage se compare à un nombre")
        if operator == "matches":
            try:
                re.compile(expected)
            except re.error as error:
                self.problem(path, f"l'expression régulière « {expected} » est invalide ({error})")
            else:
                if _NON_PORTABLE.search(expected):
                    self.problem(
                        path,
                        f"l'expression « {expected} » utilise une syntaxe que le navigateur ne lit pas pareil "
                        "(« (?…) », \\p, \\A, \\Z) : gardez « (?:…) », les classes et les quantificateurs",
                    )
        comparable = to_number(expected) is not None or any(p.fullmatch(as_text(expected)) for p in (_DATE, _TIME))
        if operator in ("gte", "lte") and not comparable:
            self.problem(path, "« gte » et « lte » comparent à un nombre, une date AAAA-MM-JJ ou une heure HH:MM")

    def step(self, path, step):
        kinds = [key for key in ("visited", "clicked") if key in step]
        if len(kinds) != 1:
            self.problem(path, "une étape est soit « visited » (un écran ou un onglet), soit « clicked » (un bouton)")
            return
        if "visited" in step:
            if step["visited"] not in self.ix.screens and step["visited"] not in self.ix.tabs:
                self.problem(path, f"« {step['visited']} » n'est ni un écran ni un onglet")
            if "record" in step or "when" in step:
                self.problem(path, "« record » et « when » ne servent qu'avec « clicked »")
            return
        name = step["clicked"]
        if name not in self.ix.buttons and name not in self.ix.row_actions:
            self.problem(path, f"« {name} » n'est ni un bouton ni une action de ligne")
        elif "record" in step:
            if name not in self.ix.row_actions:
                self.problem(path, "« record » ne sert qu'avec une action de ligne de tableau ou de liste")
            else:
                self.record_id(path, self.ix.row_actions[name][0]["collection"], step["record"])
        if "when" in step:
            self.condition((*path, "when"), step["when"], is_check=False)

    def checks(self):
        ids = set()
        for position, check in enumerate(self.d["checks"]):
            path = ("checks", position)
            if check["id"] in ids:
                self.problem(path, f"la vérification « {check['id']} » existe déjà")
            ids.add(check["id"])
            self.condition(path, check)

    def examples(self):
        mistakes = self.d.get("examples", {}).get("mistakes", {})
        ids = {check["id"] for check in self.d["checks"]}
        for name, mistake in mistakes.items():
            if name not in ids:
                self.problem(("examples", "mistakes"), f"aucune vérification ne s'appelle « {name} »")
            for other in mistake.get("also", []) if isinstance(mistake, dict) else []:
                if other not in ids:
                    self.problem(("examples", "mistakes", name), f"aucune vérification ne s'appelle « {other} »")


def _normalize(definition):
    """Options as {value, label}; initial and `set` values in the type of their field (text, or a boolean)."""
    for screen in definition["screens"]:
        for _path, component in walk(screen["components"]):
            if component["type"] == "field":
                if "options" in component:
                    component["options"] = [
                        option if isinstance(option, dict) else {"value": option, "label": option}
                        for option in component["options"]
                    ]
                if "value" in component and component["input"] != "checkbox":
                    component["value"] = as_text(component["value"])
    index = _Index(definition)

    def effects(effect_list):
        for effect in effect_list:
            target = index.fields.get(effect.get("set"))
            if target and target["input"] != "checkbox":
                effect["value"] = as_text(effect["value"])

    for screen in definition["screens"]:
        for _path, component in walk(screen["components"]):
            for button in buttons_of(component):
                effects(button["do"])
            for action in component.get("actions", []):
                effects(action["do"])
    return definition


def load(source, name=""):
    """A valid, normalized definition from YAML text or a dict; raises SandboxError otherwise.

    `name` (a file name) prefixes the error message.
    """
    if isinstance(source, str | bytes):
        try:
            data = yaml.load(source, Loader=_YAML_LOADER)  # a safe loader, C or Python
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else "à un endroit inconnu"
            if "mapping values are not allowed" in str(getattr(error, "problem", "")):
                advice = "un texte contient « : » suivi d'une espace : mettez ce texte entre guillemets"
            else:
                advice = "vérifiez l'indentation et les guillemets"
            raise SandboxError([f"Le YAML est illisible ({where}) : {advice}."], name) from None
    else:
        data = copy.deepcopy(source)
    data = _to_json(data)
    if not isinstance(data, dict):
        raise SandboxError(
            ["Le fichier doit décrire un objet (des clés avec leur valeur) : slug, title, mission…"], name
        )
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: [str(part) for part in e.absolute_path]):
        message = _schema_problem(error, data)
        if message not in problems:
            problems.append(message)
    if problems:
        raise SandboxError(problems, name)
    definition = _normalize(data)
    problems = _Semantics(definition).run()
    if problems:
        raise SandboxError(problems, name)
    return definition


_FILES = {}


def load_file(path):
    """load() for a file; a file that did not change since the last call is not parsed again."""
    path = Path(path)
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _FILES:
        _FILES[key] = load(path.read_text(encoding="utf-8"), name=path.name)
    return copy.deepcopy(_FILES[key])


def for_player(definition):
    """What the browser receives: everything but the examples (they hold the solution)."""
    return {key: value for key, value in definition.items() if key != "examples"}


def example_log(steps):
    """An action log from the compact steps of `examples` (« click: publish », « input: {champ: valeur} »…)."""
    log = []
    for step in steps:
        if step == "finish":
            log.append({"type": "finish"})
        elif "click" in step:
            log.append({"type": "click", "target": step["click"]})
        elif "go" in step:
            log.append({"type": "navigate", "target": step["go"]})
        elif "tab" in step:
            log.append({"type": "tab", "target": step["tab"]})
        elif "input" in step:
            for target, value in step["input"].items():
                log.append(
                    {
                        "type": "input",
                        "target": target,
                        "value": value if value is True or value is False else as_text(value),
                    }
                )
        elif "row" in step:
            [(target, record)] = step["row"].items()
            log.append({"type": "row", "target": target, "record": record})
    return log


def examples(definition):
    """(solution log, {check id: (log, ids of the checks it must fail)}) from the definition's `examples`."""
    section = definition.get("examples", {})
    mistakes = {}
    for check_id, mistake in section.get("mistakes", {}).items():
        steps, also = (mistake["log"], mistake.get("also", [])) if isinstance(mistake, dict) else (mistake, [])
        mistakes[check_id] = (example_log(steps), {check_id, *also})
    return example_log(section.get("solution", [])), mistakes


# ---------------------------------------------------------------------------------------------------------------
# Replaying an attempt


@dataclass
class Result:
    succeeded: bool
    finished: bool
    failures: list = field(default_factory=list)  # [{"id", "feedback"}] in the order of the checks
    state: dict = field(default_factory=dict)

    @property
    def mistakes(self):
        return [failure["id"] for failure in self.failures]


def initial_state(definition):
    index = _Index(definition)
    return {
        "screen": None,
        "values": {name: default_value(component) for name, component in index.fields.items()},
        "records": copy.deepcopy(definition.get("records", {})),
        "selected": {},
        "tabs": {},
        "searches": {},
        "added": {name: [] for name in definition.get("records", {})},
        "notice": "",
        "finished": False,
    }


class _Replay:
    def __init__(self, definition):
        self.d = definition
        self.ix = _Index(definition)
        self.state = initial_state(definition)
        self.position = 0
        self.first = {}  # (check number, step number) -> position of the first event that matched the step
        self.steps = []
        for number, check in enumerate(definition["checks"]):
            for kind in PATH_KINDS:
                if kind in check:
                    steps = check[kind] if kind == "order" else [check[kind]]
                    self.steps += [((number, slot), step) for slot, step in enumerate(steps)]
        self.enter(definition["start"])

    # Events that path checks look at: a screen or tab shown, a button clicked.
    def event(self, kind, target, record=None):
        self.position += 1
        for key, step in self.steps:
            if key in self.first:
                continue
            if kind == "visit":
                hit = step.get("visited") == target
            else:
                hit = (
                    step.get("clicked") == target
                    and step.get("record", record) == record
                    and ("when" not in step or self.condition(step["when"]))
                )
            if hit:
                self.first[key] = self.position

    def visit_tabs(self, components):
        for component in components:
            if component["type"] == "section":
                self.visit_tabs(component["components"])
            elif component["type"] == "tabs":
                active = self.state["tabs"][component["id"]]
                self.event("visit", active)
                self.visit_tabs(self.ix.tabs[active][1]["components"])

    def enter(self, screen_id):
        screen = self.ix.screens[screen_id]
        self.state["screen"] = screen_id
        for _path, component in walk(screen["components"]):
            if component["type"] == "tabs":
                self.state["tabs"][component["id"]] = component["tabs"][0]["id"]
        self.event("visit", screen_id)
        self.visit_tabs(screen["components"])

    def open_tab(self, tab_id):
        component, tab = self.ix.tabs[tab_id]
        self.state["tabs"][component["id"]] = tab_id
        self.event("visit", tab_id)
        self.visit_tabs(tab["components"])

    # Records
    def find(self, collection, record_id):
        return next((r for r in self.state["records"][collection] if r["id"] == record_id), None)

    def where_matches(self, record, where):
        for key, expected in (where or {}).items():
            if isinstance(expected, dict):
                expected = self.state["selected"].get(expected["selected"])
                if expected is None:
                    return False
            if not equal(record.get(key), expected):
                return False
        return True

    def visible(self, component):
        records = [
            r for r in self.state["records"][component["collection"]] if self.where_matches(r, component.get("where"))
        ]
        if component.get("filter"):
            snapshot = self.state["searches"].get(component["id"])
            if snapshot is None:
                return []
            records = [
                r
                for r in records
                if all(self.passes(r, rule, snapshot.get(rule["field"])) for rule in component["filter"])
            ]
        return records

    @staticmethod
    def passes(record, rule, value):
        if is_empty(value):
            return True
        if record.get(rule["key"]) is None:
            return False
        operator = rule.get("op", "contains")
        if operator == "equals":
            return equal(record[rule["key"]], value)
        if operator == "contains":
            return fold(value) in fold(record[rule["key"]])
        order = compare(record[rule["key"]], value)
        return order is not None and (order >= 0 if operator == "gte" else order <= 0)

    def select(self, selector):
        records = self.state["records"][selector["collection"]]
        if selector.get("added"):
            added = set(self.state["added"][selector["collection"]])
            records = [r for r in records if r["id"] in added]
        return [r for r in records if self.where_matches(r, selector.get("where"))]

    def condition(self, condition):
        operator, expected = operator_of(condition)
        if "field" in condition:
            return satisfies(operator, self.state["values"][condition["field"]], expected)
        if "record" in condition:
            selector = condition["record"]
            return all(satisfies(operator, r.get(selector["key"]), expected) for r in self.select(selector))
        return satisfies(operator, len(self.select(condition["count"])), expected)

    # Effects of a button or a row action
    def compose(self, effect):
        values = self.state["values"]
        record = {key: values[name] for key, name in (effect.get("fields") or {}).items()}
        record.update({key: self.state["selected"].get(name, "") for key, name in (effect.get("link") or {}).items()})
        record.update(effect.get("values") or {})
        return record

    def new_id(self, collection):
        taken = {r["id"] for r in self.state["records"][collection]}
        number = len(self.state["records"][collection]) + 1
        while f"{collection}-{number}" in taken:
            number += 1
        return f"{collection}-{number}"

    def run(self, effects):
        state = self.state
        for effect in effects:
            if "go" in effect:
                self.enter(effect["go"])
                if "tab" in effect:
                    self.open_tab(effect["tab"])
            elif "set" in effect:
                state["values"][effect["set"]] = effect["value"]
            elif "clear" in effect:
                for name in effect["clear"]:
                    state["values"][name] = default_value(self.ix.fields[name])
            elif "add" in effect:
                collection = effect["add"]
                record = {"id": self.new_id(collection), **self.compose(effect)}
                state["records"][collection].append(record)
                state["added"][collection].append(record["id"])
                state["selected"][collection] = record["id"]
            elif "update" in effect:
                record = self.find(effect["update"], effect.get("record") or state["selected"].get(effect["update"]))
                if record is not None:
                    record.update(self.compose(effect))
            elif "remove" in effect:
                collection = effect["remove"]
                record_id = effect.get("record") or state["selected"].get(collection)
                if record_id is None:
                    continue
                state["records"][collection] = [r for r in state["records"][collection] if r["id"] != record_id]
                if state["selected"].get(collection) == record_id:
                    del state["selected"][collection]
            elif "fill" in effect:
                record = self.find(effect["fill"], state["selected"].get(effect["fill"]))
                if record is not None:
                    for key, name in effect["fields"].items():
                        state["values"][name] = self.coerce(self.ix.fields[name], record.get(key))
            elif "search" in effect:
                component = self.ix.components[effect["search"]]
                state["searches"][component["id"]] = {
                    rule["field"]: state["values"][rule["field"]] for rule in component["filter"]
                }
            elif "notify" in effect:
                state["notice"] = effect["notify"]
            elif "finish" in effect:
                state["finished"] = True

    @staticmethod
    def coerce(field_definition, value):
        if field_definition["input"] == "checkbox":
            return value is True or fold(value) in ("true", "oui")
        return as_text(value)

    # Actions of the log
    def input_value(self, number, target, value):
        component = self.ix.fields[target]
        kind = component["input"]
        if kind == "checkbox":
            if not isinstance(value, bool):
                raise ActionError(f"Action n° {number} : la case « {component['label']} » vaut true ou false.")
            return value
        if not isinstance(value, str):
            raise ActionError(f"Action n° {number} : la valeur du champ « {component['label']} » doit être du texte.")
        if len(value) > MAX_TEXT:
            raise ActionError(f"Action n° {number} : le texte du champ « {component['label']} » est trop long.")
        if value == "":
            return value
        if kind in ("select", "radio") and value not in option_values(component, self.state["records"]):
            raise ActionError(
                f"Action n° {number} : « {value} » n'est pas un choix du champ « {component['label']} »."
            )
        if kind == "number" and to_number(value) is None:
            raise ActionError(f"Action n° {number} : le champ « {component['label']} » attend un nombre.")
        if kind == "date" and not _DATE.fullmatch(value):
            raise ActionError(f"Action n° {number} : le champ « {component['label']} » attend une date AAAA-MM-JJ.")
        return value

    def apply(self, number, action):
        state = self.state
        if not isinstance(action, dict):
            raise ActionError(f"Action n° {number} : un objet est attendu (type, target…).")
        if state["finished"]:
            raise ActionError(f"Action n° {number} : la mission est déjà terminée.")
        kind, target = action.get("type"), action.get("target")
        if kind != "finish" and not isinstance(target, str):
            raise ActionError(f"Action n° {number} : « target » doit nommer un écran, un champ ou un bouton.")
        if kind == "row" and not isinstance(action.get("record"), str):
            raise ActionError(f"Action n° {number} : « record » doit nommer une fiche.")
        here = self.ix.on_screen[state["screen"]]
        state["notice"] = ""
        if kind == "navigate":
            if target not in self.ix.menu:
                raise ActionError(f"Action n° {number} : « {target} » n'est pas dans le menu de l'applicatif.")
            self.enter(target)
        elif kind == "tab":
            if target not in here["tabs"]:
                raise ActionError(
                    f"Action n° {number} : l'onglet « {target} » n'est pas sur l'écran « {state['screen']} »."
                )
            self.open_tab(target)
        elif kind == "input":
            if target not in here["fields"]:
                raise ActionError(
                    f"Action n° {number} : le champ « {target} » n'est pas sur l'écran « {state['screen']} »."
                )
            state["values"][target] = self.input_value(number, target, action.get("value"))
        elif kind == "click":
            if target not in here["clicks"]:
                raise ActionError(
                    f"Action n° {number} : le bouton « {target} » n'est pas sur l'écran « {state['screen']} »."
                )
            self.event("click", target)
            self.run(self.ix.buttons[target]["do"])
        elif kind == "row":
            if target not in here["rows"]:
                raise ActionError(
                    f"Action n° {number} : l'action « {target} » n'est pas sur l'écran « {state['screen']} »."
                )
            component, row_action = self.ix.row_actions[target]
            record = action.get("record")
            if record not in [r["id"] for r in self.visible(component)]:
                raise ActionError(
                    f"Action n° {number} : la fiche « {record} » n'est pas affichée dans « {component['id']} »."
                )
            state["selected"][component["collection"]] = record
            self.event("click", target, record)
            self.run(row_action["do"])
        elif kind == "finish":
            state["finished"] = True
        else:
            raise ActionError(
                f"Action n° {number} : le type « {kind} » est inconnu (types permis : {', '.join(ACTION_TYPES)})."
            )

    def verdict(self):
        failures = []
        for number, check in enumerate(self.d["checks"]):
            if "required" in check:
                ok = (number, 0) in self.first
            elif "forbidden" in check:
                ok = (number, 0) not in self.first
            elif "order" in check:
                before, after = self.first.get((number, 0)), self.first.get((number, 1))
                ok = after is None or (before is not None and before < after)
            else:
                ok = self.condition(check)
            if not ok:
                failures.append({"id": check["id"], "feedback": check["feedback"]})
        finished = self.state["finished"]
        return Result(succeeded=finished and not failures, finished=finished, failures=failures, state=self.state)


def evaluate(definition, actions):
    """Replay `actions` (the player's log) on a definition returned by `load()`; raises ActionError on a bad log."""
    if not isinstance(actions, list):
        raise ActionError("Le journal des actions doit être une liste.")
    if len(actions) > MAX_ACTIONS:
        raise ActionError(f"Le journal compte plus de {MAX_ACTIONS} actions : il n'est pas accepté.")
    replay = _Replay(definition)
    for number, action in enumerate(actions, start=1):
        replay.apply(number, action)
    return replay.verdict()
