"""Entraide activity for those who oversee agencies: aggregates only, never a name, small groups suppressed.

Per month (the last six, this one included) of the requests asked from the agencies in scope: requests asked,
resolved, the share resolved, the median time to the first acceptance, the number of distinct helpers; per tool, the
requests of the whole period (the ten most asked); per month, the tips and questions posted by members of the
agencies.

Suppression: every figure is computed over a group of people — for a request figure, the requesters and helpers of
the requests it counts; for a post figure, their authors. A figure whose group has fewer than `min_group` people
is not shown (« — »). The resolved count and the share resolved are suppressed together (one would give the other
from the requests asked), and a month whose requests involve fewer than `min_group` people shows none of its request
figures. There are no totals, so that no hidden figure can be recovered by subtraction.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

import plotly.graph_objects as go
from django.utils import timezone
from django.utils.dateformat import format as date_format

from ere.peers.enums import PostKind, RequestStatus
from ere.peers.models import HelpRequest, Post
from ere.usage.charts import PALETTE, _layout

MONTHS = 6
TOP_TOOLS = 10


@dataclass(frozen=True)
class Figure:
    value: float | None  # None when suppressed

    @property
    def suppressed(self):
        return self.value is None


def _figure(value, people, min_group):
    return Figure(value if len(people) >= min_group else None)


@dataclass
class Month:
    start: datetime.date
    asked: Figure
    resolved: Figure
    share: Figure  # percent
    median_hours: Figure
    helpers: Figure
    tips: Figure
    questions: Figure

    @property
    def label(self):
        return date_format(self.start, "F Y")

    @property
    def suppressed(self):
        return self.asked.suppressed


@dataclass
class ToolRow:
    name: str
    requests: int


@dataclass
class Activity:
    months: list
    tools: list  # ToolRow, most asked first, groups large enough only
    hidden_tools: int  # tools asked about by fewer than min_group people
    min_group: int

    @property
    def any_shown(self):
        return any(not month.suppressed for month in self.months)

    @property
    def any_posts_shown(self):
        return any(not (month.tips.suppressed and month.questions.suppressed) for month in self.months)


def last_months(today, count=MONTHS):
    """The first days of the `count` last months, the oldest first, this month last."""
    year, month, starts = today.year, today.month, []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def _month_of(moment):
    return timezone.localtime(moment).date().replace(day=1)


def _people(rows):
    return {person for row in rows for person in (row["requester_id"], row["helper_id"]) if person is not None}


def _month(start, rows, posts, min_group):
    people = _people(rows)
    resolved = [row for row in rows if row["status"] == RequestStatus.RESOLVED]
    accepted = [row for row in rows if row["accepted_at"] is not None]
    hours = [(row["accepted_at"] - row["created_at"]).total_seconds() / 3600 for row in accepted]
    helpers = {row["helper_id"] for row in rows if row["helper_id"] is not None}
    tips = [post for post in posts if post["kind"] == PostKind.TIP]
    questions = [post for post in posts if post["kind"] == PostKind.QUESTION]
    hidden = len(people) < min_group
    resolved_group = set() if hidden else _people(resolved)
    return Month(
        start=start,
        asked=_figure(len(rows), people, min_group),
        resolved=_figure(len(resolved), resolved_group, min_group),
        share=_figure(100 * len(resolved) / len(rows) if rows else None, resolved_group, min_group),
        median_hours=_figure(
            statistics.median(hours) if hours else None, set() if hidden else _people(accepted), min_group
        ),
        helpers=_figure(len(helpers), people, min_group),
        tips=_figure(len(tips), {post["author_id"] for post in tips}, min_group),
        questions=_figure(len(questions), {post["author_id"] for post in questions}, min_group),
    )


def activity(agencies, today, min_group, months=MONTHS):
    """The Entraide activity of the requests and posts of these agencies' members over the last `months` months."""
    starts = last_months(today, months)
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    requests = (
        HelpRequest.objects.filter(agency__in=agencies, created_at__gte=since)
        .values("created_at", "accepted_at", "status", "requester_id", "helper_id", "tool__name")
        .order_by()
    )
    posts = (
        Post.objects.visible()
        .topics()
        .filter(author__agency__in=agencies, created_at__gte=since)
        .values("created_at", "kind", "author_id")
        .order_by()
    )
    by_month, by_tool, posts_by_month = defaultdict(list), defaultdict(list), defaultdict(list)
    for row in requests:
        by_month[_month_of(row["created_at"])].append(row)
        by_tool[row["tool__name"]].append(row)
    for post in posts:
        posts_by_month[_month_of(post["created_at"])].append(post)
    shown_tools = [ToolRow(name, len(rows)) for name, rows in by_tool.items() if len(_people(rows)) >= min_group]
    shown_tools.sort(key=lambda row: (-row.requests, row.name))
    return Activity(
        months=[_month(start, by_month[start], posts_by_month[start], min_group) for start in starts],
        tools=shown_tools[:TOP_TOOLS],
        hidden_tools=len(by_tool) - len(shown_tools),
        min_group=min_group,
    )


def chart(figures):
    """Requests asked and resolved per month (grouped bars; a suppressed month has no bar), as Plotly JSON."""
    labels = [month.label for month in figures.months]
    fig = go.Figure()
    for name, key, colour in (("Demandes", "asked", PALETTE[0]), ("Résolues", "resolved", PALETTE[2])):
        fig.add_trace(
            go.Bar(
                name=name,
                x=labels,
                y=[getattr(month, key).value for month in figures.months],
                marker_color=colour,
                hovertemplate=f"%{{x}} : %{{y}} {name.lower()}<extra></extra>",
            )
        )
    fig.update_yaxes(rangemode="tozero", title=None, gridcolor="#e5e5e5")
    fig.update_xaxes(title=None)
    return _layout(fig, height=320, barmode="group", legend={"orientation": "h", "y": -0.15})
