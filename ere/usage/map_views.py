from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

from ere.catalog.models import Tool
from ere.core import excel_csv
from ere.org.access import can, require
from ere.usage import charts, usage_map
from ere.usage.map_forms import MapFilterForm
from ere.usage.mine import my_usage

# Columns holding a tool identifier: exported as the catalogue's name.
TOOL_FIELDS = {"tool", "a", "b", "source", "target"}
# CSV exports of the map: each table with its French headings.
EXPORTS = {
    "outils": (
        "tools",
        [
            ("tool", "outil"),
            ("active_agents", "agents actifs"),
            ("agent_days", "jours-agents"),
            ("events", "événements"),
            ("minutes", "minutes"),
            ("adoption", "adoption"),
        ],
    ),
    "co-usage": (
        "co_usage",
        [
            ("a", "outil A"),
            ("b", "outil B"),
            ("agent_days", "jours-agents communs"),
            ("jaccard", "jaccard"),
            ("lift", "lift"),
            ("phi", "phi"),
        ],
    ),  # fmt: skip
    "transitions": ("transitions", [("source", "depuis"), ("target", "vers"), ("count", "passages")]),
    "adoption-hebdomadaire": (
        "weekly_adoption",
        [
            ("week", "semaine"),
            ("tool", "outil"),
            ("active_agents", "agents actifs"),
            ("agents", "agents"),
            ("adoption", "adoption"),
        ],
    ),  # fmt: skip
}


def _labels():
    return dict(Tool.objects.values_list("slug", "name"))


def _state(request):
    form = MapFilterForm(request.user, request.GET or None)
    if not form.is_valid():
        return form, None, None
    key, state = usage_map.request_map(form.filters())
    return form, key, state


@require("usage.map")
def map_page(request):
    form, key, state = _state(request)
    context = {
        "title": "Cartographie des usages",
        "form": form,
        "state": state,
        "min_group": settings.USAGE_MIN_GROUP,
        "query_string": request.GET.urlencode(),
        "can_import": can(request.user, "usage.import"),
        "breadcrumb_data": {"current": "Cartographie des usages"},
    }
    if state and state["status"] == "done" and not state["result"]["suppressed"]:
        result = state["result"]
        labels = _labels()
        context["result"] = result
        context["labels"] = labels
        context["figures"] = {
            "network": charts.network(result["tools"], result["co_usage"], result["communities"], labels),
            "heatmap": charts.heatmap(result["tools"], result["co_usage"], labels),
            "sankey": charts.sankey(result["transitions"], labels),
            "adoption": charts.adoption_curves(result["weekly_adoption"], result["tools"], labels),
            "overload": charts.overload_histogram(result["overload"]),
        }
        context["top_pairs"] = sorted(
            (p for p in result["co_usage"] if p["phi"] is not None), key=lambda p: -p["phi"]
        )[:20]
    if request.htmx and request.htmx.target == "map-progress":
        if state and state["status"] != "running":
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "usage/_map_progress.html", context)
    return render(request, "usage/map.html", context)


@require("usage.map")
def map_export(request, table):
    if table not in EXPORTS:
        raise Http404
    form, key, state = _state(request)
    if state is None or state["status"] != "done" or state["result"]["suppressed"]:
        raise Http404("Ces chiffres ne sont pas (encore) disponibles.")
    name, columns = EXPORTS[table]
    labels = _labels()
    rows = [
        [
            labels.get(row.get(field), row.get(field)) if field in TOOL_FIELDS else row.get(field)
            for field, _ in columns
        ]
        for row in state["result"][name]
    ]
    body = excel_csv.text([heading for _, heading in columns], rows, digits=4)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="usages-{table}.csv"'
    return response


@require("usage.mine")
def mine(request):
    context = {
        "title": "Mon usage",
        "usage": my_usage(request.user),
        "breadcrumb_data": {"current": "Mon usage"},
    }
    return render(request, "usage/mine.html", context)


@require("usage.mine")
def privacy(request):
    context = {
        "title": "Vos données d'usage",
        "min_group": settings.USAGE_MIN_GROUP,
        "retention_days": settings.USAGE_RETENTION_DAYS,
        "breadcrumb_data": {"current": "Vos données d'usage"},
    }
    return render(request, "usage/privacy.html", context)
