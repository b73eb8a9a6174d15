import pytest
from django.urls import reverse

from tests.catalog.factories import OfferFactory, TaskFactory, ToolFactory, tool_form_data


def _url(item, kind="applicatifs"):
    return reverse("catalog:history", args=[kind, item.slug])


@pytest.fixture
def tool(db):
    return ToolFactory(name="Agenda partagé", slug="agenda-partage", url="https://agenda.example.fr")


@pytest.mark.parametrize("role", ["agent", "champion", "analyst"])
def test_it_checks_access(client, login, request, role, tool):
    response = client.get(_url(tool))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(_url(tool)).status_code == 403


@pytest.mark.parametrize("role", ["trainer", "manager", "admin_user"])
def test_it_opens_to_trainers_managers_and_admins(login, request, role, tool):
    response = login(request.getfixturevalue(role)).get(_url(tool))
    assert response.status_code == 200
    assert "Historique de « Agenda partagé »" in response.content.decode()


@pytest.mark.parametrize(
    "kind,slug", [("nimporte", "agenda-partage"), ("applicatifs", "inconnu"), ("offres", "agenda-partage")]
)
def test_it_answers_404_for_an_unknown_item(login, manager, tool, kind, slug):
    assert login(manager).get(reverse("catalog:history", args=[kind, slug])).status_code == 404


def test_it_lists_each_change_with_its_author_and_fields(login, manager, tool):
    client = login(manager)
    client.post(
        reverse("catalog:tool_edit", args=[tool.slug]),
        tool_form_data(tool, url="https://nouvel-agenda.example.fr", change_reason="Nouvelle adresse"),
    )
    response = client.get(_url(tool))
    rows = response.context["rows"]
    assert rows[-1]["created"]
    latest = rows[0]
    assert latest["record"].history_user == manager
    assert {
        "field": "adresse",
        "old": "https://agenda.example.fr",
        "new": "https://nouvel-agenda.example.fr",
    } in latest["changes"]
    content = response.content.decode()
    assert "Diane Leroy" in content
    assert "Nouvelle adresse" in content
    assert "<strong>adresse</strong> : https://agenda.example.fr → https://nouvel-agenda.example.fr" in content
    assert "Création de la fiche" in content
    assert "Chargement automatique" in content  # the factory's save had no user


def test_it_shows_newest_first(login, manager, tool):
    client = login(manager)
    edit = reverse("catalog:tool_edit", args=[tool.slug])
    client.post(edit, tool_form_data(tool, summary="Premier changement"))
    tool.refresh_from_db()
    client.post(edit, tool_form_data(tool, summary="Second changement"))
    rows = login(manager).get(_url(tool)).context["rows"]
    summaries = [
        change["new"] for row in rows for change in row["changes"] if change["field"] == "résumé en langage clair"
    ]
    assert summaries == ["Second changement", "Premier changement"]


def test_it_names_a_change_of_tasks(login, manager, tool):
    task = TaskFactory(name="Planifier un rendez-vous")
    login(manager).post(reverse("catalog:tool_edit", args=[tool.slug]), tool_form_data(tool, tasks=[task.pk]))
    rows = login(manager).get(_url(tool)).context["rows"]
    assert any(change["field"] == "tâches" for row in rows for change in row["changes"])


def test_it_works_for_offers(login, trainer):
    offer = OfferFactory(name="Simulateur de droits")
    response = login(trainer).get(_url(offer, "offres"))
    assert response.status_code == 200
    assert "Création de la fiche" in response.content.decode()
