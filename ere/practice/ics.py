"""The team's weekly slot as an iCalendar file, for the agents' own calendars (Outlook, Thunderbird…)."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

PARIS = ZoneInfo("Europe/Paris")
SUMMARY = "Quart d'heure de pratique — ERE Digitale"
BYDAY = ["MO", "TU", "WE", "TH", "FR"]


def uid(slot, domain):
    """Stable per agency: importing the file again updates the event instead of adding a second one."""
    return f"quart-d-heure-{slot.agency.code}@{domain}"


def first_occurrence(slot):
    """The slot's day in the week it was chosen: stable while the slot does not change."""
    chosen = timezone.localdate(slot.updated_at) if slot.updated_at else timezone.localdate()
    monday = chosen - datetime.timedelta(days=chosen.weekday())
    day = monday + datetime.timedelta(days=slot.weekday)
    return datetime.datetime.combine(day, slot.start, tzinfo=PARIS)


def slot_calendar(slot, link, domain):
    """The calendar (bytes) of one weekly recurring event: the team's slot, with a link to the practice page."""
    start = first_occurrence(slot)
    stamp = (slot.updated_at or timezone.now()).astimezone(datetime.UTC)
    event = Event.new(
        uid=uid(slot, domain),
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
