import datetime
import io

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from ere.usage import lake
from ere.usage.services import import_records

UTC = datetime.UTC


def load(*starts):
    usage_import = import_records(
        [{"agent": "a", "tool": "x", "start": start, "duration_s": 1} for start in starts], source="s"
    )
    assert usage_import.status == "done", usage_import.errors
    return usage_import


def purge(*args):
    out = io.StringIO()
    call_command("purge_usage", *args, stdout=out)
    return out.getvalue()


def starts():
    return [event["start"] for event in lake.read_events()]


def test_it_deletes_events_before_the_date_in_paris_time(db, lake_dir):
    first = load("2026-09-10T12:00:00", "2026-10-14T23:59:59", "2026-10-15T00:00:00")
    second = load("2026-09-20T12:00:00", "2026-10-20T08:00:00", "2026-11-02T08:00:00")

    out = purge("--before", "2026-10-15")

    assert out == "3 événements antérieurs au 15 octobre 2026 supprimés (2 fichiers supprimés, 1 fichier réécrit).\n"
    assert starts() == [
        datetime.datetime(2026, 10, 14, 22, 0, tzinfo=UTC),
        datetime.datetime(2026, 10, 20, 6, 0, tzinfo=UTC),
        datetime.datetime(2026, 11, 2, 7, 0, tzinfo=UTC),
    ]
    assert not (lake_dir / "events" / "month=2026-09").exists()
    rewritten = sorted((lake_dir / "events" / "month=2026-10").iterdir())
    # Named after their imports (ids differ between databases: PostgreSQL sequences do not roll back).
    assert [path.name for path in rewritten] == sorted([f"import-{first.pk}.parquet", f"import-{second.pk}.parquet"])
    assert pq.read_schema(rewritten[0]).remove_metadata() == lake.SCHEMA


def test_it_deletes_a_file_left_empty(db, lake_dir):
    load("2026-10-01T12:00:00", "2026-11-01T12:00:00")
    out = purge("--before", "15/10/2026")
    assert out.startswith("1 événement antérieur au 15 octobre 2026 supprimé (1 fichier supprimé).")
    assert not (lake_dir / "events" / "month=2026-10").exists()


def test_by_default_it_keeps_the_retention_period(db, settings):
    settings.USAGE_RETENTION_DAYS = 395
    load("2021-03-01T12:00:00", "2099-01-01T12:00:00")
    out = purge()
    assert out.startswith("1 événement antérieur au ")
    assert out.endswith("Durée de conservation : 395 jours.\n")
    assert starts() == [datetime.datetime(2099, 1, 1, 11, 0, tzinfo=UTC)]


def test_it_says_when_there_is_nothing_to_delete(db):
    assert purge("--before", "2026-01-01") == "0 événement antérieur au 1 janvier 2026 supprimé.\n"


def test_it_rejects_an_unreadable_date(db):
    with pytest.raises(CommandError, match="Date illisible « 2026-13-01 »"):
        purge("--before", "2026-13-01")
