"""The simulation: simulated learners through the adaptive and the fixed-order tests."""

import numpy as np
import pytest

from ere.skills.engine import CRCN_SCALE, TOOL_SCALE
from ere.skills.simulation import Bank, nearest_self_rating, simulate

TIMINGS = {"next_item_ms_p50", "next_item_ms_p95"}


def synthetic_banks(size=40, seed=0):
    rng = np.random.default_rng(seed)
    return [
        Bank(a=rng.uniform(0.8, 2.0, size), b=rng.uniform(-2.5, 2.5, size), scale=scale, name=name)
        for name, scale in (("outil", TOOL_SCALE), ("crcn-1", CRCN_SCALE))
    ]


def without_timings(result):
    return {key: value for key, value in result.items() if key not in TIMINGS}


def test_the_result_has_the_rates_the_lengths_and_the_timings():
    result = simulate(synthetic_banks(), learners=50, max_items=5, seed=1)

    assert {
        "learners",
        "max_items",
        "within_one_level",
        "fixed_order_within_one_level",
        "mean_items",
        "next_item_ms_p95",
        "exact_level",
        "fixed_order_exact_level",
        "max_exposure_rate",
        "per_scale",
    } <= result.keys()
    assert result["learners"] == 50 and result["max_items"] == 5
    assert set(result["per_scale"]) == {"tool", "crcn"}
    assert sum(group["learners"] for group in result["per_scale"].values()) == 50
    assert result["next_item_ms_p95"] >= result["next_item_ms_p50"] > 0


def test_rates_are_fractions_rounded_to_three_decimals():
    result = simulate(synthetic_banks(), learners=70, max_items=4, seed=2)

    for key in ("within_one_level", "fixed_order_within_one_level", "exact_level", "fixed_order_exact_level"):
        assert 0 <= result[key] <= 1
        assert result[key] == round(result[key], 3)
    assert result["exact_level"] <= result["within_one_level"]


def test_a_simulation_is_deterministic_for_a_seed():
    first = simulate(synthetic_banks(), learners=60, max_items=6, seed=7)
    second = simulate(synthetic_banks(), learners=60, max_items=6, seed=7)

    assert without_timings(first) == without_timings(second)


def test_another_seed_gives_other_learners():
    first = simulate(synthetic_banks(), learners=60, max_items=6, seed=7)
    other = simulate(synthetic_banks(), learners=60, max_items=6, seed=8)

    assert without_timings(first) != without_timings(other)


def test_the_adaptive_test_is_more_accurate_than_the_fixed_order_on_a_synthetic_bank():
    result = simulate(synthetic_banks(), learners=300, max_items=6, seed=0)

    assert result["within_one_level"] >= result["fixed_order_within_one_level"]
    assert result["exact_level"] > result["fixed_order_exact_level"]
    assert result["theta_rmse"] < result["fixed_order_theta_rmse"]


def test_a_test_asks_at_most_max_items_and_never_more_than_the_bank_holds():
    small = Bank(a=[1.2, 1.5, 0.9], b=[-1.0, 0.0, 1.0], scale=TOOL_SCALE)
    result = simulate([small], learners=20, max_items=12, seed=0)

    assert result["fixed_order_mean_items"] == 3
    assert 1 <= result["mean_items"] <= 3
    capped = simulate(synthetic_banks(), learners=20, max_items=4, seed=0, sd_threshold=0)
    assert capped["mean_items"] == capped["fixed_order_mean_items"] == 4


def test_a_precise_enough_estimate_ends_the_adaptive_test_early():
    result = simulate(synthetic_banks(), learners=50, max_items=12, seed=0, sd_threshold=0.6)

    assert result["mean_items"] < 12
    assert result["stopped_early"] > 0.5
    assert result["fixed_order_mean_items"] == 12


def test_learners_only_get_areas_that_have_items():
    empty = Bank(a=[], b=[], scale=CRCN_SCALE, name="vide")
    tool = Bank(a=[1.0, 1.4], b=[-0.5, 0.5], scale=TOOL_SCALE, name="outil")
    result = simulate([empty, tool], learners=30, max_items=3, seed=0)

    assert result["areas"] == 1 and result["items"] == 2
    assert set(result["per_scale"]) == {"tool"}


def test_exposure_control_keeps_items_near_the_cap_when_the_bank_is_large_enough():
    result = simulate(synthetic_banks(size=60), learners=400, max_items=6, seed=0, max_exposure_rate=0.3)
    uncontrolled = simulate(synthetic_banks(size=60), learners=400, max_items=6, seed=0, max_exposure_rate=None)

    assert result["max_exposure_rate"] <= 0.32
    assert uncontrolled["max_exposure_rate"] > 0.4


def test_progress_is_reported_up_to_the_last_learner():
    calls = []
    simulate(synthetic_banks(), learners=45, max_items=2, seed=0, progress=lambda done, total: calls.append(done))

    assert calls[-1] == 45
    assert calls == sorted(calls)


def test_it_refuses_a_bank_without_items_and_empty_runs():
    with pytest.raises(ValueError, match="No area has an item"):
        simulate([Bank(a=[], b=[], scale=TOOL_SCALE)], learners=10, max_items=5, seed=0)
    with pytest.raises(ValueError, match="learner"):
        simulate(synthetic_banks(), learners=0, max_items=5, seed=0)
    with pytest.raises(ValueError, match="item"):
        simulate(synthetic_banks(), learners=10, max_items=0, seed=0)


def test_a_bank_refuses_calibrations_of_different_lengths():
    with pytest.raises(ValueError, match="2 discriminations for 3 difficulties"):
        Bank(a=[1.0, 1.2], b=[0.0, 0.5, 1.0], scale=TOOL_SCALE)


def test_the_self_positioning_is_the_rating_whose_prior_mean_is_nearest():
    assert [nearest_self_rating(theta) for theta in (-3.0, -1.0, 0.2, 1.2, 2.5)] == [0, 1, 2, 3, 4]
