import pytest
from django.urls import reverse

from ere.catalog.models import Offer
from tests.catalog.factories import OfferFactory, ResourceFactory


@pytest.fixture
def offer(db):
    offer = OfferFactory(name="Simulateur de droits", slug="simulateur", summary="Estimer ses droits.")
    ResourceFactory(tool=None, offer=offer, title="Fiche conseiller", url="https://intranet.example.fr/fiche.pdf")
    return offer


def _url(offer):
    return reverse("catalog:offer_edit", args=[offer.slug])


def _data(offer, **overrides):
    resource = offer.resources.get()
    data = {
        "name": offer.name,
        "slug": offer.slug,
        "summary": offer.summary,
        "audience": offer.audience,
        "status": offer.status,
        "launched_on": offer.launched_on.isoformat(),
        "url": offer.url,
        "change_reason": "",
        "kit-TOTAL_FORMS": "2",
        "kit-INITIAL_FORMS": "1",
        "kit-MIN_NUM_FORMS": "0",
        "kit-MAX_NUM_FORMS": "1000",
        "kit-0-id": resource.pk,
        "kit-0-kind": resource.kind,
        "kit-0-title": resource.title,
        "kit-0-url": resource.url,
        "kit-0-body": "",
        "kit-0-position": resource.position,
        "kit-1-kind": "link",
        "kit-1-title": "",
        "kit-1-url": "",
        "kit-1-body": "",
        "kit-1-position": "100",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "analyst"])
def test_it_checks_access(client, login, request, role, offer):
    response = client.get(_url(offer))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    client = login(request.getfixturevalue(role))
    assert client.get(_url(offer)).status_code == 403
    assert client.post(_url(offer), _data(offer, name="Piraté")).status_code == 403
    offer.refresh_from_db()
    assert offer.name == "Simulateur de droits"


def test_it_answers_404_for_an_unknown_offer(login, manager):
    assert login(manager).get(reverse("catalog:offer_edit", args=["inconnue"])).status_code == 404


def test_it_saves_the_changes(login, manager, offer):
    client = login(manager)
    assert client.get(_url(offer)).status_code == 200
    response = client.post(
        _url(offer), _data(offer, summary="Estimer ses droits en cinq minutes.", change_reason="Résumé plus clair")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.summary == "Estimer ses droits en cinq minutes."
    latest = Offer.history.filter(id=offer.pk).latest()
    assert (latest.history_user, latest.history_change_reason) == (manager, "Résumé plus clair")


def test_it_rejects_a_bad_form_and_changes_nothing(login, manager, offer):
    response = login(manager).post(_url(offer), _data(offer, name="", summary="Ne pas enregistrer"))
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    offer.refresh_from_db()
    assert offer.summary == "Estimer ses droits."
