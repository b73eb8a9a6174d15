import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ere.skills import bank
from ere.skills.models import Item
from tests.skills.factories import ItemFactory, SkillFactory

URL = reverse("skills:item_import")


def _file(payload, name="questions.json"):
    content = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


@pytest.fixture
def skill(db):
    return SkillFactory(code="agenda-planifier")


def _entry(uid="agenda-001", **overrides):
    return {
        "uid": uid,
        "skill": "agenda-planifier",
        "kind": "single",
        "stem": "Où planifier un rendez-vous ?",
        "choices": [
            {"id": "a", "text": "Dans l'agenda", "correct": True, "feedback": ""},
            {"id": "b", "text": "Dans la messagerie", "correct": False, "feedback": ""},
        ],
        **overrides,
    }


def test_it_checks_access(client, login, request, skill):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"file": _file({"items": [_entry()]})}).status_code == 403
    assert not Item.objects.exists()
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_explains_the_format(login, trainer):
    content = login(trainer).get(URL).content.decode()
    assert "rien n&#x27;est importé" in content or "rien n'est importé" in content
    assert 'type="file"' in content


def test_it_creates_and_updates_items_and_says_how_many(login, trainer, skill):
    ItemFactory(uid="agenda-002", skill=skill, stem="Ancien énoncé")
    payload = {"items": [_entry("agenda-001"), _entry("agenda-002"), _entry("agenda-003")]}
    response = login(trainer).post(URL, {"file": _file(payload)}, follow=True)
    assert response.redirect_chain == [(reverse("skills:item_list"), 302)]
    assert "2 questions créées, 1 mise à jour." in response.content.decode()
    assert Item.objects.get(uid="agenda-002").stem == "Où planifier un rendez-vous ?"
    assert Item.objects.get(uid="agenda-001").author == trainer
    assert Item.objects.get(uid="agenda-002").author is None  # an update keeps the author


def test_a_second_import_of_the_same_file_changes_nothing(login, trainer, skill):
    client = login(trainer)
    client.post(URL, {"file": _file({"items": [_entry()]})})
    response = client.post(URL, {"file": _file({"items": [_entry()]})}, follow=True)
    assert "0 question créée, 0 mise à jour." in response.content.decode()


def test_an_export_imports_back(login, trainer, skill):
    ItemFactory(uid="agenda-001", skill=skill, ordering=True)
    exported = login(trainer).get(reverse("skills:item_export")).content
    Item.objects.all().delete()
    response = login(trainer).post(URL, {"file": _file(exported)}, follow=True)
    assert "1 question créée, 0 mise à jour." in response.content.decode()
    assert Item.objects.get().kind == "ordering"


@pytest.mark.parametrize(
    "payload,messages",
    [
        (b"{pas du json", ["Le fichier n&#x27;est pas du JSON valide (ligne 1, colonne 2)."]),
        ('{"items": "Élément"}'.encode("latin-1"), ["Le fichier n&#x27;est pas du texte UTF-8"]),
        ({"questions": []}, ["Le fichier doit contenir une liste « items » de questions."]),
        ({"items": []}, ["Le fichier ne contient aucune question."]),
        (
            {"items": [_entry(skill="inconnue"), _entry("agenda-002", choices=[])]},
            [
                "Question n° 1 (« agenda-001 ») : la compétence « inconnue » n&#x27;existe pas dans le référentiel.",
                "Question n° 2 (« agenda-002 ») : Il faut au moins 2 choix.",
            ],
        ),
    ],
)
def test_a_bad_file_shows_every_error_and_imports_nothing(login, trainer, skill, payload, messages):
    ItemFactory(uid="agenda-009", skill=skill)
    response = login(trainer).post(URL, {"file": _file(payload)})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Le fichier n&#x27;a pas été importé" in content or "Le fichier n'a pas été importé" in content
    for message in messages:
        assert message in content
    assert list(Item.objects.values_list("uid", flat=True)) == ["agenda-009"]


def test_a_valid_item_is_not_imported_when_another_is_invalid(login, trainer, skill):
    response = login(trainer).post(URL, {"file": _file({"items": [_entry(), _entry("agenda-002", kind="essai")]})})
    assert response.status_code == 400
    assert not Item.objects.exists()


def test_no_file_is_a_form_error(login, trainer):
    response = login(trainer).post(URL, {})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()


def test_a_file_over_5_mb_is_refused_before_reading(login, trainer, monkeypatch):
    monkeypatch.setattr("ere.skills.forms.MAX_IMPORT_BYTES", 100)
    monkeypatch.setattr(bank, "import_items", lambda *args, **kwargs: pytest.fail("the file was read"))
    response = login(trainer).post(URL, {"file": _file(b" " * 101)})
    assert response.status_code == 400
    assert "Le fichier dépasse 5 Mo" in response.content.decode()
