import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from ere.catalog.enums import ToolAudience
from ere.catalog.models import DismissedUpdate, Favorite, Resource, Tool, ToolUpdate
from tests.catalog.factories import OfferFactory, ToolFactory, ToolUpdateFactory
from tests.org.factories import UserFactory

AUDIENCES = [ToolAudience.ALL, ToolAudience.EMPLOYERS, ToolAudience.JOB_SEEKERS, ToolAudience.MANAGERS]


@pytest.mark.parametrize(
    "user_kwargs,expected",
    [
        ({"specialty": "employers"}, {"all", "employers"}),
        ({"specialty": "job_seekers"}, {"all", "job_seekers"}),
        ({"specialty": ""}, {"all"}),
        ({"champion": True, "specialty": "job_seekers"}, {"all", "job_seekers"}),
        ({"manager": True}, {"all", "managers"}),
        ({"manager": True, "specialty": "employers"}, {"all", "employers", "managers"}),
        ({"trainer": True}, {"all", "employers", "job_seekers"}),
        ({"analyst": True}, {"all", "employers", "job_seekers", "managers"}),
        ({"admin": True}, {"all", "employers", "job_seekers", "managers"}),
    ],
    ids=[
        "employers-advisor",
        "job-seekers-advisor",
        "advisor-without-specialty",
        "champion",
        "manager",
        "manager-with-specialty",
        "trainer",
        "analyst",
        "admin",
    ],
)
def test_tools_for_a_user_follow_their_role_and_specialty(db, user_kwargs, expected):
    for audience in AUDIENCES:
        ToolFactory(audience=audience, slug=f"outil-{audience}")
    user = UserFactory(**user_kwargs)
    assert {tool.audience for tool in Tool.objects.for_user(user)} == expected


def test_in_service_leaves_out_retired_items(db):
    ToolFactory(name="Agenda partagé")
    ToolFactory(name="Ancien agenda", retired=True)
    ToolFactory(name="Assistant", pilot=True)
    assert sorted(t.name for t in Tool.objects.in_service()) == ["Agenda partagé", "Assistant"]


@pytest.mark.parametrize(
    "days_ago,is_new",
    [(0, True), (3, True), (60, True), (61, False), (400, False), (-1, False), (None, False)],
)
def test_an_item_is_new_for_sixty_days_after_its_launch(db, days_ago, is_new):
    launched_on = None if days_ago is None else timezone.localdate() - datetime.timedelta(days=days_ago)
    tool = ToolFactory(launched_on=launched_on)
    assert tool.is_new is is_new
    assert Tool.objects.new().filter(pk=tool.pk).exists() is is_new


@pytest.mark.parametrize("days_ago,recent", [(0, True), (60, True), (61, False), (-1, False)])
def test_recent_updates_are_published_within_sixty_days(db, days_ago, recent):
    update = ToolUpdateFactory(published_on=timezone.localdate() - datetime.timedelta(days=days_ago))
    assert ToolUpdate.objects.recent().filter(pk=update.pk).exists() is recent


def test_updates_for_a_user_leave_out_other_audiences_and_dismissals(agent, agency):
    mine = ToolUpdateFactory(tool=ToolFactory(audience=ToolAudience.EMPLOYERS))
    dismissed = ToolUpdateFactory(tool=ToolFactory(audience=ToolAudience.ALL))
    ToolUpdateFactory(tool=ToolFactory(audience=ToolAudience.JOB_SEEKERS))
    DismissedUpdate.objects.create(user=agent, update=dismissed)
    assert list(ToolUpdate.objects.for_user(agent)) == [mine]
    assert set(ToolUpdate.objects.for_user(UserFactory(agency=agency))) == {mine, dismissed}


def test_updates_are_newest_first(db):
    today = timezone.localdate()
    old = ToolUpdateFactory(published_on=today - datetime.timedelta(days=5))
    new = ToolUpdateFactory(published_on=today)
    assert list(ToolUpdate.objects.all()) == [new, old]


def test_a_resource_belongs_to_a_tool_or_an_offer_not_both(db):
    with pytest.raises(IntegrityError):
        Resource.objects.create(tool=ToolFactory(), offer=OfferFactory(), title="Guide", url="https://example.fr")


def test_a_resource_belongs_to_something(db):
    with pytest.raises(IntegrityError):
        Resource.objects.create(tool=None, offer=None, title="Guide", url="https://example.fr")


def test_a_resource_has_an_address_or_a_content(db):
    with pytest.raises(IntegrityError):
        Resource.objects.create(tool=ToolFactory(), title="Vide", url="", body="")


def test_a_favourite_is_unique(agent):
    tool = ToolFactory()
    Favorite.objects.create(user=agent, tool=tool)
    with pytest.raises(IntegrityError):
        Favorite.objects.create(user=agent, tool=tool)


def test_a_dismissal_is_unique(agent):
    update = ToolUpdateFactory()
    DismissedUpdate.objects.create(user=agent, update=update)
    with pytest.raises(IntegrityError):
        DismissedUpdate.objects.create(user=agent, update=update)


@pytest.mark.parametrize(
    "name,acronym,expected",
    [
        ("Déclaration préalable à l'embauche", "DPAE", "Déclaration préalable à l'embauche (DPAE)"),
        ("MRS", "MRS", "MRS"),
    ],
)
def test_an_item_reads_with_its_acronym(db, name, acronym, expected):
    assert str(ToolFactory.build(name=name, acronym=acronym)) == expected


def test_items_know_their_page(db):
    assert ToolFactory(slug="agenda").get_absolute_url() == "/catalogue/applicatifs/agenda/"
    assert OfferFactory(slug="simulateur").get_absolute_url() == "/catalogue/offres/simulateur/"
