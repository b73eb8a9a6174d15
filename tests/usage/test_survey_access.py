"""The survey rules of ere.org.access on a campaign: who sees it, who changes it, who answers it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ere.org.access import can
from tests.usage.survey_factories import CampaignFactory

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
OVERSEERS_OF_A = {"manager", "territory_manager", "analyst", "admin_user"}

# (action, campaign) → the roles allowed; every other role is refused.
ALLOWED = {
    ("survey.view", "campaign_a"): OVERSEERS_OF_A,
    ("survey.edit", "campaign_a"): OVERSEERS_OF_A,
    ("survey.view", "campaign_ab"): OVERSEERS_OF_A | {"other_manager"},
    ("survey.edit", "campaign_ab"): {"analyst", "admin_user"},
    ("survey.answer", "campaign_a"): {"agent", "champion"},
    ("survey.answer", "closed_campaign_a"): set(),
    ("survey.answer", "campaign_b"): set(),
}


@pytest.fixture
def campaign_a(agency):
    return CampaignFactory(agencies=[agency])


@pytest.fixture
def campaign_ab(agency, other_agency):
    return CampaignFactory(agencies=[agency, other_agency])


@pytest.fixture
def campaign_b(other_agency):
    return CampaignFactory(agencies=[other_agency])


@pytest.fixture
def closed_campaign_a(agency):
    return CampaignFactory(closed=True, agencies=[agency])


@pytest.mark.parametrize(
    "action,target,role,expected",
    [
        pytest.param(action, target, role, role in allowed, id=f"{action}-{target}-{role}")
        for (action, target), allowed in ALLOWED.items()
        for role in ROLES
    ],
)
def test_it_applies_each_survey_rule_to_each_role(request, action, target, role, expected):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    assert can(user, action, request.getfixturevalue(target)) is expected
