import pytest
from django.urls import reverse

from ere.catalog.enums import ResourceKind
from tests.catalog.factories import (
    GlossaryTermFactory,
    OfferFactory,
    ResourceFactory,
    ToolFactory,
    ToolUpdateFactory,
)
from tests.org.factories import AgencyFactory, UserFactory


@pytest.fixture
def tool(db):
    return ToolFactory(
        name="Agenda partagé",
        slug="agenda-partage",
        acronym="AGP",
        summary="Les rendez-vous de l'agence.",
        how_to_start="Ouvrez l'agenda depuis le portail agent.",
    )


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst", "admin_user"])
def test_it_checks_access(client, login, request, role, tool):
    response = client.get(tool.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(tool.get_absolute_url()).status_code == 200


def test_it_answers_404_for_an_unknown_tool(login, agent):
    assert login(agent).get(reverse("catalog:tool", args=["inconnu"])).status_code == 404


def test_it_shows_what_the_tool_is_for_and_how_to_start(login, agent, tool):
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Agenda partagé" in content
    assert "Les rendez-vous de l&#x27;agence." in content
    assert "Ouvrez l&#x27;agenda depuis le portail agent." in content


def test_it_shows_the_rollout_kit_links_and_faq(login, agent, tool):
    ResourceFactory(tool=tool, title="Guide de prise en main", url="https://intranet.example.fr/agenda.pdf")
    ResourceFactory(tool=tool, kind=ResourceKind.VIDEO, title="Tutoriel vidéo", url="https://video.example.fr/1")
    ResourceFactory(
        tool=tool,
        kind=ResourceKind.FAQ,
        title="Comment partager mon agenda ?",
        url="",
        body="Ouvrez les paramètres, puis « Partage ».",
    )
    ResourceFactory(tool=ToolFactory(), title="Guide de la messagerie")
    response = login(agent).get(tool.get_absolute_url())
    content = response.content.decode()
    assert "Kit de déploiement" in content
    assert 'href="https://intranet.example.fr/agenda.pdf"' in content
    assert "Guide de prise en main" in content
    assert "(vidéo)" in content
    assert "Questions fréquentes" in content
    assert "Comment partager mon agenda ?" in content
    assert "Ouvrez les paramètres, puis « Partage »." in content
    assert "Guide de la messagerie" not in content
    assert [r.title for r in response.context["kit"]["faq"]] == ["Comment partager mon agenda ?"]


def test_it_says_when_the_kit_is_empty(login, agent, tool):
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Le kit de cet applicatif n'a pas encore de ressource." in content


def test_it_shows_the_champions_of_the_users_agency_first(login, agent, agency, tool):
    local = UserFactory(champion=True, agency=agency, first_name="Léa", last_name="Bernard")
    neighbour_agency = AgencyFactory(territory=agency.territory, name="Agence Villeurbanne")
    nearby = UserFactory(champion=True, agency=neighbour_agency, first_name="Nora", last_name="Faure")
    tool.champions.set([local, nearby])
    response = login(agent).get(tool.get_absolute_url())
    assert response.context["local_champions"] == [local]
    assert response.context["nearby_champions"] == [nearby]
    content = response.content.decode()
    assert "Les référents numériques de votre agence" in content
    assert "Léa Bernard" in content
    assert "Nora Faure" not in content


def test_it_falls_back_on_the_champions_of_the_territory(login, agent, agency, other_agency, tool):
    neighbour_agency = AgencyFactory(territory=agency.territory, name="Agence Villeurbanne")
    nearby = UserFactory(champion=True, agency=neighbour_agency, first_name="Nora", last_name="Faure")
    far = UserFactory(champion=True, agency=other_agency, first_name="Paul", last_name="Lemoine")
    tool.champions.set([nearby, far])
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Pas de référent dans votre agence" in content
    assert "Nora Faure" in content
    assert "Agence Villeurbanne" in content
    assert "Paul Lemoine" not in content


def test_it_leaves_out_inactive_champions(login, agent, agency, tool):
    tool.champions.set([UserFactory(champion=True, agency=agency, last_name="Parti", is_active=False)])
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Parti" not in content
    assert "Aucun référent numérique n'est encore désigné" in content


def test_a_user_without_agency_sees_no_local_champion(login, trainer, champion, tool):
    tool.champions.set([champion])
    response = login(trainer).get(tool.get_absolute_url())
    assert response.context["local_champions"] == []
    assert response.context["nearby_champions"] == []
    assert response.context["champion_count"] == 1


def test_it_shows_related_tools_and_offers(login, agent, tool):
    related = ToolFactory(name="Visio conseil")
    tool.related_tools.set([related])
    offer = OfferFactory(name="Prendre rendez-vous en ligne")
    offer.related_tools.set([tool])
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Souvent utilisé avec" in content
    assert related.get_absolute_url() in content
    assert "Offres numériques liées" in content
    assert offer.get_absolute_url() in content


def test_it_shows_the_recent_announcements_and_the_glossary(login, agent, tool):
    ToolUpdateFactory(tool=tool, title="Nouvelle vue semaine", body="Plus lisible.")
    GlossaryTermFactory(acronym="AGP", meaning="Agenda partagé")
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Dernières annonces" in content
    assert "Nouvelle vue semaine" in content
    assert '<abbr title="Agenda partagé">AGP</abbr>' in content


def test_it_warns_that_a_retired_tool_is_retired(login, agent):
    tool = ToolFactory(name="Ancien agenda", retired=True)
    content = login(agent).get(tool.get_absolute_url()).content.decode()
    assert "Cet applicatif est retiré" in content


@pytest.mark.parametrize(
    "role,can_edit,can_see_history",
    [
        ("agent", False, False),
        ("champion", False, False),
        ("trainer", False, True),
        ("manager", True, True),
        ("admin_user", True, True),
    ],
)
def test_it_shows_edit_and_history_links_by_role(login, request, role, can_edit, can_see_history, tool):
    content = login(request.getfixturevalue(role)).get(tool.get_absolute_url()).content.decode()
    assert (reverse("catalog:tool_edit", args=[tool.slug]) in content) is can_edit
    assert (reverse("catalog:history", args=["applicatifs", tool.slug]) in content) is can_see_history


def test_it_shows_whether_the_tool_is_a_favourite(login, agent, tool):
    client = login(agent)
    assert "Ajouter aux favoris" in client.get(tool.get_absolute_url()).content.decode()
    agent.favorites.create(tool=tool)
    assert "Retirer des favoris" in client.get(tool.get_absolute_url()).content.decode()
