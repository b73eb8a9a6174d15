from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

LOCKOUT_TITLE = "Connexion temporairement bloquée"
WRONG_LOGIN = "Adresse e-mail ou mot de passe incorrect. Vérifiez les deux champs et réessayez."


def _login(client, email, password, **extra):
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def test_it_checks_access(client, agent, login):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Connexion à ERE Digitale" in response.content.decode()

    # Someone already logged in is sent on to their home page.
    response = login(agent).get(reverse("login"))
    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_it_logs_in_with_the_email_address_in_any_case(client, agent, password):
    response = _login(client, "  Alice@EXAMPLE.fr", password)
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.session[SESSION_KEY] == str(agent.pk)


def test_it_follows_a_local_next_page(client, agent, password):
    response = _login(client, agent.email, password, next=reverse("catalog:my_tools"))
    assert response.url == reverse("catalog:my_tools")


def test_it_ignores_a_next_page_on_another_site(client, agent, password):
    response = _login(client, agent.email, password, next="https://phishing.example.com/")
    assert response.url == reverse("core:home")


def test_it_rejects_a_wrong_password_with_a_french_message(client, agent):
    response = _login(client, agent.email, "pas-le-bon-mot-de-passe")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert SESSION_KEY not in client.session


def test_it_rejects_an_unknown_address_with_the_same_message(client, db, password):
    response = _login(client, "personne@example.fr", password)
    assert WRONG_LOGIN in response.content.decode()


def test_it_refuses_a_deactivated_account(client, agent, password):
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    response = _login(client, agent.email, password)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_it_asks_for_both_fields(client, db):
    response = _login(client, "", "")
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()


def test_it_locks_the_account_after_too_many_failures(client, agent, password):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, agent.email, "mauvais-mot-de-passe")
        assert response.status_code == 200
    # The failure that reaches the limit already shows the lockout page …
    response = _login(client, agent.email, "mauvais-mot-de-passe")
    assert response.status_code == 429
    # … and so does the next attempt, even with the right password.
    response = _login(client, agent.email, password)
    assert response.status_code == 429
    content = response.content.decode()
    assert LOCKOUT_TITLE in content
    assert "réessayez dans 15 minutes" in content
    assert reverse("password_reset") in content
    assert SESSION_KEY not in client.session


def test_the_lockout_ignores_the_case_of_the_address(client, agent, password):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, agent.email.upper() if n % 2 else agent.email, "mauvais-mot-de-passe")
    response = _login(client, agent.email, password)
    assert response.status_code == 429


def test_the_lockout_does_not_block_another_account(client, agent, champion, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, agent.email, "mauvais-mot-de-passe")
    response = _login(client, champion.email, password)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(champion.pk)


def test_a_successful_login_resets_the_failure_count(client, agent, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, agent.email, "mauvais-mot-de-passe")
    assert _login(client, agent.email, password).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, agent.email, "mauvais-mot-de-passe").status_code == 200
    assert _login(client, agent.email, password).status_code == 302


def test_it_labels_its_fields_in_french(client, db):
    content = client.get(reverse("login")).content.decode()
    assert "Adresse e-mail professionnelle" in content
    assert "Mot de passe" in content
    assert "Mot de passe oublié ?" in content
