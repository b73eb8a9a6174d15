import datetime
import html

import icalendar
import pytest
from django.urls import reverse

from ere.practice.models import TeamSlot
from tests.practice.quarter_data import TeamSlotFactory

SLOT = reverse("practice:slot")
ICS = reverse("practice:slot_ics")


def text(response):
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    "role, status", [("agent", 403), ("trainer", 403), ("analyst", 403), ("champion", 200), ("manager", 200)]
)
def test_it_checks_access(client, login, request, role, status):
    response = client.get(SLOT)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(SLOT).status_code == status


def test_an_administrator_names_the_agency(login, admin_user, agency):
    client = login(admin_user)

    assert client.get(SLOT).status_code == 404
    assert client.get(f"{SLOT}?agence={agency.code}").status_code == 200


def test_the_manager_chooses_the_slot_of_their_agency(login, manager, agency):
    response = login(manager).post(SLOT, {"weekday": "1", "start": "08:45", "minutes": "15"}, follow=True)

    slot = TeamSlot.objects.get()
    assert (slot.agency, slot.weekday, slot.start, slot.minutes) == (agency, 1, datetime.time(8, 45), 15)
    assert slot.chosen_by == manager
    assert "Le créneau de l'équipe est enregistré : le mardi à 8 h 45, 15 minutes." in text(response)


def test_a_champion_changes_the_slot_of_their_agency(login, champion, agency):
    TeamSlotFactory(agency=agency, weekday=1, start=datetime.time(8, 45))

    login(champion).post(SLOT, {"weekday": "3", "start": "13:30", "minutes": "20"})

    slot = TeamSlot.objects.get()
    assert (slot.weekday, slot.start, slot.minutes, slot.chosen_by) == (3, datetime.time(13, 30), 20, champion)


def test_the_form_shows_the_current_slot(login, manager, agency):
    TeamSlotFactory(agency=agency, weekday=4, start=datetime.time(9, 15), minutes=20)

    content = text(login(manager).get(SLOT))

    assert "Créneau actuel : le vendredi à 9 h 15, 20 minutes." in content
    assert 'value="09:15"' in content


def test_an_agent_cannot_choose_the_slot(login, agent):
    assert login(agent).post(SLOT, {"weekday": "1", "start": "08:45", "minutes": "15"}).status_code == 403
    assert not TeamSlot.objects.exists()


def test_another_agencys_manager_changes_only_their_own_agency(login, other_manager, agency, other_agency):
    TeamSlotFactory(agency=agency, weekday=1, start=datetime.time(8, 45))

    login(other_manager).post(SLOT, {"weekday": "2", "start": "10:00", "minutes": "15"})

    assert TeamSlot.objects.get(agency=agency).weekday == 1
    assert TeamSlot.objects.get(agency=other_agency).weekday == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"weekday": "5", "start": "08:45", "minutes": "15"}, "Choisissez un jour du lundi au vendredi."),
        ({"weekday": "1", "start": "", "minutes": "15"}, "Indiquez l'heure de début."),
        ({"weekday": "1", "start": "8h45", "minutes": "15"}, "Indiquez une heure au format 08:45."),
        ({"weekday": "1", "start": "22:00", "minutes": "15"}, "Choisissez une heure de début entre 7 h et 19 h."),
        ({"weekday": "1", "start": "08:45", "minutes": "5"}, "Le créneau dure au moins 10 minutes."),
        ({"weekday": "1", "start": "08:45", "minutes": "90"}, "Le créneau dure au plus 60 minutes."),
    ],
)
def test_it_explains_a_wrong_slot_in_french(login, manager, data, message):
    response = login(manager).post(SLOT, data)

    assert response.status_code == 400
    assert message in text(response)
    assert not TeamSlot.objects.exists()


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://ere.example.fr"


def test_the_calendar_file_is_a_weekly_event_of_the_team_slot(login, agent, agency, site):
    TeamSlotFactory(agency=agency, weekday=1, start=datetime.time(8, 45), minutes=15)

    response = login(agent).get(ICS)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quart-d-heure-69001.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.events
    assert event["SUMMARY"] == "Quart d'heure de pratique — ERE Digitale"
    assert event["RRULE"] == icalendar.vRecur(freq="WEEKLY", byday="TU")
    assert event.start.tzinfo.key == "Europe/Paris"
    assert (event.start.weekday(), event.start.hour, event.start.minute) == (1, 8, 45)
    assert event.end - event.start == datetime.timedelta(minutes=15)
    # The site's public address, not the host that served the file.
    assert "https://ere.example.fr/pratique/" in event["DESCRIPTION"]
    assert event["URL"] == "https://ere.example.fr/pratique/"
    assert "testserver" not in response.content.decode()
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]


def test_the_calendar_event_keeps_its_uid_and_its_sequence_grows_when_the_slot_changes(
    login, agent, manager, agency, site
):
    slot = TeamSlotFactory(agency=agency, weekday=1, start=datetime.time(8, 45))
    TeamSlot.objects.filter(pk=slot.pk).update(updated_at=slot.updated_at - datetime.timedelta(days=3))
    before = icalendar.Calendar.from_ical(login(agent).get(ICS).content).events[0]
    assert login(agent).get(ICS, HTTP_HOST="localhost:8000").content == login(agent).get(ICS).content

    login(manager).post(SLOT, {"weekday": "3", "start": "14:00", "minutes": "15"})
    after = icalendar.Calendar.from_ical(login(agent).get(ICS).content).events[0]

    assert before["UID"] == after["UID"] == "quart-d-heure-69001@ere.example.fr"
    # A client updates the event it has only for a higher SEQUENCE: it grows with each change, within 32 bits.
    assert 0 < before["SEQUENCE"] < after["SEQUENCE"] < 2**31
    assert after["RRULE"]["BYDAY"] == ["TH"]


def test_the_calendar_file_of_an_agency_without_slot_is_a_french_404(login, agent, manager):
    response = login(agent).get(ICS)

    assert response.status_code == 404
    content = text(response)
    assert "Pas encore de créneau d'équipe" in content
    assert "Le manager de l'agence ou un référent numérique choisit le créneau." in content
    assert SLOT not in content
    assert SLOT in text(login(manager).get(ICS))
