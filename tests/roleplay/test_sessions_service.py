import datetime
from unittest import mock

import pytest
from django.db import IntegrityError
from django.utils import timezone

from ere.roleplay import sessions
from ere.roleplay.enums import Mode, RoleKind, Status
from ere.roleplay.models import ForumLine, Observation, Participant
from tests.roleplay.factories import (
    ForumLineFactory,
    ParticipantFactory,
    PlaySessionFactory,
    ScenarioFactory,
)

NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 10, 0))


@pytest.fixture
def session(trainer):
    return PlaySessionFactory(facilitator=trainer)


def test_it_reads_a_code_typed_in_lower_case_with_spaces_and_dashes(session):
    typed = f" {session.code[:3].lower()}-{session.code[3:].lower()} "

    assert sessions.normalize_code(typed) == session.code
    assert sessions.find_open(typed) == session
    assert sessions.find_open("") is None
    assert sessions.find_open("X" * 40) is None


def test_a_finished_session_cannot_be_joined_by_its_code(session):
    sessions.finish(session)

    assert sessions.find_open(session.code) is None
    assert sessions.find(session.code) == session


def test_it_opens_a_session_with_the_scenarios_duration_and_the_facilitator_observing(trainer):
    scenario = ScenarioFactory(minutes=12)

    opened = sessions.open_session(scenario, trainer, observe=True)

    assert (opened.duration, opened.mode, opened.status) == (12, Mode.ROLEPLAY, Status.WAITING)
    assert list(opened.participants.values_list("user", "role")) == [(trainer.pk, RoleKind.OBSERVER)]
    assert len(opened.code) == 6


def test_it_draws_another_code_when_the_first_is_taken(trainer, session):
    scenario = ScenarioFactory()
    codes = iter([session.code, "ZZZZZ2"])

    with mock.patch("ere.roleplay.sessions.new_code", side_effect=lambda: next(codes)):
        opened = sessions.open_session(scenario, trainer, mode=Mode.FORUM, duration=5)

    assert opened.code == "ZZZZZ2"
    assert (opened.mode, opened.duration) == (Mode.FORUM, 5)


def test_each_player_takes_a_free_role(session, agent, champion, admin_user):
    sessions.join(session, agent, RoleKind.ADVISOR)
    sessions.join(session, champion, RoleKind.INTERLOCUTOR)

    assert sessions.free_roles(session) == [RoleKind.OBSERVER]
    sessions.join(session, admin_user, RoleKind.OBSERVER)
    assert session.participants.count() == 3


def test_a_role_already_taken_is_refused_with_a_clear_message(session, agent, champion):
    sessions.join(session, agent, RoleKind.ADVISOR)

    with pytest.raises(sessions.SessionError, match="Ce rôle est déjà pris"):
        sessions.join(session, champion, RoleKind.ADVISOR)


def test_a_role_taken_meanwhile_ends_in_the_same_message_not_a_500(session, agent, champion):
    ParticipantFactory(session=session, user=agent, role=RoleKind.ADVISOR)
    # The check before the insert sees nothing (another request was faster): the database decides.
    with (
        mock.patch.object(Participant.objects, "create", side_effect=IntegrityError("unique")),
        pytest.raises(sessions.SessionError, match="Ce rôle est déjà pris"),
    ):
        sessions.join(session, champion, RoleKind.INTERLOCUTOR)


def test_joining_twice_in_the_same_role_changes_nothing(session, agent):
    first = sessions.join(session, agent, RoleKind.OBSERVER)

    assert sessions.join(session, agent, RoleKind.OBSERVER) == first
    assert session.participants.count() == 1


def test_joining_again_in_another_role_says_which_role_one_has(session, agent):
    sessions.join(session, agent, RoleKind.OBSERVER)

    with pytest.raises(sessions.SessionError, match="déjà à cette session comme observateur"):
        sessions.join(session, agent, RoleKind.ADVISOR)


def test_the_facilitator_may_observe_but_never_play(session, trainer):
    assert RoleKind.ADVISOR not in sessions.free_roles(session, trainer)
    with pytest.raises(sessions.SessionError, match="voyez toutes les fiches"):
        sessions.join(session, trainer, RoleKind.ADVISOR)

    sessions.join(session, trainer, RoleKind.OBSERVER)


def test_the_audience_is_a_role_of_forum_theatre_only(session, agent, champion):
    forum = PlaySessionFactory(mode=Mode.FORUM)

    with pytest.raises(sessions.SessionError, match="rôles proposés"):
        sessions.join(session, agent, RoleKind.AUDIENCE)
    sessions.join(forum, agent, RoleKind.AUDIENCE)
    sessions.join(forum, champion, RoleKind.AUDIENCE)
    assert forum.participants.filter(role=RoleKind.AUDIENCE).count() == 2


def test_nobody_joins_a_finished_session(session, agent):
    sessions.finish(session)

    with pytest.raises(sessions.SessionError, match="terminée"):
        sessions.join(session, agent, RoleKind.OBSERVER)


def test_start_and_finish_are_idempotent(session):
    sessions.start(session, now=NOW)
    sessions.start(session, now=NOW + datetime.timedelta(minutes=3))

    assert (session.status, session.started_at) == (Status.RUNNING, NOW)
    sessions.finish(session, now=NOW + datetime.timedelta(minutes=11))
    sessions.finish(session, now=NOW + datetime.timedelta(minutes=20))
    assert (session.status, session.ended_at) == (Status.FINISHED, NOW + datetime.timedelta(minutes=11))
    with pytest.raises(sessions.SessionError, match="terminée"):
        sessions.start(session)


def test_the_deadline_and_the_clock_follow_the_duration(session):
    assert session.deadline() is None
    assert sessions.clock(session, NOW)["phase"] == sessions.WAITING

    sessions.start(session, now=NOW)

    assert session.deadline() == NOW + datetime.timedelta(minutes=10)
    clock = sessions.clock(session, NOW + datetime.timedelta(minutes=3, seconds=30))
    assert (clock["phase"], clock["minutes_left"]) == (sessions.RUNNING, 7)
    assert clock["end_time"] == "10\u00a0h\u00a010"
    assert sessions.clock(session, NOW + datetime.timedelta(minutes=8, seconds=30))["phase"] == sessions.LAST
    assert sessions.clock(session, NOW + datetime.timedelta(minutes=12))["phase"] == sessions.TIME_UP
    assert sessions.clock(session, NOW + datetime.timedelta(minutes=12))["minutes_left"] == 0
    sessions.finish(session)
    assert sessions.clock(session)["phase"] == sessions.FINISHED


def test_it_announces_the_phases_but_not_the_waiting(session):
    assert sessions.announcement(sessions.WAITING) == ""
    assert sessions.announcement(sessions.RUNNING, "10 h") == "La session commence. Fin prévue à 10 h."
    assert sessions.announcement(sessions.LAST) == "Plus que 2 minutes."
    assert "terminée" in sessions.announcement(sessions.FINISHED)


def test_an_observation_saved_again_replaces_the_first(session, agent):
    criterion = session.scenario.criteria.first()

    sessions.save_observation(session, agent, criterion, 2, "Un peu de jargon")
    sessions.save_observation(session, agent, criterion, 3, "  Mieux ensuite ")

    observation = Observation.objects.get()
    assert (observation.level, observation.note) == (3, "Mieux ensuite")


def test_an_observation_refuses_a_criterion_of_another_scenario_or_a_bad_level(session, agent):
    other = ScenarioFactory().criteria.first()

    with pytest.raises(sessions.SessionError, match="ne fait pas partie"):
        sessions.save_observation(session, agent, other, 2)
    with pytest.raises(sessions.SessionError, match="de 1 à 4"):
        sessions.save_observation(session, agent, session.scenario.criteria.first(), 7)


def test_a_grid_saves_only_what_was_filled(session, agent):
    first, second, third = session.scenario.criteria.all()

    sessions.save_grid(session, agent, {first: (4, ""), second: (None, "À revoir"), third: (None, "")})

    assert Observation.objects.count() == 2
    sessions.save_grid(session, agent, {first: (None, "")})  # emptied after being filled: kept, emptied
    assert Observation.objects.get(criterion=first).level is None


def test_a_finished_session_refuses_observations(session, agent):
    sessions.finish(session)

    with pytest.raises(sessions.SessionError, match="terminée"):
        sessions.save_observation(session, agent, session.scenario.criteria.first(), 2)


def test_a_line_is_proposed_once_and_must_say_something(agent):
    forum = PlaySessionFactory(mode=Mode.FORUM)

    line = sessions.propose_line(forum, agent, "  Regardons   ensemble vos horaires. ")

    assert line.text == "Regardons ensemble vos horaires."
    assert sessions.propose_line(forum, agent, "Regardons ensemble vos horaires.") == line
    with pytest.raises(sessions.SessionError, match="Écrivez votre réplique"):
        sessions.propose_line(forum, agent, "   ")
    with pytest.raises(sessions.SessionError, match="trop longue"):
        sessions.propose_line(forum, agent, "a" * 281)
    with pytest.raises(sessions.SessionError, match="théâtre forum"):
        sessions.propose_line(PlaySessionFactory(), agent, "Bonjour")


def test_a_vote_toggles_and_counts_once_per_person(agent, champion, admin_user):
    line = ForumLineFactory(session=PlaySessionFactory(mode=Mode.FORUM), author=admin_user)

    assert sessions.vote(line, agent) is True
    assert sessions.vote(line, champion) is True
    assert line.voters.count() == 2
    assert sessions.vote(line, agent) is False
    assert list(line.voters.all()) == [champion]
    assert sessions.lines_of(line.session, champion)[0].has_my_vote
    assert sessions.lines_of(line.session, champion)[0].votes == 1


def test_nobody_votes_for_their_own_line(agent):
    line = ForumLineFactory(session=PlaySessionFactory(mode=Mode.FORUM), author=agent)

    with pytest.raises(sessions.SessionError, match="votre propre réplique"):
        sessions.vote(line, agent)


def test_kept_lines_of_finished_sessions_show_on_the_scenario(agent, champion):
    forum = PlaySessionFactory(mode=Mode.FORUM)
    best = ForumLineFactory(session=forum, author=agent, text="La meilleure")
    ForumLineFactory(session=forum, author=agent, text="Une autre")
    sessions.keep_line(best)
    sessions.keep_line(best)  # twice: still kept
    best.voters.add(agent, champion)

    assert list(sessions.kept_lines(forum.scenario)) == []  # not before the end of the session
    sessions.finish(forum)
    kept = list(sessions.kept_lines(forum.scenario))
    assert [(line.text, line.votes) for line in kept] == [("La meilleure", 2)]
    with pytest.raises(sessions.SessionError, match="terminée"):
        sessions.keep_line(best, kept=False)
    assert ForumLine.objects.get(pk=best.pk).is_kept


def test_the_results_give_each_criterion_the_levels_of_every_observer_and_their_mean(
    session, agent, champion, trainer
):
    ParticipantFactory(session=session, user=agent, role=RoleKind.ADVISOR)
    ParticipantFactory(session=session, user=champion, role=RoleKind.OBSERVER)
    ParticipantFactory(session=session, user=trainer, role=RoleKind.OBSERVER)
    first, second, _third = session.scenario.criteria.all()
    sessions.save_observation(session, champion, first, 2, "Hésitant")
    sessions.save_observation(session, trainer, first, 3)
    sessions.save_observation(session, trainer, second, 4)

    outcome = sessions.results(session)

    assert outcome["advisor"].user == agent
    assert [(row["criterion"], row["mean"]) for row in outcome["grid"]] == [(first, 2.5), (second, 4), (_third, None)]
    assert [(o.observer, o.level, o.note) for o in outcome["grid"][0]["rows"]] == [
        (champion, 2, "Hésitant"),
        (trainer, 3, ""),
    ]


def test_my_sessions_are_those_i_run_or_play_open_first(agent, trainer):
    finished = PlaySessionFactory(facilitator=trainer)
    ParticipantFactory(session=finished, user=agent, role=RoleKind.ADVISOR)
    ParticipantFactory(session=finished, user=trainer, role=RoleKind.INTERLOCUTOR)
    sessions.finish(finished)
    mine = PlaySessionFactory(facilitator=agent)
    PlaySessionFactory()  # somebody else's

    listed = list(sessions.sessions_of(agent))

    assert listed == [mine, finished]
    assert listed[1].seats == 2  # every seat, not only mine
    assert [seat.role for seat in listed[1].my_seats] == [RoleKind.ADVISOR]
