"""Surveys (enquêtes): the steps of the questionnaire, where an agent stands in it, and who is asked.

The questionnaire is cut into steps: the tools in scope a few at a time, then the three main tasks, then a comment
and the submission. Each step is saved on its own, so that an agent may stop and resume later; the campaign's tools
may change while it runs, so steps are computed each time from the campaign.
"""

from dataclasses import dataclass, field

from django.db.models import Case, When

from ere.catalog.models import Tool
from ere.catalog.services import by_name
from ere.usage.models import SurveyCampaign, SurveyResponse

TOOLS_PER_STEP = 4

TOOLS, TASKS, SUBMIT = "tools", "tasks", "submit"


@dataclass
class Step:
    number: int
    kind: str
    title: str
    tools: list = field(default_factory=list)


def in_french_order(queryset):
    """The queryset ordered by name as a French reader expects it (« Éditeur » before « Fiche »), still a queryset."""
    ids = [item.pk for item in sorted(queryset, key=by_name)]
    return queryset.model.objects.filter(pk__in=ids).order_by(
        Case(*[When(pk=pk, then=position) for position, pk in enumerate(ids)])
    )


def campaign_tools(campaign):
    return sorted(campaign.tools.all(), key=by_name)


def survey_steps(campaign):
    """Every step of the campaign's questionnaire, numbered from 1."""
    tools = campaign_tools(campaign)
    chunks = [tools[i : i + TOOLS_PER_STEP] for i in range(0, len(tools), TOOLS_PER_STEP)]
    steps = [
        Step(
            number=i + 1,
            kind=TOOLS,
            title=f"Vos applicatifs, partie {i + 1} sur {len(chunks)}" if len(chunks) > 1 else "Vos applicatifs",
            tools=chunk,
        )
        for i, chunk in enumerate(chunks)
    ]
    steps.append(Step(number=len(steps) + 1, kind=TASKS, title="Vos trois tâches principales"))
    steps.append(Step(number=len(steps) + 1, kind=SUBMIT, title="Commentaire et envoi"))
    return steps


def missing_steps(response, steps):
    """The steps before the last one that still lack an answer (all of them when nothing is saved yet)."""
    if response is None:
        return [step for step in steps if step.kind != SUBMIT]
    answered_tools = set(response.tool_answers.values_list("tool_id", flat=True))
    has_tasks = response.task_answers.exists()

    def is_missing(step):
        if step.kind == TOOLS:
            return any(tool.pk not in answered_tools for tool in step.tools)
        return step.kind == TASKS and not has_tasks

    return [step for step in steps if is_missing(step)]


def resume_step(response, steps):
    """Where an agent picks up the questionnaire: the first step left to answer, or the last one."""
    missing = missing_steps(response, steps)
    return missing[0] if missing else steps[-1]


def response_of(user, campaign):
    return SurveyResponse.objects.filter(campaign=campaign, respondent=user).first()


def open_surveys(user):
    """Open campaigns that ask this user, each with the user's response (or None), closing soonest first."""
    campaigns = list(SurveyCampaign.objects.open().targeting(user).order_by("ends_on", "pk"))
    responses = {r.campaign_id: r for r in SurveyResponse.objects.filter(respondent=user, campaign__in=campaigns)}
    return [(campaign, responses.get(campaign.pk)) for campaign in campaigns]


def tools_in_service_or(instance_tools):
    """Tools a campaign may cover: those in service, and the ones it already covers (even retired since)."""
    ids = set(Tool.objects.in_service().values_list("pk", flat=True)) | {tool.pk for tool in instance_tools}
    return in_french_order(Tool.objects.filter(pk__in=ids))
