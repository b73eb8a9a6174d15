"""« Astuces et questions »: the list with search, a new post, the topic page with its answers, votes, the accepted
answer, « obsolète » flags, moderation by champions, the review queue.

Who may do what (ere.peers.posts): anyone with « peers.use » writes, answers, votes and flags; the author edits their
own post; the question's author or a champion accepts an answer; champions (« peers.moderate ») edit any post, hide,
merge and review. A hidden post is a 404 for everybody but champions; a merged one leads to its target.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ere.catalog.models import Tool
from ere.org.access import ensure, require
from ere.peers import markdown, posts
from ere.peers.crumbs import crumb
from ere.peers.enums import PostKind
from ere.peers.models import Post, Vote
from ere.peers.post_forms import (
    AnswerForm,
    HideForm,
    MergeForm,
    OutdatedForm,
    PostFilterForm,
    PostForm,
    UnhideForm,
    offer_review,
)

PER_PAGE = 20
LIST_CRUMB = "Astuces et questions"
MAX_MERGE_HOPS = 5


def _list_link():
    return {"url": reverse("peers:post_list"), "title": LIST_CRUMB}


def _topic_link(topic):
    return {"url": topic.get_absolute_url(), "title": topic.title}


def _post_for_user(user, pk):
    """The post if the user may see it: hidden ones (or under a hidden question) are a 404 but for champions."""
    post = get_object_or_404(Post.objects.select_related("tool", "author", "parent"), pk=pk)
    hidden = post.is_hidden or (post.parent is not None and post.parent.is_hidden)
    if hidden and not posts.is_moderator(user):
        raise Http404
    return post


def _next_url(request, default):
    url = request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return default


def _back(request, post):
    return redirect(_next_url(request, post.get_absolute_url()))


# ---------------------------------------------------------------------------------------------------------------
# The list


@require("peers.use")
def post_list(request):
    form = PostFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    query = (filters.get("q") or "").strip()
    results = Post.objects.none()
    if not form.errors:
        results = posts.search_posts(
            query, tool=filters.get("outil"), task=filters.get("tache"), kind=filters.get("type") or None
        )
        sort = filters.get("tri") or ("" if query else "recentes")
        if sort == "recentes":
            results = results.order_by("-created_at", "-pk")
        elif sort == "utiles":
            results = results.order_by("-vote_count", "-created_at", "-pk")
        results = posts.with_counts(results).select_related("tool", "author").prefetch_related("tasks")
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    for post in page.object_list:
        post.excerpt = markdown.plain(post.body)
    filtered = bool(filters) and any(value for key, value in filters.items() if key != "tri")
    context = {
        "title": LIST_CRUMB,
        "form": form,
        "page_obj": page,
        "query": query,
        "filtered": filtered,
        "weekly_tip": posts.weekly_tip() if not query and page.number == 1 else None,
        "can_moderate": posts.is_moderator(request.user),
        "review_count": posts.review_queue().count() if posts.is_moderator(request.user) else 0,
        "breadcrumb_data": crumb(LIST_CRUMB),
    }
    if request.htmx and request.htmx.target == "post-results":
        return render(request, "peers/_post_results.html", context)
    return render(request, "peers/post_list.html", context)


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _preset_tool(request):
    slug, pk = request.GET.get("outil", ""), request.GET.get("tool", "")
    tools = Tool.objects.in_service()
    if slug:
        return tools.filter(slug=slug).first()
    if pk.isdigit():
        return tools.filter(pk=pk).first()
    return None


@require("peers.use")
def post_new(request):
    tool = _preset_tool(request)
    kind = request.GET.get("type")
    initial = {"tool": tool, "kind": kind if kind in posts.TOPIC_KINDS else PostKind.TIP}
    if tasks := [value for value in request.GET.getlist("tasks") if value.isdigit()]:
        initial["tasks"] = tasks
    form = PostForm(request.POST or None, initial=initial, tool=None if request.POST else tool)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = markdown.render(data["body"])
        else:
            try:
                post = posts.create_post(
                    request.user,
                    kind=data["kind"],
                    tool=data["tool"],
                    title=data["title"],
                    body=data["body"],
                    tasks=data["tasks"],
                )
            except posts.PostError as error:
                form.add_error(None, str(error))
            else:
                if post.kind == PostKind.QUESTION:
                    messages.success(
                        request, "Votre question est publiée. Chaque réponse arrive dans vos notifications."
                    )
                else:
                    messages.success(request, "Votre astuce est publiée. Merci pour vos collègues !")
                return redirect(post)
    if request.htmx and request.htmx.target == "post-tasks":
        return render(request, "peers/_post_tasks.html", {"form": form})
    context = {
        "title": "Partager une astuce ou poser une question",
        "form": form,
        "preview": preview,
        "is_new": True,
        "breadcrumb_data": crumb("Nouvelle astuce ou question", _list_link()),
    }
    return render(request, "peers/post_form.html", context, status=400 if form.errors else 200)


@require("peers.use")
def post_edit(request, pk):
    post = _post_for_user(request.user, pk)
    if post.duplicate_of_id:
        return redirect(post)
    if not posts.can_edit(request.user, post):
        raise PermissionDenied
    form_class = AnswerForm if post.kind == PostKind.ANSWER else PostForm
    form = form_class(request.POST or None, instance=post)
    if posts.is_moderator(request.user) and post.needs_review:
        offer_review(form)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = markdown.render(data["body"])
        else:
            try:
                posts.edit_post(
                    request.user,
                    post,
                    body=data["body"],
                    title=data.get("title"),
                    tool=data.get("tool"),
                    tasks=data.get("tasks"),
                    reviewed=data.get("reviewed", False),
                )
            except posts.PostError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Modification enregistrée.")
                return redirect(post)
    if request.htmx and request.htmx.target == "post-tasks":
        return render(request, "peers/_post_tasks.html", {"form": form})
    topic = post.topic
    context = {
        "title": f"Modifier « {post} »",
        "form": form,
        "post": post,
        "preview": preview,
        "is_new": False,
        "breadcrumb_data": crumb("Modifier", _list_link(), _topic_link(topic)),
    }
    return render(request, "peers/post_form.html", context, status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------------------------
# The topic page


def _detail_context(request, topic, answer_form=None, outdated_form=None, merge_form=None):
    user = request.user
    moderator = posts.is_moderator(user)
    answers = topic.answers.select_related("author", "edited_by").annotate(
        accepted_first=Case(
            When(pk=topic.accepted_answer_id or 0, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )
    if not moderator:
        answers = answers.filter(is_hidden=False)
    answers = list(answers.order_by("accepted_first", "-vote_count", "created_at", "pk"))
    voted = set(Vote.objects.filter(user=user, post__in=[topic, *answers]).values_list("post_id", flat=True))
    for post in [topic, *answers]:
        post.voted = post.pk in voted
        post.editable = posts.can_edit(user, post)
        post.own = post.author_id == user.pk
    if moderator:
        for reply in answers:
            reply.hide_form = HideForm(auto_id=f"id_hide_{reply.pk}_%s")
            reply.unhide_form = UnhideForm(auto_id=f"id_unhide_{reply.pk}_%s")
    accepted = next((a for a in answers if a.pk == topic.accepted_answer_id and not a.is_hidden), None)
    return {
        "title": topic.title,
        "topic": topic,
        "answers": answers,
        "accepted": accepted,
        "can_accept": topic.kind == PostKind.QUESTION and posts.can_accept(user, topic),
        "can_moderate": moderator,
        "answer_form": answer_form or AnswerForm(),
        "outdated_form": outdated_form or OutdatedForm(),
        "hide_form": HideForm(),
        "unhide_form": UnhideForm(),
        "merge_form": merge_form or MergeForm(),
        "duplicates": topic.duplicates.all() if moderator else [],
        "breadcrumb_data": crumb(topic.title, _list_link()),
    }


@require("peers.use")
def post_detail(request, pk):
    post = _post_for_user(request.user, pk)
    if post.kind == PostKind.ANSWER:
        return redirect(post)
    if post.duplicate_of_id:
        target = post
        for _hop in range(MAX_MERGE_HOPS):
            if not target.duplicate_of_id:
                break
            target = target.duplicate_of
        messages.info(request, f"« {post.title} » a été regroupé avec ce sujet, qui traite de la même chose.")
        return redirect(target)
    return render(request, "peers/post_detail.html", _detail_context(request, post))


def _topic_or_error(request, post, error):
    messages.error(request, str(error))
    return _back(request, post.topic)


@require_POST
@require("peers.use")
def post_answer(request, pk):
    question = _post_for_user(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            reply = posts.answer(request.user, question, form.cleaned_data["body"])
        except posts.PostError as error:
            return _topic_or_error(request, question, error)
        messages.success(request, "Votre réponse est publiée. Merci !")
        return redirect(reply)
    context = _detail_context(request, question, answer_form=form)
    return render(request, "peers/post_detail.html", context, status=400)


@require_POST
@require("peers.use")
def post_vote(request, pk):
    post = _post_for_user(request.user, pk)
    try:
        voted = posts.toggle_vote(request.user, post)
    except posts.PostError as error:
        if request.htmx:
            # 200 so that htmx swaps the button with the message in it.
            post.voted, post.own = Vote.objects.filter(post=post, user=request.user).exists(), False
            return render(request, "peers/_post_vote.html", {"post": post, "error": str(error)})
        return _topic_or_error(request, post, error)
    post.voted, post.own = voted, False
    if request.htmx:
        return render(request, "peers/_post_vote.html", {"post": post, "announce": True})
    messages.success(request, "Merci : vous avez trouvé ce message utile." if voted else "Vote retiré.")
    return _back(request, post)


@require_POST
@require("peers.use")
def post_accept(request, pk):
    reply = _post_for_user(request.user, pk)
    if reply.kind == PostKind.ANSWER and not posts.can_accept(request.user, reply.parent):
        raise PermissionDenied
    try:
        accepted = posts.accept_answer(request.user, reply)
    except posts.PostError as error:
        return _topic_or_error(request, reply, error)
    messages.success(
        request,
        "Réponse retenue : elle s'affiche en premier." if accepted else "Cette réponse n'est plus la réponse retenue.",
    )
    return redirect(reply)


@require_POST
@require("peers.use")
def post_outdated(request, pk):
    post = _post_for_user(request.user, pk)
    form = OutdatedForm(request.POST)
    if form.is_valid():
        try:
            posts.flag_outdated(request.user, post, form.cleaned_data["note"])
        except posts.PostError as error:
            return _topic_or_error(request, post, error)
        messages.success(request, "Merci : l'auteur et les référents de l'applicatif sont prévenus.")
        return redirect(post)
    if post.kind == PostKind.ANSWER:
        return _topic_or_error(request, post, "Dites ce qui a changé pour signaler ce message.")
    context = _detail_context(request, post, outdated_form=form)
    return render(request, "peers/post_detail.html", context, status=400)


# ---------------------------------------------------------------------------------------------------------------
# Moderation (champions)


@require_POST
@require("peers.use")
def post_hide(request, pk):
    ensure(request.user, "peers.moderate")
    post = _post_for_user(request.user, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        return _topic_or_error(request, post, "Indiquez le motif pour masquer ce message.")
    try:
        posts.hide(request.user, post, form.cleaned_data["reason"])
    except posts.PostError as error:
        return _topic_or_error(request, post, error)
    messages.success(request, "Message masqué : seuls les référents le voient encore.")
    return _back(request, post)


@require_POST
@require("peers.use")
def post_unhide(request, pk):
    ensure(request.user, "peers.moderate")
    post = _post_for_user(request.user, pk)
    form = UnhideForm(request.POST)
    form.is_valid()
    try:
        posts.unhide(request.user, post, form.cleaned_data.get("reason", ""))
    except posts.PostError as error:
        return _topic_or_error(request, post, error)
    messages.success(request, "Message de nouveau visible par tous.")
    return _back(request, post)


@require_POST
@require("peers.use")
def post_merge(request, pk):
    ensure(request.user, "peers.moderate")
    duplicate = _post_for_user(request.user, pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = Post.objects.filter(pk=form.cleaned_data["target"]).first()
        if target is None:
            form.add_error("target", f"Aucun sujet n° {form.cleaned_data['target']}.")
        else:
            try:
                posts.merge(request.user, duplicate, target)
            except posts.PostError as error:
                form.add_error("target", str(error))
            else:
                messages.success(request, f"« {duplicate.title} » est regroupé avec ce sujet.")
                return redirect(target)
    if duplicate.kind == PostKind.ANSWER:
        return _topic_or_error(request, duplicate, "On ne fusionne que des astuces et des questions.")
    context = _detail_context(request, duplicate, merge_form=form)
    return render(request, "peers/post_detail.html", context, status=400)


@require_POST
@require("peers.use")
def post_reviewed(request, pk):
    ensure(request.user, "peers.moderate")
    post = _post_for_user(request.user, pk)
    try:
        posts.mark_reviewed(request.user, post)
    except posts.PostError as error:
        return _topic_or_error(request, post, error)
    messages.success(request, f"« {post} » : toujours valable, retiré de la file « à revoir ».")
    return _back(request, post)


@require("peers.use")
def review_queue(request):
    ensure(request.user, "peers.moderate")
    mine = Tool.champions.through.objects.filter(tool=OuterRef("tool_id"), user=request.user)
    queryset = posts.review_queue().annotate(on_my_tool=Exists(mine)).order_by("-on_my_tool", "outdated_at", "pk")
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    for post in page.object_list:
        post.excerpt = markdown.plain(post.body)
        post.hide_form = HideForm(auto_id=f"id_hide_{post.pk}_%s")
    context = {
        "title": "Astuces et questions à revoir",
        "page_obj": page,
        "breadcrumb_data": crumb("À revoir", _list_link()),
    }
    return render(request, "peers/review_queue.html", context)
