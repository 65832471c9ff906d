"""N-gram and skip-bigram counting (ROUGE-N, ROUGE-S, ROUGE-SU)."""

from __future__ import annotations

from collections import Counter


def ngram_counts(tokens: list[str], n: int) -> Counter:
    """Counts of the n-grams of ``tokens`` (tuples; unigrams as plain strings)."""
    if n == 1:
        return Counter(tokens)
    if len(tokens) < n:
        return Counter()
    return Counter(zip(*[tokens[i:] for i in range(n)], strict=False))


def skip_bigram_counts(
    tokens: list[str], skip_distance: int, unigrams: bool, bigrams: Counter | None = None
) -> Counter:
    """Skip-bigrams as ROUGE-1.5.5's ``createSkipBigram`` counts them.

    Pairs (i, j) with i < j and, for ``skip_distance >= 0``, j <= i + skip + 1.
    With ``-u`` each token is also counted as a unigram, except the last one:
    the Perl loop stops one short (so a one-token text counts nothing at all).
    ``bigrams``, if given, must be ``ngram_counts(tokens, 2)``.
    """
    n = len(tokens)
    if n < 2:
        return Counter()
    max_gap = n - 1 if skip_distance < 0 else min(skip_distance + 1, n - 1)
    # Gap 1 are the plain bigrams: reuse their counts when the caller has them.
    grams = Counter(bigrams) if bigrams is not None else Counter(zip(tokens, tokens[1:], strict=False))
    for d in range(2, max_gap + 1):
        grams.update(zip(tokens, tokens[d:], strict=False))
    if unigrams:
        grams.update(tokens[:-1])
    return grams


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
