"""Lexical features shared by the extractive summarisers.

Tokens are lower-cased Unicode word characters, so every language of a cluster
gets usable features even where the sentence encoder (English-centric) does not
apply. English uses a small built-in stopword list; other languages take the
cluster's most frequent words as function words (no language data needed).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Short English function-word list (closed-class words only), written for this project.
ENGLISH_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves also said says say may might must shall us one""".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits of any script)."""
    return _WORD.findall(text.lower())


def stopwords_for(language: str | None, token_lists: Sequence[Sequence[str]], top: int = 25) -> frozenset[str]:
    """Function words: the English list, else the cluster's ``top`` most frequent tokens."""
    if (language or "english").lower().startswith("en"):
        return ENGLISH_STOPWORDS
    counts = Counter(t for toks in token_lists for t in toks)
    return frozenset(t for t, _ in counts.most_common(top))


def tfidf_matrix(token_lists: Sequence[Sequence[str]], stopwords: frozenset[str] = frozenset()) -> np.ndarray:
    """Row-normalised TF-IDF vectors (sentences x vocabulary), IDF over the given sentences."""
    vocab: dict[str, int] = {}
    rows = []
    for toks in token_lists:
        counts = Counter(t for t in toks if t not in stopwords)
        rows.append({vocab.setdefault(t, len(vocab)): c for t, c in counts.items()})
    n = len(token_lists)
    mat = np.zeros((n, max(len(vocab), 1)), dtype=np.float32)
    df = np.zeros(mat.shape[1], dtype=np.float32)
    for i, row in enumerate(rows):
        for j, c in row.items():
            mat[i, j] = c
            df[j] += 1
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0  # smoothed, always positive
    mat *= idf
    return normalize_rows(mat)


def normalize_rows(mat: np.ndarray) -> np.ndarray:
    """Unit-length rows (zero rows stay zero)."""
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.maximum(norms, 1e-12)


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Pairwise cosine similarity of unit-length rows, clipped to [0, 1]."""
    sim = vectors @ vectors.T
    return np.clip(sim, 0.0, 1.0)


def bag_cosine(a: Sequence[str], b: Sequence[str]) -> float:
    """Cosine of two bags of words (raw counts)."""
    ca, cb = Counter(a), Counter(b)
    dot = sum(v * cb.get(k, 0) for k, v in ca.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in ca.values()) * sum(v * v for v in cb.values()))


def bigrams(tokens: Sequence[str], stopwords: frozenset[str]) -> set[tuple[str, str]]:
    """Word bigrams of a sentence, leaving out those made only of function words."""
    return {
        (a, b)
        for a, b in zip(tokens, tokens[1:], strict=False)
        if not (a in stopwords and b in stopwords)
    }
