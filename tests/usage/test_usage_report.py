"""The usage_report command: the lake written as docs/usage.md says, users as the agents dimension, JSON and CSV."""

import csv
import datetime
import json
from io import StringIO

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from ere.org.models import User
from ere.usage import report as report_module
from ere.usage.analytics import Filters
from ere.usage.imports.pseudonymise import pseudonymise
from ere.usage.models import RawApplication
from tests.catalog.factories import ToolFactory
from tests.org.factories import UserFactory
from tests.usage.survey_factories import CampaignFactory, ResponseFactory, ToolAnswerFactory
from tests.usage.test_analytics import WEEK, instant

pytestmark = pytest.mark.django_db

EMAILS = {"a1": "alice@example.fr", "a2": "bruno@example.fr", "a3": "zoe@example.fr", "a4": "inconnu@example.fr"}


def write_lake(root, rows, month="2026-10", import_id=1):
    """Events as the import pipeline writes them: events/month=YYYY-MM/import-<id>.parquet, agents pseudonymised."""
    folder = root / "events" / f"month={month}"
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.table(
        {
            "agent": [pseudonymise(EMAILS.get(row[0], row[0]), settings.USAGE_HMAC_KEY) for row in rows],
            "tool": [row[1] for row in rows],
            "start": pa.array([instant(row[2]) for row in rows], pa.timestamp("us", tz="UTC")),
            "duration_s": pa.array([float(row[3]) for row in rows], pa.float64()),
            "device": pa.array([None] * len(rows), pa.string()),
            "source": ["test"] * len(rows),
            "import_id": pa.array([import_id] * len(rows), pa.int64()),
        }
    )
    pq.write_table(table, folder / f"import-{import_id}.parquet")


@pytest.fixture
def lake(tmp_path, settings):
    settings.USAGE_LAKE_DIR = tmp_path / "lake"
    settings.USAGE_MIN_GROUP = 1
    return settings.USAGE_LAKE_DIR


@pytest.fixture
def week_lake(lake, agent, champion, other_agency):
    """The week of test_analytics: a1 = Alice (agency A, agent), a2 = Bruno (agency A, champion), a3 = Zoé (agency B),
    a4 is no registered user. An event of September is outside the period."""
    UserFactory(email="zoe@example.fr", agency=other_agency)
    write_lake(lake, WEEK)
    write_lake(lake, [("a1", "crm", "2026-09-30 09:00", 60)], month="2026-09", import_id=2)
    return lake


def run(*args):
    out = StringIO()
    call_command("usage_report", *args, stdout=out)
    return out.getvalue()


def json_report(tmp_path, *args):
    path = tmp_path / "rapport.json"
    output = run("--from", "2026-10-01", "--to", "2026-10-31", "--format", "json", "--output", str(path), *args)
    return json.loads(path.read_text(encoding="utf-8")), output


def test_it_writes_the_report_as_json(week_lake, tmp_path):
    report, output = json_report(tmp_path)
    assert list(report) == [
        "period",
        "filters",
        "min_group",
        "suppressed",
        "population",
        "tools",
        "co_usage",
        "transitions",
        "communities",
        "overload",
    ]
    assert report["period"] == {"from": "2026-10-01", "to": "2026-10-31"}
    assert report["filters"] == {"agencies": [], "territories": [], "roles": []}
    assert (report["min_group"], report["suppressed"]) == (1, False)
    # September's event is outside the period; a4, unregistered, counts.
    assert report["population"] == {"agents": 4, "agent_days": 6}
    assert report["tools"][0] == {
        "tool": "mail",
        "active_agents": 4,
        "agent_days": 5,
        "events": 7,
        "minutes": 20.0,
        "adoption": 1.0,
    }
    assert report["co_usage"] == [
        # phi (6 − 10) / √40 = −0.63246, rounded to 4 decimals; 1/6 = 0.16667 → 0.1667.
        {"a": "agenda", "b": "crm", "agent_days": 2, "jaccard": 0.5, "lift": 1.5, "phi": 0.5},
        {"a": "agenda", "b": "mail", "agent_days": 1, "jaccard": 0.1667, "lift": 0.6, "phi": -0.6325},
        {"a": "crm", "b": "mail", "agent_days": 3, "jaccard": 0.5, "lift": 0.9, "phi": -0.3162},
    ]
    assert report["transitions"] == [
        {"from": "agenda", "to": "crm", "count": 2},
        {"from": "crm", "to": "mail", "count": 2},
        {"from": "mail", "to": "crm", "count": 2},
        {"from": "mail", "to": "agenda", "count": 1},
    ]
    assert report["communities"] == [["agenda", "crm"], ["mail"]]
    assert report["overload"]["distribution"] == [
        {"tools": 1, "agent_hours": 3},
        {"tools": 2, "agent_hours": 3},
        {"tools": 3, "agent_hours": 1},
    ]
    assert (report["overload"]["median"], report["overload"]["p90"]) == (2.0, 2.4)  # rounded to 4 decimals
    assert "4 agents, 6 agents-jours, 3 outils affichés." in output
    assert "Rapport écrit en" in output


def test_it_filters_by_agency_territory_and_role(week_lake, tmp_path, agency, other_agency):
    report, _ = json_report(tmp_path, "--agency", agency.code)
    assert report["filters"]["agencies"] == [agency.code]
    assert report["population"] == {"agents": 2, "agent_days": 4}  # Alice and Bruno
    report, _ = json_report(tmp_path, "--territory", other_agency.territory.code)
    assert report["population"] == {"agents": 1, "agent_days": 1}  # Zoé
    report, _ = json_report(tmp_path, "--role", "champion")
    assert report["population"] == {"agents": 1, "agent_days": 2}  # Bruno


def test_it_suppresses_a_scope_smaller_than_the_setting(week_lake, tmp_path, settings):
    settings.USAGE_MIN_GROUP = 5
    report, output = json_report(tmp_path)
    assert report["suppressed"] is True
    assert report["min_group"] == 5
    assert (report["population"], report["overload"]) == (None, None)
    assert report["tools"] == report["co_usage"] == report["transitions"] == report["communities"] == []
    assert "Moins de 5 agents actifs dans ce périmètre" in output


def test_min_group_hides_small_groups(week_lake, tmp_path):
    report, _ = json_report(tmp_path, "--min-group", "3")
    assert report["min_group"] == 3
    assert [tool["tool"] for tool in report["tools"]] == ["mail", "crm"]  # agenda: 2 agents
    assert report["co_usage"] == report["transitions"] == []
    assert report["communities"] == [["crm"], ["mail"]]


def test_min_group_cannot_go_below_the_setting(week_lake, tmp_path, settings):
    settings.USAGE_MIN_GROUP = 5
    with pytest.raises(CommandError, match="ne peut pas descendre sous USAGE_MIN_GROUP"):
        json_report(tmp_path, "--min-group", "2")
    assert not (tmp_path / "rapport.json").exists()


def test_raw_applications_attached_to_a_tool_count_as_that_tool(lake, tmp_path):
    RawApplication.objects.create(name="outlook", tool=ToolFactory(slug="messagerie"), events=1)
    RawApplication.objects.create(name="notepad", events=1)  # still « à rattacher »
    rows = [("a1", "outlook", "2026-10-05 09:00", 60), ("a1", "messagerie", "2026-10-06 09:00", 60)]
    write_lake(lake, [*rows, ("a1", "notepad", "2026-10-06 10:00", 60)])
    report, _ = json_report(tmp_path)
    assert {tool["tool"]: tool["agent_days"] for tool in report["tools"]} == {"messagerie": 2, "notepad": 1}


def test_it_writes_csv_files_for_french_excel(week_lake, tmp_path):
    path = tmp_path / "rapport.csv"
    output = run("--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv", "--output", str(path))
    names = ["rapport.csv", *(f"rapport-{name}.csv" for name in ("outils", "co-usage", "transitions"))]
    names += ["rapport-communautes.csv", "rapport-surcharge.csv"]
    assert sorted(file.name for file in tmp_path.iterdir() if file.suffix == ".csv") == sorted(names)
    for name in names:
        assert name in output
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for Excel
        assert b"\r\n" in raw

    def read(name):
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle, delimiter=";"))

    summary = dict(read("rapport.csv")[1:])
    assert read("rapport.csv")[0] == ["key", "value"]
    assert (summary["from"], summary["to"], summary["suppressed"]) == ("2026-10-01", "2026-10-31", "non")
    assert (summary["agents"], summary["agent_days"]) == ("4", "6")
    assert (summary["overload_median"], summary["overload_p90"]) == ("2,0", "2,4")  # decimal comma
    tools = read("rapport-outils.csv")
    assert tools[0] == ["tool", "active_agents", "agent_days", "events", "minutes", "adoption"]
    assert tools[1:] == [
        ["mail", "4", "5", "7", "20,0", "1,0"],
        ["crm", "3", "4", "5", "25,5", "0,75"],
        ["agenda", "2", "2", "2", "7,0", "0,5"],
    ]
    pairs = read("rapport-co-usage.csv")
    assert pairs[0] == ["a", "b", "agent_days", "jaccard", "lift", "phi"]
    assert pairs[2] == ["agenda", "mail", "1", "0,1667", "0,6", "-0,6325"]
    assert read("rapport-transitions.csv")[:2] == [["from", "to", "count"], ["agenda", "crm", "2"]]
    assert read("rapport-communautes.csv") == [["community", "tool"], ["1", "agenda"], ["1", "crm"], ["2", "mail"]]
    assert read("rapport-surcharge.csv") == [["tools", "agent_hours"], ["1", "3"], ["2", "3"], ["3", "1"]]


def test_a_suppressed_csv_report_keeps_its_files_with_headers_only(week_lake, tmp_path, settings):
    settings.USAGE_MIN_GROUP = 5
    path = tmp_path / "rapport.csv"
    run("--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv", "--output", str(path))
    assert "suppressed;oui" in path.read_text(encoding="utf-8-sig")
    assert (tmp_path / "rapport-outils.csv").read_bytes().decode("utf-8-sig") == (
        "tool;active_agents;agent_days;events;minutes;adoption\r\n"
    )


def test_it_says_so_when_the_lake_is_empty(lake, tmp_path):
    with pytest.raises(CommandError, match="Le lac d'usage est vide"):
        json_report(tmp_path)
    assert not (tmp_path / "rapport.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01", "--to", "2026-10-31"], "--from : date invalide « 2026-13-01 »"),
        (["--from", "2026-10-01", "--to", "31/10/2026"], "attendu AAAA-MM-JJ"),
        (["--from", "2026-10-31", "--to", "2026-10-01"], "La période est vide"),
        (["--from", "2026-10-01", "--to", "2026-10-31", "--agency", "99999"], "Agence inconnue : 99999"),
        (["--from", "2026-10-01", "--to", "2026-10-31", "--territory", "DT99"], "Direction territoriale inconnue"),
    ],
)
def test_it_rejects_bad_options_in_french(week_lake, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--format", "json", "--output", str(tmp_path / "rapport.json"))


def test_it_rejects_an_output_in_a_missing_folder(week_lake, tmp_path):
    with pytest.raises(CommandError, match="n'existe pas"):
        run(
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--format",
            "json",
            "--output",
            str(tmp_path / "x" / "r.json"),
        )


def test_declared_frequencies_meet_the_measured_ones(week_lake, agent, champion, agency, other_agency):
    # Alice says she uses the CRM several times a day, Bruno the mail weekly; Zoé's agency has one response only.
    # With min_group 2, Zoé's answers count nowhere (the survey's agency rule), and each tool needs 2 agents.
    crm, mail = ToolFactory(slug="crm"), ToolFactory(slug="mail")
    campaign = CampaignFactory(agencies=[agency, other_agency], tools=[crm, mail])
    answers = {agent: {crm: "several_daily", mail: "daily"}, champion: {crm: "weekly", mail: "weekly"}}
    for user, frequencies in answers.items():
        response = ResponseFactory(campaign=campaign, respondent=user)
        for tool, frequency in frequencies.items():
            ToolAnswerFactory(response=response, tool=tool, frequency=frequency)
    draft = ResponseFactory(campaign=campaign, respondent=UserFactory(agency=agency), draft=True)
    ToolAnswerFactory(response=draft, tool=crm, frequency="never")
    lonely = ResponseFactory(campaign=campaign, respondent=User.objects.get(email="zoe@example.fr"))
    ToolAnswerFactory(response=lonely, tool=mail, frequency="never")

    declared = report_module.declared_frequencies(campaign, min_group=2)
    assert declared.num_rows == 4  # Alice's and Bruno's; not the draft, not Zoé's lonely agency
    october = Filters(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
    found = {row["tool"]: row for row in report_module.declared_vs_measured(campaign, october, min_group=2)}
    # Measured: Alice (a1) crm 2 of 2 days, 3 events → daily (4); mail 2 of 2 days, 2 events → daily (4).
    # Bruno (a2) crm 1 of 2 days → weekly (3); mail 1 of 2 days, 2 events → weekly (3).
    assert found["crm"]["agents"] == 2
    assert (found["crm"]["declared_mean"], found["crm"]["measured_mean"]) == (4.0, 3.5)  # (5 + 3) / 2, (4 + 3) / 2
    assert (found["crm"]["over"], found["crm"]["same"]) == (0.5, 0.5)
    assert (found["mail"]["declared_mean"], found["mail"]["measured_mean"], found["mail"]["same"]) == (3.5, 3.5, 1.0)


def test_the_adoption_curve_starts_at_the_catalogue_launch_date(week_lake):
    ToolFactory(slug="mail", launched_on=datetime.date(2026, 10, 6))
    ToolFactory(slug="visio", launched_on=None)
    assert report_module.launch_dates() == {"mail": datetime.date(2026, 10, 6)}
    october = Filters(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
    with report_module.lake_analysis(october, min_group=1) as analysis:
        curve = analysis.adoption_after_launch(report_module.launch_dates())
    # Week 0 is Tuesday 6 to Monday 12: a1, a2 and a4 are active and all use mail; Monday 5 is before the launch.
    assert [(row["tool"], row["week"], row["active_agents"], row["agents"]) for row in curve] == [("mail", 0, 3, 3)]
