"""« Mes compétences » suggests Entraide's tips and colleagues on the tools where the agent is below target."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.skills.enums import AssessmentStatus, Frequency
from ere.skills.models import Assessment, AssessmentArea
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory
from tests.peers.factories import PeerProfileFactory, PostFactory
from tests.skills.factories import AreaFactory, RequirementFactory

URL = reverse("skills:profile")


@pytest.fixture(autouse=True)
def agency_codes():
    """Generated agencies take codes the fixed ones (69001, 38001) never have, whatever ran before."""
    AgencyFactory.reset_sequence(1000)


def result(user, area, level):
    now = timezone.now()
    assessment = Assessment.objects.create(
        user=user, status=AssessmentStatus.FINISHED, started_at=now, finished_at=now
    )
    AssessmentArea.objects.create(
        assessment=assessment, area=area, self_rating=2, level=level, confidence=0.8, items_count=6, finished=True
    )


@pytest.fixture
def area(champion):
    tool = ToolFactory(name="Suivi des offres", slug="suivi-offres", champions=[champion])
    PeerProfileFactory(user=champion)
    PostFactory(tool=tool, title="Relire une offre avant de la publier")
    area = AreaFactory(name="Suivi des offres", code="suivi-offres", tool=tool)
    RequirementFactory(profile__specialty="employers", area=area, target_level=3, frequency=Frequency.DAILY)
    return area


def test_a_tool_below_target_gets_tips_and_colleagues(login, agent, area):
    result(agent, area, 1)
    content = login(agent).get(URL).content.decode()
    assert "Besoin d'un coup de main sur Suivi des offres ?" in content
    assert "Relire une offre avant de la publier" in content
    assert "Bruno Petit" in content
    assert f"{reverse('peers:request_new')}?outil=suivi-offres" in content


def test_a_tool_at_target_or_not_assessed_gets_none(login, agent, area):
    client = login(agent)
    assert "Besoin d'un coup de main" not in client.get(URL).content.decode()
    result(agent, area, 3)
    assert "Besoin d'un coup de main" not in client.get(URL).content.decode()


def test_a_manager_gets_no_entraide_on_their_profile(login, manager, area):
    result(manager, area, 1)
    response = login(manager).get(URL)
    assert response.status_code == 200
    assert "Besoin d'un coup de main" not in response.content.decode()
