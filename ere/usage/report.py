"""The usage report: `ere.usage.analytics` fed from Django and written as JSON or as CSV files for French Excel.

The Django side lives here and only here: the agents dimension (registered users, pseudonymised like the lake), the
re-mapping of raw applications that an admin has since attached to a tool, the lake's files, the privacy threshold.
"""

import json
from contextlib import contextmanager
from pathlib import Path

import ibis
import pyarrow as pa
from django.conf import settings
from django.db.models import Count

from ere.catalog.models import Tool
from ere.core import excel_csv
from ere.org.models import User
from ere.usage import analytics, lake
from ere.usage.imports.pseudonymise import pseudonymise_many
from ere.usage.models import RawApplication, SurveyResponse, SurveyToolAnswer

REPORT_MEMORY_LIMIT = "1536MB"
RATIO_DIGITS = 4
MINUTE_DIGITS = 1
EMPTY_LAKE = (
    "Le lac d'usage est vide : aucun fichier d'événements dans {path}. "
    "Importez d'abord des journaux d'usage (commande « import_usage » ou page d'import)."
)

TOOL_COLUMNS = ("tool", "active_agents", "agent_days", "events", "minutes", "adoption")
PAIR_COLUMNS = ("a", "b", "agent_days", "jaccard", "lift", "phi")
TRANSITION_COLUMNS = ("from", "to", "count")
# CSV export: the summary goes to the requested path, each table to a file next to it named `<stem>-<suffix>.csv`.
CSV_TABLES = (
    ("outils", TOOL_COLUMNS),
    ("co-usage", PAIR_COLUMNS),
    ("transitions", TRANSITION_COLUMNS),
    ("communautes", ("community", "tool")),
    ("surcharge", ("tools", "agent_hours")),
)


class ReportError(Exception):
    """A report that cannot be made, with a message for the person who asked for it (in French)."""


def agents_dimension():
    """Registered users as the analytics see them: pseudonym, agency code, territory code, role.

    Every user counts, active or not: the events of someone who has left still belong to their agency's history.
    """
    users = User.objects.select_related("agency__territory").only(
        "email", "role", "agency__code", "agency__territory__code"
    )
    users = list(users)
    pseudonyms = pseudonymise_many({user.email for user in users}, settings.USAGE_HMAC_KEY)
    columns = {
        "agent": [pseudonyms[user.email] for user in users],
        "agency": [user.agency.code if user.agency else None for user in users],
        "territory": [user.agency.territory.code if user.agency else None for user in users],
        "role": [user.role for user in users],
    }
    return pa.table(columns, schema=pa.schema([(name, pa.string()) for name in columns]))


def tool_mapping():
    """{raw application name: tool slug} for the raw applications an admin has attached to a tool."""
    return dict(RawApplication.objects.filter(tool__isnull=False).values_list("name", "tool__slug"))


def launch_dates():
    """{tool slug: launch date} of the catalogue's tools that have one, for the adoption curves."""
    return dict(Tool.objects.exclude(launched_on=None).values_list("slug", "launched_on"))


def lake_events(con, filters):
    """The lake's events on the DuckDB connection `con`, restricted to the months the period touches.

    Months are the lake's partitions (months of the local start), so that other months' files are never opened.
    """
    if not lake.has_events():
        raise ReportError(EMPTY_LAKE.format(path=lake.events_dir()))
    # A view made by DuckDB itself from the lake module's relation: Ibis 12's `Backend.sql()` and its `read_parquet`
    # options cannot be used with DuckDB 2 (a removed method, a MAP where DuckDB wants a STRUCT). `start` becomes a
    # naive UTC timestamp, so that DuckDB takes its epoch without a time zone conversion (several times faster, and
    # whatever the session's zone).
    con.con.sql(
        "CREATE TEMP VIEW lake_events AS SELECT agent, tool, make_timestamp(epoch_us(start)) AS start, duration_s, "
        f"month FROM {lake.events_sql()}"
    )
    events = con.table("lake_events")
    if filters.start:
        events = events.filter(events.month >= filters.start.strftime("%Y-%m"))
    if filters.end:
        events = events.filter(events.month <= filters.end.strftime("%Y-%m"))
    return events


@contextmanager
def lake_analysis(filters, *, min_group=None):
    """An `analytics.Analysis` of the lake for `filters`, on a DuckDB connection of its own, closed on exit."""
    min_group = settings.USAGE_MIN_GROUP if min_group is None else min_group
    # Bounded: beyond the limit DuckDB spills to the lake's work folder instead of growing (a 50 M-event report
    # peaked at 3.6 GB unbounded). 1.5 GB keeps a 10 M-event month in memory and the process under 2 GB.
    work = lake.lake_dir() / ".work"
    work.mkdir(parents=True, exist_ok=True)
    con = ibis.duckdb.connect(memory_limit=REPORT_MEMORY_LIMIT, temp_directory=str(work))
    try:
        events = lake_events(con, filters)
        agents = ibis.memtable(agents_dimension()) if filters.needs_agents else None
        with analytics.Analysis(events, agents, filters, min_group=min_group, mapping=tool_mapping()) as analysis:
            yield analysis
    finally:
        con.disconnect()


def build_report(filters, *, min_group=None, seed=analytics.DEFAULT_SEED):
    """The report of docs/usage.md for `filters` (an `analytics.Filters` with both dates), as plain data."""
    min_group = settings.USAGE_MIN_GROUP if min_group is None else min_group
    with lake_analysis(filters, min_group=min_group) as analysis:
        result = analysis.report(seed=seed)
    return present(result, filters, min_group)


def declared_frequencies(campaign, *, min_group=None):
    """The sent answers of a survey campaign as the analytics compare them: agent pseudonym, tool slug, level 0–5.

    The survey's own rule applies first: the answers of an agency with fewer than `min_group` sent responses count
    nowhere (see « Enquêtes » in docs/usage.md).
    """
    min_group = settings.USAGE_MIN_GROUP if min_group is None else min_group
    sent = SurveyResponse.objects.submitted().filter(campaign=campaign)
    agencies = sent.values("agency").annotate(responses=Count("pk")).filter(responses__gte=min_group)
    answers = SurveyToolAnswer.objects.filter(
        response__in=sent.filter(agency__in=agencies.values("agency"))
    ).values_list("response__respondent__email", "tool__slug", "frequency")
    answers = list(answers)
    pseudonyms = pseudonymise_many({email for email, _, _ in answers}, settings.USAGE_HMAC_KEY)
    return pa.table(
        {
            "agent": pa.array([pseudonyms[email] for email, _, _ in answers], pa.string()),
            "tool": pa.array([slug for _, slug, _ in answers], pa.string()),
            "level": pa.array([analytics.FREQUENCY_LEVELS.index(level) for _, _, level in answers], pa.int8()),
        }
    )


def declared_vs_measured(campaign, filters, *, min_group=None):
    """Per tool, what the campaign's respondents declared against what the lake measured over `filters`."""
    min_group = settings.USAGE_MIN_GROUP if min_group is None else min_group
    declared = declared_frequencies(campaign, min_group=min_group)
    with lake_analysis(filters, min_group=min_group) as analysis:
        return analysis.declared_vs_measured(ibis.memtable(declared))


def present(result, filters, min_group):
    """The report's published form: the structure of the issue, ratios and quantiles to 4 decimals, minutes to 1,
    dates as ISO strings."""
    report = {
        "period": {"from": _iso(filters.start), "to": _iso(filters.end)},
        "filters": {
            "agencies": list(filters.agencies),
            "territories": list(filters.territories),
            "roles": list(filters.roles),
        },
        "min_group": min_group,
        "suppressed": result["suppressed"],
        "population": None,
        "tools": [],
        "co_usage": [],
        "transitions": [],
        "communities": [],
        "overload": None,
    }
    if result["suppressed"]:
        return report
    report["population"] = result["population"]
    report["tools"] = [
        {**row, "minutes": round(row["minutes"], MINUTE_DIGITS), "adoption": _ratio(row["adoption"])}
        for row in result["tools"]
    ]
    report["co_usage"] = [
        {**row, "jaccard": _ratio(row["jaccard"]), "lift": _ratio(row["lift"]), "phi": _ratio(row["phi"])}
        for row in result["co_usage"]
    ]
    report["transitions"] = result["transitions"]
    report["communities"] = result["communities"]
    overload = result["overload"]
    if overload is not None:
        overload = {**overload, "median": _ratio(overload["median"]), "p90": _ratio(overload["p90"])}
    report["overload"] = overload
    return report


def _ratio(value):
    return None if value is None else round(value, RATIO_DIGITS)


def _iso(date):
    return date.isoformat() if date else None


# Writers ----------------------------------------------------------------------------------------------------------


def write_json(report, path):
    """Write the report as UTF-8 JSON; returns the paths written."""
    path = Path(path)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [path]


def csv_paths(path):
    """The summary's path, then one path per table of CSV_TABLES, next to it."""
    path = Path(path)
    return [path] + [path.with_name(f"{path.stem}-{suffix}.csv") for suffix, _ in CSV_TABLES]


def write_csv(report, path):
    """Write the report as CSV files that French Excel opens as they are; returns the paths written.

    UTF-8 with a byte order mark (so Excel recognises UTF-8), `;` between cells, a decimal comma, CRLF line ends,
    dates as AAAA-MM-JJ. The summary (period, filters, population, overload figures) goes to `path` as key;value
    rows, each table to its own file (`<stem>-outils.csv`…) so that Excel can sort and filter it: see docs/usage.md.
    """
    overload = report["overload"] or {}
    population = report["population"] or {}
    summary = [
        ("from", report["period"]["from"]),
        ("to", report["period"]["to"]),
        ("agencies", ", ".join(report["filters"]["agencies"])),
        ("territories", ", ".join(report["filters"]["territories"])),
        ("roles", ", ".join(report["filters"]["roles"])),
        ("min_group", report["min_group"]),
        ("suppressed", report["suppressed"]),
        ("agents", population.get("agents")),
        ("agent_days", population.get("agent_days")),
        ("overload_agent_hours", overload.get("agent_hours")),
        ("overload_median", overload.get("median")),
        ("overload_p90", overload.get("p90")),
    ]
    tables = {
        "outils": report["tools"],
        "co-usage": report["co_usage"],
        "transitions": report["transitions"],
        "communautes": [
            {"community": number, "tool": tool}
            for number, community in enumerate(report["communities"], start=1)
            for tool in community
        ],
        "surcharge": overload.get("distribution", []),
    }
    paths = csv_paths(path)
    _write_rows(paths[0], ("key", "value"), summary)
    for target, (suffix, columns) in zip(paths[1:], CSV_TABLES, strict=True):
        _write_rows(target, columns, [[row[column] for column in columns] for row in tables[suffix]])
    return paths


def _write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        excel_csv.write(handle, header, rows)


def write_report(report, path, format):
    """Write the report in `format` (json or csv); returns the paths written."""
    return write_json(report, path) if format == "json" else write_csv(report, path)
