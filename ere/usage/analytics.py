"""Usage analytics: the metrics of docs/usage.md as Ibis expressions, with no Django import.

Two layers:

- **Expression builders** (`scope`, `activity`, `population`, `tool_stats`, `co_usage`, `transitions`,
  `agent_hours`, `overload_distribution`, `overload_summary`, `weekly_adoption`, `adoption_after_launch`,
  `declared_vs_measured`) take Ibis tables and return Ibis expressions. They run unchanged on DuckDB (the default),
  PostgreSQL and the other SQL backends of Ibis, and they apply the row-level privacy rule themselves, so that no
  caller can forget it.
- **`Analysis`** executes them for one scope on one backend. It dictionary-encodes agents and tools as integers once,
  caches the scoped events and the agent-day activity as temporary tables, and decodes tool names at the end. The
  encoding is what makes the report fast (a window or a group-by on integers is several times faster than on 64-char
  agent hashes) and what makes every backend agree: tool order (pairs A < B, ties in transitions) is Python's
  code-point order, never the database collation.

Times: `start` is a UTC timestamp (with a time zone, or naive and meant as UTC). Days and clock hours are those of
`tz` (Europe/Paris): the UTC offset is a piecewise constant of the epoch, computed from the zone's transitions with
`zoneinfo` and compiled to a (balanced) CASE expression. That is exact across changes of time, portable, and much
cheaper than a per-row time zone conversion. Internally `day` and `hour` are integers: local days and local hours
since 1970-01-01. DuckDB takes the epoch of a zoned timestamp through the session's zone: run on a UTC session, as
Ibis's DuckDB and PostgreSQL connections are (or give naive UTC timestamps, which is also faster on DuckDB).
"""

import dataclasses
import datetime
import math
import uuid
from zoneinfo import ZoneInfo

import ibis
import networkx as nx
import pyarrow as pa
import sqlglot as sg
from ibis import _

PARIS = "Europe/Paris"
DEFAULT_SEED = 20261025
EPOCH_DATE = datetime.date(1970, 1, 1)
# Without a period, times are converted over this span (the zone's transitions are listed from zoneinfo).
OPEN_SPAN = (datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))
SECONDS_PER_DAY = 86_400
SECONDS_PER_HOUR = 3_600

# Survey frequency scale (the values of ere.usage.enums.Frequency), from « jamais » (0) to « plusieurs fois par
# jour » (5); see declared_vs_measured().
FREQUENCY_LEVELS = (
    "never",
    "less_than_monthly",
    "monthly",
    "weekly",
    "daily",
    "several_daily",
)


@dataclasses.dataclass(frozen=True)
class Filters:
    """What to analyse: a period (local dates, both inclusive) and groups of agents (OR within, AND across)."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    agencies: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def __post_init__(self):
        if self.start and self.end and self.start > self.end:
            raise ValueError("La date de début est postérieure à la date de fin.")

    @property
    def needs_agents(self):
        return bool(self.agencies or self.territories or self.roles)


# Time zones -------------------------------------------------------------------------------------------------------


def day_to_date(day):
    """The calendar date of a local day number (days since 1970-01-01)."""
    return EPOCH_DATE + datetime.timedelta(days=int(day))


def date_to_day(date):
    """The local day number of a calendar date."""
    return (date - EPOCH_DATE).days


def local_midnight_utc(date, tz=PARIS):
    """The UTC instant at which `date` starts in `tz`."""
    return datetime.datetime.combine(date, datetime.time(), tzinfo=ZoneInfo(tz)).astimezone(datetime.UTC)


def utc_offsets(tz, first, last):
    """The zone's UTC offsets (seconds) over [first, last]: `(boundaries, offsets)`.

    `offsets[0]` holds before `boundaries[0]`, `offsets[i]` from `boundaries[i - 1]` (epoch seconds, UTC) up to
    `boundaries[i]`, the last one after. A day is probed at UTC midnight; a change between two probes is bisected to
    the second (zones change time on whole seconds, and at most once a day).
    """
    zone = ZoneInfo(tz)

    def offset_at(seconds):
        return int(datetime.datetime.fromtimestamp(seconds, zone).utcoffset().total_seconds())

    probe = (date_to_day(first) - 2) * SECONDS_PER_DAY
    stop = (date_to_day(last) + 3) * SECONDS_PER_DAY
    offsets = [offset_at(probe)]
    boundaries = []
    while probe < stop:
        following = probe + SECONDS_PER_DAY
        if offset_at(following) != offsets[-1]:
            low, high = probe, following  # offset_at(low) is the old offset, offset_at(high) the new one
            while high - low > 1:
                middle = (low + high) // 2
                if offset_at(middle) == offsets[-1]:
                    low = middle
                else:
                    high = middle
            boundaries.append(high)
            offsets.append(offset_at(high))
        probe = following
    return boundaries, offsets


def _piecewise(epoch, boundaries, offsets, low=0, high=None):
    """A balanced CASE tree choosing the offset of `epoch`: log2(segments) comparisons per row."""
    if high is None:
        high = len(offsets) - 1
    if low == high:
        return ibis.literal(offsets[low], type="int32")
    middle = (low + high + 1) // 2
    return ibis.ifelse(
        epoch < boundaries[middle - 1],
        _piecewise(epoch, boundaries, offsets, low, middle - 1),
        _piecewise(epoch, boundaries, offsets, middle, high),
    )


def _instant(column, moment):
    """A literal comparable with the timestamp `column`: aware if the column has a time zone, naive UTC if not."""
    if column.type().timezone is None:
        return ibis.literal(moment.replace(tzinfo=None))
    return ibis.literal(moment)


def _memtable(columns, schema):
    """An in-memory table built through Arrow with explicit types (not pandas: no type guessing, no warnings)."""
    arrow_schema = ibis.schema(schema).to_pyarrow()
    return ibis.memtable(pa.table(columns, schema=arrow_schema))


# Expression builders ----------------------------------------------------------------------------------------------


def remap_tools(events, mapping):
    """Count the events of raw application names as the tools they are now mapped to (`{raw name: tool}`).

    `Analysis` folds this into its tool dictionary instead; this form serves callers of the builders alone.
    """
    if not mapping:
        return events
    table = _memtable(
        {"raw_tool": list(mapping), "mapped_tool": list(mapping.values())},
        {"raw_tool": "string", "mapped_tool": "string"},
    )
    joined = events.left_join(table, events.tool == table.raw_tool)
    return joined.mutate(tool=joined.mapped_tool.coalesce(joined.tool)).drop("raw_tool", "mapped_tool")


def scope(events, agents=None, filters=Filters(), *, tz=PARIS, span=None):
    """The events of the scope, with their local `day` and `hour` numbers.

    `events` has `agent`, `tool`, `start` (UTC) and `duration_s`; `agents` (needed by agency, territory or role
    filters) has `agent`, `agency`, `territory`, `role`. Events of agents missing from `agents` count only when no such
    filter is set. The period is compared on `start` against UTC instants, so that Parquet row groups and partitions
    can be skipped. `span` (two dates) bounds the time conversion when the filters have no period.
    """
    if filters.needs_agents:
        if agents is None:
            raise ValueError("Un filtre par agence, territoire ou rôle demande la table des agents.")
        chosen = agents
        if filters.agencies:
            chosen = chosen.filter(chosen.agency.isin(filters.agencies))
        if filters.territories:
            chosen = chosen.filter(chosen.territory.isin(filters.territories))
        if filters.roles:
            chosen = chosen.filter(chosen.role.isin(filters.roles))
        events = events.filter(events.agent.isin(chosen.agent))
    if filters.start:
        events = events.filter(events.start >= _instant(events.start, local_midnight_utc(filters.start, tz)))
    if filters.end:
        end = filters.end + datetime.timedelta(days=1)
        events = events.filter(events.start < _instant(events.start, local_midnight_utc(end, tz)))
    first = filters.start or (span[0] if span else OPEN_SPAN[0])
    last = filters.end or (span[1] if span else OPEN_SPAN[1])
    epoch = events.start.epoch_seconds()
    local = epoch + _piecewise(epoch, *utc_offsets(tz, first, last))
    return events.select(
        "agent",
        "tool",
        "start",
        "duration_s",
        day=(local / SECONDS_PER_DAY).floor().cast("int32"),
        hour=(local / SECONDS_PER_HOUR).floor().cast("int32"),
    )


def activity(scoped):
    """Agent-day activity: one row per agent, day and active tool, with its events and seconds.

    Everything about tools, pairs and populations derives from this table, much smaller than the events.
    """
    return scoped.group_by("agent", "day", "tool").agg(events=_.count(), seconds=_.duration_s.sum())


def population(activity, min_group):
    """Agents and agent-days (N) of the scope: no row at all when the scope has fewer than `min_group` agents."""
    agent_days = activity.select("agent", "day").distinct()
    totals = agent_days.aggregate(agents=_.agent.nunique(), agent_days=_.count())
    return totals.filter(totals.agents >= min_group)


def tool_stats(activity, min_group):
    """Per tool: active agents, agent-days nA, events, minutes and adoption; tools of fewer than `min_group` agents
    are left out."""
    scope_agents = activity.agent.nunique().as_scalar()
    stats = activity.group_by("tool").agg(
        active_agents=_.agent.nunique(),
        agent_days=_.count(),
        events=_.events.sum(),
        minutes=_.seconds.sum() / 60,
    )
    stats = stats.filter(stats.active_agents >= min_group)
    return stats.mutate(adoption=stats.active_agents.cast("float64") / scope_agents.cast("float64"))


def _pair_measures(c, n_a, n_b, n):
    """Jaccard, lift and phi from float columns: c joint agent-days, nA, nB, and N."""
    denominator = n_a * (n - n_a) * n_b * (n - n_b)
    phi = ibis.ifelse(denominator > 0, (c * n - n_a * n_b) / denominator.sqrt(), ibis.null("float64"))
    return {"jaccard": c / (n_a + n_b - c), "lift": c * n / (n_a * n_b), "phi": phi}


def co_usage(activity, min_group):
    """For each pair of tools A < B used on a same agent-day: c, the agents behind c, jaccard, lift and phi.

    A self-join of the activity on agent-day. Pairs whose c comes from fewer than `min_group` agents are left out
    (that also drops every pair of a tool that has fewer agents). Pairs never used together are not listed.
    """
    left, right = activity.view(), activity.view()
    joined = left.join(right, [left.agent == right.agent, left.day == right.day, left.tool < right.tool]).select(
        agent=left.agent, a=left.tool, b=right.tool
    )
    pairs = joined.group_by("a", "b").agg(agent_days=_.count(), agents=_.agent.nunique())
    pairs = pairs.filter(pairs.agents >= min_group)
    days_a = activity.group_by("tool").agg(n_a=_.count())
    days_b = days_a.rename(n_b="n_a")
    n = activity.select("agent", "day").distinct().count().as_scalar()
    pairs = pairs.join(days_a, pairs.a == days_a.tool).drop("tool")
    pairs = pairs.join(days_b, pairs.b == days_b.tool).drop("tool")
    measures = _pair_measures(
        pairs.agent_days.cast("float64"), pairs.n_a.cast("float64"), pairs.n_b.cast("float64"), n.cast("float64")
    )
    return pairs.select("a", "b", "agent_days", "agents", **measures)


def transitions(scoped, min_group):
    """A→B switches: consecutive events of an agent-day (by start, ties by tool) whose tools differ.

    Pairs made by fewer than `min_group` agents are left out.
    """
    window = ibis.window(group_by=[scoped.agent, scoped.day], order_by=[scoped.start, scoped.tool])
    steps = scoped.select("agent", "tool", previous=scoped.tool.lag().over(window))
    switches = steps.filter(steps.previous.notnull() & (steps.previous != steps.tool))
    counts = switches.group_by(source="previous", target="tool").agg(count=_.count(), agents=_.agent.nunique())
    return counts.filter(counts.agents >= min_group)


def agent_hours(scoped):
    """Distinct tools used by each agent in each local clock hour."""
    return scoped.group_by("agent", "hour").agg(tools=_.tool.nunique())


def overload_distribution(agent_hours, min_group):
    """Agent-hours per number of distinct tools; a count made of fewer than `min_group` agents is left out."""
    distribution = agent_hours.group_by("tools").agg(agent_hours=_.count(), agents=_.agent.nunique())
    return distribution.filter(distribution.agents >= min_group)


def overload_summary(agent_hours, min_group):
    """Agent-hours, median and 90th percentile of distinct tools per agent-hour (linear interpolation, as
    PostgreSQL's percentile_cont): no row when the scope has fewer than `min_group` agents."""
    tools = agent_hours.tools.cast("float64")
    summary = agent_hours.aggregate(
        agents=_.agent.nunique(), agent_hours=_.count(), median=tools.quantile(0.5), p90=tools.quantile(0.9)
    )
    return summary.filter(summary.agents >= min_group)


def _monday(day):
    """The day number of the Monday starting the week of `day` (1970-01-01, day 0, was a Thursday)."""
    return day - (day + 3) % 7


def weekly_adoption(activity, min_group):
    """Per week (`week`: day number of its Monday) and tool: active agents / agents active that week.

    Cells of fewer than `min_group` active agents are left out.
    """
    weekly = activity.mutate(week=_monday(activity.day))
    agents = weekly.group_by("week").agg(agents=_.agent.nunique())
    users = weekly.group_by("week", "tool").agg(active_agents=_.agent.nunique())
    users = users.filter(users.active_agents >= min_group)
    joined = users.join(agents, "week")
    return joined.mutate(adoption=joined.active_agents.cast("float64") / joined.agents.cast("float64"))


def adoption_after_launch(activity, launch_dates, min_group):
    """Adoption curve of launched tools: for each week since launch (0 = the launch week), the agents who used the
    tool that week / the agents active that week. `launch_dates` is `{tool: date}`; days before launch don't count.

    Cells of fewer than `min_group` active agents are left out.
    """
    if not launch_dates:
        return activity.select(
            tool=activity.tool,
            week=ibis.literal(0, "int32"),
            active_agents=ibis.literal(0, "int64"),
            agents=ibis.literal(0, "int64"),
            adoption=ibis.literal(0.0),
        ).limit(0)
    tool_type = activity.tool.type()
    launches = _memtable(
        {"tool": list(launch_dates), "launch_day": [date_to_day(date) for date in launch_dates.values()]},
        {"tool": tool_type, "launch_day": "int32"},
    )
    agent_days = activity.select("agent", "day").distinct()
    windows = agent_days.cross_join(launches).filter(_.day >= _.launch_day)
    windows = windows.mutate(week=((windows.day - windows.launch_day) / 7).floor().cast("int32"))
    agents = windows.group_by("tool", "week").agg(agents=_.agent.nunique())
    used = activity.join(launches, "tool").filter(_.day >= _.launch_day)
    used = used.mutate(week=((used.day - used.launch_day) / 7).floor().cast("int32"))
    users = used.group_by("tool", "week").agg(active_agents=_.agent.nunique())
    users = users.filter(users.active_agents >= min_group)
    joined = users.join(agents, ["tool", "week"])
    return joined.mutate(adoption=joined.active_agents.cast("float64") / joined.agents.cast("float64"))


def _measured_level(tool_days, agent_days, events):
    """The measured frequency level (0 to 5, FREQUENCY_LEVELS) of an agent for a tool, see docs/usage.md.

    r = the tool's agent-days / the agent's agent-days; e = the tool's events per agent-day where it is active.
    """
    share = tool_days.cast("float64") / agent_days.cast("float64")
    per_day = events.cast("float64") / ibis.greatest(tool_days, 1).cast("float64")
    return ibis.cases(
        (tool_days == 0, 0),
        (share < 1 / 20, 1),
        (share < 1 / 5, 2),
        (share < 4 / 5, 3),
        (per_day < 2, 4),
        else_=5,
    )


def _share(table, condition):
    """The share of the group's rows where `condition` holds, as a float on every backend (PostgreSQL casts no
    boolean to a float, and averages integers or literals as decimals)."""
    return ibis.ifelse(condition, 1, 0).sum().cast("float64") / table.count().cast("float64")


def declared_vs_measured(activity, declared, min_group):
    """Declared (survey) vs measured (logs) frequency per tool, over the agents who answered and are active.

    `declared` has `agent`, `tool`, `level` (0 to 5, FREQUENCY_LEVELS). Per tool: agents compared, mean declared and
    measured levels, and the shares of agents who declare the same level, more, or less than measured. Tools with
    fewer than `min_group` compared agents are left out.
    """
    days = activity.select("agent", "day").distinct().group_by("agent").agg(agent_days=_.count())
    uses = activity.group_by("agent", "tool").agg(tool_days=_.count(), events=_.events.sum())
    answers = declared.join(days, "agent")
    answers = answers.left_join(uses, [answers.agent == uses.agent, answers.tool == uses.tool]).select(
        answers.agent,
        answers.tool,
        declared=answers.level.cast("float64"),
        measured=_measured_level(uses.tool_days.coalesce(0), answers.agent_days, uses.events.coalesce(0)).cast(
            "float64"
        ),
    )
    summary = answers.group_by("tool").agg(
        agents=_.agent.nunique(),
        declared_mean=_.declared.mean(),
        measured_mean=_.measured.mean(),
        same=_share(answers, answers.declared == answers.measured),
        over=_share(answers, answers.declared > answers.measured),
        under=_share(answers, answers.declared < answers.measured),
    )
    return summary.filter(summary.agents >= min_group)


# Graph ------------------------------------------------------------------------------------------------------------


def communities(co_usage_rows, *, seed=DEFAULT_SEED, tools=()):
    """Louvain communities of the co-usage graph: edges weighted by phi, only phi > 0.

    `co_usage_rows` are mappings with `a`, `b`, `phi`; `tools` adds nodes without such edges, which then form
    communities of their own. Nodes and edges are added in sorted order so that a seed always gives the same answer.
    Each community is sorted; the largest come first, ties by their first tool.
    """
    graph = nx.Graph()
    edges = sorted(
        (row["a"], row["b"], row["phi"])
        for row in co_usage_rows
        if row["phi"] is not None and not math.isnan(row["phi"]) and row["phi"] > 0
    )
    graph.add_nodes_from(sorted(set(tools) | {node for edge in edges for node in edge[:2]}))
    graph.add_weighted_edges_from(edges)
    if not graph:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))


# Execution --------------------------------------------------------------------------------------------------------


def rows(expr):
    """Execute an expression and return its rows as dicts of Python values."""
    return expr.to_pyarrow().to_pylist()


class Analysis:
    """The metrics of one scope, executed on the events' backend with shared intermediate tables.

    Use it as a context manager: the temporary tables are dropped on exit.

        with Analysis(events, agents, filters, min_group=5, mapping={"outlook": "messagerie"}) as analysis:
            analysis.report()

    `mapping` re-maps raw application names to tools (`RawApplication` rows with a tool).
    """

    def __init__(self, events, agents=None, filters=Filters(), *, min_group, mapping=None, tz=PARIS):
        if min_group < 1:
            raise ValueError("Le seuil de confidentialité doit valoir au moins 1.")
        self.events = events
        self.agents = agents
        self.filters = filters
        self.min_group = min_group
        self.mapping = dict(mapping or {})
        self.tz = tz
        self._cached = []
        self._base = self._activity = self._agent_hours = self._agent_ids = None
        self._tool_names = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        """Drop the temporary tables."""
        while self._cached:
            _drop_table(*self._cached.pop())

    def _cache(self, expr):
        """Materialise `expr` as a temporary table of its backend.

        Not `Table.cache()`: with sqlglot ≥ 30.18, Ibis 12 writes a nameless DROP when it releases the table
        (ibis#12101), so the tables are created here and dropped by `_drop_table`.
        """
        backend = ibis.get_backend(expr)
        name = f"ere_usage_{uuid.uuid4().hex}"
        table = backend.create_table(name, expr, temp=True)
        self._cached.append((backend, name))
        return table

    # Encoded intermediate tables

    def _prepare(self):
        """Scope, dictionary-encode and materialise the events, then the agent-day activity.

        Two light passes list the scope's tools and agents (the dictionaries), one more writes the encoded events;
        every metric then reads these temporary tables, never the lake again.
        """
        if self._base is not None:
            return
        span = None
        if not (self.filters.start and self.filters.end):
            bounds = rows(self.events.aggregate(first=_.start.min(), last=_.start.max()))[0]
            if bounds["first"] is not None:
                span = (
                    self.filters.start or _to_date(bounds["first"], self.tz),
                    self.filters.end or _to_date(bounds["last"], self.tz),
                )
        scoped = scope(self.events, self.agents, self.filters, tz=self.tz, span=span)
        raw_names = [row["tool"] for row in rows(scoped.select("tool").distinct())]
        canonical = {name: self.mapping.get(name, name) for name in raw_names}
        self._tool_names = sorted(set(canonical.values()))
        ids = {name: position for position, name in enumerate(self._tool_names)}
        dictionary = _memtable(
            {"tool": list(canonical), "tool_id": [ids[name] for name in canonical.values()]},
            {"tool": "string", "tool_id": "int32"},
        )
        distinct_agents = scoped.select("agent").distinct()
        self._agent_ids = self._cache(
            distinct_agents.mutate(agent_id=ibis.row_number().over(order_by=distinct_agents.agent).cast("int32"))
        )
        encoded = scoped.join(self._agent_ids, "agent").join(dictionary, "tool")
        self._base = self._cache(
            encoded.select(
                agent=encoded.agent_id,
                tool=encoded.tool_id,
                start=encoded.start,
                duration_s=encoded.duration_s,
                day=encoded.day,
                hour=encoded.hour,
            )
        )
        self._activity = self._cache(activity(self._base))

    @property
    def base(self):
        """The scoped events, agents and tools as integers."""
        self._prepare()
        return self._base

    @property
    def activity(self):
        """The agent-day activity, agents and tools as integers."""
        self._prepare()
        return self._activity

    def _hours(self):
        if self._agent_hours is None:
            self._agent_hours = self._cache(agent_hours(self.base))
        return self._agent_hours

    def _names(self, records, *columns):
        for record in records:
            for column in columns:
                record[column] = self._tool_names[record[column]]
        return records

    def _encode_tools(self, names, *, add=False):
        """Tool ids of `names`; a name unseen in the scope is dropped, or given a new id with `add`."""
        self._prepare()
        ids = {name: position for position, name in enumerate(self._tool_names)}
        encoded = {}
        for name in names:
            canonical = self.mapping.get(name, name)
            if canonical not in ids and add:
                ids[canonical] = len(self._tool_names)
                self._tool_names.append(canonical)
            if canonical in ids:
                encoded[name] = ids[canonical]
        return encoded

    # Metrics

    def population(self):
        """`{"agents", "agent_days"}`, or None when the scope is suppressed."""
        found = rows(population(self.activity, self.min_group))
        return found[0] if found else None

    def tools(self):
        records = self._names(rows(tool_stats(self.activity, self.min_group)), "tool")
        return sorted(records, key=lambda record: (-record["agent_days"], record["tool"]))

    def co_usage(self):
        records = self._names(rows(co_usage(self.activity, self.min_group)), "a", "b")
        return sorted(records, key=lambda record: (record["a"], record["b"]))

    def transitions(self):
        records = self._names(rows(transitions(self.base, self.min_group)), "source", "target")
        return sorted(records, key=lambda record: (-record["count"], record["source"], record["target"]))

    def overload(self):
        """`{"agent_hours", "median", "p90", "distribution": [{"tools", "agent_hours"}]}` or None if suppressed."""
        summary = rows(overload_summary(self._hours(), self.min_group))
        if not summary:
            return None
        distribution = rows(overload_distribution(self._hours(), self.min_group).order_by("tools"))
        return {
            "agent_hours": summary[0]["agent_hours"],
            "median": summary[0]["median"],
            "p90": summary[0]["p90"],
            "distribution": [{"tools": row["tools"], "agent_hours": row["agent_hours"]} for row in distribution],
        }

    def weekly_adoption(self):
        records = self._names(rows(weekly_adoption(self.activity, self.min_group)), "tool")
        for record in records:
            record["week"] = day_to_date(record["week"])
        return sorted(records, key=lambda record: (record["tool"], record["week"]))

    def adoption_after_launch(self, launch_dates):
        """Adoption per week since launch, for the tools of `{tool name: launch date}` seen in the scope."""
        ids = self._encode_tools(launch_dates)
        encoded = {ids[name]: date for name, date in launch_dates.items() if name in ids}
        records = self._names(rows(adoption_after_launch(self.activity, encoded, self.min_group)), "tool")
        return sorted(records, key=lambda record: (record["tool"], record["week"]))

    def declared_vs_measured(self, declared):
        """`declared`: an Ibis table (`agent` pseudonym, `tool` name, `level` 0 to 5) on the same backend."""
        ids = self._encode_tools([record["tool"] for record in rows(declared.select("tool").distinct())], add=True)
        dictionary = _memtable(
            {"tool": list(ids), "tool_id": list(ids.values())}, {"tool": "string", "tool_id": "int32"}
        )
        encoded = declared.join(self._agent_ids, "agent").join(dictionary, "tool")
        encoded = encoded.select(agent=encoded.agent_id, tool=encoded.tool_id, level=encoded.level)
        records = self._names(rows(declared_vs_measured(self.activity, encoded, self.min_group)), "tool")
        return sorted(records, key=lambda record: record["tool"])

    def report(self, *, seed=DEFAULT_SEED):
        """Everything the `usage_report` command writes, or only `{"suppressed": True}` for a too small scope."""
        counts = self.population()
        if counts is None:
            return {"suppressed": True}
        tools = self.tools()
        pairs = self.co_usage()
        return {
            "suppressed": False,
            "population": {"agents": counts["agents"], "agent_days": counts["agent_days"]},
            "tools": [
                {key: record[key] for key in ("tool", "active_agents", "agent_days", "events", "minutes", "adoption")}
                for record in tools
            ],
            "co_usage": [
                {key: record[key] for key in ("a", "b", "agent_days", "jaccard", "lift", "phi")} for record in pairs
            ],
            "transitions": [
                {"from": record["source"], "to": record["target"], "count": record["count"]}
                for record in self.transitions()
            ],
            "communities": communities(pairs, seed=seed, tools=[record["tool"] for record in tools]),
            "overload": self.overload(),
        }


def _drop_table(backend, name):
    """Drop a temporary table with plain SQL (see `Analysis._cache`)."""
    statement = f"DROP TABLE IF EXISTS {sg.table(name, quoted=True).sql(backend.dialect)}"
    if backend.name == "duckdb":
        # DuckDB's own API runs the statement at once; its raw_sql would leave a pending result on the connection.
        backend.con.sql(statement)
    else:
        backend.raw_sql(statement).close()  # a DB-API cursor


def _to_date(moment, tz):
    """The local date of a timestamp returned by a backend (aware, or naive UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(ZoneInfo(tz)).date()
