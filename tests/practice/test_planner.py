"""The planner alone: no database."""

import datetime
from collections import Counter

from ere.practice import planner
from ere.practice.planner import BUDGET, Candidate, DueReview, Gap, NewTool

NOW = datetime.datetime(2026, 11, 17, 8, 45, tzinfo=datetime.UTC)


def bank(area, count, start, seconds=45, **kwargs):
    return [Candidate(id=start + n, area=area, seconds=seconds, kind="single", **kwargs) for n in range(count)]


def sources(entries):
    return [entry.source for entry in entries]


def test_the_plan_stays_within_fifteen_minutes():
    candidates = bank("agenda", 40, 1) + bank("offres", 40, 100, seconds=60) + bank("dune", 5, 200, seconds=300)
    gaps = [Gap("agenda", "Agenda", 0.6), Gap("offres", "Offres", 1.0), Gap("dune", "DUNE", 0.3)]

    entries = planner.plan(candidates, [], gaps, [], seed=1, now=NOW)

    assert entries
    assert sum(entry.seconds for entry in entries) <= BUDGET
    # Nearly full: there is always a 45-second item left that would have fitted otherwise.
    assert sum(entry.seconds for entry in entries) > BUDGET - 45


def test_it_never_plans_an_item_twice():
    candidates = bank("agenda", 3, 1)
    entries = planner.plan(candidates, [DueReview(1, NOW)], [Gap("agenda", "Agenda", 1.0)], [], seed=1, now=NOW)

    assert sorted(entry.item for entry in entries) == [1, 2, 3]


def test_reviews_come_first_the_most_overdue_first_within_half_the_budget():
    candidates = bank("agenda", 30, 1)
    reviews = [DueReview(n, NOW - datetime.timedelta(days=n)) for n in range(1, 21)]

    entries = planner.plan(candidates, reviews, [Gap("agenda", "Agenda", 1.0)], [], seed=1, now=NOW)

    planned_reviews = [entry for entry in entries if entry.source == planner.REVIEW]
    assert sources(entries)[: len(planned_reviews)] == [planner.REVIEW] * len(planned_reviews)
    assert sum(entry.seconds for entry in planned_reviews) <= BUDGET / 2
    assert len(planned_reviews) == (BUDGET // 2) // 45
    # The most overdue (item 20, due 20 days ago) first.
    assert [entry.item for entry in planned_reviews] == list(range(20, 20 - len(planned_reviews), -1))


def test_a_review_due_today_says_so_and_an_older_one_gives_its_date():
    candidates = bank("agenda", 2, 1)
    reviews = [DueReview(1, NOW - datetime.timedelta(hours=1)), DueReview(2, NOW - datetime.timedelta(days=4))]

    entries = planner.plan(candidates, reviews, [], [], seed=1, now=NOW)

    reasons = {entry.item: entry.reason for entry in entries}
    assert reasons[1] == "Révision prévue aujourd'hui"
    assert reasons[2].startswith("Révision prévue le 13/11")


def test_a_review_of_an_item_no_longer_in_the_bank_is_left_out():
    entries = planner.plan(bank("agenda", 1, 1), [DueReview(99, NOW)], [], [], seed=1, now=NOW)

    assert [entry.item for entry in entries] == [1]


def test_gaps_are_drawn_in_proportion_to_their_priority():
    candidates = bank("offres", 200, 1) + bank("agenda", 200, 1000)
    gaps = [Gap("offres", "Offres", 0.8), Gap("agenda", "Agenda", 0.2)]
    counts = Counter()
    for seed in range(60):
        for entry in planner.plan(candidates, [], gaps, [], seed=seed, now=NOW):
            counts[entry.item < 1000] += 1

    share = counts[True] / (counts[True] + counts[False])
    assert 0.72 < share < 0.88


def test_gap_entries_carry_the_reason_of_the_profile():
    reason = "Parce que vous utilisez l'Agenda chaque jour et que votre niveau est « découverte »."
    entries = planner.plan(bank("agenda", 3, 1), [], [Gap("agenda", "Agenda", 1.0, reason)], [], seed=1, now=NOW)

    assert {entry.reason for entry in entries} == {reason}
    assert set(sources(entries)) == {planner.GAP}


def test_never_seen_items_come_before_items_already_known():
    candidates = bank("agenda", 10, 1, seen=True) + bank("agenda", 5, 100)

    entries = planner.plan(candidates, [], [Gap("agenda", "Agenda", 1.0)], [], seed=3, now=NOW, budget=5 * 45)

    assert sorted(entry.item for entry in entries) == [100, 101, 102, 103, 104]


def test_the_newest_tools_get_their_share_with_their_reason():
    candidates = bank("offres", 50, 1) + bank("visio", 10, 100)
    new_tools = [NewTool("visio", "Visio-entretien", datetime.date(2026, 11, 10))]

    entries = planner.plan(candidates, [], [Gap("offres", "Offres", 1.0)], new_tools, seed=1, now=NOW)

    news = [entry for entry in entries if entry.source == planner.NEW_TOOL]
    assert len(news) == int(BUDGET * planner.NEW_TOOL_SHARE) // 45
    assert {entry.reason for entry in news} == {"Nouvel outil de votre métier : Visio-entretien"}
    assert all(entry.item >= 100 for entry in news)
    assert sources(entries) == [planner.GAP] * (len(entries) - len(news)) + [planner.NEW_TOOL] * len(news)


def test_the_bank_fills_the_quarter_when_there_is_no_gap():
    entries = planner.plan(bank("agenda", 3, 1), [], [], [], seed=1, now=NOW)

    assert {entry.reason for entry in entries} == {"Pour entretenir vos compétences"}
    assert len(entries) == 3


def test_an_empty_bank_gives_an_empty_plan():
    assert planner.plan([], [DueReview(1, NOW)], [Gap("agenda", "Agenda", 1.0)], [], seed=1, now=NOW) == []


def test_the_plan_is_the_same_for_the_same_seed_and_differs_for_another():
    candidates = bank("offres", 40, 1) + bank("agenda", 40, 100)
    gaps = [Gap("offres", "Offres", 0.5), Gap("agenda", "Agenda", 0.5)]

    first = planner.plan(candidates, [], gaps, [], seed=42, now=NOW)

    assert planner.plan(candidates, [], gaps, [], seed=42, now=NOW) == first
    assert planner.plan(list(reversed(candidates)), [], list(reversed(gaps)), [], seed=42, now=NOW) == first
    assert planner.plan(candidates, [], gaps, [], seed=43, now=NOW) != first


def test_an_entry_is_stored_as_a_plain_dict():
    entry = planner.plan(bank("agenda", 1, 7), [], [], [], seed=1, now=NOW)[0]

    assert entry.to_dict() == {"item": 7, "source": "more", "reason": "Pour entretenir vos compétences", "seconds": 45}


# ---------------------------------------------------------------------------------------------------------------
# FSRS


def test_a_wrong_answer_is_due_sooner_than_a_right_one():
    _, wrong = planner.review(None, False, 40, NOW, estimated=45)
    _, right = planner.review(None, True, 40, NOW, estimated=45)

    assert NOW < wrong < right


def test_a_right_answer_clearly_faster_than_expected_is_easy_and_due_later():
    _, good = planner.review(None, True, 40, NOW, estimated=45)
    _, easy = planner.review(None, True, 10, NOW, estimated=45)

    assert easy > good
    assert planner.rating(True, 10, 45) == planner.Rating.Easy
    assert planner.rating(True, 40, 45) == planner.Rating.Good
    assert planner.rating(False, 5, 45) == planner.Rating.Again


def test_every_review_is_scheduled_in_days_for_a_weekly_practice():
    _, due = planner.review(None, False, 40, NOW)

    assert due - NOW >= datetime.timedelta(days=1)


def test_a_card_round_trips_through_its_dict():
    card, due = planner.review(None, True, 30, NOW, estimated=45)
    later = due + datetime.timedelta(days=1)

    again, next_due = planner.review(card, True, 30, later, estimated=45)

    assert again["card_id"] == card["card_id"]
    assert again["last_review"] == later.isoformat()
    assert next_due - later > due - NOW  # remembered twice: the interval grows
    assert planner.Card.from_dict(again).to_dict() == again


def test_a_wrong_answer_after_a_right_one_shortens_the_interval():
    card, due = planner.review(None, True, 30, NOW, estimated=45)

    _, after_wrong = planner.review(card, False, 30, due, estimated=45)
    _, after_right = planner.review(card, True, 30, due, estimated=45)

    assert after_wrong < after_right


def test_the_schedule_is_deterministic():
    assert planner.review(None, True, 30, NOW) == planner.review(None, True, 30, NOW)


def test_review_accepts_a_local_time():
    paris = NOW.astimezone(datetime.timezone(datetime.timedelta(hours=1)))

    assert planner.review(None, True, 30, paris) == planner.review(None, True, 30, NOW)


# ---------------------------------------------------------------------------------------------------------------
# Streak

MONDAY = datetime.date(2026, 11, 16)


def weeks(*offsets):
    return {MONDAY - datetime.timedelta(days=7 * n) for n in offsets}


def test_the_streak_counts_consecutive_weeks_ending_this_week():
    assert planner.streak(weeks(0, 1, 2), MONDAY) == 3


def test_the_streak_holds_while_this_week_is_not_done_yet():
    assert planner.streak(weeks(1, 2, 3, 5), MONDAY) == 3


def test_a_missed_week_ends_the_streak():
    assert planner.streak(weeks(2, 3, 4), MONDAY) == 0
    assert planner.streak(weeks(0, 2, 3), MONDAY) == 1


def test_no_quarter_no_streak():
    assert planner.streak(set(), MONDAY) == 0
