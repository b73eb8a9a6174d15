"""« L'astuce de la semaine »: the choice (most useful visible, up-to-date tip not chosen in the last 8 weeks), the
`send_weekly_tip` command and its task (once a week: in-app notifications to everyone, e-mails to those who want
them), and the partial other pages include."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from ere.peers import notifications, posts
from ere.peers.enums import NotificationKind
from ere.peers.models import Notification, WeeklyTip
from ere.peers.post_tasks import send_weekly_tip_digest
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import PeerProfileFactory, PostFactory

MONDAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(db):
    return ToolFactory(name="Agenda partagé")


@pytest.fixture
def author(agency):
    """Who wrote the tips: a colleague of the agency, who gets the tip too."""
    return UserFactory(agency=agency, email="auteur@example.fr", first_name="Aude")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the command for the week of `day`; the e-mails queued at commit are sent (into mailoutbox)."""

    def run(day=MONDAY):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_weekly_tip", "--date", day.isoformat(), stdout=out)
        return out.getvalue().strip()

    return run


def test_the_week_starts_on_monday_in_paris():
    assert posts.week_of(datetime.date(2026, 12, 6)) == MONDAY
    assert posts.week_of(MONDAY) == MONDAY
    # Sunday 23:30 in UTC is already Monday in Paris.
    sunday_night_utc = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: sunday_night_utc)
        assert posts.week_of() == datetime.date(2026, 12, 7)


def test_the_most_useful_visible_up_to_date_tip_is_chosen_once(tool, agent):
    PostFactory(tool=tool, title="Peu utile", vote_count=1)
    best = PostFactory(tool=tool, title="La plus utile", vote_count=5)
    PostFactory(tool=tool, title="Masquée", vote_count=50, is_hidden=True)
    PostFactory(tool=tool, title="Fusionnée", vote_count=50, duplicate_of=best)
    PostFactory(question=True, tool=tool, title="Une question", vote_count=50)
    outdated = PostFactory(tool=tool, title="Obsolète", vote_count=40)
    posts.flag_outdated(agent, outdated, "Changé")

    tip = posts.weekly_tip(MONDAY)
    assert (tip.week, tip.post) == (MONDAY, best)
    # Chosen once: more votes elsewhere meanwhile change nothing this week.
    PostFactory(tool=tool, vote_count=99)
    assert posts.weekly_tip(MONDAY) == tip
    assert WeeklyTip.objects.count() == 1


def test_ties_go_to_the_newest(tool):
    PostFactory(tool=tool, vote_count=3, created_at=timezone.now() - datetime.timedelta(days=3))
    newest = PostFactory(tool=tool, vote_count=3)
    assert posts.weekly_tip(MONDAY).post == newest


def test_a_tip_reviewed_after_its_flag_may_be_chosen(tool, agent, champion):
    tip = PostFactory(tool=tool, vote_count=3)
    posts.flag_outdated(agent, tip, "Changé")
    assert posts.weekly_tip(MONDAY) is None
    posts.mark_reviewed(champion, tip)
    assert posts.weekly_tip(MONDAY).post == tip


def test_a_tip_chosen_in_the_last_eight_weeks_is_not_chosen_again(tool):
    best = PostFactory(tool=tool, vote_count=9)
    second = PostFactory(tool=tool, vote_count=2)
    WeeklyTip.objects.create(week=MONDAY - datetime.timedelta(weeks=8), post=best)
    assert posts.weekly_tip(MONDAY).post == second
    # Nine weeks later it may come back.
    assert posts.weekly_tip(MONDAY + datetime.timedelta(weeks=1)).post == best


def test_no_tip_no_weekly_tip(tool):
    assert posts.weekly_tip(MONDAY) is None
    PostFactory(question=True, tool=tool)
    assert posts.weekly_tip(MONDAY) is None
    assert not WeeklyTip.objects.exists()


def test_a_chosen_tip_hidden_since_is_replaced(tool, champion):
    best = PostFactory(tool=tool, vote_count=9)
    second = PostFactory(tool=tool, vote_count=2)
    tip = posts.weekly_tip(MONDAY)
    posts.hide(champion, best, "Contient un nom d'usager")
    assert posts.weekly_tip(MONDAY) == tip
    tip.refresh_from_db()
    assert tip.post == second
    posts.hide(champion, second, "Doublon")
    assert posts.weekly_tip(MONDAY) is None


def test_the_command_sends_once_a_week(send, tool, agent, champion, trainer, manager, analyst, admin_user, mailoutbox):
    PostFactory(
        tool=tool, author=agent, title="Glisser un rendez-vous", body="Faites **glisser** le créneau.", vote_count=2
    )
    UserFactory(is_active=False, agency=agent.agency)
    PeerProfileFactory(user=champion, weekly_digest=False)
    PeerProfileFactory(user=trainer, weekly_digest=True)

    output = send()

    assert output == (
        "Semaine du 30/11/2026 : l'astuce « Glisser un rendez-vous » est envoyée, 4 notifications, "
        "3 e-mails mis en file d'envoi."
    )
    notified = set(Notification.objects.filter(kind=NotificationKind.DIGEST).values_list("user", flat=True))
    assert notified == {agent.pk, champion.pk, trainer.pk, admin_user.pk}
    assert sorted(message.to[0] for message in mailoutbox) == sorted([agent.email, trainer.email, admin_user.email])
    assert WeeklyTip.objects.get().sent_at is not None

    assert send(MONDAY + datetime.timedelta(days=3)).startswith(
        "Semaine du 30/11/2026 : l'astuce « Glisser un rendez-vous » a déjà été envoyée le "
    )
    assert Notification.objects.count() == 4
    assert len(mailoutbox) == 3


def test_the_notification_and_the_email_say_it_plainly(send, tool, agent, settings, mailoutbox):
    settings.SITE_URL = "https://ere.example.fr"
    post = PostFactory(tool=tool, author=agent, title="Glisser un rendez-vous", body="Faites **glisser** le créneau.")
    send()

    (notification,) = Notification.objects.filter(user=agent)
    assert notification.title == "L'astuce de la semaine : Glisser un rendez-vous"
    assert notification.body == "Faites glisser le créneau."
    assert notification.url == post.get_absolute_url()
    (message,) = [message for message in mailoutbox if message.to == [agent.email]]
    assert message.subject == "[ERE Digitale] L'astuce de la semaine : Glisser un rendez-vous"
    assert "Bonjour Alice," in message.body
    assert "Faites glisser le créneau." in message.body
    assert f"https://ere.example.fr/entraide/astuces/{post.pk}/" in message.body
    assert "profil d'entraide" in message.body


def test_the_unread_counters_are_refreshed(send, tool, agent):
    PostFactory(tool=tool, author=agent)
    assert notifications.unread_count(agent) == 0
    send()
    assert notifications.unread_count(agent) == 1


def test_nothing_to_send_says_so(send, db):
    assert send() == (
        "Semaine du 30/11/2026 : aucune astuce à proposer (aucune astuce visible et à jour), rien n'est envoyé."
    )
    assert not Notification.objects.exists()


def test_a_bad_date_is_refused(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="date invalide"):
        call_command("send_weekly_tip", "--date", "lundi")


def test_the_task_does_what_the_command_does(tool, agent, mailoutbox, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(posts, "week_of", lambda day=None: MONDAY)
    PostFactory(tool=tool, author=agent, title="Glisser un rendez-vous")
    with django_capture_on_commit_callbacks(execute=True):
        result = send_weekly_tip_digest.enqueue()
    assert result.return_value.startswith("Semaine du 30/11/2026 : l'astuce « Glisser un rendez-vous » est envoyée")
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert "déjà été envoyée" in send_weekly_tip_digest.enqueue().return_value
    assert len(mailoutbox) == 1


def test_many_users_get_it_in_a_few_queries(tool, author, agency, django_assert_max_num_queries):
    PostFactory(tool=tool, author=author)
    UserFactory.create_batch(30, agency=agency)
    cache.clear()
    with django_assert_max_num_queries(12):
        posts.send_weekly_tip(MONDAY)
    assert Notification.objects.count() == 31


def test_the_partial_shows_the_tip_or_nothing(tool):
    assert render_to_string("peers/_weekly_tip.html", {"tip": None}).strip() == ""
    PostFactory(tool=tool, title="Glisser un rendez-vous", body="Faites **glisser** & déposez.", vote_count=2)
    html = render_to_string("peers/_weekly_tip.html", {"tip": posts.weekly_tip()})
    assert "L'astuce de la semaine" in html
    assert "Glisser un rendez-vous" in html
    assert "Faites glisser &amp; déposez." in html
    assert "utile pour 2 collègues" in html
