from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ere.roleplay import demo, scenarios, twee

# (created, published) → what the progress line says.
STATES = {(False, False): "mise à jour", (True, False): "créée (brouillon)", (True, True): "créée"}


class Command(BaseCommand):
    help = (
        "Importe des mises en situation : des fichiers .twee (Twee 3, exportés de Twine ou de la plateforme) ou "
        ".yaml (le format de ere/roleplay/scenarios/, voir docs/roleplay-scenarios.md). Tous les fichiers sont "
        "vérifiés avant d'écrire : une seule erreur, et rien n'est importé."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FICHIER", help="Fichiers .twee ou .yaml.")

    def handle(self, *args, paths, **options):
        files = [Path(path) for path in paths]
        for path in files:
            if path.suffix not in {".twee", ".tw", ".yaml", ".yml"}:
                raise CommandError(f"{path.name} : extension inconnue, attendu .twee ou .yaml.")
            if not path.is_file():
                raise CommandError(f"{path} : fichier introuvable.")
        # Check everything first: the YAML files fully, the Twee files by reading them.
        loaded = []
        try:
            for path in files:
                if path.suffix in {".yaml", ".yml"}:
                    loaded.append((path, demo.read_file(path, require_slug_as_name=False)))
                else:
                    text = path.read_text(encoding="utf-8-sig")
                    twee.parse(text)
                    loaded.append((path, text))
        except UnicodeDecodeError:
            raise CommandError(f"{path.name} : le fichier n'est pas encodé en UTF-8.") from None
        except twee.TweeError as error:
            raise CommandError(f"{path.name} : {error}") from None
        except scenarios.ScenarioError as error:
            raise CommandError(str(error)) from None
        try:
            with transaction.atomic():
                for n, (path, content) in enumerate(loaded, start=1):
                    if isinstance(content, dict):
                        scenario, created, _changed = scenarios.save(content)
                    else:
                        scenario, created = scenarios.import_twee(content)
                    state = STATES[created, created and scenario.is_published]
                    self.stdout.write(f"[{n}/{len(loaded)}] {path.name} : « {scenario.title} » {state}")
        except (twee.TweeError, scenarios.ScenarioError) as error:
            raise CommandError(f"{path.name} : {error} Rien n'a été importé.") from None
