"""Local speech-to-text for call recordings, with faster-whisper (the optional `audio` extra), on this server only.

The recording is never sent to any external service: the model named by settings.ROLEPLAY_WHISPER_MODEL (a model
size such as « small », or the path of a converted CTranslate2 model) runs in the background worker, on
settings.ROLEPLAY_WHISPER_DEVICE (« cpu » or « cuda »), quantised to int8.

Whisper is trained on cleaned-up subtitles and tends to drop hesitations (« euh », « ben », « du coup »), which are
precisely what the analysis counts. The usual remedy is an `initial_prompt` that itself contains hesitations: the
model continues in the style of the prompt and keeps them (HESITANT_PROMPT). It lowers the loss, it does not remove
it: the filler counts of a transcribed recording are a lower bound.

Whisper does not tell speakers apart (no diarisation): every line is « Locuteur ». When the recording has one speaker
per channel (a stereo telephony recording), `transcribe_channels` transcribes each channel on its own and names them
« Locuteur 1 » (left) and « Locuteur 2 » (right). Either way the advisor then puts the real names in the text before
the analysis means anything.
"""

import importlib.util
import sys

from django.conf import settings

SPEAKER = "Locuteur"
HESITANT_PROMPT = "Euh, ben, du coup, voilà. Alors, euh, bon, en fait, je vous appelle pour, hum, votre offre."


def available():
    """True when a local model is configured and faster-whisper is installed (`pip install ere[audio]`)."""
    if not getattr(settings, "ROLEPLAY_WHISPER_MODEL", ""):
        return False
    try:
        return importlib.util.find_spec("faster_whisper") is not None
    except ValueError:  # in sys.modules without a spec (a stand-in), or None (import blocked)
        return sys.modules.get("faster_whisper") is not None
    except ImportError:
        return False


def _model():
    from faster_whisper import WhisperModel

    return WhisperModel(settings.ROLEPLAY_WHISPER_MODEL, device=settings.ROLEPLAY_WHISPER_DEVICE, compute_type="int8")


def _run(model, audio, on_progress=None, offset=0.0, share=1.0):
    segments, info = model.transcribe(
        audio, language="fr", word_timestamps=False, vad_filter=False, initial_prompt=HESITANT_PROMPT
    )
    duration = getattr(info, "duration", None) or 0
    result = []
    # `segments` is a generator: the model works while we iterate, which is when progress is known.
    for segment in segments:
        text = " ".join(segment.text.split())
        if text:
            result.append((float(segment.start), float(segment.end), text))
        if on_progress and duration:
            on_progress(min(1.0, offset + share * float(segment.end) / duration))
    return result


def transcribe(path, on_progress=None):
    """[(start s, end s, text)] of the recording at `path`; `on_progress(fraction)` is called as it goes."""
    return _run(_model(), str(path), on_progress)


def transcribe_channels(path, on_progress=None):
    """[(start s, end s, text, speaker)] of a stereo recording with one speaker per channel, in time order."""
    from faster_whisper import decode_audio

    model = _model()
    left, right = decode_audio(str(path), split_stereo=True)
    lines = []
    for n, channel in enumerate((left, right)):
        speaker = f"{SPEAKER} {n + 1}"
        for start, end, text in _run(model, channel, on_progress, offset=n / 2, share=0.5):
            lines.append((start, end, text, speaker))
    return sorted(lines, key=lambda line: (line[0], line[3]))
