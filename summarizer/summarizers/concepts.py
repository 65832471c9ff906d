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

from summarizer.progress import stage
from summarizer.summarizers.features import bigrams


@dataclass
class Concepts:
    """Concept ids of every sentence (sorted, distinct), the concept weights, and the
    number of units (documents, or sentences of one document) a concept had to be in."""

    per_sentence: list[np.ndarray]
    weights: np.ndarray
    names: list[tuple[str, str]]
    min_df: int


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
    """Concepts of sentences given as token lists, in document order (each
    document's sentences contiguous). ``min_df`` is capped at the number of
    documents: with fewer documents, a concept need not be in more than all."""
    multi = len(set(doc_indices)) >= 2
    units = list(doc_indices) if multi else list(range(len(tokens)))
    runs = sum(1 for k in range(len(units)) if k == 0 or units[k] != units[k - 1])
    if runs != len(set(units)):
        raise ValueError("the sentences of a document must be contiguous")
    ranks = sentence_ranks(doc_indices)
    # Bigrams are counted in one pass and recomputed in the second rather than
    # kept per sentence, and each concept keeps two numbers rather than a map of
    # its documents: memory stays small on long input (contiguous units make the
    # "first sentence of this unit" test one comparison).
    count: dict[tuple[str, str], int] = {}
    weight: dict[tuple[str, str], float] = {}
    last: dict[tuple[str, str], int] = {}
    grams = concept_grams(stopwords, stem_prefix)  # stemmed on the fly: no copy
    for k in stage(range(len(tokens)), "concepts", unit="sentence"):
        unit = units[k]
        for c in grams(tokens[k]):
            if last.get(c, -1) != unit:
                last[c] = unit
                count[c] = count.get(c, 0) + 1
                weight[c] = weight.get(c, 0.0) + (1.0 + ranks[k]) ** -position_decay
    del last
    need = min(min_df, len(set(units))) if multi else 2
    kept = sorted(c for c, n in count.items() if n >= need)
    ids = {c: k for k, c in enumerate(kept)}
    weights = np.array([weight[c] for c in kept], dtype=float)
    del count, weight
    per = [np.array(sorted({ids[c] for c in grams(t) if c in ids}), dtype=int) for t in tokens]
    return Concepts(per_sentence=per, weights=weights, names=kept, min_df=need)
