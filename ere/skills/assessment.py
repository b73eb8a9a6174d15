"""The diagnostic as stored: start it from the self-positioning, draw the next item, record an answer, finish.

The statistics are in the pure engine (`ere/skills/engine.py`); this module feeds it with database rows and writes
its estimates back. The demo loader runs the same functions, so the demo's results come from the real engine.
"""

import random

import numpy as np
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from ere.skills import engine
from ere.skills import items as item_kinds
from ere.skills.enums import AreaKind, AssessmentStatus
from ere.skills.models import Assessment, AssessmentArea, Item, Response

SCALES = {AreaKind.TOOL: engine.TOOL_SCALE, AreaKind.CRCN: engine.CRCN_SCALE}


def scale_of(area):
    return SCALES[area.kind]


def display_seed(assessment, item):
    """How an item is shuffled and named in this diagnostic's form (`items.presentation`), the same on every load."""
    return f"{assessment.seed}:{item.pk}"


def new_parts(assessment, ratings):
    """The unsaved areas of a diagnostic, their estimates at the self-positioning ({area: self-rating})."""
    parts = []
    for area, rating in ratings.items():
        part = AssessmentArea(assessment=assessment, area=area, self_rating=rating)
        update_estimate(part, [])
        parts.append(part)
    return parts


@transaction.atomic
def start(user, ratings, max_items=12, seed=None):
    """A new diagnostic over the given areas ({area: self-rating}); the estimate starts at the self-positioning."""
    assessment = Assessment.objects.create(
        user=user, max_items=max_items, seed=random.SystemRandom().randrange(2**31) if seed is None else seed
    )
    AssessmentArea.objects.bulk_create(new_parts(assessment, ratings))
    return assessment


def _bank(area_id, banks=None):
    """The diagnostic items of an area in uid order; `banks`, a dict kept by the caller, saves the query when the
    same process runs many diagnostics."""
    if banks is not None and area_id in banks:
        return banks[area_id]
    bank = list(Item.objects.for_diagnostic().filter(skill__area=area_id).order_by("uid"))
    if banks is not None:
        banks[area_id] = bank
    return bank


def choose(parts, banks, seen, seed, max_items, exposure, tests_taken):
    """The (part, item) to ask next, or None; marks `finished` the parts with nothing left to ask. No database.

    The area whose estimate is the least certain goes first, so the test alternates between areas. `banks` maps an
    area id to its items, `seen` holds the ids of the items already asked, `exposure` counts per item id the earlier
    diagnostics that asked it, and `tests_taken` counts per area id the earlier diagnostics of that area.
    """
    for part in sorted((p for p in parts if not p.finished), key=lambda p: (-p.sd, p.area_id)):
        bank = banks[part.area_id]
        available = np.array([item.pk not in seen for item in bank], dtype=bool)
        estimate = engine.Estimate(part.theta, part.sd, part.level or 1, part.confidence or 0.0)
        index = None
        if not engine.is_finished(estimate, part.items_count, max_items, int(available.sum())):
            index = engine.choose_next(
                part.theta,
                np.array([item.discrimination for item in bank]),
                np.array([item.difficulty for item in bank]),
                available,
                np.random.default_rng([seed, len(seen)]),
                exposure=np.array([exposure.get(item.pk, 0) for item in bank], dtype=float),
                tests_taken=tests_taken.get(part.area_id, 0),
            )
        if index is None:
            part.finished = True
            continue
        return part, bank[index]
    return None


def update_estimate(part, responses):
    """Set the part's estimate from its responses, given as (discrimination, difficulty, correct)."""
    estimate = engine.estimate(engine.prior_mean(part.self_rating), responses, scale_of(part.area))
    part.theta, part.sd, part.level, part.confidence = estimate.mean, estimate.sd, estimate.level, estimate.confidence
    part.items_count = len(responses)


def next_question(assessment, banks=None):
    """The part and item to ask now, drawn once and kept; None (and the diagnostic finished) when all is done."""
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        return None
    parts = list(assessment.areas.select_related("area"))
    if assessment.current_item_id:
        item = assessment.current_item
        part = next((part for part in parts if part.area_id == item.skill.area_id), None)
        if part is not None and Item.objects.for_diagnostic().filter(pk=item.pk).exists():
            return part, item
        # The item was archived, or moved to another area, since it was drawn: draw another one.
        assessment.current_item = None
        assessment.save(update_fields=["current_item"])
    bank_of = {part.area_id: _bank(part.area_id, banks) for part in parts}
    ids = [item.pk for bank in bank_of.values() for item in bank]
    exposure = dict(Item.objects.filter(pk__in=ids).values_list("pk", "exposure_count"))
    tests_taken = dict(
        AssessmentArea.objects.filter(area__in=bank_of, items_count__gt=0)
        .exclude(assessment=assessment)
        .values("area")
        .annotate(n=Count("pk"))
        .values_list("area", "n")
    )
    seen = set(assessment.responses.values_list("item_id", flat=True))
    was_finished = {part.pk for part in parts if part.finished}
    chosen = choose(parts, bank_of, seen, assessment.seed, assessment.max_items, exposure, tests_taken)
    done = [part.pk for part in parts if part.finished and part.pk not in was_finished]
    if done:
        AssessmentArea.objects.filter(pk__in=done).update(finished=True)
    if chosen is None:
        finish(assessment)
        return None
    assessment.current_item = chosen[1]
    assessment.save(update_fields=["current_item"])
    return chosen


@transaction.atomic
def answer(assessment, part, item, given):
    """Record the answer to the current item, update the area's estimate; return the outcome (right, feedback),
    or None when that item is no longer the current one (the same answer submitted twice at once)."""
    locked = Assessment.objects.select_for_update().only("current_item").get(pk=assessment.pk)
    if locked.current_item_id != item.pk:
        return None
    outcome = item_kinds.score(item.kind, item.data, given)
    Response.objects.create(
        assessment=assessment,
        area=part,
        item=item,
        answer=given,
        correct=outcome.correct,
        position=assessment.responses.count() + 1,
    )
    Item.objects.filter(pk=item.pk).update(exposure_count=F("exposure_count") + 1)
    responses = part.responses.values_list("item__discrimination", "item__difficulty", "correct")
    update_estimate(part, list(responses))
    part.save(update_fields=["theta", "sd", "level", "confidence", "items_count"])
    assessment.current_item = None
    assessment.save(update_fields=["current_item"])
    return outcome


def finish(assessment):
    """Close the diagnostic: every area keeps its last estimate."""
    assessment.areas.update(finished=True)
    assessment.status = AssessmentStatus.FINISHED
    assessment.finished_at = timezone.now()
    assessment.current_item = None
    assessment.save(update_fields=["status", "finished_at", "current_item"])


def progress(assessment):
    """(questions answered, questions at most) for the progress bar."""
    parts = list(assessment.areas.all())
    asked = sum(part.items_count for part in parts)
    return asked, len(parts) * assessment.max_items
