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

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.progress import stage
from summarizer.summarizers.features import bigrams


class Ragged(Sequence[np.ndarray]):
    """Rows of different lengths held in one flat array: row ``i`` is a view of
    ``flat[ends[i - 1]:ends[i]]``. An array for each sentence of a 50 MB text cost 85 MB,
    mostly the arrays' own headers beside their few ids."""

    def __init__(self, flat: np.ndarray, ends: np.ndarray) -> None:
        self.flat, self.ends = flat, ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> np.ndarray:  # type: ignore[override]
        n = len(self.ends)
        if not -n <= i < n:
            raise IndexError(f"row {i} of {n}")
        i %= n
        return self.flat[int(self.ends[i - 1]) if i else 0:int(self.ends[i])]


@dataclass
class Concepts:
    """Concept ids of every sentence (sorted, distinct), the concept weights, and the
    number of units (documents, or sentences of one document) a concept had to be in."""

    per_sentence: Sequence[np.ndarray]
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
    # A bigram is a number made of its two words' numbers, with its row in three flat
    # arrays: a dict of (word, word) tuples for each of the three was 215 bytes a bigram
    # (150 MB on a 50 MB text), this 121.
    vocab: dict[str, int] = {}
    row_of: dict[int, int] = {}
    count, last, weight = array("q"), array("q"), array("d")
    grams = concept_grams(stopwords, stem_prefix)  # stemmed on the fly: no copy
    for k in stage(range(len(tokens)), "concepts", unit="sentence"):
        unit = units[k]
        for a, b in grams(tokens[k]):
            key = vocab.setdefault(a, len(vocab)) << 32 | vocab.setdefault(b, len(vocab))
            r = row_of.setdefault(key, len(count))
            if r == len(count):
                count.append(0)
                last.append(-1)
                weight.append(0.0)
            if last[r] != unit:
                last[r] = unit
                count[r] += 1
                weight[r] += (1.0 + ranks[k]) ** -position_decay
    del last
    need = min(min_df, len(set(units))) if multi else 2
    words = list(vocab)
    found = sorted(((words[key >> 32], words[key & 0xFFFFFFFF]), r)
                   for key, r in row_of.items() if count[r] >= need)
    del row_of, vocab, words
    kept = [c for c, _ in found]
    ids = {c: k for k, c in enumerate(kept)}
    weights = np.array([weight[r] for _, r in found], dtype=float)
    del count, weight, found
    flat = array("q")  # every sentence's concept ids, one sentence after another
    ends = np.empty(len(tokens), dtype=np.int64)
    for k, t in enumerate(tokens):
        flat.extend(sorted({ids[c] for c in grams(t) if c in ids}))
        ends[k] = len(flat)
    per = Ragged(np.array(flat, dtype=int), ends)
    return Concepts(per_sentence=per, weights=weights, names=kept, min_df=need)
