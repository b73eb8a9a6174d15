"""Results of a campaign: participation per agency, answers per tool and per task — aggregates only, small groups
masked."""

import pytest
from django.urls import reverse

from ere.usage.enums import Frequency
from ere.usage.survey_results import campaign_results
from tests.usage.survey_factories import CampaignFactory, ResponseFactory, respond

MASKED = "moins de 5 réponses : masqué pour protéger l'anonymat"


def _url(campaign, **query):
    url = reverse("usage:survey_results", args=[campaign.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def five_respondents(campaign, agency, tools, tasks):
    """Five advisors of `agency` answer; the first two tools and the first task get hand-picked answers."""
    agenda, dialogue = tools[0], tools[1]
    agenda_answers = [
        {"frequency": Frequency.DAILY, "ease": 5, "usefulness": 5},
        {"frequency": Frequency.DAILY, "ease": 4, "usefulness": 4},
        {"frequency": Frequency.WEEKLY, "ease": 3, "usefulness": 4},
        {"frequency": Frequency.NEVER, "ease": None, "usefulness": None},
        {"frequency": Frequency.SEVERAL_DAILY, "ease": 4, "usefulness": 5},
    ]
    dialogue_answers = [
        {"ease": 1, "usefulness": 5, "wants_training": True},
        {"ease": 2, "usefulness": 5, "wants_training": True},
        {"ease": 3, "usefulness": 4},
        {"ease": 4, "usefulness": 4},
        {"ease": 5, "usefulness": 2},
    ]
    for i in range(5):
        answers = {tool: {} for tool in tools} | {agenda: agenda_answers[i], dialogue: dialogue_answers[i]}
        main_tasks = [(tasks[0], [agenda, dialogue] if i < 3 else [agenda])]
        if i < 2:
            main_tasks.append((tasks[1], [dialogue]))
        respond(campaign, agency, answers, tasks=main_tasks, comment=f"Commentaire personnel numéro {i}")


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "other_manager"])
def test_it_checks_access(client, login, request, role, campaign):
    response = client.get(_url(campaign))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert login(request.getfixturevalue(role)).get(_url(campaign)).status_code == 403


def test_it_answers_404_for_an_unknown_campaign(login, manager):
    assert login(manager).get(reverse("usage:survey_results", args=[9999])).status_code == 404


def test_it_aggregates_the_answers_per_tool_and_per_task(agency, campaign, survey_tools, survey_tasks):
    five_respondents(campaign, agency, survey_tools, survey_tasks)

    results = campaign_results(campaign, [agency], min_group=5)

    assert (results.respondents, results.set_aside, results.comments) == (5, 0, 5)
    agenda, dialogue = results.tools[0], results.tools[1]
    assert agenda.tool.name == "Agenda partagé"
    assert [(label, count) for label, count, _share in agenda.frequencies] == [
        ("Jamais", 1),
        ("Moins d'une fois par mois", 0),
        ("Chaque mois", 0),
        ("Chaque semaine", 1),
        ("Chaque jour", 2),
        ("Plusieurs fois par jour", 1),
    ]
    assert agenda.frequencies[4][2] == 40
    assert agenda.regular_use == 80
    # Four people use the agenda: too few for its mean ratings.
    assert (agenda.users, agenda.ratings_suppressed, agenda.ease) == (4, True, None)
    assert (dialogue.users, dialogue.ease, dialogue.usefulness, dialogue.training) == (5, 3.0, 4.0, 40)
    # Tasks: the first cited by all five (agenda 100 %, CRM 60 %), the second by two only.
    first, second = results.tasks
    assert (first.task, first.respondents, first.suppressed) == (survey_tasks[0], 5, False)
    assert first.tools == [("Agenda partagé", 100), ("Dialogue Entreprises", 60)]
    assert (second.task, second.suppressed, second.tools) == (survey_tasks[1], True, [])


def test_the_page_shows_every_figure_in_a_table(login, manager, agency, campaign, survey_tools, survey_tasks):
    five_respondents(campaign, agency, survey_tools, survey_tasks)

    response = login(manager).get(_url(campaign))

    assert response.status_code == 200
    content = response.content.decode()
    for caption in (
        "Taux de réponse par agence",
        "Fréquence d'utilisation par applicatif (% des répondants)",
        "Appréciation de chaque applicatif",
        "Tâches citées et applicatifs utilisés pour chacune",
    ):
        assert f"<caption>{caption}</caption>" in content
    assert "3,0" in content and "4,0" in content  # the CRM's mean ease and usefulness, in French
    assert "moins de 5 utilisateurs : masqué pour protéger l'anonymat" in content
    assert "5 commentaires libres reçus : ils ne sont pas affichés" in content
    # Never an individual answer.
    assert "Commentaire personnel" not in content


def test_it_masks_everything_under_five_respondents(login, manager, agency, campaign, survey_tools):
    for _ in range(4):
        respond(campaign, agency, {tool: {} for tool in survey_tools})

    results = campaign_results(campaign, [agency], min_group=5)
    assert results.suppressed
    assert results.tools == [] and results.tasks == []
    assert results.participation[0].suppressed and results.participation[0].rate is None

    content = login(manager).get(_url(campaign)).content.decode()
    assert MASKED in content
    assert "Fréquence d'utilisation par applicatif" not in content


def test_the_threshold_is_a_setting(agency, campaign, survey_tools, settings):
    settings.USAGE_MIN_GROUP = 2
    for _ in range(2):
        respond(campaign, agency, {tool: {} for tool in survey_tools})
    assert not campaign_results(campaign, [agency], min_group=settings.USAGE_MIN_GROUP).suppressed


def test_a_small_agency_counts_in_no_figure_not_even_the_total(
    login, analyst, agency, other_agency, survey_tools, survey_tasks
):
    shared = CampaignFactory(agencies=[agency, other_agency], tools=survey_tools)
    five_respondents(shared, agency, survey_tools, survey_tasks)
    for _ in range(3):
        never = {"frequency": Frequency.NEVER, "ease": None, "usefulness": None}
        respond(shared, other_agency, dict.fromkeys(survey_tools, never))

    results = campaign_results(shared, [agency, other_agency], min_group=5)

    assert (results.total.submitted, results.respondents, results.set_aside) == (8, 5, 3)
    assert results.tools[1].answers == 5
    grenoble = next(row for row in results.participation if row.label == "Agence Grenoble")
    assert grenoble.suppressed
    content = login(analyst).get(_url(shared)).content.decode()
    assert "3 réponses d'agences de moins de 5 répondants sont écartées" in content


def test_a_manager_sees_only_the_agencies_they_oversee(login, manager, agency, other_agency, survey_tools):
    shared = CampaignFactory(agencies=[agency, other_agency], tools=survey_tools)

    response = login(manager).get(_url(shared))

    assert response.status_code == 200
    assert [row.label for row in response.context["results"].participation] == ["Agence Lyon Part-Dieu"]
    assert "Agence Grenoble" not in response.content.decode()


def test_it_filters_on_one_agency(login, analyst, agency, other_agency, survey_tools, survey_tasks):
    shared = CampaignFactory(agencies=[agency, other_agency], tools=survey_tools)
    five_respondents(shared, agency, survey_tools, survey_tasks)
    for _ in range(3):
        respond(shared, other_agency, {tool: {} for tool in survey_tools})
    client = login(analyst)

    lyon = client.get(_url(shared, agency=agency.code)).context["results"]
    assert (lyon.scope_label, lyon.respondents) == ("Agence Lyon Part-Dieu", 5)
    grenoble = client.get(_url(shared, agency=other_agency.code)).context["results"]
    assert grenoble.suppressed


def test_an_unknown_agency_filter_is_refused_in_french(login, manager, other_agency, campaign):
    response = login(manager).get(_url(campaign, agency=other_agency.code))
    assert response.status_code == 400
    assert "Cette agence n&#x27;est pas interrogée par l&#x27;enquête ou hors de votre périmètre." in (
        response.content.decode()
    )


def test_drafts_do_not_count(login, manager, agency, agent, campaign, survey_tools):
    for _ in range(5):
        respond(campaign, agency, {tool: {} for tool in survey_tools})
    ResponseFactory(campaign=campaign, respondent=agent, draft=True)

    response = login(manager).get(_url(campaign))

    assert response.context["results"].respondents == 5
    assert "1 questionnaire commencé mais pas encore envoyé" in response.content.decode()
