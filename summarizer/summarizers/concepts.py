"""Concepts for coverage objectives: weighted word bigrams.

A concept is a word bigram that is not made only of function words, found in
at least ``min_df`` documents (sentences, for one-document input). Its weight
sums, over the documents containing it, ``1 / (1 + r) ** position_decay``
where r is the rank of the first sentence holding it there: document
frequency (decay 0) with early mentions counting more, as news states its
main facts first (Gillick & Favre 2009 used document frequency).

Words can be reduced to their first ``stem_prefix`` characters before the
bigrams are formed: truncation stemming, the same for every script, so
inflected forms of one word meet without any language's stemmer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.summarizers.features import bigrams


@dataclass
class Concepts:
    """Concept ids of every sentence (sorted, distinct) and the concept weights."""

    per_sentence: list[np.ndarray]
    weights: np.ndarray
    names: list[tuple[str, str]]


def sentence_ranks(doc_indices: Sequence[int]) -> list[int]:
    """Rank of every sentence within its document, given in document order."""
    seen: Counter = Counter()
    out = []
    for d in doc_indices:
        out.append(seen[d])
        seen[d] += 1
    return out


def stem_tokens(tokens: Sequence[str], prefix: int | None) -> list[str]:
    return list(tokens) if not prefix else [t[:prefix] for t in tokens]


def concept_grams(stopwords: frozenset[str],
                  prefix: int | None) -> Callable[[Sequence[str]], set[tuple[str, str]]]:
    """The bigrams of a token list after prefix stemming, with the stopwords
    stemmed alike (``prefix`` None: whole words)."""
    stops = frozenset(stem_tokens(sorted(stopwords), prefix)) if prefix else stopwords
    return lambda tokens: bigrams(stem_tokens(tokens, prefix), stops)


def extract_concepts(
    tokens: Sequence[Sequence[str]],
    doc_indices: Sequence[int],
    stopwords: frozenset[str],
    min_df: int = 2,
    position_decay: float = 1.0,
    stem_prefix: int | None = None,
) -> Concepts:
    """Concepts of sentences given as token lists, in document order."""
    grams = list(map(concept_grams(stopwords, stem_prefix), tokens))
    ranks = sentence_ranks(doc_indices)
    multi = len(set(doc_indices)) >= 2
    first: dict[tuple[str, str], dict[int, int]] = {}
    for k, (d, g) in enumerate(zip(doc_indices, grams, strict=True)):
        unit = d if multi else k
        for c in g:
            first.setdefault(c, {}).setdefault(unit, ranks[k])
    need = min_df if multi else 2
    kept = sorted(c for c, units in first.items() if len(units) >= need)
    ids = {c: k for k, c in enumerate(kept)}
    weights = np.array(
        [sum((1.0 + r) ** -position_decay for r in first[c].values()) for c in kept], dtype=float
    )
    per = [np.array(sorted({ids[c] for c in g if c in ids}), dtype=int) for g in grams]
    return Concepts(per_sentence=per, weights=weights, names=kept)
