"""Concepts of content-word pairs (issue 12, option ``content_window`` of ``coverage``): the
function words dropped before pairing, each content word paired with the next k. The
concepts of a small cluster by hand, properties over varied input against the string-level
:func:`concept_grams`, the option reaching ``coverage`` and recorded, its errors, and that
the default is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import make_cluster, weights_by_name

import summarizer.summarizers.coverage as coverage
from summarizer.cli import main
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.concepts import MAX_WINDOW, concept_grams, extract_concepts

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")

# "the minister for foreign affairs met ..." and "minister foreign met ...": as adjacent
# words the two sentences share no bigram; without the function words they share pairs
TOKENS = [["the", "minister", "for", "foreign", "affairs", "met"],   # document 0
          ["minister", "foreign", "met", "press"]]                     # document 1
STOP = frozenset({"the", "for"})


def test_content_pairs_by_hand():
    assert extract_concepts(TOKENS, [0, 1], STOP).names == []  # adjacent words: none recurs
    one = extract_concepts(TOKENS, [0, 1], STOP, window=1)
    assert weights_by_name(one) == {("minister", "foreign"): 2.0}  # rank 0 in both
    two = extract_concepts(TOKENS, [0, 1], STOP, window=2)
    # ("foreign", "met"): "affairs" between them in document 0, nothing in document 1
    assert weights_by_name(two) == {("foreign", "met"): 2.0, ("minister", "foreign"): 2.0}
    three = extract_concepts(TOKENS, [0, 1], STOP, window=3)
    assert three.names == [("foreign", "met"), ("minister", "foreign"), ("minister", "met")]
    # in their order: ("foreign", "minister") is no pair of either sentence
    assert all(s.tolist() == [0, 1, 2] for s in three.per_sentence)


def test_pairs_stay_within_a_sentence_and_count_ranks():
    # ("rain", "flood") spans two sentences of document 0: no pair there; in document 1 it is
    # one, in document 2 at rank 1
    tokens = [["heavy", "rain"], ["flood", "warning"], ["rain", "the", "flood"],
              ["calm"], ["rain", "flood"]]
    got = extract_concepts(tokens, [0, 0, 1, 2, 2], frozenset({"the"}), window=2)
    assert weights_by_name(got) == {("rain", "flood"): 1.0 + 1 / 2}
    assert [s.tolist() for s in got.per_sentence] == [[], [], [0], [], [0]]


def test_both_keeps_the_words_beside_the_pairs():
    got = weights_by_name(extract_concepts(TOKENS, [0, 1], STOP, window=1,
                                           concept_units="both", unigram_weight=0.5))
    words = weights_by_name(extract_concepts(TOKENS, [0, 1], STOP, concept_units="unigrams"))
    assert got == {("minister", "foreign"): 2.0, **{n: w * 0.5 for n, w in words.items()}}


def test_prefix_stemming_applies_before_pairing():
    tokens = [["ministra", "pro", "zahraniční"], ["ministr", "zahraničí"]]
    got = extract_concepts(tokens, [0, 1], frozenset({"pro"}), stem_prefix=6, window=1)
    assert got.names == [("minist", "zahran")]


words = st.sampled_from(["a", "b", "c", "d", "e", "the", "of"])
STOPS = frozenset({"the", "of"})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, max_size=7), min_size=1, max_size=8),
       st.integers(1, 3), st.floats(0.0, 2.0), st.integers(1, MAX_WINDOW), st.data())
def test_properties_over_varied_clusters(tokens, min_df, decay, window, data):
    docs = sorted(data.draw(st.lists(st.integers(0, 3), min_size=len(tokens),
                                     max_size=len(tokens))))
    got = extract_concepts(tokens, docs, STOPS, min_df=min_df, position_decay=decay,
                           window=window)
    grams = concept_grams(STOPS, None, window=window)
    # by brute force: each pair's units and the first rank it has in each
    n_docs = len(set(docs))
    units = docs if n_docs >= 2 else list(range(len(tokens)))
    ranks = [docs[:k].count(d) for k, d in enumerate(docs)]
    first: dict[tuple[str, ...], dict[int, int]] = {}
    for t, u, r in zip(tokens, units, ranks, strict=True):
        for g in grams(t):
            assert len(g) == 2 and not STOPS.intersection(g)
            first.setdefault(g, {}).setdefault(u, r)
    need = min(min_df, n_docs) if n_docs >= 2 else 2
    expect = {g: sum((1.0 + r) ** -decay for r in at.values())
              for g, at in first.items() if len(at) >= need}
    assert got.names == sorted(expect)
    assert weights_by_name(got) == pytest.approx(expect)
    for k, t in enumerate(tokens):  # each sentence holds the concepts of its pairs
        assert {got.names[i] for i in got.per_sentence[k]} == grams(t) & set(expect)


def test_a_long_text_in_several_blocks_gives_the_same_concepts(monkeypatch):
    # the pairs of a block are sorted by sentence: a pair seen at a distance 2 in an earlier
    # sentence and at 1 in a later one counts the earlier one's rank
    import summarizer.summarizers.concepts as concepts

    rng = np.random.default_rng(0)
    vocab = ["a", "b", "c", "d", "the", "of"]
    tokens = [list(rng.choice(vocab, size=6)) for _ in range(60)]
    docs = [k // 10 for k in range(60)]
    whole = extract_concepts(tokens, docs, STOPS, window=3)
    monkeypatch.setattr(concepts, "_BLOCK_TOKENS", 7)
    split = extract_concepts(tokens, docs, STOPS, window=3)
    assert split.names == whole.names and np.array_equal(split.weights, whole.weights)
    assert all(np.array_equal(a, b) for a, b in zip(split.per_sentence, whole.per_sentence,
                                                    strict=True))


def test_off_is_the_default_and_leaves_its_settings():
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", content_window=None).summarize(cluster, Budget(words=60))
    assert off.sentences == before.sentences
    assert off.settings == before.settings and "content_window" not in off.settings


def test_the_option_reaches_the_concepts_and_is_recorded(monkeypatch):
    seen = []

    def spy(*args, **kwargs):
        got = extract_concepts(*args, **kwargs)
        seen.append((args, kwargs, got))
        return got

    monkeypatch.setattr(coverage, "extract_concepts", spy)
    cluster = make_cluster()
    got = get_summarizer("coverage", content_window=2).summarize(
        cluster, Budget(words=60, truncate=True))
    assert got.text and len(seen) == 1 and got.settings["content_window"] == 2
    (args, kwargs, con) = seen[0]
    assert kwargs["window"] == 2  # passed on
    stops = args[2]
    assert con.names and all(len(n) == 2 and not stops.intersection(n) for n in con.names)


@pytest.mark.parametrize("options, message", [
    ({"content_window": 0}, r"content_window must be an int in \[1, 5\]"),
    ({"content_window": MAX_WINDOW + 1}, "content_window must be"),
    ({"content_window": True}, "content_window"),
    ({"content_window": 2.0}, "content_window"),
    ({"content_window": "2"}, "content_window"),
    ({"content_window": 1, "concept_units": "unigrams"}, "would not be used"),
    ({"content_window": 1, "word_position": "first"}, "two adjacent words"),
    ({"content_window": 1, "concept_weighting": "learned"}, "two adjacent words"),
])
def test_bad_values_are_refused(options, message):
    with pytest.raises(OptionError, match=message):
        get_summarizer("coverage", **options)


def test_cli_bad_value_is_one_line(capsys):
    code = main(["summarize", SEEDS, "--option", "content_window=9"])
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code != 0 and out == "" and len(lines) == 1
    assert lines[0].startswith("summarizer: error: ") and "content_window" in lines[0]
    code = main(["summarize", SEEDS, "--option", "content_window=2", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["settings"]["content_window"] == 2
