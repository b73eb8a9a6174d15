"""Live sessions of « Mises en situation »: open, join, start, finish; the observation grid; forum theatre.

Every change goes through here, so that the rules hold whatever the view: one advisor and one interlocutor per
session (the database says so too: a race ends in `SessionError`, never a 500), nothing changes once a session is
finished, the facilitator never plays a role whose card is hidden from the others (they see every card).
"""

import math
import re

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Prefetch, Value, When
from django.utils import timezone

from ere.practice.tasks import french_time
from ere.roleplay.enums import Level, Mode, RoleKind, Status
from ere.roleplay.models import CODE_LENGTH, ForumLine, Observation, Participant, PlaySession, new_code

# The roles one player only may take; observers and audience are as many as come.
SINGLE_ROLES = (RoleKind.ADVISOR, RoleKind.INTERLOCUTOR)
# The last minutes announced to everyone (« plus que 2 minutes »).
LAST_MINUTES = 2
CODES_TRIED = 5
LINE_MAX_LENGTH = 280
SCENE_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000

# The phases the room announces when they change (the polling compares the client's phase with the server's).
WAITING, RUNNING, LAST, TIME_UP, FINISHED = "waiting", "running", "last", "up", "finished"


class SessionError(Exception):
    """A change the session refuses; the message is French and shown as is."""


FINISHED_MESSAGE = "Cette session est terminée : elle ne peut plus être modifiée."


def time_words(moment):
    """« 14 h 32 » in local time, with non-breaking spaces (never « 14 h » on one line and « 32 » on the next)."""
    return french_time(timezone.localtime(moment)).replace(" ", "\u00a0")


def normalize_code(raw):
    """« abc-12 3 » → « ABC123 »: what people type, read aloud or copy from a link."""
    return re.sub(r"[\s\-_.]+", "", raw or "").upper()


def find(code):
    """The session of `code` (typed in any case, with spaces or dashes), or None."""
    code = normalize_code(code)
    if not code or len(code) > CODE_LENGTH:
        return None
    return (
        PlaySession.objects.select_related("scenario", "facilitator")
        .prefetch_related("participants", "scenario__roles")
        .filter(code=code)
        .first()
    )


def find_open(code):
    """The session one can still join with `code`, or None."""
    session = find(code)
    return session if session is not None and session.status != Status.FINISHED else None


def roles_of(mode):
    """The roles a session of `mode` offers."""
    roles = [RoleKind.ADVISOR, RoleKind.INTERLOCUTOR, RoleKind.OBSERVER]
    return [*roles, RoleKind.AUDIENCE] if mode == Mode.FORUM else roles


def free_roles(session, user=None):
    """The roles still open to `user` (the facilitator never plays: they see every card)."""
    taken = set(session.participants.filter(role__in=SINGLE_ROLES).values_list("role", flat=True))
    is_facilitator = user is not None and session.facilitator_id == user.pk
    return [
        role for role in roles_of(session.mode) if role not in taken and not (is_facilitator and role in SINGLE_ROLES)
    ]


def seat_of(session, user):
    """The user's Participant in the session, or None."""
    if not user.is_authenticated:
        return None
    return next((seat for seat in session.participants.all() if seat.user_id == user.pk), None)


def is_member(session, user):
    """The facilitator or a participant: those who may see the room and the results."""
    return session.facilitator_id == user.pk or seat_of(session, user) is not None


def _locked(session):
    """The session row, locked until the end of the transaction, and refused once finished."""
    locked = PlaySession.objects.select_for_update().get(pk=session.pk)
    if locked.status == Status.FINISHED:
        raise SessionError(FINISHED_MESSAGE)
    return locked


def open_session(scenario, facilitator, *, mode=Mode.ROLEPLAY, duration=None, observe=False, now=None):
    """A new session with a fresh code; the facilitator also observes (fills the grid) when `observe`."""
    for _attempt in range(CODES_TRIED):
        try:
            with transaction.atomic():
                session = PlaySession.objects.create(
                    code=new_code(),
                    scenario=scenario,
                    facilitator=facilitator,
                    agency=facilitator.agency,
                    mode=mode,
                    duration=duration or scenario.minutes,
                    created_at=now or timezone.now(),
                )
                if observe:
                    Participant.objects.create(session=session, user=facilitator, role=RoleKind.OBSERVER)
                return session
        except IntegrityError:  # the random code was already taken: draw another
            continue
    raise SessionError("Impossible de créer un code de session : réessayez.")


def join(session, user, role, now=None):
    """Seat `user` in `role`; joining again in the same role changes nothing. Raises SessionError."""
    if role not in roles_of(session.mode):
        raise SessionError("Choisissez un des rôles proposés.")
    if session.facilitator_id == user.pk and role in SINGLE_ROLES:
        raise SessionError(
            "Vous animez cette session et voyez toutes les fiches : choisissez observateur, "
            "ou laissez jouer les autres."
        )
    with transaction.atomic():
        locked = _locked(session)
        seat = Participant.objects.filter(session=locked, user=user).first()
        if seat is not None:
            if seat.role == role:
                return seat
            raise SessionError(f"Vous participez déjà à cette session comme {seat.get_role_display().lower()}.")
        if role in SINGLE_ROLES and Participant.objects.filter(session=locked, role=role).exists():
            raise SessionError("Ce rôle est déjà pris : choisissez-en un autre.")
        try:
            with transaction.atomic():
                return Participant.objects.create(
                    session=locked, user=user, role=role, joined_at=now or timezone.now()
                )
        except IntegrityError:  # taken meanwhile (or a double click), the database's constraints decided
            seat = Participant.objects.filter(session=locked, user=user).first()
            if seat is not None and seat.role == role:
                return seat
            raise SessionError("Ce rôle est déjà pris : choisissez-en un autre.") from None


def start(session, now=None):
    """Start the shared timer; starting a running session changes nothing."""
    with transaction.atomic():
        locked = _locked(session)
        if locked.status == Status.WAITING:
            locked.status = Status.RUNNING
            locked.started_at = now or timezone.now()
            locked.save(update_fields=["status", "started_at"])
    session.refresh_from_db(fields=["status", "started_at"])
    return session


def finish(session, now=None):
    """End the session (its results open); ending it twice changes nothing."""
    with transaction.atomic():
        locked = PlaySession.objects.select_for_update().get(pk=session.pk)
        if locked.status != Status.FINISHED:
            locked.status = Status.FINISHED
            locked.ended_at = now or timezone.now()
            locked.save(update_fields=["status", "ended_at"])
    session.refresh_from_db(fields=["status", "ended_at"])
    return session


def set_scene(session, scene):
    """Forum theatre: the moment of the exchange the audience rewrites."""
    with transaction.atomic():
        locked = _locked(session)
        locked.scene = scene.strip()[:SCENE_MAX_LENGTH]
        locked.save(update_fields=["scene"])
    session.scene = locked.scene
    return session


def may_observe(session, user):
    seat = seat_of(session, user)
    return seat is not None and seat.role == RoleKind.OBSERVER


def save_observation(session, observer, criterion, level, note=""):
    """The observer's level (1 to 4, or None) and note on one criterion; saved again, it replaces the first."""
    if criterion.scenario_id != session.scenario_id:
        raise SessionError("Ce critère ne fait pas partie de la grille de cette session.")
    if level is not None and level not in Level.values:
        raise SessionError("Choisissez un niveau de 1 à 4.")
    with transaction.atomic():
        _locked(session)
        observation, _created = Observation.objects.update_or_create(
            session=session,
            observer=observer,
            criterion=criterion,
            defaults={"level": level, "note": (note or "").strip()[:NOTE_MAX_LENGTH]},
        )
    return observation


def save_grid(session, observer, values):
    """Save a whole grid at once: `values` maps each criterion to (level, note). Criteria left blank are skipped."""
    saved = []
    for criterion, (level, note) in values.items():
        if (
            level is None
            and not note
            and not Observation.objects.filter(session=session, observer=observer, criterion=criterion).exists()
        ):
            continue
        saved.append(save_observation(session, observer, criterion, level, note))
    return saved


def observations_of(session, observer):
    """{criterion id: Observation} of one observer."""
    return {o.criterion_id: o for o in Observation.objects.filter(session=session, observer=observer)}


def propose_line(session, author, text, now=None):
    """Forum theatre: a line proposed instead of the one heard."""
    text = " ".join((text or "").split())
    if session.mode != Mode.FORUM:
        raise SessionError("Cette session n'est pas une séance de théâtre forum.")
    if not text:
        raise SessionError("Écrivez votre réplique avant de la proposer.")
    if len(text) > LINE_MAX_LENGTH:
        raise SessionError(f"Votre réplique est trop longue : {LINE_MAX_LENGTH} caractères au plus.")
    with transaction.atomic():
        _locked(session)
        line, _created = ForumLine.objects.get_or_create(
            session=session, author=author, text=text, defaults={"created_at": now or timezone.now()}
        )
    return line


def vote(line, user):
    """Toggle the user's vote for the line; return True when the user now votes for it. Nobody votes for their own
    line: a vote says « I would say it like that », and counting one's own would only count the authors."""
    if line.author_id == user.pk:
        raise SessionError("Vous ne pouvez pas voter pour votre propre réplique.")
    with transaction.atomic():
        _locked(line.session)
        through = ForumLine.voters.through
        deleted, _ = through.objects.filter(forumline=line, user=user).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                through.objects.create(forumline=line, user=user)
        except IntegrityError:  # the same vote sent twice at once: it counts once
            pass
    return True


def keep_line(line, kept=True):
    """The facilitator keeps a line as an example (« gardée en exemple »), or takes it back."""
    with transaction.atomic():
        _locked(line.session)
        if line.is_kept != kept:
            line.is_kept = kept
            line.save(update_fields=["is_kept"])
    return line


def lines_of(session, user=None):
    """The session's lines in the order they came, with their vote count and whether `user` voted for each."""
    lines = list(
        session.lines.select_related("author").annotate(votes=Count("voters", distinct=True)).order_by("created_at")
    )
    if user is not None:
        mine = set(
            ForumLine.voters.through.objects.filter(forumline__session=session, user=user).values_list(
                "forumline_id", flat=True
            )
        )
        for line in lines:
            line.has_my_vote = line.pk in mine
            line.is_mine = line.author_id == user.pk
    return lines


def kept_lines(scenario):
    """The lines kept as examples in the finished forum-theatre sessions of a scenario, most voted first (for the
    scenario page)."""
    return (
        ForumLine.objects.filter(session__scenario=scenario, session__status=Status.FINISHED, is_kept=True)
        .annotate(votes=Count("voters", distinct=True))
        .order_by("-votes", "-created_at")
    )


def clock(session, now=None):
    """What the shared timer shows, computed by the server: the phase, the end time, the minutes left."""
    now = now or timezone.now()
    deadline = session.deadline()
    if session.status == Status.FINISHED:
        phase = FINISHED
    elif session.status == Status.WAITING or deadline is None:
        phase = WAITING
    else:
        left = (deadline - now).total_seconds()
        phase = TIME_UP if left <= 0 else LAST if left <= LAST_MINUTES * 60 else RUNNING
    seconds_left = max(0, int((deadline - now).total_seconds())) if deadline and phase != FINISHED else 0
    return {
        "phase": phase,
        "deadline": deadline,
        "end_time": time_words(deadline) if deadline else "",
        "seconds_left": seconds_left,
        "minutes_left": math.ceil(seconds_left / 60),
    }


def announcement(phase, end_time=""):
    """What the live region says when the room enters `phase` (nothing for joins: they would be noise)."""
    return {
        RUNNING: f"La session commence. Fin prévue à {end_time}.",
        LAST: f"Plus que {LAST_MINUTES} minutes.",
        TIME_UP: "Le temps est écoulé.",
        FINISHED: "La session est terminée. Le bilan est disponible.",
    }.get(phase, "")


def mean(levels):
    """The mean of the levels given, or None."""
    levels = [level for level in levels if level is not None]
    return sum(levels) / len(levels) if levels else None


def results(session):
    """The results of a session: its participants and roles, the advisor's grid (each observer's level and note
    per criterion, and the mean), the lines of the forum."""
    participants = list(session.participants.select_related("user").order_by("role", "joined_at"))
    observations = Observation.objects.filter(session=session).select_related("observer")
    by_criterion = {}
    for observation in observations:
        by_criterion.setdefault(observation.criterion_id, []).append(observation)
    observer_order = {seat.user_id: index for index, seat in enumerate(participants)}
    grid = []
    for criterion in session.scenario.criteria.all():
        rows = sorted(by_criterion.get(criterion.pk, []), key=lambda o: observer_order.get(o.observer_id, 999))
        grid.append({"criterion": criterion, "rows": rows, "mean": mean(row.level for row in rows)})
    advisor = next((seat for seat in participants if seat.role == RoleKind.ADVISOR), None)
    return {
        "participants": participants,
        "advisor": advisor,
        "grid": grid,
        "has_observations": bool(by_criterion),
        "lines": lines_of(session),
    }


def sessions_of(user):
    """The sessions the user runs or took part in, open ones first, with the user's own seat (`my_seats`)."""
    # The seats are counted on every participant, not only on the rows the « mine » filter joined.
    return (
        PlaySession.objects.filter(pk__in=PlaySession.objects.for_user(user).values("pk"))
        .select_related("scenario", "facilitator")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.filter(user=user), to_attr="my_seats"))
        .annotate(
            finished=Case(When(status=Status.FINISHED, then=Value(1)), default=Value(0), output_field=IntegerField()),
            seats=Count("participants", distinct=True),
        )
        .order_by("finished", "-created_at")
    )
