"""Determinantal point process: Kulesza & Taskar (2011, 2012), extractive summarisation as the
most probable subset of a DPP over the candidate sentences.

The kernel is ``L = diag(q) S diag(q)``:

* ``S_ij`` is the cosine of sentences i and j (the Gram matrix of their unit vectors, so
  positive semidefinite; TF-IDF by default, in every language, as in the paper): how much
  two sentences say the same;
* ``q_i = exp(theta * s_i)`` is sentence i's quality, log-linear in one feature ``s_i``
  scaled to [0, 1] on the cluster (``quality``, below). The paper learns ``q = exp(theta .
  features / 2)`` by maximum likelihood on oracle extracts (the half makes ``log P`` linear
  in its theta), so its theta on ``s`` is twice this one; here the feature is unsupervised.

``P(Y)`` is proportional to ``det(L_Y) = prod_{i in Y} q_i^2 * det(S_Y)``: the product of the
qualities times the squared volume the chosen sentences' vectors span, so a sentence that
repeats the chosen ones (its vector near their span) adds almost nothing. The most
probable summary within the budget (NP-hard) is approximated greedily: each step adds the
sentence of largest ``log det(L_{Y+j}) - log det(L_Y) - r log(cost_j)``, that is
``2 theta s_j + log d_j^2 - r log(cost_j)``, the determinant's growth per ``cost ** r``
(cost: the sentence's size in the budget's unit), where ``d_j^2`` is the squared distance of
j's vector from the span of the chosen ones (the Schur complement of ``S_Y`` in
``S_{Y+j}``). ``d^2`` and the Cholesky rows behind it are updated incrementally after each
pick (Chen, Zhang & Zhou 2018, "Fast greedy MAP inference for determinantal point
process"): one kernel row and O(k) per candidate per step, no n x n matrix (the Cholesky
rows are k x n, k the sentences taken, at most the budget's). A sentence whose ``d^2``
falls to :data:`SPANNED` (it says nothing the summary does not: the determinant would not
grow) is never taken, so the summary may end short of the budget (``spanned`` counts such
sentences). A sentence with no vector at all (function words only: an empty
TF-IDF row) adds no volume (the paper's kernel gives it probability 0), so it is offered
only once no sentence with a vector is open; then (as when every vector is empty: a short
text whose own most frequent tokens are all its words) each is a direction of its own,
as if it shared no word with any other, taken by quality. The
near-duplicate rule and the budget's filling rule (with truncation, the best sentence that
no longer fits whole is cut and ends the summary) are the ones every extractive method
shares.

``quality`` (the feature ``s``, each divided by its largest value on the cluster):

* ``"concepts-lead"`` (the default): the default method's own singleton score, its
  recurring-bigram concepts (position-weighted document frequency times background IDF,
  background stopwords; ``coverage``'s defaults) as a share of all, plus its lead prior
  ``1 / (1 + rank in the document)`` per typical sentence of the budget;
* ``"concepts"``: the concept share alone (no position);
* ``"centrality"``: the sentence's mean cosine to the candidates (its centroid similarity);
* ``"learned"``: the paper's supervised quality, ``q = exp(theta * (w . f) / 2)`` with ``w``
  fitted on oracle extracts of the TAC 2011 clusters and ``f`` a few language-blind
  features (:mod:`summarizer.summarizers.dpp_learned`; ``quality_model`` names a model file,
  None the packaged one); ``theta`` scales the fitted log quality (1: as fitted).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from summarizer.errors import OptionError, value_repr
from summarizer.summarizers.background import (
    background_for,
    concept_factors,
    concept_stopwords,
)
from summarizer.summarizers.budget import Budget, Filler
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.concepts import extract_concepts, sentence_ranks
from summarizer.summarizers.coverage import typical_sentences
from summarizer.summarizers.dpp_learned import scaled
from summarizer.summarizers.extractive import MAX_WEIGHT, ExtractiveSummarizer

QUALITIES = ("concepts-lead", "concepts", "centrality", "learned")
# d^2 at or below this: the sentence's vector lies in the span of the chosen ones (up to
# float32 rounding of the vectors), so the determinant would not grow
SPANNED = 1e-6


class GreedyMap:
    """The greedy MAP of a DPP with kernel ``diag(q) S diag(q)``, ``S = V V^T`` for unit rows
    ``V``, by incremental Cholesky (Chen, Zhang & Zhou 2018). ``base_j`` is each item's
    fixed part of the gain (``2 log q_j - r log cost_j``); :meth:`gains` adds ``log d_j^2``.
    Items are taken (:meth:`take`, entering the determinant) or dropped (:meth:`drop`, never
    offered again). A zero row is offered only after every open nonzero one (module
    docstring)."""

    def __init__(self, vectors: np.ndarray, base: np.ndarray) -> None:
        self.vectors = vectors
        self.base = np.asarray(base, dtype=float)
        n = len(vectors)
        # a zero row (a sentence of function words only, whose TF-IDF vector is empty)
        # adds no volume: best() offers it after every nonzero row, and then as a
        # direction of its own (S_jj = 1, S_ij = 0), so that a text whose every row is
        # empty still gets a summary
        norms = np.einsum("ij,ij->i", vectors, vectors, dtype=float) if n else np.zeros(0)
        self.own = norms <= SPANNED
        self.d2 = np.where(self.own, 1.0, norms)
        self.rows: list[np.ndarray] = []  # the Cholesky rows c of the chosen, each over all n
        self.open = np.ones(n, dtype=bool)
        self.spanned = np.zeros(n, dtype=bool)  # closed by the determinant, not taken/dropped

    def gains(self) -> np.ndarray:
        """Each open item's gain ``log det L_{Y+j} - log det L_Y - r log cost_j``; -inf for
        the others."""
        out = np.full(len(self.d2), -np.inf)
        out[self.open] = self.base[self.open] + np.log(self.d2[self.open])
        return out

    def best(self) -> int | None:
        """The open item of largest gain (the first in order on a tie), a zero row only
        when no nonzero row is open; None when none is open."""
        if not self.open.any():
            return None
        gains = self.gains()
        if (self.open & ~self.own).any():
            gains[self.own] = -np.inf
        return int(np.argmax(gains))

    def drop(self, j: int) -> None:
        self.open[j] = False

    def take(self, j: int) -> float:
        """Add item ``j`` to Y: one kernel row, then each ``d^2`` less the square of its new
        Cholesky entry. Returns ``log d_j^2``, what ``log det S_Y`` grew by."""
        grew = float(np.log(self.d2[j]))
        dj = float(np.sqrt(self.d2[j]))
        if self.own[j]:
            row = np.zeros(len(self.d2))
            row[j] = 1.0
        else:
            row = (self.vectors @ self.vectors[j]).astype(float)  # S_j, one row
            row[self.own] = 0.0
        for c in self.rows:
            row -= c[j] * c
        e = row / dj
        self.rows.append(e)
        self.d2 = np.maximum(self.d2 - e * e, 0.0)
        self.open[j] = False
        closed = self.open & (self.d2 <= SPANNED)
        self.spanned |= closed
        self.open &= ~closed
        return grew


def concept_scores(pool: Pool) -> np.ndarray:
    """Each sentence's share of the cluster's concept weight, with ``coverage``'s default
    concepts: recurring bigrams (``min_df=2``), position-weighted document frequency,
    times the background IDF of their words, the background list's stopwords as function
    words (the pool's own where the language has no list)."""
    bg = background_for(pool.language)
    con = extract_concepts(pool.tokens, [s.doc_index for s in pool.sentences],
                           concept_stopwords(bg, pool.stopwords))
    weights = con.weights
    if bg is not None:
        weights = weights * concept_factors(con.names, bg, "idf-stopwords", pool.tokens)
    total = weights.sum() or 1.0
    return np.array([weights[ids].sum() / total for ids in con.per_sentence])


class DPPSummarizer(ExtractiveSummarizer):
    """Kulesza & Taskar's DPP summariser, unsupervised quality, greedy MAP under the budget
    (see the module docstring).

    Options: ``quality`` (``"concepts-lead"``, ``"concepts"`` or ``"centrality"``: the
    feature s of ``q = exp(theta * s)``; ``"learned"``: the supervised quality of
    ``quality_model``, a model file, None for the packaged one), ``theta`` (how much quality
    counts against diversity, 0 to 1e6; 0 = diversity alone), ``r`` (the determinant's growth
    is divided by ``cost ** r``; 0 to 10). Plus the shared options of :class:`ExtractiveSummarizer`; the
    representation is TF-IDF by default. Each summary records ``candidates``, ``log_det``
    (``log det L_Y`` of the whole sentences taken) and ``spanned`` (the sentences never
    offered because their vectors came to lie in the span of the chosen ones).
    """

    name = "dpp"
    default_representation = "tfidf"

    def __init__(self, quality: Literal["concepts-lead", "concepts", "centrality", "learned"] = (
                     "concepts-lead"), theta: float = 1.0, r: float = 0.0,
                 quality_model: str | None = None, **options: Any) -> None:
        super().__init__(**options)
        if quality not in QUALITIES:
            raise OptionError(f"quality must be one of {', '.join(QUALITIES)}, "
                              f"got {value_repr(quality)}")
        if quality_model is not None and quality != "learned":
            raise OptionError("quality_model is for quality 'learned' only")
        if not 0 <= theta <= MAX_WEIGHT:  # exp(2 theta) past 1e6 only overflows
            raise OptionError(f"theta must be from 0 to {MAX_WEIGHT:g}, got {theta}")
        if theta == 0 and quality != QUALITIES[0]:  # q = exp(0 * s) = 1 for every sentence
            raise OptionError(f"quality={value_repr(quality)} weighs the sentences by theta: "
                              "with theta 0 it would not be used")
        if not 0 <= r <= 10:
            raise OptionError(f"r (the cost exponent) must be in [0, 10], got {r}")
        self.quality = quality
        self.theta = theta
        self.r = r
        self.quality_model = None
        if quality == "learned":
            from summarizer.summarizers.dpp_learned import load_model

            self.quality_model = load_model(quality_model)

    def method_settings(self) -> dict[str, Any]:
        return {"objective": "DPP, L = diag(q) S diag(q), q = exp(theta * s) (Kulesza & "
                             "Taskar 2012): greedy MAP by incremental Cholesky within the "
                             "budget",
                "quality": self.quality, "theta": self.theta, "r": self.r,
                **({"quality_model": self.quality_model.source,
                    "quality_model_sha256": self.quality_model.sha256}
                   if self.quality_model else {})}

    def log_quality(self, pool: Pool, budget: Budget, vectors: np.ndarray,
                    costs: np.ndarray) -> np.ndarray:
        """``log q^2`` of every candidate: ``2 theta s``, or ``theta`` times the learned
        model's ``w . f``."""
        if self.quality_model is not None:
            from summarizer.summarizers.dpp_learned import sentence_features

            f = sentence_features(pool, vectors, concept_scores(pool))
            return self.theta * self.quality_model.log_quality(f)
        return 2.0 * self.theta * self.features(pool, budget, vectors, costs)

    def features(self, pool: Pool, budget: Budget, vectors: np.ndarray,
                 costs: np.ndarray) -> np.ndarray:
        """The quality feature s of every candidate, scaled to at most 1."""
        if self.quality == "centrality":
            raw = vectors @ vectors.mean(axis=0).astype(vectors.dtype)
        else:
            raw = concept_scores(pool)
            if self.quality == "concepts-lead":
                ranks = np.array(sentence_ranks([s.doc_index for s in pool.sentences]),
                                 dtype=float)
                raw = raw + 1.0 / (1.0 + ranks) / typical_sentences(budget, costs)
        return scaled(raw)

    def select(self, pool: Pool, kind: str, budget: Budget
               ) -> tuple[list[int], int | None, np.ndarray]:
        n = len(pool)
        pool.notes.update(candidates=n, log_det=0.0, spanned=0)
        if n == 0:
            return [], None, np.zeros(0)
        texts = pool.texts
        vectors = pool.vectors(kind, self.encoder)
        costs = np.array([1 if budget.unit == "sentences" else max(budget.size([t]), 1)
                          for t in texts], dtype=float)
        log_q2 = self.log_quality(pool, budget, vectors, costs)
        base = log_q2 - self.r * np.log(costs)
        greedy = GreedyMap(vectors, base)
        redundancy = self.redundancy(pool, kind)
        filler: Filler[int] = Filler(budget)
        log_det = 0.0  # log det L_Y of the whole sentences taken
        while not filler.done:
            j = greedy.best()
            if j is None:
                break
            if redundancy.duplicate(j, filler.taken) or not filler.offer(j, texts[j]):
                greedy.drop(j)
                continue
            log_det += log_q2[j] + greedy.take(j)
        pool.notes.update(log_det=float(log_det), spanned=int(greedy.spanned.sum()))
        # the reported scores: each sentence's gain on its own (d^2 = 1 for a unit vector)
        return filler.taken, filler.cut, base
