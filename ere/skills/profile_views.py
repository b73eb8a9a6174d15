"""The agent's skill profile and learning path, one exercise at a time, and the team's shared skills for managers."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from ere.org.access import can, managed_agencies, require
from ere.skills import charts
from ere.skills import items as item_kinds
from ere.skills import path as skill_path
from ere.skills import profile as skill_profile
from ere.skills.enums import AreaKind, AssessmentStatus, ItemKind
from ere.skills.models import Item
from ere.skills.team import team_skills

# The learning path opens on the areas to work on first; the others are folded below them.
FIRST_AREAS = 3


def crumb(current, *links):
    """The breadcrumb of a page under « Mes compétences »."""
    return {"links": [{"url": reverse("skills:profile"), "title": "Mes compétences"}, *links], "current": current}


@require("skills.assess")
def profile(request):
    statuses = skill_profile.profile(request.user)
    tools = [s for s in statuses if s.area.kind == AreaKind.TOOL]
    crcn = [s for s in statuses if s.area.kind == AreaKind.CRCN]
    evolution = [s for s in statuses if len(s.history) > 1]
    assessments = request.user.assessments.exclude(status=AssessmentStatus.ABANDONED)[:10]
    gaps = skill_profile.gaps(request.user, with_usage=False)[:3]
    context = {
        "title": "Mes compétences",
        "role_profile": skill_profile.role_profile(request.user),
        "tools": tools,
        "crcn": crcn,
        "assessed": any(s.assessed for s in statuses),
        "evolution": evolution,
        # Tool levels (1–4) and CRCN levels (1–8) are not on one scale: one chart each.
        "evolution_figures": [
            {"id": f"evolution-{kind}", "figure": charts.evolution(rows, levels), "label": label}
            for kind, levels, label in (
                (AreaKind.TOOL, 4, "Niveau par applicatif (de 1 découverte à 4 référent) à chaque diagnostic."),
                (AreaKind.CRCN, 8, "Niveau par domaine du CRCN (de 1 à 8) à chaque diagnostic."),
            )
            if (rows := [s for s in evolution if s.area.kind == kind])
        ],
        "assessments": assessments,
        "gaps": gaps,
        "help": _help(request.user, gaps),
        "breadcrumb_data": {"current": "Mes compétences"},
    }
    return render(request, "skills/profile.html", context)


def _help(user, gaps):
    """Entraide's tips and colleagues on the tools where the user's diagnostic is below their role's target."""
    if not can(user, "peers.use"):
        return []
    from ere.peers import suggest

    low = [s.area.tool for s in gaps if s.area.tool_id and s.assessed and s.target and s.level < s.target]
    return suggest.for_tools(user, low)


@require("skills.assess")
def learning_path(request):
    steps, gaps = skill_path.learning_path(request.user)
    areas = []
    for status in gaps:
        areas.append({"status": status, "steps": [s for s in steps if s.area.pk == status.area.pk]})
    context = {
        "title": "Mon parcours",
        "areas": areas,
        "first": areas[:FIRST_AREAS],
        "later": areas[FIRST_AREAS:],
        "role_profile": skill_profile.role_profile(request.user),
        "breadcrumb_data": crumb("Mon parcours"),
    }
    return render(request, "skills/path.html", context)


@require("skills.assess")
def exercise(request, uid):
    """One item of the bank, answered for practice: the feedback at once; reviews are scheduled by the practice
    quarter's spaced repetition."""
    item = get_object_or_404(
        Item.objects.published().exclude(kind=ItemKind.SANDBOX).select_related("skill__area"), uid=uid
    )
    seed = f"exercise:{request.user.pk}:{item.pk}"
    shown = item_kinds.presentation(item.kind, item.data, seed=seed)
    context = {
        "title": f"Exercice — {item.skill.name}",
        "item": item,
        "shown": shown,
        "error": "",
        "outcome": None,
        "breadcrumb_data": crumb("Exercice", {"url": reverse("skills:path"), "title": "Mon parcours"}),
    }
    if request.method == "POST":
        try:
            given = item_kinds.read_answer(item.kind, item.data, request.POST, seed)
        except item_kinds.AnswerError as error:
            context["error"] = str(error)
        else:
            context["outcome"] = item_kinds.score(item.kind, item.data, given)
            context["given"] = item_kinds.describe_answer(item.kind, item.data, given)
            from ere.practice.quarters import schedule_review

            # The exercise page does not time the answer: it counts as taking the item's estimated time.
            with transaction.atomic():
                schedule_review(request.user.pk, item, context["outcome"].correct, item.seconds)
    return render(request, "skills/exercise.html", context)


@require("skills.team")
def team(request):
    agencies = managed_agencies(request.user).select_related("territory")
    selected = None
    code = request.GET.get("agence")
    if code:
        selected = agencies.filter(code=code).first()
    scope = agencies.filter(pk=selected.pk) if selected else agencies
    skills = team_skills(scope)
    context = {
        "title": "Compétences de l'équipe",
        "agencies": agencies,
        "selected": selected,
        "unknown_agency": bool(code) and selected is None,
        "skills": skills,
        "tools_figure": None if skills.suppressed else charts.team_heatmap(skills.tools, levels=4),
        "crcn_figure": None if skills.suppressed else charts.team_heatmap(skills.crcn, levels=8),
        "min_group": settings.USAGE_MIN_GROUP,
        "breadcrumb_data": {"current": "Compétences de l'équipe"},
    }
    return render(request, "skills/team.html", context)
