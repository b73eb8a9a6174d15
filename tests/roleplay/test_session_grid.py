import re

import pytest
from django.urls import reverse

from ere.roleplay import sessions
from ere.roleplay.models import Observation
from tests.roleplay.session_helpers import HTMX, REFUSED, outsider, seated, text


@pytest.fixture
def played(trainer, agent, champion, admin_user):
    return seated(trainer, advisor=agent, interlocutor=champion, observer=admin_user)


def grid_url(session):
    return reverse("roleplay:session_observe", args=[session.code])


def grid_data(session, levels, notes=None):
    data = {}
    for index, criterion in enumerate(session.scenario.criteria.all()):
        if index < len(levels) and levels[index] is not None:
            data[f"level-{criterion.pk}"] = levels[index]
        data[f"note-{criterion.pk}"] = (notes or {}).get(index, "")
    return data


def test_it_checks_access(client, login, played, agent, champion, trainer, admin_user):
    data = grid_data(played, [3])
    response = client.post(grid_url(played), data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    for player in (agent, champion, trainer, outsider()):  # the facilitator who does not observe, too
        assert login(player).post(grid_url(played), data).status_code == 403
    assert not Observation.objects.exists()
    assert login(admin_user).post(grid_url(played), data).status_code == 302
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("role", REFUSED)
def test_managers_and_analysts_cannot_observe(login, request, played, role):
    assert login(request.getfixturevalue(role)).post(grid_url(played), grid_data(played, [3])).status_code == 403


def test_a_non_participant_cannot_post_observations_to_a_finished_session(login, played):
    sessions.finish(played)

    assert login(outsider()).post(grid_url(played), grid_data(played, [3])).status_code == 404
    assert not Observation.objects.exists()


def test_each_change_is_saved_by_htmx_and_says_so(login, played, admin_user):
    client = login(admin_user)

    response = client.post(grid_url(played), grid_data(played, [2, None, 4], {1: "Deux sigles"}), **HTMX)

    assert "Enregistré à" in text(response)
    assert "<html" not in text(response)
    saved = {o.criterion.order: (o.level, o.note) for o in Observation.objects.select_related("criterion")}
    assert saved == {0: (2, ""), 1: (None, "Deux sigles"), 2: (4, "")}
    client.post(grid_url(played), grid_data(played, [3, None, 4], {1: "Deux sigles"}), **HTMX)
    assert Observation.objects.count() == 3
    assert Observation.objects.get(criterion__order=0).level == 3


def test_the_grid_shows_what_the_observer_saved(login, played, admin_user):
    client = login(admin_user)
    client.post(grid_url(played), grid_data(played, [2], {0: "Hésitant au début"}))

    content = text(client.get(reverse("roleplay:session", args=[played.code])))

    criterion = played.scenario.criteria.first()
    assert re.search(rf'id="level-{criterion.pk}-2"[^>]*checked', content)
    assert not re.search(rf'id="level-{criterion.pk}-3"[^>]*checked', content)
    assert "Hésitant au début" in content


def test_each_observer_fills_their_own_grid(login, played, admin_user, trainer):
    sessions.join(played, trainer, "observer")
    login(admin_user).post(grid_url(played), grid_data(played, [2]))
    login(trainer).post(grid_url(played), grid_data(played, [4]))

    assert sorted(Observation.objects.values_list("level", flat=True)) == [2, 4]


def test_a_bad_level_gets_a_french_message_and_saves_nothing(login, played, admin_user):
    client = login(admin_user)
    criterion = played.scenario.criteria.first()

    htmx = client.post(grid_url(played), {f"level-{criterion.pk}": "9"}, **HTMX)
    plain = client.post(grid_url(played), {f"level-{criterion.pk}": "un"})

    assert "Grille non enregistrée" in text(htmx)
    assert plain.status_code == 400
    assert "Choisissez un niveau de 1 à 4." in text(plain)
    assert not Observation.objects.exists()


def test_a_finished_session_refuses_the_grid_with_a_message(login, played, admin_user):
    sessions.finish(played)
    client = login(admin_user)

    htmx = client.post(grid_url(played), grid_data(played, [3]), **HTMX)
    plain = client.post(grid_url(played), grid_data(played, [3]), follow=True)

    assert "Cette session est terminée" in text(htmx)
    assert "Cette session est terminée" in text(plain)
    assert not Observation.objects.exists()
