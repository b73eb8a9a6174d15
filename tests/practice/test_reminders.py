import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from ere.practice import tasks
from ere.practice.models import PracticeQuarter, Reminder, TeamSlot, week_start
from ere.practice.tasks import send_practice_reminder
from tests.org.factories import AgencyFactory, UserFactory
from tests.practice.quarter_data import TeamSlotFactory

TUESDAY = datetime.date(2026, 11, 17)
WEEK = week_start(TUESDAY)


def remind(day=TUESDAY):
    out = io.StringIO()
    call_command("send_practice_reminders", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The day the tasks run (Europe/Paris): the slot day, unless a test says otherwise."""
    day = {"value": TUESDAY}
    monkeypatch.setattr(tasks, "paris_today", lambda: day["value"])
    return day


@pytest.fixture
def slot(agency):
    return TeamSlotFactory(agency=agency, weekday=TUESDAY.weekday(), start=datetime.time(8, 45))


def test_it_reminds_each_agent_of_the_agency_on_the_slot_day(agent, champion, manager, slot):
    output = remind()

    assert sorted(message.to[0] for message in mail.outbox) == sorted([champion.email, agent.email])
    assert "1 agence dont le créneau est aujourd'hui, 2 rappels envoyés" in output
    assert set(Reminder.objects.values_list("user", "week")) == {(agent.pk, WEEK), (champion.pk, WEEK)}


def test_the_email_is_in_french_with_the_slot_time_and_the_link(agent, slot, settings):
    settings.SITE_URL = "https://ere.example.fr"
    remind()

    (message,) = mail.outbox
    assert message.subject == "Votre quart d'heure de pratique, aujourd'hui à 8 h 45"
    assert "Bonjour Alice," in message.body
    assert "le mardi à 8 h 45" in message.body
    assert "https://ere.example.fr/pratique/quart-d-heure/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html
    assert 'href="https://ere.example.fr/pratique/quart-d-heure/"' in html
    assert "le mardi à 8 h 45" in html


def test_it_is_sent_once_a_week(agent, slot, today):
    remind()
    output = remind()

    assert len(mail.outbox) == 1
    assert "0 rappel envoyé" in output
    assert "1 agent a déjà reçu le rappel de la semaine" in output

    today["value"] = TUESDAY + datetime.timedelta(days=7)
    remind(today["value"])
    assert len(mail.outbox) == 2


def test_a_reminder_queued_twice_is_sent_once(agent, slot):
    send_practice_reminder.enqueue(agent.pk, WEEK.isoformat())
    result = send_practice_reminder.enqueue(agent.pk, WEEK.isoformat())

    assert result.return_value == "already sent"
    assert len(mail.outbox) == 1


def test_it_does_not_remind_those_who_finished_their_quarter(agent, champion, slot):
    PracticeQuarter.objects.create(user=agent, week=WEEK, finished_at=timezone.now())
    PracticeQuarter.objects.create(user=champion, week=WEEK, started_at=timezone.now())  # started, not finished

    output = remind()

    assert [message.to for message in mail.outbox] == [[champion.email]]
    assert "1 agent a déjà fait son quart d'heure" in output


def test_it_reminds_nobody_on_another_day_or_in_another_agency(agent, slot, other_agency):
    UserFactory(agency=other_agency)

    output = remind(TUESDAY + datetime.timedelta(days=1))

    assert mail.outbox == []
    assert "0 agence dont le créneau est aujourd'hui" in output


def test_inactive_accounts_and_managers_are_not_reminded(agent, manager, slot):
    UserFactory(agency=agent.agency, is_active=False)

    remind()

    assert [message.to for message in mail.outbox] == [[agent.email]]


def test_the_console_backend_prints_the_email(agent, slot, capsys):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"):
        remind()

    printed = capsys.readouterr().out
    assert "=?utf-8?q?Votre_quart_d=27heure_de_pratique" in printed
    assert "Bonjour Alice," in printed
    assert "To: alice@example.fr" in printed


def test_a_wrong_date_is_refused_in_french(db):
    with pytest.raises(Exception, match="date invalide « mardi »"):
        call_command("send_practice_reminders", "--date", "mardi")


# Transactional: the worker closes the database connection when it stops, which a test transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_sends_the_queued_reminders():
    agency = AgencyFactory()
    UserFactory(agency=agency, email="alice@example.fr")
    TeamSlotFactory(agency=agency, weekday=TUESDAY.weekday())

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}):
        output = remind()
        assert mail.outbox == []
        assert "1 rappel mis en file d'attente" in output
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload")

    assert [message.to for message in mail.outbox] == [["alice@example.fr"]]
    assert Reminder.objects.count() == 1


def queue(user, day=TUESDAY):
    """What the command queues for one agent; returns what the task did when it ran."""
    return send_practice_reminder.enqueue(user.pk, week_start(day).isoformat(), day.isoformat(), user.agency_id)


def test_a_reminder_that_runs_after_the_slot_day_is_not_sent(agent, slot, today):
    today["value"] = TUESDAY + datetime.timedelta(days=1)  # the worker was late: it is Wednesday in Paris

    assert queue(agent).return_value == "not today"
    assert mail.outbox == [] and not Reminder.objects.exists()


@pytest.mark.parametrize(
    "change, result",
    [
        ("account closed", "not an agent"),
        ("became a manager", "not an agent"),
        ("moved to another agency", "not an agent"),
        ("slot moved to Thursday", "no slot"),
        ("quarter finished", "done"),
    ],
)
def test_a_reminder_is_dropped_when_the_agent_is_no_longer_due_when_it_runs(agent, slot, other_agency, change, result):
    # Queued in the morning for the agent's agency; before the worker runs it, things changed.
    users = type(agent).objects.filter(pk=agent.pk)
    if change == "account closed":
        users.update(is_active=False)
    elif change == "became a manager":
        users.update(role="manager")
    elif change == "moved to another agency":
        users.update(agency=other_agency)
    elif change == "slot moved to Thursday":
        TeamSlot.objects.filter(pk=slot.pk).update(weekday=3)
    else:
        PracticeQuarter.objects.create(user=agent, week=WEEK, finished_at=timezone.now())

    assert queue(agent).return_value == result
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_the_command_counts_the_reminders_no_longer_due_when_another_day_is_processed(agent, slot, today):
    today["value"] = TUESDAY + datetime.timedelta(days=1)

    output = remind(TUESDAY)

    assert mail.outbox == []
    assert "0 rappel envoyé, 1 rappel sans objet" in output
