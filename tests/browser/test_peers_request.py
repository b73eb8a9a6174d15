"""Entraide in a real browser: Alice asks for help on a tool, Chloé (a colleague of her agency who masters it and
chose to help) opens the notification and accepts with a time; Alice marks it resolved and thanks her, Chloé reads
the thanks. axe-core on every page and state; screenshots on a desktop and a phone (no sideways scroll)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ere.peers import requests
from tests.browser.test_screenshots import shoot
from tests.catalog.factories import TaskFactory, ToolFactory
from tests.org.factories import UserFactory
from tests.peers.test_requests_service import helper

NEW = "/entraide/demandes/nouvelle/"
LIST = "/entraide/demandes/"
NOTIFICATIONS = "/entraide/notifications/"
SETTINGS = "/entraide/mon-profil/"
CONTEXT = "Je ne retrouve pas l'offre que j'ai enregistrée hier en brouillon : la liste « Mes brouillons » est vide."


@pytest.fixture
def tools(db):
    publish = TaskFactory(name="Publier une offre", slug="publier")
    follow = TaskFactory(name="Suivre les candidatures", slug="suivre")
    editor = ToolFactory(name="Éditeur d'offres", slug="editeur-offres", tasks=[publish, follow])
    agenda = ToolFactory(
        name="Agenda partagé", slug="agenda-partage", tasks=[TaskFactory(name="Organiser mon agenda")]
    )
    return {"editor": editor, "agenda": agenda, "publish": publish}


@pytest.fixture
def chloe(agency, tools):
    return helper(tools["editor"], agency=agency, first_name="Chloé", last_name="Durand", email="chloe@example.fr")


def tick(page, label):
    """Tick a radio or a checkbox as a person does, by its label (a DSFR label covers its input)."""
    page.locator("label").filter(has_text=label).click()
    expect(page.get_by_label(label)).to_be_checked()


def test_a_request_from_asking_to_thanks(new_page, log_in, agent, chloe, tools, assert_no_axe_violations):
    alice = new_page()
    log_in(alice, agent, next_url=NEW)
    expect(alice.get_by_role("heading", level=1, name="Demander de l'aide")).to_be_visible()
    assert_no_axe_violations(alice)

    # Choosing the tool brings its tasks only (htmx).
    alice.get_by_label("Sur quel applicatif ?").select_option(label="Agenda partagé")
    expect(alice.get_by_label("Pour quelle tâche ?").locator("option")).to_have_count(2)
    alice.get_by_label("Sur quel applicatif ?").select_option(label="Éditeur d'offres")
    expect(alice.get_by_label("Pour quelle tâche ?").locator("option")).to_have_count(3)
    alice.get_by_label("Pour quelle tâche ?").select_option(label="Publier une offre")
    alice.get_by_label("Ce que vous essayez de faire").fill(CONTEXT)
    tick(alice, "Urgent : un usager attend")
    with alice.expect_navigation():
        alice.get_by_role("button", name="Envoyer ma demande").click()

    expect(alice.get_by_role("heading", level=1, name="Aide sur Éditeur d'offres")).to_be_visible()
    expect(alice.get_by_text("Votre demande est proposée à Chloé Durand")).to_be_visible()
    expect(alice.get_by_role("heading", name="Proposée à Chloé Durand")).to_be_visible()
    expect(alice.get_by_text("Niveau « Maîtrise » à son diagnostic sur cet applicatif")).to_be_visible()
    assert_no_axe_violations(alice)
    shoot(alice, "peers-request-proposed", 1280)
    assert [message.to for message in mail.outbox] == [["chloe@example.fr"]]

    # Chloé, in her own browser, opens the notification and accepts with a time.
    helper_page = new_page()
    log_in(helper_page, chloe, next_url=NOTIFICATIONS)
    expect(helper_page.get_by_role("heading", level=1, name="Notifications")).to_be_visible()
    expect(helper_page.get_by_text("Nouvelle", exact=True)).to_be_visible()
    assert_no_axe_violations(helper_page)
    shoot(helper_page, "peers-notifications", 1280)
    with helper_page.expect_navigation():
        helper_page.get_by_role("link", name="Alice Martin a besoin d'aide sur Éditeur d'offres").click()
    expect(helper_page.get_by_role("heading", name="Alice a besoin de votre aide")).to_be_visible()
    expect(helper_page.get_by_text("Pourquoi vous (votre collègue le voit aussi)")).to_be_visible()
    assert_no_axe_violations(helper_page)
    shoot(helper_page, "peers-request-candidate", 1280)
    slot = timezone.localtime() + datetime.timedelta(days=1)
    slot = slot.replace(hour=14, minute=30)
    helper_page.get_by_label("Proposer un créneau").fill(slot.strftime("%Y-%m-%dT%H:%M"))
    helper_page.get_by_label("Un mot pour votre collègue").fill("Je passe à ton bureau après ma réunion")
    with helper_page.expect_navigation():
        helper_page.get_by_role("button", name="J'accepte d'aider").click()
    expect(helper_page.get_by_text("Merci ! Alice est prévenu·e que vous l'aidez.")).to_be_visible()
    expect(helper_page.get_by_role("heading", name="Vous aidez Alice Martin")).to_be_visible()
    assert_no_axe_violations(helper_page)
    shoot(helper_page, "peers-request-helper", 1280)

    # Alice sees who helps and when, marks it resolved, and thanks Chloé.
    alice.reload()
    expect(alice.get_by_role("heading", name="Chloé Durand vous aide")).to_be_visible()
    expect(alice.get_by_text(f"le {slot.day} ")).to_be_visible()
    expect(alice.get_by_text("Son message : « Je passe à ton bureau après ma réunion »")).to_be_visible()
    assert_no_axe_violations(alice)
    shoot(alice, "peers-request-accepted", 1280)
    with alice.expect_navigation():
        alice.get_by_role("button", name="C'est résolu").click()
    expect(alice.get_by_text("Tant mieux ! La demande est résolue.")).to_be_visible()
    expect(alice.get_by_role("heading", name="Remercier Chloé")).to_be_visible()
    assert_no_axe_violations(alice)
    alice.get_by_label("Votre message").fill("Merci Chloé, c'était limpide !")
    with alice.expect_navigation():
        alice.get_by_role("button", name="Envoyer mon remerciement").click()
    expect(alice.get_by_text("Votre remerciement est envoyé à Chloé. Vous seuls le voyez.")).to_be_visible()
    expect(alice.locator(".ere-thanks")).to_have_text("Merci Chloé, c'était limpide !")
    assert_no_axe_violations(alice)
    shoot(alice, "peers-request-resolved", 1280)

    # Chloé reads the thanks, on the page and in her notifications.
    helper_page.reload()
    expect(helper_page.get_by_role("heading", name="Le remerciement d'Alice")).to_be_visible()
    expect(helper_page.locator(".ere-thanks")).to_have_text("Merci Chloé, c'était limpide !")
    assert_no_axe_violations(helper_page)
    helper_page.goto(NOTIFICATIONS)
    expect(helper_page.get_by_role("link", name="Alice Martin vous remercie")).to_be_visible()

    for page in (alice, helper_page):
        page.goto(LIST)
        expect(page.get_by_role("heading", level=1, name="Mes demandes d'aide")).to_be_visible()
        expect(page.get_by_role("link", name="Aide sur Éditeur d'offres")).to_be_visible()
        assert_no_axe_violations(page)
    shoot(alice, "peers-request-list", 1280)


def test_the_helper_settings_and_the_empty_states_are_accessible(page, log_in, agent, tools, assert_no_axe_violations):
    log_in(page, agent, next_url=SETTINGS)
    expect(page.get_by_role("heading", level=1, name="Mon profil d'entraide")).to_be_visible()
    assert_no_axe_violations(page)
    tick(page, "Je veux bien aider mes collègues")
    page.get_by_text("Choisir d'autres applicatifs").click()
    tick(page, "Agenda partagé")
    page.get_by_label("Nombre de demandes par semaine, au plus").fill("0")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.get_by_text("Au moins 1 demande par semaine")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Nombre de demandes par semaine, au plus").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.get_by_text("vous pouvez être proposé·e à des collègues")).to_be_visible()
    assert agent.peer_profile.tools.get() == tools["agenda"]
    assert_no_axe_violations(page)
    shoot(page, "peers-settings", 1280)

    for path in (LIST, NOTIFICATIONS):
        page.goto(path)
        expect(page.locator(".fr-callout").first).to_be_visible()
        assert_no_axe_violations(page)

    # A request nobody can take: what to do meanwhile.
    help_request = requests.create_request(agent, tools["agenda"], context=CONTEXT)
    page.goto(help_request.get_absolute_url())
    expect(page.get_by_role("heading", name="Aucun collègue n'est disponible pour l'instant")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_request_pages_look_right_on_a_desktop_and_on_a_phone(new_page, log_in, agent, chloe, tools, width):
    page = new_page(width=width, height=900 if width > 576 else 800)
    log_in(page, chloe, next_url=LIST)
    help_request = requests.create_request(
        agent, tools["editor"], task=tools["publish"], urgency="high", mode="beside", context=CONTEXT
    )
    for _ in range(2):
        requests.create_request(UserFactory(agency=agent.agency), tools["agenda"], context="Où est la vue semaine ?")
    page.goto(LIST)
    shoot(page, "peers-request-list-helper", width)
    page.goto(help_request.get_absolute_url())
    shoot(page, "peers-request-candidate", width)
    page.goto(NEW)
    shoot(page, "peers-request-new", width)
    page.goto(NOTIFICATIONS)
    shoot(page, "peers-notifications", width)
    page.goto(SETTINGS)
    shoot(page, "peers-settings", width)
