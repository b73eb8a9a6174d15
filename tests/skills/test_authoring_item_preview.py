import pytest
from django.urls import reverse

from ere.skills import items
from ere.skills.models import Response
from tests.skills.factories import ItemFactory


@pytest.fixture
def item(db):
    return ItemFactory(uid="editeur-offres-001", stem="Où publiez-vous une offre ?")


def _url(item):
    return reverse("skills:item_preview", args=[item.uid])


def named(user, item, answer):
    """The answer with the names the preview's form gives the choices, steps, pairs and regions."""
    seed = f"preview:{user.pk}:{item.pk}"
    named = {}
    for key, value in answer.items():
        if key == "choice":
            named[key] = [items.token(seed, v) for v in value] if isinstance(value, list) else items.token(seed, value)
        elif key.startswith("position-"):
            named[f"position-{items.token(seed, key.removeprefix('position-'))}"] = value
        elif key.startswith("match-"):
            left = items.token(seed, f"left:{key.removeprefix('match-')}")
            named[f"match-{left}"] = items.token(seed, f"right:{value}")
        elif key == "region" and value != "miss":
            named[key] = items.token(seed, value)
        else:
            named[key] = value
    return named


def test_it_checks_access(client, login, request, item):
    response = client.get(_url(item))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(_url(item)).status_code == 403
        assert client.post(_url(item), {"choice": "a"}).status_code == 403
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(_url(item)).status_code == 200


def test_it_answers_404_for_an_unknown_item(login, trainer):
    assert login(trainer).get(reverse("skills:item_preview", args=["inconnue"])).status_code == 404


def test_it_shows_the_item_as_a_learner_sees_it(login, trainer, item):
    content = login(trainer).get(_url(item)).content.decode()
    assert "Où publiez-vous une offre ?" in content
    assert 'type="radio"' in content
    assert f'value="{items.token(f"preview:{trainer.pk}:{item.pk}", "b")}"' in content
    assert "Une seule bonne réponse." in content
    assert "votre réponse n&#x27;est pas enregistrée" in content or "votre réponse n'est pas enregistrée" in content


def test_a_right_answer_shows_the_feedback_and_records_nothing(login, trainer, item):
    response = login(trainer).post(_url(item), named(trainer, item, {"choice": "a"}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bonne réponse" in content
    assert "Oui, c&#x27;est le bon onglet." in content
    assert "À retenir" in content
    assert not Response.objects.exists()
    item.refresh_from_db()
    assert item.exposure_count == 0


def test_a_wrong_answer_shows_the_expected_one(login, trainer, item):
    content = login(trainer).post(_url(item), named(trainer, item, {"choice": "b"})).content.decode()
    assert "Ce n'est pas tout à fait ça" in content
    assert "L&#x27;accueil ne publie rien." in content
    assert "La bonne réponse : Depuis l&#x27;onglet « Offres »" in content


@pytest.mark.parametrize("answer", [{}, {"choice": "z"}])
def test_an_unreadable_answer_shows_the_question_again_with_the_error(login, trainer, item, answer):
    response = login(trainer).post(_url(item), answer)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="item-error"' in content
    assert 'name="choice"' in content


@pytest.mark.parametrize(
    "kind,answer,expected",
    [
        ("multiple", {"choice": ["a", "b"]}, "Bonne réponse"),
        ("ordering", {"position-s1": "1", "position-s2": "2", "position-s3": "3"}, "Bien vu."),
        (
            "ordering",
            {"position-s1": "2", "position-s2": "1", "position-s3": "3"},
            "« Ouvrir le dossier » vient avant",
        ),
        ("matching", {"match-a": "a", "match-b": "c", "match-c": "b"}, "Le ROME liste les métiers."),
        ("hotspot", {"region": "miss"}, "Cherchez le menu."),
        ("hotspot", {"region": "a"}, "Bonne réponse"),
    ],
)
def test_every_kind_can_be_answered(login, trainer, kind, answer, expected):
    item = ItemFactory(**{kind: True})
    client = login(trainer)
    assert client.get(_url(item)).status_code == 200
    response = client.post(_url(item), named(trainer, item, answer))
    assert response.status_code == 200
    assert expected.replace("'", "&#x27;") in response.content.decode()


def test_a_sandbox_mission_can_be_previewed(login, trainer):
    item = ItemFactory(sandbox=True)
    client = login(trainer)
    assert client.get(_url(item)).status_code == 200
    assert "Bonne réponse" in client.post(_url(item), {"succeeded": "1"}).content.decode()


def test_an_item_with_broken_content_shows_its_problems(login, trainer):
    item = ItemFactory(data={"choices": [{"id": "a", "text": "Seule"}]})
    response = login(trainer).get(_url(item))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cette question ne peut pas être montrée" in content
    assert "Il faut au moins 2 choix." in content
    assert login(trainer).post(_url(item), {"choice": "a"}).status_code == 200
