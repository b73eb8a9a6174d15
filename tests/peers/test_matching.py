"""The peer-help matcher on small constructed cases, and its assignment against the greedy baseline on random ones.

Pure module: no database. Tool 7 is the tool of every need unless said otherwise; candidates and needs default to
agency 1 in territory 1, the needs to the "visio" mode so that proximity is a preference, not a rule.
"""

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ere.peers.matching import WEIGHTS, Candidate, Match, Need, Pool, assign, assign_greedy, rank

TOOL = 7


def candidate(id, **kwargs):
    kwargs.setdefault("levels", {TOOL: 3})
    kwargs.setdefault("agency", 1)
    kwargs.setdefault("territory", 1)
    return Candidate(id=id, **kwargs)


def need(id=1, **kwargs):
    kwargs.setdefault("requester", 100)
    kwargs.setdefault("tool", TOOL)
    kwargs.setdefault("agency", 1)
    kwargs.setdefault("territory", 1)
    kwargs.setdefault("mode", "visio")
    return Need(id=id, **kwargs)


def ranked_ids(candidates, a_need, limit=10):
    return [m.candidate for m in rank(Pool(candidates), a_need, limit)]


def total(matches):
    return sum(m.score for m in matches.values() if m is not None)


def matched(matches):
    return sum(m is not None for m in matches.values())


# Eligibility and ranking --------------------------------------------------------------------------------------------


def test_a_maitrise_colleague_is_proposed_and_a_decouverte_one_is_not_at_all():
    candidates = [candidate(1, levels={TOOL: 1}), candidate(2, levels={TOOL: 3}), candidate(3, levels={TOOL: 2})]
    assert ranked_ids(candidates, need()) == [2]


def test_a_champion_and_a_declared_helper_are_eligible_without_a_high_level():
    candidates = [
        candidate(1, levels={TOOL: 1}, champion_of=frozenset({TOOL})),
        candidate(2, levels={}, declared=frozenset({TOOL})),
        candidate(3, levels={TOOL: 2}, champion_of=frozenset({8}), declared=frozenset({9})),
    ]
    assert ranked_ids(candidates, need()) == [1, 2]


def test_referent_and_champion_beat_maitrise_which_beats_declared_only():
    candidates = [
        candidate(1, levels={}, declared=frozenset({TOOL})),
        candidate(2, levels={TOOL: 3}),
        candidate(3, levels={TOOL: 4}),
        candidate(4, levels={}, champion_of=frozenset({TOOL})),
    ]
    matches = rank(Pool(candidates), need())
    assert [m.candidate for m in matches] == [3, 4, 2, 1]
    assert matches[0].score == matches[1].score


def test_same_agency_beats_same_territory_which_beats_elsewhere():
    candidates = [
        candidate(1, agency=3, territory=2),
        candidate(2, agency=2, territory=1),
        candidate(3, agency=1, territory=1),
        candidate(4, agency=None, territory=None),
    ]
    assert ranked_ids(candidates, need()) == [3, 2, 1, 4]


def test_a_need_without_agency_or_territory_matches_nobody_by_proximity():
    candidates = [candidate(1, agency=None, territory=None), candidate(2)]
    matches = rank(Pool(candidates), need(agency=None, territory=None))
    assert [m.candidate for m in matches] == [1, 2]
    assert matches[0].score == matches[1].score


def test_the_less_loaded_colleague_comes_first_all_else_equal():
    candidates = [candidate(1, open_load=2), candidate(2, open_load=0), candidate(3, open_load=1)]
    assert ranked_ids(candidates, need()) == [2, 3, 1]


def test_the_less_solicited_colleague_this_week_comes_first_all_else_equal():
    candidates = [candidate(1, week_count=2), candidate(2, week_count=0)]
    assert ranked_ids(candidates, need()) == [2, 1]


def test_a_limited_colleague_comes_after_an_available_one():
    candidates = [candidate(1, availability="limited"), candidate(2)]
    assert ranked_ids(candidates, need()) == [2, 1]


def test_a_colleague_at_their_weekly_cap_is_not_proposed():
    candidates = [candidate(1, week_count=3, weekly_cap=3), candidate(2, week_count=5, weekly_cap=3), candidate(3)]
    assert ranked_ids(candidates, need()) == [3]


def test_a_colleague_who_opted_in_beyond_their_cap_is_still_proposed_after_the_others():
    candidates = [candidate(1, levels={TOOL: 4}, week_count=3, weekly_cap=3, beyond_cap=True), candidate(2)]
    assert ranked_ids(candidates, need()) == [2, 1]
    assert ranked_ids(candidates[:1], need()) == [1]


def test_an_away_colleague_is_never_proposed():
    candidates = [candidate(1, levels={TOOL: 4}, champion_of=frozenset({TOOL}), availability="away"), candidate(2)]
    assert ranked_ids(candidates, need()) == [2]
    assert assign(Pool(candidates[:1]), [need()]) == {1: None}


def test_the_requester_is_never_matched_to_themselves():
    candidates = [candidate(1, levels={TOOL: 4}), candidate(2)]
    assert ranked_ids(candidates, need(requester=1)) == [2]
    assert assign(Pool(candidates[:1]), [need(requester=1)]) == {1: None}


def test_a_colleague_who_declined_is_skipped_for_the_next_one():
    candidates = [candidate(1, levels={TOOL: 4}), candidate(2), candidate(3, levels={}, declared=frozenset({TOOL}))]
    assert ranked_ids(candidates, need())[0] == 1
    assert ranked_ids(candidates, need(excluded=frozenset({1})))[0] == 2
    assert ranked_ids(candidates, need(excluded=frozenset({1, 2, 99}))) == [3]


def test_beside_mode_requires_the_same_agency():
    candidates = [candidate(1, levels={TOOL: 4}, agency=2), candidate(2, agency=1), candidate(3, agency=None)]
    assert ranked_ids(candidates, need(mode="beside")) == [2]
    assert ranked_ids(candidates, need(mode="beside", agency=None)) == []


def test_a_colleague_who_does_not_accept_the_mode_is_not_proposed():
    candidates = [candidate(1, levels={TOOL: 4}, modes=frozenset({"beside", "visio"})), candidate(2)]
    assert ranked_ids(candidates, need(mode="message")) == [2]
    assert ranked_ids(candidates, need(mode="visio")) == [1, 2]


def test_a_tool_nobody_masters_gives_no_candidate():
    assert ranked_ids([candidate(1)], need(tool=999)) == []


def test_rank_returns_at_most_limit_candidates_with_ties_broken_by_id():
    candidates = [candidate(i) for i in (5, 3, 9, 1)]
    assert ranked_ids(candidates, need(), limit=3) == [1, 3, 5]
    assert ranked_ids(candidates, need(), limit=0) == []


def test_the_score_follows_the_documented_formula():
    # Maîtrise 0.8, same territory 0.5, limited 0.4, one open request 1/2, one of four this week 3/4,
    # helped 4 thanked 2: 0.8 × 3/6 + 0.2 × 4/9.
    one = candidate(1, agency=2, availability="limited", open_load=1, week_count=1, weekly_cap=4, helped=4, thanked=2)
    (match,) = rank(Pool([one]), need())
    factors = {
        "skill": 0.8,
        "proximity": 0.5,
        "availability": 0.4,
        "load": 0.5,
        "fairness": 0.75,
        "helpfulness": 0.8 * 3 / 6 + 0.2 * 4 / 9,
    }
    assert match.score == pytest.approx(sum(WEIGHTS[name] * value for name, value in factors.items()))
    assert sum(WEIGHTS.values()) == pytest.approx(1)


def test_a_newcomer_is_not_crushed_by_an_experienced_colleague():
    newcomer = candidate(1)
    veteran = candidate(2, helped=20, thanked=20)
    newcomer_score, veteran_score = (rank(Pool([c]), need())[0].score for c in (newcomer, veteran))
    assert veteran_score > newcomer_score > veteran_score - WEIGHTS["helpfulness"]


def test_high_urgency_weighs_proximity_more_than_skill():
    candidates = [
        candidate(1, agency=2, territory=1, levels={TOOL: 4}, helped=10, thanked=10),
        candidate(2, agency=1, territory=1, levels={}, declared=frozenset({TOOL})),
    ]
    assert ranked_ids(candidates, need(urgency="normal")) == [1, 2]
    assert ranked_ids(candidates, need(urgency="low")) == [1, 2]
    assert ranked_ids(candidates, need(urgency="high")) == [2, 1]


def test_scores_stay_between_0_and_1():
    best = candidate(1, levels={TOOL: 4}, champion_of=frozenset({TOOL}), helped=500, thanked=500)
    worst = candidate(
        2, agency=None, territory=None, levels={}, declared=frozenset({TOOL}), availability="limited", open_load=50
    )
    beyond = candidate(3, week_count=40, weekly_cap=1, beyond_cap=True)
    for urgency in ("low", "normal", "high"):
        for match in rank(Pool([best, worst, beyond]), need(urgency=urgency)):
            assert 0 <= match.score <= 1


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        Pool([candidate(1, availability="busy")])
    with pytest.raises(ValueError):
        Pool([candidate(1), candidate(1)])
    with pytest.raises(ValueError):
        rank(Pool([candidate(1)]), need(mode="phone"))
    with pytest.raises(ValueError):
        rank(Pool([candidate(1)]), need(urgency="asap"))


# Reasons ------------------------------------------------------------------------------------------------------------


def test_reasons_name_the_champion_the_agency_and_past_help():
    champion = candidate(
        1,
        levels={TOOL: 2},
        champion_of=frozenset({TOOL}),
        availability="limited",
        open_load=2,
        week_count=2,
        helped=4,
        thanked=4,
    )
    (match,) = rank(Pool([champion]), need())
    assert match.reasons == ("Référent numérique de cet applicatif", "Dans votre agence", "A déjà aidé 4 collègues")


def test_reasons_name_the_diagnostic_level_and_the_territory():
    one = candidate(1, levels={TOOL: 3}, agency=2, availability="limited", open_load=1, week_count=2)
    (match,) = rank(Pool([one]), need())
    assert match.reasons == (
        "Niveau « Maîtrise » à son diagnostic sur cet applicatif",
        "Dans votre direction territoriale",
    )
    (match,) = rank(Pool([candidate(1, levels={TOOL: 4})]), need())
    assert match.reasons[0] == "Niveau « Référent » à son diagnostic sur cet applicatif"


def test_reasons_of_a_declared_helper_far_away_still_give_two_sentences():
    one = candidate(
        1,
        levels={},
        declared=frozenset({TOOL}),
        agency=5,
        territory=5,
        availability="limited",
        open_load=1,
        week_count=2,
        helped=1,
    )
    (match,) = rank(Pool([one]), need(mode="message"))
    assert match.reasons == ("S'est déclaré·e à l'aise avec cet applicatif", "A déjà aidé 1 collègue")
    (match,) = rank(Pool([replace(one, helped=0)]), need(mode="message"))
    assert match.reasons == ("S'est déclaré·e à l'aise avec cet applicatif", "Accepte d'aider par message")


def test_reasons_are_two_to_four_french_sentences():
    candidates = [candidate(i, levels={TOOL: 3 + i % 2}, helped=i, week_count=i % 3) for i in range(1, 20)]
    for match in rank(Pool(candidates), need(), limit=20):
        assert 2 <= len(match.reasons) <= 4
        for reason in match.reasons:
            assert reason[0].isupper() and not reason.endswith(".")
        assert "’" not in "".join(match.reasons)
    (match,) = rank(Pool([candidate(1)]), need())
    assert "Disponible en ce moment" in match.reasons
    assert "Dans votre agence" in match.reasons


# Assignment ---------------------------------------------------------------------------------------------------------


def test_assign_gives_a_cap_1_colleague_at_most_one_need():
    candidates = [candidate(1, levels={TOOL: 4}, weekly_cap=1), candidate(2, levels={}, declared=frozenset({TOOL}))]
    needs = [need(1), need(2), need(3)]
    for result in (assign(Pool(candidates), needs), assign_greedy(Pool(candidates), needs)):
        chosen = [m.candidate for m in result.values() if m is not None]
        assert chosen.count(1) == 1
        assert sorted(chosen) == [1, 2, 2]


def test_assign_gives_an_opted_in_colleague_two_more_slots_beyond_their_cap():
    candidates = [candidate(1, week_count=3, weekly_cap=3, beyond_cap=True)]
    result = assign(Pool(candidates), [need(i) for i in range(1, 5)])
    assert [m and m.candidate for m in result.values()] == [1, 1, None, None]


def test_joint_assignment_leaves_nobody_without_help_where_greedy_does():
    # A is the best for both needs but can take only one; B only knows the tool of need 1.
    candidates = [candidate(1, levels={1: 4, 2: 4}, weekly_cap=1), candidate(2, levels={1: 3})]
    needs = [need(1, tool=1), need(2, tool=2)]
    greedy = assign_greedy(Pool(candidates), needs)
    optimal = assign(Pool(candidates), needs)
    assert {i: m and m.candidate for i, m in greedy.items()} == {1: 1, 2: None}
    assert {i: m and m.candidate for i, m in optimal.items()} == {1: 2, 2: 1}
    assert total(optimal) > total(greedy)


def test_joint_assignment_scores_better_than_greedy_on_a_constructed_case():
    # As above, and C is a poor match for need 2: far, declared only, limited.
    candidates = [
        candidate(1, levels={1: 4, 2: 4}, weekly_cap=1),
        candidate(2, levels={1: 3}),
        candidate(3, levels={}, declared=frozenset({2}), agency=9, territory=9, availability="limited"),
    ]
    needs = [need(1, tool=1), need(2, tool=2)]
    greedy = assign_greedy(Pool(candidates), needs)
    optimal = assign(Pool(candidates), needs)
    assert {i: m.candidate for i, m in greedy.items()} == {1: 1, 2: 3}
    assert {i: m.candidate for i, m in optimal.items()} == {1: 2, 2: 1}
    assert total(optimal) > total(greedy) + 0.1


def test_assign_prefers_two_colleagues_once_over_one_colleague_twice():
    candidates = [candidate(1, levels={TOOL: 4}), candidate(2, levels={TOOL: 3})]
    result = assign(Pool(candidates), [need(1), need(2)])
    assert sorted(m.candidate for m in result.values()) == [1, 2]


def test_the_second_request_of_the_same_colleague_scores_less_than_the_first():
    result = assign(Pool([candidate(1)]), [need(1), need(2)])
    first, second = sorted((m.score for m in result.values()), reverse=True)
    assert first == rank(Pool([candidate(1)]), need())[0].score
    assert second < first


def test_assign_with_no_needs_or_no_candidates():
    assert assign(Pool([candidate(1)]), []) == {}
    assert assign_greedy(Pool([candidate(1)]), []) == {}
    assert assign(Pool([]), [need(1), need(2)]) == {1: None, 2: None}
    assert assign_greedy(Pool([]), [need(1)]) == {1: None}
    assert len(Pool([])) == 0
    assert rank(Pool([]), need()) == []


def test_a_need_with_no_eligible_candidate_maps_to_none_and_the_others_are_matched():
    result = assign(Pool([candidate(1)]), [need(1, tool=999), need(2)])
    assert result[1] is None
    assert isinstance(result[2], Match) and result[2].candidate == 1


def test_a_need_whose_shortlist_is_taken_looks_further():
    # Both needs shortlist only A (shortlist=1); A has one slot: the loser of A takes B, outside its shortlist.
    candidates = [candidate(1, levels={TOOL: 4}, weekly_cap=1), candidate(2)]
    result = assign(Pool(candidates), [need(1), need(2)], shortlist=1)
    assert sorted(m.candidate for m in result.values()) == [1, 2]


def test_duplicate_needs_are_refused():
    with pytest.raises(ValueError):
        assign(Pool([candidate(1)]), [need(1), need(1)])


# Random small pools -------------------------------------------------------------------------------------------------


def is_eligible(c, n):
    masters = c.levels.get(n.tool, 0) >= 3 or n.tool in c.champion_of or n.tool in c.declared
    return (
        c.id != n.requester
        and c.id not in n.excluded
        and c.availability != "away"
        and n.mode in c.modes
        and masters
        and (c.week_count < c.weekly_cap or c.beyond_cap)
        and (n.mode != "beside" or (n.agency is not None and c.agency == n.agency))
    )


def capacity(c):
    return max(c.weekly_cap - c.week_count, 0) + (2 if c.beyond_cap else 0)


places = st.sampled_from([1, 2, None])
tools = st.sampled_from([1, 2, 3])
candidates_strategy = st.lists(
    st.builds(
        Candidate,
        id=st.integers(1, 8),
        agency=places,
        territory=places,
        levels=st.dictionaries(tools, st.integers(1, 4), max_size=3),
        champion_of=st.frozensets(tools, max_size=1),
        declared=st.frozensets(tools, max_size=2),
        availability=st.sampled_from(["available", "limited", "away"]),
        modes=st.frozensets(st.sampled_from(["beside", "visio", "message"]), min_size=1),
        open_load=st.integers(0, 3),
        week_count=st.integers(0, 4),
        weekly_cap=st.integers(1, 3),
        beyond_cap=st.booleans(),
        helped=st.integers(0, 6),
        thanked=st.integers(0, 6),
    ),
    max_size=8,
    unique_by=lambda c: c.id,
)
needs_strategy = st.lists(
    st.builds(
        Need,
        id=st.integers(1, 6),
        requester=st.integers(1, 10),
        tool=tools,
        agency=places,
        territory=places,
        urgency=st.sampled_from(["low", "normal", "high"]),
        mode=st.sampled_from(["beside", "visio", "message"]),
        excluded=st.frozensets(st.integers(1, 8), max_size=2),
    ),
    max_size=6,
    unique_by=lambda n: n.id,
)


@settings(max_examples=300, deadline=None)
@given(candidates_strategy, needs_strategy)
def test_assign_is_eligible_within_capacity_and_never_worse_than_greedy(candidates, needs):
    pool = Pool(candidates)
    by_id = {c.id: c for c in candidates}
    needs_by_id = {n.id: n for n in needs}
    optimal, greedy = assign(pool, needs), assign_greedy(pool, needs)
    for result in (optimal, greedy):
        assert list(result) == [n.id for n in needs]
        chosen = [m.candidate for m in result.values() if m is not None]
        for candidate_id in set(chosen):
            assert chosen.count(candidate_id) <= capacity(by_id[candidate_id])
        for need_id, match in result.items():
            if match is None:
                continue
            assert match.need == need_id
            assert is_eligible(by_id[match.candidate], needs_by_id[need_id])
            assert 0 <= match.score <= 1
            assert match.reasons
    for n in needs:
        eligible = {c.id for c in candidates if is_eligible(c, n)}
        assert {m.candidate for m in rank(pool, n, limit=10)} == eligible
        if not eligible:
            assert optimal[n.id] is None
    # Most needs matched first, then the best total score.
    assert matched(optimal) >= matched(greedy)
    if matched(optimal) == matched(greedy):
        assert total(optimal) >= total(greedy) - 1e-9


@settings(max_examples=200, deadline=None)
@given(candidates_strategy, needs_strategy)
def test_assign_is_optimal_when_everyone_has_one_slot_left(candidates, needs):
    candidates = [replace(c, week_count=c.weekly_cap - 1, beyond_cap=False) for c in candidates]
    pool = Pool(candidates)
    scores = [{m.candidate: m.score for m in rank(pool, n, limit=10)} for n in needs]
    best = (0, 0.0)
    for choice in itertools.product(*[[None, *s] for s in scores]):
        chosen = [c for c in choice if c is not None]
        if len(chosen) == len(set(chosen)):
            value = sum(s[c] for s, c in zip(scores, choice, strict=True) if c is not None)
            best = max(best, (len(chosen), value))
    result = assign(pool, needs)
    assert matched(result) == best[0]
    assert total(result) == pytest.approx(best[1])


def test_a_need_holding_the_only_candidate_of_another_moves_when_its_shortlist_grows():
    # Both needs shortlist only A; need 2 can have nobody else, need 1 can have B further down its list.
    candidates = [candidate(1, levels={1: 4, 2: 4}, weekly_cap=1), candidate(2, levels={1: 3})]
    result = assign(Pool(candidates), [need(1, tool=1), need(2, tool=2)], shortlist=1)
    assert {i: m.candidate for i, m in result.items()} == {1: 2, 2: 1}


@settings(max_examples=300, deadline=None)
@given(candidates_strategy, needs_strategy, st.integers(1, 3))
def test_short_shortlists_never_match_fewer_needs_than_greedy(candidates, needs, shortlist):
    pool = Pool(candidates)
    full = assign(pool, needs, shortlist=100)
    short = assign(pool, needs, shortlist=shortlist)
    assert matched(short) == matched(full) >= matched(assign_greedy(pool, needs))
