"""The one place that answers « may this user see or do this? ».

Every view and API endpoint asks `can(user, action, obj)` (or uses the `@require` decorator). Rules are plain
functions of the user and, for object rules, of the object, so that they are easy to read and to test.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from ere.org.enums import Role

FRONTLINE = {Role.AGENT, Role.CHAMPION}
STAFF = {Role.MANAGER, Role.ADMIN}


def _role(user):
    if not user.is_authenticated:
        return None
    return Role.ADMIN if user.is_superuser else user.role


def _is(*roles):
    return lambda user, obj=None: _role(user) in roles


def _authenticated(user, obj=None):
    return user.is_authenticated


def managed_agencies(user):
    """The agencies whose aggregates this user may look at (managers, analysts, admins)."""
    from ere.org.models import Agency

    role = _role(user)
    if role == Role.ADMIN:
        return Agency.objects.all()
    if role == Role.ANALYST:
        if user.territory_scope_id:
            return Agency.objects.filter(territory_id=user.territory_scope_id)
        return Agency.objects.all()
    if role == Role.MANAGER:
        if user.territory_scope_id:
            return Agency.objects.filter(territory_id=user.territory_scope_id)
        return Agency.objects.filter(pk=user.agency_id)
    return Agency.objects.none()


def _oversees_agency(user, agency):
    return agency is not None and managed_agencies(user).filter(pk=agency.pk).exists()


RULES = {
    # Catalogue: everybody logged in reads it; managers and admins write it.
    "catalog.view": _authenticated,
    "catalog.edit": _is(Role.MANAGER, Role.ADMIN),
    "catalog.history": _is(Role.MANAGER, Role.ADMIN, Role.TRAINER),
    # « Mes outils »: every logged-in employee has their own page.
    "mytools.use": _authenticated,
    # Agency at a glance: aggregates of an agency, for those who oversee it.
    "agency.overview": lambda user, agency=None: (
        _role(user) in {Role.MANAGER, Role.ANALYST, Role.ADMIN} and (agency is None or _oversees_agency(user, agency))
    ),
    # Reference data in the Django admin.
    "admin.access": _is(Role.ADMIN),
    # Surveys (enquêtes): managers, analysts and admins run campaigns. They see a campaign that targets one of the
    # agencies they oversee (its results restricted to those agencies), and may change it only when it targets none
    # outside their scope.
    # Usage map: aggregates of their scope for those who oversee agencies; one's own figures for everybody.
    "usage.map": _is(Role.MANAGER, Role.ANALYST, Role.ADMIN),
    "usage.mine": _authenticated,
    "usage.import": _is(Role.ANALYST, Role.ADMIN),
    "survey.manage": _is(Role.MANAGER, Role.ANALYST, Role.ADMIN),
    "survey.view": lambda user, campaign=None: (
        _role(user) in {Role.MANAGER, Role.ANALYST, Role.ADMIN}
        and (campaign is None or campaign.agencies.filter(pk__in=managed_agencies(user)).exists())
    ),
    "survey.edit": lambda user, campaign=None: (
        _role(user) in {Role.MANAGER, Role.ANALYST, Role.ADMIN}
        and (campaign is None or not campaign.agencies.exclude(pk__in=managed_agencies(user)).exists())
    ),
    # An agent answers a campaign that targets their agency and role, while it is open.
    "survey.answer": lambda user, campaign=None: (
        user.is_authenticated and (campaign is None or (campaign.is_open and campaign.targets(user)))
    ),
    # Skills: every employee takes diagnostics and sees their own profile and path; results are theirs alone.
    "skills.assess": _authenticated,
    "skills.result": lambda user, assessment=None: (
        user.is_authenticated and (assessment is None or assessment.user_id == user.pk)
    ),
    # The framework (skills, role profiles) and the item bank: trainers and champions write them.
    "skills.edit": _is(Role.TRAINER, Role.CHAMPION, Role.ADMIN),
    # The team's shared profiles, aggregated (never a person): those who oversee agencies.
    "skills.team": _is(Role.MANAGER, Role.ANALYST, Role.ADMIN),
    # Practice: every employee plays sandboxes and runs their practice quarter.
    "practice.use": _authenticated,
    # The team's weekly slot: chosen by the agency's manager or its champions.
    "practice.slot": lambda user, agency=None: (
        _role(user) == Role.ADMIN
        or (
            _role(user) in {Role.MANAGER, Role.CHAMPION}
            and user.agency_id is not None
            and (agency is None or agency.pk == user.agency_id)
        )
    ),
    # Participation rates (never scores): those who oversee agencies.
    "practice.participation": _is(Role.MANAGER, Role.ANALYST, Role.ADMIN),
    # Role-plays: every frontline employee and trainer reads the scenario library, runs sessions (a trainer or a peer
    # facilitates) and joins them; managers and analysts do not see individual results.
    "roleplay.use": _is(Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN),
    # Writing scenarios (and importing Twee): trainers and champions.
    "roleplay.edit": _is(Role.TRAINER, Role.CHAMPION, Role.ADMIN),
    # A session's facilitator runs it (start, timer, scene, keep lines, end).
    "roleplay.facilitate": lambda user, session=None: (
        _role(user) in {Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN}
        and (session is None or session.facilitator_id == user.pk)
    ),
    # A transcript is its owner's; the facilitator and participants of its session read and comment on it.
    "roleplay.transcript": lambda user, transcript=None: (
        _role(user) in {Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN}
        and (
            transcript is None
            or transcript.owner_id == user.pk
            or (
                transcript.session is not None
                and (
                    transcript.session.facilitator_id == user.pk
                    or transcript.session.participants.filter(user=user).exists()
                )
            )
        )
    ),
    # Entraide: frontline employees and trainers ask for help, help, write tips and questions. Managers and
    # analysts see aggregate activity only (groups of at least USAGE_MIN_GROUP people).
    "peers.use": _is(Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN),
    # A help request is seen by its requester, the colleagues it was proposed to and its helper.
    "peers.request": lambda user, help_request=None: (
        _role(user) in {Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN}
        and (
            help_request is None
            or user.pk in {help_request.requester_id, help_request.helper_id}
            or help_request.proposals.filter(candidate=user).exists()
        )
    ),
    # Champions moderate tips and questions (hide, edit, merge duplicates), review outdated posts, and have a
    # dashboard of the requests and questions on their tools.
    "peers.moderate": _is(Role.CHAMPION, Role.ADMIN),
    "peers.champion": _is(Role.CHAMPION, Role.ADMIN),
    "peers.activity": lambda user, agency=None: (
        _role(user) in {Role.MANAGER, Role.ANALYST, Role.ADMIN} and (agency is None or _oversees_agency(user, agency))
    ),
}


def can(user, action, obj=None):
    """True when `user` may perform `action` (a key of RULES), on `obj` for object rules."""
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}") from None
    return bool(rule(user, obj))


def ensure(user, action, obj=None):
    """Raise PermissionDenied (a 403 page) unless `user` may perform `action`."""
    if not can(user, action, obj):
        raise PermissionDenied


def require(action):
    """View decorator: the request's user must be allowed `action` (non-object rules)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            ensure(request.user, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
