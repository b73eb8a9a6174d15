import io
import random

import pytest
from django.conf import settings
from django.utils import timezone

from ere.org.models import Agency
from ere.practice import demo_quarters, quarters
from ere.practice.models import PracticeAnswer, PracticeQuarter, ReviewCard, TeamSlot
from ere.practice.participation import participation
from tests.org.factories import AgencyFactory, UserFactory
from tests.practice.quarter_data import daily_gap, item_bank


@pytest.fixture
def demo_agencies(db):
    agencies = {code: AgencyFactory(code=code, name=f"Agence {code}") for code in ("69001", "69002", "38001", "42001")}
    for agency in agencies.values():
        UserFactory(agency=agency, manager=True, email=f"manager.{agency.code}@example.fr")
        for n in range(20):
            UserFactory(agency=agency, email=f"agent{n}.{agency.code}@example.fr")
    UserFactory(agency=agencies["69001"], email="agent@ere.demo")
    return agencies


def load(seed=1):
    out = io.StringIO()
    demo_quarters.load(random.Random(seed), out)
    return out.getvalue()


def test_it_gives_the_demo_agencies_their_slot(demo_agencies):
    output = load()

    slot = TeamSlot.objects.get(agency__code="69001")
    assert (slot.get_weekday_display(), f"{slot.start:%H:%M}") == ("mardi", "08:45")
    assert slot.chosen_by.email == "manager.69001@example.fr"
    assert TeamSlot.objects.count() == 4  # the slots of the demo agencies that exist here
    assert "la banque de questions est vide" in output
    assert not PracticeQuarter.objects.exists()


def test_it_simulates_six_weeks_of_realistic_participation_through_the_real_planner(demo_agencies):
    area = item_bank(count=30)
    daily_gap("agent", area)

    load()

    agencies = Agency.objects.filter(code__in=demo_quarters.PRACTISING).order_by("code")
    figures = participation(agencies, timezone.localdate(), settings.USAGE_MIN_GROUP)
    rates = [cell.rate for row in figures.rows for cell in row.cells[:-1]]  # the past weeks
    assert 40 <= sum(rates) / len(rates) <= 90
    assert figures.rows[-1].cells[-1].rate == 0  # nothing this week yet
    assert not PracticeQuarter.objects.filter(user__agency__code="42001").exists()
    assert PracticeAnswer.objects.count() > 5 * PracticeQuarter.objects.count()
    assert ReviewCard.objects.exists()
    # The plans come from the planner: reviews of the earlier weeks come back, with their reason.
    reasons = {entry["reason"] for quarter in PracticeQuarter.objects.all() for entry in quarter.plan}
    assert any(reason.startswith("Révision prévue") for reason in reasons)


def test_the_demo_agent_has_a_streak_of_three_weeks(demo_agencies):
    item_bank(count=30)

    load()

    assert quarters.streak(demo_agencies["69001"].members.get(email="agent@ere.demo")) == 3


def test_it_is_idempotent_and_deterministic(demo_agencies):
    item_bank(count=30)
    load()
    counts = PracticeQuarter.objects.count(), PracticeAnswer.objects.count(), ReviewCard.objects.count()
    weeks = sorted(PracticeQuarter.objects.values_list("user__email", "week"))

    output = load()

    assert (PracticeQuarter.objects.count(), PracticeAnswer.objects.count(), ReviewCard.objects.count()) == counts
    assert "0 quart d’heure terminé" in output
    assert "rien à changer" in output

    PracticeQuarter.objects.all().delete()
    ReviewCard.objects.all().delete()
    load()
    assert sorted(PracticeQuarter.objects.values_list("user__email", "week")) == weeks
