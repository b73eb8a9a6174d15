import pytest
from django.urls import reverse

from ere.roleplay import sessions
from tests.roleplay.factories import PlaySessionFactory
from tests.roleplay.session_helpers import REFUSED, text

URL = reverse("roleplay:join")


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_it_checks_access(client, login, request, role):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_managers_and_analysts_cannot_join(login, request, role):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_the_code_leads_to_the_room_whatever_its_case_spaces_or_dashes(login, agent):
    session = PlaySessionFactory(code="ABC234")

    response = login(agent).get(URL, {"code": " abc-234 "})

    assert response.status_code == 302
    assert response.url == reverse("roleplay:session", args=[session.code])


def test_an_unknown_or_finished_code_gets_a_clear_error(login, agent):
    sessions.finish(PlaySessionFactory(code="FINI22"))
    client = login(agent)

    content = text(client.get(URL, {"code": "zz-zz-zz"}))
    assert "Aucune session ouverte avec le code «\u00a0ZZZZZZ\u00a0»" in content
    assert "Aucune session ouverte avec le code «\u00a0FINI22\u00a0»" in text(client.get(URL, {"code": "fini22"}))
    assert "Saisissez le code donné par l'animateur." in text(client.get(URL, {"code": ""}))


def test_the_join_page_has_no_error_before_a_code_is_typed(login, agent):
    content = text(login(agent).get(URL))

    assert "Code de la session" in content
    assert "Aucune session" not in content
