"""The demo survey: a campaign over the Rhône agencies that about 60 % of the agents asked have answered."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from ere.org.enums import Specialty
from ere.usage.enums import Frequency
from ere.usage.models import SurveyCampaign, SurveyResponse, SurveyTaskAnswer, SurveyToolAnswer
from ere.usage.survey_services import open_surveys

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _daily_share(slug, specialty):
    answers = SurveyToolAnswer.objects.filter(
        tool__slug=slug, response__respondent__specialty=specialty, response__submitted_at__isnull=False
    )
    daily = answers.filter(frequency__in=[Frequency.DAILY, Frequency.SEVERAL_DAILY]).count()
    return daily / answers.count()


def test_it_opens_a_campaign_over_the_rhone_agencies_answered_by_about_sixty_percent():
    output = load_demo()

    campaign = SurveyCampaign.objects.get()
    assert campaign.is_open
    assert {agency.territory.code for agency in campaign.agencies.all()} == {"DT69"}
    assert campaign.agencies.count() == 5
    assert 8 <= campaign.tools.count() <= 15
    asked = campaign.targeted_users().count()
    sent = campaign.responses.submitted().count()
    assert 0.55 <= sent / asked <= 0.65
    assert campaign.responses.drafts().exists()
    assert "Enquêtes : « Vos outils au quotidien — Rhône » sur 5 agences" in output
    # Every agency has enough answers to show results.
    per_agency = campaign.responses.submitted().values("agency").annotate(n=Count("id"))
    assert min(row["n"] for row in per_agency) >= 5


def test_the_answers_follow_each_advisors_job():
    load_demo()

    assert _daily_share("dialogue-entreprises", Specialty.EMPLOYERS) > 0.7
    assert _daily_share("dialogue-entreprises", Specialty.JOB_SEEKERS) < 0.2
    assert _daily_share("dossier-demandeur", Specialty.JOB_SEEKERS) > 0.7
    assert _daily_share("agenda-partage", Specialty.EMPLOYERS) > 0.5
    sent = SurveyResponse.objects.submitted()
    for response in sent[:20]:
        assert response.tool_answers.count() == response.campaign.tools.count()
        assert 1 <= response.task_answers.count() <= 3
    assert SurveyTaskAnswer.objects.filter(tools__isnull=True).count() == 0
    assert sent.exclude(comment="").exists()
    never = SurveyToolAnswer.objects.filter(frequency=Frequency.NEVER)
    assert not never.filter(Q(ease__isnull=False) | Q(usefulness__isnull=False)).exists()


def test_the_documented_agents_have_something_to_do():
    load_demo()

    from ere.org.models import User

    sophie = User.objects.get(email="agent@ere.demo")
    assert [(c.title, r) for c, r in open_surveys(sophie)] == [("Vos outils au quotidien — Rhône", None)]
    julien = User.objects.get(email="conseiller@ere.demo")
    ((_campaign, draft),) = open_surveys(julien)
    assert draft.submitted_at is None
    assert draft.tool_answers.count() == 4


def test_it_is_idempotent():
    load_demo()
    counts = [model.objects.count() for model in (SurveyResponse, SurveyToolAnswer, SurveyTaskAnswer)]
    frequencies = sorted(
        SurveyToolAnswer.objects.values_list("response__respondent__email", "tool__slug", "frequency")
    )

    output = load_demo()

    assert [model.objects.count() for model in (SurveyResponse, SurveyToolAnswer, SurveyTaskAnswer)] == counts
    assert sorted(SurveyToolAnswer.objects.values_list("response__respondent__email", "tool__slug", "frequency")) == (
        frequencies
    )
    assert "Enquêtes" in output and "(rien à changer)" in output.split("Enquêtes")[1]
