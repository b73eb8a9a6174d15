"""Importing a Twee 3 file: a draft from a bare story, an update by slug, all or nothing, clear errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ere.roleplay import scenario_forms, scenarios, twee
from ere.roleplay.models import Scenario
from tests.roleplay.factories import ScenarioFactory

pytestmark = pytest.mark.django_db

URL = reverse("roleplay:scenario_import")
SCRIPT = ":: StoryTitle\nUn appel difficile\n\n:: Start\nAllô ?\n[[Bonjour->Fin]]\n\n:: Fin [bonne-fin]\nMerci.\n"


def upload(content, name="histoire.twee"):
    if isinstance(content, str):
        content = content.encode()
    return {"file": SimpleUploadedFile(name, content, content_type="text/plain")}


def test_it_checks_access(client, login, agent, champion, trainer, admin_user, manager, analyst):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for user in (agent, manager, analyst):
        assert login(user).get(URL).status_code == 403
        assert login(user).post(URL, upload(SCRIPT)).status_code == 403
    for user in (champion, trainer, admin_user):
        assert login(user).get(URL).status_code == 200
    assert not Scenario.objects.exists()


def test_a_bare_story_becomes_a_draft(login, trainer):
    response = login(trainer).post(URL, upload("\ufeff" + SCRIPT.replace("\n", "\r\n")), follow=True)
    scenario = Scenario.objects.get()
    assert response.redirect_chain[-1][0] == scenario.get_absolute_url()
    assert (scenario.slug, scenario.title, scenario.is_published) == (
        "un-appel-difficile",
        "Un appel difficile",
        False,
    )
    assert scenario.created_by == trainer
    assert twee.parse(scenario.script).passage("Start").text == "Allô ?\n[[Bonjour->Fin]]"
    assert "est importée, en brouillon" in response.content.decode()


def test_a_story_whose_slug_matches_updates_that_scenario_only(login, trainer):
    scenario = ScenarioFactory(slug="un-appel-difficile", title="Ancien titre")
    response = login(trainer).post(URL, upload(SCRIPT), follow=True)
    scenario.refresh_from_db()
    assert Scenario.objects.count() == 1
    assert "Allô ?" in scenario.script
    assert scenario.title == "Ancien titre" and scenario.is_published
    assert "existait déjà : elle est mise à jour" in response.content.decode()


def test_an_export_imports_back_the_whole_scenario(login, trainer):
    original = ScenarioFactory(script=SCRIPT)
    exported = login(trainer).get(reverse("roleplay:scenario_twee", args=[original.slug])).content.decode()
    expected = scenarios.to_data(original)
    original.delete()
    login(trainer).post(URL, upload(exported))
    imported = Scenario.objects.get()
    assert {**scenarios.to_data(imported), "published": True, "script": ""} == {**expected, "script": ""}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (":: Start\nAllô ?\n", "StoryTitle"),
        (SCRIPT + "\n:: Fin\nEncore.\n", "Ligne 11 : le passage « Fin » existe déjà (ligne 8)"),
        (SCRIPT.replace("->Fin", "->Ailleurs"), "Ligne 6 : le lien « Bonjour »"),
        ("é".encode("latin-1") + SCRIPT.encode(), "n&#x27;est pas encodé en UTF-8"),
        (b"\x00\x01" * 10, "pas un fichier texte"),
        (
            SCRIPT.replace(":: Start", ':: StoryData\n{"ere": {"slug": "x"}}\n\n:: Start'),
            "StoryData, clé « ere » : le champ « summary » est obligatoire",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_written(login, trainer, content, message):
    response = login(trainer).post(URL, upload(content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Scenario.objects.exists()


def test_an_oversized_file_is_refused(login, trainer):
    big = SCRIPT + "x" * (scenario_forms.MAX_IMPORT_BYTES + 1)
    response = login(trainer).post(URL, upload(big))
    assert response.status_code == 400
    assert "Le fichier dépasse 512 ko" in response.content.decode()
    assert not Scenario.objects.exists()


def test_no_file_is_an_error_not_a_500(login, trainer):
    response = login(trainer).post(URL, {})
    assert response.status_code == 400
    assert "fr-error-text" in response.content.decode() or "obligatoire" in response.content.decode()
