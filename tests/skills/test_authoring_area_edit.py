import pytest
from django.urls import reverse

from ere.skills.models import Skill
from tests.catalog.factories import TaskFactory
from tests.skills.factories import AreaFactory, CrcnAreaFactory, ItemFactory, SkillFactory, area_form_data


@pytest.fixture
def area(db):
    area = AreaFactory(code="editeur-offres", name="Éditeur d'offres", description="Les offres d'emploi.")
    SkillFactory(area=area, code="editeur-offres-publier", name="Publier une offre", position=1)
    SkillFactory(area=area, code="editeur-offres-cloturer", name="Clôturer une offre", position=2)
    return area


def _url(area):
    return reverse("skills:area_edit", args=[area.code])


def test_it_checks_access(client, login, request, area):
    response = client.get(_url(area))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for role in ("agent", "manager"):
        client = login(request.getfixturevalue(role))
        assert client.get(_url(area)).status_code == 403
        assert client.post(_url(area), area_form_data(area, name="Piraté")).status_code == 403
    area.refresh_from_db()
    assert area.name == "Éditeur d'offres"
    for role in ("trainer", "champion", "admin_user"):
        assert login(request.getfixturevalue(role)).get(_url(area)).status_code == 200


def test_it_answers_404_for_an_unknown_area(login, trainer):
    assert login(trainer).get(reverse("skills:area_edit", args=["inconnu"])).status_code == 404


def test_it_shows_the_area_and_its_skills_with_the_tool_levels(login, trainer, area):
    content = login(trainer).get(_url(area)).content.decode()
    assert "Modifier le domaine « Éditeur d&#x27;offres »" in content
    assert "Compétence 1 : Publier une offre" in content
    assert "Nouvelle compétence" in content
    assert "Niveau 4 — Référent" in content


def test_a_crcn_domain_has_no_tool_levels_nor_task(login, trainer):
    crcn = CrcnAreaFactory()
    SkillFactory(area=crcn)
    content = login(trainer).get(_url(crcn)).content.decode()
    assert "Niveau 1 — Découverte" not in content
    assert 'name="skills-0-task"' not in content


def test_an_unchanged_form_changes_nothing(login, trainer, area):
    response = login(trainer).post(_url(area), area_form_data(area))
    assert response.status_code == 302
    assert response.url == f"{reverse('skills:framework')}#domaine-editeur-offres"
    assert list(area.skills.values_list("code", "name")) == [
        ("editeur-offres-publier", "Publier une offre"),
        ("editeur-offres-cloturer", "Clôturer une offre"),
    ]


def test_it_saves_the_area_edits_skills_and_adds_one(login, trainer, area):
    task = TaskFactory(name="Recruter")
    response = login(trainer).post(
        _url(area),
        area_form_data(
            area,
            name="Éditeur d'offres d'emploi",
            **{
                "skills-0-task": task.pk,
                "skills-0-expert": "Corrige les offres rejetées de l'équipe.",
                "skills-2-name": "Dupliquer une offre",
                "skills-2-discovery": "Retrouve l'offre à dupliquer.",
            },
        ),
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "Éditeur d'offres d'emploi"
    publish = area.skills.get(code="editeur-offres-publier")
    assert (publish.task, publish.expert) == (task, "Corrige les offres rejetées de l'équipe.")
    new = area.skills.get(name="Dupliquer une offre")
    # A stable code made from the area and the name; placed after the others.
    assert (new.code, new.position, new.discovery) == (
        "editeur-offres-dupliquer-une-offre",
        3,
        "Retrouve l'offre à dupliquer.",
    )


def test_a_new_skill_whose_code_is_taken_gets_a_free_one(login, trainer, area):
    SkillFactory(code="editeur-offres-publier-une-offre")
    login(trainer).post(_url(area), area_form_data(area, **{"skills-2-name": "Publier une offre"}))
    assert area.skills.filter(code="editeur-offres-publier-une-offre-2").exists()


def test_it_deletes_a_skill_without_items(login, trainer, area):
    response = login(trainer).post(_url(area), area_form_data(area, **{"skills-1-DELETE": "on"}))
    assert response.status_code == 302
    assert list(area.skills.values_list("code", flat=True)) == ["editeur-offres-publier"]


def test_a_skill_with_items_cannot_be_deleted_and_nothing_is_saved(login, trainer, area):
    ItemFactory(skill=area.skills.get(code="editeur-offres-cloturer"))
    response = login(trainer).post(
        _url(area), area_form_data(area, name="Nouveau nom", **{"skills-1-DELETE": "on", "skills-2-name": "Nouvelle"})
    )
    assert response.status_code == 400
    assert "« Clôturer une offre » ne peut pas être supprimée : une question la mesure." in response.content.decode()
    area.refresh_from_db()
    assert area.name == "Éditeur d'offres"
    assert area.skills.count() == 2


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": ""}, "Ce champ est obligatoire."),
        ({"skills-1-name": ""}, "Ce champ est obligatoire."),
        ({"skills-0-task": "999999"}, "Sélectionnez un choix valide."),
        ({"skills-2-discovery": "Une description sans intitulé"}, "Ce champ est obligatoire."),
    ],
)
def test_it_rejects_a_bad_form_and_saves_nothing(login, trainer, area, overrides, message):
    response = login(trainer).post(
        _url(area),
        area_form_data(area, description="Ne doit pas être enregistrée", **{"skills-0-name": "Autre"}, **overrides),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    area.refresh_from_db()
    assert area.description == "Les offres d'emploi."
    assert area.skills.get(code="editeur-offres-publier").name == "Publier une offre"
    assert Skill.objects.count() == 2


def test_a_broken_management_form_is_an_error_not_a_500(login, trainer, area):
    data = area_form_data(area)
    del data["skills-TOTAL_FORMS"]
    response = login(trainer).post(_url(area), data)
    assert response.status_code == 400
