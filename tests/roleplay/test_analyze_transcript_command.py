import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.catalog.factories import GlossaryTermFactory

CALL = """Sophie : Bonjour Madame Durand, Sophie, de France Travail. Vous recrutez ?
Mme Durand : Oui, euh, un vendeur pour le week-end.
Sophie : Si je comprends bien, un vendeur pour le week-end. Vous avez fait la DPAE ?
Mme Durand : Non.
Sophie : Je vous envoie la marche à suivre jeudi.
"""

VTT = """WEBVTT

00:00:00.000 --> 00:00:03.000
<v Sophie>Bonjour madame, vous recrutez ?</v>

00:00:03.000 --> 00:00:05.000
<v Mme Durand>Oui, un vendeur.</v>
"""

SPEAKER_KEYS = {
    "name",
    "words",
    "talk_share",
    "talk_share_time",
    "turns",
    "longest_monologue_words",
    "longest_monologue_s",
    "words_per_minute",
    "questions_open",
    "questions_closed",
    "fillers",
    "filler_rate",
}
FINDING_KEYS = {"line", "speaker", "kind", "text", "suggestion", "start", "end", "positive"}


@pytest.fixture
def call_file(tmp_path):
    path = tmp_path / "appel.txt"
    path.write_text(CALL, encoding="utf-8")
    return path


def run(*args):
    out = io.StringIO()
    call_command("analyze_transcript", *[str(a) for a in args], stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_it_prints_the_analysis_as_json_with_the_documented_keys(call_file):
    data = json.loads(run(call_file, "--json"))
    assert set(data) == {"format", "timed", "advisor", "speakers", "findings", "questions", "fillers", "summary"}
    assert [set(s) for s in data["speakers"]] == [SPEAKER_KEYS, SPEAKER_KEYS]
    assert all(set(f) == FINDING_KEYS for f in data["findings"])
    assert set(data["summary"]) == {"strengths", "priorities"}
    assert (data["format"], data["timed"], data["advisor"]) == ("text", False, "Sophie")


@pytest.mark.django_db
def test_timing_fields_are_null_for_a_text_transcript(call_file):
    sophie = json.loads(run(call_file, "--json"))["speakers"][0]
    assert sophie["words_per_minute"] is None
    assert sophie["longest_monologue_s"] is None
    assert sophie["talk_share_time"] is None


@pytest.mark.django_db
def test_a_webvtt_file_gives_timing_figures(tmp_path):
    path = tmp_path / "appel.vtt"
    path.write_bytes(VTT.encode())
    data = json.loads(run(path, "--json"))
    assert data["timed"] is True
    assert data["speakers"][0]["words_per_minute"] == 80.0  # 4 words in 3 s


@pytest.mark.django_db
def test_the_json_keeps_accents(call_file):
    out = run(call_file, "--json")
    assert "la déclaration préalable à l'embauche" in out
    assert "\\u00e9" not in out


@pytest.mark.django_db
def test_the_report_lists_speakers_findings_and_summary_in_french(call_file):
    out = run(call_file)
    assert "conseiller : Sophie" in out
    assert "Sophie (conseiller)" in out
    assert "L3 · Sophie · jargon · « DPAE » → « DPAE » : dites « la déclaration préalable à l'embauche »" in out
    assert "L3 · Sophie · reformulation (+) · « Si je comprends bien »" in out
    assert "Points forts :" in out
    assert "Priorités :" in out


@pytest.mark.django_db
def test_the_glossary_of_the_catalogue_adds_acronyms(tmp_path):
    GlossaryTermFactory(acronym="ZTX", meaning="la zone de test")
    path = tmp_path / "appel.txt"
    path.write_text("Sophie : La ZTX est ouverte.\nMme Durand : Ah.\n", encoding="utf-8")
    findings = json.loads(run(path, "--json"))["findings"]
    assert [f["text"] for f in findings if f["kind"] == "jargon"] == ["ZTX"]


@pytest.mark.django_db
def test_the_advisor_can_be_named(call_file):
    assert json.loads(run(call_file, "--json", "--advisor", "Mme Durand"))["advisor"] == "Mme Durand"


@pytest.mark.django_db
def test_a_dash_reads_the_transcript_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(CALL.encode())))
    assert json.loads(run("-", "--json"))["advisor"] == "Sophie"


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="« .*absent.txt » illisible") as error:
        run(tmp_path / "absent.txt")
    assert error.value.returncode == 1


def test_a_file_that_cannot_be_read_gives_the_french_message_without_a_traceback(tmp_path):
    path = tmp_path / "appel.trs"
    path.write_bytes(b"<?xml version='1.0'?>\n<Trans>\n<Turn></Trans>")
    with pytest.raises(CommandError, match=r"^Fichier Transcriber illisible : mismatched tag \(ligne 3\)\.$") as error:
        run(path)
    assert error.value.returncode == 1


def test_the_format_option_forces_the_reader(tmp_path):
    path = tmp_path / "appel.vtt"
    path.write_bytes(VTT.encode())
    with pytest.raises(CommandError, match="^Ligne 1 : « Nom : texte » attendu, trouvé « WEBVTT »"):
        run(path, "--format", "text")


@pytest.mark.django_db
def test_an_unknown_advisor_is_a_command_error(call_file):
    with pytest.raises(CommandError, match="« Bob » n'apparaît pas"):
        run(call_file, "--advisor", "Bob")
