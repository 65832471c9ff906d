"""Lexical features shared by the extractive summarisers.

Sentences arrive as tokens (:func:`summarizer.languages.unicode_tokens`, the words
ROUGE scores, in every script), so every language of a cluster gets usable
features even where the sentence encoder (English-centric) does not apply.
English uses a small built-in stopword list; other languages take the cluster's
most frequent words as function words (no language data needed).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

import numpy as np

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


def stopwords_for(language: str | None, token_lists: Sequence[Sequence[str]], top: int = 25) -> frozenset[str]:
    """Function words: the English list, else the cluster's ``top`` most frequent tokens."""
    if (language or "english").lower().startswith("en"):
        return ENGLISH_STOPWORDS
    counts = Counter(t for toks in token_lists for t in toks)
    return frozenset(t for t, _ in counts.most_common(top))


def tfidf_matrix(token_lists: Sequence[Sequence[str]], stopwords: frozenset[str] = frozenset(),
                 rows: Sequence[int] | None = None) -> np.ndarray:
    """Row-normalised TF-IDF vectors (sentences x vocabulary), IDF over the given sentences.

    With ``rows``, only those sentences get a vector (the IDF is still counted
    over all of them, in one linear pass), and the vocabulary is theirs: the
    matrix is len(rows) x their vocabulary, however long the input.
    """
    n = len(token_lists)
    df: Counter = Counter()
    for toks in token_lists:
        df.update({t for t in toks if t not in stopwords})
    wanted = range(n) if rows is None else rows
    vocab: dict[str, int] = {}
    bags = []
    for i in wanted:
        counts = Counter(t for t in token_lists[i] if t not in stopwords)
        bags.append({vocab.setdefault(t, len(vocab)): c for t, c in counts.items()})
    words = list(vocab)
    idf = np.log((1.0 + n) / (1.0 + np.array([df[w] for w in words], dtype=np.float32))) + 1.0
    mat = np.zeros((len(bags), max(len(vocab), 1)), dtype=np.float32)
    for r, bag in enumerate(bags):
        for j, c in bag.items():
            mat[r, j] = c * idf[j]  # smoothed IDF, always positive
    del bags
    return normalize_rows(mat, in_place=True)


def centroid_cosines(bags: Callable[[], Iterable[Counter]], n: int) -> np.ndarray:
    """Cosine of each of ``n`` bags of words (``bags()`` yields them afresh on each call) to
    their centroid, on smoothed TF-IDF over these bags, in linear passes with sparse bags (no
    bag x vocabulary matrix). Each pass makes the bags again rather than keeping them all:
    kept, the bags and vectors of a 50 MB text's 340,000 sentences held 300 MB."""
    df: Counter = Counter()
    for bag in bags():
        df.update(bag.keys())
    idf = {w: math.log((1.0 + n) / (1.0 + c)) + 1.0 for w, c in df.items()}
    del df

    def vectors() -> Iterator[dict[str, float]]:
        for bag in bags():
            vec = {w: c * idf[w] for w, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            yield {w: v / norm for w, v in vec.items()}

    centre: Counter = Counter()
    for vec in vectors():
        centre.update(vec)
    cnorm = math.sqrt(sum(v * v for v in centre.values())) or 1.0
    return np.fromiter((sum(v * centre[w] for w, v in vec.items()) / cnorm
                        for vec in vectors()), dtype=float, count=n)


# Rows whose norms are taken at a time: squaring the whole matrix for its norms held a
# second copy of it (2,000 sentences x a news vocabulary of 20,000 words: 160 MB each).
_NORM_ROWS = 256


class CharGrams(Sequence[list[str]]):
    """Each token list as the character ``n``-grams of its words, function words left out:
    a word is padded with ``<`` and ``>`` and cut into every ``n`` characters (a padded word
    of ``n`` or fewer characters is one gram), so inflected forms of a word share most
    grams in any script. Made when read, one list at a time."""

    def __init__(self, token_lists: Sequence[Sequence[str]], stopwords: frozenset[str],
                 n: int) -> None:
        self.token_lists, self.stopwords, self.n = token_lists, stopwords, n

    def __len__(self) -> int:
        return len(self.token_lists)

    @overload
    def __getitem__(self, i: int) -> list[str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[list[str]]: ...

    def __getitem__(self, i: int | slice) -> list[str] | list[list[str]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = self.n
        grams: list[str] = []
        for t in self.token_lists[i]:
            if t in self.stopwords:
                continue
            w = f"<{t}>"
            grams.extend([w] if len(w) <= n else (w[k:k + n] for k in range(len(w) - n + 1)))
        return grams


def normalize_rows(mat: np.ndarray, in_place: bool = False) -> np.ndarray:
    """Unit-length rows (zero rows stay zero); ``in_place`` divides ``mat`` itself (a
    matrix made for it) rather than a copy. Each row's norm and quotient are computed as
    for the whole matrix at once, so the numbers are the same to the last bit."""
    norms = np.concatenate([np.linalg.norm(mat[a:a + _NORM_ROWS], axis=1, keepdims=True)
                            for a in range(0, max(len(mat), 1), _NORM_ROWS)])
    norms = np.maximum(norms, 1e-12)
    return np.divide(mat, norms, out=mat) if in_place else mat / norms


def centroid_similarity(vectors: np.ndarray) -> np.ndarray:
    """Each row's dot product with the unit-length mean of the rows: the cosine to the
    cluster's centre for unit-length rows (the centroid and MMR summarisers' relevance)."""
    return vectors @ normalize_rows(vectors.mean(axis=0, keepdims=True))[0]


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Pairwise cosine similarity of unit-length rows, clipped to [0, 1] in place (a
    second n x n matrix was 400 MB at 10,000 sentences)."""
    sim = vectors @ vectors.T
    return np.clip(sim, 0.0, 1.0, out=sim)


def bigrams(tokens: Sequence[str], stopwords: frozenset[str]) -> set[tuple[str, str]]:
    """Word bigrams of a sentence, leaving out those made only of function words."""
    return {
        (a, b)
        for a, b in zip(tokens, tokens[1:], strict=False)
        if not (a in stopwords and b in stopwords)
    }
