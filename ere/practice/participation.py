"""Participation in the practice quarter: per agency and per week, the share of agents who finished theirs.

Participation only, never scores, never names. The unit of suppression is the agency, as for the surveys: an agency
with fewer than `min_group` agents shows « non affiché » and counts in no figure, not even in the totals (so that no
figure can be subtracted from another to recover a small agency's).

Agents are the active users of role agent or champion; each counts in the agency they belong to now.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count

from ere.org.access import FRONTLINE
from ere.org.models import User
from ere.practice.models import PracticeQuarter, week_start

WEEKS = 8


@dataclass
class Cell:
    week: datetime.date
    done: int
    agents: int

    @property
    def rate(self):
        return 100 * self.done / self.agents if self.agents else None


@dataclass
class Row:
    label: str
    agents: int
    suppressed: bool
    cells: list = field(default_factory=list)

    @property
    def mean_rate(self):
        rates = [cell.rate for cell in self.cells if cell.rate is not None]
        return sum(rates) / len(rates) if rates else None


@dataclass
class Participation:
    weeks: list
    this_week: datetime.date
    rows: list
    total: Row
    min_group: int

    @property
    def shown(self):
        return [row for row in self.rows if not row.suppressed]


def last_weeks(today, count=WEEKS):
    """The Mondays of the `count` last weeks, the oldest first, this week last."""
    this_week = week_start(today)
    return [this_week - datetime.timedelta(days=7 * n) for n in range(count - 1, -1, -1)]


def participation(agencies, today, min_group, count=WEEKS):
    """Per agency (in `agencies`, ordered) and per week, the agents who finished their quarter, and the total."""
    agencies = list(agencies)
    weeks = last_weeks(today, count)
    frontline = User.objects.active().filter(role__in=FRONTLINE, agency__in=agencies)
    agents = dict(frontline.values("agency").annotate(n=Count("id")).values_list("agency", "n"))
    done = {
        (row["user__agency"], row["week"]): row["n"]
        for row in PracticeQuarter.practised()
        .filter(week__in=weeks, user__in=frontline)
        .values("user__agency", "week")
        .annotate(n=Count("id", distinct=True))
    }
    rows = []
    for agency in agencies:
        size = agents.get(agency.pk, 0)
        suppressed = size < min_group
        cells = [] if suppressed else [Cell(week, done.get((agency.pk, week), 0), size) for week in weeks]
        rows.append(Row(agency.name, size, suppressed, cells))
    counted = [row for row in rows if not row.suppressed]
    total_agents = sum(row.agents for row in counted)
    total = Row(
        "Ensemble",
        total_agents,
        total_agents < min_group,
        [Cell(week, sum(row.cells[n].done for row in counted), total_agents) for n, week in enumerate(weeks)],
    )
    return Participation(weeks, weeks[-1], rows, total, min_group)
