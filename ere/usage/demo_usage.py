"""Demo usage logs: four weeks of working days with real structure, generated at load time and imported into the lake.

Nothing here is committed as data: the events are drawn when `load_demo` runs, written to a temporary Parquet file
and imported through the ordinary pipeline (`ere.usage.services.import_file`), which pseudonymises the agents, applies
the mapping rules and drops window titles and URLs.

The structure the map should reveal:

- routines by job: employer advisors open the secure messaging and the agenda, then work in Dialogue Entreprises, the
  offers and the profile search, with the phone or a video call around appointments; job-seeker advisors live in the
  job seeker's file, the agenda, the messaging and the prescription tool; managers in the dashboard, the agency
  planning and the messaging; trainers on the training platform. Everybody reads the intranet and the internal social
  network now and then;
- tools used together: each agent-day draws a few « missions » (publishing offers, a recruitment event, prescribing
  a training…) that bring their own cluster of tools, so that co-usage, switches and communities mean something;
- a tool rolled out mid-period: the e-signature, used by nobody before its launch date (the catalogue's), then by more
  agents week after week in the Rhône agencies, a week later elsewhere; the offer-writing assistant, a Rhône pilot
  launched a week ago, and the old phone-appointment module, used until its retirement;
- unregistered collectors (`poste-69001-017`…): shared workstations whose events count in « all » only;
- raw applications (Word, Excel, Acrobat Reader, Chrome with window titles and URLs): three mapping rules attach Word
  to the office suite and two Chrome pages to the intranet and the knowledge base; the rest stays « à rattacher ».

The import runs inside load_demo's transaction, but the lake is files: if a later step failed and the transaction
rolled back, the lake would keep the events (the next run finds their days and skips them, and lists the raw
applications again).

Deterministic and idempotent: each day is drawn from its own generator (a seed from `rng` and the date), so that a day
is the same whatever the window; the window is the last DAYS working days before today, and days the lake already
holds from this source are skipped (a second run the same day imports nothing, a run on a later day adds the new days).
"""

import datetime
import itertools
import random
import tempfile
import time as clock
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from django.core.management.base import CommandError
from django.utils import timezone

from ere.catalog.demo import INTRANET
from ere.catalog.enums import Status, UpdateKind
from ere.catalog.models import Tool, ToolUpdate
from ere.core.demo import Tally, is_demo_email, plural, sync_objects
from ere.org.demo import AGENCIES
from ere.org.enums import Role, Specialty
from ere.org.models import User
from ere.usage import lake
from ere.usage.enums import ImportFormat, ImportStatus, RuleField, RuleKind
from ere.usage.imports.errors import plural as fr_plural
from ere.usage.imports.mapping import normalise_app
from ere.usage.models import MappingRule, RawApplication
from ere.usage.services import import_file

PARIS = ZoneInfo("Europe/Paris")
SOURCE = "démo"
DAYS = 20  # working days, ending yesterday
MAX_AGENTS = None  # registered agents taken (the first ones by e-mail address); None for all of them
COLLECTORS = 30  # unregistered workstations

# Working hours: 8:30–12:30 and 13:30–17:30, Europe/Paris, as seconds after 8:30 of working time.
DAY_START = datetime.time(8, 30)
MORNING = 4 * 3600
WORKDAY = 8 * 3600
LUNCH = 3600
MAX_BUSY = 0.85  # share of the working day an agent may spend in applications at most
MAX_EVENTS = 45

# Absences: a week of leave, a day away (training, sick leave), part-time staff off on Wednesdays.
LEAVE_WEEK = 0.06
DAY_AWAY = 0.04
PART_TIME = 0.1
IDLE_WORKSTATION = 0.1

# The tool rolled out mid-period: its launch date is the catalogue's (20 days ago in the demo). The Rhône agencies
# start on that day, the other territories a week later; each agent starts after a lag (days, exponential).
ROLLED_OUT = "signature-electronique"
FIRST_TERRITORY = "DT69"
LATER_START = 7
ADOPTION_LAG = {"first": 8, "later": 12}
NEVER_ADOPT = {"first": 0.15, "later": 0.35}
PILOT = "assistant-redaction"  # Rhône employer advisors, a week old
PILOT_ADOPTERS = 0.4
# The old phone-appointment module is used until its retirement (the catalogue's announcement), except in the agencies
# piloting online booking, which replaces it everywhere from that day.
RETIRED = "rdv-telephonique"
BOOKING = "rdv-en-ligne"
PILOT_AGENCIES = {
    "rdv-en-ligne": {"69001", "69002", "38001"},
    "bilan-carbone-agence": {"69001", "69003", "38001", "38002", "42001", "42002"},
    "traduction-instantanee": {"69004", "69005", "42001"},
    "co-navigation": {"69001", "69002", "38003", "42003"},
}

# Raw applications as a collector reports them, with window titles and URLs (same index: one page). Keys start with
# « ~ » in the profiles below; their events go through the mapping rules.
RAW_APPS = {
    "~word": (
        "WINWORD.EXE",
        [
            "Compte rendu réunion d'équipe.docx - Word",
            "Courrier recruteur.docx - Word",
            "Document1 - Word",
            "Note de service.docx - Word",
        ],
        [],
    ),
    "~excel": (
        "EXCEL.EXE",
        [
            "Suivi des objectifs agence.xlsx - Excel",
            "Tableau de prospection.xlsx - Excel",
            "Planning des ateliers.xlsx - Excel",
            "Classeur1 - Excel",
        ],
        [],
    ),
    "~pdf": (
        "AcroRd32.exe",
        [
            "Convention d'immersion.pdf - Adobe Acrobat Reader",
            "Guide de prise en main.pdf - Adobe Acrobat Reader",
            "Note réglementaire.pdf - Adobe Acrobat Reader",
        ],
        [],
    ),
    "~intranet": (
        "chrome.exe",
        [
            "Intranet – Actualités - Google Chrome",
            "Intranet – Annuaire - Google Chrome",
            "Intranet – Mon espace RH - Google Chrome",
        ],
        [f"{INTRANET}/actualites", f"{INTRANET}/annuaire", f"{INTRANET}/rh/mon-espace"],
    ),
    "~kb": (
        "chrome.exe",
        [
            "Base de connaissances réglementaire – Indemnisation - Google Chrome",
            "Base de connaissances réglementaire – Formation - Google Chrome",
        ],
        [
            "https://reglementation.francetravail-demo.fr/fiches/indemnisation",
            "https://reglementation.francetravail-demo.fr/fiches/formation",
        ],
    ),
    "~web": (
        "chrome.exe",
        [
            "Google Maps - Google Chrome",
            "Nouvel onglet - Google Chrome",
            "Code du travail - Légifrance - Google Chrome",
            "Annuaire des entreprises - Google Chrome",
        ],
        [
            "https://www.google.fr/maps",
            "chrome://newtab/",
            "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072050",
            "https://annuaire-entreprises.data.gouv.fr/",
        ],
    ),
}

# Mapping rules the demo adds (position, field, kind, pattern, tool): Word belongs to the office suite, two Chrome
# pages to the intranet and the knowledge base. Excel, Acrobat Reader and the other Chrome pages stay « à rattacher ».
RULES = [
    (10, RuleField.APP, RuleKind.EXACT, "winword", "suite-bureautique"),
    (20, RuleField.URL, RuleKind.REGEX, r"^https?://intranet\.francetravail-demo\.fr(/|$)", "intranet"),
    (30, RuleField.TITLE, RuleKind.REGEX, r"base de connaissances", "base-connaissances"),
]

# Typical length of one event of a tool, in minutes (others: DEFAULT_MINUTES); drawn around it (log-normal).
MINUTES = {
    "agenda-partage": 3,
    "messagerie-securisee": 4,
    "dialogue-entreprises": 7,
    "telephonie": 6,
    "visio-conseil": 15,
    "tablette-rdv-entreprise": 14,
    "suivi-offres": 7,
    "recherche-profils": 9,
    "dossier-demandeur": 9,
    "diagnostic-parcours": 12,
    "suivi-ppae": 6,
    "prescription-services": 6,
    "suivi-activite": 8,
    "planning-agence": 6,
    "plateforme-formation-interne": 15,
    "evenements-recrutement": 10,
    "outil-mrs": 10,
    "signature-electronique": 3,
    "assistant-redaction": 5,
    "~intranet": 3,
    "~web": 2,
    "~pdf": 3,
    "~word": 9,
    "~excel": 8,
}
DEFAULT_MINUTES = 5
DEVICES = {"tablette-rdv-entreprise": "tablet"}


# Profiles. A step is a key (a tool slug, or a raw application « ~… »), or (key or tuple of keys, probability): the
# step happens with that probability, one of the keys at random. An episode is a list of steps done in a row.
# `core` episodes fill the day, by weight; each mission happens on a day with its probability, `times` episodes.
@dataclass(frozen=True)
class Mission:
    steps: list
    p: float
    times: tuple = (1, 1)
    gate: str = ""  # a condition on the agent and the day, see Planner.gate()


# fmt: off
EMPLOYERS = {
    "opening": ["messagerie-securisee", "agenda-partage", ("~intranet", 0.3)],
    "core": [
        (4, ["dialogue-entreprises", "telephonie", "dialogue-entreprises", ("messagerie-securisee", 0.4)]),
        (3, ["agenda-partage", "dialogue-entreprises", "messagerie-securisee"]),
        (2, ["messagerie-securisee", ("dialogue-entreprises", 0.6)]),
        (3, ["suivi-offres", "dialogue-entreprises", ("telephonie", 0.5)]),
    ],
    "missions": [
        Mission(
            ["suivi-offres", "recherche-profils", ("fiches-rome", 0.3), ("mise-en-relation", 0.7),
             ("messagerie-securisee", 0.3)],
            0.85, (1, 3),
        ),
        Mission(
            ["agenda-partage", "visio-conseil", "dialogue-entreprises", ("messagerie-securisee", 0.5)], 0.35, (1, 2)
        ),
        Mission(["agenda-partage", "tablette-rdv-entreprise", "dialogue-entreprises", ("suivi-offres", 0.5)], 0.25),
        Mission(["potentiel-embauche", "dialogue-entreprises", "telephonie", ("agenda-partage", 0.4)], 0.3, (1, 2)),
        Mission(
            ["evenements-recrutement", ("outil-mrs", 0.7), (("suite-bureautique", "~word"), 0.6),
             "messagerie-securisee"],
            0.15, (1, 2),
        ),
        Mission(["portail-aides-embauche", ("immersion-pro", 0.4), "dialogue-entreprises"], 0.2),
        Mission(
            ["dialogue-entreprises", (("immersion-pro", "portail-aides-embauche"), 0.7), ("~pdf", 0.3), ROLLED_OUT,
             ("messagerie-securisee", 0.5)],
            0.55, (1, 2), gate="rolled_out",
        ),
        Mission(["suivi-offres", PILOT, "suivi-offres"], 0.6, (1, 2), gate="pilot"),
        Mission(["agenda-partage", BOOKING], 0.3, gate="booking"),
        Mission(["agenda-partage", RETIRED, "dialogue-entreprises"], 0.25, gate="old_booking"),
        Mission(["telephonie", "co-navigation", "dialogue-entreprises"], 0.1, gate="agency_pilot"),
    ],
    "closing": ["dialogue-entreprises", "messagerie-securisee", ("agenda-partage", 0.5)],
    "pace": (24, 34),
}

JOB_SEEKERS = {
    "opening": ["messagerie-securisee", "agenda-partage", ("~intranet", 0.3)],
    "core": [
        (5, ["agenda-partage", "dossier-demandeur", ("suivi-ppae", 0.6), ("diagnostic-parcours", 0.3),
             ("dossier-demandeur", 0.5), ("messagerie-securisee", 0.3)]),
        (3, ["messagerie-securisee", "dossier-demandeur"]),
        (2, ["telephonie", "dossier-demandeur", ("messagerie-securisee", 0.3)]),
    ],
    "missions": [
        Mission(["agenda-partage", "visio-conseil", "dossier-demandeur", ("suivi-ppae", 0.4)], 0.45, (1, 3)),
        Mission(
            ["dossier-demandeur", "prescription-services", ("catalogue-formations", 0.55), ("demande-aif", 0.3)],
            0.6, (1, 2),
        ),
        Mission(["simulateur-droits", ("~kb", 0.5), "dossier-demandeur"], 0.3, (1, 2)),
        Mission(["ateliers-collectifs", (("suite-bureautique", "~word"), 0.4), "agenda-partage"], 0.15),
        Mission(["fiches-rome", ("immersion-pro", 0.35), "dossier-demandeur"], 0.3),
        Mission(["suivi-cej", "dossier-demandeur", ("agenda-partage", 0.5)], 0.9, (1, 3), gate="cej"),
        Mission(["traduction-instantanee", "dossier-demandeur"], 0.15, gate="agency_pilot"),
        Mission(["telephonie", "co-navigation", "dossier-demandeur"], 0.15, gate="agency_pilot"),
        Mission(
            ["dossier-demandeur", (("demande-aif", "immersion-pro", "prescription-services"), 0.8), ("~pdf", 0.3),
             ROLLED_OUT, ("messagerie-securisee", 0.5)],
            0.5, (1, 2), gate="rolled_out",
        ),
        Mission(["agenda-partage", BOOKING], 0.35, gate="booking"),
        Mission(["agenda-partage", RETIRED, "dossier-demandeur"], 0.3, gate="old_booking"),
    ],
    "closing": ["dossier-demandeur", "messagerie-securisee", ("agenda-partage", 0.5)],
    "pace": (24, 34),
}

MANAGERS = {
    "opening": ["messagerie-securisee", "agenda-partage", "suivi-activite"],
    "core": [
        (4, ["suivi-activite", ("~excel", 0.35), ("messagerie-securisee", 0.5)]),
        (2, ["planning-agence", "agenda-partage", ("messagerie-securisee", 0.5)]),
        (3, ["messagerie-securisee", ("agenda-partage", 0.4)]),
    ],
    "missions": [
        Mission(["agenda-partage", "visio-conseil", (("suite-bureautique", "~word"), 0.6)], 0.45, (1, 2)),
        Mission(["barometre-satisfaction", "suivi-activite", ("~excel", 0.5)], 0.3),
        Mission(["espace-documentaire", (("~word", "suite-bureautique", "~pdf"), 1)], 0.35, (1, 2)),
        Mission(["bilan-carbone-agence", "suivi-activite", ("~excel", 0.4)], 0.3, gate="agency_pilot"),
        Mission(["messagerie-securisee", ROLLED_OUT], 0.4, gate="rolled_out"),
    ],
    "closing": [("planning-agence", 0.5), "messagerie-securisee"],
    "pace": (20, 28),
}

TRAINERS = {
    "opening": ["messagerie-securisee", "agenda-partage"],
    "core": [
        (4, ["plateforme-formation-interne", ("visio-conseil", 0.5), ("messagerie-securisee", 0.4)]),
        (3, ["espace-documentaire", (("suite-bureautique", "~word", "~pdf"), 1)]),
        (2, ["agenda-partage", "messagerie-securisee"]),
    ],
    "missions": [
        Mission(["agenda-partage", "visio-conseil", "plateforme-formation-interne"], 0.5, (1, 2)),
        Mission(["~kb", "reseau-social-interne", ("~intranet", 0.5)], 0.5),
        Mission(["messagerie-securisee", ROLLED_OUT], 0.4, gate="rolled_out"),
    ],
    "closing": ["plateforme-formation-interne", "messagerie-securisee"],
    "pace": (20, 28),
}

# Everybody, now and then.
COMMON = [
    Mission(["~intranet", ("reseau-social-interne", 0.2)], 0.6, (1, 2)),
    Mission(["reseau-social-interne", ("~intranet", 0.3)], 0.35, (1, 2), gate="social"),
    Mission([(("~word", "suite-bureautique", "~excel", "~pdf"), 1), ("espace-documentaire", 0.3)], 0.35, (1, 2)),
    Mission(["~pdf"], 0.25),
    Mission(["~kb"], 0.15),
    Mission(["plateforme-formation-interne", ("~intranet", 0.3)], 0.07),
    Mission(["assistance-informatique", ("messagerie-securisee", 0.5)], 0.04),
    Mission(["~web"], 0.25, (1, 2)),
]
# fmt: on

PROFILES = {"employers": EMPLOYERS, "job_seekers": JOB_SEEKERS, "managers": MANAGERS, "trainers": TRAINERS}
CEJ_ADVISORS = 0.25  # job-seeker advisors who follow young people in the contract d'engagement jeune
CHAMPION_SOCIAL = 2.0  # digital champions animate communities on the internal social network


@dataclass
class Agent:
    identifier: str  # e-mail address, or a collector's workstation name
    kind: str  # a key of PROFILES
    agency: str
    territory: str
    registered: bool
    champion: bool = False
    pace: float = 28.0
    cej: bool = False
    part_time: bool = False
    rolled_out_from: datetime.date | None = None
    pilot_from: datetime.date | None = None


def french_holidays(year):
    """Public holidays in metropolitan France."""
    # Easter Sunday (anonymous Gregorian algorithm).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    easter = datetime.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [easter + datetime.timedelta(days=n) for n in (1, 39, 50)]
    return {datetime.date(year, mo, da) for mo, da in fixed} | set(moving)


def working_days(today, count):
    """The last `count` working days before `today` (weekdays that are not public holidays), oldest first."""
    days, day = [], today
    while len(days) < count:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in french_holidays(day.year):
            days.append(day)
    return days[::-1]


def _lake_rows(days, select, condition="", params=()):
    """Rows of `SELECT {select} … WHERE source = SOURCE {condition}` over the lake's files of the months of `days`."""
    files = lake.event_files(months=sorted({day.strftime("%Y-%m") for day in days}))
    if not files:
        return []
    listed = "[" + ", ".join("'" + str(path).replace("'", "''") + "'" for path in files) + "]"
    con = duckdb.connect()
    try:
        return con.execute(
            f"SELECT {select} FROM read_parquet({listed}, hive_partitioning = false) WHERE source = ? {condition}",
            [SOURCE, *params],
        ).fetchall()
    finally:
        con.close()


def days_in_lake(days):
    """The days of `days` for which the lake already holds events of this source."""
    found = _lake_rows(days, "DISTINCT CAST(timezone('Europe/Paris', start) AS DATE)")
    return {day for (day,) in found} & set(days)


def raw_names():
    """The tool identifiers of the demo's raw applications (« excel », « chrome »…)."""
    return sorted({normalise_app(app) for app, _titles, _urls in RAW_APPS.values()})


def restore_raw_applications(days):
    """List again the demo's raw applications that the lake holds but the database doesn't (the database was reset,
    or the lake filled from another database): an import lists them only when it adds their events."""
    known = set(RawApplication.objects.filter(name__in=raw_names()).values_list("name", flat=True))
    wanted = [name for name in raw_names() if name not in known]
    if not wanted:
        return 0
    counts = _lake_rows(days, "tool, count(*)", "AND list_contains(?, tool) GROUP BY tool", [wanted])
    RawApplication.objects.bulk_create([RawApplication(name=name, events=events) for name, events in counts])
    return len(counts)


def _kind(user):
    if user.role == Role.MANAGER:
        return "managers"
    if user.role == Role.TRAINER:
        return "trainers"
    return "employers" if user.specialty == Specialty.EMPLOYERS else "job_seekers"


def plan_agents(rng, max_agents=None, collectors=COLLECTORS, launches=None):
    """The registered agents (every demo person with an agency) and the collectors, with their traits."""
    launches = launches or {}
    users = User.objects.filter(agency__isnull=False, is_active=True).select_related("agency__territory")
    users = sorted((user for user in users if is_demo_email(user.email)), key=lambda user: user.email)
    if max_agents is not None:
        users = users[:max_agents]
    agents = [
        Agent(
            identifier=user.email,
            kind=_kind(user),
            agency=user.agency.code,
            territory=user.agency.territory.code,
            registered=True,
            champion=user.role == Role.CHAMPION,
        )
        for user in users
    ]
    territories = {agency["code"]: agency["territory"] for agency in AGENCIES}
    numbers = set()
    for i in range(collectors):
        code = AGENCIES[i % len(AGENCIES)]["code"]
        number = rng.randint(1, 60)
        while (code, number) in numbers:
            number = rng.randint(1, 60)
        numbers.add((code, number))
        kind = "employers" if rng.random() < 0.4 else "job_seekers"
        agents.append(Agent(f"poste-{code}-{number:03d}", kind, code, territories[code], registered=False))

    rolled_out, pilot = launches.get(ROLLED_OUT), launches.get(PILOT)
    for agent in agents:
        low, high = PROFILES[agent.kind]["pace"]
        agent.pace = rng.uniform(low, high)
        agent.cej = agent.kind == "job_seekers" and rng.random() < CEJ_ADVISORS
        agent.part_time = rng.random() < PART_TIME
        # The rolled-out tool: digital champions start three times sooner.
        wave = "first" if agent.territory == FIRST_TERRITORY else "later"
        lag = rng.expovariate(1 / ADOPTION_LAG[wave]) / (3 if agent.champion else 1)
        adopts = rng.random() >= NEVER_ADOPT[wave]
        if rolled_out and adopts:
            start = rolled_out + datetime.timedelta(days=0 if wave == "first" else LATER_START)
            agent.rolled_out_from = start + datetime.timedelta(days=int(lag))
        adopts_pilot, pilot_lag = rng.random() < PILOT_ADOPTERS, int(rng.expovariate(1 / 3))
        if pilot and adopts_pilot and agent.kind == "employers" and agent.territory == FIRST_TERRITORY:
            agent.pilot_from = pilot + datetime.timedelta(days=pilot_lag)
    return agents


class Planner:
    """Draws the sequence of applications of each agent-day, as key codes, and knows what each code stands for.

    Keys are tool slugs and raw applications (« ~… »), numbered in the order the profiles name them. Keys whose tool
    is not in the catalogue are never drawn (they would become raw applications); nor is a tool before its launch
    date or from its retirement on.
    """

    def __init__(self, slugs, launches, retired_on):
        self.launches = launches  # slug → launch date
        self.retired_on = retired_on  # slug → first day without it
        self.keys = {}
        for profile in PROFILES.values():
            steps = [*profile["opening"], *profile["closing"]]
            steps += [step for _weight, core in profile["core"] for step in core]
            steps += [step for mission in [*profile["missions"], *COMMON] for step in mission.steps]
            for step in steps:
                for key in _options(step):
                    self.keys.setdefault(key, len(self.keys))
        self.usable = {key for key in self.keys if key in RAW_APPS or key in slugs}
        self.profiles = {name: self._compile(profile) for name, profile in PROFILES.items()}

        ordered = sorted(self.keys, key=self.keys.get)
        # Arrow dictionaries (their values must be distinct) and, per code, indexes into them.
        names = [RAW_APPS[key][0] if key in RAW_APPS else key for key in ordered]
        self.tool_names = sorted(set(names))
        self.tool = np.array([self.tool_names.index(name) for name in names], dtype=np.int32)
        self.minutes = np.array([MINUTES.get(key, DEFAULT_MINUTES) for key in ordered], dtype=float)
        self.devices = ["desktop", "tablet"]
        self.device = np.array([self.devices.index(DEVICES.get(key, "desktop")) for key in ordered], dtype=np.int32)
        # Pages of raw applications: a title, and a URL for the browser (-1: none). A code's pages follow each other.
        self.titles, self.urls, page_urls, offsets, counts = [], [], [], [], []
        for key in ordered:
            _app, titles, urls = RAW_APPS.get(key, (None, [], []))
            offsets.append(len(self.titles))
            counts.append(len(titles))
            self.titles += titles
            page_urls += [len(self.urls) + i for i in range(len(urls))] or [-1] * len(titles)
            self.urls += urls
        self.page_offsets = np.array(offsets, dtype=np.int32)
        self.page_counts = np.array(counts, dtype=np.int32)
        self.page_urls = np.array(page_urls, dtype=np.int32)

    def _steps(self, steps):
        return [
            (tuple(self.keys[key] for key in _options(step)), 1.0 if isinstance(step, str) else step[1])
            for step in steps
        ]

    def _mission(self, mission):
        keys = {key for step in mission.steps for key in _options(step)}
        return {
            "steps": self._steps(mission.steps),
            "p": mission.p,
            "times": mission.times,
            "gate": mission.gate,
            "pilots": [slug for slug in sorted(keys) if slug in PILOT_AGENCIES],
        }

    def _compile(self, profile):
        core = profile["core"]
        return {
            "opening": self._steps(profile["opening"]),
            "core": [self._steps(steps) for _weight, steps in core],
            "cum_weights": list(itertools.accumulate(weight for weight, _steps in core)),
            "missions": [self._mission(mission) for mission in [*profile["missions"], *COMMON]],
            "closing": self._steps(profile["closing"]),
        }

    def allowed(self, day):
        """Codes usable on `day`."""
        allowed = set()
        for key in self.usable:
            launch, retired = self.launches.get(key), self.retired_on.get(key)
            if (launch is None or launch <= day) and (retired is None or day < retired):
                allowed.add(self.keys[key])
        return allowed

    def gate(self, mission, agent, day):
        gate = mission["gate"]
        if gate == "rolled_out":
            return agent.rolled_out_from is not None and day >= agent.rolled_out_from
        if gate == "pilot":
            return agent.pilot_from is not None and day >= agent.pilot_from
        if gate == "cej":
            return agent.cej
        if gate == "agency_pilot":
            return all(agent.agency in PILOT_AGENCIES[slug] for slug in mission["pilots"])
        if gate in ("booking", "old_booking"):
            switched = agent.agency in PILOT_AGENCIES[BOOKING] or day >= self.retired_on.get(
                RETIRED, datetime.date.max
            )
            return switched == (gate == "booking")
        return True  # no gate, or "social" (more often for champions, see day())

    def day(self, agent, day, r, allowed):
        """The codes of one agent-day, in order: the opening routine, the day's episodes shuffled, the closing one."""
        profile = self.profiles[agent.kind]
        episodes = []
        for mission in profile["missions"]:
            p = mission["p"] * (CHAMPION_SOCIAL if agent.champion and mission["gate"] == "social" else 1)
            if r.random() < p and self.gate(mission, agent, day):
                episodes += [mission["steps"]] * r.randint(*mission["times"])
        target = min(MAX_EVENTS, max(12, round(r.gauss(agent.pace, 4))))
        bodies = [self._expand(steps, r, allowed) for steps in episodes]
        size = sum(len(body) for body in bodies) + 4  # about the opening and the closing
        while size < target:
            (steps,) = r.choices(profile["core"], cum_weights=profile["cum_weights"])
            body = self._expand(steps, r, allowed)
            bodies.append(body)
            size += len(body)
        r.shuffle(bodies)
        sequence = self._expand(profile["opening"], r, allowed)
        for body in [*bodies, self._expand(profile["closing"], r, allowed)]:
            for code in body:
                if not sequence or code != sequence[-1]:
                    sequence.append(code)
        return sequence[:MAX_EVENTS]

    @staticmethod
    def _expand(steps, r, allowed):
        out = []
        for options, p in steps:
            if p < 1 and r.random() >= p:
                continue
            code = options[0] if len(options) == 1 else options[int(r.random() * len(options))]
            if code in allowed and (not out or out[-1] != code):
                out.append(code)
        return out


def _options(step):
    """The keys a step may draw."""
    options = step if isinstance(step, str) else step[0]
    return (options,) if isinstance(options, str) else tuple(options)


def _present(agent, day, r, on_leave):
    if agent.identifier in on_leave:
        return False
    if agent.part_time and day.weekday() == 2:
        return False
    return r.random() >= (DAY_AWAY if agent.registered else IDLE_WORKSTATION)


def _leave(agents, day, base):
    """Agents on leave the week of `day` (one draw per ISO week)."""
    year, week, _ = day.isocalendar()
    r = random.Random(f"{base}:leave:{year}-{week}")
    return {agent.identifier for agent in agents if r.random() < LEAVE_WEEK}


def draw_day(day, agents, planner, base):
    """One day's events as arrays: agent number, key code, start (µs since the epoch), duration (s), page draw.

    The day is drawn from its own generators (seeded with `base` and the date): the same whatever the window.
    """
    r = random.Random(f"{base}:{day.isoformat()}")
    allowed = planner.allowed(day)
    on_leave = _leave(agents, day, base)
    agent_numbers, codes, sizes = [], [], []
    for number, agent in enumerate(agents):
        if _present(agent, day, r, on_leave):
            sequence = planner.day(agent, day, r, allowed)
            agent_numbers.append(number)
            codes += sequence
            sizes.append(len(sequence))
    if not codes:
        return None
    generator = np.random.default_rng([base % 2**63, day.toordinal()])
    codes = np.asarray(codes, dtype=np.int32)
    sizes = np.asarray(sizes)
    group = np.repeat(np.arange(len(sizes)), sizes)
    first = np.cumsum(sizes) - sizes  # index of each group's first event

    # Durations around each tool's typical length, then squeezed when a day would be too full.
    duration = planner.minutes[codes] * 60 * generator.lognormal(0, 0.45, len(codes))
    duration = np.clip(duration, 60, 20 * 60)
    busy = np.bincount(group, duration)
    duration *= np.minimum(1, MAX_BUSY * WORKDAY / busy)[group]
    # Gaps before each event and after the last, sharing the free time at random; a short one before the first.
    weights = generator.exponential(1, len(codes))
    weights[first] *= 0.3
    trailing = generator.exponential(1, len(sizes))
    free = WORKDAY - np.bincount(group, duration, minlength=len(sizes))
    gap = free[group] * weights / (np.bincount(group, weights, minlength=len(sizes)) + trailing)[group]
    end = np.cumsum(gap + duration)
    end -= np.repeat(end[first] - gap[first] - duration[first], sizes)  # restart at 0 for each group
    offset = end - duration
    # An event running into the lunch break stops at 12:30; the afternoon starts at 13:30.
    duration = np.where((offset < MORNING) & (offset + duration > MORNING), np.maximum(MORNING - offset, 30), duration)
    offset = np.where(offset >= MORNING, offset + LUNCH, offset)
    morning = datetime.datetime.combine(day, DAY_START, tzinfo=PARIS).timestamp()
    start_us = (np.int64(morning) + np.floor(offset).astype(np.int64)) * 1_000_000

    return (
        np.asarray(agent_numbers, dtype=np.int32)[group],
        codes,
        start_us,
        np.round(duration),
        generator.random(len(codes)),
    )


def events_table(days, agents, planner):
    """The events of `days` (draw_day's arrays) as an Arrow table in the canonical layout: agent, tool, start,
    duration_s, device, title, url."""
    numbers, codes, start, duration, pick = (np.concatenate(column) for column in zip(*days, strict=True))
    # Title and URL: one of the raw application's pages, none for a tool slug.
    sizes = planner.page_counts[codes]
    no_page = sizes == 0
    page = np.where(no_page, 0, planner.page_offsets[codes] + np.floor(pick * np.maximum(sizes, 1)).astype(np.int32))
    url = np.where(no_page, -1, planner.page_urls[page])

    def dictionary(indices, values, mask=None):
        indices = pa.array(indices, pa.int32(), mask=mask)
        return pa.DictionaryArray.from_arrays(indices, pa.array(values, pa.string()))

    return pa.table(
        {
            "agent": dictionary(numbers, [agent.identifier for agent in agents]),
            "tool": dictionary(planner.tool[codes], planner.tool_names),
            "start": pa.array(start, pa.timestamp("us", tz="UTC")),
            "duration_s": pa.array(duration, pa.float64()),
            "device": dictionary(planner.device[codes], planner.devices),
            "title": dictionary(page, planner.titles, mask=no_page),
            "url": dictionary(np.maximum(url, 0), planner.urls, mask=url < 0),
        }
    )


def sync_rules(tally):
    """The demo's mapping rules, looked up by (field, kind, pattern); rules whose tool is missing are skipped."""
    tools = Tool.objects.in_bulk([rule[4] for rule in RULES], field_name="slug")
    rows = [
        {"field": field, "kind": kind, "pattern": pattern, "position": position, "tool": tools[slug]}
        for position, field, kind, pattern, slug in RULES
        if slug in tools
    ]
    return sync_objects(
        MappingRule,
        ("field", "kind", "pattern"),
        rows,
        tally,
        existing=MappingRule.objects.filter(pattern__in=[row["pattern"] for row in rows]),
    )


def catalogue_dates():
    """The catalogue's slugs, {slug: launch date} and {retired slug: day of its retirement announcement}."""
    catalogue = dict(Tool.objects.values_list("slug", "launched_on"))
    launches = {slug: launched for slug, launched in catalogue.items() if launched}
    announced = ToolUpdate.objects.filter(kind=UpdateKind.RETIREMENT, tool__status=Status.RETIRED)
    retired_on = dict(announced.values_list("tool__slug", "published_on"))
    for slug in Tool.objects.filter(status=Status.RETIRED).values_list("slug", flat=True):
        retired_on.setdefault(slug, datetime.date.min)  # retired without an announcement: never used
    return set(catalogue), launches, retired_on


def load(rng, stdout, days=None, max_agents=None, collectors=None):
    started = clock.monotonic()
    days = DAYS if days is None else days
    max_agents = MAX_AGENTS if max_agents is None else max_agents
    collectors = COLLECTORS if collectors is None else collectors
    base = rng.getrandbits(63)
    tally = Tally()
    rules = sync_rules(tally)

    slugs, launches, retired_on = catalogue_dates()
    agents = plan_agents(rng, max_agents, collectors, launches)
    planner = Planner(slugs, launches, retired_on)

    window = working_days(timezone.localdate(), days)
    present = days_in_lake(window)
    missing = [day for day in window if day not in present]
    drawn = [events for events in (draw_day(day, agents, planner, base) for day in missing) if events is not None]
    inserted = 0
    if drawn:
        table = events_table(drawn, agents, planner)
        with tempfile.TemporaryDirectory(prefix="ere-demo-usage-") as folder:
            path = Path(folder) / "usages-demo.parquet"
            pq.write_table(table, path, compression="zstd")
            usage_import = import_file(path, format=ImportFormat.PARQUET, source=SOURCE)
        if usage_import.status != ImportStatus.DONE:
            raise CommandError("Import des usages de démonstration refusé : " + " ".join(usage_import.errors))
        inserted = usage_import.inserted
    tally.created += restore_raw_applications(window)
    unmapped = RawApplication.objects.filter(name__in=raw_names(), tool__isnull=True).count()

    registered = sum(agent.registered for agent in agents)
    period, held = f"du {window[0]:%d/%m} au {window[-1]:%d/%m}", len(window) - len(missing)
    if not missing:
        where = f", les {plural(len(window), 'jour')} {period} sont déjà dans le lac"
    elif held:
        where = f" sur {plural(len(missing), 'jour')} ({period} ; {plural(held, 'jour')} déjà dans le lac)"
    else:
        where = f" sur {plural(len(missing), 'jour')} ({period})"
    elapsed = f"{clock.monotonic() - started:.1f}".replace(".", ",")
    stdout.write(
        f"Usages : {fr_plural(inserted, 'événement importé', 'événements importés')}{where} ; "
        f"{plural(registered, 'agent')} et {plural(len(agents) - registered, 'poste')} sans compte, "
        f"{plural(unmapped, 'application à rattacher', 'applications à rattacher')}, "
        f"{plural(len(rules), 'règle de rattachement', 'règles de rattachement')} ({tally}), en {elapsed} s"
    )
