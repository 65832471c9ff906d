"""Aggregation of per-summary ROUGE scores: means and bootstrap intervals.

The bootstrap is the one of ROUGE-1.5.5 (``computeAverages`` and
``bootstrapResampling`` in ``ROUGE-1.5.5.pl``), reproduced bit for bit:
resample ``i`` re-seeds Perl's ``drand48`` generator with ``i`` (as
ROUGE-1.5.5 does; ``seed = 0``, the default) or, for another ``seed``, with
``(seed * 0x9E3779B1 + i) mod 2**32`` (seeds far apart, so that nearby user
seeds do not share resamples), draws ``n`` summaries with
replacement (``int(rand(n))``), sums their scores in draw order and divides
by ``n``. The sorted resample means give the interval by ROUGE-1.5.5's
interpolation rule, and their mean is what ROUGE-1.5.5 prints as
``Average_R/P/F``. Summaries enter in the order of their sorted ids, as the
Perl script sorts its eval ids as strings.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import reduce

import numpy as np

from summarizer.metrics.measures import MEASURES, rpf, rpf_dict


def sequential_sum(values: Iterable[float]) -> float:
    """The float sum left to right, as Perl's loop adds and Python's ``sum()`` added before
    3.12 (since then it compensates each addition's rounding): ROUGE-1.5.5's averages and
    ``compare``'s means differed in their last bits between Python versions."""
    return reduce(operator.add, values, 0.0)


_A = np.uint64(0x5DEECE66D)
_C = np.uint64(0xB)
_MASK = np.uint64((1 << 48) - 1)
# Resample means held at once, at most (resamples x columns): all columns together, rouge
# -r 1000000 -n 100 (303 columns) took arrays of 2.4 GB each. 32 MB: the default (1000
# resamples, 4 metrics' 12 columns) is one block; a block's draws are made again for the
# next (1,000,000 resamples of 12 columns: 3 blocks, 1.2 times the time of one)
_BOOTSTRAP_CELLS = 1 << 22


@dataclass(frozen=True)
class Interval:
    """One aggregated number: ``mean`` over summaries, the bootstrap interval
    ``[low, high]`` and ``average``, the mean of the resample means (the value
    ROUGE-1.5.5 prints as ``Average_X``; it differs from ``mean`` in the 4th
    or 5th decimal)."""

    mean: float
    low: float
    high: float
    average: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class AggregateScore:
    """Aggregated recall, precision and F-measure of one ROUGE metric."""

    recall: Interval
    precision: Interval
    fmeasure: Interval

    def to_dict(self, keys: tuple[str, str, str] = MEASURES) -> dict[str, dict[str, float]]:
        return rpf_dict((i.to_dict() for i in rpf(self)), keys)


def perl_order(ids: Sequence[str]) -> list[int]:
    """Positions of ``ids`` in Perl's ``sort`` order (string order of UTF-8 bytes)."""
    return sorted(range(len(ids)), key=lambda i: ids[i].encode("utf-8"))


def _resample_means(values: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Resample means, shape (resamples, k), exactly as ROUGE-1.5.5 computes them."""
    n, k = values.shape
    if n == 0:
        return np.zeros((resamples, k))
    base = (seed * 0x9E3779B1) % 2**32
    seeds = (np.arange(resamples, dtype=np.uint64) + np.uint64(base)) % np.uint64(2**32)
    state = (seeds << np.uint64(16)) + np.uint64(0x330E)  # srand48 / Perl's srand
    total = np.zeros((resamples, k))
    scale = float(n)
    for _ in range(n):
        state = (state * _A + _C) & _MASK  # wraps mod 2**64; only the low 48 bits matter
        idx = (state.astype(np.float64) * 2.0**-48 * scale).astype(np.int64)
        total += values[idx]  # summed in draw order, as the Perl script does
    return total / scale


def bootstrap(
    values: np.ndarray, resamples: int = 1000, confidence: float = 95.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ROUGE-1.5.5's bootstrap over rows of ``values`` (already in Perl order).

    ``confidence`` is a percentage, as ROUGE-1.5.5's ``-c``. Returns
    ``(average, low, high)``, each with one entry per column.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError("values must be a 2-D array (summaries x columns)")
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    k = values.shape[1]
    delta = resamples * ((100 - confidence) / 2.0) / 100.0
    ci_ua = int(resamples - delta - 1)
    ci_la = int(delta)
    ci_r = resamples - delta - 1 - ci_ua

    def at(col: list[float], i: int) -> float:
        return col[i] if 0 <= i < len(col) else 0.0  # Perl: undef is 0

    average, low, high = np.zeros(k), np.zeros(k), np.zeros(k)
    # a block of columns at a time (each column's means are its own: the same numbers)
    step = max(1, _BOOTSTRAP_CELLS // resamples)
    for start in range(0, k, step):
        block = np.ascontiguousarray(values[:, start:start + step])
        means = np.sort(_resample_means(block, resamples, seed), axis=0)
        for b in range(means.shape[1]):
            j = start + b
            col = means[:, b].tolist()
            average[j] = sequential_sum(col) / resamples  # of the sorted values, as Perl
            low[j] = at(col, ci_la) + (at(col, ci_la + 1) - at(col, ci_la)) * ci_r
            high[j] = at(col, ci_ua) + (at(col, ci_ua + 1) - at(col, ci_ua)) * ci_r
    return average, low, high


def aggregate(
    scores: np.ndarray,
    metrics: Sequence[str],
    ids: Sequence[str],
    resamples: int = 1000,
    confidence: float = 95.0,
    seed: int = 0,
) -> dict[str, AggregateScore]:
    """Aggregate per-summary scores of shape (n, len(metrics), 3) (R, P, F).

    ``ids`` fix the resampling order (Perl's sorted eval ids), so the same ids
    and seed give the same intervals as ROUGE-1.5.5.
    """
    scores = np.asarray(scores, dtype=np.float64).reshape(len(ids), len(metrics), 3)
    n = len(ids)
    ordered = scores[perl_order(ids)].reshape(n, len(metrics) * 3)
    average, low, high = bootstrap(ordered, resamples, confidence, seed)
    out = {}
    for m, name in enumerate(metrics):
        parts = []
        for j in range(3):
            c = m * 3 + j
            col = scores[:, m, j]
            mean = math.fsum(col.tolist()) / n if n else 0.0
            parts.append(Interval(mean, float(low[c]), float(high[c]), float(average[c])))
        out[name] = AggregateScore(*parts)
    return out
