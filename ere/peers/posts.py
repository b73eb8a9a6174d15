"""Tips and questions per tool: writing, answering, votes, the accepted answer, outdated posts and their review,
moderation, search, « l'astuce de la semaine ».

Every change goes through a function here; the views only check who may open a page and show the `PostError`
messages (French, for the person) that these functions raise when a post is not in the right state or the action is
not the user's to take.

Helpers for the other pages:

- `tips_for_tool(tool, limit=3)`: the tool's most useful visible tips (those awaiting review last), for the
  catalogue's tool page — with `questions_for_tool(tool, limit=3)`, its open questions (no accepted answer), newest
  first, each with `answer_count`. Both feed the partial « peers/_tool_posts.html » (`tool=`, `tips=`,
  `questions=`).
- `weekly_tip(week=None)`: the WeeklyTip of the week (chosen on first call), or None; the partial
  « peers/_weekly_tip.html » shows it (`tip=`).

Privacy: votes are counted per post, never per person; no page ranks colleagues by their votes or posts.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from ere.catalog.enums import UpdateKind
from ere.core.tasks import send_email
from ere.core.text import plural
from ere.org.access import can
from ere.org.enums import Role
from ere.org.models import User
from ere.peers import markdown, post_search
from ere.peers.enums import NotificationKind, PostKind
from ere.peers.models import Notification, Post, Vote, WeeklyTip
from ere.peers.notifications import UNREAD_KEY, notify

PARIS = ZoneInfo("Europe/Paris")
# A tip chosen as « l'astuce de la semaine » is not chosen again for that many weeks.
WEEKLY_TIP_REST_WEEKS = 8
BATCH_SIZE = 500
TOPIC_KINDS = (PostKind.TIP, PostKind.QUESTION)

# The list filters (« type »): value → label.
LISTINGS = {
    "tip": "Astuces",
    "question": "Questions",
    "unanswered": "Questions sans réponse",
    "review": "À revoir",
}


class PostError(Exception):
    """Why an action on a post cannot be done, in French, for the person who tried."""


# ---------------------------------------------------------------------------------------------------------------
# Who may do what


def is_moderator(user):
    return can(user, "peers.moderate")


def can_edit(user, post):
    """The author edits their own post; a champion edits any."""
    return can(user, "peers.use") and (post.author_id == user.pk or is_moderator(user))


def can_accept(user, question):
    """The question's author or a champion chooses the accepted answer."""
    return can(user, "peers.use") and (question.author_id == user.pk or is_moderator(user))


def is_visible(post):
    """Not hidden nor merged, and under a question that is not either."""
    if post.is_hidden or post.duplicate_of_id:
        return False
    return post.parent is None or (not post.parent.is_hidden and not post.parent.duplicate_of_id)


def _kind_word(post):
    return {PostKind.TIP: "astuce", PostKind.QUESTION: "question"}.get(post.kind, "réponse")


def _ensure_use(user):
    if not can(user, "peers.use"):
        raise PostError("Les astuces et questions sont réservées aux conseillers, référents et formateurs.")


def _ensure_moderator(user):
    if not is_moderator(user):
        raise PostError("Seuls les référents numériques modèrent les astuces et les questions.")


def _ensure_visible(post):
    if not is_visible(post):
        raise PostError(f"Cette {_kind_word(post)} n'est plus visible : l'action n'est pas possible.")


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _clean_text(text, what):
    text = (text or "").strip()
    if not text:
        raise PostError(f"{what} est vide.")
    return text


def _index(post, tasks=None):
    """Set the post's tasks (when given) and refresh its search text with their names."""
    if tasks is not None:
        post.tasks.set(tasks)
    names = [task.name for task in post.tasks.all()]
    post.search_text = post.searchable_text(names)
    Post.objects.filter(pk=post.pk).update(search_text=post.search_text)


def create_post(user, *, kind, tool, title, body, tasks=()):
    """A new tip or question by `user`."""
    _ensure_use(user)
    if kind not in TOPIC_KINDS:
        raise PostError("Choisissez « astuce » ou « question ».")
    post = Post(
        kind=kind,
        author=user,
        tool=tool,
        title=_clean_text(title, "Le titre"),
        body=_clean_text(body, "Le texte"),
    )
    with transaction.atomic():
        post.save()
        _index(post, tasks)
    return post


def edit_post(user, post, *, body, title=None, tool=None, tasks=None, reviewed=False):
    """Change a post (its title, tool and tasks too for a tip or a question); `reviewed`: a champion also marks it
    « toujours valable » (edited from the review queue)."""
    if not can_edit(user, post):
        raise PostError("Seul l'auteur ou un référent numérique peut modifier ce message.")
    post.body = _clean_text(body, "Le texte")
    fields = ["body", "updated_at", "edited_by"]
    if post.kind != PostKind.ANSWER:
        if title is not None:
            post.title = _clean_text(title, "Le titre")
            fields.append("title")
        if tool is not None and tool.pk != post.tool_id:
            post.tool = tool
            fields.append("tool")
    post.updated_at = timezone.now()
    post.edited_by = user
    with transaction.atomic():
        post.save(update_fields=fields)
        if "tool" in fields:
            post.answers.update(tool=tool)
        _index(post, tasks if post.kind != PostKind.ANSWER else None)
        if reviewed and post.needs_review:
            mark_reviewed(user, post)
    return post


def answer(user, question, body):
    """`user` answers a question; its author is told in the app."""
    _ensure_use(user)
    if question.kind != PostKind.QUESTION:
        raise PostError("On ne répond qu'à une question.")
    _ensure_visible(question)
    reply = Post(
        kind=PostKind.ANSWER,
        author=user,
        parent=question,
        tool=question.tool,
        body=_clean_text(body, "La réponse"),
    )
    with transaction.atomic():
        reply.save()
        if question.author_id and question.author_id != user.pk and question.author.is_active:
            notify(
                question.author,
                NotificationKind.ANSWER,
                f"{user.get_full_name() or 'Un collègue'} a répondu à votre question « {question.title} »",
                body=markdown.plain(reply.body),
                url=reply.get_absolute_url(),
            )
    return reply


# ---------------------------------------------------------------------------------------------------------------
# Votes and the accepted answer


def _recount_votes(post):
    votes = Vote.objects.filter(post=OuterRef("pk")).values("post").annotate(n=Count("pk")).values("n")
    Post.objects.filter(pk=post.pk).update(vote_count=Coalesce(Subquery(votes), 0))
    post.refresh_from_db(fields=["vote_count"])


def toggle_vote(user, post):
    """« Utile »: `user` votes for the post, or takes their vote back. True when they now vote for it."""
    _ensure_use(user)
    _ensure_visible(post)
    if post.author_id == user.pk:
        raise PostError("Vous ne pouvez pas voter pour votre propre message.")
    with transaction.atomic():
        deleted, _ = Vote.objects.filter(post=post, user=user).delete()
        if not deleted:
            try:
                with transaction.atomic():
                    Vote.objects.create(post=post, user=user)
            except IntegrityError:
                pass  # Another click got there first: the vote is there.
        _recount_votes(post)
    return not deleted


def accept_answer(user, reply):
    """The question's author or a champion retains this answer (or no longer, when it already was).

    True when the answer is now the accepted one. Its author is told in the app.
    """
    if reply.kind != PostKind.ANSWER:
        raise PostError("Seule une réponse peut être retenue.")
    question = reply.parent
    if not can_accept(user, question):
        raise PostError("Seul l'auteur de la question ou un référent numérique choisit la réponse retenue.")
    _ensure_visible(reply)
    if question.accepted_answer_id == reply.pk:
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer"])
        return False
    with transaction.atomic():
        question.accepted_answer = reply
        question.save(update_fields=["accepted_answer"])
        if reply.author_id and reply.author_id != user.pk and reply.author.is_active:
            notify(
                reply.author,
                NotificationKind.ACCEPTED_ANSWER,
                f"Votre réponse à « {question.title} » est retenue",
                body="Elle s'affiche désormais en premier, pour tous ceux qui se posent la même question. Merci !",
                url=reply.get_absolute_url(),
            )
    return True


# ---------------------------------------------------------------------------------------------------------------
# Outdated posts and their review


def _tell_about_outdated(post, note, flagged_by=None):
    """Tell the author and the tool's champions that a post may be outdated (champions by e-mail too)."""
    champions = list(post.tool.champions.active())
    url = post.get_absolute_url()
    for champion in champions:
        if champion == flagged_by:
            continue
        notify(
            champion,
            NotificationKind.OUTDATED,
            f"À revoir : « {post} » ({post.tool.name})",
            body=f"Signalé comme obsolète : {note}",
            url=reverse("peers:review_queue"),
            email=True,
        )
    author = post.author
    if author and author.is_active and author != flagged_by and author not in champions:
        notify(
            author,
            NotificationKind.OUTDATED,
            f"Votre {_kind_word(post)} « {post} » est signalée comme peut-être obsolète",
            body=f"Ce qui a changé : {note}. Relisez-la et modifiez-la si besoin ; un référent va la relire aussi.",
            url=url,
        )


def flag_outdated(user, post, note):
    """Anyone flags a post « obsolète », saying what changed; the author and the tool's champions are told."""
    _ensure_use(user)
    _ensure_visible(post)
    note = _clean_text(note, "Ce qui a changé")[:300]
    if post.needs_review:
        raise PostError("Ce message est déjà signalé comme obsolète : un référent numérique va le relire.")
    post.outdated_at = timezone.now()
    post.outdated_by = user
    post.outdated_note = note
    with transaction.atomic():
        post.save(update_fields=["outdated_at", "outdated_by", "outdated_note"])
        _tell_about_outdated(post, note, flagged_by=user)
    return post


def mark_reviewed(user, post):
    """A champion checked a flagged post: « Toujours valable »; it leaves the review queue."""
    _ensure_moderator(user)
    if not post.needs_review:
        raise PostError("Ce message n'attend pas de relecture.")
    post.reviewed_at = timezone.now()
    post.reviewed_by = user
    post.save(update_fields=["reviewed_at", "reviewed_by"])
    return post


def review_queue():
    """Visible posts flagged outdated since their last review, oldest flag first."""
    return (
        Post.objects.to_review()
        .visible()
        .filter(Q(parent=None) | Q(parent__is_hidden=False, parent__duplicate_of=None))
        .select_related("tool", "author", "outdated_by", "parent")
        .order_by("outdated_at", "pk")
    )


def _update_cutoff(tool_update):
    """Posts written before this moment predate the change: the end of its publication day, or now if sooner."""
    day_after = datetime.datetime.combine(
        tool_update.published_on + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS
    )
    return min(timezone.now(), day_after)


def flag_tool_posts_for_review(tool_update):
    """A tool changed (a ToolUpdate of kind « change »): its visible tips written before are to be reviewed.

    The note says « Mise à jour de l'applicatif le <date> : <title> »; a tip already in the review queue gets the
    note added to its own. The tool's champions get one notification (and e-mail) for all of them, each author one
    per tip. Returns the number of tips flagged.
    """
    if tool_update.kind != UpdateKind.CHANGE:
        return 0
    tool = tool_update.tool
    note = f"Mise à jour de l'applicatif le {tool_update.published_on:%d/%m/%Y} : {tool_update.title}"
    tips = list(
        Post.objects.visible()
        .tips()
        .filter(tool=tool, created_at__lt=_update_cutoff(tool_update))
        .select_related("author")
    )
    if not tips:
        return 0
    now = timezone.now()
    with transaction.atomic():
        for tip in tips:
            if tip.needs_review:
                if note not in tip.outdated_note:
                    tip.outdated_note = f"{tip.outdated_note} ; {note}"[:300]
                    tip.save(update_fields=["outdated_note"])
                continue
            tip.outdated_at, tip.outdated_by, tip.outdated_note = now, tool_update.author, note
            tip.save(update_fields=["outdated_at", "outdated_by", "outdated_note"])
        champions = [c for c in tool.champions.active() if c != tool_update.author]
        for champion in champions:
            notify(
                champion,
                NotificationKind.OUTDATED,
                f"{tool.name} a changé : {plural(len(tips), 'astuce')} à revoir",
                body=f"{note}. Relisez les astuces écrites avant : toujours valables, à modifier ou à masquer.",
                url=reverse("peers:review_queue"),
                email=True,
            )
        for tip in tips:
            if (
                tip.author
                and tip.author.is_active
                and tip.author not in champions
                and tip.author != tool_update.author
            ):
                notify(
                    tip.author,
                    NotificationKind.OUTDATED,
                    f"{tool.name} a changé : votre astuce « {tip.title} » est peut-être à mettre à jour",
                    body=note,
                    url=tip.get_absolute_url(),
                )
    return len(tips)


# ---------------------------------------------------------------------------------------------------------------
# Moderation


def hide(user, post, reason):
    """A champion hides a post, saying why; it is then found nowhere and its page is a 404 for the others."""
    _ensure_moderator(user)
    reason = _clean_text(reason, "Le motif")[:200]
    if post.is_hidden:
        raise PostError("Ce message est déjà masqué.")
    post.is_hidden, post.moderation_note, post.moderated_by = True, reason, user
    post.save(update_fields=["is_hidden", "moderation_note", "moderated_by"])
    return post


def unhide(user, post, reason=""):
    """A champion shows a hidden post again."""
    _ensure_moderator(user)
    if not post.is_hidden:
        raise PostError("Ce message n'est pas masqué.")
    post.is_hidden, post.moderation_note, post.moderated_by = False, (reason or "").strip()[:200], user
    post.save(update_fields=["is_hidden", "moderation_note", "moderated_by"])
    return post


def merge(user, duplicate, target):
    """A champion merges a duplicate topic into `target`: its answers move under the target question, its page
    then leads to the target, and it is found nowhere else."""
    _ensure_moderator(user)
    if duplicate.kind not in TOPIC_KINDS or target.kind not in TOPIC_KINDS:
        raise PostError("On ne fusionne que des astuces et des questions (pas des réponses).")
    if duplicate.pk == target.pk:
        raise PostError("Un sujet ne peut pas être fusionné avec lui-même.")
    _ensure_visible(duplicate)
    if not is_visible(target):
        raise PostError(f"Le sujet n° {target.pk} est masqué ou déjà fusionné : choisissez-en un autre.")
    answers = duplicate.answers.all()
    if target.kind != PostKind.QUESTION and answers.exists():
        raise PostError("Les réponses ne peuvent aller que sous une question : choisissez une question.")
    with transaction.atomic():
        answers.update(parent=target, tool=target.tool)
        if target.accepted_answer_id is None and duplicate.accepted_answer_id:
            target.accepted_answer_id = duplicate.accepted_answer_id
            target.save(update_fields=["accepted_answer"])
        # Duplicates merged into this one now lead to the target directly.
        Post.objects.filter(duplicate_of=duplicate).update(duplicate_of=target)
        duplicate.duplicate_of = target
        duplicate.accepted_answer = None
        duplicate.moderated_by = user
        duplicate.moderation_note = f"Fusionné avec le sujet n° {target.pk}"
        duplicate.save(update_fields=["duplicate_of", "accepted_answer", "moderated_by", "moderation_note"])
    return target


# ---------------------------------------------------------------------------------------------------------------
# Lists and search


def with_counts(queryset):
    """Annotate topics with `answer_count` (visible answers) and `has_accepted` (a visible accepted answer)."""
    answers = (
        Post.objects.filter(parent=OuterRef("pk"), is_hidden=False)
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        answer_count=Coalesce(Subquery(answers), 0),
        has_accepted=Exists(Post.objects.filter(pk=OuterRef("accepted_answer_id"), is_hidden=False)),
    )


def topics(tool=None, task=None, kind=None):
    """Visible tips and questions, on a tool, a task, of a kind (a key of LISTINGS), unordered."""
    queryset = Post.objects.visible().topics()
    if tool is not None:
        queryset = queryset.filter(tool=tool)
    if task is not None:
        queryset = queryset.filter(tasks=task)
    if kind == "tip":
        queryset = queryset.tips()
    elif kind == "question":
        queryset = queryset.questions()
    elif kind == "unanswered":
        answered = Post.objects.filter(parent=OuterRef("pk"), is_hidden=False)
        queryset = queryset.questions().filter(~Exists(answered))
    elif kind == "review":
        queryset = queryset.to_review()
    elif kind:
        raise ValueError(f"Unknown listing {kind!r}")
    return queryset


def search_posts(query, tool=None, task=None, kind=None):
    """Visible topics matching `query` (French, accent- and plural-insensitive), best first, then the most useful;
    newest first when the query is empty. A queryset on both databases (see ere/peers/post_search.py)."""
    return post_search.rank(topics(tool=tool, task=task, kind=kind), query)


def _needs_review_last():
    to_review = Q(outdated_at__isnull=False) & (Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=F("outdated_at")))
    return Case(When(to_review, then=Value(1)), default=Value(0), output_field=IntegerField())


def tips_for_tool(tool, limit=3):
    """The tool's most useful visible tips, those awaiting review last; for the catalogue's tool page."""
    return list(
        with_counts(topics(tool=tool, kind="tip"))
        .select_related("tool")
        .prefetch_related("tasks")
        .alias(stale=_needs_review_last())
        .order_by("stale", "-vote_count", "-created_at", "-pk")[:limit]
    )


def questions_for_tool(tool, limit=3):
    """The tool's open questions (no accepted answer yet), newest first, with `answer_count`."""
    return list(
        with_counts(topics(tool=tool, kind="question"))
        .filter(has_accepted=False)
        .select_related("tool")
        .order_by("-created_at", "-pk")[:limit]
    )


# ---------------------------------------------------------------------------------------------------------------
# « L'astuce de la semaine »


def week_of(day=None):
    """The Monday of the week of `day` (today in Europe/Paris by default)."""
    day = day or timezone.localdate(timezone.now(), timezone=PARIS)
    return day - datetime.timedelta(days=day.weekday())


def _still_good(post):
    return post.kind == PostKind.TIP and is_visible(post) and not post.needs_review


def _choose(week, exclude=()):
    """The visible, up-to-date tip with the most votes not chosen in the weeks before (ties: the newest)."""
    recent = WeeklyTip.objects.filter(
        week__gte=week - datetime.timedelta(weeks=WEEKLY_TIP_REST_WEEKS), week__lt=week
    ).values("post")
    up_to_date = Q(outdated_at__isnull=True) | Q(reviewed_at__gte=F("outdated_at"))
    return (
        Post.objects.visible()
        .tips()
        .filter(up_to_date)
        .exclude(pk__in=recent)
        .exclude(pk__in=exclude)
        .order_by("-vote_count", "-created_at", "-pk")
        .first()
    )


def weekly_tip(week=None):
    """The WeeklyTip of `week` (a Monday; this week by default), chosen on the first call; None when no tip fits.

    The choice stays for the week, unless its tip is hidden, merged or flagged outdated meanwhile: another is chosen
    then (the e-mail, if sent, is not sent again).
    """
    week = week or week_of()
    tip = WeeklyTip.objects.select_related("post__tool", "post__author").filter(week=week).first()
    if tip is not None and _still_good(tip.post):
        return tip
    post = _choose(week, exclude=[tip.post_id] if tip else [])
    if post is None:
        return None
    if tip is not None:
        tip.post = post
        tip.save(update_fields=["post"])
        return tip
    try:
        with transaction.atomic():
            return WeeklyTip.objects.create(week=week, post=post)
    except IntegrityError:
        # Chosen at the same moment by another request: theirs stands.
        return WeeklyTip.objects.select_related("post__tool", "post__author").get(week=week)


def digest_recipients():
    """Everyone who uses Entraide (rule « peers.use »), with `wants_email` (their profile's choice, yes by
    default)."""
    roles = [Role.AGENT, Role.CHAMPION, Role.TRAINER, Role.ADMIN]
    return (
        User.objects.active()
        .filter(Q(role__in=roles) | Q(is_superuser=True))
        .annotate(wants_email=Coalesce("peer_profile__weekly_digest", Value(True)))
        .only("pk", "email", "first_name")
        .order_by("pk")
    )


def _digest_email(user, post, link):
    text = "\n\n".join(
        [
            f"Bonjour {user.first_name},",
            f"L'astuce de la semaine, sur {post.tool.name} : « {post.title} »",
            markdown.plain(post.body, length=600),
            f"La lire en entier et la trouver utile : {link}",
            "— ERE Digitale. Vous recevez ce message une fois par semaine. Pour ne plus le recevoir, décochez "
            "« recevoir l'astuce de la semaine par e-mail » dans votre profil d'entraide.",
        ]
    )
    return f"[ERE Digitale] L'astuce de la semaine : {post.title}", text


def send_weekly_tip(week=None):
    """Choose the week's tip and, once a week, tell everyone in the app and by e-mail those who want it.

    Returns {"week", "tip" (WeeklyTip or None), "sent" (False when already sent or no tip), "notified", "emailed"}.
    """
    week = week or week_of()
    tip = weekly_tip(week)
    result = {"week": week, "tip": tip, "sent": False, "notified": 0, "emailed": 0}
    if tip is None:
        return result
    with transaction.atomic():
        # Claimed with a conditional update: a second run, even at the same moment, sends nothing.
        if not WeeklyTip.objects.filter(pk=tip.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            tip.refresh_from_db(fields=["sent_at"])
            return result
        post = tip.post
        url = post.get_absolute_url()
        link = f"{settings.SITE_URL}{url}"
        title = f"L'astuce de la semaine : {post.title}"
        summary = markdown.plain(post.body)
        users = list(digest_recipients())
        Notification.objects.bulk_create(
            [Notification(user=u, kind=NotificationKind.DIGEST, title=title, body=summary, url=url) for u in users],
            batch_size=BATCH_SIZE,
        )
        cache.delete_many([UNREAD_KEY.format(u.pk) for u in users])
        emails = [u for u in users if u.wants_email and u.email]
        for user in emails:
            subject, text = _digest_email(user, post, link)
            transaction.on_commit(lambda s=subject, t=text, to=user.email: send_email.enqueue(s, t, [to]))
    tip.refresh_from_db(fields=["sent_at"])
    result.update(sent=True, notified=len(users), emailed=len(emails))
    return result


def digest_summary(result):
    """The French summary line of a send_weekly_tip() run."""
    week = f"{result['week']:%d/%m/%Y}"
    tip = result["tip"]
    if tip is None:
        return f"Semaine du {week} : aucune astuce à proposer (aucune astuce visible et à jour), rien n'est envoyé."
    if not result["sent"]:
        sent_at = timezone.localtime(tip.sent_at, PARIS)
        return (
            f"Semaine du {week} : l'astuce « {tip.post.title} » a déjà été envoyée le {sent_at:%d/%m/%Y à %H:%M}, "
            "rien n'est envoyé."
        )
    return (
        f"Semaine du {week} : l'astuce « {tip.post.title} » est envoyée, "
        f"{plural(result['notified'], 'notification')}, "
        f"{plural(result['emailed'], 'e-mail mis', 'e-mails mis')} en file d'envoi."
    )
