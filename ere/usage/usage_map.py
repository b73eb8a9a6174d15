"""The usage map's figures for one set of filters: computed by a background task, cached, shown with progress.

The cache key holds the filters and the lake's version (last finished import, and the raw applications re-mapped
since), so that an import or a re-mapping makes the next visit recompute.
"""

import datetime
import hashlib
import json

import ibis
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from ere.catalog.models import Tool
from ere.usage import analytics, lake, report
from ere.usage.enums import ImportStatus
from ere.usage.models import RawApplication, SurveyCampaign, UsageImport

CACHE_SECONDS = 60 * 60 * 24
EMPTY = "Aucun journal d'usage n'a encore été importé : la cartographie se remplira après le premier import."
FAILED = "Le calcul n'a pas abouti. Réessayez ; si cela se reproduit, prévenez l'administrateur."


def lake_version():
    """Changes whenever the lake's content or the re-mapping of raw applications changes."""
    last_import = UsageImport.objects.filter(status=ImportStatus.DONE).order_by("-pk").values_list("pk", flat=True)
    mapping = sorted(report.tool_mapping().items())
    digest = hashlib.sha256(json.dumps(mapping).encode()).hexdigest()[:12]
    return f"{last_import.first() or 0}-{digest}-{RawApplication.objects.count()}"


def filters_to_dict(filters):
    return {
        "start": filters.start.isoformat() if filters.start else None,
        "end": filters.end.isoformat() if filters.end else None,
        "agencies": list(filters.agencies),
        "territories": list(filters.territories),
        "roles": list(filters.roles),
    }


def filters_from_dict(data):
    return analytics.Filters(
        start=datetime.date.fromisoformat(data["start"]) if data["start"] else None,
        end=datetime.date.fromisoformat(data["end"]) if data["end"] else None,
        agencies=tuple(data["agencies"]),
        territories=tuple(data["territories"]),
        roles=tuple(data["roles"]),
    )


def cache_key(filters):
    payload = json.dumps([filters_to_dict(filters), lake_version(), settings.USAGE_MIN_GROUP], sort_keys=True)
    return "usage-map:" + hashlib.sha256(payload.encode()).hexdigest()


def state(key):
    """{"status": "missing"|"running"|"done"|"failed", "progress": 0–100, "result"?, "error"?}."""
    return cache.get(key) or {"status": "missing", "progress": 0}


def request_map(filters):
    """The cached state for `filters`, queuing its computation when there is none yet."""
    key = cache_key(filters)
    current = state(key)
    if current["status"] in ("missing", "failed"):
        cache.set(key, {"status": "running", "progress": 0}, CACHE_SECONDS)
        compute_map_task.enqueue(key, filters_to_dict(filters))
        current = state(key)
    return key, current


def compute(filters, progress=lambda step, pct: None):
    """Every figure of the map, as plain data (what the pages, the charts and the CSV exports read)."""
    launch_dates = {
        slug: date
        for slug, date in Tool.objects.filter(launched_on__isnull=False).values_list("slug", "launched_on")
        if filters.start is None or date >= filters.start - datetime.timedelta(days=90)
    }
    with report.lake_analysis(filters) as analysis:
        result = {"suppressed": True, "period": filters_to_dict(filters), "computed_at": timezone.now().isoformat()}
        progress("population", 5)
        population = analysis.population()
        if population is None:
            return result
        result.update(suppressed=False, population=population)
        progress("tools", 20)
        result["tools"] = analysis.tools()
        progress("co_usage", 40)
        result["co_usage"] = analysis.co_usage()
        progress("transitions", 55)
        result["transitions"] = analysis.transitions()
        progress("overload", 70)
        result["overload"] = analysis.overload()
        progress("weekly_adoption", 80)
        weekly = analysis.weekly_adoption()
        result["weekly_adoption"] = [{**row, "week": row["week"].isoformat()} for row in weekly]
        progress("launch", 90)
        result["adoption_after_launch"] = analysis.adoption_after_launch(launch_dates)
        progress("communities", 93)
        result["communities"] = analytics.communities(result["co_usage"], tools=[t["tool"] for t in result["tools"]])
        progress("declared", 97)
        result["declared"] = None
        if campaign := survey_for(filters):
            declared = ibis.memtable(report.declared_frequencies(campaign))
            result["declared"] = {"campaign": campaign.title, "tools": analysis.declared_vs_measured(declared)}
    return result


def survey_for(filters):
    """The latest survey campaign that asked agents of the filtered agencies (of any agency without a filter)."""
    campaigns = SurveyCampaign.objects.filter(starts_on__lte=filters.end or timezone.localdate())
    if filters.agencies:
        campaigns = campaigns.filter(agencies__code__in=filters.agencies)
    return campaigns.order_by("-starts_on", "-pk").first()


@task()
def compute_map_task(key, filters):
    def progress(step, pct):
        cache.set(key, {"status": "running", "progress": pct, "step": step}, CACHE_SECONDS)

    if not lake.has_events():
        cache.set(key, {"status": "failed", "progress": 100, "error": EMPTY}, CACHE_SECONDS)
        return
    try:
        result = compute(filters_from_dict(filters), progress)
    except report.ReportError as error:
        cache.set(key, {"status": "failed", "progress": 100, "error": str(error)}, CACHE_SECONDS)
        return
    except Exception:
        cache.set(key, {"status": "failed", "progress": 100, "error": FAILED}, CACHE_SECONDS)
        raise
    cache.set(key, {"status": "done", "progress": 100, "result": result}, CACHE_SECONDS)
