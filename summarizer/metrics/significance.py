"""Paired significance tests between two systems scored on the same inputs.

ROUGE of a system is a mean of per-summary scores, so both tests work on the
per-summary differences ``d_i = b_i - a_i`` (system B minus system A):

- paired bootstrap resampling (Koehn 2004): resample the inputs with
  replacement, ``R`` times; the resampled mean differences ``s`` give both the
  percentile interval and the p-value, which is that interval inverted (Efron
  and Tibshirani 1993, the achieved significance level of the percentile
  method): ``p = min(1, 2 * (min(#(s <= 0), #(s >= 0)) + 1) / (R + 1))``, twice
  the smaller tail beyond 0, with the ``(count + 1) / (R + 1)`` estimate;
- approximate randomisation (Riezler and Maxwell 2005; Clark et al. 2011):
  swap the two systems' outputs per input with probability 1/2; the p-value
  is the share of shuffles whose mean difference is at least as large, in
  absolute value, as the observed one: an independent test.

The bootstrap's interval and p-value are one answer: for the same resamples,
``p < (100 - confidence) / 100`` exactly when the interval excludes 0 (see
:func:`percentile_interval`). sacreBLEU's paired bootstrap (after MultEval)
centres the resampled differences on their mean instead, as a stand-in for the
null, and counts those at least as far from it as the observed difference.
That p-value answers another question than the interval beside it: on a small
skewed sample they disagree (a 95% interval of ROUGE-2 differences
[-.045, -.0005] beside p = .073, on 10 TAC clusters), so it is not used.

Both p-values are two-sided and never 0. Seeded with NumPy's PCG64:
reproducible.

Too few inputs (:func:`fewest_differences`): with ``m`` differences that are not ties
(beyond :data:`TIE`), randomisation has ``2**m`` equally likely sign patterns, so its
exact two-sided p is never below ``2 / 2**m``: under ``alpha`` only from ``m = 6`` on at
95% (.03), never at ``m = 1`` (p exactly 1). The bootstrap has no such floor: when every difference has
one sign, every resampled mean does too and its p is ``2 / (R + 1)``, for any ``m``
(at ``n = 1`` its interval is the one difference, twice). Its few distinct resamples
(``C(2n - 1, n)``: 1, 3, 10, 35, 126 for n = 1..5) are not the limit; the sign
patterns are. Such a result is computed as always, and carries a ``warning`` that
says so: not refused, as the means and the randomisation p (which cannot mislead
here) are still worth reading, and ``n = 1`` fails the same way as ``n = 5``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from summarizer.errors import InputError, OptionError, counted, option_label, value_repr, warn
from summarizer.metrics.measures import MEASURES
from summarizer.metrics.report import RougeReport
from summarizer.metrics.significance_defaults import RESAMPLES, SIGNIFICANCE_SEED, TRIALS
from summarizer.values import check_seed, integer, listed

Scores = Sequence[float] | np.ndarray  # per-summary scores; a report's column() is an array

_CHUNK = 1 << 22  # random numbers drawn at once (bounded memory for large corpora)

# How p_bootstrap is made, recorded beside every result: "percentile" inverts the
# percentile interval. Results without it (comparison.json before it was recorded) hold
# the centred p-value that sacreBLEU computes.
P_BOOTSTRAP_METHOD = "percentile"


@dataclass(frozen=True)
class PairedResult:
    """The comparison of system B against system A on one metric and measure."""

    metric: str
    measure: str
    mean_a: float
    mean_b: float
    difference: float  # mean_b - mean_a
    ci_low: float
    ci_high: float
    p_bootstrap: float
    p_randomization: float
    n: int
    resamples: int
    trials: int
    confidence: float  # percent
    significance_seed: int
    p_bootstrap_method: str = P_BOOTSTRAP_METHOD
    # too few differing inputs for a test at 1 - confidence (small_sample_warning), or None
    warning: str | None = None

    def to_dict(self) -> dict:
        out = asdict(self)
        if out["warning"] is None:  # the key only where there is one: results stay as they were
            del out["warning"]
        return out


# Scores (in [0, 1]) this close are a tie: float noise, not a difference (W/L/T and the
# differing inputs that small_sample_warning counts).
TIE = 1e-12

# Bounds on the tests' work (each costs resamples x inputs draws): far above any real need.
MAX_RESAMPLES = 1_000_000
MAX_TRIALS = 1_000_000


def check_test_settings(resamples: int, trials: int, significance_seed: int,
                        confidence: float = 95.0) -> tuple[int, int, int]:
    """A one-line :class:`OptionError` for settings the paired tests cannot run with (a seed
    outside 0..2**32-1, resamples or trials out of 1..1,000,000, a confidence outside
    (1, 100]) or cannot answer with: resamples too few for the interval, trials too few
    for a randomisation p below ``1 - confidence / 100`` (19 trials never give p < .05:
    a test that cannot find a difference is refused, as the bootstrap's is, not run and
    read as "no difference"); cheap, so callers check before any scoring. Returns
    resamples, trials and the seed as ints (NumPy's are accepted: the result is JSON)."""
    seed = check_seed(significance_seed, "significance_seed")
    counts = []
    for name, value, top in (("resamples", resamples, MAX_RESAMPLES), ("trials", trials, MAX_TRIALS)):
        number = integer(value)
        if number is None or not 0 < number <= top:
            raise OptionError(
                f"{option_label(name)} must be an integer from 1 to {top:,}, not "
                f"{value_repr(value)}"
            )
        counts.append(number)
    resamples, trials = counts
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float, np.integer,
                                                                   np.floating)):
        raise OptionError(f"confidence is a percentage in (1, 100], not {value_repr(confidence)}")
    if not 1.0 < confidence <= 100.0:
        raise OptionError(f"confidence is a percentage in (1, 100], not {confidence:g}")
    if tail_rank(resamples, confidence) == 0:  # no resample beyond the interval's tails
        fewest = _fewest_resamples(confidence)
        need = (f"at least {fewest:,} resamples" if fewest <= MAX_RESAMPLES
                else "a lower confidence")
        raise OptionError(f"{resamples:,} bootstrap resamples are too few for a "
                          f"{confidence:g}% interval of the paired tests: it needs {need}")
    if not _randomization_p(0, trials) < _alpha(confidence):  # its smallest p
        fewest = _fewest_trials(confidence)
        need = f"at least {fewest:,}" if fewest <= MAX_TRIALS else "a lower confidence"
        raise OptionError(
            f"{option_label('trials')} {trials:,} is too few for an approximate "
            f"randomisation test at {_alpha(confidence):g}: its p is never below "
            f"1 / (trials + 1), {_randomization_p(0, trials):.3g} here; it needs {need}")
    return resamples, trials, seed


def _fewest_trials(confidence: float) -> int:
    """The fewest approximate randomisation trials whose smallest p, ``1 / (trials + 1)``
    (:func:`approximate_randomization`: no trial as extreme as the observed difference),
    is below ``alpha = 1 - confidence / 100``: 20 at 95%, 100 at 99%. A confidence with
    none up to MAX_TRIALS gives MAX_TRIALS + 1."""
    alpha = _alpha(confidence)
    if not _randomization_p(0, MAX_TRIALS) < alpha:
        return MAX_TRIALS + 1
    trials = max(1, int(1.0 / alpha) - 2)  # within a step or two
    while not _randomization_p(0, trials) < alpha:
        trials += 1
    return trials


def _randomization_p(count: int, trials: int) -> float:
    # the one expression of the randomisation p for ``count`` trials at least as extreme,
    # shared with fewest_trials, so that "p can be below alpha" holds in floating point
    return (count + 1) / (trials + 1)


def _fewest_resamples(confidence: float) -> int:
    """The fewest resamples with a rank in each tail (:func:`tail_rank` >= 1), or more
    than MAX_RESAMPLES when there is none up to it (a confidence of 100 has none)."""
    alpha = _alpha(confidence)
    if alpha * (MAX_RESAMPLES + 1) <= 2.0:
        return MAX_RESAMPLES + 1
    r = max(1, int(2.0 / alpha) - 2)  # 2 / (R + 1) < alpha, within a step or two
    while tail_rank(r, confidence) == 0:
        r += 1
    return r


def _alpha(confidence: float) -> float:
    return (100.0 - confidence) / 100.0


def fewest_differences(confidence: float) -> int:
    """The fewest differences (not ties) with which a two-sided paired test at level
    ``alpha = 1 - confidence / 100`` can find anything: the smallest ``m`` with
    ``2 / 2**m < alpha`` (6 at 95%, 8 at 99%). With fewer, no pattern of signs is rarer
    than ``alpha`` under the null that each difference's sign is a coin toss, so a p
    below ``alpha`` is not evidence (see the module's notes)."""
    alpha = _alpha(confidence)
    if not alpha > 0.0:
        raise OptionError(f"no number of inputs is enough for a {confidence:g}% test")
    m = 1
    while not 2.0 / 2**m < alpha:
        m += 1
    return m


def small_sample_warning(diff: np.ndarray, confidence: float) -> str | None:
    """Why the paired tests of the differences ``diff`` cannot be read at ``confidence``%,
    or None: fewer differences beyond :data:`TIE` than :func:`fewest_differences` (none is
    no warning: the two systems score alike on every input)."""
    m = int(np.count_nonzero(np.abs(diff) > TIE))
    if m == 0 or m >= fewest_differences(confidence):
        return None
    return _too_few(len(diff), m, confidence)


def _too_few(n: int, m: int, confidence: float) -> str:
    # n inputs of which m differ (m <= n): with fewer than `need`, 2 / 2**m bounds an exact
    # randomisation p from below, above alpha, so p (AR) cannot mislead; the bootstrap's can
    inputs = counted(n, "input") if m == n else f"only {m} of {counted(n, 'input')}"
    return (f"{inputs} {'differs' if m == 1 else 'differ'}, fewer than the "
            f"{fewest_differences(confidence)} a test at {_alpha(confidence):g} needs: read "
            "p (AR), not p (bootstrap) or the interval")


def _rows_per_chunk(n: int) -> int:
    return max(1, _CHUNK // max(n, 1))


def bootstrap_differences(diff: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Means of ``diff`` over ``resamples`` bootstrap resamples (seeded)."""
    rng = np.random.default_rng(seed)
    n = len(diff)
    out = np.empty(resamples)
    step = _rows_per_chunk(n)
    for start in range(0, resamples, step):
        rows = min(step, resamples - start)
        idx = rng.integers(0, n, size=(rows, n))
        out[start : start + rows] = diff[idx].mean(axis=1)
    return out


def bootstrap_p(samples: np.ndarray) -> float:
    """Two-sided p-value of a difference of 0 from its ``R`` resampled values: twice the
    smaller share of them on one side of 0 (0 itself on both), as ``(count + 1) / (R + 1)``,
    at most 1. It inverts :func:`percentile_interval` (see there)."""
    resamples = len(samples)
    count = min(int(np.count_nonzero(samples <= 0)), int(np.count_nonzero(samples >= 0)))
    return min(1.0, _tail_p(count + 1, resamples))


def _tail_p(count: int, resamples: int) -> float:
    # the one expression of p for a tail count, shared by bootstrap_p and tail_rank, so
    # that their agreement holds in floating point and not only on paper
    return 2 * count / (resamples + 1)


def tail_rank(resamples: int, confidence: float) -> int:
    """``k``, the rank from each end of the resamples that bounds the percentile interval:
    the largest ``k`` with ``2k / (R + 1) < (100 - confidence) / 100``, 0 when the
    resamples are too few for that interval."""
    alpha = _alpha(confidence)
    k = min(resamples, max(0, int(alpha * (resamples + 1) / 2)))
    while k < resamples and _tail_p(k + 1, resamples) < alpha:
        k += 1
    while k > 0 and not _tail_p(k, resamples) < alpha:
        k -= 1
    return k


def percentile_interval(samples: np.ndarray, confidence: float) -> tuple[float, float]:
    """The ``confidence``% percentile interval of the resampled differences: the k-th
    smallest and the k-th largest, ``k = tail_rank(R, confidence)`` (the ``(R + 1)``
    rule of Davison and Hinkley 1997; no interpolation between resamples).

    The guarantee, exact for the same resamples (ties at 0 and floating point
    included): ``bootstrap_p(samples) < (100 - confidence) / 100`` exactly when
    ``low > 0`` or ``high < 0``. The low end is above 0 when fewer than ``k``
    resamples are ``<= 0``, that is when ``2 * (#(s <= 0) + 1) / (R + 1) < alpha``;
    the high end likewise with ``>= 0``. An endpoint equal to 0 is inside the closed
    interval, and a resample equal to 0 counts in both tails, so both sides see it
    alike. Between resamples, an interpolated endpoint's sign follows their values,
    not their count, and no count-based p-value could agree with it. ``k >= 1`` is
    needed (:func:`check_test_settings` refuses fewer resamples).
    """
    k = tail_rank(len(samples), confidence)
    if k == 0:
        raise OptionError(f"{len(samples)} bootstrap resamples are too few for a "
                          f"{confidence:g}% interval")
    ordered = np.sort(samples)
    return float(ordered[k - 1]), float(ordered[len(ordered) - k])


def paired_bootstrap(
    a: Scores, b: Scores, resamples: int = RESAMPLES, seed: int = SIGNIFICANCE_SEED
) -> tuple[float, np.ndarray]:
    """Two-sided p-value of ``mean(b) - mean(a) != 0`` (:func:`bootstrap_p`) and the
    resampled differences."""
    samples = bootstrap_differences(_differences(a, b), resamples, seed)
    return bootstrap_p(samples), samples


def approximate_randomization(
    a: Scores, b: Scores, trials: int = TRIALS, seed: int = SIGNIFICANCE_SEED
) -> float:
    """Two-sided p-value of ``mean(b) - mean(a) != 0`` by random swaps per input: in each
    trial, input ``i`` swaps its pair (``-d_i``) when the top bit of its 32-bit draw is 0."""
    diff = _differences(a, b)
    n = len(diff)
    rng = np.random.default_rng(seed)
    observed = abs(diff.mean())
    count = 0
    step = _rows_per_chunk(n)
    # The top bit of a 32-bit draw is what integers(0, 2) gives for that draw (NumPy's
    # Lemire method), so the p-values are those of the signs drawn as 0/1 integers and
    # multiplied in; setting the sign in the floats' bits instead takes half the time
    # (the sign flip is exactly what multiplying by -1 does).
    swapped = (-diff).view(np.uint64)
    shuffled = np.empty((min(step, trials), n), dtype=np.uint64)
    for start in range(0, trials, step):
        rows = min(step, trials - start)
        draws = rng.integers(0, 1 << 32, size=(rows, n), dtype=np.uint32)
        np.bitwise_and(draws, np.uint32(1 << 31), out=draws)
        bits = shuffled[:rows]
        np.left_shift(draws, np.uint64(32), out=bits)  # the top bit, as a float64's sign bit
        np.bitwise_xor(bits, swapped, out=bits)  # -d_i, turned back to d_i where the bit is 1
        means = np.abs(bits.view(np.float64).mean(axis=1))
        count += int(np.count_nonzero(means >= observed - 1e-15))
    return _randomization_p(count, trials)


def _differences(a: Scores, b: Scores) -> np.ndarray:
    try:  # a text, a set, a list of lists: NumPy's ValueError or TypeError, not the caller's
        a_arr, b_arr = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    except (ValueError, TypeError):
        raise InputError("paired tests take two lists of numbers, the per-summary scores of "
                         f"each system, not {type(a).__name__} and {type(b).__name__}") from None
    if a_arr.shape != b_arr.shape or a_arr.ndim != 1:
        raise InputError(
            f"paired tests need the same inputs for both systems: {a_arr.size} vs {b_arr.size} scores"
        )
    if a_arr.size == 0:
        raise InputError("paired tests need at least one scored summary")
    if not (np.isfinite(a_arr).all() and np.isfinite(b_arr).all()):
        raise InputError("paired tests need finite scores (a score is NaN or infinite)")
    diff = b_arr - a_arr
    # float noise (0.3 against 0.1 + 0.2) is a tie, as W/L/T and the warning count it: the
    # bootstrap read 40 such ties as a difference, p .002
    diff[np.abs(diff) <= TIE] = 0.0
    return diff


def paired_test(
    a: Scores,
    b: Scores,
    *,
    metric: str = "",
    measure: str = "fmeasure",
    resamples: int = RESAMPLES,
    trials: int = TRIALS,
    confidence: float = 95.0,
    significance_seed: int = SIGNIFICANCE_SEED,
) -> PairedResult:
    """Both tests on per-summary scores ``a`` and ``b`` of the same inputs; ``confidence``
    is the interval level in percent, as everywhere in ``summarizer.metrics``. Too few
    differing inputs for that level fill the result's ``warning``
    (:func:`small_sample_warning`); nothing is printed: :func:`warn_small_samples` says it
    once for many results."""
    resamples, trials, significance_seed = check_test_settings(
        resamples, trials, significance_seed, confidence)
    diff = _differences(a, b)
    p_boot, samples = paired_bootstrap(a, b, resamples, significance_seed)
    p_ar = approximate_randomization(a, b, trials, significance_seed)
    low, high = percentile_interval(samples, confidence)
    return PairedResult(
        metric=metric,
        measure=measure,
        mean_a=float(np.mean(a)),
        mean_b=float(np.mean(b)),
        difference=float(diff.mean()),
        ci_low=low,
        ci_high=high,
        p_bootstrap=p_boot,
        p_randomization=p_ar,
        n=len(diff),
        resamples=resamples,
        trials=trials,
        confidence=confidence,
        significance_seed=significance_seed,
        warning=small_sample_warning(diff, confidence),
    )


def small_sample_summary(results: Sequence[PairedResult]) -> str | None:
    """One line for the results that carry a warning (all of one confidence), or None:
    their warning where they share one, else what their number of inputs says where
    that is too few for all of them, else how many they are."""
    warned = [r for r in results if r.warning is not None]
    if not warned:
        return None
    if len({r.warning for r in warned}) == 1:
        return f"paired tests: {warned[0].warning}"
    n, confidence = warned[0].n, warned[0].confidence
    need = fewest_differences(confidence)
    if all(r.n == n for r in warned) and n < need:  # how many differ varies between them
        return (f"paired tests: {counted(n, 'input')} in all, fewer than the {need} that "
                f"must differ for a test at {_alpha(confidence):g}: read p (AR), not "
                "p (bootstrap) or the interval")
    return (f"paired tests: {len(warned)} of {len(results)} have fewer inputs that differ "
            f"than the {need} a test at {_alpha(confidence):g} needs: read their p (AR), not "
            "p (bootstrap) or the interval")


def warn_small_samples(results: Sequence[PairedResult], what: str | None = None) -> None:
    """:func:`small_sample_summary` as one Python warning (the CLI prints it as a line),
    after ``what`` was compared ("a vs b: "): Python shows a warning of the same text and
    line once, so a second comparison's went unsaid where it named nothing of its own."""
    line = small_sample_summary(results)
    if line is not None:
        warn(line if what is None else f"{what}: {line}")


def scoring_parts(signature: str) -> list[str]:
    """A ROUGE signature's parts, its metrics as a set: ``R2,R1`` and ``R1,R2`` give the
    same numbers, and reports so scored were refused as scored with different settings."""
    return [",".join(sorted(part.removeprefix("metrics:").split(",")))
            if part.startswith("metrics:") else part for part in signature.split("|")]


def compare_reports(
    a: RougeReport,
    b: RougeReport,
    *,
    measures: Sequence[str] = ("fmeasure",),
    resamples: int = RESAMPLES,
    trials: int = TRIALS,
    confidence: float = 95.0,
    significance_seed: int = SIGNIFICANCE_SEED,
) -> list[PairedResult]:
    """Paired tests of system B against system A, per metric and measure.

    Both reports must come from the same settings (equal signatures) and
    score the same summaries (equal ids, in the same order). Too few differing inputs
    are one warning (:func:`warn_small_samples`).
    """
    for name, report in (("a", a), ("b", b)):  # a path or dict: "has no attribute 'signature'"
        if not isinstance(report, RougeReport):
            raise InputError(f"compare_reports takes two RougeReports (score_corpus's), and {name} "
                             f"is {type(report).__name__} {value_repr(report)}")
    # "fmeasure" alone: its letters were names; None gave no test and [] none, unsaid
    measures = listed(measures, "measures") or (["fmeasure"] if measures is None else [])
    if not measures:
        raise OptionError(f"measures names no measure ({value_repr(measures)}); give some of "
                          f"{', '.join(MEASURES)}, or leave it out for fmeasure")
    resamples, trials, significance_seed = check_test_settings(
        resamples, trials, significance_seed, confidence)
    if scoring_parts(a.signature) != scoring_parts(b.signature):
        raise InputError(
            f"the two reports were scored with different settings:\n  {a.signature}\n  {b.signature}"
        )
    if list(a.ids) != list(b.ids):
        raise InputError("the two reports do not score the same inputs (their summary ids differ)")
    bad = [m for m in measures if m not in MEASURES]
    if bad:
        raise OptionError(f"unknown measure {value_repr(bad[0])}; choose from "
                          f"{', '.join(MEASURES)}")
    results = [
        paired_test(
            a.column(metric, measure), b.column(metric, measure), metric=metric, measure=measure,
            resamples=resamples, trials=trials, confidence=confidence,
            significance_seed=significance_seed,
        )
        for metric in a.metrics
        for measure in measures
    ]
    warn_small_samples(results)
    return results


def format_comparison(results: Sequence[PairedResult], name_a: str = "A", name_b: str = "B") -> str:
    """A plain-text table of :func:`compare_reports` results, headed by the tests' settings
    (one call's results share them): without its seed, resamples and trials a table could
    not be reproduced."""
    first = results[0] if results else None
    lines = [
        f"B = {name_b} against A = {name_a}: difference of means (B - A) with "
        f"{first.confidence:g}% bootstrap percentile interval; two-sided p-values "
        f"(bootstrap: the interval inverted; {first.resamples:,} resamples, approximate "
        f"randomisation {first.trials:,} trials, seed {first.significance_seed})"
        if first
        else "no results",
        f"{'metric':<12} {'measure':<9} {'A':>8} {'B':>8} {'B-A':>9}  {'interval':<21} {'p(boot)':>8} {'p(AR)':>8}",
    ]
    for r in results:
        lines.append(
            f"{r.metric:<12} {r.measure:<9} {r.mean_a:8.5f} {r.mean_b:8.5f} {r.difference:+9.5f}  "
            f"[{r.ci_low:+.5f}, {r.ci_high:+.5f}] {r.p_bootstrap:8.4f} {r.p_randomization:8.4f}"
        )
    return "\n".join(lines)
