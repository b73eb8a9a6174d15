"""The lake: the contract's layout and columns, atomic writes, deduplication and the writers' lock."""

import datetime
import fcntl
import re
from unittest import mock

import duckdb
import pyarrow.parquet as pq
import pytest

from ere.usage import lake
from ere.usage.enums import ImportStatus
from ere.usage.models import RawApplication
from ere.usage.services import UNEXPECTED, import_records


def records(*starts, tool="x", agent="a"):
    return [{"agent": agent, "tool": tool, "start": start, "duration_s": 60} for start in starts]


def test_an_empty_lake_reads_as_no_events_with_the_contract_columns(db):
    con = duckdb.connect()
    relation = lake.events_relation(con)
    assert relation.columns == [*lake.COLUMNS, "month"]
    assert relation.fetchall() == []


def test_files_follow_the_contract(db, lake_dir):
    usage_import = import_records(records("2026-10-31T23:00:00", "2026-11-01T08:00:00"), source="s")

    files = lake.event_files()
    assert [path.relative_to(lake_dir).as_posix() for path in files] == [
        f"events/month=2026-10/import-{usage_import.pk}.parquet",
        f"events/month=2026-11/import-{usage_import.pk}.parquet",
    ]
    assert pq.read_schema(files[0]).remove_metadata() == lake.SCHEMA
    assert all(re.fullmatch(r"[0-9a-f]{64}", event["agent"]) for event in lake.read_events())
    assert not (lake_dir / ".staging" / f"import-{usage_import.pk}").exists()
    assert list((lake_dir / ".work").iterdir()) == []


def test_the_glob_finds_every_event_file(db):
    import_records(records("2026-10-01", "2026-11-01"), source="s")
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{lake.events_glob()}')").fetchall() == [(2,)]


def test_deduplication_looks_at_the_months_the_import_touches(db):
    import_records(records("2026-10-01", "2026-11-01"), source="s")
    second = import_records(records("2026-11-01", "2026-12-01"), source="s")
    assert (second.inserted, second.duplicates) == (1, 1)
    assert len(lake.read_events()) == 3


def test_the_same_event_with_another_duration_is_another_event(db):
    import_records(records("2026-10-01"), source="s")
    second = import_records([{"agent": "a", "tool": "x", "start": "2026-10-01", "duration_s": 61}], source="s")
    assert second.inserted == 1


def test_a_database_failure_writes_no_file(db, lake_dir):
    with mock.patch.object(RawApplication.objects, "bulk_create", side_effect=RuntimeError("disque plein")):
        usage_import = import_records(records("2026-10-01"), source="s")
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors == [UNEXPECTED]
    assert lake.event_files() == []
    assert not any((lake_dir / ".staging").iterdir())


def test_a_failure_after_the_files_moved_removes_them(db, lake_dir):
    publish = lake.Staging.publish

    def publish_then_fail(staging):
        publish(staging)
        raise OSError("la base a disparu")

    with mock.patch.object(lake.Staging, "publish", publish_then_fail):
        usage_import = import_records(records("2026-10-01", "2026-11-01"), source="s")
    assert usage_import.status == ImportStatus.FAILED
    assert lake.event_files() == []
    assert not RawApplication.objects.exists()


def test_writers_take_turns(db, lake_dir):
    with lake.locked(), open(lake_dir / ".lock") as other, pytest.raises(BlockingIOError):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(lake_dir / ".lock") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released


def test_the_purge_removes_what_a_killed_import_left_behind(db, lake_dir):
    import os

    import_records(records("2026-10-01"), source="s")
    stale_staging = lake_dir / ".staging" / "import-99" / "month=2026-10"
    stale_staging.mkdir(parents=True)
    old_work, recent_work = lake_dir / ".work" / "import-98-x", lake_dir / ".work" / "import-100-y"
    old_work.mkdir()
    recent_work.mkdir()
    os.utime(old_work, (0, 0))

    lake.purge(datetime.date(2000, 1, 1))

    assert not (lake_dir / ".staging").exists()
    assert not old_work.exists()
    assert recent_work.exists()
    assert len(lake.read_events()) == 1
