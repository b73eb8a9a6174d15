import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ere.usage import services
from tests.org.factories import UserFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Computed maps are cached; each test starts without them."""
    cache.clear()


@pytest.fixture
def usage(db, agency, tmp_path):
    """Six agents of agency A, each using the agenda then the CRM every morning of the last week."""
    agents = [UserFactory(agency=agency) for _ in range(6)]
    lines = ["agent,tool,start,duration_s"]
    today = timezone.localdate()
    for user in agents:
        for days_ago in range(1, 6):
            day = today - datetime.timedelta(days=days_ago)
            lines.append(f"{user.email},agenda,{day}T09:00:00,600")
            lines.append(f"{user.email},crm,{day}T09:15:00,900")
    path = tmp_path / "usage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    usage_import = services.import_file(path, source="test")
    assert usage_import.inserted == 60
    return agents


def test_it_checks_access(client, login, agent, champion, trainer, manager):
    url = reverse("usage:map")
    assert client.get(url).url.startswith(reverse("login"))
    for user in (agent, champion, trainer):
        assert login(user).get(url).status_code == 403
    assert login(manager).get(url).status_code == 200


def test_it_shows_the_figures_of_the_manager_agency(login, manager, usage):
    response = login(manager).get(reverse("usage:map"))
    html = response.content.decode()
    assert response.status_code == 200
    # Tasks run at once in tests: the figures are there on the first visit.
    assert "agents actifs" in html
    assert "Usage par applicatif" in html
    assert ">6<" in html  # six active agents
    assert "vendor/plotly.min.js" in html


def test_it_suppresses_a_group_smaller_than_the_threshold(login, manager, usage, settings):
    settings.USAGE_MIN_GROUP = 7
    response = login(manager).get(reverse("usage:map"))
    html = response.content.decode()
    assert "Groupe trop petit" in html
    assert "Usage par applicatif" not in html


def test_a_manager_of_another_agency_sees_nothing_of_agency_a(login, other_manager, usage):
    response = login(other_manager).get(reverse("usage:map"))
    html = response.content.decode()
    assert "Usage par applicatif" not in html
    assert "Groupe trop petit" in html


def test_it_refuses_a_period_in_the_wrong_order_with_a_french_message(login, manager):
    response = login(manager).get(reverse("usage:map"), {"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status_code == 200
    assert "La date de fin doit suivre la date de début." in response.content.decode()


def test_it_says_so_when_the_lake_is_empty(login, manager):
    response = login(manager).get(reverse("usage:map"))
    assert "Aucun journal d&#x27;usage n&#x27;a encore été importé" in response.content.decode()


def test_it_exports_a_csv_that_french_excel_opens(login, manager, usage):
    response = login(manager).get(reverse("usage:map_export", args=["outils"]))
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffoutil;agents actifs;")
    assert ";1,0000" in body  # adoption with a decimal comma


def test_the_export_checks_access_and_names(client, login, agent, manager, usage):
    url = reverse("usage:map_export", args=["outils"])
    assert client.get(url).status_code == 302
    assert login(agent).get(url).status_code == 403
    assert login(manager).get(reverse("usage:map_export", args=["inconnu"])).status_code == 404


def test_an_agent_sees_their_own_usage_and_nobody_else(login, usage):
    me, other = usage[0], UserFactory()
    html = login(me).get(reverse("usage:mine")).content.decode()
    assert "Vous avez été actif 5 jours" in html
    assert "agenda" in html
    html = login(other).get(reverse("usage:mine")).content.decode()
    assert "Aucune donnée d'usage vous concernant" in html


def test_mine_and_privacy_check_access(client, login, agent):
    urls = [reverse("usage:mine"), reverse("usage:privacy")]
    for url in urls:
        assert client.get(url).url.startswith(reverse("login"))
    for url in urls:
        assert login(agent).get(url).status_code == 200


def test_the_privacy_page_explains_what_is_collected(login, agent):
    html = login(agent).get(reverse("usage:privacy")).content.decode()
    assert "Ce qui n'est jamais conservé" in html
    assert "moins de 5 agents est masqué" in html


def test_it_compares_what_respondents_declare_with_what_the_logs_measure(login, manager, agency, usage):
    from tests.catalog.factories import ToolFactory
    from tests.usage.survey_factories import CampaignFactory, respond

    agenda = ToolFactory(slug="agenda", name="Agenda partagé")
    campaign = CampaignFactory(agencies=[agency], tools=[agenda], title="Vos outils au quotidien")
    # The six active agents say they open the agenda every week; the logs see it on each of their days.
    for user in usage:
        respond(campaign, agency, {agenda: {"frequency": "weekly"}}, respondent=user)
    html = login(manager).get(reverse("usage:map")).content.decode()
    assert "Vos outils au quotidien" in html
    assert "Fréquence déclarée et mesurée par applicatif" in html
    assert "Agenda partagé" in html
    assert "3,0 (≈ chaque semaine)" in html
