"""Champions and activity in Entraide: the directory of who to ask, a champion's dashboard and « Je m'en occupe »,
and the aggregate activity for those who oversee agencies (rules peers.use, peers.champion, peers.activity)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ere.catalog.models import Tool
from ere.core.forms import BaseForm
from ere.org.access import ensure, managed_agencies, require
from ere.org.models import Agency
from ere.peers import activity as peer_activity
from ere.peers import champions
from ere.peers.crumbs import crumb
from ere.peers.models import HelpRequest

PER_PAGE = 24
MINE, TERRITORY, EVERYWHERE = "", "dt", "toutes"


class ScopeField(forms.ChoiceField):
    """Where to look: the choices shown, and the three scopes a link may carry even when they are not shown
    (« dt » for someone without an agency means everywhere)."""

    def valid_value(self, value):
        return value in (MINE, TERRITORY, EVERYWHERE) or super().valid_value(value)


class DirectoryForm(BaseForm):
    """The directory's filters; a bad value is reported, never a 500."""

    outil = forms.ModelChoiceField(
        label="Applicatif",
        queryset=Tool.objects.in_service().order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label="Tous les applicatifs",
    )
    agence = ScopeField(label="Où", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = []
        if user.agency_id:
            choices += [
                (MINE, f"Mon agence ({user.agency.name})"),
                (TERRITORY, "Toute ma direction territoriale"),
            ]
            nearby = Agency.objects.filter(territory=user.agency.territory_id).exclude(pk=user.agency_id)
            choices += [(agency.code, agency.name) for agency in nearby.order_by("name")]
        choices.append((EVERYWHERE if user.agency_id else MINE, "Toutes les agences"))
        self.fields["agence"].choices = choices

    def agencies(self):
        """The agencies to list (None: all of them)."""
        user, choice = self.user, self.cleaned_data.get("agence", MINE)
        if not user.agency_id or choice == EVERYWHERE:
            return None
        if choice == MINE:
            return Agency.objects.filter(pk=user.agency_id)
        if choice == TERRITORY:
            return Agency.objects.filter(territory=user.agency.territory_id)
        return Agency.objects.filter(code=choice)


@require("peers.use")
def directory(request):
    user = request.user
    form = DirectoryForm(request.GET or None, user=user)
    valid = not form.is_bound or form.is_valid()
    page, tool = None, None
    if valid:
        tool = form.cleaned_data.get("outil") if form.is_bound else None
        agencies = form.agencies() if form.is_bound else _default_agencies(user)
        page = Paginator(champions.directory(user, tool, agencies), PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = champions.with_tools(page.object_list)
    shown = page.object_list if page else []
    context = {
        "title": "Qui peut m'aider ?",
        "form": form,
        "tool": tool,
        "page_obj": page,
        "champions": [profile for profile in shown if profile.is_champion],
        "volunteers": [profile for profile in shown if not profile.is_champion],
        "filtered": form.is_bound,
        "breadcrumb_data": crumb("Qui peut m'aider ?"),
    }
    return render(request, "peers/champions.html", context, status=200 if valid else 400)


def _default_agencies(user):
    """Without any filter: the user's agency, or every agency for those who have none (trainers…)."""
    return Agency.objects.filter(pk=user.agency_id) if user.agency_id else None


@require("peers.champion")
def dashboard(request):
    board = champions.dashboard(request.user)
    context = {
        "title": "Mon tableau de bord de référent",
        "board": board,
        "breadcrumb_data": crumb("Mon tableau de bord de référent"),
    }
    return render(request, "peers/champion_dashboard.html", context)


@require_POST
@require("peers.champion")
def take(request, pk):
    help_request = get_object_or_404(HelpRequest.objects.select_related("tool"), pk=pk)
    if not champions.can_take(request.user, help_request):
        raise PermissionDenied
    try:
        champions.take(help_request, request.user)
    except champions.TakeError as error:
        messages.error(request, str(error))
        return redirect("peers:champion_dashboard")
    messages.success(request, f"Vous vous occupez de cette demande : {help_request.requester} en est informé·e.")
    return redirect(help_request.get_absolute_url())


@require("peers.activity")
def activity(request):
    agencies = managed_agencies(request.user).select_related("territory").order_by("territory__name", "name")
    selected = None
    code = request.GET.get("agence", "").strip()
    if code:
        selected = get_object_or_404(Agency, code=code)
        ensure(request.user, "peers.activity", selected)
    scope = Agency.objects.filter(pk=selected.pk) if selected else agencies
    figures = peer_activity.activity(scope, timezone.localdate(), settings.USAGE_MIN_GROUP)
    context = {
        "title": "Activité de l'entraide",
        "agencies": agencies,
        "selected": selected,
        "figures": figures,
        "figure": peer_activity.chart(figures) if figures.any_shown else None,
        "min_group": settings.USAGE_MIN_GROUP,
        # No link to Entraide's home: those who see the activity do not use Entraide themselves.
        "breadcrumb_data": {"current": "Activité de l'entraide"},
    }
    return render(request, "peers/activity.html", context)
