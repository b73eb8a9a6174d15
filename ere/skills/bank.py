"""The item bank as JSON: export, import (validate everything first, then write all or nothing), and area files.

The format is documented in docs/skills.md; `ere/skills/data/areas/*.json` (the demo) uses the same item objects.
"""

import json
from dataclasses import dataclass, field

from django.db import transaction

from ere.catalog.models import Task, Tool
from ere.skills import items as item_kinds
from ere.skills.enums import AreaKind, ItemKind, ItemStatus
from ere.skills.models import Area, Item, Skill

FORMAT = "ere-digitale/questions/1"
COMMON_KEYS = (
    "uid",
    "skill",
    "kind",
    "stem",
    "explanation",
    "difficulty",
    "discrimination",
    "seconds",
    "use_in_diagnostic",
    "status",
)
SKILL_FIELDS = ("name", "description", "discovery", "practice", "mastery", "expert")


class BankError(ValueError):
    """A file that cannot be imported; `errors` lists every problem found, in French."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def count(self):
        return len(self.created) + len(self.updated)


def item_to_dict(item):
    """One item as exported: the common keys, then the content of its kind."""
    entry = {
        "uid": item.uid,
        "skill": item.skill.code,
        "kind": item.kind,
        "stem": item.stem,
        "explanation": item.explanation,
        "difficulty": item.difficulty,
        "discrimination": item.discrimination,
        "seconds": item.seconds,
        "use_in_diagnostic": item.use_in_diagnostic,
        "status": item.status,
    }
    entry.update(item.data)
    return entry


def export_items(queryset=None):
    """The bank (or part of it) as a JSON-ready dict."""
    queryset = Item.objects.all() if queryset is None else queryset
    rows = queryset.select_related("skill").order_by("uid")
    return {"format": FORMAT, "items": [item_to_dict(item) for item in rows]}


def _sandbox_exists(slug):
    from ere.practice.models import Sandbox

    return Sandbox.objects.filter(slug=slug).exists()


def _image_exists(path):
    from django.contrib.staticfiles import finders

    return finders.find(path) is not None


def _number(entry, key, default, low, high, label, errors, where, integer=False):
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(f"{where} : « {key} » ({label}) doit être un nombre.")
        return default
    if not low <= value <= high:
        errors.append(f"{where} : « {key} » ({label}) va de {low} à {high} ; reçu {value}.")
        return default
    return int(value) if integer else float(value)


def parse_item(entry, position, skills, sandbox_exists=_sandbox_exists):
    """The model fields of one item entry, and the French problems found (`skills` maps codes to Skill objects)."""
    if not isinstance(entry, dict):
        return None, [f"Question n° {position} : un objet JSON est attendu."]
    uid = str(entry.get("uid", "")).strip()
    where = f"Question n° {position}" + (f" (« {uid} »)" if uid else "")
    errors = []
    if not uid:
        errors.append(f"{where} : l'identifiant « uid » est obligatoire.")
    elif not all(c.isalnum() and c.isascii() or c in "-_" for c in uid) or len(uid) > 100:
        errors.append(f"{where} : l'identifiant ne contient que des lettres sans accent, chiffres, - et _.")
    kind = entry.get("kind")
    if kind not in ItemKind.values:
        errors.append(f"{where} : type « {kind} » inconnu ; types possibles : {', '.join(ItemKind.values)}.")
    code = entry.get("skill")
    skill = skills.get(code) if isinstance(code, str) else None
    if skill is None:
        errors.append(f"{where} : la compétence « {entry.get('skill')} » n'existe pas dans le référentiel.")
    stem = str(entry.get("stem", "")).strip()
    if not stem:
        errors.append(f"{where} : l'énoncé « stem » est vide.")
    status = entry.get("status", ItemStatus.PUBLISHED)
    if status not in ItemStatus.values:
        errors.append(f"{where} : statut « {status} » inconnu ; statuts possibles : {', '.join(ItemStatus.values)}.")
    difficulty = _number(entry, "difficulty", 0.0, -4, 4, "difficulté", errors, where)
    discrimination = _number(entry, "discrimination", 1.0, 0.1, 4, "discrimination", errors, where)
    seconds = _number(entry, "seconds", 45, 5, 1800, "durée en secondes", errors, where, integer=True)
    data = {key: value for key, value in entry.items() if key not in COMMON_KEYS}
    if kind in ItemKind.values:
        problems = item_kinds.validate(kind, data, sandbox_exists, image_exists=_image_exists)
        errors += [f"{where} : {problem}" for problem in problems]
    use_in_diagnostic = entry.get("use_in_diagnostic", kind != ItemKind.SANDBOX)
    if not isinstance(use_in_diagnostic, bool):
        errors.append(f"{where} : « use_in_diagnostic » vaut true ou false.")
    if errors:
        return None, errors
    fields = {
        "skill": skill,
        "kind": kind,
        "stem": stem,
        "data": data,
        "explanation": str(entry.get("explanation", "")).strip(),
        "difficulty": difficulty,
        "discrimination": discrimination,
        "seconds": seconds,
        "use_in_diagnostic": use_in_diagnostic,
        "status": status,
    }
    return (uid, fields), []


def parse_payload(payload):
    """The list of item entries of an uploaded file (bytes or text or parsed JSON)."""
    if isinstance(payload, bytes | str):
        try:
            text = payload.decode("utf-8-sig") if isinstance(payload, bytes) else payload
        except UnicodeDecodeError:
            raise BankError(["Le fichier n'est pas du texte UTF-8 : exportez-le en JSON (UTF-8)."]) from None
        try:
            payload = json.loads(text)
        except ValueError as error:
            if not isinstance(error, json.JSONDecodeError):
                raise BankError(["Le fichier contient un nombre trop long pour être lu."]) from None
            where = f"ligne {error.lineno}, colonne {error.colno}"
            raise BankError([f"Le fichier n'est pas du JSON valide ({where})."]) from None
        except RecursionError:
            raise BankError(["Le fichier imbrique trop d'objets les uns dans les autres pour être lu."]) from None
    entries = payload.get("items") if isinstance(payload, dict) else payload
    if not isinstance(entries, list):
        raise BankError(["Le fichier doit contenir une liste « items » de questions."])
    if not entries:
        raise BankError(["Le fichier ne contient aucune question."])
    return entries


def import_items(payload, author=None, skills=None, sandbox_exists=_sandbox_exists):
    """Create or update items from a file: every problem is reported and nothing is written if there is one."""
    entries = parse_payload(payload)
    skills = skills if skills is not None else {skill.code: skill for skill in Skill.objects.all()}
    parsed, errors, seen = [], [], set()
    for position, entry in enumerate(entries, start=1):
        result, problems = parse_item(entry, position, skills, sandbox_exists)
        errors += problems
        if result:
            if result[0] in seen:
                errors.append(f"Question n° {position} : l'identifiant « {result[0]} » figure deux fois.")
            seen.add(result[0])
            parsed.append(result)
    if errors:
        raise BankError(errors)
    report = ImportReport()
    with transaction.atomic():
        existing = {item.uid: item for item in Item.objects.filter(uid__in=seen)}
        for uid, fields in parsed:
            item = existing.get(uid)
            if item is None:
                Item.objects.create(uid=uid, author=author, **fields)
                report.created.append(uid)
                continue
            changed = [name for name, value in fields.items() if getattr(item, name) != value]
            if changed:
                for name in changed:
                    setattr(item, name, fields[name])
                item.save(update_fields=[*changed, "updated_at"])
                report.updated.append(uid)
    return report


def load_area(definition, crcn=None):
    """Create or update one area and its skills from an area file (docs/skills.md); return the area."""
    kind = definition["kind"]
    tool = Tool.objects.get(slug=definition.get("tool", definition["code"])) if kind == AreaKind.TOOL else None
    area, _ = Area.objects.update_or_create(
        code=definition["code"],
        defaults={
            "kind": kind,
            "tool": tool,
            "name": definition["name"],
            "description": definition.get("description", ""),
            "position": definition.get("position", 100),
        },
    )
    official = (crcn or {}).get(area.code, {})
    tasks = {task.slug: task for task in Task.objects.all()}
    for position, skill in enumerate(definition.get("skills", []), start=1):
        values = {name: skill.get(name, "") for name in SKILL_FIELDS}
        values.update({key: value for key, value in official.get(skill["code"], {}).items() if value})
        Skill.objects.update_or_create(
            code=skill["code"],
            defaults={**values, "area": area, "task": tasks.get(skill.get("task")), "position": position},
        )
    return area
