"""The learning path: what to do next, ranked by how much the job uses the area × the gap, each with its reason.

For each area where the agent is below their role's target (or not assessed yet), in order of priority: the
diagnostic when there is no level yet, exercises on the area's skills near the agent's level, the sandboxes of the
tool, the tips of its rollout kit, and the colleagues who can help (the tool's champions in the agency).
"""

from dataclasses import dataclass

from django.utils.text import Truncator

from ere.catalog.models import Resource
from ere.skills import profile as skill_profile
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


def _exercises(status):
    """Items of the area a little above the agent's level: the ones they can just manage (not sandbox missions)."""
    items = Item.objects.published().filter(skill__area=status.area).exclude(kind=ItemKind.SANDBOX)
    items = list(items.select_related("skill"))
    if status.level:
        # Levels are cut on the ability scale; aim a little above the middle of the agent's level.
        from ere.skills.assessment import scale_of

        cuts = (-4.0, *scale_of(status.area).cuts, 4.0)
        aim = (cuts[status.level - 1] + cuts[status.level]) / 2 + 0.3
    else:
        aim = 0.0
    return sorted(items, key=lambda item: (abs(item.difficulty - aim), item.uid))[:EXERCISES_PER_AREA] if items else []


def learning_path(user, with_usage=True):
    """The ordered steps of the user's path, and the areas it covers."""
    from django.urls import reverse

    from ere.practice.models import Sandbox

    steps, gaps = [], skill_profile.gaps(user, with_usage)
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
        for item in _exercises(status):
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
        if area.tool_id:
            for sandbox in Sandbox.objects.published().filter(tool=area.tool_id):
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
            resources = Resource.objects.filter(tool=area.tool_id).order_by("position", "id")[:TIPS_PER_AREA]
            for resource in resources:
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
            champions = area.tool.champions.active().filter(agency=user.agency_id).exclude(pk=user.pk)
            for champion in champions[:2]:
                steps.append(
                    Step(
                        "colleague",
                        f"{champion.get_full_name()}, référent·e {area.name}",
                        area.tool.get_absolute_url(),
                        reason,
                        area,
                        priority,
                        "Référent numérique de votre agence : demandez-lui un coup de main.",
                    )
                )
    return steps, gaps
