"""Aggregation: ROUGE-1.5.5's bootstrap, reproduced bit for bit, and seeded."""

from __future__ import annotations

import random

import numpy as np
import pytest
from _perl_bootstrap import perl_averages, unavailable_reason

from summarizer.metrics.aggregate import aggregate, bootstrap, perl_order


def _values(seed: int, n: int) -> list[tuple[float, float, float]]:
    rng = random.Random(seed)
    # per-summary scores are 5-decimal numbers, as ROUGE-1.5.5 keeps them
    return [tuple(round(rng.random() ** 2, 5) for _ in range(3)) for _ in range(n)]


def test_same_seed_same_intervals_other_seed_other_intervals():
    vals = np.array(_values(1, 40)).reshape(40, 1, 3)
    ids = [str(i + 1) for i in range(40)]
    a = aggregate(vals, ["m"], ids, resamples=300, seed=7)["m"]
    b = aggregate(vals, ["m"], ids, resamples=300, seed=7)["m"]
    c = aggregate(vals, ["m"], ids, resamples=300, seed=8)["m"]
    assert a == b
    assert (a.recall.low, a.recall.high) != (c.recall.low, c.recall.high)
    assert a.recall.mean == c.recall.mean  # the mean does not depend on resampling


def test_interval_contains_mean_and_narrows_with_more_data():
    for n in (5, 30, 200):
        vals = np.array(_values(n, n)).reshape(n, 1, 3)
        agg = aggregate(vals, ["m"], [str(i) for i in range(n)], resamples=500)["m"]
        for part in (agg.recall, agg.precision, agg.fmeasure):
            assert part.low <= part.mean <= part.high
            assert part.low <= part.average <= part.high
    small = aggregate(np.array(_values(3, 10)).reshape(10, 1, 3), ["m"], list("abcdefghij"))["m"]
    big = aggregate(np.array(_values(3, 400)).reshape(400, 1, 3), ["m"],
                    [str(i) for i in range(400)])["m"]
    assert big.recall.high - big.recall.low < small.recall.high - small.recall.low


def test_identical_scores_give_a_point_interval():
    vals = np.tile([0.25, 0.5, 0.33333], (12, 1)).reshape(12, 1, 3)
    agg = aggregate(vals, ["m"], [str(i) for i in range(12)])["m"]
    assert agg.recall.low == agg.recall.high == agg.recall.mean == 0.25
    assert agg.precision.average == pytest.approx(0.5, abs=1e-12)


def test_empty_corpus_is_zero_not_a_crash():
    agg = aggregate(np.zeros((0, 1, 3)), ["m"], [])["m"]
    assert agg.recall.mean == 0.0 and agg.recall.average == 0.0


def test_perl_order_is_string_order():
    ids = [str(i) for i in range(1, 12)]
    assert [ids[i] for i in perl_order(ids)] == ["1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9"]


def test_bootstrap_rejects_bad_shapes():
    with pytest.raises(ValueError):
        bootstrap(np.zeros(3))
    with pytest.raises(ValueError):
        bootstrap(np.zeros((3, 1)), resamples=0)


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))
@pytest.mark.parametrize(
    "n,resamples,confidence,seed_ids",
    [(13, 1000, 95, 1), (1, 1000, 95, 2), (57, 1000, 95, 3), (25, 999, 90, 4), (40, 250, 99, 5),
     (8, 100, 50, 6)],
)
def test_equals_rouge155_perl_bootstrap(n, resamples, confidence, seed_ids):
    """Average_R/P/F and interval ends equal the Perl's own subroutines' output."""
    rng = random.Random(seed_ids)
    ids = [str(i + 1) for i in range(n)] if seed_ids % 2 else [f"D{rng.randint(0, 10**6)}" for _ in range(n)]
    ids = list(dict.fromkeys(ids))
    vals = _values(seed_ids, len(ids))
    want = perl_averages(ids, vals, resamples, confidence)
    got = aggregate(np.array(vals).reshape(len(ids), 1, 3), ["m"], ids, resamples, float(confidence))["m"]
    for key, part in (("R", got.recall), ("P", got.precision), ("F", got.fmeasure)):
        assert f"{part.average:7.5f}" == want[f"Avg{key}"]
        assert f"{part.low:7.5f}" == want[f"CIAvgL_{key}"]
        assert f"{part.high:7.5f}" == want[f"CIAvgU_{key}"]


def test_averages_are_summed_left_to_right_on_every_python():
    # Python 3.12's sum() of floats compensates its rounding (sum([0.1] * 10) is 1.0 there,
    # 0.9999999999999999 on 3.11 and in Perl's loop): the bootstrap's printed average and
    # compare's means moved in their last bits with the Python version
    from summarizer.metrics.aggregate import sequential_sum

    total = 0.0
    for _ in range(10):
        total += 0.1
    assert sequential_sum([0.1] * 10) == total == 0.9999999999999999
    assert sequential_sum([]) == 0.0
    values = [1e16, 1.0, -1e16]
    assert sequential_sum(values) == (1e16 + 1.0) - 1e16  # 0.0, where a compensated sum is 1.0
