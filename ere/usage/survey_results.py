"""Survey results: participation per agency and the distribution of answers per tool and per task. Aggregates only.

Privacy (DESIGN §5): the unit of suppression is the agency. An agency with fewer than `min_group` sent responses
shows « masqué » and its answers count in no figure — not even in the totals, so that no figure can be subtracted
from another to recover a small agency's answers. A tool's mean ease or usefulness is also masked when fewer than
`min_group` respondents use the tool. Free comments are never shown: they are individual and may name people.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from ere.catalog.models import Task
from ere.catalog.services import by_name
from ere.core import excel_csv
from ere.usage.enums import Frequency
from ere.usage.models import SurveyResponse, SurveyTaskAnswer, SurveyToolAnswer
from ere.usage.survey_services import campaign_tools

# Answers that mean « at least every week »: the headline figure of a tool's adoption.
REGULAR_USE = {Frequency.WEEKLY, Frequency.DAILY, Frequency.SEVERAL_DAILY}
TOP_TOOLS_PER_TASK = 5


def _share(part, whole):
    return 100 * part / whole if whole else None


@dataclass
class Participation:
    label: str
    targeted: int
    submitted: int
    suppressed: bool

    @property
    def rate(self):
        return None if self.suppressed else _share(self.submitted, self.targeted)


@dataclass
class ToolRow:
    tool: object
    answers: int
    suppressed: bool
    frequencies: list = field(default_factory=list)  # [(label, count, %)] in Frequency order
    regular_use: float | None = None
    users: int = 0
    ease: float | None = None
    usefulness: float | None = None
    ratings_suppressed: bool = False
    training: float | None = None

    @property
    def segments(self):
        """The frequency shares as consecutive (start %, width %, label, index) bars, for the stacked chart."""
        start, result = 0.0, []
        for index, (label, _count, share) in enumerate(self.frequencies):
            if share:
                result.append((round(start, 2), round(share, 2), label, index))
                start += share
        return result


@dataclass
class TaskRow:
    task: object
    respondents: int
    suppressed: bool
    tools: list = field(default_factory=list)  # [(tool, %)] most used first


@dataclass
class Results:
    min_group: int
    scope_label: str
    participation: list
    total: Participation
    respondents: int  # sent responses that the figures below count
    set_aside: int  # sent responses of agencies under min_group, counted nowhere
    tools: list
    tasks: list
    comments: int

    @property
    def suppressed(self):
        return self.respondents < self.min_group


def participation(campaign, agencies, min_group):
    """One Participation per agency (in `agencies`, ordered), and the total over them."""
    agencies = list(agencies)
    targeted = dict(
        campaign.targeted_users(agencies).values("agency").annotate(n=Count("id")).values_list("agency", "n")
    )
    submitted = dict(
        SurveyResponse.objects.submitted()
        .filter(campaign=campaign, agency__in=agencies)
        .values("agency")
        .annotate(n=Count("id"))
        .values_list("agency", "n")
    )
    rows = [
        Participation(
            label=agency.name,
            targeted=targeted.get(agency.pk, 0),
            submitted=submitted.get(agency.pk, 0),
            suppressed=0 < submitted.get(agency.pk, 0) < min_group,
        )
        for agency in agencies
    ]
    total = Participation(
        label="Ensemble",
        targeted=sum(row.targeted for row in rows),
        submitted=sum(row.submitted for row in rows),
        suppressed=0 < sum(row.submitted for row in rows) < min_group,
    )
    return rows, total, {agency.pk for agency, row in zip(agencies, rows, strict=True) if row.submitted >= min_group}


def _tool_rows(campaign, responses, min_group):
    tools = campaign_tools(campaign)
    answers = SurveyToolAnswer.objects.filter(response__in=responses, tool__in=tools)
    counts = defaultdict(dict)
    for row in answers.values("tool", "frequency").annotate(n=Count("id")):
        counts[row["tool"]][row["frequency"]] = row["n"]
    stats = {
        row["tool"]: row
        for row in answers.values("tool").annotate(
            answers=Count("id"),
            users=Count("ease"),
            ease=Avg("ease"),
            usefulness=Avg("usefulness"),
            training=Count("id", filter=Q(wants_training=True)),
        )
    }
    rows = []
    for tool in tools:
        stat = stats.get(tool.pk, {"answers": 0})
        n = stat["answers"]
        row = ToolRow(tool=tool, answers=n, suppressed=n < min_group)
        if not row.suppressed:
            by_frequency = counts[tool.pk]
            row.frequencies = [
                (label, by_frequency.get(value, 0), _share(by_frequency.get(value, 0), n))
                for value, label in Frequency.choices
            ]
            row.regular_use = _share(sum(by_frequency.get(value, 0) for value in REGULAR_USE), n)
            row.training = _share(stat["training"], n)
            row.users = stat["users"]
            row.ratings_suppressed = row.users < min_group
            if not row.ratings_suppressed:
                row.ease, row.usefulness = stat["ease"], stat["usefulness"]
        rows.append(row)
    return rows


def _task_rows(responses, min_group):
    answers = SurveyTaskAnswer.objects.filter(response__in=responses)
    cited = dict(answers.values("task").annotate(n=Count("response", distinct=True)).values_list("task", "n"))
    tasks = sorted(Task.objects.filter(pk__in=cited), key=lambda task: (-cited[task.pk], by_name(task)))
    uses = defaultdict(list)
    through = SurveyTaskAnswer.tools.through.objects.filter(surveytaskanswer__in=answers)
    for row in through.values("surveytaskanswer__task", "tool", "tool__name").annotate(n=Count("id")):
        uses[row["surveytaskanswer__task"]].append(row)
    rows = []
    for task in tasks:
        n = cited[task.pk]
        row = TaskRow(task=task, respondents=n, suppressed=n < min_group)
        if not row.suppressed:
            ranked = sorted(uses[task.pk], key=lambda r: (-r["n"], r["tool__name"]))[:TOP_TOOLS_PER_TASK]
            row.tools = [(r["tool__name"], _share(r["n"], n)) for r in ranked]
        rows.append(row)
    return rows


def campaign_results(campaign, agencies, min_group, scope_label="Ensemble"):
    """The results of a campaign over `agencies` (those the viewer oversees, or one of them)."""
    rows, total, counted = participation(campaign, agencies, min_group)
    responses = SurveyResponse.objects.submitted().filter(campaign=campaign, agency__in=counted)
    respondents = responses.count()
    results = Results(
        min_group=min_group,
        scope_label=scope_label,
        participation=rows,
        total=total,
        respondents=respondents,
        set_aside=total.submitted - respondents,
        tools=[],
        tasks=[],
        comments=0,
    )
    if not results.suppressed:
        results.tools = _tool_rows(campaign, responses, min_group)
        results.tasks = _task_rows(responses, min_group)
        results.comments = responses.exclude(comment="").count()
    return results


# CSV export ---------------------------------------------------------------------------------------------------------

MASKED = "masqué (moins de {} réponses)"


def _number(value, digits=1):
    """A number as French Excel reads it: decimal comma."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}".replace(".", ",")


def csv_rows(results):
    """The results as (section, scope, tool or task, indicator, value) rows: one figure per row, easy to filter."""
    masked = MASKED.format(results.min_group)
    yield ["Rubrique", "Périmètre", "Applicatif ou tâche", "Indicateur", "Valeur"]
    for row in [*results.participation, results.total]:
        yield ["Participation", row.label, "", "agents interrogés", _number(row.targeted)]
        if row.suppressed:
            yield ["Participation", row.label, "", "réponses envoyées", masked]
            yield ["Participation", row.label, "", "taux de réponse (%)", masked]
        else:
            yield ["Participation", row.label, "", "réponses envoyées", _number(row.submitted)]
            yield ["Participation", row.label, "", "taux de réponse (%)", _number(row.rate)]
    scope = results.scope_label
    if results.suppressed:
        yield ["Réponses", scope, "", "réponses comptées", masked]
        return
    yield ["Réponses", scope, "", "réponses comptées", _number(results.respondents)]
    set_aside = f"réponses écartées (agences de moins de {results.min_group} réponses)"
    yield ["Réponses", scope, "", set_aside, _number(results.set_aside)]
    for row in results.tools:
        name = row.tool.name
        if row.suppressed:
            yield ["Applicatifs", scope, name, "réponses", masked]
            continue
        yield ["Applicatifs", scope, name, "réponses", _number(row.answers)]
        for label, _count, share in row.frequencies:
            yield ["Applicatifs", scope, name, f"fréquence : {label.lower()} (%)", _number(share)]
        yield ["Applicatifs", scope, name, "au moins chaque semaine (%)", _number(row.regular_use)]
        yield ["Applicatifs", scope, name, "utilisateurs (qui notent l'outil)", _number(row.users)]
        for indicator, value in (("facilité moyenne (1 à 5)", row.ease), ("utilité moyenne (1 à 5)", row.usefulness)):
            yield ["Applicatifs", scope, name, indicator, masked if row.ratings_suppressed else _number(value)]
        yield ["Applicatifs", scope, name, "souhaitent une formation (%)", _number(row.training)]
    for row in results.tasks:
        name = row.task.name
        if row.suppressed:
            yield ["Tâches principales", scope, name, "répondants qui la citent", masked]
            continue
        yield ["Tâches principales", scope, name, "répondants qui la citent", _number(row.respondents)]
        for tool_name, share in row.tools:
            yield ["Tâches principales", scope, name, f"utilisent {tool_name} pour cette tâche (%)", _number(share)]


def results_csv(results):
    """The CSV text for French Excel (see ere.core.excel_csv): one figure per row."""
    rows = list(csv_rows(results))
    return excel_csv.text(rows[0], rows[1:])
