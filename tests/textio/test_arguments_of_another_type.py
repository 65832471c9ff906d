"""textio's public functions given a path, text or data of another type: one typed line
naming the argument and the type given (as the documents loaders say it: b7838210), where
they failed deep inside with a raw TypeError or AttributeError (read_text(None): os.fspath's
"expected str, bytes or os.PathLike object"; looks_binary("abc"): "'in <string>' requires
string as left operand"; split_lines(b"..."): "cannot use a string pattern on a bytes-like
object"; walk_files("") listed every file of the working folder)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from summarizer import textio
from summarizer.errors import InputError

PATH_TAKERS = {
    "read_text": textio.read_text,
    "read_bytes": textio.read_bytes,
    "read_jsonl": textio.read_jsonl,
    "open_jsonl": textio.open_jsonl,
    "utf8_lines": textio.utf8_lines,
    "plain_utf8": textio.plain_utf8,
    "open_input": textio.open_input,
    "input_exists": textio.input_exists,
    "path_kind": textio.path_kind,
    "refuse_irregular": textio.refuse_irregular,
    "expand_home": textio.expand_home,
    "home_folder": lambda p: textio.home_folder(p, "out", "give another folder"),
    "uncompressed_name": textio.uncompressed_name,
    "walk_files": textio.walk_files,
}
TEXT_TAKERS = {
    "split_lines": textio.split_lines,
    "text_looks_binary": textio.text_looks_binary,
    "looks_like_html": textio.looks_like_html,
    "blank": textio.blank,
    "lone_surrogate": textio.lone_surrogate,
    "refuse_lone_surrogate": lambda t: textio.refuse_lone_surrogate(t, "a title"),
}
DATA_TAKERS = {
    "looks_binary": textio.looks_binary,
    "declared_encoding": textio.declared_encoding,
    "json_of_utf8": textio.json_of_utf8,
    "decode_as": lambda d: textio.decode_as(d, "utf-8"),
}


def _refused(call, value, said: str) -> None:
    with pytest.raises(InputError) as caught:
        result = call(value)
        next(iter(result), None)  # utf8_lines reads as it is iterated
    assert str(caught.value) == said


@pytest.mark.parametrize("name", sorted(PATH_TAKERS))
@pytest.mark.parametrize("value, kind", [(None, "NoneType"), (b"news.txt", "bytes"),
                                         (5, "int"), (["news.txt"], "list")])
def test_a_path_of_another_type_is_one_typed_line(name, value, kind):
    arg = "root" if name == "walk_files" else "path"
    _refused(PATH_TAKERS[name], value, f"{arg} must be a path, not {kind}")


@pytest.mark.parametrize("name", ["read_text", "read_bytes", "read_jsonl", "open_jsonl",
                                  "utf8_lines", "plain_utf8", "open_input", "walk_files"])
def test_an_empty_path_is_no_working_folder(name, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Not to be read.\n")
    monkeypatch.chdir(tmp_path)
    arg = "root" if name == "walk_files" else "path"
    _refused(PATH_TAKERS[name], "", f"{arg} is empty (Path('') is the working folder); give "
             "a path ('.' for the working folder)")


@pytest.mark.parametrize("name", sorted(TEXT_TAKERS))
def test_text_of_another_type_is_one_typed_line(name):
    arg = "text"
    _refused(TEXT_TAKERS[name], b"The river rose.\n", f"{arg} must be a str, not bytes "
             "(decode bytes first: summarizer.textio.decode_bytes)")
    _refused(TEXT_TAKERS[name], None, f"{arg} must be a str, not NoneType")
    _refused(TEXT_TAKERS[name], 5, f"{arg} must be a str, not int")


def test_a_jsonl_line_of_another_type_is_one_typed_line():
    _refused(lambda v: textio.parse_jsonl_line(v, "data.jsonl:1"), b'{"text": "a"}',
             "line must be a str, not bytes (decode bytes first: "
             "summarizer.textio.decode_bytes)")
    _refused(lambda v: textio.parse_jsonl_line(v, "data.jsonl:1"), None,
             "line must be a str, not NoneType")


@pytest.mark.parametrize("name", sorted(DATA_TAKERS))
def test_data_of_another_type_is_one_typed_line(name):
    hint = ("text is decoded already: text_looks_binary tells text" if name == "looks_binary"
            else "encode it first: text.encode('utf-8')")
    _refused(DATA_TAKERS[name], "The river rose.", f"data must be bytes, not str ({hint})")
    _refused(DATA_TAKERS[name], None, "data must be bytes, not NoneType")
    _refused(DATA_TAKERS[name], [1, 2], "data must be bytes, not list")


def test_compression_names_its_head():
    def compression(head):
        return textio.compression(head, "x.txt")

    _refused(compression, None, "head must be bytes, not NoneType")
    _refused(compression, "BZh9", "head must be bytes, not str (encode it first: "
             "text.encode('utf-8'))")


def test_good_arguments_read_as_before(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("The river rose.\r\nThe town was dry.\n", encoding="utf-8")
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"text": "a"}\n'))
    assert textio.read_text(text).text == "The river rose.\r\nThe town was dry.\n"
    assert textio.read_text(str(text)).encoding == "utf-8"
    assert textio.read_bytes(text).startswith(b"The river")
    assert [r for _, r in textio.read_jsonl(packed)] == [{"text": "a"}]
    assert [r for _, r in textio.open_jsonl(str(packed))] == [{"text": "a"}]
    assert [line for _, line in textio.utf8_lines(text)] == ["The river rose.",
                                                             "The town was dry."]
    assert textio.plain_utf8(text) and textio.input_exists(text)
    assert textio.path_kind(str(text)) == "a regular file"
    textio.refuse_irregular(text)
    assert textio.uncompressed_name(packed) == tmp_path / "b.jsonl"
    assert textio.expand_home("~") == Path.home()
    assert textio.walk_files(tmp_path)[0] == [text, packed]
    assert textio.split_lines("a\r\nb\u2028c\n") == ["a", "b\u2028c"]
    assert textio.blank(" \n") and not textio.blank("a")
    assert textio.lone_surrogate("a\ud800") == 1 and textio.lone_surrogate("abc") is None
    assert textio.looks_like_html("<!doctype html><p>x") and not textio.text_looks_binary("x")
    assert textio.looks_binary(b"\x00\x01") and not textio.looks_binary(bytearray(b"abc"))
    assert textio.declared_encoding(b'<meta charset="windows-1250">') == "cp1250"
    assert textio.compression(gzip.compress(b"x")[:6], "x.gz") == "gzip"
    assert textio.json_of_utf8(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    assert textio.decode_as(b"caf\xe9", "cp1252").text == "café"
    assert textio.parse_jsonl_line('\ufeff{"a": [1]}', "x:1") == {"a": [1]}
