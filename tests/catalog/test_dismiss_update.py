import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.catalog.enums import ToolAudience
from ere.catalog.models import DismissedUpdate, ToolUpdate
from tests.catalog.factories import ToolFactory, ToolUpdateFactory
from tests.org.factories import UserFactory


@pytest.fixture
def update(db):
    return ToolUpdateFactory(tool=ToolFactory(name="Agenda partagé"), title="Nouvelle vue semaine")


def _url(update):
    return reverse("catalog:dismiss_update", args=[update.pk])


def test_it_checks_access(client, login, agent, update):
    response = client.post(_url(update))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(agent).get(_url(update)).status_code == 405
    assert not DismissedUpdate.objects.exists()


def test_it_hides_the_update_for_that_user_only(login, agent, agency, update):
    colleague = UserFactory(agency=agency)
    response = login(agent).post(_url(update))
    assert response.status_code == 302
    assert response.url == reverse("catalog:my_tools")
    assert list(ToolUpdate.objects.for_user(agent)) == []
    assert list(ToolUpdate.objects.for_user(colleague)) == [update]
    block = f'id="update-{update.pk}"'
    assert block not in login(agent).get(reverse("catalog:my_tools")).content.decode()
    assert block in login(colleague).get(reverse("catalog:my_tools")).content.decode()


def test_another_users_dismissal_does_not_hide_it(login, agent, agency, update):
    colleague = UserFactory(agency=agency)
    login(colleague).post(_url(update))
    content = login(agent).get(reverse("core:home")).content.decode()
    assert "Nouvelle vue semaine" in content


def test_it_confirms_in_french(login, agent, update):
    response = login(agent).post(_url(update), follow=True)
    assert "« Nouvelle vue semaine » ne s&#x27;affichera plus dans vos nouveautés." in response.content.decode()


def test_it_goes_back_to_a_local_next_page_only(login, agent, update):
    response = login(agent).post(_url(update), {"next": reverse("core:home")})
    assert response.url == reverse("core:home")
    other = ToolUpdateFactory(tool=update.tool)
    response = login(agent).post(_url(other), {"next": "https://phishing.example.com/"})
    assert response.url == reverse("catalog:my_tools")


def test_an_htmx_request_gets_an_empty_answer_while_other_news_remain(login, agent, update):
    ToolUpdateFactory(tool=update.tool, title="Une autre nouveauté")
    response = login(agent).post(_url(update), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content == b""
    assert DismissedUpdate.objects.filter(user=agent, update=update).exists()


def test_dismissing_the_last_news_replaces_the_block_with_its_empty_state(login, agent, update):
    response = login(agent).post(_url(update), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#updates"
    assert response["HX-Reswap"] == "outerHTML"
    assert "Rien de nouveau sur vos outils" in response.content.decode()


def test_dismissing_twice_is_a_404_and_keeps_one_dismissal(login, agent, update):
    client = login(agent)
    client.post(_url(update))
    assert client.post(_url(update)).status_code == 404
    assert DismissedUpdate.objects.count() == 1


@pytest.mark.parametrize(
    "update_kwargs",
    [
        {"tool__audience": ToolAudience.JOB_SEEKERS},  # the agent advises employers
        {"tool__audience": ToolAudience.MANAGERS},
        {"published_on": timezone.localdate() - datetime.timedelta(days=365)},
        {"published_on": timezone.localdate() + datetime.timedelta(days=7)},
    ],
    ids=["other-audience", "managers-only", "too-old", "not-yet-published"],
)
def test_dismissing_an_update_the_user_cannot_see_is_a_404(login, agent, update_kwargs):
    update = ToolUpdateFactory(**update_kwargs)
    assert login(agent).post(_url(update)).status_code == 404
    assert not DismissedUpdate.objects.exists()


def test_dismissing_an_unknown_update_is_a_404(login, agent):
    assert login(agent).post(reverse("catalog:dismiss_update", args=[999999])).status_code == 404
