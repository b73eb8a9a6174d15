"""Live sessions: open one on a scenario, join it with a short code, play (each sees only their own card), the shared
timer, the observation grid filled live, forum theatre (lines proposed, voted for, kept), and the results.

Who sees what (rule « roleplay.use » first: managers and analysts see none of these pages):
- the room and the results: the facilitator and the participants; somebody else who has the code of an open session
  is offered a free role, and gets a 404 once it is finished;
- the cards: the facilitator sees all of them; the advisor their own; the interlocutor their own with its hidden
  information; an observer the observer's and the advisor's cards, and the grid;
- changes: the facilitator starts, ends, writes the scene and keeps lines (« roleplay.facilitate »); observers fill
  their own grid; members propose lines and vote. Anybody else gets a 403.

The room refreshes itself with htmx: `session_state` is polled every ROLEPLAY_POLL_SECONDS (3 s); without JavaScript
a « Rafraîchir » link reloads the page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from ere.org.access import ensure, require
from ere.roleplay import sessions
from ere.roleplay.crumbs import crumb
from ere.roleplay.enums import Mode, RoleKind, Status
from ere.roleplay.models import ForumLine, Scenario
from ere.roleplay.session_forms import OBSERVE, GridForm, JoinForm, LineForm, RoleForm, SceneForm, SessionForm

PER_PAGE = 20
LIST_CRUMB = "Mes sessions"

# What each seat reads: the facilitator reads every card.
CARDS_OF = {
    RoleKind.ADVISOR: [RoleKind.ADVISOR],
    RoleKind.INTERLOCUTOR: [RoleKind.INTERLOCUTOR],
    RoleKind.OBSERVER: [RoleKind.OBSERVER, RoleKind.ADVISOR],
    RoleKind.AUDIENCE: [],
}
ALL_CARDS = [RoleKind.ADVISOR, RoleKind.INTERLOCUTOR, RoleKind.OBSERVER]
ROLE_HINTS = {
    RoleKind.ADVISOR: "Vous menez l'entretien. Vous ne voyez que votre fiche.",
    RoleKind.INTERLOCUTOR: "Vous jouez l'entreprise : votre fiche dit ce que vous savez et comment réagir.",
    RoleKind.OBSERVER: "Vous remplissez la grille d'observation pendant le jeu.",
    RoleKind.AUDIENCE: "Vous regardez la scène, proposez d'autres répliques et votez.",
}


def _poll_seconds():
    return max(1, int(getattr(settings, "ROLEPLAY_POLL_SECONDS", 3)))


def _list_link():
    return {"url": reverse("roleplay:session_list"), "title": LIST_CRUMB}


def _session(code):
    """The session of the code (any case, spaces, dashes), or 404."""
    session = sessions.find(code)
    if session is None:
        raise Http404("Aucune session avec ce code")
    return session


def _member_session(request, code):
    """The session if the user runs it or takes part in it; otherwise 403 while it is open (they could join with
    the code), 404 once it is finished (nobody outside needs to know it exists)."""
    session = _session(code)
    if not sessions.is_member(session, request.user):
        if session.status == Status.FINISHED:
            raise Http404("Session terminée")
        raise PermissionDenied
    return session


def _facilitated(request, code):
    session = _member_session(request, code)
    ensure(request.user, "roleplay.facilitate", session)
    return session


def _is_htmx(request):
    return bool(getattr(request, "htmx", False))


def _room_url(session):
    return reverse("roleplay:session", args=[session.code])


def _transcript_url(session):
    """The link to analyse the call's transcript, when that page exists."""
    try:
        return f"{reverse('roleplay:transcript_new')}?session={session.code}"
    except NoReverseMatch:
        return ""


def _scenario_url(scenario):
    try:
        return scenario.get_absolute_url()
    except NoReverseMatch:
        return ""


def _participants(session):
    return list(session.participants.select_related("user").order_by("role", "joined_at"))


def _state(request, session, now=None):
    """The context of the polled part of the room: status, timer, participants, the facilitator's controls."""
    now = now or timezone.now()
    participants = _participants(session)
    clock = sessions.clock(session, now)
    by_role = {role: [seat for seat in participants if seat.role == role] for role in sessions.roles_of(session.mode)}
    return {
        "session": session,
        "clock": clock,
        "seats": [{"role": role, "label": role.label, "people": by_role[role]} for role in by_role],
        "is_facilitator": session.facilitator_id == request.user.pk,
        "poll_url": f"{reverse('roleplay:session_state', args=[session.code])}?phase={clock['phase']}",
        "poll_seconds": _poll_seconds(),
        "room_url": _room_url(session),
        "results_url": reverse("roleplay:session_results", args=[session.code]),
        "has_players": any(seat.role in sessions.SINGLE_ROLES for seat in participants),
    }


def _board(request, session):
    """The context of the forum board: the scene and the lines with their votes."""
    return {
        "session": session,
        "lines": sessions.lines_of(session, request.user),
        "is_facilitator": session.facilitator_id == request.user.pk,
        "is_open": session.status != Status.FINISHED,
    }


def _grid_context(session, form):
    return {
        "session": session,
        "rows": form.rows(),
        "action": reverse("roleplay:session_observe", args=[session.code]),
    }


def _grid_form(session, user, data=None):
    criteria = list(session.scenario.criteria.all())
    initial = {}
    for criterion_id, observation in sessions.observations_of(session, user).items():
        initial[f"level-{criterion_id}"] = observation.level
        initial[f"note-{criterion_id}"] = observation.note
    return GridForm(data, criteria=criteria, initial=initial)


def _spelled(code):
    """« AB3 » → « A, B, 3 »: screen readers read the code one character at a time."""
    return ", ".join(code)


@require("roleplay.use")
def session_create(request, slug):
    scenario = get_object_or_404(Scenario.objects.published(), slug=slug)
    form = SessionForm(request.POST or None, initial={"duration": scenario.minutes})
    if request.method == "POST":
        if form.is_valid():
            try:
                session = sessions.open_session(
                    scenario,
                    request.user,
                    mode=form.cleaned_data["mode"],
                    duration=form.cleaned_data["duration"],
                    observe=form.cleaned_data["my_role"] == OBSERVE,
                )
            except sessions.SessionError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    f"Session ouverte. Donnez le code {session.code} aux participants pour qu'ils la rejoignent.",
                )
                return redirect(_room_url(session))
        else:
            messages.error(request, "Le formulaire contient des erreurs : corrigez les champs signalés.")
    scenario_link = {"url": _scenario_url(scenario), "title": scenario.title} if _scenario_url(scenario) else None
    context = {
        "title": f"Ouvrir une session : {scenario.title}",
        "scenario": scenario,
        "form": form,
        "breadcrumb_data": crumb("Ouvrir une session", *filter(None, [scenario_link])),
    }
    return render(request, "roleplay/session_create.html", context, status=400 if request.method == "POST" else 200)


@require_GET
@require("roleplay.use")
def join(request):
    """The code typed by a participant (or `?code=` from the join link) leads to the session's room."""
    form = JoinForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect(_room_url(form.session))
    context = {
        "title": "Rejoindre une session",
        "form": form,
        "breadcrumb_data": crumb("Rejoindre une session"),
    }
    return render(request, "roleplay/session_join.html", context)


@require("roleplay.use")
def session_list(request):
    page = Paginator(sessions.sessions_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    for session in page.object_list:
        seat = session.my_seats[0] if session.my_seats else None
        roles = []
        if session.facilitator_id == request.user.pk:
            roles.append("Animateur")
        if seat is not None:
            roles.append(seat.get_role_display())
        session.my_roles = " et ".join(roles)
        session.link = (
            reverse("roleplay:session_results", args=[session.code])
            if session.status == Status.FINISHED
            else _room_url(session)
        )
    context = {
        "title": LIST_CRUMB,
        "page_obj": page,
        "breadcrumb_data": crumb(LIST_CRUMB),
    }
    return render(request, "roleplay/session_list.html", context)


def _room(request, session, *, role_form=None, grid_form=None, line_form=None, status=200):
    user = request.user
    seat = sessions.seat_of(session, user)
    is_facilitator = session.facilitator_id == user.pk
    scenario = session.scenario
    context = {
        "title": f"Session : {scenario.title}",
        "session": session,
        "scenario": scenario,
        "scenario_url": _scenario_url(scenario),
        "seat": seat,
        "is_facilitator": is_facilitator,
        "is_forum": session.mode == Mode.FORUM,
        "code_spelled": _spelled(session.code),
        "join_url": request.build_absolute_uri(f"{reverse('roleplay:join')}?code={session.code}"),
        "breadcrumb_data": crumb(f"Session {session.code}", _list_link()),
    }
    if seat is None and not is_facilitator:
        roles = sessions.free_roles(session, user)
        form = role_form or RoleForm(roles=roles)
        context.update(
            {
                "title": f"Rejoindre la session : {scenario.title}",
                "role_form": form,
                "role_choices": [
                    {"value": role.value, "label": role.label, "hint": ROLE_HINTS[role]} for role in roles
                ],
            }
        )
        return render(request, "roleplay/session_room.html", context, status=status)
    shown = ALL_CARDS if is_facilitator else CARDS_OF[seat.role]
    context.update(
        {
            "state": _state(request, session),
            "cards": [card for card in (scenario.card(role) for role in shown) if card is not None],
            "my_role_hint": ROLE_HINTS[seat.role] if seat else "",
            "can_observe": seat is not None and seat.role == RoleKind.OBSERVER,
        }
    )
    if context["can_observe"]:
        context["grid"] = _grid_context(session, grid_form or _grid_form(session, user))
    if session.mode == Mode.FORUM:
        context["board"] = _board(request, session)
        context["line_form"] = line_form or LineForm()
        if is_facilitator:
            context["scene_form"] = SceneForm(initial={"scene": session.scene})
    return render(request, "roleplay/session_room.html", context, status=status)


@require("roleplay.use")
def session(request, code):
    """The room. A member sees their card(s) and the shared state; somebody else picks a free role."""
    session = _session(code)
    member = sessions.is_member(session, request.user)
    if session.status == Status.FINISHED:
        if not member:
            raise Http404("Session terminée")
        return redirect("roleplay:session_results", session.code)
    if session.code != code:  # typed in lower case, with dashes…: the canonical address
        return redirect(_room_url(session))
    return _room(request, session)


@require_POST
@require("roleplay.use")
def session_role(request, code):
    session = _session(code)
    if session.status == Status.FINISHED:
        if not sessions.is_member(session, request.user):
            raise Http404("Session terminée")
        messages.error(request, sessions.FINISHED_MESSAGE)
        return redirect("roleplay:session_results", session.code)
    form = RoleForm(request.POST, roles=sessions.roles_of(session.mode))
    if form.is_valid():
        try:
            seat = sessions.join(session, request.user, form.cleaned_data["role"])
        except sessions.SessionError as error:
            form.add_error("role", str(error))
        else:
            messages.success(request, f"Vous avez rejoint la session comme {seat.get_role_display().lower()}.")
            return redirect(_room_url(session))
    if sessions.is_member(session, request.user):  # already seated: the error says in which role
        messages.error(request, form.errors["role"][0])
        return redirect(_room_url(session))
    roles = sessions.free_roles(session, request.user)
    shown = RoleForm(roles=roles)
    shown._errors = form.errors  # the error, on the roles still free
    return _room(request, session, role_form=shown, status=400)


def _poll_response(request, session, client_phase="", error=""):
    """The polled fragment: the state, the forum board (out of band) and, when the phase changed since the page's
    last look, a sentence for the live region."""
    state = _state(request, session)
    phase = state["clock"]["phase"]
    context = {
        "state": state,
        "board": _board(request, session) if session.mode == Mode.FORUM else None,
        "announce": sessions.announcement(phase, state["clock"]["end_time"])
        if client_phase and client_phase != phase
        else "",
        "error": error,
    }
    return render(request, "roleplay/_session_poll.html", context)


@require_GET
@require("roleplay.use")
def session_state(request, code):
    session = _member_session(request, code)
    if not _is_htmx(request):
        return redirect(_room_url(session) if session.status != Status.FINISHED else session_results_url(session))
    return _poll_response(request, session, request.GET.get("phase", ""))


def session_results_url(session):
    return reverse("roleplay:session_results", args=[session.code])


def _after_change(request, session, error=None, success=None):
    """htmx: the fresh state (the clicked button's id comes back, so htmx gives the focus back); otherwise the
    room, with the message. htmx gets the message in the live region (polite), the page has no other place for it."""
    if _is_htmx(request):
        return _poll_response(request, session, request.POST.get("phase", ""), error=error or "")
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(_room_url(session) if session.status != Status.FINISHED else session_results_url(session))


@require_POST
@require("roleplay.use")
def session_start(request, code):
    session = _facilitated(request, code)
    try:
        sessions.start(session)
    except sessions.SessionError as error:
        return _after_change(request, session, error=str(error))
    end = sessions.time_words(session.deadline())
    return _after_change(request, session, success=f"La session a démarré : fin prévue à {end}.")


@require_POST
@require("roleplay.use")
def session_finish(request, code):
    session = _facilitated(request, code)
    was_finished = session.status == Status.FINISHED
    sessions.finish(session)
    if not was_finished:
        messages.success(request, "La session est terminée : voici son bilan.")
    if _is_htmx(request):
        return HttpResponseClientRedirect(session_results_url(session))
    return redirect(session_results_url(session))


@require_POST
@require("roleplay.use")
def session_observe(request, code):
    """The observer's grid, saved at every change (htmx) or with the « Enregistrer » button."""
    session = _member_session(request, code)
    if not sessions.may_observe(session, request.user):
        raise PermissionDenied
    form = _grid_form(session, request.user, request.POST)
    error = ""
    if not form.is_valid():
        error = "Grille non enregistrée : corrigez les champs signalés."
    else:
        try:
            sessions.save_grid(session, request.user, form.values())
        except sessions.SessionError as failure:
            error = str(failure)
    now_words = sessions.time_words(timezone.now())
    if _is_htmx(request):
        # Only the status line changes: the grid under the observer's fingers stays as it is.
        rated = sum(1 for o in sessions.observations_of(session, request.user).values() if o.level is not None)
        context = {"error": error, "saved_at": now_words, "rated": rated, "criteria": len(form.criteria)}
        return render(request, "roleplay/_session_grid_status.html", context)
    if error and session.status != Status.FINISHED and not form.is_valid():
        messages.error(request, error)
        return _room(request, session, grid_form=form, status=400)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Grille enregistrée à {now_words}.")
    return redirect(_room_url(session))


@require_POST
@require("roleplay.use")
def session_scene(request, code):
    session = _facilitated(request, code)
    if session.mode != Mode.FORUM:
        raise Http404("Pas de théâtre forum")
    form = SceneForm(request.POST)
    error = ""
    if not form.is_valid():
        error = form.errors["scene"][0]
    else:
        try:
            sessions.set_scene(session, form.cleaned_data["scene"])
        except sessions.SessionError as failure:
            error = str(failure)
    if _is_htmx(request):
        context = {"error": error, "saved_at": sessions.time_words(timezone.now()), "what": "Scène mise à jour"}
        return render(request, "roleplay/_session_grid_status.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Scène mise à jour : tout le monde la voit.")
    return redirect(_room_url(session))


def _forum_session(request, code):
    session = _member_session(request, code)
    if session.mode != Mode.FORUM:
        raise Http404("Pas de théâtre forum")
    return session


@require_POST
@require("roleplay.use")
def session_line(request, code):
    """A line proposed by a member; htmx gets an empty form back, and the board out of band."""
    session = _forum_session(request, code)
    form = LineForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            sessions.propose_line(session, request.user, form.cleaned_data["text"])
        except sessions.SessionError as failure:
            error = str(failure)
            form.add_error("text", error)
    if _is_htmx(request):
        context = {
            "form": form if not form.is_valid() else LineForm(),
            "session": session,
            "board": _board(request, session) if form.is_valid() else None,
            "proposed": form.is_valid(),
        }
        return render(request, "roleplay/_session_line_form.html", context)
    if form.is_valid():
        messages.success(request, "Réplique proposée : les autres peuvent voter pour elle.")
        return redirect(_room_url(session))
    if session.status == Status.FINISHED:
        messages.error(request, error)
        return redirect(session_results_url(session))
    return _room(request, session, line_form=form, status=400)


def _line(session, pk):
    return get_object_or_404(ForumLine.objects.select_related("session"), session=session, pk=pk)


@require_POST
@require("roleplay.use")
def session_vote(request, code, pk):
    session = _forum_session(request, code)
    line = _line(session, pk)
    try:
        voted = sessions.vote(line, request.user)
    except sessions.SessionError as error:
        return _board_response(request, session, error=str(error))
    return _board_response(request, session, success="Vote enregistré." if voted else "Vote retiré.")


@require_POST
@require("roleplay.use")
def session_keep(request, code, pk):
    session = _forum_session(request, code)
    ensure(request.user, "roleplay.facilitate", session)
    line = _line(session, pk)
    kept = request.POST.get("kept", "1") != "0"
    try:
        sessions.keep_line(line, kept)
    except sessions.SessionError as error:
        return _board_response(request, session, error=str(error))
    return _board_response(
        request, session, success="Réplique gardée en exemple." if kept else "Réplique retirée des exemples."
    )


def _board_response(request, session, error="", success=""):
    if _is_htmx(request):
        context = {"board": _board(request, session), "error": error}
        return render(request, "roleplay/_session_board.html", context)
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(_room_url(session) if session.status != Status.FINISHED else session_results_url(session))


@require_GET
@require("roleplay.use")
def session_results(request, code):
    session = _member_session(request, code)
    if session.status != Status.FINISHED:
        messages.info(request, "Le bilan sera disponible quand l'animateur aura terminé la session.")
        return redirect(_room_url(session))
    outcome = sessions.results(session)
    context = {
        "title": f"Bilan de la session : {session.scenario.title}",
        "session": session,
        "scenario_url": _scenario_url(session.scenario),
        "is_forum": session.mode == Mode.FORUM,
        "transcript_url": _transcript_url(session),
        "ended_time": sessions.time_words(session.ended_at) if session.ended_at else "",
        "breadcrumb_data": crumb("Bilan", _list_link()),
        **outcome,
        "kept": [line for line in outcome["lines"] if line.is_kept],
    }
    return render(request, "roleplay/session_results.html", context)
