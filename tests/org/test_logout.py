from django.contrib.auth import SESSION_KEY
from django.urls import reverse


def test_it_checks_access(client, login, agent):
    # Anonymous visitors have nothing to log out of: they are sent to the login page.
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    # Logging out is a POST (a link or an image could otherwise log people out).
    response = login(agent).get(reverse("logout"))
    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(agent.pk)


def test_it_logs_out_and_goes_back_to_the_login_page(login, agent):
    client = login(agent)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("core:home")).status_code == 302


def test_every_page_offers_the_logout_button(login, agent):
    content = login(agent).get(reverse("core:home")).content.decode()
    assert f'action="{reverse("logout")}"' in content
    assert "Se déconnecter" in content
