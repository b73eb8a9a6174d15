"""Demo catalogue: categories, tasks, tools with their rollout kits and champions, offers, announcements, glossary.

The content lives in demo_data.py (tools) and demo_offers.py (offers, glossary). Dates are computed from today, so
that the tools launched « recently » are always within the « Nouveautés » window. Random draws (which generic
resources complete a kit, which tools each champion looks after) come from `rng` only.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ere.catalog.demo_data import CATEGORIES, REFERENT_TOOLS, TASKS, TOOL_UPDATES, TOOLS
from ere.catalog.demo_offers import GLOSSARY, OFFERS
from ere.catalog.enums import ResourceKind, Status, ToolAudience, UpdateKind
from ere.catalog.models import Category, GlossaryTerm, Offer, Resource, Task, Tool, ToolUpdate
from ere.core.demo import DEMO_ACCOUNT_EMAILS, DEMO_EMAIL_DOMAIN, Tally, add_missing, ascii_slug, plural, sync_objects
from ere.org.enums import Role, Specialty
from ere.org.models import User

INTRANET = "https://intranet.francetravail-demo.fr"
PUBLIC_SITE = "https://www.francetravail-demo.fr"

# Generic pieces of a rollout kit; each tool gets one or two of them besides its guide and its questions.
GENERIC_RESOURCES = [
    (ResourceKind.VIDEO, "Tutoriel vidéo : les premiers pas (4 min)", "https://videos.francetravail-demo.fr/{slug}"),
    (ResourceKind.DOCUMENT, "Fiche mémo à imprimer (1 page)", INTRANET + "/kits/{slug}/fiche-memo.pdf"),
    (ResourceKind.LINK, "La communauté de l'outil sur le réseau social interne", INTRANET + "/communautes/{slug}"),
    (
        ResourceKind.LINK,
        "S'entraîner dans l'environnement de formation",
        "https://formation.francetravail-demo.fr/{slug}",
    ),
]
HELP_QUESTION = (
    "Qui peut m'aider si je suis bloqué ?",
    "Commencez par le référent numérique de votre agence : son nom figure sur cette page. Pour un problème technique "
    "(accès refusé, message d'erreur), faites une demande à l'assistance informatique.",
)
MAX_KIT_SIZE = 5

SPECIALTY_AUDIENCE = {Specialty.EMPLOYERS: ToolAudience.EMPLOYERS, Specialty.JOB_SEEKERS: ToolAudience.JOB_SEEKERS}


def _day(days_ago):
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def tool_kit(tool, rng):
    """The rollout kit of one tool, as (kind, title, url, body): a guide, one or two generic pieces, its questions."""
    if tool["status"] == Status.RETIRED:
        return []
    slug = tool["slug"]
    kit = [(ResourceKind.DOCUMENT, "Guide de prise en main (PDF)", f"{INTRANET}/kits/{slug}/guide.pdf", "")]
    for kind, title, url in rng.sample(GENERIC_RESOURCES, rng.randint(1, 2)):
        kit.append((kind, title, url.format(slug=slug), ""))
    questions = list(tool["faq"])
    if not questions or rng.random() < 0.3:
        questions.append(HELP_QUESTION)
    kit += [(ResourceKind.FAQ, question, "", answer) for question, answer in questions]
    return kit[:MAX_KIT_SIZE]


def _resource_rows(kits, owner_field):
    """Resource rows for {owner object: [(kind, title, url, body)…]}, positioned in kit order."""
    return [
        {owner_field: owner, "title": title, "kind": kind, "url": url, "body": body, "position": (i + 1) * 10}
        for owner, kit in kits.items()
        for i, (kind, title, url, body) in enumerate(kit)
    ]


def _offer_resource_url(offer_slug, kind, title):
    if kind == ResourceKind.FAQ:
        return ""
    suffix = ".pdf" if kind == ResourceKind.DOCUMENT else ""
    return f"{PUBLIC_SITE}/{offer_slug}/{ascii_slug(title)}{suffix}"


def _squash_creation_history(item):
    """Keep one historical record for a demo item just created, with its categories and tasks.

    Saving the item, then adding its categories, then its tasks writes three records; the history page would show a
    creation without tasks followed by two edits nobody made. The last record holds the full picture: it becomes
    the creation.
    """
    records = item.history.all()  # newest first
    latest = records.first()
    records.exclude(pk=latest.pk).delete()
    latest.history_type = "+"
    latest.save(update_fields=["history_type"])


def _link_related_tools(tools):
    """Add the missing « related tools » links. The relation is symmetric: each link is two rows of the table."""
    through = Tool.related_tools.through
    existing = set(through.objects.values_list("from_tool_id", "to_tool_id"))
    missing = set()
    for data in TOOLS:
        for other in data["related"]:
            pair = (tools[data["slug"]].pk, tools[other].pk)
            for row in (pair, pair[::-1]):
                if row not in existing:
                    missing.add(row)
    through.objects.bulk_create([through(from_tool_id=a, to_tool_id=b) for a, b in sorted(missing)])
    return len(missing) // 2


def _assign_champions(tools, rng):
    """Each demo champion looks after 2 to 5 tools of their specialty; the documented champion's are fixed.

    Champions are only ever added, never removed: a champion may have volunteered for another tool since.
    """
    champions = User.objects.filter(
        Q(email__in=DEMO_ACCOUNT_EMAILS) | Q(email__endswith=f"@{DEMO_EMAIL_DOMAIN}"), role=Role.CHAMPION
    ).order_by("email")
    in_service = sorted(slug for slug, tool in tools.items() if tool.status != Status.RETIRED)
    through = Tool.champions.through
    existing = set(through.objects.values_list("tool_id", "user_id"))
    wanted = []
    for champion in champions:
        if champion.email in DEMO_ACCOUNT_EMAILS:
            slugs = REFERENT_TOOLS
        else:
            audiences = {ToolAudience.ALL, SPECIALTY_AUDIENCE.get(champion.specialty)}
            candidates = [slug for slug in in_service if tools[slug].audience in audiences]
            slugs = rng.sample(candidates, rng.randint(2, 5))
        wanted += [(tools[slug].pk, champion.pk) for slug in slugs]
    missing = [pair for pair in wanted if pair not in existing]
    through.objects.bulk_create([through(tool_id=tool_id, user_id=user_id) for tool_id, user_id in missing])
    return len(champions), len(wanted), len(missing)


def load(rng, stdout):
    tally = Tally()
    categories = sync_objects(Category, "slug", CATEGORIES, tally)
    tasks = sync_objects(Task, "slug", [{**task, "position": (i + 1) * 10} for i, task in enumerate(TASKS)], tally)

    created = []
    tools = sync_objects(
        Tool,
        "slug",
        [
            {
                "slug": t["slug"],
                "name": t["name"],
                "acronym": t.get("acronym", ""),
                "summary": t["summary"],
                "description": t["description"],
                "url": f"{INTRANET}/{t['slug']}",
                "status": t["status"],
                "launched_on": _day(t["days"]),
                "owner_department": t["owner"],
                "audience": t["audience"],
                "how_to_start": "\n".join(t["how_to_start"]),
            }
            for t in TOOLS
        ],
        tally,
        created=created,
    )
    offers = sync_objects(
        Offer,
        "slug",
        [
            {
                "slug": o["slug"],
                "name": o["name"],
                "acronym": o.get("acronym", ""),
                "summary": o["summary"],
                "description": o["description"],
                "url": f"{PUBLIC_SITE}/services/{o['slug']}",
                "status": o.get("status", Status.GENERALISED),
                "launched_on": _day(o["days"]),
                "owner_department": o["owner"],
                "audience": o["audience"],
            }
            for o in OFFERS
        ],
        tally,
        created=created,
    )
    links = 0
    for items, data in ((tools, TOOLS), (offers, OFFERS)):
        for d in data:
            item = items[d["slug"]]
            links += add_missing(item.categories, [categories[slug] for slug in d["categories"]])
            links += add_missing(item.tasks, [tasks[slug] for slug in d["tasks"]])
    for item in created:
        _squash_creation_history(item)
    for o in OFFERS:
        links += add_missing(offers[o["slug"]].related_tools, [tools[slug] for slug in o["related"]])
    links += _link_related_tools(tools)
    fresh = sum(t["days"] <= settings.ERE_NEWS_DAYS for t in TOOLS)
    stdout.write(
        f"Catalogue : {len(categories)} catégories, {len(tasks)} tâches, {len(tools)} applicatifs (dont {fresh} "
        f"lancés ces {settings.ERE_NEWS_DAYS} derniers jours), {len(offers)} offres numériques ({tally}, "
        f"{plural(links, 'lien ajouté', 'liens ajoutés')})"
    )

    tally = Tally()
    tool_kits = {tools[t["slug"]]: tool_kit(t, rng) for t in TOOLS}
    offer_kits = {
        offers[o["slug"]]: [
            (kind, title, _offer_resource_url(o["slug"], kind, title), body)
            for kind, title, body in o.get("resources", [])
        ]
        for o in OFFERS
    }
    resources = sync_objects(
        Resource,
        ("tool", "title"),
        _resource_rows(tool_kits, "tool"),
        tally,
        existing=Resource.objects.filter(tool__in=tools.values()),
    )
    offer_resources = sync_objects(
        Resource,
        ("offer", "title"),
        _resource_rows(offer_kits, "offer"),
        tally,
        existing=Resource.objects.filter(offer__in=offers.values()),
    )
    authors = User.objects.in_bulk({u["author"] for u in TOOL_UPDATES}, field_name="email")
    updates = sync_objects(
        ToolUpdate,
        ("tool", "title"),
        [
            {
                "tool": tools[u["tool"]],
                "title": u["title"],
                "kind": u["kind"],
                "body": u["body"],
                "published_on": tools[u["tool"]].launched_on if u["kind"] == UpdateKind.LAUNCH else _day(u["days"]),
                "author": authors.get(u["author"]),
            }
            for u in TOOL_UPDATES
        ],
        tally,
        existing=ToolUpdate.objects.filter(tool__in=tools.values()),
    )
    glossary = sync_objects(
        GlossaryTerm,
        "acronym",
        [
            {
                "acronym": acronym,
                "meaning": meaning,
                "explanation": explanation,
                "tool": tools[tool] if tool else None,
                "offer": offers[offer] if offer else None,
            }
            for acronym, meaning, explanation, tool, offer in GLOSSARY
        ],
        tally,
    )
    resource_count = len(resources) + len(offer_resources)
    stdout.write(
        f"Kits et annonces : {resource_count} ressources, {len(updates)} nouveautés, {len(glossary)} sigles au "
        f"glossaire ({tally})"
    )

    champions, assignments, added = _assign_champions(tools, rng)
    stdout.write(
        f"Référents numériques : {plural(champions, 'référent')}, chacun sur quelques applicatifs "
        f"({plural(assignments, 'rattachement')}, {plural(added, 'ajouté')})"
    )
