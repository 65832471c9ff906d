"""Cluster names its documents (provenance needs unique ids) without changing the caller's
Document objects: a document it renames is a copy."""

from __future__ import annotations

from summarizer import summarize
from summarizer.documents import Cluster, Document

TEXTS = ["The council met on Monday. It approved the harbour plan after a long debate.",
         "Ferries will use four new berths. Work starts next month, officials said.",
         "Residents welcomed the plan. Some worried about the noise of the works."]


def _documents() -> list[Document]:
    return [Document(TEXTS[0], date="2004-9-1", title="Harbour", meta={"path": "a.txt"}),
            Document(TEXTS[1], id="story"), Document(TEXTS[2], id="story")]


def test_a_cluster_names_copies_and_leaves_the_callers_documents_as_they_were():
    docs = _documents()
    cluster = Cluster(docs)
    assert [d.id for d in cluster.documents] == ["doc0", "story", "story#2"]
    assert [d.id for d in docs] == ["", "story", "story"]
    assert cluster.documents[1] is docs[1]  # a document kept as named is not copied
    copy = cluster.documents[0]
    assert (copy.text, copy.date, copy.title, copy.meta, copy.language) == (
        docs[0].text, "2004-09-01", "Harbour", {"path": "a.txt"}, docs[0].language)


def test_documents_reused_in_another_cluster_are_named_by_their_place_there():
    docs = _documents()
    Cluster(docs)
    other = Cluster([docs[2], docs[0]])  # the first cluster renamed these: 'story#2', 'doc0'
    assert [d.id for d in other.documents] == ["story", "doc1"]


def test_summarize_leaves_the_callers_documents_unnamed():
    docs = _documents()
    summary = summarize(docs, method="lead", words=30)
    assert {s.doc_id for s in summary.sentences} <= {"doc0", "story", "story#2"}
    assert [d.id for d in docs] == ["", "story", "story"]
