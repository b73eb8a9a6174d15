"""The same Ibis expressions on DuckDB (the default) and on PostgreSQL, from the same small in-memory data.

PostgreSQL is reached at ERE_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/ere); the data goes to
temporary tables of the test's own session, gone when it disconnects. Without a reachable server these tests are
skipped, saying why.
"""

import datetime
import os
import uuid
from urllib.parse import urlparse

import ibis
import pyarrow as pa
import pytest

from ere.usage import analytics
from ere.usage.analytics import Analysis, Filters
from tests.usage.test_analytics import (
    CHANGE_TO_WINTER_TIME,
    OCTOBER,
    WEEK,
    WEEK_AGENTS,
    agents_arrow,
    events_arrow,
)

POSTGRES_URL = os.getenv("ERE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/ere")


def connect_postgres():
    url = urlparse(POSTGRES_URL)
    try:
        return ibis.postgres.connect(
            host=url.hostname,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            database=url.path.lstrip("/"),
        )
    except Exception as error:  # psycopg's connection errors, whatever the cause
        pytest.skip(f"PostgreSQL injoignable à {url.hostname}:{url.port or 5432} ({type(error).__name__}) : {error}")


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def backend(request):
    con = ibis.duckdb.connect() if request.param == "duckdb" else connect_postgres()
    yield con
    con.disconnect()


def load(backend, arrow):
    """A temporary table of the backend holding `arrow`."""
    name = f"ere_test_{uuid.uuid4().hex}"
    data = ibis.memtable(arrow) if backend.name == "duckdb" else arrow
    return backend.create_table(name, data, temp=True)


def everything(backend, min_group=1):
    """Every metric of the week's data, as plain values."""
    events = load(backend, events_arrow(WEEK))
    agents = load(backend, agents_arrow(WEEK_AGENTS))
    declared = load(
        backend,
        pa.table(
            {"agent": ["a1", "a2", "a4"], "tool": ["crm", "mail", "mail"], "level": pa.array([5, 3, 2], pa.int8())}
        ),
    )
    with Analysis(events, agents, OCTOBER, min_group=min_group) as analysis:
        result = analysis.report()
        result["weekly"] = analysis.weekly_adoption()
        result["launch"] = analysis.adoption_after_launch({"crm": datetime.date(2026, 9, 29)})
        result["declared"] = analysis.declared_vs_measured(declared)
    agency = Filters(OCTOBER.start, OCTOBER.end, agencies=("69001",))
    with Analysis(events, agents, agency, min_group=min_group) as analysis:
        result["agency"] = analysis.population()
    return result


@pytest.fixture(scope="module")
def on_duckdb():
    con = ibis.duckdb.connect()
    yield everything(con)
    con.disconnect()


def test_the_backends_agree(backend, on_duckdb):
    found = everything(backend)
    assert found.keys() == on_duckdb.keys()
    for key in found:
        assert_close(found[key], on_duckdb[key], key)


def assert_close(found, expected, where):
    """Equal, floats within 1e-9."""
    if isinstance(expected, dict):
        assert found.keys() == expected.keys(), where
        for key in expected:
            assert_close(found[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(found) == len(expected), where
        for position, (one, other) in enumerate(zip(found, expected, strict=True)):
            assert_close(one, other, f"{where}[{position}]")
    elif isinstance(expected, float):
        assert found == pytest.approx(expected, rel=1e-9, abs=1e-12), where
    else:
        assert found == expected, where


def test_the_hand_computed_figures_hold(backend):
    found = everything(backend)
    assert found["population"] == {"agents": 4, "agent_days": 6}
    assert found["agency"] == {"agents": 2, "agent_days": 4}
    assert [(tool["tool"], tool["agent_days"], tool["minutes"]) for tool in found["tools"]] == [
        ("mail", 5, 20.0),
        ("crm", 4, 25.5),
        ("agenda", 2, 7.0),
    ]
    pairs = {(pair["a"], pair["b"]): pair for pair in found["co_usage"]}
    assert pairs["agenda", "crm"]["phi"] == pytest.approx(0.5)
    assert pairs["crm", "mail"]["lift"] == pytest.approx(0.9)
    assert {(row["from"], row["to"]): row["count"] for row in found["transitions"]} == {
        ("crm", "mail"): 2,
        ("mail", "agenda"): 1,
        ("agenda", "crm"): 2,
        ("mail", "crm"): 2,
    }
    assert (found["overload"]["median"], found["overload"]["p90"]) == (2.0, pytest.approx(2.4))
    assert found["communities"] == [["agenda", "crm"], ["mail"]]


def test_a_null_phi_on_both(backend):
    rows = [(agent, tool, "2026-10-05 09:00", 60) for agent in ("a1", "a2") for tool in ("x", "y")]
    with Analysis(load(backend, events_arrow(rows)), filters=OCTOBER, min_group=1) as analysis:
        [pair] = analysis.co_usage()
    assert pair["phi"] is None


def test_local_days_on_both(backend):
    events = load(backend, events_arrow(CHANGE_TO_WINTER_TIME))
    scoped = analytics.scope(events)
    found = analytics.rows(analytics.activity(scoped).order_by("day", "tool"))
    assert [(analytics.day_to_date(row["day"]).isoformat(), row["tool"]) for row in found] == [
        ("2026-10-24", "x"),
        ("2026-10-25", "x"),
        ("2026-10-25", "y"),
        ("2026-10-25", "z"),
        ("2026-10-26", "y"),
    ]
    sunday = datetime.date(2026, 10, 25)
    scoped = analytics.scope(events, filters=Filters(sunday, sunday))
    assert analytics.rows(scoped.count().name("n").as_table()) == [{"n": 4}]


def test_ties_follow_code_point_order_on_both(backend):
    # A collation that ignores punctuation (PostgreSQL's en_US) puts « ab » before « a-c »; code points do not.
    # The dictionary encoding makes both backends break the tie the same way: « a-c » (0x2D) before « ab ».
    rows = [(agent, tool, "2026-10-05 09:00", 60) for agent in ("a1", "a2") for tool in ("ab", "a-c")]
    with Analysis(load(backend, events_arrow(rows)), filters=OCTOBER, min_group=1) as analysis:
        transitions = analysis.transitions()
        pairs = analysis.co_usage()
    assert [(row["source"], row["target"], row["count"]) for row in transitions] == [("a-c", "ab", 2)]
    assert [(pair["a"], pair["b"]) for pair in pairs] == [("a-c", "ab")]
