import pytest
from django.urls import reverse

from ere.catalog.models import Resource, Tool, ToolUpdate
from tests.catalog.factories import CategoryFactory, TaskFactory, ToolFactory

URL = reverse("catalog:tool_create")


def _data(**overrides):
    data = {
        "name": "Assistant de rédaction",
        "acronym": "",
        "slug": "assistant-redaction",
        "summary": "Aide à rédiger une offre d'emploi claire.",
        "description": "",
        "audience": "employers",
        "status": "pilot",
        "launched_on": "2026-01-15",
        "owner_department": "Direction des systèmes d'information",
        "url": "https://assistant.example.fr",
        "how_to_start": "",
        "change_reason": "",
        "announce_kind": "launch",
        "announce_title": "",
        "announce_body": "",
        "kit-TOTAL_FORMS": "1",
        "kit-INITIAL_FORMS": "0",
        "kit-MIN_NUM_FORMS": "0",
        "kit-MAX_NUM_FORMS": "1000",
        "kit-0-kind": "link",
        "kit-0-title": "Guide de prise en main",
        "kit-0-url": "https://intranet.example.fr/assistant.pdf",
        "kit-0-body": "",
        "kit-0-position": "100",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _counts():
    return Tool.objects.count(), Resource.objects.count(), ToolUpdate.objects.count(), Tool.history.count()


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "analyst"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _data()).status_code == 403
    assert not Tool.objects.exists()


@pytest.mark.parametrize("role", ["manager", "territory_manager", "admin_user"])
def test_it_opens_to_editors(login, request, role):
    response = login(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    assert "Ajouter un applicatif" in response.content.decode()


def test_it_saves_the_tool_its_tasks_and_its_kit_in_one_go(login, manager):
    task = TaskFactory(name="Rédiger une offre")
    category = CategoryFactory(name="Recrutement")
    related = ToolFactory(name="Dialogue entreprises")
    response = login(manager).post(
        URL, _data(tasks=[task.pk], categories=[category.pk], related_tools=[related.pk], change_reason="")
    )
    tool = Tool.objects.get(slug="assistant-redaction")
    assert response.status_code == 302
    assert response.url == tool.get_absolute_url()
    assert tool.name == "Assistant de rédaction"
    assert tool.audience == "employers"
    assert tool.status == "pilot"
    assert tool.launched_on.isoformat() == "2026-01-15"
    assert list(tool.tasks.all()) == [task]
    assert list(tool.categories.all()) == [category]
    assert list(tool.related_tools.all()) == [related]
    assert [(r.kind, r.title, r.url) for r in tool.resources.all()] == [
        ("link", "Guide de prise en main", "https://intranet.example.fr/assistant.pdf")
    ]
    assert not ToolUpdate.objects.exists()


def test_it_records_the_creation_in_the_history(login, manager):
    login(manager).post(URL, _data())
    tool = Tool.objects.get(slug="assistant-redaction")
    first = tool.history.earliest()
    assert first.history_type == "+"
    assert first.history_user == manager
    assert first.history_change_reason == "Création"


def test_it_confirms_in_french(login, manager):
    response = login(manager).post(URL, _data(), follow=True)
    assert "« Assistant de rédaction » a été créé." in response.content.decode()


def test_an_untouched_kit_row_adds_no_resource(login, manager):
    response = login(manager).post(URL, _data(**{"kit-0-title": "", "kit-0-url": ""}))
    assert response.status_code == 302
    assert not Resource.objects.exists()


def test_an_address_without_scheme_is_taken_as_https(login, manager):
    login(manager).post(URL, _data(url="assistant.example.fr"))
    assert Tool.objects.get().url == "https://assistant.example.fr"


def test_an_announcement_creates_a_tool_update(login, manager):
    response = login(manager).post(
        URL,
        _data(announce="on", announce_title="Nouvel assistant de rédaction", announce_body="À essayer dès lundi."),
    )
    assert response.status_code == 302
    update = ToolUpdate.objects.get()
    assert update.tool == Tool.objects.get()
    assert update.kind == "launch"
    assert update.title == "Nouvel assistant de rédaction"
    assert update.body == "À essayer dès lundi."
    assert update.author == manager


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"name": ""}, "name", "Ce champ est obligatoire."),
        ({"summary": ""}, "summary", "Ce champ est obligatoire."),
        ({"url": "http://exa mple"}, "url", "Saisissez une URL valide."),
        ({"slug": "Pas un identifiant !"}, "slug", "Ce champ ne doit contenir que des lettres"),
        ({"audience": "tout-le-monde"}, "audience", "Sélectionnez un choix valide."),
        ({"launched_on": "31/02/2026"}, "launched_on", "Saisissez une date valide."),
        (
            {"announce": "on", "announce_title": ""},
            "announce_title",
            "Donnez un titre à l'annonce, ou décochez « Annoncer ce changement ».",
        ),
        ({"tasks": ["999999"]}, "tasks", "Sélectionnez un choix valide."),
    ],
)
def test_it_rejects_a_bad_form_in_french_and_writes_nothing(login, manager, overrides, field, message):
    before = _counts()
    response = login(manager).post(URL, _data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    content = response.content.decode()
    assert "Le formulaire contient des erreurs : corrigez les champs signalés." in content
    assert message in content.replace("&#x27;", "'")
    assert _counts() == before


def test_it_rejects_a_slug_already_taken(login, manager):
    ToolFactory(slug="assistant-redaction")
    before = _counts()
    response = login(manager).post(URL, _data())
    assert response.status_code == 400
    assert "Un objet Applicatif avec ce champ Identifiant existe déjà." in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"kit-0-url": "", "kit-0-body": ""}, "Indiquez une adresse ou un contenu pour cette ressource."),
        ({"kit-0-url": "pas une adresse"}, "Saisissez une URL valide."),
        ({"kit-0-title": ""}, "Ce champ est obligatoire."),
    ],
)
def test_it_rejects_a_bad_kit_row_and_writes_nothing(login, manager, overrides, message):
    before = _counts()
    response = login(manager).post(URL, _data(announce="on", announce_title="Lancement", **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before


def test_a_rejected_form_keeps_what_was_typed(login, manager):
    response = login(manager).post(URL, _data(name="", summary="Mon résumé à garder"))
    content = response.content.decode()
    assert "Mon résumé à garder" in content
    assert "Guide de prise en main" in content


def test_it_offers_only_active_champions(login, manager, champion, agency):
    from tests.org.factories import UserFactory

    inactive = UserFactory(champion=True, agency=agency, is_active=False)
    before = _counts()
    response = login(manager).post(URL, _data(champions=[inactive.pk]))
    assert response.status_code == 400
    assert "champions" in response.context["form"].errors
    assert _counts() == before
    response = login(manager).post(URL, _data(champions=[champion.pk]))
    assert response.status_code == 302
    assert list(Tool.objects.get().champions.all()) == [champion]


def test_it_refuses_a_non_champion_as_champion(login, manager, agent):
    response = login(manager).post(URL, _data(champions=[agent.pk]))
    assert response.status_code == 400
    assert not Tool.objects.exists()
