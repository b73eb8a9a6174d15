"""The practice quarter as stored: this week's quarter and its plan, an answer with its review schedule, the end.

The choices are made by the pure planner (`ere/practice/planner.py`); this module feeds it with database rows. The
demo loader runs the same functions with past dates, so the demo's history comes from the real planner and FSRS.
"""

import zlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ere.catalog.models import Tool
from ere.practice import planner
from ere.practice.models import PracticeAnswer, PracticeQuarter, ReviewCard, Sandbox, week_start
from ere.skills import items as item_kinds
from ere.skills.enums import ItemKind
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

    A quarter not started yet whose plan is empty is planned again: the item bank may have been filled since.
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
    elif not quarter.plan and quarter.started_at is None:
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


def progress(quarter):
    """The plan's entries with their answer (or None), in order, and the next entry to play (or None)."""
    answers = {a.item_id: a for a in quarter.answers.all()}
    items = plan_items(quarter)
    rows = [
        {**entry, "object": items[entry["item"]], "answer": answers.get(entry["item"])}
        for entry in quarter.plan
        if entry["item"] in items
    ]
    upcoming = next((row for row in rows if row["answer"] is None), None)
    return rows, upcoming


def presentation(quarter, item):
    """What the answer form shows for `item`, shuffled the same way on every load of the page."""
    return item_kinds.presentation(item.kind, item.data, f"{quarter.pk}:{item.pk}")


@transaction.atomic
def schedule_review(user_id, item, correct, seconds, now=None):
    """Update (or create) the FSRS review card of `item` for a user after an answer; return the card.

    Also for answers given outside the quarter (an exercise of the learning path): the item then comes back in a
    practice quarter when it is due.
    """
    now = now or timezone.now()
    card = ReviewCard.objects.select_for_update().filter(user=user_id, item=item).first()
    state, due = planner.review(card.card if card else None, correct, seconds, now, estimated=item.seconds)
    if card is None:
        return ReviewCard.objects.create(user_id=user_id, item=item, card=state, due=due, last_review=now)
    card.card, card.due, card.last_review = state, due, now
    card.save(update_fields=["card", "due", "last_review"])
    return card


@transaction.atomic
def record_answer(quarter, item, answer, seconds, now=None):
    """Store an answer and update the item's review card (FSRS): both, or neither. Return (answer, outcome).

    `answer` is what items.read_answer returned; `seconds`, the time spent on the question.
    """
    now = now or timezone.now()
    seconds = max(1, min(int(seconds), MAX_ANSWER_SECONDS))
    outcome = item_kinds.score(item.kind, item.data, answer)
    practice_answer = PracticeAnswer.objects.create(
        quarter=quarter, item=item, answer=answer, correct=outcome.correct, answered_at=now
    )
    schedule_review(quarter.user_id, item, outcome.correct, seconds, now)
    updates = {"seconds": F("seconds") + seconds}
    if quarter.started_at is None:
        updates["started_at"] = now
    PracticeQuarter.objects.filter(pk=quarter.pk).update(**updates)
    quarter.refresh_from_db(fields=["seconds", "started_at"])
    return practice_answer, outcome


def finish(quarter, now=None):
    """Mark the quarter done (once)."""
    if quarter.finished_at is None:
        quarter.finished_at = now or timezone.now()
        quarter.save(update_fields=["finished_at"])
    return quarter


def weeks_done(user):
    return set(PracticeQuarter.objects.filter(user=user, finished_at__isnull=False).values_list("week", flat=True))


def streak(user, today=None):
    return planner.streak(weeks_done(user), week_start(today or timezone.localdate()))


def outcome_of(answer):
    """Right or wrong, the feedback and the answer in words, from a stored PracticeAnswer."""
    item = answer.item
    return item_kinds.score(item.kind, item.data, answer.answer), item_kinds.describe_answer(
        item.kind, item.data, answer.answer
    )
