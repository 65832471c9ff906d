"""N-gram and skip-bigram counting (ROUGE-N, ROUGE-S, ROUGE-SU)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from typing import cast

import numpy as np

from summarizer.errors import InputError

from .options import MAX_SKIP_PAIRS


def ngram_counts(tokens: Sequence[str | None], n: int, left_out: bool = False) -> Counter:
    """Counts of the n-grams of ``tokens`` (tuples; unigrams as plain strings). With
    ``left_out``, a None token is a word left out (:func:`masked`): the n-grams holding
    one are not counted."""
    grams: Counter
    if n == 1:
        grams = Counter(tokens)
        if left_out:
            grams.pop(None, None)
        return grams
    if len(tokens) < n:
        return Counter()
    grams = Counter(zip(*[tokens[i:] for i in range(n)], strict=False))
    if left_out:
        for gram in [g for g in grams if None in g]:  # tuples of n tokens
            del grams[gram]
    return grams


def masked(tokens: list[str], words: Collection[str]) -> list[str | None]:
    """``tokens`` with each one not in ``words`` as None. A peer's n-grams and skip-bigrams
    count only where every token is a reference's word (no other can be shared), while the
    peer's totals count every one: a summary far longer than its references (a whole
    article piped in) held an n-gram table entry and 6 skip-bigram codes a token, about
    30 bytes of memory for each byte of its text, where its words outside the references
    are now None."""
    return [t if t in words else None for t in tokens]


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


def skip_bigram_counts(tokens: Sequence[str | None], skip_distance: int,
                       unigrams: bool, left_out: bool = False) -> SkipGrams:
    """Skip-bigrams as ROUGE-1.5.5's ``createSkipBigram`` counts them.

    Pairs (i, j) with i < j and, for ``skip_distance >= 0``, j <= i + skip + 1.
    With ``-u`` each token is also counted as a unigram, except the last one:
    the Perl loop stops one short (so a one-token text counts nothing at all).
    With ``left_out``, a None token (:func:`masked`) counts in ``total`` only: no pair
    holding it is kept.
    """
    vocab: dict[str, int] = {}
    n = len(tokens)
    if left_out:
        ids = np.fromiter((-1 if t is None else vocab.setdefault(t, len(vocab))
                           for t in tokens), np.int64, n)
    else:
        words = cast("Sequence[str]", tokens)  # no token left out
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in words), np.int64, n)
    if n < 2:
        return SkipGrams(vocab, np.empty(0, np.int64), np.empty(0, np.int64), 0)
    base = len(vocab) + 1
    max_gap = n - 1 if skip_distance < 0 else min(skip_distance + 1, n - 1)
    # the pairs of gaps 1..max_gap, (n - 1) + ... + (n - max_gap), in closed form: a loop
    # over the gaps ran 1e8 times for a long text at -2 '*' before the bound refused it
    size = max_gap * n - max_gap * (max_gap + 1) // 2 + (n - 1 if unigrams else 0)
    kept = int(np.count_nonzero(ids >= 0)) if left_out else n
    held = min(size, kept * (kept - 1) // 2 + (kept if unigrams else 0))  # codes at once
    if held > MAX_SKIP_PAIRS:
        shared = f" ({kept:,} of them words of its references)" if left_out else ""
        raise InputError(
            f"ROUGE-S: a text of {n:,} tokens{shared} has up to {held:,} skip-bigrams "
            f"{'with no distance limit' if skip_distance < 0 else f'within -2 {skip_distance}'}"
            f", over the bound of {MAX_SKIP_PAIRS:,} held at once (about "
            f"{MAX_SKIP_PAIRS * 16 / 2**30:.0f} GB): "
            + ("give a distance limit (-2 4, as ROUGE-1.5.5 is usually run) or shorter texts"
               if skip_distance < 0 else "give a shorter distance or shorter texts"))
    if left_out:
        codes = _kept_codes(ids, base, max_gap, unigrams)
    else:
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
    return _counted(vocab, codes, size)


def _kept_codes(ids: np.ndarray, base: int, max_gap: int, unigrams: bool) -> np.ndarray:
    """The codes of the pairs (and ``-u`` unigrams) of ``ids`` without a -1 (a left-out
    token), gap by gap."""
    parts = []
    for d in range(1, max_gap + 1):
        a, b = ids[:-d], ids[d:]
        keep = (a >= 0) & (b >= 0)
        parts.append(a[keep] * base + b[keep])
    if unigrams:
        a = ids[:-1]
        parts.append(a[a >= 0] * base + (base - 1))
    return np.concatenate(parts)


def _counted(vocab: dict[str, int], codes: np.ndarray, total: int) -> SkipGrams:
    """The :class:`SkipGrams` of ``codes`` (sorted here, in place)."""
    size = len(codes)
    if not size:
        return SkipGrams(vocab, codes, np.empty(0, np.int64), total)
    codes.sort()
    first = np.empty(size, np.bool_)  # where a run of equal codes starts
    first[0] = True
    np.not_equal(codes[1:], codes[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    distinct = codes[starts]
    del codes
    counts = np.diff(starts, append=size)
    return SkipGrams(vocab, distinct, counts, total)


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
