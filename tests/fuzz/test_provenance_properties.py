"""Properties of every extractive summary, on any Unicode text and every budget kind.

- provenance: each sentence is its document's text at [start:end], exactly, and that span
  is its source sentence's (sentence_index), a cut one's a prefix of it;
- the budget is a hard cap by the project's own count (Budget.size), cut or not;
- without truncate no sentence is cut, with it at most the last one is;
- the same call twice gives the same summary, and to_dict()/from_dict() round-trips
  through JSON.
"""

from __future__ import annotations

import json

import pytest
from fuzz_text import QUICK, data_error, news_text
from hypothesis import event, given
from hypothesis import strategies as st

from summarizer.documents.model import Cluster, Document
from summarizer.errors import SummarizerError
from summarizer.sentences import split_cluster
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.base import Summary
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.compress import apply_edits

EXTRACTIVE = ["lead", "centroid", "lexrank", "textrank", "mmr", "coverage", "ilp", "submodular",
              "occams", "dpp"]
LANGUAGES = ["english", "arabic", "chinese", "japanese", "thai", "czech", "hindi", "russian"]

budgets = st.one_of(
    st.builds(lambda n, t: Budget(words=n, truncate=t), st.integers(1, 60), st.booleans()),
    st.builds(lambda n, t: Budget(chars=n, truncate=t), st.integers(1, 300), st.booleans()),
    st.builds(lambda n, t: Budget(bytes=n, truncate=t), st.integers(1, 600), st.booleans()),
    st.builds(lambda n: Budget(sentences=n), st.integers(1, 6)),
)
clusters = st.builds(
    lambda texts, lang: Cluster([Document(t, language=lang) for t in texts], id="c"),
    st.lists(news_text, min_size=1, max_size=3), st.sampled_from(LANGUAGES))


def _steady(record: dict) -> dict:
    """A summary's record less the solver's clock (ilp records the seconds it took)."""
    return {**record, "settings": {k: v for k, v in record["settings"].items()
                                   if k != "solver_seconds"}}


def check_summary(summary: Summary, cluster: Cluster, budget: Budget) -> None:
    docs = {d.id: d.text for d in cluster.documents}
    spans = {(x.doc_id, x.index): (x.start, x.end) for x in split_cluster(cluster)}
    for s in summary.sentences:
        # a compressed sentence is its span with its edits applied (compress.py)
        assert apply_edits(docs[s.doc_id], s.start, s.end, s.edits) == s.text, s
        assert s.edits or docs[s.doc_id][s.start:s.end] == s.text
        start, end = spans[(s.doc_id, s.sentence_index)]
        assert s.start == start and (s.end <= end if s.truncated else s.end == end), s
    texts = [s.text for s in summary.sentences]
    assert budget.size(texts) <= budget.limit
    if budget.unit != "sentences":
        assert budget.size([summary.text]) <= budget.limit
    cut = [s for s in summary.sentences if s.truncated]
    assert not cut if not budget.truncate else (not cut or cut == summary.sentences[-1:])


@pytest.mark.parametrize("method", EXTRACTIVE)
@QUICK
@given(cluster=clusters, budget=budgets, compress=st.booleans())
def test_extractive_summary_properties(method, cluster, budget, compress):
    summariser = get_summarizer(method, compress=compress)
    try:
        summary = summariser.summarize(cluster, budget)
    except SummarizerError as exc:  # the text's fault (no sentence in it): an InputError
        event(f"typed error: {data_error(exc)}")
        return
    check_summary(summary, cluster, budget)
    again = get_summarizer(method, compress=compress).summarize(cluster, budget)
    assert _steady(again.to_dict()) == _steady(summary.to_dict())
    restored = Summary.from_dict(json.loads(json.dumps(summary.to_dict())))
    assert restored == summary


@pytest.mark.parametrize("method", EXTRACTIVE)
@QUICK
@given(first=clusters, second=clusters, budget=budgets)
def test_a_reused_summariser_gives_what_a_fresh_one_gives(method, first, second, budget):
    """README: a summariser reused for many clusters gives each the summary it gives alone,
    whatever ran before it (its memories of words, vectors and tokens hold nothing over)."""
    reused = get_summarizer(method)
    for cluster in (first, second):
        try:
            got = reused.summarize(cluster, budget)
        except SummarizerError as exc:
            data_error(exc)
            continue
        alone = get_summarizer(method).summarize(cluster, budget)
        assert _steady(got.to_dict()) == _steady(alone.to_dict())
