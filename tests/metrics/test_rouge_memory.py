"""ROUGE-1.5.5 mode in bounded memory: the same numbers as the plain dict counting."""

from __future__ import annotations

import random
from collections import Counter
from unittest import mock

import pytest
from helpers import rouge_command_peak, run_cli, traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.metrics import RougeScorer
from summarizer.metrics.rouge155 import Rouge155, Rouge155Options
from summarizer.metrics.rouge155.ngrams import (
    clipped_hits,
    ngram_counts,
    skip_bigram_counts,
    skip_hits,
)


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


@settings(max_examples=300, deadline=None)
@given(texts, st.sets(st.sampled_from("abcdefgh")), distances, st.booleans(),
       st.sampled_from([1, 2, 3, 1 << 18]))
def test_counts_in_some_words_are_the_whole_counts_of_those_words(a, words, skip, unigrams,
                                                                   step):
    # A long peer's grams are counted in its references' words only, a few kept tokens
    # at a time (ngrams._STEP, small here so that the parts are merged): each count is
    # the whole text's, and the skip total still counts every pair.
    from summarizer.metrics.rouge155 import ngrams

    whole = dict_skip_bigrams(a, skip, unigrams)
    with mock.patch.object(ngrams, "_STEP", step):
        got = skip_bigram_counts(a, skip, unigrams, words=words)
    inside = words.issuperset
    assert got.as_counter() == {g: c for g, c in whole.items()
                                if inside((g,) if isinstance(g, str) else g)}
    assert got.total == sum(whole.values())
    for n in (1, 2, 3):
        want = {g: c for g, c in ngram_counts(a, n).items()
                if inside((g,) if n == 1 else g)}
        assert ngram_counts(a, n, words) == want


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


@settings(max_examples=150, deadline=None)
@given(texts, st.lists(texts, min_size=1, max_size=3), st.integers(1, 9), st.sampled_from("AB"))
def test_n_grams_counted_per_order_score_as_all_tables_held(peer, refs, top, scoring):
    # Orders past Rouge155._KEPT_N are counted while scored, and skipped once a
    # reference shares no shorter one with the peer: the counts stay each order's own.
    scorer = Rouge155(Rouge155Options(max_n=top, rouge_l=False, scoring=scoring))
    got = scorer.score_with_counts(" ".join(peer), [" ".join(r) for r in refs])
    for n in range(1, top + 1):
        per_ref = [(clipped_hits(ngram_counts(r, n), ngram_counts(peer, n)),
                    max(len(r) - n + 1, 0)) for r in refs]
        pc = max(len(peer) - n + 1, 0)
        if scoring == "A":
            want = (sum(m for _, m in per_ref), len(refs) * pc, sum(h for h, _ in per_ref))
        else:  # the first reference with the best 5-decimal recall
            recalls = [float(f"{h / m:7.5f}") if m else 0.0 for h, m in per_ref]
            h, m = per_ref[recalls.index(max(recalls))]
            want = (m, pc, h)
        counts = got[f"ROUGE-{n}"][1]
        assert (counts.model, counts.peer, counts.hit) == want, n


def test_n_100_holds_one_order_of_n_grams_at_a_time():
    # A text against itself shares every n-gram (nothing skipped). All 100 tables of
    # both 1,000-word texts held 91 MB; one order at a time, 6.
    text = _words(random.Random(5), 1000, 5000)
    scorer = Rouge155(Rouge155Options(max_n=100, rouge_l=False))
    scorer.score("a b", ["a b"])
    with traced_memory() as mem:
        got = scorer.score_with_counts(text, [text])
    assert got["ROUGE-100"][1].hit == 901
    assert mem.peak < 15 * 2**20, mem.peak


def _long_summary() -> tuple[str, str]:
    """200,000 tokens of 5,000 words a line of 20 at a time, and a 250-word reference."""
    rng = random.Random(7)
    return "\n".join(_words(rng, 20, 5000) for _ in range(10_000)), _words(rng, 250, 400)


def test_a_summary_far_longer_than_its_references_costs_a_few_bytes_a_byte():
    # A whole article scored as the summary (`summarizer rouge - REF` with 200 MB piped
    # in peaked at 6.4 GB). Each token was its own str (about 55 bytes) and the summary's
    # n-gram table and skip-bigram codes held every gram, shared or not: 72 bytes a byte
    # of text at the peak; one str a distinct word and grams of the reference's words
    # only, 10. Then its lines were held twice (a list, and ROUGE-1.5.5's view of them),
    # its tokens twice (a list, and one a line), beside a list of them with the words
    # left out as None, and the skip-bigrams of each gap at once: now 3.6.
    peer, ref = _long_summary()
    scorer = RougeScorer()  # the CLI's default options: -n 2, ROUGE-L, -2 4 -u
    scorer.score("a b", ["a b"])
    with traced_memory() as mem:
        scorer.score(peer, [ref])
    assert mem.peak < 5 * len(peer), mem.peak / len(peer)


def test_the_rouge_command_holds_a_long_summary_once(tmp_path):
    # The command joined the summary's lines to see whether it was blank, and dropped
    # the invisible characters from the join: two more copies of it, its peak, each of
    # two bytes a character with one character past U+00FF anywhere (a euro sign).
    peer, ref = _long_summary()
    peer += "\nthe price rose to 5 \u20ac"
    peak = rouge_command_peak(tmp_path, peer + "\n", ref + "\n")
    assert peak < 5 * len(peer), peak / len(peer)


words = st.lists(st.sampled_from("abcdefghijklmnop"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(words, st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=12), min_size=1,
                       max_size=3), st.sampled_from([0, 1, 4, -1]), st.booleans(),
       st.sampled_from("AB"))
def test_a_summary_counted_in_its_references_words_scores_as_counted_whole(
        peer, refs, skip, unigrams, scoring):
    # A summary longer than its references together has its words outside every
    # reference (i..p here) left out of its n-gram and skip-bigram tables, never out of
    # its totals: every count is the whole text's, longer or not.
    scorer = Rouge155(Rouge155Options(max_n=3, rouge_l=True, skip_distance=skip,
                                      skip_unigrams=unigrams, scoring=scoring))
    got = scorer.score_with_counts(" ".join(peer), [" ".join(r) for r in refs])
    name = next(k for k in got if k.startswith("ROUGE-S"))
    whole = [dict_skip_bigrams(t, skip, unigrams) for t in (peer, *refs)]
    per_ref = [(clipped_hits(g, whole[0]), sum(g.values())) for g in whole[1:]]
    pc = sum(whole[0].values())
    counts = got[name][1]
    if scoring == "A":
        want = (sum(m for _, m in per_ref), len(refs) * pc, sum(h for h, _ in per_ref))
    else:
        recalls = [float(f"{h / m:7.5f}") if m else 0.0 for h, m in per_ref]
        h, m = per_ref[recalls.index(max(recalls))]
        want = (m, pc, h)
    assert (counts.model, counts.peer, counts.hit) == want
    for n in (1, 2, 3):
        per_ref = [(clipped_hits(ngram_counts(r, n), ngram_counts(peer, n)),
                    max(len(r) - n + 1, 0)) for r in refs]
        if scoring == "A":
            assert got[f"ROUGE-{n}"][1].hit == sum(h for h, _ in per_ref)


def test_skip_bigrams_past_the_bound_are_refused_before_they_are_held(monkeypatch):
    """``-2 -1`` holds n(n-1)/2 skip-bigrams of a text of n tokens: a long summary made of
    its references' words asked numpy for tens of GB (100,000 tokens: 5e9 pairs) and ended
    in MemoryError or swapping. Now the count is checked before anything is held."""
    from summarizer.metrics.rouge155 import ngrams

    monkeypatch.setattr(ngrams, "MAX_SKIP_PAIRS", 10)
    assert skip_bigram_counts(list("abcde"), -1, False).total == 10  # at the bound: counted
    with pytest.raises(InputError, match=r"6 tokens has up to 15 skip-bigrams with no "
                       r"distance limit, over the bound of 10 .*give a distance limit"):
        skip_bigram_counts(list("abcdef"), -1, False)
    assert skip_bigram_counts(list("abcdefghijk"), 0, False).total == 10  # a distance: n - 1
    with pytest.raises(InputError, match="within -2 0, .*give a shorter distance"):
        skip_bigram_counts(list("abcdefghijkl"), 0, False)
    # a long peer counts only its references' words: 2 of 7 kept hold 1 pair, under the bound
    assert skip_bigram_counts(list("xaxxbxx"), -1, False, words={"a", "b"}).total == 21


def test_rouge_s_past_the_bound_is_one_line_from_the_cli(tmp_path, monkeypatch):
    from summarizer.metrics.rouge155 import ngrams

    monkeypatch.setattr(ngrams, "MAX_SKIP_PAIRS", 1_000)
    ref = tmp_path / "ref.txt"
    ref.write_text("the council met on monday and voted for the plan\n", encoding="utf-8")
    peer = tmp_path / "peer.txt"
    peer.write_text(" ".join(["the council voted the plan"] * 20) + "\n", encoding="utf-8")
    code, out, err = run_cli(["rouge", str(peer), str(ref), "-2", "-1"])
    assert code == 2 and out == "" and "over the bound of 1,000" in err
    code, out, _ = run_cli(["rouge", str(peer), str(ref), "-2", "4"])  # 5 a token: under it
    assert code == 0 and "ROUGE-S4" in out


def test_the_stem_cache_is_bounded_in_bytes_whatever_the_tokens_length(monkeypatch):
    # -m's cache was bounded by its count alone (500,000 entries): 4,000-character tokens
    # (pathological input) held 4 KB each and as much again a stem, some 4 GB at the count
    import sys

    from summarizer.metrics.rouge155.stem import Rouge155Stemmer, porter_stem

    bound = 256 * 1024
    monkeypatch.setattr(Rouge155Stemmer, "MAX_CACHE_BYTES", bound, raising=False)
    stemmer = Rouge155Stemmer({"were": "be"})
    long = [f"walk{i:05d}" + "ing" * 1330 for i in range(200)]  # 4,012 characters each
    words = ["walking", "councils", "were", "the"]
    longish = [f"call{i:05d}" + ("ness", "néss")[i % 2] * 12 + "ings"  # 61 characters
               for i in range(3000)]
    for token in long + words + longish + long:
        assert stemmer(token) == ({"were": "be"}.get(token) or porter_stem(token)
                                  if len(token) > 3 else token)
    cache = stemmer.cache
    held = sum(sys.getsizeof(k) + (0 if v is k else sys.getsizeof(v)) for k, v in cache.items())
    assert held <= bound, f"{held:,} bytes of strings held in a {bound:,}-byte bound"
    # its own count covers what it holds and stays within the bound
    assert held < getattr(stemmer, "cache_bytes", 0) <= bound
    # the long tokens took no room from the words, and the 61-character ones filled it
    assert all(w in cache for w in words) and not any(t in cache for t in long)
    assert 0 < sum(t in cache for t in longish) < len(longish)


piece_text = st.text(alphabet=st.sampled_from("ab0 \t\r\x0b\x0c-.\xe9A"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(piece_text, max_size=4), st.integers(1, 12), st.booleans(), st.booleans())
def test_a_long_piece_tokenised_in_parts_gives_the_tokens_and_bounds_of_it_whole(
        pieces, size, stem, stop):
    from summarizer.metrics.rouge155 import tokenize
    from summarizer.metrics.rouge155.stem import Rouge155Stemmer

    pieces = [p.translate(tokenize._UPPER) for p in pieces]
    for p in pieces:  # cut only between tokens, and the parts' tokens are the piece's
        parts = list(tokenize.piece_parts(p, size))
        assert " ".join(parts).split() == p.split()  # cut at whitespace only
        assert [t for q in parts for t in tokenize._TOKEN.findall(q)] == tokenize._TOKEN.findall(p)
    tok = tokenize.make_token_filter(frozenset({"ab", "b0"}) if stop else None,
                                     Rouge155Stemmer({"abab": "x"}) if stem else None)
    whole = tokenize.tokenized(pieces, tok, {}.setdefault)
    with mock.patch.object(tokenize, "_PART", size):
        in_parts = tokenize.tokenized(pieces, tok, {}.setdefault)
    assert in_parts == whole


def test_the_skip_bigram_bound_says_the_peak_it_allows():
    # 2**28 pairs let about 19 GB through (75 bytes a pair measured, both texts) where the
    # message said 4; the bound is now 2**26, refused before anything is allocated
    from summarizer.errors import InputError
    from summarizer.metrics import rouge
    from summarizer.metrics.rouge155.options import MAX_SKIP_PAIRS, PEAK_BYTES_PER_SKIP_PAIR

    assert MAX_SKIP_PAIRS == 2**26 and MAX_SKIP_PAIRS * PEAK_BYTES_PER_SKIP_PAIR < 5 * 2**30
    n = 12_000  # n(n-1)/2 + n - 1 pairs with -u: over the bound
    text = " ".join(f"w{i}" for i in range(n))
    with pytest.raises(InputError, match=r"over the bound of 67,108,864 held at once \(about "
                                         r"4\.7 GB at the peak"):
        rouge([text], [[text]], options="-2 -1 -u", resamples=1)
