"""The services of help requests against the database: matching with the skills module and the peer profiles,
declines and expiries moving on by themselves, the state machine, fairness, joint dispatch, notifications, e-mails."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ere.peers import requests
from ere.peers.enums import Availability, HelpMode, NotificationKind, ProposalStatus, RequestStatus, Urgency
from ere.peers.models import HelpRequest, Notification, Proposal
from ere.peers.requests import RequestError
from ere.skills.enums import AssessmentStatus
from ere.skills.models import Assessment, AssessmentArea
from tests.catalog.factories import TaskFactory, ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import HelpRequestFactory, PeerProfileFactory, ProposalFactory
from tests.skills.factories import AreaFactory


def master(user, tool, level=3, days_ago=1):
    """A finished diagnostic that puts `user` at `level` on `tool` (3 Maîtrise, 4 Référent)."""
    area = getattr(tool, "skill_area", None) or AreaFactory(tool=tool, name=tool.name)
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    assessment = Assessment.objects.create(user=user, status=AssessmentStatus.FINISHED, finished_at=finished)
    AssessmentArea.objects.create(
        assessment=assessment, area=area, self_rating=3, items_count=8, finished=True, level=level, confidence=0.9
    )
    return assessment


def helper(tool=None, level=3, **kwargs):
    """A colleague who chose to help (visible profile), at `level` on `tool`; `user` or `agency` say who."""
    profile_fields = {
        key: kwargs.pop(key)
        for key in ("weekly_cap", "beyond_cap", "availability", "modes", "is_visible")
        if key in kwargs
    }
    user = kwargs.pop("user", None) or UserFactory(**kwargs)
    PeerProfileFactory(user=user, **profile_fields)
    if tool is not None and level:
        master(user, tool, level)
    return user


@pytest.fixture
def tool(db):
    return ToolFactory(name="Éditeur d'offres", slug="editeur-offres", tasks=[TaskFactory(name="Publier une offre")])


def ask(user, tool, mode=HelpMode.BESIDE, urgency=Urgency.NORMAL, **kwargs):
    kwargs.setdefault("context", "Je ne retrouve pas l'offre enregistrée hier en brouillon.")
    return requests.create_request(user, tool, urgency=urgency, mode=mode, **kwargs)


def titles(user):
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", "title"))


# Matching ----------------------------------------------------------------------------------------------------------


def test_a_request_is_proposed_to_a_visible_colleague_who_masters_the_tool_with_the_reasons(agent, agency, tool):
    colleague = helper(tool, agency=agency, first_name="Chloé", last_name="Durand")
    helper(tool, level=2, agency=agency)  # « Pratique » only: not eligible
    helper(tool, agency=agency, is_visible=False)  # masters it, but chose not to help
    before = timezone.now()

    help_request = ask(agent, tool, task=tool.tasks.get())

    assert help_request.status == RequestStatus.PROPOSED
    assert help_request.agency == agency
    proposal = help_request.proposals.get()
    assert proposal.candidate == colleague
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.reasons[:2] == ["Niveau « Maîtrise » à son diagnostic sur cet applicatif", "Dans votre agence"]
    assert 0 < proposal.score <= 1
    hours = (proposal.expires_at - before).total_seconds() / 3600
    assert 8 <= hours < 8.01  # PEERS_ANSWER_HOURS["normal"]
    [(kind, title)] = titles(colleague)
    assert (kind, title) == (NotificationKind.PROPOSAL, "Alice Martin a besoin d'aide sur Éditeur d'offres")
    notification = Notification.objects.get(user=colleague)
    assert notification.url == f"/entraide/demandes/{help_request.pk}/"
    assert "Je ne retrouve pas l'offre" in notification.body
    assert "- Dans votre agence" in notification.body
    assert titles(agent) == []  # the requester sees the outcome on the page they land on


def test_the_answer_time_follows_the_urgency(agent, agency, tool):
    helper(tool, agency=agency)
    before = timezone.now()
    proposal = ask(agent, tool, urgency=Urgency.HIGH).pending_proposal()
    assert datetime.timedelta(hours=1) <= proposal.expires_at - before < datetime.timedelta(hours=1, seconds=30)


def test_the_candidate_gets_an_e_mail_with_the_request_and_why_them(
    agent, agency, tool, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = helper(tool, agency=agency, email="chloe@example.fr", first_name="Chloé")
    with django_capture_on_commit_callbacks(execute=True):
        help_request = ask(agent, tool)
    [mail] = mailoutbox
    assert mail.to == ["chloe@example.fr"]
    assert mail.subject == "[ERE Digitale] Alice Martin a besoin d'aide sur Éditeur d'offres"
    assert mail.body.startswith("Bonjour Chloé,")
    assert "Je ne retrouve pas l'offre enregistrée hier en brouillon." in mail.body
    assert "Niveau « Maîtrise » à son diagnostic sur cet applicatif" in mail.body
    assert f"/entraide/demandes/{help_request.pk}/" in mail.body
    assert colleague.notifications.get().kind == NotificationKind.PROPOSAL


def test_invisible_away_and_non_frontline_colleagues_are_never_proposed(agent, agency, tool):
    helper(tool, agency=agency, is_visible=False)
    helper(tool, agency=agency, availability=Availability.AWAY)
    helper(tool, agency=agency, manager=True)  # a manager who once ticked the box could not even open the request
    helper(tool, agency=agency, modes=["message"])  # does not come to one's desk

    help_request = ask(agent, tool, mode=HelpMode.BESIDE)

    assert help_request.status == RequestStatus.UNMATCHED
    assert not Proposal.objects.exists()
    [(kind, title)] = titles(agent)
    assert (kind, title) == (
        NotificationKind.UNMATCHED,
        "Personne n'est disponible pour l'instant sur Éditeur d'offres",
    )


def test_champions_and_declared_helpers_are_proposed_without_a_diagnostic(agent, agency, other_agency, tool):
    champion = helper(None, champion=True, agency=other_agency)
    tool.champions.add(champion)
    declared = helper(None, agency=agency)
    declared.peer_profile.tools.add(tool)

    first = ask(agent, tool, mode=HelpMode.VISIO)
    second = ask(UserFactory(agency=agency), tool, mode=HelpMode.VISIO)

    assert {first.pending_proposal().candidate, second.pending_proposal().candidate} == {champion, declared}
    assert "Référent numérique de cet applicatif" in Proposal.objects.get(candidate=champion).reasons
    assert "S'est déclaré·e à l'aise avec cet applicatif" in Proposal.objects.get(candidate=declared).reasons


def test_the_latest_diagnostic_counts(agent, agency, tool):
    colleague = helper(tool, agency=agency)  # Maîtrise yesterday…
    master(colleague, tool, level=2, days_ago=0)  # … but « Pratique » at today's diagnostic
    assert ask(agent, tool).status == RequestStatus.UNMATCHED


# Declines and expiries move on by themselves -----------------------------------------------------------------------


def test_a_declined_request_moves_to_the_next_colleague_and_the_requester_is_told_in_neutral_words(
    agent, agency, other_agency, tool, mailoutbox, django_capture_on_commit_callbacks
):
    near = helper(tool, agency=agency, first_name="Chloé", last_name="Durand")
    far = helper(tool, agency=other_agency, first_name="Yann", last_name="Le Gall")
    help_request = ask(agent, tool, mode=HelpMode.VISIO)
    first = help_request.pending_proposal()
    assert first.candidate == near  # same agency first

    with django_capture_on_commit_callbacks(execute=True):
        summary = requests.decline(first, near, reason="En congés demain")

    first.refresh_from_db()
    assert (first.status, first.decline_reason) == (ProposalStatus.DECLINED, "En congés demain")
    assert first.responded_at is not None
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.PROPOSED
    second = help_request.pending_proposal()
    assert second.candidate == far
    assert [p.candidate for p in summary.proposals] == [far]
    assert "Dans votre direction territoriale" not in second.reasons  # another territory
    [(kind, title)] = titles(agent)
    assert (kind, title) == (
        NotificationKind.DECLINED,
        "Votre demande d'aide sur Éditeur d'offres a été proposée à un autre collègue",
    )
    note = Notification.objects.get(user=agent)
    assert "Yann Le Gall" in note.body
    assert "Chloé" not in note.body and "congés" not in note.body  # nobody is blamed; the reason stays private
    assert [mail.to for mail in mailoutbox] == [[far.email]]


def test_when_nobody_is_left_after_a_decline_the_requester_is_told_by_e_mail_too(
    agent, agency, tool, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = helper(tool, agency=agency)
    help_request = ask(agent, tool)
    with django_capture_on_commit_callbacks(execute=True):
        requests.decline(help_request.pending_proposal(), colleague)
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.UNMATCHED
    assert [kind for kind, _ in titles(agent)] == [NotificationKind.UNMATCHED]
    [mail] = mailoutbox
    assert mail.to == [agent.email]
    assert "Personne n'est disponible pour l'instant" in mail.subject


def test_an_unanswered_proposal_expires_and_the_request_moves_on(agent, agency, other_agency, tool):
    near = helper(tool, agency=agency)
    far = helper(tool, agency=other_agency)
    help_request = ask(agent, tool, mode=HelpMode.VISIO)
    first = help_request.pending_proposal()
    assert first.candidate == near

    assert requests.dispatch().as_dict() == {"proposed": 0, "unmatched": 0, "expired": 0}  # not yet
    later = first.expires_at + datetime.timedelta(minutes=1)
    summary = requests.dispatch(now=later)

    assert summary.as_dict() == {"proposed": 1, "unmatched": 0, "expired": 1}
    first.refresh_from_db()
    assert first.status == ProposalStatus.EXPIRED
    assert first.responded_at is None
    second = help_request.pending_proposal()
    assert second.candidate == far
    assert second.expires_at == later + datetime.timedelta(hours=8)
    assert [kind for kind, _ in titles(near)] == [NotificationKind.PROPOSAL, NotificationKind.DECLINED]
    assert titles(near)[1][1] == "La demande d'aide d'Alice Martin ne vous est plus proposée"
    with pytest.raises(RequestError, match="Le délai pour répondre est passé"):
        requests.accept(first, near)


def test_a_late_answer_before_the_dispatcher_ran_is_still_accepted(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    proposal = ask(agent, tool).pending_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=5))
    assert requests.accept(proposal, colleague).status == RequestStatus.ACCEPTED


# The state machine -------------------------------------------------------------------------------------------------


def test_accept_resolve_and_thank(agent, agency, tool, mailoutbox, django_capture_on_commit_callbacks):
    colleague = helper(tool, agency=agency, first_name="Chloé", last_name="Durand")
    help_request = ask(agent, tool)
    proposal = help_request.pending_proposal()
    slot = timezone.now() + datetime.timedelta(hours=2)

    with pytest.raises(RequestError, match="Personne n'a encore accepté cette demande"):
        requests.resolve(help_request, agent)
    with pytest.raises(RequestError, match="personne ne l'a encore fait"):
        requests.thank(help_request, agent, "Merci !")
    with django_capture_on_commit_callbacks(execute=True):
        requests.accept(proposal, colleague, proposed_time=slot, message="  Je passe après ma réunion  ")

    help_request.refresh_from_db()
    assert (help_request.status, help_request.helper) == (RequestStatus.ACCEPTED, colleague)
    assert help_request.proposed_time == slot
    assert help_request.helper_message == "Je passe après ma réunion"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    [(kind, title)] = titles(agent)
    assert (kind, title) == (NotificationKind.ACCEPTED, "Chloé Durand accepte de vous aider sur Éditeur d'offres")
    assert "Créneau proposé : le " in Notification.objects.get(user=agent).body
    assert [mail.to for mail in mailoutbox] == [[agent.email]]
    with pytest.raises(RequestError, match="Vous avez déjà accepté cette demande."):
        requests.accept(proposal, colleague)
    with pytest.raises(RequestError, match="Vous avez déjà accepté cette demande."):
        requests.decline(proposal, colleague)

    requests.resolve(help_request, colleague)
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.RESOLVED
    assert help_request.resolved_at == help_request.closed_at
    assert titles(agent)[-1] == (NotificationKind.RESOLVED, "Chloé Durand a marqué votre demande comme résolue")
    with pytest.raises(RequestError, match="déjà résolue"):
        requests.resolve(help_request, agent)
    with pytest.raises(RequestError, match="déjà résolue"):
        requests.cancel(help_request, agent)

    with pytest.raises(PermissionDenied):
        requests.thank(help_request, colleague, "Merci à moi")
    with pytest.raises(RequestError, match="Écrivez quelques mots"):
        requests.thank(help_request, agent, "   ")
    requests.thank(help_request, agent, "Merci Chloé, c'était limpide !")
    help_request.refresh_from_db()
    assert help_request.thanks == "Merci Chloé, c'était limpide !"
    assert help_request.thanked_at is not None
    thanks = Notification.objects.get(user=colleague, kind=NotificationKind.THANKS)
    assert (thanks.title, thanks.body) == ("Alice Martin vous remercie", "Merci Chloé, c'était limpide !")
    with pytest.raises(RequestError, match="Vous avez déjà remercié Chloé."):
        requests.thank(help_request, agent, "Encore merci")


def test_the_requester_may_thank_as_soon_as_the_request_is_accepted_and_resolve_it(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    help_request = ask(agent, tool)
    requests.accept(help_request.pending_proposal(), colleague)
    requests.thank(help_request, agent, "Merci d'avance !")
    requests.resolve(help_request, agent)
    help_request.refresh_from_db()
    assert (help_request.status, help_request.thanks) == (RequestStatus.RESOLVED, "Merci d'avance !")
    assert titles(colleague)[-1] == (NotificationKind.RESOLVED, "Alice Martin a marqué sa demande comme résolue")


def test_only_the_right_person_changes_a_request(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    stranger = UserFactory(agency=agency)
    help_request = ask(agent, tool)
    proposal = help_request.pending_proposal()
    for change in (
        lambda: requests.accept(proposal, stranger),
        lambda: requests.accept(proposal, agent),
        lambda: requests.decline(proposal, stranger),
        lambda: requests.cancel(help_request, colleague),
        lambda: requests.resolve(help_request, stranger),
    ):
        with pytest.raises(PermissionDenied):
            change()
    with pytest.raises(PermissionDenied):
        requests.create_request(UserFactory(manager=True, agency=agency), tool, context="Aide")
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.PROPOSED


def test_a_declined_proposal_cannot_be_accepted_nor_declined_again(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    proposal = ask(agent, tool).pending_proposal()
    requests.decline(proposal, colleague)
    with pytest.raises(RequestError, match="Vous avez déjà décliné cette demande."):
        requests.accept(proposal, colleague)
    with pytest.raises(RequestError, match="Vous avez déjà décliné cette demande."):
        requests.decline(proposal, colleague)


def test_cancelling_withdraws_the_proposal_and_tells_the_colleague(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    help_request = ask(agent, tool)
    proposal = help_request.pending_proposal()

    requests.cancel(help_request, agent)

    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.CANCELLED
    assert help_request.closed_at is not None
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert titles(colleague)[-1] == (
        NotificationKind.RESOLVED,
        "Alice Martin n'a plus besoin d'aide sur Éditeur d'offres",
    )
    with pytest.raises(RequestError, match="Votre collègue a annulé sa demande"):
        requests.accept(proposal, colleague)
    with pytest.raises(RequestError, match="annulée : elle ne peut plus être marquée comme résolue"):
        requests.resolve(help_request, agent)
    with pytest.raises(RequestError, match="déjà annulée"):
        requests.cancel(help_request, agent)
    assert requests.dispatch().as_dict() == {"proposed": 0, "unmatched": 0, "expired": 0}


def test_cancelling_an_accepted_request_tells_the_helper(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    help_request = ask(agent, tool)
    requests.accept(help_request.pending_proposal(), colleague)
    requests.cancel(help_request, agent)
    assert titles(colleague)[-1][1] == "Alice Martin n'a plus besoin d'aide sur Éditeur d'offres"
    with pytest.raises(RequestError, match="personne ne l'a encore fait"):
        requests.thank(help_request, agent, "Merci")


def test_a_request_needs_a_context_and_a_task_of_its_tool(agent, tool):
    with pytest.raises(RequestError, match="Décrivez en quelques lignes"):
        ask(agent, tool, context="  ")
    other_task = TaskFactory(name="Organiser mon agenda")
    with pytest.raises(RequestError, match="« Organiser mon agenda » ne fait pas partie de Éditeur d'offres"):
        ask(agent, tool, task=other_task)
    assert not HelpRequest.objects.exists()


# Fairness, joint dispatch, idempotence -----------------------------------------------------------------------------


def test_a_helper_who_had_their_weekly_cap_of_proposals_is_not_proposed(agent, agency, tool):
    busy = helper(tool, level=4, agency=agency, weekly_cap=2)
    for _ in range(2):
        ProposalFactory(candidate=busy, status=ProposalStatus.DECLINED, request__requester__agency=agency)
    # Last week's proposals and withdrawn ones do not count.
    other = helper(tool, agency=agency, weekly_cap=1)
    ProposalFactory(candidate=other, status=ProposalStatus.WITHDRAWN, request__requester__agency=agency)
    ProposalFactory(
        candidate=other,
        status=ProposalStatus.DECLINED,
        created_at=timezone.now() - datetime.timedelta(days=8),
        request__requester__agency=agency,
    )

    assert ask(agent, tool).pending_proposal().candidate == other
    # Now both are at their cap: nobody for the next request.
    assert ask(UserFactory(agency=agency), tool).status == RequestStatus.UNMATCHED


def test_a_helper_who_opted_in_beyond_their_cap_is_still_proposed(agent, agency, tool):
    keen = helper(tool, agency=agency, weekly_cap=1, beyond_cap=True)
    ProposalFactory(candidate=keen, status=ProposalStatus.DECLINED, request__requester__agency=agency)
    assert ask(agent, tool).pending_proposal().candidate == keen


def test_waiting_requests_are_assigned_jointly(agency, tool):
    """Greedy would give the only colleague of the agency to the urgent visio request and leave the « à côté de moi »
    one without help; the joint assignment sends the visio request to the colleague of another agency."""
    near = helper(tool, level=4, agency=agency, weekly_cap=1)
    far = helper(tool, agency=AgencyFactory(code="75001"), weekly_cap=1)
    visio = HelpRequestFactory(
        requester=UserFactory(agency=agency), tool=tool, mode=HelpMode.VISIO, urgency=Urgency.HIGH
    )
    beside = HelpRequestFactory(requester=UserFactory(agency=agency), tool=tool, mode=HelpMode.BESIDE)

    summary = requests.dispatch()

    assert summary.as_dict() == {"proposed": 2, "unmatched": 0, "expired": 0}
    assert beside.pending_proposal().candidate == near
    assert visio.pending_proposal().candidate == far


def test_dispatch_is_idempotent_and_notifies_the_unmatched_requester_once(agent, agency, tool):
    colleague = helper(tool, agency=agency)
    proposed = ask(agent, tool)
    unmatched = ask(UserFactory(agency=agency), ToolFactory(name="Agenda partagé"))
    assert proposed.status == RequestStatus.PROPOSED
    assert unmatched.status == RequestStatus.UNMATCHED
    count = Notification.objects.count()

    for _ in range(2):
        assert str(requests.dispatch()) == ("0 demande proposée, 1 sans collègue disponible, 0 proposition expirée")
    assert Notification.objects.count() == count
    assert Proposal.objects.get().candidate == colleague


def test_an_unmatched_request_is_proposed_once_a_colleague_becomes_available(agent, agency, tool):
    help_request = ask(agent, tool)
    assert help_request.status == RequestStatus.UNMATCHED
    colleague = helper(tool, agency=agency)

    assert str(requests.dispatch()) == "1 demande proposée, 0 sans collègue disponible, 0 proposition expirée"

    assert help_request.pending_proposal().candidate == colleague
    assert titles(agent)[-1] == (
        NotificationKind.PROPOSAL,
        "Votre demande d'aide sur Éditeur d'offres est proposée à un collègue",
    )


def test_the_request_of_someone_who_left_is_not_proposed_any_more(agent, agency, tool):
    help_request = ask(agent, tool)
    assert help_request.status == RequestStatus.UNMATCHED
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    helper(tool, agency=agency)
    assert requests.dispatch().as_dict() == {"proposed": 0, "unmatched": 0, "expired": 0}
