"""Authoring of the framework (areas, skills, role profiles) and of the item bank: trainers, champions, admins."""

import json
import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, ProtectedError, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from ere.org.access import require
from ere.skills import bank
from ere.skills import items as item_kinds
from ere.skills.enums import ItemKind, ItemStatus
from ere.skills.forms import (
    KIND_HELP,
    AreaForm,
    ItemContent,
    ItemFilterForm,
    ItemForm,
    ItemImportForm,
    RequirementForm,
    RoleProfileForm,
    requirement_formset,
    skill_formset,
)
from ere.skills.models import Area, Item, Requirement, RoleProfile, Skill

PAGE_SIZE = 20
# Difficulty bands shown on the framework page: an adaptive test needs items on the whole scale.
EASY_BELOW, HARD_ABOVE = -1.0, 1.0
KEY_SKILLS_PREFIX = re.compile(r"requirements-\d{1,3}")


def _framework_crumb(current):
    return {"links": [{"url": reverse("skills:framework"), "title": "Référentiel"}], "current": current}


def _bank_crumb(current, *links):
    return {
        "links": [{"url": reverse("skills:item_list"), "title": "Banque de questions"}, *links],
        "current": current,
    }


def _plural(number, singular, plural):
    return f"{number} {plural if number > 1 else singular}"


# ---------------------------------------------------------------------------------------------------------------
# The framework


def _level_text(area, level):
    """« 3 — Maîtrise », or the bare number for a level outside the area's scale (entered before a change)."""
    try:
        label = area.level_label(level)
    except (KeyError, ValueError):
        return f"Niveau {level}"
    return f"{level} — {label}" if area.is_tool else label


@require("skills.edit")
def framework(request):
    stats = {
        row["skill"]: row
        for row in Item.objects.published()
        .values("skill")
        .annotate(
            total=Count("pk"),
            easy=Count("pk", filter=Q(difficulty__lt=EASY_BELOW)),
            hard=Count("pk", filter=Q(difficulty__gt=HARD_ABOVE)),
        )
    }
    drafts = dict(Item.objects.filter(status=ItemStatus.DRAFT).values_list("skill").annotate(n=Count("pk")))
    areas = list(
        Area.objects.select_related("tool").prefetch_related(
            Prefetch("skills", Skill.objects.order_by("position", "code"))
        )
    )
    for area in areas:
        area.published = 0
        for skill in area.skills.all():
            row = stats.get(skill.pk, {})
            skill.published = row.get("total", 0)
            skill.easy, skill.hard = row.get("easy", 0), row.get("hard", 0)
            skill.medium = skill.published - skill.easy - skill.hard
            skill.drafts = drafts.get(skill.pk, 0)
            area.published += skill.published
    profiles = list(
        RoleProfile.objects.prefetch_related(
            Prefetch(
                "requirements",
                Requirement.objects.select_related("area")
                .order_by("-area__kind", "area__position", "area__name")
                .prefetch_related(Prefetch("key_skills", Skill.objects.order_by("position"))),
            )
        )
    )
    for profile in profiles:
        for requirement in profile.requirements.all():
            requirement.level_text = _level_text(requirement.area, requirement.target_level)
    context = {
        "title": "Référentiel des compétences",
        "tool_areas": [area for area in areas if area.is_tool],
        "crcn_areas": [area for area in areas if not area.is_tool],
        "profiles": profiles,
        "area_count": len(areas),
        "skill_count": sum(len(area.skills.all()) for area in areas),
        "published_count": sum(area.published for area in areas),
        "breadcrumb_data": {"current": "Référentiel"},
    }
    return render(request, "skills/authoring/framework.html", context)


def _skill_code(area, name):
    """A new skill's stable code: the area's code and the skill's name, made unique."""
    base = slugify(f"{area.code}-{name}")[:90].strip("-") or area.code
    code, number = base, 1
    while Skill.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


def _save_skills(area, formset):
    skills = formset.save(commit=False)
    for skill in formset.deleted_objects:
        skill.delete()
    last = area.skills.aggregate(last=Max("position"))["last"] or 0
    for skill in skills:
        if skill.pk is None:
            last += 1
            skill.area, skill.position, skill.code = area, last, _skill_code(area, skill.name)
        skill.save()


@require("skills.edit")
def area_edit(request, code):
    area = get_object_or_404(Area.objects.select_related("tool"), code=code)
    name = area.name
    data = request.POST if request.method == "POST" else None
    form = AreaForm(data, instance=area)
    formset = skill_formset(area, data)
    if data is not None and all([form.is_valid(), formset.is_valid()]):
        try:
            with transaction.atomic():
                form.save()
                _save_skills(area, formset)
        except (IntegrityError, ProtectedError):
            # A question was attached to a skill being deleted in the meantime: nothing was written.
            messages.error(
                request, "Une compétence supprimée a reçu une question entre-temps : rien n'a été enregistré."
            )
        else:
            messages.success(request, f"Le domaine « {area.name} » a été enregistré.")
            return redirect(f"{reverse('skills:framework')}#domaine-{area.code}")
    elif data is not None:
        messages.error(
            request, "Le formulaire contient des erreurs : corrigez les champs signalés. Rien n'a été enregistré."
        )
    counts = dict(Item.objects.filter(skill__area=area).values_list("skill").annotate(n=Count("pk")))
    rows = [(skill_form, counts.get(skill_form.instance.pk, 0)) for skill_form in formset]
    context = {
        "title": f"Modifier le domaine « {name} »",
        "area": area,
        "form": form,
        "formset": formset,
        "rows": rows,
        "breadcrumb_data": _framework_crumb(f"Modifier « {name} »"),
    }
    return render(request, "skills/authoring/area_edit.html", context, status=400 if data is not None else 200)


def _profile_slug(name):
    base = slugify(name)[:140] or "profil"
    slug, number = base, 1
    while RoleProfile.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _key_skills(request):
    """htmx: the key skills of the area just chosen on a requirement line."""
    prefix = request.GET.get("key_skills_for", "")
    if not KEY_SKILLS_PREFIX.fullmatch(prefix):
        return HttpResponse(status=400)
    form = RequirementForm(prefix=prefix, initial={"area": request.GET.get(f"{prefix}-area", "")})
    return render(request, "skills/authoring/_key_skills.html", {"form": form})


def _profile_edit(request, profile):
    if request.htmx and "key_skills_for" in request.GET:
        return _key_skills(request)
    is_new = profile.pk is None
    name = profile.name
    data = request.POST if request.method == "POST" else None
    form = RoleProfileForm(data, instance=profile)
    formset = requirement_formset(profile, data, key_skills_url=request.path)
    if data is not None and all([form.is_valid(), formset.is_valid()]):
        try:
            with transaction.atomic():
                profile = form.save(commit=False)
                if is_new:
                    profile.slug = _profile_slug(profile.name)
                profile.save()
                formset.instance = profile
                formset.save()
        except IntegrityError:
            messages.error(
                request, "Deux lignes visent le même domaine : rien n'a été enregistré. Corrigez puis recommencez."
            )
        else:
            messages.success(
                request, f"Le profil de poste « {profile.name} » a été {'créé' if is_new else 'enregistré'}."
            )
            return redirect(f"{reverse('skills:framework')}#profil-{profile.slug}")
    elif data is not None:
        messages.error(
            request, "Le formulaire contient des erreurs : corrigez les champs signalés. Rien n'a été enregistré."
        )
    title = "Nouveau profil de poste" if is_new else f"Modifier le profil « {name} »"
    context = {
        "title": title,
        "profile": profile,
        "is_new": is_new,
        "form": form,
        "formset": formset,
        "breadcrumb_data": _framework_crumb("Nouveau profil de poste" if is_new else f"Modifier « {name} »"),
    }
    return render(request, "skills/authoring/role_profile_edit.html", context, status=400 if data is not None else 200)


@require("skills.edit")
def role_profile_create(request):
    return _profile_edit(request, RoleProfile())


@require("skills.edit")
def role_profile_edit(request, slug):
    return _profile_edit(request, get_object_or_404(RoleProfile, slug=slug))


# ---------------------------------------------------------------------------------------------------------------
# The item bank


def _filtered_items(request):
    form = ItemFilterForm(request.GET or None)
    queryset = Item.objects.select_related("skill__area")
    if form.is_bound and not form.is_valid():
        return form, queryset.none()
    return form, form.filter(queryset)


@require("skills.edit")
def item_list(request):
    form, items = _filtered_items(request)
    by_status = dict(items.order_by().values_list("status").annotate(n=Count("pk")))
    total = sum(by_status.values())
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "title": "Banque de questions",
        "form": form,
        "page_obj": page,
        "total": total,
        "status_counts": ", ".join(
            _plural(by_status.get(value, 0), label.lower(), f"{label.lower()}s") for value, label in ItemStatus.choices
        ),
        "bank_is_empty": not Item.objects.exists(),
        "query_string": query.urlencode(),
        "filtered": form.is_bound and form.filtered,
        "kinds": ItemKind.choices,
        "breadcrumb_data": {"current": "Banque de questions"},
    }
    return render(request, "skills/authoring/item_list.html", context)


def _next_uid(area):
    """The next free identifier of the area: « suivi-offres-013 » after « suivi-offres-012 »."""
    prefix = f"{area.code}-"
    numbers = [
        int(rest)
        for uid in Item.objects.filter(uid__startswith=prefix).values_list("uid", flat=True)
        if (rest := uid[len(prefix) :]).isdigit()
    ]
    number = max(numbers, default=0) + 1
    while Item.objects.filter(uid=f"{prefix}{number:03d}").exists():
        number += 1
    return f"{prefix}{number:03d}"


def _hotspot_map(item):
    """The saved regions of a hotspot item in pixels of its picture, to draw them over it on the form."""
    data = item.data if isinstance(item.data, dict) else {}
    if item.kind != ItemKind.HOTSPOT or item_kinds.validate(item.kind, data):
        return None
    try:
        width, height = int(data.get("width") or 800), int(data.get("height") or 500)
    except (TypeError, ValueError):
        return None
    regions = [
        {
            "x": round(float(region["x"]) * width / 100),
            "y": round(float(region["y"]) * height / 100),
            "w": round(float(region["w"]) * width / 100),
            "h": round(float(region["h"]) * height / 100),
            "correct": region.get("correct") is True,
        }
        for region in data["regions"]
    ]
    scale = max(width, height) / 100
    return {
        "image": static(data["image"]),
        "width": width,
        "height": height,
        "regions": regions,
        "stroke": max(round(scale / 2), 1),
        "font": max(round(scale * 3), 10),
    }


def _item_edit(request, item, kind):
    is_new = item.pk is None
    data = request.POST if request.method == "POST" else None
    initial = {}
    if is_new:
        skill = Skill.objects.filter(code=request.GET.get("skill", "")).first()
        initial = {
            "skill": skill.pk if skill else None,
            "status": ItemStatus.DRAFT,
            "use_in_diagnostic": kind != ItemKind.SANDBOX,
            "seconds": 300 if kind == ItemKind.SANDBOX else 45,
        }
    form = ItemForm(data, instance=item, initial=initial)
    content = ItemContent(kind, data, stored=item.data, is_new=is_new)
    if data is not None and all([form.is_valid(), content.is_valid()]):
        with transaction.atomic():
            item = form.save(commit=False)
            item.kind, item.data = kind, content.data
            if is_new:
                item.uid = _next_uid(item.skill.area)
            if item.author_id is None:
                item.author = request.user
            item.save()
        messages.success(request, f"La question « {item.uid} » a été {'créée' if is_new else 'enregistrée'}.")
        if request.POST.get("then") == "preview":
            return redirect("skills:item_preview", uid=item.uid)
        return redirect(item)
    if data is not None:
        messages.error(
            request, "La question contient des erreurs : corrigez les champs signalés. Rien n'a été enregistré."
        )
    kind_label = ItemKind(kind).label
    title = f"Nouvelle question : {kind_label.lower()}" if is_new else f"Modifier la question « {item.uid} »"
    context = {
        "title": title,
        "item": item,
        "kind": kind,
        "kind_label": kind_label,
        "kind_help": KIND_HELP[kind],
        "is_new": is_new,
        "form": form,
        "content": content,
        "hotspot_map": None if is_new else _hotspot_map(item),
        "breadcrumb_data": _bank_crumb("Nouvelle question" if is_new else item.uid),
    }
    return render(request, "skills/authoring/item_edit.html", context, status=400 if data is not None else 200)


@require("skills.edit")
def item_create(request):
    kind = request.GET.get("type", "")
    if kind not in ItemKind.values:
        skill = request.GET.get("skill", "")
        context = {
            "title": "Nouvelle question",
            "kinds": [(value, label, KIND_HELP[value]) for value, label in ItemKind.choices],
            "skill": skill if Skill.objects.filter(code=skill).exists() else "",
            "unknown_kind": bool(kind),
            "breadcrumb_data": _bank_crumb("Nouvelle question"),
        }
        return render(request, "skills/authoring/item_kind.html", context, status=400 if kind else 200)
    return _item_edit(request, Item(kind=kind), kind)


@require("skills.edit")
def item_edit(request, uid):
    item = get_object_or_404(Item.objects.select_related("skill__area", "author"), uid=uid)
    if item.kind not in ItemKind.values:
        raise Http404("Type de question inconnu.")
    return _item_edit(request, item, item.kind)


@require("skills.edit")
def item_preview(request, uid):
    """The item as a learner sees it, answerable; nothing is recorded."""
    item = get_object_or_404(Item.objects.select_related("skill__area"), uid=uid)
    context = {
        "title": f"Aperçu de la question « {item.uid} »",
        "item": item,
        "problems": item_kinds.validate(item.kind, item.data),
        # A hotspot is answered by clicking the picture: each region is a submit button.
        "submit_button": item.kind != ItemKind.HOTSPOT,
        "breadcrumb_data": _bank_crumb("Aperçu", {"url": item.get_absolute_url(), "title": item.uid}),
    }
    status = 200
    if not context["problems"]:
        seed = f"preview:{request.user.pk}:{item.pk}"
        context["shown"] = item_kinds.presentation(item.kind, item.data, seed)
        if request.method == "POST":
            try:
                answer = item_kinds.read_answer(item.kind, item.data, request.POST, seed)
            except item_kinds.AnswerError as error:
                context["error"], status = str(error), 400
            else:
                context["outcome"] = item_kinds.score(item.kind, item.data, answer)
                context["given"] = item_kinds.describe_answer(item.kind, item.data, answer)
    return render(request, "skills/authoring/item_preview.html", context, status=status)


@require_safe
@require("skills.edit")
def item_export(request):
    form, items = _filtered_items(request)
    if form.errors:
        messages.error(request, "Un des filtres n'est pas valable : corrigez-le avant d'exporter.")
        return redirect(f"{reverse('skills:item_list')}?{request.GET.urlencode()}")
    payload = json.dumps(bank.export_items(items), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questions-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@require("skills.edit")
def item_import(request):
    data = request.POST if request.method == "POST" else None
    form = ItemImportForm(data, request.FILES if data is not None else None)
    errors = []
    if data is not None and form.is_valid():
        try:
            report = bank.import_items(form.cleaned_data["file"].read(), author=request.user)
        except bank.BankError as error:
            errors = error.errors
        else:
            created, updated = len(report.created), len(report.updated)
            messages.success(
                request,
                f"{_plural(created, 'question créée', 'questions créées')}, "
                f"{_plural(updated, 'mise à jour', 'mises à jour')}.",
            )
            return redirect("skills:item_list")
    context = {
        "title": "Importer des questions",
        "form": form,
        "errors": errors,
        "breadcrumb_data": _bank_crumb("Importer"),
    }
    return render(request, "skills/authoring/item_import.html", context, status=400 if data is not None else 200)
