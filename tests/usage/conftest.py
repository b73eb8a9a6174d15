"""Survey fixtures: five tools (two questionnaire steps of tools, then the tasks, then the comment), two tasks, and an
open campaign asking the advisors and champions of agency A."""

import pytest

from tests.catalog.factories import TaskFactory, ToolFactory
from tests.usage.survey_factories import CampaignFactory


@pytest.fixture
def survey_tools(db):
    names = ["Agenda partagé", "Dialogue Entreprises", "Éditeur d'offres", "Messagerie sécurisée", "Visio Conseil"]
    return [ToolFactory(name=name, slug=f"outil-{i}") for i, name in enumerate(names)]


@pytest.fixture
def survey_tasks(db):
    return [
        TaskFactory(name="Échanger avec une entreprise", slug="echanger"),
        TaskFactory(name="Planifier un rendez-vous", slug="planifier"),
        TaskFactory(name="Suivre un demandeur d'emploi", slug="suivre"),
    ]


@pytest.fixture
def campaign(agency, survey_tools, territory_manager):
    return CampaignFactory(
        title="Vos outils au quotidien",
        agencies=[agency],
        tools=survey_tools,
        created_by=territory_manager,
    )
