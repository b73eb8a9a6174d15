"""Demo practice quarters: the team slots of the agencies, and six weeks of past quarters in a few agencies.

Each simulated agent has a propensity to practise and a hidden ability. The weeks they practise, their plan comes
from the real planner (with their review cards as they stood that day), they answer each item with the 2PL
probability of getting it right, and the real FSRS schedules the item again. The demo agent (agent@ere.demo) did the
last three weeks in a row (and two before a missed week), so that her streak shows.

Runs after the skills loader (it needs the item bank); without items it loads the slots only.
"""

import datetime
import math
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from ere.core.demo import Tally, plural, sync_objects
from ere.org.enums import Role
from ere.org.models import Agency, User
from ere.practice import planner, quarters
from ere.practice.models import PracticeAnswer, PracticeQuarter, ReviewCard, TeamSlot, week_start
from ere.skills import items as item_kinds

PARIS = ZoneInfo("Europe/Paris")
MON, TUE, WED, THU, FRI = range(5)

# Agency code → (weekday, start, minutes). The four agencies left out show the page's « no slot yet » state.
SLOTS = {
    "69001": (TUE, datetime.time(8, 45), 15),
    "69002": (THU, datetime.time(13, 30), 15),
    "69003": (MON, datetime.time(9, 0), 15),
    "69004": (FRI, datetime.time(8, 30), 20),
    "69005": (TUE, datetime.time(14, 0), 15),
    "38001": (WED, datetime.time(8, 45), 15),
    "38002": (THU, datetime.time(9, 0), 15),
    "42001": (MON, datetime.time(13, 45), 15),
}
# Agencies where agents practised over the past weeks, with their usual participation.
PRACTISING = {"69001": 0.76, "69002": 0.72, "38001": 0.74}
WEEKS = 6
DEMO_AGENT = "agent@ere.demo"
DEMO_AGENT_WEEKS = {1, 2, 3, 5, 6}  # weeks ago: a streak of three, after a missed week


def _slots(stdout):
    tally = Tally()
    agencies = {a.code: a for a in Agency.objects.filter(code__in=SLOTS)}
    managers = {}
    for manager in User.objects.filter(role=Role.MANAGER, territory_scope__isnull=True, agency__code__in=SLOTS):
        managers.setdefault(manager.agency_id, manager)
    rows = [
        {
            "agency": agencies[code],
            "weekday": weekday,
            "start": start,
            "minutes": minutes,
            "chosen_by": managers.get(agencies[code].pk),
        }
        for code, (weekday, start, minutes) in SLOTS.items()
        if code in agencies
    ]
    sync_objects(TeamSlot, "agency", rows, tally)
    stdout.write(f"Quart d'heure de pratique : {plural(len(rows), 'créneau', 'créneaux')} d'équipe ({tally})")


def _play(user, week, when, run, theta, items, by_id, gaps, new_tools, cards):
    """One quarter of a simulated agent: planned, answered within about fifteen minutes, finished."""
    plan = quarters.build_plan(
        user, week, when, items=items, gaps=gaps, new_tools=new_tools, cards={i: c[1] for i, c in cards.items()}
    )
    quarter = PracticeQuarter(user=user, week=week, plan=plan, started_at=when)
    answers, clock, spent = [], when, 0
    stop_after = planner.BUDGET * run.uniform(0.7, 1.15)
    for entry in plan:
        item = by_id[entry["item"]]
        seconds = max(6, round(run.gauss(item.seconds * 0.9, item.seconds * 0.3)))
        if spent + seconds > stop_after:
            break
        right = run.random() < 1 / (1 + math.exp(-item.discrimination * (theta - item.difficulty)))
        answer = item_kinds.sample_answer(item.kind, item.data, right)
        correct = item_kinds.score(item.kind, item.data, answer).correct
        clock += datetime.timedelta(seconds=seconds)
        previous = cards.get(item.pk)
        card, due = planner.review(previous[0] if previous else None, correct, seconds, clock, estimated=item.seconds)
        cards[item.pk] = (card, due, clock)
        answers.append(PracticeAnswer(item=item, answer=answer, correct=correct, answered_at=clock))
        spent += seconds
        clock += datetime.timedelta(seconds=run.randint(8, 25))  # reading the feedback
    quarter.finished_at, quarter.seconds = clock, spent
    return quarter, answers


def _quarters(rng, stdout):
    items = quarters.bank()
    slots = {s.agency.code: s for s in TeamSlot.objects.select_related("agency").filter(agency__code__in=PRACTISING)}
    this_week = week_start()
    weeks = [this_week - datetime.timedelta(days=7 * n) for n in range(WEEKS, 0, -1)]  # oldest first
    # Every draw below happens whatever the database holds, so that a second run draws the same numbers.
    noise = {(code, week): rng.uniform(-0.05, 0.05) for code in sorted(PRACTISING) for week in weeks}
    agents = (
        User.objects.active()
        .filter(agency__code__in=PRACTISING, role__in=[Role.AGENT, Role.CHAMPION])
        .select_related("agency")
        .order_by("agency__code", "email")
    )
    draws = []
    for user in agents:
        propensity, theta = rng.uniform(0.7, 1.2), rng.gauss(0.2, 0.8)
        weekly = [(rng.random(), rng.randrange(2**31)) for _ in weeks]
        draws.append((user, propensity, theta, weekly))
    if not items:
        stdout.write("Quarts d'heure de démonstration : la banque de questions est vide, aucun quart d'heure simulé")
        return
    by_id = {item.pk: item for item in items}
    already = set(
        PracticeQuarter.objects.filter(Q(week__in=weeks) | Q(week=this_week)).values_list("user", flat=True)
    ) | set(ReviewCard.objects.values_list("user", flat=True).distinct())
    news = {}
    created = answered = 0
    with transaction.atomic():
        for user, propensity, theta, weekly in draws:
            if user.pk in already or user.agency.code not in slots:
                continue  # loaded before, or practising for real: left as is
            slot = slots[user.agency.code]
            key = (user.role, user.specialty)
            if key not in news:
                news[key] = quarters.newest_tools(user)
            gaps = quarters.planner_gaps(user, with_usage=False)
            cards = {}  # item id → (FSRS card, due, last review), as the weeks go by
            done, answers = [], []
            for n, (week, (chance, seed)) in enumerate(zip(weeks, weekly, strict=True)):
                weeks_ago = WEEKS - n
                rate = min(0.97, (PRACTISING[user.agency.code] + noise[(user.agency.code, week)]) * propensity)
                practises = weeks_ago in DEMO_AGENT_WEEKS if user.email == DEMO_AGENT else chance < rate
                if not practises:
                    continue
                run = random.Random(seed)
                day = week + datetime.timedelta(days=slot.weekday if run.random() < 0.7 else run.randrange(5))
                when = datetime.datetime.combine(day, slot.start, tzinfo=PARIS) + datetime.timedelta(
                    minutes=run.randrange(0, 20)
                )
                quarter, quarter_answers = _play(user, week, when, run, theta, items, by_id, gaps, news[key], cards)
                if quarter_answers:
                    done.append(quarter)
                    answers.append(quarter_answers)
            PracticeQuarter.objects.bulk_create(done)
            for quarter, quarter_answers in zip(done, answers, strict=True):
                for answer in quarter_answers:
                    answer.quarter = quarter
            PracticeAnswer.objects.bulk_create([a for quarter_answers in answers for a in quarter_answers])
            ReviewCard.objects.bulk_create(
                ReviewCard(user=user, item_id=item_id, card=card, due=due, last_review=last)
                for item_id, (card, due, last) in cards.items()
            )
            created += len(done)
            answered += sum(len(a) for a in answers)
    stdout.write(
        f"Quarts d'heure de démonstration : {plural(created, 'quart d’heure terminé', 'quarts d’heure terminés')} "
        f"sur {WEEKS} semaines dans {plural(len(slots), 'agence')}, {plural(answered, 'réponse')}"
    )


def load(rng, stdout):
    _slots(stdout)
    _quarters(rng, stdout)
