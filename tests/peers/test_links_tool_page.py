"""The catalogue's tool page links to Entraide: the tool's tips and questions, a help request on it, and the
directory of who can help on it."""

import pytest
from django.urls import reverse

from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory
from tests.peers.factories import PeerProfileFactory, PostFactory


@pytest.fixture(autouse=True)
def agency_codes():
    """Generated agencies take codes the fixed ones (69001, 38001) never have, whatever ran before."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(champion):
    tool = ToolFactory(name="Agenda partagé", slug="agenda-partage", champions=[champion])
    PostFactory(tool=tool, title="Un modèle pour les rendez-vous qui reviennent", vote_count=4)
    PostFactory(tool=tool, question=True, title="Comment voir l'agenda de toute l'équipe ?")
    return tool


def test_an_agent_finds_the_tools_tips_questions_and_champions(login, agent, champion, tool):
    PeerProfileFactory(user=champion)
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Astuces et questions" in content
    assert "Un modèle pour les rendez-vous qui reviennent" in content
    assert "Comment voir l&#x27;agenda de toute l&#x27;équipe ?" in content
    assert f"{reverse('peers:post_list')}?outil=agenda-partage" in content
    assert f"{reverse('peers:post_new')}?outil=agenda-partage" in content
    assert "Qui peut m'aider ?" in content
    assert "Bruno Petit" in content
    assert f'href="{reverse("peers:request_new")}?outil=agenda-partage"' in content
    assert f"{reverse('peers:champions')}?outil=agenda-partage&amp;agence=dt" in content


@pytest.mark.parametrize("role", ["manager", "analyst"])
def test_those_who_do_not_use_entraide_see_the_page_without_it(login, request, role, tool):
    response = login(request.getfixturevalue(role)).get(tool.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Un modèle pour les rendez-vous qui reviennent" not in content
    assert f"{reverse('peers:request_new')}?outil=" not in content
    assert f"{reverse('peers:champions')}?outil=" not in content
