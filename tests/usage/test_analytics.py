"""Usage analytics on small hand-computed cases (DuckDB). The same cases run on PostgreSQL in
test_analytics_backends.py; properties in test_analytics_properties.py.

Times in the data are local (Europe/Paris) unless they end with « Z ». In October 2026 Paris is on summer time (UTC+2)
until Sunday 25 October, 03:00 local (01:00 UTC), when clocks go back to 02:00 (UTC+1).
"""

import datetime
import math
from zoneinfo import ZoneInfo

import ibis
import pyarrow as pa
import pytest

from ere.usage import analytics
from ere.usage.analytics import Analysis, Filters

PARIS = ZoneInfo("Europe/Paris")
OCTOBER = Filters(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
EVERYTHING = Filters()


def instant(text):
    """A UTC datetime from « 2026-10-05 09:00 » (Paris time) or « 2026-10-24 21:59:59Z » (UTC)."""
    if text.endswith("Z"):
        return datetime.datetime.fromisoformat(text[:-1]).replace(tzinfo=datetime.UTC)
    return datetime.datetime.fromisoformat(text).replace(tzinfo=PARIS).astimezone(datetime.UTC)


def events_arrow(rows):
    """Lake-shaped events from (agent, tool, start, duration in seconds) rows."""
    return pa.table(
        {
            "agent": pa.array([row[0] for row in rows], pa.string()),
            "tool": pa.array([row[1] for row in rows], pa.string()),
            "start": pa.array([instant(row[2]) for row in rows], pa.timestamp("us", tz="UTC")),
            "duration_s": pa.array([float(row[3]) for row in rows], pa.float64()),
        }
    )


def agents_arrow(rows):
    """The agents dimension from (agent, agency, territory, role) rows."""
    names = ("agent", "agency", "territory", "role")
    return pa.table({name: pa.array([row[i] for row in rows], pa.string()) for i, name in enumerate(names)})


# Four agents over Monday 5 and Tuesday 6 October 2026. The rows of a2 on Monday share their start (14:00): the tie
# is broken by tool identifier, agenda before crm, although crm comes first in the data.
WEEK = [
    ("a1", "crm", "2026-10-05 09:00", 600),
    ("a1", "mail", "2026-10-05 09:10", 300),
    ("a1", "agenda", "2026-10-05 09:20", 120),
    ("a1", "crm", "2026-10-05 09:30", 600),
    ("a1", "mail", "2026-10-06 10:00", 60),
    ("a1", "crm", "2026-10-06 10:05", 240),
    ("a2", "crm", "2026-10-05 14:00", 60),
    ("a2", "agenda", "2026-10-05 14:00", 300),
    ("a2", "mail", "2026-10-06 11:00", 600),
    ("a2", "mail", "2026-10-06 11:30", 60),
    ("a3", "mail", "2026-10-05 16:00", 120),
    ("a3", "crm", "2026-10-05 16:59:59", 30),
    ("a3", "mail", "2026-10-05 17:00", 30),
    ("a4", "mail", "2026-10-06 08:00", 30),
]
# Agent-days and their active tools:
#   a1 Mon {agenda, crm, mail}   a1 Tue {crm, mail}   a2 Mon {agenda, crm}   a2 Tue {mail}
#   a3 Mon {crm, mail}           a4 Tue {mail}
# N = 6 agent-days, 4 agents; nA: agenda 2, crm 4, mail 5.
WEEK_AGENTS = [
    ("a1", "69001", "DT69", "agent"),
    ("a2", "69001", "DT69", "agent"),
    ("a3", "38001", "DT38", "champion"),
    # a4 is not a registered user: counted in « all », in no agency or role.
]


# Events of one agent around the change to winter time (Sunday 25 October 2026, 03:00 summer time → 02:00 winter time).
CHANGE_TO_WINTER_TIME = [
    ("a1", "x", "2026-10-24 21:59:59.999999Z", 1),  # 23:59:59.999999 summer time: Saturday 24
    ("a1", "y", "2026-10-24 22:00:00Z", 1),  # 00:00 summer time: Sunday 25
    ("a1", "x", "2026-10-25 00:30:00Z", 1),  # 02:30 summer time, Sunday 25
    ("a1", "z", "2026-10-25 01:30:00Z", 1),  # 02:30 again, winter time, Sunday 25
    ("a1", "x", "2026-10-25 22:59:59Z", 1),  # 23:59:59 winter time: still Sunday 25
    ("a1", "y", "2026-10-25 23:00:00Z", 1),  # 00:00 winter time: Monday 26
]


@pytest.fixture
def week():
    return ibis.memtable(events_arrow(WEEK))


def report(events, filters=OCTOBER, min_group=1, **kwargs):
    with Analysis(events, filters=filters, min_group=min_group, **kwargs) as analysis:
        return analysis.report()


def by_key(records, *keys):
    return {tuple(record[key] for key in keys) if len(keys) > 1 else record[keys[0]]: record for record in records}


class TestPopulationAndTools:
    def test_it_counts_agents_and_agent_days(self, week):
        assert report(week)["population"] == {"agents": 4, "agent_days": 6}

    def test_it_computes_tool_stats_by_hand(self, week):
        tools = report(week)["tools"]
        # Ordered by agent-days, most first.
        assert [tool["tool"] for tool in tools] == ["mail", "crm", "agenda"]
        assert tools[0] == {
            "tool": "mail",
            "active_agents": 4,  # a1, a2, a3, a4
            "agent_days": 5,  # a1 Mon, a1 Tue, a2 Tue, a3 Mon, a4 Tue
            "events": 7,  # 1 + 1 + 2 + 2 + 1
            "minutes": 20.0,  # (300 + 60 + 600 + 60 + 120 + 30 + 30) / 60 = 1200 / 60
            "adoption": 1.0,  # 4 / 4
        }
        assert tools[1] == {
            "tool": "crm",
            "active_agents": 3,  # a1, a2, a3
            "agent_days": 4,  # a1 Mon, a1 Tue, a2 Mon, a3 Mon
            "events": 5,  # 2 + 1 + 1 + 1
            "minutes": 25.5,  # (600 + 600 + 240 + 60 + 30) / 60 = 1530 / 60
            "adoption": 0.75,  # 3 / 4
        }
        assert tools[2] == {
            "tool": "agenda",
            "active_agents": 2,
            "agent_days": 2,
            "events": 2,
            "minutes": 7.0,  # (120 + 300) / 60
            "adoption": 0.5,  # 2 / 4
        }


class TestCoUsage:
    def test_it_computes_jaccard_lift_and_phi_by_hand(self, week):
        pairs = by_key(report(week)["co_usage"], "a", "b")
        assert set(pairs) == {("agenda", "crm"), ("agenda", "mail"), ("crm", "mail")}
        # agenda–crm: c = 2 (a1 Mon, a2 Mon); nA = 2, nB = 4, N = 6.
        agenda_crm = pairs["agenda", "crm"]
        assert agenda_crm["agent_days"] == 2
        assert agenda_crm["jaccard"] == pytest.approx(0.5)  # 2 / (2 + 4 - 2)
        assert agenda_crm["lift"] == pytest.approx(1.5)  # 2·6 / (2·4) = 12 / 8
        assert agenda_crm["phi"] == pytest.approx(0.5)  # (12 - 8) / √(2·4·4·2) = 4 / 8
        # agenda–mail: c = 1 (a1 Mon); nA = 2, nB = 5.
        agenda_mail = pairs["agenda", "mail"]
        assert agenda_mail["agent_days"] == 1
        assert agenda_mail["jaccard"] == pytest.approx(1 / 6)  # 1 / (2 + 5 - 1)
        assert agenda_mail["lift"] == pytest.approx(0.6)  # 1·6 / (2·5)
        assert agenda_mail["phi"] == pytest.approx(-4 / math.sqrt(40))  # (6 - 10) / √(2·4·5·1) ≈ -0.6325
        # crm–mail: c = 3 (a1 Mon, a1 Tue, a3 Mon); nA = 4, nB = 5.
        crm_mail = pairs["crm", "mail"]
        assert crm_mail["agent_days"] == 3
        assert crm_mail["jaccard"] == pytest.approx(0.5)  # 3 / (4 + 5 - 3)
        assert crm_mail["lift"] == pytest.approx(0.9)  # 3·6 / (4·5) = 18 / 20
        assert crm_mail["phi"] == pytest.approx(-2 / math.sqrt(40))  # (18 - 20) / √(4·2·5·1) ≈ -0.3162

    def test_phi_is_null_when_a_tool_is_active_every_agent_day(self):
        events = ibis.memtable(
            events_arrow(
                [
                    ("a1", "x", "2026-10-05 09:00", 60),
                    ("a1", "y", "2026-10-05 10:00", 60),
                    ("a2", "x", "2026-10-05 09:00", 60),
                    ("a2", "y", "2026-10-05 10:00", 60),
                ]
            )
        )
        # N = 2, nx = ny = c = 2: N - nx = 0, so the denominator √(2·0·2·0) is 0.
        [pair] = report(events)["co_usage"]
        assert pair == {"a": "x", "b": "y", "agent_days": 2, "jaccard": 1.0, "lift": 1.0, "phi": None}

    def test_pairs_never_used_together_are_not_listed(self):
        events = ibis.memtable(
            events_arrow([("a1", "x", "2026-10-05 09:00", 60), ("a1", "y", "2026-10-06 09:00", 60)])
        )
        assert report(events)["co_usage"] == []


class TestTransitions:
    def test_it_counts_switches_with_ties_broken_by_tool(self, week):
        transitions = {(row["from"], row["to"]): row["count"] for row in report(week)["transitions"]}
        # a1 Mon: crm → mail → agenda → crm; a1 Tue: mail → crm; a2 Mon: agenda → crm (tie at 14:00, agenda first);
        # a2 Tue: mail, mail (no switch); a3 Mon: mail → crm → mail; a4: a single event.
        assert transitions == {
            ("crm", "mail"): 2,  # a1 Mon, a3 Mon
            ("mail", "agenda"): 1,  # a1 Mon
            ("agenda", "crm"): 2,  # a1 Mon, a2 Mon
            ("mail", "crm"): 2,  # a1 Tue, a3 Mon
        }

    def test_a_switch_does_not_cross_midnight(self):
        events = ibis.memtable(
            events_arrow([("a1", "x", "2026-10-05 23:59:59", 60), ("a1", "y", "2026-10-06 00:00", 60)])
        )
        assert report(events)["transitions"] == []


class TestOverload:
    def test_it_gives_the_distribution_median_and_p90_by_hand(self, week):
        overload = report(week)["overload"]
        # Distinct tools per agent-hour: a1 Mon 09h {crm, mail, agenda} 3; a1 Tue 10h 2; a2 Mon 14h 2; a2 Tue 11h 1;
        # a3 Mon 16h {mail, crm at 16:59:59} 2, 17h 1; a4 Tue 08h 1. Sorted: 1, 1, 1, 2, 2, 2, 3.
        assert overload["agent_hours"] == 7
        assert overload["distribution"] == [
            {"tools": 1, "agent_hours": 3},
            {"tools": 2, "agent_hours": 3},
            {"tools": 3, "agent_hours": 1},
        ]
        # Linear interpolation over positions 0..6: median at 6·0.5 = 3 → 2; p90 at 6·0.9 = 5.4 → 2 + 0.4·(3 - 2).
        assert overload["median"] == pytest.approx(2.0)
        assert overload["p90"] == pytest.approx(2.4)


class TestLocalDays:
    """Agent-days and clock hours are those of Paris, across the change to winter time (Sunday 25 October 2026)."""

    EVENTS = CHANGE_TO_WINTER_TIME

    def days(self, filters=EVERYTHING):
        events = ibis.memtable(events_arrow(self.EVENTS))
        scoped = analytics.scope(events, filters=filters)
        found = analytics.rows(analytics.activity(scoped).order_by("day", "tool"))
        return [(analytics.day_to_date(row["day"]).isoformat(), row["tool"]) for row in found]

    def test_days_follow_paris_time_across_the_change_to_winter_time(self):
        assert self.days() == [
            ("2026-10-24", "x"),
            ("2026-10-25", "x"),
            ("2026-10-25", "y"),
            ("2026-10-25", "z"),
            ("2026-10-26", "y"),
        ]

    def test_the_period_is_made_of_paris_days(self):
        sunday = datetime.date(2026, 10, 25)
        assert self.days(Filters(sunday, sunday)) == [("2026-10-25", "x"), ("2026-10-25", "y"), ("2026-10-25", "z")]

    def test_the_repeated_clock_hour_counts_once(self):
        events = ibis.memtable(events_arrow(self.EVENTS))
        hours = analytics.rows(analytics.agent_hours(analytics.scope(events)).order_by("hour"))
        # 00:00 (y), 02:30 summer and 02:30 winter (x, z) in the same clock hour, 23:59:59 (x), Monday 00:00 (y).
        assert [row["tools"] for row in hours] == [1, 1, 2, 1, 1]

    def test_the_offsets_of_paris_change_at_one_in_the_morning_utc(self):
        boundaries, offsets = analytics.utc_offsets(
            "Europe/Paris", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
        )
        assert [datetime.datetime.fromtimestamp(b, datetime.UTC).isoformat() for b in boundaries] == [
            "2026-03-29T01:00:00+00:00",
            "2026-10-25T01:00:00+00:00",
        ]
        assert offsets == [3600, 7200, 3600]

    def test_a_naive_start_is_read_as_utc(self):
        arrow = events_arrow(self.EVENTS)
        naive = arrow.set_column(2, "start", arrow["start"].cast(pa.timestamp("us")))
        sunday = datetime.date(2026, 10, 25)
        scoped = analytics.scope(ibis.memtable(naive), filters=Filters(sunday, sunday))
        assert analytics.rows(scoped.count().name("n").as_table()) == [{"n": 4}]


class TestSuppression:
    def test_a_scope_smaller_than_min_group_gives_only_a_marker(self, week):
        assert report(week, min_group=5) == {"suppressed": True}

    def test_each_builder_hides_a_scope_smaller_than_min_group(self, week):
        scoped = analytics.scope(week, filters=OCTOBER)
        activity = analytics.activity(scoped)
        hours = analytics.agent_hours(scoped)
        assert analytics.rows(analytics.population(activity, 5)) == []
        assert analytics.rows(analytics.tool_stats(activity, 5)) == []
        assert analytics.rows(analytics.co_usage(activity, 5)) == []
        assert analytics.rows(analytics.transitions(scoped, 5)) == []
        assert analytics.rows(analytics.overload_summary(hours, 5)) == []
        assert analytics.rows(analytics.overload_distribution(hours, 5)) == []
        assert analytics.rows(analytics.weekly_adoption(activity, 5)) == []

    def test_rows_of_fewer_agents_than_min_group_are_left_out(self, week):
        result = report(week, min_group=3)
        assert result["population"] == {"agents": 4, "agent_days": 6}
        # agenda has 2 agents; crm 3 and mail 4 stay.
        assert [tool["tool"] for tool in result["tools"]] == ["mail", "crm"]
        # Every pair and every switch comes from 2 agents or fewer.
        assert result["co_usage"] == []
        assert result["transitions"] == []
        # 1 tool: a2, a3, a4; 2 tools: a1, a2, a3; 3 tools: a1 only → hidden. The figures keep all agent-hours.
        assert result["overload"]["distribution"] == [{"tools": 1, "agent_hours": 3}, {"tools": 2, "agent_hours": 3}]
        assert result["overload"]["agent_hours"] == 7

    def test_pairs_and_switches_count_agents_not_agent_days(self, week):
        result = report(week, min_group=2)
        # crm–mail: c = 3 from a1 and a3; agenda–crm: c = 2 from a1 and a2; agenda–mail: c = 1 from a1 only.
        assert {(pair["a"], pair["b"]) for pair in result["co_usage"]} == {("agenda", "crm"), ("crm", "mail")}
        # mail → agenda is a1's alone.
        assert {(row["from"], row["to"]) for row in result["transitions"]} == {
            ("crm", "mail"),
            ("agenda", "crm"),
            ("mail", "crm"),
        }

    def test_a_pair_of_many_days_of_one_agent_is_hidden(self):
        rows = [("a1", tool, f"2026-10-0{day} 09:0{i}", 60) for day in (5, 6, 7) for i, tool in enumerate("xy")]
        rows += [("a2", "x", "2026-10-05 09:00", 60)]
        result = report(ibis.memtable(events_arrow(rows)), min_group=2)
        assert result["co_usage"] == []  # c = 3 agent-days, all a1's


class TestFilters:
    def test_agency_and_role_filters_use_the_agents_dimension(self, week):
        agents = ibis.memtable(agents_arrow(WEEK_AGENTS))
        agency = Filters(OCTOBER.start, OCTOBER.end, agencies=("69001",))
        assert report(week, agency, agents=agents)["population"] == {"agents": 2, "agent_days": 4}
        territory = Filters(OCTOBER.start, OCTOBER.end, territories=("DT38",))
        assert report(week, territory, agents=agents)["population"] == {"agents": 1, "agent_days": 1}
        role = Filters(OCTOBER.start, OCTOBER.end, roles=("agent", "champion"))
        # a4, unregistered, counts in no role.
        assert report(week, role, agents=agents)["population"] == {"agents": 3, "agent_days": 5}

    def test_without_a_group_filter_unregistered_agents_count(self, week):
        agents = ibis.memtable(agents_arrow(WEEK_AGENTS))
        assert report(week, agents=agents)["population"] == {"agents": 4, "agent_days": 6}

    def test_the_period_is_inclusive(self, week):
        monday = datetime.date(2026, 10, 5)
        assert report(week, Filters(monday, monday))["population"] == {"agents": 3, "agent_days": 3}

    def test_a_group_filter_needs_the_agents(self, week):
        with pytest.raises(ValueError, match="table des agents"):
            analytics.scope(week, filters=Filters(agencies=("69001",)))

    def test_an_inverted_period_is_refused(self):
        with pytest.raises(ValueError, match="postérieure"):
            Filters(datetime.date(2026, 10, 31), datetime.date(2026, 10, 1))


class TestRemapping:
    ROWS = [
        ("a1", "outlook", "2026-10-05 09:00", 60),
        ("a1", "mail", "2026-10-06 09:00", 60),
        ("a1", "crm", "2026-10-06 09:05", 60),
        ("a1", "teams", "2026-10-06 09:10", 60),
    ]

    def test_raw_names_count_as_the_tool_they_are_mapped_to(self):
        result = report(ibis.memtable(events_arrow(self.ROWS)), mapping={"outlook": "mail"})
        assert {tool["tool"]: tool["agent_days"] for tool in result["tools"]} == {"mail": 2, "crm": 1, "teams": 1}
        assert {(row["from"], row["to"]) for row in result["transitions"]} == {("mail", "crm"), ("crm", "teams")}

    def test_two_raw_names_of_one_tool_make_no_switch(self):
        rows = [*self.ROWS, ("a1", "outlook", "2026-10-06 09:01", 60)]
        result = report(ibis.memtable(events_arrow(rows)), mapping={"outlook": "mail"})
        mail = by_key(result["tools"], "tool")["mail"]
        assert (mail["agent_days"], mail["events"]) == (2, 3)  # Tue: mail and outlook, one agent-day

    def test_remap_tools_does_the_same_on_an_expression(self):
        remapped = analytics.remap_tools(ibis.memtable(events_arrow(self.ROWS)), {"outlook": "mail"})
        assert sorted(row["tool"] for row in analytics.rows(remapped)) == ["crm", "mail", "mail", "teams"]


class TestAdoption:
    def test_weekly_adoption(self, week):
        with Analysis(week, filters=OCTOBER, min_group=1) as analysis:
            weekly = analysis.weekly_adoption()
        # One week (Monday 5 October), 4 agents active.
        assert [(row["week"].isoformat(), row["tool"], row["active_agents"], row["adoption"]) for row in weekly] == [
            ("2026-10-05", "agenda", 2, 0.5),
            ("2026-10-05", "crm", 3, 0.75),
            ("2026-10-05", "mail", 4, 1.0),
        ]

    def test_weeks_start_on_monday(self):
        rows = [("a1", "x", "2026-10-04 12:00", 60), ("a1", "x", "2026-10-05 12:00", 60)]  # Sunday, then Monday
        with Analysis(ibis.memtable(events_arrow(rows)), min_group=1) as analysis:
            weeks = [row["week"].isoformat() for row in analysis.weekly_adoption()]
        assert weeks == ["2026-09-28", "2026-10-05"]

    def test_adoption_after_launch(self, week):
        launches = {
            "crm": datetime.date(2026, 9, 29),  # Monday 5 is day 6 (week 0), Tuesday 6 is day 7 (week 1)
            "mail": datetime.date(2026, 10, 6),  # Tuesday 6 is day 0
            "unknown": datetime.date(2026, 10, 1),
        }
        with Analysis(week, filters=OCTOBER, min_group=1) as analysis:
            curve = analysis.adoption_after_launch(launches)
        assert [(row["tool"], row["week"], row["active_agents"], row["agents"]) for row in curve] == [
            ("crm", 0, 3, 3),  # Monday: a1, a2, a3 active, all used crm
            ("crm", 1, 1, 3),  # Tuesday: a1, a2, a4 active, a1 used crm
            ("mail", 0, 3, 3),  # Tuesday: a1, a2, a4, all used mail
        ]
        assert curve[1]["adoption"] == pytest.approx(1 / 3)

    def test_adoption_after_launch_of_nothing(self, week):
        with Analysis(week, filters=OCTOBER, min_group=1) as analysis:
            assert analysis.adoption_after_launch({}) == []


class TestDeclaredVsMeasured:
    def test_it_compares_answers_with_the_logs(self, week):
        declared = ibis.memtable(
            pa.table(
                {
                    "agent": ["a1", "a2", "a3", "a4", "a1", "a9"],
                    "tool": ["crm", "mail", "agenda", "mail", "visio", "crm"],
                    "level": pa.array([5, 3, 1, 2, 2, 4], pa.int8()),
                }
            )
        )
        with Analysis(week, filters=OCTOBER, min_group=1) as analysis:
            found = by_key(analysis.declared_vs_measured(declared), "tool")
        # a1 crm: 2 of 2 days (≥ 4/5), 3 events / 2 days < 2 → daily (4), declared 5.
        # a2 mail: 1 of 2 days (1/5 ≤ 0.5 < 4/5) → weekly (3), declared 3; a4 mail: 1 of 1 day, 1 event → daily (4),
        # declared 2. a3 agenda: never (0), declared 1. a1 visio: never in the logs (0), declared 2. a9: no activity.
        assert found["crm"] == {
            "tool": "crm",
            "agents": 1,
            "declared_mean": 5.0,
            "measured_mean": 4.0,
            "same": 0.0,
            "over": 1.0,
            "under": 0.0,
        }
        mail = found["mail"]
        assert (mail["agents"], mail["declared_mean"], mail["measured_mean"]) == (2, 2.5, 3.5)
        assert (mail["same"], mail["over"], mail["under"]) == (0.5, 0.0, 0.5)
        assert (found["agenda"]["measured_mean"], found["agenda"]["over"]) == (0.0, 1.0)
        assert (found["visio"]["measured_mean"], found["visio"]["over"]) == (0.0, 1.0)

    def test_measured_levels_follow_the_share_of_days(self):
        # One agent active 25 days (mail every day); rare 1 day (0.04 < 1/20), monthly 2 days (0.08 < 1/5),
        # weekly 10 days (0.4 < 4/5), crm every day once (daily), visio every day twice (several a day).
        rows = []
        for day in range(25):
            start = datetime.datetime(2026, 10, 1, 9) + datetime.timedelta(days=day)
            stamp = start.strftime("%Y-%m-%d %H:%M")
            rows += [("a1", "mail", stamp, 60), ("a1", "crm", stamp, 60), ("a1", "visio", stamp, 60)]
            rows += [("a1", "visio", (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"), 60)]
            if day < 1:
                rows.append(("a1", "rare", stamp, 60))
            if day < 2:
                rows.append(("a1", "monthly", stamp, 60))
            if day < 10:
                rows.append(("a1", "weekly", stamp, 60))
        tools = ["rare", "monthly", "weekly", "crm", "visio"]
        declared = ibis.memtable(pa.table({"agent": ["a1"] * 5, "tool": tools, "level": pa.array([1] * 5, pa.int8())}))
        with Analysis(ibis.memtable(events_arrow(rows)), min_group=1) as analysis:
            found = by_key(analysis.declared_vs_measured(declared), "tool")
        assert {tool: found[tool]["measured_mean"] for tool in tools} == {
            "rare": 1.0,
            "monthly": 2.0,
            "weekly": 3.0,
            "crm": 4.0,
            "visio": 5.0,
        }


class TestCommunities:
    def test_louvain_keeps_positive_phi_edges_only(self):
        rows = [
            {"a": "agenda", "b": "mail", "phi": 0.6},
            {"a": "agenda", "b": "visio", "phi": 0.5},
            {"a": "mail", "b": "visio", "phi": 0.7},
            {"a": "crm", "b": "offres", "phi": 0.8},
            {"a": "crm", "b": "profils", "phi": 0.4},
            {"a": "offres", "b": "profils", "phi": 0.5},
            {"a": "mail", "b": "crm", "phi": -0.3},
            {"a": "intranet", "b": "mail", "phi": None},
        ]
        found = analytics.communities(rows, seed=1, tools=["intranet"])
        assert found == [["agenda", "mail", "visio"], ["crm", "offres", "profils"], ["intranet"]]

    def test_the_same_seed_gives_the_same_communities(self):
        rows = [
            {"a": f"t{i}", "b": f"t{j}", "phi": 0.1 + ((i * j) % 7) / 10} for i in range(8) for j in range(i + 1, 8)
        ]
        assert analytics.communities(rows, seed=3) == analytics.communities(list(reversed(rows)), seed=3)

    def test_no_tools_no_communities(self):
        assert analytics.communities([]) == []

    def test_the_report_groups_tools(self, week):
        # Only agenda–crm has phi > 0: {agenda, crm}; mail stands alone.
        assert report(week)["communities"] == [["agenda", "crm"], ["mail"]]


class TestAnalysis:
    def test_it_drops_its_temporary_tables(self, week):
        connection = ibis.get_backend().con

        def temporary_tables():
            query = "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'ere_usage_%'"
            return {name for (name,) in connection.sql(query).fetchall()}

        before = temporary_tables()
        with Analysis(week, filters=OCTOBER, min_group=1) as analysis:
            analysis.report()
            assert temporary_tables() - before
        assert temporary_tables() == before

    def test_an_empty_scope_is_suppressed(self, week):
        empty = Filters(datetime.date(2027, 1, 1), datetime.date(2027, 1, 31))
        assert report(week, empty) == {"suppressed": True}

    def test_without_a_period_it_converts_times_over_the_data(self, week):
        assert report(week, Filters())["population"] == {"agents": 4, "agent_days": 6}

    def test_min_group_is_at_least_one(self, week):
        with pytest.raises(ValueError, match="au moins 1"):
            Analysis(week, min_group=0)
