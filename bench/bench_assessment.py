"""Adaptive diagnostic: next-item choice and accuracy on synthetic banks, against references measured in the same run.

(a) Speed. ere.skills.engine.choose_next (exposure control + randomesque top 4) on a 2,000-item bank, in the state
    of a test under way (6 items seen, exposure counts of 500 previous tests), against the least a choice can do: a
    plain numpy argmax of the Fisher information over the same bank, and the same argmax as a pure-Python loop.
    Also the estimate after 12 answers (ere.skills.engine.estimate), the other half of the work of a question page.
    Target: choose_next under 20 ms at the 95th percentile.
(b) Accuracy. ere.skills.simulation.simulate: 1,000 simulated learners, 12 questions at most, on a bank like ours
    (4 tool areas and 2 CRCN domains of 15–20 items, b uniform on [−2.5, 2.5], a uniform on [0.8, 2.0]); the
    reference is the fixed-order test of the same learners (the first 12 items of the area, no adaptation, no
    early stop). Then the same on areas of 40–60 items, the size where adaptivity pays off.

No database: the banks are synthetic (numpy, fixed seeds).

    python bench/bench_assessment.py
    python bench/bench_assessment.py --learners 5000
"""

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ere.skills import engine
from ere.skills.simulation import Bank, simulate

TARGET_P95_MS = 20.0
BANK_SIZE = 2000
CALLS = 2000


def synthetic_banks(seed, sizes=(15, 21), tools=4, crcn=2):
    rng = np.random.default_rng(seed)
    banks = []
    for index in range(tools + crcn):
        n = int(rng.integers(*sizes))
        scale = engine.TOOL_SCALE if index < tools else engine.CRCN_SCALE
        banks.append(Bank(a=rng.uniform(0.8, 2.0, n), b=rng.uniform(-2.5, 2.5, n), scale=scale, name=f"area-{index}"))
    return banks


def percentiles(samples):
    milliseconds = np.array(samples) * 1000
    return float(np.percentile(milliseconds, 50)), float(np.percentile(milliseconds, 95))


def timed(fn, thetas):
    samples = []
    for theta in thetas:
        started = time.perf_counter()
        fn(theta)
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def bench_speed():
    rng = np.random.default_rng(20261126)
    a = rng.uniform(0.8, 2.0, BANK_SIZE)
    b = rng.uniform(-2.5, 2.5, BANK_SIZE)
    available = np.ones(BANK_SIZE, dtype=bool)
    available[rng.choice(BANK_SIZE, 6, replace=False)] = False
    exposure = rng.binomial(500, 0.01, BANK_SIZE)
    thetas = rng.normal(0, 1, CALLS)
    choice_rng = np.random.default_rng(1)
    a_list, b_list, available_list = a.tolist(), b.tolist(), available.tolist()

    def ours(theta):
        engine.choose_next(theta, a, b, available, choice_rng, exposure=exposure, tests_taken=500)

    def numpy_argmax(theta):
        p = 1 / (1 + np.exp(-a * (theta - b)))
        int(np.argmax(np.where(available, a * a * p * (1 - p), -np.inf)))

    def python_loop(theta):
        best, best_info = None, -1.0
        for index, (ai, bi, free) in enumerate(zip(a_list, b_list, available_list, strict=True)):
            if free:
                p = 1 / (1 + math.exp(-ai * (theta - bi)))
                info = ai * ai * p * (1 - p)
                if info > best_info:
                    best, best_info = index, info
        return best

    responses = [(float(a[i]), float(b[i]), bool(i % 3)) for i in range(12)]

    def estimate_after_12(theta):
        engine.estimate(0.0, responses, engine.CRCN_SCALE)

    for fn in (ours, numpy_argmax, python_loop, estimate_after_12):  # warm-up
        for theta in thetas[:50]:
            fn(theta)
    p50, p95 = timed(ours, thetas)
    ref50, ref95 = timed(numpy_argmax, thetas)
    loop50, loop95 = timed(python_loop, thetas[:500])
    est50, est95 = timed(estimate_after_12, thetas)

    print(f"(a) next-item choice on a {BANK_SIZE:,}-item bank, {CALLS:,} calls")
    print(f"{'':>34} {'p50 (ms)':>9} {'p95 (ms)':>9} {'ratio p95':>10}")
    print(f"{'choose_next (exposure + top 4)':>34} {p50:>9.3f} {p95:>9.3f} {'':>10}")
    print(f"{'numpy argmax of information':>34} {ref50:>9.3f} {ref95:>9.3f} {p95 / ref95:>9.1f}×")
    print(f"{'pure-Python loop':>34} {loop50:>9.3f} {loop95:>9.3f} {p95 / loop95:>9.2f}×")
    print(f"{'estimate after 12 answers':>34} {est50:>9.3f} {est95:>9.3f}")
    verdict = "met" if p95 < TARGET_P95_MS else "MISSED"
    print(f"target choose_next p95 < {TARGET_P95_MS:.0f} ms: {verdict} ({p95:.3f} ms)")
    print("ratio = choose_next p95 / reference p95 (the exposure filter and the top-k draw on top of the argmax)")


def print_accuracy(title, result):
    print(title)
    print(f"{'':>22} {'adaptive':>9} {'fixed order':>12} {'ratio':>7}")
    rows = [
        ("within one level", "within_one_level", "fixed_order_within_one_level"),
        ("exact level", "exact_level", "fixed_order_exact_level"),
        ("θ RMSE", "theta_rmse", "fixed_order_theta_rmse"),
        ("mean items", "mean_items", "fixed_order_mean_items"),
    ]
    for label, ours, reference in rows:
        print(f"{label:>22} {result[ours]:>9.3f} {result[reference]:>12.3f} {result[ours] / result[reference]:>6.3f}×")
    for name, group in result["per_scale"].items():
        print(
            f"{name + ' (' + str(group['learners']) + ' learners)':>22} within one {group['within_one_level']:.3f} "
            f"vs {group['fixed_order_within_one_level']:.3f}, exact {group['exact_level']:.3f} "
            f"vs {group['fixed_order_exact_level']:.3f}, {group['mean_items']:.2f} items"
        )
    print(
        f"{'':>22} mean confidence {result['mean_confidence']:.3f}, stopped before the cap "
        f"{result['stopped_early']:.3f}, max exposure rate {result['max_exposure_rate']:.3f}, "
        f"choose_next p95 {result['next_item_ms_p95']:.3f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--max-items", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    bench_speed()
    for label, sizes in (("15–20", (15, 21)), ("40–60", (40, 61))):
        banks = synthetic_banks(args.seed, sizes)
        started = time.perf_counter()
        result = simulate(banks, args.learners, args.max_items, args.seed)
        seconds = time.perf_counter() - started
        print()
        print_accuracy(
            f"(b) accuracy: {args.learners:,} learners × {args.max_items} items at most, {len(banks)} areas of "
            f"{label} items ({sum(len(bank) for bank in banks)} items), {seconds:.1f} s",
            result,
        )
    print("ratio = adaptive / fixed order (above 1 = adaptive higher; for RMSE and items, below 1 = adaptive better)")


if __name__ == "__main__":
    main()
