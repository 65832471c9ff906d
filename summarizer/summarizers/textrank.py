"""TextRank (Mihalcea & Tarau 2004) for sentences: word-overlap graph + PageRank."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np

from summarizer.errors import InputError
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.extractive import ExtractiveSummarizer
from summarizer.summarizers.graph import pagerank


def overlap_similarity(a: set[str], b: set[str], len_a: int, len_b: int) -> float:
    """|a & b| / (log len_a + log len_b), TextRank's length-normalised overlap."""
    if len_a < 2 or len_b < 2:
        return 0.0
    return len(a & b) / (math.log(len_a) + math.log(len_b))


class TextRankSummarizer(ExtractiveSummarizer):
    """Edges weighted by the overlap of content words (function words left
    out), scored by weighted PageRank with ``damping``. Lexical only, so the
    same in every language."""

    name = "textrank"
    default_representation = "tfidf"

    def __init__(self, damping: float = 0.85, **options: Any) -> None:
        super().__init__(**options)
        if not 0.0 <= damping < 1.0:  # PageRank's walk only converges for damping below 1
            raise InputError(f"damping must be in [0, 1), got {damping}")
        self.damping = damping

    def method_settings(self) -> dict[str, Any]:
        return {"damping": self.damping, "similarity": "word overlap / (log|Si| + log|Sj|)"}

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        words = [set(t) - pool.stopwords for t in pool.tokens]
        lengths = np.array([len(t) for t in pool.tokens], dtype=float)
        n = len(pool)
        # |Si & Sj| for every pair as one product of 0/1 incidence matrices, over
        # the words that occur in two sentences or more (the others overlap nothing)
        counts: Counter = Counter(w for ws in words for w in ws)
        vocab = {w: k for k, w in enumerate(w for w, c in counts.items() if c > 1)}
        incidence = np.zeros((n, max(len(vocab), 1)), dtype=np.float32)
        for i, ws in enumerate(words):
            incidence[i, [vocab[w] for w in ws if w in vocab]] = 1.0
        overlap = incidence @ incidence.T
        logs = np.log(np.maximum(lengths, 1.0))
        denom = logs[:, None] + logs[None, :]
        short = lengths < 2  # log 1 = 0: no edge, as overlap_similarity says
        w = np.where(denom > 0, overlap / np.where(denom > 0, denom, 1.0), 0.0)
        w[short, :] = 0.0
        w[:, short] = 0.0
        np.fill_diagonal(w, 0.0)
        return pagerank(w, self.damping)
