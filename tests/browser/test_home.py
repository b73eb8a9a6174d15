"""The home page per role."""

from playwright.sync_api import expect


def test_a_manager_sees_their_agency_at_a_glance_on_the_home_page(page, log_in, manager, catalog):
    log_in(page, manager)

    agency = page.get_by_role("region", name="Agence Lyon Part-Dieu")
    # Alice, Bruno and Diane; Bruno covers 4 of the 7 tools in service.
    expect(agency.locator(".ere-stat__value")).to_have_text(["3", "4 / 7", "1"])
    team = agency.get_by_role("table", name="Répartition de l'équipe par rôle et par dominante")
    expect(team.get_by_role("row", name="Conseiller 1", exact=True)).to_be_visible()
    expect(agency.get_by_role("link", name="Tableau de bord agence")).to_be_visible()


def test_an_agent_finds_their_favourites_on_the_home_page(page, log_in, agent, catalog):
    agent.favorites.create(tool=catalog["dossier"])
    log_in(page, agent)

    favorites = page.get_by_role("region", name="Mes favoris")
    favorites.get_by_role("link", name="Dossier unique du demandeur").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier unique du demandeur")
