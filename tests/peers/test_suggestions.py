"""Suggested help on one tool: the visible colleagues the matcher would propose (any agency), and the top tips."""

import pytest
from django.utils import timezone

from ere.peers import suggest
from ere.peers.enums import Availability, HelpMode
from ere.skills.enums import AssessmentStatus
from ere.skills.models import Assessment, AssessmentArea
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import PeerProfileFactory, PostFactory
from tests.skills.factories import AreaFactory


@pytest.fixture(autouse=True)
def agency_codes():
    """Generated agencies take codes the fixed ones (69001, 38001) never have, whatever ran before."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(db):
    return ToolFactory(name="Agenda partagé", slug="agenda-partage")


def level(user, tool, value):
    """A finished diagnostic of `user` placing them at `value` on `tool`."""
    now = timezone.now()
    assessment = Assessment.objects.create(
        user=user, status=AssessmentStatus.FINISHED, started_at=now, finished_at=now
    )
    AssessmentArea.objects.create(
        assessment=assessment,
        area=AreaFactory(tool=tool),
        self_rating=2,
        level=value,
        confidence=0.8,
        items_count=6,
        finished=True,
    )


def test_it_suggests_visible_colleagues_who_can_help_on_the_tool_the_nearest_first(agent, agency, tool):
    far = UserFactory(champion=True, first_name="Zoé", last_name="Loin", agency=AgencyFactory())
    tool.champions.add(far)
    PeerProfileFactory(user=far)
    near = PeerProfileFactory(user__first_name="Anne", user__last_name="Ici", user__agency=agency, tools=[tool])
    expert = PeerProfileFactory(user__first_name="Éva", user__last_name="Experte", user__agency=agency)
    level(expert.user, tool, 4)

    found = suggest.colleagues_for(agent, tool)
    assert {user for user, _ in found} == {far, near.user, expert.user}
    assert [user for user, _ in found][-1] == far  # another agency: further down
    assert all(match.score > 0 for _, match in found)


def test_it_never_suggests_hidden_absent_or_unrelated_colleagues_nor_oneself(agent, agency, tool):
    PeerProfileFactory(user__agency=agency, tools=[tool], is_visible=False)
    PeerProfileFactory(user__agency=agency, tools=[tool], availability=Availability.AWAY)
    PeerProfileFactory(user__agency=agency, tools=[ToolFactory()])
    low = PeerProfileFactory(user__agency=agency)
    level(low.user, tool, 2)
    PeerProfileFactory(user=agent, tools=[tool])
    assert suggest.colleagues_for(agent, tool) == []


def test_it_suggests_colleagues_who_help_in_visio_only_not_only_beside(agent, agency, tool):
    beside = PeerProfileFactory(user__agency=agency, tools=[tool], modes=[HelpMode.BESIDE])
    visio = PeerProfileFactory(user__agency=agency, tools=[tool], modes=[HelpMode.VISIO])
    assert [user for user, _ in suggest.colleagues_for(agent, tool)] == [visio.user]
    assert beside.user not in [user for user, _ in suggest.colleagues_for(agent, tool)]


def test_the_reasons_shown_leave_out_diagnostic_levels_and_help_given(agent, agency, tool):
    expert = PeerProfileFactory(user__agency=agency)
    level(expert.user, tool, 3)
    (user, match), *_ = suggest.colleagues_for(agent, tool)
    assert match.reasons[0] == "Niveau « Maîtrise » à son diagnostic sur cet applicatif"
    assert suggest.public_reasons(match) == ["Dans votre agence", "Disponible en ce moment"]


def test_it_suggests_the_most_useful_visible_tips(tool):
    PostFactory(tool=tool, title="Peu utile", vote_count=1)
    PostFactory(tool=tool, title="Très utile", vote_count=9)
    PostFactory(tool=tool, title="Masquée", vote_count=20, is_hidden=True)
    PostFactory(tool=ToolFactory(), title="Ailleurs", vote_count=30)
    assert [post.title for post in suggest.tips_for(tool)] == ["Très utile", "Peu utile"]


def test_the_suggestions_of_several_tools_read_the_helpers_once(agent, agency, tool, django_assert_max_num_queries):
    other = ToolFactory()
    PeerProfileFactory(user__agency=agency, tools=[tool, other])
    with django_assert_max_num_queries(20):
        found = suggest.for_tools(agent, [tool, other])
    assert [len(each["colleagues"]) for each in found] == [1, 1]
    assert suggest.for_tools(agent, []) == []
