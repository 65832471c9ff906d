"""N-gram and skip-bigram counting (ROUGE-N, ROUGE-S, ROUGE-SU)."""

from __future__ import annotations

from collections import Counter

import numpy as np


def ngram_counts(tokens: list[str], n: int) -> Counter:
    """Counts of the n-grams of ``tokens`` (tuples; unigrams as plain strings)."""
    if n == 1:
        return Counter(tokens)
    if len(tokens) < n:
        return Counter()
    return Counter(zip(*[tokens[i:] for i in range(n)], strict=False))


class SkipGrams:
    """Skip-bigram counts of one text, integer-coded to stay small.

    Without a distance limit (``-2 -1``) a text of n tokens has n(n-1)/2 pairs; a
    dict of tuple keys held about 250 bytes for each distinct one (513 MB at 2,000
    words), these arrays 16. Tokens get ids 0..V-1 in order of first use (``vocab``);
    the pair (a, b) is the code a*(V+1) + b, and a ``-u`` unigram a is the pair
    (a, V): no pair has V second. ``codes`` are sorted and distinct, ``counts`` beside
    them, ``total`` the sum of the counts (the Perl's skip-bigram count).
    """

    __slots__ = ("vocab", "codes", "counts", "total")

    def __init__(self, vocab: dict[str, int], codes: np.ndarray, counts: np.ndarray, total: int):
        self.vocab = vocab
        self.codes = codes
        self.counts = counts
        self.total = total

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays (the vocabulary is a text's distinct tokens, not counted)."""
        return int(self.codes.nbytes + self.counts.nbytes)

    def as_counter(self) -> Counter:
        """The counts keyed as ROUGE-1.5.5 keys them: (a, b) pairs and ``-u`` unigrams."""
        words = list(self.vocab)
        base = len(words) + 1
        out: Counter = Counter()
        for code, count in zip(self.codes.tolist(), self.counts.tolist(), strict=True):
            a, b = divmod(code, base)
            out[words[a] if b == base - 1 else (words[a], words[b])] = count
        return out


def skip_bigram_counts(tokens: list[str], skip_distance: int, unigrams: bool) -> SkipGrams:
    """Skip-bigrams as ROUGE-1.5.5's ``createSkipBigram`` counts them.

    Pairs (i, j) with i < j and, for ``skip_distance >= 0``, j <= i + skip + 1.
    With ``-u`` each token is also counted as a unigram, except the last one:
    the Perl loop stops one short (so a one-token text counts nothing at all).
    """
    vocab: dict[str, int] = {}
    n = len(tokens)
    ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), np.int64, n)
    if n < 2:
        return SkipGrams(vocab, np.empty(0, np.int64), np.empty(0, np.int64), 0)
    base = len(vocab) + 1
    max_gap = n - 1 if skip_distance < 0 else min(skip_distance + 1, n - 1)
    size = sum(n - d for d in range(1, max_gap + 1)) + (n - 1 if unigrams else 0)
    # One array filled gap by gap and sorted in place: 8 bytes a pair at the peak
    # besides the result, where slices joined by np.concatenate and np.unique's copy
    # would hold three times that.
    codes = np.empty(size, np.int64)
    at = 0
    for d in range(1, max_gap + 1):
        part = codes[at:at + n - d]
        np.multiply(ids[:-d], base, out=part)
        part += ids[d:]
        at += n - d
    if unigrams:
        np.multiply(ids[:-1], base, out=codes[at:])
        codes[at:] += base - 1
    codes.sort()
    first = np.empty(size, np.bool_)  # where a run of equal codes starts
    first[0] = True
    np.not_equal(codes[1:], codes[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    distinct = codes[starts]
    del codes
    counts = np.diff(starts, append=size)
    return SkipGrams(vocab, distinct, counts, size)


def skip_hits(model: SkipGrams, peer: SkipGrams) -> int:
    """Sum over shared skip-bigrams of min(model count, peer count).

    The peer's codes are written in the model's ids (pairs with a token the model
    lacks cannot be shared, and are dropped), then looked up in the model's sorted
    codes.
    """
    if not len(model.codes) or not len(peer.codes):
        return 0
    pbase = len(peer.vocab) + 1
    mbase = len(model.vocab) + 1
    to_model = np.full(pbase, -1, np.int64)
    get = model.vocab.get
    for tok, i in peer.vocab.items():
        to_model[i] = get(tok, -1)
    to_model[pbase - 1] = mbase - 1  # the -u unigram marker
    first, second = np.divmod(peer.codes, pbase)
    first = to_model[first]
    second = to_model[second]
    keep = (first >= 0) & (second >= 0)
    codes = first[keep] * mbase + second[keep]
    del first, second
    at = np.searchsorted(model.codes, codes)
    at[at == len(model.codes)] = 0  # past the end: not found (checked next)
    found = model.codes[at] == codes
    return int(np.minimum(model.counts[at[found]], peer.counts[keep][found]).sum())


def clipped_hits(model: Counter, peer: Counter) -> int:
    """Sum over shared grams of min(model count, peer count)."""
    if len(peer) < len(model):
        model, peer = peer, model
    hit = 0
    for gram in model.keys() & peer.keys():  # the set operation runs in C
        a = model[gram]
        b = peer[gram]
        hit += a if a <= b else b
    return hit
