"""The survey models keep their rules in the database, with French messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ere.org.enums import Role
from ere.usage.enums import CampaignStatus, Frequency
from ere.usage.models import SurveyCampaign, SurveyTaskAnswer, SurveyToolAnswer
from tests.org.factories import UserFactory
from tests.usage.survey_factories import CampaignFactory, ResponseFactory, TaskAnswerFactory, ToolAnswerFactory


def _violations(obj):
    with pytest.raises(ValidationError) as error:
        obj.validate_constraints()
    return [message for messages in error.value.message_dict.values() for message in messages]


def test_a_campaign_closes_on_or_after_its_opening(db):
    today = timezone.localdate()
    campaign = SurveyCampaign(title="À l'envers", starts_on=today, ends_on=today - datetime.timedelta(days=1))

    assert _violations(campaign) == ["La clôture doit tomber le jour de l'ouverture ou après."]
    with pytest.raises(IntegrityError), transaction.atomic():
        campaign.save()


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"ease": 6}, "La facilité se note de 1 à 5."),
        ({"usefulness": 0}, "L'utilité se note de 1 à 5."),
        ({"ease": None}, "Un applicatif utilisé doit être noté en facilité et en utilité."),
    ],
)
def test_a_tool_answer_is_rated_from_1_to_5_when_used(survey_tools, fields, message):
    answer = SurveyToolAnswer(response=ResponseFactory(), tool=survey_tools[0], frequency=Frequency.DAILY)
    answer.ease, answer.usefulness, answer.wants_training = 3, 3, False
    for name, value in fields.items():
        setattr(answer, name, value)

    assert message in _violations(answer)
    with pytest.raises(IntegrityError), transaction.atomic():
        answer.save()


def test_a_tool_never_used_needs_no_rating(survey_tools):
    ToolAnswerFactory(tool=survey_tools[0], frequency=Frequency.NEVER, ease=None, usefulness=None)


def test_one_response_per_agent_and_campaign_and_one_answer_per_tool(agent, campaign, survey_tools):
    response = ResponseFactory(campaign=campaign, respondent=agent)
    ToolAnswerFactory(response=response, tool=survey_tools[0])

    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseFactory(campaign=campaign, respondent=agent)
    with pytest.raises(IntegrityError), transaction.atomic():
        ToolAnswerFactory(response=response, tool=survey_tools[0])
    assert "Cette personne a déjà une réponse à cette enquête." in _violations(
        ResponseFactory.build(campaign=campaign, respondent=agent, agency=agent.agency)
    )


def test_three_main_tasks_at_most_each_once(survey_tasks):
    response = ResponseFactory()
    TaskAnswerFactory(response=response, position=1, task=survey_tasks[0])

    assert "Le rang d'une tâche principale va de 1 à 3." in _violations(
        SurveyTaskAnswer(response=response, position=4, task=survey_tasks[1])
    )
    assert "Cette tâche est déjà citée dans ce questionnaire." in _violations(
        SurveyTaskAnswer(response=response, position=2, task=survey_tasks[0])
    )
    assert "Ce rang de tâche est déjà rempli." in _violations(
        SurveyTaskAnswer(response=response, position=1, task=survey_tasks[1])
    )


def test_a_campaign_targets_the_chosen_roles_of_the_chosen_agencies(agency, other_agency, agent, champion, manager):
    campaign = CampaignFactory(agencies=[agency], target_roles=[Role.AGENT])
    outsider = UserFactory(agency=other_agency)

    assert campaign.targets(agent)
    assert not campaign.targets(champion)
    assert not campaign.targets(manager)
    assert not campaign.targets(outsider)
    assert list(SurveyCampaign.objects.targeting(agent)) == [campaign]
    assert not SurveyCampaign.objects.targeting(champion).exists()
    assert list(campaign.targeted_users()) == [agent]


def test_a_campaign_is_upcoming_open_or_closed(agency):
    assert CampaignFactory(upcoming=True).status == CampaignStatus.UPCOMING
    assert CampaignFactory().status == CampaignStatus.OPEN
    closed = CampaignFactory(closed=True)
    assert closed.status == CampaignStatus.CLOSED
    assert closed.get_status_display() == "Close"
    assert SurveyCampaign.objects.open().count() == 1
