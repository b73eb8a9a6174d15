"""Parquet, JSON Lines and JSON records imports, and format detection."""

import datetime
import json
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ere.usage import lake
from ere.usage.enums import ImportStatus
from ere.usage.imports.errors import ImportRejected
from ere.usage.imports.pipeline import detect_format, watching
from ere.usage.models import RawApplication
from ere.usage.services import import_file, import_records

UTC = datetime.UTC
PARIS = datetime.timezone(datetime.timedelta(hours=1))


def imported(path, **kwargs):
    usage_import = import_file(path, **kwargs)
    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    return usage_import


def rejected(path=None, records=None, **kwargs):
    if records is not None:
        usage_import = import_records(records, source="test", **kwargs)
    else:
        usage_import = import_file(path, **kwargs)
    assert usage_import.status == ImportStatus.FAILED
    assert lake.read_events() == []
    assert not RawApplication.objects.exists()
    return usage_import.errors


def test_it_imports_typed_parquet(db, tmp_path):
    path = tmp_path / "events.parquet"
    table = pa.table(
        {
            "agent": ["a", "b"],
            "tool": ["Excel.exe", "word"],
            # A naive timestamp is Paris time; an aware one is an instant.
            "start": pa.array([datetime.datetime(2026, 11, 3, 9, 0), datetime.datetime(2026, 11, 3, 10, 0)]),
            "duration_s": pa.array([1, 2], pa.int32()),
            "device": ["desktop", None],
        }
    )
    pq.write_table(table, path)

    usage_import = imported(path)

    assert usage_import.format == "parquet"
    assert [(e["tool"], e["start"], e["duration_s"]) for e in lake.read_events()] == [
        ("excel", datetime.datetime(2026, 11, 3, 8, 0, tzinfo=UTC), 1.0),
        ("word", datetime.datetime(2026, 11, 3, 9, 0, tzinfo=UTC), 2.0),
    ]


def test_it_imports_parquet_with_text_columns_and_an_aware_end(db, tmp_path):
    path = tmp_path / "events.pq"
    pq.write_table(
        pa.table(
            {
                "Agent": ["a"],
                "Tool": ["x"],
                "start": ["2026-11-03T09:00:00"],
                "end": pa.array([datetime.datetime(2026, 11, 3, 8, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC")),
            }
        ),
        path,
    )
    imported(path)
    assert lake.read_events()[0]["duration_s"] == 60.0


def test_it_rejects_parquet_with_an_unknown_column(db, tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(
        pa.table({"agent": ["a"], "tool": ["x"], "start": ["2026-11-03"], "duration_s": [1], "x": [1]}), path
    )
    assert rejected(path)[0] == "colonne inconnue « x »"


def test_it_names_the_parquet_row_of_a_bad_value(db, tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"agent": ["a", "a"], "tool": ["x", "x"], "start": ["2026-11-03", "2026-11-03"],
                             "duration_s": [1.0, -2.0]}), path)  # fmt: skip
    assert rejected(path) == ["ligne 2, champ duration_s : durée négative « -2.0 »"]


def test_it_rejects_a_truncated_parquet_file(db, tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"agent": ["a"], "tool": ["x"], "start": ["2026-11-03"], "duration_s": [1]}), path)
    path.write_bytes(path.read_bytes()[:-30])
    assert rejected(path) == ["Fichier Parquet illisible ou tronqué."]


def test_it_imports_json_lines(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text(
        '{"agent": "a", "tool": "x", "start": "2026-11-03T09:00:00+01:00", "duration_s": 1.5}\n\n'
        '{"agent": "a", "tool": "y", "start": "2026-11-03T09:00:00", "end": "2026-11-03T09:00:02", "url": "https://z"}\n'
    )
    usage_import = imported(path)
    assert usage_import.format == "jsonl"
    assert [(e["tool"], e["duration_s"]) for e in lake.read_events()] == [("x", 1.5), ("y", 2.0)]


def test_it_names_the_line_of_a_bad_json_lines_value(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('\n{"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1}\n\n'
                    '{"agent": "a", "tool": "x", "start": "le 3 novembre", "duration_s": 1}\n')  # fmt: skip
    assert rejected(path) == ["ligne 4, champ start : date illisible « le 3 novembre »"]


def test_it_rejects_truncated_json_lines(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1}\n{"agent": "a", "to')
    assert rejected(path) == ["ligne 2 : JSON tronqué (la ligne s'arrête avant la fin de l'objet)"]


def test_it_names_a_malformed_json_line(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1}\n{"agent": a}\n')
    assert rejected(path) == ["ligne 2, colonne 11 : JSON illisible"]


def test_it_rejects_an_unknown_json_key(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1, "Titre": "t"}\n')
    assert rejected(path)[0] == "ligne 1 : champ inconnu « Titre »"


def test_it_rejects_a_json_line_that_is_not_an_object(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1}\n[1, 2]\n')
    assert rejected(path) == ["ligne 2 : un objet JSON {…} est attendu"]


def test_it_rejects_records_naming_the_record(db):
    errors = rejected(
        records=[
            {"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1},
            {"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": "-1"},
        ]
    )
    assert errors == ["enregistrement 2, champ duration_s : durée négative « -1 »"]


def test_it_rejects_records_with_unknown_keys_or_odd_values(db):
    errors = rejected(records=[{"agent": "a", "tool": ["x"], "start": "2026-11-03", "duration_s": 1, "x": 2}, "y"])
    assert errors == [
        "enregistrement 1, champ tool : une valeur texte ou nombre est attendue",
        "enregistrement 1 : champ inconnu « x »",
        "enregistrement 2 : un objet JSON {…} est attendu",
    ]


def test_it_rejects_an_empty_batch(db):
    assert rejected(records=[]) == ["Le lot ne contient aucun événement."]


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("a.csv", b"agent,tool\n", "csv"),
        ("a.txt", b"agent;tool\n", "csv"),
        ("export", b"agent;tool\n", "csv"),
        ("a.jsonl", b'{"agent": "a"}\n', "jsonl"),
        ("a.json", b'{"agent": "a"}\n{"agent": "b"}\n', "jsonl"),
        ("aw-buckets-export.json", b'{"buckets": {}}', "activitywatch"),
        ("export", b'\n  {\n  "buckets": [\n', "activitywatch"),
        ("a.bin", b"PAR1\x00\x00", "parquet"),
    ],
)
def test_it_detects_the_format(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected


def test_it_refuses_a_json_array(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"agent": "a"}]))
    with pytest.raises(ImportRejected, match="Un tableau JSON n'est pas un format d'import"):
        detect_format(path)


def test_it_rejects_a_parquet_column_of_the_wrong_type(db, tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"agent": ["a"], "tool": ["x"], "start": [[1, 2]], "duration_s": [1]}), path)
    assert rejected(path) == ["colonne start : type Parquet non pris en charge (BIGINT[])"]


class FakeConnection:
    """Answers query_progress() like DuckDB during a query: -1 before it starts, then percentages."""

    def __init__(self):
        self.values = iter([-1, 10.0, 50.0, 50.0, 100.0])

    def query_progress(self):
        return next(self.values, 100.0)


def test_watching_reports_the_query_progress_within_its_range():
    seen = []
    with watching(FakeConnection(), seen.append, 10, 40, interval=0.001):
        time.sleep(0.1)
    assert seen == [13, 25, 40]
