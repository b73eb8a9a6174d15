"""axe-core finds no violation on the pages agents and managers use every day."""

import pytest

AGENT_PAGES = {
    "home": "/",
    "my_tools": "/catalogue/mes-outils/",
    "catalog": "/catalogue/",
    "catalog_search": "/catalogue/?q=offre",
    "catalog_filtered": "/catalogue/?q=recrutement&task=recruter&kind=tool",
    "catalog_no_result": "/catalogue/?q=introuvable",
    "tool": "/catalogue/applicatifs/editeur-offres/",
    "tool_with_updates": "/catalogue/applicatifs/agenda-partage/",
    "offer": "/catalogue/offres/plateforme-recrutement/",
    "glossary": "/catalogue/glossaire/",
    "glossary_search": "/catalogue/glossaire/?q=embauche",
}

MANAGER_PAGES = {
    "home": "/",
    "tool": "/catalogue/applicatifs/editeur-offres/",
    "tool_edit": "/catalogue/applicatifs/editeur-offres/modifier/",
    "history": "/catalogue/applicatifs/editeur-offres/historique/",
    "agencies": "/organisation/agences/",
}


def test_the_login_page_has_no_accessibility_violation(page, assert_no_axe_violations):
    page.goto("/connexion/")
    assert_no_axe_violations(page)


def test_the_login_page_with_an_error_has_no_accessibility_violation(page, agent, assert_no_axe_violations):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail professionnelle").fill(agent.email)
    page.get_by_label("Mot de passe").fill("pas le bon mot de passe")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("alert").wait_for()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", AGENT_PAGES.values(), ids=AGENT_PAGES.keys())
def test_an_agent_page_has_no_accessibility_violation(page, log_in, agent, catalog, path, assert_no_axe_violations):
    log_in(page, agent)
    page.goto(path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", MANAGER_PAGES.values(), ids=MANAGER_PAGES.keys())
def test_a_manager_page_has_no_accessibility_violation(page, log_in, manager, catalog, path, assert_no_axe_violations):
    log_in(page, manager)
    page.goto(path)
    assert_no_axe_violations(page)


def test_the_mobile_menu_has_no_accessibility_violation(new_page, log_in, agent, catalog, assert_no_axe_violations):
    page = new_page(width=375)
    log_in(page, agent)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Menu principal").wait_for()
    assert_no_axe_violations(page)
