"""Demo skills: the CRCN, the tool areas and their item bank (ere/skills/data/areas/), role profiles, and diagnostics.

The diagnostics are taken by simulated agents, their questions drawn by the web diagnostic's own functions
(`ere.skills.assessment.choose`, `update_estimate`) and the real engine: each
agent has a hidden ability per area (drawn around their role's usual level), answers each item the engine asks with
the 2PL probability of getting it right, and most of them share their results with their manager. The demo
agent (agent@ere.demo) took two diagnostics a month apart, so that her profile shows an evolution.
"""

import datetime
import json
import math
import random
from pathlib import Path

from django.db.models import Count
from django.utils import timezone

from ere.org.enums import Role, Specialty
from ere.org.models import User
from ere.skills import assessment as service
from ere.skills import bank
from ere.skills import items as item_kinds
from ere.skills.enums import AreaKind, AssessmentStatus, Frequency, SelfRating
from ere.skills.models import Area, Assessment, AssessmentArea, Item, Requirement, Response, RoleProfile, Skill

DATA = Path(__file__).parent / "data"

D, W, M, R = Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.RARELY

# (area code, target level, frequency): the level a job needs on each area, and how often it uses it.
CRCN_TARGETS = [("crcn-1", 4, W), ("crcn-2", 5, D), ("crcn-3", 3, M), ("crcn-4", 5, D), ("crcn-5", 3, W)]
ROLE_PROFILES = [
    {
        "slug": "conseiller-entreprises",
        "name": "Conseiller à dominante entreprises",
        "role": "",
        "specialty": Specialty.EMPLOYERS,
        "description": "Accompagne les entreprises dans leurs recrutements : offres, profils, aides, événements.",
        "requirements": [
            ("dialogue-entreprises", 3, D),
            ("suivi-offres", 3, D),
            ("recherche-profils", 3, W),
            ("agenda-partage", 3, D),
            ("messagerie-securisee", 2, W),
            ("portail-aides-embauche", 2, M),
            ("evenements-recrutement", 2, M),
            ("signature-electronique", 2, W),
            ("prescription-services", 2, M),
            *CRCN_TARGETS,
        ],
    },
    {
        "slug": "conseiller-demandeurs",
        "name": "Conseiller à dominante demandeurs d'emploi",
        "role": "",
        "specialty": Specialty.JOB_SEEKERS,
        "description": "Accompagne les demandeurs d'emploi : suivi du parcours, rendez-vous, prescriptions.",
        "requirements": [
            ("dossier-demandeur", 3, D),
            ("agenda-partage", 3, D),
            ("messagerie-securisee", 3, D),
            ("prescription-services", 3, W),
            ("signature-electronique", 2, M),
            *CRCN_TARGETS,
        ],
    },
    {
        "slug": "referent-numerique",
        "name": "Référent numérique",
        "role": Role.CHAMPION,
        "specialty": "",
        "description": "Conseiller qui aide ses collègues sur les outils : il les maîtrise et sait les expliquer.",
        "requirements": [
            ("dialogue-entreprises", 4, D),
            ("suivi-offres", 4, D),
            ("agenda-partage", 4, D),
            ("messagerie-securisee", 4, W),
            ("signature-electronique", 4, W),
            ("prescription-services", 3, W),
            ("crcn-1", 5, W),
            ("crcn-2", 6, D),
            ("crcn-3", 4, W),
            ("crcn-4", 6, D),
            ("crcn-5", 5, W),
        ],
    },
    {
        "slug": "manager-agence",
        "name": "Manager d'agence",
        "role": Role.MANAGER,
        "specialty": "",
        "description": "Pilote l'agence : agenda, messagerie et compétences numériques transversales.",
        "requirements": [("agenda-partage", 3, D), ("messagerie-securisee", 2, W), *CRCN_TARGETS],
    },
]

# Agencies whose agents took diagnostics (codes from ere/org/demo.py), and the share of agents who did.
ASSESSED_AGENCIES = ["69001", "69002", "38001"]
TAKE_RATE, SHARE_RATE = 0.8, 0.85
# At most this many agents take a diagnostic (None: all); the tests lower it, as they shorten the usage logs.
ASSESSED_LIMIT = None
MAX_ITEMS = 8
# The demo agent's abilities a month ago and today, on her daily tools: a story of progress.
DEMO_AGENT_ABILITIES = {"suivi-offres": (-1.2, 0.9), "dialogue-entreprises": (-0.9, 0.7), "crcn-4": (-0.6, 0.6)}


def load_crcn():
    """The CRCN's domains in order, by area code: their title, and their competences' official name and
    description by skill code."""
    framework = json.loads((DATA / "crcn.json").read_text(encoding="utf-8"))
    return {
        f"crcn-{domain['code']}": (
            domain["title"],
            {
                f"crcn-{c['index'].replace('.', '-')}": {"name": c["name"], "description": c["description"]}
                for c in domain["competences"]
            },
        )
        for domain in framework["areas"]
    }


def _load_framework(stdout):
    crcn = load_crcn()
    competences = {code: skills for code, (_, skills) in crcn.items()}
    positions = {code: position for position, code in enumerate(crcn, start=1)}
    # The five domains and their competences always exist, with or without items.
    for code, (title, skills) in crcn.items():
        definition = {"code": code, "kind": AreaKind.CRCN, "name": title, "position": positions[code]}
        bank.load_area({**definition, "skills": [{"code": skill} for skill in skills]}, crcn=competences)
    items = []
    for path in sorted((DATA / "areas").glob("*.json")):
        definition = json.loads(path.read_text(encoding="utf-8"))
        if definition["kind"] == AreaKind.CRCN:
            definition["name"] = crcn[definition["code"]][0]
            definition["position"] = positions[definition["code"]]
        bank.load_area(definition, crcn=competences)
        items += definition["items"]
    report = bank.import_items({"items": items}, sandbox_exists=lambda slug: True) if items else bank.ImportReport()
    stdout.write(
        f"Compétences : {Area.objects.count()} domaines, {Skill.objects.count()} compétences, "
        f"{Item.objects.count()} questions ({len(report.created)} créées, {len(report.updated)} mises à jour)"
    )


def _load_role_profiles():
    areas = {area.code: area for area in Area.objects.all()}
    for entry in ROLE_PROFILES:
        profile, _ = RoleProfile.objects.update_or_create(
            slug=entry["slug"],
            defaults={key: entry[key] for key in ("name", "role", "specialty", "description")},
        )
        for code, level, frequency in entry["requirements"]:
            if code in areas:
                Requirement.objects.update_or_create(
                    profile=profile, area=areas[code], defaults={"target_level": level, "frequency": frequency}
                )


def _self_rating(rng, theta):
    """What a person of ability θ says of themselves: roughly right, sometimes over- or under-confident."""
    noisy = theta + rng.gauss(0, 0.8)
    priors = {rating: service.engine.prior_mean(rating) for rating in SelfRating.values}
    return min(priors, key=lambda rating: abs(priors[rating] - noisy))


class Simulation:
    """Diagnostics answered by simulated agents, drawn by the same functions as the web diagnostic
    (`assessment.choose`, `assessment.update_estimate`) but kept in memory and written in bulk: the demo runs
    a few thousand questions in a second or two."""

    def __init__(self):
        self.banks, self.exposure, self.tests_taken = {}, {}, {}
        self.responses, self.parts = [], []

    def take(self, rng, user, abilities, when, shared):
        """One diagnostic of an agent of the given abilities ({area: θ}), dated `when`."""
        ratings = {area: _self_rating(rng, theta) for area, theta in abilities.items()}
        assessment = Assessment.objects.create(
            user=user,
            status=AssessmentStatus.FINISHED,
            max_items=MAX_ITEMS,
            seed=rng.randrange(2**31),
            started_at=when - datetime.timedelta(minutes=12),
            finished_at=when,
            shared_at=when if shared else None,
        )
        parts = service.new_parts(assessment, ratings)
        banks = {part.area_id: service._bank(part.area_id, self.banks) for part in parts}
        seen, asked, answered = set(), [], {part.area_id: [] for part in parts}
        while chosen := service.choose(
            parts, banks, seen, assessment.seed, MAX_ITEMS, self.exposure, self.tests_taken
        ):
            part, item = chosen
            theta = abilities[part.area]
            right = rng.random() < 1 / (1 + math.exp(-item.discrimination * (theta - item.difficulty)))
            seen.add(item.pk)
            asked.append(item)
            answered[part.area_id].append((item.discrimination, item.difficulty, right))
            service.update_estimate(part, answered[part.area_id])
            self.responses.append((part, item, right, len(seen)))
        for part in parts:
            self.tests_taken[part.area_id] = self.tests_taken.get(part.area_id, 0) + 1
        for item in asked:
            self.exposure[item.pk] = self.exposure.get(item.pk, 0) + 1
        self.parts += parts
        return assessment

    def save(self):
        AssessmentArea.objects.bulk_create(self.parts)
        Response.objects.bulk_create(
            Response(
                assessment_id=part.assessment_id,
                area=part,
                item=item,
                answer=item_kinds.sample_answer(item.kind, item.data, right),
                correct=right,
                position=position,
                answered_at=part.assessment.finished_at,
            )
            for part, item, right, position in self.responses
        )
        items = Item.objects.filter(pk__in=self.exposure)
        for item in items:
            item.exposure_count += self.exposure[item.pk]
        Item.objects.bulk_update(items, ["exposure_count"])


def _level_mean(user, area):
    """The usual ability of a role on an area: champions above, people of the other specialty below."""
    mean = 0.6 if user.role == Role.CHAMPION else 0.0
    if area.tool_id and area.tool.audience not in ("all", user.specialty):
        mean -= 1.0
    return mean


def _load_assessments(rng, stdout):
    profiles = {p.slug: p for p in RoleProfile.objects.prefetch_related("requirements__area__tool")}
    assessable = set(Area.objects.assessable().values_list("pk", flat=True))
    if not assessable:
        return
    done = set(
        User.objects.annotate(n=Count("assessments")).filter(n__gt=0).values_list("pk", flat=True)
    )  # idempotent: an agent who already took a diagnostic is left as is
    today = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    agents = User.objects.filter(
        agency__code__in=ASSESSED_AGENCIES, role__in=[Role.AGENT, Role.CHAMPION], is_active=True
    ).order_by("email")
    count, simulation = 0, Simulation()
    for user in agents.select_related("agency"):
        # Every draw happens whether or not the agent is skipped, so that a second run draws the same numbers.
        takes, shares, days_ago = rng.random() < TAKE_RATE, rng.random() < SHARE_RATE, rng.randrange(3, 40)
        slug = "referent-numerique" if user.role == Role.CHAMPION else None
        slug = slug or ("conseiller-entreprises" if user.specialty == Specialty.EMPLOYERS else "conseiller-demandeurs")
        areas = [r.area for r in profiles[slug].requirements.all() if r.area_id in assessable]
        abilities = {area: rng.gauss(_level_mean(user, area), 0.9) for area in areas}
        chosen = rng.sample(areas, k=min(len(areas), 4))
        run = random.Random(rng.randrange(2**31))
        demo_agent = user.email == "agent@ere.demo"
        if user.pk in done or not (takes or demo_agent):
            continue
        if ASSESSED_LIMIT is not None and count >= ASSESSED_LIMIT and not demo_agent:
            continue
        if demo_agent:
            # Two diagnostics a month apart on her daily tools: she progressed on what she practised.
            chosen = [area for area in areas if area.code in DEMO_AGENT_ABILITIES]
            before = {area: DEMO_AGENT_ABILITIES[area.code][0] for area in chosen}
            abilities |= {area: DEMO_AGENT_ABILITIES[area.code][1] for area in chosen}
            simulation.take(run, user, before, today - datetime.timedelta(days=34), True)
            count += 1
        when = today - datetime.timedelta(days=days_ago)
        simulation.take(run, user, {area: abilities[area] for area in chosen}, when, shares)
        count += 1
    simulation.save()
    stdout.write(f"Diagnostics de démonstration : {count} passés")


def load(rng, stdout):
    _load_framework(stdout)
    _load_role_profiles()
    _load_assessments(rng, stdout)
