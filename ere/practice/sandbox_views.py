"""Applicatifs-écoles: the list, the page that plays one, and the endpoint that records a finished attempt.

The browser player (static/practice/player.js) checks the mission itself for immediate feedback; `attempt` replays the
action log with the Python engine (sandbox.py), and only that verdict is stored. An agent only ever sees their own
attempts.
"""

import json
import logging
import uuid
from itertools import groupby

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from ere.org.access import can, require
from ere.practice import sandbox as engine
from ere.practice.models import Sandbox, SandboxAttempt

logger = logging.getLogger(__name__)

ATTEMPTS_SHOWN = 10
MAX_SECONDS = 24 * 60 * 60


def _list_crumb(current=None):
    if current is None:
        return {"current": "Applicatifs-écoles"}
    return {"links": [{"url": reverse("practice:sandbox_list"), "title": "Applicatifs-écoles"}], "current": current}


def _level_label(sandbox):
    return engine.LEVELS.get(sandbox.definition.get("level"), "")


def _duration(seconds):
    """« 45 s », « 3 min 20 s », « 1 h 05 min »."""
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s" if seconds else f"{minutes} min"
    return f"{seconds} s"


@require("practice.use")
def sandbox_list(request):
    user = request.user
    sandboxes = list(
        Sandbox.objects.published()
        .select_related("tool")
        .annotate(
            attempt_count=Count("attempts", filter=Q(attempts__user=user)),
            success_count=Count("attempts", filter=Q(attempts__user=user, attempts__succeeded=True)),
        )
        .order_by(F("tool__name").asc(nulls_last=True), "title")
    )
    fewest = {}
    failed = SandboxAttempt.objects.filter(user=user, succeeded=False, sandbox__in=sandboxes)
    for sandbox_id, mistakes in failed.values_list("sandbox_id", "mistakes"):
        fewest[sandbox_id] = min(fewest.get(sandbox_id, len(mistakes)), len(mistakes))
    for sandbox in sandboxes:
        sandbox.summary = sandbox.definition.get("summary") or Truncator(sandbox.mission).words(30)
        sandbox.level_label = _level_label(sandbox)
        sandbox.fewest_mistakes = fewest.get(sandbox.pk)
    context = {
        "title": "Applicatifs-écoles",
        "groups": [(tool, list(items)) for tool, items in groupby(sandboxes, key=lambda s: s.tool)],
        "breadcrumb_data": _list_crumb(),
    }
    return render(request, "practice/sandbox_list.html", context)


@require("practice.use")
def play(request, slug):
    sandbox = get_object_or_404(Sandbox.objects.published().select_related("tool"), slug=slug)
    attempts = list(request.user.sandbox_attempts.filter(sandbox=sandbox)[:ATTEMPTS_SHOWN])
    for attempt in attempts:
        attempt.mistake_count = len(attempt.mistakes)
        attempt.duration = _duration(attempt.seconds)
    context = {
        "title": sandbox.title,
        "sandbox": sandbox,
        "help": _help(request.user, sandbox, attempts),
        "definition": engine.for_player(sandbox.definition),
        "attempt_url": reverse("practice:sandbox_attempt", args=[sandbox.slug]),
        "level_label": _level_label(sandbox),
        "attempts": attempts,
        "breadcrumb_data": _list_crumb(sandbox.title),
    }
    return render(request, "practice/sandbox_play.html", context)


def _help(user, sandbox, attempts):
    """Entraide's tips and colleagues on the sandbox's tool, shown when the mission failed: at once when the last
    attempt did, otherwise revealed by the page as soon as an attempt fails (peers/suggestions.js)."""
    if sandbox.tool is None or not can(user, "peers.use"):
        return None
    from ere.peers import suggest

    return {**suggest.suggestions(user, sandbox.tool), "shown": bool(attempts) and not attempts[0].succeeded}


def _refused(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _verdict(sandbox, succeeded, mistakes, *, already_recorded):
    feedback = {check["id"]: check["feedback"] for check in sandbox.definition.get("checks", [])}
    return {
        "succeeded": succeeded,
        "mistakes": mistakes,
        "failures": [{"id": name, "feedback": feedback.get(name, "")} for name in mistakes],
        "message": sandbox.definition.get("success", "") if succeeded else "",
        "recorded": True,
        "already_recorded": already_recorded,
    }


def _read_attempt(body):
    """(client id, actions, seconds) from the player's JSON; ValueError with a French message otherwise."""
    try:
        payload = json.loads(body)
    except ValueError:
        raise ValueError("La tentative n'est pas lisible : le navigateur doit envoyer du JSON.") from None
    except RecursionError:  # « [[[[…]]]] » nested deeper than the parser goes
        raise ValueError("La tentative n'est pas lisible : le JSON envoyé est imbriqué trop profondément.") from None
    if not isinstance(payload, dict):
        raise ValueError("La tentative doit être un objet JSON (client_id, actions, seconds).")
    try:
        client_id = uuid.UUID(str(payload.get("client_id", "")))
    except ValueError:
        raise ValueError("L'identifiant de la tentative (client_id) est absent ou invalide.") from None
    actions = payload.get("actions")
    if not isinstance(actions, list):
        raise ValueError("Le journal des actions (actions) doit être une liste.")
    seconds = payload.get("seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= MAX_SECONDS:
        raise ValueError("La durée de la tentative (seconds) doit être un nombre entier de secondes.")
    return client_id, actions, seconds


def _answer(sandbox, attempt, *, already_recorded):
    body = _verdict(sandbox, attempt.succeeded, attempt.mistakes, already_recorded=already_recorded)
    return JsonResponse(body, status=200 if already_recorded else 201, json_dumps_params={"ensure_ascii": False})


@require("practice.use")
@require_POST
def attempt(request, slug):
    sandbox = Sandbox.objects.published().filter(slug=slug).first()
    if sandbox is None:
        # 404 in JSON: the player drops an attempt kept offline for a sandbox withdrawn since, instead of retrying.
        return _refused("Cet applicatif-école n'est plus proposé : la tentative n'est pas enregistrée.", status=404)
    try:
        client_id, actions, seconds = _read_attempt(request.body)
    except ValueError as error:
        return _refused(str(error))

    # The player re-sends an attempt it could not confirm (offline, then online): answer with what was stored.
    existing = SandboxAttempt.objects.filter(client_id=client_id).first()
    if existing is not None:
        if existing.user_id != request.user.pk or existing.sandbox_id != sandbox.pk:
            return _refused("Cet identifiant de tentative est déjà utilisé.")
        return _answer(sandbox, existing, already_recorded=True)

    try:
        definition = engine.load(sandbox.definition)
    except engine.SandboxError:
        logger.exception("Applicatif-école « %s » invalide en base", sandbox.slug)
        return _refused("Cet applicatif-école est mal décrit pour l'instant : la tentative n'est pas enregistrée.")
    try:
        result = engine.evaluate(definition, actions)
    except engine.ActionError as error:
        return _refused(f"La tentative ne correspond pas à cet applicatif-école. {error}")
    if not result.finished:
        return _refused("La mission n'est pas terminée : rien n'est enregistré.")

    try:
        with transaction.atomic():
            stored = SandboxAttempt.objects.create(
                user=request.user,
                sandbox=sandbox,
                client_id=client_id,
                succeeded=result.succeeded,
                mistakes=result.mistakes,
                actions=len(actions),
                seconds=seconds,
                finished_at=timezone.now(),
            )
    except IntegrityError:
        # The same attempt arrived twice at once: the other request stored it.
        stored = SandboxAttempt.objects.filter(client_id=client_id, user=request.user, sandbox=sandbox).first()
        if stored is None:
            return _refused("Cet identifiant de tentative est déjà utilisé.")
        return _answer(sandbox, stored, already_recorded=True)
    return _answer(sandbox, stored, already_recorded=False)
