"""Paired significance tests: seeded, detect a clear difference, not a null one."""

from __future__ import annotations

import itertools
import json
import warnings

import numpy as np
import pytest
from helpers import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError, OptionError
from summarizer.metrics import rouge, significance
from summarizer.metrics.significance import (
    TIE,
    approximate_randomization,
    bootstrap_p,
    check_test_settings,
    compare_reports,
    fewest_differences,
    format_comparison,
    paired_bootstrap,
    paired_test,
    percentile_interval,
    small_sample_summary,
    tail_rank,
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


def _randomization_by_multiplying(diff: np.ndarray, trials: int, seed: int, step: int) -> float:
    # the test as first written: signs drawn as 0/1 integers, times 2 minus 1, multiplied in
    rng, observed, count = np.random.default_rng(seed), abs(diff.mean()), 0
    for start in range(0, trials, step):
        signs = rng.integers(0, 2, size=(min(step, trials - start), diff.size)) * 2 - 1
        count += int(np.count_nonzero(np.abs((signs * diff).mean(axis=1)) >= observed - 1e-15))
    return (count + 1) / (trials + 1)


@pytest.mark.parametrize("n, trials, chunk", [
    (1, 50, 1 << 22), (7, 300, 1 << 22), (20_001, 450, 1 << 22),  # 209 rows of an odd n
    (5, 200, 7), (6, 31, 11), (2, 9, 1)])  # one or a few rows a chunk, odd sizes
def test_randomization_signs_set_in_the_bits_give_the_multiplied_p(monkeypatch, n, trials,
                                                                   chunk):
    """The sign set from the draws' top bits is the sign integers(0, 2) draws from them, and
    the flipped floats are the products: the same p, to the bit, chunk after chunk (a chunk
    of odd size leaves half a 64-bit draw to the next), with ties and zeros among the
    differences."""
    monkeypatch.setattr(significance, "_CHUNK", chunk)
    rng = np.random.default_rng(n)
    a = rng.random(n)
    b = a + np.round(rng.normal(0, 0.05, n), 2)  # rounded: many ties, zeros among them
    b[::3] = a[::3]
    diff = b - a
    for seed in (0, 12345):
        expected = _randomization_by_multiplying(diff, trials, seed, max(1, chunk // n))
        assert approximate_randomization(a, b, trials, seed=seed) == expected


def test_unpaired_input_is_refused():
    with pytest.raises(InputError):
        paired_test([0.1, 0.2], [0.1])
    with pytest.raises(InputError):
        paired_test([], [])


def test_comparison_table_says_the_seed_and_counts_of_its_tests():
    # rouge --compare's table gave p-values and intervals without the seed, resamples or
    # trials that made them (--significance-seed 7 printed as 12345 did)
    refs = ["the cat sat on the mat today", "dogs bark at night", "rain falls in spain"] * 3
    ra = rouge(["a mat", "night", "plain"] * 3, refs, mode="rouge-score", resamples=20)
    rb = rouge(refs, refs, mode="rouge-score", resamples=20)
    results = compare_reports(ra, rb, resamples=1234, trials=300, significance_seed=7)
    head = format_comparison(results).splitlines()[0]
    assert "1,234 resamples" in head and "300 trials" in head and "seed 7" in head


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


def _significant_and_excluding(r) -> tuple[bool, bool]:
    return r.p_bootstrap < (100 - r.confidence) / 100, r.ci_low > 0 or r.ci_high < 0


# differences on a grid of eighths (ties, zeros, all equal), any in [-1, 1], or skewed
# (many small losses, rare large gains: where the centred p-value and the interval
# disagreed on 10 TAC clusters)
_grid = st.integers(-4, 4).map(lambda i: i / 8)
_skewed = st.floats(0, 1).map(lambda u: u**6 if u > 0.8 else -0.05 * u)
_diffs = st.one_of(
    st.lists(_grid, min_size=1, max_size=12),
    st.lists(st.floats(-1, 1, allow_nan=False), min_size=1, max_size=12),
    st.lists(_skewed, min_size=1, max_size=12),
    st.tuples(_grid, st.integers(1, 12)).map(lambda t: [t[0]] * t[1]),
)


@settings(max_examples=300, deadline=None)
@given(diffs=_diffs, resamples=st.integers(1, 400), seed=st.integers(0, 2**32 - 1),
       confidence=st.one_of(st.sampled_from([50.0, 80.0, 90.0, 95.0, 99.0]),
                            st.floats(1.01, 100.0)))
def test_bootstrap_p_below_alpha_exactly_when_the_interval_excludes_0(
        diffs, resamples, seed, confidence):
    # The p-value of the percentile interval inverted: one answer, never two. The old
    # centred p (sacreBLEU's) gave p = .073 beside a 95% interval [-.045, -.0005].
    a = np.full(len(diffs), 0.5)
    b = a + np.asarray(diffs)
    if tail_rank(resamples, confidence) == 0:  # no resample in a tail: refused, not guessed
        with pytest.raises(OptionError, match="too few"):
            paired_test(a, b, resamples=resamples, trials=200, confidence=confidence,
                        significance_seed=seed)
        return
    # 200 trials: enough wherever the resamples are (1 / 201 < 2 / 401 < alpha)
    r = paired_test(a, b, resamples=resamples, trials=200, confidence=confidence,
                    significance_seed=seed)
    significant, excluding = _significant_and_excluding(r)
    assert significant == excluding
    assert r.ci_low <= r.ci_high and 0 < r.p_bootstrap <= 1
    _, samples = paired_bootstrap(a, b, resamples, seed)
    assert r.ci_low in samples and r.ci_high in samples  # resampled means, not between two
    if np.all(b - a == 0):
        assert r.p_bootstrap == 1.0 and r.ci_low == r.ci_high == 0.0


def test_exact_small_case_by_hand():
    # R = 9 resamples at 50%: k = 2 (2k/10 < .5), the interval is [s(2), s(8)]
    s = np.array([0.7, -0.2, 0.1, 0.0, 0.4, 0.1, 0.5, 0.3, 0.0])
    assert tail_rank(9, 50.0) == 2
    # 3 resamples <= 0 (two of them 0), 8 >= 0: p = 2 * (3 + 1) / 10
    assert bootstrap_p(s) == pytest.approx(0.8)
    assert percentile_interval(s, 50.0) == (0.0, 0.5)  # an end at 0 holds 0: p >= .5
    s = np.array([0.7, 0.0, 0.1, 0.2, 0.4, 0.1, 0.5, 0.3, 0.6])
    assert bootstrap_p(s) == pytest.approx(0.4)  # one 0, in the lower tail: 2 * 2 / 10
    assert percentile_interval(s, 50.0) == (0.1, 0.6)  # excludes 0, and p < .5
    s = -s  # the mirror: the upper tail
    assert bootstrap_p(s) == pytest.approx(0.4)
    assert percentile_interval(s, 50.0) == (-0.6, -0.1)


def test_p_equal_to_alpha_is_not_significant_and_the_interval_holds_0():
    # R = 79 at 95%: k = 1. One resample <= 0 gives p = 2 * 2 / 80 = .05, not below .05,
    # and the interval's low end is that resample; none gives p = .025 and a low end > 0.
    assert tail_rank(79, 95.0) == 1
    s = np.linspace(0.01, 0.8, 79)
    assert bootstrap_p(s) == 2 / 80 and percentile_interval(s, 95.0)[0] > 0
    s[0] = 0.0
    assert bootstrap_p(s) == 0.05 and not bootstrap_p(s) < (100 - 95.0) / 100
    assert percentile_interval(s, 95.0)[0] == 0.0


def test_too_few_resamples_for_the_interval_are_refused():
    # 39 resamples hold no 2.5% tail (2 / 40 is not below .05): no interval to invert
    check_test_settings(40, 20, 1)
    with pytest.raises(OptionError, match="39 bootstrap resamples are too few for a 95% "
                       "interval of the paired tests: it needs at least 40 resamples"):
        check_test_settings(39, 20, 1)
    with pytest.raises(OptionError, match="needs a lower confidence"):
        check_test_settings(1000, 20, 1, confidence=100.0)
    with pytest.raises(OptionError, match="at least 2,000 resamples"):
        paired_test([0.1, 0.2], [0.2, 0.3], confidence=99.9)


@pytest.mark.parametrize(("confidence", "fewest"), [(95.0, 20), (99.0, 100), (80.0, 5)])
def test_trials_too_few_for_a_randomisation_p_below_alpha_are_refused(confidence, fewest):
    # p = (hits + 1) / (trials + 1): with 19 trials its least is .05, never below .05, so
    # a test of 19 trials could not find any difference, however large; it was run
    alpha = (100 - confidence) / 100
    a, b = np.full(40, 0.2), np.full(40, 0.6)  # B above A on every input: no trial as far
    r = paired_test(a, b, trials=fewest, confidence=confidence)
    assert r.p_randomization == 1 / (fewest + 1) < alpha
    for trials in (1, fewest - 1):
        assert not 1 / (trials + 1) < alpha
        with pytest.raises(OptionError, match=(
                rf"^trials \(--trials\) {trials} is too few for an approximate randomisation "
                rf"test at {alpha:g}: its p is never below 1 / \(trials \+ 1\), .*; it needs "
                rf"at least {fewest}$")):
            paired_test(a, b, trials=trials, confidence=confidence)
    with pytest.raises(OptionError, match="trials"):
        compare_reports(*(rouge(["The storm hit the coast."], ["The storm hit."],
                                resamples=1000) for _ in range(2)), trials=fewest - 1,
                        confidence=confidence)


def test_compare_refuses_too_few_trials_before_reading_a_run(tmp_path):
    # the runs named do not exist: the settings are refused first, nothing is written
    code, _, err = run_cli(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--trials",
                            "19", "--no-plot", "--out", str(tmp_path / "c")])
    assert code == 2
    assert err.startswith("summarizer: error: trials (--trials) 19 is too few for an "
                          "approximate randomisation test at 0.05")
    assert err.rstrip().endswith("it needs at least 20") and not (tmp_path / "c").exists()


def test_non_finite_scores_are_refused():
    with pytest.raises(InputError, match="finite"):
        paired_test([0.1, float("nan")], [0.2, 0.3])


def test_the_table_says_how_the_bootstrap_p_is_made():
    r = paired_test(_scores(1), _scores(2))
    assert r.p_bootstrap_method == "percentile" and r.to_dict()["p_bootstrap_method"] == "percentile"
    assert "bootstrap percentile interval" in format_comparison([r])
    assert "the interval inverted" in format_comparison([r])


# Too few inputs: the threshold is where an exact test could first reach the level.

def _exact_randomisation_p(diff: np.ndarray) -> float:
    """The two-sided sign-flip p over all 2**m patterns of the m differences beyond a tie."""
    d = diff[np.abs(diff) > TIE]
    if d.size == 0:
        return 1.0
    signs = np.array(list(itertools.product((-1.0, 1.0), repeat=d.size)))
    return float(np.mean(np.abs((signs * d).mean(axis=1)) >= abs(d.mean()) - 1e-15))


def test_fewest_differences_is_where_the_sign_patterns_reach_alpha():
    assert [fewest_differences(c) for c in (50.0, 80.0, 90.0, 95.0, 99.0)] == [3, 4, 5, 6, 8]
    for confidence in (50.0, 90.0, 93.75, 95.0, 99.0, 99.9, 1.5):  # 93.75: 2 / 2**5 = alpha
        alpha, m = (100 - confidence) / 100, fewest_differences(confidence)
        assert 2 / 2**m < alpha and (m == 1 or not 2 / 2 ** (m - 1) < alpha)
    with pytest.raises(OptionError):
        fewest_differences(100.0)


@settings(max_examples=200, deadline=None)
@given(diffs=_diffs, seed=st.integers(0, 2**32 - 1),
       confidence=st.sampled_from([50.0, 80.0, 90.0, 95.0, 99.0]))
def test_the_warning_is_exactly_where_no_exact_test_could_be_significant(diffs, seed,
                                                                          confidence):
    diff = np.asarray(diffs)
    a = np.full(diff.size, 0.5)
    r = paired_test(a, a + diff, resamples=200, trials=100, confidence=confidence,
                    significance_seed=seed)
    d = (a + diff) - a  # the differences as paired_test sees them
    m, alpha = int(np.count_nonzero(np.abs(d) > TIE)), (100 - confidence) / 100
    # warned exactly for 0 < m < the threshold
    assert (r.warning is not None) == (0 < m < fewest_differences(confidence))
    if r.warning is not None:
        # no data of this size could be significant by the exact sign-flip test: not even
        # the same differences all of one sign
        assert _exact_randomisation_p(d) >= alpha
        assert _exact_randomisation_p(np.abs(d)) >= alpha
        assert f"at {alpha:g}" in r.warning and r.to_dict()["warning"] == r.warning
    else:
        assert "warning" not in r.to_dict()  # the key only where there is one
        if m:  # the threshold is tight: these differences, all of one sign, would be
            assert _exact_randomisation_p(np.abs(d)) < alpha
    # the warning changes no number: p and interval as the bootstrap's own functions say
    p, samples = paired_bootstrap(a, a + diff, 200, seed)
    assert (r.p_bootstrap, (r.ci_low, r.ci_high)) == (p, percentile_interval(samples,
                                                                              confidence))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_the_bootstrap_claims_a_difference_on_a_handful_of_inputs_and_is_warned(n):
    # every difference of one sign: every resampled mean has it too, p = 2 / (R + 1) and
    # the interval excludes 0 for any n, where an exact randomisation p is 2 / 2**n
    # (1.0 for one input)
    a = np.linspace(0.2, 0.3, n)
    r = paired_test(a, a + 0.01 * np.arange(1, n + 1), trials=20000)
    assert r.p_bootstrap == 2 / 1001 and r.ci_low > 0
    assert r.p_randomization >= 0.05
    if n == 1:
        assert r.p_randomization == 1.0 and r.ci_low == r.ci_high
        assert r.warning is not None and r.warning.startswith("1 input differs, fewer")
    else:
        assert r.warning is not None and r.warning.startswith(f"{n} inputs differ, fewer")
    assert "fewer than the 6 a test at 0.05 needs: read p (AR)" in r.warning
    # six are enough: the same rule finds it, and both tests agree
    b = paired_test(np.full(6, 0.2), np.full(6, 0.2) + 0.01 * np.arange(1, 7), trials=20000)
    assert b.warning is None and b.p_randomization < 0.05 and b.p_bootstrap < 0.05


@pytest.mark.parametrize("confidence", [90.0, 95.0, 99.0])
def test_the_warning_agrees_in_number_and_fits_a_line(confidence):
    # "only 1 of 4 inputs differ" was the wording, on a stderr line of 210 to 250 characters
    need = fewest_differences(confidence)
    for n in (1, 2, 5, 64, 1000):
        for m in range(1, min(n, need - 1) + 1):
            a = np.full(n, 0.3)
            b = a.copy()
            b[:m] += 0.1
            warning = paired_test(a, b, resamples=200, trials=100,
                                  confidence=confidence).warning
            assert warning is not None
            counted = f"{n} input{'s' if n > 1 else ''}"
            said = counted if m == n else f"only {m} of {n:,} input{'s' if n > 1 else ''}"
            verb = "differs" if m == 1 else "differ"
            assert warning.startswith(f"{said} {verb}, fewer than the {need} a test at "), warning
            assert "read p (AR), not p (bootstrap)" in warning
            assert len(f"summarizer: warning: paired tests: {warning}") <= 160, warning


def test_many_inputs_of_which_few_differ_are_warned_too():
    # 60 ties and 4 gains: the bootstrap's p is below .05, randomisation's is not
    a = np.full(64, 0.3)
    b = a.copy()
    b[:4] += 0.1
    r = paired_test(a, b)
    assert r.p_bootstrap < 0.05 < r.p_randomization
    assert r.warning is not None and r.warning.startswith("only 4 of 64 inputs differ,")


def test_compare_reports_warns_once_however_many_tests():
    refs = ["the cat sat on the mat", "dogs bark at night", "rain falls in spain"]
    ra = rouge(["a mat", "night", "plain"], refs, mode="rouge-score", resamples=20)
    rb = rouge(["the cat sat", "dogs bark", "rain falls"], refs, mode="rouge-score",
               resamples=20)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        results = compare_reports(ra, rb, measures=("recall", "fmeasure"))
    assert all(r.warning is not None for r in results) and len(results) > 1
    assert [str(w.message) for w in said] == [small_sample_summary(results)]
    assert str(said[0].message).startswith("paired tests: 3 inputs differ, fewer than the 6 "
                                           "a test at 0.05 needs")
    big = rouge(["the cat sat"] * 8, ["the cat sat on the mat"] * 8, mode="rouge-score",
                resamples=20, ids=[f"d{i}" for i in range(8)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 8 inputs, all alike: nothing to say
        assert all(r.warning is None for r in compare_reports(big, big))


def test_small_sample_summary_of_mixed_results_counts_them():
    few = paired_test([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.2, 0.2, 0.3, 0.4, 0.5, 0.6])
    fewer = paired_test([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.2, 0.3, 0.3, 0.4, 0.5, 0.6])
    enough = paired_test(_scores(1), _scores(2))
    assert few.warning != fewer.warning and enough.warning is None
    assert small_sample_summary([enough]) is None
    assert small_sample_summary([few, enough]) == f"paired tests: {few.warning}"
    assert small_sample_summary([few, fewer, enough]).startswith(
        "paired tests: 2 of 3 have fewer inputs that differ than the 6 a test at 0.05 needs")


def test_rouge_compare_cli_says_it_in_one_line_and_records_it(tmp_path):
    sys_a, sys_b, refs = tmp_path / "a", tmp_path / "b", tmp_path / "refs"
    for d in (sys_a, sys_b, refs):
        d.mkdir()
    texts = {"M000": "police shot the gunman", "M001": "migrants crossed the border",
             "M002": "rain fell in spain"}
    for i, (name, text) in enumerate(texts.items()):
        (refs / f"{name}.A.250").write_text(text + " today\n")
        (sys_a / name).write_text(text.split()[0] + "\n")
        (sys_b / name).write_text(" ".join(text.split()[: 2 + i]) + "\n")
    code, out, err = run_cli(["rouge", str(sys_a), str(refs), "--mode", "rouge-score",
                              "--compare", str(sys_b), "--format", "json"])
    assert code == 0
    tests = json.loads(out)["comparison"]["tests"]
    assert tests and all(t["warning"].startswith("3 inputs differ, fewer") for t in tests)
    assert err.splitlines() == [f"summarizer: warning: paired tests: {tests[0]['warning']}"]
    code, out, err = run_cli(["rouge", str(sys_a), str(refs), "--mode", "rouge-score",
                              "--compare", str(sys_b)])
    assert code == 0 and err.startswith("summarizer: warning: paired tests: 3 inputs differ")
    assert "p(boot)" in out
