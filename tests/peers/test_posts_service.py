"""The services of tips and questions (ere/peers/posts.py): writing, answers, votes, the accepted answer, outdated
flags, moderation, merging, and the helpers of the catalogue's tool page."""

import pytest

from ere.peers import posts
from ere.peers.enums import NotificationKind, PostKind
from ere.peers.models import Notification, Post, Vote
from tests.catalog.factories import TaskFactory, ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import AnswerFactory, PostFactory, VoteFactory


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(champion):
    tool = ToolFactory(name="Agenda partagé", acronym="AGP")
    tool.champions.set([champion])
    return tool


@pytest.fixture
def question(agent, tool):
    return PostFactory(question=True, author=agent, tool=tool, title="Comment dupliquer un rendez-vous ?")


@pytest.fixture
def colleague(agency):
    return UserFactory(agency=agency, first_name="Chloé", last_name="Bernard", email="chloe@example.fr")


def notifications(user, kind=None):
    queryset = Notification.objects.filter(user=user)
    return list(queryset.filter(kind=kind) if kind else queryset)


# ---------------------------------------------------------------------------------------------------------------
# Writing


def test_a_tip_is_created_with_its_tasks_in_its_search_text(agent, tool):
    task = TaskFactory(name="Planifier un entretien")
    post = posts.create_post(
        agent,
        kind=PostKind.TIP,
        tool=tool,
        title="Glisser un rendez-vous",
        body="Faites **glisser** le créneau.",
        tasks=[task],
    )

    post.refresh_from_db()
    assert post.author == agent
    assert list(post.tasks.all()) == [task]
    assert "<strong>glisser</strong>" in post.body_html
    assert "planifier un entretien" in post.search_text
    assert "agenda partage" in post.search_text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": "  ", "body": "Texte"}, "Le titre est vide."),
        ({"title": "Titre", "body": ""}, "Le texte est vide."),
        ({"title": "Titre", "body": "Texte", "kind": PostKind.ANSWER}, "Choisissez « astuce » ou « question »."),
    ],
)
def test_a_post_needs_a_title_a_text_and_a_kind(agent, tool, fields, message):
    fields = {"kind": PostKind.TIP, **fields}
    with pytest.raises(posts.PostError, match=message):
        posts.create_post(agent, tool=tool, **fields)
    assert not Post.objects.exists()


def test_managers_and_analysts_do_not_write(manager, analyst, tool):
    for user in (manager, analyst):
        with pytest.raises(posts.PostError):
            posts.create_post(user, kind=PostKind.TIP, tool=tool, title="Titre", body="Texte")


def test_the_author_edits_their_post_and_a_champion_any(agent, champion, colleague, question, tool):
    other_tool = ToolFactory(name="Dossier unique")
    posts.edit_post(agent, question, title="Dupliquer un rendez-vous", body="Nouveau texte", tool=other_tool)
    question.refresh_from_db()
    assert (question.title, question.body, question.tool, question.edited_by) == (
        "Dupliquer un rendez-vous",
        "Nouveau texte",
        other_tool,
        agent,
    )
    assert question.updated_at is not None
    assert "dossier unique" in question.search_text

    posts.edit_post(champion, question, body="Texte corrigé par le référent")
    question.refresh_from_db()
    assert (question.body, question.edited_by) == ("Texte corrigé par le référent", champion)

    with pytest.raises(posts.PostError, match="Seul l'auteur ou un référent"):
        posts.edit_post(colleague, question, body="Vandalisme")


def test_moving_a_question_to_another_tool_moves_its_answers(agent, question):
    reply = AnswerFactory(parent=question)
    other_tool = ToolFactory()
    posts.edit_post(agent, question, body=question.body, tool=other_tool)
    reply.refresh_from_db()
    assert reply.tool == other_tool


# ---------------------------------------------------------------------------------------------------------------
# Answers


def test_answering_tells_the_question_s_author_in_the_app_only(colleague, agent, question, mailoutbox):
    reply = posts.answer(colleague, question, "Menu **Actions** puis « Dupliquer ».")

    assert (reply.kind, reply.parent, reply.tool) == (PostKind.ANSWER, question, question.tool)
    (notification,) = notifications(agent, NotificationKind.ANSWER)
    assert notification.title == "Chloé Bernard a répondu à votre question « Comment dupliquer un rendez-vous ? »"
    assert notification.body == "Menu Actions puis « Dupliquer »."
    assert notification.url == f"/entraide/astuces/{question.pk}/#reponse-{reply.pk}"
    assert mailoutbox == []


def test_answering_one_s_own_question_tells_nobody(agent, question):
    posts.answer(agent, question, "J'ai trouvé : menu Actions.")
    assert notifications(agent) == []


def test_one_answers_only_a_visible_question(colleague, agent, question, tool):
    tip = PostFactory(tool=tool)
    with pytest.raises(posts.PostError, match="On ne répond qu'à une question."):
        posts.answer(colleague, tip, "Merci")
    question.is_hidden = True
    question.save()
    with pytest.raises(posts.PostError, match="n'est plus visible"):
        posts.answer(colleague, question, "Réponse")
    with pytest.raises(posts.PostError, match="La réponse est vide."):
        posts.answer(colleague, PostFactory(question=True), "   ")


# ---------------------------------------------------------------------------------------------------------------
# Votes


def test_a_vote_toggles_and_keeps_the_count(agent, colleague, champion, tool):
    tip = PostFactory(tool=tool, author=agent)

    assert posts.toggle_vote(colleague, tip) is True
    assert posts.toggle_vote(champion, tip) is True
    assert tip.vote_count == 2
    assert posts.toggle_vote(colleague, tip) is False
    assert tip.vote_count == 1
    tip.refresh_from_db()
    assert tip.vote_count == 1
    assert list(Vote.objects.values_list("user", flat=True)) == [champion.pk]


def test_nobody_votes_for_their_own_post(agent, tool):
    tip = PostFactory(tool=tool, author=agent)
    with pytest.raises(posts.PostError, match="votre propre message"):
        posts.toggle_vote(agent, tip)
    assert tip.vote_count == 0


def test_the_count_is_recounted_from_the_votes(agent, colleague, tool):
    tip = PostFactory(tool=tool, author=agent)
    VoteFactory.create_batch(3, post=tip)
    Post.objects.filter(pk=tip.pk).update(vote_count=99)  # Out of sync, whatever the reason.
    posts.toggle_vote(colleague, tip)
    assert tip.vote_count == 4


def test_nobody_votes_for_a_hidden_or_merged_post(colleague, tool):
    hidden = PostFactory(tool=tool, is_hidden=True)
    merged = PostFactory(tool=tool, duplicate_of=PostFactory(tool=tool))
    for post in (hidden, merged):
        with pytest.raises(posts.PostError, match="n'est plus visible"):
            posts.toggle_vote(colleague, post)
    assert not Vote.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# The accepted answer


def test_the_question_s_author_accepts_an_answer_and_its_author_is_told(agent, colleague, question):
    reply = AnswerFactory(parent=question, author=colleague)

    assert posts.accept_answer(agent, reply) is True
    question.refresh_from_db()
    assert question.accepted_answer == reply
    (notification,) = notifications(colleague, NotificationKind.ACCEPTED_ANSWER)
    assert notification.title == "Votre réponse à « Comment dupliquer un rendez-vous ? » est retenue"
    assert notification.url == reply.get_absolute_url()

    # Once more: it is no longer the accepted one.
    assert posts.accept_answer(agent, reply) is False
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_accepting_another_answer_replaces_the_first(agent, champion, question):
    first, second = AnswerFactory(parent=question), AnswerFactory(parent=question)
    posts.accept_answer(agent, first)
    posts.accept_answer(champion, second)
    question.refresh_from_db()
    assert question.accepted_answer == second


def test_only_the_question_s_author_or_a_champion_accepts(colleague, trainer, question):
    reply = AnswerFactory(parent=question, author=colleague)
    for user in (colleague, trainer):
        with pytest.raises(posts.PostError, match="Seul l'auteur de la question ou un référent"):
            posts.accept_answer(user, reply)
    question.refresh_from_db()
    assert question.accepted_answer is None
    assert notifications(colleague) == []


def test_a_hidden_answer_cannot_be_accepted(agent, question):
    reply = AnswerFactory(parent=question, is_hidden=True)
    with pytest.raises(posts.PostError, match="n'est plus visible"):
        posts.accept_answer(agent, reply)


# ---------------------------------------------------------------------------------------------------------------
# Outdated


def test_flagging_tells_the_author_and_the_tool_s_champions(
    agent, champion, colleague, tool, mailoutbox, django_capture_on_commit_callbacks
):
    tip = PostFactory(tool=tool, author=agent, title="Glisser un rendez-vous")
    with django_capture_on_commit_callbacks(execute=True):
        posts.flag_outdated(colleague, tip, "  Le glisser-déposer a disparu depuis la mise à jour.  ")

    tip.refresh_from_db()
    assert (tip.outdated_by, tip.outdated_note) == (colleague, "Le glisser-déposer a disparu depuis la mise à jour.")
    assert tip.needs_review
    (to_author,) = notifications(agent, NotificationKind.OUTDATED)
    assert to_author.title == "Votre astuce « Glisser un rendez-vous » est signalée comme peut-être obsolète"
    (to_champion,) = notifications(champion, NotificationKind.OUTDATED)
    assert to_champion.title == "À revoir : « Glisser un rendez-vous » (Agenda partagé)"
    assert to_champion.url == "/entraide/astuces/a-revoir/"
    # The champion is asked to act: by e-mail too.
    assert [message.to for message in mailoutbox] == [[champion.email]]
    assert notifications(colleague) == []


def test_a_flag_needs_a_note_and_comes_once_until_reviewed(agent, colleague, champion, tool):
    tip = PostFactory(tool=tool, author=agent)
    with pytest.raises(posts.PostError, match="Ce qui a changé est vide."):
        posts.flag_outdated(colleague, tip, " ")
    posts.flag_outdated(colleague, tip, "Le bouton a changé de place")
    with pytest.raises(posts.PostError, match="déjà signalé"):
        posts.flag_outdated(agent, tip, "Encore")

    posts.mark_reviewed(champion, tip)
    assert not tip.needs_review
    # Reviewed, it may be flagged again later.
    posts.flag_outdated(agent, tip, "Encore changé")
    assert tip.needs_review


def test_only_a_champion_reviews_and_only_a_flagged_post(agent, champion, tool):
    tip = PostFactory(tool=tool)
    with pytest.raises(posts.PostError, match="n'attend pas de relecture"):
        posts.mark_reviewed(champion, tip)
    posts.flag_outdated(agent, tip, "Changé")
    with pytest.raises(posts.PostError, match="Seuls les référents"):
        posts.mark_reviewed(agent, tip)
    posts.mark_reviewed(champion, tip)
    tip.refresh_from_db()
    assert (tip.reviewed_by, tip.needs_review) == (champion, False)


def test_a_champion_edits_a_flagged_post_and_marks_it_reviewed_at_once(agent, champion, tool):
    tip = PostFactory(tool=tool, author=agent)
    posts.flag_outdated(agent, tip, "Changé")
    posts.edit_post(champion, tip, title=tip.title, body="Le nouveau chemin : menu Outils.", reviewed=True)
    tip.refresh_from_db()
    assert tip.body == "Le nouveau chemin : menu Outils."
    assert tip.reviewed_by == champion
    assert not tip.needs_review


# ---------------------------------------------------------------------------------------------------------------
# Moderation


def test_a_champion_hides_with_a_reason_and_shows_again(champion, agent, tool):
    tip = PostFactory(tool=tool)
    with pytest.raises(posts.PostError, match="Le motif est vide."):
        posts.hide(champion, tip, "")
    with pytest.raises(posts.PostError, match="Seuls les référents"):
        posts.hide(agent, tip, "Hors sujet")

    posts.hide(champion, tip, "Contient le nom d'un usager")
    tip.refresh_from_db()
    assert (tip.is_hidden, tip.moderation_note, tip.moderated_by) == (True, "Contient le nom d'un usager", champion)
    assert tip not in Post.objects.visible()
    with pytest.raises(posts.PostError, match="déjà masqué"):
        posts.hide(champion, tip, "Encore")

    posts.unhide(champion, tip, "Nom retiré")
    tip.refresh_from_db()
    assert (tip.is_hidden, tip.moderation_note) == (False, "Nom retiré")
    with pytest.raises(posts.PostError, match="n'est pas masqué"):
        posts.unhide(champion, tip)


def test_merging_moves_the_answers_and_the_accepted_one(champion, agent, colleague, tool):
    target = PostFactory(question=True, tool=tool, title="Dupliquer un rendez-vous")
    duplicate = PostFactory(question=True, tool=ToolFactory(), title="Copier un RDV ?")
    kept = AnswerFactory(parent=target)
    moved = AnswerFactory(parent=duplicate, author=colleague)
    duplicate.accepted_answer = moved
    duplicate.save()
    older = PostFactory(question=True, tool=tool, duplicate_of=duplicate)

    posts.merge(champion, duplicate, target)

    duplicate.refresh_from_db()
    target.refresh_from_db()
    moved.refresh_from_db()
    older.refresh_from_db()
    assert duplicate.duplicate_of == target
    assert duplicate.moderated_by == champion
    assert duplicate.accepted_answer is None
    assert (moved.parent, moved.tool) == (target, tool)
    assert set(target.answers.all()) == {kept, moved}
    assert target.accepted_answer == moved
    assert older.duplicate_of == target
    assert duplicate not in Post.objects.visible()


def test_merging_keeps_the_target_s_own_accepted_answer(champion, tool):
    target = PostFactory(question=True, tool=tool)
    accepted = AnswerFactory(parent=target)
    target.accepted_answer = accepted
    target.save()
    duplicate = PostFactory(question=True, tool=tool)
    duplicate.accepted_answer = AnswerFactory(parent=duplicate)
    duplicate.save()

    posts.merge(champion, duplicate, target)
    target.refresh_from_db()
    assert target.accepted_answer == accepted


def test_merging_refuses_what_makes_no_sense(champion, agent, tool):
    question = PostFactory(question=True, tool=tool)
    AnswerFactory(parent=question)
    tip = PostFactory(tool=tool)
    hidden = PostFactory(tool=tool, is_hidden=True)

    cases = [
        (agent, question, tip, "Seuls les référents"),
        (champion, question, question, "avec lui-même"),
        (champion, question, hidden, "est masqué ou déjà fusionné"),
        (champion, question, tip, "ne peuvent aller que sous une question"),
        (champion, question.answers.get(), tip, "pas des réponses"),
    ]
    for user, duplicate, target, message in cases:
        with pytest.raises(posts.PostError, match=message):
            posts.merge(user, duplicate, target)
    assert not Post.objects.filter(duplicate_of__isnull=False).exists()
    # A tip without answers merges into another tip.
    other = PostFactory(tool=tool)
    posts.merge(champion, other, tip)
    other.refresh_from_db()
    assert other.duplicate_of == tip


# ---------------------------------------------------------------------------------------------------------------
# Helpers of the catalogue's tool page


def test_tips_for_tool_are_the_most_useful_visible_ones_outdated_last(tool, agent):
    useful = PostFactory(tool=tool, vote_count=5, title="Utile")
    outdated = PostFactory(tool=tool, vote_count=9, title="Obsolète")
    posts.flag_outdated(agent, outdated, "Changé")
    newest = PostFactory(tool=tool, vote_count=1, title="Récente")
    PostFactory(tool=tool, vote_count=20, is_hidden=True)
    PostFactory(question=True, tool=tool, vote_count=30)
    PostFactory(vote_count=40)  # Another tool.

    assert posts.tips_for_tool(tool) == [useful, newest, outdated]
    assert posts.tips_for_tool(tool, limit=1) == [useful]


def test_questions_for_tool_are_the_open_ones_newest_first(tool):
    answered = PostFactory(question=True, tool=tool)
    answered.accepted_answer = AnswerFactory(parent=answered)
    answered.save()
    older = PostFactory(question=True, tool=tool, title="Ancienne")
    AnswerFactory(parent=older)
    AnswerFactory(parent=older, is_hidden=True)
    newer = PostFactory(question=True, tool=tool, title="Récente")
    PostFactory(tool=tool)

    questions = posts.questions_for_tool(tool)
    assert questions == [newer, older]
    assert [q.answer_count for q in questions] == [0, 1]
