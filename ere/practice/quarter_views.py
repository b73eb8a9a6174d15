"""The weekly quart d'heure de pratique: the home page, the session, its summary, the team's slot, participation."""

import contextlib
import datetime

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ere.core.demo import plural
from ere.org.access import can, ensure, managed_agencies, require
from ere.org.models import Agency
from ere.practice import ics, planner, quarters
from ere.practice.models import PracticeQuarter, ReviewCard, TeamSlot, week_start
from ere.practice.participation import participation as participation_figures
from ere.practice.quarter_forms import TeamSlotForm
from ere.practice.tasks import french_time
from ere.skills import items as item_kinds
from ere.skills.enums import ItemKind
from ere.skills.models import Item

# A sitting older than this starts the 15-minute timer again (the agent came back another day).
SITTING_HOURS = 2
SITTING_KEY = "practice_sitting"
# A `shown_at` further than this from now (seconds) is not a display time: the answer's duration is then unknown.
SHOWN_AT_WINDOW = 24 * 60 * 60
SOURCE_LABELS = {
    planner.REVIEW: "révision",
    planner.GAP: "point à renforcer",
    planner.NEW_TOOL: "nouvel outil",
    planner.MORE: "entretien",
}


def _crumb(current, *links):
    return {
        "links": [{"url": reverse("practice:home"), "title": "Quart d'heure de pratique"}, *links],
        "current": current,
    }


def _slot_of(agency):
    return TeamSlot.objects.filter(agency=agency).first() if agency else None


def _programme(plan):
    """« 2 révisions, 5 questions sur vos points à renforcer… », from the plan's entries."""
    counts = {}
    for entry in plan:
        counts[entry["source"]] = counts.get(entry["source"], 0) + 1
    words = {
        planner.REVIEW: ("révision", "révisions"),
        planner.GAP: ("question sur vos points à renforcer", "questions sur vos points à renforcer"),
        planner.NEW_TOOL: ("question sur un nouvel outil", "questions sur les nouveaux outils"),
        planner.MORE: ("question pour entretenir vos acquis", "questions pour entretenir vos acquis"),
    }
    parts = [f"{counts[source]} {words[source][counts[source] > 1]}" for source in words if counts.get(source)]
    return " et ".join(filter(None, [", ".join(parts[:-1]), parts[-1]])) if parts else ""


def _reasons(plan):
    """The distinct reasons of the plan, in order."""
    seen = []
    for entry in plan:
        if entry["reason"] not in seen:
            seen.append(entry["reason"])
    return seen


def _streak_words(count):
    return f"{count} semaine{'s' if count > 1 else ''} d'affilée"


@require("practice.use")
def home(request):
    user = request.user
    quarter = quarters.quarter_for(user)
    rows, upcoming = quarters.progress(quarter)
    streak = quarters.streak(user)
    agency = user.agency
    slot = _slot_of(agency)
    history = (
        PracticeQuarter.objects.filter(user=user, finished_at__isnull=False)
        .exclude(pk=quarter.pk)
        .annotate(answered=Count("answers"), right=Count("answers", filter=Q(answers__correct=True)))
        .order_by("-week")[:5]
    )
    history_rows = [{"quarter": past, "answered": past.answered, "right": past.right} for past in history]
    context = {
        "title": "Quart d'heure de pratique",
        "quarter": quarter,
        "total": len(rows),
        "answered": sum(1 for row in rows if row["answer"] is not None),
        "minutes": round(sum(entry["seconds"] for entry in quarter.plan) / 60),
        "programme": _programme(quarter.plan),
        "reasons": _reasons(quarter.plan),
        "streak": streak,
        "streak_words": _streak_words(streak),
        "slot": slot,
        "slot_time": french_time(slot.start) if slot else "",
        "can_edit_slot": agency is not None and can(user, "practice.slot", agency),
        "history": history_rows,
        "bank_is_empty": not Item.objects.published().exists(),
        "can_edit_bank": can(user, "skills.edit"),
        "can_see_participation": can(user, "practice.participation"),
        "breadcrumb_data": {"current": "Quart d'heure de pratique"},
    }
    return render(request, "practice/home.html", context)


def _sitting(request, quarter, now):
    """When this sitting began (the 15-minute timer counts from there), kept in the session."""
    kept = request.session.get(SITTING_KEY) or {}
    began = None
    if kept.get("quarter") == quarter.pk:
        began = datetime.datetime.fromisoformat(kept["began"])
        if now - began > datetime.timedelta(hours=SITTING_HOURS):
            began = None
    if began is None:
        began = now
        request.session[SITTING_KEY] = {"quarter": quarter.pk, "began": began.isoformat()}
    return began


def _timer(request, quarter, now):
    left = planner.BUDGET - int((now - _sitting(request, quarter, now)).total_seconds())
    left = max(0, left)
    return {"seconds_left": left, "minutes_left": (left + 59) // 60, "time_up": left == 0}


def _row_of(rows, item_id):
    return next((row for row in rows if str(row["item"]) == str(item_id)), None)


def _play(
    request, quarter, rows, upcoming, now, *, row=None, error="", shown_at=None, status=200, feedback=None, attempt=""
):
    answered = sum(1 for r in rows if r["answer"] is not None)
    for each in rows:
        each["label"] = SOURCE_LABELS.get(each["source"], "question")
    context = {
        "title": "Quart d'heure de pratique",
        "quarter": quarter,
        "rows": rows,
        "total": len(rows),
        "answered": answered,
        "upcoming": upcoming,
        "can_finish": not quarter.is_done and quarters.can_finish(rows, upcoming),
        "row": row,
        "error": error,
        "shown_at": shown_at or int(now.timestamp()),
        "feedback": feedback,
        "breadcrumb_data": _crumb("Questions de la semaine"),
        **_timer(request, quarter, now),
    }
    if row is not None:
        context["number"] = rows.index(row) + 1
        context["item"] = row["object"]
        if feedback is None:
            context["shown"] = quarters.presentation(quarter, row["object"])
            if attempt:  # the mission's attempt, sent before the server had it: validating again is enough
                context["shown"] = {**context["shown"], "attempt": attempt}
    return render(request, "practice/quarter_play.html", context, status=status)


def _shown_at(value, now):
    """When the question was shown (the hidden `shown_at`, a Unix time), or None when it is not plausible: not a
    number, or more than a day away from now."""
    try:
        shown_at = int(value)
    except (TypeError, ValueError):
        return None
    if abs(shown_at - int(now.timestamp())) > SHOWN_AT_WINDOW:  # integers: a huge value cannot overflow a float
        return None
    return shown_at


def _corrected(row):
    return f"{reverse('practice:quarter')}?corrige={row['item']}"


def _finish(request, current, rows, upcoming, now):
    if not quarters.can_finish(rows, upcoming):
        messages.error(
            request,
            "Répondez au moins à une question avant de terminer, ou passez celles que vous ne pouvez pas faire.",
        )
        return redirect("practice:quarter")
    quarters.finish(current, now)
    request.session.pop(SITTING_KEY, None)
    return redirect("practice:quarter_summary", current.pk)


def _answer(request, current, rows, upcoming, now):
    """POST of the session: answer the item, or skip it (« Passer cette question »)."""
    row = _row_of(rows, request.POST.get("item"))
    if row is None:
        messages.error(request, "Cette question ne fait pas partie de votre quart d'heure de cette semaine.")
        return redirect("practice:quarter")
    if row["answer"] is not None:  # sent twice (a reload, a double click): show its feedback
        return redirect(_corrected(row))
    item = row["object"]
    if "skip" in request.POST:
        quarters.skip(current, item, now)
        if current.is_done:
            request.session.pop(SITTING_KEY, None)
            return redirect("practice:quarter_summary", current.pk)
        return redirect("practice:quarter")
    shown_at = _shown_at(request.POST.get("shown_at"), now)
    attempt = ""
    try:
        if item.kind == ItemKind.SANDBOX:
            # The mission's result is the server's own verdict of the agent's attempt, never the browser's word.
            attempt = request.POST.get("attempt", "").strip()[:64]
            answer = quarters.mission_answer(current, item, attempt)
        else:
            answer = item_kinds.read_answer(item.kind, item.data, request.POST, quarters.display_seed(current, item))
    except item_kinds.AnswerError as error:
        kept = attempt if isinstance(error, quarters.MissionNotRecorded) else ""
        options = {"row": row, "error": str(error), "shown_at": shown_at, "status": 400, "attempt": kept}
        return _play(request, current, rows, upcoming, now, **options)
    # Without a plausible display time, the answer counts as taking the item's estimated time.
    seconds = now.timestamp() - shown_at if shown_at is not None else item.seconds
    # Answered meanwhile by another request (a double click): its feedback, saved once.
    with contextlib.suppress(quarters.AlreadyAnswered):
        quarters.record_answer(current, item, answer, seconds, now)
    return redirect(_corrected(row))


@require("practice.use")
def quarter(request):
    """The session, one item at a time: GET shows the next question (or the feedback of the last answer), POST
    answers it (then redirects to its feedback), skips it, or finishes the quarter. The quarter finishes by itself
    once every question is answered or skipped; the feedback of its last answer stays on this page."""
    user = request.user
    now = timezone.now()
    current = quarters.quarter_for(user, now=now)
    rows, upcoming = quarters.progress(current)
    corrected = _row_of(rows, request.GET.get("corrige")) if request.method == "GET" else None
    if corrected is not None and corrected["answer"] is not None:
        outcome, given = quarters.outcome_of(corrected["answer"], corrected["object"])
        feedback = {"outcome": outcome, "given": given}
        return _play(request, current, rows, upcoming, now, row=corrected, feedback=feedback)
    if current.is_done:
        done = _row_of(rows, request.POST.get("item")) if request.method == "POST" else None
        if done is not None and done["answer"] is not None:  # the last answer sent twice
            return redirect(_corrected(done))
        return redirect("practice:quarter_summary", current.pk)
    if request.method == "POST":
        if "finish" in request.POST:
            return _finish(request, current, rows, upcoming, now)
        return _answer(request, current, rows, upcoming, now)
    if not rows:
        return _play(request, current, rows, upcoming, now)
    quarters.start(current, now)
    return _play(request, current, rows, upcoming, now, row=upcoming)


@require("practice.use")
def summary(request, pk):
    done = get_object_or_404(PracticeQuarter, pk=pk, user=request.user)
    rows, _upcoming = quarters.progress(done)
    due = dict(
        ReviewCard.objects.filter(user=request.user, item__in=[row["item"] for row in rows]).values_list(
            "item_id", "due"
        )
    )
    answered = []
    for row in rows:
        if row["answer"] is None:
            continue
        outcome, given = quarters.outcome_of(row["answer"], row["object"])
        next_review = due.get(row["item"])
        answered.append(
            {
                **row,
                "outcome": outcome,
                "given": given,
                "next_review": timezone.localdate(next_review) if next_review else None,
            }
        )
    streak = quarters.streak(request.user)
    next_reviews = {}
    for entry in answered:
        if entry["next_review"]:
            next_reviews[entry["next_review"]] = next_reviews.get(entry["next_review"], 0) + 1
    right = sum(1 for entry in answered if entry["outcome"].correct)
    minutes = max(1, round(done.seconds / 60)) if done.seconds else 0
    headline = [
        plural(len(answered), "question"),
        f"{right} bonne{'s' if right > 1 else ''} réponse{'s' if right > 1 else ''}",
    ]
    if minutes:
        headline.append(f"environ {plural(minutes, 'minute')}")
    context = {
        "title": f"Bilan du quart d'heure du {done.week:%d/%m/%Y}",
        "headline": ", ".join(headline),
        "quarter": done,
        "answered": answered,
        "skipped": len(rows) - len(answered),
        "passed": sum(1 for row in rows if row["skipped"]),
        "next_reviews": sorted(next_reviews.items()),
        "streak": streak,
        "streak_words": _streak_words(streak),
        "is_this_week": done.week == week_start(),
        "breadcrumb_data": _crumb("Bilan"),
    }
    return render(request, "practice/quarter_summary.html", context)


def _slot_words(team_slot, with_author=False):
    """« le mardi à 8 h 45, 15 minutes », and who chose it."""
    words = f"le {team_slot.get_weekday_display()} à {french_time(team_slot.start)}, {team_slot.minutes} minutes"
    if with_author and team_slot.chosen_by:
        words += f", choisi par {team_slot.chosen_by.get_full_name() or team_slot.chosen_by.email}"
    return words


def _slot_agency(request):
    """The agency whose slot is shown: the user's own; an administrator without one names it (`?agence=code`)."""
    user = request.user
    if user.agency_id:
        return user.agency
    code = request.GET.get("agence", "")
    if user.is_admin and code:
        return get_object_or_404(Agency, code=code)
    raise Http404("Aucune agence")


@require("practice.slot")
def slot(request):
    agency = _slot_agency(request)
    ensure(request.user, "practice.slot", agency)
    current = _slot_of(agency)
    form = TeamSlotForm(request.POST or None, instance=current or TeamSlot(agency=agency, minutes=15))
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.chosen_by = request.user
        saved.save()
        messages.success(
            request,
            f"Le créneau de l'équipe est enregistré : {_slot_words(saved)}.",
        )
        return redirect("practice:home")
    if request.method == "POST":
        messages.error(request, "Le formulaire contient des erreurs : corrigez les champs signalés.")
    context = {
        "title": "Créneau d'équipe",
        "form": form,
        "agency": agency,
        "slot": current,
        "current_words": _slot_words(current, with_author=True) if current else "",
        "breadcrumb_data": _crumb("Créneau d'équipe"),
    }
    return render(request, "practice/quarter_slot.html", context, status=400 if request.method == "POST" else 200)


@require("practice.use")
def slot_ics(request):
    agency = _slot_agency(request)
    current = _slot_of(agency)
    if current is None:
        context = {
            "title": "Pas encore de créneau",
            "agency": agency,
            "can_edit_slot": can(request.user, "practice.slot", agency),
            "breadcrumb_data": _crumb("Créneau d'équipe"),
        }
        return render(request, "practice/quarter_slot_missing.html", context, status=404)
    # The site's public address, not the request's host: the same UID and link whatever address served the file.
    link = f"{settings.SITE_URL}{reverse('practice:home')}"
    content = ics.slot_calendar(current, link, ics.domain(settings.SITE_URL))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(current)}"'
    return response


@require("practice.participation")
def participation(request):
    agencies = managed_agencies(request.user).select_related("territory").order_by("territory__name", "name")
    figures = participation_figures(agencies, timezone.localdate(), settings.USAGE_MIN_GROUP)
    context = {
        "title": "Participation au quart d'heure de pratique",
        "figures": figures,
        "min_group": settings.USAGE_MIN_GROUP,
        "breadcrumb_data": _crumb("Participation"),
    }
    return render(request, "practice/quarter_participation.html", context)
