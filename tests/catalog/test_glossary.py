import pytest
from django.urls import reverse

from tests.catalog.factories import GlossaryTermFactory, ToolFactory

URL = reverse("catalog:glossary")


@pytest.fixture
def terms(db):
    return [
        GlossaryTermFactory(acronym="DPAE", meaning="Déclaration préalable à l'embauche"),
        GlossaryTermFactory(acronym="MRS", meaning="Méthode de recrutement par simulation"),
        GlossaryTermFactory(acronym="ÉDEC", meaning="Engagement de développement de l'emploi et des compétences"),
        GlossaryTermFactory(
            acronym="PMSMP",
            meaning="Période de mise en situation en milieu professionnel",
            explanation="Une immersion de quelques jours en entreprise.",
        ),
    ]


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_lists_every_term_by_letter(login, agent, terms):
    response = login(agent).get(URL)
    groups = response.context["groups"]
    assert [group["letter"] for group in groups] == ["D", "E", "M", "P"]
    assert [t.acronym for t in groups[1]["terms"]] == ["ÉDEC"]
    content = response.content.decode()
    assert '<abbr title="Déclaration préalable à l&#x27;embauche">DPAE</abbr>' in content
    assert "Une immersion de quelques jours en entreprise." in content
    assert 'href="#lettre-E"' in content


@pytest.mark.parametrize(
    "query,expected",
    [
        ("dpae", ["DPAE"]),
        ("DPAE", ["DPAE"]),
        ("embauche", ["DPAE"]),
        ("recrutement", ["MRS"]),
        ("edec", ["ÉDEC"]),
        ("competences", ["ÉDEC"]),
        ("PÉRIODE", ["PMSMP"]),
        ("  mrs  ", ["MRS"]),
    ],
)
def test_it_searches_acronyms_and_meanings_without_accents(login, agent, terms, query, expected):
    response = login(agent).get(URL, {"q": query})
    assert [t.acronym for t in response.context["terms"]] == expected


def test_it_says_when_nothing_matches(login, agent, terms):
    content = login(agent).get(URL, {"q": "zzyzx"}).content.decode()
    assert "Aucun sigle ne correspond à « zzyzx »." in content
    assert "Voir tout le glossaire" in content


def test_an_empty_glossary_says_so(login, agent):
    assert "Le glossaire est vide pour l'instant." in login(agent).get(URL).content.decode()


def test_a_very_long_query_is_cut_not_refused(login, agent, terms):
    response = login(agent).get(URL, {"q": "a" * 5000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 100


def test_it_links_a_term_to_its_tool(login, agent):
    tool = ToolFactory(name="Déclaration préalable à l'embauche")
    GlossaryTermFactory(acronym="DPAE", meaning="Déclaration préalable à l'embauche", tool=tool)
    content = login(agent).get(URL).content.decode()
    assert tool.get_absolute_url() in content
