"""Local speech-to-text: available only with a model and faster-whisper; the transcription task, with a stand-in
faster_whisper module (the real model is never downloaded nor run in tests)."""

import sys
import types
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ere.roleplay import speech, transcripts
from ere.roleplay.enums import TranscriptStatus
from ere.roleplay.models import Transcript
from ere.roleplay.tasks import transcribe_recording


class Segment:
    def __init__(self, start, end, text):
        self.start, self.end, self.text = start, end, text


SEGMENTS = {
    "mono": [Segment(0.0, 2.5, " Euh, bonjour, qu'est-ce qui vous amène ?"), Segment(3.0, 6.0, " Je veux recruter.")],
    "left": [Segment(0.0, 2.5, " Bonjour, qu'est-ce qui vous amène ?"), Segment(7.0, 9.0, " Très bien, je note.")],
    "right": [Segment(3.0, 6.0, " Je veux recruter un vendeur.")],
}


@pytest.fixture
def whisper(monkeypatch, settings, tmp_path):
    """A configured model and a stand-in `faster_whisper` that records how it is called."""
    settings.ROLEPLAY_WHISPER_MODEL = "small"
    settings.ROLEPLAY_WHISPER_DEVICE = "cpu"
    settings.MEDIA_ROOT = tmp_path
    calls = {"models": [], "transcribe": []}

    class WhisperModel:
        def __init__(self, name, device, compute_type):
            calls["models"].append((name, device, compute_type))

        def transcribe(self, audio, **options):
            calls["transcribe"].append((audio, options))
            if calls.get("fail"):
                raise RuntimeError("Invalid data found when processing input")
            key = audio if audio in ("left", "right") else "mono"
            return iter(SEGMENTS[key] if not calls.get("silent") else []), types.SimpleNamespace(duration=10.0)

    module = types.ModuleType("faster_whisper")
    module.WhisperModel = WhisperModel
    module.decode_audio = lambda path, split_stereo=False: ("left", "right")
    monkeypatch.setitem(sys.modules, "faster_whisper", module)
    return calls


def test_it_is_unavailable_without_a_model(settings):
    settings.ROLEPLAY_WHISPER_MODEL = ""
    assert speech.available() is False


def test_it_is_unavailable_without_the_package(settings, monkeypatch):
    settings.ROLEPLAY_WHISPER_MODEL = "small"
    monkeypatch.delitem(sys.modules, "faster_whisper", raising=False)
    assert speech.available() is False  # faster-whisper is not installed in this environment
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    assert speech.available() is False


def test_it_is_available_with_a_model_and_the_package(whisper):
    assert speech.available() is True


def test_it_asks_whisper_for_french_with_hesitations_kept(whisper):
    progress = []
    segments = speech.transcribe("/tmp/appel.wav", on_progress=progress.append)
    assert segments == [(0.0, 2.5, "Euh, bonjour, qu'est-ce qui vous amène ?"), (3.0, 6.0, "Je veux recruter.")]
    assert whisper["models"] == [("small", "cpu", "int8")]
    audio, options = whisper["transcribe"][0]
    assert audio == "/tmp/appel.wav"
    assert options["language"] == "fr"
    assert options["word_timestamps"] is False and options["vad_filter"] is False
    assert "Euh" in options["initial_prompt"] and "du coup" in options["initial_prompt"]
    assert progress == [0.25, 0.6]


def test_a_stereo_recording_gives_one_speaker_per_channel_in_time_order(whisper):
    lines = speech.transcribe_channels("/tmp/appel.wav")
    assert [(start, speaker) for start, _end, _text, speaker in lines] == [
        (0.0, "Locuteur 1"),
        (3.0, "Locuteur 2"),
        (7.0, "Locuteur 1"),
    ]


def upload(name="appel.mp3", content=b"ID3" + b"\x00" * 64, content_type="audio/mpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_recording_is_transcribed_analysed_and_deleted(
    login, agent, whisper, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(agent).post(
            reverse("roleplay:transcript_new"), {"audio": upload(), "format": "auto", "title": "Appel enregistré"}
        )
    transcript = Transcript.objects.get()
    assert response.status_code == 302
    assert response.url == transcript.get_absolute_url()
    assert transcript.status == TranscriptStatus.READY
    assert transcript.title == "Appel enregistré"
    assert transcript.source_format == "text"
    assert "[00:00:00.0 --> 00:00:02.5] Locuteur : Euh, bonjour" in transcript.source
    assert [line["speaker"] for line in transcript.analysis["lines"]] == ["Locuteur", "Locuteur"]
    assert transcript.analysis["lines"][1]["start"] == pytest.approx(3.0)
    assert not transcript.audio
    assert not any(Path(tmp_path).rglob("*.mp3"))

    page = login(agent).get(transcript.get_absolute_url()).content.decode()
    assert "les locuteurs sont à nommer" in page
    assert reverse("roleplay:transcript_edit", args=[transcript.pk]) in page


def test_a_stereo_recording_names_two_speakers(login, agent, whisper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login(agent).post(reverse("roleplay:transcript_new"), {"audio": upload(), "format": "auto", "stereo": "on"})
    transcript = Transcript.objects.get()
    assert [line["speaker"] for line in transcript.analysis["lines"]] == ["Locuteur 1", "Locuteur 2", "Locuteur 1"]


@pytest.mark.parametrize(
    ("flag", "message"),
    [("silent", "Aucune parole reconnue"), ("fail", "a échoué")],
)
def test_a_failed_transcription_says_why_and_deletes_the_recording(
    login, agent, whisper, tmp_path, django_capture_on_commit_callbacks, flag, message
):
    whisper[flag] = True
    with django_capture_on_commit_callbacks(execute=True):
        login(agent).post(reverse("roleplay:transcript_new"), {"audio": upload(), "format": "auto"})
    transcript = Transcript.objects.get()
    assert transcript.status == TranscriptStatus.FAILED
    assert message in transcript.error
    assert not transcript.audio
    assert not any(Path(tmp_path).rglob("*.mp3"))
    page = login(agent).get(transcript.get_absolute_url()).content.decode()
    assert "La transcription de l'enregistrement a échoué" in page


@pytest.mark.parametrize(
    ("name", "content_type", "message"),
    [
        ("appel.exe", "application/x-msdownload", "pas un enregistrement audio reconnu"),
        ("appel.mp3", "text/html", "pas un enregistrement audio reconnu"),
        ("appel.mp3", "audio/mpeg", "dépasse 1 Mo"),
    ],
)
def test_a_wrong_or_too_large_recording_is_refused(login, agent, whisper, settings, name, content_type, message):
    settings.ROLEPLAY_MAX_AUDIO_MB = 1
    content = b"\x00" * (2 * 1024 * 1024) if "dépasse" in message else b"ID3"
    response = login(agent).post(
        reverse("roleplay:transcript_new"), {"audio": upload(name, content, content_type), "format": "auto"}
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["audio"])
    assert not Transcript.objects.exists()


def test_the_form_offers_the_recording_only_when_a_model_is_configured(login, agent, whisper):
    content = login(agent).get(reverse("roleplay:transcript_new")).content.decode()
    assert 'name="audio"' in content
    assert "jamais envoyé à un service extérieur" in content
    assert "Aucun modèle de transcription locale" not in content


def test_the_task_runs_once(agent, whisper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        transcript = transcripts.start_transcription(agent, upload())
    assert transcript.__class__.objects.get().status == TranscriptStatus.READY
    assert transcribe_recording.call(transcript.pk) == "gone"
    assert transcribe_recording.call(0) == "gone"
