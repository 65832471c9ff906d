"""Reproducibility of the summarisers as objects: copies made by pickling (as Ray and
multiprocessing make them) give the summaries of the original, before and after use."""

from __future__ import annotations

import json
import pickle

import pytest

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
