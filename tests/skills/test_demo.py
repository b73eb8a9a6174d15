"""The demo framework, item bank and diagnostics (loaded by `manage.py load_demo`)."""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ere.org.models import Agency, User
from ere.skills import items as item_kinds
from ere.skills.demo import DATA, DEMO_AGENT_ABILITIES
from ere.skills.enums import AreaKind, ItemKind
from ere.skills.models import Area, Assessment, AssessmentArea, Item, Response, RoleProfile, Skill
from ere.skills.profile import profile
from ere.skills.team import team_skills

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).parents[2] / "ere" / "skills" / "static"


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_crcn_is_loaded_whole_with_its_official_names(demo):
    framework = json.loads((DATA / "crcn.json").read_text(encoding="utf-8"))
    domains = Area.objects.crcn()
    assert domains.count() == 5
    assert Skill.objects.filter(area__kind=AreaKind.CRCN).count() == 16
    first = framework["areas"][0]["competences"][0]
    assert Skill.objects.get(code="crcn-1-1").name == first["name"]
    assert domains.get(code="crcn-1").name == framework["areas"][0]["title"]


def test_the_bank_holds_at_least_150_valid_items_of_every_kind(demo):
    assert Item.objects.count() >= 150
    kinds = Counter(Item.objects.values_list("kind", flat=True))
    assert set(kinds) >= {ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.ORDERING, ItemKind.MATCHING, ItemKind.HOTSPOT}
    for item in Item.objects.all():
        assert item_kinds.validate(item.kind, item.data, sandbox_exists=lambda slug: True) == [], item.uid
        assert item.explanation, item.uid
        if item.kind == ItemKind.HOTSPOT:
            assert (STATIC / item.data["image"]).exists(), item.uid
    difficulties = sorted(Item.objects.values_list("difficulty", flat=True))
    assert difficulties[0] < -2 and difficulties[-1] > 2
    assert Area.objects.tools().filter(skills__items__isnull=False).distinct().count() >= 10


def test_every_role_profile_points_at_real_areas_with_levels_in_range(demo):
    assert RoleProfile.objects.count() >= 4
    for profile_ in RoleProfile.objects.prefetch_related("requirements__area"):
        assert profile_.requirements.exists()
        for requirement in profile_.requirements.all():
            assert 1 <= requirement.target_level <= requirement.area.level_count


def test_the_demo_agent_has_progressed_over_two_diagnostics(demo):
    sophie = User.objects.get(email="agent@ere.demo")
    assert sophie.assessments.finished().count() == 2
    statuses = [status for status in profile(sophie, with_usage=False) if len(status.history) == 2]
    assert {status.area.code for status in statuses} == set(DEMO_AGENT_ABILITIES)
    assert all(status.assessed and status.target for status in statuses)
    # Answers are drawn at random from her abilities; at least one area shows the progress.
    assert any(status.history[1][1] > status.history[0][1] for status in statuses)


def test_the_demo_diagnostics_were_drawn_by_the_engine(demo):
    assessment = Assessment.objects.finished().filter(responses__isnull=False).first()
    parts = list(assessment.areas.all())
    for part in parts:
        responses = list(part.responses.all())
        assert 1 <= len(responses) <= assessment.max_items
        assert part.items_count == len(responses)
        assert len({r.item.skill.area_id for r in responses}) == 1
    positions = sorted(Response.objects.filter(assessment=assessment).values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))
    assert AssessmentArea.objects.filter(level__isnull=True).count() == 0


def test_the_demo_managers_team_view_has_something_to_show(demo):
    skills = team_skills(Agency.objects.filter(code="69001"))
    assert not skills.suppressed
    assert any(not row.suppressed for row in skills.tools)


def test_loading_twice_adds_nothing(demo):
    def counts():
        return [model.objects.count() for model in (Item, Assessment, Response, Skill)]

    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "0 créées, 0 mises à jour" in out.getvalue()
