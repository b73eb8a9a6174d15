import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.catalog.enums import ToolAudience
from ere.catalog.models import DismissedUpdate
from tests.catalog.factories import TaskFactory, ToolFactory, ToolUpdateFactory
from tests.org.factories import UserFactory

URL = reverse("catalog:my_tools")


def _names(tools):
    return [tool.name for tool in tools]


def _all_tools(response):
    return {tool.name for _task, tools in response.context["groups"] for tool in tools} | {
        tool.name for tool in response.context["others"]
    }


@pytest.fixture
def catalogue(db):
    meet = TaskFactory(name="Accueillir et orienter", position=1)
    hire = TaskFactory(name="Publier une offre", position=2)
    lead = TaskFactory(name="Piloter l'agence", position=3)
    return {
        "agenda": ToolFactory(name="Agenda partagé", audience=ToolAudience.ALL, tasks=[meet]),
        "dialogue": ToolFactory(name="Dialogue entreprises", audience=ToolAudience.EMPLOYERS, tasks=[hire, meet]),
        "diagnostic": ToolFactory(name="Diagnostic du demandeur", audience=ToolAudience.JOB_SEEKERS, tasks=[meet]),
        "pilotage": ToolFactory(name="Tableau de pilotage", audience=ToolAudience.MANAGERS, tasks=[lead]),
        "retired": ToolFactory(name="Ancien agenda", audience=ToolAudience.ALL, tasks=[meet], retired=True),
        "untasked": ToolFactory(name="Messagerie", audience=ToolAudience.ALL),
    }


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_groups_the_tools_by_task(login, agent, catalogue):
    response = login(agent).get(URL)
    groups = [(task.name, _names(tools)) for task, tools in response.context["groups"]]
    assert groups == [
        ("Accueillir et orienter", ["Agenda partagé", "Dialogue entreprises"]),
        ("Publier une offre", ["Dialogue entreprises"]),
    ]
    assert _names(response.context["others"]) == ["Messagerie"]
    content = response.content.decode()
    task = response.context["groups"][0][0]
    assert f'<h3 id="task-{task.slug}">Accueillir et orienter</h3>' in content
    assert f'href="#task-{task.slug}">Accueillir et orienter (2)</a>' in content
    assert "Autres outils" in content


@pytest.mark.parametrize(
    "user_kwargs,expected",
    [
        ({"specialty": "employers"}, {"Agenda partagé", "Dialogue entreprises", "Messagerie"}),
        ({"specialty": "job_seekers"}, {"Agenda partagé", "Diagnostic du demandeur", "Messagerie"}),
        ({"specialty": ""}, {"Agenda partagé", "Messagerie"}),
        ({"manager": True}, {"Agenda partagé", "Tableau de pilotage", "Messagerie"}),
        (
            {"trainer": True},
            {"Agenda partagé", "Dialogue entreprises", "Diagnostic du demandeur", "Messagerie"},
        ),
        (
            {"analyst": True},
            {"Agenda partagé", "Dialogue entreprises", "Diagnostic du demandeur", "Tableau de pilotage", "Messagerie"},
        ),
    ],
    ids=["employers", "job-seekers", "no-specialty", "manager", "trainer", "analyst"],
)
def test_it_shows_only_the_tools_of_the_users_audience(login, agency, catalogue, user_kwargs, expected):
    user = UserFactory(agency=agency, **user_kwargs)
    response = login(user).get(URL)
    assert _all_tools(response) == expected
    assert response.context["tool_count"] == len(expected)


def test_it_never_shows_retired_tools(login, agent, catalogue):
    content = login(agent).get(URL).content.decode()
    assert "Ancien agenda" not in content


def test_it_says_which_audience_the_page_is_for(login, agent, catalogue):
    content = login(agent).get(URL).content.decode()
    assert "Les 3 applicatifs qui concernent votre métier (conseiller à dominante entreprises)" in content


def test_it_lists_the_users_favourites_first(login, agent, champion, catalogue):
    agent.favorites.create(tool=catalogue["dialogue"])
    champion.favorites.create(tool=catalogue["agenda"])
    response = login(agent).get(URL)
    assert _names(response.context["favorites"]) == ["Dialogue entreprises"]
    content = response.content.decode()
    assert content.index("Mes favoris") < content.index("Par tâche")
    assert 'aria-pressed="true"' in content


def test_it_invites_to_add_favourites_when_there_is_none(login, agent, catalogue):
    assert "Vous n'avez pas encore de favori" in login(agent).get(URL).content.decode()


def test_it_shows_the_news_of_the_users_tools(login, agent, catalogue):
    ToolUpdateFactory(tool=catalogue["agenda"], title="Nouvelle vue semaine")
    ToolUpdateFactory(tool=catalogue["diagnostic"], title="Nouveau questionnaire")  # job seekers only
    ToolUpdateFactory(
        tool=catalogue["dialogue"],
        title="Ancienne annonce",
        published_on=timezone.localdate() - datetime.timedelta(days=365),
    )
    ToolUpdateFactory(
        tool=catalogue["dialogue"],
        title="Annonce à venir",
        published_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    response = login(agent).get(URL)
    assert [u.title for u in response.context["updates"]] == ["Nouvelle vue semaine"]


def test_a_dismissed_update_is_hidden_for_that_user_only(login, agent, agency, catalogue):
    update = ToolUpdateFactory(tool=catalogue["agenda"], title="Nouvelle vue semaine")
    colleague = UserFactory(agency=agency)
    DismissedUpdate.objects.create(user=colleague, update=update)
    assert "Nouvelle vue semaine" in login(agent).get(URL).content.decode()
    assert "Nouvelle vue semaine" not in login(colleague).get(URL).content.decode()


def test_a_user_without_tools_is_sent_to_the_catalogue(login, agent):
    content = login(agent).get(URL).content.decode()
    assert "Aucun outil pour l'instant" in content
