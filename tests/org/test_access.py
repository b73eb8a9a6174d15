"""The access rules of ere.org.access, role by role: one table, read as « this role may / may not do this »."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from ere.org.access import RULES, can, ensure, managed_agencies, require
from ere.org.models import Agency
from tests.org.factories import AgencyFactory, TerritoryFactory, UserFactory

ROLES = [
    "anonymous",
    "agent",
    "champion",
    "trainer",
    "manager",
    "other_manager",
    "territory_manager",
    "analyst",
    "admin_user",
]

# (action, object) → the roles allowed; every other role of ROLES is refused.
ALLOWED = {
    ("catalog.view", None): set(ROLES) - {"anonymous"},
    ("catalog.edit", None): {"manager", "other_manager", "territory_manager", "admin_user"},
    ("catalog.history", None): {"trainer", "manager", "other_manager", "territory_manager", "admin_user"},
    ("mytools.use", None): set(ROLES) - {"anonymous"},
    ("agency.overview", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    ("agency.overview", "agency"): {"manager", "territory_manager", "analyst", "admin_user"},
    ("agency.overview", "other_agency"): {"other_manager", "analyst", "admin_user"},
    ("admin.access", None): {"admin_user"},
    # Surveys: the object rules on a campaign are tested in tests/usage/test_survey_access.py.
    ("survey.manage", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    ("survey.view", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    ("survey.edit", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    ("survey.answer", None): set(ROLES) - {"anonymous"},
    # Usage map: aggregates for those who oversee agencies (their scope is applied by the map's filters).
    ("usage.map", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    ("usage.mine", None): set(ROLES) - {"anonymous"},
    ("usage.import", None): {"analyst", "admin_user"},
    # Skills: everybody assesses themselves and sees their own results (the object rule on an assessment is tested
    # in tests/skills/test_assessment_views.py); trainers and champions write the framework; managers see the team.
    ("skills.assess", None): set(ROLES) - {"anonymous"},
    ("skills.result", None): set(ROLES) - {"anonymous"},
    ("skills.edit", None): {"champion", "trainer", "admin_user"},
    ("skills.team", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    # Practice: everybody practises; the agency's manager or champions choose its slot; managers see participation.
    ("practice.use", None): set(ROLES) - {"anonymous"},
    ("practice.slot", None): {"champion", "manager", "other_manager", "territory_manager", "admin_user"},
    ("practice.slot", "agency"): {"champion", "manager", "territory_manager", "admin_user"},
    ("practice.slot", "other_agency"): {"other_manager", "admin_user"},
    ("practice.participation", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    # Role-plays: frontline roles and trainers play and facilitate; managers and analysts never see individuals. The
    # object rules on a session and a transcript are tested in tests/roleplay/.
    ("roleplay.use", None): {"agent", "champion", "trainer", "admin_user"},
    ("roleplay.edit", None): {"champion", "trainer", "admin_user"},
    ("roleplay.facilitate", None): {"agent", "champion", "trainer", "admin_user"},
    ("roleplay.transcript", None): {"agent", "champion", "trainer", "admin_user"},
    # Entraide: frontline roles and trainers ask and help; champions moderate; managers see aggregates only. The
    # object rule on a request is tested in tests/peers/.
    ("peers.use", None): {"agent", "champion", "trainer", "admin_user"},
    ("peers.request", None): {"agent", "champion", "trainer", "admin_user"},
    ("peers.moderate", None): {"champion", "admin_user"},
    ("peers.champion", None): {"champion", "admin_user"},
    ("peers.activity", None): {"manager", "other_manager", "territory_manager", "analyst", "admin_user"},
    ("peers.activity", "agency"): {"manager", "territory_manager", "analyst", "admin_user"},
    ("peers.activity", "other_agency"): {"other_manager", "analyst", "admin_user"},
}

CASES = [
    pytest.param(action, obj, role, role in allowed, id=f"{action}-{obj or 'global'}-{role}")
    for (action, obj), allowed in ALLOWED.items()
    for role in ROLES
]


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("action,obj,role,expected", CASES)
def test_it_applies_each_rule_to_each_role(request, action, obj, role, expected):
    user = _user(request, role)
    target = request.getfixturevalue(obj) if obj else None
    assert can(user, action, target) is expected


def test_the_table_covers_every_rule():
    assert {action for action, _obj in ALLOWED} == set(RULES)


def test_it_rejects_an_unknown_action(agent):
    with pytest.raises(ValueError, match="catalog.delete"):
        can(agent, "catalog.delete")


def test_it_treats_a_superuser_as_an_admin_whatever_their_role(agency):
    user = UserFactory(agency=agency, is_superuser=True)
    assert can(user, "catalog.edit")
    assert can(user, "admin.access")
    assert set(managed_agencies(user)) == set(Agency.objects.all())


def test_a_manager_oversees_only_their_agency(manager, agency, other_agency):
    assert list(managed_agencies(manager)) == [agency]


def test_a_territory_manager_oversees_every_agency_of_their_territory(territory_manager, agency, other_agency):
    neighbour = AgencyFactory(name="Agence Villeurbanne", territory=agency.territory)
    assert set(managed_agencies(territory_manager)) == {agency, neighbour}


def test_an_analyst_with_a_territory_oversees_only_that_territory(agency, other_agency):
    analyst = UserFactory(analyst=True, territory_scope=other_agency.territory)
    assert list(managed_agencies(analyst)) == [other_agency]
    assert not can(analyst, "agency.overview", agency)


def test_an_analyst_without_a_territory_oversees_every_agency(analyst, agency, other_agency):
    assert set(managed_agencies(analyst)) == {agency, other_agency}


@pytest.mark.parametrize("role", ["agent", "champion", "trainer"])
def test_frontline_roles_oversee_no_agency(request, role, agency):
    assert not managed_agencies(request.getfixturevalue(role)).exists()


def test_a_manager_of_a_new_territory_does_not_see_other_territories(agency):
    territory = TerritoryFactory()
    manager = UserFactory(manager=True, agency=None, territory_scope=territory)
    assert not managed_agencies(manager).exists()
    assert not can(manager, "agency.overview", agency)


def test_ensure_raises_permission_denied(agent):
    with pytest.raises(PermissionDenied):
        ensure(agent, "catalog.edit")
    ensure(agent, "catalog.view")


def test_require_guards_a_view(agent, manager):
    @require("catalog.edit")
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = manager
    assert view(request).content == b"ok"
    request.user = agent
    with pytest.raises(PermissionDenied):
        view(request)
