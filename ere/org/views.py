import unicodedata

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from ere.catalog.models import Tool
from ere.org.access import ensure, managed_agencies, require
from ere.org.enums import Role, Specialty
from ere.org.models import Agency, User


def lockout(request, response=None, credentials=None):
    """Shown by django-axes after too many failed logins (HTTP 429)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)


def axes_username(request, credentials=None):
    """The account a login attempt counts against, read as the login reads it: « Alice@X.fr » is « alice@x.fr »."""
    data = credentials or getattr(request, "data", request.POST)
    username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return unicodedata.normalize("NFKC", username).strip().lower() if username else username


def profile(request):
    user = request.user
    context = {
        "title": "Mon compte",
        "championed_tools": user.championed_tools.order_by("name"),
        "breadcrumb_data": {"current": "Mon compte"},
    }
    return render(request, "org/profile.html", context)


def _agency_rows(agencies):
    return agencies.select_related("territory").annotate(
        agents=Count("members", filter=Q(members__is_active=True)),
        champions=Count("members", filter=Q(members__is_active=True, members__role=Role.CHAMPION)),
        employer_advisors=Count("members", filter=Q(members__is_active=True, members__specialty=Specialty.EMPLOYERS)),
    )


@require("agency.overview")
def agencies(request):
    rows = _agency_rows(managed_agencies(request.user)).order_by("territory__name", "name")
    context = {"title": "Agences", "agencies": rows, "breadcrumb_data": {"current": "Agences"}}
    return render(request, "org/agencies.html", context)


def agency_overview(agency):
    """The agency at a glance: its team by role and the tools its champions cover."""
    members = User.objects.active().filter(agency=agency)
    by_role = {row["role"]: row["n"] for row in members.values("role").annotate(n=Count("id"))}
    roles = [(label, by_role.get(value, 0)) for value, label in Role.choices if by_role.get(value)]
    by_specialty = {row["specialty"]: row["n"] for row in members.values("specialty").annotate(n=Count("id"))}
    specialties = [(label, by_specialty.get(value, 0)) for value, label in Specialty.choices]
    tools = (
        Tool.objects.in_service()
        .annotate(local_champions=Count("champions", filter=Q(champions__agency=agency), distinct=True))
        .order_by("name")
    )
    covered = [t for t in tools if t.local_champions]
    uncovered = [t for t in tools if not t.local_champions]
    new_tools = Tool.objects.in_service().new().order_by("-launched_on")
    return {
        "agency": agency,
        "headcount": members.count(),
        "roles": roles,
        "specialties": specialties,
        "covered_tools": covered,
        "tool_total": len(covered) + len(uncovered),
        "uncovered_tools": uncovered,
        "new_tools": new_tools,
        "champions": members.filter(role=Role.CHAMPION).prefetch_related("championed_tools"),
    }


def agency(request, code):
    agency = get_object_or_404(Agency.objects.select_related("territory__region"), code=code)
    ensure(request.user, "agency.overview", agency)
    context = agency_overview(agency) | {
        "title": agency.name,
        "breadcrumb_data": {
            "links": [{"url": "/organisation/agences/", "title": "Agences"}],
            "current": agency.name,
        },
    }
    return render(request, "org/agency.html", context)
