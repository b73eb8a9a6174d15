import pytest
from django.urls import reverse

from ere.catalog.models import Favorite
from tests.catalog.factories import ToolFactory


@pytest.fixture
def tool(db):
    return ToolFactory(name="Agenda partagé", slug="agenda-partage")


def _url(tool):
    return reverse("catalog:toggle_favorite", args=[tool.slug])


def test_it_checks_access(client, login, agent, tool):
    response = client.post(_url(tool))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Favorite.objects.exists()

    # A change of state is a POST.
    assert login(agent).get(_url(tool)).status_code == 405
    assert not Favorite.objects.exists()


def test_it_answers_404_for_an_unknown_tool(login, agent):
    assert login(agent).post(reverse("catalog:toggle_favorite", args=["inconnu"])).status_code == 404


def test_it_adds_then_removes_a_favourite(login, agent, tool):
    client = login(agent)
    response = client.post(_url(tool))
    assert response.status_code == 302
    assert response.url == tool.get_absolute_url()
    assert list(agent.favorites.values_list("tool__name", flat=True)) == ["Agenda partagé"]

    response = client.post(_url(tool), follow=True)
    assert not agent.favorites.exists()
    assert "« Agenda partagé » retiré de vos favoris." in response.content.decode()


def test_it_confirms_the_addition_in_french(login, agent, tool):
    response = login(agent).post(_url(tool), follow=True)
    assert "« Agenda partagé » ajouté à vos favoris." in response.content.decode()


def test_it_touches_only_the_users_own_favourites(login, agent, champion, tool):
    Favorite.objects.create(user=champion, tool=tool)
    login(agent).post(_url(tool))
    login(agent).post(_url(tool))
    assert Favorite.objects.filter(user=champion, tool=tool).exists()
    assert not Favorite.objects.filter(user=agent).exists()


def test_it_goes_back_to_a_local_next_page(login, agent, tool):
    response = login(agent).post(_url(tool), {"next": reverse("catalog:my_tools")})
    assert response.url == reverse("catalog:my_tools")


@pytest.mark.parametrize(
    "next_url",
    [
        "https://phishing.example.com/",
        "//phishing.example.com/",
        "http://testserver.example.com/",
        "javascript:alert(1)",
    ],
)
def test_it_ignores_a_next_page_on_another_site(login, agent, tool, next_url):
    response = login(agent).post(_url(tool), {"next": next_url})
    assert response.url == tool.get_absolute_url()


def test_an_htmx_request_gets_the_new_button(login, agent, tool):
    client = login(agent)
    response = client.post(_url(tool), {"next": "/catalogue/mes-outils/"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith("<form")
    assert "Retirer des favoris" in content
    assert 'aria-pressed="true"' in content
    assert 'name="next" value="/catalogue/mes-outils/"' in content
    assert Favorite.objects.filter(user=agent, tool=tool).exists()

    response = client.post(_url(tool), {"wide": "1", "next": "https://phishing.example.com/"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Ajouter aux favoris" in content
    assert 'aria-pressed="false"' in content
    assert 'name="wide"' in content
    assert "phishing" not in content
    assert not Favorite.objects.exists()
