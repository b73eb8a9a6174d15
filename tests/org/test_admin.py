"""The Django admin holds the reference data: only staff accounts get in."""

import pytest
from django.contrib import admin
from django.urls import reverse

from ere.org.models import ApiClient
from tests.org.factories import ApiClientFactory

# Our reference data (the third-party apps registered in the admin are theirs to test).
MODEL_ADMINS = sorted(
    f"{model._meta.app_label}_{model._meta.model_name}"
    for model in admin.site._registry
    if model._meta.app_label in {"org", "catalog"}
)


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst"])
def test_it_checks_access(client, login, request, role):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={reverse('admin:index')}"

    # Non-staff accounts are sent to the admin's own login page, never shown the index.
    response = login(request.getfixturevalue(role)).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_its_login_page_refuses_a_non_staff_account(client, manager, password):
    response = client.post(reverse("admin:login"), {"username": manager.email, "password": password})
    assert response.status_code == 200
    assert "d&#x27;un compte autorisé" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_opens_to_an_admin(login, admin_user):
    response = login(admin_user).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Données de référence" in response.content.decode()


@pytest.mark.parametrize("name", MODEL_ADMINS)
def test_every_list_and_add_page_loads(login, admin_user, agency, name):
    client = login(admin_user)
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_every_change_page_of_the_users_loads(login, admin_user, agent):
    response = login(admin_user).get(reverse("admin:org_user_change", args=[agent.pk]))
    assert response.status_code == 200


def test_creating_an_api_client_shows_its_token_once(login, admin_user):
    client = login(admin_user)
    response = client.post(reverse("admin:org_apiclient_add"), {"name": "Collecteur Lyon"}, follow=True)
    assert response.status_code == 200
    api_client = ApiClient.objects.get(name="Collecteur Lyon")
    messages = [str(m) for m in response.context["messages"]]
    token = next(m for m in messages if "Jeton du client" in m).split(" : ")[1].split(" — ")[0]
    assert token.startswith(api_client.token_prefix)
    assert api_client.token_digest == ApiClient.digest(token)
    assert ApiClient.authenticate(token) == api_client
    # Not shown again on the client's page.
    response = client.get(reverse("admin:org_apiclient_change", args=[api_client.pk]))
    assert token not in response.content.decode()


def test_the_revoke_action_stops_a_token(login, admin_user):
    api_client = ApiClientFactory()
    login(admin_user).post(
        reverse("admin:org_apiclient_changelist"),
        {"action": "revoke", "_selected_action": [api_client.pk]},
    )
    api_client.refresh_from_db()
    assert api_client.revoked_at is not None
    assert ApiClient.authenticate(api_client.token) is None


def test_the_renew_action_replaces_a_token(login, admin_user):
    api_client = ApiClientFactory(revoked_at="2025-01-01T00:00:00Z")
    old_token = api_client.token
    response = login(admin_user).post(
        reverse("admin:org_apiclient_changelist"),
        {"action": "renew", "_selected_action": [api_client.pk]},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"] if "Nouveau jeton" in str(m))
    new_token = message.split(" : ")[1].split(" — ")[0]
    assert ApiClient.authenticate(old_token) is None
    assert ApiClient.authenticate(new_token) == api_client
