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

    def settings(self) -> dict[str, Any]:
        return {"near_duplicate_lexical": self.lexical, "near_duplicate_semantic": self.semantic}
