import pytest
from django.urls import reverse

from ere.catalog.models import Offer, Resource
from tests.catalog.factories import TaskFactory, ToolFactory

URL = reverse("catalog:offer_create")


def _data(**overrides):
    data = {
        "name": "Simulateur de droits",
        "slug": "simulateur-droits",
        "summary": "Estimer ses droits au chômage en quelques minutes.",
        "audience": "job_seekers",
        "status": "generalised",
        "launched_on": "",
        "url": "https://www.example.fr/simulateur",
        "change_reason": "",
        "kit-TOTAL_FORMS": "1",
        "kit-INITIAL_FORMS": "0",
        "kit-MIN_NUM_FORMS": "0",
        "kit-MAX_NUM_FORMS": "1000",
        "kit-0-kind": "faq",
        "kit-0-title": "Le résultat engage-t-il France Travail ?",
        "kit-0-url": "",
        "kit-0-body": "Non, c'est une estimation.",
        "kit-0-position": "100",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "analyst"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _data()).status_code == 403
    assert not Offer.objects.exists()


def test_it_opens_to_a_manager(login, manager):
    response = login(manager).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ajouter une offre numérique" in content
    # Announcements are for tools.
    assert 'name="announce"' not in content


def test_it_saves_the_offer_its_tasks_related_tools_and_kit(login, manager):
    task = TaskFactory(name="Estimer ses droits")
    tool = ToolFactory(name="Dossier du demandeur")
    response = login(manager).post(URL, _data(tasks=[task.pk], related_tools=[tool.pk]))
    offer = Offer.objects.get(slug="simulateur-droits")
    assert response.status_code == 302
    assert response.url == offer.get_absolute_url()
    assert offer.audience == "job_seekers"
    assert list(offer.tasks.all()) == [task]
    assert list(offer.related_tools.all()) == [tool]
    resource = offer.resources.get()
    assert (resource.kind, resource.title, resource.tool) == ("faq", "Le résultat engage-t-il France Travail ?", None)
    assert offer.history.earliest().history_user == manager


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": ""}, "Ce champ est obligatoire."),
        ({"audience": "managers"}, "Sélectionnez un choix valide."),  # managers are a tool audience only
        ({"url": "pas une adresse"}, "Saisissez une URL valide."),
        ({"kit-0-body": ""}, "Indiquez une adresse ou un contenu pour cette ressource."),
    ],
)
def test_it_rejects_a_bad_form_in_french_and_writes_nothing(login, manager, overrides, message):
    response = login(manager).post(URL, _data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Offer.objects.exists()
    assert not Resource.objects.exists()
