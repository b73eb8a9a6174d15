"""Read endpoints of the catalogue: tools, offers, glossary. Filters are those of the catalogue page."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from ere.catalog import services
from ere.catalog.forms import CatalogFilterForm
from ere.catalog.models import GlossaryTerm, Offer, Tool
from ere.org.access import can

router = Router(tags=["Catalogue"])


class ResourceOut(Schema):
    kind: str
    title: str
    url: str
    body: str


class ItemOut(Schema):
    slug: str
    name: str
    acronym: str
    summary: str
    description: str
    audience: str
    audience_label: str = Field(alias="get_audience_display")
    status: str
    status_label: str = Field(alias="get_status_display")
    launched_on: datetime.date | None
    owner_department: str
    url: str
    tasks: list[str]
    categories: list[str]
    related_tools: list[str]

    @staticmethod
    def resolve_tasks(obj):
        return [t.slug for t in obj.tasks.all()]

    @staticmethod
    def resolve_categories(obj):
        return [c.slug for c in obj.categories.all()]

    @staticmethod
    def resolve_related_tools(obj):
        return [t.slug for t in obj.related_tools.all()]


class ItemDetailOut(ItemOut):
    kit: list[ResourceOut]

    @staticmethod
    def resolve_kit(obj):
        return list(obj.resources.all())


class ToolDetailOut(ItemDetailOut):
    how_to_start: str


class GlossaryTermOut(Schema):
    acronym: str
    meaning: str
    explanation: str


class CatalogFilters(Schema):
    q: str = Field("", description="Recherche en mots courants, sans accents requis ; les sigles sont développés.")
    task: str = Field("", description="Identifiant d'une tâche")
    category: str = Field("", description="Identifiant d'une catégorie")
    status: str = Field("", description="pilot, generalised ou retired (par défaut : tout sauf retired)")
    audience: str = Field("", description="employers, job_seekers ou managers")
    new: bool = Field(False, description="Seulement les nouveautés")


def _check_access(request):
    # Machine clients hold a token; users need the catalogue permission.
    if getattr(request, "api_client", None) is None and not can(request.user, "catalog.view"):
        raise HttpError(403, "Accès refusé")


def _search(request, kind, filters):
    _check_access(request)
    data = {k: v for k, v in filters.dict().items() if v not in ("", False)}
    form = CatalogFilterForm(data | {"kind": kind})
    if not form.is_valid():
        messages = "; ".join(f"{form.fields[name].label} : {' '.join(errors)}" for name, errors in form.errors.items())
        raise HttpError(422, f"Filtre non valable — {messages}")
    return services.search_catalog(form.cleaned_data)


@router.get("/tools", response=list[ItemOut], summary="Applicatifs internes")
@paginate(PageNumberPagination, page_size=50)
def list_tools(request, filters: Query[CatalogFilters]):
    return _search(request, "tool", filters)


@router.get("/tools/{slug}", response=ToolDetailOut, summary="Un applicatif et son kit de déploiement")
def get_tool(request, slug: str):
    _check_access(request)
    return get_object_or_404(Tool.objects.prefetch_related("tasks", "categories", "related_tools"), slug=slug)


@router.get("/offers", response=list[ItemOut], summary="Offres numériques")
@paginate(PageNumberPagination, page_size=50)
def list_offers(request, filters: Query[CatalogFilters]):
    return _search(request, "offer", filters)


@router.get("/offers/{slug}", response=ItemDetailOut, summary="Une offre numérique et son kit")
def get_offer(request, slug: str):
    _check_access(request)
    return get_object_or_404(Offer.objects.prefetch_related("tasks", "categories", "related_tools"), slug=slug)


@router.get("/glossary", response=list[GlossaryTermOut], summary="Glossaire des sigles")
@paginate(PageNumberPagination, page_size=100)
def list_glossary(request):
    _check_access(request)
    return GlossaryTerm.objects.all()
