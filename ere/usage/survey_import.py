"""Import of survey answers from a LimeSurvey CSV export, in two steps: read the file, then map its columns.

LimeSurvey names a column after its question code and, depending on the export options, its text:
`G1Q00001. À quelle fréquence… ?`, and a sub-question of an array `G1Q00001[SQ001]` or
`G1Q00001[SQ001]. À quelle fréquence utilisez-vous ces outils ? [Agenda partagé]`. Files come with `;` or `,`,
in UTF-8 with or without a BOM (or Windows-1252 when re-saved by French Excel).

Each row is one agent's response, found by their e-mail address among the agents the campaign asks. The import is
all or nothing: every row is checked first, and any error (named by line, column and reason, in French) writes
nothing. Importing the same file again changes nothing: a response is looked up by campaign and agent.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ere.catalog.search import fold
from ere.usage.enums import Frequency
from ere.usage.models import SurveyResponse, SurveyToolAnswer
from ere.usage.survey_services import campaign_tools

MAX_BYTES = 2 * 1024 * 1024
MAX_ERRORS = 20

IGNORE, EMAIL, SUBMITTED, COMMENT = "", "email", "submitted", "comment"
QUESTIONS = {"frequency": "Fréquence", "ease": "Facilité", "usefulness": "Utilité", "wants_training": "Formation"}

HEADING = re.compile(r"^(?P<code>[^\s.\[\]]+)(?:\[(?P<sub>[^\]]*)\])?(?:\.\s*(?P<text>.*))?$", re.DOTALL)
TRAILING_BRACKETS = re.compile(r"\[(?P<sub>[^\[\]]+)\]\s*$")
# LimeSurvey's own columns, and what they mean here.
KNOWN_COLUMNS = {"submitdate": SUBMITTED, "email": EMAIL, "courriel": EMAIL}


class ImportFileError(ValueError):
    """The file cannot be read at all (empty, binary, not a CSV)."""


@dataclass
class Column:
    index: int
    heading: str
    code: str
    sub: str
    text: str
    sub_text: str
    samples: list = field(default_factory=list)

    @property
    def label(self):
        return self.heading if len(self.heading) <= 120 else self.heading[:117] + "…"


@dataclass
class ParsedFile:
    delimiter: str
    columns: list
    rows: list  # lists of cells, the heading row excluded


def decode(content):
    """Text of the uploaded bytes: UTF-8 (BOM or not), else Windows-1252; a binary file is refused."""
    if not content.strip():
        raise ImportFileError("Le fichier est vide.")
    if b"\x00" in content[:4096]:
        raise ImportFileError("Ce fichier n'est pas un fichier texte CSV : exportez les réponses au format CSV.")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _split_heading(heading):
    match = HEADING.match(heading.strip())
    if not match:
        return heading.strip(), "", heading.strip(), ""
    text = (match["text"] or "").strip()
    sub_text = ""
    trailing = TRAILING_BRACKETS.search(text)
    if match["sub"] is not None and trailing:
        sub_text = trailing["sub"].strip()
        text = text[: trailing.start()].strip()
    return match["code"], match["sub"] or "", text, sub_text


def parse(text):
    """The columns and rows of a LimeSurvey CSV export (`;` or `,`)."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise ImportFileError(
            "Le fichier doit avoir une ligne d'en-têtes et au moins une réponse, en colonnes séparées par « ; » "
            "ou « , »."
        )
    columns = []
    for index, heading in enumerate(rows[0]):
        code, sub, question, sub_text = _split_heading(heading)
        samples = [row[index].strip() for row in rows[1:6] if index < len(row) and row[index].strip()][:3]
        columns.append(Column(index, heading.strip(), code, sub, question, sub_text, samples))
    return ParsedFile(delimiter, columns, rows[1:])


def targets(campaign):
    """Every target a column may be mapped to, as (value, label): e-mail, date, comment, and 4 per tool."""
    choices = [
        (IGNORE, "Ignorer cette colonne"),
        (EMAIL, "Adresse e-mail du répondant"),
        (SUBMITTED, "Date d'envoi (vide : réponse incomplète, ignorée)"),
        (COMMENT, "Commentaire libre"),
    ]
    for tool in campaign_tools(campaign):
        choices += [(f"{question}:{tool.pk}", f"{label} — {tool.name}") for question, label in QUESTIONS.items()]
    return choices


def _mentions(text, tool):
    folded = f" {fold(text)} "
    names = [tool.name, tool.slug.replace("-", " ")] + ([tool.acronym] if tool.acronym else [])
    return any(re.search(rf"(?<![a-z0-9]){re.escape(fold(name))}(?![a-z0-9])", folded) for name in names if name)


def _question(text):
    folded = fold(text)
    if "frequence" in folded or "souvent" in folded:
        return "frequency"
    if "formation" in folded or "former" in folded:
        return "wants_training"
    if "facil" in folded or "difficile" in folded:
        return "ease"
    if re.search(r"\butil(e|es|ite)\b", folded):
        return "usefulness"
    return None


def suggest(columns, campaign):
    """A first mapping, guessed from the headings: {column index: target value}."""
    tools = campaign_tools(campaign)
    mapping = {}
    for column in columns:
        known = KNOWN_COLUMNS.get(column.code.lower())
        whole = f"{column.text} {column.sub_text} {column.sub}"
        if known:
            mapping[column.index] = known
        elif "mail" in fold(whole):
            mapping[column.index] = EMAIL
        elif re.search(r"commentaire|remarque", fold(whole)):
            mapping[column.index] = COMMENT
        else:
            question = _question(column.text)
            tool = next((t for t in tools if _mentions(column.sub_text or column.sub or column.text, t)), None)
            if question and tool:
                mapping[column.index] = f"{question}:{tool.pk}"
    used = set()
    for index, target in list(mapping.items()):  # the first column wins a target
        if target in used:
            del mapping[index]
        used.add(target)
    return mapping


# Reading values -----------------------------------------------------------------------------------------------------

FREQUENCIES = {fold(label): value for value, label in Frequency.choices} | {value: value for value in Frequency.values}
YES = {"oui", "o", "y", "yes", "1", "vrai", "true"}
NO = {"non", "n", "no", "0", "faux", "false"}


def _frequency(raw):
    value = FREQUENCIES.get(fold(raw).strip())
    if value is None:
        labels = ", ".join(label for _value, label in Frequency.choices)
        raise ValueError(f"« {raw} » n'est pas une fréquence reconnue (attendu : {labels})")
    return value


def _score(raw):
    digits = re.match(r"^\s*([1-5])(?:\s|$|\D)", raw)
    if not digits:
        raise ValueError(f"« {raw} » n'est pas une note de 1 à 5")
    return int(digits[1])


def _yes_no(raw):
    folded = fold(raw).strip()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(f"« {raw} » n'est ni oui ni non")


READERS = {"frequency": _frequency, "ease": _score, "usefulness": _score, "wants_training": _yes_no}


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # incomplete responses (no submission date)
    errors: list = field(default_factory=list)

    @property
    def total_errors(self):
        return len(self.errors)


def _plan_row(number, row, mapping, headings, people, tools):
    """What one row says, or raise ValueError naming the line and the column."""

    def cell(index):
        return row[index].strip() if index < len(row) else ""

    def fail(index, reason):
        raise ValueError(f"Ligne {number}, colonne « {headings[index]} » : {reason}.")

    by_target = {target: index for index, target in mapping.items()}
    email_index = by_target[EMAIL]
    email = cell(email_index).lower()
    if not email:
        fail(email_index, "adresse e-mail manquante")
    person = people.get(email)
    if person is None:
        fail(email_index, f"« {email} » n'est pas un agent interrogé par cette enquête")
    plan = {"person": person, "submitted_at": None, "comment": "", "answers": {}}
    if SUBMITTED in by_target:
        raw = cell(by_target[SUBMITTED])
        if not raw:
            return None  # an incomplete response: LimeSurvey leaves the submission date empty
        moment = parse_datetime(raw.replace("/", "-"))
        if moment is None:
            fail(by_target[SUBMITTED], f"« {raw} » n'est pas une date (attendu : 2026-11-20 14:35:00)")
        plan["submitted_at"] = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    if COMMENT in by_target:
        plan["comment"] = cell(by_target[COMMENT])[:2000]
    for target, index in by_target.items():
        if ":" not in target:
            continue
        question, tool_pk = target.split(":")
        raw = cell(index)
        if not raw:
            continue
        try:
            value = READERS[question](raw)
        except ValueError as error:
            fail(index, str(error))
        plan["answers"].setdefault(int(tool_pk), {})[question] = value
    for tool_pk, values in plan["answers"].items():
        tool = tools[tool_pk]
        if "frequency" not in values:
            raise ValueError(f"Ligne {number} : une réponse sur « {tool.name} » sans la fréquence d'utilisation.")
        if values["frequency"] == Frequency.NEVER:
            values["ease"] = values["usefulness"] = None
        elif values.get("ease") is None or values.get("usefulness") is None:
            raise ValueError(
                f"Ligne {number} : « {tool.name} » est utilisé mais sans note de facilité ou d'utilité (1 à 5)."
            )
        values.setdefault("wants_training", False)
    return plan


def import_rows(campaign, parsed, mapping):
    """Check every row, then write all of them or none; return the Outcome (its errors when nothing was written)."""
    outcome = Outcome()
    headings = [column.heading for column in parsed.columns]
    people = {user.email.lower(): user for user in campaign.targeted_users().select_related("agency")}
    tools = {tool.pk: tool for tool in campaign_tools(campaign)}
    plans, seen = [], {}
    for number, row in enumerate(parsed.rows, start=2):  # line 1 holds the headings
        try:
            plan = _plan_row(number, row, mapping, headings, people, tools)
        except ValueError as error:
            outcome.errors.append(str(error))
            continue
        if plan is None:
            outcome.skipped += 1
            continue
        email = plan["person"].email
        if email in seen:
            outcome.errors.append(f"Ligne {number} : {email} a déjà une réponse à la ligne {seen[email]}.")
            continue
        seen[email] = number
        plans.append(plan)
    if outcome.errors:
        return outcome
    with transaction.atomic():
        for plan in plans:
            _write(campaign, plan, outcome)
    return outcome


def _write(campaign, plan, outcome):
    """Create or complete one agent's response; only what differs is written."""
    person = plan["person"]
    response = SurveyResponse.objects.filter(campaign=campaign, respondent=person).first()
    created, changed = response is None, False
    if created:
        response = SurveyResponse.objects.create(
            campaign=campaign,
            respondent=person,
            agency=person.agency,
            submitted_at=plan["submitted_at"] or timezone.now(),
            comment=plan["comment"],
        )
    else:
        fields = []
        if plan["comment"] and response.comment != plan["comment"]:
            response.comment = plan["comment"]
            fields.append("comment")
        if response.submitted_at is None:
            response.submitted_at = plan["submitted_at"] or timezone.now()
            fields.append("submitted_at")
        if fields:
            response.save(update_fields=[*fields, "updated_at"])
            changed = True
    existing = {answer.tool_id: answer for answer in response.tool_answers.all()}
    for tool_pk, values in plan["answers"].items():
        answer = existing.get(tool_pk)
        if answer is None:
            SurveyToolAnswer.objects.create(response=response, tool_id=tool_pk, **values)
            changed = True
            continue
        fields = [name for name, value in values.items() if getattr(answer, name) != value]
        if fields:
            for name in fields:
                setattr(answer, name, values[name])
            answer.save(update_fields=fields)
            changed = True
    if created:
        outcome.created += 1
    elif changed:
        outcome.updated += 1
    else:
        outcome.unchanged += 1
