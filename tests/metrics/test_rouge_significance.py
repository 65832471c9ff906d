"""Paired significance tests: seeded, detect a clear difference, not a null one."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.errors import InputError
from summarizer.metrics import rouge
from summarizer.metrics.significance import (
    approximate_randomization,
    compare_reports,
    format_comparison,
    paired_bootstrap,
    paired_test,
)


def _scores(seed: int, n: int = 60):
    rng = np.random.default_rng(seed)
    return rng.uniform(0.2, 0.6, n)


def test_clear_difference_is_detected():
    a = _scores(1)
    b = a + 0.05 + np.random.default_rng(2).normal(0, 0.02, a.size)
    r = paired_test(a, b, significance_seed=1)
    assert r.p_bootstrap < 0.01 and r.p_randomization < 0.01
    assert r.ci_low > 0 and r.ci_low <= r.difference <= r.ci_high
    assert r.difference == pytest.approx(np.mean(b) - np.mean(a))


def test_identical_systems_are_not_different():
    a = _scores(3)
    r = paired_test(a, a.copy())
    assert r.p_bootstrap == 1.0 and r.p_randomization == 1.0
    assert r.difference == 0.0 and r.ci_low == r.ci_high == 0.0


def test_noise_only_is_not_significant():
    a = _scores(4, 200)
    b = a + np.random.default_rng(5).normal(0, 0.05, a.size)
    b -= b.mean() - a.mean()  # same mean, different per-item scores
    r = paired_test(a, b, significance_seed=6)
    assert r.p_bootstrap > 0.5 and r.p_randomization > 0.5


def test_seeded_and_reproducible():
    a, b = _scores(7), _scores(8)
    assert paired_test(a, b, significance_seed=9) == paired_test(a, b, significance_seed=9)
    p1, _ = paired_bootstrap(a, b, 200, seed=1)
    p2, _ = paired_bootstrap(a, b, 200, seed=2)
    assert 0 < p1 <= 1 and 0 < p2 <= 1
    assert approximate_randomization(a, b, 500, seed=3) == approximate_randomization(a, b, 500, seed=3)


def test_unpaired_input_is_refused():
    with pytest.raises(InputError):
        paired_test([0.1, 0.2], [0.1])
    with pytest.raises(InputError):
        paired_test([], [])


def test_compare_reports_checks_settings_and_inputs():
    refs = ["the cat sat on the mat today", "dogs bark at night", "rain falls in spain"] * 5
    good = ["the cat sat on the mat", "dogs bark at night loudly", "rain falls mainly in spain"] * 5
    bad = ["a mat", "night", "plain"] * 5
    ra = rouge(bad, refs, mode="rouge-score", resamples=20)
    rb = rouge(good, refs, mode="rouge-score", resamples=20)
    results = compare_reports(ra, rb, measures=("recall", "fmeasure"), resamples=300, trials=300)
    assert len(results) == 2 * len(ra.metrics)
    assert all(r.difference > 0 and r.p_randomization < 0.05 for r in results)
    assert "p(AR)" in format_comparison(results)
    # it read "good vs bad", the B system named first, over columns A then B
    assert format_comparison(results, "bad", "good").startswith("B = good against A = bad:")
    other = rouge(good, refs, mode="rouge-score", resamples=20, stem=True)
    with pytest.raises(InputError, match="different settings"):
        compare_reports(ra, other)
    shifted = rouge(good, refs, mode="rouge-score", resamples=20, ids=[f"x{i}" for i in range(15)])
    with pytest.raises(InputError, match="same inputs"):
        compare_reports(ra, shifted)
