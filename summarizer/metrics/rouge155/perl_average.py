"""ROUGE-1.5.5's ``-a`` system averages and confidence intervals, reproduced exactly.

What the Perl prints as ``Average_R/P/F`` is NOT the plain mean of the
per-summary scores: ``computeAverages`` draws ``-r`` bootstrap samples and
prints the mean of the sample means (both rounded to 5 decimals), with the CI
interpolated from the sorted sample means. Sample ``i`` is drawn after
``srand(i)`` with Perl's ``int(rand(N))``; since Perl 5.20 ``rand`` is Perl's
own drand48 (48-bit LCG, a = 0x5DEECE66D, c = 0xB, seed s -> (s << 16) + 0x330E),
so the draws can be replayed. The instances are taken in Perl's string order
of their ``"evalID.peerID"`` keys (``sort keys``), which is why
:func:`perl_average` wants those IDs.

This reproduces the published TAC 2011 MultiLing averages and intervals digit
for digit from the published per-summary scores (see the tests). The plain
mean differs in the 4th decimal (e.g. 0.40560 vs the printed 0.40524).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

_A = 0x5DEECE66D
_C = 0xB
_MASK = (1 << 48) - 1


@dataclass(frozen=True)
class PerlAverage:
    """One ``Average_X: avg (CF%-conf.int. low - high)`` line of ROUGE-1.5.5."""

    average: float
    ci_low: float
    ci_high: float


def _r5(x: float) -> float:
    return float(f"{x:7.5f}")


def _jump_table(block: int) -> tuple[np.ndarray, np.ndarray]:
    """(a^k, c_k) mod 2^48 for k = 1..block, so x_{t+k} = a^k x_t + c_k."""
    mult = np.empty(block, dtype=np.uint64)
    add = np.empty(block, dtype=np.uint64)
    a, c = 1, 0
    for k in range(block):
        a, c = (a * _A) & _MASK, (c * _A + _C) & _MASK
        mult[k] = a
        add[k] = c
    return mult, add


def bootstrap_means(values: np.ndarray, samples: int = 1000, block: int = 256) -> np.ndarray:
    """Means of ``samples`` Perl-seeded bootstrap samples of each column of ``values``.

    ``values`` has shape (N, K) (N instances in the Perl's order, K score
    columns); the result has shape (samples, K). Sums are accumulated in the
    Perl's order so the floating-point result is the same.
    """
    values = np.asarray(values, dtype=np.float64)
    n, k = values.shape
    out = np.zeros((samples, k))
    if n == 0:
        return out
    state = (np.arange(samples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    mult_all, add_all = _jump_table(block)
    mask = np.uint64(_MASK)
    scale = 2.0**-48
    acc = None
    done = 0
    with np.errstate(over="ignore"):
        while done < n:
            step = min(block, n - done)
            mult, add = mult_all[:step], add_all[:step]
            # x_{t+k} for every seed (rows) and k (columns); uint64 wraps mod 2^64,
            # the low 48 bits are the LCG's.
            x = (state[:, None] * mult[None, :] + add[None, :]) & mask
            idx = (x.astype(np.float64) * scale * n).astype(np.int64)
            drawn = values[idx]  # (samples, step, k)
            if acc is None:
                acc = drawn[:, 0, :].copy()
                rest = drawn[:, 1:, :]
            else:
                rest = drawn
            # left-to-right sums, as the Perl's loop adds one draw at a time
            for j in range(rest.shape[1]):
                acc += rest[:, j, :]
            state = x[:, -1]
            done += step
    out[:] = acc / n
    return out


def perl_sort_keys(ids: Sequence[str]) -> list[int]:
    """Positions of ``ids`` in Perl's default (string) sort order."""
    return sorted(range(len(ids)), key=lambda i: ids[i].encode("utf-8"))


def perl_average(
    scores: Mapping[str, Sequence[float]] | Sequence[Sequence[float]],
    eval_ids: Sequence[str] | None = None,
    samples: int = 1000,
    confidence: float = 95.0,
) -> list[PerlAverage]:
    """ROUGE-1.5.5's ``-a`` averages for K score columns (e.g. R, P, F).

    ``scores``: per-summary rows ``[R, P, F]`` (5-decimal numbers as the Perl
    keeps them), either a mapping from the Perl's test ID (``"7.ID2"``:
    ``"<evalID>.<peerID>"``) or a list with ``eval_ids`` alongside. Instances
    are ordered the Perl's way (string sort of the IDs) before resampling.
    Returns one :class:`PerlAverage` per column.
    """
    if isinstance(scores, Mapping):
        ids = list(scores)
        rows = [list(scores[i]) for i in ids]
    else:
        rows = [list(r) for r in scores]
        ids = list(eval_ids) if eval_ids is not None else [str(i + 1) for i in range(len(rows))]
        if len(ids) != len(rows):
            raise ValueError("eval_ids and scores differ in length")
    if not rows:
        return []
    order = perl_sort_keys(ids)
    values = np.array([rows[i] for i in order], dtype=np.float64)
    means = np.sort(bootstrap_means(values, samples), axis=0)
    delta = samples * ((100 - confidence) / 2.0) / 100.0
    ci_ua = int(samples - delta - 1)
    ci_la = int(delta)
    ratio = samples - delta - 1 - ci_ua
    out = []
    for col in range(values.shape[1]):
        m = means[:, col]
        total = 0.0
        for v in m:  # the Perl's sequential sum over the sorted means
            total += v
        low = m[ci_la] + (m[min(ci_la + 1, samples - 1)] - m[ci_la]) * ratio
        high = m[ci_ua] + (m[min(ci_ua + 1, samples - 1)] - m[ci_ua]) * ratio
        out.append(PerlAverage(_r5(total / samples), _r5(low), _r5(high)))
    return out
