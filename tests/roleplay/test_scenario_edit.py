"""Writing a scenario: create and edit (scenario, three cards, the grid, the script), and publishing."""

import pytest
from django.urls import reverse

from ere.roleplay.enums import RoleKind
from ere.roleplay.models import Criterion, RoleCard, Scenario
from tests.catalog.factories import ToolFactory
from tests.roleplay.factories import ScenarioFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("roleplay:scenario_create")
SCRIPT = ":: StoryTitle\nT\n\n:: Start\nBonjour.\n[[Bonjour->Fin]]\n\n:: Fin [bonne-fin]\nMerci.\n"


def payload(**changes):
    data = {
        "title": "Une offre refusée",
        "summary": "Un commerçant ne comprend pas pourquoi son offre est refusée.",
        "context": "M. Haddad appelle, agacé.",
        "objectives": "Écouter\r\n\r\nExpliquer la règle\r\n",
        "difficulty": "medium",
        "minutes": "12",
        "script": "",
        "card-advisor-title": "Conseillère entreprises",
        "card-advisor-brief": "Vous prenez l'appel.",
        "card-interlocutor-title": "Karim Haddad",
        "card-interlocutor-brief": "Vous êtes agacé.",
        "card-interlocutor-hidden": "Vous tenez à une vendeuse.",
        "card-interlocutor-reactions": "Vous montez le ton si l'on vous accuse.",
        "card-observer-title": "Observateur",
        "card-observer-brief": "Suivez la grille.",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "10",
        "criteria-0-label": "Écoute sans interrompre",
        "criteria-0-level_1": "Coupe la parole.",
        "criteria-0-level_2": "Laisse parler.",
        "criteria-0-level_3": "Relance.",
        "criteria-0-level_4": "S'appuie sur ce qui est dit.",
    }
    data.update(changes)
    return data


def test_it_checks_access(client, login, agent, champion, trainer, admin_user, manager, analyst):
    scenario = ScenarioFactory()
    urls = [CREATE, reverse("roleplay:scenario_edit", args=[scenario.slug])]
    publish = reverse("roleplay:scenario_publish", args=[scenario.slug])
    for url in [*urls, publish]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    for user in (agent, manager, analyst):
        user_client = login(user)
        for url in urls:
            assert user_client.get(url).status_code == 403, url
            assert user_client.post(url, payload()).status_code == 403, url
        assert user_client.post(publish, {"publish": "0"}).status_code == 403
    for user in (champion, trainer, admin_user):
        for url in urls:
            assert login(user).get(url).status_code == 200
    assert Scenario.objects.count() == 1 and Scenario.objects.get().is_published


def test_a_trainer_creates_a_draft_with_its_cards_grid_and_tools(login, trainer):
    tool = ToolFactory(name="Suivi des offres")
    response = login(trainer).post(CREATE, payload(tools=[tool.pk], script=SCRIPT.replace("\n", "\r\n")))
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response.url == scenario.get_absolute_url()
    assert scenario.slug == "une-offre-refusee"
    assert not scenario.is_published
    assert scenario.created_by == trainer
    assert scenario.objectives == ["Écouter", "Expliquer la règle"]
    assert scenario.script == SCRIPT
    assert list(scenario.tools.all()) == [tool]
    assert scenario.card(RoleKind.INTERLOCUTOR).hidden == "Vous tenez à une vendeuse."
    assert scenario.card(RoleKind.ADVISOR).hidden == ""
    assert list(scenario.criteria.values_list("label", "descriptors")) == [
        ("Écoute sans interrompre", ["Coupe la parole.", "Laisse parler.", "Relance.", "S'appuie sur ce qui est dit."])
    ]
    assert ScenarioFactory.build(title="Une offre refusée").title  # same title, another slug next time:
    login(trainer).post(CREATE, payload())
    assert Scenario.objects.filter(slug="une-offre-refusee-2").exists()


def test_a_bad_script_is_shown_on_the_field_and_nothing_is_saved(login, trainer):
    response = login(trainer).post(
        CREATE, payload(script=":: StoryTitle\nT\n\n:: Start\n[[Vers nulle part->Ailleurs]]\n")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Le script n&#x27;est pas lisible. Ligne 5 : le lien « Vers nulle part »" in html
    assert "Rien n&#x27;a été enregistré" in html
    assert not Scenario.objects.exists() and not RoleCard.objects.exists() and not Criterion.objects.exists()


def test_a_half_written_criterion_and_a_missing_card_are_errors(login, trainer):
    response = login(trainer).post(
        CREATE, payload(**{"criteria-0-level_3": "", "card-observer-brief": "", "criteria-1-level_1": "Sans nom"})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Décrivez ce niveau en une phrase." in html
    assert "Donnez un nom à ce critère" in html
    assert not Scenario.objects.exists()


def test_a_grid_needs_at_least_one_criterion(login, trainer):
    response = login(trainer).post(
        CREATE, payload(**{f"criteria-0-{name}": "" for name in ["label", "level_1", "level_2", "level_3", "level_4"]})
    )
    assert response.status_code == 400
    assert "Ajoutez au moins un critère" in response.content.decode()


def test_editing_updates_the_cards_and_the_grid_in_place(login, champion):
    scenario = ScenarioFactory()
    url = reverse("roleplay:scenario_edit", args=[scenario.slug])
    client = login(champion)
    page = client.get(url)
    assert page.context["form"].initial["objectives"] == "\n".join(scenario.objectives)
    grid = page.context["grid"]
    assert len(grid.forms) == 5 and grid.forms[0].initial["label"] == "Reformule le besoin"
    cards = {card.role: card.pk for card in scenario.roles.all()}
    first = scenario.criteria.order_by("order").first()
    response = client.post(
        url,
        payload(
            **{
                "criteria-TOTAL_FORMS": "3",
                "criteria-INITIAL_FORMS": "3",
                "criteria-1-label": "",
                "criteria-2-label": "",
            }
        ),
    )
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.slug != "une-offre-refusee" and scenario.title == "Une offre refusée"
    assert scenario.is_published  # editing does not unpublish
    assert {card.role: card.pk for card in scenario.roles.all()} == cards
    assert list(scenario.criteria.values_list("pk", "label")) == [(first.pk, "Écoute sans interrompre")]


def test_an_editor_publishes_and_unpublishes(login, trainer):
    scenario = ScenarioFactory(is_published=False)
    client = login(trainer)
    url = reverse("roleplay:scenario_publish", args=[scenario.slug])
    assert client.get(url).status_code == 405
    assert client.post(url, {"publish": "1"}).status_code == 302
    scenario.refresh_from_db()
    assert scenario.is_published
    client.post(url, {"publish": "0"})
    scenario.refresh_from_db()
    assert not scenario.is_published
