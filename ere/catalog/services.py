"""Catalogue queries shared by the pages and the API: filtering, and search through the pure ranking module."""

from django.db.models import Prefetch, Q

from ere.catalog.enums import Status
from ere.catalog.models import GlossaryTerm, Offer, Resource, Tool, news_since
from ere.catalog.search import Index, fold

AUDIENCES = {
    # filter value → (tool audiences, offer audiences); items for everyone always match.
    "employers": (["all", "employers"], ["all", "employers"]),
    "job_seekers": (["all", "job_seekers"], ["all", "job_seekers"]),
    "managers": (["managers"], []),
}


def _filtered(queryset, filters, audiences):
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    else:
        queryset = queryset.exclude(status=Status.RETIRED)
    if filters.get("category"):
        queryset = queryset.filter(categories=filters["category"])
    if filters.get("task"):
        queryset = queryset.filter(tasks=filters["task"])
    if filters.get("new"):
        recent = Q(launched_on__gte=news_since())
        if queryset.model is Tool:
            recent |= Q(updates__published_on__gte=news_since())
        queryset = queryset.filter(recent)
    if audiences is not None:
        queryset = queryset.filter(audience__in=audiences)
    return queryset.prefetch_related("tasks", "categories").distinct()


def by_name(item):
    """Alphabetical order as a French reader expects it: « Éditeur » between « Dialogue » and « Fiche »."""
    return fold(item.name)


def glossary_map():
    return dict(GlossaryTerm.objects.values_list("acronym", "meaning"))


def document(item):
    """What search looks at in a tool or an offer."""
    return (
        item,
        {
            "name": item.name,
            "acronym": item.acronym,
            "tasks": " ".join(t.name for t in item.tasks.all()),
            "categories": " ".join(c.name for c in item.categories.all()),
            "summary": item.summary,
            "description": item.description,
        },
    )


def search_catalog(filters):
    """Tools and offers matching the cleaned filters, ranked by relevance when there is a query, else by name."""
    kind = filters.get("kind")
    tool_audiences, offer_audiences = AUDIENCES.get(filters.get("audience") or "", (None, None))
    items = []
    if kind in ("", None, "tool"):
        items += list(_filtered(Tool.objects.all(), filters, tool_audiences))
    if kind in ("", None, "offer"):
        items += list(_filtered(Offer.objects.all(), filters, offer_audiences))
    items.sort(key=by_name)
    query = (filters.get("q") or "").strip()
    if not query:
        return items
    index = Index([document(item) for item in items], glossary_map())
    return [item for item, _score in index.search(query)]


def kit(item):
    """The rollout kit of an item, split into FAQ entries and other resources."""
    resources = list(item.resources.all())
    return {
        "faq": [r for r in resources if r.kind == "faq"],
        "links": [r for r in resources if r.kind != "faq"],
    }


def prefetch_kit():
    return Prefetch("resources", queryset=Resource.objects.order_by("position", "id"))
