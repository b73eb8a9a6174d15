"""An applicatif-école that ends in a failure suggests Entraide's tips and colleagues on its tool."""

import pytest
from django.urls import reverse

from ere.practice import sandbox as engine
from ere.practice.demo_sandboxes import SANDBOXES_DIR
from ere.practice.models import Sandbox, SandboxAttempt
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
    PeerProfileFactory(user=champion)
    PostFactory(tool=tool, title="Réserver une salle : invitez-la comme un participant")
    return tool


@pytest.fixture
def sandbox(tool):
    definition = engine.load_file(SANDBOXES_DIR / "poser-rendez-vous-agenda.yaml")
    return Sandbox.objects.create(
        slug=definition["slug"],
        title=definition["title"],
        tool=tool,
        mission=definition["mission"],
        definition=engine.for_player(definition),
    )


def suggestions(response):
    """The suggestions block of the page, and whether it is hidden until a mission fails."""
    content = response.content.decode()
    start = content.find("data-peers-suggestions")
    if start < 0:
        return None, None
    tag = content[start : content.find(">", start)]
    return content[start:], "hidden" in tag


def test_a_failed_last_attempt_shows_tips_colleagues_and_a_request_at_once(login, agent, sandbox):
    SandboxAttempt.objects.create(user=agent, sandbox=sandbox, succeeded=True)
    SandboxAttempt.objects.create(user=agent, sandbox=sandbox, succeeded=False, mistakes=["salle"])
    block, hidden = suggestions(login(agent).get(sandbox.get_absolute_url()))
    assert hidden is False
    assert "Besoin d'un coup de main sur Agenda partagé ?" in block
    assert "Réserver une salle : invitez-la comme un participant" in block
    assert "Bruno Petit" in block
    assert f"{reverse('peers:request_new')}?outil=agenda-partage" in block
    assert "peers/suggestions.js" in block


@pytest.mark.parametrize("last_succeeded", [None, True])
def test_otherwise_they_wait_hidden_for_a_failure(login, agent, sandbox, last_succeeded):
    if last_succeeded is not None:
        SandboxAttempt.objects.create(user=agent, sandbox=sandbox, succeeded=last_succeeded)
    block, hidden = suggestions(login(agent).get(sandbox.get_absolute_url()))
    assert block is not None
    assert hidden is True


def test_a_manager_playing_a_sandbox_gets_no_entraide(login, manager, sandbox):
    SandboxAttempt.objects.create(user=manager, sandbox=sandbox, succeeded=False)
    response = login(manager).get(sandbox.get_absolute_url())
    assert response.status_code == 200
    assert suggestions(response) == (None, None)


def test_a_sandbox_without_a_tool_suggests_nothing(login, agent, sandbox):
    Sandbox.objects.filter(pk=sandbox.pk).update(tool=None)
    SandboxAttempt.objects.create(user=agent, sandbox=sandbox, succeeded=False)
    assert suggestions(login(agent).get(sandbox.get_absolute_url())) == (None, None)
