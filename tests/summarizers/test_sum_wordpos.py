"""Word-level position weights of the coverage concepts (issue 12, option ``word_position``):
the weights by hand, what the option changes in the objective, and that off it changes
nothing."""

from __future__ import annotations

import numpy as np
import pytest
from sum_helpers import make_cluster

import summarizer.summarizers.coverage as coverage
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.concepts import extract_concepts
from summarizer.summarizers.word_position import WORD_POSITIONS, word_position_weights

# two documents of 6 tokens, 2 sentences each (mean sentence length 3); the concept
# ("a", "b") is at offsets 0 and 4 of the first, at offset 2 (second sentence) of the second
TOKENS = [["a", "b", "c"], ["x", "a", "b"], ["q", "r"], ["a", "b", "z", "y"]]
DOCS = [0, 0, 1, 1]
NAMES = [("a", "b"), ("b", "c")]


@pytest.mark.parametrize(("use", "expected"), [
    ("first", [1 + (1 - 2 / 6), 1 - 1 / 6]),
    ("all", [1 + (1 - 4 / 6) + (1 - 2 / 6), 1 - 1 / 6]),
    ("first-rank", [1 + (1 - 2 / 6) / 2, 1 - 1 / 6]),
    ("offset", [1 + 1 / (1 + 2 / 3), 1 / (1 + 1 / 3)]),
])
def test_weights_by_hand(use, expected):
    assert word_position_weights(NAMES, TOKENS, DOCS, use) == pytest.approx(expected)


def test_first_rank_takes_the_decay_and_one_document_counts_sentences():
    got = word_position_weights(NAMES, TOKENS, DOCS, "first-rank", position_decay=2.0)
    assert got == pytest.approx([1 + (1 - 2 / 6) / 4, 1 - 1 / 6])
    # one document: each sentence is a unit, as for the default's document frequency
    one = word_position_weights(NAMES, TOKENS[:2], [0, 0], "first")
    assert one == pytest.approx([(1 - 0) + (1 - 4 / 6), 1 - 1 / 6])


def test_offsets_count_the_stemmed_tokens():
    tokens = [["abcd", "efgh", "x"], ["q", "abxx", "efyy"]]
    got = word_position_weights([("ab", "ef")], tokens, [0, 1], "first", stem_prefix=2)
    assert got == pytest.approx([1 + (1 - 1 / 3)])
    with pytest.raises(ValueError):
        word_position_weights(NAMES, TOKENS, DOCS, "last")


@pytest.mark.parametrize("use", WORD_POSITIONS)
def test_the_weights_of_real_concepts_move_from_the_default(use):
    pool = prepare(make_cluster())
    docs = [s.doc_index for s in pool.sentences]
    con = extract_concepts(pool.tokens, docs, pool.stopwords)
    got = word_position_weights(con.names, pool.tokens, docs, use)
    assert len(got) == len(con.weights) and (got > 0).all()
    assert not np.allclose(got, con.weights)
    if use == "first-rank":  # the default's rank weight times 1 - p: never more
        assert (got <= con.weights + 1e-12).all() and (got < con.weights).any()


def test_off_is_the_default_and_calls_nothing(monkeypatch):
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    monkeypatch.setattr(coverage, "word_position_weights",
                        lambda *a, **k: pytest.fail("word positions used while off"))
    off = get_summarizer("coverage", word_position=None).summarize(cluster, Budget(words=60))
    assert off.sentences == before.sentences  # text, provenance and scores
    assert "word_position" not in off.settings and off.settings == before.settings


def test_the_option_weights_reach_the_objective(monkeypatch):
    """All the worth on one concept picks the sentence that holds it, and the summary
    records the option."""
    only_concepts = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0}
    cluster = make_cluster()
    plain = get_summarizer("coverage", **only_concepts).summarize(cluster, Budget(sentences=1))
    assert "officials said" not in plain.text.lower()
    asked = []

    def on_one(names, tokens, docs, use, *rest):
        asked.append(use)
        return np.array([1.0 if n == ("officials", "said") else 0.0 for n in names])

    monkeypatch.setattr(coverage, "word_position_weights", on_one)
    got = get_summarizer("coverage", word_position="all", **only_concepts).summarize(
        cluster, Budget(sentences=1))
    assert asked == ["all"] and "officials said" in got.text.lower()
    assert got.settings["word_position"] == "all"


def test_bad_values_are_refused():
    with pytest.raises(OptionError):
        get_summarizer("coverage", word_position="last")
    with pytest.raises(OptionError, match="position_decay"):
        get_summarizer("coverage", word_position="first", position_decay=2.0)
    get_summarizer("coverage", word_position="first-rank", position_decay=2.0)  # it uses it
