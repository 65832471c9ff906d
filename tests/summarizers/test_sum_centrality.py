"""Centrality-weighted concepts of the coverage summariser (issue 12, option
``concept_centrality``): the document and sentence weights by hand on tiny clusters, what
the option changes in the objective, and that off it changes nothing."""

from __future__ import annotations

import numpy as np
import pytest
from sum_helpers import make_cluster

import summarizer.summarizers.coverage as coverage
from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import prepare
from summarizer.summarizers.concepts import (
    CONCEPT_CENTRALITIES,
    document_centrality,
    extract_concepts,
    sentence_centrality,
)

# four documents of two sentences: three about a flood, the last about football. The
# concept ("river", "flood") is in two flood documents, ("match", "report") in one flood
# document and the football one, each at the same sentence ranks.
TOKENS = [
    ["river", "flood", "valley", "rain"], ["match", "report", "rain"],          # flood 0
    ["rain", "river", "flood", "valley"], ["evacuated", "rain", "valley"],      # flood 1
    ["valley", "rain", "evacuated"], ["river", "valley", "rain"],               # flood 2
    ["goal", "striker", "league"], ["match", "report", "goal", "league"],       # football 3
]
DOCS = [0, 0, 1, 1, 2, 2, 3, 3]
STOP: frozenset[str] = frozenset()


def test_an_off_topic_document_weighs_least_and_the_weights_average_one():
    w = document_centrality(TOKENS, DOCS, STOP)
    assert sorted(w) == [0, 1, 2, 3]
    assert np.mean(list(w.values())) == pytest.approx(1.0)
    assert w[3] < 1.0 and w[3] < min(w[0], w[1], w[2]) / 2


def test_the_off_topic_documents_concepts_weigh_less():
    plain = extract_concepts(TOKENS, DOCS, STOP, position_decay=0.0)
    central = extract_concepts(TOKENS, DOCS, STOP, position_decay=0.0,
                               doc_weights=document_centrality(TOKENS, DOCS, STOP))
    assert central.names == plain.names  # which bigrams are concepts: documents still count 1
    flood, match = plain.names.index(("river", "flood")), plain.names.index(("match", "report"))
    assert plain.weights[flood] == plain.weights[match] == 2.0  # document frequency alike
    assert central.weights[match] < central.weights[flood]
    w = document_centrality(TOKENS, DOCS, STOP)
    assert central.weights[match] == pytest.approx(w[0] + w[3])


def test_weights_of_one_leave_the_default_bit_for_bit():
    plain = extract_concepts(TOKENS, DOCS, STOP)
    ones = extract_concepts(TOKENS, DOCS, STOP, doc_weights=dict.fromkeys(range(4), 1.0))
    assert np.array_equal(plain.weights, ones.weights) and plain.names == ones.names


def test_no_content_word_leaves_every_document_at_one():
    assert document_centrality([["a", "b"], ["b", "a"]], [0, 1], frozenset("ab")) == {0: 1.0,
                                                                                        1: 1.0}


def test_sentence_centrality_by_hand():
    # sentences 0-2 alike, 3 alone; concept 0 in the central sentence 0, concept 1 in the
    # lone sentence 3, concept 2 in both, concept 3 in no row given
    sim = np.array([[1.0, 0.9, 0.9, 0.0], [0.9, 1.0, 0.9, 0.0],
                    [0.9, 0.9, 1.0, 0.1], [0.0, 0.0, 0.1, 1.0]])
    per = [np.array([0, 2]), np.array([], dtype=np.int64), np.array([], dtype=np.int64),
           np.array([1, 2]), np.array([3])]
    before = sim.copy()
    mean = sentence_centrality(per, 4, [0, 1, 2, 3], sim)
    top = sentence_centrality(per, 4, [0, 1, 2, 3], sim, "max")
    assert np.array_equal(sim, before)  # the caller's matrix is read, not changed
    assert mean[0] > 1.0 > mean[1]  # the central sentence's concept gains, the lone one's loses
    assert mean[2] == pytest.approx((mean[0] + mean[1]) / 2)
    assert top[2] == pytest.approx(mean[0]) and top[0] == mean[0] and top[1] == mean[1]
    assert mean[3] == top[3] == 1.0  # nothing known of it
    with pytest.raises(ValueError):
        sentence_centrality(per, 4, [0, 1, 2, 3], sim, "median")


def test_off_is_the_default_and_calls_nothing(monkeypatch):
    cluster = make_cluster()
    before = get_summarizer("coverage").summarize(cluster, Budget(words=60))
    for name in ("document_centrality", "sentence_centrality"):
        monkeypatch.setattr(coverage, name, lambda *a, **k: pytest.fail("centrality used"))
    off = get_summarizer("coverage", concept_centrality=None).summarize(cluster,
                                                                         Budget(words=60))
    assert off.sentences == before.sentences  # text, provenance and scores
    assert "concept_centrality" not in off.settings and off.settings == before.settings


def _with_off_topic() -> Cluster:
    """The flood cluster and a football report that shares the bigram "officials said"."""
    football = Document(text=(
        "The league officials said the match would be replayed next week. The striker "
        "scored twice before half time. Officials said the stadium will be repaired."),
        id="d", date="2024-03-07")
    base = make_cluster()
    return Cluster(documents=[*base.documents, football], id="flood+football")


@pytest.mark.parametrize("use", CONCEPT_CENTRALITIES)
def test_each_value_summarises_and_is_recorded(use):
    got = get_summarizer("coverage", concept_centrality=use).summarize(_with_off_topic(),
                                                                      Budget(words=60))
    assert got.settings["concept_centrality"] == use and got.text


def test_the_document_weights_reach_the_objective(monkeypatch):
    """A concept weight's share moves with the weights the option passes on: all the worth
    on the football document picks its sentence when the concepts alone choose."""
    only_concepts = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0}
    cluster = _with_off_topic()
    plain = get_summarizer("coverage", **only_concepts).summarize(cluster, Budget(sentences=1))
    assert "officials said" not in plain.text.lower()
    asked = []

    def football_only(tokens, docs, stopwords):
        weights = document_centrality(tokens, docs, stopwords)
        asked.append(weights)
        off_topic = min(weights, key=weights.__getitem__)
        return {d: (1.0 if d == off_topic else 1e-6) for d in weights}

    monkeypatch.setattr(coverage, "document_centrality", football_only)
    got = get_summarizer("coverage", concept_centrality="document", **only_concepts).summarize(
        cluster, Budget(sentences=1))
    assert len(asked) == 1 and "officials said" in got.text.lower()
    # the football document is the least central of the four
    doc_of = {d.id: k for k, d in enumerate(cluster.documents)}
    assert min(asked[0], key=asked[0].__getitem__) == doc_of["d"]


def test_bad_values_and_combinations_are_refused():
    with pytest.raises(OptionError, match="concept_centrality"):
        get_summarizer("coverage", concept_centrality="paragraph")
    with pytest.raises(OptionError, match="concept_weighting"):
        get_summarizer("coverage", concept_centrality="document", concept_weighting="lsa")
    with pytest.raises(OptionError, match="word_position"):
        get_summarizer("coverage", concept_centrality="sentence", word_position="first")


@pytest.mark.parametrize("use, asks", [("sentence", "mean"), ("sentence-max", "max"),
                                       ("document-sentence", "mean")])
def test_the_sentence_factors_reach_the_objective(monkeypatch, use, asks):
    """The factor sentence_centrality gives each concept multiplies its weight in the
    choice: all the worth on the concepts of a candidate that shares none with the plain
    choice picks a sentence holding them when the concepts alone choose."""
    only_concepts = {"semantic_weight": 0.0, "lead_weight": 0.0, "diversity_weight": 0.0}
    cluster = make_cluster()
    pool = prepare(cluster)
    place = {(s.doc_id, s.index): k for k, s in enumerate(pool.sentences)}
    plain = get_summarizer("coverage", **only_concepts).summarize(cluster, Budget(sentences=1))
    chosen = place[plain.sentences[0].doc_id, plain.sentences[0].sentence_index]
    asked, kept, concepts = [], set(), []

    def elsewhere_only(per_sentence, n_concepts, rows, sim, how):
        asked.append(how)
        concepts.extend(per_sentence)
        assert sim.shape == (len(rows), len(rows))
        mine = set(per_sentence[chosen].tolist())
        other = next(r for r in rows if len(per_sentence[r])
                     and not mine & set(per_sentence[r].tolist()))
        kept.update(per_sentence[other].tolist())
        factor = np.full(n_concepts, 1e-6)
        factor[list(kept)] = 1.0
        return factor

    monkeypatch.setattr(coverage, "sentence_centrality", elsewhere_only)
    got = get_summarizer("coverage", concept_centrality=use, **only_concepts).summarize(
        cluster, Budget(sentences=1))
    assert asked == [asks]
    now = place[got.sentences[0].doc_id, got.sentences[0].sentence_index]
    assert now != chosen and kept & set(concepts[now].tolist())
