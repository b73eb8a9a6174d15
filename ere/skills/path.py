"""The learning path: what to do next, ranked by how much the job uses the area × the gap, each with its reason.

For each area where the agent is below their role's target (or not assessed yet), in order of priority: the
diagnostic when there is no level yet, exercises on the area's skills near the agent's level, the sandboxes of the
tool, the tips of its rollout kit, and the colleagues who can help (the tool's champions in the agency).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator

from ere.catalog.models import Resource
from ere.org.models import User
from ere.practice.models import Sandbox
from ere.skills import profile as skill_profile
from ere.skills.assessment import scale_of
from ere.skills.enums import ItemKind
from ere.skills.models import Item

EXERCISES_PER_AREA = 3
TIPS_PER_AREA = 2


@dataclass
class Step:
    kind: str  # "assessment", "exercise", "sandbox", "tip", "colleague"
    title: str
    url: str
    reason: str
    area: object
    priority: float
    detail: str = ""

    @property
    def kind_label(self):
        return {
            "assessment": "Diagnostic",
            "exercise": "Exercice",
            "sandbox": "Applicatif-école",
            "tip": "Astuce",
            "colleague": "Collègue",
        }[self.kind]


def _aim(status):
    """The difficulty to aim at: a little above the middle of the agent's level (0 without a level)."""
    if not status.level:
        return 0.0
    cuts = (-4.0, *scale_of(status.area).cuts, 4.0)
    return (cuts[status.level - 1] + cuts[status.level]) / 2 + 0.3


def _by(rows, key):
    grouped = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def learning_path(user, with_usage=True):
    """The ordered steps of the user's path, and the areas it covers (a handful of queries, whatever the areas)."""
    steps, gaps = [], skill_profile.gaps(user, with_usage)
    areas = [status.area.pk for status in gaps]
    tools = [status.area.tool_id for status in gaps if status.area.tool_id]
    items = _by(
        Item.objects.published()
        .filter(skill__area__in=areas)
        .exclude(kind=ItemKind.SANDBOX)
        .select_related("skill")
        .order_by("uid"),
        lambda item: item.skill.area_id,
    )
    sandboxes = _by(Sandbox.objects.published().filter(tool__in=tools).order_by("title"), lambda s: s.tool_id)
    resources = _by(Resource.objects.filter(tool__in=tools).order_by("position", "id"), lambda r: r.tool_id)
    champions = _by(
        User.championed_tools.through.objects.filter(
            tool__in=tools, user__is_active=True, user__role="champion", user__agency=user.agency_id
        )
        .exclude(user=user.pk)
        .select_related("user")
        .order_by("user__last_name", "user__first_name"),
        lambda link: link.tool_id,
    )
    for status in gaps:
        area, priority, reason = status.area, status.priority, status.reason
        if not status.assessed:
            steps.append(
                Step(
                    "assessment",
                    f"Faire le diagnostic : {area.name}",
                    reverse("skills:assessment_start"),
                    reason,
                    area,
                    priority,
                    "Une dizaine de questions adaptées à votre niveau.",
                )
            )
        aim = _aim(status)
        nearest = sorted(items.get(area.pk, []), key=lambda item: (abs(item.difficulty - aim), item.uid))
        for item in nearest[:EXERCISES_PER_AREA]:
            steps.append(
                Step(
                    "exercise",
                    Truncator(item.stem).chars(90),
                    reverse("skills:exercise", args=[item.uid]),
                    reason,
                    area,
                    priority,
                    f"{item.skill.name} · {item.get_kind_display().lower()} · environ {item.seconds} s",
                )
            )
        if not area.tool_id:
            continue
        for sandbox in sandboxes.get(area.tool_id, []):
            steps.append(
                Step(
                    "sandbox",
                    sandbox.title,
                    sandbox.get_absolute_url(),
                    reason,
                    area,
                    priority,
                    f"Mission d'environ {sandbox.minutes} min, sans aucune donnée réelle",
                )
            )
        for resource in resources.get(area.tool_id, [])[:TIPS_PER_AREA]:
            steps.append(
                Step(
                    "tip",
                    resource.title,
                    f"{area.tool.get_absolute_url()}#kit",
                    reason,
                    area,
                    priority,
                    f"{resource.get_kind_display()} du kit de déploiement",
                )
            )
        for link in champions.get(area.tool_id, [])[:2]:
            steps.append(
                Step(
                    "colleague",
                    f"{link.user.get_full_name()}, référent·e {area.name}",
                    area.tool.get_absolute_url(),
                    reason,
                    area,
                    priority,
                    "Référent numérique de votre agence : demandez-lui un coup de main.",
                )
            )
    return steps, gaps
