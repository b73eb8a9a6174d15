import pytest
from django.db import IntegrityError
from django.utils import timezone

from ere.org.enums import Role
from ere.org.models import ApiClient, User
from tests.org.factories import ApiClientFactory, UserFactory


def test_an_api_client_keeps_only_a_digest_of_its_token(db):
    client = ApiClientFactory()
    stored = ApiClient.objects.get(pk=client.pk)
    assert client.token not in (stored.token_digest, stored.token_prefix)
    assert stored.token_digest == ApiClient.digest(client.token)
    assert len(stored.token_digest) == 64
    assert stored.token_prefix == client.token[:8]
    assert client.token not in str(ApiClient.objects.filter(pk=client.pk).values().get())


def test_an_api_client_authenticates_with_its_token_and_records_the_use(db):
    client = ApiClientFactory()
    assert client.last_used_at is None
    assert ApiClient.authenticate(client.token) == client
    client.refresh_from_db()
    assert client.last_used_at is not None


@pytest.mark.parametrize("token", ["", None, "un-jeton-inconnu"])
def test_an_unknown_or_empty_token_authenticates_no_one(db, token):
    ApiClientFactory()
    assert ApiClient.authenticate(token) is None


def test_a_revoked_token_is_refused(db):
    client = ApiClientFactory(revoked_at=timezone.now())
    assert not client.is_active
    assert ApiClient.authenticate(client.token) is None
    assert ApiClient.objects.active().count() == 0


def test_two_tokens_differ(db):
    assert ApiClientFactory().token != ApiClientFactory().token


def test_an_email_address_is_stored_in_lower_case(agency):
    user = User.objects.create_user("Zoe.Dupont@Example.FR", "x", agency=agency)
    assert user.email == "zoe.dupont@example.fr"
    user.email = "ZOE@EXAMPLE.FR"
    user.save()
    assert User.objects.get(pk=user.pk).email == "zoe@example.fr"


def test_the_natural_key_ignores_case(agent):
    assert User.objects.get_by_natural_key("ALICE@Example.fr") == agent


def test_a_superuser_is_an_admin(db):
    user = User.objects.create_superuser("root@example.fr", "x")
    assert user.role == Role.ADMIN
    assert user.is_admin


def test_an_address_is_required(db):
    with pytest.raises(ValueError, match="L'adresse e-mail est obligatoire"):
        User.objects.create_user("", "x")


@pytest.mark.parametrize("role", [Role.AGENT, Role.CHAMPION])
def test_a_frontline_user_needs_an_agency(db, role):
    with pytest.raises(IntegrityError):
        UserFactory(role=role, agency=None)


def test_a_manager_needs_an_agency_or_a_territory(db):
    with pytest.raises(IntegrityError):
        UserFactory(manager=True, agency=None, territory_scope=None)


def test_initials_and_display_name(agent):
    assert agent.initials == "AM"
    assert str(agent) == "Alice Martin"
