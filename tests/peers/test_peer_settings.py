"""« Mon profil d'entraide »: the helper's own choices, invisible until they opt in."""

import pytest
from django.urls import reverse

from ere.peers.enums import Availability, HelpMode
from ere.peers.models import PeerProfile
from tests.catalog.factories import ToolFactory
from tests.peers.factories import PeerProfileFactory
from tests.peers.test_requests_service import master

URL = reverse("peers:settings")


def choices(**changes):
    data = {
        "is_visible": "on",
        "availability": Availability.LIMITED,
        "modes": [HelpMode.VISIO, HelpMode.MESSAGE],
        "weekly_cap": "2",
        "note": "Les offres en brouillon",
        "weekly_digest": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("role", ["manager", "analyst", "territory_manager"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    user_client = login(request.getfixturevalue(role))
    assert user_client.get(URL).status_code == 403
    assert user_client.post(URL, choices()).status_code == 403
    assert not PeerProfile.objects.exists()


def test_a_visit_creates_nothing_and_shows_what_is_shown_to_whom(login, agent):
    response = login(agent).get(URL)
    assert response.status_code == 200
    assert not PeerProfile.objects.exists()
    form = response.context["form"]
    assert form["is_visible"].value() is False
    assert form["weekly_cap"].value() == 3
    content = response.content.decode()
    assert "Ce qui est montré, et à qui" in content
    assert "Il n'y a ni annuaire de niveaux ni classement" in content


def test_opting_in_saves_the_choices(login, agent):
    tool = ToolFactory(name="Agenda partagé")
    ToolFactory(name="Ancien portail", retired=True)
    response = login(agent).get(URL)
    assert "Ancien portail" not in response.content.decode()

    response = login(agent).post(URL, choices(tools=[tool.pk]))

    assert response.status_code == 302
    assert response.url == URL
    profile = PeerProfile.objects.get(user=agent)
    assert profile.is_visible
    assert (profile.availability, profile.modes, profile.weekly_cap) == (Availability.LIMITED, ["visio", "message"], 2)
    assert list(profile.tools.all()) == [tool]
    assert profile.note == "Les offres en brouillon"
    content = login(agent).get(URL).content.decode()
    assert "vous pouvez être proposé·e à des collègues" in content


def test_opting_out_keeps_the_profile_invisible(login, agent):
    PeerProfileFactory(user=agent, is_visible=True)
    login(agent).post(URL, choices(is_visible=None))
    assert not PeerProfile.objects.get(user=agent).is_visible


@pytest.mark.parametrize(
    "changes, field, error",
    [
        (
            {"weekly_cap": "0"},
            "weekly_cap",
            "Au moins 1 demande par semaine (décochez « Je veux bien aider » pour n'en recevoir aucune).",
        ),
        ({"weekly_cap": "21"}, "weekly_cap", "20 demandes par semaine au plus."),
        ({"weekly_cap": "trois"}, "weekly_cap", "Indiquez un nombre entier."),
        ({"modes": []}, "modes", "Choisissez au moins une façon d'aider."),
        ({"modes": ["telepathie"]}, "modes", "Choisissez parmi les façons proposées."),
        ({"tools": ["999999"]}, "tools", "Choisissez des applicatifs de la liste."),
        ({"availability": "demain"}, "availability", "Choisissez l'une des disponibilités proposées."),
    ],
)
def test_bad_choices_show_french_errors(login, agent, changes, field, error):
    response = login(agent).post(URL, choices(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert not PeerProfile.objects.exists()


def test_the_page_lists_the_tools_one_may_already_be_proposed_on(login, champion):
    mastered = ToolFactory(name="Éditeur d'offres")
    championed = ToolFactory(name="Agenda partagé", champions=[champion])
    master(champion, mastered, level=4)
    content = login(champion).get(URL).content.decode()
    assert "Agenda partagé (vous en êtes référent numérique)" in content
    assert "Éditeur d&#x27;offres (votre diagnostic)" in content
    assert championed.name in content
