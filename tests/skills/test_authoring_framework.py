import pytest
from django.urls import reverse

from ere.skills.enums import Frequency
from tests.skills.factories import (
    AreaFactory,
    CrcnAreaFactory,
    ItemFactory,
    RequirementFactory,
    RoleProfileFactory,
    SkillFactory,
)

URL = reverse("skills:framework")


def test_it_checks_access(client, login, request):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 403
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_explains_itself_when_the_framework_is_empty(login, trainer):
    content = login(trainer).get(URL).content.decode()
    assert "Comment lire ce référentiel" in content
    assert "Aucun applicatif n'a encore de compétences" in content
    assert "Aucun profil de poste pour l'instant" in content


def test_it_shows_the_areas_their_skills_and_the_spread_of_published_items(login, trainer):
    area = AreaFactory(name="Éditeur d'offres", code="editeur-offres")
    publish = SkillFactory(area=area, name="Publier une offre", code="editeur-offres-publier")
    SkillFactory(area=area, name="Clôturer une offre")
    ItemFactory(skill=publish, difficulty=-2)
    ItemFactory(skill=publish, difficulty=0)
    ItemFactory(skill=publish, difficulty=0.8)
    ItemFactory(skill=publish, difficulty=1.5)
    ItemFactory(skill=publish, draft=True)
    ItemFactory(skill=publish, archived=True)
    crcn = CrcnAreaFactory(name="Information et données")
    SkillFactory(area=crcn, name="Mener une recherche et une veille d'information")

    response = login(trainer).get(URL)
    assert response.status_code == 200
    rows = {skill.name: skill for area in response.context["tool_areas"] for skill in area.skills.all()}
    publish_row = rows["Publier une offre"]
    assert (publish_row.published, publish_row.easy, publish_row.medium, publish_row.hard, publish_row.drafts) == (
        4,
        1,
        2,
        1,
        1,
    )
    assert rows["Clôturer une offre"].published == 0
    content = response.content.decode()
    assert "Éditeur d&#x27;offres" in content
    assert "Information et données" in content
    assert "Mener une recherche et une veille d&#x27;information" in content
    assert reverse("skills:area_edit", args=["editeur-offres"]) in content
    assert f"{reverse('skills:item_create')}?skill=editeur-offres-publier" in content
    assert "Aucune" in content  # the skill without a published item stands out


def test_it_shows_the_role_profiles_with_their_requirements(login, champion):
    area = AreaFactory(name="Éditeur d'offres")
    key = SkillFactory(area=area, name="Publier une offre")
    crcn = CrcnAreaFactory(name="Communication et collaboration")
    profile = RoleProfileFactory(name="Conseiller à dominante entreprises", role="agent", specialty="employers")
    RequirementFactory(profile=profile, area=area, target_level=3, frequency=Frequency.DAILY, key_skills=[key])
    RequirementFactory(profile=profile, area=crcn, target_level=5, frequency=Frequency.MONTHLY)

    content = login(champion).get(URL).content.decode()
    assert "Conseiller à dominante entreprises" in content
    assert "Pour : Conseiller · Conseiller à dominante entreprises" in content
    assert "3 — Maîtrise" in content
    assert "Niveau 5 — avancé" in content
    assert "Chaque jour" in content
    assert "Chaque mois" in content
    assert reverse("skills:role_profile_edit", args=[profile.slug]) in content


def test_a_level_outside_the_scale_of_its_area_does_not_break_the_page(login, trainer):
    """Saved when the area was a CRCN domain, say: the page shows the number rather than failing."""
    RequirementFactory(area=AreaFactory(), target_level=7)
    response = login(trainer).get(URL)
    assert response.status_code == 200
    assert "Niveau 7" in response.content.decode()


@pytest.mark.parametrize("count", [0, 3])
def test_its_queries_do_not_grow_with_the_framework(login, trainer, django_assert_max_num_queries, count):
    for _ in range(count):
        skill = SkillFactory()
        ItemFactory(skill=skill)
        RequirementFactory(area=skill.area, key_skills=[skill])
    client = login(trainer)
    with django_assert_max_num_queries(14):
        client.get(URL)
