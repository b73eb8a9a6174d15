import json

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.skills import bank
from tests.skills.factories import AreaFactory, ItemFactory, SkillFactory

URL = reverse("skills:item_export")


@pytest.fixture
def items(db):
    agenda = SkillFactory(area=AreaFactory(code="agenda"), code="agenda-planifier")
    return [
        ItemFactory(uid="agenda-001", skill=agenda, stem="Où planifier un rendez-vous « à l'agence » ?"),
        ItemFactory(uid="agenda-002", skill=agenda, draft=True, multiple=True),
        ItemFactory(uid="offres-001", hotspot=True),
    ]


def test_it_checks_access(client, login, request, items):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 403
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_downloads_the_whole_bank_as_readable_utf8_json(login, trainer, items):
    response = login(trainer).get(URL)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="questions-{today}.json"'
    text = response.content.decode("utf-8")
    assert "« à l'agence »" in text  # not escaped
    assert '\n  "items": [' in text  # indented
    payload = json.loads(text)
    assert payload == bank.export_items()
    assert [entry["uid"] for entry in payload["items"]] == ["agenda-001", "agenda-002", "offres-001"]


def test_it_exports_the_filtered_list_only(login, trainer, items):
    payload = json.loads(login(trainer).get(URL, {"area": "agenda", "status": "draft"}).content)
    assert [entry["uid"] for entry in payload["items"]] == ["agenda-002"]


def test_a_bad_filter_goes_back_to_the_list_with_a_message(login, trainer, items):
    response = login(trainer).get(URL, {"kind": "dissertation"})
    assert response.status_code == 302
    assert response.url == f"{reverse('skills:item_list')}?kind=dissertation"


def test_it_only_answers_get(login, trainer):
    assert login(trainer).post(URL).status_code == 405
