"""Concepts found in one document only, kept with ``min_df=1`` and scaled by the coverage
option ``single_df_weight`` (issue 12): the weights of a small cluster by hand, properties
over varied input, the option reaching ``coverage`` and its settings, its errors, and that
the default is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import (
    CONCEPT_DOCS,
    CONCEPT_STOP,
    CONCEPT_TOKENS,
    make_cluster,
    weights_by_name,
)

import summarizer.summarizers.coverage as coverage
from summarizer.cli import main
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.concepts import extract_concepts

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")

# the cluster of sum_helpers.CONCEPT_TOKENS (its comment says where each concept is)
TOKENS, DOCS, STOP = CONCEPT_TOKENS, CONCEPT_DOCS, CONCEPT_STOP
_by_name = weights_by_name


@pytest.mark.parametrize("weight", [0.0, 0.25, 1.0])
def test_a_concept_in_one_document_is_scaled_by_hand(weight):
    got = _by_name(extract_concepts(TOKENS, DOCS, STOP, min_df=1, single_df_weight=weight))
    assert got[("valley", "homes")] == weight * 1 / 2   # rank 1 of document 1
    assert got[("rain", "homes")] == weight * 1.0       # rank 0 of document 2
    assert got[("flood", "rose")] == weight * 1 / 2
    # recurring concepts keep their weight: ranks 0 and 1
    assert got[("river", "flood")] == got[("the", "river")] == 1.0 + 1 / 2


def test_the_default_weight_is_min_df_1_bit_for_bit():
    plain = extract_concepts(TOKENS, DOCS, STOP, min_df=1)
    one = extract_concepts(TOKENS, DOCS, STOP, min_df=1, single_df_weight=1.0)
    assert plain.names == one.names and np.array_equal(plain.weights, one.weights)
    # with min_df 2 there is nothing in one document to scale
    two = extract_concepts(TOKENS, DOCS, STOP)
    scaled = extract_concepts(TOKENS, DOCS, STOP, single_df_weight=0.1)
    assert two.names == scaled.names and np.array_equal(two.weights, scaled.weights)


def test_one_document_counts_sentences_and_scales_nothing():
    # one document: a concept must be in two sentences whatever min_df, so none is single
    tokens = [["rain", "homes"], ["rain", "homes", "flood"], ["homes", "flood"]]
    plain = extract_concepts(tokens, [0, 0, 0], STOP, min_df=1)
    scaled = extract_concepts(tokens, [0, 0, 0], STOP, min_df=1, single_df_weight=0.1)
    assert plain.names == scaled.names and np.array_equal(plain.weights, scaled.weights)


words = st.sampled_from(["a", "b", "c", "d", "e", "the", "of"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, max_size=6), min_size=1, max_size=8),
       st.floats(0.0, 2.0), st.sampled_from([0.0, 0.1, 0.5]), st.data())
def test_properties_over_varied_clusters(tokens, decay, weight, data):
    docs = sorted(data.draw(st.lists(st.integers(0, 3), min_size=len(tokens),
                                     max_size=len(tokens))))
    plain = extract_concepts(tokens, docs, STOP, min_df=1, position_decay=decay)
    scaled = extract_concepts(tokens, docs, STOP, min_df=1, position_decay=decay,
                              single_df_weight=weight)
    assert plain.names == scaled.names
    assert [a.tolist() for a in plain.per_sentence] == [a.tolist() for a in scaled.per_sentence]
    # the documents of every concept, by brute force
    seen: dict[tuple[str, ...], set[int]] = {}
    for k, ids in enumerate(plain.per_sentence):
        for i in ids:
            seen.setdefault(plain.names[i], set()).add(docs[k])
    multi = len(set(docs)) >= 2
    expect = [w * (weight if multi and len(seen[n]) == 1 else 1.0)
              for n, w in zip(plain.names, plain.weights, strict=True)]
    assert scaled.weights.tolist() == pytest.approx(expect)


def test_off_is_the_default_and_leaves_its_settings():
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", single_df_weight=None).summarize(cluster,
                                                                        Budget(words=60))
    assert off.sentences == before.sentences and off.text == before.text
    assert off.settings == before.settings and "single_df_weight" not in off.settings


def test_the_option_reaches_the_concepts_and_is_recorded(monkeypatch):
    seen = []

    def spy(*args, **kwargs):
        got = extract_concepts(*args, **kwargs)
        plain = extract_concepts(*args[:-1], **kwargs)  # the same without the scaling
        seen.append((got, plain))
        return got

    monkeypatch.setattr(coverage, "extract_concepts", spy)
    got = get_summarizer("coverage", min_df=1, single_df_weight=0.25).summarize(
        make_cluster(), Budget(words=60))
    assert got.text and len(seen) == 1
    scaled, plain = seen[0]
    assert scaled.names == plain.names
    ratio = scaled.weights / np.where(plain.weights > 0, plain.weights, 1.0)
    assert set(np.round(ratio[plain.weights > 0], 12).tolist()) == {0.25, 1.0}
    assert got.settings["single_df_weight"] == 0.25 and got.settings["min_df"] == 1


@pytest.mark.parametrize("options, message", [
    ({"min_df": 1, "single_df_weight": 1.5}, r"single_df_weight must be in \[0, 1\]"),
    ({"min_df": 1, "single_df_weight": -0.1}, r"single_df_weight must be in \[0, 1\]"),
    ({"min_df": 1, "single_df_weight": float("nan")}, "single_df_weight"),
    ({"min_df": 1, "single_df_weight": "0.5"}, "single_df_weight"),
    ({"single_df_weight": 0.5}, "single_df_weight is for min_df 1"),
    ({"min_df": 3, "single_df_weight": 0.5}, "single_df_weight is for min_df 1"),
    ({"min_df": 1, "single_df_weight": 0.5, "concept_weighting": "lsa"},
     "single_df_weight scales the default's"),
    ({"min_df": 1, "single_df_weight": 0.5, "word_position": "first"},
     "single_df_weight scales the default's"),
])
def test_bad_values_are_refused(options, message):
    with pytest.raises(OptionError, match=message):
        get_summarizer("coverage", **options)


def test_cli_bad_value_is_one_line(capsys):
    code = main(["summarize", SEEDS, "--option", "single_df_weight=2"])
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code != 0 and out == "" and len(lines) == 1
    assert lines[0].startswith("summarizer: error: ") and "single_df_weight" in lines[0]
    code = main(["summarize", SEEDS, "--option", "min_df=1", "--option",
                 "single_df_weight=0.25", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["settings"]["single_df_weight"] == 0.25
