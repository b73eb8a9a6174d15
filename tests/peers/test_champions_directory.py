"""« Qui peut m'aider ? »: the directory of champions and volunteers who chose to be visible."""

import pytest
from django.urls import reverse

from ere.peers.enums import Availability
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import HelpRequestFactory, PeerProfileFactory

URL = reverse("peers:champions")


@pytest.fixture(autouse=True)
def agency_codes():
    """Generated agencies take codes the fixed ones (69001, 38001) never have, whatever ran before."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(champion):
    return ToolFactory(name="Agenda partagé", slug="agenda-partage", champions=[champion])


@pytest.fixture
def other_tool(db):
    return ToolFactory(name="Visio Conseil", slug="visio-conseil")


def names(response):
    return [profile.user.get_full_name() for profile in response.context["page_obj"].object_list]


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", ["manager", "analyst"])
def test_managers_and_analysts_may_not_see_it(login, request, role):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_it_lists_only_the_colleagues_who_chose_to_be_visible(login, agent, champion, agency, tool):
    PeerProfileFactory(user=champion)
    hidden = UserFactory(champion=True, first_name="Hélène", last_name="Cachée", agency=agency)
    tool.champions.add(hidden)
    PeerProfileFactory(user=hidden, is_visible=False)
    no_profile = UserFactory(champion=True, first_name="Paul", last_name="Sansprofil", agency=agency)
    tool.champions.add(no_profile)
    volunteer = PeerProfileFactory(user__first_name="Inès", user__last_name="Volontaire", user__agency=agency)
    volunteer.tools.add(tool)
    # Visible, but neither champion nor volunteer on any tool: never listed (diagnostic levels are private).
    PeerProfileFactory(user__first_name="Marc", user__last_name="Discret", user__agency=agency)

    response = login(agent).get(URL)
    content = response.content.decode()
    assert names(response) == ["Bruno Petit", "Inès Volontaire"]
    assert [p.user for p in response.context["champions"]] == [champion]
    assert [p.user for p in response.context["volunteers"]] == [volunteer.user]
    assert "Autres collègues volontaires" in content
    for absent in ("Cachée", "Sansprofil", "Discret"):
        assert absent not in content


def test_a_card_shows_agency_tools_availability_modes_and_note_and_asks_for_help(login, agent, champion, tool):
    PeerProfileFactory(
        user=champion, availability=Availability.LIMITED, modes=["visio"], note="Les modèles de rendez-vous"
    )
    content = login(agent).get(URL, {"outil": tool.slug}).content.decode()
    assert "Agence Lyon Part-Dieu" in content
    assert "Agenda partagé" in content
    assert "Peu disponible" in content
    assert "Aide : en visio" in content
    assert "« Les modèles de rendez-vous »" in content
    assert f'href="{reverse("peers:request_new")}?outil=agenda-partage"' in content
    assert "tel:" not in content


def test_it_never_shows_help_given_nor_diagnostic_levels(login, agent, champion, tool):
    PeerProfileFactory(user=champion)
    for _ in range(3):
        HelpRequestFactory(requester=agent, resolved=True, helper=champion, tool=tool, thanks="Merci !")
    content = login(agent).get(URL).content.decode()
    assert "Bruno Petit" in content
    assert "A déjà aidé" not in content
    assert "3 demandes" not in content
    assert "Merci !" not in content
    assert "Niveau « " not in content


def test_it_filters_on_a_tool(login, agent, champion, agency, tool, other_tool):
    PeerProfileFactory(user=champion)
    volunteer = PeerProfileFactory(user__first_name="Inès", user__last_name="Volontaire", user__agency=agency)
    volunteer.tools.add(other_tool)

    assert names(login(agent).get(URL, {"outil": "visio-conseil"})) == ["Inès Volontaire"]
    assert names(login(agent).get(URL, {"outil": "agenda-partage"})) == ["Bruno Petit"]


def test_a_champion_who_declared_another_tool_is_a_volunteer_there(login, agent, champion, tool, other_tool):
    PeerProfileFactory(user=champion, tools=[other_tool])
    response = login(agent).get(URL, {"outil": other_tool.slug})
    assert [p.user for p in response.context["volunteers"]] == [champion]
    assert response.context["champions"] == []


def test_it_shows_the_users_agency_by_default_then_the_territory_then_everywhere(login, agent, agency, tool):
    neighbour = AgencyFactory(name="Agence Villeurbanne", territory=agency.territory)
    far = AgencyFactory(name="Agence Grenoble")
    for first_name, where in (("Anne", agency), ("Bernard", neighbour), ("Chloé", far)):
        PeerProfileFactory(user__first_name=first_name, user__last_name="Aidant", user__agency=where, tools=[tool])

    client = login(agent)
    assert names(client.get(URL)) == ["Anne Aidant"]
    assert names(client.get(URL, {"agence": "dt"})) == ["Anne Aidant", "Bernard Aidant"]
    assert names(client.get(URL, {"agence": "toutes"})) == ["Anne Aidant", "Bernard Aidant", "Chloé Aidant"]
    assert names(client.get(URL, {"agence": neighbour.code})) == ["Bernard Aidant"]


def test_it_orders_champions_first_then_the_same_agency_the_territory_and_the_name(login, agent, agency, tool):
    neighbour = AgencyFactory(territory=agency.territory)
    far = AgencyFactory()
    rows = [
        ("Zoé", "Loin", far, False),
        ("Yves", "Voisin", neighbour, False),
        ("Xavier", "Ici", agency, False),
        ("Alain", "Ici", agency, False),
        ("Wanda", "Référente", far, True),
    ]
    for first_name, last_name, where, is_champion in rows:
        user = UserFactory(first_name=first_name, last_name=last_name, agency=where, champion=is_champion)
        PeerProfileFactory(user=user, tools=[] if is_champion else [tool])
        if is_champion:
            tool.champions.add(user)
    response = login(agent).get(URL, {"agence": "toutes"})
    assert names(response) == ["Wanda Référente", "Alain Ici", "Xavier Ici", "Yves Voisin", "Zoé Loin"]


def test_it_paginates_by_24(login, agent, agency, tool):
    for n in range(26):
        PeerProfileFactory(user__last_name=f"Aidant{n:02d}", user__agency=agency, tools=[tool])
    client = login(agent)
    assert len(names(client.get(URL))) == 24
    second = client.get(URL, {"page": 2})
    assert len(names(second)) == 2
    assert second.context["page_obj"].paginator.count == 26


def test_the_user_sees_themself_without_a_button_to_ask_themself(login, champion, tool):
    PeerProfileFactory(user=champion)
    content = login(champion).get(URL).content.decode()
    assert "C'est vous" in content
    assert "fr-card__footer" not in content  # where the card's « Demander de l'aide » would be


def test_a_colleague_away_has_no_button_to_ask_them(login, agent, champion, tool):
    PeerProfileFactory(user=champion, availability=Availability.AWAY)
    content = login(agent).get(URL).content.decode()
    assert "Absent·e en ce moment" in content
    assert "fr-card__footer" not in content


def test_the_empty_state_explains_how_to_become_visible(login, agent):
    response = login(agent).get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Personne à afficher ici pour l'instant" in content
    assert reverse("peers:settings") in content
    assert "Je veux bien aider mes collègues" in content


def test_an_unknown_filter_is_reported_not_a_500(login, agent):
    response = login(agent).get(URL, {"outil": "inconnu", "agence": "nulle-part"})
    assert response.status_code == 400
    assert "Ces filtres ne sont pas valables" in response.content.decode()


def test_someone_without_an_agency_sees_every_agency(login, trainer, agency, tool):
    PeerProfileFactory(user__first_name="Anne", user__last_name="Aidant", user__agency=agency, tools=[tool])
    client = login(trainer)
    assert names(client.get(URL)) == ["Anne Aidant"]
    assert names(client.get(URL, {"outil": tool.slug, "agence": "dt"})) == ["Anne Aidant"]
