"""Stationary distribution of a weighted sentence graph (PageRank by power iteration)."""

from __future__ import annotations

import numpy as np


def pagerank(weights: np.ndarray, damping: float = 0.85, tol: float = 1e-8,
             max_iter: int = 200, overwrite: bool = False) -> np.ndarray:
    """PageRank scores of a non-negative weight matrix (diagonal ignored).

    Rows with no edges jump uniformly, so the chain is always ergodic. ``overwrite``: a
    float64 ``weights`` the caller no longer needs becomes the transition matrix (no copy).
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    w = weights if overwrite and weights.dtype == float else np.array(weights, dtype=float)
    np.fill_diagonal(w, 0.0)
    sums = w.sum(axis=1, keepdims=True)
    # rows over their sums in place (np.where over w / sums held three n x n arrays at once:
    # 2.4 GB at 10,000 sentences); rows without edges jump uniformly
    trans = np.divide(w, sums, out=w, where=sums > 0)
    trans[~(sums[:, 0] > 0)] = 1.0 / n
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1.0 - damping) / n + damping * (trans.T @ p)
        if np.abs(nxt - p).sum() < tol:
            p = nxt
            break
        p = nxt
    return p / p.sum()
