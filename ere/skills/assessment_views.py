"""The adaptive diagnostic: self-positioning, one question at a time, results, and sharing them (or not)."""

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ere.org.access import ensure, require
from ere.skills import assessment as service
from ere.skills import items as item_kinds
from ere.skills import profile as skill_profile
from ere.skills.assessment_forms import SelfPositioningForm
from ere.skills.enums import AssessmentStatus
from ere.skills.models import Area, Assessment
from ere.skills.profile_views import crumb


def _own_assessment(request, pk):
    assessment = get_object_or_404(Assessment.objects.select_related("user"), pk=pk)
    ensure(request.user, "skills.result", assessment)
    return assessment


@require("skills.assess")
def start(request):
    areas = list(Area.objects.assessable().select_related("tool"))
    chosen = skill_profile.role_profile(request.user)
    suggested = [r.area_id for r in chosen.requirements.all()] if chosen else []
    form = SelfPositioningForm(request.POST or None, areas=areas, suggested=suggested)
    if request.method == "POST" and form.is_valid():
        assessment = service.start(request.user, form.ratings())
        return redirect("skills:assessment_question", pk=assessment.pk)
    in_progress = request.user.assessments.filter(status=AssessmentStatus.IN_PROGRESS).first()
    context = {
        "title": "Faire le point sur mes compétences",
        "form": form,
        "areas": areas,
        "role_profile": chosen,
        "in_progress": in_progress,
        "breadcrumb_data": crumb("Diagnostic"),
    }
    return render(request, "skills/assessment_start.html", context)


def _question_context(assessment, part, item, error=""):
    asked, at_most = service.progress(assessment)
    parts = list(assessment.areas.select_related("area"))
    return {
        "title": f"Diagnostic — {part.area.name}",
        "assessment": assessment,
        "part": part,
        "parts": parts,
        "item": item,
        "shown": item_kinds.presentation(item.kind, item.data, seed=service.display_seed(assessment, item)),
        "error": error,
        "number": asked + 1,
        "area_number": part.items_count + 1,
        "max_items": assessment.max_items,
        "breadcrumb_data": crumb("Diagnostic"),
    }


@require("skills.assess")
def question(request, pk):
    assessment = _own_assessment(request, pk)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        return redirect("skills:assessment_result", pk=assessment.pk)
    if request.method == "POST" and request.POST.get("action") == "stop":
        service.finish(assessment)
        messages.info(request, "Diagnostic terminé : les niveaux tiennent compte des questions déjà répondues.")
        return redirect("skills:assessment_result", pk=assessment.pk)
    current = service.next_question(assessment)
    if current is None:
        return redirect("skills:assessment_result", pk=assessment.pk)
    part, item = current
    if request.method == "POST":
        if request.POST.get("item") != item.uid:
            # An answer to a question already answered (back button, double click): ask the current one again.
            messages.warning(request, "Cette question a déjà reçu une réponse : voici la question suivante.")
            return redirect("skills:assessment_question", pk=assessment.pk)
        try:
            given = item_kinds.read_answer(item.kind, item.data, request.POST, service.display_seed(assessment, item))
        except item_kinds.AnswerError as error:
            return render(
                request, "skills/assessment_question.html", _question_context(assessment, part, item, str(error))
            )
        try:
            outcome = service.answer(assessment, part, item, given)
        except IntegrityError:
            outcome = None
        if outcome is None:
            # Two submissions of the same answer at once (a double click): the first one counted.
            messages.warning(request, "Cette question a déjà reçu une réponse : voici la question suivante.")
        return redirect("skills:assessment_question", pk=assessment.pk)
    return render(request, "skills/assessment_question.html", _question_context(assessment, part, item))


@require("skills.assess")
def result(request, pk):
    assessment = _own_assessment(request, pk)
    if assessment.status == AssessmentStatus.IN_PROGRESS:
        return redirect("skills:assessment_question", pk=assessment.pk)
    parts = list(assessment.areas.select_related("area").filter(items_count__gt=0))
    responses = assessment.responses.select_related("item", "item__skill", "area__area").order_by("position")
    review = []
    for response in responses:
        item = response.item
        # Right or wrong as it was scored then (the level used it), even if the item was edited since.
        outcome = replace(item_kinds.score(item.kind, item.data, response.answer), correct=response.correct)
        given = item_kinds.describe_answer(item.kind, item.data, response.answer)
        entry = {"response": response, "item": item, "outcome": outcome, "given": given}
        review.append({**entry, "feedback_id": f"feedback-{item.pk}"})
    context = {
        "title": "Résultats de mon diagnostic",
        "assessment": assessment,
        "parts": parts,
        "review": review,
        "min_group": settings.USAGE_MIN_GROUP,
        "breadcrumb_data": crumb("Résultats du diagnostic"),
    }
    return render(request, "skills/assessment_result.html", context)


@require_POST
@require("skills.assess")
def share(request, pk):
    assessment = _own_assessment(request, pk)
    if assessment.status != AssessmentStatus.FINISHED:
        messages.error(request, "Terminez le diagnostic avant de partager ses résultats.")
    elif request.POST.get("share") == "1":
        assessment.shared_at = timezone.now()
        assessment.save(update_fields=["shared_at"])
        messages.success(
            request, "Résultats partagés avec votre manager. Vous pouvez retirer ce partage à tout moment."
        )
    else:
        assessment.shared_at = None
        assessment.save(update_fields=["shared_at"])
        messages.success(request, "Partage retiré : ces résultats sont de nouveau visibles par vous seul·e.")
    return redirect("skills:assessment_result", pk=assessment.pk)
