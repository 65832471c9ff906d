"""Cluster names its documents (provenance needs unique ids) without changing the caller's
Document objects: a document it renames is a copy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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


def test_a_made_up_id_never_repeats_a_given_one():
    """An unnamed document's doc{i} (or a repeated id's id#{i}) is not an id another document
    was given, before or after it: provenance would point at two documents."""
    given_before = Cluster([Document(TEXTS[0], id="doc1"), Document(TEXTS[1])])
    assert [d.id for d in given_before.documents] == ["doc1", "doc1#2"]
    given_after = Cluster([Document(TEXTS[0]), Document(TEXTS[1]), Document(TEXTS[2], id="doc0")])
    assert [d.id for d in given_after.documents] == ["doc0#2", "doc1", "doc0"]
    repeated = Cluster([Document(TEXTS[0], id="a"), Document(TEXTS[1], id="a#1"),
                        Document(TEXTS[2], id="a")])
    assert [d.id for d in repeated.documents] == ["a", "a#1", "a#2"]
    clash = Cluster([Document(TEXTS[0], id="a"), Document(TEXTS[1], id="a"),
                     Document(TEXTS[2], id="a#1")])
    assert [d.id for d in clash.documents] == ["a", "a#1#2", "a#1"]


@given(st.lists(st.sampled_from(["", "doc0", "doc1", "doc1#2", "a", "a#1", "a#2"]),
                min_size=1, max_size=6))
def test_ids_are_unique_and_the_first_given_ones_kept(ids):
    cluster = Cluster([Document(f"Sentence number {i} here.", id=x) for i, x in enumerate(ids)])
    got = [d.id for d in cluster.documents]
    assert len(set(got)) == len(got)
    for i, x in enumerate(ids):
        if x and x not in ids[:i]:
            assert got[i] == x
