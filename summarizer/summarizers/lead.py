"""Lead baseline: the first sentences of the newest document, or of every document in turn."""

from __future__ import annotations

from typing import Any

import numpy as np

from summarizer.errors import OptionError, value_repr
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
            raise OptionError(f"unknown lead mode {value_repr(mode)}; use 'round_robin' or "
                              "'newest'")
        super().__init__(**options)
        self.mode = mode

    def method_settings(self) -> dict[str, Any]:
        return {"mode": self.mode}

    @staticmethod
    def _rank_in_doc(docs: np.ndarray) -> np.ndarray:
        """Each sentence's rank among its document's sentences in the pool (the pool is
        in coherent order), as an array: lists of ranks and scores held a Python object
        per sentence, tens of MB on a 50 MB text."""
        by_doc = np.argsort(docs, kind="stable")  # pool order within each document
        counts = np.bincount(docs)
        starts = np.repeat(np.cumsum(counts) - counts, counts)  # its document's first, in by_doc
        ranks = np.empty(len(docs), dtype=np.intp)
        ranks[by_doc] = np.arange(len(docs)) - starts
        return ranks

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        docs = pool.doc_indices()
        ranks = self._rank_in_doc(docs)
        n_docs = max(pool.doc_order) + 1 if pool.doc_order else 1
        if self.mode == "newest":
            # the newest document of those with sentences (the later one of a tie); the
            # newest order once, not again for every sentence (quadratic: 16,000
            # sentences took 7 s, 50 MB of text hours)
            top = max(pool.doc_order[s.doc_index] for s in pool.sentences)
            newest = max(s.doc_index for s in pool.sentences if pool.doc_order[s.doc_index] == top)
            return np.where(docs == newest, -ranks, -1e9).astype(float)
        return (-(ranks * n_docs + pool.doc_ranks(docs))).astype(float)

    def select(
        self, pool: Pool, kind: str, budget: Budget
    ) -> tuple[list[int], int | None, np.ndarray]:
        scores = self.scores(pool, kind)
        ranked = np.argsort(-scores, kind="stable")
        ranked = ranked[scores[ranked] > -1e9]
        chosen, cut = fill(map(int, ranked), pool, budget, self.redundancy(pool, kind))
        return chosen, cut, scores
