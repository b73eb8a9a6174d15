import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ere.usage.enums import ImportStatus
from ere.usage.models import UsageImport


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    """Uploaded files land in the test's folder (the lake already does, see tests/conftest.py)."""
    settings.VAR_DIR = tmp_path


def _upload(content, name="journaux.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


GOOD = "agent;tool;start;duration_s\nalice@example.fr;agenda;2026-11-02T09:00:00;600\n"


def test_it_checks_access(client, login, agent, manager, analyst):
    url = reverse("usage:imports")
    assert client.get(url).url.startswith(reverse("login"))
    assert login(agent).get(url).status_code == 403
    assert login(manager).get(url).status_code == 403
    assert login(analyst).get(url).status_code == 200


def test_the_detail_checks_access(client, login, agent, analyst):
    usage_import = UsageImport.objects.create(source="test")
    url = reverse("usage:import_detail", args=[usage_import.pk])
    assert client.get(url).url.startswith(reverse("login"))
    assert login(agent).get(url).status_code == 403
    assert login(analyst).get(url).status_code == 200


def test_an_upload_is_imported_in_the_background_and_shows_its_result(
    login, analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(analyst).post(reverse("usage:imports"), {"file": _upload(GOOD), "format": "auto"})
    usage_import = UsageImport.objects.get()
    assert response.url == reverse("usage:import_detail", args=[usage_import.pk])
    # Tasks run at once in tests.
    assert usage_import.status == ImportStatus.DONE
    assert usage_import.inserted == 1
    assert usage_import.created_by == analyst
    page = login(analyst).get(response.url).content.decode()
    assert "Import terminé" in page
    assert "1 événement ajouté" in page


def test_a_bad_file_is_refused_with_the_line_and_nothing_is_imported(
    login, analyst, django_capture_on_commit_callbacks
):
    bad = "agent;tool;start;duration_s\nalice@example.fr;agenda;2026-13-45T09:00:00;600\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = login(analyst).post(reverse("usage:imports"), {"file": _upload(bad), "format": "auto"})
    usage_import = UsageImport.objects.get()
    assert usage_import.status == ImportStatus.FAILED
    assert usage_import.inserted == 0
    page = login(analyst).get(response.url).content.decode()
    assert "Import refusé : rien n'a été importé" in page
    assert "ligne 2" in page


def test_an_empty_upload_gets_a_french_error(login, analyst):
    response = login(analyst).post(reverse("usage:imports"), {"file": _upload(""), "format": "auto"})
    assert response.status_code == 400
    assert not UsageImport.objects.exists()


def test_an_activitywatch_export_needs_its_agent(login, analyst):
    response = login(analyst).post(
        reverse("usage:imports"), {"file": _upload("{}", "aw.json"), "format": "activitywatch"}
    )
    assert response.status_code == 400
    assert "Indiquez à qui appartient cet export ActivityWatch." in response.content.decode()


def test_the_status_fragment_polls_until_the_import_ends(login, analyst):
    running = UsageImport.objects.create(source="test", status=ImportStatus.RUNNING, progress=40)
    html = login(analyst).get(reverse("usage:import_detail", args=[running.pk]), HTTP_HX_REQUEST="true")
    html = html.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "40 %" in html
    running.status = ImportStatus.DONE
    running.save()
    html = login(analyst).get(reverse("usage:import_detail", args=[running.pk]), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in html.content.decode()
