"""The adaptive diagnostic: 2-parameter IRT, a posterior on a grid, item choice with exposure control, stopping.

Pure Python and numpy, no Django: the views feed it the calibrations (a, b) of the items and the answers, the
simulation (ere/skills/simulation.py) and the benchmark feed it synthetic learners. docs/assessment-engine.md
explains the model and why the parameters have these values.

    P(correct | θ) = 1 / (1 + exp(−a (θ − b)))

Ability θ lives on a fixed grid; the prior is a normal law centred on the agent's self-positioning; the posterior
is computed on the grid in log space, and summarised by its mean (EAP), its standard deviation and the level it
falls in, with the posterior probability of that level as the confidence.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

GRID = np.linspace(-4, 4, 161)
GRID_STEP = float(GRID[1] - GRID[0])
# Edges of the cells centred on the grid points: the posterior is read as constant on each cell, so that a cut
# falling on a grid point splits its mass in two instead of depending on floating-point noise.
_CELL_EDGES = np.concatenate(([GRID[0] - GRID_STEP / 2], GRID + GRID_STEP / 2))

PRIOR_SD = 1.0
# Stop when the posterior SD falls below this. Tuned with the simulation (docs/assessment-engine.md): at 0.4 the
# test is as accurate as one that never stops early, and ends before 12 questions in 30 % of tests once an area has
# 40–60 items; 0.45 saves one to two more questions but loses 2.4 points of exact level on the eight CRCN levels.
SD_THRESHOLD = 0.4
# ere.skills.enums.SelfRating value -> prior mean on θ.
SELF_RATING_PRIOR = {0: -1.5, 1: -0.75, 2: 0.0, 3: 0.9, 4: 1.7}

TOP_K = 4
MAX_EXPOSURE_RATE = 0.3


@dataclass(frozen=True)
class Scale:
    """A level scale on θ: the cut points between consecutive levels, levels numbered from 1.

    A θ exactly on a cut belongs to the upper level.
    """

    cuts: tuple[float, ...]

    @property
    def levels(self) -> int:
        return len(self.cuts) + 1

    def level(self, theta: float) -> int:
        return int(np.searchsorted(self.cuts, theta, side="right")) + 1

    def level_probabilities(self, density: np.ndarray) -> np.ndarray:
        """Mass of a posterior on GRID (probabilities summing to 1) in each level, level 1 first."""
        cumulative = np.concatenate(([0.0], np.cumsum(density)))
        below_cuts = np.interp(self.cuts, _CELL_EDGES, cumulative)
        return np.diff(np.concatenate(([0.0], below_cuts, [cumulative[-1]])))


TOOL_SCALE = Scale(cuts=(-0.5, 0.5, 1.5))  # découverte, pratique, maîtrise, référent
CRCN_SCALE = Scale(cuts=(-2.25, -1.5, -0.75, 0.0, 0.75, 1.5, 2.25))  # CRCN levels 1..8


@dataclass(frozen=True)
class Estimate:
    mean: float
    sd: float
    level: int
    confidence: float  # posterior probability of that level (0..1)


def prior_mean(self_rating: int) -> float:
    """Where the prior is centred for a self-positioning (a SelfRating value, 0 to 4)."""
    try:
        return SELF_RATING_PRIOR[int(self_rating)]
    except KeyError:
        raise ValueError(f"Unknown self-rating {self_rating!r}: expected one of {sorted(SELF_RATING_PRIOR)}") from None


def probability(theta, a, b) -> np.ndarray:
    """P(correct | θ) of the 2PL model, without overflow for any θ, a, b."""
    z = np.asarray(a, dtype=float) * (np.asarray(theta, dtype=float) - np.asarray(b, dtype=float))
    return 0.5 * (1.0 + np.tanh(z / 2.0))


def log_likelihood(a, b, correct) -> np.ndarray:
    """Log-likelihood of the answers at every point of GRID (0 everywhere when there is no answer)."""
    a = np.asarray(a, dtype=float).reshape(-1, 1)
    b = np.asarray(b, dtype=float).reshape(-1, 1)
    sign = np.where(np.asarray(correct, dtype=bool).reshape(-1, 1), 1.0, -1.0)
    if not (len(a) == len(b) == len(sign)):
        raise ValueError(f"a, b and correct differ in length ({len(a)}, {len(b)}, {len(sign)})")
    # log P = −log(1 + exp(−z)) for a right answer, log(1 − P) = −log(1 + exp(z)) for a wrong one.
    return -np.logaddexp(0.0, -sign * a * (GRID - b)).sum(axis=0)


def posterior(prior_mean: float, a, b, correct, prior_sd: float = PRIOR_SD) -> np.ndarray:
    """The posterior on GRID, as probabilities summing to 1; a, b, correct are sequences (may be empty)."""
    log_density = -0.5 * ((GRID - prior_mean) / prior_sd) ** 2 + log_likelihood(a, b, correct)
    density = np.exp(log_density - log_density.max())
    return density / density.sum()


def summarise(density: np.ndarray, scale: Scale) -> Estimate:
    """Mean (EAP), standard deviation, level of the mean and posterior mass of that level."""
    mean = float(GRID @ density)
    sd = float(np.sqrt(max(((GRID - mean) ** 2) @ density, 0.0)))
    level = scale.level(mean)
    confidence = float(scale.level_probabilities(density)[level - 1])
    return Estimate(mean=mean, sd=sd, level=level, confidence=min(max(confidence, 0.0), 1.0))


def estimate(
    prior_mean: float, responses: Sequence[tuple[float, float, bool]], scale: Scale, prior_sd: float = PRIOR_SD
) -> Estimate:
    """The estimate after these answers, each given as (a, b, correct) of its item."""
    a, b, correct = zip(*responses, strict=True) if responses else ((), (), ())
    return summarise(posterior(prior_mean, a, b, correct, prior_sd), scale)


def information(theta: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fisher information of each item at θ: a² p (1 − p)."""
    a = np.asarray(a, dtype=float)
    # p (1 − p) = e / (1 + e)² with e = exp(−|z|): exact in the tails, where 1 − p would round to 0.
    e = np.exp(-np.abs(a * (theta - np.asarray(b, dtype=float))))
    return a * a * e / (1.0 + e) ** 2


def choose_next(
    theta: float,
    a: np.ndarray,
    b: np.ndarray,
    available: np.ndarray,
    rng: np.random.Generator,
    exposure: np.ndarray | None = None,
    top_k: int = TOP_K,
    max_exposure_rate: float | None = MAX_EXPOSURE_RATE,
    tests_taken: int = 0,
) -> int | None:
    """Index of the next item among `available` (a boolean mask over the bank), or None when none is left.

    Maximum information at θ, with two guards against always asking the same questions:
    - items asked in more than `max_exposure_rate` of the `tests_taken` previous tests (`exposure` counts how many
      each was asked in) are set aside, unless nothing else is left (in the spirit of Sympson–Hetter, without
      its calibration runs);
    - "randomesque": the item is drawn uniformly among the `top_k` most informative that remain.
    """
    candidates = np.flatnonzero(available)
    if candidates.size == 0:
        return None
    if exposure is not None and max_exposure_rate is not None and tests_taken > 0:
        under_cap = np.asarray(exposure)[candidates] <= max_exposure_rate * tests_taken
        if under_cap.any():
            candidates = candidates[under_cap]
    info = information(theta, np.asarray(a)[candidates], np.asarray(b)[candidates])
    k = min(max(int(top_k), 1), candidates.size)
    if k == 1:
        return int(candidates[np.argmax(info)])
    best = np.argpartition(-info, k - 1)[:k]
    # Most informative first, ties by bank order: the draw depends only on the bank and the generator.
    best = best[np.lexsort((candidates[best], -info[best]))]
    return int(candidates[best[rng.integers(k)]])


def is_finished(
    estimate: Estimate, items_asked: int, max_items: int, items_left: int, sd_threshold: float = SD_THRESHOLD
) -> bool:
    """The test of an area ends when the estimate is precise enough, the cap is reached or the bank is exhausted."""
    return items_left <= 0 or items_asked >= max_items or estimate.sd < sd_threshold
