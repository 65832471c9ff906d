"""The hard near-duplicate rule every extractive method applies."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from summarizer.summarizers.candidates import Pool

# What the rule remembers (content-word counts, pair similarities) is forgotten past this
# many entries: a long text asks about hundreds of thousands of sentences, and the memos
# grew with each (a few MB here; they only save recomputing, never change an answer).
MEMO_ENTRIES = 20_000
# refused_pairs' sieve asks duplicate() about every pair within this (and the rounding of
# an embedding's dot product in its own precision) of a threshold
SIEVE = 1e-3


class Redundancy:
    """The hard near-duplicate rule shared by every method.

    Two sentences are near-duplicates when the cosine of their content-word
    counts (function words left out) reaches ``lexical`` or (when embeddings are given) their embedding cosine reaches
    ``semantic``. A near-duplicate of a chosen sentence is never added.
    ``rows``: the pool indices the embedding rows belong to (default: all, in
    pool order); only those sentences may then be asked about.
    """

    def __init__(self, pool: Pool, lexical: float = 0.5, semantic: float | None = 0.9,
                 embeddings: np.ndarray | None = None,
                 rows: Sequence[int] | None = None) -> None:
        self.pool = pool
        self.lexical = lexical
        self.semantic = semantic if embeddings is not None else None
        self.embeddings = embeddings
        self._row = None if rows is None else {int(i): k for k, i in enumerate(rows)}
        self._pairs: dict[tuple[int, int], float] = {}
        # content-word counts and their squared norm, built for the sentences asked about
        self._content: dict[int, tuple[Counter[str], int]] = {}

    def content(self, i: int) -> tuple[Counter[str], int]:
        """Content-word counts of sentence ``i`` and their squared norm: function words
        say nothing about whether two sentences report the same fact."""
        got = self._content.get(i)
        if got is None:
            toks = self.pool.tokens[i]
            bag = Counter([t for t in toks if t not in self.pool.stopwords] or toks)
            if len(self._content) >= MEMO_ENTRIES:
                self._content.clear()
            got = self._content[i] = (bag, sum(v * v for v in bag.values()))
        return got

    def lexical_similarity(self, i: int, j: int) -> float:
        """Cosine of the two sentences' content-word counts."""
        key = (i, j) if i < j else (j, i)
        if key not in self._pairs:
            (a, na), (b, nb) = self.content(i), self.content(j)
            if len(b) < len(a):
                a, b = b, a
            dot = sum(v * b.get(w, 0) for w, v in a.items())  # integers: exact in any order
            if len(self._pairs) >= MEMO_ENTRIES:
                self._pairs.clear()
            self._pairs[key] = dot / math.sqrt(na * nb) if dot else 0.0
        return self._pairs[key]

    def duplicate(self, i: int, chosen: Sequence[int]) -> bool:
        for j in chosen:
            if self.lexical_similarity(i, j) >= self.lexical:
                return True
            if self.semantic is not None and self.embeddings is not None:
                a, b = (i, j) if self._row is None else (self._row[i], self._row[j])
                if float(self.embeddings[a] @ self.embeddings[b]) >= self.semantic:
                    return True
        return False

    def refused_pairs(self, items: Sequence[int]) -> list[tuple[int, int]]:
        """The pairs ``(a, b)``, ``a < b`` (in that order), of positions in ``items`` whose
        sentences the rule refuses together. All the similarities at once (n x n: ``items``
        is a few thousand at most) sieve the pairs; :meth:`duplicate` decides those within
        :data:`SIEVE` of a threshold, so the answer is its own, pair by pair (asked one by
        one, 1,000 news sentences took 3.3 s, the sieve 0.05 s: eval/bench_ilp_pairs.py)."""
        n = len(items)
        if n < 2:
            return []
        bags = [self.content(i) for i in items]
        vocab: dict[str, int] = {}
        cols = [vocab.setdefault(w, len(vocab)) for bag, _ in bags for w in bag]
        counts = np.array([v for bag, _ in bags for v in bag.values()], dtype=float)
        ends = np.cumsum([0] + [len(bag) for bag, _ in bags])
        from scipy.sparse import csr_matrix

        m = csr_matrix((counts, cols, ends), shape=(n, max(len(vocab), 1)))
        cosine = (m @ m.T).toarray()  # the dot products: integers, exact in float64
        norms = np.sqrt(np.array([norm for _, norm in bags], dtype=float))
        scale = np.outer(norms, norms)  # 0 only for a sentence of no token: no dot product
        np.divide(cosine, scale, out=cosine, where=scale > 0)
        near = cosine >= self.lexical - SIEVE
        if self.semantic is not None and self.embeddings is not None:
            rows = list(items) if self._row is None else [self._row[i] for i in items]
            e = np.asarray(self.embeddings[rows])
            # what duplicate's dot product in e's own precision can round by, at most
            slack = e.shape[1] * (np.finfo(e.dtype).eps if e.dtype.kind == "f" else 0.0)
            e = e.astype(float)
            slack *= float(np.einsum("ij,ij->i", e, e).max())
            near |= e @ e.T >= self.semantic - SIEVE - slack
        a, b = np.nonzero(np.triu(near, 1))  # row by row: the pairwise loop's order
        return [(int(x), int(y)) for x, y in zip(a.tolist(), b.tolist(), strict=True)
                if self.duplicate(items[x], [items[y]])]

    def settings(self) -> dict[str, Any]:
        return {"near_duplicate_lexical": self.lexical, "near_duplicate_semantic": self.semantic}
