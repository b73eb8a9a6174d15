"""A synthetic month of usage events for bench_usage.py, generated with numpy and written with pyarrow and DuckDB.

October 2026 (22 working days, with the change to winter time on Sunday the 25th), agents working 8:30–17:30
Europe/Paris with a quieter lunch break. ~40 tools with a Zipf popularity; agents have a role whose routine tools
are used together on most days (employer advisors: crm + agenda + messagerie + telephonie + gestion-offres…), plus a
personal repertoire drawn from the Zipf law; one tool (`assistant-ia`) is rolled out on 15 October and adopted
progressively. Within an agent-day, an event often continues with the previous tool (stickiness), so that
transitions are fewer than events. A fixed seed gives the same files every time; files are cached by their
parameters under the output directory.
"""

import datetime
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

PARIS = ZoneInfo("Europe/Paris")
FORMAT_VERSION = 1  # bump when the generator changes, so that cached files are regenerated
YEAR, MONTH = 2026, 10
LAUNCHED_TOOL = "assistant-ia"
LAUNCH_DATE = datetime.date(2026, 10, 15)

# By decreasing global popularity (Zipf rank 1, 2, …).
TOOLS = [
    "messagerie", "intranet", "agenda", "navigateur", "dossier-de", "crm", "telephonie", "visio", "tableur",
    "traitement-texte", "messagerie-securisee", "portail-emploi", "gestion-offres", "ged", "annuaire", "chat-equipe",
    "reporting", "pdf", "planning", "ticketing", "statistiques", "formulaires", "wiki", "signature", "parapheur",
    "lms", "presentation", "simulateur-droits", "aides-embauche", "sms", "immersion", "cartographie", "rh",
    "notes-frais", "scanner", "enquetes", "job-dating", "mrs", "bureautique-cloud", LAUNCHED_TOOL,
]  # fmt: skip
# Role: (share of agents, routine tools used together on most days).
ROLES = {
    "conseiller-entreprise": (0.25, ["crm", "agenda", "messagerie", "telephonie", "gestion-offres"]),
    "conseiller-demandeur": (0.45, ["dossier-de", "messagerie-securisee", "agenda", "visio", "portail-emploi"]),
    "manager": (0.08, ["reporting", "tableur", "messagerie", "agenda", "statistiques"]),
    "formateur": (0.07, ["lms", "visio", "presentation", "agenda"]),
    "support": (0.15, ["ticketing", "ged", "parapheur", "messagerie", "tableur"]),
}
ZIPF_EXPONENT = 1.1
PRESENCE = 0.92  # share of working days an agent is at work
STICKINESS = 0.35  # probability that an event continues with the previous event's tool
DAY_START = 8 * 3600 + 1800  # 8:30
DAY_LENGTH = 9 * 3600  # until 17:30
# (start, end) in seconds after 8:30, and share of the events: morning, lunch, afternoon.
PERIODS = [((0, 12_600), 0.45), ((12_600, 18_000), 0.07), ((18_000, DAY_LENGTH), 0.48)]


def working_days():
    first = datetime.date(YEAR, MONTH, 1)
    days = [first + datetime.timedelta(days=i) for i in range(31)]
    return [day for day in days if day.month == MONTH and day.weekday() < 5]


def default_agents(events):
    """3,000 agents for 10 M events: the population grows with the volume, ~150 events per agent-day."""
    return max(10, round(3000 * events / 10_000_000))


def generate(events, agents, seed):
    """The events as a pyarrow table (agent, tool, start, duration_s, device), in (day, agent, start) order."""
    rng = np.random.default_rng(seed)
    days = working_days()
    n_days, n_tools = len(days), len(TOOLS)
    tool_index = {tool: i for i, tool in enumerate(TOOLS)}
    launch = tool_index[LAUNCHED_TOOL]
    popularity = 1.0 / np.arange(1, n_tools + 1) ** ZIPF_EXPONENT

    # Agents: a role, a repertoire (routine tools + a Zipf draw), a weight and a daily probability per tool.
    names = list(ROLES)
    role = rng.choice(len(names), size=agents, p=[ROLES[name][0] for name in names])
    routine = np.zeros((len(names), n_tools), dtype=bool)
    for r, name in enumerate(names):
        routine[r, [tool_index[tool] for tool in ROLES[name][1]]] = True
    core = routine[role]
    extra_count = rng.integers(4, 13, size=agents)
    # Gumbel top-k: k tools without replacement, with probabilities proportional to popularity.
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(agents, n_tools))
    ranks = np.argsort(np.argsort(-keys, axis=1), axis=1)
    repertoire = core | (ranks < extra_count[:, None])
    repertoire[:, launch] = False
    weight = popularity[None, :] * np.where(core, 12.0, 1.0) * rng.lognormal(0.0, 0.5, size=(agents, n_tools))
    daily = np.where(core, 0.93, rng.uniform(0.15, 0.8, size=(agents, n_tools)))
    # The rolled-out tool: 70 % of agents adopt it some working days after the launch.
    launch_day = next(i for i, day in enumerate(days) if day >= LAUNCH_DATE)
    adopts = rng.random(agents) < 0.7
    adoption_day = launch_day + rng.geometric(0.2, size=agents) - 1
    weight[:, launch] = popularity[2] * rng.lognormal(0.0, 0.5, size=agents)
    daily[:, launch] = 0.6

    # Agent-days, day-major: index = day * agents + agent; absent days get no event.
    present = rng.random((n_days, agents)) < PRESENCE
    day_of = np.repeat(np.arange(n_days), agents)
    agent_of = np.tile(np.arange(agents), n_days)
    active = repertoire[agent_of] & (rng.random((n_days * agents, n_tools)) < daily[agent_of])
    active[:, launch] = adopts[agent_of] & (day_of >= adoption_day[agent_of]) & (rng.random(n_days * agents) < 0.6)
    # A present agent uses at least their heaviest tool.
    heaviest = np.argmax(np.where(repertoire, weight, 0.0), axis=1)
    active[np.arange(n_days * agents), heaviest[agent_of]] = True
    present = present.reshape(-1)
    intensity = np.where(present, rng.lognormal(0.0, 0.3, size=agents)[agent_of], 0.0)
    counts = rng.multinomial(events, intensity / intensity.sum())

    # Events: agent-day, time of day (ms after 8:30, by period), sorted within each agent-day.
    ad = np.repeat(np.arange(n_days * agents, dtype=np.int64), counts)
    period = rng.choice(len(PERIODS), size=events, p=[share for _, share in PERIODS])
    low = np.array([span[0] for span, _ in PERIODS])[period]
    high = np.array([span[1] for span, _ in PERIODS])[period]
    offset_ms = ((low + rng.random(events) * (high - low)) * 1000).astype(np.int64)
    order = np.argsort(ad * (1 << 25) + offset_ms, kind="stable")
    offset_ms = offset_ms[order]
    del order

    # Tools: drawn among the agent-day's active tools by weight (one searchsorted over all rows' cumulative
    # weights, each row shifted by its index), then stickiness: forward-fill from the last non-sticky event.
    row_weight = np.where(active, weight[agent_of], 0.0)
    cumulative = np.cumsum(row_weight, axis=1)
    cumulative /= cumulative[:, -1:]
    cumulative[:, -1] = 1.0
    shifted = (cumulative + np.arange(n_days * agents)[:, None]).reshape(-1)
    tool = (np.searchsorted(shifted, ad + rng.random(events), side="right") - ad * n_tools).astype(np.int64)
    np.minimum(tool, n_tools - 1, out=tool)
    first = np.ones(events, dtype=bool)
    first[1:] = ad[1:] != ad[:-1]
    source = np.where(first | (rng.random(events) >= STICKINESS), np.arange(events), 0)
    np.maximum.accumulate(source, out=source)
    tool = tool[source].astype(np.int8)
    del source, shifted, cumulative

    # Times: local midnight of each day in UTC (the offset changes on 25 October), plus 8:30 and the offset.
    midnight_us = np.array(
        [int(datetime.datetime.combine(day, datetime.time(0), PARIS).timestamp()) * 1_000_000 for day in days]
    )
    start_us = midnight_us[day_of[ad]] + DAY_START * 1_000_000 + offset_ms * 1000
    duration = np.round(np.clip(rng.lognormal(np.log(40.0), 1.2, size=events), 0.5, 1800.0), 3)
    device = np.where(rng.random(agents) < 0.05, 1, 0).astype(np.int8)[agent_of[ad]]
    agent_names = pa.array([f"agent-{i:05d}@ere.test" for i in range(agents)])
    return pa.table(
        {
            "agent": pa.DictionaryArray.from_arrays(pa.array(agent_of[ad].astype(np.int32)), agent_names),
            "tool": pa.DictionaryArray.from_arrays(pa.array(tool), pa.array(TOOLS)),
            "start": pa.array(start_us, pa.timestamp("us", tz="UTC")),
            "duration_s": pa.array(duration),
            "device": pa.DictionaryArray.from_arrays(pa.array(device), pa.array(["desktop", "tablet"])),
        }
    )


def ensure(directory, events, agents=None, seed=20261126, csv=True, log=print):
    """Paths of the Parquet and CSV files for these parameters, generated if missing; and the seconds it took."""
    agents = agents or default_agents(events)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"usage-v{FORMAT_VERSION}-{events}-{agents}-{seed}"
    parquet, csv_path = directory / f"{stem}.parquet", directory / f"{stem}.csv"
    timings = {}
    if not parquet.exists():
        started = time.perf_counter()
        table = generate(events, agents, seed)
        timings["generate"] = time.perf_counter() - started
        started = time.perf_counter()
        partial = parquet.with_suffix(".parquet.partial")
        pq.write_table(table, partial, compression="snappy")
        partial.rename(parquet)
        timings["write_parquet"] = time.perf_counter() - started
        del table
    if csv and not csv_path.exists():
        started = time.perf_counter()
        partial = csv_path.with_suffix(".csv.partial")
        con = duckdb.connect()
        try:
            con.execute("SET TimeZone = 'Europe/Paris'")
            # ISO 8601 with the Paris offset (always whole hours), as collectors export it.
            con.execute(
                f"""
                COPY (
                    SELECT agent, tool, strftime(start, '%Y-%m-%dT%H:%M:%S.%g%z') || ':00' AS start,
                        duration_s, device
                    FROM read_parquet('{parquet}')
                ) TO '{partial}' (FORMAT csv, HEADER true)
                """
            )
        finally:
            con.close()
        partial.rename(csv_path)
        timings["write_csv"] = time.perf_counter() - started
    return parquet, (csv_path if csv else None), agents, timings
