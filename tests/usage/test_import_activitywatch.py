"""ActivityWatch exports: both servers' dialects, the afk rule, web precedence, and a real Android export."""

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ere.usage import lake
from ere.usage.enums import ImportStatus, RuleField, RuleKind
from ere.usage.imports.activitywatch import outside, overlap, union
from ere.usage.imports.mapping import normalise_app
from ere.usage.models import MappingRule, RawApplication
from ere.usage.services import import_file
from tests.catalog.factories import ToolFactory

UTC = datetime.UTC
DATA = Path(__file__).parent / "data"
DIALECTS = ["python", "rust", "list"]


def at(hour, minute, second=0):
    return datetime.datetime(2026, 11, 3, hour, minute, second, tzinfo=UTC)


def event(dialect, number, start, end, **data):
    """One event as each server writes it: the Python server with `+00:00` and no id, the Rust one with `Z`,
    nanoseconds and an id."""
    stamp = start.isoformat() if dialect == "python" else start.strftime("%Y-%m-%dT%H:%M:%S.%f") + "123Z"
    written = {"timestamp": stamp, "duration": (end - start).total_seconds(), "data": data}
    if dialect != "python":
        written["id"] = number
    return written


def bucket(dialect, bucket_id, kind, host, spans):
    events = [event(dialect, n, start, end, **data) for n, (start, end, data) in enumerate(spans, start=1)]
    if dialect != "python":
        events.reverse()  # aw-server-rust lists the newest first
    client = bucket_id.split("_")[0]
    return {
        "id": bucket_id,
        "type": kind,
        "client": client,
        "hostname": host,
        "created": "2026-11-01",
        "events": events,
    }


def export(tmp_path, dialect, buckets):
    content = {"buckets": buckets if dialect == "list" else {b["id"]: b for b in buckets}}
    path = tmp_path / "aw-buckets-export.json"
    path.write_text(json.dumps(content, ensure_ascii=False, indent=1))
    return path


def afk(dialect, host, spans):
    return bucket(dialect, f"aw-watcher-afk_{host}", "afkstatus", host, [(s, e, {"status": st}) for s, e, st in spans])


def windows(dialect, host, spans):
    return bucket(
        dialect,
        f"aw-watcher-window_{host}",
        "currentwindow",
        host,
        [(s, e, {"app": a, "title": t}) for s, e, a, t in spans],
    )


def web(dialect, host, spans):
    return bucket(
        dialect, f"aw-watcher-web-firefox_{host}", "web.tab.current", host,
        [(s, e, {"url": u, "title": t, "audible": False, "incognito": False, "tabCount": 3}) for s, e, u, t in spans],
    )  # fmt: skip


def events_in_lake():
    return [(e["tool"], e["start"], e["duration_s"], e["device"]) for e in lake.read_events()]


def imported(path, **kwargs):
    usage_import = import_file(path, **kwargs)
    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    return usage_import


@pytest.mark.parametrize("dialect", DIALECTS)
def test_window_events_keep_only_their_time_when_the_agent_was_there(db, tmp_path, dialect):
    path = export(
        tmp_path,
        dialect,
        [
            afk(dialect, "pc-alice", [(at(8, 0), at(9, 0), "not-afk"), (at(9, 0), at(9, 30), "afk"),
                                      (at(9, 30), at(10, 0), "not-afk")]),
            windows(dialect, "pc-alice", [
                (at(7, 50), at(8, 5), "Teams.exe", "Réunion"),  # starts before: cut to 08:00
                (at(8, 10), at(8, 20), "WINWORD.EXE", "Courrier"),  # inside
                (at(8, 50), at(9, 40), "EXCEL.EXE", "Tableau"),  # spans the afk break: two overlaps
                (at(9, 5), at(9, 20), "OUTLOOK.EXE", "Boîte"),  # while away: dropped
            ]),
            windows(dialect, "pc-2", [(at(9, 10), at(9, 15), "notepad.exe", "x")]),  # no afk bucket on this host
        ],
    )  # fmt: skip

    usage_import = imported(path, agent="alice@example.fr")

    assert (usage_import.rows, usage_import.dropped, usage_import.inserted) == (5, 1, 4)
    assert usage_import.format == "activitywatch"
    assert usage_import.source == "activitywatch"
    assert events_in_lake() == [
        ("teams", at(8, 0), 300.0, "desktop"),
        ("winword", at(8, 10), 600.0, "desktop"),
        ("excel", at(8, 50), 1200.0, "desktop"),
        ("notepad", at(9, 10), 300.0, "desktop"),
    ]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_mapped_web_events_take_precedence_over_the_browser_window(db, tmp_path, dialect):
    aude = ToolFactory(slug="aude")
    MappingRule.objects.create(field=RuleField.URL, kind=RuleKind.REGEX, pattern=r"^https://aude\.intra/", tool=aude)
    path = export(
        tmp_path,
        dialect,
        [
            afk(dialect, "pc", [(at(10, 0), at(11, 0), "not-afk")]),
            windows(dialect, "pc", [
                (at(10, 0), at(10, 30), "Firefox", "Mozilla Firefox"),
                (at(10, 30), at(10, 40), "WINWORD.EXE", "Document"),
            ]),
            web(dialect, "pc", [
                (at(10, 5), at(10, 15), "https://aude.intra/dossier/42", "Dossier de M. Martin"),  # mapped
                (at(10, 15), at(10, 20), "https://fr.wikipedia.org/wiki/Lyon", "Lyon"),  # unmapped: dropped
                (at(10, 35), at(10, 38), "https://aude.intra/", "AUDE"),  # browser not in front: dropped
            ]),
        ],
    )  # fmt: skip

    usage_import = imported(path, agent="alice@example.fr")

    assert (usage_import.rows, usage_import.dropped, usage_import.inserted) == (5, 2, 3)
    assert events_in_lake() == [
        ("firefox", at(10, 0), 1200.0, "desktop"),  # 10:00–10:05 and 10:15–10:30
        ("aude", at(10, 5), 600.0, "desktop"),
        ("winword", at(10, 30), 600.0, "desktop"),
    ]
    assert not RawApplication.objects.filter(name__contains="wikipedia").exists()


def test_a_browser_window_covered_by_web_events_disappears(db, tmp_path):
    aude = ToolFactory(slug="aude")
    MappingRule.objects.create(field=RuleField.TITLE, kind=RuleKind.EXACT, pattern="AUDE", tool=aude)
    path = export(
        tmp_path,
        "python",
        [
            windows("python", "pc", [(at(10, 0), at(10, 10), "chrome.exe", "AUDE - Google Chrome")]),
            web("python", "pc", [(at(9, 55), at(10, 20), "https://aude/", "AUDE")]),
        ],
    )
    usage_import = imported(path, agent="a")
    assert events_in_lake() == [("aude", at(10, 0), 600.0, "desktop")]
    assert usage_import.dropped == 1


def test_web_events_of_a_host_without_windows_follow_its_afk_bucket(db, tmp_path):
    aude = ToolFactory(slug="aude")
    MappingRule.objects.create(field=RuleField.URL, kind=RuleKind.REGEX, pattern="aude", tool=aude)
    path = export(
        tmp_path,
        "rust",
        [
            afk("rust", "portable", [(at(14, 0), at(14, 10), "not-afk"), (at(14, 10), at(15, 0), "afk")]),
            web("rust", "portable", [(at(14, 5), at(14, 30), "https://aude/x", "x")]),
        ],
    )
    imported(path, agent="a")
    assert events_in_lake() == [("aude", at(14, 5), 300.0, "desktop")]


def test_an_afk_bucket_of_another_host_does_not_apply(db, tmp_path):
    path = export(
        tmp_path,
        "python",
        [
            afk("python", "pc-a", [(at(8, 0), at(9, 0), "afk")]),
            windows("python", "pc-b", [(at(8, 0), at(8, 30), "calc.exe", "")]),
        ],
    )
    imported(path, agent="a")
    assert events_in_lake() == [("calc", at(8, 0), 1800.0, "desktop")]


def test_it_imports_a_real_android_export(db, tmp_path):
    path = DATA / "sample-export-android.json"
    events = json.loads(path.read_text())["buckets"]["aw-watcher-android-plus"]["events"]
    distinct = {
        (normalise_app(e["data"].get("app") or e["data"]["package"]), e["timestamp"][:23], round(e["duration"], 6))
        for e in events
    }

    usage_import = imported(path, agent="alice@example.fr")

    assert usage_import.rows == len(events) == 391
    assert usage_import.dropped == 0
    assert usage_import.inserted == len(distinct)
    assert usage_import.duplicates == len(events) - len(distinct)
    rows = lake.read_events()
    assert {e["device"] for e in rows} == {"android"}
    assert {e["tool"] for e in rows} == {app for app, _, _ in distinct}
    assert "微信" in {e["tool"] for e in rows}
    assert set(RawApplication.objects.values_list("name", flat=True)) == {app for app, _, _ in distinct}
    first = min(rows, key=lambda e: e["start"])
    assert first["start"] == datetime.datetime(2026, 4, 14, 1, 26, 52, 972000, tzinfo=UTC)
    assert first["duration_s"] == 7.363

    again = imported(path, agent="alice@example.fr")
    assert (again.inserted, again.duplicates) == (0, len(events))


def test_an_activitywatch_export_needs_an_agent(db):
    usage_import = import_file(DATA / "sample-export-android.json")
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors == [
        "Un export ActivityWatch ne dit pas à qui il appartient : précisez l'agent (option --agent)."
    ]


def test_it_rejects_a_truncated_export(db, tmp_path):
    content = (DATA / "sample-export-android.json").read_text()
    path = tmp_path / "aw-buckets-export.json"
    path.write_text(content[: len(content) // 2])
    usage_import = import_file(path, agent="a")
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors == ["ligne 1 : fichier JSON tronqué : il s'arrête avant la fin (export incomplet ?)."]
    assert lake.read_events() == []
    assert not RawApplication.objects.exists()


def test_it_names_the_bucket_and_event_of_a_bad_timestamp(db, tmp_path):
    path = export(tmp_path, "python", [windows("python", "pc", [(at(8, 0), at(8, 1), "a", "")])])
    content = json.loads(path.read_text())
    content["buckets"]["aw-watcher-window_pc"]["events"][0]["timestamp"] = "3 novembre"
    content["buckets"]["aw-watcher-window_pc"]["events"].append({"timestamp": at(9, 0).isoformat(), "duration": -1})
    path.write_text(json.dumps(content))
    usage_import = import_file(path, agent="a", format="activitywatch")
    assert usage_import.errors == [
        "seau « aw-watcher-window_pc », événement 1, champ timestamp : date illisible « 3 novembre »",
        "seau « aw-watcher-window_pc », événement 2, champ duration : durée négative « -1 »",
    ]


def test_it_rejects_json_that_is_not_an_export(db, tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"events": []}')
    usage_import = import_file(path, agent="a", format="activitywatch")
    assert usage_import.errors == ["Ce fichier n'est pas un export ActivityWatch : l'entrée « buckets » est absente."]


def test_it_rejects_an_export_without_usable_events(db, tmp_path):
    path = export(tmp_path, "python", [afk("python", "pc", [(at(8, 0), at(9, 0), "not-afk")])])
    usage_import = import_file(path, agent="a")
    assert usage_import.errors == [
        "L'export ActivityWatch ne contient aucun événement de fenêtre, de navigateur ou d'Android."
    ]


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1])), max_size=8)


@given(spans, st.integers(0, 200), st.integers(0, 40))
def test_overlap_and_outside_split_an_event_exactly(active, start, length):
    merged = union(active)
    starts = [a for a, _ in merged]
    end = start + length
    inside = [t for t in range(start, end) if any(a <= t < b for a, b in merged)]
    rest = [t for t in range(start, end) if t not in inside]

    found_inside = overlap(start, end, merged, starts)
    found_outside = outside(start, end, merged, starts)

    if length:
        assert found_inside == ((inside[0], len(inside)) if inside else None)
        assert found_outside == ((rest[0], len(rest)) if rest else None)
    else:  # an instant is inside or outside
        within = any(a <= start < b for a, b in merged)
        assert found_inside == ((start, 0) if within else None)
        assert found_outside == (None if within else (start, 0))


def test_union_merges_touching_and_overlapping_intervals():
    assert union([(5, 8), (0, 2), (2, 3), (7, 10), (4, 4)]) == [[0, 3], [5, 10]]
