"""The import_usage command: progress, a French summary, and exit code 1 with the errors on failure."""

import io

import pytest
from django.core.management import CommandError, call_command

from ere.usage import lake
from ere.usage.enums import ImportStatus
from ere.usage.models import RawApplication, UsageImport

NNBSP = "\u202f"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_usage", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "usages.csv"
    rows = "".join(f"agent{i % 7}@example.fr,app{i % 3}.exe,2026-11-03T09:{i % 60:02d}:00,{i}\n" for i in range(1234))
    path.write_text("agent,tool,start,duration_s\n" + rows)
    return path


def test_it_imports_a_file_and_prints_a_french_summary(db, csv_file):
    out, err = run(str(csv_file))

    usage_import = UsageImport.objects.get()
    assert "Import : 0 %" in out and "Import : 100 %" in out
    assert out.splitlines()[-1] == (
        f"Import n° {usage_import.pk} terminé : 1{NNBSP}234 événements ajoutés, 0 doublon ignoré, "
        "3 applications à rattacher."
    )
    assert err == ""
    assert len(lake.read_events()) == 1234


def test_a_second_run_reports_duplicates_only(db, csv_file):
    run(str(csv_file))
    out, _ = run(str(csv_file), "--source", "poste-42")
    assert "0 événement ajouté, 1\u202f234 doublons ignorés, 3 applications à rattacher." in out
    assert UsageImport.objects.order_by("pk").last().source == "poste-42"
    assert len(lake.read_events()) == 1234


def test_it_exits_with_code_1_and_the_errors_on_stderr(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("agent,tool,start,duration_s\na,x,2026-11-03T09:00,1\na,x,2026-13-45,1\n")
    err = io.StringIO()

    with pytest.raises(CommandError, match="refusé : rien n'a été écrit") as raised:
        call_command("import_usage", str(path), stdout=io.StringIO(), stderr=err)

    assert raised.value.returncode == 1
    assert err.getvalue() == "ligne 3, champ start : date illisible « 2026-13-45 »\n"
    assert lake.read_events() == []
    assert not RawApplication.objects.exists()
    usage_import = UsageImport.objects.get()
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors == ["ligne 3, champ start : date illisible « 2026-13-45 »"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "Le fichier est vide : il ne contient aucun événement."),
        (b"\x00\x01\x02\x03binary\xff\xfe\x00", "Le fichier n'est pas un fichier texte"),
        (b"agent,tool,start,duration_s,colour\n", "ligne 1 : colonne inconnue « colour »"),
        (b"agent,tool,start,duration_s\na,x,2026-11-03,-1\n", "ligne 2, champ duration_s : durée négative « -1 »"),
    ],
    ids=["empty", "binary", "unknown-column", "negative-duration"],
)
def test_it_refuses_bad_files(db, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_usage", str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert err.getvalue().startswith(message)
    assert lake.read_events() == []


def test_it_refuses_a_truncated_json_file(db, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"agent": "a", "tool": "x", "start": "2026-11-03", "duration_s": 1}\n{"agent": "a", "to')
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_usage", str(path), "--format", "jsonl", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("ligne 2 : JSON tronqué")


def test_the_agent_option_applies_to_an_activitywatch_export(db):
    from pathlib import Path

    path = Path(__file__).parent / "data" / "sample-export-android.json"
    out, _ = run(str(path), "--format", "activitywatch", "--agent", "alice@example.fr")
    assert "381 événements ajoutés, 10 doublons ignorés, 22 applications à rattacher." in out


def test_it_rejects_an_unknown_format(db, csv_file):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_usage", str(csv_file), "--format", "xlsx", stdout=io.StringIO(), stderr=io.StringIO())
