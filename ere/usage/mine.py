"""« Mon usage »: an agent's own figures, read from the lake with their own pseudonym. Nobody else's."""

import datetime

import duckdb
from django.conf import settings
from django.utils import timezone

from ere.catalog.models import Tool
from ere.usage import lake
from ere.usage.imports.pseudonymise import pseudonymise
from ere.usage.report import tool_mapping

DAYS = 28


def my_usage(user, days=DAYS, today=None):
    """The user's tools over the last `days` days: per tool, active days, events and minutes; and active days."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    result = {"start": start, "end": today, "tools": [], "active_days": 0, "has_data": lake.has_events()}
    if not result["has_data"]:
        return result
    agent = pseudonymise(user.email, settings.USAGE_HMAC_KEY)
    mapping = tool_mapping()
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'Europe/Paris'")
        rows = con.execute(
            f"""
            SELECT tool, CAST(start AS DATE) AS day, count(*) AS events, sum(duration_s) / 60 AS minutes
            FROM {lake.events_sql()}
            WHERE agent = ? AND month BETWEEN ? AND ? AND CAST(start AS DATE) BETWEEN ? AND ?
            GROUP BY ALL
            """,
            [agent, start.strftime("%Y-%m"), today.strftime("%Y-%m"), start, today],
        ).fetchall()
    finally:
        con.close()
    per_tool, days_seen = {}, set()
    for tool, day, events, minutes in rows:
        tool = mapping.get(tool, tool)
        entry = per_tool.setdefault(tool, {"tool": tool, "days": set(), "events": 0, "minutes": 0.0})
        entry["days"].add(day)
        entry["events"] += events
        entry["minutes"] += minutes or 0
        days_seen.add(day)
    tools = {t.slug: t for t in Tool.objects.filter(slug__in=per_tool)}
    result["active_days"] = len(days_seen)
    result["tools"] = sorted(
        (
            {**entry, "days": len(entry["days"]), "minutes": round(entry["minutes"]), "object": tools.get(tool)}
            for tool, entry in per_tool.items()
        ),
        key=lambda entry: (-entry["days"], -entry["minutes"], entry["tool"]),
    )
    return result
