import datetime

import factory
from django.utils import timezone

from ere.org.enums import Role
from ere.usage.enums import Frequency
from ere.usage.models import SurveyCampaign, SurveyResponse, SurveyTaskAnswer, SurveyToolAnswer
from tests.org.factories import UserFactory


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class CampaignFactory(factory.django.DjangoModelFactory):
    """An open campaign asking advisors and champions; pass `agencies=[…]` and `tools=[…]`."""

    class Meta:
        model = SurveyCampaign
        skip_postgeneration_save = True

    class Params:
        closed = factory.Trait(
            starts_on=factory.LazyFunction(lambda: _days(-30)), ends_on=factory.LazyFunction(lambda: _days(-1))
        )
        upcoming = factory.Trait(
            starts_on=factory.LazyFunction(lambda: _days(3)), ends_on=factory.LazyFunction(lambda: _days(20))
        )

    title = factory.Sequence(lambda n: f"Enquête sur les outils {n}")
    description = "Dites-nous comment vous utilisez vos outils."
    starts_on = factory.LazyFunction(lambda: _days(-5))
    ends_on = factory.LazyFunction(lambda: _days(10))
    target_roles = factory.LazyFunction(lambda: [Role.AGENT.value, Role.CHAMPION.value])

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    class Params:
        draft = factory.Trait(submitted_at=None)

    campaign = factory.SubFactory(CampaignFactory)
    respondent = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("respondent.agency")
    submitted_at = factory.LazyFunction(timezone.now)


class ToolAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyToolAnswer

    response = factory.SubFactory(ResponseFactory)
    frequency = Frequency.DAILY
    ease = 4
    usefulness = 4
    wants_training = False


class TaskAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyTaskAnswer
        skip_postgeneration_save = True

    response = factory.SubFactory(ResponseFactory)
    position = 1

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)


def respond(campaign, agency, answers, tasks=(), comment="", submitted=True, respondent=None):
    """A new advisor of `agency` answers: `answers` maps each tool to its fields (frequency, ease…), `tasks` lists
    (task, [tools]) by rank."""
    respondent = respondent or UserFactory(agency=agency)
    response = ResponseFactory(
        campaign=campaign,
        respondent=respondent,
        agency=agency,
        comment=comment,
        submitted_at=timezone.now() if submitted else None,
    )
    for tool, values in answers.items():
        ToolAnswerFactory(response=response, tool=tool, **values)
    for position, (task, tools) in enumerate(tasks, start=1):
        TaskAnswerFactory(response=response, position=position, task=task, tools=tools)
    return response


def tool_step_data(tools, prefix_values=None, **values):
    """The POST data of a tools step: every tool answered with `values` (defaults: daily, 4, 4, no training)."""
    defaults = {"frequency": Frequency.DAILY, "ease": "4", "usefulness": "4", "wants_training": "non"} | values
    data = {}
    for tool in tools:
        fields = defaults | (prefix_values or {}).get(tool, {})
        for name, value in fields.items():
            if value is not None:
                data[f"outil-{tool.pk}-{name}"] = value
    return data


def campaign_form_data(agency_list, tool_list, **overrides):
    """What the campaign form posts: a fortnight from today, advisors and champions of `agency_list`."""
    today = timezone.localdate()
    data = {
        "title": "Les outils de la relation entreprises",
        "description": "Dix minutes pour nous dire ce qui vous aide.",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=14)).isoformat(),
        "agencies": [agency.pk for agency in agency_list],
        "target_roles": ["agent", "champion"],
        "tools": [tool.pk for tool in tool_list],
    }
    return data | overrides
