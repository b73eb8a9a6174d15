import pytest
from django.urls import reverse

from ere.catalog.enums import ResourceKind
from tests.catalog.factories import GlossaryTermFactory, OfferFactory, ResourceFactory, TaskFactory, ToolFactory


@pytest.fixture
def offer(db):
    return OfferFactory(
        name="Simulateur de droits",
        slug="simulateur",
        summary="Estimer ses droits au chômage en quelques minutes.",
        url="https://www.example.fr/simulateur",
    )


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "manager", "analyst", "admin_user"])
def test_it_checks_access(client, login, request, role, offer):
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(offer.get_absolute_url()).status_code == 200


def test_it_answers_404_for_an_unknown_offer(login, agent):
    assert login(agent).get(reverse("catalog:offer", args=["inconnue"])).status_code == 404


def test_it_shows_the_offer_its_kit_and_related_tools(login, agent, offer):
    offer.tasks.set([TaskFactory(name="Estimer ses droits", slug="droits")])
    tool = ToolFactory(name="Dossier du demandeur")
    offer.related_tools.set([tool])
    ResourceFactory(tool=None, offer=offer, title="Fiche conseiller", url="https://intranet.example.fr/fiche.pdf")
    ResourceFactory(
        tool=None, offer=offer, kind=ResourceKind.FAQ, title="Le résultat engage-t-il ?", url="", body="Non."
    )
    GlossaryTermFactory(acronym="ARE", meaning="Allocation d'aide au retour à l'emploi", offer=offer)
    content = login(agent).get(offer.get_absolute_url()).content.decode()
    assert "Offre numérique" in content
    assert "Estimer ses droits au chômage en quelques minutes." in content
    assert 'href="https://www.example.fr/simulateur"' in content
    assert f"{reverse('catalog:list')}?task=droits" in content
    assert "Fiche conseiller" in content
    assert "Le résultat engage-t-il ?" in content
    assert tool.get_absolute_url() in content
    assert ">ARE</abbr>" in content
    # Offers are not favourites: that is for tools.
    assert "Ajouter aux favoris" not in content


@pytest.mark.parametrize("role,can_edit", [("agent", False), ("trainer", False), ("manager", True)])
def test_it_shows_the_edit_link_to_editors_only(login, request, role, can_edit, offer):
    content = login(request.getfixturevalue(role)).get(offer.get_absolute_url()).content.decode()
    assert (reverse("catalog:offer_edit", args=[offer.slug]) in content) is can_edit
