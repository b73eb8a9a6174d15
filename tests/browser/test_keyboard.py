"""Keyboard users reach the content first."""

from playwright.sync_api import expect


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    page, live_server, log_in, agent, catalog
):
    log_in(page, agent)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Contenu", exact=True)
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/#content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('content').contains(document.activeElement)")
    # The first stop in the content is its first link (« Tous mes outils, par tâche »), not the header or the menu.
    expect(page.locator("#content").get_by_role("link").first).to_be_focused()
