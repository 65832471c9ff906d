"""LexRank (Erkan & Radev 2004): centrality in a sentence-similarity graph."""

from __future__ import annotations

from typing import Any

import numpy as np

from summarizer.errors import OptionError
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.extractive import ExtractiveSummarizer
from summarizer.summarizers.graph import pagerank


class LexRankSummarizer(ExtractiveSummarizer):
    """Continuous LexRank: cosine-weighted edges (TF-IDF by default, or
    embeddings), optionally dropping edges below ``threshold``, scored by
    power iteration with ``damping``."""

    name = "lexrank"
    default_representation = "tfidf"

    def __init__(self, threshold: float | None = None, damping: float = 0.85,
                 **options: Any) -> None:
        super().__init__(**options)
        if not 0.0 <= damping < 1.0:  # PageRank's walk only converges for damping below 1
            raise OptionError(f"damping must be in [0, 1), got {damping}")
        if threshold is not None and not -1.0 <= threshold <= 1.0:  # above 1 cuts every edge
            raise OptionError(f"threshold is a cosine similarity (-1 to 1), got {threshold}")
        self.threshold = threshold
        self.damping = damping

    def method_settings(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "damping": self.damping}

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        # its own matrix, read once: pagerank makes it the transition matrix when it is
        # float64 (it copies float32 to float64, as it did)
        sim = pool.similarity(kind, self.encoder, keep=False)
        if self.threshold is not None:
            sim[sim < self.threshold] = 0.0
        return pagerank(sim, self.damping, overwrite=True)
