import datetime

from ere.usage import lake
from ere.usage.enums import ImportStatus
from ere.usage.imports.pseudonymise import pseudonymise
from ere.usage.models import RawApplication, UsageImport
from ere.usage.services import import_file, import_records, summary
from tests.catalog.factories import ToolFactory

UTC = datetime.UTC


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_it_imports_a_csv_file_into_the_lake(db, tmp_path, settings):
    ToolFactory(slug="aude", name="AUDE")
    path = write(
        tmp_path,
        "events.csv",
        "agent,tool,start,duration_s,device\n"
        "Alice@Example.fr,aude,2026-11-03T09:00:00,120,desktop\n"
        "alice@example.fr,WINWORD.EXE,2026-11-03T09:02:00+01:00,60,\n",
    )

    usage_import = import_file(path)

    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    assert (usage_import.rows, usage_import.inserted, usage_import.duplicates) == (2, 2, 0)
    assert usage_import.progress == 100
    events = lake.read_events()
    agent = pseudonymise("alice@example.fr", settings.USAGE_HMAC_KEY)
    assert [(e["agent"], e["tool"], e["start"], e["duration_s"], e["device"]) for e in events] == [
        (agent, "aude", datetime.datetime(2026, 11, 3, 8, 0, tzinfo=UTC), 120.0, "desktop"),
        (agent, "winword", datetime.datetime(2026, 11, 3, 8, 2, tzinfo=UTC), 60.0, None),
    ]
    assert {e["source"] for e in events} == {"events.csv"}
    assert {e["import_id"] for e in events} == {usage_import.pk}
    assert {e["month"] for e in events} == {"2026-11"}
    assert list(RawApplication.objects.values_list("name", "events")) == [("winword", 1)]
    assert summary(usage_import) == "2 événements ajoutés, 0 doublon ignoré, 1 application à rattacher"


def test_importing_the_same_file_again_adds_nothing(db, tmp_path):
    path = write(tmp_path, "events.csv", "agent;tool;start;duration_s\na;excel;2026-11-03T09:00:00;12,5\n")
    import_file(path)

    again = import_file(path)

    assert (again.status, again.inserted, again.duplicates) == (ImportStatus.DONE, 0, 1)
    assert len(lake.read_events()) == 1
    assert RawApplication.objects.get().events == 1


def test_it_imports_records(db):
    usage_import = import_records(
        [{"agent": "a", "tool": "x", "start": "2026-11-03T09:00:00", "duration_s": 3}], source="collecteur"
    )
    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    assert lake.read_events()[0]["source"] == "collecteur"


def test_a_rejected_file_writes_nothing(db, tmp_path, lake_dir):
    path = write(tmp_path, "bad.csv", "agent,tool,start,duration_s\na,word,2026-13-45,3\n")

    usage_import = import_file(path)

    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors == ["ligne 2, champ start : date illisible « 2026-13-45 »"]
    assert lake.read_events() == []
    assert not RawApplication.objects.exists()
    assert UsageImport.objects.get().status == ImportStatus.FAILED


def test_it_reports_progress(db, tmp_path):
    seen = []
    path = write(tmp_path, "events.csv", "agent,tool,start,duration_s\na,x,2026-11-03T09:00:00,1\n")
    usage_import = import_file(path, progress=seen.append)
    assert seen[0] == 0 and seen[-1] == 100
    assert seen == sorted(seen)
    assert UsageImport.objects.get(pk=usage_import.pk).progress == 100


def test_the_background_task_fills_the_import_row_and_deletes_the_upload(db, tmp_path):
    from ere.usage.tasks import import_usage_task

    path = write(tmp_path, "upload-123.csv", "agent,tool,start,duration_s\na,x,2026-11-03T09:00:00,1\n")
    usage_import = UsageImport.objects.create(source="mes-usages.csv", filename="mes-usages.csv")

    result = import_usage_task.enqueue(usage_import.pk, str(path), delete_file=True)

    assert result.return_value["status"] == ImportStatus.DONE
    usage_import.refresh_from_db()
    assert (usage_import.status, usage_import.inserted, usage_import.progress) == (ImportStatus.DONE, 1, 100)
    assert usage_import.source == "mes-usages.csv"
    assert not path.exists()


def test_queue_import_runs_the_task_once_the_upload_is_committed(
    db, tmp_path, agent, django_capture_on_commit_callbacks
):
    from ere.usage.services import queue_import

    path = write(tmp_path, "tmp-upload", "agent;tool;start;duration_s\na;x;2026-11-03T09:00:00;1\n")
    with django_capture_on_commit_callbacks(execute=True):
        usage_import = queue_import(path, user=agent, filename="mes-usages.csv")
        assert usage_import.status == ImportStatus.PENDING

    usage_import.refresh_from_db()
    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    assert (usage_import.created_by, usage_import.filename, usage_import.format) == (agent, "mes-usages.csv", "csv")
    assert lake.read_events()[0]["source"] == "mes-usages.csv"


def test_error_messages_never_quote_a_title_or_url(db, tmp_path):
    path = write(
        tmp_path,
        "events.csv",
        "agent,tool,start,duration_s,title,url\na,x,demain,1,Dossier de M. Secret,https://secret.example/\n",
    )
    usage_import = import_file(path)
    assert usage_import.errors == ["ligne 2, champ start : date illisible « demain »"]
