import pytest
from django.urls import reverse

from ere.roleplay import sessions
from ere.roleplay.enums import Mode
from tests.roleplay.factories import ForumLineFactory
from tests.roleplay.session_helpers import REFUSED, outsider, seated, text


@pytest.fixture
def played(trainer, agent, champion, admin_user):
    session = seated(trainer, advisor=agent, interlocutor=champion, observer=admin_user)
    sessions.join(session, trainer, "observer")
    first, second, _third = session.scenario.criteria.all()
    sessions.save_observation(session, admin_user, first, 2, "Hésite au début")
    sessions.save_observation(session, trainer, first, 3, "")
    sessions.save_observation(session, trainer, second, 4, "Aucun sigle")
    sessions.finish(session)
    return session


def url(session):
    return reverse("roleplay:session_results", args=[session.code])


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_it_checks_access(client, login, request, played, role):
    response = client.get(url(played))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

    assert login(request.getfixturevalue(role)).get(url(played)).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_managers_and_analysts_never_see_results(login, request, played, role):
    assert login(request.getfixturevalue(role)).get(url(played)).status_code == 403


def test_a_non_participant_cannot_see_a_finished_session(login, played):
    assert login(outsider()).get(url(played)).status_code == 404


def test_the_results_show_each_observers_levels_notes_and_the_mean(login, played, agent):
    content = " ".join(text(login(agent).get(url(played))).split())

    assert "Grille d'observation de Alice Martin" in content
    assert "Niveau moyen 2,5 sur 4" in content
    assert "2 – En partie" in content and "Hésite au début" in content
    assert "4 – Exemplaire" in content and "Aucun sigle" in content
    assert "Pas noté." in content  # the third criterion
    assert ": conseiller" in content and ": observateur" in content


def test_the_results_link_to_the_transcript_analysis_when_it_exists(login, played, agent):
    content = text(login(agent).get(url(played)))

    try:
        target = reverse("roleplay:transcript_new")
    except Exception:
        assert "Analyser la transcription" not in content
    else:
        assert f"{target}?session={played.code}" in content


def test_the_results_wait_for_the_end_of_the_session(login, trainer, agent):
    running = seated(trainer, advisor=agent)

    response = login(agent).get(url(running), follow=True)

    assert "Le bilan sera disponible quand l'animateur aura terminé la session." in text(response)


def test_the_results_of_a_forum_show_the_kept_lines(login, trainer, agent, admin_user):
    forum = seated(trainer, audience=[agent, admin_user], mode=Mode.FORUM)
    kept = ForumLineFactory(session=forum, author=agent, text="Regardons vos horaires ensemble.")
    ForumLineFactory(session=forum, author=admin_user, text="Pas de souci.")
    kept.voters.add(admin_user)
    sessions.keep_line(kept)
    sessions.finish(forum)

    content = text(login(admin_user).get(url(forum)))

    assert "Répliques gardées en exemple" in content
    assert "« Regardons vos horaires ensemble. »" in content
    assert "Toutes les répliques proposées (2)" in content
