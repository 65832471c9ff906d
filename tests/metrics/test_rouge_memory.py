"""ROUGE-1.5.5 mode in bounded memory: the same numbers as the plain dict counting."""

from __future__ import annotations

import random
from collections import Counter

from helpers import traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.metrics.rouge155 import Rouge155, Rouge155Options
from summarizer.metrics.rouge155.ngrams import clipped_hits, skip_bigram_counts, skip_hits


def dict_skip_bigrams(tokens: list[str], skip_distance: int, unigrams: bool) -> Counter:
    """ROUGE-1.5.5's createSkipBigram written plainly: the oracle of the coded counts."""
    grams: Counter = Counter()
    n = len(tokens)
    if n < 2:
        return grams
    for i in range(n - 1):
        for j in range(i + 1, n):
            if skip_distance >= 0 and j - i > skip_distance + 1:
                break
            grams[(tokens[i], tokens[j])] += 1
        if unigrams:
            grams[tokens[i]] += 1
    return grams


texts = st.lists(st.sampled_from("abcdefgh"), max_size=40)
distances = st.sampled_from([-1, 0, 1, 4, 9, 50])


@settings(max_examples=300, deadline=None)
@given(texts, texts, distances, st.booleans())
def test_coded_skip_bigrams_count_and_clip_as_dicts_do(a, b, skip, unigrams):
    ca, cb = skip_bigram_counts(a, skip, unigrams), skip_bigram_counts(b, skip, unigrams)
    da, db = dict_skip_bigrams(a, skip, unigrams), dict_skip_bigrams(b, skip, unigrams)
    assert ca.as_counter() == da and cb.as_counter() == db
    assert (ca.total, cb.total) == (sum(da.values()), sum(db.values()))
    assert skip_hits(ca, cb) == skip_hits(cb, ca) == clipped_hits(da, db)


def _words(rng: random.Random, n: int, vocabulary: int = 600) -> str:
    vocab = [f"w{i}" for i in range(vocabulary)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def test_rouge_s_without_a_distance_limit_scores_as_the_dicts_did():
    rng = random.Random(11)
    scorer = Rouge155(Rouge155Options(max_n=0, rouge_l=False, skip_distance=-1,
                                      skip_unigrams=True, scoring="A"))
    for _ in range(5):
        peer = _words(rng, rng.randint(0, 150))
        refs = [_words(rng, rng.randint(1, 150)) for _ in range(rng.randint(1, 3))]
        score, counts = scorer.score_with_counts(peer, refs)["ROUGE-SU*"]
        tok = [t.split() for t in [peer, *refs]]
        grams = [dict_skip_bigrams(t, -1, True) for t in tok]
        assert counts.hit == sum(clipped_hits(g, grams[0]) for g in grams[1:])
        assert counts.model == sum(sum(g.values()) for g in grams[1:])
        assert counts.peer == len(refs) * sum(grams[0].values())


def test_rouge_s_star_memory_is_bytes_a_pair_not_a_dict_entry():
    # 1,500 words each of 5,000 distinct ones (most pairs distinct, as in news text):
    # 1.1 million pairs a text. Bytes at the peak per pair of both texts:
    rng = random.Random(3)
    peer, ref = _words(rng, 1500, 5000), _words(rng, 1500, 5000)
    scorer = Rouge155(Rouge155Options(max_n=0, rouge_l=False, skip_distance=-1))
    scorer.score("a b", ["a b"])  # imports and first-call caches before tracing
    with traced_memory() as mem:
        scorer.score(peer, [ref])
    pairs = 2 * 1500 * 1499 // 2
    assert mem.peak < 32 * pairs, mem.peak / pairs  # dict counts: 87; coded: 24
