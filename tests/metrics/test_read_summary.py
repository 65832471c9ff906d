"""metrics.io.read_summary reads a summary file as textio.read_text reads any file (one
home for the size bound, the decoding policy and their errors), but as ROUGE-1.5.5 reads a
summary: an empty file is an empty summary and a UTF-8 byte-order mark stays. A summary on
standard input (decode_summary) reads as the same bytes in a file."""

from __future__ import annotations

from io import BytesIO

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer import textio
from summarizer.errors import InputError
from summarizer.metrics import io


def test_a_summary_reads_as_textio_reads_the_file_but_keeps_its_bom(tmp_path):
    path = tmp_path / "M000"
    path.write_bytes(b"\xef\xbb\xbfThe storm hit.\nPower was cut.\n")
    text = io.read_summary(path)
    assert text == "\ufeff" + textio.read_text(path).text
    assert io.spl_lines(text) == ["\ufeffThe storm hit.", "Power was cut."]


def test_an_empty_summary_file_is_an_empty_summary(tmp_path):
    path = tmp_path / "M000"
    path.write_bytes(b"")
    assert io.read_summary(path) == ""
    with pytest.raises(InputError, match="is empty"):
        textio.read_text(path)  # any other file: refused


def test_errors_are_textios_word_for_word(tmp_path):
    path = tmp_path / "M000"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError) as theirs:
        textio.read_text(path)
    with pytest.raises(InputError) as ours:
        io.read_summary(path)
    assert str(ours.value) == str(theirs.value) == f"{path}: looks like a binary file, not text"


def test_the_encoding_is_checked_before_the_file_is_read(tmp_path):
    # as textio.read_text checks it: a misspelt --encoding is said first, not "no such file"
    with pytest.raises(InputError, match="unknown encoding 'nosuch'"):
        io.read_summary(tmp_path / "missing", encoding="nosuch")


@settings(max_examples=60, derandomize=True)
@given(st.binary(max_size=200), st.sampled_from([None, "utf-8", "cp1250", "utf-16"]))
@example("Příliš žluťoučký kůň úpěl ďábelské ódy.\n".encode("cp1250"), None)
@example(b"\xef\xbb\xbfa\n", None)
@example(b"", None)
@example(b"\xfd7zXZ\x00", None)  # a cut xz stream: refused alike
def test_standard_input_reads_as_the_same_bytes_in_a_file(tmp_path_factory, data, encoding):
    path = tmp_path_factory.mktemp("s") / "M000"
    path.write_bytes(data)
    name = str(path)

    def piped() -> str:  # as the CLI reads `summarizer rouge - REF`
        return io.decode_summary(textio.read_stream(BytesIO(data), name), name, encoding)

    try:
        from_file = io.read_summary(path, encoding)
    except InputError as exc:
        with pytest.raises(InputError) as caught:
            piped()
        assert str(caught.value) == str(exc)
    else:
        assert piped() == from_file
