import pytest
from django.urls import reverse

from ere.catalog.models import Resource, Tool, ToolUpdate
from tests.catalog.factories import ResourceFactory, TaskFactory, ToolFactory, tool_form_data


@pytest.fixture
def tool(db):
    tool = ToolFactory(
        name="Agenda partagé",
        slug="agenda-partage",
        summary="Les rendez-vous de l'agence.",
        url="https://agenda.example.fr",
        tasks=[TaskFactory(name="Planifier un rendez-vous")],
    )
    ResourceFactory(tool=tool, title="Guide", url="https://intranet.example.fr/agenda.pdf")
    return tool


def _url(tool):
    return reverse("catalog:tool_edit", args=[tool.slug])


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "analyst"])
def test_it_checks_access(client, login, request, role, tool):
    response = client.get(_url(tool))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    client = login(request.getfixturevalue(role))
    assert client.get(_url(tool)).status_code == 403
    assert client.post(_url(tool), tool_form_data(tool, name="Piraté")).status_code == 403
    tool.refresh_from_db()
    assert tool.name == "Agenda partagé"


def test_it_answers_404_for_an_unknown_tool(login, manager):
    assert login(manager).get(reverse("catalog:tool_edit", args=["inconnu"])).status_code == 404


def test_it_shows_the_form_filled_in(login, manager, tool):
    response = login(manager).get(_url(tool))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Modifier « Agenda partagé »" in content
    assert 'value="Agenda partagé"' in content
    assert "Ressource 1 : Guide" in content


def test_an_unchanged_form_saves_without_change(login, manager, tool):
    response = login(manager).post(_url(tool), tool_form_data(tool))
    assert response.status_code == 302
    assert Resource.objects.count() == 1
    assert not ToolUpdate.objects.exists()


def test_it_saves_the_changes_and_the_kit(login, manager, tool):
    new_task = TaskFactory(name="Préparer un entretien")
    resource = tool.resources.get()
    response = login(manager).post(
        _url(tool),
        tool_form_data(
            tool,
            name="Agenda de l'agence",
            tasks=[new_task.pk],
            **{
                "kit-0-title": "Guide mis à jour",
                "kit-1-kind": "faq",
                "kit-1-title": "Puis-je voir l'agenda d'un collègue ?",
                "kit-1-body": "Oui, s'il vous l'a partagé.",
            },
        ),
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.name == "Agenda de l'agence"
    assert list(tool.tasks.all()) == [new_task]
    assert [(r.pk == resource.pk, r.kind, r.title) for r in tool.resources.order_by("id")] == [
        (True, "link", "Guide mis à jour"),
        (False, "faq", "Puis-je voir l'agenda d'un collègue ?"),
    ]


def test_it_deletes_a_kit_resource(login, manager, tool):
    response = login(manager).post(_url(tool), tool_form_data(tool, **{"kit-0-DELETE": "on"}))
    assert response.status_code == 302
    assert not Resource.objects.exists()


def test_an_announcement_creates_a_tool_update(login, manager, tool):
    login(manager).post(
        _url(tool),
        tool_form_data(tool, announce="on", announce_kind="change", announce_title="Nouvelle vue semaine"),
    )
    update = ToolUpdate.objects.get()
    assert (update.tool, update.kind, update.title, update.author) == (tool, "change", "Nouvelle vue semaine", manager)


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": ""}, "Ce champ est obligatoire."),
        ({"url": "pas une adresse"}, "Saisissez une URL valide."),
        ({"announce": "on"}, "Donnez un titre à l&#x27;annonce"),
        ({"kit-0-url": ""}, "Indiquez une adresse ou un contenu pour cette ressource."),
    ],
)
def test_it_rejects_a_bad_form_and_changes_nothing(login, manager, tool, overrides, message):
    history = tool.history.count()
    response = login(manager).post(
        _url(tool), tool_form_data(tool, summary="Résumé qui ne doit pas être enregistré", **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    tool.refresh_from_db()
    assert tool.summary == "Les rendez-vous de l'agence."
    assert tool.resources.get().url == "https://intranet.example.fr/agenda.pdf"
    assert tool.history.count() == history
    assert not ToolUpdate.objects.exists()


def test_a_tool_cannot_be_related_to_itself(login, manager, tool):
    response = login(manager).post(_url(tool), tool_form_data(tool, related_tools=[tool.pk]))
    assert response.status_code == 400
    assert not tool.related_tools.exists()


def test_it_keeps_the_change_reason_in_the_history(login, manager, tool):
    login(manager).post(
        _url(tool), tool_form_data(tool, url="https://nouvel-agenda.example.fr", change_reason="Nouvelle adresse")
    )
    latest = Tool.history.filter(id=tool.pk).latest()
    assert latest.history_change_reason == "Nouvelle adresse"
    assert latest.history_user == manager
    assert latest.url == "https://nouvel-agenda.example.fr"


def test_editing_kits_one_after_the_other_keeps_each_kit_to_its_item(login, manager, tool):
    """Regression: the kit form once kept the foreign keys of earlier formsets as editable fields."""
    from tests.catalog.factories import OfferFactory

    client = login(manager)
    client.get(reverse("catalog:offer_edit", args=[OfferFactory().slug]))
    client.get(_url(tool))
    content = client.get(_url(tool)).content.decode()
    assert 'name="kit-0-offer"' not in content
    assert 'name="kit-0-tool"' in content  # the hidden key of the parent
    response = client.post(_url(tool), tool_form_data(tool, **{"kit-0-title": "Guide 2026"}))
    assert response.status_code == 302
    assert tool.resources.get().title == "Guide 2026"


def test_an_unchanged_form_keeps_the_relations(login, manager, champion, tool):
    related = ToolFactory(name="Visio conseil")
    tool.related_tools.set([related])
    tool.champions.set([champion])
    assert login(manager).post(_url(tool), tool_form_data(tool)).status_code == 302
    assert list(tool.related_tools.all()) == [related]
    assert list(tool.champions.all()) == [champion]
