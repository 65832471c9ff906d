"""Decoding bytes into text: UTF-8 first, reported fallbacks, binary and empty rejected."""

from __future__ import annotations

import codecs

import pytest

from summarizer.documents.encoding import decode_bytes, looks_binary, read_text_file
from summarizer.errors import InputError


def test_utf8_plain_and_with_bom():
    text = "Café “news” – Zürich"
    d = decode_bytes(text.encode("utf-8"))
    assert (d.text, d.encoding, d.bom) == (text, "utf-8", False)
    d = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert (d.text, d.encoding, d.bom) == (text, "utf-8-sig", True)
    assert d.is_utf8


def test_cp1252_newswire_is_decoded_and_reported():
    # Smart quotes and an e-acute as Windows-1252 bytes: not valid UTF-8.
    data = b"The \x93caf\xe9\x94 opened \x96 at last."
    d = decode_bytes(data)
    assert d.encoding == "cp1252"
    assert d.text == "The “café” opened – at last."


def test_latin1_when_cp1252_cannot_decode():
    # 0x81 is undefined in cp1252 but a (control) character in Latin-1.
    d = decode_bytes(b"Gr\xfc\xdfe \x81 aus K\xf6ln")
    assert d.encoding == "latin-1"
    assert d.text.startswith("Grüße")


def test_language_hint_selects_legacy_code_page():
    data = "Zemětřesení na Haiti".encode("cp1250")
    assert decode_bytes(data, language="czech") == decode_bytes(data, language="czech")
    assert decode_bytes(data, language="czech").text == "Zemětřesení na Haiti"
    assert decode_bytes(data, language="czech").encoding == "cp1250"
    # Without the hint the western default is used (and reported).
    assert decode_bytes(data).encoding == "cp1252"


def test_utf16_with_and_without_bom():
    text = "Hello world, this is UTF-16 text."
    assert decode_bytes(text.encode("utf-16")).text == text
    d = decode_bytes(text.encode("utf-16-le"))
    assert (d.text, d.encoding) == (text, "utf-16-le")


def test_binary_rejected_with_file_name():
    with pytest.raises(InputError, match="photo.jpg.*binary"):
        decode_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 20, name="photo.jpg")
    assert looks_binary(bytes(range(32)) * 10)
    assert not looks_binary(b"plain text\nwith lines\r\n\tand tabs")


def test_read_text_file_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t\n")
    with pytest.raises(InputError, match="empty.txt: is empty"):
        read_text_file(empty)
    with pytest.raises(InputError, match="is a folder"):
        read_text_file(tmp_path)


def test_real_cp1250_file_in_tac(tac_dir):
    d = read_text_file(tac_dir / "SourceTexts" / "M0069.czech", language="czech")
    assert d.encoding == "cp1250"
    assert "zemětřesení" in d.text.lower()
