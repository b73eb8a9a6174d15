"""Reading files in the canonical layout (CSV, Parquet, JSON Lines, JSON records) into the `staged` table.

Checks are vectorised DuckDB queries over the whole input, never a Python loop over its rows: values are parsed with
TRY_CAST and each row gets one `ok` flag. Only when a row is not ok does a second pass give each field of each row an
error code, and Python look at the (at most 20) rows it reports; the slow but exact work of finding a row's physical
line in the file (blank lines, quoted line breaks) is done only then.

`staged` columns: agent_raw, app, title and url (only when a rule looks at them; NULL when absent), start
(TIMESTAMPTZ), duration_s (DOUBLE), device, ok. Row order (rowid) is the order of the input.
"""

import codecs
import csv
import json
import re
from pathlib import Path

import duckdb
import pyarrow as pa

from ere.usage.imports.errors import ImportRejected, quote
from ere.usage.imports.mapping import normalise_app_sql

COLUMNS = ("agent", "tool", "start", "end", "duration_s", "device", "url", "title")
ACCEPTED = (
    "Colonnes admises : agent, tool, start, et end ou duration_s ; facultatives : device, url, title "
    "(une heure sans fuseau est l'heure de Paris)."
)
PARIS = "Europe/Paris"
# Dates outside this range are mistakes (a day and a month swapped, a missing century, « infinity »).
EARLIEST, LATEST = "1990-01-01", "2100-01-01"
FRENCH_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S.%f"]
HEAD_SIZE = 64 * 1024
CSV_UNREADABLE = "Fichier CSV illisible : vérifiez le séparateur (« ; » ou « , ») et les guillemets."
STRING_TYPES = ("VARCHAR", "JSON")
NUMERIC_TYPES = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
    "FLOAT", "DOUBLE",
}  # fmt: skip


# --- Reading the head of a file: emptiness, binary content, encoding ----------------------------------------------


def read_head(path, size=HEAD_SIZE):
    with open(path, "rb") as file:
        return file.read(size)


def check_not_empty(head):
    if not head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00"):
        raise ImportRejected("Le fichier est vide : il ne contient aucun événement.")


def check_text(head):
    """Reject binary content (an Excel workbook, an image…) before any parser sees it."""
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportRejected(
            "Le fichier est un classeur Excel ou une archive, pas un fichier texte : enregistrez-le au format "
            "« CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) »."
        )
    if head.startswith(b"PAR1"):
        return
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in head:
        raise ImportRejected(
            "Le fichier n'est pas un fichier texte (il contient des données binaires) : formats acceptés : CSV, "
            "JSON Lines, Parquet ou export ActivityWatch."
        )


def sniff_encoding(head):
    """« utf-8 », « utf-16 » or « cp1252 » (French Excel's « CSV (séparateur : point-virgule) »)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def transcode_to_utf8(path, encoding, target):
    """Copy a Windows-1252 or UTF-16 file as UTF-8, by chunks. Line numbers are unchanged."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with open(path, "rb") as source, open(target, "w", encoding="utf-8", newline="") as out:
        while chunk := source.read(4 * 1024 * 1024):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                bad_line = line + chunk[: error.start].count(b"\n")
                raise ImportRejected(
                    f"ligne {bad_line} : caractère illisible : le fichier n'est ni en UTF-8 ni en Windows-1252 ; "
                    "enregistrez-le en « CSV UTF-8 »."
                ) from None
            line += chunk.count(b"\n")
            out.write(text.lstrip("\ufeff") if out.tell() == 0 else text)
        out.write(decoder.decode(b"", final=True))
    return target


# --- Staging: one query that parses, validates and keeps the input order ------------------------------------------


def timestamp_sql(column, column_type):
    """A TIMESTAMPTZ from an input column; text without an offset, or a naive timestamp, is Paris time."""
    if column_type == "TIMESTAMP WITH TIME ZONE":
        return column
    if column_type.startswith("TIMESTAMP") or column_type == "DATE":
        return f"timezone('{PARIS}', {column}::TIMESTAMP)"
    formats = "[" + ", ".join(f"'{fmt}'" for fmt in FRENCH_FORMATS) + "]"
    # The session time zone is Paris: TRY_CAST reads an offset when there is one, else takes the text as Paris time.
    return f"coalesce(TRY_CAST({column} AS TIMESTAMPTZ), timezone('{PARIS}', try_strptime({column}, {formats})))"


def text_sql(column, column_type):
    value = column if column_type in STRING_TYPES else f"CAST({column} AS VARCHAR)"
    return f"nullif(trim({value}), '')"


def duration_sql(column, column_type):
    if column_type in NUMERIC_TYPES or column_type.startswith("DECIMAL"):
        return f"CAST({column} AS DOUBLE)"
    if column_type == "INTERVAL":
        return f"epoch({column})"
    # « 12,5 » from a French spreadsheet is 12.5.
    return f"TRY_CAST(replace({column}, ',', '.') AS DOUBLE)"


def stage(con, source_sql, types, locate, default_agent=None, fields=("title", "url")):
    """Create `staged` from `source_sql` (columns named as COLUMNS, of `types`), or raise ImportRejected.

    The fast pass keeps only the parsed values and one `ok` flag per row; only when a row is not ok does a second,
    detailed pass work out which field of which line is wrong (`locate` turns row indexes into « ligne N »).
    Titles and URLs are read only when a mapping rule looks at them (`fields`).
    """
    rows, bad = _stage(con, source_sql, types, default_agent, fields)
    if bad:
        _stage(con, source_sql, types, default_agent, fields, table="staged_check", detailed=True)
        check_staged(con, locate, table="staged_check")
    return rows


def _stage(con, source_sql, types, default_agent, fields, table="staged", detailed=False):
    def text(name):
        return text_sql(f'"{name}"', types[name]) if name in types else "NULL::VARCHAR"

    def value(name):
        """The input value as given (text trimmed to NULL when blank, typed values as they are)."""
        if name not in types:
            return "NULL"
        return text(name) if types[name] in STRING_TYPES else f'"{name}"'

    agent = text("agent")
    if default_agent:
        agent = f"coalesce({agent}, {quote_sql(default_agent.strip())})"
    start_ts = timestamp_sql("start_in", types["start"]) if "start" in types else "NULL::TIMESTAMPTZ"
    end_ts = timestamp_sql("end_in", types["end"]) if "end" in types else "NULL::TIMESTAMPTZ"
    duration = duration_sql("duration_in", types["duration_s"]) if "duration_s" in types else "NULL::DOUBLE"
    in_range = f"BETWEEN TIMESTAMPTZ '{EARLIEST}' AND TIMESTAMPTZ '{LATEST}'"
    title = text("title") if "title" in fields else "NULL::VARCHAR"
    url = text("url") if "url" in fields else "NULL::VARCHAR"
    typed = f"""
        SELECT agent_raw, app, title, url, device, start_in, end_in, duration_in,
            {start_ts} AS start_ts, {end_ts} AS end_ts, {duration} AS duration_value
        FROM (
            SELECT {agent} AS agent_raw, {text("tool")} AS app, {title} AS title, {url} AS url,
                {text("device")} AS device, {value("start")} AS start_in, {value("end")} AS end_in,
                {value("duration_s")} AS duration_in
            FROM ({source_sql})
        )
    """
    # Titles and URLs are kept only when a rule needs them: they cost memory, and privacy asks for no more.
    kept = "".join(f"{field}, " for field in ("title", "url") if field in fields)
    values = f"""agent_raw, app, {kept}start_ts AS start,
        coalesce(duration_value, (epoch_us(end_ts) - epoch_us(start_ts)) / 1e6) AS duration_s, device"""
    if not detailed:
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE {table} AS
            SELECT {values}, coalesce(
                agent_raw IS NOT NULL AND app IS NOT NULL AND start_ts {in_range}
                AND (end_in IS NULL OR (end_ts {in_range} AND end_ts >= start_ts))
                AND CASE WHEN duration_in IS NULL THEN end_in IS NOT NULL
                    ELSE isfinite(duration_value) AND duration_value >= 0 END,
                false) AS ok
            FROM ({typed})
            """
        )
        rows, bad = con.execute(f"SELECT count(*), count(*) FILTER (NOT ok) FROM {table}").fetchall()[0]
        # An application name that normalises to nothing (« .exe »): checked once per distinct name.
        # (Through a table: in a subquery DuckDB would push the filter below the DISTINCT, onto every row.)
        con.execute(f"CREATE OR REPLACE TEMP TABLE apps AS SELECT DISTINCT app FROM {table}")
        empty = con.execute(f"SELECT count(*) FROM apps WHERE {normalise_app_sql('app')} = ''").fetchall()[0][0]
        return rows, bad + empty
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {table} AS
        WITH checked AS (
            SELECT *,
                CASE WHEN agent_raw IS NULL THEN 'missing' END AS err_agent,
                CASE WHEN app IS NULL THEN 'missing' WHEN {normalise_app_sql("app")} = '' THEN 'empty' END AS err_tool,
                CASE WHEN start_in IS NULL THEN 'missing' WHEN start_ts IS NULL THEN 'unreadable'
                    WHEN NOT (start_ts {in_range}) THEN 'range' END AS err_start,
                CASE WHEN end_in IS NULL THEN NULL WHEN end_ts IS NULL THEN 'unreadable'
                    WHEN NOT (end_ts {in_range}) THEN 'range'
                    WHEN end_ts < start_ts THEN 'before_start' END AS err_end,
                CASE WHEN duration_in IS NULL AND end_in IS NULL THEN 'missing'
                    WHEN duration_in IS NOT NULL AND (duration_value IS NULL OR NOT isfinite(duration_value))
                        THEN 'unreadable'
                    WHEN duration_value < 0 THEN 'negative' END AS err_duration
            FROM ({typed})
        )
        SELECT err_agent, err_tool, err_start, err_end, err_duration,
            CASE WHEN err_tool IS NOT NULL THEN app END AS bad_tool,
            CASE WHEN err_start IS NOT NULL THEN CAST(start_in AS VARCHAR) END AS bad_start,
            CASE WHEN err_end IS NOT NULL THEN CAST(end_in AS VARCHAR) END AS bad_end,
            CASE WHEN err_duration IS NOT NULL THEN CAST(duration_in AS VARCHAR) END AS bad_duration
        FROM checked
        """
    )
    return None, None


def quote_sql(value):
    return "'" + str(value).replace("'", "''") + "'"


REASONS = {
    ("agent", "missing"): "valeur manquante",
    ("tool", "missing"): "valeur manquante",
    ("tool", "empty"): "nom d'application vide {value}",
    ("start", "missing"): "valeur manquante",
    ("start", "unreadable"): "date illisible {value}",
    ("start", "range"): "date hors de la période admise (1990 à 2100) {value}",
    ("end", "unreadable"): "date illisible {value}",
    ("end", "range"): "date hors de la période admise (1990 à 2100) {value}",
    ("end", "before_start"): "la fin est avant le début {value}",
    ("duration_s", "missing"): "durée manquante : renseignez end ou duration_s",
    ("duration_s", "unreadable"): "nombre illisible {value}",
    ("duration_s", "negative"): "durée négative {value}",
}


def check_staged(con, locate, table):
    """Raise ImportRejected listing the first errors of `table`, each naming its line, field and reason."""
    total = con.execute(
        "SELECT count(err_agent) + count(err_tool) + count(err_start) + count(err_end) + count(err_duration) "
        f"FROM {table}"
    ).fetchall()[0][0]
    if not total:
        return
    rows = con.execute(
        f"""
        SELECT idx, field, code, value FROM (
            SELECT rowid AS idx, 1 AS o, 'agent' AS field, err_agent AS code, NULL AS value
                FROM {table} WHERE err_agent IS NOT NULL
            UNION ALL SELECT rowid, 2, 'tool', err_tool, bad_tool FROM {table} WHERE err_tool IS NOT NULL
            UNION ALL SELECT rowid, 3, 'start', err_start, bad_start FROM {table} WHERE err_start IS NOT NULL
            UNION ALL SELECT rowid, 4, 'end', err_end, bad_end FROM {table} WHERE err_end IS NOT NULL
            UNION ALL SELECT rowid, 5, 'duration_s', err_duration, bad_duration FROM {table}
                WHERE err_duration IS NOT NULL
        ) ORDER BY idx, o LIMIT 20
        """
    ).fetchall()
    raise ImportRejected(field_errors(rows, locate), total)


def field_errors(rows, locate):
    """French messages for (row index, field, code, value) tuples: « ligne 12, champ start : date illisible « … » »."""
    places = locate(sorted({idx for idx, *_ in rows}))
    messages = []
    for idx, field, code, value in rows:
        reason = REASONS[(field, code)].format(value=quote(value) if value is not None else "").rstrip()
        messages.append(f"{places[idx]}, champ {field} : {reason}")
    return messages


def header_errors(names, where="ligne 1 : ", default_agent=None):
    """Errors of a header: unknown, unnamed, repeated or missing columns."""
    errors = []
    seen = set()
    for position, name in enumerate(names, start=1):
        if not name:
            errors.append(f"{where}colonne sans nom (position {position})")
        elif name not in COLUMNS:
            errors.append(f"{where}colonne inconnue {quote(name)}")
        elif name in seen:
            errors.append(f"{where}colonne en double {quote(name)}")
        seen.add(name)
    required = ("tool", "start") if default_agent else ("agent", "tool", "start")
    for name in required:
        if name not in seen:
            hint = " (ou indiquez l'agent à qui appartient le fichier)" if name == "agent" else ""
            errors.append(f"{where}colonne obligatoire absente {quote(name)}{hint}")
    if "end" not in seen and "duration_s" not in seen:
        errors.append(f"{where}colonne obligatoire absente : « end » ou « duration_s »")
    if errors:
        errors.append(ACCEPTED)
    return errors


# --- CSV ------------------------------------------------------------------------------------------------------------


def detect_delimiter(header_line):
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def stage_csv(con, path, work_dir, default_agent=None, fields=("title", "url")):
    """Stage a CSV file: `,`, `;` or tab separated, UTF-8 (with or without BOM), Windows-1252 or UTF-16."""
    head = read_head(path)
    check_not_empty(head)
    check_text(head)
    encoding = sniff_encoding(head)
    data_path = Path(path)
    if encoding != "utf-8":
        data_path = transcode_to_utf8(path, encoding, Path(work_dir) / "input.csv")
    header_line, delimiter = read_header(data_path)
    names = [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))]
    if errors := header_errors(names, default_agent=default_agent):
        raise ImportRejected(errors)
    columns = "{" + ", ".join(f"{quote_sql(name)}: 'VARCHAR'" for name in names) + "}"

    def source(rejects=False):
        options = ", store_rejects = true" if rejects else ""
        return (
            f"SELECT * FROM read_csv({quote_sql(str(data_path))}, delim = {quote_sql(delimiter)}, header = true, "
            f"quote = '\"', escape = '\"', columns = {columns}, auto_detect = false, strict_mode = true, "
            f"null_padding = false{options})"
        )

    def locate(indexes):
        return csv_lines(data_path, delimiter, indexes)

    try:
        rows = stage(con, source(), dict.fromkeys(names, "VARCHAR"), locate, default_agent, fields)
    except duckdb.Error as error:
        if encoding == "utf-8" and "unicode" in str(error).lower():
            # Valid UTF-8 at the start, Windows-1252 further down: French Excel, read it again transcoded.
            data_path = transcode_to_utf8(path, "cp1252", Path(work_dir) / "input.csv")
            return stage_csv(con, data_path, work_dir, default_agent, fields)
        raise ImportRejected(csv_structure_errors(con, source(rejects=True), delimiter, len(names))) from None
    if not rows:
        raise ImportRejected("Le fichier ne contient aucun événement : seulement la ligne d'en-tête.")
    return rows


def read_header(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        for line in file:
            if line.strip():
                line = line.rstrip("\r\n")
                return line, detect_delimiter(line)
    raise ImportRejected("Le fichier est vide : il ne contient aucun événement.")


def csv_structure_errors(con, source_sql, delimiter, expected):
    """Rows DuckDB could not split into `expected` fields, with their physical line numbers."""
    try:
        con.execute(f"SELECT count(*) FROM ({source_sql})").fetchall()
        rejects = con.execute(
            "SELECT line, error_type, error_message FROM reject_errors ORDER BY line, column_idx"
        ).fetchall()
    except duckdb.Error:
        return [CSV_UNREADABLE]
    shown = {"\t": "tabulation"}.get(delimiter, delimiter)
    errors = {}
    for line, error_type, message in rejects:
        if line in errors:
            continue
        found = re.search(r"Found: (\d+)", message or "")
        if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS") and found:
            errors[line] = (
                f"ligne {line} : {found.group(1)} colonnes au lieu de {expected} (séparateur « {shown} » ; un texte "
                "qui contient le séparateur doit être entre guillemets)"
            )
        elif error_type in ("UNQUOTED VALUE", "UNTERMINATED QUOTE"):
            errors[line] = f"ligne {line} : guillemet mal placé ou non refermé"
        elif error_type == "INVALID UNICODE":
            errors[line] = f"ligne {line} : caractère illisible (encodage non reconnu) ; enregistrez en « CSV UTF-8 »"
        elif error_type == "LINE SIZE OVER MAXIMUM":
            errors[line] = f"ligne {line} : ligne trop longue"
        else:
            errors[line] = f"ligne {line} : ligne illisible"
    return list(errors.values()) or [CSV_UNREADABLE]


def csv_lines(path, delimiter, indexes):
    """{row index: "ligne N"} — the physical line where each data row starts (header = line 1)."""
    wanted = set(indexes)
    places = {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file, delimiter=delimiter)
        previous_end = 0
        index = -1  # the header
        for row in reader:
            start_line = previous_end + 1
            previous_end = reader.line_num
            if not row:  # DuckDB skips blank lines too
                continue
            if index in wanted:
                places[index] = f"ligne {start_line}"
                if len(places) == len(wanted):
                    break
            index += 1
    return {idx: places.get(idx, f"ligne {idx + 2}") for idx in indexes}


# --- Parquet --------------------------------------------------------------------------------------------------------


def stage_parquet(con, path, default_agent=None, fields=("title", "url")):
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({quote_sql(str(path))})").fetchall()
    except duckdb.Error:
        raise ImportRejected("Fichier Parquet illisible ou tronqué.") from None
    actual = [row[0] for row in described]
    names = [name.strip().lower() for name in actual]
    if errors := header_errors(names, where="", default_agent=default_agent):
        raise ImportRejected(errors)
    types = {name: row[1] for name, row in zip(names, described, strict=True)}
    if errors := parquet_type_errors(types):
        raise ImportRejected(errors)
    renamed = ", ".join(f'"{original}" AS "{name}"' for original, name in zip(actual, names, strict=True))
    source = f"SELECT {renamed} FROM read_parquet({quote_sql(str(path))})"
    try:
        rows = stage(con, source, types, lambda indexes: {i: f"ligne {i + 1}" for i in indexes}, default_agent, fields)
    except duckdb.Error:
        raise ImportRejected("Fichier Parquet illisible ou tronqué.") from None
    if not rows:
        raise ImportRejected("Le fichier ne contient aucun événement.")
    return rows


def parquet_type_errors(types):
    """Columns whose Parquet type cannot hold what they should (a list, a structure, a date in a number…)."""
    dates = ("VARCHAR", "DATE", "TIMESTAMP WITH TIME ZONE")
    errors = []
    for name, column_type in types.items():
        if name in ("start", "end"):
            ok = column_type in dates or column_type.startswith("TIMESTAMP")
        elif name == "duration_s":
            ok = column_type in (*NUMERIC_TYPES, "VARCHAR", "INTERVAL") or column_type.startswith("DECIMAL")
        else:
            ok = not column_type.endswith("]") and not column_type.startswith(("STRUCT", "MAP", "UNION"))
        if not ok:
            errors.append(f"colonne {name} : type Parquet non pris en charge ({column_type})")
    return errors


# --- JSON Lines -----------------------------------------------------------------------------------------------------


def stage_jsonl(con, path, default_agent=None, fields=("title", "url")):
    """Stage a JSON Lines file: one JSON object per line with the canonical keys."""
    head = read_head(path)
    check_not_empty(head)
    check_text(head)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE jsonl AS SELECT json FROM "
            f"read_json_objects({quote_sql(str(path))}, format = 'newline_delimited')"
        )
    except duckdb.Error:
        jsonl_syntax_errors(path)

    def locate(indexes):
        return jsonl_lines(path, indexes)

    not_objects = con.execute(
        "SELECT rowid FROM jsonl WHERE json_type(json) <> 'OBJECT' ORDER BY rowid LIMIT 20"
    ).fetchall()
    if not_objects:
        places = locate([idx for (idx,) in not_objects])
        raise ImportRejected([f"{places[idx]} : un objet JSON {{…}} est attendu" for (idx,) in not_objects])
    unknown = con.execute(
        f"""
        SELECT key, min(idx) AS first FROM (
            SELECT rowid AS idx, unnest(json_keys(json)) AS key FROM jsonl
        ) WHERE key NOT IN ({", ".join(quote_sql(name) for name in COLUMNS)})
        GROUP BY key ORDER BY first LIMIT 20
        """
    ).fetchall()
    if unknown:
        places = locate([idx for _, idx in unknown])
        raise ImportRejected([f"{places[idx]} : champ inconnu {quote(key)}" for key, idx in unknown] + [ACCEPTED])
    extract = ", ".join(f'json ->> {quote_sql(name)} AS "{name}"' for name in COLUMNS)
    rows = stage(con, f"SELECT {extract} FROM jsonl", dict.fromkeys(COLUMNS, "VARCHAR"), locate, default_agent, fields)
    if not rows:
        raise ImportRejected("Le fichier est vide : il ne contient aucun événement.")
    return rows


def jsonl_lines(path, indexes):
    """{row index: "ligne N"}: DuckDB skips blank lines, so count them here."""
    wanted = set(indexes)
    places = {}
    index = 0
    with open(path, encoding="utf-8-sig", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            if index in wanted:
                places[index] = f"ligne {number}"
                if len(places) == len(wanted):
                    break
            index += 1
    return {idx: places.get(idx, f"ligne {idx + 1}") for idx in indexes}


def jsonl_syntax_errors(path):
    """Raise ImportRejected naming the lines that are not valid JSON (DuckDB stops at the first one)."""
    errors = []
    total = 0
    with open(path, encoding="utf-8-sig", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                json.loads(line)
            except json.JSONDecodeError as error:
                total += 1
                if len(errors) < 20:
                    if error.msg.startswith("Unterminated") or error.pos >= len(line.rstrip()):
                        errors.append(f"ligne {number} : JSON tronqué (la ligne s'arrête avant la fin de l'objet)")
                    else:
                        errors.append(f"ligne {number}, colonne {error.colno} : JSON illisible")
    raise ImportRejected(errors or ["Fichier JSON Lines illisible."], total)


# --- JSON records (the collector API) -------------------------------------------------------------------------------


def stage_records(con, records, default_agent=None, fields=("title", "url")):
    """Stage a list of dicts (a JSON batch): « enregistrement N » names the N-th record (from 1)."""
    if not isinstance(records, list | tuple):
        raise ImportRejected("Une liste d'événements est attendue.")
    if not records:
        raise ImportRejected("Le lot ne contient aucun événement.")
    columns = {name: [] for name in COLUMNS}
    errors = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            errors.append(f"enregistrement {number} : un objet JSON {{…}} est attendu")
            continue
        for key, value in record.items():
            if key not in columns:
                errors.append(f"enregistrement {number} : champ inconnu {quote(key)}")
            elif value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
                errors.append(f"enregistrement {number}, champ {key} : une valeur texte ou nombre est attendue")
        for name, values in columns.items():
            value = record.get(name)
            values.append(None if value is None else str(value))
    if errors:
        raise ImportRejected(errors, len(errors))
    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    con.register("records_input", table)
    try:
        return stage(
            con,
            "SELECT * FROM records_input",
            dict.fromkeys(COLUMNS, "VARCHAR"),
            lambda indexes: {idx: f"enregistrement {idx + 1}" for idx in indexes},
            default_agent,
            fields,
        )
    finally:
        con.unregister("records_input")
