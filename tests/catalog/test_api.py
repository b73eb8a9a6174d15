import pytest
from django.utils import timezone

from ere.catalog.enums import ResourceKind, ToolAudience
from tests.catalog.factories import (
    CategoryFactory,
    GlossaryTermFactory,
    OfferFactory,
    ResourceFactory,
    TaskFactory,
    ToolFactory,
)
from tests.org.factories import ApiClientFactory

ENDPOINTS = [
    "/api/tools",
    "/api/tools/agenda-partage",
    "/api/offers",
    "/api/offers/simulateur-droits",
    "/api/glossary",
]


@pytest.fixture
def catalogue(db):
    meet = TaskFactory(name="Accueillir et orienter", slug="accueillir")
    tool = ToolFactory(
        name="Agenda partagé",
        slug="agenda-partage",
        acronym="AGP",
        tasks=[meet],
        categories=[CategoryFactory(slug="organisation")],
        how_to_start="Ouvrez l'agenda depuis le portail agent.",
    )
    ResourceFactory(tool=tool, title="Guide", url="https://intranet.example.fr/agenda.pdf")
    ResourceFactory(tool=tool, kind=ResourceKind.FAQ, title="Partager ?", url="", body="Oui.")
    ToolFactory(name="Dialogue entreprises", slug="dialogue", audience=ToolAudience.EMPLOYERS)
    ToolFactory(name="Ancien agenda", slug="ancien-agenda", retired=True)
    offer = OfferFactory(name="Simulateur de droits", slug="simulateur-droits", audience="job_seekers", tasks=[meet])
    offer.related_tools.set([tool])
    GlossaryTermFactory(acronym="DPAE", meaning="Déclaration préalable à l'embauche")
    return tool


@pytest.fixture
def token(db):
    return ApiClientFactory().token


@pytest.fixture
def api(client, token):
    """GET with the bearer token of an API client."""

    def get(url, params=None):
        return client.get(url, params or {}, HTTP_AUTHORIZATION=f"Bearer {token}")

    return get


def _slugs(response):
    return [item["slug"] for item in response.json()["items"]]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_it_checks_access(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentification requise : jeton d'un client de l'API (Authorization: Bearer …) ou session."
    }
    assert client.get(url, HTTP_AUTHORIZATION="Bearer un-faux-jeton").status_code == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_valid_token_opens_every_endpoint(api, catalogue, url):
    assert api(url).status_code == 200


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_revoked_token_is_refused(client, catalogue, url):
    api_client = ApiClientFactory(revoked_at=timezone.now())
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {api_client.token}").status_code == 401


def test_revoking_a_token_takes_effect_at_once(client, catalogue):
    api_client = ApiClientFactory()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_client.token}"}
    assert client.get("/api/tools", **headers).status_code == 200
    api_client.revoked_at = timezone.now()
    api_client.save()
    assert client.get("/api/tools", **headers).status_code == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_logged_in_user_can_use_their_session(login, agent, catalogue, url):
    assert login(agent).get(url).status_code == 200


def test_the_token_use_is_recorded(api, catalogue):
    from ere.org.models import ApiClient

    api("/api/tools")
    assert ApiClient.objects.get().last_used_at is not None


def test_it_lists_tools_in_service_by_name(api, catalogue):
    response = api("/api/tools")
    body = response.json()
    assert body["count"] == 2
    assert _slugs(response) == ["agenda-partage", "dialogue"]
    agenda = body["items"][0]
    assert agenda["name"] == "Agenda partagé"
    assert agenda["acronym"] == "AGP"
    assert agenda["audience"] == "all"
    assert agenda["audience_label"] == "Tous les agents"
    assert agenda["status_label"] == "Généralisé"
    assert agenda["tasks"] == ["accueillir"]
    assert agenda["categories"] == ["organisation"]
    assert agenda["launched_on"] == "2022-03-01"


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"q": "agenda"}, ["agenda-partage"]),
        ({"q": "AGENDA partage"}, ["agenda-partage"]),
        ({"q": "entreprise"}, ["dialogue"]),
        ({"task": "accueillir"}, ["agenda-partage"]),
        ({"category": "organisation"}, ["agenda-partage"]),
        ({"status": "retired"}, ["ancien-agenda"]),
        ({"audience": "employers"}, ["agenda-partage", "dialogue"]),
        ({"audience": "managers"}, []),
    ],
)
def test_it_filters_tools(api, catalogue, params, expected):
    response = api("/api/tools", params)
    assert response.status_code == 200
    assert _slugs(response) == expected


def test_it_filters_news(api, catalogue):
    ToolFactory(slug="nouvel-outil", new=True)
    assert _slugs(api("/api/tools", {"new": "true"})) == ["nouvel-outil"]
    assert len(_slugs(api("/api/tools", {"new": "false"}))) == 3


def test_it_filters_offers(api, catalogue):
    OfferFactory(slug="la-bonne-boite", audience="employers")
    assert _slugs(api("/api/offers", {"audience": "job_seekers"})) == ["simulateur-droits"]
    assert _slugs(api("/api/offers", {"task": "accueillir"})) == ["simulateur-droits"]
    assert _slugs(api("/api/offers", {"q": "simulateur"})) == ["simulateur-droits"]


def test_search_expands_acronyms(api, catalogue):
    OfferFactory(slug="dpae", name="Déclaration préalable à l'embauche")
    assert _slugs(api("/api/offers", {"q": "DPAE"})) == ["dpae"]


@pytest.mark.parametrize(
    "params,message",
    [
        ({"status": "nimporte"}, "Filtre non valable — Statut : Sélectionnez un choix valide. nimporte n’en fait pas"),
        ({"task": "inconnue"}, "Filtre non valable — Tâche : Sélectionnez un choix valide."),
        ({"category": "inconnue"}, "Filtre non valable — Catégorie : Sélectionnez un choix valide."),
        ({"audience": "tous"}, "Filtre non valable — Public : Sélectionnez un choix valide."),
        ({"q": "x" * 201}, "Filtre non valable — Rechercher : Assurez-vous que cette valeur comporte au plus 200"),
        ({"new": "peut-etre"}, "Filtre non valable — new doit valoir true ou false"),
        ({"page": "abc"}, "Filtre non valable — page doit être un nombre entier"),
        ({"page": "0"}, "Filtre non valable — page doit être supérieur ou égal à 1"),
    ],
)
@pytest.mark.parametrize("url", ["/api/tools", "/api/offers"])
def test_a_bad_filter_gets_a_422_in_french(api, catalogue, url, params, message):
    response = api(url, params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(message)


@pytest.mark.parametrize("url", ["/api/tools/inconnu", "/api/offers/inconnue"])
def test_an_unknown_slug_gets_a_404(api, catalogue, url):
    response = api(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable"}


def test_a_tool_comes_with_its_kit_and_first_steps(api, catalogue):
    body = api("/api/tools/agenda-partage").json()
    assert body["how_to_start"] == "Ouvrez l'agenda depuis le portail agent."
    assert body["kit"] == [
        {"kind": "link", "title": "Guide", "url": "https://intranet.example.fr/agenda.pdf", "body": ""},
        {"kind": "faq", "title": "Partager ?", "url": "", "body": "Oui."},
    ]


def test_an_offer_comes_with_its_related_tools(api, catalogue):
    body = api("/api/offers/simulateur-droits").json()
    assert body["related_tools"] == ["agenda-partage"]
    assert body["audience_label"] == "Demandeurs d'emploi"
    assert body["kit"] == []
    assert "how_to_start" not in body


def test_the_glossary_lists_acronyms(api, catalogue):
    body = api("/api/glossary").json()
    assert body == {
        "items": [{"acronym": "DPAE", "meaning": "Déclaration préalable à l'embauche", "explanation": ""}],
        "count": 1,
    }


def test_lists_are_paginated(api, db):
    for n in range(55):
        ToolFactory(name=f"Applicatif {n:02d}")
    first = api("/api/tools").json()
    assert first["count"] == 55
    assert len(first["items"]) == 50
    assert len(api("/api/tools", {"page": 2}).json()["items"]) == 5


def test_the_documentation_is_reachable(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "API ERE Digitale" in response.content.decode()
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "API ERE Digitale"
    assert {"/api/tools", "/api/tools/{slug}", "/api/offers", "/api/offers/{slug}", "/api/glossary"} <= set(
        schema["paths"]
    )
