import duckdb
import pytest

from ere.usage import lake
from ere.usage.admin import MappingRuleForm
from ere.usage.enums import ImportStatus, RuleField, RuleKind
from ere.usage.imports.mapping import Mapper, Rule, normalise_app, regex_error
from ere.usage.models import MappingRule, RawApplication
from ere.usage.services import import_records
from tests.catalog.factories import ToolFactory


@pytest.fixture
def aude(db):
    return ToolFactory(slug="aude", name="AUDE")


@pytest.fixture
def teams(db):
    return ToolFactory(slug="teams-ft", name="Teams")


def event(tool, title=None, url=None, start="2026-11-03T09:00:00", **extra):
    record = {"agent": "alice@example.fr", "tool": tool, "start": start, "duration_s": 60}
    if title:
        record["title"] = title
    if url:
        record["url"] = url
    return record | extra


def tools_of(*records):
    usage_import = import_records(list(records), source="test")
    assert usage_import.status == ImportStatus.DONE, usage_import.errors
    return [e["tool"] for e in lake.read_events()]


def rule(tool, pattern, field=RuleField.APP, kind=RuleKind.EXACT, position=100):
    return MappingRule.objects.create(tool=tool, pattern=pattern, field=field, kind=kind, position=position)


def test_an_exact_rule_ignores_case(aude):
    rule(aude, "Aude Client")
    assert tools_of(event("AUDE CLIENT")) == ["aude"]


def test_an_exact_rule_on_the_normalised_name_covers_the_exe(aude):
    rule(aude, "audeclient")
    assert tools_of(event("AudeClient.EXE")) == ["aude"]


def test_a_regex_rule_searches_anywhere_ignoring_case(aude):
    rule(aude, r"aude\s*v\d", kind=RuleKind.REGEX)
    assert tools_of(event("Client AUDE V2")) == ["aude"]


def test_a_title_rule_maps_a_window(aude):
    rule(aude, r"^AUDE — ", field=RuleField.TITLE, kind=RuleKind.REGEX)
    assert tools_of(event("chrome.exe", title="AUDE — dossier de M. Dupont")) == ["aude"]


def test_a_url_rule_maps_a_web_page(aude):
    rule(aude, r"^https://aude\.intra\.", field=RuleField.URL, kind=RuleKind.REGEX)
    assert tools_of(event("firefox", url="https://aude.intra.example/dossier/123")) == ["aude"]


def test_an_exact_url_rule(aude):
    rule(aude, "https://aude.intra.example/", field=RuleField.URL)
    assert tools_of(event("firefox", url="HTTPS://AUDE.INTRA.EXAMPLE/")) == ["aude"]


def test_the_first_rule_in_order_wins(aude, teams):
    rule(teams, "outil", position=20)
    rule(aude, "outil", position=10)
    assert tools_of(event("outil")) == ["aude"]


def test_a_rule_wins_over_a_slug(aude, teams):
    rule(teams, "aude", position=1)
    assert tools_of(event("aude")) == ["teams-ft"]


def test_a_known_slug_maps_to_its_tool_without_a_rule(aude):
    assert tools_of(event("AUDE")) == ["aude"]
    assert not RawApplication.objects.exists()


def test_an_unmapped_application_is_kept_lower_case_without_exe_and_listed(db):
    tools = tools_of(
        event("Teams.exe"), event("TEAMS", start="2026-11-03T10:00:00"), event("Notepad++", start="2026-11-03T11:00")
    )
    assert sorted(tools) == ["notepad++", "teams", "teams"]
    assert list(RawApplication.objects.order_by("name").values_list("name", "events", "tool")) == [
        ("notepad++", 1, None),
        ("teams", 2, None),
    ]


def test_a_raw_application_already_mapped_by_an_admin_is_not_listed_again(aude):
    RawApplication.objects.create(name="audeclient", tool=aude, events=3)
    usage_import = import_records([event("AudeClient.exe")], source="test")
    assert usage_import.unmapped == []
    assert RawApplication.objects.get().events == 4
    # The lake keeps the raw name: the analyses re-map it (a later mapping applies to history).
    assert [e["tool"] for e in lake.read_events()] == ["audeclient"]


def test_titles_and_urls_are_never_written(aude):
    rule(aude, "aude", field=RuleField.URL, kind=RuleKind.REGEX)
    secret_title, secret_url = "Dossier de Mme Secret", "https://aude.intra/secret-123"
    import_records(
        [event("chrome", title=secret_title, url=secret_url), event("word", title=secret_title, start="2026-11-04")],
        source="test",
    )
    events = lake.read_events()
    assert set(events[0]) == {"agent", "tool", "start", "duration_s", "device", "source", "import_id", "month"}
    for path in lake.event_files():
        content = path.read_bytes()
        assert b"Secret" not in content and b"secret" not in content
    assert not RawApplication.objects.filter(name__icontains="secret").exists()


def test_an_invalid_regex_saved_outside_the_admin_rejects_the_import(aude):
    bad = rule(aude, "(unclosed", kind=RuleKind.REGEX)
    usage_import = import_records([event("x")], source="test")
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.errors[0].startswith(f"Règle de rattachement n° {bad.pk} : expression régulière invalide")
    assert lake.read_events() == []


def test_the_admin_form_rejects_an_invalid_regex(aude):
    form = MappingRuleForm(
        data={"position": 1, "field": RuleField.APP, "kind": RuleKind.REGEX, "pattern": "(a", "tool": aude.pk}
    )
    assert not form.is_valid()
    assert form.errors["pattern"][0].startswith("Expression régulière invalide")


def test_the_admin_form_accepts_a_valid_regex(aude):
    form = MappingRuleForm(
        data={"position": 1, "field": RuleField.URL, "kind": RuleKind.REGEX, "pattern": r"^https://", "tool": aude.pk}
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "name,expected",
    [("WINWORD.EXE", "winword"), (" Teams.exe ", "teams"), ("notepad.exe.bak", "notepad.exe.bak"), ("微信", "微信")],
)
def test_normalise_app(name, expected):
    assert normalise_app(name) == expected


def test_the_mapper_evaluates_each_distinct_key_once_in_duckdb():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE staged AS SELECT * FROM (VALUES ('Word', NULL, NULL), ('word', 'AUDE - x', NULL), "
        "('chrome', NULL, 'https://aude.example/'), ('Word', NULL, NULL)) AS t(app, title, url)"
    )
    mapper = Mapper(
        [Rule("title", "regex", "^aude", "aude"), Rule("url", "exact", "https://aude.example/", "aude")],
        slugs=["word"],
    )
    keys = mapper.build(con, "staged")
    rows = con.execute(f"SELECT {', '.join(keys)}, tool, is_raw FROM tool_map ORDER BY ALL").fetchall()
    assert rows == [
        ("Word", "", "", "word", False),
        ("chrome", "", "https://aude.example/", "aude", False),
        ("word", "AUDE - x", "", "aude", False),
    ]


def test_regex_error_is_none_for_a_valid_pattern():
    assert regex_error(r"^aude\.(intra|local)") is None
    assert regex_error("(") is not None
