"""Simulated learners taking the adaptive diagnostic and a fixed-order test on the same bank (no Django).

Each learner gets an area (uniformly among those with at least one item), a true θ ~ N(0, 1) and a
self-positioning: the SelfRating whose prior mean is nearest to θ + N(0, 0.8). They take two tests scored the same
way (same prior, same EAP): the adaptive one (ere.skills.engine.choose_next with exposure control, stopped by
is_finished, at most `max_items` questions) and a fixed-order one (the first `max_items` items of the area in the
bank's order, the same for everyone, no early stop). Both tests draw the learner's answer to an item from the same
uniform number (common random numbers), so a difference between them comes from which items they ask, not from
luck. docs/assessment-engine.md explains how to read the result.
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ere.skills import engine

SELF_RATING_NOISE = 0.8


@dataclass(frozen=True)
class Bank:
    """The calibrations of one area's items, in the bank's order, and the scale its levels are read on."""

    a: np.ndarray
    b: np.ndarray
    scale: engine.Scale
    name: str = ""

    def __post_init__(self):
        object.__setattr__(self, "a", np.asarray(self.a, dtype=float).reshape(-1))
        object.__setattr__(self, "b", np.asarray(self.b, dtype=float).reshape(-1))
        if len(self.a) != len(self.b):
            raise ValueError(f"Bank {self.name!r}: {len(self.a)} discriminations for {len(self.b)} difficulties")

    def __len__(self):
        return len(self.a)


def scale_name(scale: engine.Scale) -> str:
    if scale == engine.TOOL_SCALE:
        return "tool"
    if scale == engine.CRCN_SCALE:
        return "crcn"
    return f"{scale.levels}-levels"


def nearest_self_rating(theta: float) -> int:
    ratings = sorted(engine.SELF_RATING_PRIOR)
    means = np.array([engine.SELF_RATING_PRIOR[rating] for rating in ratings])
    return ratings[int(np.argmin(np.abs(means - theta)))]


@dataclass
class _Outcome:
    scale: str
    true_level: int
    levels: tuple[int, int]  # adaptive, fixed order
    errors: tuple[float, float]  # θ estimate − true θ
    items: tuple[int, int]
    confidence: float
    stopped_early: bool  # the adaptive test ended before the fixed-order test's length


def simulate(
    banks: Sequence[Bank],
    learners: int,
    max_items: int,
    seed: int = 0,
    *,
    sd_threshold: float = engine.SD_THRESHOLD,
    top_k: int = engine.TOP_K,
    max_exposure_rate: float | None = engine.MAX_EXPOSURE_RATE,
    prior_sd: float = engine.PRIOR_SD,
    self_rating_noise: float = SELF_RATING_NOISE,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Run `learners` simulated learners through both tests; the rates, lengths, exposure and timings as a dict.

    `banks` holds one Bank per area (or a mapping of its fields: a, b, scale, name), items in the bank's order.
    Deterministic for a given seed, except the timings. `progress(done, total)` is called every 5 % of learners.
    """
    if learners < 1:
        raise ValueError("At least one learner is needed")
    if max_items < 1:
        raise ValueError("At least one item per test is needed")
    banks = [bank if isinstance(bank, Bank) else Bank(**bank) for bank in banks]
    eligible = [bank for bank in banks if len(bank)]
    if not eligible:
        raise ValueError("No area has an item")

    # Two streams: the learners (area, θ, self-positioning, answers) do not depend on the items the adaptive test
    # draws, so runs with other parameters and the same seed face the very same learners.
    learner_seed, choice_seed = np.random.SeedSequence(seed).spawn(2)
    rng, choice_rng = np.random.default_rng(learner_seed), np.random.default_rng(choice_seed)
    exposure = [np.zeros(len(bank), dtype=np.int64) for bank in eligible]
    tests_taken = [0] * len(eligible)
    timings = []
    outcomes = []
    step = max(1, learners // 20)
    for learner in range(learners):
        index = int(rng.integers(len(eligible)))
        bank = eligible[index]
        theta = float(rng.normal())
        rating = nearest_self_rating(theta + float(rng.normal(0.0, self_rating_noise)))
        mean = engine.prior_mean(rating)
        # The learner's answer to each item, whichever test asks it.
        answers = rng.random(len(bank)) < engine.probability(theta, bank.a, bank.b)

        available = np.ones(len(bank), dtype=bool)
        responses = []
        adaptive = engine.estimate(mean, responses, bank.scale, prior_sd)
        while not engine.is_finished(adaptive, len(responses), max_items, int(available.sum()), sd_threshold):
            started = time.perf_counter()
            item = engine.choose_next(
                adaptive.mean,
                bank.a,
                bank.b,
                available,
                choice_rng,
                exposure=exposure[index],
                top_k=top_k,
                max_exposure_rate=max_exposure_rate,
                tests_taken=tests_taken[index],
            )
            timings.append(time.perf_counter() - started)
            available[item] = False
            exposure[index][item] += 1
            responses.append((bank.a[item], bank.b[item], bool(answers[item])))
            adaptive = engine.estimate(mean, responses, bank.scale, prior_sd)
        tests_taken[index] += 1

        fixed_items = min(max_items, len(bank))
        fixed = engine.summarise(
            engine.posterior(mean, bank.a[:fixed_items], bank.b[:fixed_items], answers[:fixed_items], prior_sd),
            bank.scale,
        )
        outcomes.append(
            _Outcome(
                scale=scale_name(bank.scale),
                true_level=bank.scale.level(theta),
                levels=(adaptive.level, fixed.level),
                errors=(adaptive.mean - theta, fixed.mean - theta),
                items=(len(responses), fixed_items),
                confidence=adaptive.confidence,
                stopped_early=len(responses) < fixed_items,
            )
        )
        if progress and ((learner + 1) % step == 0 or learner + 1 == learners):
            progress(learner + 1, learners)

    rates = [count / taken for counts, taken in zip(exposure, tests_taken, strict=True) if taken for count in counts]
    milliseconds = np.array(timings) * 1000
    result = {
        "learners": learners,
        "max_items": max_items,
        "seed": seed,
        "areas": len(eligible),
        "items": sum(len(bank) for bank in eligible),
        **_rates(outcomes),
        "max_exposure_rate": round(max(rates), 3),
        "next_item_ms_p50": round(float(np.percentile(milliseconds, 50)), 3),
        "next_item_ms_p95": round(float(np.percentile(milliseconds, 95)), 3),
        "parameters": {
            "sd_threshold": sd_threshold,
            "top_k": top_k,
            "max_exposure_rate": max_exposure_rate,
            "prior_sd": prior_sd,
            "self_rating_noise": self_rating_noise,
        },
        "per_scale": {},
    }
    for name in sorted({outcome.scale for outcome in outcomes}):
        group = [outcome for outcome in outcomes if outcome.scale == name]
        result["per_scale"][name] = {"learners": len(group), **_rates(group)}
    return result


def _rates(outcomes: list[_Outcome]) -> dict:
    """Accuracy and length of both tests over these learners."""
    true = np.array([outcome.true_level for outcome in outcomes])
    levels = np.array([outcome.levels for outcome in outcomes])
    errors = np.array([outcome.errors for outcome in outcomes])
    items = np.array([outcome.items for outcome in outcomes])
    gaps = np.abs(levels - true[:, None])

    def fraction(values):
        return round(float(np.mean(values)), 3)

    return {
        "within_one_level": fraction(gaps[:, 0] <= 1),
        "fixed_order_within_one_level": fraction(gaps[:, 1] <= 1),
        "exact_level": fraction(gaps[:, 0] == 0),
        "fixed_order_exact_level": fraction(gaps[:, 1] == 0),
        "mean_confidence": fraction([outcome.confidence for outcome in outcomes]),
        "theta_rmse": round(float(np.sqrt(np.mean(errors[:, 0] ** 2))), 3),
        "fixed_order_theta_rmse": round(float(np.sqrt(np.mean(errors[:, 1] ** 2))), 3),
        "mean_items": round(float(items[:, 0].mean()), 2),
        "fixed_order_mean_items": round(float(items[:, 1].mean()), 2),
        "stopped_early": fraction([outcome.stopped_early for outcome in outcomes]),
    }
