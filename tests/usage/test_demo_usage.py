"""The demo usage logs: working days of structured usage, imported through the pipeline, idempotent, with a tool
rolled out mid-period and raw applications left to map. On a small scale: a few days, a few dozen agents."""

import datetime
import random
from collections import Counter
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from ere.catalog import demo as catalog_demo
from ere.catalog.models import Tool
from ere.org import demo as org_demo
from ere.org.enums import Specialty
from ere.org.models import User
from ere.usage import demo_usage, lake
from ere.usage.imports.pseudonymise import pseudonymise
from ere.usage.models import MappingRule, RawApplication, UsageImport

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DAYS = 6
AGENTS = 60
COLLECTORS = 4


@pytest.fixture(autouse=True)
def demo(db):
    """The demo organisation and catalogue, which the usage logs draw from."""
    for module in (org_demo, catalog_demo):
        module.load(random.Random(f"2026:{module.__name__}"), StringIO())


def load(days=DAYS):
    out = StringIO()
    rng = random.Random("2026:ere.usage.demo_usage")
    demo_usage.load(rng, out, days=days, max_agents=AGENTS, collectors=COLLECTORS)
    return out.getvalue()


def local(event):
    return event["start"].astimezone(PARIS)


def pseudonyms(**filters):
    emails = User.objects.filter(agency__isnull=False, **filters).values_list("email", flat=True)
    return {pseudonymise(email, settings.USAGE_HMAC_KEY) for email in emails}


def test_it_imports_working_days_of_usage_by_registered_agents_and_collectors():
    output = load()

    events = lake.read_events()
    window = demo_usage.working_days(timezone.localdate(), DAYS)
    assert {local(event).date() for event in events} == set(window)
    assert all(day.weekday() < 5 for day in window)
    assert f"événements importés sur {DAYS} jours" in output
    assert "Usages : " in output and "4 postes sans compte" in output
    # Working hours, Europe/Paris: 8:30–12:30 and 13:30–17:30; never during the lunch break.
    for event in events:
        moment = local(event).time()
        assert datetime.time(8, 30) <= moment < datetime.time(17, 30), event
        assert not datetime.time(12, 30) <= moment < datetime.time(13, 30), event
        assert 1 <= event["duration_s"] <= 20 * 60
    per_agent_day = Counter((event["agent"], local(event).date()) for event in events)
    assert min(per_agent_day.values()) >= 12
    assert max(per_agent_day.values()) <= 45
    assert 20 <= len(events) / len(per_agent_day) <= 40
    # The collectors' workstations count as agents of their own, registered to nobody.
    agents = {event["agent"] for event in events}
    assert len(agents - pseudonyms()) == COLLECTORS
    assert 0.8 * AGENTS <= len(agents & pseudonyms()) <= AGENTS


def test_each_job_has_its_own_tools():
    load()

    events = lake.read_events()
    employers = pseudonyms(specialty=Specialty.EMPLOYERS)
    job_seekers = pseudonyms(specialty=Specialty.JOB_SEEKERS)
    tools = {
        name: Counter(event["tool"] for event in events if event["agent"] in group)
        for name, group in (("employers", employers), ("job_seekers", job_seekers))
    }
    assert tools["employers"]["dialogue-entreprises"] > 0 and tools["employers"]["suivi-offres"] > 0
    assert tools["employers"]["dossier-demandeur"] == 0
    assert tools["job_seekers"]["dossier-demandeur"] > 0 and tools["job_seekers"]["prescription-services"] > 0
    assert tools["job_seekers"]["dialogue-entreprises"] == 0
    for counts in tools.values():
        assert counts["messagerie-securisee"] > 0 and counts["agenda-partage"] > 0


def test_raw_applications_go_through_the_mapping_rules_and_the_rest_waits_to_be_mapped():
    output = load()

    assert MappingRule.objects.count() == 3
    assert set(RawApplication.objects.filter(tool=None).values_list("name", flat=True)) == {
        "acrord32",
        "chrome",
        "excel",
    }
    assert "3 applications à rattacher" in output
    tools = {event["tool"] for event in lake.read_events()}
    assert {"suite-bureautique", "intranet", "base-connaissances", "excel", "chrome"} <= tools
    assert not tools & {"winword", "chrome.exe", "WINWORD.EXE"}
    assert not {"title", "url"} & set(lake.read_events()[0])


def test_a_second_load_adds_nothing():
    load()
    events = len(lake.read_events())
    imports = UsageImport.objects.count()

    output = load()

    assert len(lake.read_events()) == events
    assert UsageImport.objects.count() == imports == 1
    assert MappingRule.objects.count() == 3
    assert "Usages : 0 événement importé" in output
    assert "déjà dans le lac" in output


def test_a_longer_window_adds_only_the_days_missing():
    load(days=3)
    before = Counter(local(event).date() for event in lake.read_events())

    output = load(days=5)

    after = Counter(local(event).date() for event in lake.read_events())
    assert "sur 2 jours" in output
    assert len(after) == 5
    assert all(after[day] == count for day, count in before.items())


def test_the_rolled_out_tool_is_unused_before_its_launch_then_adopted():
    window = demo_usage.working_days(timezone.localdate(), DAYS)
    launch = window[2]
    Tool.objects.filter(slug=demo_usage.ROLLED_OUT).update(launched_on=launch)

    load()

    used = [local(event).date() for event in lake.read_events() if event["tool"] == demo_usage.ROLLED_OUT]
    assert used
    assert min(used) >= launch


def test_adoption_starts_in_the_rhone_then_a_week_later_elsewhere():
    launch = datetime.date(2026, 11, 6)

    agents = demo_usage.plan_agents(random.Random(1), launches={demo_usage.ROLLED_OUT: launch})

    rhone = [agent for agent in agents if agent.territory == "DT69"]
    others = [agent for agent in agents if agent.territory != "DT69"]
    assert all(agent.rolled_out_from >= launch for agent in rhone if agent.rolled_out_from)
    assert all(
        agent.rolled_out_from >= launch + datetime.timedelta(days=7) for agent in others if agent.rolled_out_from
    )
    assert 0.75 <= sum(agent.rolled_out_from is not None for agent in rhone) / len(rhone) <= 0.95
    # Adoption grows week after week.
    weeks = [
        sum(a.rolled_out_from is not None and (a.rolled_out_from - launch).days < 7 * w for a in rhone)
        for w in (1, 2, 3)
    ]
    assert weeks[0] < weeks[1] < weeks[2]


def test_raw_applications_are_listed_again_when_the_database_has_lost_them():
    load()
    RawApplication.objects.all().delete()

    output = load()

    assert set(RawApplication.objects.values_list("name", flat=True)) == {"acrord32", "chrome", "excel"}
    assert RawApplication.objects.get(name="excel").events > 0
    assert "3 applications à rattacher" in output
