"""An agent's skill profile: the latest level per area, its history, and the gaps against their role profile.

The gap of an area is weighed by how much the agent's job uses it: the frequency the role profile gives, raised by the
agent's own measured usage when the usage map has data (days of use over the last four weeks). The learning path and
the practice quarter both rank by that priority.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from ere.skills.enums import FREQUENCY_WEIGHT, AreaKind, Frequency
from ere.skills.models import Area, AssessmentArea, RoleProfile

# Days of use over the 28 days of « Mon usage » at which measured usage counts as daily use.
DAILY_USE_DAYS = 15


@dataclass
class AreaStatus:
    area: Area
    level: int | None = None
    confidence: float | None = None
    assessed_at: object = None
    shared: bool = False
    target: int | None = None
    frequency: str | None = None
    usage_days: int | None = None
    history: list = field(default_factory=list)

    @property
    def assessed(self):
        return self.level is not None

    @property
    def level_label(self):
        return self.area.level_label(self.level)

    @property
    def target_label(self):
        return self.area.level_label(self.target) if self.target else ""

    @property
    def weight(self):
        """How much the job uses this area, from 0.1 (rarely) to 1 (every day)."""
        weight = FREQUENCY_WEIGHT.get(self.frequency, 0.1)
        if self.usage_days:
            weight = max(weight, min(1.0, self.usage_days / DAILY_USE_DAYS))
        return weight

    @property
    def gap(self):
        """Levels missing to reach the target, on the tool scale (a CRCN level counts half); unknown counts 1."""
        if not self.target:
            return 0.0
        if self.level is None:
            return 1.0
        missing = max(0, self.target - self.level)
        return missing * (4 / self.area.level_count)

    @property
    def priority(self):
        return round(self.weight * self.gap, 3)

    @property
    def usage_words(self):
        """How the job uses the area, in words: measured usage first, else the role profile's frequency."""
        if self.usage_days:
            return f"vous utilisez {self.area.name} {self.usage_days} jours sur les 4 dernières semaines"
        if self.frequency:
            label = Frequency(self.frequency).label.lower()
            return f"votre métier demande {self.area.name} {label}"
        return ""

    @property
    def reason(self):
        """Why this area comes first, in plain French."""
        usage = self.usage_words
        if self.level is None:
            return f"Parce que {usage} et que vous n'avez pas encore fait de diagnostic." if usage else ""
        level = self.level_label.lower()
        target = self.target_label.lower()
        return f"Parce que {usage} et que votre niveau est « {level} » (attendu : « {target} »)."


def role_profile(user):
    """The role profile that fits the user best, or None."""
    profiles = RoleProfile.objects.prefetch_related("requirements__area__tool").for_user(user)
    return profiles[0] if profiles else None


def _usage_days(user):
    """Days of use per tool slug over the last four weeks, when the usage map has data for this user."""
    import duckdb

    from ere.usage.mine import my_usage

    try:
        usage = my_usage(user)
    except (duckdb.Error, OSError):  # the profile works without the usage map (unreadable lake…)
        return {}
    return {entry["tool"]: entry["days"] for entry in usage["tools"]}


def profile(user, with_usage=True):
    """The areas of the user's role profile and the areas they were assessed on, with level and gap."""
    statuses = {}
    chosen = role_profile(user)
    if chosen:
        for requirement in chosen.requirements.all():
            statuses[requirement.area_id] = AreaStatus(
                requirement.area, target=requirement.target_level, frequency=requirement.frequency
            )
    parts = (
        AssessmentArea.objects.filter(assessment__user=user, assessment__status="finished", items_count__gt=0)
        .select_related("area__tool", "assessment")
        .order_by("assessment__finished_at", "pk")
    )
    for part in parts:
        status = statuses.setdefault(part.area_id, AreaStatus(part.area))
        status.level, status.confidence = part.level, part.confidence
        status.assessed_at = part.assessment.finished_at
        status.shared = part.assessment.is_shared
        status.history.append((timezone.localtime(part.assessment.finished_at), part.level))
    if with_usage:
        days = _usage_days(user)
        for status in statuses.values():
            if status.area.tool_id:
                status.usage_days = days.get(status.area.tool.slug)
    return sorted(statuses.values(), key=lambda s: (s.area.kind != AreaKind.TOOL, s.area.position, s.area.name))


def gaps(user, with_usage=True):
    """The areas where the user is below their role's target (or not assessed yet), the most urgent first."""
    ranked = [status for status in profile(user, with_usage) if status.priority > 0]
    return sorted(ranked, key=lambda s: (-s.priority, s.area.name))
