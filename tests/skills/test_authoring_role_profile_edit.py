import pytest
from django.urls import reverse

from ere.skills.enums import Frequency
from ere.skills.models import Requirement
from tests.skills.factories import (
    AreaFactory,
    CrcnAreaFactory,
    RequirementFactory,
    RoleProfileFactory,
    SkillFactory,
    role_profile_form_data,
)


@pytest.fixture
def profile(db):
    profile = RoleProfileFactory(name="Conseiller à dominante entreprises", slug="conseiller-entreprises")
    tool = AreaFactory(name="Éditeur d'offres")
    publish = SkillFactory(area=tool, name="Publier une offre")
    SkillFactory(area=tool, name="Clôturer une offre")
    RequirementFactory(profile=profile, area=tool, target_level=3, frequency=Frequency.DAILY, key_skills=[publish])
    RequirementFactory(profile=profile, area=CrcnAreaFactory(name="Information et données"), target_level=4)
    return profile


def _url(profile):
    return reverse("skills:role_profile_edit", args=[profile.slug])


def test_it_checks_access(client, login, request, profile):
    response = client.get(_url(profile))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(_url(profile)).status_code == 403
        assert client.post(_url(profile), role_profile_form_data(profile, name="Piraté")).status_code == 403
    profile.refresh_from_db()
    assert profile.name == "Conseiller à dominante entreprises"
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(_url(profile)).status_code == 200


def test_it_answers_404_for_an_unknown_profile(login, trainer):
    assert login(trainer).get(reverse("skills:role_profile_edit", args=["inconnu"])).status_code == 404


def test_it_shows_the_requirements_with_the_skills_of_their_area(login, trainer, profile):
    content = login(trainer).get(_url(profile)).content.decode()
    assert "Modifier le profil « Conseiller à dominante entreprises »" in content
    assert "Publier une offre" in content
    assert "Clôturer une offre" in content
    assert content.count("Nouvel attendu") == 1


def test_an_unchanged_form_changes_nothing(login, trainer, profile):
    before = list(Requirement.objects.values_list("pk", "area", "target_level", "frequency"))
    response = login(trainer).post(_url(profile), role_profile_form_data(profile))
    assert response.status_code == 302
    assert list(Requirement.objects.values_list("pk", "area", "target_level", "frequency")) == before


def test_it_saves_the_profile_changes_a_line_and_removes_another(login, trainer, profile):
    tool_line = profile.requirements.get(area__kind="tool")
    closing = tool_line.area.skills.get(name="Clôturer une offre")
    response = login(trainer).post(
        _url(profile),
        role_profile_form_data(
            profile,
            description="Recruter avec les entreprises.",
            **{
                "requirements-0-target_level": "4",
                "requirements-0-key_skills": [closing.pk],
                "requirements-1-DELETE": "on",
            },
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.slug == "conseiller-entreprises"  # the address does not change
    assert profile.description == "Recruter avec les entreprises."
    line = profile.requirements.get()
    assert (line.pk, line.target_level, list(line.key_skills.all())) == (tool_line.pk, 4, [closing])


def test_a_bad_line_saves_nothing(login, trainer, profile):
    response = login(trainer).post(
        _url(profile),
        role_profile_form_data(
            profile, name="Nouveau nom", **{"requirements-1-DELETE": "on", "requirements-0-target_level": "6"}
        ),
    )
    assert response.status_code == 400
    assert "Pour un applicatif, le niveau attendu va de 1 (découverte) à 4 (référent)." in response.content.decode()
    profile.refresh_from_db()
    assert profile.name == "Conseiller à dominante entreprises"
    assert profile.requirements.count() == 2


def test_moving_a_line_onto_an_area_already_in_the_profile_is_refused(login, trainer, profile):
    tool_area = profile.requirements.get(area__kind="tool").area
    response = login(trainer).post(
        _url(profile), role_profile_form_data(profile, **{"requirements-1-area": tool_area.pk})
    )
    assert response.status_code == 400
    assert "figure deux fois dans ce profil" in response.content.decode()
