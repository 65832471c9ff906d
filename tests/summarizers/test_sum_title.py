"""``title_weight`` of ``coverage`` (issue 12; off by default): the documents' titles read as
one more document of concepts. Weights by hand, the sealed token table read as the lists
are, the option reaching the selection and the settings, no title ever a candidate, its
errors, and that the default ignores titles."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sum_helpers import make_cluster

from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import TokenTable
from summarizer.summarizers.concepts import extract_concepts

STOP = frozenset({"the", "a", "of", "in"})
TOKENS = [["river", "flood", "hits", "town"],       # document 0, rank 0
          ["rescue", "teams", "arrive"],            # document 0, rank 1
          ["river", "flood", "grows"],              # document 1, rank 0
          ["rescue", "teams", "wait", "in", "the", "rain"]]  # document 1, rank 1
DOCS = [0, 0, 1, 1]


def weights(con) -> dict[tuple[str, ...], float]:
    return dict(zip(con.names, con.weights.tolist(), strict=True))


def test_title_weights_by_hand():
    plain = extract_concepts(TOKENS, DOCS, STOP)
    # two documents each: "river flood" at rank 0 in both (1 + 1), "rescue teams" at rank 1
    assert weights(plain) == {("river", "flood"): 2.0, ("rescue", "teams"): 1.0}
    titles = [["river", "flood", "hits", "town"], ["flood", "hits", "town", "again"]]
    con = extract_concepts(TOKENS, DOCS, STOP, titles=titles, title_weight=0.5)
    # the titles together are one more document: "river flood" gains 0.5 once (two titles
    # hold "flood hits" and "hits town": still 0.5 each), and the bigrams of one body that
    # a title holds ("flood hits", "hits town") become concepts; "town again", in titles
    # only, is none
    assert weights(con) == {("river", "flood"): 2.5, ("rescue", "teams"): 1.0,
                            ("flood", "hits"): 1.5, ("hits", "town"): 1.5}
    assert con.min_df == plain.min_df == 2
    # one row of concept ids per sentence, none for the titles
    assert len(con.per_sentence) == len(TOKENS)
    ids = {name: k for k, name in enumerate(con.names)}
    assert sorted(con.per_sentence[0].tolist()) == sorted(
        [ids["river", "flood"], ids["flood", "hits"], ids["hits", "town"]])
    assert con.per_sentence[3].tolist() == [ids["rescue", "teams"]]


def test_titles_only_concepts_are_none_even_with_min_df_1():
    con = extract_concepts(TOKENS, DOCS, STOP, min_df=1, titles=[["storm", "warning"]],
                           title_weight=1.0)
    assert ("storm", "warning") not in weights(con)
    assert weights(con) == weights(extract_concepts(TOKENS, DOCS, STOP, min_df=1))


def test_one_document_counts_the_titles_as_one_more_sentence():
    tokens, docs = [["dam", "burst", "overnight"], ["dam", "burst", "again"], ["flood", "alert"]], [0, 0, 0]
    con = extract_concepts(tokens, docs, STOP, titles=[["flood", "alert", "issued"]],
                           title_weight=2.0)
    # one document: a concept must be in two units, sentences here; the title is one more
    assert weights(con) == {("dam", "burst"): 1.0 + 0.5, ("flood", "alert"): 1 / 3 + 2.0}


def test_no_titles_or_no_weight_changes_nothing():
    plain = extract_concepts(TOKENS, DOCS, STOP)
    for kwargs in ({"titles": [], "title_weight": 1.0}, {"titles": [[]], "title_weight": 1.0},
                   {"titles": [["river", "flood", "hits"]], "title_weight": 0.0}):
        con = extract_concepts(TOKENS, DOCS, STOP, **kwargs)
        assert weights(con) == weights(plain)
        assert [r.tolist() for r in con.per_sentence] == [r.tolist() for r in plain.per_sentence]


words = st.sampled_from(["river", "flood", "rivers", "floods", "town", "the", "of", "rescue",
                         "teams", "rain", "storm"])
rows = st.lists(st.lists(words, min_size=0, max_size=6), min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(rows=rows, titles=st.lists(st.lists(words, max_size=5), max_size=3),
       prefix=st.sampled_from([None, 4]), min_df=st.sampled_from([1, 2]))
def test_a_sealed_table_reads_the_titles_as_the_lists_do(rows, titles, prefix, min_df):
    # long inputs hold their tokens in a sealed TokenTable (no word map left): the titles'
    # words, new ones included, are numbered apart and stemmed as the table's are
    docs = [0] * (len(rows) // 2) + [1] * (len(rows) - len(rows) // 2)
    table = TokenTable(rows)
    table.seal()
    a = extract_concepts(rows, docs, STOP, min_df=min_df, stem_prefix=prefix, titles=titles,
                         title_weight=0.75)
    b = extract_concepts(table, docs, STOP, min_df=min_df, stem_prefix=prefix, titles=titles,
                         title_weight=0.75)
    assert a.names == b.names and np.array_equal(a.weights, b.weights)
    assert [r.tolist() for r in a.per_sentence] == [r.tolist() for r in b.per_sentence]
    assert len(a.per_sentence) == len(rows)


ONLY_CONCEPTS = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0,
                 "position_decay": 0.0, "background": None, "order": "salience",
                 "min_words": 3}


def _headline_cluster() -> Cluster:
    # "water supply" recurs in two bodies; "dam collapse" is in one body only, and in the
    # headlines
    return Cluster(id="dam", documents=[
        Document(id="a", title="Dam collapse floods valley",
                 text="Engineers said the water supply failed in the north. "
                      "Witnesses saw the dam collapse shortly after midnight."),
        Document(id="b", title="Valley towns count losses after dam collapse",
                 text="Residents reported that the water supply failed again today. "
                      "The mayor thanked volunteers for their quick help."),
    ])


def test_title_weight_reaches_the_selection_and_no_title_is_a_candidate():
    cluster, budget = _headline_cluster(), Budget(sentences=1)
    plain = get_summarizer("coverage", **ONLY_CONCEPTS).summarize(cluster, budget)
    titled = get_summarizer("coverage", title_weight=10.0, **ONLY_CONCEPTS).summarize(
        cluster, budget)
    assert "water supply" in plain.text
    assert "dam collapse" in titled.text
    assert titled.settings["title_weight"] == 10.0 and "title_weight" not in plain.settings
    for summary in (plain, titled):
        assert all(s.doc_id in {"a", "b"} and "floods valley" not in s.text
                   for s in summary.sentences)
    # with a budget for everything, only body sentences: the titles are never candidates
    whole = get_summarizer("coverage", title_weight=1e6, **ONLY_CONCEPTS).summarize(
        cluster, Budget(words=500))
    bodies = {d.id: d.text for d in cluster.documents}
    assert whole.sentences and all(
        bodies[s.doc_id][s.start:s.end] == s.text for s in whole.sentences)
    assert not any(d.title in whole.text for d in cluster.documents)


def test_the_default_ignores_titles():
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    for doc in cluster.documents:
        doc.title = "Completely unrelated headline about football scores"
    after = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    off = get_summarizer("coverage", title_weight=None).summarize(cluster, Budget(words=60))
    assert after.text == before.text == off.text
    assert "title_weight" not in after.settings


@pytest.mark.parametrize("options, message", [
    ({"title_weight": 0.0}, "title_weight must be a number > 0"),
    ({"title_weight": -1.0}, "title_weight must be a number > 0"),
    ({"title_weight": 1e7}, "title_weight must be a number > 0 and at most 1e"),
    ({"title_weight": float("nan")}, "title_weight"),
    ({"title_weight": "2"}, "title_weight"),
    ({"title_weight": 2.0, "concept_weighting": "lsa"}, "needs concept_weighting 'df'"),
    ({"title_weight": 2.0, "word_position": "first"}, "no word_position"),
])
def test_bad_values_are_refused(options, message):
    with pytest.raises(OptionError, match=message):
        get_summarizer("coverage", **options)


def test_titles_without_sentences_give_no_concepts():
    # no sentence at all (a pool left empty): the titles' unit had no unit to follow
    con = extract_concepts([], [], STOP, titles=[["river", "flood"]], title_weight=1.0)
    assert con.names == [] and len(con.per_sentence) == 0
