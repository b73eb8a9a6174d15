"""The team's skills, as a manager sees them: counts of shared results per area and level, never a person.

Only diagnostics the agents chose to share count, each agent's latest shared result per area. The figures of an
agency on an area count only when at least settings.USAGE_MIN_GROUP of its agents share that area: a smaller group
counts nowhere, not even in the totals of a territory (otherwise a territory's figures minus an agency's would give
the small group away). The share at the expected level needs as many agents with a target. The whole picture is
suppressed when fewer agents than the threshold share anything.
"""

from dataclasses import dataclass, field

from django.conf import settings

from ere.org.enums import Role
from ere.skills.enums import AreaKind
from ere.skills.models import AssessmentArea
from ere.skills.profile import role_profile


@dataclass
class AreaRow:
    area: object
    counts: dict = field(default_factory=dict)  # level -> number of agents
    total: int = 0
    suppressed: bool = False
    with_target: int = 0  # agents whose role profile sets a level on this area (0 when under the threshold)
    at_target: int = 0  # of whom reach it
    hidden_groups: int = 0  # agencies left out of the figures, fewer than the threshold sharing this area

    @property
    def at_target_share(self):
        return self.at_target / self.with_target if self.with_target else None


@dataclass
class TeamSkills:
    agents: int = 0  # agents of the scope
    sharing: int = 0  # of whom share at least one result
    tools: list = field(default_factory=list)
    crcn: list = field(default_factory=list)

    @property
    def suppressed(self):
        return self.sharing < settings.USAGE_MIN_GROUP


def team_skills(agencies):
    """Shared levels of the frontline agents of `agencies`, per area and level, suppressed under the threshold."""
    from ere.org.models import User

    members = User.objects.active().filter(agency__in=agencies, role__in=[Role.AGENT, Role.CHAMPION])
    result = TeamSkills(agents=members.count())
    parts = (
        AssessmentArea.objects.filter(
            assessment__user__in=members,
            assessment__status="finished",
            assessment__shared_at__isnull=False,
            items_count__gt=0,
        )
        .select_related("area", "assessment")
        .order_by("assessment__user_id", "area_id", "-assessment__finished_at")
    )
    # One result per agent and area: the newest shared one.
    newest = {}
    for part in parts:
        newest.setdefault((part.assessment.user_id, part.area_id), part)
    result.sharing = len({user for user, _ in newest})
    users = {user.pk: user for user in members.filter(pk__in={u for u, _ in newest})}
    targets = _targets(users)
    # The unit of suppression is an agency's group on an area: one under the threshold counts in no figure, not
    # even in the totals of a wider scope, so that no figure can be subtracted from another to reveal it.
    groups = {}
    for (user_id, area_id), part in newest.items():
        groups.setdefault((users[user_id].agency_id, area_id), []).append((user_id, part))
    rows = {}
    for (_, area_id), members_parts in groups.items():
        row = rows.setdefault(area_id, AreaRow(members_parts[0][1].area))
        if len(members_parts) < settings.USAGE_MIN_GROUP:
            row.hidden_groups += 1
            continue
        for user_id, part in members_parts:
            row.counts[part.level] = row.counts.get(part.level, 0) + 1
            row.total += 1
            target = targets.get(user_id, {}).get(area_id)
            if target:
                row.with_target += 1
                row.at_target += part.level >= target
    for row in rows.values():
        row.suppressed = row.total == 0
        if row.with_target < settings.USAGE_MIN_GROUP:
            row.with_target, row.at_target = 0, 0
    ordered = sorted(rows.values(), key=lambda r: (r.area.position, r.area.name))
    result.tools = [r for r in ordered if r.area.kind == AreaKind.TOOL]
    result.crcn = [r for r in ordered if r.area.kind == AreaKind.CRCN]
    return result


def _targets(users):
    """{user id: {area id: target level}} from each agent's own role profile (looked up once per job)."""
    by_job, targets = {}, {}
    for user in users.values():
        job = (user.role, user.specialty)
        if job not in by_job:
            chosen = role_profile(user)
            by_job[job] = {r.area_id: r.target_level for r in chosen.requirements.all()} if chosen else {}
        targets[user.pk] = by_job[job]
    return targets
