"""A method's settings name the encoder it can use: none where its representation is TF-IDF,
as each of its summaries says. The job's settings (report.json, a batch manifest) named
MiniLM and its 0.9 threshold for lead, lexrank and textrank, whose summaries said null."""

from __future__ import annotations

import pytest

from summarizer.documents import Cluster, Document
from summarizer.summarizers import get_summarizer, make_budget

TEXT = ("The council met on Monday to vote on the plan. It approved the budget for the flood "
        "barrier. Work on the barrier starts in the spring, the mayor said.")


@pytest.mark.parametrize(("method", "options"), [
    ("lead", {}), ("lexrank", {}), ("textrank", {}), ("mmr", {"representation": "tfidf"}),
    ("centroid", {"representation": "tfidf"})])
def test_a_tfidf_method_names_no_encoder_in_its_settings_or_summaries(method, options):
    system = get_summarizer(method, **options)
    settings = system.settings()
    assert settings["encoder"] is None and settings["near_duplicate_semantic"] is None
    cluster = Cluster([Document(TEXT, id="d0")], id="c")
    for words in (20, 1):  # a summary, and one empty (nothing fits)
        summary = system.summarize(cluster, make_budget(words=words))
        assert summary.settings["encoder"] is None
        assert summary.settings["near_duplicate_semantic"] is None


def test_an_embedding_method_names_its_encoder():
    settings = get_summarizer("centroid").settings()
    assert "MiniLM" in settings["encoder"] and settings["near_duplicate_semantic"] == 0.9
