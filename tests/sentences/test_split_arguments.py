"""The splitting entry points refuse what is not theirs in one typed line: a string, a list
or None where a Document or Cluster goes failed with an AttributeError deep inside, None or
bytes given to split_spans with the paragraph regex's TypeError, and a doc_index of -1 or
'x' was written into every Sentence as given."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.documents import Cluster, Document
from summarizer.errors import InputError, OptionError
from summarizer.sentences import iter_sentences, split_cluster, split_document, split_spans

DOC = Document("The river rose. Families left.")


@pytest.mark.parametrize("call, said", [
    (lambda: split_document("The river rose."), "split_document() takes a Document, not str "
                                                "(use Document(text) for a text)"),
    (lambda: split_document(None), "split_document() takes a Document, not NoneType"),
    (lambda: split_cluster([DOC]), "split_cluster() takes a Cluster, not list (use "
                                   "summarizer.summarize(...) or summarizer.documents.to_cluster "
                                   "for texts)"),
    (lambda: split_cluster(None), "split_cluster() takes a Cluster, not NoneType"),
    (lambda: list(iter_sentences(DOC)), "iter_sentences() takes a Cluster, not Document"),
    (lambda: split_spans(None), "split_spans() takes a str, not NoneType"),
    (lambda: split_spans(b"The river rose."), "split_spans() takes a str, not bytes (decode "
                                              "bytes first: summarizer.textio.decode_bytes)"),
], ids=["doc str", "doc None", "cluster list", "cluster None", "iter doc", "spans None",
        "spans bytes"])
def test_a_wrong_kind_of_input_is_one_typed_line(call, said):
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value).startswith(said)
    assert not isinstance(caught.value, OptionError)


@pytest.mark.parametrize("index", [-1, "x", 1.0, True, None])
def test_a_doc_index_that_is_no_place_is_an_option_error(index):
    with pytest.raises(OptionError, match=r"^doc_index must be an integer, 0 or more"):
        split_document(DOC, doc_index=index)


def test_a_place_is_taken_as_an_int_and_good_input_splits_as_before():
    got = split_document(DOC, doc_index=np.int64(3))
    assert [s.text for s in got] == ["The river rose.", "Families left."]
    assert [type(s.doc_index) for s in got] == [int, int] and got[0].doc_index == 3
    assert split_spans("The river rose. Families left.") == [(0, 15), (16, 30)]
    assert [s.text for s in split_cluster(Cluster([DOC]))] == [s.text for s in got]
