"""What the demo holds, read from one load per module (tests/core/test_load_demo.py loads it again and again)."""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.test import RequestFactory, override_settings

from ere.catalog.enums import Status, ToolAudience, UpdateKind
from ere.catalog.models import Category, GlossaryTerm, Offer, Resource, Task, Tool, ToolUpdate
from ere.core.demo import DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN
from ere.org.enums import Role, Specialty
from ere.org.models import Agency, Region, Territory, User
from tests.core.demo_helpers import demo_accounts, load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module's read-only tests, in a transaction rolled back at the end of the module.

    Each test still runs in its own savepoint (the `django_db` mark), so that a test writing something leaves nothing.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(USAGE_LAKE_DIR=tmp_path_factory.mktemp("lake")),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("ere.usage.demo_usage.DAYS", 2)
        with transaction.atomic():
            yield load_demo()
            transaction.set_rollback(True)


def test_it_builds_one_region_three_territories_and_twelve_agencies(demo_output):
    output = demo_output

    assert Region.objects.get().code == "ARA"
    assert Territory.objects.count() == 3
    assert Agency.objects.count() == 12
    assert Agency.objects.filter(name="Agence Lyon Part-Dieu", code="69001").exists()
    assert "Organisation : 1 région, 3 territoires, 12 agences" in output


def test_it_spreads_several_hundred_agents_over_realistic_roles(demo_output):
    assert 350 <= User.objects.count() <= 450
    roles = Counter(User.objects.values_list("role", flat=True))
    assert roles[Role.AGENT] > 300
    assert 2 <= roles[Role.TRAINER] <= 6
    assert roles[Role.ANALYST] == 2
    assert roles[Role.ADMIN] == 1
    for agency in Agency.objects.all():
        members = agency.members.all()
        assert members.filter(role=Role.MANAGER, territory_scope=None).count() == 1, agency
        assert 1 <= members.filter(role=Role.CHAMPION).count() <= 3, agency
    for territory in Territory.objects.all():
        assert User.objects.filter(role=Role.MANAGER, territory_scope=territory).count() == 1
    assert User.objects.filter(role=Role.ANALYST, territory_scope=None, agency=None).count() == 1


def test_frontline_staff_have_a_specialty_two_in_five_with_employers(demo_output):
    frontline = User.objects.filter(role__in=[Role.AGENT, Role.CHAMPION])
    assert not frontline.filter(specialty="").exists()
    assert not frontline.filter(agency=None).exists()
    share = frontline.filter(specialty=Specialty.EMPLOYERS).count() / frontline.count()
    assert 0.35 <= share <= 0.45


def test_generated_agents_have_unique_ascii_addresses(demo_output):
    generated = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    assert generated.count() > 350
    pattern = re.compile(rf"^[a-z0-9-]+\.[a-z0-9-]+@{re.escape(DEMO_EMAIL_DOMAIN)}$")
    assert all(pattern.match(email) for email in generated.values_list("email", flat=True))
    names = list(generated.values_list("first_name", "last_name"))
    assert len(set(names)) == len(names)


def test_every_demo_account_exists_with_its_role_and_opens_with_the_demo_password(demo_output):
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account["email"])
        assert user.role == account["role"]
        assert user.specialty == account["specialty"]
        authenticated = authenticate(
            request=RequestFactory().post("/"), username=account["email"], password=settings.ERE_DEMO_PASSWORD
        )
        assert authenticated == user, account["email"]


def test_the_demo_accounts_have_the_documented_scopes(demo_output):
    accounts = User.objects.select_related("agency", "territory_scope").in_bulk(
        [account["email"] for account in DEMO_ACCOUNTS], field_name="email"
    )
    part_dieu = Agency.objects.get(code="69001")
    assert accounts["agent@ere.demo"].agency == part_dieu
    assert accounts["agent@ere.demo"].specialty == Specialty.EMPLOYERS
    assert accounts["conseiller@ere.demo"].specialty == Specialty.JOB_SEEKERS
    assert accounts["manager@ere.demo"].agency == part_dieu
    assert accounts["manager@ere.demo"].territory_scope is None
    assert accounts["manager.dt@ere.demo"].territory_scope == part_dieu.territory
    assert accounts["analyste@ere.demo"].territory_scope is None
    assert accounts["admin@ere.demo"].is_superuser
    assert accounts["admin@ere.demo"].is_staff
    assert not User.objects.exclude(email="admin@ere.demo").filter(is_staff=True).exists()


def test_it_builds_a_catalogue_of_about_forty_tools_and_thirty_offers(demo_output):
    assert 35 <= Tool.objects.count() <= 50
    assert 25 <= Offer.objects.count() <= 35
    assert 10 <= Task.objects.count() <= 14
    assert 6 <= Category.objects.count() <= 10
    statuses = Counter(Tool.objects.values_list("status", flat=True))
    assert 4 <= statuses[Status.PILOT] <= 8
    assert 2 <= statuses[Status.RETIRED] <= 4
    audiences = Counter(Tool.objects.values_list("audience", flat=True))
    assert audiences[ToolAudience.ALL] > audiences[ToolAudience.EMPLOYERS] > audiences[ToolAudience.MANAGERS]
    assert audiences[ToolAudience.JOB_SEEKERS] >= 5
    for item in [*Tool.objects.all(), *Offer.objects.all()]:
        assert 1 <= item.categories.count() <= 3, item
        assert 1 <= item.tasks.count() <= 4, item
        assert item.summary and item.description and item.url and item.launched_on, item
    assert not Tool.objects.filter(how_to_start="").exists()


def test_a_few_tools_are_new_and_announced(demo_output):
    new_tools = Tool.objects.new()
    assert 4 <= new_tools.count() <= 7
    for tool in new_tools:
        assert tool.updates.filter(kind=UpdateKind.LAUNCH, published_on=tool.launched_on).exists(), tool
    recent = ToolUpdate.objects.recent()
    assert recent.filter(kind=UpdateKind.CHANGE).count() >= 3
    assert recent.filter(kind=UpdateKind.RETIREMENT, tool__status=Status.RETIRED).exists()
    assert Offer.objects.new().exists()


def test_tools_in_service_have_a_rollout_kit_and_related_tools_both_ways(demo_output):
    for tool in Tool.objects.in_service():
        assert 2 <= tool.resources.count() <= 5, tool
        for other in tool.related_tools.all():
            assert tool in other.related_tools.all()
    faq = Resource.objects.filter(kind="faq")
    assert faq.exists()
    assert not faq.filter(body="").exists()
    assert Resource.objects.filter(offer__isnull=False).exists()


def test_every_champion_looks_after_a_few_tools(demo_output):
    for champion in User.objects.filter(role=Role.CHAMPION):
        assert 2 <= champion.championed_tools.count() <= 5, champion
        assert not champion.championed_tools.filter(status=Status.RETIRED).exists()
    referent = User.objects.get(email="referent@ere.demo")
    assert referent.championed_tools.count() >= 3
    assert referent.championed_tools.new().exists()


def test_my_tools_and_news_are_meaningful_for_each_profile(demo_output):
    for email in ["agent@ere.demo", "conseiller@ere.demo", "manager@ere.demo"]:
        user = User.objects.get(email=email)
        tools = Tool.objects.for_user(user).in_service()
        assert tools.count() >= 15, email
        assert Task.objects.filter(tools__in=tools).distinct().count() >= 5, email
        assert ToolUpdate.objects.for_user(user).exists(), email
    employer_advisor = User.objects.get(email="agent@ere.demo")
    assert Tool.objects.for_user(employer_advisor).filter(audience=ToolAudience.EMPLOYERS).count() >= 5
    assert not Tool.objects.for_user(employer_advisor).filter(audience=ToolAudience.JOB_SEEKERS).exists()
    manager = User.objects.get(email="manager@ere.demo")
    assert Tool.objects.for_user(manager).filter(audience=ToolAudience.MANAGERS).count() >= 3


def test_the_glossary_explains_real_acronyms_and_points_to_the_catalogue(demo_output):
    assert GlossaryTerm.objects.count() >= 35
    dpae = GlossaryTerm.objects.get(acronym="DPAE")
    assert dpae.meaning == "Déclaration préalable à l'embauche"
    assert dpae.offer.slug == "dpae-en-ligne"
    assert GlossaryTerm.objects.get(acronym="ROME").tool is not None
    assert not GlossaryTerm.objects.filter(explanation="").exists()


def test_each_demo_tool_has_a_single_creation_record_in_its_history(demo_output):
    tool = Tool.objects.get(slug="dialogue-entreprises")
    (record,) = tool.history.all()
    assert record.history_type == "+"
    assert record.history_change_reason == "Données de démonstration"
    assert {row.task.slug for row in record.tasks.all()} == {"publier-offre", "echanger-entreprise"}
    assert Tool.history.count() == Tool.objects.count()
    assert Offer.history.count() == Offer.objects.count()


def test_demo_accounts_prints_every_account_with_its_scope_and_password(demo_output):
    output = demo_accounts()

    for account in DEMO_ACCOUNTS:
        line = next(line for line in output.splitlines() if line.startswith(account["email"] + " "))
        assert account["label"] in line
        assert settings.ERE_DEMO_PASSWORD in line
    assert "Agence Lyon Part-Dieu" in output
    assert "Direction territoriale du Rhône" in output
