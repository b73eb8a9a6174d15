"""Fixed users per role (like healthchecks' alice/bob/charlie) and shared fixtures.

`agent`, `champion`, `manager` belong to agency A; `other_manager` manages agency B in another territory;
`territory_manager` manages A's territory; `trainer`, `analyst` and `admin` have no agency.
"""

import pytest

from tests.org.factories import TEST_PASSWORD, AgencyFactory, UserFactory


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Agence Lyon Part-Dieu", code="69001")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Agence Grenoble", code="38001")


@pytest.fixture
def agent(agency):
    return UserFactory(email="alice@example.fr", first_name="Alice", last_name="Martin", agency=agency)


@pytest.fixture
def champion(agency):
    return UserFactory(champion=True, email="bruno@example.fr", first_name="Bruno", last_name="Petit", agency=agency)


@pytest.fixture
def trainer(db):
    return UserFactory(trainer=True, email="carole@example.fr", first_name="Carole", last_name="Roux")


@pytest.fixture
def manager(agency):
    return UserFactory(manager=True, email="diane@example.fr", first_name="Diane", last_name="Leroy", agency=agency)


@pytest.fixture
def other_manager(other_agency):
    return UserFactory(
        manager=True, email="eric@example.fr", first_name="Éric", last_name="Morel", agency=other_agency
    )


@pytest.fixture
def territory_manager(agency):
    return UserFactory(
        territory_manager=True, email="fatou@example.fr", first_name="Fatou", last_name="Diallo", agency=agency
    )


@pytest.fixture
def analyst(db):
    return UserFactory(analyst=True, email="gaelle@example.fr", first_name="Gaëlle", last_name="Blanc")


@pytest.fixture
def admin_user(db):
    return UserFactory(admin=True, email="hugo@example.fr", first_name="Hugo", last_name="Girard")


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def login(client):
    """Log a user in the test client: `login(agent)`."""

    def do_login(user):
        client.force_login(user)
        return client

    return do_login


@pytest.fixture(autouse=True)
def lake_dir(settings, tmp_path, monkeypatch):
    """No test writes into the real lake under var/; a demo load generates two days of usage, not twenty."""
    settings.USAGE_LAKE_DIR = tmp_path / "lake"
    monkeypatch.setattr("ere.usage.demo_usage.DAYS", 2)
    return settings.USAGE_LAKE_DIR
