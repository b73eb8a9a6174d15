"""Read a call transcript: « Nom : texte » text, WebVTT (Teams, Zoom) or Transcriber (.trs) into a `Transcript`.

`parse(data)` takes the file's bytes (or a str) and detects the format: a « WEBVTT » header is WebVTT, an XML
document with a <Trans> element is Transcriber, anything else is text. Every error is a `TranscriptError` with a
French message that names the line when it is known. See docs/transcript-analysis.md for the accepted shapes.
"""

import html
import io
import re

import webvtt
from defusedxml import DefusedXmlException, ElementTree
from webvtt.errors import MalformedCaptionError, MalformedFileError

from .model import Line, Transcript, TranscriptError

FORMATS = ("text", "vtt", "trs")
_ALIASES = {"txt": "text", "texte": "text", "webvtt": "vtt", "transcriber": "trs", "xml": "trs"}
UNKNOWN_SPEAKER = "Inconnu"

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# « [00:01:05] Nom : texte », « 00:01:05 - Nom : texte », « [00:01:05 --> 00:01:09] Nom : texte », « Nom: texte ».
_TEXT_LINE = re.compile(
    rf"^\s*(?:[\[(]?(?P<time>{_TIME})(?:\s*(?:-->|-|–|à)\s*(?P<end>{_TIME}))?[\])]?\s*[-–—]?\s*)?"
    r"(?P<speaker>[^\W\d_][^:?!,;«»\"\[\]()]{0,59}?)\s*:(?:\s+(?P<text>.*)|\s*)$"
)
_LEADING_TIME = re.compile(rf"^\s*[\[(]?({_TIME})[\])]?\s")
# Lower-case words allowed in a speaker label: the particles of names (« Jean de La Tour », « Ibn el Hadj »).
_PARTICLES = {"de", "du", "des", "la", "le", "d'", "van", "von", "der", "den", "di", "da", "dos", "el", "ibn", "y"}
_MAX_LABEL_WORDS = 5
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"</?[^>]*>")
_VTT_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$")


def parse(data, format="auto"):
    """A `Transcript` from the bytes or text of a file; `format` is "auto", "text", "vtt" or "trs"."""
    name = _ALIASES.get((format or "auto").lower(), (format or "auto").lower())
    if name != "auto" and name not in FORMATS:
        raise TranscriptError(f"Format « {format} » inconnu : choisissez auto, text, vtt ou trs.")
    if isinstance(data, bytes):
        data = data.removeprefix(b"\xef\xbb\xbf")
    elif isinstance(data, str):
        data = data.removeprefix("\ufeff")
    else:
        raise TranscriptError("La transcription doit être un texte ou le contenu d'un fichier.")
    if name == "auto":
        name = detect_format(data)
    if name == "trs":
        lines = _parse_trs(data)
    else:
        text = _decode(data) if isinstance(data, bytes) else data
        lines = _parse_vtt(text) if name == "vtt" else _parse_text(text)
    if not lines:
        raise TranscriptError("La transcription est vide : aucune réplique n'a été trouvée.")
    return Transcript(lines=lines, format=name)


def detect_format(data):
    head = data[:4096]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("<?xml") or re.match(r"<(?:!DOCTYPE\s+)?Trans\b", head):
        return "trs"
    return "text"


def _decode(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined: Latin-1 reads any byte.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _clean(text):
    return " ".join(text.split())


def _seconds(value):
    """« 01:02:03,5 », « 02:03 » → seconds."""
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _is_label(label, known):
    if label in known:
        return True
    words = label.split()
    if not words or len(words) > _MAX_LABEL_WORDS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _PARTICLES for w in words)


def _parse_text(text):
    """« Nom : texte » lines; a line without a speaker continues the previous turn."""
    rows = []  # [speaker, text, start, end, source line]
    known = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        match = _TEXT_LINE.match(raw)
        if match and _is_label(match["speaker"].strip(), known):
            speaker = _clean(match["speaker"])
            known.add(speaker)
            start = _seconds(match["time"]) if match["time"] else None
            end = _seconds(match["end"]) if match["end"] else None
            rows.append([speaker, _clean(match["text"] or ""), start, end, number])
        elif rows:
            rows[-1][1] = _clean(f"{rows[-1][1]} {raw}")
        else:
            found = raw.strip()
            found = found if len(found) <= 40 else found[:40] + "…"
            raise TranscriptError(f"Ligne {number} : « Nom : texte » attendu, trouvé « {found} ».")
    rows = [row for row in rows if row[1]]
    _fill_text_ends(rows)
    return [Line(i, speaker, text, start, end) for i, (speaker, text, start, end, _) in enumerate(rows, start=1)]


def _fill_text_ends(rows):
    """A line without an end time ends when the next one starts. The last line, when every other line is timed,
    lasts its words at the call's own pace (words spoken before it / time elapsed before it)."""
    for row, following in zip(rows, rows[1:], strict=False):
        if row[2] is not None and row[3] is None and following[2] is not None and following[2] >= row[2]:
            row[3] = following[2]
    if len(rows) >= 2 and rows[-1][2] is not None and rows[-1][3] is None:
        elapsed = rows[-1][2] - rows[0][2] if rows[0][2] is not None else 0
        words = sum(len(row[1].split()) for row in rows[:-1])
        if elapsed > 0 and words and all(row[3] is not None for row in rows[:-1]):
            rows[-1][3] = round(rows[-1][2] + len(rows[-1][1].split()) * elapsed / words, 3)


def _vtt_seconds(value, cue):
    match = _VTT_TIME.match(value.strip())
    if not match:
        raise TranscriptError(f"Fichier WebVTT : horaire illisible « {value} » (réplique {cue}).")
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def _parse_vtt(text):
    """One line per cue (per voice when a cue holds several <v> voices). The speaker is the cue's <v Nom>
    (Teams), else a « Nom: » at the start of its text (Zoom), else the previous cue's speaker, else « Inconnu »."""
    try:
        captions = list(webvtt.from_buffer(io.StringIO(text)))
    except (MalformedFileError, MalformedCaptionError):
        raise TranscriptError(
            "Fichier WebVTT illisible : il doit commencer par « WEBVTT », puis des répliques précédées de leurs "
            "horaires (« 00:00:01.500 --> 00:00:04.000 »)."
        ) from None
    rows, previous, known = [], None, set()
    for index, caption in enumerate(captions, start=1):
        start, end = _vtt_seconds(caption.start, index), _vtt_seconds(caption.end, index)
        parts = _VOICE.split(caption.raw_text.replace("\n", " "))
        segments = [(None, parts[0])] + [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]
        for voice, raw in segments:
            said = _clean(html.unescape(_TAG.sub("", raw)))
            if not said:
                continue
            speaker = voice
            if not speaker:
                match = _TEXT_LINE.match(said)
                if match and match["text"] and _is_label(match["speaker"].strip(), known):
                    speaker, said = _clean(match["speaker"]), _clean(match["text"])
            speaker = speaker or previous or UNKNOWN_SPEAKER
            known.add(speaker)
            previous = speaker
            rows.append((speaker, said, start, end))
    return [Line(i, speaker, said, start, end) for i, (speaker, said, start, end) in enumerate(rows, start=1)]


def _parse_trs(data):
    """Transcriber: <Turn speaker="spk1"> split into segments by <Sync time>, overlapping speech as
    speaker="spk1 spk2" with <Who nb="1"/> markers. <Event>, <Comment>, <Background> are left out, not the text
    around them. Bytes go to the XML parser as they are, so the encoding declaration (often ISO-8859-1) holds."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        message = str(error).split(":")[0]
        where = f" (ligne {line})" if line else ""
        raise TranscriptError(f"Fichier Transcriber illisible : {message}{where}.") from None
    except DefusedXmlException:
        raise TranscriptError(
            "Fichier Transcriber refusé : il déclare des entités ou des références externes XML, "
            "refusées pour la sécurité du service."
        ) from None
    if root.tag != "Trans":
        raise TranscriptError(
            f"Fichier XML sans élément <Trans> (trouvé <{root.tag}>) : ce n'est pas un fichier Transcriber."
        )
    names = {s.get("id"): (s.get("name") or s.get("id")) for s in root.iter("Speaker")}
    rows = []
    for turn_index, turn in enumerate(root.iter("Turn"), start=1):
        speakers = [names.get(i, i) for i in (turn.get("speaker") or "").split()] or [UNKNOWN_SPEAKER]
        turn_start = _trs_time(turn.get("startTime"), turn_index)
        turn_end = _trs_time(turn.get("endTime"), turn_index)
        pieces = [[turn_start, 0, turn.text or ""]]
        for child in turn:
            if child.tag == "Sync":
                pieces.append([_trs_time(child.get("time"), turn_index), pieces[-1][1], ""])
            elif child.tag == "Who":
                nb = _trs_int(child.get("nb"), turn_index)
                pieces.append([pieces[-1][0], nb - 1, ""])
            pieces[-1][2] += child.tail or ""
        times = [piece[0] for piece in pieces]
        for index, (start, who, raw) in enumerate(pieces):
            said = _clean(raw)
            if not said:
                continue
            later = [t for t in times[index + 1 :] if t is not None and start is not None and t > start]
            end = later[0] if later else turn_end
            speaker = speakers[who] if 0 <= who < len(speakers) else speakers[0]
            rows.append((speaker, said, start, end))
    return [Line(i, speaker, said, start, end) for i, (speaker, said, start, end) in enumerate(rows, start=1)]


def _trs_time(value, turn):
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise TranscriptError(
            f"Fichier Transcriber : horaire illisible « {value} » (tour de parole {turn})."
        ) from None


def _trs_int(value, turn):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise TranscriptError(f"Fichier Transcriber : marque <Who> illisible (tour de parole {turn}).") from None
