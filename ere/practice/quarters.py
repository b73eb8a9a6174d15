"""The practice quarter as stored: this week's quarter and its plan, an answer with its review schedule, the end.

The choices are made by the pure planner (`ere/practice/planner.py`); this module feeds it with database rows. The
demo loader runs the same functions with past dates, so the demo's history comes from the real planner and FSRS.
"""

import datetime
import uuid
import zlib
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ere.catalog.models import Tool
from ere.practice import planner
from ere.practice.models import PracticeAnswer, PracticeQuarter, ReviewCard, Sandbox, SandboxAttempt, week_start
from ere.skills import items as item_kinds
from ere.skills.enums import ItemKind, ItemStatus
from ere.skills.models import Item
from ere.skills.profile import gaps as profile_gaps

# An answer given more than this long after its question was shown counts this long (a tab left open).
MAX_ANSWER_SECONDS = 15 * 60


def seed_for(user, week):
    """The seed of a user's plan for a week: the same plan if it is assembled again."""
    return zlib.crc32(f"{user.pk}:{week.isoformat()}".encode())


def bank():
    """The published items the practice may ask (sandbox missions only when their sandbox is published)."""
    published = Item.objects.published().select_related("skill__area").order_by("pk")
    sandboxes = set(Sandbox.objects.published().values_list("slug", flat=True))
    return [item for item in published if item.kind != ItemKind.SANDBOX or item.data.get("sandbox") in sandboxes]


def newest_tools(user):
    """The tools of the user's role launched within the news window that have a skills area."""
    tools = (
        Tool.objects.in_service().new().for_user(user).filter(skill_area__isnull=False).select_related("skill_area")
    )
    return [planner.NewTool(area=t.skill_area.code, name=t.name, launched_on=t.launched_on) for t in tools]


def planner_gaps(user, with_usage=True):
    return [
        planner.Gap(area=s.area.code, name=s.area.name, priority=s.priority, reason=s.reason)
        for s in profile_gaps(user, with_usage)
    ]


def build_plan(user, week, now, items=None, gaps=None, new_tools=None, cards=None):
    """The plan of `user` for `week` as stored in PracticeQuarter.plan (a list of dicts).

    `items`, `gaps`, `new_tools` and `cards` ({item id: due}) may be given by a caller that plans for many agents
    (the demo).
    """
    items = bank() if items is None else items
    if cards is None:
        cards = dict(ReviewCard.objects.filter(user=user).values_list("item_id", "due"))
    candidates = [
        planner.Candidate(
            id=item.pk,
            area=item.skill.area.code,
            seconds=item.seconds,
            kind=item.kind,
            seen=item.pk in cards and cards[item.pk] > now,
        )
        for item in items
    ]
    reviews = [planner.DueReview(item_id, timezone.localtime(due)) for item_id, due in cards.items() if due <= now]
    entries = planner.plan(
        candidates,
        reviews,
        planner_gaps(user) if gaps is None else gaps,
        newest_tools(user) if new_tools is None else new_tools,
        seed=seed_for(user, week),
        now=timezone.localtime(now),
    )
    return [entry.to_dict() for entry in entries]


def quarter_for(user, week=None, now=None):
    """This week's quarter of `user`, created with its plan on first call.

    A quarter not started yet with nothing left to ask (an empty plan, or every item of it withdrawn since) is
    planned again: the item bank may have changed since.
    """
    now = now or timezone.now()
    week = week or week_start(timezone.localdate(now))
    quarter = PracticeQuarter.objects.filter(user=user, week=week).first()
    if quarter is None:
        try:
            with transaction.atomic():
                quarter = PracticeQuarter.objects.create(user=user, week=week, plan=build_plan(user, week, now))
        except IntegrityError:  # created meanwhile by another request of the same user
            quarter = PracticeQuarter.objects.get(user=user, week=week)
    elif quarter.started_at is None and not playable(plan_items(quarter).values()):
        plan = build_plan(user, week, now)
        if plan:
            quarter.plan = plan
            quarter.save(update_fields=["plan"])
    return quarter


def start(quarter, now=None):
    if quarter.started_at is None:
        quarter.started_at = now or timezone.now()
        quarter.save(update_fields=["started_at"])
    return quarter


def plan_items(quarter):
    """{item id: Item} for the items of the plan that still exist."""
    ids = [entry["item"] for entry in quarter.plan]
    return Item.objects.select_related("skill__area").in_bulk(ids)


def playable(items):
    """The ids of `items` that may still be asked: published, and for a mission, its sandbox published."""
    items = [item for item in items if item.status == ItemStatus.PUBLISHED]
    slugs = {item.data.get("sandbox") for item in items if item.kind == ItemKind.SANDBOX}
    published = set(Sandbox.objects.published().filter(slug__in=slugs).values_list("slug", flat=True)) if slugs else ()
    return {item.pk for item in items if item.kind != ItemKind.SANDBOX or item.data.get("sandbox") in published}


def progress(quarter):
    """The plan's entries with their answer (or None) and whether they were skipped, in order, and the next entry to
    play (or None).

    An entry not answered whose item can no longer be asked (unpublished, deleted, its sandbox withdrawn) is left
    out: it neither blocks the quarter nor counts. Answered entries stay, whatever became of their item.
    """
    answers = {a.item_id: a for a in quarter.answers.select_related("item")}
    items = plan_items(quarter)
    askable = playable(items.values())
    skipped = set(quarter.skipped or [])
    rows = []
    for entry in quarter.plan:
        item, answer = items.get(entry["item"]), answers.get(entry["item"])
        if item is None or (answer is None and item.pk not in askable):
            continue
        rows.append({**entry, "object": item, "answer": answer, "skipped": answer is None and item.pk in skipped})
    upcoming = next((row for row in rows if row["answer"] is None and not row["skipped"]), None)
    return rows, upcoming


def display_seed(quarter, item):
    """How an item is shuffled and named in this quarter's form, the same on every load of the page."""
    return f"{quarter.pk}:{item.pk}"


def presentation(quarter, item):
    """What the answer form shows for `item`, shuffled the same way on every load of the page."""
    return item_kinds.presentation(item.kind, item.data, display_seed(quarter, item))


class AlreadyAnswered(Exception):
    """The item already has an answer in this quarter (a double submission): nothing more is saved."""


@transaction.atomic
def schedule_review(user_id, item, correct, seconds, now=None):
    """Update (or create) the FSRS review card of `item` for a user after an answer; return the card.

    Also for answers given outside the quarter (an exercise of the learning path): the item then comes back in a
    practice quarter when it is due. Safe when two answers arrive at once, also inside the caller's transaction: the
    card is locked, and a first card created meanwhile by another request is updated instead.
    """
    now = now or timezone.now()
    card = ReviewCard.objects.select_for_update().filter(user=user_id, item=item).first()
    state, due = planner.review(card.card if card else None, correct, seconds, now, estimated=item.seconds)
    if card is None:
        try:
            with transaction.atomic():  # a savepoint: the caller's transaction survives a duplicate
                return ReviewCard.objects.create(user_id=user_id, item=item, card=state, due=due, last_review=now)
        except IntegrityError:  # the first card was created meanwhile: review that one
            card = ReviewCard.objects.select_for_update().get(user=user_id, item=item)
            state, due = planner.review(card.card, correct, seconds, now, estimated=item.seconds)
    card.card, card.due, card.last_review = state, due, now
    card.save(update_fields=["card", "due", "last_review"])
    return card


def _locked(quarter):
    """The quarter's row, locked until the end of the transaction: its answers and skips are written one at a time."""
    return PracticeQuarter.objects.select_for_update().get(pk=quarter.pk)


@transaction.atomic
def record_answer(quarter, item, answer, seconds, now=None):
    """Store an answer and update the item's review card (FSRS): both, or neither. Return (answer, outcome).

    `answer` is what items.read_answer returned; `seconds`, the time spent on the question. Raise AlreadyAnswered
    when the item already has an answer in this quarter (two submissions at once: the second one waits for the lock,
    then finds the first). The quarter is finished when nothing is left to play.
    """
    now = now or timezone.now()
    locked = _locked(quarter)
    existing = PracticeAnswer.objects.filter(quarter=locked, item=item).first()
    if existing is not None:
        raise AlreadyAnswered(existing)
    seconds = max(1, min(int(seconds), MAX_ANSWER_SECONDS))
    outcome = item_kinds.score(item.kind, item.data, answer)
    try:
        with transaction.atomic():
            practice_answer = PracticeAnswer.objects.create(
                quarter=locked, item=item, answer=answer, correct=outcome.correct, answered_at=now
            )
    except IntegrityError:  # without row locks (SQLite), the unique constraint is the last guard
        raise AlreadyAnswered(PracticeAnswer.objects.filter(quarter=locked, item=item).first()) from None
    schedule_review(quarter.user_id, item, outcome.correct, seconds, now)
    updates = {"seconds": F("seconds") + seconds}
    if locked.started_at is None:
        updates["started_at"] = now
    PracticeQuarter.objects.filter(pk=quarter.pk).update(**updates)
    quarter.refresh_from_db(fields=["seconds", "started_at", "finished_at", "skipped"])
    finish_if_complete(quarter, now)
    return practice_answer, outcome


@transaction.atomic
def skip(quarter, item, now=None):
    """Pass an entry without answering it: it is not answered, does not count, and comes back in a later plan."""
    now = now or timezone.now()
    locked = _locked(quarter)
    if item.pk not in locked.skipped and not locked.answers.filter(item=item).exists():
        locked.skipped = [*locked.skipped, item.pk]
        updates = ["skipped"]
        if locked.started_at is None:
            locked.started_at = now
            updates.append("started_at")
        locked.save(update_fields=updates)
    quarter.refresh_from_db(fields=["skipped", "started_at", "finished_at"])
    finish_if_complete(quarter, now)
    return quarter


def can_finish(rows, upcoming):
    """« Terminer » needs an answer, unless nothing is left to play (everything left was skipped or withdrawn)."""
    return any(row["answer"] for row in rows) or (bool(rows) and upcoming is None)


def finish_if_complete(quarter, now=None):
    """Finish the quarter once every entry of the plan is answered or skipped: it counts for the streak and the
    participation even if the agent closes the page before « Terminer »."""
    if quarter.finished_at is None:
        rows, upcoming = progress(quarter)
        if rows and upcoming is None:
            finish(quarter, now)
    return quarter


def finish(quarter, now=None):
    """Mark the quarter done (once)."""
    if quarter.finished_at is None:
        quarter.finished_at = now or timezone.now()
        PracticeQuarter.objects.filter(pk=quarter.pk, finished_at__isnull=True).update(finished_at=quarter.finished_at)
    return quarter


def weeks_done(user):
    return set(PracticeQuarter.practised().filter(user=user).values_list("week", flat=True))


def streak(user, today=None):
    return planner.streak(weeks_done(user), week_start(today or timezone.localdate()))


EDITED = (
    "Cette question a été modifiée depuis votre réponse : le résultat affiché est celui du moment où vous avez "
    "répondu."
)


def outcome_of(answer, item=None):
    """Right or wrong, the feedback and the answer in words, from a stored PracticeAnswer.

    Right or wrong is what was stored when the agent answered (it fed FSRS and the counts), even if the item was
    edited since; the feedback of the edited item, which would contradict it, then gives way to a note.
    """
    item = item or answer.item
    outcome = item_kinds.score(item.kind, item.data, answer.answer)
    if outcome.correct != answer.correct:
        outcome = replace(outcome, correct=answer.correct, feedback=[EDITED])
    return outcome, item_kinds.describe_answer(item.kind, item.data, answer.answer)


NOT_RECORDED = (
    "Votre tentative n'est pas encore enregistrée sur le serveur (la connexion a peut-être été coupée). Attendez "
    "le message « Tentative enregistrée » sous l'applicatif-école, puis validez à nouveau, ou passez cette question."
)


class MissionNotRecorded(item_kinds.AnswerError):
    """The attempt named by the quarter's form is not stored (yet): nothing is saved."""


def mission_answer(quarter, item, client_id):
    """The answer to a sandbox item, from the agent's own attempt stored by the server (never from the browser's
    word): {"succeeded": bool, "attempt": client id}. The attempt must be the user's, at this item's sandbox, and
    recorded since the quarter started (not an old success). Raise AnswerError with a French message otherwise."""
    if not client_id:
        raise item_kinds.AnswerError("Terminez la mission dans l'applicatif-école avant de continuer.")
    try:
        client_id = uuid.UUID(str(client_id))
    except ValueError:
        raise MissionNotRecorded(NOT_RECORDED) from None
    since = quarter.started_at or timezone.make_aware(datetime.datetime.combine(quarter.week, datetime.time.min))
    attempt = SandboxAttempt.objects.filter(
        user=quarter.user_id,
        client_id=client_id,
        sandbox__slug=item.data.get("sandbox"),
        finished_at__gte=since,
    ).first()
    if attempt is None:
        raise MissionNotRecorded(NOT_RECORDED)
    return {"succeeded": attempt.succeeded, "attempt": str(attempt.client_id)}
