"""The call-transcript analyzer (a pure package: no Django). `parse` reads a file, `analyze` gives the feedback.

    from ere.roleplay.transcript import analyze, parse
    analysis = analyze(parse(data), glossary={"DPAE": "déclaration préalable à l'embauche"})
    analysis.to_dict()

See docs/transcript-analysis.md.
"""

from .analyzer import analyze
from .model import Analysis, Filler, Finding, Line, Question, SpeakerStats, Transcript, TranscriptError
from .parsers import parse

__all__ = [
    "Analysis",
    "Filler",
    "Finding",
    "Line",
    "Question",
    "SpeakerStats",
    "Transcript",
    "TranscriptError",
    "analyze",
    "parse",
]
