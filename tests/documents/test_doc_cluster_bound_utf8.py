"""One cluster's documents together are held to the bound of one input
(read.MAX_FILE_BYTES, loaders.ClusterText) counted in bytes of UTF-8, as the message says
them ("come to N bytes of text, over M"): Greek, Hebrew and Hindi text is 2-3 bytes a
character, and a count of characters let such a cluster reach up to three times the bound
while its message said bytes."""

from __future__ import annotations

import pytest

from summarizer.documents import load_cluster
from summarizer.documents.loaders import ClusterBoundError
from summarizer.textio import read

SENTENCES = {  # 2, 2 and 3 bytes a character in UTF-8
    "el.txt": "Το δημοτικό συμβούλιο της πόλης συνεδρίασε τη Δευτέρα και ψήφισε να χτιστεί "
              "μια γέφυρα. ",
    "he.txt": "מועצת העיר התכנסה ביום שני והצביעה בעד בניית גשר חדש מעל הנהר. ",
    "hi.txt": "नगर परिषद ने सोमवार को बैठक की और नदी पर एक नया पुल बनाने के लिए मतदान किया। ",
}


@pytest.fixture
def folder(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for name, sentence in SENTENCES.items():
        (news / name).write_text(sentence * 10, encoding="utf-8")
    return news


def _utf8(cluster) -> int:
    return sum(len(d.text.encode("utf-8")) for d in cluster.documents)


def test_a_non_ascii_cluster_is_counted_in_utf8_bytes(folder, monkeypatch):
    total = _utf8(load_cluster([folder]))
    chars = sum(len(d.text) for d in load_cluster([folder]).documents)
    assert chars < total / 2 + 100  # the text is mostly 2-3 bytes a character

    monkeypatch.setattr(read, "MAX_FILE_BYTES", total)  # just within: read whole
    assert _utf8(load_cluster([folder])) == total

    monkeypatch.setattr(read, "MAX_FILE_BYTES", total - 1)  # a byte over: refused
    with pytest.raises(ClusterBoundError) as err:
        load_cluster([folder])
    assert str(err.value).startswith(
        f"{folder / 'hi.txt'}: with it, the documents of one cluster come to {total:,} "
        f"bytes of text, over {total - 1:,} bytes;"), str(err.value)


def test_each_file_is_counted_in_utf8_bytes_as_it_is_read(folder, monkeypatch):
    first = _utf8(load_cluster([folder / "el.txt"]))
    two = first + _utf8(load_cluster([folder / "he.txt"]))
    assert first < read.MAX_FILE_BYTES
    monkeypatch.setattr(read, "MAX_FILE_BYTES", two - 1)
    with pytest.raises(ClusterBoundError, match=rf"he\.txt: .* come to {two:,} bytes of text"):
        load_cluster([folder / "el.txt", folder / "he.txt", folder / "hi.txt"])


@pytest.mark.parametrize("text", [
    "", "plain ASCII", "café", "Δευτέρα" * 1000, "नदी 😀 ", "\ud800 lone", "a" * 5 + "é",
])
def test_utf8_size_is_the_length_of_the_text_in_utf8(text, monkeypatch):
    want = len(text.encode("utf-8", "surrogatepass"))
    assert read.utf8_size(text) == want
    monkeypatch.setattr(read, "_UTF8_CHUNK", 3)  # counted in pieces, a piece at a time
    assert read.utf8_size(text * 3) == 3 * want
