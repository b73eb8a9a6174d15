"""The usage map in a real browser: the charts are drawn from the local plotly.min.js, axe finds no violation."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from ere.usage import services
from tests.org.factories import UserFactory

VAR = __import__("pathlib").Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def usage(settings, tmp_path, agency, manager):
    settings.USAGE_LAKE_DIR = tmp_path / "lake"
    cache.clear()
    agents = [UserFactory(agency=agency) for _ in range(8)]
    lines = ["agent,tool,start,duration_s"]
    today = timezone.localdate()
    for n, user in enumerate(agents):
        for days_ago in range(1, 15):
            day = today - datetime.timedelta(days=days_ago)
            lines.append(f"{user.email},agenda,{day}T09:00:00,600")
            lines.append(f"{user.email},crm,{day}T09:15:00,900")
            if n % 2:
                lines.append(f"{user.email},messagerie,{day}T10:00:00,300")
                lines.append(f"{user.email},crm,{day}T10:10:00,300")
    path = tmp_path / "usage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    services.import_file(path, source="test")
    return agents


def test_the_map_draws_its_charts_and_has_no_accessibility_violation(
    page, log_in, manager, usage, assert_no_axe_violations
):
    log_in(page, manager)
    page.goto("/usages/carte/")
    page.locator("[data-figure=fig-network] .main-svg").first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 5
    page.get_by_text("Voir les chiffres par applicatif").click()
    assert page.get_by_role("table", name="Usage par applicatif").is_visible()
    VAR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=VAR / "usage-map-1280.png", full_page=True)
    assert_no_axe_violations(page)


def test_my_usage_and_the_privacy_page_have_no_accessibility_violation(page, log_in, usage, assert_no_axe_violations):
    log_in(page, usage[0])
    page.goto("/usages/mon-usage/")
    assert page.get_by_role("table", name="Mes applicatifs sur 28 jours").is_visible()
    assert_no_axe_violations(page)
    page.goto("/usages/vos-donnees/")
    assert_no_axe_violations(page)
