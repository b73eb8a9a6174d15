"""From the database to the matcher's input: the colleagues who chose to help, as `matching.Candidate`s.

Only colleagues with a visible PeerProfile, active, and whose role may use Entraide (rule « peers.request ») are
candidates: a manager or an analyst who once ticked the box is never proposed a request they could not open. What
the matcher reads of each one:
- the level of their latest finished diagnostic on each tool (skills module), the tools they are the champion
  (référent numérique) of in the catalogue, and the tools they declared;
- their availability, modes, weekly cap (and whether they accept more);
- their current load (requests accepted and not resolved, plus proposals waiting for their answer), the proposals
  they got since Monday (fairness), and how many requests they resolved and were thanked for.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from ere.org.enums import Role
from ere.peers.enums import Availability, ProposalStatus, RequestStatus
from ere.peers.matching import Candidate, Need, Pool
from ere.peers.models import PeerProfile, Proposal

HELPER_ROLES = (Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN)


def week_start(now=None):
    """Monday 00:00 (Paris time) of the current week."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))


def _levels(user_ids):
    """{user id: {tool id: level}} from each user's latest finished diagnostic on each tool."""
    from ere.skills.models import AssessmentArea

    levels = defaultdict(dict)
    rows = (
        AssessmentArea.objects.filter(
            assessment__user_id__in=user_ids,
            assessment__status="finished",
            area__tool__isnull=False,
            level__isnull=False,
            items_count__gt=0,
        )
        .order_by("assessment__finished_at", "pk")
        .values_list("assessment__user_id", "area__tool_id", "level")
    )
    for user_id, tool_id, level in rows.iterator():
        levels[user_id][tool_id] = level  # later diagnostics overwrite earlier ones
    return levels


def mastered_tool_ids(user):
    """The tools on which the user's latest finished diagnostic says « Maîtrise » or « Référent »."""
    return {tool for tool, level in _levels([user.pk]).get(user.pk, {}).items() if level >= 3}


def candidates(now=None):
    """The visible helpers as matcher candidates, and their users by id."""
    from ere.catalog.models import Tool

    profiles = list(
        PeerProfile.objects.visible()
        .exclude(availability=Availability.AWAY)
        # The roles of the rule « peers.request » (a superuser counts as an admin).
        .filter(Q(user__role__in=HELPER_ROLES) | Q(user__is_superuser=True))
        .select_related("user__agency")
        .prefetch_related("tools")
    )
    users = {profile.user_id: profile.user for profile in profiles}
    ids = list(users)
    levels = _levels(ids)
    champion_of = defaultdict(set)
    for user_id, tool_id in Tool.champions.through.objects.filter(user_id__in=ids).values_list("user_id", "tool_id"):
        champion_of[user_id].add(tool_id)
    monday = week_start(now)
    from django.contrib.auth import get_user_model

    counts = {
        row["pk"]: row
        for row in get_user_model()
        .objects.filter(pk__in=ids)
        .annotate(
            handling=Count("helped_requests", filter=Q(helped_requests__status=RequestStatus.ACCEPTED), distinct=True),
            helped=Count("helped_requests", filter=Q(helped_requests__status=RequestStatus.RESOLVED), distinct=True),
            thanked=Count("helped_requests", filter=Q(helped_requests__thanked_at__isnull=False), distinct=True),
        )
        .values("pk", "handling", "helped", "thanked")
    }
    pending = dict(
        Proposal.objects.filter(candidate_id__in=ids, status=ProposalStatus.PENDING)
        .values_list("candidate_id")
        .annotate(n=Count("pk"))
    )
    this_week = dict(
        Proposal.objects.filter(candidate_id__in=ids, created_at__gte=monday)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .values_list("candidate_id")
        .annotate(n=Count("pk"))
    )
    result = []
    for profile in profiles:
        user, row = profile.user, counts.get(profile.user_id, {})
        result.append(
            Candidate(
                id=user.pk,
                agency=user.agency_id,
                territory=user.agency.territory_id if user.agency_id else None,
                levels=levels.get(user.pk, {}),
                champion_of=frozenset(champion_of.get(user.pk, ())),
                declared=frozenset(tool.pk for tool in profile.tools.all()),
                availability=profile.availability,
                modes=frozenset(profile.modes or ()),
                open_load=row.get("handling", 0) + pending.get(user.pk, 0),
                week_count=this_week.get(user.pk, 0),
                weekly_cap=profile.weekly_cap,
                beyond_cap=profile.beyond_cap,
                helped=row.get("helped", 0),
                thanked=row.get("thanked", 0),
            )
        )
    return result, users


def build_pool(now=None):
    """The matcher's pool of visible helpers, and their users by id."""
    found, users = candidates(now)
    return Pool(found), users


def need_for(help_request, excluded=None):
    """A help request as the matcher's Need: everybody already proposed for it is excluded.

    `excluded`: the ids of the colleagues already proposed, when the caller read them for many requests at once.
    """
    requester = help_request.requester
    agency = help_request.agency or requester.agency
    if excluded is None:
        excluded = help_request.proposals.values_list("candidate_id", flat=True) if help_request.pk else ()
    return Need(
        id=help_request.pk or 0,
        requester=requester.pk,
        tool=help_request.tool_id,
        agency=agency.pk if agency else None,
        territory=agency.territory_id if agency else None,
        urgency=help_request.urgency,
        mode=help_request.mode,
        excluded=frozenset(excluded),
    )
