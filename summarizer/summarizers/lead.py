"""Lead baseline: the first sentences of the newest document, or of every document in turn."""

from __future__ import annotations

from typing import Any

import numpy as np

from summarizer.errors import OptionError
from summarizer.summarizers.assemble import fill
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.extractive import ExtractiveSummarizer


class LeadSummarizer(ExtractiveSummarizer):
    """News lead baseline.

    ``mode="round_robin"`` (default) takes the first sentence of each
    document (oldest document first), then the second of each, and so on;
    ``mode="newest"`` takes the first sentences of the most recent document
    (the last one in input order when documents carry no dates).
    No encoder is needed: near-duplicates are caught lexically.
    """

    name = "lead"
    pairwise = False  # positions only; the redundancy rule is lexical and lazy
    default_representation = "tfidf"

    def __init__(self, mode: str = "round_robin", **options: Any) -> None:
        if mode not in ("round_robin", "newest"):
            raise OptionError(f"unknown lead mode {mode!r}; use 'round_robin' or 'newest'")
        super().__init__(**options)
        self.mode = mode

    def method_settings(self) -> dict[str, Any]:
        return {"mode": self.mode}

    def _rank_in_doc(self, pool: Pool) -> list[int]:
        seen: dict[int, int] = {}
        ranks = []
        for s in pool.sentences:  # pool is in coherent order already
            ranks.append(seen.get(s.doc_index, 0))
            seen[s.doc_index] = ranks[-1] + 1
        return ranks

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        ranks = self._rank_in_doc(pool)
        n_docs = max(pool.doc_order) + 1 if pool.doc_order else 1
        if self.mode == "newest":
            # the newest document of those with sentences (the later one of a tie); the
            # newest order once, not again for every sentence (quadratic: 16,000
            # sentences took 7 s, 50 MB of text hours)
            top = max(pool.doc_order[s.doc_index] for s in pool.sentences)
            newest = max(s.doc_index for s in pool.sentences if pool.doc_order[s.doc_index] == top)
            return np.array([(-r if s.doc_index == newest else -1e9)
                             for s, r in zip(pool.sentences, ranks, strict=False)], dtype=float)
        return np.array([-(r * n_docs + pool.doc_order[s.doc_index])
                         for s, r in zip(pool.sentences, ranks, strict=False)], dtype=float)

    def select(
        self, pool: Pool, kind: str, budget: Budget
    ) -> tuple[list[int], int | None, np.ndarray]:
        scores = self.scores(pool, kind)
        ranked = [i for i in np.argsort(-scores, kind="stable") if scores[i] > -1e9]
        chosen, cut = fill(ranked, pool, budget, self.redundancy(pool, "tfidf"))
        return chosen, cut, scores
