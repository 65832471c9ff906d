"""Content-word (unigram) concepts of the coverage methods (issue 12, options
``concept_units`` and ``unigram_weight``): the concepts of a small cluster by hand for each
kind, properties over varied input, the options reaching ``coverage`` and ``ilp``, their
errors, and that the default is left as it was."""

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
import summarizer.summarizers.ilp as ilp
from summarizer.cli import main
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.background import concept_factors
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.concepts import CONCEPT_UNITS, concept_grams, extract_concepts

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")

# the cluster of sum_helpers.CONCEPT_TOKENS (its comment says where each concept is)
TOKENS, DOCS, STOP = CONCEPT_TOKENS, CONCEPT_DOCS, CONCEPT_STOP
_by_name = weights_by_name


def test_bigrams_by_hand_and_the_default_kind():
    got = extract_concepts(TOKENS, DOCS, STOP, concept_units="bigrams")
    plain = extract_concepts(TOKENS, DOCS, STOP)
    assert got.names == plain.names and np.array_equal(got.weights, plain.weights)
    # ("the", "river") and ("river", "flood"): rank 0 in document 0, rank 1 in document 2
    # (one function word is allowed); ("valley", "homes") is in one document only
    assert _by_name(got) == {("river", "flood"): 1.0 + 1 / 2, ("the", "river"): 1.0 + 1 / 2}


def test_unigrams_by_hand():
    got = extract_concepts(TOKENS, DOCS, STOP, concept_units="unigrams")
    assert _by_name(got) == {
        ("flood",): 1.0 + 1.0 + 1 / 2,       # ranks 0, 0, 1
        ("homes",): 1 / 2 + 1.0,             # ranks 1 (document 1) and 0 (document 2)
        ("rain",): 1 / 2 + 1.0,              # ranks 1 and 0
        ("river",): 1.0 + 1 / 2,             # ranks 0 and 1
        ("valley",): 1 / 2 + 1.0,            # document 0 rank 1; document 1 once, rank 0
    }
    assert all(len(name) == 1 and name[0] not in STOP for name in got.names)
    ids = {name: k for k, name in enumerate(got.names)}
    for k, t in enumerate(TOKENS):  # each sentence holds the concepts of its words
        assert got.per_sentence[k].tolist() == sorted(ids[(w,)] for w in set(t) if (w,) in ids)


@pytest.mark.parametrize("weight", [1.0, 0.25])
def test_both_are_the_two_kinds_side_by_side(weight):
    got = _by_name(extract_concepts(TOKENS, DOCS, STOP, concept_units="both",
                                    unigram_weight=weight))
    uni = _by_name(extract_concepts(TOKENS, DOCS, STOP, concept_units="unigrams"))
    bi = _by_name(extract_concepts(TOKENS, DOCS, STOP))
    assert got == {**bi, **{name: w * weight for name, w in uni.items()}}


def test_min_df_counts_documents_for_words_too():
    got = extract_concepts(TOKENS, DOCS, STOP, min_df=3, concept_units="unigrams")
    assert got.names == [("flood",)] and got.min_df == 3


def test_one_document_counts_sentences():
    got = extract_concepts(TOKENS[:2] + [["rain", "the"]], [0, 0, 0], STOP,
                           position_decay=0.0, concept_units="unigrams")
    assert _by_name(got) == {("rain",): 2.0}  # sentences 1 and 2


def test_prefix_stemming_and_word_forms_apply_to_words():
    tokens = [["floods", "rose"], ["flooding", "rose"]]
    stemmed = extract_concepts(tokens, [0, 1], frozenset(), stem_prefix=5,
                               concept_units="unigrams")
    assert stemmed.names == [("flood",), ("rose",)]
    forms = extract_concepts(tokens, [0, 1], frozenset({"rose"}), concept_units="unigrams",
                             forms={"flooding": "floods"})
    assert forms.names == [("floods",)]
    # a function word stays one after stemming: "the" cut to "th" is no concept
    grams = concept_grams(frozenset({"the"}), 2, units="unigrams")
    assert grams(["the", "thermal"]) == set()


def test_a_unigrams_background_factor_is_its_words_idf():
    class Background:
        def idf(self, word: str) -> float:
            return {"river": 2.0, "flood": 5.0}[word]

    got = concept_factors([("river", "flood"), ("flood",), ("river",)], Background(), "idf")
    assert got.tolist() == [3.5, 5.0, 2.0]


def test_unknown_units_are_refused():
    """A user's are an OptionError of the options (test_bad_values_are_refused); passed
    inside the package they are a bug, never read as another unit."""
    with pytest.raises(AssertionError, match="trigrams"):
        extract_concepts(TOKENS, DOCS, STOP, concept_units="trigrams")


words = st.sampled_from(["a", "b", "c", "d", "e", "the", "of"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, max_size=6), min_size=1, max_size=8),
       st.integers(1, 3), st.floats(0.0, 2.0), st.sampled_from([0.25, 1.0, 3.0]),
       st.data())
def test_properties_over_varied_clusters(tokens, min_df, decay, weight, data):
    # contiguous documents: a sorted list of document numbers, one per sentence
    docs = sorted(data.draw(st.lists(st.integers(0, 3), min_size=len(tokens),
                                     max_size=len(tokens))))
    kw = {"min_df": min_df, "position_decay": decay}
    uni = extract_concepts(tokens, docs, STOP, concept_units="unigrams", **kw)
    bi = extract_concepts(tokens, docs, STOP, **kw)
    both = extract_concepts(tokens, docs, STOP, concept_units="both", unigram_weight=weight,
                            **kw)
    # the document frequency of every content word, by brute force
    n_docs = len(set(docs))
    units = docs if n_docs >= 2 else list(range(len(tokens)))
    df: dict[str, set[int]] = {}
    for t, u in zip(tokens, units, strict=True):
        for w in t:
            if w not in STOP:
                df.setdefault(w, set()).add(u)
    need = min(min_df, n_docs) if n_docs >= 2 else 2
    assert uni.names == sorted((w,) for w, us in df.items() if len(us) >= need)
    assert sorted(both.names) == sorted(bi.names + uni.names) == both.names
    expect = {**_by_name(bi), **{n: w * weight for n, w in _by_name(uni).items()}}
    assert _by_name(both) == pytest.approx(expect)
    ids = {name: k for k, name in enumerate(both.names)}
    for k, t in enumerate(tokens):
        held = {both.names[i] for i in both.per_sentence[k]}
        assert held == {n for n in concept_grams(STOP, None, units="both")(t) if n in ids}


def test_off_is_the_default_and_leaves_its_settings():
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", concept_units="bigrams").summarize(cluster,
                                                                         Budget(words=60))
    assert off.sentences == before.sentences
    assert off.settings == before.settings and "concept_units" not in off.settings
    assert "concept bigram coverage" in off.settings["objective"]


@pytest.mark.parametrize("method", ["coverage", "ilp"])
@pytest.mark.parametrize("units", CONCEPT_UNITS[1:])
def test_the_option_reaches_the_concepts_and_is_recorded(monkeypatch, method, units):
    module = coverage if method == "coverage" else ilp
    seen = []

    def spy(*args, **kwargs):
        got = extract_concepts(*args, **kwargs)
        seen.append(got)
        return got

    monkeypatch.setattr(module, "extract_concepts", spy)
    opts = {"unigram_weight": 0.5} if units == "both" else {}
    got = get_summarizer(method, concept_units=units, **opts).summarize(
        make_cluster(), Budget(words=60, truncate=True))
    assert got.text and len(seen) == 1
    assert any(len(name) == 1 for name in seen[0].names)
    assert (units == "both") == any(len(name) == 2 for name in seen[0].names)
    assert got.settings["concept_units"] == units
    assert got.settings.get("unigram_weight") == opts.get("unigram_weight")
    assert "content word" in got.settings["objective"]


@pytest.mark.parametrize("method", ["coverage", "ilp"])
@pytest.mark.parametrize("options, message", [
    ({"concept_units": "trigrams"}, "concept_units"),
    ({"concept_units": "unigrams", "unigram_weight": 0.5}, "unigram_weight is for"),
    ({"unigram_weight": 2.0}, "unigram_weight is for"),
    ({"concept_units": "both", "unigram_weight": 0.0}, "unigram_weight must be a number > 0"),
    ({"concept_units": "both", "unigram_weight": float("nan")}, "unigram_weight"),
    ({"concept_units": "both", "unigram_weight": "1"}, "unigram_weight"),
])
def test_bad_values_are_refused(method, options, message):
    with pytest.raises(OptionError, match=message):
        get_summarizer(method, **options)


@pytest.mark.parametrize("options", [{"word_position": "first"},
                                     {"concept_weighting": "learned"}])
def test_bigram_only_options_are_refused_with_words(options):
    with pytest.raises(OptionError, match="read the concepts as bigrams"):
        get_summarizer("coverage", concept_units="unigrams", **options)


def test_cli_bad_value_is_one_line(capsys):
    code = main(["summarize", SEEDS, "--option", "concept_units=words"])
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code != 0 and out == "" and len(lines) == 1
    assert lines[0].startswith("summarizer: error: ") and "concept_units" in lines[0]
    code = main(["summarize", SEEDS, "--option", "concept_units=both", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["settings"]["concept_units"] == "both"
