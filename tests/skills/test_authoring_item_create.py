import pytest
from django.urls import reverse

from ere.practice.models import Sandbox
from ere.skills.enums import ItemKind
from ere.skills.models import Item
from tests.skills.factories import AreaFactory, ItemFactory, SkillFactory, item_form_data

URL = reverse("skills:item_create")


@pytest.fixture
def skill(db):
    return SkillFactory(code="editeur-offres-publier", area=AreaFactory(code="editeur-offres"))


@pytest.fixture
def screens(tmp_path, monkeypatch):
    """The screenshots a hotspot item may use."""
    (tmp_path / "exemple.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.txt").write_text("pas une image")
    monkeypatch.setattr("ere.skills.forms.SCREENS_DIR", tmp_path)
    return tmp_path


@pytest.fixture
def sandbox(db):
    return Sandbox.objects.create(slug="ecole-demo", title="École de démonstration", mission="Publiez.", definition={})


def _create(client, kind, for_skill, **overrides):
    return client.post(f"{URL}?type={kind}", item_form_data(kind=kind, skill=for_skill, **overrides))


def test_it_checks_access(client, login, request, skill):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(f"{URL}?type=single").status_code == 403
        assert _create(client, "single", skill).status_code == 403
    assert not Item.objects.exists()
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(f"{URL}?type=single").status_code == 200


def test_it_first_asks_for_the_kind_of_question(login, trainer, skill):
    response = login(trainer).get(URL, {"skill": "editeur-offres-publier"})
    assert response.status_code == 200
    content = response.content.decode()
    for kind in ItemKind.values:
        assert f"?type={kind}&amp;skill=editeur-offres-publier" in content


def test_an_unknown_kind_shows_the_choice_again(login, trainer):
    response = login(trainer).get(URL, {"type": "dissertation"})
    assert response.status_code == 400
    assert (
        "Ce type de question n&#x27;existe pas" in response.content.decode()
        or "Ce type de question n'existe pas" in (response.content.decode())
    )


def test_the_form_starts_as_a_draft_of_the_skill_given(login, trainer, skill):
    response = login(trainer).get(URL, {"type": "multiple", "skill": skill.code})
    form = response.context["form"]
    assert (form["skill"].value(), form["status"].value()) == (skill.pk, "draft")
    assert response.context["content"].formset.total_form_count() == 4


def test_it_creates_a_single_choice_item_with_generated_ids_and_uid(login, trainer, skill):
    response = _create(login(trainer), "single", skill)
    item = Item.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("skills:item_edit", args=[item.uid])
    assert item.uid == "editeur-offres-001"
    assert (item.kind, item.skill, item.author, item.status) == ("single", skill, trainer, "published")
    assert (item.difficulty, item.discrimination, item.seconds, item.use_in_diagnostic) == (0.5, 1.2, 45, True)
    assert [(c["id"], c["correct"]) for c in item.data["choices"]] == [("a", True), ("b", False), ("c", False)]
    assert item.data["choices"][0] == {
        "id": "a",
        "text": "Depuis l'onglet « Offres »",
        "correct": True,
        "feedback": "Oui, c'est le bon onglet.",
    }


def test_the_uid_follows_the_last_number_of_the_area(login, trainer, skill):
    ItemFactory(uid="editeur-offres-012", skill=skill)
    ItemFactory(uid="editeur-offres-publier-ancien", skill=skill)
    _create(login(trainer), "single", skill)
    assert Item.objects.filter(uid="editeur-offres-013").exists()


def test_save_and_preview_goes_to_the_preview(login, trainer, skill):
    response = _create(login(trainer), "multiple", skill, then="preview")
    assert response.url == reverse("skills:item_preview", args=["editeur-offres-001"])


@pytest.mark.parametrize("kind", ["multiple", "ordering", "matching", "hotspot", "sandbox"])
def test_it_creates_an_item_of_each_kind(login, trainer, skill, screens, sandbox, kind):
    response = _create(login(trainer), kind, skill)
    assert response.status_code == 302, response.context["content"].problems
    item = Item.objects.get()
    assert item.kind == kind
    assert (
        item.data
        == {
            "multiple": {
                "choices": [
                    {"id": "a", "text": "Le métier", "correct": True, "feedback": "Le métier est obligatoire."},
                    {"id": "b", "text": "Le lieu de travail", "correct": True, "feedback": "Le lieu est obligatoire."},
                    {"id": "c", "text": "La couleur préférée", "correct": False, "feedback": "Ce n'est pas demandé."},
                ]
            },
            "ordering": {
                "steps": [
                    {"id": "s1", "text": "Ouvrir le dossier"},
                    {"id": "s2", "text": "Vérifier les informations"},
                    {"id": "s3", "text": "Enregistrer"},
                ],
                "feedback": {"correct": "Bien vu.", "incorrect": "On vérifie avant d'enregistrer."},
            },
            "matching": {
                "pairs": [
                    {"id": "a", "left": "DPAE", "right": "Déclaration préalable à l'embauche", "feedback": ""},
                    {"id": "b", "left": "PPAE", "right": "Projet personnalisé d'accès à l'emploi", "feedback": ""},
                    {
                        "id": "c",
                        "left": "ROME",
                        "right": "Répertoire des métiers",
                        "feedback": "Le ROME liste les métiers.",
                    },
                ]
            },
            "hotspot": {
                "image": "skills/screens/exemple.png",
                "alt": "L'écran d'accueil de l'applicatif, avec un menu à gauche.",
                "width": 1280,
                "height": 720,
                "regions": [
                    {
                        "id": "a",
                        "label": "Menu",
                        "x": 0,
                        "y": 0,
                        "w": 20,
                        "h": 100,
                        "correct": True,
                        "feedback": "Oui.",
                    },
                    {
                        "id": "b",
                        "label": "Bandeau",
                        "x": 20,
                        "y": 0,
                        "w": 80,
                        "h": 10,
                        "correct": False,
                        "feedback": "Non.",
                    },
                ],
                "miss_feedback": "Cherchez le menu.",
            },
            "sandbox": {"sandbox": "ecole-demo"},
        }[kind]
    )


def test_the_steps_are_saved_in_the_order_of_their_ranks(login, trainer, skill):
    _create(login(trainer), "ordering", skill, **{"content-0-ORDER": "3", "content-2-ORDER": "1"})
    assert [s["text"] for s in Item.objects.get().data["steps"]] == [
        "Enregistrer",
        "Vérifier les informations",
        "Ouvrir le dossier",
    ]


def test_empty_rows_are_ignored(login, trainer, skill):
    data = item_form_data(kind="single", skill=skill)
    data |= {"content-TOTAL_FORMS": "4", "content-1-text": "", "content-1-feedback": "", "content-3-text": ""}
    login(trainer).post(f"{URL}?type=single", data)
    assert [(c["id"], c["text"]) for c in Item.objects.get().data["choices"]] == [
        ("a", "Depuis l'onglet « Offres »"),
        ("b", "Depuis la messagerie"),
    ]


@pytest.mark.parametrize(
    "kind,overrides,message",
    [
        ("single", {"content-1-correct": "on"}, "Une question à choix unique a exactement une bonne réponse."),
        ("single", {"content-0-correct": None}, "Une question à choix unique a exactement une bonne réponse."),
        ("multiple", {f"content-{n}-correct": None for n in range(3)}, "au moins une bonne réponse"),
        ("single", {"content-TOTAL_FORMS": "1"}, "Il faut au moins 2 choix."),
        ("ordering", {"content-TOTAL_FORMS": "2"}, "Il faut au moins 3 étapes."),
        (
            "matching",
            {"content-2-right": "Répertoire des métiers", "content-1-right": "Répertoire des métiers"},
            "ambiguë",
        ),
        ("hotspot", {"content-1-correct": "on"}, "exactement une bonne zone"),
        ("hotspot", {"content-1-x": "50"}, "Zone n° 2 : la zone doit tenir dans l&#x27;image"),
        ("hotspot", {"content-1-x": "-5"}, "supérieure ou égale à 0"),
        ("hotspot", {"settings-image": "../../settings.py"}, "Sélectionnez un choix valide"),
        ("hotspot", {"settings-alt": ""}, "Ce champ est obligatoire."),
        ("sandbox", {"settings-sandbox": "inconnu"}, "Sélectionnez un choix valide"),
        ("single", {"stem": ""}, "Ce champ est obligatoire."),
        ("single", {"skill": ""}, "Ce champ est obligatoire."),
        ("single", {"difficulty": "5"}, "La difficulté va de −4 à 4"),
        ("single", {"difficulty": "facile"}, "Saisissez un nombre."),
        ("single", {"discrimination": "0"}, "La discrimination va de 0,1 à 4"),
        ("single", {"seconds": "2"}, "La durée estimée va de 5 secondes à 30 minutes"),
        ("single", {"status": "perdue"}, "Sélectionnez un choix valide"),
        ("single", {"content-TOTAL_FORMS": "abc"}, "sont manquantes ou ont été manipulées"),
    ],
)
def test_it_rejects_a_bad_item_and_saves_nothing(login, trainer, skill, screens, sandbox, kind, overrides, message):
    data = item_form_data(kind=kind, skill=skill)
    data.update(overrides)
    response = login(trainer).post(
        f"{URL}?type={kind}", {key: value for key, value in data.items() if value is not None}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Item.objects.exists()


def test_the_sandbox_list_offers_only_published_sandboxes(login, trainer, sandbox):
    Sandbox.objects.create(slug="brouillon", title="En préparation", mission="…", definition={}, is_published=False)
    content = login(trainer).get(URL, {"type": "sandbox"}).content.decode()
    assert "École de démonstration" in content
    assert "En préparation" not in content


def test_the_screenshot_list_offers_the_images_of_the_screens_folder(login, trainer, screens):
    (screens / "sous-dossier").mkdir()
    (screens / "sous-dossier" / "accueil.svg").write_text("<svg/>")
    content = login(trainer).get(URL, {"type": "hotspot"}).content.decode()
    assert 'value="skills/screens/exemple.png"' in content
    assert 'value="skills/screens/sous-dossier/accueil.svg"' in content
    assert "notes.txt" not in content
