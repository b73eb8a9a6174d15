import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ere.catalog.models import GlossaryTerm
from ere.roleplay.transcript import TranscriptError, analyze, parse

KIND_LABELS = {
    "filler": "remplissage",
    "negative": "formulation négative",
    "jargon": "jargon",
    "long_monologue": "monologue",
    "closed_questions": "questions fermées",
    "reformulation": "reformulation",
    "name_use": "nom de l'interlocuteur",
    "next_step": "action datée",
    "no_next_step": "pas d'action datée",
}


def _number(value, digits=1):
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def speaker_table(analysis):
    headers = ("Locuteur", "Mots", "Part", "Tours", "Plus long", "Mots/min", "Ouvertes", "Fermées", "Remplissage")
    rows = []
    for s in analysis.speakers:
        longest = f"{s.longest_monologue_words} mots"
        if s.longest_monologue_s is not None:
            longest += f", {round(s.longest_monologue_s)} s"
        top = ", ".join(f"{word} ×{n}" for word, n in list(s.fillers.items())[:3])
        rows.append(
            (
                s.name + (" (conseiller)" if s.name == analysis.advisor else ""),
                str(s.words),
                f"{round(s.talk_share * 100)} %",
                str(s.turns),
                longest,
                _number(s.words_per_minute, 0),
                str(s.questions_open),
                str(s.questions_closed),
                f"{_number(s.filler_rate)} / 100 mots" + (f" ({top})" if top else ""),
            )
        )
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    right = {1, 2, 3, 5, 6, 7}

    def line(cells):
        return "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), line("─" * width for width in widths), *(line(row) for row in rows)]


def report(analysis, transcript):
    timing = "horodatée" if transcript.timed else "sans horodatage"
    out = [
        f"Transcription {transcript.format} {timing}, {len(transcript.lines)} répliques ; "
        f"conseiller : {analysis.advisor}",
        "",
        *speaker_table(analysis),
        "",
        "Remarques :" if analysis.findings else "Aucune remarque.",
    ]
    for f in analysis.findings:
        sign = " (+)" if f.positive else ""
        out.append(
            f"  L{f.line} · {f.speaker} · {KIND_LABELS.get(f.kind, f.kind)}{sign} · « {f.text} » → {f.suggestion}"
        )
    for title, key in (("Points forts :", "strengths"), ("Priorités :", "priorities")):
        out += ["", title]
        out += [f"  • {sentence}" for sentence in analysis.summary[key]] or ["  (aucun)"]
    return "\n".join(out)


class Command(BaseCommand):
    help = (
        "Analyse la transcription d'un appel (texte « Nom : texte », WebVTT de Teams ou Zoom, Transcriber .trs) : "
        "parole, questions, mots de remplissage, formulations, jargon, reformulations, conclusion."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FICHIER", help="Fichier de transcription, ou « - » pour l'entrée standard."
        )
        parser.add_argument(
            "--format", default="auto", choices=["auto", "text", "vtt", "trs"], help="Format (par défaut : détecté)."
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="Écrit l'analyse en JSON.")
        parser.add_argument("--advisor", metavar="NOM", help="Locuteur conseiller (par défaut : deviné).")

    def handle(self, *args, file, format, as_json, advisor, **options):
        data = self.read(file)
        try:
            transcript = parse(data, format=format)
            analysis = analyze(transcript, glossary=self.glossary(), advisor=advisor)
        except TranscriptError as error:
            raise CommandError(str(error), returncode=1) from None
        if as_json:
            self.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report(analysis, transcript))

    def glossary(self):
        """The catalogue's glossary; without a database yet (before « make migrate »), the base list alone."""
        try:
            return dict(GlossaryTerm.objects.values_list("acronym", "meaning"))
        except DatabaseError:
            self.stderr.write("Glossaire du catalogue indisponible (base non créée) : sigles de base seulement.")
            return {}

    def read(self, file):
        if file == "-":
            stream = sys.stdin
            return getattr(stream, "buffer", stream).read()
        try:
            with open(file, "rb") as handle:
                return handle.read()
        except OSError as error:
            raise CommandError(f"Fichier « {file} » illisible : {error.strerror}.", returncode=1) from None
