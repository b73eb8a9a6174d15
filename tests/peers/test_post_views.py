"""« Astuces et questions »: the list with search and filters, writing, the topic page, answers, votes, the accepted
answer, the « obsolète » flag, and moderation by champions (hide, merge, edit)."""

import pytest
from django.urls import reverse

from ere.peers import posts
from ere.peers.enums import NotificationKind, PostKind
from ere.peers.models import Notification, Post, Vote
from tests.catalog.factories import TaskFactory, ToolFactory
from tests.org.factories import AgencyFactory, UserFactory
from tests.peers.factories import AnswerFactory, PostFactory, VoteFactory

LIST = reverse("peers:post_list")
NEW = reverse("peers:post_new")


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


@pytest.fixture
def tool(champion):
    tool = ToolFactory(name="Agenda partagé", slug="agenda-partage")
    tool.champions.set([champion])
    return tool


@pytest.fixture
def colleague(agency):
    return UserFactory(agency=agency, first_name="Chloé", last_name="Bernard", email="chloe@example.fr")


@pytest.fixture
def question(agent, tool):
    return PostFactory(question=True, author=agent, tool=tool, title="Comment dupliquer un rendez-vous ?")


@pytest.fixture
def reply(question, colleague):
    return AnswerFactory(parent=question, author=colleague, body="Menu **Actions** puis « Dupliquer ».")


def url(name, post):
    return reverse(f"peers:{name}", args=[post.pk])


# ---------------------------------------------------------------------------------------------------------------
# Access

MODERATION = ["post_hide", "post_unhide", "post_merge", "post_reviewed"]
POSTS = ["post_answer", "post_vote", "post_accept", "post_outdated", *MODERATION]


@pytest.mark.parametrize("role", ["manager", "analyst"])
def test_it_checks_access(client, login, request, role, question, reply):
    pages = [LIST, NEW, reverse("peers:review_queue"), url("post", question), url("post_edit", question)]
    actions = [url(name, reply if name == "post_accept" else question) for name in POSTS]
    for address in pages + actions:
        response = client.get(address) if address in pages else client.post(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("login"))

    user_client = login(request.getfixturevalue(role))
    for address in pages:
        assert user_client.get(address).status_code == 403, address
    for address in actions:
        response = user_client.post(address, {"body": "x", "note": "x", "reason": "x", "target": str(question.pk)})
        assert response.status_code == 403, address
    assert Post.objects.count() == 2
    assert not Vote.objects.exists()


@pytest.mark.parametrize("role", ["agent", "trainer"])
def test_only_champions_moderate_and_open_the_review_queue(login, request, role, question, tool):
    other = PostFactory(question=True, tool=tool)
    user_client = login(request.getfixturevalue(role))
    assert user_client.get(reverse("peers:review_queue")).status_code == 403
    for name in MODERATION:
        response = user_client.post(url(name, question), {"reason": "x", "target": str(other.pk)})
        assert response.status_code == 403, name
    question.refresh_from_db()
    assert (question.is_hidden, question.duplicate_of) == (False, None)


def test_posting_actions_refuse_get(login, agent, question):
    for name in POSTS:
        assert login(agent).get(url(name, question)).status_code == 405


@pytest.mark.parametrize("role", ["agent", "champion", "trainer", "admin_user"])
def test_every_frontline_role_and_trainer_opens_the_list_and_the_form(login, request, role):
    user_client = login(request.getfixturevalue(role))
    assert user_client.get(LIST).status_code == 200
    assert user_client.get(NEW).status_code == 200


# ---------------------------------------------------------------------------------------------------------------
# The list


def test_the_list_has_an_empty_state(login, agent):
    content = login(agent).get(LIST).content.decode()
    assert "Pas encore d'astuce ni de question" in content
    assert "Partager la première astuce" in content


def test_the_list_shows_what_a_topic_is_at_a_glance(login, agent, champion, tool, question, reply):
    task = TaskFactory(name="Planifier un entretien")
    tip = PostFactory(tool=tool, title="Glisser un rendez-vous", tasks=[task], vote_count=3, author=champion)
    posts.flag_outdated(agent, tip, "Le glisser-déposer a disparu")
    question.accepted_answer = reply
    question.save()

    content = login(agent).get(LIST).content.decode()
    assert "Glisser un rendez-vous" in content
    assert "Comment dupliquer un rendez-vous ?" in content
    assert "Agenda partagé" in content
    assert "Planifier un entretien" in content
    assert "Utile pour 3 collègues" in content
    assert "1 réponse" in content
    assert "Réponse retenue" in content
    assert "Peut-être obsolète" in content
    assert "Bruno Petit" in content


def test_the_list_searches_accents_aside(login, agent, tool):
    PostFactory(tool=tool, title="Faire la declaration en ligne")
    PostFactory(tool=tool, title="Autre astuce")
    response = login(agent).get(LIST, {"q": "Déclaration"})
    titles = [post.title for post in response.context["page_obj"]]
    assert titles == ["Faire la declaration en ligne"]
    assert "pour « Déclaration »" in response.content.decode()


def test_a_search_without_result_suggests_asking(login, agent, tool):
    PostFactory(tool=tool, title="Autre astuce")
    content = login(agent).get(LIST, {"q": "introuvable"}).content.decode()
    assert "Aucun résultat" in content
    assert "Poser la question" in content


def test_the_filters_narrow_the_list(login, agent, champion, tool):
    task = TaskFactory(slug="planifier")
    other_tool = ToolFactory(slug="dossier-unique")
    tip = PostFactory(tool=tool, title="Une astuce", tasks=[task])
    unanswered = PostFactory(question=True, tool=tool, title="Sans réponse ?")
    answered = PostFactory(question=True, tool=tool, title="Avec réponse ?")
    AnswerFactory(parent=answered)
    elsewhere = PostFactory(tool=other_tool, title="Ailleurs")
    posts.flag_outdated(champion, elsewhere, "Changé")
    client = login(agent)

    def listed(**params):
        return {post.title for post in client.get(LIST, params).context["page_obj"]}

    assert listed(outil="agenda-partage") == {tip.title, unanswered.title, answered.title}
    assert listed(tache="planifier") == {tip.title}
    assert listed(type="tip") == {tip.title, elsewhere.title}
    assert listed(type="question") == {unanswered.title, answered.title}
    assert listed(type="unanswered") == {unanswered.title}
    assert listed(type="review") == {elsewhere.title}


def test_the_list_sorts_by_date_or_usefulness(login, agent, tool):
    useful = PostFactory(tool=tool, title="Utile", vote_count=5)
    recent = PostFactory(tool=tool, title="Récente")
    client = login(agent)
    assert list(client.get(LIST).context["page_obj"]) == [recent, useful]
    assert list(client.get(LIST, {"tri": "utiles"}).context["page_obj"]) == [useful, recent]


def test_a_bad_filter_is_reported_not_a_500(login, agent):
    response = login(agent).get(LIST, {"outil": "inconnu", "type": "nimporte"})
    assert response.status_code == 200
    assert "La recherche n'a pas pu être faite" in response.content.decode()


def test_the_list_is_paginated_by_twenty(login, agent, tool):
    PostFactory.create_batch(21, tool=tool)
    client = login(agent)
    assert len(client.get(LIST).context["page_obj"]) == 20
    assert len(client.get(LIST, {"page": 2}).context["page_obj"]) == 1


def test_the_week_s_tip_is_on_top_unless_searching(login, agent, tool):
    PostFactory(tool=tool, title="La meilleure astuce", vote_count=4)
    client = login(agent)
    assert "L'astuce de la semaine" in client.get(LIST).content.decode()
    assert "L'astuce de la semaine" not in client.get(LIST, {"q": "meilleure"}).content.decode()


def test_htmx_gets_the_results_only(login, agent, tool):
    PostFactory(tool=tool, title="Retrouver un brouillon")
    response = login(agent).get(LIST, {"q": "brouillon"}, headers={"HX-Request": "true", "HX-Target": "post-results"})
    content = response.content.decode()
    assert "Retrouver un brouillon" in content
    assert "<h1>" not in content


def test_hidden_and_merged_topics_are_not_listed(login, agent, tool):
    visible = PostFactory(tool=tool, title="Visible")
    PostFactory(tool=tool, title="Masquée", is_hidden=True)
    PostFactory(tool=tool, title="Fusionnée", duplicate_of=visible)
    assert list(login(agent).get(LIST).context["page_obj"]) == [visible]


# ---------------------------------------------------------------------------------------------------------------
# Writing


def test_the_form_preselects_the_kind_and_the_tool_and_offers_its_tasks(login, agent, tool):
    mine = TaskFactory(name="Planifier un entretien")
    TaskFactory(name="Tâche d'un autre outil")
    tool.tasks.set([mine])
    response = login(agent).get(NEW, {"type": "question", "outil": "agenda-partage"})
    form = response.context["form"]
    assert form["kind"].value() == "question"
    assert form["tool"].value() == tool.pk
    assert list(form.fields["tasks"].queryset) == [mine]
    content = response.content.decode()
    assert "Planifier un entretien" in content
    assert "Tâche d'un autre outil" not in content
    assert "Mettre en forme le texte" in content


def test_without_a_tool_every_task_is_offered(login, agent):
    tasks = TaskFactory.create_batch(2)
    form = login(agent).get(NEW).context["form"]
    assert set(form.fields["tasks"].queryset) == set(tasks)


def test_choosing_a_tool_refreshes_its_tasks_with_htmx(login, agent, tool):
    tool.tasks.set([TaskFactory(name="Planifier un entretien")])
    TaskFactory(name="Autre tâche")
    response = login(agent).get(NEW, {"tool": tool.pk}, headers={"HX-Request": "true", "HX-Target": "post-tasks"})
    content = response.content.decode()
    assert 'id="post-tasks"' in content
    assert "Planifier un entretien" in content
    assert "Autre tâche" not in content
    assert "<h1>" not in content


def test_an_agent_shares_a_tip(login, agent, tool):
    task = TaskFactory()
    response = login(agent).post(
        NEW,
        {"kind": "tip", "tool": tool.pk, "tasks": [task.pk], "title": "Glisser un rendez-vous", "body": "**Glissez**"},
        follow=True,
    )
    post = Post.objects.get()
    assert (post.kind, post.author, post.tool, list(post.tasks.all())) == (PostKind.TIP, agent, tool, [task])
    assert response.redirect_chain[-1][0] == post.get_absolute_url()
    assert "Votre astuce est publiée" in response.content.decode()
    assert "<strong>Glissez</strong>" in response.content.decode()


def test_an_agent_asks_a_question(login, agent, tool):
    response = login(agent).post(
        NEW, {"kind": "question", "tool": tool.pk, "title": "Où est le bouton ?", "body": "Je ne le trouve pas."}
    )
    post = Post.objects.get()
    assert post.kind == PostKind.QUESTION
    assert response.url == post.get_absolute_url()


def test_a_post_without_title_or_tool_is_refused(login, agent):
    response = login(agent).post(NEW, {"kind": "tip", "title": "", "body": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"tool", "title", "body"}
    assert not Post.objects.exists()


def test_the_preview_shows_the_text_without_publishing(login, agent, tool):
    response = login(agent).post(
        NEW, {"kind": "tip", "tool": tool.pk, "title": "Essai", "body": "- un\n- deux", "preview": "1"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aperçu" in content
    assert "<li>un</li>" in content
    assert not Post.objects.exists()


def test_the_author_and_champions_edit_others_may_not(login, agent, champion, colleague, question):
    edit = url("post_edit", question)
    assert login(colleague).get(edit).status_code == 403
    assert login(colleague).post(edit, {"title": "Vandale", "body": "x", "tool": question.tool_id}).status_code == 403

    response = login(agent).post(edit, {"title": "Dupliquer un RDV ?", "body": "Texte", "tool": question.tool_id})
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.title, question.edited_by) == ("Dupliquer un RDV ?", agent)

    assert login(champion).get(edit).status_code == 200
    login(champion).post(edit, {"title": "Dupliquer un rendez-vous", "body": "Texte", "tool": question.tool_id})
    question.refresh_from_db()
    assert (question.title, question.edited_by) == ("Dupliquer un rendez-vous", champion)
    assert question.kind == PostKind.QUESTION


def test_an_answer_is_edited_by_its_author(login, colleague, reply):
    client = login(colleague)
    form = client.get(url("post_edit", reply)).context["form"]
    assert list(form.fields) == ["body"]
    response = client.post(url("post_edit", reply), {"body": "Menu Actions, puis Copier."})
    assert response.url == reply.get_absolute_url()
    reply.refresh_from_db()
    assert reply.body == "Menu Actions, puis Copier."


def test_a_champion_editing_a_flagged_post_may_mark_it_reviewed(login, agent, champion, tool):
    tip = PostFactory(tool=tool, author=agent)
    posts.flag_outdated(agent, tip, "Changé")
    assert "reviewed" not in login(agent).get(url("post_edit", tip)).context["form"].fields
    client = login(champion)
    assert "reviewed" in client.get(url("post_edit", tip)).context["form"].fields
    client.post(url("post_edit", tip), {"title": tip.title, "body": "Corrigé", "tool": tool.pk, "reviewed": "on"})
    tip.refresh_from_db()
    assert (tip.body, tip.needs_review, tip.reviewed_by) == ("Corrigé", False, champion)


# ---------------------------------------------------------------------------------------------------------------
# The topic page


def test_the_topic_shows_its_answers_accepted_first_then_by_votes(login, agent, question, reply):
    useful = AnswerFactory(parent=question, vote_count=4, body="La plus utile")
    accepted = AnswerFactory(parent=question, vote_count=0, body="La retenue")
    question.accepted_answer = accepted
    question.save()
    AnswerFactory(parent=question, is_hidden=True, body="Masquée")

    response = login(agent).get(url("post", question))
    assert response.context["answers"] == [accepted, useful, reply]
    content = response.content.decode()
    assert "3 réponses" in content
    assert "Masquée" not in content
    assert content.index("La retenue") < content.index("La plus utile")
    assert "<strong>Actions</strong>" in content


def test_accept_buttons_show_for_the_question_s_author_and_champions_only(login, agent, champion, colleague, reply):
    question = reply.parent
    assert "Retenir cette réponse" in login(agent).get(url("post", question)).content.decode()
    assert "Retenir cette réponse" in login(champion).get(url("post", question)).content.decode()
    assert "Retenir cette réponse" not in login(colleague).get(url("post", question)).content.decode()


def test_an_answer_s_address_leads_to_its_question(login, agent, reply):
    response = login(agent).get(url("post", reply))
    assert response.url == f"{url('post', reply.parent)}#reponse-{reply.pk}"


def test_a_hidden_topic_is_a_404_for_agents_and_shown_to_champions(login, agent, champion, question):
    question.is_hidden = True
    question.moderation_note = "Doublon de la FAQ"
    question.save()
    assert login(agent).get(url("post", question)).status_code == 404
    assert login(agent).post(url("post_vote", question)).status_code == 404
    response = login(champion).get(url("post", question))
    assert response.status_code == 200
    assert "Masqué par la modération" in response.content.decode()
    assert "Doublon de la FAQ" in response.content.decode()
    assert "Afficher de nouveau" in response.content.decode()


def test_a_missing_topic_is_a_404(login, agent):
    assert login(agent).get(reverse("peers:post", args=[999])).status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# Answering, voting, accepting


def test_an_agent_answers_and_the_question_s_author_is_told(login, agent, colleague, question):
    response = login(colleague).post(url("post_answer", question), {"body": "Menu Actions."})
    reply = question.answers.get()
    assert response.url == reply.get_absolute_url()
    assert Notification.objects.filter(user=agent, kind=NotificationKind.ANSWER).count() == 1


def test_an_empty_answer_is_refused(login, colleague, question):
    response = login(colleague).post(url("post_answer", question), {"body": ""})
    assert response.status_code == 400
    assert response.context["answer_form"].errors
    assert not question.answers.exists()


def test_answering_a_tip_says_why_not(login, colleague, tool):
    tip = PostFactory(tool=tool)
    response = login(colleague).post(url("post_answer", tip), {"body": "Merci"}, follow=True)
    assert "On ne répond qu&#x27;à une question." in response.content.decode()
    assert not tip.answers.exists()


def test_a_vote_toggles(login, colleague, question):
    client = login(colleague)
    client.post(url("post_vote", question))
    question.refresh_from_db()
    assert question.vote_count == 1
    response = client.get(url("post", question))
    assert 'aria-pressed="true"' in response.content.decode()
    client.post(url("post_vote", question))
    question.refresh_from_db()
    assert question.vote_count == 0


def test_a_vote_with_htmx_returns_the_button(login, colleague, question):
    VoteFactory(post=question)
    Post.objects.filter(pk=question.pk).update(vote_count=1)
    response = login(colleague).post(url("post_vote", question), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'aria-pressed="true"' in content
    assert "Utile pour vous et 1 autre collègue" in content
    assert "<h1>" not in content


def test_nobody_votes_for_their_own_post(login, agent, question):
    response = login(agent).post(url("post_vote", question), follow=True)
    assert "Vous ne pouvez pas voter pour votre propre message." in response.content.decode()
    response = login(agent).post(url("post_vote", question), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Vous ne pouvez pas voter pour votre propre message." in response.content.decode()
    assert not Vote.objects.exists()


def test_the_question_s_author_accepts_an_answer(login, agent, colleague, reply):
    response = login(agent).post(url("post_accept", reply), follow=True)
    reply.parent.refresh_from_db()
    assert reply.parent.accepted_answer == reply
    assert "Réponse retenue : elle s&#x27;affiche en premier." in response.content.decode()
    assert Notification.objects.filter(user=colleague, kind=NotificationKind.ACCEPTED_ANSWER).exists()


def test_another_agent_cannot_accept(login, colleague, reply):
    other = UserFactory()
    assert login(other).post(url("post_accept", reply)).status_code == 403
    assert login(colleague).post(url("post_accept", reply)).status_code == 403
    reply.parent.refresh_from_db()
    assert reply.parent.accepted_answer is None


def test_a_champion_accepts_an_answer(login, champion, reply):
    login(champion).post(url("post_accept", reply))
    reply.parent.refresh_from_db()
    assert reply.parent.accepted_answer == reply


# ---------------------------------------------------------------------------------------------------------------
# Outdated


def test_anyone_flags_a_topic_as_outdated(login, colleague, agent, question):
    response = login(colleague).post(url("post_outdated", question), {"note": "Le menu a changé"}, follow=True)
    question.refresh_from_db()
    assert question.needs_review
    content = response.content.decode()
    assert "l&#x27;auteur et les référents de l&#x27;applicatif sont prévenus" in content
    assert "Peut-être obsolète" in content
    assert "Le menu a changé" in content
    assert "Signaler comme obsolète" not in content


def test_a_flag_without_note_is_refused(login, colleague, question):
    response = login(colleague).post(url("post_outdated", question), {"note": ""})
    assert response.status_code == 400
    assert response.context["outdated_form"].errors
    question.refresh_from_db()
    assert not question.needs_review


# ---------------------------------------------------------------------------------------------------------------
# Moderation


def test_a_champion_hides_a_topic_then_shows_it_again(login, champion, agent, question):
    client = login(champion)
    response = client.post(url("post_hide", question), {"reason": "Nom d'un usager"})
    assert response.url == url("post", question)
    assert login(agent).get(url("post", question)).status_code == 404
    assert question.title not in login(agent).get(LIST).content.decode()

    login(champion).post(url("post_unhide", question), {"reason": ""})
    assert login(agent).get(url("post", question)).status_code == 200


def test_hiding_needs_a_reason(login, champion, question):
    response = login(champion).post(url("post_hide", question), {"reason": ""}, follow=True)
    assert "Indiquez le motif" in response.content.decode()
    question.refresh_from_db()
    assert not question.is_hidden


def test_a_champion_hides_an_answer(login, champion, agent, reply):
    login(champion).post(url("post_hide", reply), {"reason": "Hors sujet"})
    reply.refresh_from_db()
    assert reply.is_hidden
    assert reply.body not in login(agent).get(url("post", reply.parent)).content.decode()
    content = login(champion).get(url("post", reply.parent)).content.decode()
    assert "Masquée : Hors sujet" in content


def test_merging_moves_the_answers_and_the_duplicate_redirects(login, champion, agent, tool, question, reply):
    duplicate = PostFactory(question=True, tool=tool, title="Copier un RDV ?")
    moved = AnswerFactory(parent=duplicate, body="Clic droit, Copier.")
    target_url = f"http://testserver{url('post', question)}"

    response = login(champion).post(url("post_merge", duplicate), {"target": target_url})
    assert response.url == url("post", question)
    assert set(question.answers.all()) == {reply, moved}

    response = login(agent).get(url("post", duplicate), follow=True)
    assert response.redirect_chain == [(url("post", question), 302)]
    content = response.content.decode()
    assert "« Copier un RDV ? » a été regroupé avec ce sujet" in content
    assert "Clic droit, Copier." in content


def test_merging_into_an_unknown_or_invalid_topic_says_why(login, champion, tool, question):
    duplicate = PostFactory(question=True, tool=tool)
    client = login(champion)
    for target, message in [
        ("rien", "Indiquez le numéro du sujet"),
        ("99999", "Aucun sujet n° 99999."),
        (str(duplicate.pk), "avec lui-même"),
    ]:
        response = client.post(url("post_merge", duplicate), {"target": target})
        assert response.status_code == 400
        assert message in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of is None


def test_merge_accepts_a_number_or_an_address(login, champion, tool):
    target = PostFactory(tool=tool)
    for value in (str(target.pk), f"n° {target.pk}", f"/entraide/astuces/{target.pk}/#reponse-3"):
        duplicate = PostFactory(tool=tool)
        login(champion).post(url("post_merge", duplicate), {"target": value})
        duplicate.refresh_from_db()
        assert duplicate.duplicate_of == target, value


def test_moderators_see_the_moderation_tools_others_do_not(login, agent, champion, question):
    assert "Modération" not in login(agent).get(url("post", question)).content.decode()
    content = login(champion).get(url("post", question)).content.decode()
    assert "Modération" in content
    assert "Fusionner avec ce sujet" in content
    assert "Masquer" in content
