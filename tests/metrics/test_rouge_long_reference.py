"""A long reference counted in each summary's words (Rouge155._in_words) scores exactly as
counted whole, and holds a few bytes a byte of its text."""

from __future__ import annotations

import functools
import random

import pytest
from helpers import rouge_command_peak, traced_memory
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError, ResourceError
from summarizer.metrics.rouge155 import Rouge155, Rouge155Options
from summarizer.metrics.rouge155 import ngrams as ngrams_module
from summarizer.metrics.rouge155.tokenize import (
    as_lines,
    iter_lines,
    truncate_joined,
    truncate_units,
)

# words that -m stems together and -s drops, beside plain ones
POOL = ["a", "b", "c", "d", "the", "of", "and", "running", "runs", "run", "cats", "cat", "x1", "-"]
sentences = st.lists(st.lists(st.sampled_from(POOL), max_size=8).map(" ".join), max_size=5)


@functools.cache
def _scorers(options: Rouge155Options) -> tuple[Rouge155, Rouge155, Rouge155]:
    """The same options three times: references counted whole, every reference counted in
    the summary's words, and those of over 6 tokens only."""
    whole, every, some = Rouge155(options), Rouge155(options), Rouge155(options)
    every._LONG_TOKENS = -1  # type: ignore[misc]
    some._LONG_TOKENS = 6  # type: ignore[misc]
    return whole, every, some


def _options(**kw) -> Rouge155Options:
    options = Rouge155Options(**kw)
    try:
        _scorers(options)
    except ResourceError as e:  # -m/-s data absent (a user's machine): shared/data README
        pytest.skip(f"ROUGE-1.5.5 data absent: {e}")
    return options


def _same(options: Rouge155Options, peer, refs) -> None:
    whole, *long = _scorers(options)
    want = whole.score_with_counts(peer, refs)
    want_tokens = whole.score_with_tokens(peer, refs)[1:]
    for scorer in long:
        assert scorer.score_with_counts(peer, refs) == want
        assert scorer.score_with_tokens(peer, refs)[1:] == want_tokens


@settings(max_examples=400, deadline=None)
@given(sentences, st.lists(sentences, min_size=1, max_size=3),
       st.sampled_from([None, -1, 0, 1, 4]), st.booleans(), st.integers(0, 5), st.booleans(),
       st.booleans(), st.sampled_from("AB"),
       st.sampled_from([{}, {"length_words": 3}, {"length_words": 9}, {"length_bytes": 10},
                        {"length_bytes": 40}]))
# -b: ROUGE-L's units of the summary hold a "b" its tokens (cut at 40 bytes) lack
@example(["a a a running", "a a a a a a a a", "a a a a a c b"], [["b c"]], None, False, 0,
         True, False, "A", {"length_bytes": 40})
def test_long_references_in_the_summarys_words_score_as_counted_whole(
        peer, refs, skip, unigrams, max_n, rouge_l, rouge_w, scoring, length):
    # -n 5: an order past _KEPT_N, counted while scored; several references pooled (-f A)
    # or the best kept (-f B), some long and some not
    options = _options(max_n=max_n, rouge_l=rouge_l, rouge_w=rouge_w, skip_distance=skip,
                       skip_unigrams=unigrams and skip is not None, scoring=scoring, **length)
    _same(options, peer, refs)
    _same(options, " ".join(peer), [" ".join(r) for r in refs])  # each text one unit


@pytest.mark.parametrize("stem,stop", [(True, False), (False, True), (True, True)])
@settings(max_examples=100, deadline=None)
@given(peer=sentences, refs=st.lists(sentences, min_size=1, max_size=3),
       skip=st.sampled_from([-1, 4]), length=st.sampled_from([{}, {"length_words": 5}]))
def test_stemmed_and_stopped_long_references_score_as_counted_whole(
        stem, stop, peer, refs, skip, length):
    options = _options(max_n=2, skip_distance=skip, skip_unigrams=True, stem=stem,
                       remove_stopwords=stop, rouge_w=True, **length)
    _same(options, peer, refs)


def test_a_long_reference_counted_in_a_summarys_words_says_so_past_the_skip_bound(monkeypatch):
    monkeypatch.setattr(ngrams_module, "MAX_SKIP_PAIRS", 10)
    scorer = Rouge155(Rouge155Options(max_n=1, rouge_l=False, skip_distance=-1))
    scorer._LONG_TOKENS = 3  # type: ignore[misc]
    # 20 tokens, 190 pairs: only the summary's words' 6 tokens (15 pairs) would be held
    with pytest.raises(InputError, match=r"20 tokens \(6 of them words of the summary\)"):
        scorer.score("a b", ["a b x x " * 3 + " y" * 8])
    assert scorer.score("a", ["a b x x " * 5])["ROUGE-S*"].recall == 0.0  # 5 kept: 10 pairs


def _long_reference(words: int) -> str:
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(5_000)] + ["the", "of", "and", "police", "council"] * 200
    lines = (" ".join(rng.choice(vocab) for _ in range(20)) for _ in range(words // 20))
    return "\n".join(lines)


def test_a_long_reference_holds_a_few_bytes_a_byte_of_it():
    # A 50 MB reference took 1.1 GB with the CLI's default options (-n 2, ROUGE-L,
    # -2 4 -u): its skip-bigram codes, 8 bytes a pair at -2 4 (40 bytes a token) sorted in
    # place, and ROUGE-L's positions of every token (a list of ints, 36 bytes a token) were
    # built before the summary was known. In the summary's words, they are its
    # token list (8 bytes a token) and the few grams it shares.
    ref = _long_reference(100_000)
    peer = "the police and the council met on monday w1 w2 w3 of the w4"
    scorer = Rouge155(Rouge155Options(max_n=2, skip_distance=4, skip_unigrams=True))
    scorer.score("a b", ["a b"])
    with traced_memory() as mem:
        scorer.score(peer, [ref.split("\n")])
    assert mem.peak < 8 * len(ref), mem.peak / len(ref)


def test_the_rouge_command_holds_a_long_reference_in_a_few_bytes_a_byte(tmp_path):
    ref = _long_reference(100_000)
    peak = rouge_command_peak(tmp_path, "the police and the council met w1 w2\n", ref + "\n")
    assert peak < 6 * len(ref), peak / len(ref)


def _truncated_whole(text, words: int, chars: int, units: bool) -> list[str]:
    """-l/-b as before the cut: every line viewed whole, and split whole for -l (Perl's
    split(/\\s+/) on the bytes view, ASCII whitespace: a leading empty field kept,
    trailing ones dropped)."""
    import re

    def perl_split_ws(s: str) -> list[str]:
        fields = re.split(r"[ \t\n\r\f\v]+", s)
        while fields and fields[-1] == "":
            fields.pop()
        return fields

    out, used = [], 0
    for s in as_lines(text):
        if words:
            fields = perl_split_ws(s)
            if used + len(fields) < words:
                out.append(s)
                used += len(fields)
                continue
            out.append(" ".join(fields[:words - used]))
        elif units:  # readText_LCS never adds to its byte count
            if len(s) < chars:
                out.append(s)
                continue
            out.append(s[:chars])
        else:
            if used + len(s) < chars:
                out.append(s)
                used += len(s)
                continue
            out.append(s[:chars - used])
        break
    return out


line_text = st.text(st.sampled_from(["a", "B", "7", " ", "\t", "\v", "\r", "\n", "\x85",
                                     "\xa0", "\u20ac", "\u2003", "-", "\udc9f"]), max_size=30)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(line_text, st.lists(line_text, max_size=4)), st.integers(1, 12),
       st.booleans(), st.booleans())
def test_lines_cut_before_they_are_viewed_keep_what_l_and_b_keep(text, limit, bytes_, units):
    # -l N on a one-line 50 MB reference split the whole line into fields, and viewed it
    # whole as bytes, to keep N words of it
    words, chars = (0, limit) if bytes_ else (limit, 0)
    truncate = truncate_units if units else truncate_joined
    got = truncate(iter_lines(text, words, chars), words, chars)
    assert list(got) == _truncated_whole(text, words, chars, units and bytes_)
    assert as_lines(text, words, chars) == list(iter_lines(text, words, chars))


def test_l_takes_the_first_words_of_a_long_line_without_splitting_it_whole():
    line = "Word " * 2_000_000  # 10 MB
    with traced_memory() as mem:
        kept = truncate_joined(iter_lines([line], 100, 0), 100, 0)
    assert kept == [" ".join(["word"] * 100)]
    assert mem.peak < len(line) // 10, mem.peak
