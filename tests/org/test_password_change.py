from django.contrib.auth import SESSION_KEY
from django.urls import reverse

NEW_PASSWORD = "Une-phrase-de-passe-2026"


def test_it_checks_access(client, db):
    for url_name in ("password_change", "password_change_done"):
        response = client.get(reverse(url_name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_it_changes_the_password_and_keeps_the_session(login, agent, password):
    client = login(agent)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    agent.refresh_from_db()
    assert agent.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(agent.pk)
    response = client.get(reverse("password_change_done"))
    assert "Votre mot de passe a bien été changé." in response.content.decode()


def test_it_rejects_a_wrong_old_password_in_french(login, agent, password):
    response = login(agent).post(
        reverse("password_change"),
        {"old_password": "pas-le-bon", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Votre ancien mot de passe est incorrect." in response.content.decode()
    agent.refresh_from_db()
    assert agent.check_password(password)


def test_it_rejects_two_different_new_passwords(login, agent, password):
    response = login(agent).post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert "Les deux mots de passe ne correspondent pas." in response.content.decode()
