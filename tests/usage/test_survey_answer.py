"""The questionnaire, step by step: each step saved, resumed later, then sent; editable until the campaign closes."""

import pytest
from django.urls import reverse

from ere.usage.enums import Frequency
from ere.usage.models import SurveyResponse, SurveyTaskAnswer, SurveyToolAnswer
from tests.org.factories import UserFactory
from tests.usage.survey_factories import CampaignFactory, ResponseFactory, respond, tool_step_data

# Five tools: steps 1 (four tools) and 2 (one tool), 3 (tasks), 4 (comment and submission).


def _step(campaign, number):
    return reverse("usage:survey_step", args=[campaign.pk, number])


def _resume(campaign):
    return reverse("usage:survey_resume", args=[campaign.pk])


def _complete(campaign, user, survey_tools, survey_tasks, submitted=False):
    return respond(
        campaign,
        user.agency,
        {tool: {} for tool in survey_tools},
        tasks=[(survey_tasks[0], survey_tools[:2])],
        submitted=submitted,
        respondent=user,
    )


def test_it_checks_access(client, login, campaign, agency, other_agency, manager, trainer):
    for url in (_resume(campaign), _step(campaign, 1)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    # A manager of the agency is not among the roles asked.
    response = login(manager).get(_step(campaign, 1))
    assert response.status_code == 403
    assert "Cette enquête ne vous est pas adressée" in response.content.decode()

    # An advisor of another agency is not asked either, and cannot post answers.
    outsider = UserFactory(agency=other_agency)
    client = login(outsider)
    assert client.get(_resume(campaign)).status_code == 403
    response = client.post(_step(campaign, 1), tool_step_data(campaign.tools.all()))
    assert response.status_code == 403
    assert not SurveyResponse.objects.exists()

    assert login(trainer).get(_step(campaign, 1)).status_code == 403


def test_a_closed_campaign_cannot_be_answered_any_more(login, agent, agency, survey_tools):
    closed = CampaignFactory(closed=True, agencies=[agency], tools=survey_tools)
    client = login(agent)

    response = client.get(_step(closed, 1))
    assert response.status_code == 403
    assert "Cette enquête est close depuis le" in response.content.decode()
    response = client.post(_step(closed, 1), tool_step_data(survey_tools[:4]))
    assert response.status_code == 403
    assert not SurveyToolAnswer.objects.exists()


def test_a_campaign_not_open_yet_says_when_it_opens(login, agent, agency, survey_tools):
    upcoming = CampaignFactory(upcoming=True, agencies=[agency], tools=survey_tools)
    response = login(agent).get(_resume(upcoming))
    assert response.status_code == 403
    assert "Cette enquête ouvrira le" in response.content.decode()


def test_it_answers_404_for_an_unknown_campaign_or_step(login, agent, campaign):
    client = login(agent)
    assert client.get(reverse("usage:survey_step", args=[9999, 1])).status_code == 404
    assert client.get(_step(campaign, 5)).status_code == 404
    assert client.get(_step(campaign, 0)).status_code == 404


def test_the_first_step_asks_four_questions_per_tool_with_a_progress_indicator(login, agent, campaign):
    response = login(agent).get(_step(campaign, 1))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Étape 1 sur 4" in content
    assert "Vos applicatifs, partie 1 sur 2" in content
    assert "Étape suivante\u00a0:" in content
    # Each question is a group of radio buttons with its own legend.
    assert content.count('id="radio-id_outil-') == 16
    assert "À quelle fréquence utilisez-vous « Agenda partagé » ?" in content
    assert "Souhaitez-vous une formation à « Messagerie sécurisée » ?" in content
    assert "Plusieurs fois par jour" in content
    assert "Visio Conseil" not in content  # the fifth tool is on the second step
    assert not SurveyResponse.objects.exists()  # looking saves nothing


def test_it_saves_a_step_and_moves_to_the_next(login, agent, agency, campaign, survey_tools):
    response = login(agent).post(_step(campaign, 1), tool_step_data(survey_tools[:4]) | {"action": "next"})

    assert response.status_code == 302
    assert response.url == _step(campaign, 2)
    saved = SurveyResponse.objects.get()
    assert (saved.respondent, saved.agency, saved.submitted_at) == (agent, agency, None)
    assert saved.tool_answers.count() == 4
    answer = saved.tool_answers.get(tool=survey_tools[0])
    assert (answer.frequency, answer.ease, answer.usefulness, answer.wants_training) == (Frequency.DAILY, 4, 4, False)


def test_it_saves_and_resumes_where_the_agent_stopped(login, agent, campaign, survey_tools):
    client = login(agent)
    response = client.post(_step(campaign, 1), tool_step_data(survey_tools[:4]) | {"action": "later"})
    assert response.status_code == 302
    assert response.url == reverse("usage:my_surveys")

    response = client.get(_resume(campaign))
    assert response.url == _step(campaign, 2)
    # The saved answers come back checked.
    content = client.get(_step(campaign, 1)).content.decode()
    assert content.count("checked") == 4 * 4


def test_later_keeps_the_tools_answered_and_lets_the_untouched_ones_wait(login, agent, campaign, survey_tools):
    client = login(agent)
    data = tool_step_data(survey_tools[:2]) | {"action": "later"}

    response = client.post(_step(campaign, 1), data)

    assert response.status_code == 302
    assert set(SurveyToolAnswer.objects.values_list("tool", flat=True)) == {t.pk for t in survey_tools[:2]}
    assert client.get(_resume(campaign)).url == _step(campaign, 1)


def test_next_needs_every_question_of_the_step(login, agent, campaign, survey_tools):
    response = login(agent).post(_step(campaign, 1), tool_step_data(survey_tools[:3]) | {"action": "next"})

    assert response.status_code == 400
    assert "Indiquez à quelle fréquence vous utilisez « Messagerie sécurisée »." in response.content.decode()
    assert not SurveyResponse.objects.exists()
    assert not SurveyToolAnswer.objects.exists()


def test_a_used_tool_must_be_rated_and_nothing_of_the_step_is_saved(login, agent, campaign, survey_tools):
    data = tool_step_data(survey_tools[:4], {survey_tools[1]: {"ease": None}})

    response = login(agent).post(_step(campaign, 1), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Notez la facilité de 1 à 5, ou répondez « Jamais » à la fréquence." in content
    assert "Certaines réponses manquent ou sont à corriger" in content
    assert not SurveyToolAnswer.objects.exists()


def test_a_tool_never_used_is_not_rated(login, agent, campaign, survey_tools):
    data = tool_step_data(survey_tools[:4], {survey_tools[0]: {"frequency": Frequency.NEVER, "usefulness": None}})

    response = login(agent).post(_step(campaign, 1), data)

    assert response.status_code == 302
    answer = SurveyToolAnswer.objects.get(tool=survey_tools[0])
    assert (answer.frequency, answer.ease, answer.usefulness) == (Frequency.NEVER, None, None)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("frequency", "souvent", "Sélectionnez un choix valide"),
        ("ease", "9", "Sélectionnez un choix valide"),
        ("wants_training", "peut-être", "Sélectionnez un choix valide"),
    ],
)
def test_it_refuses_a_value_outside_the_choices(login, agent, campaign, survey_tools, field, value, message):
    data = tool_step_data(survey_tools[:4], {survey_tools[2]: {field: value}})

    response = login(agent).post(_step(campaign, 1), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SurveyToolAnswer.objects.exists()


def test_the_tasks_step_saves_up_to_three_tasks_with_their_tools(login, agent, campaign, survey_tools, survey_tasks):
    client = login(agent)
    data = {
        "task_1": survey_tasks[1].pk,
        "tools_1": [survey_tools[0].pk, survey_tools[4].pk],
        "task_3": survey_tasks[0].pk,
        "tools_3": [survey_tools[1].pk],
        "action": "next",
    }

    response = client.post(_step(campaign, 3), data)

    assert response.status_code == 302
    assert response.url == _step(campaign, 4)
    answers = SurveyTaskAnswer.objects.order_by("position")
    assert [(a.position, a.task, set(a.tools.all())) for a in answers] == [
        (1, survey_tasks[1], {survey_tools[0], survey_tools[4]}),
        (2, survey_tasks[0], {survey_tools[1]}),
    ]
    # Saving again replaces them.
    client.post(_step(campaign, 3), {"task_1": survey_tasks[2].pk, "tools_1": [survey_tools[3].pk]})
    assert [(a.position, a.task) for a in SurveyTaskAnswer.objects.all()] == [(1, survey_tasks[2])]


def test_the_tasks_step_refuses_incoherent_answers(login, agent, campaign, survey_tools, survey_tasks):
    data = {
        "task_1": survey_tasks[0].pk,
        "tools_1": [],
        "task_2": survey_tasks[0].pk,
        "tools_2": [survey_tools[0].pk],
        "tools_3": [survey_tools[1].pk],
    }

    response = login(agent).post(_step(campaign, 3), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Cochez au moins un applicatif que vous utilisez pour cette tâche." in content
    assert "Cette tâche est déjà citée : choisissez-en une autre, ou aucune." in content
    assert "Choisissez la tâche pour laquelle vous utilisez ces applicatifs." in content
    assert not SurveyResponse.objects.exists()


def test_the_tasks_step_needs_a_main_task(login, agent, campaign):
    response = login(agent).post(_step(campaign, 3), {"action": "next"})
    assert response.status_code == 400
    assert "Choisissez au moins votre tâche principale." in response.content.decode()


def test_the_tasks_step_offers_only_the_campaign_tools(login, agent, campaign, survey_tasks):
    from tests.catalog.factories import ToolFactory

    other_tool = ToolFactory(name="Hors enquête")
    response = login(agent).post(_step(campaign, 3), {"task_1": survey_tasks[0].pk, "tools_1": [other_tool.pk]})
    assert response.status_code == 400
    assert "Choisissez des applicatifs de la liste." in response.content.decode()


def test_the_last_step_recaps_the_answers_and_lists_what_is_missing(login, agent, campaign, survey_tools):
    respond(campaign, agent.agency, {tool: {} for tool in survey_tools[:4]}, submitted=False, respondent=agent)

    response = login(agent).get(_step(campaign, 4))

    content = response.content.decode()
    assert "Récapitulatif de vos réponses par applicatif" in content
    assert "Pas encore de réponse" in content  # the fifth tool
    assert "Il reste des questions sans réponse" in content
    assert "Étape 2 : Vos applicatifs, partie 2 sur 2" in content
    assert "Étape 3 : Vos trois tâches principales" in content


def test_it_refuses_to_send_an_incomplete_questionnaire(login, agent, campaign, survey_tools):
    respond(campaign, agent.agency, {tool: {} for tool in survey_tools[:4]}, submitted=False, respondent=agent)

    response = login(agent).post(_step(campaign, 4), {"comment": "Rien à ajouter", "action": "submit"})

    assert response.status_code == 400
    assert "Il reste des questions sans réponse : complétez les étapes signalées." in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.submitted_at is None
    assert saved.comment == ""


def test_it_sends_a_complete_questionnaire_with_a_comment(login, agent, campaign, survey_tools, survey_tasks):
    _complete(campaign, agent, survey_tools, survey_tasks)
    client = login(agent)

    response = client.post(_step(campaign, 4), {"comment": "L'agenda est lent le lundi.", "action": "submit"})

    assert response.status_code == 302
    assert response.url == reverse("usage:my_surveys")
    saved = SurveyResponse.objects.get()
    assert saved.submitted_at is not None
    assert saved.comment == "L'agenda est lent le lundi."
    page = client.get(response.url).content.decode()
    assert "Merci ! Vos réponses sont envoyées." in page
    assert "Modifier mes réponses" in page


def test_the_answers_stay_editable_until_the_campaign_closes(login, agent, campaign, survey_tools, survey_tasks):
    sent = _complete(campaign, agent, survey_tools, survey_tasks, submitted=True)
    submitted_at = sent.submitted_at
    client = login(agent)

    assert client.get(_resume(campaign)).url == _step(campaign, 4)
    data = tool_step_data(survey_tools[:4], {survey_tools[0]: {"frequency": Frequency.WEEKLY}})
    assert client.post(_step(campaign, 1), data).status_code == 302
    response = client.post(_step(campaign, 4), {"comment": "", "action": "submit"})

    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.submitted_at == submitted_at
    assert SurveyToolAnswer.objects.get(response=sent, tool=survey_tools[0]).frequency == Frequency.WEEKLY
    assert "Vos modifications sont enregistrées." in client.get(response.url).content.decode()


def test_a_comment_too_long_is_refused(login, agent, campaign, survey_tools, survey_tasks):
    _complete(campaign, agent, survey_tools, survey_tasks)

    response = login(agent).post(_step(campaign, 4), {"comment": "x" * 2001, "action": "submit"})

    assert response.status_code == 400
    assert "Le commentaire ne peut dépasser 2 000 caractères (il en a 2001)." in response.content.decode()
    assert SurveyResponse.objects.get().submitted_at is None


def test_previous_saves_what_is_filled_in_and_goes_back(login, agent, campaign, survey_tools):
    data = tool_step_data(survey_tools[4:]) | {"action": "previous"}

    response = login(agent).post(_step(campaign, 2), data)

    assert response.url == _step(campaign, 1)
    assert SurveyToolAnswer.objects.get().tool == survey_tools[4]


def test_an_agent_only_ever_touches_their_own_response(login, agent, champion, campaign, survey_tools):
    theirs = ResponseFactory(campaign=campaign, respondent=champion, draft=True)

    login(agent).post(_step(campaign, 2), tool_step_data(survey_tools[4:]))

    assert not theirs.tool_answers.exists()
    assert SurveyResponse.objects.get(respondent=agent).tool_answers.count() == 1
