from django.urls import reverse

from tests.catalog.factories import ToolFactory


def test_it_checks_access(client, db):
    response = client.get(reverse("org:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_role_and_the_agency(login, agent):
    response = login(agent).get(reverse("org:profile"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alice Martin" in content
    assert "alice@example.fr" in content
    assert "Conseiller" in content
    assert "Conseiller à dominante entreprises" in content
    assert "Agence Lyon Part-Dieu" in content
    assert reverse("password_change") in content


def test_it_shows_a_territory_manager_their_scope(login, territory_manager, agency):
    content = login(territory_manager).get(reverse("org:profile")).content.decode()
    assert "Manager" in content
    assert "Périmètre" in content
    assert str(agency.territory) in content


def test_it_lists_the_tools_a_champion_helps_with(login, champion):
    ToolFactory(name="Agenda partagé", champions=[champion])
    ToolFactory(name="Outil sans lien")
    content = login(champion).get(reverse("org:profile")).content.decode()
    assert "Je suis référent numérique pour" in content
    assert "Agenda partagé" in content
    assert "Outil sans lien" not in content


def test_it_shows_a_user_without_agency_no_agency(login, trainer):
    content = login(trainer).get(reverse("org:profile")).content.decode()
    assert "Formateur" in content
    assert "<dt>Agence</dt>" not in content
