"""TextRank (Mihalcea & Tarau 2004) for sentences: word-overlap graph + PageRank."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np

from summarizer.errors import OptionError
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.extractive import ExtractiveSummarizer
from summarizer.summarizers.graph import pagerank

# Sentences x shared words up to this many cells (16 MB of float32) are multiplied dense:
# importing scipy.sparse costs 0.1-0.3 s of a short run's start.
_DENSE_CELLS = 4_000_000


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
            raise OptionError(f"damping must be in [0, 1), got {damping}")
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
        cols = [[vocab[w] for w in ws if w in vocab] for ws in words]
        shape = (n, max(len(vocab), 1))
        if shape[0] * shape[1] <= _DENSE_CELLS:  # a news cluster: no scipy to import
            incidence = np.zeros(shape, dtype=np.float32)
            for i, c in enumerate(cols):
                incidence[i, c] = 1.0
        else:
            # sparse: the dense matrix was 2 GB at 10,000 sentences; the counts of shared
            # words are whole numbers, the same however the product adds them
            from scipy.sparse import csr_matrix

            rows = np.repeat(np.arange(n), [len(c) for c in cols])
            incidence = csr_matrix((np.ones(len(rows), dtype=np.float32),
                                    (rows, np.fromiter((k for c in cols for k in c),
                                                       dtype=np.int64, count=len(rows)))),
                                   shape=shape)
        overlap = incidence @ incidence.T
        if not isinstance(overlap, np.ndarray):
            overlap = overlap.toarray()  # (the sparse product is let go first)
        w = overlap.astype(float)
        del overlap
        logs = np.log(np.maximum(lengths, 1.0))
        for a in range(0, n, 256):  # w / (log|Si| + log|Sj|) in place, a block of rows at once
            denom = logs[a:a + 256, None] + logs[None, :]
            block = w[a:a + 256]
            np.divide(block, denom, out=block, where=denom > 0)
            block[~(denom > 0)] = 0.0
        short = lengths < 2  # log 1 = 0: no edge, as overlap_similarity says
        w[short, :] = 0.0
        w[:, short] = 0.0
        np.fill_diagonal(w, 0.0)
        return pagerank(w, self.damping, overwrite=True)
