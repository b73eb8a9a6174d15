"""The reminder of the practice quarter: on the team's slot day, one e-mail a week to each agent who has not done it.

`send_practice_reminders` (the management command, run every weekday morning by the scheduler) lists who is due
(`due_reminders`) and queues one `send_practice_reminder` task each; the task records the Reminder before sending,
so that a reminder queued twice is sent once. The task may run late (a busy worker, a worker restarted the next day):
it checks again, when it runs, that the reminder is still due today.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from ere.org.access import FRONTLINE
from ere.org.models import User
from ere.practice.models import PracticeQuarter, Reminder, TeamSlot, week_start

PARIS = ZoneInfo("Europe/Paris")


def paris_today():
    """Today in Europe/Paris, where the slots are."""
    return timezone.localdate(timezone.now(), timezone=PARIS)


def french_time(value):
    """08:45 → « 8 h 45 », 14:00 → « 14 h »."""
    return f"{value.hour} h {value.minute:02d}" if value.minute else f"{value.hour} h"


def due_reminders(today):
    """The slots of `today`, and the agents of their agencies to remind: active, not done, not reminded this week.

    Returns (slots, agents, finished, reminded): the two last are the numbers of agents left out, for the summary.
    """
    week = week_start(today)
    slots = list(TeamSlot.objects.filter(weekday=today.weekday()).select_related("agency"))
    team = User.objects.active().filter(role__in=FRONTLINE, agency__in=[slot.agency_id for slot in slots])
    done = set(
        PracticeQuarter.objects.filter(week=week, finished_at__isnull=False, user__in=team).values_list(
            "user", flat=True
        )
    )
    sent = set(Reminder.objects.filter(week=week, user__in=team).values_list("user", flat=True))
    agents = [user for user in team.order_by("pk") if user.pk not in done and user.pk not in sent]
    return slots, agents, len(done), len(sent - done)


def reminder_message(user, slot):
    """The e-mail (subject, plain text, HTML), in French, with the slot time and the link."""
    context = {
        "user": user,
        "slot": slot,
        "time": french_time(slot.start),
        "link": f"{settings.SITE_URL}{reverse('practice:quarter')}",
        "home_link": f"{settings.SITE_URL}{reverse('practice:home')}",
    }
    subject = f"Votre quart d'heure de pratique, aujourd'hui à {context['time']}"
    text = render_to_string("practice/quarter_reminder_email.txt", context)
    html = render_to_string("practice/quarter_reminder_email.html", context)
    return subject, text, html


@task()
def send_practice_reminder(user_id, week, day=None, agency_id=None):
    """Send this week's reminder to one agent, unless it is no longer due when the task runs.

    `day` (ISO date) is the slot day the reminder was queued for and `agency_id` the agency whose slot it is; the
    task checks again that it is that day in Europe/Paris (not the next one: a reminder « aujourd'hui à 8 h 45 »
    that runs late is dropped), that the agency's slot is still on that weekday, that the user is still an active
    agent or champion of that agency, and that their quarter of the week is not finished, nor the reminder sent.
    Returns what happened, in a word: « sent », « already sent », « done », « not today », « no slot », « not an
    agent ».
    """
    week = datetime.date.fromisoformat(week)
    day = datetime.date.fromisoformat(day) if day else None
    if day is not None and (paris_today() != day or week_start(day) != week):
        return "not today"
    user = (
        User.objects.active()
        .filter(pk=user_id, role__in=FRONTLINE, agency__isnull=False)
        .select_related("agency__practice_slot")
        .first()
    )
    if user is None or (agency_id is not None and user.agency_id != agency_id):
        return "not an agent"
    slot = getattr(user.agency, "practice_slot", None)
    if slot is None or (day is not None and slot.weekday != day.weekday()):
        return "no slot"
    if PracticeQuarter.objects.filter(user=user, week=week, finished_at__isnull=False).exists():
        return "done"
    subject, text, html = reminder_message(user, slot)
    try:
        with transaction.atomic():
            # Recorded first, in the same transaction as the sending: a failed sending leaves no Reminder.
            Reminder.objects.create(user=user, week=week, sent_at=timezone.now())
            message = EmailMultiAlternatives(subject, text, to=[user.email])
            message.attach_alternative(html, "text/html")
            message.send()
    except IntegrityError:
        return "already sent"
    return "sent"
