import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction

from ere.catalog.models import Resource, Tool, ToolUpdate
from ere.core.demo import DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN
from ere.org.models import User
from tests.core.demo_helpers import demo_accounts, load_demo

pytestmark = pytest.mark.django_db


def row_counts():
    """Rows of every model, historical records included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def snapshot():
    """The demo described by natural keys only (no primary keys), to compare two loads."""
    queries = {
        "users": User.objects.values_list(
            "email", "first_name", "last_name", "role", "specialty", "agency__code", "territory_scope__code"
        ),
        "champions": Tool.champions.through.objects.values_list("tool__slug", "user__email"),
        "resources": Resource.objects.values_list("tool__slug", "offer__slug", "title", "kind", "url", "body"),
        "tools": Tool.objects.values_list("slug", "status", "launched_on", "audience"),
        "updates": ToolUpdate.objects.values_list("tool__slug", "title", "kind", "published_on"),
    }
    return {name: sorted(query, key=repr) for name, query in queries.items()}


def test_it_is_idempotent():
    load_demo()
    before = row_counts()
    first = snapshot()

    output = load_demo()

    assert row_counts() == before
    assert snapshot() == first
    assert "création" not in output


def test_it_restores_the_demo_password_of_a_documented_account():
    load_demo()
    user = User.objects.get(email="agent@ere.demo")
    user.set_password("un-autre-mot-de-passe")
    user.save()

    load_demo()

    user.refresh_from_db()
    assert user.check_password(settings.ERE_DEMO_PASSWORD)


def test_it_can_reset_every_demo_password():
    load_demo()
    User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").update(password="!")

    output = load_demo(reset_passwords=True)

    assert "Mots de passe" in output
    assert (
        User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").first().check_password(settings.ERE_DEMO_PASSWORD)
    )


def test_it_is_deterministic():
    with transaction.atomic():
        load_demo()
        first = snapshot()
        transaction.set_rollback(True)
    assert not User.objects.exists()

    load_demo()

    assert snapshot() == first


def test_another_seed_draws_other_people():
    with transaction.atomic():
        load_demo()
        default = snapshot()
        transaction.set_rollback(True)

    load_demo(seed=7)

    assert snapshot()["users"] != default["users"]
    assert User.objects.count() == len(default["users"])


def test_demo_accounts_says_when_the_demo_is_not_loaded():
    output = demo_accounts()

    assert all(account["email"] in output for account in DEMO_ACCOUNTS)
    assert "non chargé" in output
