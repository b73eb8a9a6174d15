import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ere.roleplay import sessions
from ere.roleplay.enums import Mode, RoleKind, Status
from ere.roleplay.models import Participant, PlaySession
from tests.roleplay.factories import ForumLineFactory, ParticipantFactory, PlaySessionFactory
from tests.roleplay.session_helpers import HTMX, REFUSED, outsider, seated, text

HIDDEN = "Vous ne pouvez payer qu'un temps partiel."
REACTIONS = "Vous vous agacez si l'on emploie des sigles."


def room(session):
    return reverse("roleplay:session", args=[session.code])


def url(name, session):
    return reverse(f"roleplay:{name}", args=[session.code])


@pytest.fixture
def played(trainer, agent, champion, admin_user):
    """A session run by the trainer: the agent advises, the champion plays the employer, the admin observes."""
    return seated(trainer, advisor=agent, interlocutor=champion, observer=admin_user)


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_it_checks_access(client, login, request, played, role):
    response = client.get(room(played))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(room(played)).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", ["session", "session_state", "session_results"])
def test_managers_and_analysts_never_see_a_session(login, request, played, role, name):
    assert login(request.getfixturevalue(role)).get(url(name, played)).status_code == 403


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", ["session_role", "session_start", "session_finish", "session_observe"])
def test_managers_and_analysts_change_nothing(login, request, played, role, name):
    response = login(request.getfixturevalue(role)).post(url(name, played), {"role": "observer"})

    assert response.status_code == 403
    assert PlaySession.objects.get().status == Status.WAITING


def test_the_advisor_never_sees_the_interlocutors_card(login, played, agent):
    content = text(login(agent).get(room(played)))

    assert "Conseiller entreprises" in content
    assert "Vous prenez l'appel." in content
    assert HIDDEN not in content
    assert REACTIONS not in content
    assert "Mme Durand, gérante" not in content
    assert "Grille d'observation" not in content


def test_the_interlocutor_sees_their_hidden_information_and_reactions_only(login, played, champion):
    content = text(login(champion).get(room(played)))

    assert HIDDEN in content and REACTIONS in content
    assert "Vous prenez l'appel." not in content
    assert "Notez la grille pendant l'appel." not in content


def test_the_observer_sees_the_advisors_card_and_the_grid_not_the_hidden_information(login, played, admin_user):
    content = text(login(admin_user).get(room(played)))

    assert "Notez la grille pendant l'appel." in content
    assert "Vous prenez l'appel." in content
    assert "Grille d'observation" in content
    assert "Net et vérifié auprès de l'interlocuteur" in content  # a level's descriptor, as its hint
    assert HIDDEN not in content


def test_the_facilitator_sees_every_card_the_code_and_the_controls(login, played, trainer):
    content = text(login(trainer).get(room(played)))

    assert HIDDEN in content and "Vous prenez l'appel." in content and "Notez la grille" in content
    assert played.code in content
    assert ", ".join(played.code) in content  # spelled out for screen readers
    assert f"{reverse('roleplay:join')}?code={played.code}" in content
    assert "Démarrer le minuteur" in content and "Terminer la session" in content
    assert "Grille d'observation" not in content  # not observing: no grid


def test_a_participant_has_no_controls(login, played, agent):
    content = text(login(agent).get(room(played)))

    assert "Démarrer le minuteur" not in content
    assert "Terminer la session" not in content


def test_a_non_participant_with_the_code_is_offered_a_free_role(login, played):
    stranger = outsider()
    content = text(login(stranger).get(room(played)))

    assert "Choisissez votre rôle" in content
    assert 'value="observer"' in content
    assert 'value="advisor"' not in content  # taken
    assert HIDDEN not in content and "Vous prenez l'appel." not in content


def test_the_room_takes_a_code_typed_in_lower_case(login, played, agent):
    response = login(agent).get(reverse("roleplay:session", args=[played.code.lower()]))

    assert response.status_code == 302
    assert response.url == room(played)


def test_an_unknown_code_is_not_found(login, agent):
    assert login(agent).get(reverse("roleplay:session", args=["ZZZZZZ"])).status_code == 404


def test_a_finished_session_is_not_found_for_a_non_participant_and_leads_members_to_the_results(login, played, agent):
    sessions.finish(played)

    assert login(outsider()).get(room(played)).status_code == 404
    response = login(agent).get(room(played))
    assert response.status_code == 302
    assert response.url == url("session_results", played)


def test_choosing_a_free_role_seats_the_user(login, trainer):
    session = PlaySessionFactory(facilitator=trainer)
    player = outsider()

    response = login(player).post(url("session_role", session), {"role": "interlocutor"})

    assert response.status_code == 302
    assert Participant.objects.get(session=session).user == player
    assert HIDDEN in text(login(player).get(room(session)))


def test_a_role_taken_meanwhile_is_refused_with_a_clear_message(login, played):
    response = login(outsider()).post(url("session_role", played), {"role": "advisor"})

    assert response.status_code == 400
    assert "Ce rôle est déjà pris" in text(response)
    assert played.participants.count() == 3


def test_a_role_that_does_not_exist_is_refused(login, played):
    response = login(outsider()).post(url("session_role", played), {"role": "director"})

    assert response.status_code == 400
    assert "Choisissez un des rôles proposés" in text(response) or "n'est plus libre" in text(response)


def test_a_member_choosing_again_is_told_their_role(login, played, agent):
    response = login(agent).post(url("session_role", played), {"role": "observer"}, follow=True)

    assert "Vous participez déjà à cette session comme conseiller." in text(response)


def test_nobody_joins_a_finished_session(login, played):
    sessions.finish(played)

    assert login(outsider()).post(url("session_role", played), {"role": "observer"}).status_code == 404


@pytest.mark.parametrize("name", ["session_start", "session_finish"])
def test_only_the_facilitator_starts_and_ends(login, played, agent, admin_user, name):
    assert login(agent).post(url(name, played)).status_code == 403
    assert login(admin_user).post(url(name, played)).status_code == 403
    assert login(outsider()).post(url(name, played)).status_code == 403
    played.refresh_from_db()
    assert played.status == Status.WAITING


@pytest.mark.parametrize("name", ["session_start", "session_finish", "session_state", "session_results"])
def test_get_does_not_change_anything(login, played, trainer, name):
    response = login(trainer).get(url(name, played))

    assert response.status_code in (302, 405)
    played.refresh_from_db()
    assert played.status == Status.WAITING


def test_the_facilitator_starts_the_shared_timer(login, played, trainer, agent):
    response = login(trainer).post(url("session_start", played), follow=True)

    played.refresh_from_db()
    assert played.status == Status.RUNNING
    assert "La session a démarré : fin prévue à" in text(response)
    content = text(login(agent).get(room(played)))
    assert "Fin prévue à" in content
    assert "Il reste environ 10 minutes" in content


def test_starting_with_htmx_returns_the_state_and_announces_the_start(login, played, trainer):
    response = login(trainer).post(url("session_start", played), {"phase": "waiting"}, **HTMX)

    content = text(response)
    assert 'id="session-state"' in content
    assert "Il reste environ 10 minutes" in content
    assert "La session commence. Fin prévue à" in content
    assert "<html" not in content


def test_ending_the_session_opens_the_results(login, played, trainer):
    client = login(trainer)
    response = client.post(url("session_finish", played))

    assert response.url == url("session_results", played)
    played.refresh_from_db()
    assert played.status == Status.FINISHED
    htmx = client.post(url("session_finish", played), **HTMX)  # twice: nothing changes, the results again
    assert htmx["HX-Redirect"] == url("session_results", played)


def test_a_finished_session_refuses_to_start(login, played, trainer):
    sessions.finish(played)

    response = login(trainer).post(url("session_start", played), follow=True)

    assert "Cette session est terminée" in text(response)
    played.refresh_from_db()
    assert played.started_at is None


class TestState:
    def test_it_checks_access(self, client, login, played, agent, trainer):
        state = url("session_state", played)
        response = client.get(state, **HTMX)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

        assert login(agent).get(state, **HTMX).status_code == 200
        assert login(trainer).get(state, **HTMX).status_code == 200
        assert login(outsider()).get(state, **HTMX).status_code == 403
        sessions.finish(played)
        assert login(outsider()).get(state, **HTMX).status_code == 404

    def test_it_polls_every_few_seconds_until_the_end(self, login, played, agent, settings):
        settings.ROLEPLAY_POLL_SECONDS = 2
        client = login(agent)

        content = text(client.get(url("session_state", played), **HTMX))
        assert 'hx-trigger="every 2s"' in content
        assert f"{url('session_state', played)}?phase=waiting" in content

        sessions.finish(played)
        finished = text(client.get(url("session_state", played), {"phase": "waiting"}, **HTMX))
        assert "hx-trigger" not in finished
        assert "Voir le bilan" in finished
        assert "La session est terminée. Le bilan est disponible." in finished

    def test_it_shows_the_participants_as_they_join(self, login, trainer):
        session = PlaySessionFactory(facilitator=trainer)
        client = login(trainer)
        assert "Alice" not in text(client.get(url("session_state", session), **HTMX))

        ParticipantFactory(session=session, user=outsider(first_name="Alice"), role=RoleKind.ADVISOR)

        assert "Alice" in text(client.get(url("session_state", session), **HTMX))

    def test_it_announces_only_a_change_of_phase(self, login, played, agent):
        client = login(agent)
        sessions.start(played, now=timezone.now() - datetime.timedelta(minutes=8, seconds=30))

        assert "Plus que 2 minutes." in text(client.get(url("session_state", played), {"phase": "running"}, **HTMX))
        assert "Plus que 2 minutes." not in text(client.get(url("session_state", played), {"phase": "last"}, **HTMX))
        assert "session-announce" not in text(client.get(url("session_state", played), {"phase": "last"}, **HTMX))

    def test_it_says_when_the_time_is_up(self, login, played, agent):
        sessions.start(played, now=timezone.now() - datetime.timedelta(minutes=11))

        content = text(login(agent).get(url("session_state", played), {"phase": "last"}, **HTMX))

        assert "Temps écoulé" in content
        assert "Le temps est écoulé." in content

    def test_the_polling_costs_a_few_queries_whatever_the_session_holds(
        self, login, trainer, agent, champion, admin_user, django_assert_max_num_queries
    ):
        forum = seated(trainer, advisor=agent, interlocutor=champion, audience=[admin_user], mode=Mode.FORUM)
        for number in range(8):
            ForumLineFactory(session=forum, author=agent, text=f"Réplique {number}")
        client = login(admin_user)

        with django_assert_max_num_queries(9):  # every participant polls every few seconds
            client.get(url("session_state", forum), **HTMX)

    def test_without_htmx_it_leads_to_the_room(self, login, played, agent):
        response = login(agent).get(url("session_state", played))

        assert response.status_code == 302
        assert response.url == room(played)

    def test_the_room_works_without_javascript(self, login, played, agent):
        content = text(login(agent).get(room(played)))

        assert "<noscript>" in content
        assert f'href="{room(played)}">Rafraîchir' in content
