"""Usage lake: import and full report against a hand-written DuckDB SQL computation, in the same run.

Generates a synthetic month of usage events (bench/_usage_data.py: ~150 events per agent-day, 3,000 agents for
10 M events, Zipf tool popularity, role routines, 8:30–17:30 Europe/Paris, a tool rolled out mid-month) as Parquet
and CSV, then runs each phase in a child process of its own, on a temporary SQLite database and temporary lakes:

- import of the Parquet file, then of the CSV file, each into a fresh lake, through ere.usage.services.import_file;
- re-import of the Parquet file into its lake (every event is a duplicate: the cost of deduplication);
- the full report, ere.usage.report.build_report over the whole month with no filter;
- the reference: the same metrics (population, tool stats, co-usage with jaccard/lift/phi, transitions, overload
  median/p90, Louvain communities, with the same privacy threshold) written as plain DuckDB SQL over the raw
  Parquet file, with DuckDB's default settings.

Times are measured inside the child around the call only (no interpreter or Django start-up). Peak memory is the
child's peak resident set size since its exec (VmHWM of /proc/self/status, read when the phase ends), so it includes
Python, Django and DuckDB's buffers. (ru_maxrss is not used: after a fork it keeps the parent's size.)

    python bench/bench_usage.py            # 10 M events (what `make bench` runs)
    python bench/bench_usage.py --quick    # 1 M events
    python bench/bench_usage.py --scale    # 1 M, 10 M and 50 M events: how time grows
    python bench/bench_usage.py --events 20000000 --agents 3000
"""

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _usage_data  # noqa: E402

MIN_GROUP = 5
PERIOD = ("2026-10-01", "2026-10-31")
TARGET_PARQUET = 500_000  # events/s
TARGET_CSV = 200_000  # events/s
TARGET_MEMORY_MB = 2048
SCALE_SIZES = (1_000_000, 10_000_000, 50_000_000)
MB = 1024 * 1024


# Child phases -----------------------------------------------------------------------------------------------------


def setup_django(var_dir, lake_dir):
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ["USAGE_LAKE_DIR"] = str(lake_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def phase_migrate(args):
    setup_django(args.var, args.lake)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {}


def phase_idle(args):
    """Django and the usage modules loaded, nothing done: the floor of every phase's memory."""
    setup_django(args.var, args.lake)
    import ere.usage.report
    import ere.usage.services  # noqa: F401

    return {"seconds": 0.0}


def phase_import(args):
    setup_django(args.var, args.lake)
    from ere.usage.services import import_file

    started = time.perf_counter()
    done = import_file(args.file, source="bench")
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "status": str(done.status),
        "errors": list(done.errors or [])[:3],
        "rows": done.rows,
        "inserted": done.inserted,
        "duplicates": done.duplicates,
    }


def phase_report(args):
    import datetime

    setup_django(args.var, args.lake)
    from ere.usage.analytics import Filters
    from ere.usage.report import build_report

    filters = Filters(start=datetime.date.fromisoformat(PERIOD[0]), end=datetime.date.fromisoformat(PERIOD[1]))
    started = time.perf_counter()
    report = build_report(filters, min_group=MIN_GROUP)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "summary": summarise(report)}


def phase_reference(args):
    started = time.perf_counter()
    report = reference_report(args.file, MIN_GROUP)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "summary": summarise(report)}


PHASES = {
    "migrate": phase_migrate,
    "idle": phase_idle,
    "import": phase_import,
    "report": phase_report,
    "reference": phase_reference,
}


def reference_report(path, min_group):
    """The report's metrics as an analyst would write them in DuckDB SQL over the raw file (docs/usage.md).

    Local days and hours by converting each timestamp to Paris time; the activity table (agent, day, tool) feeds
    population, tools and co-usage; transitions by a lag() window over the events; overload from agent-hours.
    """
    import duckdb
    import networkx as nx

    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'Europe/Paris'")
        source = "read_parquet('" + str(path).replace("'", "''") + "')"
        con.execute(
            f"""
            CREATE TEMP TABLE ev AS
            SELECT agent, tool, start, duration_s,
                CAST(timezone('Europe/Paris', start) AS DATE) AS day,
                date_trunc('hour', timezone('Europe/Paris', start)) AS hour
            FROM {source}
            WHERE start >= TIMESTAMPTZ '{PERIOD[0]} 00:00:00 Europe/Paris'
                AND start < TIMESTAMPTZ '{PERIOD[1]} 00:00:00 Europe/Paris' + INTERVAL 1 DAY
            """
        )
        con.execute(
            "CREATE TEMP TABLE act AS SELECT agent, day, tool, count(*) AS events, sum(duration_s) AS seconds "
            "FROM ev GROUP BY agent, day, tool"
        )
        agents, agent_days = con.execute(
            "SELECT count(DISTINCT agent), count(*) FROM (SELECT DISTINCT agent, day FROM act)"
        ).fetchone()
        if agents < min_group:
            return {"suppressed": True}
        tools = con.execute(
            f"""
            SELECT tool, count(DISTINCT agent) AS active_agents, count(*) AS agent_days, sum(events) AS events,
                sum(seconds) / 60 AS minutes, count(DISTINCT agent) / {agents} AS adoption
            FROM act GROUP BY tool HAVING count(DISTINCT agent) >= {min_group}
            ORDER BY agent_days DESC, tool
            """
        ).fetchall()
        pairs = con.execute(
            f"""
            WITH n_tool AS (SELECT tool, count(*)::DOUBLE AS n FROM act GROUP BY tool),
            pairs AS (
                SELECT x.tool AS a, y.tool AS b, count(*) AS c, count(DISTINCT x.agent) AS agents
                FROM act AS x JOIN act AS y ON x.agent = y.agent AND x.day = y.day AND x.tool < y.tool
                GROUP BY x.tool, y.tool HAVING count(DISTINCT x.agent) >= {min_group}
            )
            SELECT a, b, c, c / (na.n + nb.n - c) AS jaccard, c * {agent_days} / (na.n * nb.n) AS lift,
                CASE WHEN na.n * ({agent_days} - na.n) * nb.n * ({agent_days} - nb.n) > 0
                    THEN (c * {agent_days} - na.n * nb.n)
                        / sqrt(na.n * ({agent_days} - na.n) * nb.n * ({agent_days} - nb.n)) END AS phi
            FROM pairs JOIN n_tool AS na ON na.tool = a JOIN n_tool AS nb ON nb.tool = b
            ORDER BY a, b
            """
        ).fetchall()
        transitions = con.execute(
            f"""
            SELECT previous, tool, count(*) AS count FROM (
                SELECT agent, tool, lag(tool) OVER (PARTITION BY agent, day ORDER BY start, tool) AS previous FROM ev
            ) WHERE previous IS NOT NULL AND previous <> tool
            GROUP BY previous, tool HAVING count(DISTINCT agent) >= {min_group}
            ORDER BY count DESC, previous, tool
            """
        ).fetchall()
        con.execute("CREATE TEMP TABLE ah AS SELECT agent, hour, count(DISTINCT tool) AS tools FROM ev GROUP BY ALL")
        hours, median, p90 = con.execute(
            "SELECT count(*), quantile_cont(tools, 0.5), quantile_cont(tools, 0.9) FROM ah"
        ).fetchone()
        distribution = con.execute(
            f"SELECT tools, count(*) FROM ah GROUP BY tools HAVING count(DISTINCT agent) >= {min_group} ORDER BY tools"
        ).fetchall()
    finally:
        con.close()
    graph = nx.Graph()
    edges = sorted((a, b, phi) for a, b, _, _, _, phi in pairs if phi is not None and phi > 0)
    graph.add_nodes_from(sorted({row[0] for row in tools} | {node for edge in edges for node in edge[:2]}))
    graph.add_weighted_edges_from(edges)
    found = nx.community.louvain_communities(graph, weight="weight", seed=20261025)
    keys = ("tool", "active_agents", "agent_days", "events", "minutes", "adoption")
    return {
        "suppressed": False,
        "population": {"agents": agents, "agent_days": agent_days},
        "tools": [dict(zip(keys, row, strict=True)) for row in tools],
        "co_usage": [dict(zip(("a", "b", "agent_days", "jaccard", "lift", "phi"), row, strict=True)) for row in pairs],
        "transitions": [{"from": a, "to": b, "count": count} for a, b, count in transitions],
        "communities": sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0])),
        "overload": {
            "agent_hours": hours,
            "median": median,
            "p90": p90,
            "distribution": [{"tools": t, "agent_hours": n} for t, n in distribution],
        },
    }


def summarise(report):
    """The figures both sides are compared on."""
    if report.get("suppressed"):
        return {"suppressed": True}
    top = report["tools"][0]
    pairs = report["co_usage"]
    return {
        "agents": report["population"]["agents"],
        "agent_days": report["population"]["agent_days"],
        "tools": len(report["tools"]),
        "top_tool": top["tool"],
        "top_tool_agent_days": top["agent_days"],
        "top_tool_events": top["events"],
        "events": sum(row["events"] for row in report["tools"]),
        "pairs": len(pairs),
        "phi": {f"{row['a']}|{row['b']}": row["phi"] for row in pairs},
        "transitions": len(report["transitions"]),
        "switches": sum(row["count"] for row in report["transitions"]),
        "communities": len(report["communities"]),
        "overload_agent_hours": report["overload"]["agent_hours"],
        "overload_median": report["overload"]["median"],
        "overload_p90": report["overload"]["p90"],
    }


def child_main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=PHASES, required=True)
    parser.add_argument("--var", type=Path)
    parser.add_argument("--lake", type=Path)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    result = PHASES[args.phase](args)
    result["hwm_mb"] = peak_rss_mb()
    args.out.write_text(json.dumps(result, default=str))


def peak_rss_mb():
    """This process's peak resident set size since its exec (VmHWM): not inflated by the parent's memory, which
    ru_maxrss keeps from before the exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Parent: running phases in children -------------------------------------------------------------------------------


def run_phase(phase, workdir, timeout, **options):
    """Run a phase in a child process; its result with `peak_mb` (the child's peak RSS) or an `error`."""
    out = Path(tempfile.mkstemp(prefix=f"{phase}-", suffix=".json", dir=workdir)[1])
    log = out.with_suffix(".log")
    command = [sys.executable, __file__, "--phase", phase, "--out", str(out)]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    started = time.perf_counter()
    with open(log, "w") as log_file:
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, cwd=ROOT)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            process.send_signal(signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    result = {"wall": wall, "peak_mb": peak_mb, "cpu": usage.ru_utime + usage.ru_stime}
    if timed_out.is_set():
        result["error"] = f"stopped after {timeout:.0f} s (time limit)"
    elif process.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-3:]
        reason = "killed (out of memory?)" if process.returncode == -signal.SIGKILL else f"exit {process.returncode}"
        result["error"] = f"{reason}: {' | '.join(tail)}"
    else:
        result.update(json.loads(out.read_text()))
        result["peak_mb"] = result.pop("hwm_mb")
        if result.get("status") not in (None, "done"):
            result["error"] = f"import {result['status']}: {result.get('errors')}"
    out.unlink(missing_ok=True)
    if "error" not in result:
        log.unlink(missing_ok=True)
    return result


def run_size(events, agents, args, *, with_csv=True, reimport=True):
    """Generate (or reuse) the files for `events`, then run every phase; a dict of phase results."""
    parquet, csv_path, agents, timings = _usage_data.ensure(args.data_dir, events, agents, csv=with_csv)
    work = Path(tempfile.mkdtemp(prefix="bench-usage-", dir=args.work_dir))
    results = {
        "events": events,
        "agents": agents,
        "parquet_mb": parquet.stat().st_size / MB,
        "csv_mb": csv_path.stat().st_size / MB if csv_path else None,
        "generated": timings,
    }
    timeout = args.timeout
    try:
        var = work / "var"
        var.mkdir()
        common = {"var": var}
        setup = run_phase("migrate", work, timeout, lake=work / "lake-parquet", **common)
        if "error" in setup:
            raise SystemExit(f"migrate failed: {setup['error']}")
        results["idle"] = run_phase("idle", work, timeout, lake=work / "lake-parquet", **common)
        results["import_parquet"] = run_phase(
            "import", work, timeout, lake=work / "lake-parquet", file=parquet, **common
        )
        if with_csv:
            results["import_csv"] = run_phase("import", work, timeout, lake=work / "lake-csv", file=csv_path, **common)
        if reimport and "error" not in results["import_parquet"]:
            again = {"lake": work / "lake-parquet", "file": parquet}
            results["reimport"] = run_phase("import", work, timeout, **again, **common)
        if "error" not in results["import_parquet"]:
            results["report"] = run_phase("report", work, timeout, lake=work / "lake-parquet", **common)
        else:
            results["report"] = {"error": "no lake (the Parquet import failed)"}
        results["reference"] = run_phase("reference", work, timeout, file=parquet)
        results["lake_mb"] = sum(p.stat().st_size for p in (work / "lake-parquet").rglob("*.parquet")) / MB
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return results


# Printing ---------------------------------------------------------------------------------------------------------


def rate(result, events):
    if "error" in result:
        return None
    return events / result["seconds"]


def fmt_rate(value):
    if value is None:
        return "—"
    return f"{value / 1e6:.2f} M/s" if value >= 1e6 else f"{value / 1e3:.0f} k/s"


def verdict(ok):
    return "met" if ok else "MISSED"


def print_size(results):
    events, agents = results["events"], results["agents"]
    sizes = f"Parquet {results['parquet_mb']:.0f} MB"
    if results["csv_mb"] is not None:
        sizes += f", CSV {results['csv_mb']:.0f} MB"
    generated = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in results["generated"].items())
    print(f"\n{events:,} events, {agents:,} agents × {len(_usage_data.working_days())} working days ({sizes})")
    print(f"  data: {generated or 'reused from the cache'}")
    print(f"  {'phase':<34} {'time (s)':>9} {'events/s':>11} {'CPU (s)':>8} {'peak RSS':>10}   target")
    rows = [
        ("import Parquet (import_file)", "import_parquet", f"≥ {fmt_rate(TARGET_PARQUET)}", TARGET_PARQUET),
        ("import CSV (import_file)", "import_csv", f"≥ {fmt_rate(TARGET_CSV)}", TARGET_CSV),
        ("re-import Parquet (all duplicates)", "reimport", "—", None),
        ("report (build_report, whole month)", "report", "≤ reference, aim ½", None),
        ("reference (hand-written DuckDB SQL)", "reference", "—", None),
    ]
    for label, key, target, minimum in rows:
        result = results.get(key)
        if result is None:
            continue
        if "error" in result:
            peak = result.get("peak_mb", 0)
            print(f"  {label:<34} {'failed':>9} {'':>11} {'':>8} {peak:>7.0f} MB   {result['error']}")
            continue
        value = rate(result, events)
        mark = f" ({verdict(value >= minimum)})" if minimum else ""
        print(f"  {label:<34} {result['seconds']:>9.2f} {fmt_rate(value):>11} {result['cpu']:>8.1f} "
              f"{result['peak_mb']:>7.0f} MB   {target}{mark}")  # fmt: skip
    idle = results.get("idle", {})
    print(f"  (a child with Django and the usage modules loaded, doing nothing: {idle.get('peak_mb', 0):.0f} MB)")
    print(f"  lake written by the Parquet import: {results.get('lake_mb', 0):.0f} MB")
    report, ref = results.get("report", {}), results.get("reference", {})
    if "error" not in report and "error" not in ref:
        ratio = report["seconds"] / ref["seconds"]
        target = "met, aim ½ met" if ratio <= 0.5 else ("met, aim ½ missed" if ratio <= 1 else "MISSED")
        print(f"  ratio report / reference: {ratio:.2f}×  (target ≤ 1×, aim ≤ 0.5×: {target})")
    phases = [results.get(key, {}) for key in ("import_parquet", "import_csv", "reimport", "report", "reference")]
    peak = max((phase.get("peak_mb", 0) for phase in phases), default=0)
    ours = max((phase.get("peak_mb", 0) for phase in phases[:4]), default=0)
    print(f"  peak RSS of our phases: {ours:.0f} MB (target ≤ {TARGET_MEMORY_MB} MB: "
          f"{verdict(ours <= TARGET_MEMORY_MB)}); of all phases: {peak:.0f} MB")  # fmt: skip
    if "error" not in report and "error" not in ref:
        print_checks(report["summary"], ref["summary"])


def print_checks(ours, ref):
    checks = []
    for key in ("agents", "agent_days", "tools", "top_tool", "top_tool_agent_days", "top_tool_events", "events",
                "pairs", "transitions", "switches", "overload_agent_hours"):  # fmt: skip
        checks.append((key, ours[key], ref[key], ours[key] == ref[key]))
    for key in ("overload_median", "overload_p90"):
        checks.append((key, ours[key], ref[key], math.isclose(ours[key], ref[key], abs_tol=1e-4)))
    common = set(ours["phi"]) & set(ref["phi"])
    worst = max((abs(ours["phi"][k] - ref["phi"][k]) for k in common if ref["phi"][k] is not None), default=0)
    checks.append(("phi (max |Δ|, rounded to 4 dp)", f"{worst:.1e}", f"{len(common)} pairs", worst <= 6e-5))
    failed = [check for check in checks if not check[3]]
    print(f"  report = reference: {len(checks) - len(failed)}/{len(checks)} checks agree "
          f"(population {ours['agents']:,} agents / {ours['agent_days']:,} agent-days, top tool {ours['top_tool']} "
          f"{ours['top_tool_agent_days']:,} agent-days, {ours['pairs']} pairs, "
          f"{ours['switches']:,} switches)")  # fmt: skip
    for key, mine, theirs, _ in failed:
        print(f"    DISAGREE {key}: report {mine} / reference {theirs}")


def print_scale(series):
    print("\nGrowth (agents grow with the events, ~150 events per agent-day):")
    print(f"  {'events':>11} {'agents':>7} {'import Parquet':>15} {'import CSV':>11} {'report':>8} {'reference':>10} "
          f"{'ratio':>6} {'report vs 1 M':>14} {'peak RSS':>9}")  # fmt: skip
    base = None

    def seconds(result):
        return None if result is None or "error" in result else result["seconds"]

    def cell(result, width):
        value = seconds(result)
        if value is None:
            return f"{'—' if result is None else 'failed':>{width}}"
        return f"{value:>{width - 2}.1f} s"

    for results in series:
        report, ref = results.get("report"), results.get("reference")
        ratio = "—"
        if seconds(report) and seconds(ref):
            ratio = f"{seconds(report) / seconds(ref):.2f}×"
        growth = "—"
        if seconds(report):
            base = base or (results["events"], seconds(report))
            growth = f"×{seconds(report) / base[1]:.1f} (×{results['events'] / base[0]:.0f} ev.)"
        peaks = [results.get(k, {}).get("peak_mb", 0) for k in ("import_parquet", "import_csv", "report")]
        print(f"  {results['events']:>11,} {results['agents']:>7,} {cell(results.get('import_parquet'), 15)} "
              f"{cell(results.get('import_csv'), 11)} {cell(report, 8)} {cell(ref, 10)} {ratio:>6} {growth:>14} "
              f"{max(peaks):>6.0f} MB")  # fmt: skip
        for key in ("import_parquet", "import_csv", "report", "reference"):
            if results.get(key) and "error" in results[key]:
                print(f"      {key}: {results[key]['error']}")


def main():
    if "--phase" in sys.argv:
        child_main(sys.argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="events in the month (default 10 M)")
    parser.add_argument("--agents", type=int, help="agents (default 3,000 per 10 M events)")
    parser.add_argument("--quick", action="store_true", help="1 M events, for a fast check")
    parser.add_argument(
        "--scale", action="store_true", help="run 1 M, 10 M and 50 M events (about 4 minutes, 8 GB of disk)"
    )
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "bench", help="cache of generated files")
    parser.add_argument("--work-dir", type=Path, default=None, help="where the temporary lakes go (default: /tmp)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed to each phase")
    parser.add_argument("--keep", action="store_true", help="keep the temporary lakes and database")
    args = parser.parse_args()
    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=True)
    sys.stdout.reconfigure(line_buffering=True)  # each line as it comes, also through a pipe (make, CI)
    started = time.perf_counter()
    print(f"bench_usage: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; each phase in its own process;"
          " times exclude process start-up, CPU = user + system seconds of the whole child")  # fmt: skip
    if args.scale:
        series = []
        for events in SCALE_SIZES:
            results = run_size(events, None, args, reimport=False)
            print_size(results)
            series.append(results)
        print_scale(series)
    else:
        events = 1_000_000 if args.quick else args.events
        print_size(run_size(events, args.agents, args))
    elapsed = time.perf_counter() - started
    print(f"\ntotal {elapsed:.0f} s, load average {os.getloadavg()[0]:.1f}: figures vary with the machine's load.")


if __name__ == "__main__":
    main()
