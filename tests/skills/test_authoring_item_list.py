import pytest
from django.urls import reverse

from tests.skills.factories import AreaFactory, ItemFactory, SkillFactory

URL = reverse("skills:item_list")


@pytest.fixture
def bank(db):
    offers = AreaFactory(code="editeur-offres", name="Éditeur d'offres")
    publish = SkillFactory(area=offers, code="editeur-offres-publier", name="Publier une offre")
    agenda = SkillFactory(area=AreaFactory(code="agenda", name="Agenda"), code="agenda-planifier", name="Planifier")
    return {
        "accents": ItemFactory(uid="editeur-offres-001", skill=publish, stem="Où se trouve l'écran « Élaborer » ?"),
        "multiple": ItemFactory(uid="editeur-offres-002", skill=publish, multiple=True, stem="Quels champs ?"),
        "draft": ItemFactory(uid="agenda-001", skill=agenda, draft=True, stem="Comment planifier ?"),
        "archived": ItemFactory(
            uid="agenda-002", skill=agenda, archived=True, ordering=True, stem="Dans quel ordre ?"
        ),
    }


def _uids(response):
    return {item.uid for item in response.context["page_obj"].object_list}


def test_it_checks_access(client, login, request):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 403
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_an_empty_bank_says_how_to_start(login, trainer):
    content = login(trainer).get(URL).content.decode()
    assert "La banque ne contient encore aucune question" in content
    assert reverse("skills:item_import") in content
    assert reverse("skills:item_create") in content


def test_it_lists_the_bank_with_counts_and_links(login, trainer, bank):
    response = login(trainer).get(URL)
    assert _uids(response) == {"editeur-offres-001", "editeur-offres-002", "agenda-001", "agenda-002"}
    content = response.content.decode()
    assert "<strong>4</strong> questions" in content
    assert "2 publiées" in content
    assert "1 brouillon" in content
    assert "1 archivée" in content
    assert reverse("skills:item_edit", args=["agenda-001"]) in content
    assert reverse("skills:item_preview", args=["agenda-001"]) in content
    assert "Exporter tout" in content


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"area": "agenda"}, {"agenda-001", "agenda-002"}),
        ({"skill": "editeur-offres-publier"}, {"editeur-offres-001", "editeur-offres-002"}),
        ({"kind": "multiple"}, {"editeur-offres-002"}),
        ({"status": "draft"}, {"agenda-001"}),
        ({"q": "elaborer"}, {"editeur-offres-001"}),
        ({"q": "ÉCRAN où"}, {"editeur-offres-001"}),
        ({"q": "agenda-002"}, {"agenda-002"}),
        ({"q": "planifier", "status": "published"}, set()),
    ],
)
def test_it_filters_the_bank(login, trainer, bank, params, expected):
    response = login(trainer).get(URL, params)
    assert response.status_code == 200
    assert _uids(response) == expected


def test_a_filtered_list_exports_the_same_selection(login, trainer, bank):
    content = login(trainer).get(URL, {"area": "agenda", "status": "draft"}).content.decode()
    assert f"{reverse('skills:item_export')}?area=agenda&amp;status=draft" in content
    assert "Exporter cette sélection" in content


def test_nothing_matches(login, trainer, bank):
    content = login(trainer).get(URL, {"q": "introuvable"}).content.decode()
    assert "Aucune question ne correspond" in content


@pytest.mark.parametrize(
    "params", [{"area": "inconnu"}, {"kind": "dissertation"}, {"status": "?"}, {"q": "x" * 300}, {"page": "abc"}]
)
def test_a_bad_filter_is_reported_not_a_500(login, trainer, bank, params):
    response = login(trainer).get(URL, params)
    assert response.status_code == 200


def test_it_paginates_by_twenty(login, trainer):
    skill = SkillFactory()
    ItemFactory.create_batch(25, skill=skill)
    client = login(trainer)
    first = client.get(URL)
    assert len(first.context["page_obj"].object_list) == 20
    assert "<strong>25</strong> questions" in first.content.decode()
    assert len(client.get(URL, {"page": 2}).context["page_obj"].object_list) == 5
