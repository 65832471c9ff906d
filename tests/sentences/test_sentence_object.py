"""The Sentence object: its text is its document's span, sliced when asked, not a copy."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError

import pytest
from helpers import traced_memory

from summarizer.documents.model import Document
from summarizer.sentences import Sentence, split_document


def long_document(sentences: int) -> Document:
    return Document(" ".join(f"Report number {k} says the river rose again near the old "
                             f"bridge of the town {k % 7}." for k in range(sentences)), id="d")


def test_split_sentences_hold_no_copy_of_their_text():
    """340,000 sentences of a 50 MB document held 322 bytes each with their text copies
    (109 MB); spans of the document cost the object and its integers."""
    doc = long_document(20_000)
    split_document(doc)  # the splitter's model and progress bar are loaded once
    with traced_memory() as mem:
        sentences = split_document(doc)
    assert len(sentences) == 20_000
    # 96 bytes a slotted object and its three integers; with a copy of its 80
    # characters and an attribute dict, 450
    assert mem.held / len(sentences) < 230, mem.held / len(sentences)
    assert all(doc.text[s.start:s.end] == s.text for s in sentences)


def test_sentence_keeps_its_value_semantics():
    doc = long_document(3)
    s = split_document(doc)[1]
    same = Sentence(s.text, "d", 0, 1, s.start, s.end, s.paragraph)
    assert s == same and hash(s) == hash(same) and repr(s) == repr(same)
    assert s != same.replace(index=2)
    with pytest.raises(FrozenInstanceError):
        s.start = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.replace(txt="x")
    short = s.replace(text="Report number 1 says the river rose.")
    assert (short.text, short.start, short.end) == ("Report number 1 says the river rose.",
                                                    s.start, s.end)


def test_pickled_sentence_carries_its_text_not_its_document():
    doc = long_document(2_000)
    s = split_document(doc)[5]
    blob = pickle.dumps(s)
    assert len(blob) < 4 * len(s.text) < len(doc.text)
    back = pickle.loads(blob)
    assert back == s and back.text == doc.text[s.start:s.end]
    assert copy.deepcopy(s) == s == copy.copy(s)


# A frozen dataclass Sentence('Hello there.', 'd', 0, 1, 3, 15, 2) pickled (protocol 2)
# by the code before a198b81: its new object and its field dict.
_DATACLASS_PICKLE = (
    b"\x80\x02csummarizer.sentences.split\nSentence\nq\x00)\x81q\x01}q\x02(X\x04\x00\x00\x00"
    b"textq\x03X\x0c\x00\x00\x00Hello there.q\x04X\x06\x00\x00\x00doc_idq\x05X\x01\x00\x00"
    b"\x00dq\x06X\t\x00\x00\x00doc_indexq\x07K\x00X\x05\x00\x00\x00indexq\x08K\x01X\x05\x00"
    b"\x00\x00startq\tK\x03X\x03\x00\x00\x00endq\nK\x0fX\t\x00\x00\x00paragraphq\x0bK\x02ub.")


def test_a_sentence_pickled_as_a_dataclass_reads_back():
    """Pickles of the dataclass Sentence failed ("'Sentence' object has no attribute
    '__dict__'")."""
    back = pickle.loads(_DATACLASS_PICKLE)
    assert back == Sentence("Hello there.", "d", 0, 1, 3, 15, 2)
    assert back.text == "Hello there." and back.paragraph == 2
    with pytest.raises(FrozenInstanceError):
        back.index = 0  # type: ignore[misc]


def test_sentence_matches_by_position_as_the_dataclass_did():
    match Sentence("Hello there.", "d", 0, 1, 3, 15, 2):
        case Sentence(text, doc_id, _, index):
            assert (text, doc_id, index) == ("Hello there.", "d", 1)
        case _:
            pytest.fail("no positional pattern")
