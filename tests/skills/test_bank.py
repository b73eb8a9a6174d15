"""The item bank as JSON: export, import all or nothing, in French."""

import json

import pytest

from ere.skills import bank
from ere.skills import items as item_kinds
from ere.skills.enums import ItemKind
from ere.skills.models import Item
from tests.skills.factories import ItemFactory, SkillFactory


def _no_sandbox_check(slug):
    return True


def _import(payload, **kwargs):
    return bank.import_items(payload, sandbox_exists=_no_sandbox_check, **kwargs)


def _entry(uid="agenda-001", **overrides):
    return {
        "uid": uid,
        "skill": "agenda-planifier",
        "kind": "single",
        "stem": "Où planifier un rendez-vous ?",
        "choices": [
            {"id": "a", "text": "Dans l'agenda", "correct": True, "feedback": "Oui."},
            {"id": "b", "text": "Dans la messagerie", "correct": False, "feedback": "Non."},
        ],
        **overrides,
    }


@pytest.fixture
def skill(db):
    return SkillFactory(code="agenda-planifier")


@pytest.mark.parametrize("kind", ItemKind.values)
def test_every_kind_the_factories_make_is_valid(db, kind):
    item = ItemFactory(**({kind: True} if kind != ItemKind.SINGLE else {}))
    assert item.kind == kind
    assert item_kinds.validate(item.kind, item.data) == []


def test_an_export_imports_back_into_the_same_bank(skill, trainer):
    originals = [
        ItemFactory(skill=skill, uid="agenda-001", explanation="Pourquoi « ça » ?", difficulty=-1.25),
        ItemFactory(skill=skill, uid="agenda-002", multiple=True, draft=True),
        ItemFactory(skill=skill, uid="agenda-003", ordering=True, discrimination=1.7, seconds=90),
        ItemFactory(skill=skill, uid="agenda-004", matching=True, archived=True),
        ItemFactory(skill=skill, uid="agenda-005", hotspot=True),
        ItemFactory(skill=skill, uid="agenda-006", sandbox=True),
    ]
    fields = ("uid", "skill_id", "kind", "stem", "data", "explanation", "difficulty", "discrimination", "seconds")
    fields += ("use_in_diagnostic", "status")
    before = list(Item.objects.order_by("uid").values_list(*fields))
    text = json.dumps(bank.export_items(), ensure_ascii=False, indent=2)
    Item.objects.all().delete()

    report = _import(text.encode(), author=trainer)
    assert report.created == [item.uid for item in originals]
    assert report.updated == []
    assert list(Item.objects.order_by("uid").values_list(*fields)) == before
    assert set(Item.objects.values_list("author", flat=True)) == {trainer.pk}


def test_the_export_is_the_documented_format(skill):
    ItemFactory(skill=skill, uid="agenda-001")
    payload = bank.export_items()
    assert payload["format"] == "ere-digitale/questions/1"
    entry = payload["items"][0]
    assert list(entry)[:10] == list(bank.COMMON_KEYS)
    assert entry["skill"] == "agenda-planifier"
    assert entry["choices"][0]["id"] == "a"


def test_importing_the_same_file_again_changes_nothing(skill):
    payload = json.dumps({"items": [_entry(), _entry("agenda-002", difficulty=1.5)]})
    assert _import(payload).created == ["agenda-001", "agenda-002"]
    updated_at = dict(Item.objects.values_list("uid", "updated_at"))

    report = _import(payload)
    assert (report.created, report.updated) == ([], [])
    assert dict(Item.objects.values_list("uid", "updated_at")) == updated_at


def test_an_import_updates_only_what_changed(skill, trainer):
    ItemFactory(uid="agenda-001", skill=skill, author=trainer, stem="Ancien énoncé")
    report = _import({"items": [_entry()]})
    assert report.updated == ["agenda-001"]
    item = Item.objects.get()
    assert (item.stem, item.author) == ("Où planifier un rendez-vous ?", trainer)


@pytest.mark.parametrize(
    "payload,errors",
    [
        (b'{"items": [', ["Le fichier n'est pas du JSON valide (ligne 1, colonne 12)."]),
        ('{"items": "é"}'.encode("latin-1"), ["Le fichier n'est pas du texte UTF-8 : exportez-le en JSON (UTF-8)."]),
        ("[" * 100_000 + "]" * 100_000, ["Le fichier imbrique trop d'objets les uns dans les autres pour être lu."]),
        ({"items": "non"}, ["Le fichier doit contenir une liste « items » de questions."]),
        ({"items": []}, ["Le fichier ne contient aucune question."]),
        (
            {"items": [_entry(skill="inconnue")]},
            ["Question n° 1 (« agenda-001 ») : la compétence « inconnue » n'existe pas dans le référentiel."],
        ),
        (
            {"items": [_entry(skill=["liste"])]},
            ["Question n° 1 (« agenda-001 ») : la compétence « ['liste'] » n'existe pas dans le référentiel."],
        ),
        (
            {"items": [_entry(choices=[{"id": "a", "text": "Seule", "correct": True}, {"id": "a", "text": "Bis"}])]},
            ["Question n° 1 (« agenda-001 ») : Deux choix ont le même identifiant."],
        ),
        (
            {"items": [_entry(kind="multiple", choices=[{"id": "a", "text": "Un"}, {"id": "b", "text": "Deux"}])]},
            ["Question n° 1 (« agenda-001 ») : Une question à choix multiple a au moins une bonne réponse."],
        ),
        (
            {"items": [_entry(), _entry("agenda-002"), _entry()]},
            ["Question n° 3 : l'identifiant « agenda-001 » figure deux fois"],
        ),
        (
            {"items": [_entry(uid="Avec espace"), _entry("agenda-002", difficulty="dur", status="perdu")]},
            [
                "(« Avec espace ») : l'identifiant ne contient que des lettres sans accent, chiffres, - et _.",
                "(« agenda-002 ») : statut « perdu » inconnu ; statuts possibles : draft, published, archived.",
                "(« agenda-002 ») : « difficulty » (difficulté) doit être un nombre.",
            ],
        ),
        ({"items": [_entry(discrimination=9)]}, ["« discrimination » (discrimination) va de 0.1 à 4 ; reçu 9."]),
        ({"items": ["pas un objet"]}, ["Question n° 1 : un objet JSON est attendu."]),
    ],
)
def test_a_bad_file_is_refused_with_every_error_in_french_and_nothing_is_written(skill, payload, errors):
    ItemFactory(uid="agenda-001", skill=skill, stem="À garder")
    with pytest.raises(bank.BankError) as raised:
        _import(payload if isinstance(payload, bytes | str) else json.dumps(payload))
    for error in errors:
        assert any(error in found for found in raised.value.errors), raised.value.errors
    assert list(Item.objects.values_list("uid", "stem")) == [("agenda-001", "À garder")]


def test_one_bad_item_stops_the_whole_file(skill):
    with pytest.raises(bank.BankError) as raised:
        _import({"items": [_entry("agenda-001"), _entry("agenda-002", kind="essai"), _entry("agenda-003")]})
    assert len(raised.value.errors) == 1
    assert not Item.objects.exists()


def test_an_unknown_sandbox_is_reported(skill):
    entry = _entry(kind="sandbox", sandbox="inconnue")
    entry.pop("choices")
    with pytest.raises(bank.BankError) as raised:
        bank.import_items({"items": [entry]})
    assert raised.value.errors == ["Question n° 1 (« agenda-001 ») : L'applicatif-école « inconnue » n'existe pas."]


def test_a_sandbox_mission_is_kept_out_of_the_diagnostic_by_default(skill):
    entry = _entry(kind="sandbox", sandbox="ecole")
    entry.pop("choices")
    _import({"items": [entry]})
    assert Item.objects.get().use_in_diagnostic is False


def test_a_number_too_long_to_read_gets_a_french_message(db):
    from ere.skills.bank import BankError, import_items

    with pytest.raises(BankError, match="nombre trop long"):
        import_items('{"items": [{"difficulty": 1' + "0" * 5000 + "}]}")
