"""Searching the catalogue: results update as one types, accents do not matter, filters narrow them down."""

import re

from playwright.sync_api import expect


def test_typing_in_the_search_box_updates_the_results_without_reloading(page, live_server, log_in, agent, catalog):
    log_in(page, agent)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Catalogue").click()
    results = page.locator("#catalog-results")
    expect(page.locator("#results-count")).to_have_text("9 résultats")
    page.evaluate("window.notReloaded = true")

    # No accent typed, « Éditeur d'offres » found all the same.
    page.get_by_role("searchbox", name="Rechercher").press_sequentially("editeur", delay=20)

    expect(page.locator("#results-count")).to_have_text(
        "1 résultat pour « editeur », du plus pertinent au moins pertinent"
    )
    expect(results.get_by_role("heading", level=2)).to_have_text(["Éditeur d'offres"])
    assert page.evaluate("window.notReloaded === true"), "la page a été rechargée"
    expect(page).to_have_url(re.compile(r"/catalogue/\?.*q=editeur"))

    results.get_by_role("link", name="Éditeur d'offres").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Éditeur d'offres")
    assert page.url == f"{live_server.url}/catalogue/applicatifs/editeur-offres/"
    expect(page.get_by_role("link", name="Guide de saisie d'une offre")).to_be_visible()
    expect(page.get_by_text("Bruno Petit")).to_be_visible()


def test_the_search_ignores_accents_and_case(page, log_in, agent, catalog):
    log_in(page, agent)
    page.goto("/catalogue/")
    search = page.get_by_role("searchbox", name="Rechercher")
    first_result = page.locator("#catalog-results").get_by_role("heading", level=2).first

    search.fill("agenda partage")
    expect(page.locator("#results-count")).to_contain_text("pour « agenda partage »")
    expect(first_result).to_have_text("Agenda partagé")

    search.fill("RÉDIGER")
    expect(page.locator("#results-count")).to_contain_text("1 résultat pour « RÉDIGER »")
    expect(first_result).to_have_text("Éditeur d'offres")


def test_filtering_by_task_narrows_the_results_and_a_tool_opens_from_them(page, live_server, log_in, agent, catalog):
    log_in(page, agent)
    page.goto("/catalogue/")
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Tâche").select_option(label="Organiser mon agenda")

    results = page.locator("#catalog-results")
    expect(page.locator("#results-count")).to_have_text("1 résultat")
    expect(results.get_by_role("heading", level=2)).to_have_text(["Agenda partagé"])
    expect(page).to_have_url(re.compile(r"task=organiser"))
    assert page.evaluate("window.notReloaded === true"), "la page a été rechargée"

    results.get_by_role("link", name="Agenda partagé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda partagé")
    expect(page.get_by_role("link", name="Visio-entretien")).to_be_visible()
