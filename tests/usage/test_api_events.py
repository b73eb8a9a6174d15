import json

import pytest

from ere.usage.enums import ImportFormat, ImportStatus
from ere.usage.models import UsageImport
from tests.org.factories import ApiClientFactory

URL = "/api/usage/events"


@pytest.fixture
def collector(db):
    return ApiClientFactory(name="Collecteur agence 69001")


def _post(client, payload, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL, json.dumps(payload), content_type="application/json", **headers)


BATCH = {
    "events": [
        {"agent": "alice@example.fr", "tool": "agenda", "start": "2026-11-02T09:00:00", "duration_s": 600},
        {"agent": "alice@example.fr", "tool": "WINWORD.EXE", "start": "2026-11-02T09:10:00",
         "end": "2026-11-02T09:20:00", "title": "Compte rendu.docx"},
    ]
}  # fmt: skip


def test_it_checks_access(client, login, agent, collector):
    assert _post(client, BATCH).status_code == 401
    # A logged-in person is not a collector.
    assert _post(login(agent), BATCH).status_code == 401
    collector.revoked_at = "2026-01-01T00:00:00Z"
    collector.save()
    assert _post(client, BATCH, collector.token).status_code == 401


def test_a_collector_posts_a_batch_that_is_imported_once(client, collector):
    response = _post(client, BATCH, collector.token)
    assert response.status_code == 201
    body = response.json()
    assert body["inserted"] == 2
    usage_import = UsageImport.objects.get(pk=body["import_id"])
    assert usage_import.format == ImportFormat.API
    assert usage_import.source == "Collecteur agence 69001"
    again = _post(client, BATCH, collector.token).json()
    assert again["inserted"] == 0
    assert again["duplicates"] == 2


def test_a_bad_batch_is_refused_whole_with_a_french_message(client, collector):
    bad = {
        "events": [*BATCH["events"], {"agent": "bob@example.fr", "tool": "crm", "start": "demain", "duration_s": 5}]
    }
    response = _post(client, bad, collector.token)
    assert response.status_code == 422
    assert "rien n'a été importé" in response.json()["detail"]
    assert not UsageImport.objects.filter(status=ImportStatus.DONE).exists()


def test_an_empty_or_malformed_batch_gets_a_422(client, collector):
    assert _post(client, {"events": []}, collector.token).status_code == 422
    response = _post(client, {"events": [{"tool": "agenda"}]}, collector.token)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Données non valables")
