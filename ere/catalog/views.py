from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from ere.catalog import services
from ere.catalog.forms import CatalogFilterForm, OfferForm, ToolForm, resource_formset
from ere.catalog.models import DismissedUpdate, Favorite, GlossaryTerm, Offer, Tool, ToolUpdate
from ere.catalog.search import fold
from ere.org.access import can, require

PAGE_SIZE = 20
KINDS = {"applicatifs": Tool, "offres": Offer}


def _catalog_crumb(current, *links):
    return {"links": [{"url": reverse("catalog:list"), "title": "Catalogue"}, *links], "current": current}


@require("catalog.view")
def catalog_list(request):
    form = CatalogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = services.search_catalog(filters) if not form.errors else []
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "title": "Catalogue des applicatifs et des offres",
        "form": form,
        "page_obj": page,
        "total": len(items),
        "query_string": query.urlencode(),
        "filtered": bool(filters and any(filters.values())),
        "can_edit": can(request.user, "catalog.edit"),
        "breadcrumb_data": {"current": "Catalogue"},
    }
    if request.htmx and request.htmx.target == "catalog-results":
        return render(request, "catalog/_results.html", context)
    return render(request, "catalog/list.html", context)


def _tool_queryset():
    return Tool.objects.prefetch_related("tasks", "categories", services.prefetch_kit(), "related_tools", "offers")


@require("catalog.view")
def tool_detail(request, slug):
    tool = get_object_or_404(_tool_queryset(), slug=slug)
    user = request.user
    champions = tool.champions.active().select_related("agency")
    local = [c for c in champions if user.agency_id and c.agency_id == user.agency_id]
    nearby = [
        c for c in champions if c not in local and user.agency_id and c.agency.territory_id == user.agency.territory_id
    ]
    context = {
        "title": tool.name,
        "item": tool,
        "kit": services.kit(tool),
        "local_champions": local,
        "nearby_champions": nearby,
        "champion_count": len(champions),
        "updates": tool.updates.all()[:5],
        "glossary": GlossaryTerm.objects.filter(Q(tool=tool) | Q(acronym__iexact=tool.acronym))
        if tool.acronym
        else [],
        "is_favorite": user.favorites.filter(tool=tool).exists(),
        "can_edit": can(user, "catalog.edit"),
        "can_see_history": can(user, "catalog.history"),
        "breadcrumb_data": _catalog_crumb(tool.name),
    }
    if can(user, "peers.use"):
        from ere.peers import suggest

        # Entraide: the tool's tips and questions, and a help request on it (managers do not use Entraide).
        context["peers"] = {"tips": suggest.tips_for(tool), "questions": suggest.questions_for(tool)}
    return render(request, "catalog/tool_detail.html", context)


@require("catalog.view")
def offer_detail(request, slug):
    offer = get_object_or_404(
        Offer.objects.prefetch_related("tasks", "categories", services.prefetch_kit(), "related_tools"), slug=slug
    )
    context = {
        "title": offer.name,
        "item": offer,
        "kit": services.kit(offer),
        "glossary": GlossaryTerm.objects.filter(offer=offer),
        "can_edit": can(request.user, "catalog.edit"),
        "can_see_history": can(request.user, "catalog.history"),
        "breadcrumb_data": _catalog_crumb(offer.name),
    }
    return render(request, "catalog/offer_detail.html", context)


def _edit(request, item, form_class):
    """Create or edit a tool or an offer with its rollout kit: all saved together, or nothing."""
    is_new = item.pk is None
    form = form_class(request.POST or None, instance=item)
    kit_formset = resource_formset(item, request.POST or None)
    if request.method == "POST" and form.is_valid() and kit_formset.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item._change_reason = form.cleaned_data.get("change_reason") or ("Création" if is_new else "")
            item.save()
            form.save_m2m()
            kit_formset.instance = item
            kit_formset.save()
            if isinstance(form, ToolForm):
                form.save_announcement(request.user)
        messages.success(request, f"« {item.name} » a été {'créé' if is_new else 'enregistré'}.")
        return redirect(item)
    if request.method == "POST":
        messages.error(request, "Le formulaire contient des erreurs : corrigez les champs signalés.")
    kind_label = "un applicatif" if isinstance(item, Tool) else "une offre numérique"
    title = f"Ajouter {kind_label}" if is_new else f"Modifier « {item.name} »"
    links = [] if is_new else [{"url": item.get_absolute_url(), "title": item.name}]
    context = {
        "title": title,
        "form": form,
        "kit_formset": kit_formset,
        "item": item,
        "is_new": is_new,
        "breadcrumb_data": _catalog_crumb(title, *links),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "catalog/edit.html", context, status=status)


@require("catalog.edit")
def tool_create(request):
    return _edit(request, Tool(), ToolForm)


@require("catalog.edit")
def tool_edit(request, slug):
    return _edit(request, get_object_or_404(Tool, slug=slug), ToolForm)


@require("catalog.edit")
def offer_create(request):
    return _edit(request, Offer(), OfferForm)


@require("catalog.edit")
def offer_edit(request, slug):
    return _edit(request, get_object_or_404(Offer, slug=slug), OfferForm)


def _history_rows(item):
    """Each saved version with what changed since the previous one, newest first."""
    records = list(item.history.select_related("history_user").order_by("history_date", "history_id"))
    rows, previous = [], None
    fields = {f.name: f.verbose_name for f in item._meta.get_fields() if hasattr(f, "verbose_name")}
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                changes.append({"field": fields.get(change.field, change.field), "old": change.old, "new": change.new})
        rows.append({"record": record, "changes": changes, "created": previous is None})
        previous = record
    rows.reverse()
    return rows


@require("catalog.history")
def history(request, kind, slug):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, slug=slug)
    context = {
        "title": f"Historique de « {item.name} »",
        "item": item,
        "rows": _history_rows(item),
        "breadcrumb_data": _catalog_crumb("Historique", {"url": item.get_absolute_url(), "title": item.name}),
    }
    return render(request, "catalog/history.html", context)


@require("catalog.view")
def glossary(request):
    query = request.GET.get("q", "").strip()[:100]
    terms = list(GlossaryTerm.objects.select_related("tool", "offer"))
    if query:
        needle = fold(query)
        terms = [t for t in terms if needle in fold(t.acronym) or needle in fold(t.meaning)]
    groups = {}
    for term in terms:
        groups.setdefault(fold(term.acronym[:1]).upper(), []).append(term)
    context = {
        "title": "Glossaire des sigles",
        "terms": terms,
        "groups": [{"letter": letter, "terms": group} for letter, group in sorted(groups.items())],
        "query": query,
        "breadcrumb_data": {"current": "Glossaire"},
    }
    return render(request, "catalog/glossary.html", context)


@require("mytools.use")
def my_tools(request):
    """The agent's tools grouped by task, their favourites and what is new for their role."""
    user = request.user
    tools = sorted(
        Tool.objects.in_service()
        .for_user(user)
        .prefetch_related("tasks", Prefetch("favorites", queryset=Favorite.objects.filter(user=user))),
        key=services.by_name,
    )
    for tool in tools:
        tool.is_favorite = bool(tool.favorites.all())
    groups, seen = {}, set()
    for tool in tools:
        for task in tool.tasks.all():
            groups.setdefault(task, []).append(tool)
            seen.add(tool.pk)
    ordered = sorted(groups.items(), key=lambda pair: (pair[0].position, pair[0].name))
    others = [tool for tool in tools if tool.pk not in seen]
    context = {
        "title": "Mes outils",
        "groups": ordered,
        "others": others,
        "favorites": [tool for tool in tools if tool.is_favorite],
        "updates": ToolUpdate.objects.for_user(user),
        "tool_count": len(tools),
        "audience_label": user.get_specialty_display() if user.specialty else user.get_role_display(),
        "breadcrumb_data": {"current": "Mes outils"},
    }
    return render(request, "catalog/my_tools.html", context)


def _next(request):
    """The local page to go back to after a form posted without JavaScript."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@require_POST
@require("mytools.use")
def toggle_favorite(request, slug):
    tool = get_object_or_404(Tool, slug=slug)
    deleted, _ = Favorite.objects.filter(user=request.user, tool=tool).delete()
    if not deleted:
        Favorite.objects.get_or_create(user=request.user, tool=tool)
    is_favorite = not deleted
    if request.htmx:
        context = {"tool": tool, "is_favorite": is_favorite, "wide": request.POST.get("wide"), "next": _next(request)}
        return render(request, "catalog/_favorite_button.html", context)
    messages.success(request, f"« {tool.name} » {'ajouté à' if is_favorite else 'retiré de'} vos favoris.")
    return redirect(_next(request) or tool.get_absolute_url())


@require_POST
@require("mytools.use")
def dismiss_update(request, pk):
    update = get_object_or_404(ToolUpdate.objects.for_user(request.user), pk=pk)
    DismissedUpdate.objects.get_or_create(user=request.user, update=update)
    if request.htmx:
        if ToolUpdate.objects.for_user(request.user).exists():
            return HttpResponse("")
        # That was the last one: the whole block shows its empty state.
        response = render(request, "catalog/_updates.html", {"updates": [], "next": _next(request)})
        return reswap(retarget(response, "#updates"), "outerHTML")
    messages.info(request, f"« {update.title} » ne s'affichera plus dans vos nouveautés.")
    return redirect(_next(request) or "catalog:my_tools")
