"""Reproducibility of the summarisers as objects: copies made by pickling (as Ray and
multiprocessing make them) give the summaries of the original, before and after use."""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents.model import Cluster, Document
from summarizer.summarizers import Budget, available_methods, get_summarizer

EXTRACTIVE = [m for m in available_methods() if m != "abstractive"]
BUDGETS = [Budget(words=60), Budget(words=40, truncate=True)]


def _dump(summary) -> str:
    return json.dumps(summary.to_dict(), sort_keys=True, default=str)


def _seed_docs(seed_text: str) -> Cluster:
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    return Cluster([Document(p, id=f"d{k}") for k, p in enumerate(paragraphs[:12])], id="s")


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_a_pickled_summarizer_gives_the_summaries_of_the_original(method, flood, seed_text):
    clusters = [flood, _seed_docs(seed_text)]
    fresh = get_summarizer(method)
    copy_unused = pickle.loads(pickle.dumps(fresh))
    expected = [_dump(fresh.summarize(c, b)) for c in clusters for b in BUDGETS]
    copy_used = pickle.loads(pickle.dumps(fresh))  # after calls: what it keeps travels too
    for copy in (copy_unused, copy_used):
        got = [_dump(copy.summarize(c, b)) for c in clusters for b in BUDGETS]
        assert [k for k, out in enumerate(got) if _strip(out) != _strip(expected[k])] == []


def _strip(dumped: str) -> str:
    out = json.loads(dumped)
    out["settings"].pop("solver_seconds", None)  # a timing
    return json.dumps(out, sort_keys=True)


# -- the order of a cluster's documents --------------------------------------------------
# Documents are put in time order: by date when every one has a date (ties by the order
# given), else in the order given, which is then their chronology. The rule decides the
# lead prior, the order of the summary and ties between equal scores; nothing else about
# the order given may count.

def _articles(seed_text: str) -> list[str]:
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    return [" ".join(paragraphs[k:k + 3]) for k in range(0, 18, 3)]  # 6 articles


def _cluster(texts: list[str], order: list[int], dated: bool) -> Cluster:
    return Cluster([Document(texts[k], id=f"a{k}", date=f"2024-05-{k + 1:02d}" if dated
                             else None) for k in order], id="c", language="english")


@settings(max_examples=12, deadline=None)
@given(order=st.permutations(range(6)), method=st.sampled_from(EXTRACTIVE))
def test_dated_documents_give_the_same_summary_in_any_order(seed_text, order, method):
    texts = _articles(seed_text)
    system = get_summarizer(method)
    for budget in BUDGETS:
        assert _strip(_dump(system.summarize(_cluster(texts, order, True), budget))) == \
            _strip(_dump(system.summarize(_cluster(texts, list(range(6)), True), budget)))


@settings(max_examples=12, deadline=None)
@given(order=st.permutations(range(6)), method=st.sampled_from(EXTRACTIVE))
def test_undated_documents_are_in_time_order_as_given(seed_text, order, method):
    texts = _articles(seed_text)
    undated = _cluster(texts, order, False)
    # the same documents dated in the order given: the same summary
    as_dated = Cluster([Document(d.text, id=d.id, date=f"2024-05-{k + 1:02d}")
                        for k, d in enumerate(undated.documents)], id="c", language="english")
    system = get_summarizer(method)
    for budget in BUDGETS:
        assert _strip(_dump(system.summarize(undated, budget))) == \
            _strip(_dump(system.summarize(as_dated, budget)))
