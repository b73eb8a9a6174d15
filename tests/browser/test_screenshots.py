"""Full-page screenshots of the main pages at desktop and phone widths; no page may scroll sideways on a phone.

The suite writes them under var/screenshots/ (nothing tracked changes when tests run); `make screenshots` refreshes the
ones kept in docs/screenshots/ for the README.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / os.environ.get("ERE_SCREENSHOTS_DIR", "var/screenshots")
PAGES = {
    "home": "/",
    "my-tools": "/catalogue/mes-outils/",
    "catalog": "/catalogue/",
    "tool": "/catalogue/applicatifs/editeur-offres/",
}


def shoot(page, name, width):
    page.evaluate("document.fonts.ready")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    if width < 576:
        overflow = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, wide: "
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
            ".slice(0, 5).map(e => e.outerHTML.slice(0, 120))})"
        )
        assert overflow["scroll"] <= overflow["viewport"], f"{name} défile horizontalement à {width} px : {overflow}"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_main_pages_look_right_on_a_desktop_and_on_a_phone(new_page, log_in, agent, catalog, width):
    page = new_page(width=width, height=900 if width > 576 else 800)
    page.goto("/connexion/")
    shoot(page, "login", width)

    log_in(page, agent)
    page.get_by_role("heading", level=1).wait_for()
    for name, path in PAGES.items():
        page.goto(path)
        shoot(page, name, width)
