"""The scenario library: the list, a scenario's page, rehearsing its script alone, its Twee download, and the
authoring pages (create, edit, import) for trainers and champions.

The interlocutor's card (what the advisor must find out) is shown here to editors only; players discover it in a
live session. For the same reason, the Twee download carries the scenario's metadata (« ere ») for editors only.
"""

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from ere.catalog.models import Tool
from ere.catalog.search import fold
from ere.org.access import can, require
from ere.roleplay import scenarios, twee
from ere.roleplay.crumbs import crumb
from ere.roleplay.enums import CARD_ROLES, RoleKind
from ere.roleplay.models import RoleCard, Scenario
from ere.roleplay.scenario_forms import (
    LibraryFilterForm,
    RoleCardForm,
    ScenarioForm,
    TweeImportForm,
    criterion_formset,
)

PAGE_SIZE = 9
_ITALIC = re.compile(r"(?<!:)//(.+?)(?<!:)//")
OUTCOMES = {
    "bonne-fin": ("success", "Bonne fin"),
    "mauvaise-fin": ("warning", "Fin à retravailler"),
    "fin": ("info", "Fin"),
}


def _visible(user):
    """The scenarios `user` may open: published ones, and drafts too for editors."""
    queryset = Scenario.objects.prefetch_related("tools")
    return queryset if can(user, "roleplay.edit") else queryset.published()


def _get_scenario(user, slug):
    return get_object_or_404(_visible(user).prefetch_related("roles"), slug=slug)


def _matches(scenario, terms):
    text = fold(f"{scenario.title} {scenario.summary}")
    return all(term in text for term in terms)


@require_safe
@require("roleplay.use")
def library(request):
    visible = _visible(request.user)
    tools = Tool.objects.filter(pk__in=visible.values("tools")).order_by("name")
    form = LibraryFilterForm(request.GET or None, tools=tools)
    filters = form.cleaned_data if form.is_valid() else {}
    found = visible
    if filters.get("difficulty"):
        found = found.filter(difficulty=filters["difficulty"])
    if filters.get("tool"):
        found = found.filter(tools=filters["tool"])
    found = list(found) if not form.errors else []
    if terms := fold(filters.get("q", "")).split():
        found = [scenario for scenario in found if _matches(scenario, terms)]
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": "Mises en situation",
        "form": form,
        "page_obj": page,
        "total": len(found),
        "filtered": any(filters.values()) if filters else bool(form.errors),
        "library_is_empty": not visible.exists(),
        "can_edit": can(request.user, "roleplay.edit"),
        "breadcrumb_data": {"current": "Mises en situation"},
    }
    return render(request, "roleplay/scenario_list.html", context)


@require_safe
@require("roleplay.use")
def scenario_detail(request, slug):
    scenario = _get_scenario(request.user, slug)
    can_edit = can(request.user, "roleplay.edit")
    context = {
        "title": scenario.title,
        "scenario": scenario,
        "advisor": scenario.card(RoleKind.ADVISOR),
        "observer": scenario.card(RoleKind.OBSERVER),
        "interlocutor": scenario.card(RoleKind.INTERLOCUTOR) if can_edit else None,
        "criteria": list(scenario.criteria.all()),
        "can_edit": can_edit,
        "breadcrumb_data": crumb(scenario.title),
    }
    return render(request, "roleplay/scenario_detail.html", context)


def render_prose(text):
    """The interlocutor's lines as paragraphs: [{"direction": bool, "html": safe}]; `//…//` is a stage direction."""
    paragraphs = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        whole = _ITALIC.fullmatch(line)
        html = _ITALIC.sub(r"<em>\1</em>", escape(whole.group(1) if whole else line))
        paragraphs.append({"direction": bool(whole), "html": mark_safe(html)})  # escaped above
    return paragraphs


@require_safe
@require("roleplay.use")
def rehearse(request, slug):
    scenario = _get_scenario(request.user, slug)
    if not scenario.script.strip():
        raise Http404("Cette mise en situation n'a pas de script.")
    context = {
        "title": f"Répéter seul — {scenario.title}",
        "scenario": scenario,
        "can_edit": can(request.user, "roleplay.edit"),
        "breadcrumb_data": crumb("Répéter seul", {"url": scenario.get_absolute_url(), "title": scenario.title}),
    }
    try:
        story = twee.parse(scenario.script)
    except twee.TweeError as error:
        context["script_error"] = str(error)
        return render(request, "roleplay/scenario_rehearse.html", context)
    asked = request.GET.get("passage", "")
    passage = story.passage(asked) if asked else None
    if passage is None or asked in (twee.TITLE, twee.DATA):
        passage = story.passage(story.start)
    criteria = {slugify(criterion.label): criterion.label for criterion in scenario.criteria.all()}
    outcome = next((OUTCOMES[tag] for tag in passage.tags if tag in OUTCOMES), OUTCOMES["fin"])
    lines = render_prose(twee.prose(passage))
    if twee.NOTE_TAG in passage.tags:
        lines = [{**line, "direction": True} for line in lines]
    feedback = []
    if passage.is_ending:
        # At an ending, the stage directions are the feedback on the path taken.
        feedback = [line for line in lines if line["direction"]]
        lines = [line for line in lines if not line["direction"]]
    context |= {
        "passage": passage,
        "lost": bool(asked) and asked != passage.name,
        "at_start": passage.name == story.start,
        "lines": lines,
        "feedback": feedback,
        "answers": [] if passage.is_ending else twee.links(passage),
        "is_ending": passage.is_ending,
        "outcome": outcome,
        "illustrates": [criteria[tag] for tag in passage.tags if tag in criteria],
        "interlocutor": scenario.card(RoleKind.INTERLOCUTOR),
    }
    return render(request, "roleplay/scenario_rehearse.html", context)


@require_safe
@require("roleplay.use")
def scenario_twee(request, slug):
    scenario = _get_scenario(request.user, slug)
    can_edit = can(request.user, "roleplay.edit")
    if not scenario.script.strip() and not can_edit:
        raise Http404("Cette mise en situation n'a pas de script.")
    try:
        text = scenarios.export_twee(scenario, with_metadata=can_edit)
    except twee.TweeError:
        text = scenario.script  # a script broken in the database: hand it back as it is, to be fixed
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{scenario.slug}.twee"'
    return response


# ---------------------------------------------------------------------------------------------------------------
# Authoring


def _new_slug(title):
    base = slugify(title)[:90].strip("-") or "mise-en-situation"
    slug, number = base, 1
    while Scenario.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _card_forms(scenario, data):
    existing = {card.role: card for card in scenario.roles.all()} if scenario.pk else {}
    return [RoleCardForm(data, role=role, instance=existing.get(role) or RoleCard(role=role)) for role in CARD_ROLES]


def _edit(request, scenario):
    is_new = scenario.pk is None
    data = request.POST if request.method == "POST" else None
    form = ScenarioForm(data, instance=scenario)
    card_forms = _card_forms(scenario, data)
    grid = criterion_formset(data, scenario.criteria.all() if not is_new else ())
    if data is not None:
        valid = [form.is_valid(), grid.is_valid(), *(card_form.is_valid() for card_form in card_forms)]
        if all(valid):
            with transaction.atomic():
                scenario = form.save(commit=False)
                if is_new:
                    scenario.slug = _new_slug(scenario.title)
                    scenario.created_by = request.user
                    scenario.is_published = False
                scenario.save()
                form.save_m2m()
                for card_form in card_forms:
                    card_form.instance.scenario = scenario
                    card_form.save()
                scenarios.save_criteria(scenario, grid.rows())
            if is_new:
                messages.success(
                    request,
                    f"La mise en situation « {scenario.title} » est créée, en brouillon : publiez-la quand elle est "
                    "prête.",
                )
            else:
                messages.success(request, f"La mise en situation « {scenario.title} » est enregistrée.")
            return redirect(scenario)
        messages.error(
            request, "Le formulaire contient des erreurs : corrigez les champs signalés. Rien n'a été enregistré."
        )
    title = "Créer une mise en situation" if is_new else f"Modifier « {scenario.title} »"
    context = {
        "title": title,
        "scenario": scenario,
        "is_new": is_new,
        "form": form,
        "card_forms": card_forms,
        "grid": grid,
        "breadcrumb_data": crumb(title)
        if is_new
        else crumb("Modifier", {"url": scenario.get_absolute_url(), "title": scenario.title}),
    }
    return render(request, "roleplay/scenario_form.html", context, status=400 if data is not None else 200)


@require("roleplay.edit")
def scenario_create(request):
    return _edit(request, Scenario())


@require("roleplay.edit")
def scenario_edit(request, slug):
    return _edit(request, get_object_or_404(Scenario, slug=slug))


@require("roleplay.edit")
@require_POST
def scenario_publish(request, slug):
    scenario = get_object_or_404(Scenario, slug=slug)
    scenario.is_published = request.POST.get("publish") == "1"
    scenario.save(update_fields=["is_published", "updated_at"])
    if scenario.is_published:
        messages.success(request, f"« {scenario.title} » est publiée : tout le monde la voit dans la bibliothèque.")
    else:
        messages.success(request, f"« {scenario.title} » est repassée en brouillon : seuls les formateurs la voient.")
    return redirect(scenario)


@require("roleplay.edit")
def scenario_import(request):
    data = request.POST if request.method == "POST" else None
    form = TweeImportForm(data, request.FILES or None)
    error = None
    if data is not None and form.is_valid():
        try:
            scenario, created = scenarios.import_twee(form.cleaned_data["file"], user=request.user)
        except (twee.TweeError, scenarios.ScenarioError) as problem:
            error = str(problem)
        else:
            if created:
                messages.success(
                    request,
                    f"« {scenario.title} » est importée, en brouillon. Complétez-la et publiez-la quand elle est "
                    "prête.",
                )
            else:
                messages.success(request, f"« {scenario.title} » existait déjà : elle est mise à jour.")
            return redirect(scenario)
    context = {
        "title": "Importer une mise en situation (Twee 3)",
        "form": form,
        "error": error,
        "breadcrumb_data": crumb("Importer"),
    }
    return render(request, "roleplay/scenario_import.html", context, status=400 if data is not None else 200)
