"""Every page of ere/*/urls.py and ere/org/auth_urls.py asks for a login, except the pages that let people log in.

The table below must name every URL: a new view fails `test_the_table_names_every_url` until its access rule is
written down here (and tested in the view's own file).
"""

import pytest
from django.urls import URLPattern, reverse

from ere.catalog import urls as catalog_urls
from ere.core import urls as core_urls
from ere.org import auth_urls
from ere.org import urls as org_urls
from ere.usage import urls as usage_urls

# URL name → (arguments, open to anonymous visitors, accepted methods)
URLS = {
    "core:home": ([], False, "GET"),
    "login": ([], True, "GET"),
    "logout": ([], False, "POST"),
    "password_reset": ([], True, "GET"),
    "password_reset_done": ([], True, "GET"),
    "password_reset_confirm": (["MQ", "set-password"], True, "GET"),
    "password_reset_complete": ([], True, "GET"),
    "password_change": ([], False, "GET"),
    "password_change_done": ([], False, "GET"),
    "org:profile": ([], False, "GET"),
    "org:agencies": ([], False, "GET"),
    "org:agency": (["69001"], False, "GET"),
    "catalog:list": ([], False, "GET"),
    "catalog:my_tools": ([], False, "GET"),
    "catalog:glossary": ([], False, "GET"),
    "catalog:tool_create": ([], False, "GET"),
    "catalog:tool": (["agenda"], False, "GET"),
    "catalog:tool_edit": (["agenda"], False, "GET"),
    "catalog:toggle_favorite": (["agenda"], False, "POST"),
    "catalog:offer_create": ([], False, "GET"),
    "catalog:offer": (["simulateur"], False, "GET"),
    "catalog:offer_edit": (["simulateur"], False, "GET"),
    "catalog:history": (["applicatifs", "agenda"], False, "GET"),
    "catalog:dismiss_update": ([1], False, "POST"),
    "usage:map": ([], False, "GET"),
    "usage:map_export": (["outils"], False, "GET"),
    "usage:mine": ([], False, "GET"),
    "usage:imports": ([], False, "GET"),
    "usage:import_detail": ([1], False, "GET"),
    "usage:privacy": ([], False, "GET"),
    "usage:survey_list": ([], False, "GET"),
    "usage:survey_create": ([], False, "GET"),
    "usage:survey_edit": ([1], False, "GET"),
    "usage:survey_results": ([1], False, "GET"),
    "usage:survey_export": ([1], False, "GET"),
    "usage:survey_import": ([1], False, "GET"),
    "usage:survey_import_columns": ([1], False, "GET"),
    "usage:my_surveys": ([], False, "GET"),
    "usage:survey_resume": ([1], False, "GET"),
    "usage:survey_step": ([1, 1], False, "GET"),
}


def _names(module, namespace=""):
    names = set()
    for pattern in module.urlpatterns:
        assert isinstance(pattern, URLPattern), pattern
        names.add(f"{namespace}{pattern.name}")
    return names


def test_the_table_names_every_url():
    names = (
        _names(core_urls, "core:")
        | _names(auth_urls)
        | _names(org_urls, "org:")
        | _names(catalog_urls, "catalog:")
        | _names(usage_urls, "usage:")
    )
    assert names == set(URLS)


@pytest.mark.parametrize("name", sorted(name for name, (_args, public, _method) in URLS.items() if not public))
def test_it_sends_anonymous_visitors_to_the_login_page(client, db, name):
    args, _public, method = URLS[name]
    url = reverse(name, args=args)
    response = client.post(url) if method == "POST" else client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", sorted(name for name, (_args, public, _method) in URLS.items() if public))
def test_it_opens_the_login_pages_to_anonymous_visitors(client, db, name):
    args, _public, _method = URLS[name]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(name for name, (_args, _public, method) in URLS.items() if method == "POST"))
def test_post_only_views_refuse_get(login, agent, name):
    args, _public, _method = URLS[name]
    assert login(agent).get(reverse(name, args=args)).status_code == 405
