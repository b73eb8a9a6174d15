from django.core.management.base import BaseCommand, CommandError

from ere.usage.enums import ImportStatus
from ere.usage.imports.pipeline import FORMATS
from ere.usage.services import import_file, summary


class Command(BaseCommand):
    help = "Importe un fichier de journaux d'usage (CSV, Parquet, JSON Lines ou export ActivityWatch) dans le lac."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER", help="Fichier à importer.")
        parser.add_argument(
            "--format", default="auto", choices=["auto", *FORMATS], help="Format du fichier (par défaut : détecté)."
        )
        parser.add_argument(
            "--agent", help="Identifiant de l'agent à qui appartient le fichier (obligatoire pour ActivityWatch)."
        )
        parser.add_argument("--source", help="Origine des événements (par défaut : le nom du fichier).")

    def handle(self, *args, file, format, agent, source, **options):
        interactive = getattr(self.stdout, "isatty", lambda: False)()
        shown = set()

        def progress(percent):
            if interactive:
                self.stdout.write(f"\rImport : {percent:3d} %", ending="")
                self.stdout.flush()
            elif percent // 25 not in shown:  # a few lines in a log, not a hundred
                shown.add(percent // 25)
                self.stdout.write(f"Import : {percent} %")

        usage_import = import_file(file, format=format, agent=agent, source=source, progress=progress)
        if interactive:
            self.stdout.write("")
        if usage_import.status != ImportStatus.DONE:
            for error in usage_import.errors:
                self.stderr.write(error)
            raise CommandError(f"Import n° {usage_import.pk} refusé : rien n'a été écrit.", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"Import n° {usage_import.pk} terminé : {summary(usage_import)}."))
