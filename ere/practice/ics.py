"""The team's weekly slot as an iCalendar file, for the agents' own calendars (Outlook, Thunderbird…)."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

PARIS = ZoneInfo("Europe/Paris")
SUMMARY = "Quart d'heure de pratique — ERE Digitale"
BYDAY = ["MO", "TU", "WE", "TH", "FR"]
# SEQUENCE counts the slot's revisions: the seconds from this date to its last change, a number that only grows and
# stays far below 2³¹ (some clients read it as a 32-bit integer).
SEQUENCE_EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def domain(site_url):
    """The host name of the site's public address (settings.SITE_URL): « ere.example.fr »."""
    return urlsplit(site_url).hostname or "localhost"


def sequence(slot):
    """The event's revision: grows each time the slot changes, so that a client updates the event it already has."""
    if slot.updated_at is None:
        return 0
    return max(0, int((slot.updated_at - SEQUENCE_EPOCH).total_seconds()))


def uid(slot, host):
    """Stable per agency: importing the file again updates the event instead of adding a second one."""
    return f"quart-d-heure-{slot.agency.code}@{host}"


def first_occurrence(slot):
    """The slot's day in the week it was chosen: stable while the slot does not change."""
    chosen = timezone.localdate(slot.updated_at) if slot.updated_at else timezone.localdate()
    monday = chosen - datetime.timedelta(days=chosen.weekday())
    day = monday + datetime.timedelta(days=slot.weekday)
    return datetime.datetime.combine(day, slot.start, tzinfo=PARIS)


def slot_calendar(slot, link, host):
    """The calendar (bytes) of one weekly recurring event: the team's slot, with a link to the practice page."""
    start = first_occurrence(slot)
    stamp = (slot.updated_at or timezone.now()).astimezone(datetime.UTC)
    event = Event.new(
        uid=uid(slot, host),
        stamp=stamp,
        start=start,
        end=start + datetime.timedelta(minutes=slot.minutes),
        summary=SUMMARY,
        description=(
            f"Le quart d'heure de pratique de l'équipe ({slot.agency.name}) : {slot.minutes} minutes de questions "
            f"choisies pour vous sur les outils de votre métier.\n\nCommencer : {link}"
        ),
        url=link,
        last_modified=stamp,
        sequence=sequence(slot),
    )
    event.add("rrule", vRecur(freq="WEEKLY", byday=BYDAY[slot.weekday]))
    calendar = Calendar.new(
        prodid="-//ERE Digitale//Quart d'heure de pratique//FR",
        uid=f"ere-digitale-{slot.agency.code}",
        name=SUMMARY,
        subcomponents=[event],
    )
    # The Paris rules from a year before the first occurrence: enough for any client, and a short file.
    calendar.add_missing_timezones(first_date=start.date() - datetime.timedelta(days=366))
    return calendar.to_ical()


def filename(slot):
    return f"quart-d-heure-{slot.agency.code}.ics"
