"""Call transcripts: reading what the agent pastes or uploads, running the analyzer, and what the pages show of it.

What is stored (docs/roleplay-transcripts.md): `Transcript.source` keeps the text as given (decoded), so that the
analysis can be run again (another advisor, a richer glossary, a corrected text); `Transcript.analysis` keeps the
analyzer's `to_dict()` plus the parsed `lines` ({number, speaker, text, start, end}), so that the page shows exactly
the text the findings' character offsets point into, even if the parser changes later. While a recording is being
transcribed, `analysis` holds only {"progress": percent}.

Nothing here trusts its input: every error a person can cause is an `InputError` with a French message, raised
before anything is written.
"""

import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone

from ere.catalog.models import GlossaryTerm
from ere.catalog.search import fold
from ere.core.text import plural
from ere.roleplay import speech
from ere.roleplay import transcript as analyzer
from ere.roleplay.enums import RoleKind, TranscriptStatus
from ere.roleplay.models import Observation, Transcript

logger = logging.getLogger(__name__)

FORMATS = [
    ("auto", "Reconnaître le format"),
    ("text", "Texte « Nom : réplique »"),
    ("vtt", "Sous-titres WebVTT (.vtt)"),
    ("trs", "Transcriber (.trs)"),
]
EXTENSIONS = {".txt": "text", ".text": "text", ".vtt": "vtt", ".trs": "trs"}
AUDIO_EXTENSIONS = {".mp3", ".wav", ".m4a", ".ogg", ".oga", ".opus", ".flac", ".webm", ".aac", ".mp4"}

# The page's filters: a name in the URL (?voir=…) → its label and the finding kinds it shows.
POSITIVE_KINDS = {"reformulation", "name_use", "next_step"}
FILTERS = {
    "hesitations": ("Hésitations", {"filler"}),
    "questions": ("Questions", {"closed_questions", "question"}),
    "jargon": ("Jargon et sigles", {"jargon"}),
    "negatif": ("Tournures négatives", {"negative"}),
    "forces": ("Points forts", POSITIVE_KINDS),
}
KIND_LABELS = {
    "filler": "Hésitation",
    "negative": "Tournure négative",
    "jargon": "Jargon ou sigle",
    "long_monologue": "Longue tirade",
    "closed_questions": "Questions fermées",
    "question": "Question",
    "reformulation": "Reformulation",
    "name_use": "Appelle l'interlocuteur par son nom",
    "next_step": "Conclut sur une action",
    "no_next_step": "Pas d'action convenue",
}

# The comparison with the observation grid: a criterion whose label contains one of these (lower-case, without
# accents) is set beside the findings of those kinds. The first matching rule wins.
CRITERION_KINDS = [
    (("jargon", "sigle", "vocabulaire"), {"jargon"}),
    (("reformul",), {"reformulation"}),
    (("conclu", "action", "engagement", "suite"), {"next_step", "no_next_step"}),
    (("question",), {"closed_questions", "question"}),
    (("ecoute", "parole", "monologue"), {"long_monologue"}),
    (("nom", "personnalis"), {"name_use"}),
    (("positi", "negati", "formul"), {"negative"}),
    (("hesit", "fluid", "aisance"), {"filler"}),
]


class InputError(ValueError):
    """What a person got wrong, in French: empty, too large, unreadable, refused by the parser (the analyzer's
    TranscriptError, raised again as an InputError), an advisor who does not speak, a wrong recording."""


class AdvisorError(InputError):
    """The advisor named is not a speaker of the transcript."""


# ---------------------------------------------------------------------------------------------------------------
# Reading the input


def max_bytes():
    return settings.ROLEPLAY_MAX_TRANSCRIPT_KB * 1024


def check_size(size):
    if size == 0:
        raise InputError("La transcription est vide.")
    if size > max_bytes():
        raise InputError(
            f"La transcription dépasse {settings.ROLEPLAY_MAX_TRANSCRIPT_KB} ko : découpez l'appel en plusieurs "
            "parties."
        )


def decode(data):
    """The text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252 (Notepad, Word, Transcriber)."""
    if b"\x00" in data:
        raise InputError(
            "Ce fichier n'est pas un texte lisible (un document Word ou PDF ?) : enregistrez-le en texte brut (.txt)."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("Ce fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le en UTF-8.")


def read_upload(upload):
    """(text, format guessed from the extension or "auto") of an uploaded transcript file."""
    check_size(upload.size)
    data = b"".join(upload.chunks())
    return decode(data), EXTENSIONS.get(Path(upload.name).suffix.lower(), "auto")


def load_glossary():
    """{acronym: meaning} of the catalogue's glossary, for the jargon findings."""
    return dict(GlossaryTerm.objects.values_list("acronym", "meaning"))


def interlocutor_names(session):
    """« Mme Durand » from the interlocutor's card « Mme Durand, gérante », for the name-use finding."""
    if session is None:
        return ()
    card = session.scenario.card(RoleKind.INTERLOCUTOR)
    if card is None:
        return ()
    return (card.title.split(",")[0].strip(),)


def run_analysis(source, format="auto", advisor="", session=None, glossary=None):
    """(parsed transcript, analysis dict with its lines) of `source`; an InputError says what is wrong.

    `glossary` defaults to the catalogue's (pass it when analysing many transcripts in a row)."""
    check_size(len(source.encode()))
    if not source.strip():
        raise InputError("La transcription est vide.")
    try:
        parsed = analyzer.parse(source, format=format or "auto")
    except analyzer.TranscriptError as error:
        raise InputError(str(error)) from error
    if not parsed.lines:
        raise InputError("Aucune réplique trouvée dans cette transcription.")
    advisor = (advisor or "").strip()
    if advisor and advisor not in parsed.speakers:
        speakers = ", ".join(f"« {name} »" for name in parsed.speakers)
        raise AdvisorError(f"Aucune réplique de « {advisor} » dans la transcription. Locuteurs trouvés : {speakers}.")
    try:
        analysis = analyzer.analyze(
            parsed,
            glossary=load_glossary() if glossary is None else glossary,
            advisor=advisor or None,
            interlocutor_names=interlocutor_names(session),
        ).to_dict()
    except analyzer.TranscriptError as error:
        raise InputError(str(error)) from error
    analysis["lines"] = [
        {"number": line.number, "speaker": line.speaker, "text": line.text, "start": line.start, "end": line.end}
        for line in parsed.lines
    ]
    return parsed, analysis


def default_title(when=None):
    return f"Appel du {formats.date_format(timezone.localdate(when), 'j F Y')}"


# ---------------------------------------------------------------------------------------------------------------
# Creating, analysing again


def create_from_text(owner, text, *, title="", format="auto", advisor="", session=None):
    """A ready transcript of `text`, analysed; nothing is saved when an InputError is raised."""
    parsed, analysis = run_analysis(text, format, advisor, session)
    return Transcript.objects.create(
        owner=owner,
        session=session,
        title=title or default_title(),
        source=text,
        source_format=parsed.format,
        advisor=analysis.get("advisor") or "",
        status=TranscriptStatus.READY,
        analysis=analysis,
    )


def create_from_file(owner, upload, *, format="auto", **kwargs):
    text, guessed = read_upload(upload)
    return create_from_text(owner, text, format=guessed if format == "auto" else format, **kwargs)


def reanalyze(transcript, *, advisor=None, source=None, title=None):
    """Run the analysis again (with the current glossary), with another advisor or a corrected text."""
    source = transcript.source if source is None else source
    advisor = transcript.advisor if advisor is None else advisor
    format = transcript.source_format if source == transcript.source else "auto"
    parsed, analysis = run_analysis(source, format or "auto", advisor, transcript.session)
    transcript.source = source
    transcript.source_format = parsed.format
    transcript.advisor = analysis.get("advisor") or ""
    transcript.analysis = analysis
    transcript.status = TranscriptStatus.READY
    transcript.error = ""
    fields = ["source", "source_format", "advisor", "analysis", "status", "error"]
    if title:
        transcript.title = title
        fields.append("title")
    transcript.save(update_fields=fields)
    return transcript


# ---------------------------------------------------------------------------------------------------------------
# Recordings


def check_audio(upload):
    suffix = Path(upload.name).suffix.lower()
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0]
    if suffix not in AUDIO_EXTENSIONS or not (
        content_type.startswith(("audio/", "video/")) or content_type in ("", "application/octet-stream")
    ):
        known = ", ".join(sorted(ext.lstrip(".") for ext in AUDIO_EXTENSIONS))
        raise InputError(f"Ce fichier n'est pas un enregistrement audio reconnu ({known}).")
    if upload.size == 0:
        raise InputError("L'enregistrement est vide.")
    if upload.size > settings.ROLEPLAY_MAX_AUDIO_MB * 1024 * 1024:
        raise InputError(f"L'enregistrement dépasse {settings.ROLEPLAY_MAX_AUDIO_MB} Mo.")


def start_transcription(owner, upload, *, title="", session=None, stereo=False):
    """Store the recording and queue its local transcription; the page follows `status` until it is ready."""
    from ere.roleplay.tasks import transcribe_recording

    if not speech.available():
        raise InputError(
            "Aucun modèle de transcription locale n'est configuré : déposez une transcription (texte, WebVTT ou "
            "Transcriber)."
        )
    check_audio(upload)
    transcript = Transcript(
        owner=owner,
        session=session,
        title=title or default_title(),
        status=TranscriptStatus.TRANSCRIBING,
        analysis={"progress": 0},
    )
    transcript.audio.save(f"{timezone.now():%Y%m%d%H%M%S}{Path(upload.name).suffix.lower()}", upload, save=False)
    transcript.save()
    transaction.on_commit(lambda: transcribe_recording.enqueue(transcript.pk, stereo=stereo))
    return transcript


def clock(seconds):
    """75.4 → « 00:01:15 »."""
    seconds = int(seconds or 0)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def precise_clock(seconds):
    """2.5 → « 00:00:02.5 »."""
    tenths = round((seconds or 0) * 10)
    return f"{tenths // 36000:02d}:{tenths % 36000 // 600:02d}:{tenths % 600 // 10:02d}.{tenths % 10}"


def recording_text(segments):
    """The transcript of the segments [(start, end, text[, speaker])], one « [début --> fin] Locuteur : texte »
    line each: plain text, so that the advisor just types the real names over « Locuteur », and timed."""
    lines = []
    for segment in segments:
        start, end, text = segment[:3]
        speaker = segment[3] if len(segment) > 3 else speech.SPEAKER
        lines.append(f"[{precise_clock(start)} --> {precise_clock(end)}] {speaker} : {text}")
    return "\n".join(lines) + "\n"


def has_unnamed_speakers(analysis):
    """True while a transcribed recording still has « Locuteur » speakers for the advisor to name."""
    return any(
        line["speaker"] == speech.SPEAKER or line["speaker"].startswith(f"{speech.SPEAKER} ")
        for line in analysis.get("lines", [])
    )


def transcribe(transcript, stereo=False):
    """The background job: recording → text → analysis; the recording is deleted whatever happens."""
    last = [-1]

    def on_progress(fraction):
        percent = int(100 * fraction)
        if percent >= last[0] + 5:
            last[0] = percent
            Transcript.objects.filter(pk=transcript.pk).update(analysis={"progress": percent})

    try:
        if not speech.available():
            raise InputError(
                "La transcription locale n'est plus configurée sur ce serveur : déposez une transcription écrite."
            )
        path = transcript.audio.path
        segments = (speech.transcribe_channels if stereo else speech.transcribe)(path, on_progress=on_progress)
        if not segments:
            raise InputError("Aucune parole reconnue dans l'enregistrement.")
        source = recording_text(segments)
        parsed, analysis = run_analysis(source, "text", "", transcript.session)
    except InputError as error:
        transcript.status, transcript.error = TranscriptStatus.FAILED, str(error)
        transcript.analysis = {}
    except Exception:
        logger.exception("Transcription of recording %s failed", transcript.pk)
        transcript.status = TranscriptStatus.FAILED
        transcript.error = (
            "La transcription de l'enregistrement a échoué (fichier illisible ou abîmé ?). Essayez un autre format "
            "(MP3, WAV) ou déposez une transcription écrite."
        )
        transcript.analysis = {}
    else:
        transcript.source, transcript.source_format = source, parsed.format
        transcript.advisor = analysis.get("advisor") or ""
        transcript.analysis, transcript.status, transcript.error = analysis, TranscriptStatus.READY, ""
    finally:
        if transcript.audio:
            transcript.audio.delete(save=False)
    transcript.save(update_fields=["source", "source_format", "advisor", "analysis", "status", "error", "audio"])
    return transcript.status


# ---------------------------------------------------------------------------------------------------------------
# What the pages show


@dataclass
class Note:
    number: int
    kind: str
    label: str
    text: str
    suggestion: str
    positive: bool
    marked: bool
    line: int | None = None


@dataclass
class ShownLine:
    number: int
    speaker: str
    start: float | None
    parts: list = field(default_factory=list)  # (text, note or None)
    notes: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    is_advisor: bool = False

    @property
    def time(self):
        return clock(self.start) if self.start is not None else ""


def finding_kinds(finding):
    return {finding.get("kind")}


def _note(number, finding):
    kind = finding.get("kind", "")
    return Note(
        number=number,
        kind=kind,
        label=finding.get("label") or KIND_LABELS.get(kind, kind),
        text=finding.get("text") or "",
        suggestion=finding.get("suggestion") or "",
        positive=bool(finding.get("positive")),
        marked=False,
        line=finding.get("line"),
    )


def split_line(text, notes_with_spans):
    """Cut `text` into parts, (text, note) for the marked words, (text, None) between; overlapping spans after the
    first are left unmarked (their note is still listed under the line)."""
    parts, position = [], 0
    for note, start, end in sorted(notes_with_spans, key=lambda item: (item[1], -item[2])):
        if start < position or start >= end or end > len(text):
            continue
        if start > position:
            parts.append((text[position:start], None))
        parts.append((text[start:end], note))
        note.marked = True
        position = end
    if position < len(text):
        parts.append((text[position:], None))
    return parts


def shown_lines(transcript, show="", comments=()):
    """The lines of the page: text cut around the findings (only the kinds of filter `show`, and only the lines
    with such a finding when a filter is on), each finding a numbered note, each comment on its line."""
    analysis = transcript.analysis or {}
    wanted = FILTERS[show][1] if show in FILTERS else None
    by_line = {}
    findings = list(analysis.get("findings", []))
    if show == "questions":
        findings += question_findings(analysis)
    for finding in findings:
        if finding.get("line") is None:
            continue
        if wanted is not None and not finding_kinds(finding) & wanted:
            continue
        by_line.setdefault(finding["line"], []).append(finding)
    comments_by_line = {}
    for comment in comments:
        if comment.line is not None:
            comments_by_line.setdefault(comment.line, []).append(comment)
    lines, number = [], 0
    for line in analysis.get("lines", []):
        findings = by_line.get(line["number"], [])
        if wanted is not None and not findings:
            continue
        notes, spans = [], []
        for finding in findings:
            number += 1
            note = _note(number, finding)
            notes.append(note)
            if isinstance(finding.get("start"), int) and isinstance(finding.get("end"), int):
                spans.append((note, finding["start"], finding["end"]))
        lines.append(
            ShownLine(
                number=line["number"],
                speaker=line["speaker"],
                start=line.get("start"),
                parts=split_line(line["text"], spans),
                notes=notes,
                comments=comments_by_line.get(line["number"], []),
                is_advisor=line["speaker"] == transcript.advisor,
            )
        )
    return lines


QUESTION_ADVICE = {
    "open": "Question ouverte : elle laisse l'interlocuteur développer.",
    "closed": "Question fermée : elle appelle un oui ou un non. Pour faire parler, ouvrez-la : « Comment… », "
    "« Qu'est-ce que… », « Parlez-moi de… ».",
}


def question_findings(analysis):
    """The advisor's questions as findings of kind « question », for the questions filter (open ones count as
    strengths)."""
    advisor = analysis.get("advisor")
    return [
        {
            "line": question["line"],
            "speaker": question["speaker"],
            "kind": "question",
            "text": question["text"],
            "suggestion": QUESTION_ADVICE.get(question.get("kind"), ""),
            "start": question.get("start"),
            "end": question.get("end"),
            "positive": question.get("kind") == "open",
            "label": "Question ouverte" if question.get("kind") == "open" else "Question fermée",
        }
        for question in analysis.get("questions", [])
        if question.get("speaker") == advisor
    ]


def general_notes(transcript):
    """The findings about the whole call (no line), e.g. « no action agreed »."""
    findings = (transcript.analysis or {}).get("findings", [])
    return [_note(n, finding) for n, finding in enumerate(findings, 1) if finding.get("line") is None]


def advisor_figures(analysis):
    """The advisor's figures in an analysis, or None."""
    advisor = analysis.get("advisor")
    return next((row for row in analysis.get("speakers", []) if row.get("name") == advisor), None)


def speaker_rows(analysis):
    """The analysis' rows per speaker, with what the table shows: share of the talk in %, hesitations per 100 words
    and the hesitations heard (« euh × 4, du coup × 2 »)."""
    rows = []
    for row in analysis.get("speakers", []):
        fillers = row.get("fillers") or {}
        words = row.get("words") or 0
        rows.append(
            {
                **row,
                "talk_percent": round(100 * (row.get("talk_share") or 0)),
                "filler_per_100": _ratio(sum(fillers.values()), words, 100) or 0,
                "filler_list": ", ".join(
                    f"{word} × {count}" for word, count in sorted(fillers.items(), key=lambda item: -item[1])
                ),
            }
        )
    return rows


def _ratio(part, whole, scale=1):
    return round(scale * part / whole, 1) if whole else None


def metrics(analysis):
    """The four figures followed over time, for the advisor: hesitations per 100 words, share of open questions
    (%), jargon per 1,000 words, share of the talk (%)."""
    figures = advisor_figures(analysis)
    if not figures or not figures.get("words"):
        return None
    words = figures["words"]
    fillers = sum((figures.get("fillers") or {}).values())
    opened, closed = figures.get("questions_open") or 0, figures.get("questions_closed") or 0
    jargon = sum(
        1
        for finding in analysis.get("findings", [])
        if finding.get("kind") == "jargon" and finding.get("speaker") == analysis.get("advisor")
    )
    return {
        "filler_rate": _ratio(fillers, words, 100),
        "open_share": _ratio(opened, opened + closed, 100),
        "jargon_rate": _ratio(jargon, words, 1000),
        "talk_share": round(100 * figures["talk_share"]) if figures.get("talk_share") is not None else None,
    }


METRICS = [
    ("filler_rate", "Hésitations pour 100 mots", "moins, c'est mieux"),
    ("open_share", "Questions ouvertes (% de vos questions)", "plus, c'est mieux"),
    ("jargon_rate", "Sigles et jargon pour 1 000 mots", "moins, c'est mieux"),
    ("talk_share", "Votre temps de parole (% des mots)", "autour de 40 à 60 %, l'échange est équilibré"),
]


@dataclass
class Point:
    transcript: Transcript
    when: datetime.datetime
    values: dict

    @property
    def cells(self):
        """The values in the order of METRICS, for the table."""
        return [self.values.get(key) for key, _label, _hint in METRICS]


def progress(user):
    """The user's own ready transcripts in time order, with their figures (those without an advisor are left out)."""
    points = []
    queryset = Transcript.objects.filter(owner=user, status=TranscriptStatus.READY).order_by("created_at", "pk")
    for transcript in queryset.only("pk", "title", "created_at", "analysis", "advisor"):
        values = metrics(transcript.analysis or {})
        if values:
            points.append(Point(transcript, transcript.created_at, values))
    return points


def criterion_kinds(label):
    """The finding kinds a grid criterion is compared with (CRITERION_KINDS), or an empty set."""
    plain = fold(label)
    for keywords, kinds in CRITERION_KINDS:
        if any(keyword in plain for keyword in keywords):
            return kinds
    return set()


@dataclass
class GridRow:
    criterion: object
    observations: list
    findings: list
    figure: str
    kinds: set = field(default_factory=set)


def comparison(transcript):
    """The session's grid beside the analysis: per criterion, each observer's level and note, the related findings
    of the advisor, and a one-line figure when there is one (e.g. the open/closed questions)."""
    session = transcript.session
    if session is None:
        return []
    analysis = transcript.analysis or {}
    observations = {}
    for observation in Observation.objects.filter(session=session).select_related("observer").order_by("pk"):
        observations.setdefault(observation.criterion_id, []).append(observation)
    advisor = analysis.get("advisor")
    figures = advisor_figures(analysis) or {}
    rows = []
    for criterion in session.scenario.criteria.all():
        kinds = criterion_kinds(criterion.label)
        findings = [
            _note(n, finding)
            for n, finding in enumerate(analysis.get("findings", []), 1)
            if finding.get("kind") in kinds and finding.get("speaker") in (advisor, None)
        ]
        figure = ""
        if kinds & {"question", "closed_questions"} and figures:
            opened, closed = figures.get("questions_open", 0), figures.get("questions_closed", 0)
            figure = f"{plural(opened, 'question ouverte', 'questions ouvertes')}, {plural(closed, 'fermée')}"
        elif "jargon" in kinds:
            count = sum(1 for f in findings if f.kind == "jargon")
            figure = plural(count, "sigle ou terme de jargon", "sigles ou termes de jargon")
        rows.append(GridRow(criterion, observations.get(criterion.pk, []), findings, figure, kinds))
    return rows
