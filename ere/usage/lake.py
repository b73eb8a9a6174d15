"""The lake of usage events: Parquet files partitioned by month, written and read through DuckDB.

Layout and columns are the contract of docs/usage.md: `USAGE_LAKE_DIR/events/month=YYYY-MM/import-<id>.parquet`.

Writes are all or nothing: an import writes its files under `.staging/`, and they are moved into place (a rename on
the same file system) only when everything is ready; readers glob `*.parquet` and never see a half-written file.
A lock file serialises the writers (imports and purges), so that two imports of the same events cannot both find
them new.
"""

import fcntl
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

PARIS = ZoneInfo("Europe/Paris")
COLUMNS = ("agent", "tool", "start", "duration_s", "device", "source", "import_id")
SCHEMA = pa.schema(
    [
        ("agent", pa.string()),
        ("tool", pa.string()),
        ("start", pa.timestamp("us", tz="UTC")),
        ("duration_s", pa.float64()),
        ("device", pa.string()),
        ("source", pa.string()),
        ("import_id", pa.int64()),
    ]
)
# zstd at its fastest level: files nearly as small as the default level, written faster.
COMPRESSION = "zstd"


def lake_dir(root=None):
    if root is None:
        from django.conf import settings

        root = settings.USAGE_LAKE_DIR
    return Path(root)


def events_dir(root=None):
    return lake_dir(root) / "events"


def events_glob(root=None):
    """The glob of every event file, for `read_parquet(…, hive_partitioning = true)`."""
    return str(events_dir(root) / "month=*" / "*.parquet")


def event_files(root=None, months=None):
    base = events_dir(root)
    if months is None:
        return sorted(base.glob("month=*/*.parquet"))
    return sorted(path for month in months for path in (base / f"month={month}").glob("*.parquet"))


def has_events(root=None):
    return bool(event_files(root))


def _literal(value):
    return "'" + str(value).replace("'", "''") + "'"


def events_sql(root=None):
    """A SQL relation of all events with the contract's columns and `month`, also when the lake is empty."""
    if not has_events(root):
        return (
            "(SELECT NULL::VARCHAR AS agent, NULL::VARCHAR AS tool, NULL::TIMESTAMPTZ AS start, "
            "NULL::DOUBLE AS duration_s, NULL::VARCHAR AS device, NULL::VARCHAR AS source, "
            "NULL::BIGINT AS import_id, NULL::VARCHAR AS month LIMIT 0)"
        )
    return f"read_parquet({_literal(events_glob(root))}, hive_partitioning = true, hive_types = {{'month': VARCHAR}})"


def events_relation(con, root=None):
    """The DuckDB relation of all events (see events_sql)."""
    return con.sql(f"SELECT * FROM {events_sql(root)}")


def read_events(root=None):
    """Every event as a list of dicts ordered by start, agent, tool (for checks and tests: small lakes only)."""
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        cursor = con.execute(f"SELECT * FROM {events_sql(root)} ORDER BY start, agent, tool")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


@contextmanager
def locked(root=None):
    """Hold the lake's writer lock (imports and purges take turns)."""
    base = lake_dir(root)
    base.mkdir(parents=True, exist_ok=True)
    with open(base / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass
class Staging:
    """The files of one import, written but not yet visible; `publish()` moves them into the lake."""

    import_id: int
    directory: Path
    root: Path
    events: int = 0  # events offered
    inserted: int = 0
    inserted_by_tool: dict = field(default_factory=dict)
    months: list = field(default_factory=list)
    files: list = field(default_factory=list)  # (staged path, final path)
    published: list = field(default_factory=list)

    @property
    def duplicates(self):
        return self.events - self.inserted

    def publish(self):
        """Move the files into place; on failure, those already moved are removed again."""
        try:
            for staged, final in self.files:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, final)
                self.published.append(final)
        except BaseException:
            self.unpublish()
            raise
        self.discard()

    def unpublish(self):
        """Remove the files publish() moved (when the database transaction that goes with them fails)."""
        for path in self.published:
            path.unlink(missing_ok=True)
        self.published = []

    def discard(self):
        shutil.rmtree(self.directory, ignore_errors=True)


def paris_months(first, last):
    """[(« YYYY-MM », start of the month in Paris as an aware datetime)] for every month from `first` to `last`."""
    first, last = first.astimezone(PARIS), last.astimezone(PARIS)
    year, month = first.year, first.month
    months = []
    while (year, month) <= (last.year, last.month):
        months.append((f"{year:04d}-{month:02d}", datetime(year, month, 1, tzinfo=PARIS)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_sql(months, column="start"):
    """The Paris month of `column` by comparing instants with the months' boundaries: much cheaper than converting
    every timestamp to Paris time."""
    if len(months) == 1:
        return _literal(months[0][0])
    branches = " ".join(
        f"WHEN {column} < TIMESTAMPTZ {_literal(boundary.isoformat())} THEN {_literal(label)}"
        for (label, _), (_, boundary) in zip(months, months[1:], strict=False)
    )
    return f"CASE {branches} ELSE {_literal(months[-1][0])} END"


def stage(con, prepared, import_id, root=None):
    """Deduplicate an import's events within themselves and against the months they touch, then write the new ones
    as Parquet under `.staging/`. Hold `locked()` from before this call until publish().

    `prepared` names relations of `con` (see imports.pipeline.Prepared): `events` (agent_no, tool_no, start,
    duration_s, device), `agents` (agent_no, agent), `tools` (tool_no, tool), with `source`, `span` (first and
    last start) and `kept` (number of events).
    """
    root = lake_dir(root)
    staging = Staging(import_id=import_id, directory=root / ".staging" / f"import-{import_id}", root=root)
    staging.discard()
    staging.events = prepared.kept
    if not prepared.kept:
        return staging
    first, last = prepared.span
    months = paris_months(first, last)
    existing = [str(path) for path in event_files(root, [label for label, _ in months])]
    deduplicated = (
        "SELECT agent_no, tool_no, start, duration_s, any_value(device) AS device "
        f"FROM {prepared.events} GROUP BY agent_no, tool_no, start, duration_s"
    )
    if existing:
        files = "[" + ", ".join(_literal(path) for path in existing) + "]"
        # Only existing events of this import's agents and tools, within its time span, can be duplicates.
        deduplicated = f"""
            SELECT n.* FROM ({deduplicated}) AS n ANTI JOIN (
                SELECT a.agent_no, t.tool_no, e.start, e.duration_s
                FROM read_parquet({files}, hive_partitioning = false) AS e
                    JOIN {prepared.agents} AS a ON a.agent = e.agent
                    JOIN {prepared.tools} AS t ON t.tool = e.tool
                WHERE e.start BETWEEN $1 AND $2
            ) AS o USING (agent_no, tool_no, start, duration_s)
        """
    con.execute(f"CREATE OR REPLACE TEMP TABLE lake_new AS {deduplicated}", [first, last] if existing else [])
    counts = con.execute(
        f"SELECT t.tool, count(*) FROM lake_new JOIN {prepared.tools} AS t USING (tool_no) GROUP BY t.tool"
    ).fetchall()
    staging.inserted_by_tool = dict(counts)
    staging.inserted = sum(staging.inserted_by_tool.values())
    if not staging.inserted:
        return staging
    staging.directory.mkdir(parents=True)
    con.execute(
        f"""
        COPY (
            SELECT a.agent, t.tool, n.start, n.duration_s, n.device, {_literal(prepared.source)} AS source,
                {int(import_id)}::BIGINT AS import_id, {month_sql(months, "n.start")} AS month
            FROM lake_new AS n JOIN {prepared.agents} AS a USING (agent_no) JOIN {prepared.tools} AS t USING (tool_no)
        ) TO {_literal(str(staging.directory))} (
            FORMAT parquet, PARTITION_BY (month), COMPRESSION {COMPRESSION}, COMPRESSION_LEVEL 1
        )
        """
    )
    for folder in sorted(staging.directory.glob("month=*")):
        written = sorted(folder.glob("*.parquet"))
        for number, path in enumerate(written):
            suffix = f"-{number}" if number else ""
            final = events_dir(root) / folder.name / f"import-{import_id}{suffix}.parquet"
            staging.files.append((path, final))
        staging.months.append(folder.name.removeprefix("month="))
    return staging


@dataclass
class Purged:
    events: int = 0
    files_deleted: int = 0
    files_rewritten: int = 0


def cutoff_of(before):
    """Midnight of `before` in Paris, as an aware datetime."""
    if isinstance(before, datetime):
        return before if before.tzinfo else before.replace(tzinfo=PARIS)
    return datetime.combine(before, time(0), tzinfo=PARIS)


def purge(before, root=None):
    """Delete events that start before `before` (a date: midnight in Paris), rewriting the partial month's files.

    Whole months before the cutoff are deleted file by file; files of the cutoff's month are rewritten without their
    old events (to a temporary file, then renamed over the original).
    """
    root = lake_dir(root)
    cutoff = cutoff_of(before)
    cutoff_month = cutoff.astimezone(PARIS).strftime("%Y-%m")
    purged = Purged()
    if not events_dir(root).exists():
        return purged
    with locked(root):
        clean_leftovers(root)
        con = duckdb.connect()
        try:
            con.execute("SET TimeZone = 'Europe/Paris'")
            for folder in sorted(events_dir(root).glob("month=*")):
                month = folder.name.removeprefix("month=")
                if month > cutoff_month:
                    continue
                for path in sorted(folder.glob("*.parquet")):
                    source = f"read_parquet({_literal(str(path))}, hive_partitioning = false)"
                    if month < cutoff_month:
                        purged.events += con.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
                        path.unlink()
                        purged.files_deleted += 1
                        continue
                    old, kept = con.execute(
                        f"SELECT count(*) FILTER (start < $1), count(*) FILTER (start >= $1) FROM {source}", [cutoff]
                    ).fetchall()[0]
                    if not old:
                        continue
                    purged.events += old
                    if not kept:
                        path.unlink()
                        purged.files_deleted += 1
                        continue
                    temporary = path.with_name(f".{path.name}.purge")
                    # Written with the lake's schema, so that rewritten files stay identical in shape to new ones.
                    kept_rows = con.sql(
                        f"SELECT {', '.join(COLUMNS)} FROM {source} WHERE start >= $1", params=[cutoff]
                    ).to_arrow_reader()
                    with pq.ParquetWriter(temporary, SCHEMA, compression=COMPRESSION, compression_level=1) as writer:
                        for batch in kept_rows:
                            writer.write_table(pa.Table.from_batches([batch]).cast(SCHEMA))
                    os.replace(temporary, path)
                    purged.files_rewritten += 1
                if not any(folder.iterdir()):
                    folder.rmdir()
        finally:
            con.close()
    return purged


def clean_leftovers(root=None, age=timedelta(days=1)):
    """Remove what an import killed mid-way left behind. Call it holding `locked()`.

    Staging directories exist only while their import holds the lock: under the lock, any of them is a leftover.
    Work directories are used before the lock is taken, so only old ones are removed.
    """
    root = lake_dir(root)
    shutil.rmtree(root / ".staging", ignore_errors=True)
    limit = datetime.now().timestamp() - age.total_seconds()
    for folder in (root / ".work").glob("import-*"):
        if folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def retention_cutoff(today=None):
    """The default `--before` of purge_usage: today minus USAGE_RETENTION_DAYS."""
    from django.conf import settings

    today = today or datetime.now(PARIS).date()
    return today - timedelta(days=settings.USAGE_RETENTION_DAYS)
