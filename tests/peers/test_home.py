"""The home page of Entraide, and the call to action on the site's home page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ere.peers.enums import ProposalStatus, RequestStatus
from ere.peers.models import WeeklyTip
from tests.peers.factories import (
    HelpRequestFactory,
    NotificationFactory,
    PeerProfileFactory,
    PostFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,status",
    [("agent", 200), ("champion", 200), ("trainer", 200), ("admin_user", 200), ("manager", 403), ("analyst", 403)],
)
def test_it_checks_access(request, login, role, status):
    client = login(request.getfixturevalue(role))

    assert client.get(reverse("peers:home")).status_code == status


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("peers:home"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_shows_what_waits_for_me_my_requests_and_the_tip_of_the_week(login, agent, champion):
    asked = HelpRequestFactory(requester=agent, tool__name="Agenda partagé", agency=agent.agency)
    proposal = ProposalFactory(
        candidate=agent, request__requester=champion, request__tool__name="Visio Conseil", request__agency=None
    )
    tip = PostFactory(title="Un modèle pour les rendez-vous qui reviennent", tool=asked.tool)

    response = login(agent).get(reverse("peers:home"))

    content = response.content.decode()
    assert "1 collègue attend votre réponse" in content
    assert proposal.request.get_absolute_url() in content
    assert asked.get_absolute_url() in content
    assert "L'astuce de la semaine" in content
    assert tip.title in content
    assert WeeklyTip.objects.get().post == tip


def test_it_invites_to_help_until_one_chooses_to(login, agent):
    content = login(agent).get(reverse("peers:home")).content.decode()
    assert "Acceptez d'être proposé·e à vos collègues" in content

    PeerProfileFactory(user=agent)
    content = login(agent).get(reverse("peers:home")).content.decode()
    assert "Vous êtes visible comme aidant·e" in content


def test_the_site_home_page_calls_a_proposed_colleague_to_answer(login, agent, champion):
    ProposalFactory(candidate=agent, request__requester=champion, request__agency=None)
    ProposalFactory(
        candidate=agent,
        request__requester=champion,
        request__agency=None,
        request__status=RequestStatus.OPEN,
        status=ProposalStatus.DECLINED,
    )

    content = login(agent).get(reverse("core:home")).content.decode()

    assert "Un collègue a besoin de votre aide." in content
    assert reverse("peers:home") in content


def test_the_header_counts_unread_notifications(login, agent):
    # Made here without notify(), which would clear the cached count (a user id may be reused between tests).
    NotificationFactory.create_batch(2, user=agent)
    cache.clear()

    content = login(agent).get(reverse("peers:home")).content.decode()

    assert "Notifications" in content
    assert '2<span class="fr-sr-only"> non lues</span>' in content
