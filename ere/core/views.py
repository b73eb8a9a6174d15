from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.shortcuts import render

from ere.catalog.models import Favorite, Tool, ToolUpdate
from ere.org.access import can, managed_agencies
from ere.org.enums import Role
from ere.org.models import User
from ere.org.views import agency_overview
from ere.peers.enums import ProposalStatus
from ere.peers.models import Proposal
from ere.usage.survey_services import open_surveys


def practice_summary(user):
    """This week's practice quarter, the streak, and the first area to work on: the home page's « Je progresse »."""
    from ere.practice.models import PracticeQuarter, week_start
    from ere.practice.quarters import streak
    from ere.skills.profile import gaps

    first = gaps(user, with_usage=False)[:1]
    return {
        "quarter": PracticeQuarter.objects.filter(user=user, week=week_start()).first(),
        "streak": streak(user),
        "first_gap": first[0] if first else None,
        "assessed": user.assessments.finished().exists(),
    }


def home(request):
    """A home page per role, useful on day one."""
    user = request.user
    context = {"title": "Accueil"}
    tools = Tool.objects.in_service().for_user(user)
    context["favorites"] = [
        fav.tool for fav in Favorite.objects.filter(user=user, tool__in=tools).select_related("tool")
    ]
    context["updates"] = ToolUpdate.objects.for_user(user)[:5]
    context["tool_count"] = tools.count()
    if user.agency_id:
        context["agency_champions"] = (
            User.objects.active()
            .champions()
            .filter(agency_id=user.agency_id)
            .exclude(pk=user.pk)
            .prefetch_related(Prefetch("championed_tools", queryset=Tool.objects.in_service().order_by("name")))
        )
    # « Mes enquêtes »: a call to action while a survey awaits this agent, a quieter link once it is sent.
    surveys = open_surveys(user)
    context["pending_surveys"] = [c for c, response in surveys if response is None or not response.is_submitted]
    context["sent_surveys"] = [c for c, response in surveys if response is not None and response.is_submitted]
    context["practice"] = practice_summary(user)
    if can(user, "peers.use"):
        context["peer_proposals"] = Proposal.objects.filter(candidate=user, status=ProposalStatus.PENDING).count()
    if user.role == Role.CHAMPION:
        context["championed_tools"] = user.championed_tools.order_by("name")
    if can(user, "agency.overview"):
        agencies = managed_agencies(user)
        if user.role == Role.MANAGER and user.agency_id and not user.territory_scope_id:
            context["overview"] = agency_overview(user.agency)
        else:
            context["managed_agencies"] = agencies.select_related("territory").order_by("territory__name", "name")
    return render(request, "core/home.html", context)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", {"title": "Accès refusé"}, status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", {"title": "Page introuvable"}, status=404)


@login_not_required
def server_error(request):
    # No context processors here: the database may be the cause of the error.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())
