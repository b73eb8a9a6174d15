"""From an input (a file or a list of records) to the relations the lake writes: validate, map, pseudonymise.

One in-memory DuckDB database per import. Work is done once per distinct value where it can be: one HMAC per
distinct agent, one rule evaluation per distinct (application, title, URL). Titles and URLs are read only when a rule
looks at them, stay in this database, and are gone when it is closed at the end of the import: what the lake gets
(`Prepared`) has no column for them.
"""

import os
import threading
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ere.usage.imports import activitywatch, canonical
from ere.usage.imports.canonical import check_not_empty, check_text, read_head
from ere.usage.imports.errors import ImportRejected
from ere.usage.imports.mapping import Mapper, sql_string
from ere.usage.imports.pseudonymise import pseudonymise_many

FORMATS = ("csv", "parquet", "jsonl", "activitywatch")
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# Peak memory of an import stays under the benchmark's 2 GB: DuckDB spills to the work directory beyond this.
MEMORY_LIMIT = "1GB"


def detect_format(path):
    """The format of a file from its extension, else from its first bytes."""
    head = read_head(path)
    check_not_empty(head)
    if head.startswith(b"PAR1"):
        return "parquet"
    extension = Path(path).suffix.lower()
    if extension in (".parquet", ".pq"):
        raise ImportRejected("Fichier Parquet illisible : il ne commence pas par la signature Parquet.")
    check_text(head)
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        if '"buckets"' in text[:4096]:
            return "activitywatch"
        first_line = text.split("\n", 1)[0].strip()
        if first_line.endswith("}"):
            return "jsonl"
        return "activitywatch"
    if text.startswith("["):
        raise ImportRejected(
            "Un tableau JSON n'est pas un format d'import : utilisez JSON Lines (un objet par ligne) ou CSV."
        )
    return "csv"


def connect(work_dir, threads=None):
    """An in-memory DuckDB database reading times in Paris, spilling to `work_dir`."""
    con = duckdb.connect(config={"threads": threads or os.cpu_count() or 1})
    con.execute("SET TimeZone = 'Europe/Paris'")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = {sql_string(str(work_dir))}")
    # Progress of the running query for watching(), without DuckDB printing a bar of its own.
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    return con


@contextmanager
def watching(con, progress, low, high, interval=0.5):
    """Report the progress of the query running on `con` as `low`..`high` percent, from a polling thread.

    DuckDB answers `query_progress()` from another thread while a query runs: a long import moves its progress bar
    during its long steps (reading the file, deduplicating), not only between them. `progress` is called from the
    polling thread, and exceptions it raises are ignored (a progress bar must not break an import).
    """
    stop = threading.Event()

    def poll():
        last = low
        while not stop.wait(interval):
            done = con.query_progress()
            percent = low + int((high - low) * min(max(done, 0), 100) / 100)
            if percent > last:
                last = percent
                with suppress(Exception):  # see the docstring
                    progress(percent)

    thread = threading.Thread(target=poll, name="import-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@dataclass
class Prepared:
    """An import ready for the lake, as relations of `con` (see lake.stage):

    - `prepared` (a view): agent_no, tool_no, start, duration_s, device — one row per event read and kept;
    - `agents`: agent_no, agent (the pseudonym); `tools`: tool_no, tool.

    Agents and tools are numbered so that deduplicating millions of events groups fixed-size keys, not strings.
    """

    con: duckdb.DuckDBPyConnection
    rows: int  # events read
    dropped: int  # events read but not kept (ActivityWatch rules)
    kept: int  # events offered to the lake (rows - dropped)
    raw_names: list  # tools of this import that are unmapped raw application names
    source: str
    span: tuple  # (first start, last start)
    events: str = "prepared"
    agents: str = "agents"
    tools: str = "tools"


def prepare(con, *, path=None, records=None, fmt="auto", agent=None, source, mapper=None, hmac_key, progress=None):
    """Validate, map and pseudonymise an input; raise ImportRejected (French messages) when anything is wrong."""
    mapper = mapper or Mapper()
    progress = progress or (lambda percent: None)
    mapper.check()
    work_dir = con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]
    with watching(con, progress, 0, 40):
        rows, dropped, fmt = _stage(con, path, records, fmt, agent, mapper, work_dir)
    progress(40)

    keys = mapper.build(con, "staged")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE tools AS SELECT tool, (row_number() OVER (ORDER BY tool))::INTEGER AS tool_no "
        "FROM (SELECT DISTINCT tool FROM tool_map)"
    )
    progress(45)
    _pseudonymise(con, hmac_key)
    join = " AND ".join(f"coalesce(s.{key}, '') = m.{key}" for key in keys)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW prepared AS
        SELECT a.agent_no, t.tool_no, s.start, s.duration_s, s.device
        FROM staged AS s JOIN agents_raw AS a USING (agent_raw) JOIN tool_map AS m ON {join}
            JOIN tools AS t ON t.tool = m.tool
        """
    )
    raw_names = [name for (name,) in con.execute("SELECT DISTINCT tool FROM tool_map WHERE is_raw").fetchall()]
    span = tuple(con.execute("SELECT min(start), max(start) FROM staged").fetchall()[0])
    progress(50)
    kept = con.execute("SELECT count(*) FROM staged").fetchall()[0][0]
    return Prepared(
        con=con, rows=rows, dropped=dropped, kept=kept, raw_names=sorted(raw_names), source=source, span=span
    )


def _pseudonymise(con, hmac_key):
    """`agents_raw` (agent_raw → agent_no) and `agents` (agent_no → pseudonym): one HMAC per distinct identifier.

    Identifiers that differ only by case or spaces get the same pseudonym, hence the same number.
    """
    identifiers = [agent for (agent,) in con.execute("SELECT DISTINCT agent_raw FROM staged").fetchall()]
    pseudonyms = pseudonymise_many(identifiers, hmac_key)
    numbers = {pseudonym: number for number, pseudonym in enumerate(sorted(set(pseudonyms.values())), start=1)}
    con.execute("CREATE OR REPLACE TEMP TABLE agents_raw (agent_raw VARCHAR, agent_no INTEGER)")
    con.execute(
        "INSERT INTO agents_raw SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[])",
        [identifiers, [numbers[pseudonyms[identifier]] for identifier in identifiers]],
    )
    con.execute("CREATE OR REPLACE TEMP TABLE agents (agent_no INTEGER, agent VARCHAR)")
    con.execute(
        "INSERT INTO agents SELECT unnest(?::INTEGER[]), unnest(?::VARCHAR[])",
        [list(numbers.values()), list(numbers)],
    )


def _stage(con, path, records, fmt, agent, mapper, work_dir):
    """Read the input into `staged`: (rows read, rows dropped, format)."""
    dropped = 0
    if records is not None:
        fmt = "records"
        rows = canonical.stage_records(con, records, agent, mapper.key_fields)
    else:
        if fmt in (None, "", "auto"):
            fmt = detect_format(path)
        if fmt == "csv":
            rows = canonical.stage_csv(con, path, work_dir, agent, mapper.key_fields)
        elif fmt == "parquet":
            rows = canonical.stage_parquet(con, path, agent, mapper.key_fields)
        elif fmt == "jsonl":
            rows = canonical.stage_jsonl(con, path, agent, mapper.key_fields)
        elif fmt == "activitywatch":
            rows, dropped = activitywatch.stage_activitywatch(con, path, agent, mapper)
        else:
            raise ImportRejected(f"Format inconnu « {fmt} » : formats acceptés : {', '.join(FORMATS)}.")
    return rows, dropped, fmt
