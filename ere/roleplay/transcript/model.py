"""The transcript analyzer's data: a transcript (lines said by speakers), and its analysis (figures and findings).

Plain dataclasses, no Django: the web view and the `analyze_transcript` command build them with `parse` and
`analyze`, and store or print `Analysis.to_dict()`.
"""

from dataclasses import asdict, dataclass, field


class TranscriptError(ValueError):
    """A transcript that cannot be read; the message is in French and names the line when it is known."""


@dataclass(frozen=True)
class Line:
    """One turn or segment, as displayed: a Transcriber segment, a WebVTT cue, a « Nom : texte » line."""

    number: int
    speaker: str
    text: str
    start: float | None = None
    end: float | None = None

    @property
    def duration(self):
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


@dataclass
class Transcript:
    lines: list[Line]
    format: str

    @property
    def timed(self):
        """True when every line has a start and an end."""
        return bool(self.lines) and all(line.start is not None and line.end is not None for line in self.lines)

    @property
    def speakers(self):
        """The speakers in order of first appearance."""
        return list(dict.fromkeys(line.speaker for line in self.lines))


@dataclass(frozen=True)
class Finding:
    """A remark on one line. `text` is quoted as said; `start`/`end` are its offsets in the line's text."""

    line: int
    speaker: str
    kind: str
    text: str
    suggestion: str
    start: int | None = None
    end: int | None = None
    positive: bool = False


@dataclass(frozen=True)
class Question:
    """A question sentence of a line, open or closed (see docs/transcript-analysis.md)."""

    line: int
    speaker: str
    kind: str  # "open" | "closed"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Filler:
    """One filler word as said (« euh », « du coup »), for every speaker."""

    line: int
    speaker: str
    word: str  # the lexicon entry: « heu » is counted as « euh »
    text: str  # as written in the line
    start: int
    end: int


@dataclass
class SpeakerStats:
    name: str
    words: int = 0
    talk_share: float = 0.0
    talk_share_time: float | None = None
    turns: int = 0
    longest_monologue_words: int = 0
    longest_monologue_s: float | None = None
    words_per_minute: float | None = None
    questions_open: int = 0
    questions_closed: int = 0
    fillers: dict = field(default_factory=dict)
    filler_rate: float = 0.0


@dataclass
class Analysis:
    speakers: list[SpeakerStats]
    findings: list[Finding]
    summary: dict
    advisor: str | None
    format: str = "text"
    timed: bool = False
    questions: list[Question] = field(default_factory=list)
    fillers: list[Filler] = field(default_factory=list)

    def findings_of(self, kind):
        return [f for f in self.findings if f.kind == kind]

    def speaker(self, name):
        return next((s for s in self.speakers if s.name == name), None)

    def to_dict(self):
        return {
            "format": self.format,
            "timed": self.timed,
            "advisor": self.advisor,
            "speakers": [asdict(s) for s in self.speakers],
            "findings": [asdict(f) for f in self.findings],
            "questions": [asdict(q) for q in self.questions],
            "fillers": [asdict(f) for f in self.fillers],
            "summary": self.summary,
        }
