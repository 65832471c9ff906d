"""Lin & Bilmes (2011), "A Class of Submodular Functions for Document Summarization".

The summary S of the cluster's candidate sentences V maximises

    F(S) = L1(S) + lambda * R1(S)

* coverage, ``L1(S) = sum_{i in V} min(C_i(S), alpha * C_i(V))`` with
  ``C_i(S) = sum_{j in S} w_ij``: how much of each sentence i the summary already
  says, saturated at ``alpha`` of what the whole cluster says of it, so that once
  i is well covered, more of the same earns nothing; ``alpha = a / N`` for N
  candidates;
* diversity, ``R1(S) = sum_k sqrt(sum_{j in P_k and S} r_j)`` over a k-means
  partition P of V into ``diversity_clusters * N`` parts, with ``r_j`` the mean
  similarity of j to V: the square root pays most for the first sentence taken
  from a part, so the summary draws from parts not yet used.

``w_ij`` is the cosine of the sentences' vectors: the project's TF-IDF vectors by
default, in every language, as in the paper. Both terms are monotone and
submodular, so the budgeted "modified greedy" of Lin & Bilmes (2010) applies:
take the sentence with the best gain per ``cost ** r`` (cost: its size in the
budget's unit), skip one that does not fit, and compare the result with the
best single sentence that fits; when that one alone scores more, the greedy
is run again starting from it (F only grows as sentences are added, so the
result scores at least as much as the single sentence and the budget is still
filled). The near-duplicate rule and the budget's filling rule (with
truncation, the best sentence that no longer fits whole is cut and ends the
summary) are the ones every extractive method shares.

Defaults are the paper's DUC 2004 settings: a=5, lambda=6, r=0.3, 0.2 N parts.
"""

from __future__ import annotations

import heapq
from typing import Any

import numpy as np

from summarizer.errors import OptionError
from summarizer.summarizers.budget import Budget, Filler, holds_chars
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.coverage import (
    DIVERSITY_CLUSTERS,
    KMEANS_SEED,
    PartReward,
    diversity_parts,
)
from summarizer.summarizers.extractive import ExtractiveSummarizer, check_weights


class SubmodularSummarizer(ExtractiveSummarizer):
    """Lin & Bilmes' (2011) coverage + diversity objective by the budgeted modified
    greedy (see the module docstring).

    Options: ``a`` (coverage saturates at ``alpha = a / N`` of each sentence's total
    similarity; above 0), ``lam`` (the diversity term's weight lambda, 0 = coverage
    alone), ``r`` (gains are divided by ``cost ** r`` when choosing; 0 to 10),
    ``diversity_clusters`` (k-means parts as a share of the candidates, in (0, 1]).
    Plus the shared options of :class:`ExtractiveSummarizer`; the representation is
    TF-IDF by default. Each summary records ``alpha``, ``diversity_parts`` and
    ``best_singleton`` (whether the greedy started from the best single sentence).
    """

    name = "submodular"
    default_representation = "tfidf"

    def __init__(self, a: float = 5.0, lam: float = 6.0, r: float = 0.3,
                 diversity_clusters: float = DIVERSITY_CLUSTERS, **options: Any) -> None:
        super().__init__(**options)
        check_weights(lam=lam)
        if not 0 < a <= 1e6:
            raise OptionError(f"a must be above 0 and at most 1e+06 (alpha = a / N), got {a}")
        if not 0 <= r <= 10:
            raise OptionError(f"r (the cost exponent) must be in [0, 10], got {r}")
        if not 0 < diversity_clusters <= 1:
            raise OptionError(f"diversity_clusters must be in (0, 1], got {diversity_clusters}")
        if lam == 0 and diversity_clusters != DIVERSITY_CLUSTERS:  # as coverage's
            raise OptionError("diversity_clusters parts the diversity reward: with lam 0 it "
                              "would not be used")
        self.a = a
        self.lam = lam
        self.r = r
        self.diversity_clusters = diversity_clusters

    def method_settings(self) -> dict[str, Any]:
        return {"objective": "saturated coverage + lambda x diversity reward (Lin & Bilmes "
                             "2011), budgeted modified greedy",
                "a": self.a, "lambda": self.lam, "r": self.r,
                "diversity_clusters": self.diversity_clusters, "kmeans_seed": KMEANS_SEED}

    def select(self, pool: Pool, kind: str, budget: Budget
               ) -> tuple[list[int], int | None, np.ndarray]:
        n = len(pool)
        if n == 0:
            pool.notes.update(alpha=None, diversity_parts=0, best_singleton=False)
            return [], None, np.zeros(0)
        vectors = pool.vectors(kind, self.encoder)
        sim = pool.similarity(kind, self.encoder, keep=False)  # w_ij, diagonal included
        part, reward = diversity_parts(vectors, sim, self.diversity_clusters)
        alpha = self.a / n
        caps = alpha * sim.sum(axis=0)  # alpha * C_i(V)
        costs = np.array([1 if budget.unit == "sentences" else max(budget.size([t]), 1)
                          for t in pool.texts], dtype=float)
        scale = costs ** self.r
        # F({j}) for every j: the reported scores, and the best-singleton check
        singles = np.minimum(sim, caps[:, None]).sum(axis=0) + self.lam * np.sqrt(reward)
        redundancy = self.redundancy(pool, kind)

        def value(items: list[int]) -> float:  # F(S)
            cover = sim[:, items].sum(axis=1)
            filled = np.bincount(part[items], weights=reward[items], minlength=part.max() + 1)
            return float(np.minimum(cover, caps).sum() + self.lam * np.sqrt(filled).sum())

        def greedy(start: list[int]) -> Filler[int]:
            filler: Filler[int] = Filler(budget)
            cover = np.zeros(n)  # C_i(S)
            diversity = PartReward(part, reward)  # R(S), its sums of r_j per part

            def take(j: int) -> None:
                nonlocal cover
                cover = cover + sim[:, j]
                diversity.take(j)

            def gain(j: int) -> float:
                covered = (np.minimum(cover + sim[:, j], caps) - np.minimum(cover, caps)).sum()
                return float(covered + self.lam * diversity.step(j))

            for j in start:
                if filler.offer(j, pool.texts[j]):
                    take(j)
            # lazy greedy (Minoux 1978): a gain only shrinks as S grows, so a stale one
            # bounds it; ties go to the earlier sentence in pool order
            heap = [(-gain(j) / scale[j], j, len(filler.taken)) for j in range(n)
                    if j not in filler.taken]
            heapq.heapify(heap)
            while heap and not filler.done:
                _, j, stamp = heapq.heappop(heap)
                if stamp != len(filler.taken):
                    heapq.heappush(heap, (-gain(j) / scale[j], j, len(filler.taken)))
                    continue
                if redundancy.duplicate(j, filler.taken):
                    continue
                if filler.offer(j, pool.texts[j]):
                    take(j)
            return filler

        filler = greedy([])
        texts = pool.texts
        fits = [j for j in range(n) if budget.fits([texts[j]]) and holds_chars(0, texts[j])]
        best = max(fits, key=lambda j: (singles[j], -j)) if fits else None
        # F only grows as sentences are added, so a greedy result that holds the best
        # sentence is never beaten by it (and F is computed one way on both sides)
        started = (best is not None and best not in filler.taken
                   and value([best]) > value(filler.taken))
        if started and best is not None:
            filler = greedy([best])
        pool.notes.update(alpha=alpha, diversity_parts=len(np.unique(part)),
                          best_singleton=bool(started))
        return filler.taken, filler.cut, singles
