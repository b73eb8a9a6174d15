"""Demo applicatifs-écoles: every YAML file of ere/practice/sandboxes/, loaded into `Sandbox` by slug.

A file that does not validate stops the demo with its French message (the test suite loads them all first). The tool
and the skill are looked up by slug and code; when the catalogue or the skills framework lacks them, the sandbox is
loaded without the link. Nothing is drawn from `rng`: the files are the data.
"""

from pathlib import Path

from ere.catalog.models import Tool
from ere.core.demo import Tally, plural, sync_objects
from ere.practice import sandbox as engine
from ere.practice.models import Sandbox
from ere.skills import bank
from ere.skills.models import Skill

SANDBOXES_DIR = Path(__file__).parent / "sandboxes"


def definitions():
    """Every demo definition, validated, in file name order."""
    return [engine.load_file(path) for path in sorted(SANDBOXES_DIR.glob("*.yaml"))]


def load(rng, stdout):
    loaded = definitions()
    tools = {tool.slug: tool for tool in Tool.objects.filter(slug__in=[d["tool"] for d in loaded])}
    skills = {
        skill.code: skill for skill in Skill.objects.filter(code__in=[d["skill"] for d in loaded if "skill" in d])
    }
    rows = [
        {
            "slug": definition["slug"],
            "title": definition["title"],
            "tool": tools.get(definition["tool"]),
            "skill": skills.get(definition.get("skill")),
            "mission": definition["mission"],
            "definition": engine.for_player(definition),
            "minutes": definition["minutes"],
            "is_published": definition.get("published", True),
        }
        for definition in loaded
    ]
    tally = Tally()
    sync_objects(Sandbox, "slug", rows, tally)
    unlinked = sum(1 for row in rows if row["tool"] is None)
    missing = (
        f", {plural(unlinked, 'sans applicatif du catalogue', 'sans applicatif du catalogue')}" if unlinked else ""
    )
    stdout.write(f"Applicatifs-écoles : {plural(len(rows), 'mission')} ({tally}{missing})")
    _load_items(rows)


def _load_items(rows):
    """One item of the bank per mission, so that the practice quarter and the learning path can offer it."""
    items = [
        {
            "uid": f"ecole-{row['slug']}",
            "skill": row["skill"].code,
            "kind": "sandbox",
            "stem": row["mission"],
            "explanation": "Une mission dans un applicatif-école : aucune donnée réelle, recommencez autant que "
            "vous voulez.",
            "difficulty": 0.5,
            "discrimination": 1.2,
            "seconds": 60 * row["minutes"],
            "use_in_diagnostic": False,
            "sandbox": row["slug"],
        }
        for row in rows
        if row["skill"] is not None and row["is_published"]
    ]
    if items:
        bank.import_items({"items": items})
