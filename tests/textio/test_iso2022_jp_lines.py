"""7-bit ISO-2022-JP data that declares itself (a ``<meta charset>``, an XML declaration) is
read as such by the decoding policy, though every byte of it is UTF-8 too: the readers that
go a line at a time (plain_utf8's check, utf8_lines) took it for plain UTF-8 and gave its
escape sequences as text, where the whole read gives Japanese."""

from __future__ import annotations

import gzip
import json

import pytest

from summarizer import textio
from summarizer.metrics import io

JAPANESE = "日本語の文です。"


def _write(path, text, compress):
    data = text.encode("iso2022_jp")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_declared_iso2022_jp_is_not_plain_utf8(tmp_path, compress):
    path = _write(tmp_path / "jp.html", '<meta charset="iso-2022-jp">\n'
                  + (JAPANESE + "\n") * 50, compress)
    assert textio.read_text(path).encoding == "iso2022_jp"
    assert textio.plain_utf8(path) is False
    with pytest.raises(textio.NotPlainUtf8):
        list(textio.utf8_lines(path))


@pytest.mark.parametrize("head", ["", "<p>no declaration</p>\n", '<meta charset="utf-8">\n'])
def test_escapes_without_that_declaration_stay_utf8(tmp_path, head):
    # decode_bytes reads them as UTF-8 (escapes and all): so do the line readers
    path = _write(tmp_path / "jp.txt", head + (JAPANESE + "\n") * 50, False)
    assert textio.read_text(path).encoding == "utf-8"
    assert textio.plain_utf8(path) is True
    assert [line for _, line in textio.utf8_lines(path)] == textio.split_lines(
        textio.read_text(path).text)


def test_a_jsonl_file_so_encoded_gives_the_whole_reads_records(tmp_path):
    # raw escape bytes are control characters, no JSON: read as UTF-8 a line at a time the
    # file was "not valid JSON", where the whole read gives its Japanese
    lines = ['{"id": "d1", "text": "<meta charset=\\"iso-2022-jp\\"> ' + JAPANESE + '"}']
    lines += [json.dumps({"id": f"d{i}", "text": JAPANESE * 3}, ensure_ascii=False)
              for i in range(2, 40)]
    path = _write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n", False)
    whole = textio.read_jsonl(path)
    assert whole.encoding == "iso2022_jp"
    got = textio.open_jsonl(path)
    assert [rec for _, rec in got] == [rec for _, rec in whole]
    assert got.encoding == "iso2022_jp"


def test_a_long_summary_so_encoded_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "STREAM_BYTES", 0)
    path = _write(tmp_path / "peer.html", '<meta charset="iso-2022-jp">\n'
                  + (JAPANESE + "\n") * 50, False)
    lines = io.summary_lines(path)
    assert lines == io.spl_lines(io.read_summary(path))
    assert lines[1] == JAPANESE
