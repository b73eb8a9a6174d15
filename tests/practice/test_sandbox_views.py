"""The applicatifs-écoles pages: the list, the player page, and the endpoint that records an attempt."""

import io
import json
import random
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from ere.catalog.demo_data import TOOLS
from ere.practice import demo_sandboxes, sandbox
from ere.practice.models import Sandbox, SandboxAttempt
from tests.catalog.factories import ToolFactory
from tests.org.factories import UserFactory

PUBLISH = "publier-offre-boulangerie"
ROLES = ["agent", "champion", "trainer", "manager", "analyst", "admin_user"]


@pytest.fixture
def sandboxes(db):
    """The six demo sandboxes, linked to their catalogue tools."""
    wanted = {definition["tool"] for definition in demo_sandboxes.definitions()}
    for tool in TOOLS:
        if tool["slug"] in wanted:
            ToolFactory(slug=tool["slug"], name=tool["name"])
    demo_sandboxes.load(random.Random(0), io.StringIO())
    return {item.slug: item for item in Sandbox.objects.all()}


def examples(slug):
    return sandbox.examples(sandbox.load_file(demo_sandboxes.SANDBOXES_DIR / f"{slug}.yaml"))


def post_attempt(client, slug, actions, client_id=None, seconds=95):
    payload = {"client_id": str(client_id or uuid.uuid4()), "actions": actions, "seconds": seconds}
    return client.post(
        reverse("practice:sandbox_attempt", args=[slug]), data=json.dumps(payload), content_type="application/json"
    )


CLIENT_ID = "0e4a3a0c-8d6e-4a55-9f53-64b3fd1cc2a1"


def body(actions, **extra):
    return json.dumps({"client_id": CLIENT_ID, "actions": actions, **extra})


def attempt_for(user, item, succeeded=True, mistakes=()):
    return SandboxAttempt.objects.create(user=user, sandbox=item, succeeded=succeeded, mistakes=list(mistakes))


# ---------------------------------------------------------------------------------------------------------------
# Access


@pytest.mark.parametrize("role", ROLES)
def test_it_checks_access(client, login, request, role, sandboxes):
    urls = [reverse("practice:sandbox_list"), reverse("practice:sandbox_play", args=[PUBLISH])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    user_client = login(request.getfixturevalue(role))
    for url in urls:
        assert user_client.get(url).status_code == 200


def test_an_anonymous_attempt_is_redirected_to_login_and_not_stored(client, sandboxes):
    solution, _mistakes = examples(PUBLISH)
    response = post_attempt(client, PUBLISH, solution)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not SandboxAttempt.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# The list


def test_the_list_groups_the_published_sandboxes_by_tool(login, agent, sandboxes):
    Sandbox.objects.filter(slug="envoyer-message-securise").update(is_published=False)
    response = login(agent).get(reverse("practice:sandbox_list"))
    groups = response.context["groups"]
    assert [tool.name for tool, _items in groups] == sorted(tool.name for tool, _items in groups)
    assert len(groups) == 5
    assert all(len(items) == 1 for _tool, items in groups)
    content = response.content.decode()
    assert "Suivi des offres d&#x27;emploi" in content
    assert "Publier l&#x27;offre d&#x27;une boulangerie" in content
    assert sandboxes[PUBLISH].get_absolute_url() in content
    assert "Envoyer une convocation par messagerie sécurisée" not in content


def test_the_list_shows_the_agents_own_best_result_and_attempts_only(login, agent, sandboxes):
    publish, agenda = sandboxes[PUBLISH], sandboxes["poser-rendez-vous-agenda"]
    attempt_for(agent, publish, succeeded=False, mistakes=["contrat", "lieu"])
    attempt_for(agent, publish, succeeded=False, mistakes=["contrat"])
    attempt_for(agent, agenda, succeeded=False, mistakes=["salle"])
    attempt_for(agent, agenda, succeeded=True)
    other = UserFactory(agency=agent.agency)
    for _ in range(3):
        attempt_for(other, sandboxes["envoyer-message-securise"], succeeded=True)

    response = login(agent).get(reverse("practice:sandbox_list"))
    shown = {item.slug: item for _tool, items in response.context["groups"] for item in items}
    assert (shown[PUBLISH].attempt_count, shown[PUBLISH].success_count, shown[PUBLISH].fewest_mistakes) == (2, 0, 1)
    assert (shown["poser-rendez-vous-agenda"].attempt_count, shown["poser-rendez-vous-agenda"].success_count) == (2, 1)
    assert shown["envoyer-message-securise"].attempt_count == 0
    content = response.content.decode()
    assert "2 tentatives" in content
    assert "au mieux 1 point à corriger" in content
    assert "Réussie" in content
    assert "À découvrir" in content
    assert "3 tentatives" not in content


def test_the_list_says_when_there_is_nothing_to_play(login, agent, db):
    content = login(agent).get(reverse("practice:sandbox_list")).content.decode()
    assert "Aucun applicatif-école pour l'instant" in content


# ---------------------------------------------------------------------------------------------------------------
# The player page


def test_the_page_shows_the_mission_and_the_player_without_the_solution(login, agent, sandboxes):
    response = login(agent).get(reverse("practice:sandbox_play", args=[PUBLISH]))
    content = response.content.decode()
    assert "Votre mission" in content
    assert "12 cours Gambetta, 69003 Lyon" in content
    assert "data-sandbox-player" in content
    assert f'data-attempt-url="{reverse("practice:sandbox_attempt", args=[PUBLISH])}"' in content
    assert 'id="sandbox-definition"' in content
    assert "practice/player.js" in content
    assert "csrfmiddlewaretoken" in content
    assert response.context["definition"]["slug"] == PUBLISH
    assert "examples" not in response.context["definition"]
    assert "Poste en CDI" not in content  # a title of the examples
    assert "Vous n'avez pas encore tenté cette mission." in content


def test_the_page_lists_the_agents_own_attempts_only(login, agent, sandboxes):
    publish = sandboxes[PUBLISH]
    mine = attempt_for(agent, publish, succeeded=False, mistakes=["contrat", "lieu"])
    mine.seconds = 200
    mine.save(update_fields=["seconds"])
    attempt_for(UserFactory(agency=agent.agency), publish, succeeded=True)
    response = login(agent).get(publish.get_absolute_url())
    assert response.context["attempts"] == [mine]
    content = response.content.decode()
    assert "À reprendre" in content
    assert "3 min 20 s" in content
    assert "Réussie" not in content


def test_the_page_answers_404_for_an_unknown_or_unpublished_sandbox(login, agent, sandboxes):
    client = login(agent)
    assert client.get(reverse("practice:sandbox_play", args=["inconnu"])).status_code == 404
    Sandbox.objects.filter(slug=PUBLISH).update(is_published=False)
    assert client.get(reverse("practice:sandbox_play", args=[PUBLISH])).status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# Recording an attempt


def test_a_successful_attempt_is_checked_again_and_stored(login, agent, sandboxes):
    solution, _mistakes = examples(PUBLISH)
    client_id = uuid.uuid4()
    response = post_attempt(login(agent), PUBLISH, solution, client_id=client_id, seconds=312)
    assert response.status_code == 201
    body = response.json()
    assert body["succeeded"] is True
    assert body["mistakes"] == []
    assert body["message"].startswith("Bravo")
    assert body["already_recorded"] is False
    stored = SandboxAttempt.objects.get()
    assert (stored.user, stored.sandbox, stored.client_id) == (agent, sandboxes[PUBLISH], client_id)
    assert (stored.succeeded, stored.mistakes, stored.actions, stored.seconds) == (True, [], len(solution), 312)


def test_a_failed_attempt_is_stored_with_the_ids_of_its_mistakes(login, agent, sandboxes):
    _solution, mistakes = examples(PUBLISH)
    log, _expected = mistakes["contrat"]
    response = post_attempt(login(agent), PUBLISH, log)
    assert response.status_code == 201
    body = response.json()
    assert body["succeeded"] is False
    assert body["mistakes"] == ["contrat"]
    assert body["failures"][0]["feedback"].startswith("Le type de contrat ne correspond pas")
    assert SandboxAttempt.objects.get().mistakes == ["contrat"]


def test_the_server_trusts_its_own_replay_not_the_browser(login, agent, sandboxes):
    _solution, mistakes = examples(PUBLISH)
    log, _expected = mistakes["lieu"]
    client = login(agent)
    payload = {"client_id": str(uuid.uuid4()), "actions": log, "seconds": 10, "succeeded": True, "mistakes": []}
    client.post(
        reverse("practice:sandbox_attempt", args=[PUBLISH]), data=json.dumps(payload), content_type="application/json"
    )
    assert SandboxAttempt.objects.get().succeeded is False


def test_an_attempt_sent_twice_is_stored_once(login, agent, sandboxes):
    solution, _mistakes = examples(PUBLISH)
    client, client_id = login(agent), uuid.uuid4()
    assert post_attempt(client, PUBLISH, solution, client_id=client_id).status_code == 201
    again = post_attempt(client, PUBLISH, solution, client_id=client_id)
    assert again.status_code == 200
    assert again.json()["already_recorded"] is True
    assert again.json()["succeeded"] is True
    assert SandboxAttempt.objects.count() == 1


def test_an_agent_cannot_reuse_the_attempt_id_of_another_agent(login, agent, sandboxes):
    theirs = attempt_for(UserFactory(agency=agent.agency), sandboxes[PUBLISH], succeeded=False, mistakes=["lieu"])
    solution, _mistakes = examples(PUBLISH)
    response = post_attempt(login(agent), PUBLISH, solution, client_id=theirs.client_id)
    assert response.status_code == 400
    assert response.json() == {"error": "Cet identifiant de tentative est déjà utilisé."}
    assert "lieu" not in response.content.decode()
    assert SandboxAttempt.objects.count() == 1
    assert not agent.sandbox_attempts.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ("{pas du json", "La tentative n'est pas lisible : le navigateur doit envoyer du JSON."),
        (
            "[" * 100000 + "]" * 100000,
            "La tentative n'est pas lisible : le JSON envoyé est imbriqué trop profondément.",
        ),
        (
            body([{"type": "navigate", "target": json.loads("[" * 200 + "]" * 200)}]),
            "La tentative ne correspond pas à cet applicatif-école. Action n° 1 : « target » doit nommer un écran, "
            "un champ ou un bouton.",
        ),
        ("[1, 2]", "La tentative doit être un objet JSON (client_id, actions, seconds)."),
        ('{"actions": []}', "L'identifiant de la tentative (client_id) est absent ou invalide."),
        ('{"client_id": "abc", "actions": []}', "L'identifiant de la tentative (client_id) est absent ou invalide."),
        (
            body("tout"),
            "Le journal des actions (actions) doit être une liste.",
        ),
        (
            body([], seconds=-4),
            "La durée de la tentative (seconds) doit être un nombre entier de secondes.",
        ),
        (
            body([{"type": "teleport"}]),
            "La tentative ne correspond pas à cet applicatif-école. Action n° 1 : « target » doit nommer un écran, "
            "un champ ou un bouton.",
        ),
        (
            body([{"type": "click", "target": "publish"}]),
            "La tentative ne correspond pas à cet applicatif-école. Action n° 1 : le bouton « publish » n'est pas sur "
            "l'écran « home ».",
        ),
        (
            body([{"type": "teleport", "target": "x"}]),
            "La tentative ne correspond pas à cet applicatif-école. Action n° 1 : le type « teleport » est inconnu "
            "(types permis : navigate, tab, input, click, row, finish).",
        ),
        (
            body([{"type": "navigate", "target": "home"}]),
            "La mission n'est pas terminée : rien n'est enregistré.",
        ),
    ],
)
def test_a_bad_attempt_is_refused_with_a_french_message(login, agent, sandboxes, data, message):
    response = login(agent).post(
        reverse("practice:sandbox_attempt", args=[PUBLISH]), data=data, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert message in response.content.decode()  # not escaped: readable in the browser's console too
    assert not SandboxAttempt.objects.exists()


def test_a_sandbox_broken_in_the_database_refuses_attempts_without_crashing(login, agent, sandboxes, caplog):
    broken = sandboxes[PUBLISH]
    broken.definition = {**broken.definition, "start": "nulle-part"}
    broken.save(update_fields=["definition"])
    solution, _mistakes = examples(PUBLISH)
    response = post_attempt(login(agent), PUBLISH, solution)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Cet applicatif-école est mal décrit pour l'instant")
    assert "invalide en base" in caplog.text
    assert not SandboxAttempt.objects.exists()


def test_the_attempt_endpoint_only_takes_post_on_a_published_sandbox(login, agent, sandboxes):
    client = login(agent)
    assert client.get(reverse("practice:sandbox_attempt", args=[PUBLISH])).status_code == 405
    Sandbox.objects.filter(slug=PUBLISH).update(is_published=False)
    solution, _mistakes = examples(PUBLISH)
    response = post_attempt(client, PUBLISH, solution)
    # In JSON, that the player reads: an attempt kept offline for a withdrawn sandbox is dropped, not sent forever.
    assert response.status_code == 404
    assert response.json() == {
        "error": "Cet applicatif-école n'est plus proposé : la tentative n'est pas enregistrée."
    }
    assert post_attempt(client, "ecole-inconnue", solution).status_code == 404
    assert not SandboxAttempt.objects.exists()


def test_the_player_sends_the_csrf_token_in_a_header(agent, sandboxes):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    page = client.get(reverse("practice:sandbox_play", args=[PUBLISH]))
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    solution, _mistakes = examples(PUBLISH)
    payload = json.dumps({"client_id": str(uuid.uuid4()), "actions": solution, "seconds": 60})
    url = reverse("practice:sandbox_attempt", args=[PUBLISH])
    assert client.post(url, data=payload, content_type="application/json").status_code == 403
    response = client.post(url, data=payload, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 201


# ---------------------------------------------------------------------------------------------------------------
# The demo loader


def test_the_demo_loader_is_idempotent_and_links_the_tools(sandboxes):
    assert len(sandboxes) == 6
    assert sandboxes[PUBLISH].tool.slug == "suivi-offres"
    assert sandboxes[PUBLISH].minutes == 6
    assert "examples" not in sandboxes[PUBLISH].definition
    updated_at = {item.slug: item.updated_at for item in Sandbox.objects.all()}
    out = io.StringIO()
    demo_sandboxes.load(random.Random(0), out)
    assert out.getvalue() == "Applicatifs-écoles : 6 missions (rien à changer)"
    assert {item.slug: item.updated_at for item in Sandbox.objects.all()} == updated_at


def test_the_demo_loader_works_without_the_catalogue(db):
    out = io.StringIO()
    demo_sandboxes.load(random.Random(0), out)
    assert Sandbox.objects.filter(tool=None).count() == 6
    assert (
        out.getvalue()
        == "Applicatifs-écoles : 6 missions (6 créations, 0 mise à jour, 6 sans applicatif du catalogue)"
    )
