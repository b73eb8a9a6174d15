"""Every DSFR icon class used in our templates exists: an unknown one shows as a plain coloured square."""

import pytest

PAGES = [
    "/",
    "/catalogue/mes-outils/",
    "/catalogue/",
    "/catalogue/applicatifs/editeur-offres/",
    "/catalogue/offres/plateforme-recrutement/",
]
MISSING_ICONS = """() => [...document.querySelectorAll('[class*="fr-icon-"]')]
    .filter((element) => {
        const style = getComputedStyle(element, '::before');
        return (style.maskImage || style.webkitMaskImage || 'none') === 'none';
    })
    .map((element) => [...element.classList].filter((name) => name.startsWith('fr-icon-')).join(' '))"""


@pytest.mark.parametrize("path", PAGES)
def test_every_icon_of_a_page_is_a_dsfr_icon(page, log_in, manager, catalog, path):
    log_in(page, manager)
    page.goto(path)
    assert page.evaluate(MISSING_ICONS) == []
