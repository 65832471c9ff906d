"""Cluster names its documents (provenance needs unique ids) without changing the caller's
Document objects: a document it renames is a copy."""

from __future__ import annotations

import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import summarize
from summarizer.documents import Cluster, Document, make_document
from summarizer.errors import InputError

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


def test_a_renamed_copy_has_its_own_meta_nested_values_too():
    """The copy shared the caller's meta dict: a key set on one (or an item appended to a
    cleaned page's nested list) showed on the other."""
    page = ("<html><head><title>Harbour</title></head><body><article><p>"
            + TEXTS[0] + "</p><p>" + TEXTS[1] + "</p></article></body></html>")
    docs = [make_document(page, language="english"), Document(TEXTS[2], id="story",
                                                              meta={"notes": ["kept"]}),
            Document(TEXTS[1], id="story", meta={"notes": ["kept"], "scores": {"a": 1}})]
    assert docs[0].meta["html"]  # a nested dict of the loader's own, to be copied too
    before = [repr(d.meta) for d in docs]
    cluster = Cluster(docs)
    renamed = [cluster.documents[0], cluster.documents[2]]
    assert [d.id for d in renamed] == ["doc0", "story#2"]
    assert [d.meta for d in renamed] == [docs[0].meta, docs[2].meta]  # equal, not shared
    for copy in renamed:
        copy.meta["seen"] = True
        for value in copy.meta.values():
            if isinstance(value, dict):
                value["added"] = 1
            elif isinstance(value, list):
                value.append("added")
    assert [repr(d.meta) for d in docs] == before


def test_a_meta_that_cannot_be_copied_is_a_typed_error_saying_what_to_do():
    docs = [Document(TEXTS[0], id="a"), Document(TEXTS[1], id="a",
                                                 meta={"lock": threading.Lock()})]
    with pytest.raises(InputError, match=r"Document a meta cannot be copied .*give each "
                                         r"document its own id"):
        Cluster(docs)
    docs[1].id = "b"  # not renamed, not copied: kept as given
    assert Cluster(docs).documents[1] is docs[1]


@pytest.mark.parametrize("make", [lambda i: Document(TEXTS[0], id=i),
                                  lambda i: Cluster([Document(TEXTS[0])], id=i)],
                         ids=["Document", "Cluster"])
def test_an_integer_id_is_its_string_for_a_document_and_a_cluster_alike(make):
    """One rule for both: a numpy integer (a pandas group's key, a Parquet column's value)
    was refused as 'not int64', where a Python int was read as its string."""
    np = pytest.importorskip("numpy")
    for given_id in (7, np.int64(7), np.uint8(7)):
        assert make(given_id).id == "7"
    for bad in (True, 7.0):
        with pytest.raises(InputError, match=r"id must be a string.* not (bool|float)"):
            make(bad)


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


def test_a_documents_date_costs_it_no_dict_of_its_own():
    # Document.date read and wrote doc.__dict__, which made every Document a dict of its
    # own: 64 bytes a document more (52 MB for the 812,000 one-word documents of a 5 MB
    # text that batch --separator " " splits at every space)
    from helpers import traced_memory

    texts = [f"word{i}" for i in range(20_000)]
    Document("warm", id="w")
    with traced_memory() as mem:
        docs = [Document(t, id=t) for t in texts]
    # 208 bytes; with the dict, 272 (Python 3.10 gives every instance a dict of its own,
    # 264 bytes for a plain 7-field dataclass there: run on 3.10 by an audit)
    bound = 240 if sys.version_info >= (3, 11) else 300
    assert mem.held / len(docs) < bound, mem.held / len(docs)
    dated = Document(TEXTS[0], date="2004-9-1")
    assert dated.date == "2004-09-01" and Document(TEXTS[0]).date is None
    dated.date = "2005-1-2"  # every assignment is read by the rule
    assert dated.date == "2005-01-02" and dated == Document(TEXTS[0], date="2005-01-02")
    old = Document.__new__(Document)  # pickled when the date was kept as "date"
    old.__dict__.update(text="x", id="a", title=None, date="2004-09-01", source=None,
                        language="english", meta={})
    assert old.date == "2004-09-01"
