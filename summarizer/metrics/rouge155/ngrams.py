"""N-gram and skip-bigram counting (ROUGE-N, ROUGE-S, ROUGE-SU)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import islice

import numpy as np

from summarizer.errors import InputError

from .options import MAX_SKIP_PAIRS, PEAK_BYTES_PER_SKIP_PAIR


def ngram_counts(tokens: Sequence[str], n: int,
                 words: set[str] | frozenset[str] | None = None) -> Counter:
    """Counts of the n-grams of ``tokens`` (tuples; unigrams as plain strings). With
    ``words``, only the n-grams made of them are counted (a summary longer than its
    references, in their words: :meth:`~.score.Rouge155._prepare`)."""
    if n == 1:
        return Counter(tokens if words is None else filter(words.__contains__, tokens))
    if len(tokens) < n:
        return Counter()
    # islice, not tokens[i:]: a copy of a long text's list for each order past the first
    grams = zip(*[islice(tokens, i, None) for i in range(n)], strict=False)
    if words is None:
        return Counter(grams)
    kept = words.issuperset  # before the Counter: a gram with a word left out took an entry
    return Counter(g for g in grams if kept(g))


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


def skip_bigram_counts(tokens: Sequence[str], skip_distance: int, unigrams: bool,
                       words: set[str] | frozenset[str] | None = None,
                       words_of: str = "of its references") -> SkipGrams:
    """Skip-bigrams as ROUGE-1.5.5's ``createSkipBigram`` counts them.

    Pairs (i, j) with i < j and, for ``skip_distance >= 0``, j <= i + skip + 1.
    With ``-u`` each token is also counted as a unigram, except the last one:
    the Perl loop stops one short (so a one-token text counts nothing at all).
    With ``words``, a token not in them counts in ``total`` only: no pair holding it
    is kept (a summary longer than its references, counted in their words; a long
    reference, in a summary's: ``words_of`` says whose in the error past the bound).
    """
    vocab: dict[str, int] = {}
    one = vocab.setdefault
    n = len(tokens)
    if words is None:
        ids = np.fromiter((one(t, len(vocab)) for t in tokens), np.int64, n)
        kept = n
    else:  # the kept tokens' places and ids only (4 + 4 bytes each): no other makes a pair
        places = np.fromiter((i for i, t in enumerate(tokens) if t in words),
                             np.int32 if n < 2**31 else np.int64)
        kept = len(places)
        ids = np.fromiter((one(t, len(vocab)) for t in tokens if t in words), np.int32, kept)
    if n < 2:
        return SkipGrams(vocab, np.empty(0, np.int64), np.empty(0, np.int64), 0)
    base = len(vocab) + 1
    max_gap = n - 1 if skip_distance < 0 else min(skip_distance + 1, n - 1)
    # the pairs of gaps 1..max_gap, (n - 1) + ... + (n - max_gap), in closed form: a loop
    # over the gaps ran 1e8 times for a long text at -2 '*' before the bound refused it
    size = max_gap * n - max_gap * (max_gap + 1) // 2 + (n - 1 if unigrams else 0)
    held = min(size, kept * (kept - 1) // 2 + (kept if unigrams else 0))  # codes at once
    if held > MAX_SKIP_PAIRS:
        shared = f" ({kept:,} of them words {words_of})" if words is not None else ""
        raise InputError(
            f"ROUGE-S: a text of {n:,} tokens{shared} has up to {held:,} skip-bigrams "
            f"{'with no distance limit' if skip_distance < 0 else f'within -2 {skip_distance}'}"
            f", over the bound of {MAX_SKIP_PAIRS:,} held at once (about "
            f"{MAX_SKIP_PAIRS * PEAK_BYTES_PER_SKIP_PAIR / 2**30:.1f} GB at the peak, scored "
            "against a text as long): "
            + ("give a distance limit (-2 4, as ROUGE-1.5.5 is usually run) or shorter texts"
               if skip_distance < 0 else "give a shorter distance or shorter texts"))
    if words is not None:
        distinct, counts = _kept_counts(places, ids, base, max_gap,
                                        n - 1 if unigrams else 0)
        return SkipGrams(vocab, distinct, counts, size)
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
    return SkipGrams(vocab, *_distinct(codes), size)


# Kept tokens a step of :func:`_kept_counts`: its arrays' length (2 MB of int64 each)
_STEP = 1 << 18


def _kept_counts(places: np.ndarray, ids: np.ndarray, base: int, max_gap: int,
                 unigrams_before: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes and their counts of the pairs of kept tokens (``ids``, at the
    text's ``places``, ascending) at most ``max_gap`` places apart, and of each kept
    token's ``-u`` unigram when it stands before the place ``unigrams_before``.

    Each kept token is paired with the g-th kept token after it for g = 1, 2, ... until
    none is near enough, ``_STEP`` tokens at a time: every gap's pairs of the whole text,
    held at once and then joined, took 4 bytes a byte of a long summary's text, and at
    ``-2 -1`` a long text with few kept words took one pass over the text for each of its
    tokens (200,000 tokens: 22 s)."""
    tally = _Tally()
    m = len(ids)
    for g in range(1, min(m, max_gap + 1)):  # the g-th one after is g places away at least
        near_any = False
        for s in range(0, m - g, _STEP):
            e = min(s + _STEP, m - g)
            near = places[s + g:e + g] - places[s:e] <= max_gap
            if near.any():
                near_any = True
                codes = np.multiply(ids[s:e][near], base, dtype=np.int64)
                codes += ids[s + g:e + g][near]
                tally.add(codes)
        if not near_any:
            break  # the g-th kept token after each one is further still for a greater g
    for s in range(0, m if unigrams_before else 0, _STEP):
        first = ids[s:s + _STEP][places[s:s + _STEP] < unigrams_before]
        codes = np.multiply(first, base, dtype=np.int64)
        codes += base - 1
        tally.add(codes)
    return tally.counted()


class _Tally:
    """Counts of int64 codes given a part at a time: the parts are counted together once
    they outnumber the distinct codes counted so far (and ``_STEP``), so that they are
    never held long, and a short text's are counted once, at the end."""

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []
        self.pending = 0
        self.codes = np.empty(0, np.int64)  # distinct, sorted
        self.counts = np.empty(0, np.int64)

    def add(self, codes: np.ndarray) -> None:
        self.parts.append(codes)
        self.pending += len(codes)
        if self.pending > max(len(self.codes), _STEP):
            self._count()

    def _count(self) -> None:
        codes, counts = _distinct(np.concatenate(self.parts))
        self.parts, self.pending = [], 0
        if len(self.codes) and len(codes):  # merged with those counted before
            codes = np.concatenate((self.codes, codes))
            counts = np.concatenate((self.counts, counts))
            order = np.argsort(codes, kind="stable")
            codes, counts = codes[order], counts[order]
            del order
            starts = _run_starts(codes)
            codes, counts = codes[starts], np.add.reduceat(counts, starts)
        if len(codes):
            self.codes, self.counts = codes, counts

    def counted(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct codes (sorted) and their counts."""
        if self.parts:
            self._count()
        return self.codes, self.counts


def _run_starts(codes: np.ndarray) -> np.ndarray:
    """Where each run of equal codes starts in sorted, non-empty ``codes``."""
    first = np.empty(len(codes), np.bool_)
    first[0] = True
    np.not_equal(codes[1:], codes[:-1], out=first[1:])
    return np.flatnonzero(first)


def _distinct(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``codes`` (sorted here, in place) and their counts."""
    size = len(codes)
    if not size:
        return codes, np.empty(0, np.int64)
    codes.sort()
    starts = _run_starts(codes)
    distinct = codes[starts]
    del codes
    return distinct, np.diff(starts, append=size)


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
