"""« À revoir »: posts flagged outdated (by a colleague, or because their tool changed) wait for a champion, who
keeps them (« Toujours valable »), corrects them or hides them.

The catalogue's announcements reach Entraide through a post_save receiver (ere/peers/signals.py) that
PeersConfig.ready() imports; the `receiver` fixture imports it here too, so that these tests pass before and after
that wiring.
"""

import datetime

import pytest
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from ere.catalog.enums import UpdateKind
from ere.catalog.models import ToolUpdate
from ere.peers import posts
from ere.peers.enums import NotificationKind
from ere.peers.models import Notification
from tests.catalog.factories import ToolFactory, ToolUpdateFactory
from tests.org.factories import AgencyFactory
from tests.peers.factories import AnswerFactory, PostFactory

QUEUE = reverse("peers:review_queue")


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def receiver():
    from ere.peers import signals  # Connects the receiver (dispatch_uid: once only, whoever imports it first).

    assert post_save.has_listeners(ToolUpdate)
    return signals.flag_tips_of_changed_tool


@pytest.fixture
def tool(champion):
    tool = ToolFactory(name="Agenda partagé")
    tool.champions.set([champion])
    return tool


def queued(client):
    return list(client.get(QUEUE).context["page_obj"])


@pytest.mark.parametrize("role", ["agent", "trainer", "manager", "analyst"])
def test_it_checks_access(client, login, request, role):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert login(request.getfixturevalue(role)).get(QUEUE).status_code == 403


def test_the_queue_has_an_empty_state(login, champion):
    assert "Rien à revoir" in login(champion).get(QUEUE).content.decode()


def test_a_flagged_post_goes_in_the_queue_then_out_once_reviewed(login, agent, champion, tool):
    tip = PostFactory(tool=tool, title="Glisser un rendez-vous", author=agent)
    login(agent).post(reverse("peers:post_outdated", args=[tip.pk]), {"note": "Le glisser-déposer a disparu"})

    client = login(champion)
    response = client.get(QUEUE)
    assert list(response.context["page_obj"]) == [tip]
    content = response.content.decode()
    assert "Glisser un rendez-vous" in content
    assert "Agenda partagé" in content
    assert "par Alice Martin" in content
    assert "Le glisser-déposer a disparu" in content
    assert "Un de vos applicatifs" in content

    response = client.post(reverse("peers:post_reviewed", args=[tip.pk]), {"next": QUEUE}, follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "toujours valable, retiré de la file" in response.content.decode()
    assert queued(client) == []
    tip.refresh_from_db()
    assert (tip.reviewed_by, tip.needs_review) == (champion, False)
    assert "Peut-être obsolète" not in client.get(reverse("peers:post", args=[tip.pk])).content.decode()


def test_a_flagged_answer_is_in_the_queue_too(login, agent, champion, tool):
    reply = AnswerFactory(parent=PostFactory(question=True, tool=tool))
    posts.flag_outdated(agent, reply, "Le menu a changé")
    assert queued(login(champion)) == [reply]


def test_hiding_from_the_queue_takes_the_post_out(login, agent, champion, tool):
    tip = PostFactory(tool=tool)
    posts.flag_outdated(agent, tip, "Changé")
    client = login(champion)
    response = client.post(reverse("peers:post_hide", args=[tip.pk]), {"reason": "Plus valable", "next": QUEUE})
    assert response.url == QUEUE
    assert queued(client) == []


def test_reviewing_an_unflagged_post_says_why(login, champion, tool):
    tip = PostFactory(tool=tool)
    response = login(champion).post(reverse("peers:post_reviewed", args=[tip.pk]), follow=True)
    assert "Ce message n&#x27;attend pas de relecture." in response.content.decode()


def test_the_champion_s_own_tools_come_first(login, agent, champion, tool):
    elsewhere = PostFactory(tool=ToolFactory(), title="Ailleurs")
    mine = PostFactory(tool=tool, title="Sur mon outil")
    posts.flag_outdated(agent, elsewhere, "Changé")
    posts.flag_outdated(agent, mine, "Changé")
    assert queued(login(champion)) == [mine, elsewhere]


def test_a_merged_or_hidden_post_leaves_the_queue(login, agent, champion, tool):
    merged, hidden = PostFactory(tool=tool), PostFactory(tool=tool)
    for post in (merged, hidden):
        posts.flag_outdated(agent, post, "Changé")
    posts.merge(champion, merged, PostFactory(tool=tool))
    posts.hide(champion, hidden, "Doublon")
    assert queued(login(champion)) == []


# ---------------------------------------------------------------------------------------------------------------
# A tool changes


def test_a_tool_change_flags_its_earlier_tips(
    receiver, agent, champion, tool, mailoutbox, django_capture_on_commit_callbacks, manager
):
    earlier = PostFactory(tool=tool, author=agent, title="Glisser un rendez-vous")
    question = PostFactory(question=True, tool=tool)
    hidden = PostFactory(tool=tool, is_hidden=True)
    other_tool_tip = PostFactory(tool=ToolFactory())

    with django_capture_on_commit_callbacks(execute=True):
        update = ToolUpdateFactory(
            tool=tool,
            kind=UpdateKind.CHANGE,
            title="Nouvelle vue semaine",
            published_on=timezone.localdate(),
            author=manager,
        )

    for post in (earlier, question, hidden, other_tool_tip):
        post.refresh_from_db()
    assert earlier.needs_review
    assert (
        earlier.outdated_note
        == f"Mise à jour de l'applicatif le {timezone.localdate():%d/%m/%Y} : Nouvelle vue semaine"
    )
    assert earlier.outdated_by == manager
    assert not question.needs_review
    assert not hidden.needs_review
    assert not other_tool_tip.needs_review

    (to_champion,) = Notification.objects.filter(user=champion, kind=NotificationKind.OUTDATED)
    assert to_champion.title == "Agenda partagé a changé : 1 astuce à revoir"
    assert [message.to for message in mailoutbox] == [[champion.email]]
    (to_author,) = Notification.objects.filter(user=agent, kind=NotificationKind.OUTDATED)
    assert "votre astuce « Glisser un rendez-vous » est peut-être à mettre à jour" in to_author.title
    assert update.pk


def test_tips_written_after_the_change_are_not_flagged(receiver, tool):
    published = timezone.localdate() - datetime.timedelta(days=10)
    before = PostFactory(tool=tool, created_at=timezone.now() - datetime.timedelta(days=20))
    after = PostFactory(tool=tool, created_at=timezone.now() - datetime.timedelta(days=2))
    ToolUpdateFactory(tool=tool, kind=UpdateKind.CHANGE, published_on=published)
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.needs_review
    assert not after.needs_review


@pytest.mark.parametrize("kind", [UpdateKind.LAUNCH, UpdateKind.RETIREMENT])
def test_only_a_change_flags_tips(receiver, tool, kind):
    tip = PostFactory(tool=tool)
    ToolUpdateFactory(tool=tool, kind=kind)
    tip.refresh_from_db()
    assert not tip.needs_review
    assert not Notification.objects.exists()


def test_editing_an_announcement_flags_nothing_more(receiver, agent, tool):
    update = ToolUpdateFactory(tool=tool, kind=UpdateKind.LAUNCH)
    tip = PostFactory(tool=tool)
    update.kind = UpdateKind.CHANGE
    update.save()
    tip.refresh_from_db()
    assert not tip.needs_review


def test_a_tip_already_in_the_queue_gets_the_note_added(receiver, agent, tool):
    tip = PostFactory(tool=tool)
    posts.flag_outdated(agent, tip, "Le bouton a bougé")
    flagged_at = tip.outdated_at
    ToolUpdateFactory(tool=tool, kind=UpdateKind.CHANGE, title="Refonte", published_on=datetime.date(2026, 3, 2))
    tip.refresh_from_db()
    assert tip.outdated_note == "Le bouton a bougé"  # Written after that change: not concerned.
    ToolUpdateFactory(tool=tool, kind=UpdateKind.CHANGE, title="Refonte", published_on=timezone.localdate())
    tip.refresh_from_db()
    assert (
        tip.outdated_note
        == f"Le bouton a bougé ; Mise à jour de l'applicatif le {timezone.localdate():%d/%m/%Y} : Refonte"
    )
    assert (tip.outdated_at, tip.outdated_by) == (flagged_at, agent)


def test_the_service_alone_counts_what_it_flagged(tool):
    PostFactory.create_batch(2, tool=tool)
    update = ToolUpdate(tool=tool, kind=UpdateKind.CHANGE, title="Refonte", published_on=timezone.localdate())
    assert posts.flag_tool_posts_for_review(update) == 2
    update.kind = UpdateKind.LAUNCH
    assert posts.flag_tool_posts_for_review(update) == 0
