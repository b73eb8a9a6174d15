"""Champions (référents numériques) in Entraide: the directory of who to ask, a champion's dashboard, and
« Je m'en occupe » (a champion takes a request on one of their tools).

The directory lists only colleagues who chose to be visible (PeerProfile.is_visible): the official champions of a
tool, then the volunteers who declared it. Never by diagnostic level (skill results are private), never with a count
of help given (no leaderboard).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from ere.catalog.enums import Status
from ere.catalog.models import Tool
from ere.org.enums import Role
from ere.peers import notifications
from ere.peers.enums import HelpMode, NotificationKind, PostKind, ProposalStatus, RequestStatus, Urgency
from ere.peers.models import HelpRequest, PeerProfile, Post, Proposal

# Requests still looking for a colleague: a champion may take them.
LOOKING = (RequestStatus.OPEN, RequestStatus.PROPOSED, RequestStatus.UNMATCHED)
TAKE_REASONS = ["Référent numérique de cet applicatif"]
DASHBOARD_ROWS = 20


class TakeError(Exception):
    """A request that a champion may not take (any more); the message is French, for the user."""


def _in_service(rows):
    """Rows of a through table whose tool is not retired."""
    return rows.exclude(tool__status=Status.RETIRED)


def directory(viewer, tool=None, agencies=None):
    """Visible profiles of the official champions (first), then of the volunteers who declared a tool: a queryset.

    `tool` narrows to one tool; `agencies` (a queryset, None for all) to the members of some agencies. Each profile
    carries `is_champion` and `nearness` (0 the viewer's agency, 1 their territory, 2 elsewhere); the order is
    champions first, then nearness, then name. Call `with_tools` on the page shown.
    """
    championed = _in_service(
        Tool.champions.through.objects.filter(user_id=OuterRef("user_id"), user__role=Role.CHAMPION)
    )
    declared = _in_service(PeerProfile.tools.through.objects.filter(peerprofile_id=OuterRef("pk")))
    if tool is not None:
        championed, declared = championed.filter(tool=tool), declared.filter(tool=tool)
    agency = viewer.agency if viewer.agency_id else None
    if agency is None:
        nearness = Value(2)
    else:
        nearness = Case(
            When(user__agency=agency.pk, then=Value(0)),
            When(user__agency__territory=agency.territory_id, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    profiles = (
        PeerProfile.objects.visible()
        .annotate(is_champion=Exists(championed), has_declared=Exists(declared), nearness=nearness)
        .filter(Q(is_champion=True) | Q(has_declared=True))
        .select_related("user__agency")
        .order_by("-is_champion", "nearness", "user__last_name", "user__first_name", "pk")
    )
    if agencies is not None:
        profiles = profiles.filter(user__agency__in=agencies)
    return profiles


def with_tools(profiles):
    """Set `championed`, `declared` (their other tools) and `mode_labels` on each profile, in two queries."""
    profiles = list(profiles)
    championed = {}
    rows = _in_service(
        Tool.champions.through.objects.filter(user_id__in=[p.user_id for p in profiles], user__role=Role.CHAMPION)
    ).select_related("tool")
    for row in rows.order_by("tool__name"):
        championed.setdefault(row.user_id, []).append(row.tool)
    declared = {}
    rows = _in_service(PeerProfile.tools.through.objects.filter(peerprofile_id__in=[p.pk for p in profiles]))
    for row in rows.select_related("tool").order_by("tool__name"):
        declared.setdefault(row.peerprofile_id, []).append(row.tool)
    for profile in profiles:
        profile.championed = championed.get(profile.user_id, [])
        mine = {tool.pk for tool in profile.championed}
        profile.declared = [tool for tool in declared.get(profile.pk, []) if tool.pk not in mine]
        profile.mode_labels = [mode.label for mode in HelpMode if mode in (profile.modes or ())]
    return profiles


@dataclass
class Dashboard:
    tools: list
    waiting: list = field(default_factory=list)
    proposed: list = field(default_factory=list)
    helping: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    to_review: int = 0
    profile: PeerProfile | None = None


def _urgency_first():
    return Case(
        When(urgency=Urgency.HIGH, then=Value(0)),
        When(urgency=Urgency.NORMAL, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def waiting_requests(champion, tools):
    """Requests on these tools still looking for a colleague, in the champion's territory: urgent, then oldest."""
    requests = (
        HelpRequest.objects.filter(status__in=LOOKING, tool__in=tools)
        .exclude(requester=champion)
        .select_related("tool", "task", "agency")
        .annotate(urgency_rank=_urgency_first())
        .order_by("urgency_rank", "created_at", "pk")
    )
    if champion.agency_id:
        requests = requests.filter(agency__territory=champion.agency.territory_id)
    return requests


def dashboard(champion):
    """What waits for a champion on their tools, and what they are handling."""
    tools = list(champion.championed_tools.in_service().order_by("name"))
    board = Dashboard(tools=tools, profile=PeerProfile.objects.filter(user=champion).first())
    board.proposed = list(
        Proposal.objects.filter(candidate=champion, status=ProposalStatus.PENDING)
        .select_related("request__tool", "request__agency")
        .order_by("created_at")
    )
    board.helping = list(
        HelpRequest.objects.filter(helper=champion, status=RequestStatus.ACCEPTED)
        .select_related("tool", "agency", "requester")
        .order_by("accepted_at", "pk")
    )
    if tools:
        pending_mine = {proposal.request_id for proposal in board.proposed}
        board.waiting = [r for r in waiting_requests(champion, tools)[:DASHBOARD_ROWS] if r.pk not in pending_mine]
        board.questions = list(
            Post.objects.visible()
            .filter(kind=PostKind.QUESTION, tool__in=tools, accepted_answer__isnull=True)
            .select_related("tool")
            .order_by("created_at", "pk")[:DASHBOARD_ROWS]
        )
        board.to_review = Post.objects.visible().to_review().filter(tool__in=tools).count()
    return board


def can_take(user, help_request):
    """A champion of the request's tool (or an administrator) may take it."""
    if user.is_admin:
        return True
    return user.role == Role.CHAMPION and help_request.tool.champions.filter(pk=user.pk).exists()


@transaction.atomic
def take(help_request, champion, now=None):
    """« Je m'en occupe »: the champion becomes the request's helper; the requester is told at once.

    A proposal waiting for another colleague is withdrawn. Raises TakeError when the request no longer waits for
    anybody (accepted, resolved, cancelled) or is the champion's own.
    """
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",)).select_related("tool", "requester").get(pk=help_request.pk)
    )
    if help_request.status not in LOOKING:
        raise TakeError(
            f"Cette demande n'attend plus de collègue : elle est « {help_request.get_status_display().lower()} »."
        )
    if help_request.requester_id == champion.pk:
        raise TakeError("C'est votre propre demande : un autre collègue s'en occupera.")
    now = now or timezone.now()
    withdrawn = list(
        help_request.proposals.filter(status=ProposalStatus.PENDING)
        .exclude(candidate=champion)
        .select_related("candidate")
    )
    Proposal.objects.filter(pk__in=[p.pk for p in withdrawn]).update(status=ProposalStatus.WITHDRAWN, responded_at=now)
    proposal = help_request.proposals.filter(candidate=champion).first()
    if proposal is None:
        Proposal.objects.create(
            request=help_request,
            candidate=champion,
            reasons=TAKE_REASONS,
            status=ProposalStatus.ACCEPTED,
            created_at=now,
            responded_at=now,
        )
    else:  # proposed to them before (waiting, declined or expired): they take it after all
        proposal.status, proposal.responded_at = ProposalStatus.ACCEPTED, now
        proposal.save(update_fields=["status", "responded_at"])
    help_request.helper = champion
    help_request.status = RequestStatus.ACCEPTED
    help_request.accepted_at = now
    help_request.save(update_fields=["helper", "status", "accepted_at"])
    name = champion.get_full_name() or str(champion)
    notifications.notify(
        help_request.requester,
        NotificationKind.ACCEPTED,
        f"{name} s'occupe de votre demande sur {help_request.tool.name}",
        body=f"{name}, référent·e numérique de {help_request.tool.name}, a pris votre demande en charge et va "
        "revenir vers vous.",
        url=help_request.get_absolute_url(),
        email=True,
    )
    for proposal in withdrawn:
        notifications.notify(
            proposal.candidate,
            NotificationKind.DECLINED,
            f"La demande d'aide de {help_request.requester.get_full_name()} ne vous est plus proposée",
            f"{name}, référent·e numérique de {help_request.tool.name}, s'en occupe. Rien à faire de votre côté.",
            url=help_request.get_absolute_url(),
        )
    return help_request
