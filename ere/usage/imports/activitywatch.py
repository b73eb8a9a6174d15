"""ActivityWatch exports (`aw-buckets-export.json`) into the `staged` table.

Both servers write `{"buckets": {id: bucket}}` (the published schema says a list: both are accepted). Buckets used:

- window (`currentwindow`, data {app, title}) and web (`web.tab.current`, data {url, title}) buckets of a desktop,
  with the afk bucket (`afkstatus`, data {status}) of the same host;
- Android (`aw-watcher-android*`, `currentwindow` with data {app, package, classname}): no afk bucket there.

Rules (issue 3 §2):

- a window or web event is kept when it overlaps a not-afk period of its host (when the host has an afk bucket): its
  start becomes the first overlapping instant and its duration the total overlap;
- web events that map to a tool take precedence over the browser-window time they overlap; unmapped web events are
  dropped (a URL is never a tool name);
- a web event only counts while a browser window is active on its host (when the host has a window bucket), as
  ActivityWatch's own summaries do: the current tab of a browser left behind another window is not being used.

Timestamps are UTC (a timestamp without offset is taken as UTC, as ActivityWatch writes them); durations are seconds.
The export does not say whose it is: the caller names the agent.
"""

import json
import math
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa

from ere.usage.imports.canonical import check_not_empty, check_text
from ere.usage.imports.errors import ImportRejected, quote
from ere.usage.imports.mapping import normalise_app

BROWSER = re.compile(
    r"\b(chrome|chromium|firefox|msedge|edge|brave|opera|vivaldi|safari|librewolf|waterfox|iceweasel|"
    r"seamonkey|yandex|thorium|navigator)\b"
)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EARLIEST_US = int((datetime(1990, 1, 1, tzinfo=UTC) - EPOCH).total_seconds()) * 1_000_000
LATEST_US = int((datetime(2100, 1, 1, tzinfo=UTC) - EPOCH).total_seconds()) * 1_000_000


@dataclass
class Host:
    afk: list = field(default_factory=list)  # not-afk intervals (µs)
    has_afk: bool = False
    has_window: bool = False
    windows: list = field(default_factory=list)  # (start, end, app, title, device)
    web: list = field(default_factory=list)  # (start, end, title, url)


def load_export(path):
    """The export as Python objects; French errors for an empty, binary, truncated or malformed file."""
    with open(path, "rb") as file:
        content = file.read()
    check_not_empty(content[:65536])
    check_text(content[:65536])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected("L'export ActivityWatch n'est pas en UTF-8.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg.startswith("Unterminated") or not text[error.pos :].strip():
            raise ImportRejected(
                f"ligne {error.lineno} : fichier JSON tronqué : il s'arrête avant la fin (export incomplet ?)."
            ) from None
        raise ImportRejected(f"ligne {error.lineno}, colonne {error.colno} : JSON illisible.") from None


def buckets_of(export):
    """[(id, bucket)] from either dialect: `buckets` as an object keyed by id, or as a list of buckets."""
    if not isinstance(export, dict) or "buckets" not in export:
        raise ImportRejected("Ce fichier n'est pas un export ActivityWatch : l'entrée « buckets » est absente.")
    buckets = export["buckets"]
    if isinstance(buckets, dict):
        items = [
            (bucket.get("id", key) if isinstance(bucket, dict) else key, bucket) for key, bucket in buckets.items()
        ]
    elif isinstance(buckets, list):
        items = [(bucket.get("id", f"n° {n}") if isinstance(bucket, dict) else f"n° {n}", bucket) for n, bucket in
                 enumerate(buckets, start=1)]  # fmt: skip
    else:
        raise ImportRejected("Export ActivityWatch illisible : « buckets » doit être un objet ou une liste.")
    bad = [bucket_id for bucket_id, bucket in items if not isinstance(bucket, dict)]
    if bad:
        raise ImportRejected([f"seau {quote(bucket_id)} : un objet JSON {{…}} est attendu" for bucket_id in bad])
    return items


def bucket_kind(bucket_id, bucket):
    kind = str(bucket.get("type", ""))
    name = str(bucket_id)
    if kind == "afkstatus" or name.startswith("aw-watcher-afk"):
        return "afk"
    if kind.startswith("web.tab") or name.startswith("aw-watcher-web"):
        return "web"
    if kind == "currentwindow" or name.startswith("aw-watcher-window"):
        if name.startswith("aw-watcher-android") or str(bucket.get("client", "")).startswith("aw-android"):
            return "android"
        return "window"
    return None


def to_us(timestamp):
    """Microseconds since the epoch of an ISO 8601 timestamp (UTC when it has no offset)."""
    moment = datetime.fromisoformat(timestamp.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def union(intervals):
    """Sorted, merged intervals of positive length."""
    merged = []
    for start, end in sorted(interval for interval in intervals if interval[1] > interval[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def overlap(start, end, merged, starts):
    """(first overlapping instant, total overlap) of [start, end) with merged intervals, or None if none.

    A zero-length event overlaps when its instant lies inside an interval.
    """
    index = max(bisect_right(starts, start) - 1, 0)
    if end == start:
        for a, b in merged[index : index + 1]:
            if a <= start < b:
                return start, 0
        return None
    first, total = None, 0
    for a, b in merged[index:]:
        if a >= end:
            break
        lo, hi = max(a, start), min(b, end)
        if hi > lo:
            total += hi - lo
            if first is None:
                first = lo
    return (first, total) if total else None


def outside(start, end, merged, starts):
    """(first instant, total length) of the part of [start, end) outside merged intervals, or None if all inside."""
    index = max(bisect_right(starts, start) - 1, 0)
    if end == start:
        for a, b in merged[index : index + 1]:
            if a <= start < b:
                return None
        return start, 0
    cursor, first, covered = start, None, 0
    for a, b in merged[index:]:
        if a >= end:
            break
        lo, hi = max(a, start), min(b, end)
        if hi <= lo:
            continue
        if first is None and lo > cursor:
            first = cursor
        covered += hi - lo
        cursor = max(cursor, hi)
    if first is None and cursor < end:
        first = cursor
    remaining = (end - start) - covered
    return (first, remaining) if remaining > 0 else None


def clip(events, merged):
    """Events (start, end, *rest) reduced to their overlap with merged intervals: the start becomes the first
    overlapping instant and the length the total overlap; events with no overlap are dropped."""
    starts = [a for a, _ in merged]
    kept = []
    for start, end, *rest in events:
        if found := overlap(start, end, merged, starts):
            first, total = found
            kept.append((first, first + total, *rest))
    return kept


def read_events(buckets, errors):
    """Hosts with their parsed events, and how many usable events were read."""
    hosts = defaultdict(Host)
    rows = 0
    for bucket_id, bucket in buckets:
        kind = bucket_kind(bucket_id, bucket)
        if kind is None:
            continue
        host = hosts[str(bucket.get("hostname") or "")]
        events = bucket.get("events") or []
        if not isinstance(events, list):
            errors.append(f"seau {quote(bucket_id)} : « events » doit être une liste")
            continue
        if kind == "afk":
            host.has_afk = True
        elif kind == "window":
            host.has_window = True
        for number, event in enumerate(events, start=1):
            where = f"seau {quote(bucket_id)}, événement {number}"
            if not isinstance(event, dict):
                errors.append(f"{where} : un objet JSON {{…}} est attendu")
                continue
            parsed = parse_event(event, where, errors)
            if parsed is None:
                continue
            start, end, data = parsed
            if kind == "afk":
                if data.get("status") == "not-afk":
                    host.afk.append((start, end))
                continue
            rows += 1
            if kind == "web":
                host.web.append((start, end, none_if_blank(data.get("title")), none_if_blank(data.get("url"))))
            else:
                app = none_if_blank(data.get("app")) or none_if_blank(data.get("package"))
                title = none_if_blank(data.get("title")) if kind == "window" else None
                device = "android" if kind == "android" else "desktop"
                host.windows.append((start, end, app, title, device))
    return hosts, rows


def none_if_blank(value):
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def parse_event(event, where, errors):
    timestamp = event.get("timestamp")
    if not isinstance(timestamp, str) or not timestamp.strip():
        errors.append(f"{where}, champ timestamp : valeur manquante")
        return None
    try:
        start = to_us(timestamp)
    except ValueError:
        errors.append(f"{where}, champ timestamp : date illisible {quote(timestamp)}")
        return None
    if not EARLIEST_US <= start < LATEST_US:
        errors.append(f"{where}, champ timestamp : date hors de la période admise (1990 à 2100) {quote(timestamp)}")
        return None
    duration = event.get("duration", 0) or 0
    if isinstance(duration, bool) or not isinstance(duration, int | float) or not math.isfinite(duration):
        errors.append(f"{where}, champ duration : nombre illisible {quote(duration)}")
        return None
    if duration < 0:
        errors.append(f"{where}, champ duration : durée négative {quote(duration)}")
        return None
    data = event.get("data") or {}
    if not isinstance(data, dict):
        errors.append(f"{where}, champ data : un objet JSON {{…}} est attendu")
        return None
    return start, start + round(duration * 1_000_000), data


def resolve_host(host, mapped):
    """The events one host contributes, after the afk rule and web precedence: (start µs, end µs, app, title, url,
    device). Android events are kept as they are: a phone has no afk bucket."""
    usable = [w for w in host.windows if w[2] and normalise_app(w[2])]
    android = [w for w in usable if w[4] == "android"]
    windows = [w for w in usable if w[4] != "android"]
    web = [(start, end, title, url) for start, end, title, url in host.web if (title or "", url or "") in mapped]
    if host.has_afk:
        active = union(host.afk)
        windows = clip(windows, active)
        web = clip(web, active)
    is_browser = [bool(BROWSER.search(normalise_app(app))) for _, _, app, _, _ in windows]
    if host.has_window:
        browsing = union(
            (start, end) for (start, end, *_), browser in zip(windows, is_browser, strict=True) if browser
        )
        web = clip(web, browsing)
    if web:
        covered = union((start, end) for start, end, *_ in web)
        starts = [a for a, _ in covered]
        remaining = []
        for window, browser in zip(windows, is_browser, strict=True):
            if not browser:
                remaining.append(window)
            elif found := outside(window[0], window[1], covered, starts):
                first, total = found
                remaining.append((first, first + total, *window[2:]))
        windows = remaining
    out = [(start, end, None, title, url, "desktop") for start, end, title, url in web]
    out.extend((start, end, app, title, None, device) for start, end, app, title, device in windows + android)
    return out


def stage_activitywatch(con, path, agent, mapper):
    """Stage the events of an ActivityWatch export; returns (events read, events dropped)."""
    if not agent or not agent.strip():
        raise ImportRejected(
            "Un export ActivityWatch ne dit pas à qui il appartient : précisez l'agent (option --agent)."
        )
    buckets = buckets_of(load_export(path))
    errors = []
    hosts, rows = read_events(buckets, errors)
    if errors:
        raise ImportRejected(errors[:20], len(errors))
    if not rows:
        raise ImportRejected(
            "L'export ActivityWatch ne contient aucun événement de fenêtre, de navigateur ou d'Android."
        )
    mapped = map_web(con, hosts, mapper)
    events = [event for host in hosts.values() for event in resolve_host(host, mapped)]
    table = pa.table(
        {
            "agent_raw": pa.array([agent.strip()] * len(events), pa.string()),
            "app": pa.array([e[2] for e in events], pa.string()),
            "title": pa.array([e[3] for e in events], pa.string()),
            "url": pa.array([e[4] for e in events], pa.string()),
            "start": pa.array([e[0] for e in events], pa.timestamp("us", tz="UTC")),
            "duration_s": pa.array([(e[1] - e[0]) / 1e6 for e in events], pa.float64()),
            "device": pa.array([e[5] for e in events], pa.string()),
        }
    )
    con.register("aw_events", table)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE staged AS SELECT * FROM aw_events")
    finally:
        con.unregister("aw_events")
    return rows, rows - len(events)


def map_web(con, hosts, mapper):
    """The (title, url) pairs of web events that a rule maps to a tool, each pair evaluated once."""
    pairs = sorted({(title or "", url or "") for host in hosts.values() for _, _, title, url in host.web})
    if not pairs or not mapper.rules:
        return set()
    keys = pa.table(
        {"title": pa.array([t for t, _ in pairs], pa.string()), "url": pa.array([u for _, u in pairs], pa.string())}
    )
    con.register("aw_web_keys", keys)
    try:
        rows = con.execute(
            f"SELECT key_title, key_url, {mapper.rules_sql()} FROM (SELECT title AS key_title, url AS key_url, "
            "NULL::VARCHAR AS app, nullif(title, '') AS title, nullif(url, '') AS url FROM aw_web_keys)"
        ).fetchall()
    finally:
        con.unregister("aw_web_keys")
    return {(title, url) for title, url, tool in rows if tool}
