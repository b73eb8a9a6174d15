from django.test import RequestFactory
from django.urls import reverse

from ere.core.views import server_error


def _assert_dsfr_layout(content):
    assert '<html lang="fr"' in content
    assert 'class="fr-header"' in content
    assert 'class="fr-footer"' in content
    assert "ERE Digitale" in content


def test_an_unknown_page_gets_a_french_404_to_anonymous_visitors(client, db):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    content = response.content.decode()
    _assert_dsfr_layout(content)
    assert "<h1>Page introuvable</h1>" in content
    assert "La page que vous cherchez n'existe pas" in content
    assert "<title>Page introuvable — ERE Digitale</title>" in content


def test_an_unknown_object_gets_the_same_404_with_the_menu(login, agent):
    response = login(agent).get(reverse("catalog:tool", args=["inconnu"]))
    assert response.status_code == 404
    content = response.content.decode()
    _assert_dsfr_layout(content)
    assert "<h1>Page introuvable</h1>" in content
    assert 'aria-label="Menu principal"' in content
    assert reverse("catalog:list") in content


def test_a_refused_page_gets_a_french_403(login, agent):
    response = login(agent).get(reverse("catalog:tool_create"))
    assert response.status_code == 403
    content = response.content.decode()
    _assert_dsfr_layout(content)
    assert "<h1>Accès refusé</h1>" in content
    assert "Cette page n'est pas ouverte à votre rôle." in content
    assert "<title>Accès refusé — ERE Digitale</title>" in content


def test_the_500_page_is_french_and_needs_no_database(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Une erreur inattendue s'est produite" in content
    assert "Rien n'a été perdu" in content
