"""Demo scenario library: every YAML file of ere/roleplay/scenarios/, loaded into `Scenario` by slug.

Files are checked first, all of them: a file that does not validate stops the demo with its French message and its
name, before anything is written. Tools are catalogue slugs; those the catalogue lacks are skipped. Nothing is drawn
from `rng`: the files are the data. A second run writes nothing.
"""

from pathlib import Path

import yaml

from ere.core.demo import Tally, plural
from ere.roleplay import scenarios

SCENARIOS_DIR = Path(__file__).parent / "scenarios"


def read_file(path, *, require_slug_as_name=True):
    """The validated data of one scenario file, published unless it says otherwise; ScenarioError naming the file."""
    where = f"{path.name} : "
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise scenarios.ScenarioError(f"{where}fichier illisible ({error}).") from None
    data = scenarios.validate(raw, where)
    if require_slug_as_name and data["slug"] != path.stem:
        raise scenarios.ScenarioError(f"{where}l'identifiant « {data['slug']} » doit être le nom du fichier.")
    data.setdefault("published", True)
    return data


def definitions():
    """Every demo scenario, validated, in file name order."""
    return [read_file(path) for path in sorted(SCENARIOS_DIR.glob("*.yaml"))]


def load(rng, stdout):
    loaded = definitions()
    tally = Tally()
    for data in loaded:
        _scenario, created, changed = scenarios.save(data)
        if created:
            tally.created += 1
        elif changed:
            tally.updated += 1
    scripted = sum(1 for data in loaded if data["script"])
    stdout.write(
        f"Mises en situation : {plural(len(loaded), 'scénario')} dont "
        f"{plural(scripted, 'avec script', 'avec script')} ({tally})"
    )
