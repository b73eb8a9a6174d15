import pytest
from django.urls import reverse

from ere.roleplay import sessions
from ere.roleplay.enums import Mode
from ere.roleplay.models import ForumLine
from tests.roleplay.factories import ForumLineFactory
from tests.roleplay.session_helpers import HTMX, REFUSED, outsider, seated, text


@pytest.fixture
def forum(trainer, agent, champion, admin_user):
    """Forum theatre: the agent and the champion replay the scene, the admin watches."""
    return seated(trainer, advisor=agent, interlocutor=champion, audience=[admin_user], mode=Mode.FORUM)


def url(name, session, *args):
    return reverse(f"roleplay:{name}", args=[session.code, *args])


def test_it_checks_access(client, login, forum, agent, admin_user, trainer):
    line = ForumLineFactory(session=forum, author=agent)
    posts = [
        (url("session_line", forum), {"text": "Regardons vos horaires."}),
        (url("session_vote", forum, line.pk), {}),
        (url("session_keep", forum, line.pk), {}),
        (url("session_scene", forum), {"scene": "La réplique ratée"}),
    ]
    for target, data in posts:
        response = client.post(target, data)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    for target, data in posts:
        assert login(outsider()).post(target, data).status_code == 403  # not in the session
    for target, data in posts[2:]:  # the facilitator's
        assert login(admin_user).post(target, data).status_code == 403
    for target, data in posts:
        assert login(trainer).post(target, data).status_code == 302


@pytest.mark.parametrize("role", REFUSED)
def test_managers_and_analysts_cannot_propose_or_vote(login, request, forum, agent, role):
    line = ForumLineFactory(session=forum, author=agent)
    client = login(request.getfixturevalue(role))

    assert client.post(url("session_line", forum), {"text": "Bonjour"}).status_code == 403
    assert client.post(url("session_vote", forum, line.pk)).status_code == 403
    assert line.voters.count() == 0


def test_the_audience_sees_the_scene_and_the_board_but_no_card(login, forum, admin_user):
    sessions.set_scene(forum, "« Ah, ça va être compliqué. »")

    content = text(login(admin_user).get(url("session", forum)))

    assert "Ah, ça va être compliqué." in content
    assert "Proposer ma réplique" in content
    assert "Vous ne pouvez payer qu'un temps partiel." not in content
    assert "Vous prenez l'appel." not in content


def test_a_line_is_proposed_with_htmx_and_the_board_comes_back(login, forum, admin_user):
    response = login(admin_user).post(url("session_line", forum), {"text": "Regardons vos horaires."}, **HTMX)

    content = text(response)
    assert ForumLine.objects.get().text == "Regardons vos horaires."
    assert 'id="line-form"' in content and 'hx-swap-oob="true"' in content
    assert "« Regardons vos horaires. »" in content
    assert "Votre réplique" in content


@pytest.mark.parametrize(
    ("typed", "message"),
    [("   ", "Écrivez votre réplique avant de la proposer."), ("a" * 300, "Votre réplique est trop longue")],
)
def test_an_empty_or_long_line_is_refused_in_french(login, forum, admin_user, typed, message):
    client = login(admin_user)

    assert message in text(client.post(url("session_line", forum), {"text": typed}, **HTMX))
    plain = client.post(url("session_line", forum), {"text": typed})
    assert plain.status_code == 400
    assert message in text(plain)
    assert not ForumLine.objects.exists()


def test_a_vote_toggles_and_nobody_votes_for_their_own_line(login, forum, agent, admin_user):
    line = ForumLineFactory(session=forum, author=agent, text="Un temps partiel, c'est possible.")
    client = login(admin_user)

    voted = text(client.post(url("session_vote", forum, line.pk), **HTMX))
    assert "1 vote" in voted and 'aria-pressed="true"' in voted
    unvoted = text(client.post(url("session_vote", forum, line.pk), **HTMX))
    assert "0 vote" in unvoted and 'aria-pressed="false"' in unvoted

    own = text(login(agent).post(url("session_vote", forum, line.pk), **HTMX))
    assert "Vous ne pouvez pas voter pour votre propre réplique." in own
    assert line.voters.count() == 0


def test_the_facilitator_keeps_a_line_as_an_example(login, forum, agent, trainer):
    line = ForumLineFactory(session=forum, author=agent)
    client = login(trainer)

    content = text(client.post(url("session_keep", forum, line.pk), {"kept": "1"}, **HTMX))
    assert "Gardée en exemple" in content and "Ne plus garder" in content
    line.refresh_from_db()
    assert line.is_kept
    client.post(url("session_keep", forum, line.pk), {"kept": "0"})
    line.refresh_from_db()
    assert not line.is_kept


def test_the_polling_refreshes_the_votes(login, forum, agent, admin_user, champion):
    line = ForumLineFactory(session=forum, author=agent)
    line.voters.add(champion)

    content = text(login(admin_user).get(url("session_state", forum), **HTMX))

    assert 'id="forum-board"' in content and "1 vote" in content


def test_the_facilitator_writes_the_scene(login, forum, trainer, admin_user):
    response = login(trainer).post(url("session_scene", forum), {"scene": "« Ça va être compliqué. »"}, **HTMX)

    assert "Scène mise à jour" in text(response)
    assert "Ça va être compliqué." in text(login(admin_user).get(url("session_state", forum), **HTMX))
    too_long = login(trainer).post(url("session_scene", forum), {"scene": "x" * 2001}, **HTMX)
    assert "La scène fait au plus 2000 caractères." in text(too_long)


def test_a_line_of_another_session_is_not_found(login, forum, trainer):
    other = ForumLineFactory(session=seated(trainer, mode=Mode.FORUM), author=trainer)

    assert login(trainer).post(url("session_vote", forum, other.pk)).status_code == 404


def test_a_role_play_has_no_forum(login, trainer):
    played = seated(trainer)

    assert login(trainer).post(url("session_line", played), {"text": "Bonjour"}).status_code == 404


def test_a_finished_session_refuses_lines_and_votes(login, forum, agent, admin_user):
    line = ForumLineFactory(session=forum, author=agent)
    sessions.finish(forum)
    client = login(admin_user)

    assert "Cette session est terminée" in text(client.post(url("session_vote", forum, line.pk), follow=True))
    assert "Cette session est terminée" in text(client.post(url("session_line", forum), {"text": "Hop"}, follow=True))
    assert line.voters.count() == 0
    assert ForumLine.objects.count() == 1
