import json
import time

from django.core.management.base import BaseCommand, CommandError

from ere.skills import engine
from ere.skills.enums import AreaKind
from ere.skills.models import Item
from ere.skills.simulation import Bank, simulate

SCALES = {AreaKind.TOOL: engine.TOOL_SCALE, AreaKind.CRCN: engine.CRCN_SCALE}
SCALE_LABELS = {"tool": "applicatifs (4 niveaux)", "crcn": "CRCN (8 niveaux)"}
PROGRESS_FROM = 1000  # learners: below this a run takes about a second, no progress line


def current_banks():
    """The diagnostic's bank as it stands: one Bank per area, items in uid order."""
    by_area = {}
    for item in Item.objects.for_diagnostic().select_related("skill__area").order_by("uid"):
        by_area.setdefault(item.skill.area, []).append(item)
    areas = sorted(by_area, key=lambda area: (area.kind, area.position, area.name, area.code))
    return [
        Bank(
            a=[item.discrimination for item in by_area[area]],
            b=[item.difficulty for item in by_area[area]],
            scale=SCALES[area.kind],
            name=area.code,
        )
        for area in areas
    ]


def number(value, decimals=0):
    """French formatting: 1 234,5."""
    return f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")


def percent(fraction):
    return f"{number(fraction * 100, 1)} %"


class Command(BaseCommand):
    help = (
        "Simule des apprenants sur la banque de questions actuelle : justesse du niveau trouvé par le diagnostic "
        "adaptatif, comparée à un test de questions toujours posées dans le même ordre, nombre de questions posées, "
        "exposition des questions et temps de choix de la question suivante."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--learners", type=int, default=1000, metavar="N", help="Nombre d'apprenants simulés (1 000 par défaut)."
        )
        parser.add_argument(
            "--max-items", type=int, default=12, metavar="K",
            help="Questions au plus par domaine (12 par défaut, comme un diagnostic).",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=0, metavar="S", help="Graine du tirage (0 par défaut).")
        parser.add_argument("--json", dest="as_json", action="store_true", help="Écrire le résultat en JSON.")

    def handle(self, *args, learners, max_items, seed, as_json, **options):
        if learners < 1:
            raise CommandError(f"--learners {learners} : il faut au moins un apprenant simulé.")
        if max_items < 1:
            raise CommandError(f"--max-items {max_items} : il faut au moins une question par domaine.")
        if seed < 0:
            raise CommandError(f"--seed {seed} : la graine est un entier positif ou nul.")
        banks = current_banks()
        if not banks:
            raise CommandError(
                "La banque de questions est vide : aucune question publiée n'est utilisable en diagnostic. "
                "Chargez la démonstration (make demo) ou importez des questions."
            )

        started = time.monotonic()
        self._tenths_shown = 0
        result = simulate(
            banks, learners, max_items, seed, progress=self._progress if learners >= PROGRESS_FROM else None
        )
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self._summary(result, time.monotonic() - started)

    def _progress(self, done, total):
        """One line rewritten in place on a terminal; in a log, a line every tenth of the run."""
        line = f"Simulation : {number(done)} apprenants sur {number(total)}…"
        if self.stderr.isatty():
            self.stderr.write(line, ending="\n" if done == total else "\r")
        elif done * 10 // total > self._tenths_shown:
            self._tenths_shown = done * 10 // total
            self.stderr.write(line)

    def _summary(self, result, seconds):
        write = self.stdout.write
        write(
            f"Simulation du diagnostic adaptatif : {number(result['learners'])} apprenants, "
            f"{result['max_items']} questions au plus par domaine, graine {result['seed']}."
        )
        write(f"Banque : {result['areas']} domaines, {number(result['items'])} questions utilisables en diagnostic.")
        write(self._accuracy("Tous domaines", result))
        for name, group in result["per_scale"].items():
            write(self._accuracy(f"{SCALE_LABELS.get(name, name)}, {number(group['learners'])} apprenants", group))
        write(
            f"Confiance moyenne annoncée : {percent(result['mean_confidence'])} "
            f"(niveau exact atteint : {percent(result['exact_level'])})."
        )
        exposure = (
            f"Exposition : la question la plus posée l'a été dans {percent(result['max_exposure_rate'])} des "
            f"diagnostics de son domaine (plafond : {percent(engine.MAX_EXPOSURE_RATE)}"
        )
        if result["max_exposure_rate"] > engine.MAX_EXPOSURE_RATE + 0.05:
            exposure += ", hors de portée quand un domaine a peu de questions de plus que le nombre posé"
        write(exposure + ").")
        write(
            f"Choix de la question suivante : {number(result['next_item_ms_p50'], 3)} ms en médiane, "
            f"{number(result['next_item_ms_p95'], 3)} ms au 95e centile."
        )
        self.stdout.write(self.style.SUCCESS(f"Simulation terminée en {number(seconds, 1)} s."))

    def _accuracy(self, title, rates):
        return (
            f"{title} — à un niveau près : adaptatif {percent(rates['within_one_level'])}, ordre fixe "
            f"{percent(rates['fixed_order_within_one_level'])} ; niveau exact : adaptatif "
            f"{percent(rates['exact_level'])}, ordre fixe {percent(rates['fixed_order_exact_level'])} ; questions "
            f"posées en moyenne : {number(rates['mean_items'], 1)} (ordre fixe : "
            f"{number(rates['fixed_order_mean_items'], 1)})."
        )
