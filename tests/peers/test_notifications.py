"""Notifications: the list (unread highlighted, read once shown), « tout marquer comme lu », opening one (never to
another site), the e-mail of those that ask for an action, the cached unread counter."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ere.peers import notifications
from ere.peers.enums import NotificationKind
from ere.peers.models import Notification
from tests.org.factories import UserFactory
from tests.peers.factories import NotificationFactory

LIST = reverse("peers:notifications")


def open_url(notification):
    return reverse("peers:notification_open", args=[notification.pk])


@pytest.mark.parametrize("role", ["manager", "analyst"])
def test_it_checks_access(client, login, request, role, agent):
    mine = NotificationFactory(user=agent, url="/entraide/demandes/1/")
    gets, posts = [LIST, open_url(mine)], [reverse("peers:notifications_read")]
    for url in gets + posts:
        response = client.get(url) if url in gets else client.post(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    user_client = login(request.getfixturevalue(role))
    for url in gets:
        assert user_client.get(url).status_code == 403
    for url in posts:
        assert user_client.post(url).status_code == 403
    # Somebody else's notification: not found, and still unread.
    assert login(UserFactory(agency=agent.agency)).get(open_url(mine)).status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is None


def test_the_list_has_an_empty_state(login, agent):
    content = login(agent).get(LIST).content.decode()
    assert "Aucune notification" in content


def test_the_list_highlights_the_unread_ones_and_marks_them_read_once_shown(login, agent):
    read = NotificationFactory(user=agent, title="Déjà lue", url="/entraide/demandes/1/")
    notifications.mark_read(agent, [read])
    unread = NotificationFactory(user=agent, title="Chloé accepte de vous aider", body="Créneau proposé : demain")
    NotificationFactory(title="Celle d'un autre", user__agency=agent.agency)
    assert notifications.unread_count(agent) == 1

    response = login(agent).get(LIST)

    content = response.content.decode()
    assert "Chloé accepte de vous aider" in content and "Créneau proposé : demain" in content
    assert "Celle d" not in content
    assert content.count("ere-notification--unread") == 1
    assert content.count(">Nouvelle</span>") == 1  # in words, not a colour only
    assert open_url(unread) in content
    unread.refresh_from_db()
    assert unread.read_at is not None
    assert notifications.unread_count(agent) == 0
    assert "ere-notification--unread" not in login(agent).get(LIST).content.decode()


def test_the_list_is_paginated_and_marks_only_the_page_shown(login, agent):
    NotificationFactory.create_batch(25, user=agent)
    client = login(agent)
    response = client.get(LIST)
    assert len(response.context["page_obj"].object_list) == 20
    assert Notification.objects.filter(user=agent).unread().count() == 5
    assert response.context["unread_elsewhere"]
    assert "Tout marquer comme lu" in response.content.decode()

    response = client.post(reverse("peers:notifications_read"))
    assert response.status_code == 302
    assert response.url == LIST
    assert not Notification.objects.filter(user=agent).unread().exists()


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(login, agent):
    notification = NotificationFactory(user=agent, url="/entraide/demandes/12/")
    response = login(agent).get(open_url(notification))
    assert response.status_code == 302
    assert response.url == "/entraide/demandes/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url", ["https://pirate.example/", "//pirate.example/", "/\\pirate.example", "javascript:alert(1)", "demandes/"]
)
def test_opening_never_leads_to_another_site(login, agent, url):
    notification = NotificationFactory(user=agent, url=url)
    response = login(agent).get(open_url(notification))
    assert response.status_code == 302
    assert response.url == LIST


def test_a_notification_that_asks_for_an_action_is_e_mailed(
    agent, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://ere.example"
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            agent, NotificationKind.PROPOSAL, "Un collègue a besoin d'aide", "Sur l'agenda.", "/x/", email=True
        )
        notifications.notify(agent, NotificationKind.RESOLVED, "Demande résolue", "Merci.", "/y/")
    [mail] = mailoutbox
    assert mail.to == ["alice@example.fr"]
    assert mail.subject == "[ERE Digitale] Un collègue a besoin d'aide"
    assert mail.body.startswith("Bonjour Alice,\n\nSur l'agenda.\n\nhttps://ere.example/x/")
    assert Notification.objects.filter(user=agent).count() == 2
    nobody = UserFactory(email="", agency=agent.agency)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(nobody, NotificationKind.PROPOSAL, "Sans adresse", email=True)
    assert len(mailoutbox) == 1


def test_the_unread_counter_is_cached_and_cleared_by_each_change(agent, django_assert_num_queries):
    cache.clear()
    assert notifications.unread_count(agent) == 0
    with django_assert_num_queries(0):
        assert notifications.unread_count(agent) == 0
    notification = notifications.notify(agent, NotificationKind.THANKS, "Alice vous remercie")
    assert notifications.unread_count(agent) == 1
    notifications.mark_read(agent, [notification])
    assert notifications.unread_count(agent) == 0
