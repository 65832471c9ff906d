"""Paired significance tests between two systems scored on the same inputs.

ROUGE of a system is a mean of per-summary scores, so both tests work on the
per-summary differences ``d_i = b_i - a_i`` (system B minus system A):

- paired bootstrap resampling (Koehn 2004, as sacreBLEU does it): resample
  the inputs with replacement; the spread of the resampled mean differences
  gives the confidence interval, and the p-value is the share of resampled
  differences, centred on their mean (the null hypothesis), at least as far
  from 0 as the observed difference;
- approximate randomisation (Riezler and Maxwell 2005; Clark et al. 2011):
  swap the two systems' outputs per input with probability 1/2; the p-value
  is the share of shuffles whose mean difference is at least as large, in
  absolute value, as the observed one.

Both p-values are two-sided and use the ``(count + 1) / (trials + 1)``
estimate, so they are never 0. Seeded with NumPy's PCG64: reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from summarizer.errors import InputError, OptionError
from summarizer.metrics.measures import MEASURES
from summarizer.metrics.report import RougeReport

Scores = Sequence[float] | np.ndarray  # per-summary scores; a report's column() is an array

_CHUNK = 1 << 22  # random numbers drawn at once (bounded memory for large corpora)


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

    def to_dict(self) -> dict:
        return asdict(self)


# Bounds on the tests' work (each costs resamples x inputs draws): far above any real need.
MAX_RESAMPLES = 1_000_000
MAX_TRIALS = 1_000_000


def check_test_settings(resamples: int, trials: int, significance_seed: int,
                        confidence: float = 95.0) -> None:
    """A one-line :class:`OptionError` for settings the paired tests cannot run with (a seed
    outside 0..2**32-1, resamples or trials out of 1..1,000,000, a confidence outside
    (1, 100]); cheap, so callers check before any scoring."""
    seed = significance_seed
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise OptionError(f"significance_seed must be an integer from 0 to {2**32 - 1}, "
                         f"got {seed!r}")
    for name, value, top in (("resamples", resamples, MAX_RESAMPLES), ("trials", trials, MAX_TRIALS)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= top:
            raise OptionError(f"{name} must be an integer from 1 to {top:,}, not {value!r}")
    if not 1.0 < confidence <= 100.0:
        raise OptionError(f"confidence is a percentage in (1, 100], not {confidence:g}")


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


def paired_bootstrap(
    a: Scores, b: Scores, resamples: int = 1000, seed: int = 12345
) -> tuple[float, np.ndarray]:
    """Two-sided p-value of ``mean(b) - mean(a) != 0`` and the resampled differences."""
    diff = _differences(a, b)
    samples = bootstrap_differences(diff, resamples, seed)
    observed = abs(diff.mean())
    centred = np.abs(samples - samples.mean())
    count = int(np.count_nonzero(centred >= observed - 1e-15))
    return (count + 1) / (resamples + 1), samples


def approximate_randomization(
    a: Scores, b: Scores, trials: int = 10000, seed: int = 12345
) -> float:
    """Two-sided p-value of ``mean(b) - mean(a) != 0`` by random swaps per input."""
    diff = _differences(a, b)
    n = len(diff)
    rng = np.random.default_rng(seed)
    observed = abs(diff.mean())
    count = 0
    step = _rows_per_chunk(n)
    for start in range(0, trials, step):
        rows = min(step, trials - start)
        signs = rng.integers(0, 2, size=(rows, n)) * 2 - 1  # -1 swaps the pair
        shuffled = np.abs((signs * diff).mean(axis=1))
        count += int(np.count_nonzero(shuffled >= observed - 1e-15))
    return (count + 1) / (trials + 1)


def _differences(a: Scores, b: Scores) -> np.ndarray:
    a_arr, b_arr = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a_arr.shape != b_arr.shape or a_arr.ndim != 1:
        raise InputError(
            f"paired tests need the same inputs for both systems: {a_arr.size} vs {b_arr.size} scores"
        )
    if a_arr.size == 0:
        raise InputError("paired tests need at least one scored summary")
    return b_arr - a_arr


def paired_test(
    a: Scores,
    b: Scores,
    *,
    metric: str = "",
    measure: str = "fmeasure",
    resamples: int = 1000,
    trials: int = 10000,
    confidence: float = 95.0,
    significance_seed: int = 12345,
) -> PairedResult:
    """Both tests on per-summary scores ``a`` and ``b`` of the same inputs; ``confidence``
    is the interval level in percent, as everywhere in ``summarizer.metrics``."""
    check_test_settings(resamples, trials, significance_seed, confidence)
    diff = _differences(a, b)
    p_boot, samples = paired_bootstrap(a, b, resamples, significance_seed)
    p_ar = approximate_randomization(a, b, trials, significance_seed)
    tail = (1 - confidence / 100.0) / 2
    low, high = np.quantile(samples, [tail, 1 - tail])
    return PairedResult(
        metric=metric,
        measure=measure,
        mean_a=float(np.mean(a)),
        mean_b=float(np.mean(b)),
        difference=float(diff.mean()),
        ci_low=float(low),
        ci_high=float(high),
        p_bootstrap=p_boot,
        p_randomization=p_ar,
        n=len(diff),
        resamples=resamples,
        trials=trials,
        confidence=confidence,
        significance_seed=significance_seed,
    )


def compare_reports(
    a: RougeReport,
    b: RougeReport,
    *,
    measures: Sequence[str] = ("fmeasure",),
    resamples: int = 1000,
    trials: int = 10000,
    confidence: float = 95.0,
    significance_seed: int = 12345,
) -> list[PairedResult]:
    """Paired tests of system B against system A, per metric and measure.

    Both reports must come from the same settings (equal signatures) and
    score the same summaries (equal ids, in the same order).
    """
    check_test_settings(resamples, trials, significance_seed, confidence)
    if a.signature != b.signature:
        raise InputError(
            f"the two reports were scored with different settings:\n  {a.signature}\n  {b.signature}"
        )
    if list(a.ids) != list(b.ids):
        raise InputError("the two reports do not score the same inputs (their summary ids differ)")
    bad = [m for m in measures if m not in MEASURES]
    if bad:
        raise OptionError(f"unknown measure {bad[0]!r}; choose from {', '.join(MEASURES)}")
    return [
        paired_test(
            a.column(metric, measure), b.column(metric, measure), metric=metric, measure=measure,
            resamples=resamples, trials=trials, confidence=confidence,
            significance_seed=significance_seed,
        )
        for metric in a.metrics
        for measure in measures
    ]


def format_comparison(results: Sequence[PairedResult], name_a: str = "A", name_b: str = "B") -> str:
    """A plain-text table of :func:`compare_reports` results."""
    lines = [
        f"B = {name_b} against A = {name_a}: difference of means (B - A) with "
        f"{results[0].confidence:g}% bootstrap interval; two-sided p-values"
        if results
        else "no results",
        f"{'metric':<12} {'measure':<9} {'A':>8} {'B':>8} {'B-A':>9}  {'interval':<21} {'p(boot)':>8} {'p(AR)':>8}",
    ]
    for r in results:
        lines.append(
            f"{r.metric:<12} {r.measure:<9} {r.mean_a:8.5f} {r.mean_b:8.5f} {r.difference:+9.5f}  "
            f"[{r.ci_low:+.5f}, {r.ci_high:+.5f}] {r.p_bootstrap:8.4f} {r.p_randomization:8.4f}"
        )
    return "\n".join(lines)
