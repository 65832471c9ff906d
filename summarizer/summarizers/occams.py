"""OCCAMS_V: Davis, Conroy & Schlesinger (2012), "OCCAMS -- An Optimal Combinatorial
Covering Algorithm for Multi-document Summarization", the run named OCCAMS_V in Hong et
al.'s (2014) DUC 2004 repository.

Two parts:

* term weights from latent semantic analysis: with ``A = U S V^T`` the binary
  term x sentence matrix of the candidates, a term weighs the norm of its row of
  ``U_k S_k``, the top k singular triplets (:func:`~summarizer.summarizers.concepts.lsa_weights`,
  shared with ``coverage``'s ``concept_weighting="lsa"``). Terms are the project's
  concepts (:func:`~summarizer.summarizers.concepts.extract_concepts`): word bigrams not
  made only of function words by default, as the paper's bigram coverage measure; every
  bigram of the candidates is a term (``min_df=1``), since the SVD, not a document count,
  says which matter;
* the summary S maximises the weight of the terms it covers, each counted once, within
  the budget (budgeted maximum coverage): the cost-scaled greedy of Khuller, Moss & Naor
  (1999) takes the sentence of most uncovered weight per unit of its size; where the
  best one no longer fits, the greedy stops and the room left is filled by a 0/1 knapsack
  solved exactly by dynamic programming over the room (:func:`knapsack`), each remaining
  sentence worth the weight it would add to S -- the fill of the leftover budget that
  OCCAMS_V adds (Khuller et al.'s greedy instead passes over a sentence that does not
  fit and goes on; after that, no sentence with anything to add fits the room left, so
  a fill would have nothing to do). As Khuller et al. check, the best single sentence
  that fits is a second start: the greedy and the fill run from it too, and the start
  whose summary covers more weight is kept (``best_singleton`` records which).

What the paper leaves to be chosen, and what is chosen here: the rank k is the number
of typical sentences the budget holds (``lsa_rank="budget"``, as ``coverage``'s LSA
weighting), at most :data:`~summarizer.summarizers.concepts.MAX_LSA_RANK`; the matrix
entries are 0/1. The paper's knapsack step is the fully polynomial approximation scheme;
here it is exact (the room is at most a budget's size), with sizes rounded up to a coarser
unit only when the room exceeds :data:`KNAPSACK_ROOM` units, so that what it picks still
fits. The near-duplicate rule and the budget's filling rule (with truncation, the
sentence of most uncovered weight per unit that no longer fits whole is cut and ends the
summary) are the ones every extractive method shares; a near-duplicate of a chosen
sentence is never taken by the greedy nor by the fill. The method knows no sentence
position, as the paper's; where no term is found at all (one short document, nothing
repeated), the lead sentences are taken, as ``ilp`` does, and ``lead_fallback`` says so.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from summarizer.errors import OptionError, value_repr
from summarizer.summarizers.assemble import fill
from summarizer.summarizers.budget import Budget, Filler, holds_chars
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.concepts import (
    LSA_ENTRIES,
    UNIT_NAMES,
    check_concept_units,
    check_lsa_rank,
    extract_concepts,
    lsa_weights,
    sentence_ranks,
    units_settings,
)
from summarizer.summarizers.coverage import typical_sentences
from summarizer.summarizers.extractive import ExtractiveSummarizer
from summarizer.summarizers.ilp import budget_costs

# The knapsack's table has a column per unit of room: above this many, sizes are counted in
# coarser units (rounded up, so what it picks still fits). A 250-word room is exact; a
# 1,000,000-character one is not held as 1,000,000 columns for each sentence.
KNAPSACK_ROOM = 4096
# LSA weights below this share of the largest are rounding noise of the SVD, taken as 0
NOISE = 1e-9


def knapsack(values: Sequence[float], costs: Sequence[int], room: int) -> list[int]:
    """A 0/1 knapsack: the indices (ascending) of items of most total ``values`` whose
    ``costs`` (integers >= 1) add up to at most ``room``, by dynamic programming over the
    room. A tie keeps the earlier items' solution (an item enters only by a strict gain).
    Above :data:`KNAPSACK_ROOM` costs are scaled to that many columns and rounded up."""
    if room < 1 or not len(values):
        return []
    cost = np.asarray(costs, dtype=np.int64)
    if room > KNAPSACK_ROOM:
        cost = np.ceil(cost * (KNAPSACK_ROOM / room)).astype(np.int64)
        room = KNAPSACK_ROOM
    best = np.zeros(room + 1)  # most value within each room, with the items so far
    took = np.zeros((len(values), room + 1), dtype=bool)
    for i, (v, c) in enumerate(zip(values, cost.tolist(), strict=True)):
        if c > room:
            continue
        with_it = best[: room + 1 - c] + v  # the table before item i (computed first)
        better = with_it > best[c:]
        took[i, c:] = better
        best[c:] = np.where(better, with_it, best[c:])
    out, left = [], room
    for i in range(len(values) - 1, -1, -1):
        if took[i, left]:
            out.append(i)
            left -= int(cost[i])
    return sorted(out)


class OccamsSummarizer(ExtractiveSummarizer):
    """OCCAMS_V (Davis, Conroy & Schlesinger 2012): LSA term weights and budgeted maximum
    coverage by the cost-scaled greedy, the best single sentence checked, and a knapsack
    fill of the room left (see the module docstring).

    Options: ``concept_units`` (the terms: ``"bigrams"``, the default, ``"unigrams"``
    (content words) or ``"both"``, :mod:`summarizer.summarizers.concepts`), ``min_df``
    (documents a term must occur in; 1, the default, takes every term), ``lsa_rank`` (k:
    ``"budget"``, the number of typical sentences the budget holds; an int; or a share in
    (0, 1) of the squared singular values) and ``lsa_entries`` (``"binary"`` or
    ``"tfidf"`` matrix entries). Plus the shared options of :class:`ExtractiveSummarizer`;
    the representation is TF-IDF by default (read only by the near-duplicate rule). Each
    summary records ``terms`` (how many), ``lsa_rank_asked`` (k; the SVD takes at most
    :data:`~summarizer.summarizers.concepts.MAX_LSA_RANK` and the matrix's rank), ``best_singleton`` (whether
    the summary grew from the best single sentence), ``knapsack_added`` (the sentences the
    fill added) and, where no term was found, ``lead_fallback``.
    """

    name = "occams"
    default_representation = "tfidf"

    def __init__(self, concept_units: Literal["bigrams", "unigrams", "both"] = "bigrams",
                 min_df: int = 1, lsa_rank: Literal["budget"] | int | float = "budget",
                 lsa_entries: Literal["binary", "tfidf"] = "binary", **options: Any) -> None:
        super().__init__(**options)
        check_concept_units(concept_units, 1.0)
        if not 1 <= min_df <= 1_000_000:
            raise OptionError(f"min_df must be from 1 to 1,000,000 (documents a term occurs "
                              f"in), got {value_repr(min_df)}")
        if lsa_entries not in LSA_ENTRIES:
            raise OptionError(f"lsa_entries must be one of {', '.join(LSA_ENTRIES)}, "
                              f"got {value_repr(lsa_entries)}")
        self.concept_units = concept_units
        self.min_df = min_df
        self.lsa_rank = check_lsa_rank(lsa_rank)
        self.lsa_entries = lsa_entries

    def method_settings(self) -> dict[str, Any]:
        return {"objective": f"LSA-weighted {UNIT_NAMES[self.concept_units]} coverage "
                             "(OCCAMS_V, Davis, Conroy & Schlesinger 2012): cost-scaled "
                             "greedy, best single sentence, knapsack fill",
                "min_df": self.min_df, "lsa_rank": self.lsa_rank,
                "lsa_entries": self.lsa_entries,
                **units_settings(self.concept_units, 1.0)}

    def select(self, pool: Pool, kind: str, budget: Budget
               ) -> tuple[list[int], int | None, np.ndarray]:
        n = len(pool)
        pool.notes.update(terms=0, lsa_rank_asked=None, best_singleton=False, knapsack_added=0)
        if n == 0:
            return [], None, np.zeros(0)
        texts = pool.texts
        docs = [s.doc_index for s in pool.sentences]
        con = extract_concepts(pool.tokens, docs, pool.stopwords, self.min_df,
                               position_decay=0.0, concept_units=self.concept_units)
        per = con.per_sentence
        costs, limit = budget_costs(budget, texts)
        rank: int | float = (  # "budget": the sizes as coverage measures them (no space)
            max(1, round(typical_sentences(budget, costs - (budget.unit == "bytes"))))
            if isinstance(self.lsa_rank, str) else self.lsa_rank)
        weights = lsa_weights(per, len(con.weights), range(n), rank, self.lsa_entries)
        # a term outside the top k topics weighs 0 up to rounding (1e-17): as 0, so that
        # such noise neither ranks nor fills (a gain of 1e-17 is no reason to add a sentence)
        weights[weights < NOISE * weights.max(initial=0.0)] = 0.0
        singles = np.array([weights[ids].sum() for ids in per])  # f({j}): the scores
        pool.notes.update(terms=len(weights), lsa_rank_asked=rank if len(weights) else None)
        redundancy = self.redundancy(pool, kind)
        if not singles.any():  # no term at all: the lead sentences, as ilp takes them
            pool.notes.update(lead_fallback=True)
            lead = 1.0 / (1.0 + np.array(sentence_ranks(docs), dtype=float))
            chosen, cut = fill(map(int, pool.rank_by_score(lead)), pool, budget, redundancy)
            return chosen, cut, lead
        usable = [j for j in range(n) if costs[j] <= limit and holds_chars(0, texts[j])]

        def gain(j: int, covered: np.ndarray) -> float:  # f(S + j) - f(S)
            ids = per[j]
            return float(weights[ids[~covered[ids]]].sum())

        def value(items: list[int]) -> float:  # f(S): each covered term's weight once
            covered = np.zeros(len(weights), dtype=bool)
            for j in items:
                covered[per[j]] = True
            return float(weights[covered].sum())

        def grow(start: list[int]) -> tuple[list[int], int]:
            """The greedy from ``start`` until its best sentence does not fit, then the
            knapsack fill of the room left; and how many sentences the fill added."""
            chosen = list(start)
            covered = np.zeros(len(weights), dtype=bool)
            for j in chosen:
                covered[per[j]] = True
            used = float(costs[chosen].sum())
            # lazy greedy (Minoux 1978): a gain only shrinks as S grows, so a stale one
            # bounds it; a tie goes to the earlier sentence in pool order
            heap = [(-gain(j, covered) / costs[j], j, len(chosen)) for j in usable
                    if j not in chosen]
            heapq.heapify(heap)
            while heap:
                neg, j, stamp = heapq.heappop(heap)
                if stamp != len(chosen):
                    heapq.heappush(heap, (-gain(j, covered) / costs[j], j, len(chosen)))
                    continue
                if neg >= 0:  # nothing left adds weight
                    break
                if redundancy.duplicate(j, chosen):
                    continue
                if used + costs[j] > limit:
                    break  # the fill takes the room from here
                chosen.append(j)
                used += costs[j]
                covered[per[j]] = True
            room = int(limit - used)
            taken = set(chosen)
            items = [j for j in usable if j not in taken and costs[j] <= room
                     and gain(j, covered) > 0 and not redundancy.duplicate(j, chosen)]
            gains = [gain(j, covered) for j in items]
            picked = knapsack(gains, [int(costs[j]) for j in items], room)
            before = len(chosen)
            # two picks that nearly repeat each other: the one worth more stays
            for k in sorted(picked, key=lambda k: (-gains[k], items[k])):
                if not redundancy.duplicate(items[k], chosen):
                    chosen.append(items[k])
            return chosen, len(chosen) - before

        chosen, added = grow([])
        best = max(usable, key=lambda j: (singles[j], -j)) if usable else None
        started = False
        if best is not None and best not in chosen:
            other, other_added = grow([best])
            if value(other) > value(chosen):
                chosen, added, started = other, other_added, True
        pool.notes.update(best_singleton=started, knapsack_added=added)
        filler: Filler[int] = Filler(budget)
        for j in chosen:
            filler.offer(j, texts[j])
        if budget.truncate and not filler.done:
            # the shared rule: the sentence of most uncovered weight per unit that no longer
            # fits whole is cut to the room left, and ends the summary
            covered = np.zeros(len(weights), dtype=bool)
            for j in filler.taken:
                covered[per[j]] = True
            taken = set(filler.taken)
            rest = sorted((j for j in range(n) if j not in taken),
                          key=lambda j: (-gain(j, covered) / costs[j], j))
            for j in rest:
                if filler.passes_over(texts[j]) or redundancy.duplicate(j, filler.taken):
                    continue
                filler.offer(j, texts[j])
                if filler.done:
                    break
        return filler.taken, filler.cut, singles

