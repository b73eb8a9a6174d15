import pytest
from django.urls import reverse

from ere.practice.models import Sandbox
from ere.skills.models import Item
from tests.skills.factories import ItemFactory, SkillFactory, item_form_data


@pytest.fixture
def item(db):
    return ItemFactory(uid="editeur-offres-007", stem="Où publiez-vous une offre ?")


@pytest.fixture
def screens(tmp_path, monkeypatch):
    (tmp_path / "exemple.png").write_bytes(b"\x89PNG")
    monkeypatch.setattr("ere.skills.forms.SCREENS_DIR", tmp_path)


def _url(item):
    return reverse("skills:item_edit", args=[item.uid])


def test_it_checks_access(client, login, request, item):
    response = client.get(_url(item))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(_url(item)).status_code == 403
        assert client.post(_url(item), item_form_data(item, stem="Piraté")).status_code == 403
    item.refresh_from_db()
    assert item.stem == "Où publiez-vous une offre ?"
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(_url(item)).status_code == 200


def test_it_answers_404_for_an_unknown_item(login, trainer):
    assert login(trainer).get(reverse("skills:item_edit", args=["inconnue"])).status_code == 404


def test_it_shows_the_item_with_its_content_as_fields_and_its_uid_read_only(login, trainer, item):
    response = login(trainer).get(_url(item))
    content = response.content.decode()
    assert "Modifier la question « editeur-offres-007 »" in content
    assert 'value="Depuis l&#x27;onglet « Offres »"' in content
    assert 'name="content-0-key" value="a"' in content
    assert 'name="uid"' not in content
    assert response.context["content"].formset.total_form_count() == 5  # three choices and two empty rows


@pytest.mark.parametrize("kind", ["single", "multiple", "ordering", "matching", "hotspot", "sandbox"])
def test_an_unchanged_form_keeps_the_content_of_every_kind(login, trainer, screens, kind):
    Sandbox.objects.create(slug="ecole-demo", title="École", mission="…", definition={})
    item = ItemFactory(**{kind: True} if kind != "single" else {})
    before = item.data
    response = login(trainer).post(_url(item), item_form_data(item))
    assert response.status_code == 302, response.context["content"].problems
    item.refresh_from_db()
    assert item.data == before


def test_it_saves_the_changes_and_keeps_the_uid_and_the_author(login, trainer, champion, item):
    item.author = champion
    item.save()
    other_skill = SkillFactory()
    response = login(trainer).post(
        _url(item),
        item_form_data(
            item,
            skill=other_skill,
            stem="Dans quel onglet publiez-vous une offre ?",
            difficulty="-1.5",
            status="archived",
            use_in_diagnostic=None,
            **{"content-1-text": "Depuis la page d'accueil", "content-1-correct": "on", "content-0-correct": None},
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.uid, item.author, item.skill, item.status) == (
        "editeur-offres-007",
        champion,
        other_skill,
        "archived",
    )
    assert (item.stem, item.difficulty, item.use_in_diagnostic) == (
        "Dans quel onglet publiez-vous une offre ?",
        -1.5,
        False,
    )
    assert [(c["id"], c["text"], c["correct"]) for c in item.data["choices"]] == [
        ("a", "Depuis l'onglet « Offres »", False),
        ("b", "Depuis la page d'accueil", True),
        ("c", "Depuis la messagerie", False),
    ]


def test_an_item_without_author_gets_its_editor_as_author(login, trainer, item):
    login(trainer).post(_url(item), item_form_data(item))
    item.refresh_from_db()
    assert item.author == trainer


def test_deleting_and_adding_choices_keeps_the_ids_of_the_others(login, trainer, item):
    """Answers already given refer to choice ids: a removed id is not given to a new choice."""
    data = item_form_data(item, **{"content-1-DELETE": "on"})
    data |= {"content-TOTAL_FORMS": "4", "content-3-key": "", "content-3-text": "Depuis l'agenda"}
    assert login(trainer).post(_url(item), data).status_code == 302
    item.refresh_from_db()
    assert [(c["id"], c["text"]) for c in item.data["choices"]] == [
        ("a", "Depuis l'onglet « Offres »"),
        ("c", "Depuis la messagerie"),
        ("d", "Depuis l'agenda"),
    ]


def test_a_tampered_key_is_replaced_by_a_free_id(login, trainer, item):
    data = item_form_data(item, **{"content-1-key": "a", "content-2-key": "<script>"})
    assert login(trainer).post(_url(item), data).status_code == 302
    item.refresh_from_db()
    ids = [c["id"] for c in item.data["choices"]]
    assert ids[0] == "a"
    assert len(set(ids)) == 3
    assert all(i.isalnum() for i in ids)


def test_reordering_the_steps_keeps_their_ids(login, trainer):
    item = ItemFactory(ordering=True)
    data = item_form_data(item, **{"content-0-ORDER": "2", "content-1-ORDER": "1"})
    login(trainer).post(_url(item), data)
    item.refresh_from_db()
    assert [s["id"] for s in item.data["steps"]] == ["s2", "s1", "s3"]


def test_invalid_content_saves_nothing_not_even_the_common_fields(login, trainer, item):
    response = login(trainer).post(
        _url(item), item_form_data(item, stem="Nouvel énoncé", **{"content-2-correct": "on"})
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "Le contenu de la question n&#x27;est pas utilisable" in content
        or "Le contenu de la question n'est pas" in content
    )
    assert "Une question à choix unique a exactement une bonne réponse." in content
    item.refresh_from_db()
    assert item.stem == "Où publiez-vous une offre ?"
    assert item.data["choices"][2]["correct"] is False


def test_a_hotspot_image_outside_the_screens_folder_shows_and_must_be_replaced(login, trainer, screens):
    item = ItemFactory(hotspot=True, data={**ItemFactory.build(hotspot=True).data, "image": "skills/ailleurs.png"})
    content = login(trainer).get(_url(item)).content.decode()
    assert '<option value="skills/ailleurs.png" selected>' in content
    response = login(trainer).post(_url(item), item_form_data(item))
    assert response.status_code == 400
    assert "doit être un fichier de skills/screens/" in response.content.decode()


def test_an_item_with_broken_content_can_still_be_opened_and_fixed(login, trainer):
    item = ItemFactory(data={"choices": "pas une liste"})
    response = login(trainer).get(_url(item))
    assert response.status_code == 200
    data = item_form_data(item, data={"choices": [{"text": "Oui", "correct": True}, {"text": "Non"}]})
    data["content-INITIAL_FORMS"] = "0"
    assert login(trainer).post(_url(item), data).status_code == 302
    item.refresh_from_db()
    assert [c["id"] for c in item.data["choices"]] == ["a", "b"]
    assert Item.objects.count() == 1
