"""The adaptive engine: 2PL posterior on the grid, levels and confidence, item choice, exposure control, stopping."""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ere.skills import engine
from ere.skills.engine import (
    CRCN_SCALE,
    GRID,
    SELF_RATING_PRIOR,
    TOOL_SCALE,
    Estimate,
    Scale,
    choose_next,
    estimate,
    information,
    is_finished,
    posterior,
    prior_mean,
)
from ere.skills.enums import SelfRating


def hand_posterior(mean, responses, sd=1.0):
    """The posterior as one would write it on paper: prior × likelihood at each grid point, then normalised."""
    weights = []
    for theta in GRID.tolist():
        weight = math.exp(-0.5 * ((theta - mean) / sd) ** 2)
        for a, b, correct in responses:
            p = 1 / (1 + math.exp(-a * (theta - b)))
            weight *= p if correct else 1 - p
        weights.append(weight)
    total = sum(weights)
    return np.array([weight / total for weight in weights])


def test_the_engine_and_the_simulation_do_not_import_django():
    root = Path(__file__).resolve().parents[2]
    code = "import sys, ere.skills.engine, ere.skills.simulation; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_the_grid_covers_minus_four_to_four_in_steps_of_a_twentieth():
    assert GRID.shape == (161,)
    assert GRID[0] == -4 and GRID[-1] == 4
    assert np.allclose(np.diff(GRID), 0.05)


def test_the_posterior_without_answers_is_the_prior_on_the_grid():
    density = posterior(0.9, [], [], [])

    assert density.sum() == pytest.approx(1)
    assert np.allclose(density, hand_posterior(0.9, []))
    assert GRID[np.argmax(density)] == pytest.approx(0.9)


def test_the_posterior_matches_a_hand_computation_for_one_answer():
    density = posterior(0.0, [1.5], [0.3], [True])

    assert np.allclose(density, hand_posterior(0.0, [(1.5, 0.3, True)]), rtol=1e-9, atol=1e-15)


def test_the_posterior_matches_a_hand_computation_for_two_answers():
    responses = [(1.2, -0.5, True), (1.8, 1.0, False)]
    density = posterior(-0.75, [1.2, 1.8], [-0.5, 1.0], [True, False], prior_sd=0.8)

    assert np.allclose(density, hand_posterior(-0.75, responses, sd=0.8), rtol=1e-9, atol=1e-15)


def test_a_right_answer_moves_the_mean_up_and_a_wrong_one_down():
    before = estimate(0.0, [], TOOL_SCALE)
    right = estimate(0.0, [(1.5, 0.0, True)], TOOL_SCALE)
    wrong = estimate(0.0, [(1.5, 0.0, False)], TOOL_SCALE)

    assert right.mean > before.mean + 0.3
    assert wrong.mean < before.mean - 0.3
    assert right.mean == pytest.approx(-wrong.mean)


def test_informative_answers_shrink_the_standard_deviation_more_than_weak_ones():
    answers = [(0.0, True), (0.5, False), (-0.5, True), (0.2, False)]
    prior = estimate(0.0, [], TOOL_SCALE)
    weak = estimate(0.0, [(0.5, b, correct) for b, correct in answers], TOOL_SCALE)
    strong = estimate(0.0, [(2.0, b, correct) for b, correct in answers], TOOL_SCALE)

    assert strong.sd < weak.sd < prior.sd


def test_the_posterior_stays_finite_with_extreme_answers():
    responses = [(4.0, -4.0, False)] * 30 + [(4.0, 4.0, True)] * 30
    density = posterior(0.0, *zip(*responses, strict=True))

    assert np.isfinite(density).all()
    assert density.sum() == pytest.approx(1)


@pytest.mark.parametrize("rating", SelfRating.values)
def test_the_prior_is_centred_on_the_self_positioning(rating):
    prior = estimate(prior_mean(rating), [], CRCN_SCALE)

    # The grid stops at ±4: for the highest rating (1.7, 2.3 SD from the edge) the truncation moves the mean by
    # 0.03 and narrows the SD by 0.03.
    assert prior.mean == pytest.approx(SELF_RATING_PRIOR[rating], abs=0.035)
    assert prior.sd == pytest.approx(engine.PRIOR_SD, abs=0.035)


def test_prior_means_rise_with_the_self_rating():
    means = [prior_mean(rating) for rating in SelfRating]

    assert means == sorted(means)
    assert prior_mean(SelfRating.ALONE) == 0.0


def test_prior_mean_rejects_an_unknown_self_rating():
    with pytest.raises(ValueError, match="Unknown self-rating 7"):
        prior_mean(7)


def test_a_scale_numbers_its_levels_from_one_and_a_cut_belongs_to_the_upper_level():
    assert [TOOL_SCALE.level(theta) for theta in (-3.0, -0.5, 0.0, 0.5, 1.49, 3.0)] == [1, 2, 2, 3, 3, 4]
    assert [CRCN_SCALE.level(theta) for theta in (-4, -2, -1, -0.5, 0.2, 1, 2, 4)] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert TOOL_SCALE.levels == 4 and CRCN_SCALE.levels == 8


def test_level_probabilities_put_a_peaked_posterior_in_its_level():
    density = np.zeros_like(GRID)
    density[np.argmin(np.abs(GRID - 1.0))] = 1.0

    assert np.allclose(TOOL_SCALE.level_probabilities(density), [0, 0, 1, 0])


def test_level_probabilities_split_a_flat_posterior_by_the_width_of_each_level():
    flat = np.full(GRID.shape, 1 / GRID.size)
    scale = Scale(cuts=(0.0,))

    # Each grid point stands for a cell of 0.05: the cut at 0 splits the cell of the point 0 in two halves.
    assert np.allclose(scale.level_probabilities(flat), [0.5, 0.5])
    widths = np.diff([-4.025, -0.5, 0.5, 1.5, 4.025]) / 8.05
    assert np.allclose(TOOL_SCALE.level_probabilities(flat), widths)


def test_the_confidence_is_the_posterior_mass_of_the_level_of_the_mean():
    responses = [(1.4, 0.2, True), (1.6, 0.8, True), (1.1, 1.4, False)]
    result = estimate(0.9, responses, TOOL_SCALE)
    masses = TOOL_SCALE.level_probabilities(posterior(0.9, *zip(*responses, strict=True)))

    assert result.level == TOOL_SCALE.level(result.mean)
    assert result.confidence == pytest.approx(masses[result.level - 1])
    assert masses.sum() == pytest.approx(1)


def test_the_confidence_grows_as_consistent_answers_accumulate():
    responses = [(1.8, b, b < 1.0) for b in (0.2, 1.8, 0.6, 1.4, 0.8, 1.2, 0.9, 1.1)]
    confidences = [estimate(0.0, responses[:n], TOOL_SCALE).confidence for n in (0, 4, 8)]

    assert confidences == sorted(confidences)
    assert estimate(0.0, responses, TOOL_SCALE).level == 3


def precise(sd):
    return Estimate(mean=0.0, sd=sd, level=2, confidence=0.5)


def test_the_test_stops_once_the_standard_deviation_is_below_the_threshold():
    assert is_finished(precise(engine.SD_THRESHOLD - 0.01), items_asked=5, max_items=12, items_left=10)
    assert not is_finished(precise(engine.SD_THRESHOLD + 0.01), items_asked=5, max_items=12, items_left=10)
    assert is_finished(precise(0.55), items_asked=5, max_items=12, items_left=10, sd_threshold=0.6)


def test_the_test_stops_at_the_maximum_number_of_items():
    assert is_finished(precise(0.9), items_asked=12, max_items=12, items_left=10)
    assert not is_finished(precise(0.9), items_asked=11, max_items=12, items_left=10)


def test_the_test_stops_when_no_item_is_left():
    assert is_finished(precise(0.9), items_asked=3, max_items=12, items_left=0)


def test_information_peaks_at_the_difficulty_at_a_squared_over_four():
    a, b = np.array([0.5, 1.0, 2.0]), np.array([-1.0, 0.0, 1.0])

    assert np.allclose(information(0.0, a, np.zeros(3)), a**2 / 4)
    assert information(0.0, a, b)[1] > information(0.0, a, b)[0]


def test_information_is_finite_and_positive_far_from_the_item():
    values = information(-4.0, np.array([4.0]), np.array([4.0]))

    assert 0 < values[0] < 1e-12


BANK_A = np.array([1.0, 2.0, 1.5, 0.8, 1.2, 1.9])
BANK_B = np.array([-2.0, 0.1, 0.0, 0.0, 2.0, 1.0])


def test_it_picks_the_most_informative_item_when_top_k_is_one():
    rng = np.random.default_rng(0)
    available = np.ones(6, dtype=bool)

    assert choose_next(0.0, BANK_A, BANK_B, available, rng, top_k=1) == 1
    assert choose_next(1.0, BANK_A, BANK_B, available, rng, top_k=1) == 5
    available[1] = False
    assert choose_next(0.0, BANK_A, BANK_B, available, rng, top_k=1) == 2


def test_it_draws_only_among_the_top_k_most_informative_items():
    rng = np.random.default_rng(0)
    available = np.ones(6, dtype=bool)
    drawn = {choose_next(0.0, BANK_A, BANK_B, available, rng, top_k=3) for _ in range(200)}

    assert drawn == {1, 2, 5}


def test_it_never_returns_an_item_already_seen():
    rng = np.random.default_rng(1)
    available = np.ones(6, dtype=bool)
    seen = []
    while (item := choose_next(0.0, BANK_A, BANK_B, available, rng)) is not None:
        assert available[item]
        available[item] = False
        seen.append(item)

    assert sorted(seen) == list(range(6))


def test_it_returns_none_when_no_item_is_available():
    rng = np.random.default_rng(0)

    assert choose_next(0.0, BANK_A, BANK_B, np.zeros(6, dtype=bool), rng) is None
    assert choose_next(0.0, np.array([]), np.array([]), np.array([], dtype=bool), rng) is None


def test_it_sets_overexposed_items_aside_unless_nothing_else_is_left():
    rng = np.random.default_rng(0)
    available = np.ones(6, dtype=bool)
    exposure = np.array([0, 10, 10, 10, 10, 10])

    assert choose_next(0.0, BANK_A, BANK_B, available, rng, exposure=exposure, top_k=1, tests_taken=10) == 0
    available[0] = False
    assert choose_next(0.0, BANK_A, BANK_B, available, rng, exposure=exposure, top_k=1, tests_taken=10) == 1
    assert choose_next(0.0, BANK_A, BANK_B, available, rng, exposure=exposure, top_k=1, tests_taken=0) == 1


def run_tests(bank_size, items_per_test, tests, max_exposure_rate, top_k):
    """Tests of learners all near θ = 0; the exposure rate of each item at the end."""
    rng = np.random.default_rng(3)
    a = rng.uniform(0.8, 2.0, bank_size)
    b = rng.uniform(-2.5, 2.5, bank_size)
    exposure = np.zeros(bank_size, dtype=int)
    for taken in range(tests):
        available = np.ones(bank_size, dtype=bool)
        for _ in range(items_per_test):
            theta = rng.normal(0, 0.3)
            item = choose_next(
                theta, a, b, available, rng, exposure, top_k=top_k, max_exposure_rate=max_exposure_rate,
                tests_taken=taken,
            )  # fmt: skip
            available[item] = False
            exposure[item] += 1
    return exposure / tests


def test_without_exposure_control_the_most_informative_items_are_asked_in_nearly_every_test():
    rates = run_tests(bank_size=60, items_per_test=5, tests=300, max_exposure_rate=None, top_k=1)

    assert rates.max() > 0.9


def test_with_exposure_control_no_item_exceeds_the_maximum_rate_by_much():
    rates = run_tests(bank_size=60, items_per_test=5, tests=300, max_exposure_rate=0.3, top_k=1)

    assert rates.max() <= 0.32
    assert (rates > 0).sum() >= 5 / 0.3


def test_randomesque_alone_spreads_exposure_over_the_top_k():
    rates = run_tests(bank_size=60, items_per_test=1, tests=400, max_exposure_rate=None, top_k=4)

    assert rates.max() < 0.5
