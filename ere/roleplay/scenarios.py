"""A scenario as data, in and out: the demo YAML files, the authoring form and Twee 3 files all go through here.

The data of a scenario is a dict (the format of ere/roleplay/scenarios/*.yaml, docs/roleplay-scenarios.md):

    slug, title, summary, context, objectives [str], difficulty (easy/medium/hard), minutes, tools [catalogue slugs],
    published (optional), cards {advisor|interlocutor|observer: {title, brief, hidden, reactions}},
    criteria [{label, descriptors: [4 str]}], script (Twee 3 source, optional)

`validate` checks it all and raises `ScenarioError` with a French message naming the field; `save` writes it in one
transaction, and only what changed (a second load of the same file writes nothing). In a Twee export, everything but
the title and the script travels in StoryData under the key `ere`, so that an export imported elsewhere gives back the
whole scenario.
"""

import re

from django.db import transaction
from django.utils.text import slugify

from ere.catalog.models import Tool
from ere.roleplay import twee
from ere.roleplay.enums import CARD_ROLES, Difficulty, Level
from ere.roleplay.models import Criterion, RoleCard, Scenario

METADATA_KEY = "ere"
METADATA_VERSION = 1
SLUG = re.compile(r"[-a-z0-9_]{1,100}")
MAX_MINUTES = 240
CARD_FIELDS = ("title", "brief", "hidden", "reactions")
DEFAULT_FORMAT = {"format": "Harlowe", "format-version": "3.3.9"}
# A scenario created from a bare Twine story: the author completes it in the form.
TO_COMPLETE = "À compléter : mise en situation importée depuis un fichier Twine."


class ScenarioError(ValueError):
    pass


def _text(raw, key, where, *, required=True, max_length=None):
    value = raw.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ScenarioError(f"{where}le champ « {key} » doit être un texte.")
    value = value.strip()
    if required and not value:
        raise ScenarioError(f"{where}le champ « {key} » est obligatoire.")
    if max_length and len(value) > max_length:
        raise ScenarioError(f"{where}le champ « {key} » dépasse {max_length} caractères.")
    return value


def _strings(raw, key, where):
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ScenarioError(f"{where}le champ « {key} » doit être une liste de textes non vides.")
    return [item.strip() for item in value]


def _cards(raw, where):
    cards = raw.get("cards") or {}
    if not isinstance(cards, dict):
        raise ScenarioError(f"{where}le champ « cards » doit associer un rôle à sa fiche.")
    roles = [str(role) for role in CARD_ROLES]
    unknown = [role for role in cards if role not in roles]
    if unknown:
        raise ScenarioError(
            f"{where}rôle inconnu dans « cards » : « {unknown[0]} » (rôles possibles : {', '.join(roles)})."
        )
    result = {}
    for role in roles:
        if role not in cards:
            continue
        card = cards[role]
        if not isinstance(card, dict):
            raise ScenarioError(f"{where}la fiche « {role} » doit avoir un titre (title) et une consigne (brief).")
        at = f"{where}fiche « {role} », "
        result[role] = {
            "title": _text(card, "title", at, max_length=200),
            "brief": _text(card, "brief", at),
            "hidden": _text(card, "hidden", at, required=False),
            "reactions": _text(card, "reactions", at, required=False),
        }
    return result


def _criteria(raw, where):
    criteria = raw.get("criteria") or []
    if not isinstance(criteria, list):
        raise ScenarioError(f"{where}le champ « criteria » doit être une liste de critères.")
    result = []
    for number, criterion in enumerate(criteria, start=1):
        at = f"{where}critère n° {number}, "
        if not isinstance(criterion, dict):
            raise ScenarioError(f"{at}écrivez un libellé (label) et quatre descripteurs (descriptors).")
        descriptors = criterion.get("descriptors")
        if (
            not isinstance(descriptors, list)
            or len(descriptors) != len(Level)
            or not all(isinstance(item, str) and item.strip() for item in descriptors)
        ):
            raise ScenarioError(f"{at}il faut exactement {len(Level)} descripteurs, du niveau 1 au niveau 4.")
        result.append(
            {"label": _text(criterion, "label", at, max_length=200), "descriptors": [d.strip() for d in descriptors]}
        )
    return result


def validate(raw, where=""):
    """The scenario data in `raw`, checked and normalised; ScenarioError otherwise. `where` prefixes the messages."""
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}une mise en situation se décrit par des champs (slug, title, summary…).")
    slug = _text(raw, "slug", where)
    if not SLUG.fullmatch(slug):
        raise ScenarioError(
            f"{where}l'identifiant « {slug} » ne doit contenir que des minuscules sans accent, des chiffres et des "
            "tirets (100 caractères au plus)."
        )
    difficulty = raw.get("difficulty", Difficulty.MEDIUM)
    if difficulty not in Difficulty.values:
        raise ScenarioError(
            f"{where}la difficulté « {difficulty} » est inconnue (valeurs possibles : {', '.join(Difficulty.values)})."
        )
    minutes = raw.get("minutes", 10)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        raise ScenarioError(f"{where}la durée « minutes » doit être un nombre entier de 1 à {MAX_MINUTES}.")
    published = raw.get("published")
    if published is not None and not isinstance(published, bool):
        raise ScenarioError(f"{where}le champ « published » vaut true ou false.")
    script = raw.get("script") or ""
    if not isinstance(script, str):
        raise ScenarioError(f"{where}le champ « script » doit être un texte (Twee 3).")
    if script.strip():
        try:
            twee.parse(script)
        except twee.TweeError as error:
            raise ScenarioError(f"{where}script : {error}") from None
    data = {
        "slug": slug,
        "title": _text(raw, "title", where, max_length=200),
        "summary": _text(raw, "summary", where, max_length=300),
        "context": _text(raw, "context", where),
        "objectives": _strings(raw, "objectives", where),
        "difficulty": str(difficulty),
        "minutes": minutes,
        "tools": _strings(raw, "tools", where),
        "cards": _cards(raw, where),
        "criteria": _criteria(raw, where),
        "script": script.strip() + "\n" if script.strip() else "",
    }
    if published is not None:
        data["published"] = published
    return data


def to_data(scenario):
    """The data of a saved scenario, as `validate` returns it."""
    return {
        "slug": scenario.slug,
        "title": scenario.title,
        "summary": scenario.summary,
        "context": scenario.context,
        "objectives": list(scenario.objectives),
        "difficulty": scenario.difficulty,
        "minutes": scenario.minutes,
        "tools": sorted(tool.slug for tool in scenario.tools.all()),
        "published": scenario.is_published,
        "cards": {
            card.role: {name: getattr(card, name) for name in CARD_FIELDS}
            for card in sorted(scenario.roles.all(), key=lambda card: CARD_ROLES.index(card.role))
        },
        "criteria": [
            {"label": criterion.label, "descriptors": list(criterion.descriptors)}
            for criterion in scenario.criteria.order_by("order", "pk")
        ],
        "script": scenario.script,
    }


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _update(obj, values):
    """Set the values that differ and save only them; True when something was written."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        extra = ["updated_at"] if hasattr(obj, "updated_at") else []
        obj.save(update_fields=[*changed, *extra])
    return bool(changed)


def save_cards(scenario, cards):
    """Create or update the cards of the roles in `cards` ({role: fields}); the other roles' cards are kept."""
    existing = {card.role: card for card in scenario.roles.all()}
    changed = False
    for role, fields in cards.items():
        values = {name: fields.get(name, "") for name in CARD_FIELDS}
        if role in existing:
            changed |= _update(existing[role], values)
        else:
            RoleCard.objects.create(scenario=scenario, role=role, **values)
            changed = True
    return changed


def save_criteria(scenario, criteria):
    """Make the grid be `criteria` ([{label, descriptors}]), updating criteria in place, position by position, so
    that the observations of past sessions stay attached; criteria beyond the new list are deleted."""
    existing = list(scenario.criteria.order_by("order", "pk"))
    changed = False
    for order, row in enumerate(criteria):
        values = {"order": order, "label": row["label"], "descriptors": list(row["descriptors"])}
        if order < len(existing):
            changed |= _update(existing[order], values)
        else:
            Criterion.objects.create(scenario=scenario, **values)
            changed = True
    for criterion in existing[len(criteria) :]:
        criterion.delete()
        changed = True
    return changed


def save_tools(scenario, slugs):
    """Link the catalogue tools named by `slugs`; unknown slugs are skipped (a catalogue without them)."""
    wanted = set(Tool.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    current = set(scenario.tools.values_list("pk", flat=True))
    if wanted == current:
        return False
    scenario.tools.set(wanted)
    return True


def save(data, *, user=None, scenario=None):
    """Write validated `data`: the scenario with this slug (or `scenario`) is updated, or created as a draft unless
    `data["published"]` says otherwise. Returns (scenario, created, changed). All or nothing."""
    with transaction.atomic():
        if scenario is None:
            scenario = Scenario.objects.filter(slug=data["slug"]).first()
        values = {
            "title": data["title"],
            "summary": data["summary"],
            "context": data["context"],
            "objectives": list(data["objectives"]),
            "difficulty": data["difficulty"],
            "minutes": data["minutes"],
            "script": data["script"],
        }
        if "published" in data:
            values["is_published"] = data["published"]
        created = scenario is None
        if created:
            values.setdefault("is_published", False)
            scenario = Scenario.objects.create(slug=data["slug"], created_by=user, **values)
            changed = True
        else:
            changed = _update(scenario, values)
        changed |= save_tools(scenario, data["tools"])
        changed |= save_cards(scenario, data["cards"])
        changed |= save_criteria(scenario, data["criteria"])
    return scenario, created, changed


# ---------------------------------------------------------------------------------------------------------------
# Twee 3


def _metadata(scenario):
    data = to_data(scenario)
    for key in ("title", "script", "published"):
        data.pop(key)
    return {"version": METADATA_VERSION, **data}


def export_twee(scenario, *, with_metadata=True):
    """The scenario as a Twee 3 story: its script (or a one-passage story holding the context), titled after the
    scenario, with an IFID; with its metadata under StoryData « ere » when `with_metadata` (editors only: the
    interlocutor's card is in it)."""
    if scenario.script.strip():
        story = twee.parse(scenario.script)
    else:
        story = twee.Story(
            title=scenario.title,
            passages=[twee.Passage(name=twee.DEFAULT_START, tags=["fin"], text=scenario.context)],
            start=twee.DEFAULT_START,
        )
    story.title = scenario.title
    data = {"ifid": twee.new_ifid(), **DEFAULT_FORMAT, **story.data}
    data.pop(METADATA_KEY, None)
    if with_metadata:
        data[METADATA_KEY] = _metadata(scenario)
    story.data = data
    return twee.serialize(story)


def import_twee(text, *, user=None):
    """Create or update a scenario from a Twee 3 source; returns (scenario, created). All or nothing.

    The scenario whose slug is the one in StoryData « ere » is updated as a whole; without « ere », the scenario
    whose slug is the slug of the story's title, or else whose title is the story's, gets the new script. Otherwise
    a draft is created.
    Raises TweeError or ScenarioError, with a French message.
    """
    story = twee.parse(text)
    metadata = story.data.pop(METADATA_KEY, None)
    if story.data.get("ifid") is None:
        story.data = {"ifid": twee.new_ifid(), **story.data}
    script = twee.serialize(story)
    data = None
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise ScenarioError("StoryData, clé « ere » : ce doit être un objet JSON (les champs du scénario).")
        fields = {key: value for key, value in metadata.items() if key not in ("version", "published")}
        data = validate({**fields, "title": story.title, "script": script}, "StoryData, clé « ere » : ")
        slug = data["slug"]
    else:
        slug = slugify(story.title)[:100].strip("-") or "mise-en-situation"
    existing = Scenario.objects.filter(slug=slug).first()
    if existing is None and data is None:
        # A story exported from here, edited in Twine (which drops « ere ») and brought back: same title.
        existing = Scenario.objects.filter(title=story.title).order_by("pk").first()
    with transaction.atomic():
        if data is not None:
            scenario, created, _changed = save(data, user=user, scenario=existing)
            return scenario, created
        if existing is not None:
            _update(existing, {"script": script})
            return existing, False
        scenario = Scenario.objects.create(
            slug=slug,
            title=story.title[:200],
            summary=TO_COMPLETE,
            context=TO_COMPLETE,
            script=script,
            is_published=False,
            created_by=user,
        )
        return scenario, True
