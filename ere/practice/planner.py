"""The weekly practice quarter, as pure functions: which items to ask this week, the spaced-repetition schedule of an
item after an answer (FSRS), and the streak of weeks practised.

No Django import: `ere/practice/quarters.py` feeds these functions with database rows and stores what they return.

A session is assembled in four passes, within a time budget (15 minutes):

1. reviews that are due (FSRS cards due now or overdue), the most overdue first, within half the budget;
2. items on the agent's gaps (areas below their role's target), each draw picking an area with a probability
   proportional to its priority (usage weight × gap), never-seen items first;
3. items on the newest tools of the agent's role (a share of the budget is kept for them);
4. when time is left, more items on the gaps, then on any area, so that the quarter is never empty while the bank
   has items.

Each planned entry carries its reason in plain French, shown to the agent beside the question.
"""

import datetime
import random
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler

BUDGET = 900  # seconds: the quart d'heure
REVIEW_SHARE = 0.5  # reviews take at most this share of the budget
NEW_TOOL_SHARE = 0.25  # kept for the newest tools of the role, when there are some
EASY_RATIO = 0.5  # a right answer given in less than half the estimated time counts as « easy »

# Sources of an entry, in the order the session plays them.
REVIEW, GAP, NEW_TOOL, MORE = "review", "gap", "new_tool", "more"


@dataclass(frozen=True)
class Candidate:
    """An item that may be asked: its id, the code of its area, its estimated time, its kind.

    `seen` is true when the agent has answered it before and its next review is not due yet.
    """

    id: int
    area: str
    seconds: int
    kind: str
    seen: bool = False


@dataclass(frozen=True)
class DueReview:
    """A review the FSRS schedule asks for: the item and when it was due (aware datetime, local time)."""

    item: int
    due: datetime.datetime


@dataclass(frozen=True)
class Gap:
    """An area below the role's target: its priority (usage weight × gap), and why, in French."""

    area: str
    name: str
    priority: float
    reason: str = ""


@dataclass(frozen=True)
class NewTool:
    """A tool of the agent's role launched recently, with the code of its skills area."""

    area: str
    name: str
    launched_on: datetime.date


@dataclass(frozen=True)
class Entry:
    item: int
    source: str
    reason: str
    seconds: int

    def to_dict(self):
        return {"item": self.item, "source": self.source, "reason": self.reason, "seconds": self.seconds}


def _french_date(day):
    return f"{day.day:02d}/{day.month:02d}"


def review_reason(due, now):
    if due.date() >= now.date():
        return "Révision prévue aujourd'hui"
    return f"Révision prévue le {_french_date(due)} : c'est le bon moment pour y revenir"


def gap_reason(gap):
    return gap.reason or f"Pour progresser sur {gap.name}"


def new_tool_reason(tool):
    return f"Nouvel outil de votre métier : {tool.name}"


class _Session:
    """The plan being assembled: what is taken, the time used."""

    def __init__(self, budget):
        self.budget = budget
        self.used = 0
        self.entries = []
        self.taken = set()

    def fits(self, candidate, limit=None):
        return candidate.id not in self.taken and self.used + candidate.seconds <= (limit or self.budget)

    def add(self, candidate, source, reason):
        self.entries.append(Entry(candidate.id, source, reason, candidate.seconds))
        self.taken.add(candidate.id)
        self.used += candidate.seconds


def _pick(pool, session, rng, limit=None):
    """An item of `pool` that fits: never-seen items first, at random among equals; None when none fits."""
    fitting = [c for c in pool if session.fits(c, limit)]
    if not fitting:
        return None
    fresh = [c for c in fitting if not c.seen]
    return rng.choice(fresh or fitting)


def _fill_weighted(by_area, weights, session, rng, limit, add):
    """Draw areas in proportion to their weight and add one item of the drawn area each time (`add(area,
    candidate)`), until no area has an item that fits under `limit`."""
    weights = {area: weight for area, weight in weights.items() if weight > 0 and by_area.get(area)}
    while weights:
        areas = sorted(weights)
        area = rng.choices(areas, weights=[weights[a] for a in areas])[0]
        candidate = _pick(by_area[area], session, rng, limit)
        if candidate is None:
            del weights[area]
        else:
            add(area, candidate)


def plan(candidates, reviews, gaps, new_tools, seed, now, budget=BUDGET):
    """The entries of this week's session, in the order they are played (see the module docstring)."""
    rng = random.Random(seed)
    session = _Session(budget)
    by_id = {c.id: c for c in candidates}
    by_area = {}
    for candidate in sorted(candidates, key=lambda c: c.id):
        by_area.setdefault(candidate.area, []).append(candidate)
    gap_by_area = {g.area: g for g in gaps}
    weights = {g.area: g.priority for g in gaps}

    def add_gap(area, candidate):
        session.add(candidate, GAP, gap_reason(gap_by_area[area]))

    # 1. Reviews due, the most overdue first, within their share of the budget.
    review_limit = int(budget * REVIEW_SHARE)
    for review in sorted(reviews, key=lambda r: (r.due, r.item)):
        candidate = by_id.get(review.item)
        if candidate is not None and session.fits(candidate, review_limit):
            session.add(candidate, REVIEW, review_reason(review.due, now))

    # Time kept for the newest tools, when one of them has an item.
    tools = [t for t in sorted(new_tools, key=lambda t: (-t.launched_on.toordinal(), t.name)) if by_area.get(t.area)]
    reserve = int(budget * NEW_TOOL_SHARE) if tools else 0

    # 2. Gaps, drawn in proportion to their priority.
    _fill_weighted(by_area, weights, session, rng, budget - reserve, add_gap)

    # 3. The newest tools, newest first, one item per tool in turn while they fit.
    added = True
    while added:
        added = False
        for tool in tools:
            candidate = _pick(by_area[tool.area], session, rng)
            if candidate is not None:
                session.add(candidate, NEW_TOOL, new_tool_reason(tool))
                added = True

    # 4. Time left: more on the gaps, then on the other areas of the bank.
    _fill_weighted(by_area, weights, session, rng, budget, add_gap)
    others = {area: 1.0 for area in by_area if area not in weights}
    _fill_weighted(
        by_area, others, session, rng, budget, lambda _area, c: session.add(c, MORE, "Pour entretenir vos compétences")
    )
    return session.entries


# ---------------------------------------------------------------------------------------------------------------
# Spaced repetition (FSRS)

# No learning steps of minutes: agents practise once a week, so every answer schedules the next review in days.
# No fuzzing: the schedule is deterministic (the fuzz uses the global random generator).
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), maximum_interval=365, enable_fuzzing=False)


def rating(correct, seconds=None, estimated=None):
    """Again when wrong; Easy when right and clearly faster than the item's estimated time; Good otherwise."""
    if not correct:
        return Rating.Again
    if seconds is not None and estimated and seconds <= estimated * EASY_RATIO:
        return Rating.Easy
    return Rating.Good


def review(card, correct, seconds, now, estimated=None):
    """The FSRS card after an answer, as a dict (Card.to_dict), and when the item is due again (aware, UTC).

    `card` is the stored dict, or None for an item never answered; `now` an aware datetime.
    """
    now = now.astimezone(datetime.UTC)
    current = Card.from_dict(card) if card else Card(card_id=int(now.timestamp() * 1000), due=now)
    updated, _log = SCHEDULER.review_card(
        current, rating(correct, seconds, estimated), review_datetime=now, review_duration=int(seconds * 1000)
    )
    return updated.to_dict(), updated.due


# ---------------------------------------------------------------------------------------------------------------
# Streak


def streak(weeks_done, this_week):
    """Consecutive weeks with a finished quarter, ending this week (or last week, while this one is not done yet).

    `weeks_done` holds the Monday of each week with a finished quarter; `this_week`, this week's Monday.
    """
    week = this_week if this_week in weeks_done else this_week - datetime.timedelta(days=7)
    count = 0
    while week in weeks_done:
        count += 1
        week -= datetime.timedelta(days=7)
    return count
