import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.catalog.enums import OfferAudience, ToolAudience
from tests.catalog.factories import (
    CategoryFactory,
    GlossaryTermFactory,
    OfferFactory,
    TaskFactory,
    ToolFactory,
    ToolUpdateFactory,
)

URL = reverse("catalog:list")
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalog-results"}


def _names(response):
    return [item.name for item in response.context["page_obj"].object_list]


@pytest.fixture
def as_agent(login, agent):
    return login(agent)


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_lists_tools_and_offers_by_name(as_agent):
    ToolFactory(name="Rendez-vous en ligne")
    OfferFactory(name="Simulateur de droits")
    ToolFactory(name="Agenda partagé")
    response = as_agent.get(URL)
    assert _names(response) == ["Agenda partagé", "Rendez-vous en ligne", "Simulateur de droits"]
    assert "3</strong> résultats" in response.content.decode()


@pytest.mark.parametrize("kind,expected", [("tool", ["Agenda partagé"]), ("offer", ["Simulateur de droits"])])
def test_it_filters_by_kind(as_agent, kind, expected):
    ToolFactory(name="Agenda partagé")
    OfferFactory(name="Simulateur de droits")
    assert _names(as_agent.get(URL, {"kind": kind})) == expected


@pytest.mark.parametrize(
    "audience,expected",
    [
        ("employers", ["Offre entreprises", "Offre tous publics", "Outil entreprises", "Outil tous agents"]),
        ("job_seekers", ["Offre demandeurs", "Offre tous publics", "Outil demandeurs", "Outil tous agents"]),
        ("managers", ["Outil managers"]),
    ],
)
def test_it_filters_by_audience(as_agent, audience, expected):
    ToolFactory(name="Outil tous agents", audience=ToolAudience.ALL)
    ToolFactory(name="Outil entreprises", audience=ToolAudience.EMPLOYERS)
    ToolFactory(name="Outil demandeurs", audience=ToolAudience.JOB_SEEKERS)
    ToolFactory(name="Outil managers", audience=ToolAudience.MANAGERS)
    OfferFactory(name="Offre tous publics", audience=OfferAudience.ALL)
    OfferFactory(name="Offre entreprises", audience=OfferAudience.EMPLOYERS)
    OfferFactory(name="Offre demandeurs", audience=OfferAudience.JOB_SEEKERS)
    assert _names(as_agent.get(URL, {"audience": audience})) == expected


def test_it_filters_by_category(as_agent):
    recruitment = CategoryFactory(name="Recrutement", slug="recrutement")
    tool = ToolFactory(name="Méthode de recrutement par simulation", categories=[recruitment])
    offer = OfferFactory(name="La bonne boîte")
    offer.categories.set([recruitment])
    ToolFactory(name="Agenda partagé", categories=[CategoryFactory(name="Organisation")])
    assert _names(as_agent.get(URL, {"category": "recrutement"})) == [offer.name, tool.name]


def test_it_filters_by_task(as_agent):
    publish = TaskFactory(name="Publier une offre", slug="publier-offre")
    ToolFactory(name="Dialogue entreprises", tasks=[publish, TaskFactory()])
    OfferFactory(name="France Travail Pro", tasks=[publish])
    ToolFactory(name="Agenda partagé", tasks=[TaskFactory()])
    response = as_agent.get(URL, {"task": "publier-offre"})
    assert _names(response) == ["Dialogue entreprises", "France Travail Pro"]


def test_it_hides_retired_items_unless_asked(as_agent):
    ToolFactory(name="Agenda partagé")
    ToolFactory(name="Ancien agenda", retired=True)
    OfferFactory(name="Ancienne offre", status="retired")
    assert _names(as_agent.get(URL)) == ["Agenda partagé"]
    assert _names(as_agent.get(URL, {"q": "agenda"})) == ["Agenda partagé"]
    assert _names(as_agent.get(URL, {"status": "retired"})) == ["Ancien agenda", "Ancienne offre"]


def test_it_filters_by_status(as_agent):
    ToolFactory(name="Agenda partagé")
    ToolFactory(name="Assistant de rédaction", pilot=True)
    assert _names(as_agent.get(URL, {"status": "pilot"})) == ["Assistant de rédaction"]
    assert _names(as_agent.get(URL, {"status": "generalised"})) == ["Agenda partagé"]


def test_it_shows_only_news_when_asked(as_agent):
    today = timezone.localdate()
    ToolFactory(name="Assistant de rédaction", launched_on=today - datetime.timedelta(days=10))
    ToolFactory(name="Vieil outil", launched_on=today - datetime.timedelta(days=400))
    changed = ToolFactory(name="Agenda partagé", launched_on=today - datetime.timedelta(days=800))
    ToolUpdateFactory(tool=changed, title="Nouvelle vue semaine")
    OfferFactory(name="Nouvelle offre", launched_on=today - datetime.timedelta(days=1))
    OfferFactory(name="Offre ancienne", launched_on=today - datetime.timedelta(days=900))
    response = as_agent.get(URL, {"new": "on"})
    assert _names(response) == ["Agenda partagé", "Assistant de rédaction", "Nouvelle offre"]


def test_filters_combine(as_agent):
    task = TaskFactory(slug="accompagner")
    ToolFactory(name="Outil entreprises", audience=ToolAudience.EMPLOYERS, tasks=[task])
    ToolFactory(name="Outil demandeurs", audience=ToolAudience.JOB_SEEKERS, tasks=[task])
    OfferFactory(name="Offre entreprises", tasks=[task])
    response = as_agent.get(URL, {"task": "accompagner", "audience": "employers", "kind": "tool"})
    assert _names(response) == ["Outil entreprises"]


@pytest.mark.parametrize("query", ["recrutement", "RECRUTEMENT", "récrutement", "Recrutements", "recru"])
def test_search_ignores_accents_case_and_plurals(as_agent, query):
    ToolFactory(name="Méthode de recrutement par simulation")
    ToolFactory(name="Agenda partagé")
    assert _names(as_agent.get(URL, {"q": query})) == ["Méthode de recrutement par simulation"]


@pytest.mark.parametrize("query", ["evenements", "événement", "EVENEMENT"])
def test_search_finds_an_accented_name_without_accents(as_agent, query):
    OfferFactory(name="Événements emploi")
    ToolFactory(name="Agenda partagé")
    assert _names(as_agent.get(URL, {"q": query})) == ["Événements emploi"]


def test_search_expands_an_acronym_of_the_glossary(as_agent):
    GlossaryTermFactory(acronym="DPAE", meaning="Déclaration préalable à l'embauche")
    OfferFactory(name="Déclaration préalable à l'embauche", summary="Déclarer un salarié avant son arrivée.")
    ToolFactory(name="Agenda partagé")
    response = as_agent.get(URL, {"q": "DPAE"})
    assert _names(response) == ["Déclaration préalable à l'embauche"]
    assert "pour « DPAE »" in response.content.decode()


def test_search_finds_an_acronym_from_its_meaning(as_agent):
    GlossaryTermFactory(acronym="MRS", meaning="Méthode de recrutement par simulation")
    ToolFactory(name="Prescription MRS", acronym="MRS")
    ToolFactory(name="Agenda partagé")
    assert _names(as_agent.get(URL, {"q": "méthode de recrutement par simulation"})) == ["Prescription MRS"]


def test_search_ranks_a_name_match_first(as_agent):
    ToolFactory(name="Agenda partagé", description="Pour noter un entretien avec un candidat.")
    ToolFactory(name="Entretien à distance")
    ToolFactory(name="Aide à la préparation", summary="Préparer un entretien d'embauche.")
    response = as_agent.get(URL, {"q": "entretien"})
    assert _names(response) == ["Entretien à distance", "Aide à la préparation", "Agenda partagé"]
    assert "du plus pertinent au moins pertinent" in response.content.decode()


def test_a_search_without_result_says_so_in_french(as_agent):
    ToolFactory(name="Agenda partagé")
    response = as_agent.get(URL, {"q": "zzyzx"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aucun résultat" in content
    assert "Rien ne correspond à « zzyzx »" in content


def test_it_paginates_by_twenty(as_agent):
    for n in range(25):
        ToolFactory(name=f"Applicatif {n:02d}")
    response = as_agent.get(URL)
    assert len(_names(response)) == 20
    assert response.context["total"] == 25
    content = response.content.decode()
    assert "fr-pagination" in content
    assert "page=2" in content
    assert _names(as_agent.get(URL, {"page": 2})) == [f"Applicatif {n:02d}" for n in range(20, 25)]


def test_pagination_keeps_the_filters(as_agent):
    for n in range(21):
        ToolFactory(name=f"Applicatif {n:02d}")
    response = as_agent.get(URL, {"kind": "tool"})
    assert response.context["query_string"] == "kind=tool"
    assert "kind=tool&amp;page=2" in response.content.decode()


@pytest.mark.parametrize("page", ["0", "999", "abc", "-1", ""])
def test_an_odd_page_number_shows_a_page(as_agent, page):
    for n in range(25):
        ToolFactory(name=f"Applicatif {n:02d}")
    response = as_agent.get(URL, {"page": page})
    assert response.status_code == 200
    assert len(_names(response)) in (5, 20)


@pytest.mark.parametrize(
    "params,message",
    [
        ({"status": "nimporte"}, "Sélectionnez un choix valide. nimporte n’en fait pas partie."),
        ({"kind": "outil"}, "Sélectionnez un choix valide. outil n’en fait pas partie."),
        ({"audience": "tous"}, "Sélectionnez un choix valide. tous n’en fait pas partie."),
        ({"task": "tache-inconnue"}, "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."),
        ({"category": "inconnue"}, "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."),
        ({"q": "x" * 201}, "Assurez-vous que cette valeur comporte au plus 200 caractères"),
    ],
)
def test_it_rejects_a_bad_filter_in_french(as_agent, params, message):
    ToolFactory(name="Agenda partagé")
    response = as_agent.get(URL, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "La recherche n'a pas pu être faite" in content
    assert "Un des filtres n'est pas valable" in content
    assert message in content
    assert response.context["page_obj"].object_list == []


def test_the_htmx_request_gets_only_the_results(as_agent):
    ToolFactory(name="Agenda partagé")
    ToolFactory(name="Dialogue entreprises")
    response = as_agent.get(URL, {"q": "agenda"}, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Agenda partagé" in content
    assert "Dialogue entreprises" not in content
    assert 'id="results-count"' in content
    assert "<html" not in content
    assert "Catalogue des applicatifs et des offres</h1>" not in content
    assert 'name="q"' not in content


def test_the_htmx_request_reports_a_bad_filter(as_agent):
    response = as_agent.get(URL, {"status": "nimporte"}, **HTMX)
    assert response.status_code == 200
    assert "Un des filtres n'est pas valable" in response.content.decode()


def test_an_htmx_request_aimed_elsewhere_gets_the_whole_page(as_agent):
    response = as_agent.get(URL, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ailleurs")
    assert "<html" in response.content.decode()


def test_the_whole_page_has_the_filters_and_the_results(as_agent):
    ToolFactory(name="Agenda partagé")
    content = as_agent.get(URL).content.decode()
    assert "<html" in content
    assert 'id="catalog-results"' in content
    assert 'name="q"' in content
    assert "Agenda partagé" in content


def test_the_add_buttons_are_for_editors_only(login, as_agent, manager):
    assert reverse("catalog:tool_create") not in as_agent.get(URL).content.decode()
    content = login(manager).get(URL).content.decode()
    assert reverse("catalog:tool_create") in content
    assert reverse("catalog:offer_create") in content
