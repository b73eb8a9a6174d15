"""A champion's dashboard: requests waiting on their tools in their territory, « Je m'en occupe », the requests they
help with, unanswered questions and posts to review on their tools, their own settings."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ere.peers import champions
from ere.peers.enums import NotificationKind, ProposalStatus, RequestStatus, Urgency
from ere.peers.models import Notification, Proposal
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import (
    AnswerFactory,
    HelpRequestFactory,
    PeerProfileFactory,
    PostFactory,
    ProposalFactory,
)

URL = reverse("peers:champion_dashboard")


@pytest.fixture(autouse=True)
def agency_codes():
    """Generated agencies take codes the fixed ones (69001, 38001) never have, whatever ran before."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(champion):
    return ToolFactory(name="Agenda partagé", slug="agenda-partage", champions=[champion])


@pytest.fixture
def neighbour(agency):
    """A colleague of another agency of the champion's territory."""
    return UserFactory(first_name="Inès", last_name="Voisine", agency=AgencyFactory(territory=agency.territory))


def take_url(help_request):
    return reverse("peers:request_take", args=[help_request.pk])


def test_it_checks_access(client, login, champion, admin_user, agent, trainer, manager, analyst):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for user in (champion, admin_user):
        assert login(user).get(URL).status_code == 200
    for user in (agent, trainer, manager, analyst):
        assert login(user).get(URL).status_code == 403


def test_it_lists_the_requests_waiting_on_their_tools_in_their_territory(login, champion, agent, neighbour, tool):
    mine = HelpRequestFactory(requester=agent, tool=tool, context="La salle 2 n'apparaît pas.")
    unmatched = HelpRequestFactory(
        requester=neighbour, tool=tool, status=RequestStatus.UNMATCHED, urgency=Urgency.HIGH, context="Urgent !"
    )
    HelpRequestFactory(requester=UserFactory(agency=AgencyFactory()), tool=tool, context="Loin d'ici.")
    HelpRequestFactory(requester=agent, tool=ToolFactory(), context="Un autre applicatif.")
    HelpRequestFactory(requester=agent, tool=tool, accepted=True, context="Déjà prise.")
    HelpRequestFactory(requester=champion, tool=tool, context="Ma propre demande.")

    response = login(champion).get(URL)
    assert response.context["board"].waiting == [unmatched, mine]
    content = response.content.decode()
    assert "La salle 2 n&#x27;apparaît pas." in content
    assert "Urgent : un usager attend" in content
    assert "Aucun collègue disponible" in content
    assert take_url(mine) in content
    for absent in ("Loin d&#x27;ici.", "Un autre applicatif.", "Déjà prise.", "Ma propre demande."):
        assert absent not in content


def test_a_request_proposed_to_the_champion_waits_for_their_answer_instead(login, champion, agent, tool):
    proposal = ProposalFactory(request__requester=agent, request__tool=tool, candidate=champion)
    board = champions.dashboard(champion)
    assert board.proposed == [proposal]
    assert board.waiting == []
    assert reverse("peers:request", args=[proposal.request_id]) in login(champion).get(URL).content.decode()


def test_i_take_a_request_and_its_requester_is_told(login, champion, agent, tool, django_capture_on_commit_callbacks):
    help_request = HelpRequestFactory(requester=agent, tool=tool)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(champion).post(take_url(help_request))
    assert response.status_code == 302
    assert response.url == reverse("peers:request", args=[help_request.pk])
    help_request.refresh_from_db()
    assert (help_request.status, help_request.helper) == (RequestStatus.ACCEPTED, champion)
    assert help_request.accepted_at is not None
    proposal = Proposal.objects.get(request=help_request)
    assert (proposal.candidate, proposal.status) == (champion, ProposalStatus.ACCEPTED)
    assert proposal.reasons == ["Référent numérique de cet applicatif"]
    notification = Notification.objects.get(user=agent)
    assert notification.kind == NotificationKind.ACCEPTED
    assert notification.title == "Bruno Petit s'occupe de votre demande sur Agenda partagé"
    assert [message.to for message in mail.outbox] == [[agent.email]]
    assert champions.dashboard(champion).helping == [help_request]


def test_taking_a_proposed_request_withdraws_the_pending_proposal(champion, agent, tool):
    other = UserFactory(first_name="Paul", last_name="Proposé")
    pending = ProposalFactory(request__requester=agent, request__tool=tool, candidate=other)
    champions.take(pending.request, champion)
    pending.refresh_from_db()
    assert pending.status == ProposalStatus.WITHDRAWN
    assert Notification.objects.get(user=other).title == "La demande d'aide de Alice Martin ne vous est plus proposée"
    assert pending.request.proposals.get(candidate=champion).status == ProposalStatus.ACCEPTED


def test_taking_a_request_proposed_to_oneself_accepts_that_proposal(champion, agent, tool):
    mine = ProposalFactory(request__requester=agent, request__tool=tool, candidate=champion)
    champions.take(mine.request, champion)
    mine.refresh_from_db()
    assert mine.status == ProposalStatus.ACCEPTED
    assert mine.request.proposals.count() == 1


@pytest.mark.parametrize(
    ("traits", "message"),
    [
        ({"accepted": True}, "Cette demande n'attend plus de collègue : elle est « acceptée »."),
        ({"resolved": True}, "Cette demande n'attend plus de collègue : elle est « résolue »."),
        ({"status": RequestStatus.CANCELLED}, "Cette demande n'attend plus de collègue : elle est « annulée »."),
    ],
)
def test_a_request_no_longer_waiting_cannot_be_taken(champion, agent, tool, traits, message):
    help_request = HelpRequestFactory(requester=agent, tool=tool, **traits)
    with pytest.raises(champions.TakeError, match=message):
        champions.take(help_request, champion)
    assert not Proposal.objects.filter(candidate=champion).exists()


def test_a_champion_cannot_take_their_own_request(champion, tool):
    with pytest.raises(champions.TakeError, match="C'est votre propre demande"):
        champions.take(HelpRequestFactory(requester=champion, tool=tool), champion)


def test_the_page_says_why_a_request_cannot_be_taken_any_more(login, champion, agent, tool):
    help_request = HelpRequestFactory(requester=agent, tool=tool, accepted=True)
    response = login(champion).post(take_url(help_request), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Cette demande n&#x27;attend plus de collègue" in response.content.decode()


def test_only_a_champion_of_the_tool_may_take_it(login, agent, champion, tool):
    help_request = HelpRequestFactory(requester=agent, tool=ToolFactory())
    assert login(champion).post(take_url(help_request)).status_code == 403
    assert login(agent).post(take_url(HelpRequestFactory(requester=agent, tool=tool))).status_code == 403
    assert login(champion).get(take_url(help_request)).status_code == 405
    assert login(champion).post(reverse("peers:request_take", args=[999999])).status_code == 404


def test_it_lists_unanswered_questions_and_counts_posts_to_review_on_their_tools(login, champion, tool):
    open_question = PostFactory(question=True, tool=tool, title="Comment réserver une salle ?")
    answered = PostFactory(question=True, tool=tool, title="Comment partager mon agenda ?")
    answered.accepted_answer = AnswerFactory(parent=answered)
    answered.save(update_fields=["accepted_answer"])
    PostFactory(question=True, tool=ToolFactory(), title="Sur un autre applicatif ?")
    PostFactory(question=True, tool=tool, title="Masquée ?", is_hidden=True)
    PostFactory(tool=tool, outdated_at=timezone.now())
    PostFactory(tool=tool, outdated_at=timezone.now() - datetime.timedelta(days=2), reviewed_at=timezone.now())

    response = login(champion).get(URL)
    assert response.context["board"].questions == [open_question]
    assert response.context["board"].to_review == 1
    content = response.content.decode()
    assert reverse("peers:post", args=[open_question.pk]) in content
    assert reverse("peers:review_queue") in content
    for absent in ("Comment partager mon agenda ?", "Sur un autre applicatif ?", "Masquée ?"):
        assert absent not in content


def test_it_sums_up_their_settings(login, champion, tool):
    client = login(champion)
    assert "Vous n'apparaissez pas dans l'annuaire" in client.get(URL).content.decode()
    PeerProfileFactory(user=champion)
    content = client.get(URL).content.decode()
    assert "Vous apparaissez dans l'annuaire" in content
    assert "Disponible" in content
    assert reverse("peers:settings") in content


def test_a_champion_without_tools_is_told_how_to_get_some(login, champion):
    content = login(champion).get(URL).content.decode()
    assert "Aucun applicatif ne vous est encore confié" in content
