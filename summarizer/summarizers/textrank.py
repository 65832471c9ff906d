"""TextRank (Mihalcea & Tarau 2004) for sentences: word-overlap graph + PageRank."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

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
        self.damping = damping

    def method_settings(self) -> dict[str, Any]:
        return {"damping": self.damping, "similarity": "word overlap / (log|Si| + log|Sj|)"}

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        words = [set(t) - pool.stopwords for t in pool.tokens]
        lengths = [len(t) for t in pool.tokens]
        n = len(pool)
        w = np.zeros((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                w[i, j] = w[j, i] = overlap_similarity(words[i], words[j], lengths[i], lengths[j])
        return pagerank(w, self.damping)
