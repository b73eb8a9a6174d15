import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

NEW_PASSWORD = "Une-phrase-de-passe-2026"


def _reset_link(message):
    match = re.search(r"https?://[^/\s]+(/mot-de-passe/nouveau/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.parametrize(
    "url_name", ["password_reset", "password_reset_done", "password_reset_complete"], ids=lambda name: name
)
def test_it_checks_access(client, db, url_name):
    # Someone who forgot their password is not logged in: these pages are open.
    response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_the_confirmation_page_is_open_to_anonymous_visitors(client, db):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "lien-invalide"]))
    assert response.status_code == 200
    assert "Ce lien n'est plus valable" in response.content.decode()


def test_it_sends_a_link_that_sets_a_new_password(client, agent):
    response = client.post(reverse("password_reset"), {"email": "ALICE@example.fr"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [agent.email]
    assert message.subject == "ERE Digitale : choisir un nouveau mot de passe"
    assert "Bonjour Alice" in message.body

    # The link leads to a form (Django swaps the token for a session marker first).
    response = client.get(_reset_link(message), follow=True)
    assert response.status_code == 200
    assert "Choisir un nouveau mot de passe" in response.content.decode()
    form_url = response.redirect_chain[-1][0]

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    agent.refresh_from_db()
    assert agent.check_password(NEW_PASSWORD)

    # The link works once only.
    response = client.get(_reset_link(message), follow=True)
    assert "Ce lien n'est plus valable" in response.content.decode()

    # And the new password opens the door.
    response = client.post(reverse("login"), {"username": agent.email, "password": NEW_PASSWORD})
    assert client.session[SESSION_KEY] == str(agent.pk)


def test_it_rejects_a_weak_new_password_in_french(client, agent):
    client.post(reverse("password_reset"), {"email": agent.email})
    response = client.get(_reset_link(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "123456789", "new_password2": "123456789"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce mot de passe est trop court" in content
    agent.refresh_from_db()
    assert not agent.check_password("123456789")


def test_it_does_not_reveal_whether_an_address_has_an_account(client, db):
    response = client.post(reverse("password_reset"), {"email": "inconnu@example.fr"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_it_sends_nothing_to_a_deactivated_account(client, agent):
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    client.post(reverse("password_reset"), {"email": agent.email})
    assert mail.outbox == []


def test_it_rejects_a_malformed_address_in_french(client, db):
    response = client.post(reverse("password_reset"), {"email": "pas-une-adresse"})
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in response.content.decode()
