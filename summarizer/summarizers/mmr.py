"""Maximal Marginal Relevance (Carbonell & Goldstein 1998) against the cluster centroid."""

from __future__ import annotations

from typing import Any

import numpy as np

from summarizer.errors import OptionError
from summarizer.summarizers.budget import Budget, Filler
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.extractive import ExtractiveSummarizer
from summarizer.summarizers.features import centroid_similarity


class MMRSummarizer(ExtractiveSummarizer):
    """Pick, one at a time, the sentence maximising
    ``lam * sim(s, centroid) - (1 - lam) * max_{t chosen} sim(s, t)``."""

    name = "mmr"

    def __init__(self, lam: float = 0.7, **options: Any) -> None:
        if not 0.0 <= lam <= 1.0:
            raise OptionError(f"lam (MMR's lambda) must be in [0, 1], got {lam}")
        super().__init__(**options)
        self.lam = lam

    def method_settings(self) -> dict[str, Any]:
        return {"lambda": self.lam}

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        return centroid_similarity(pool.vectors(kind, self.encoder))

    def select(
        self, pool: Pool, kind: str, budget: Budget
    ) -> tuple[list[int], int | None, np.ndarray]:
        relevance = self.scores(pool, kind)
        # its own matrix: read only here, so not kept in the pool's cache to the summary's end
        sim = pool.similarity(kind, self.encoder, keep=False)
        redundancy = self.redundancy(pool, kind)
        filler: Filler[int] = Filler(budget)
        open_ = np.ones(len(pool), dtype=bool)
        max_sim = np.zeros(len(pool))
        while open_.any() and not filler.done:
            value = np.where(open_, self.lam * relevance - (1 - self.lam) * max_sim, -np.inf)
            best = int(np.argmax(value))  # ties: the first in coherent (pool) order
            open_[best] = False
            if redundancy.duplicate(best, filler.taken):
                continue
            if filler.offer(best, pool.sentences[best].text):
                max_sim = np.maximum(max_sim, sim[best])
        return filler.taken, filler.cut, relevance
