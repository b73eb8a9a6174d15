"""Properties of the co-usage measures on random activity (hypothesis, DuckDB): bounds, symmetry, and agreement with
a direct computation of the definitions in docs/usage.md."""

import datetime
import math
from collections import defaultdict

import ibis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ere.usage import analytics
from tests.usage.test_analytics import OCTOBER, events_arrow

EPSILON = 1e-9
TOOLS = ["agenda", "crm", "mail", "offres", "visio"]

# An activity: a set of (agent, day, tool), each becoming one event at noon (Paris) plus a few minutes per tool.
activities = st.sets(
    st.tuples(st.integers(0, 4), st.integers(0, 3), st.sampled_from(TOOLS)),
    min_size=1,
    max_size=40,
)


def to_events(activity, rename=None):
    rename = rename or {}
    rows = []
    for agent, day, tool in sorted(activity):
        start = datetime.datetime(2026, 10, 5, 12) + datetime.timedelta(days=day, minutes=TOOLS.index(tool))
        rows.append((f"agent-{agent}", rename.get(tool, tool), start.strftime("%Y-%m-%d %H:%M"), 60))
    return ibis.memtable(events_arrow(rows))


def measured_pairs(events):
    activity = analytics.activity(analytics.scope(events, filters=OCTOBER))
    return {frozenset((row["a"], row["b"])): row for row in analytics.rows(analytics.co_usage(activity, 1))}


def expected_pairs(activity):
    """The definitions, computed directly."""
    days = defaultdict(set)
    for agent, day, tool in activity:
        days[agent, day].add(tool)
    n = len(days)
    count = {tool: sum(tool in tools for tools in days.values()) for tool in TOOLS}
    pairs = {}
    for a in TOOLS:
        for b in TOOLS:
            c = sum(a in tools and b in tools for tools in days.values())
            if a < b and c:
                denominator = count[a] * (n - count[a]) * count[b] * (n - count[b])
                pairs[frozenset((a, b))] = {
                    "agent_days": c,
                    "jaccard": c / (count[a] + count[b] - c),
                    "lift": c * n / (count[a] * count[b]),
                    "phi": (c * n - count[a] * count[b]) / math.sqrt(denominator) if denominator else None,
                }
    return pairs


fast = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(activities)
def test_measures_stay_in_their_bounds(activity):
    for pair in measured_pairs(to_events(activity)).values():
        assert 0 <= pair["jaccard"] <= 1 + EPSILON
        assert pair["lift"] >= 0
        assert pair["phi"] is None or -1 - EPSILON <= pair["phi"] <= 1 + EPSILON


@fast
@given(activities)
def test_measures_follow_the_definitions(activity):
    found = measured_pairs(to_events(activity))
    expected = expected_pairs(activity)
    assert found.keys() == expected.keys()
    for key, pair in expected.items():
        assert found[key]["agent_days"] == pair["agent_days"]
        for measure in ("jaccard", "lift", "phi"):
            if pair[measure] is None:
                assert found[key][measure] is None
            else:
                assert math.isclose(found[key][measure], pair[measure], rel_tol=1e-9, abs_tol=EPSILON)


@fast
@given(activities)
def test_swapping_a_and_b_gives_the_same_numbers(activity):
    # Renaming reverses the order of tools, so that every pair (A, B) comes out as (B, A).
    reverse = {tool: f"{chr(ord('z') - position)}-{tool}" for position, tool in enumerate(TOOLS)}
    back = {renamed: tool for tool, renamed in reverse.items()}
    found = measured_pairs(to_events(activity))
    swapped = measured_pairs(to_events(activity, reverse))
    assert {frozenset(back[tool] for tool in key) for key in swapped} == set(found)
    for key, pair in swapped.items():
        original = found[frozenset(back[tool] for tool in key)]
        assert (back[pair["a"]], back[pair["b"]]) == (original["b"], original["a"])
        for measure in ("agent_days", "agents", "jaccard", "lift", "phi"):
            assert pair[measure] == original[measure] or math.isclose(pair[measure], original[measure])
