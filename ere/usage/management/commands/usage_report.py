import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ere.org.enums import Role
from ere.org.models import Agency, Territory
from ere.usage.analytics import DEFAULT_SEED, Filters
from ere.usage.report import ReportError, build_report, write_report


def parse_date(value, option):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"{option} : date invalide « {value} », attendu AAAA-MM-JJ (par exemple 2026-10-01)."
        ) from None


def french(date):
    return date.strftime("%d/%m/%Y")


class Command(BaseCommand):
    help = (
        "Écrit le rapport d'usage d'une période : adoption des outils, usages conjoints, passages d'un outil à "
        "l'autre, groupes d'outils, surcharge. Les groupes de moins de USAGE_MIN_GROUP agents sont masqués."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="Premier jour (inclus).")
        parser.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="Dernier jour (inclus).")
        parser.add_argument(
            "--agency", dest="agencies", action="append", default=[], metavar="CODE",
            help="Code d'agence (option répétable : plusieurs agences).",
        )  # fmt: skip
        parser.add_argument(
            "--territory", dest="territories", action="append", default=[], metavar="CODE",
            help="Code de direction territoriale (option répétable).",
        )  # fmt: skip
        parser.add_argument(
            "--role", dest="roles", action="append", default=[], choices=Role.values,
            help="Rôle des agents (option répétable).",
        )  # fmt: skip
        parser.add_argument(
            "--min-group", type=int, metavar="N",
            help="Taille minimale d'un groupe affiché (par défaut et au moins : USAGE_MIN_GROUP).",
        )  # fmt: skip
        parser.add_argument("--format", required=True, choices=["json", "csv"], help="Format du rapport.")
        parser.add_argument(
            "--output", required=True, metavar="PATH",
            help="Fichier à écrire. En CSV, chaque tableau va dans un fichier voisin (<nom>-outils.csv…).",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Graine du calcul des groupes d'outils.")

    def handle(self, *args, date_from, date_to, agencies, territories, roles, min_group, format, output, seed, **opts):
        start, end = parse_date(date_from, "--from"), parse_date(date_to, "--to")
        if start > end:
            raise CommandError(f"La période est vide : le {french(start)} est après le {french(end)}.")
        floor = settings.USAGE_MIN_GROUP
        if min_group is None:
            min_group = floor
        elif min_group < floor:
            raise CommandError(
                f"--min-group {min_group} : le seuil ne peut pas descendre sous USAGE_MIN_GROUP ({floor}), "
                "pour protéger les petits groupes d'agents."
            )
        self._check_codes(Agency, agencies, "Agence inconnue")
        self._check_codes(Territory, territories, "Direction territoriale inconnue")
        output = Path(output)
        if not output.parent.is_dir():
            raise CommandError(f"Le dossier « {output.parent} » n'existe pas.")

        started = time.monotonic()
        self.stdout.write(f"Rapport d'usage du {french(start)} au {french(end)}…")
        filters = Filters(start, end, tuple(agencies), tuple(territories), tuple(roles))
        try:
            report = build_report(filters, min_group=min_group, seed=seed)
        except ReportError as error:
            raise CommandError(str(error)) from None
        paths = write_report(report, output, format)

        if report["suppressed"]:
            self.stdout.write(
                self.style.WARNING(
                    f"Moins de {min_group} agents actifs dans ce périmètre sur la période : "
                    "les résultats sont masqués (règle des petits groupes)."
                )
            )
        else:
            population = report["population"]
            self.stdout.write(
                f"{population['agents']} agents, {population['agent_days']} agents-jours, "
                f"{len(report['tools'])} outils affichés."
            )
        elapsed = f"{time.monotonic() - started:.1f}".replace(".", ",")
        written = ", ".join(str(path) for path in paths)
        self.stdout.write(self.style.SUCCESS(f"Rapport écrit en {elapsed} s : {written}"))

    def _check_codes(self, model, codes, message):
        unknown = sorted(set(codes) - set(model.objects.filter(code__in=codes).values_list("code", flat=True)))
        if unknown:
            raise CommandError(f"{message} : {', '.join(unknown)}.")
