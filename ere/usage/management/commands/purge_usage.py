import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format

from ere.usage import lake
from ere.usage.imports.errors import plural


def parse_date(value):
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Date illisible « {value} » : écrivez-la AAAA-MM-JJ (par exemple 2025-11-03) ou JJ/MM/AAAA.")


class Command(BaseCommand):
    help = (
        "Supprime du lac les événements d'usage antérieurs à une date (par défaut : la durée de conservation, "
        "USAGE_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--before", metavar="DATE", help="Supprimer les événements commencés avant ce jour (heure de Paris)."
        )

    def handle(self, *args, before, **options):
        cutoff = parse_date(before) if before else lake.retention_cutoff()
        purged = lake.purge(cutoff)
        when = date_format(cutoff, "j F Y")
        files = []
        if purged.files_deleted:
            files.append(plural(purged.files_deleted, "fichier supprimé", "fichiers supprimés"))
        if purged.files_rewritten:
            files.append(plural(purged.files_rewritten, "fichier réécrit", "fichiers réécrits"))
        detail = f" ({', '.join(files)})" if files else ""
        events = plural(purged.events, "événement antérieur", "événements antérieurs")
        deleted = "supprimé" if purged.events < 2 else "supprimés"
        self.stdout.write(f"{events} au {when} {deleted}{detail}.")
        if not before:
            self.stdout.write(f"Durée de conservation : {settings.USAGE_RETENTION_DAYS} jours.")
