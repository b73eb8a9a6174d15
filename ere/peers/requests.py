"""Help requests, from « J'ai besoin d'aide » to the thanks: the one code path of the views, the task and the command.

A request goes OPEN → PROPOSED (one colleague is asked: a PENDING proposal) → ACCEPTED (they help) → RESOLVED. A
declined or expired proposal sends it back to OPEN, and `dispatch` proposes it to the next colleague by itself;
nobody left → UNMATCHED, tried again at each dispatch. The requester may cancel it while it is active.

Every change locks the request row first, then touches its proposals (select_for_update, which SQLite ignores), so
that an answer, a cancellation and the dispatcher never act on the same request at once. Each function checks the
current state and raises `RequestError` (a French sentence for the user) when the change is not allowed, and
`PermissionDenied` when the user is not the person who may make it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone

from ere.core.text import plural
from ere.org.access import can
from ere.peers import matching, notifications
from ere.peers.enums import ACTIVE_STATUSES, HelpMode, NotificationKind, ProposalStatus, RequestStatus, Urgency
from ere.peers.models import HelpRequest, Proposal
from ere.peers.pool import build_pool, need_for

VOWELS = set("aeiouyhàâäéèêëîïôöùûüœ")


class RequestError(Exception):
    """A change the request's current state does not allow; the message is shown to the user as it is."""


@dataclass
class Dispatch:
    """What one `dispatch` did."""

    proposals: list = field(default_factory=list)  # the proposals it created
    unmatched: list = field(default_factory=list)  # the waiting requests nobody can take now
    expired: int = 0  # proposals left without an answer in time

    def __str__(self):
        return (
            f"{plural(len(self.proposals), 'demande proposée', 'demandes proposées')}, "
            f"{len(self.unmatched)} sans collègue disponible, "
            f"{plural(self.expired, 'proposition expirée', 'propositions expirées')}"
        )

    def as_dict(self):
        return {"proposed": len(self.proposals), "unmatched": len(self.unmatched), "expired": self.expired}


def french_datetime(value):
    """« 3 décembre 2026 à 14:30 », in the local time zone."""
    return formats.date_format(timezone.localtime(value), "j F Y à H:i")


def optional_url(name, query=""):
    """The path of a URL name, or "" while the page does not exist yet (another part of Entraide)."""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return ""


def question_url(help_request):
    """« Astuces et questions »: a new question on the request's tool."""
    return optional_url("peers:post_new", f"?outil={help_request.tool.slug}&type=question")


def _locked(queryset):
    """Lock the rows of `queryset`'s own table; rows another transaction holds are skipped, not waited for."""
    return queryset.select_for_update(skip_locked=True, of=("self",))


def _lock(help_request):
    """The request, read again and locked until the end of the transaction."""
    return (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "helper", "tool", "task")
        .get(pk=help_request.pk)
    )


def of_name(name):
    """« d'Alice », « de Bruno »: French elision before a vowel or a mute h."""
    return f"d'{name}" if name[:1].lower() in VOWELS else f"de {name}"


# How the request reads for the colleague asked: « Aide souhaitée à son poste, dans la journée. »
MODE_PHRASES = {HelpMode.BESIDE: "à son poste", HelpMode.VISIO: "en visio", HelpMode.MESSAGE: "par message"}
URGENCY_PHRASES = {
    Urgency.LOW: "quand vous pourrez",
    Urgency.NORMAL: "dans la journée",
    Urgency.HIGH: "au plus vite, un usager attend",
}


def _summary(help_request):
    """The request in a few lines, for notifications and e-mails."""
    subject = f"{help_request.tool}" + (f" (« {help_request.task} »)" if help_request.task_id else "")
    return (
        f"Sur {subject}. Aide souhaitée {MODE_PHRASES.get(help_request.mode, help_request.mode)}, "
        f"{URGENCY_PHRASES.get(help_request.urgency, help_request.urgency)}.\n\n« {help_request.context.strip()} »"
    )


# Creating and dispatching ------------------------------------------------------------------------------------------


def create_request(user, tool, task=None, urgency="normal", mode="beside", context=""):
    """Record a request of `user` (with their agency of the moment), then propose it to a colleague."""
    if not can(user, "peers.use"):
        raise PermissionDenied
    context = (context or "").strip()
    if not context:
        raise RequestError("Décrivez en quelques lignes ce que vous essayez de faire.")
    if task is not None and not tool.tasks.filter(pk=task.pk).exists():
        raise RequestError(f"La tâche « {task} » ne fait pas partie de {tool}.")
    help_request = HelpRequest.objects.create(
        requester=user, agency=user.agency, tool=tool, task=task, urgency=urgency, mode=mode, context=context
    )
    # Its own transaction: were the matching to fail, the request is kept and the next dispatch proposes it.
    dispatch()
    help_request.refresh_from_db()
    return help_request


def dispatch(now=None):
    """Expire the proposals past their deadline, then propose every waiting request, all at once (`matching.assign`).

    Safe to run at any time and twice in a row: the second run finds nothing to do and notifies nobody again.
    """
    now = now or timezone.now()
    summary = Dispatch()
    with transaction.atomic():
        summary.expired = _expire(now)
        waiting = list(
            _locked(HelpRequest.objects.waiting())
            .filter(requester__is_active=True)
            .exclude(proposals__status=ProposalStatus.PENDING)
            .select_related("requester__agency", "agency", "tool", "task")
            .order_by("created_at", "pk")
        )
        if not waiting:
            return summary
        already = defaultdict(set)
        for request_id, candidate_id in Proposal.objects.filter(request__in=waiting).values_list(
            "request_id", "candidate_id"
        ):
            already[request_id].add(candidate_id)
        pool, users = build_pool(now)
        matches = matching.assign(pool, [need_for(r, excluded=already[r.pk]) for r in waiting])
        for help_request in waiting:
            match = matches.get(help_request.pk)
            moved = bool(already[help_request.pk])
            if match is None:
                if help_request.status != RequestStatus.UNMATCHED:
                    help_request.status = RequestStatus.UNMATCHED
                    help_request.save(update_fields=["status"])
                    _notify_unmatched(help_request, email=moved)
                summary.unmatched.append(help_request)
                continue
            hours = settings.PEERS_ANSWER_HOURS[help_request.urgency]
            proposal = Proposal.objects.create(
                request=help_request,
                candidate=users[match.candidate],
                score=match.score,
                reasons=list(match.reasons),
                created_at=now,
                expires_at=now + datetime.timedelta(hours=hours),
            )
            was_unmatched = help_request.status == RequestStatus.UNMATCHED
            help_request.status = RequestStatus.PROPOSED
            help_request.save(update_fields=["status"])
            _notify_candidate(proposal)
            if moved:
                _notify_moved(proposal)
            elif was_unmatched:
                _notify_found(proposal)
            summary.proposals.append(proposal)
    return summary


def _expire(now):
    """Mark the pending proposals past their deadline as expired; their requests wait again. Returns how many."""
    late = Proposal.objects.filter(status=ProposalStatus.PENDING, expires_at__lt=now)
    request_ids = {p.request_id for p in late.only("request_id")}
    if not request_ids:
        return 0
    locked = [r.pk for r in _locked(HelpRequest.objects.filter(pk__in=request_ids)).only("pk")]
    expired = list(late.filter(request_id__in=locked).select_related("candidate", "request__requester"))
    Proposal.objects.filter(pk__in=[p.pk for p in expired]).update(status=ProposalStatus.EXPIRED)
    HelpRequest.objects.filter(pk__in=locked, status=RequestStatus.PROPOSED).exclude(
        proposals__status=ProposalStatus.PENDING
    ).update(status=RequestStatus.OPEN)
    for proposal in expired:
        requester = proposal.request.requester
        notifications.notify(
            proposal.candidate,
            NotificationKind.DECLINED,
            f"La demande d'aide {of_name(requester.get_full_name())} ne vous est plus proposée",
            "Sans réponse avant l'heure prévue, elle passe à un autre collègue. Rien à faire de votre côté.",
            url=proposal.request.get_absolute_url(),
        )
    return len(expired)


def _notify_candidate(proposal):
    help_request = proposal.request
    reasons = "\n".join(f"- {reason}" for reason in proposal.reasons)
    body = (
        f"{_summary(help_request)}\n\n"
        f"Pourquoi vous (votre collègue le voit aussi) :\n{reasons}\n\n"
        f"Acceptez ou déclinez avant le {french_datetime(proposal.expires_at)} : sans réponse, la demande est "
        "proposée à un autre collègue."
    )
    notifications.notify(
        proposal.candidate,
        NotificationKind.PROPOSAL,
        f"{help_request.requester.get_full_name()} a besoin d'aide sur {help_request.tool}",
        body,
        url=help_request.get_absolute_url(),
        email=True,
    )


def _notify_moved(proposal):
    """Tell the requester their request went to someone else, in neutral words: nobody is blamed for declining."""
    help_request = proposal.request
    notifications.notify(
        help_request.requester,
        NotificationKind.DECLINED,
        f"Votre demande d'aide sur {help_request.tool} a été proposée à un autre collègue",
        f"Elle est maintenant proposée à {proposal.candidate.get_full_name()}. Vous serez prévenu·e de sa réponse.",
        url=help_request.get_absolute_url(),
    )


def _notify_found(proposal):
    """Tell the requester that a colleague became available for their request, which had nobody."""
    help_request = proposal.request
    notifications.notify(
        help_request.requester,
        NotificationKind.PROPOSAL,
        f"Votre demande d'aide sur {help_request.tool} est proposée à un collègue",
        f"Elle est proposée à {proposal.candidate.get_full_name()}. Vous serez prévenu·e de sa réponse.",
        url=help_request.get_absolute_url(),
    )


def _notify_unmatched(help_request, email):
    lines = [
        f"Aucun collègue n'est disponible pour l'instant sur {help_request.tool}. Votre demande reste active : nous "
        "la proposerons dès que quelqu'un pourra vous aider.",
    ]
    if question_url(help_request):
        lines.append(
            "En attendant, posez votre question dans « Astuces et questions » : "
            f"{settings.SITE_URL}{question_url(help_request)}"
        )
    if optional_url("peers:champions"):
        lines.append(f"Ou contactez un référent numérique : {settings.SITE_URL}{optional_url('peers:champions')}")
    notifications.notify(
        help_request.requester,
        NotificationKind.UNMATCHED,
        f"Personne n'est disponible pour l'instant sur {help_request.tool}",
        "\n\n".join(lines),
        url=help_request.get_absolute_url(),
        email=email,
    )


# Answering a proposal ----------------------------------------------------------------------------------------------


def answer_error(proposal, help_request):
    """Why the candidate may no longer accept or decline `proposal` (a French sentence), or None when they may."""
    if proposal.status == ProposalStatus.PENDING and help_request.status == RequestStatus.PROPOSED:
        return None
    if help_request.status == RequestStatus.CANCELLED:
        return "Votre collègue a annulé sa demande : plus besoin de répondre."
    return {
        ProposalStatus.ACCEPTED: "Vous avez déjà accepté cette demande.",
        ProposalStatus.DECLINED: "Vous avez déjà décliné cette demande.",
        ProposalStatus.EXPIRED: "Le délai pour répondre est passé : la demande ne vous est plus proposée.",
    }.get(proposal.status, "Cette demande n'attend plus votre réponse.")


def _answerable(proposal, user):
    """The request and the proposal, locked, once checked that `user` may answer it now."""
    help_request = _lock(proposal.request)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.candidate_id != user.pk:
        raise PermissionDenied
    error = answer_error(proposal, help_request)
    if error:
        raise RequestError(error)
    return help_request, proposal


def accept(proposal, user, proposed_time=None, message=""):
    """The candidate helps: they become the request's helper, with the time they propose and a short message."""
    with transaction.atomic():
        help_request, proposal = _answerable(proposal, user)
        now = timezone.now()
        proposal.status, proposal.responded_at = ProposalStatus.ACCEPTED, now
        proposal.save(update_fields=["status", "responded_at"])
        help_request.status, help_request.helper, help_request.accepted_at = RequestStatus.ACCEPTED, user, now
        help_request.proposed_time = proposed_time
        help_request.helper_message = (message or "").strip()[:300]
        help_request.save(update_fields=["status", "helper", "accepted_at", "proposed_time", "helper_message"])
        lines = []
        if proposed_time:
            lines.append(f"Créneau proposé : le {french_datetime(proposed_time)}.")
        if help_request.helper_message:
            lines.append(f"Son message : « {help_request.helper_message} »")
        lines.append("Une fois le problème réglé, marquez la demande comme résolue.")
        notifications.notify(
            help_request.requester,
            NotificationKind.ACCEPTED,
            f"{user.get_full_name()} accepte de vous aider sur {help_request.tool}",
            "\n\n".join(lines),
            url=help_request.get_absolute_url(),
            email=True,
        )
    return help_request


def decline(proposal, user, reason=""):
    """The candidate cannot help: the request goes to the next colleague at once. Returns the dispatch."""
    with transaction.atomic():
        help_request, proposal = _answerable(proposal, user)
        proposal.status, proposal.responded_at = ProposalStatus.DECLINED, timezone.now()
        proposal.decline_reason = (reason or "").strip()[:200]
        proposal.save(update_fields=["status", "responded_at", "decline_reason"])
        help_request.status = RequestStatus.OPEN
        help_request.save(update_fields=["status"])
        return dispatch()


# After the answer --------------------------------------------------------------------------------------------------


def resolve(help_request, user):
    """The requester or the helper says the problem is solved; the other one is told."""
    with transaction.atomic():
        help_request = _lock(help_request)
        if user.pk not in {help_request.requester_id, help_request.helper_id}:
            raise PermissionDenied
        if help_request.status == RequestStatus.RESOLVED:
            raise RequestError("Cette demande est déjà résolue.")
        if help_request.status == RequestStatus.CANCELLED:
            raise RequestError("Cette demande a été annulée : elle ne peut plus être marquée comme résolue.")
        if help_request.status != RequestStatus.ACCEPTED:
            raise RequestError(
                "Personne n'a encore accepté cette demande. Si vous avez trouvé la solution, annulez-la."
            )
        now = timezone.now()
        help_request.status, help_request.resolved_at, help_request.closed_at = RequestStatus.RESOLVED, now, now
        help_request.save(update_fields=["status", "resolved_at", "closed_at"])
        requester, helper = help_request.requester, help_request.helper
        if user.pk == requester.pk:
            notifications.notify(
                helper,
                NotificationKind.RESOLVED,
                f"{requester.get_full_name()} a marqué sa demande comme résolue",
                f"Merci d'avoir aidé sur {help_request.tool}.",
                url=help_request.get_absolute_url(),
            )
        else:
            notifications.notify(
                requester,
                NotificationKind.RESOLVED,
                f"{helper.get_full_name()} a marqué votre demande comme résolue",
                f"Si ce n'est pas le cas, répondez-lui directement. Vous pouvez aussi remercier {helper.first_name} "
                "depuis la page de la demande : seuls vous deux verrez votre message.",
                url=help_request.get_absolute_url(),
            )
    return help_request


def thank(help_request, user, text):
    """The requester thanks their helper, once. Private: only the two of them see it."""
    with transaction.atomic():
        help_request = _lock(help_request)
        if user.pk != help_request.requester_id:
            raise PermissionDenied
        if help_request.status not in (RequestStatus.ACCEPTED, RequestStatus.RESOLVED):
            raise RequestError("On remercie le collègue qui a accepté de vous aider : personne ne l'a encore fait.")
        if help_request.thanked_at:
            raise RequestError(f"Vous avez déjà remercié {help_request.helper.first_name}.")
        text = (text or "").strip()
        if not text:
            raise RequestError("Écrivez quelques mots de remerciement.")
        help_request.thanks, help_request.thanked_at = text[:1000], timezone.now()
        help_request.save(update_fields=["thanks", "thanked_at"])
        notifications.notify(
            help_request.helper,
            NotificationKind.THANKS,
            f"{user.get_full_name()} vous remercie",
            help_request.thanks,
            url=help_request.get_absolute_url(),
        )
    return help_request


def cancel(help_request, user):
    """The requester withdraws the request; whoever was asked or was helping is told there is nothing left to do."""
    with transaction.atomic():
        help_request = _lock(help_request)
        if user.pk != help_request.requester_id:
            raise PermissionDenied
        if help_request.status == RequestStatus.RESOLVED:
            raise RequestError("Cette demande est déjà résolue : elle ne peut plus être annulée.")
        if help_request.status not in ACTIVE_STATUSES:
            raise RequestError("Cette demande est déjà annulée.")
        pending = list(help_request.proposals.filter(status=ProposalStatus.PENDING).select_related("candidate"))
        help_request.proposals.filter(pk__in=[p.pk for p in pending]).update(status=ProposalStatus.WITHDRAWN)
        told = [p.candidate for p in pending]
        if help_request.status == RequestStatus.ACCEPTED:
            told.append(help_request.helper)
        help_request.status, help_request.closed_at = RequestStatus.CANCELLED, timezone.now()
        help_request.save(update_fields=["status", "closed_at"])
        for colleague in told:
            notifications.notify(
                colleague,
                NotificationKind.RESOLVED,
                f"{user.get_full_name()} n'a plus besoin d'aide sur {help_request.tool}",
                "La demande est annulée : plus besoin de vous en occuper. Merci d'avoir été disponible.",
                url=help_request.get_absolute_url(),
            )
    return help_request
