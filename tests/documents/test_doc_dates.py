"""A Document's date: one sortable form, whoever makes the Document (dates.normalize_date)."""

from __future__ import annotations

import pytest

import summarizer
from summarizer.documents import Cluster, Document
from summarizer.errors import InputError

OCTOBER = "The October report says the river rose again overnight near the old bridge."
SEPTEMBER = "The September report says the river first rose after a week of heavy rain."


def test_documents_made_in_code_are_put_in_date_order_by_their_dates():
    # "2004-9-1" kept as given sorted after "2004-10-01": the September article was the newest
    cluster = Cluster([Document(OCTOBER, id="oct", date="2004-10-01"),
                       Document(SEPTEMBER, id="sep", date="2004-9-1")])
    newest = summarizer.summarize(cluster, "lead", mode="newest", sentences=1)
    assert [s.doc_id for s in newest.sentences] == ["oct"]
    in_order = summarizer.summarize(cluster, "lead", sentences=2)
    assert [s.doc_id for s in in_order.sentences] == ["sep", "oct"]


@pytest.mark.parametrize(("given", "kept"), [
    ("2004-9-1", "2004-09-01"), (" September 1, 2004 ", "2004-09-01"), ("20040901", "2004-09-01"),
    ("Sept 2004", "2004-09"), ("2004-09", "2004-09"), ("2004", "2004"),
    ("2004-10-01T09:30:00+02:00", "2004-10-01T07:30:00"), ("", None), ("  ", None)])
def test_a_documents_date_is_read_into_one_form_and_that_form_is_kept(given, kept):
    doc = Document("Some text.", date=given)
    assert doc.date == kept
    assert Document("Some text.", date=doc.date).date == kept  # read again: the same


def test_a_document_date_that_is_no_date_is_refused_naming_it():
    with pytest.raises(InputError, match=r"Document d1 date is 'last Tuesday', not a date"):
        Document("Some text.", id="d1", date="last Tuesday")
