"""Stationary distribution of a weighted sentence graph (PageRank by power iteration)."""

from __future__ import annotations

import numpy as np


def pagerank(weights: np.ndarray, damping: float = 0.85, tol: float = 1e-8,
             max_iter: int = 200) -> np.ndarray:
    """PageRank scores of a non-negative weight matrix (diagonal ignored).

    Rows with no edges jump uniformly, so the chain is always ergodic.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    w = np.array(weights, dtype=float)
    np.fill_diagonal(w, 0.0)
    sums = w.sum(axis=1, keepdims=True)
    trans = np.where(sums > 0, w / np.where(sums > 0, sums, 1.0), 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1.0 - damping) / n + damping * (trans.T @ p)
        if np.abs(nxt - p).sum() < tol:
            p = nxt
            break
        p = nxt
    return p / p.sum()
