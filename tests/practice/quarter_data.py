"""Test data for the practice quarter: a small item bank, a role profile that gives a gap, a team slot."""

import datetime

import factory

from ere.practice.models import TeamSlot
from ere.skills.enums import Frequency
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory
from tests.skills.factories import AreaFactory, ItemFactory, RequirementFactory, RoleProfileFactory, SkillFactory


class TeamSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamSlot

    agency = factory.SubFactory(AgencyFactory)
    weekday = 1
    start = datetime.time(8, 45)
    minutes = 15


def item_bank(count=6, tool_name="Agenda partagé", code="agenda-partage", **tool_kwargs):
    """A tool area with `count` published single-choice items (the right choice is « a »); returns the area."""
    tool = ToolFactory(name=tool_name, slug=code, **tool_kwargs)
    area = AreaFactory(code=code, name=tool_name, tool=tool)
    skill = SkillFactory(area=area, code=f"{code}-planifier", name="Planifier un rendez-vous")
    for n in range(count):
        ItemFactory(skill=skill, uid=f"{code}-{n:03d}", stem=f"{tool_name}, question {n + 1} : où planifier ?")
    return area


def daily_gap(role, area, target_level=3):
    """A role profile under which every agent of `role`, never assessed, has a gap on `area`."""
    profile = RoleProfileFactory(name=f"Profil {role}", slug=f"profil-{role}", role=role)
    RequirementFactory(profile=profile, area=area, target_level=target_level, frequency=Frequency.DAILY)
    return profile


def practised(user, week, **fields):
    """A quarter of `week` finished with one answer: what the streak and the participation rates count."""
    from django.utils import timezone

    from ere.practice.models import PracticeAnswer, PracticeQuarter

    quarter = PracticeQuarter.objects.create(user=user, week=week, finished_at=timezone.now(), **fields)
    PracticeAnswer.objects.create(quarter=quarter, item=ItemFactory(), answer={"choice": "a"}, correct=True)
    return quarter
