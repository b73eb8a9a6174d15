import pytest
from django.urls import reverse

from ere.skills.models import Requirement, RoleProfile
from tests.skills.factories import (
    AreaFactory,
    CrcnAreaFactory,
    RoleProfileFactory,
    SkillFactory,
    role_profile_form_data,
)

URL = reverse("skills:role_profile_create")


@pytest.fixture
def areas(db):
    tool = AreaFactory(name="Éditeur d'offres")
    crcn = CrcnAreaFactory(name="Information et données")
    return {
        "tool": tool,
        "crcn": crcn,
        "publish": SkillFactory(area=tool, name="Publier une offre"),
        "search": SkillFactory(area=crcn, name="Mener une recherche"),
    }


def _data(areas, **overrides):
    data = role_profile_form_data(
        name="Conseiller à dominante entreprises",
        role="agent",
        specialty="employers",
        description="Relation avec les entreprises.",
        **{
            "requirements-0-area": areas["tool"].pk,
            "requirements-0-target_level": "3",
            "requirements-0-frequency": "daily",
            "requirements-0-key_skills": [areas["publish"].pk],
        },
    )
    data.update(overrides)
    return data


def test_it_checks_access(client, login, request, areas):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(URL).status_code == 403
        assert client.post(URL, _data(areas)).status_code == 403
    assert not RoleProfile.objects.exists()
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(URL).status_code == 200


def test_it_shows_an_empty_form_with_three_requirement_lines(login, trainer, areas):
    response = login(trainer).get(URL)
    content = response.content.decode()
    assert "Nouveau profil de poste" in content
    assert content.count("Nouvel attendu") == 3
    assert "choisissez d&#x27;abord le domaine" in content or "choisissez d'abord le domaine" in content


def test_it_creates_a_profile_with_its_requirements(login, trainer, areas):
    data = _data(
        areas,
        **{
            "requirements-1-area": areas["crcn"].pk,
            "requirements-1-target_level": "6",
            "requirements-1-frequency": "weekly",
            "requirements-TOTAL_FORMS": "2",
        },
    )
    response = login(trainer).post(URL, data)
    assert response.status_code == 302
    profile = RoleProfile.objects.get()
    assert response.url == f"{reverse('skills:framework')}#profil-conseiller-a-dominante-entreprises"
    assert (profile.slug, profile.role, profile.specialty) == (
        "conseiller-a-dominante-entreprises",
        "agent",
        "employers",
    )
    lines = {r.area: r for r in profile.requirements.all()}
    assert (lines[areas["tool"]].target_level, lines[areas["tool"]].frequency) == (3, "daily")
    assert list(lines[areas["tool"]].key_skills.all()) == [areas["publish"]]
    assert lines[areas["crcn"]].target_level == 6


def test_a_slug_already_taken_gets_a_suffix(login, trainer, areas):
    RoleProfileFactory(name="Autre nom", slug="conseiller-a-dominante-entreprises")
    assert login(trainer).post(URL, _data(areas)).status_code == 302
    assert RoleProfile.objects.filter(slug="conseiller-a-dominante-entreprises-2").exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": ""}, "Ce champ est obligatoire."),
        (
            {"requirements-0-target_level": "5"},
            "Pour un applicatif, le niveau attendu va de 1 (découverte) à 4 (référent).",
        ),
        (
            {"requirements-0-target_level": "0"},
            "Pour un applicatif, le niveau attendu va de 1 (découverte) à 4 (référent).",
        ),
        ({"requirements-0-target_level": "deux"}, "Saisissez un nombre entier."),
        ({"requirements-0-frequency": ""}, "Ce champ est obligatoire."),
        ({"requirements-0-area": "999999"}, "Sélectionnez un choix valide."),
        ({"requirements-0-area": "pas un nombre"}, "Sélectionnez un choix valide."),
        # Ids too large for the database are invalid choices, not a server error.
        ({"requirements-0-area": "99999999999999999999"}, "Sélectionnez un choix valide."),
        (
            {"requirements-0-key_skills": ["99999999999999999999"]},
            "Choisissez des tâches clés du domaine de cette ligne.",
        ),
    ],
)
def test_it_rejects_a_bad_form_and_creates_nothing(login, trainer, areas, overrides, message):
    response = login(trainer).post(URL, _data(areas, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RoleProfile.objects.exists()
    assert not Requirement.objects.exists()


def test_a_crcn_level_goes_up_to_8_only(login, trainer, areas):
    data = _data(areas, **{"requirements-0-area": areas["crcn"].pk, "requirements-0-target_level": "9"})
    data.pop("requirements-0-key_skills")
    response = login(trainer).post(URL, data)
    assert response.status_code == 400
    assert "Pour un domaine du CRCN, le niveau attendu va de 1 à 8." in response.content.decode()
    data["requirements-0-target_level"] = "8"
    assert login(trainer).post(URL, data).status_code == 302


def test_a_key_skill_of_another_area_is_refused(login, trainer, areas):
    response = login(trainer).post(URL, _data(areas, **{"requirements-0-key_skills": [areas["search"].pk]}))
    assert response.status_code == 400
    assert "Choisissez des tâches clés du domaine de cette ligne." in response.content.decode()
    assert not RoleProfile.objects.exists()


def test_the_same_area_twice_is_refused(login, trainer, areas):
    data = _data(
        areas,
        **{
            "requirements-1-area": areas["tool"].pk,
            "requirements-1-target_level": "1",
            "requirements-1-frequency": "rarely",
            "requirements-TOTAL_FORMS": "2",
        },
    )
    response = login(trainer).post(URL, data)
    assert response.status_code == 400
    assert "figure deux fois dans ce profil" in response.content.decode()
    assert not RoleProfile.objects.exists()


def test_a_name_already_used_is_refused(login, trainer, areas):
    RoleProfileFactory(name="Conseiller à dominante entreprises")
    response = login(trainer).post(URL, _data(areas))
    assert response.status_code == 400
    assert "Un profil de poste porte déjà ce nom" in response.content.decode()
    assert RoleProfile.objects.count() == 1


def test_choosing_an_area_brings_its_skills_with_htmx(login, trainer, areas):
    response = login(trainer).get(
        URL,
        {"key_skills_for": "requirements-1", "requirements-1-area": areas["tool"].pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="requirements-1-key_skills"' in content
    assert "Publier une offre" in content
    assert "Mener une recherche" not in content


@pytest.mark.parametrize("params", [{"key_skills_for": "autre-chose"}, {"key_skills_for": "requirements-1"}])
def test_a_bad_htmx_request_for_skills_is_harmless(login, trainer, areas, params):
    response = login(trainer).get(URL, {**params, "requirements-1-area": "x"}, headers={"HX-Request": "true"})
    assert response.status_code in (200, 400)
