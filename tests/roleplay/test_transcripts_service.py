"""The transcripts service: reading input, storing the analysis and its lines, progress, the grid comparison."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ere.roleplay import transcripts
from ere.roleplay.enums import TranscriptStatus
from ere.roleplay.models import Transcript
from tests.catalog.factories import GlossaryTermFactory
from tests.roleplay.factories import ObservationFactory, ParticipantFactory, PlaySessionFactory, TranscriptFactory

CALL = """Sophie : Euh, bonjour, je vous appelle pour votre offre. Vous avez fait la DPAE ?
M. Martin : Non, pas encore.
Sophie : Si je comprends bien, vous recrutez un vendeur pour le matin. Qu'est-ce qui compte le plus pour vous ?
M. Martin : La ponctualité.
Sophie : Je vous envoie deux profils d'ici jeudi.
"""

BETTER = """Sophie : Bonjour Madame Durand, qu'est-ce qui vous amène ?
Mme Durand : Je veux recruter.
Sophie : Comment imaginez-vous le poste ? Qu'est-ce qui compte pour vous ?
Mme Durand : Le sourire.
Sophie : Si je comprends bien, le contact client d'abord. Je vous envoie une offre demain.
"""


@pytest.fixture
def dpae(db):
    return GlossaryTermFactory(acronym="DPAE", meaning="déclaration préalable à l'embauche")


def finding(transcript, kind):
    return next(f for f in transcript.analysis["findings"] if f["kind"] == kind)


def test_it_stores_the_text_the_analysis_and_the_parsed_lines(agent, dpae):
    transcript = transcripts.create_from_text(agent, CALL, title="Appel Martin")
    transcript.refresh_from_db()
    assert transcript.owner == agent
    assert transcript.title == "Appel Martin"
    assert transcript.status == TranscriptStatus.READY
    assert transcript.source == CALL
    assert transcript.source_format == "text"
    assert transcript.advisor == "Sophie"
    lines = transcript.analysis["lines"]
    assert [(line["number"], line["speaker"]) for line in lines][:2] == [(1, "Sophie"), (2, "M. Martin")]
    assert {f["kind"] for f in transcript.analysis["findings"]} >= {"filler", "jargon", "reformulation"}
    jargon = finding(transcript, "jargon")
    text = lines[jargon["line"] - 1]["text"]
    assert text[jargon["start"] : jargon["end"]] == "DPAE"


def test_a_transcript_without_a_title_is_named_after_its_day(agent):
    transcript = transcripts.create_from_text(agent, CALL)
    assert transcript.title.startswith("Appel du ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "vide"),
        ("   \n\n  ", "vide"),
    ],
)
def test_it_refuses_an_empty_transcript_and_saves_nothing(agent, text, message):
    with pytest.raises(transcripts.InputError, match=message):
        transcripts.create_from_text(agent, text)
    assert not Transcript.objects.exists()


def test_it_refuses_a_transcript_over_the_size_limit(agent, settings):
    settings.ROLEPLAY_MAX_TRANSCRIPT_KB = 1
    with pytest.raises(transcripts.InputError, match="dépasse 1 ko"):
        transcripts.create_from_text(agent, CALL * 20)
    assert not Transcript.objects.exists()


def test_it_refuses_an_advisor_who_does_not_speak(agent):
    with pytest.raises(transcripts.AdvisorError, match="Aucune réplique de « Julien »"):
        transcripts.create_from_text(agent, CALL, advisor="Julien")
    assert not Transcript.objects.exists()


def test_it_reads_utf8_with_a_bom_and_windows_1252():
    assert transcripts.decode("\ufeffSophie : Déjà ?".encode()) == "Sophie : Déjà ?"
    assert transcripts.decode("Sophie : Déjà ?".encode("cp1252")) == "Sophie : Déjà ?"


def test_it_refuses_a_binary_file():
    with pytest.raises(transcripts.InputError, match="pas un texte lisible"):
        transcripts.decode(b"PK\x03\x04\x00\x00word/document.xml")


def test_it_refuses_bytes_that_no_encoding_reads():
    with pytest.raises(transcripts.InputError, match="ni en UTF-8 ni en Windows-1252"):
        transcripts.decode(b"Sophie : \x81\x8d\x8f\x90\x9d")


def test_a_file_s_extension_gives_its_format(agent):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Sophie>Bonjour, qu'est-ce qui vous amène ?\n\n"
    vtt += "00:00:03.500 --> 00:00:05.000\n<v Mme Durand>Je veux recruter.\n"
    upload = SimpleUploadedFile("appel.vtt", vtt.encode(), content_type="text/vtt")
    transcript = transcripts.create_from_file(agent, upload, advisor="Sophie")
    assert transcript.source_format == "vtt"
    assert transcript.analysis["timed"] is True
    assert transcript.analysis["lines"][0]["start"] == pytest.approx(1.0)


def test_reanalyze_changes_the_advisor_and_uses_the_current_glossary(agent):
    text = CALL.replace("la DPAE", "le dossier QZWV")
    transcript = transcripts.create_from_text(agent, text)
    assert not [f for f in transcript.analysis["findings"] if f["text"] == "QZWV"]
    GlossaryTermFactory(acronym="QZWV", meaning="questionnaire de zone")
    transcripts.reanalyze(transcript)
    assert [f for f in transcript.analysis["findings"] if f["kind"] == "jargon" and f["text"] == "QZWV"]
    transcripts.reanalyze(transcript, advisor="M. Martin")
    transcript.refresh_from_db()
    assert transcript.advisor == "M. Martin"
    assert transcript.analysis["advisor"] == "M. Martin"


def test_reanalyze_keeps_everything_when_the_new_text_is_wrong(agent):
    transcript = transcripts.create_from_text(agent, CALL)
    with pytest.raises(transcripts.InputError):
        transcripts.reanalyze(transcript, source="   ")
    transcript.refresh_from_db()
    assert transcript.source == CALL


# ---------------------------------------------------------------------------------------------------------------
# What the page shows


def test_split_line_marks_the_exact_words_and_skips_overlaps():
    note_a = transcripts.Note(1, "filler", "Hésitation", "euh", "", False, False)
    note_b = transcripts.Note(2, "jargon", "Jargon", "euh bon", "", False, False)
    note_c = transcripts.Note(3, "jargon", "Jargon", "DPAE", "", False, False)
    parts = transcripts.split_line("Euh bon, la DPAE.", [(note_a, 0, 3), (note_b, 0, 7), (note_c, 12, 16)])
    assert parts == [("Euh bon", note_b), (", la ", None), ("DPAE", note_c), (".", None)]
    assert not note_a.marked and note_b.marked and note_c.marked


def test_shown_lines_number_the_notes_and_filter_by_kind(agent, dpae):
    transcript = transcripts.create_from_text(agent, CALL)
    lines = transcripts.shown_lines(transcript)
    assert len(lines) == 5
    numbers = [note.number for line in lines for note in line.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    marked = [(text, note.kind) for line in lines for text, note in line.parts if note]
    assert ("DPAE", "jargon") in marked
    assert any(kind == "filler" and text.lower() == "euh" for text, kind in marked)

    jargon = transcripts.shown_lines(transcript, "jargon")
    assert [line.number for line in jargon] == [1]
    assert {note.kind for note in jargon[0].notes} == {"jargon"}
    strengths = transcripts.shown_lines(transcript, "forces")
    assert strengths and all(note.positive for line in strengths for note in line.notes)


def test_comments_on_a_line_are_shown_on_it(agent):
    transcript = transcripts.create_from_text(agent, CALL)
    comment = transcript.comments.create(author=agent, line=3, text="Belle reformulation")
    transcript.comments.create(author=agent, text="Sur tout l'appel")
    lines = transcripts.shown_lines(transcript, comments=transcript.comments.all())
    assert lines[2].comments == [comment]
    assert all(not line.comments for n, line in enumerate(lines) if n != 2)


# ---------------------------------------------------------------------------------------------------------------
# Progress


def test_progress_follows_the_owner_s_own_transcripts_in_time_order(agent, champion, dpae):
    earlier = transcripts.create_from_text(agent, CALL, title="Avant")
    later = transcripts.create_from_text(agent, BETTER, title="Après")
    Transcript.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - datetime.timedelta(days=14))
    transcripts.create_from_text(champion, CALL, title="Pas à moi")
    TranscriptFactory(owner=agent, status=TranscriptStatus.TRANSCRIBING, analysis={"progress": 40})

    points = transcripts.progress(agent)
    assert [point.transcript.title for point in points] == ["Avant", "Après"]
    before, after = (point.values for point in points)
    assert before["filler_rate"] > after["filler_rate"] == 0
    assert before["jargon_rate"] > after["jargon_rate"] == 0
    assert after["open_share"] == 100
    assert before["open_share"] < 100
    assert 0 < before["talk_share"] < 100
    assert points[1].cells == [after[key] for key, _label, _hint in transcripts.METRICS]
    assert later.pk == points[1].transcript.pk


def test_metrics_are_those_of_the_advisor():
    analysis = {
        "advisor": "Sophie",
        "speakers": [
            {"name": "Sophie", "words": 200, "talk_share": 0.55, "questions_open": 3, "questions_closed": 1,
             "fillers": {"euh": 4, "du coup": 2}},
            {"name": "M. Martin", "words": 160, "talk_share": 0.45, "questions_open": 0, "questions_closed": 5,
             "fillers": {"euh": 30}},
        ],
        "findings": [
            {"kind": "jargon", "speaker": "Sophie"},
            {"kind": "jargon", "speaker": "M. Martin"},
        ],
    }  # fmt: skip
    assert transcripts.metrics(analysis) == {
        "filler_rate": 3.0,
        "open_share": 75.0,
        "jargon_rate": 5.0,
        "talk_share": 55,
    }
    assert transcripts.metrics({"advisor": "Personne", "speakers": []}) is None


# ---------------------------------------------------------------------------------------------------------------
# The observation grid


@pytest.mark.parametrize(
    ("label", "kinds"),
    [
        ("Évite le jargon", {"jargon"}),
        ("Reformule le besoin", {"reformulation"}),
        ("Conclut sur une action datée", {"next_step", "no_next_step"}),
        ("Pose des questions ouvertes", {"closed_questions", "question"}),
        ("Se présente", set()),
    ],
)
def test_a_criterion_is_compared_with_the_findings_its_label_names(label, kinds):
    assert transcripts.criterion_kinds(label) == kinds


def test_the_comparison_sets_each_observer_s_level_beside_the_findings(agent, trainer, dpae):
    session = PlaySessionFactory(facilitator=trainer)
    ParticipantFactory(session=session, user=agent)
    reformulate, jargon, conclude = session.scenario.criteria.all()
    ObservationFactory(session=session, observer=trainer, criterion=jargon, level=2, note="Deux sigles")
    ObservationFactory(session=session, observer=trainer, criterion=reformulate, level=4)
    transcript = transcripts.create_from_text(agent, CALL, session=session)

    rows = {row.criterion.label: row for row in transcripts.comparison(transcript)}
    assert list(rows) == ["Reformule le besoin", "Évite le jargon", "Conclut sur une action datée"]
    assert [(o.level, o.note) for o in rows["Évite le jargon"].observations] == [(2, "Deux sigles")]
    assert {note.kind for note in rows["Évite le jargon"].findings} == {"jargon"}
    assert rows["Évite le jargon"].figure == "1 sigle ou terme de jargon"
    assert {note.kind for note in rows["Reformule le besoin"].findings} == {"reformulation"}
    assert rows["Conclut sur une action datée"].observations == []
    assert transcripts.comparison(transcripts.create_from_text(agent, CALL)) == []


# ---------------------------------------------------------------------------------------------------------------
# Recordings


def test_a_recording_becomes_a_timed_transcript_of_one_speaker(agent):
    text = transcripts.recording_text([(0.0, 2.5, "Euh, bonjour."), (3.0, 65.25, "Je vous appelle pour l'offre.")])
    assert text.splitlines() == [
        "[00:00:00.0 --> 00:00:02.5] Locuteur : Euh, bonjour.",
        "[00:00:03.0 --> 00:01:05.2] Locuteur : Je vous appelle pour l'offre.",
    ]
    _parsed, analysis = transcripts.run_analysis(text, "text")
    assert [(line["speaker"], line["start"], line["end"]) for line in analysis["lines"]] == [
        ("Locuteur", 0.0, 2.5),
        ("Locuteur", 3.0, 65.2),
    ]
    assert transcripts.has_unnamed_speakers(analysis)
    assert not transcripts.has_unnamed_speakers({"lines": [{"speaker": "Sophie"}]})
