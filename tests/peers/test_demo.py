"""The demo of Entraide (ere/peers/demo.py), loaded on the demo organisation and catalogue: every screen has
something to show, and a second run changes nothing."""

import datetime
import io
import random
from collections import Counter

import pytest
from django.utils import timezone

from ere.catalog import demo as catalog_demo
from ere.org import demo as org_demo
from ere.org.enums import Role
from ere.org.models import User
from ere.peers import champions, demo
from ere.peers.enums import PostKind, ProposalStatus, RequestStatus
from ere.peers.models import HelpRequest, Notification, PeerProfile, Post, Proposal, Vote, WeeklyTip

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    for module in (org_demo, catalog_demo):
        module.load(random.Random(f"2026:{module.__name__}"), io.StringIO())


def load():
    out = io.StringIO()
    demo.load(random.Random("2026:ere.peers.demo"), out)
    return out.getvalue()


def snapshot():
    """The Entraide demo by natural keys (no primary key), to compare two loads."""
    queries = {
        "profiles": PeerProfile.objects.values_list("user__email", "is_visible", "availability", "weekly_cap"),
        "requests": HelpRequest.objects.values_list(
            "requester__email", "context", "status", "helper__email", "created_at", "accepted_at", "thanks"
        ),
        "proposals": Proposal.objects.values_list("request__context", "candidate__email", "status", "score"),
        "posts": Post.objects.values_list("kind", "tool__slug", "title", "body", "vote_count", "accepted_answer"),
        "votes": Vote.objects.values_list("post__title", "post__body", "user__email"),
        "weeks": WeeklyTip.objects.values_list("week", "post__title"),
        "notifications": Notification.objects.values_list("user__email", "kind", "title", "read_at"),
    }
    return {name: sorted(query, key=repr) for name, query in queries.items()}


def test_a_second_run_changes_nothing(organisation):
    assert "Entraide : " in load()
    before = snapshot()
    ids = sorted(HelpRequest.objects.values_list("pk", flat=True))
    assert "rien à changer" in load()
    assert snapshot() == before
    assert sorted(HelpRequest.objects.values_list("pk", flat=True)) == ids


def test_every_champion_and_about_a_quarter_of_the_advisors_chose_to_help(organisation):
    load()
    champions_ = User.objects.filter(role=Role.CHAMPION)
    visible = PeerProfile.objects.visible()
    assert visible.filter(user__role=Role.CHAMPION).count() == champions_.count()
    advisors = User.objects.filter(role=Role.AGENT).count()
    assert 0.15 * advisors <= visible.filter(user__role=Role.AGENT).count() <= 0.35 * advisors
    assert set(visible.values_list("availability", flat=True)) == {"available", "limited", "away"}
    assert visible.filter(tools__isnull=False).distinct().count() > 50


def test_requests_come_in_every_status_with_the_matchers_reasons_and_private_thanks(organisation):
    load()
    statuses = Counter(HelpRequest.objects.values_list("status", flat=True))
    assert set(statuses) == set(RequestStatus.values)
    assert statuses[RequestStatus.RESOLVED] > 150
    assert HelpRequest.objects.exclude(thanks="").count() > 50
    assert set(Proposal.objects.values_list("status", flat=True)) >= {
        ProposalStatus.PENDING,
        ProposalStatus.ACCEPTED,
        ProposalStatus.DECLINED,
        ProposalStatus.WITHDRAWN,
    }
    assert not Proposal.objects.filter(reasons=[]).exists()
    skill = {reasons[0] for reasons in Proposal.objects.values_list("reasons", flat=True)}
    assert skill <= {"Référent numérique de cet applicatif", "S'est déclaré·e à l'aise avec cet applicatif"} | {
        f"Niveau « {level} » à son diagnostic sur cet applicatif" for level in ("Maîtrise", "Référent")
    }
    for help_request in HelpRequest.objects.filter(status=RequestStatus.RESOLVED):
        assert help_request.created_at <= help_request.accepted_at <= help_request.resolved_at <= timezone.now()
    assert not HelpRequest.objects.filter(created_at__gt=timezone.now()).exists()


def test_the_documented_accounts_have_something_on_every_screen(organisation):
    load()
    sophie, nadia = User.objects.get(email="agent@ere.demo"), User.objects.get(email="referent@ere.demo")
    mine = HelpRequest.objects.filter(requester=sophie)
    assert mine.filter(status=RequestStatus.ACCEPTED, helper=nadia).count() == 1
    assert mine.filter(status=RequestStatus.RESOLVED).exclude(thanks="").count() == 1
    board = champions.dashboard(nadia)
    assert len(board.proposed) == 1
    assert len(board.waiting) >= 3
    assert board.helping
    assert board.questions
    assert board.to_review == 2
    for user in (sophie, nadia):
        assert Notification.objects.filter(user=user, read_at__isnull=True).count() >= 3


def test_tips_and_questions_are_written_in_markdown_with_answers_votes_and_a_tip_of_the_week(organisation):
    load()
    topics = Post.objects.topics()
    assert topics.count() >= 30
    assert Post.objects.tips().count() >= 15 and Post.objects.questions().count() >= 10
    assert Post.objects.filter(kind=PostKind.ANSWER).count() >= 10
    assert Post.objects.filter(accepted_answer__isnull=False).count() >= 5
    assert Post.objects.to_review().count() == 2
    assert all(post.body_html for post in topics)
    assert topics.filter(body_html__contains="<strong>").exists()
    assert Vote.objects.count() > 50
    for post in Post.objects.all():
        assert post.vote_count == post.votes.count(), post
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert WeeklyTip.objects.filter(week=monday).exists()


def test_it_loads_nothing_without_people_or_tools(db):
    assert "rien à charger" in load()
    assert not PeerProfile.objects.exists()
