"""The pages of help requests: the lists, asking for help, the request's page for each person, the answers."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ere.peers import requests
from ere.peers.enums import HelpMode, ProposalStatus, RequestStatus, Urgency
from ere.peers.models import HelpRequest, Proposal
from tests.catalog.factories import TaskFactory, ToolFactory
from tests.org.factories import UserFactory
from tests.peers.factories import HelpRequestFactory, ProposalFactory
from tests.peers.test_requests_service import helper

CONTEXT = "Je ne retrouve pas l'offre enregistrée hier en brouillon."


@pytest.fixture
def publish(db):
    return TaskFactory(name="Publier une offre", slug="publier")


@pytest.fixture
def tool(publish):
    return ToolFactory(name="Éditeur d'offres", slug="editeur-offres", tasks=[publish])


@pytest.fixture
def colleague(agency, tool):
    return helper(tool, agency=agency, first_name="Chloé", last_name="Durand")


@pytest.fixture
def proposed(agent, tool, colleague):
    """Alice's request, proposed to Chloé."""
    return requests.create_request(agent, tool, mode=HelpMode.BESIDE, context=CONTEXT)


def url(name, help_request=None):
    return reverse(f"peers:{name}", args=[help_request.pk] if help_request else [])


def flash(response):
    """The message of the last action (those of earlier actions stay in the session until a page shows them)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1:]


def page(client, help_request):
    response = client.get(url("request", help_request))
    assert response.status_code == 200
    return response.content.decode()


# Access ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "analyst", "other_manager"])
def test_it_checks_access(client, login, request, role, proposed, agency):
    pages = [url("request_list"), url("request_new"), url("request", proposed)]
    actions = [url(name, proposed) for name in ("request_accept", "request_decline", "request_resolve")]
    actions += [url(name, proposed) for name in ("request_thank", "request_cancel")]
    for address in pages + actions:
        response = client.get(address) if address in pages else client.post(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    user_client = login(request.getfixturevalue(role))
    for address in pages:
        assert user_client.get(address).status_code == 403, address
    for address in actions:
        assert user_client.post(address, {"text": "Merci"}).status_code == 403, address

    # An agent who was never proposed the request does not even know it exists.
    stranger_client = login(UserFactory(agency=agency))
    assert stranger_client.get(url("request", proposed)).status_code == 404
    for address in actions:
        assert stranger_client.post(address, {"text": "Merci"}).status_code == 404, address
    proposed.refresh_from_db()
    assert proposed.status == RequestStatus.PROPOSED
    assert proposed.pending_proposal().status == ProposalStatus.PENDING


def test_the_actions_are_post_only(login, agent, proposed):
    for name in ("request_accept", "request_decline", "request_resolve", "request_thank", "request_cancel"):
        assert login(agent).get(url(name, proposed)).status_code == 405


def test_each_action_is_for_its_person_only(login, agent, colleague, proposed):
    agent_client = login(agent)
    # The requester may not answer for the colleague.
    assert agent_client.post(url("request_accept", proposed)).status_code == 403
    assert agent_client.post(url("request_decline", proposed)).status_code == 403
    colleague_client = login(colleague)
    assert colleague_client.post(url("request_cancel", proposed)).status_code == 403
    assert colleague_client.post(url("request_thank", proposed), {"text": "Merci"}).status_code == 403
    assert colleague_client.post(url("request_resolve", proposed)).status_code == 403  # not their helper yet
    proposed.refresh_from_db()
    assert proposed.status == RequestStatus.PROPOSED


# Lists -------------------------------------------------------------------------------------------------------------


def test_the_list_has_empty_states_with_calls_to_action(login, agent):
    content = login(agent).get(url("request_list")).content.decode()
    assert "Vous n'avez encore rien demandé" in content
    assert "Aucune demande ne vous est proposée" in content
    assert url("request_new") in content
    assert url("settings") in content


def test_the_list_shows_my_requests_and_those_proposed_to_me(login, agent, agency, colleague, proposed, tool):
    paul = UserFactory(first_name="Paul", last_name="Roy", agency=agency)
    resolved = HelpRequestFactory(resolved=True, requester=paul, helper=colleague, tool=tool)
    HelpRequestFactory(requester__agency=agency, tool=ToolFactory(name="Agenda partagé"))  # somebody else's

    content = login(agent).get(url("request_list")).content.decode()
    assert content.count(escape("Aide sur Éditeur d'offres")) == 1
    assert "Proposée à un collègue" in content
    assert "Agenda partagé" not in content

    response = login(colleague).get(url("request_list"))
    helping = list(response.context["helping"].object_list)
    assert helping == [proposed, resolved]  # waiting for my answer first
    content = response.content.decode()
    assert "Attend votre réponse" in content
    assert "à répondre avant le" in content
    assert "Alice Martin" in content and "Paul Roy" in content
    assert "Vous n'avez encore rien demandé" in content


def test_the_lists_are_paginated_each_on_its_own(login, agent, tool):
    for _ in range(22):
        HelpRequestFactory(requester=agent, tool=tool)
    client = login(agent)
    response = client.get(url("request_list"))
    assert len(response.context["mine"].object_list) == 20
    assert "?page=2" in response.content.decode()
    response = client.get(url("request_list") + "?page=2")
    assert len(response.context["mine"].object_list) == 2
    assert client.get(url("request_list") + "?page=x&aider=999").status_code == 200


# Asking for help ---------------------------------------------------------------------------------------------------


def test_the_form_preselects_the_tool_and_the_task_of_the_link(login, agent, tool, publish):
    ToolFactory(name="Ancien portail", retired=True)
    response = login(agent).get(url("request_new") + "?outil=editeur-offres&tache=publier")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["tool"].value() == tool.pk
    assert form["task"].value() == publish.pk
    assert "Ancien portail" not in response.content.decode()  # retired tools are not offered


def test_choosing_a_tool_brings_its_tasks(login, agent, tool, publish):
    TaskFactory(name="Organiser mon agenda")
    response = login(agent).get(url("request_new"), {"tool": tool.pk}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.strip().startswith('<div class="fr-fieldset__element" id="task-field">')
    assert "Publier une offre" in content
    assert "Organiser mon agenda" not in content
    response = login(agent).get(url("request_new"), {"tool": "n'importe quoi"}, headers={"HX-Request": "true"})
    assert response.status_code == 200


def test_asking_proposes_the_request_and_says_to_whom(login, agent, colleague, tool, publish):
    data = {"tool": tool.pk, "task": publish.pk, "urgency": Urgency.HIGH, "mode": HelpMode.BESIDE, "context": CONTEXT}
    response = login(agent).post(url("request_new"), data)
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response.url == help_request.get_absolute_url()
    assert (help_request.task, help_request.urgency, help_request.context) == (publish, Urgency.HIGH, CONTEXT)
    assert help_request.pending_proposal().candidate == colleague
    assert flash(response) == [
        "Votre demande est proposée à Chloé Durand, qui reçoit une notification et un e-mail. Vous serez prévenu·e "
        "de sa réponse."
    ]


def test_asking_when_nobody_is_available_says_what_to_do(login, agent, tool):
    data = {"tool": tool.pk, "urgency": Urgency.NORMAL, "mode": HelpMode.VISIO, "context": CONTEXT}
    response = login(agent).post(url("request_new"), data, follow=True)
    help_request = HelpRequest.objects.get()
    assert help_request.status == RequestStatus.UNMATCHED
    content = response.content.decode()
    assert escape("aucun collègue n'est disponible pour l'instant sur Éditeur d'offres") in content
    assert "Aucun collègue n'est disponible pour l'instant" in content


@pytest.mark.parametrize(
    "changes, field, error",
    [
        ({"context": ""}, "context", "Décrivez en quelques lignes ce que vous essayez de faire."),
        ({"tool": "999999"}, "tool", "Choisissez un applicatif de la liste."),
        ({"tool": "abc"}, "tool", "Choisissez un applicatif de la liste."),
        ({"tool": ""}, "tool", "Choisissez l'applicatif sur lequel vous avez besoin d'aide."),
        ({"urgency": "demain"}, "urgency", "Choisissez une urgence."),
        ({"mode": ""}, "mode", "Choisissez comment être aidé·e."),
        ({"context": "x" * 2001}, "context", "Faites plus court : 2 000 caractères au plus."),
    ],
)
def test_a_bad_request_form_shows_french_errors(login, agent, tool, changes, field, error):
    data = {"tool": tool.pk, "urgency": Urgency.NORMAL, "mode": HelpMode.BESIDE, "context": CONTEXT} | changes
    response = login(agent).post(url("request_new"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert not HelpRequest.objects.exists()


def test_a_task_of_another_tool_is_refused(login, agent, tool):
    other = TaskFactory(name="Organiser mon agenda")
    ToolFactory(name="Agenda partagé", tasks=[other])
    data = {"tool": tool.pk, "task": other.pk, "urgency": Urgency.NORMAL, "mode": HelpMode.BESIDE, "context": CONTEXT}
    response = login(agent).post(url("request_new"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["task"] == ["Choisissez une tâche de cet applicatif, ou aucune."]


# The request's page, for each person -------------------------------------------------------------------------------


def test_the_requester_sees_who_it_is_proposed_to_and_why(login, agent, proposed):
    content = page(login(agent), proposed)
    assert "Proposée à Chloé Durand" in content
    assert "Pourquoi Chloé :" in content
    assert "Niveau « Maîtrise » à son diagnostic sur cet applicatif" in content
    assert "Annuler ma demande" in content
    assert "C'est résolu" not in content  # nobody helps yet
    assert "Remercier" not in content
    assert CONTEXT.replace("'", escape("'")) in content


def test_the_candidate_sees_why_them_and_answers(login, colleague, proposed):
    content = page(login(colleague), proposed)
    assert "Alice a besoin de votre aide" in content
    assert "Pourquoi vous (votre collègue le voit aussi)" in content
    assert "Proposer un créneau" in content and 'type="datetime-local"' in content
    assert "J'accepte d'aider" in content and "Décliner" in content
    assert "Annuler ma demande" not in content
    assert "Historique" not in content


def test_accepting_with_a_time_and_a_message(login, agent, colleague, proposed):
    slot = timezone.localtime() + datetime.timedelta(days=1)
    data = {"proposed_time": slot.strftime("%Y-%m-%dT%H:%M"), "message": "Je passe à ton bureau"}
    response = login(colleague).post(url("request_accept", proposed), data)
    assert response.status_code == 302
    assert response.url == proposed.get_absolute_url()
    assert flash(response)[0].startswith("Merci ! Alice est prévenu·e que vous l'aidez.")
    proposed.refresh_from_db()
    assert proposed.status == RequestStatus.ACCEPTED
    assert proposed.proposed_time == slot.replace(second=0, microsecond=0)

    content = page(login(colleague), proposed)
    assert "Vous aidez Alice Martin" in content
    assert "Votre message : « Je passe à ton bureau »" in content
    content = page(login(agent), proposed)
    assert "Chloé Durand vous aide" in content
    assert f"le {slot:%-d}" in content
    assert "Remercier Chloé" in content
    assert "Votre message n'est visible que de Chloé et de vous" in content


@pytest.mark.parametrize(
    "data, error",
    [
        ({"proposed_time": "demain"}, "Indiquez une date et une heure, par exemple 14/03/2027 14:30."),
        ({"proposed_time": "2020-01-01T10:00"}, "Ce créneau est déjà passé : choisissez un moment à venir."),
    ],
)
def test_a_bad_time_shows_a_french_error(login, colleague, proposed, data, error):
    response = login(colleague).post(url("request_accept", proposed), data)
    assert response.status_code == 400
    assert response.context["accept_form"].errors["proposed_time"] == [error]
    assert proposed.pending_proposal().status == ProposalStatus.PENDING


def test_declining_hands_the_request_on_and_hides_it_from_the_colleague(login, agent, colleague, proposed, agency):
    other = helper(proposed.tool, agency=agency)
    response = login(colleague).post(url("request_decline", proposed), {"reason": "En réunion tout l'après-midi"})
    assert response.status_code == 302
    assert response.url == url("request_list")
    assert flash(response) == ["C'est noté, merci d'avoir répondu : la demande passe à un autre collègue."]
    assert proposed.pending_proposal().candidate == other

    content = page(login(colleague), proposed)
    assert "Cette demande ne vous est plus proposée" in content
    assert other.get_full_name() not in content  # not who helps next
    assert "J'accepte d'aider" not in content
    content = page(login(agent), proposed)
    assert "En réunion" not in content
    assert "Proposée à un collègue" in content and f"Proposée à {other.get_full_name()}" in content
    assert "Chloé" not in content  # the requester is not told who declined


def test_answering_twice_shows_a_message_not_an_error(login, colleague, proposed):
    client = login(colleague)
    client.post(url("request_decline", proposed))
    for name in ("request_accept", "request_decline"):
        response = client.post(url(name, proposed), {"proposed_time": "demain"})
        assert response.status_code == 302
        assert flash(response) == ["Vous avez déjà décliné cette demande."]


def test_the_requester_resolves_then_thanks_and_only_the_two_of_them_see_the_thanks(
    login, agent, colleague, proposed, agency
):
    # Bruno was proposed first and declined; Chloé helps.
    declined = UserFactory(agency=agency, first_name="Bruno", last_name="Petit")
    Proposal.objects.filter(request=proposed).update(created_at=timezone.now())
    ProposalFactory(
        request=proposed,
        candidate=declined,
        status=ProposalStatus.DECLINED,
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )
    requests.accept(proposed.pending_proposal(), colleague)
    agent_client = login(agent)

    response = agent_client.post(url("request_resolve", proposed))
    assert flash(response) == ["Tant mieux ! La demande est résolue. Vous pouvez remercier Chloé."]
    response = agent_client.post(url("request_thank", proposed), {"text": ""})
    assert response.status_code == 400
    assert response.context["thanks_form"].errors["text"] == ["Écrivez quelques mots de remerciement."]
    response = agent_client.post(url("request_thank", proposed), {"text": "Merci, c'était limpide !"})
    assert flash(response) == ["Votre remerciement est envoyé à Chloé. Vous seuls le voyez."]
    response = agent_client.post(url("request_thank", proposed), {"text": "Encore merci"})
    assert flash(response) == ["Vous avez déjà remercié Chloé."]
    response = agent_client.post(url("request_thank", proposed), {"text": ""})
    assert flash(response) == ["Vous ne pouvez pas (ou plus) remercier pour cette demande."]

    thanks = escape("Merci, c'était limpide !")
    content = page(agent_client, proposed)
    assert thanks in content and "Votre remerciement à Chloé" in content
    assert "Proposée à un collègue" in content and "Bruno" not in content
    content = page(login(colleague), proposed)
    assert thanks in content and "Le remerciement d" in content
    assert "Bruno" not in content
    content = page(login(declined), proposed)
    assert "Cette demande ne vous est plus proposée" in content
    assert "limpide" not in content
    assert "Chloé" not in content  # not who helped
    assert "Historique" not in content


def test_the_helper_resolves(login, agent, colleague, proposed):
    requests.accept(proposed.pending_proposal(), colleague)
    response = login(colleague).post(url("request_resolve", proposed))
    assert flash(response) == ["Merci pour votre aide ! La demande est résolue."]
    proposed.refresh_from_db()
    assert proposed.status == RequestStatus.RESOLVED
    assert "Vous avez aidé Alice Martin" in page(login(colleague), proposed)


def test_a_wrong_state_gives_a_message_and_back_to_the_page(login, agent, proposed):
    client = login(agent)
    response = client.post(url("request_resolve", proposed))
    assert response.status_code == 302
    assert response.url == proposed.get_absolute_url()
    assert flash(response) == [
        "Personne n'a encore accepté cette demande. Si vous avez trouvé la solution, annulez-la."
    ]
    response = client.post(url("request_cancel", proposed))
    assert flash(response) == ["Votre demande est annulée."]
    response = client.post(url("request_cancel", proposed))
    assert flash(response) == ["Cette demande est déjà annulée."]
    response = client.post(url("request_resolve", proposed), follow=True)
    assert "Cette demande a été annulée : elle ne peut plus être marquée comme résolue." in response.content.decode()
    assert "Vous avez annulé cette demande" in response.content.decode()


def test_the_candidate_of_a_cancelled_request_is_told_there_is_nothing_to_do(login, agent, colleague, proposed):
    requests.cancel(proposed, agent)
    client = login(colleague)
    assert "Cette demande ne vous est plus proposée" in page(client, proposed)
    response = client.post(url("request_accept", proposed))
    assert flash(response) == ["Votre collègue a annulé sa demande : plus besoin de répondre."]


def test_an_unmatched_request_points_to_the_questions_and_the_champions(login, agent, tool, settings):
    settings.SITE_URL = "https://ere.example"
    help_request = requests.create_request(agent, tool, context=CONTEXT)
    question = reverse("peers:post_new") + "?outil=editeur-offres&type=question"
    content = page(login(agent), help_request)
    assert "Aucun collègue n'est disponible pour l'instant" in content
    assert f'href="{escape(question)}"' in content
    assert f'href="{reverse("peers:champions")}"' in content
    assert "Annuler ma demande" in content
    note = agent.notifications.get()
    assert f"https://ere.example{question}" in note.body
    assert f"https://ere.example{reverse('peers:champions')}" in note.body
