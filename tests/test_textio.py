"""The one decoding policy, JSONL reader and folder walk (summarizer.textio)."""

from __future__ import annotations

import codecs
import json
import os

import pytest
from helpers import run_cli, traced_memory
from hypothesis import given
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.textio import (
    declared_encoding,
    decode_as,
    decode_bytes,
    field,
    looks_binary,
    parse_jsonl_line,
    read_jsonl,
    read_text,
    split_lines,
    walk_files,
)

# Real news-style sentences in the languages whose legacy encodings must be detected.
LEGACY = {
    "shift_jis": "東京都は月曜日、新しい防災計画を発表した。地震や台風に備え、避難所の数を増やすという。",
    "gb18030": "国家统计局周一公布的数据显示，今年第三季度经济增长放缓。专家认为，出口下降是主要原因。",
    "euc_kr": "서울시는 월요일 새로운 교통 정책을 발표했다. 시민들은 대중교통 요금 인상에 반대하고 있다.",
    "cp1251": "Правительство объявило в понедельник о новых мерах поддержки экономики. "
              "Эксперты считают их недостаточными.",
    "koi8_r": "Центральный банк сохранил ключевую ставку без изменений, сообщило агентство. "
              "Рубль после этого укрепился.",
    "cp1253": "Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα για τη στήριξη της οικονομίας. "
              "Οι ειδικοί τα θεωρούν ανεπαρκή.",
    "cp1256": "أعلنت الحكومة يوم الاثنين عن إجراءات جديدة لدعم الاقتصاد. ويرى الخبراء أنها غير كافية.",
}


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_legacy_encodings_are_detected_and_reported(encoding, tmp_path):
    text = LEGACY[encoding]
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text == text
    # Reported truly: the codec really used, which decodes the bytes to that text.
    assert data.decode(decoded.encoding) == text
    assert codecs.lookup(decoded.encoding).name not in ("utf-8", "latin-1", "iso8859-1", "cp1252")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    text_read, enc = read_text(path)  # the small API: (text, encoding)
    assert (text_read, enc) == (text, decoded.encoding)


def test_utf8_plain_and_with_bom():
    text = "Café “news” – Zürich"
    d = decode_bytes(text.encode("utf-8"))
    assert (d.text, d.encoding, d.bom) == (text, "utf-8", False)
    d = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert (d.text, d.encoding, d.bom) == (text, "utf-8-sig", True)
    assert d.is_utf8


def test_cp1252_newswire_is_decoded_and_reported():
    data = "The “café” opened – at last, said the mayor of Zürich on Monday.".encode("cp1252")
    d = decode_bytes(data)
    assert d.encoding == "cp1252"
    assert d.text == "The “café” opened – at last, said the mayor of Zürich on Monday."


def _page(head: str, text: str, encoding: str) -> bytes:
    return (f"<!DOCTYPE html><html><head>{head}<title>News</title></head><body><nav>"
            f"<a href='/'>Home</a></nav><p>{text}</p></body></html>").encode(encoding)


# Pages a detector misread (before step 6): the euro sign of iso-8859-15 is cp1252's ¤; a
# Portuguese sentence with one ã is cp1250 (Săo); 7-bit ISO-2022-JP passed as ASCII.
@pytest.mark.parametrize("head, text, encoding, codec", [
    ('<meta charset="iso-8859-15">', "Le prix a atteint 5€ lundi, a déclaré le ministre.",
     "iso8859-15", "iso8859-15"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
     "São Paulo é a maior cidade do Brasil, disse o ministro na segunda-feira.", "cp1252",
     "cp1252"),
    ("<META HTTP-EQUIV='content-type' CONTENT='text/html; charset=ISO-2022-JP'>",
     "ニュース速報：地震が発生しました。", "iso2022_jp", "iso2022_jp"),
    # labels as a browser reads them: latin-1 is windows-1252, Shift_JIS is cp932 ...
    ('<meta charset="iso-8859-1">', "Le maître a parlé d’économie.", "cp1252", "cp1252"),
    ('<meta charset="Shift_JIS">', "東京", "shift_jis", "cp932"),
    ("<meta charset=x-mac-cyrillic>", "Правительство объявило новые меры.", "mac-cyrillic",
     "mac-cyrillic"),
])
def test_a_declared_charset_decodes_a_page_that_is_not_utf8(head, text, encoding, codec):
    data = _page(head, text, encoding)
    decoded = decode_bytes(data)
    assert text in decoded.text
    assert decoded.encoding == codec


@pytest.mark.parametrize("head, expected", [
    ('<meta charset="windows-1251">', "cp1251"),
    ('<meta charset=koi8-r/>', "koi8-r"),
    ('<meta content="text/html; charset=euc-jp" http-equiv="Content-Type">', "euc_jp"),
    ('<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">', "cp1251"),
    ('<meta name="description" content="charset=koi8-r">', None),  # not a declaration
    ('<meta charset="utf-8"><meta charset="koi8-r">', None),  # the first one counts
    ('<meta charset="rot13">', None),  # Python codecs that are no web encoding
    ('<meta charset="unicode_escape">', None),
    ('<meta charset="no-such-thing">', None),
    (" " * 1024 + '<meta charset="koi8-r">', None),  # past the 1024 bytes browsers read
])
def test_declared_encoding_is_the_whatwg_prescan(head, expected):
    assert declared_encoding(f"<html><head>{head}".encode("ascii")) == expected


def test_xml_declaration_is_read():
    data = '<?xml version="1.0" encoding="ISO-8859-2"?><doc>Łódź i Kraków</doc>'.encode(
        "iso8859-2")
    assert decode_bytes(data) == ("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><doc>"
                                  "Łódź i Kraków</doc>", "iso8859-2")


def test_valid_utf8_wins_over_a_declared_legacy_charset():
    # templates that say iso-8859-1 while the page is UTF-8 are common
    text = "Правительство объявило новые меры, сообщил министр."
    decoded = decode_bytes(_page('<meta charset="iso-8859-1">', text, "utf-8"))
    assert (text in decoded.text, decoded.encoding) == (True, "utf-8")


def test_a_declaration_the_bytes_contradict_is_ignored():
    # 0x81 has no character in cp1252: the declaration is wrong; the detector reads it
    text = "Правительство объявило новые меры в понедельник, сообщил министр."
    data = _page('<meta charset="windows-1252">', text, "cp1251")
    assert b"\x81" in "Ѓ".encode("cp1251")
    decoded = decode_bytes(data.replace(b"<p>", b"<p>" + "Ѓ".encode("cp1251")))
    assert text in decoded.text and decoded.encoding == "cp1251"


def test_utf8_with_a_few_damaged_bytes_stays_utf8(tmp_path):
    # it was decoded whole as a legacy code page (cp1125 here), every dash and accent of the
    # file garbled to account for two bad bytes
    text = "Le café “Zürich” a rouvert – dit le maire. " * 20 + "Fin."
    data = text.encode("utf-8")
    damaged = data[:300] + b"\xff" + data[300:600] + b"\xc3" + data[600:]
    d = decode_bytes(damaged)
    assert d.encoding == "utf-8" and d.replaced == 2
    assert d.text.replace("\ufffd", "") == text
    assert decode_bytes(data).replaced == 0
    # legacy text is still recognised as such: its accented letters are lone high bytes
    legacy = ("Le café “Zürich” a rouvert – dit le maire de la ville. " * 20).encode("cp1252")
    assert decode_bytes(legacy).encoding == "cp1252"
    # large data: legacy text is told on a sample, damaged UTF-8 counted whole
    line = "Le café “Zürich” a rouvert – dit le maire.\n"
    big = (line * 30_000).encode("utf-8")
    big = big[:900_000] + b"\xff\n" + big[900_000:]
    assert decode_bytes(big).encoding == "utf-8" and decode_bytes(big).replaced >= 1
    assert decode_bytes((line * 30_000).encode("cp1252")).encoding == "cp1252"
    # more than 1 bad byte per 10 good characters is not UTF-8 with damage
    many = b"\xff".join(data[i:i + 40] for i in range(0, len(data), 40))
    try:
        assert decode_bytes(many).encoding != "utf-8"
    except InputError:
        pass  # or nothing reads it: the one-line error
    path = tmp_path / "damaged.txt"
    path.write_bytes(damaged)
    code, _, err = run_cli(["summarize", str(path), "--words", "20"], lines=None)
    assert code == 0, err


def test_the_cli_says_when_damaged_utf8_was_read(tmp_path):
    text = ("The council approved the new flood barrier on Monday – a “historic” vote, said "
            "the mayor of Zürich. Work on the barrier starts next spring, café owners said. ")
    data = (text * 8).encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data[:200] + b"\xff" + data[200:])
    code, out, err = run_cli(["summarize", str(tmp_path / "a.txt"), "--words", "20"])
    assert code == 0 and "1 character(s) could not be read as UTF-8" in err and "café" in out


def test_language_hint_selects_the_languages_code_page():
    text = "Zemětřesení na Haiti podle zprávy OSN zabilo tisíce lidí, řekl mluvčí."
    data = text.encode("cp1250")
    d = decode_bytes(data, language="czech")
    assert (d.text, d.encoding) == (text, "cp1250")
    assert decode_bytes(data).text == text  # detected without the hint too


def test_utf16_and_utf32():
    text = "Hello world, this is UTF-16 text."
    assert decode_bytes(text.encode("utf-16")).text == text
    d = decode_bytes(text.encode("utf-16-le"))
    assert (d.text, d.encoding) == (text, "utf-16-le")
    d = decode_bytes(text.encode("utf-32"))
    assert (d.text, d.encoding) == (text, "utf-32")


def test_binary_and_undecodable_are_input_errors():
    with pytest.raises(InputError, match="photo.jpg.*binary"):
        decode_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 20, name="photo.jpg")
    assert looks_binary(bytes(range(32)) * 10)
    assert not looks_binary(b"plain text\nwith lines\r\n\tand tabs")
    # Bytes that no encoding turns into text: a typed error naming the file and byte.
    noise = bytes.fromhex("8f9e8d9c81a0fe92ff8a9b") * 30
    with pytest.raises(InputError, match=r"noise.bin: cannot be decoded.*byte 0x8f at offset 0"):
        decode_bytes(noise, name="noise.bin")
    with pytest.raises(InputError, match="expected bytes"):
        decode_bytes("text")  # type: ignore[arg-type]


def test_named_encoding():
    assert decode_as("Grüße".encode("cp1252"), "cp1252").text == "Grüße"
    with pytest.raises(InputError, match="unknown encoding 'nosuch'"):
        decode_as(b"x", "nosuch")
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        decode_as(b"caf\xe9", "utf-8", name="f.txt")


def test_read_text_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t\n")
    with pytest.raises(InputError, match="empty.txt: is empty"):
        read_text(empty)
    assert read_text(empty, allow_empty=True).text == "  \n\t\n"
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(InputError, match="not a regular file"):
            read_text(tmp_path / "pipe")  # never blocks on a FIFO


def test_real_cp1250_file_in_tac(tac_dir):
    d = read_text(tac_dir / "SourceTexts" / "M0069.czech", language="czech")
    assert d.encoding == "cp1250"
    assert "zemětřesení" in d.text.lower()


# ----------------------------------------------------------------- JSONL


def test_jsonl_reader_reports_line_and_encoding(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": 1, "text": "Caf\xe9 cr\xe8me \xe0 la fran\xe7aise, disait-il."}\n\n'
                     b'{"id": 2, "text": "Deuxi\xe8me article \xe9crit en fran\xe7ais."}\n')
    jsonl = read_jsonl(path)
    assert [n for n, _ in jsonl] == [1, 3]
    assert jsonl.encoding == "cp1252"  # reported truly, not "utf-8"
    assert jsonl.records[0][1]["text"].startswith("Café crème")


@pytest.mark.parametrize("line, message", [
    ("[1, 2]", r"b.jsonl:2: a JSON array, not an object"),
    ('"text"', r"b.jsonl:2: a JSON string, not an object"),
    ("5", r"b.jsonl:2: a JSON number, not an object"),
    ("{not json", r"b.jsonl:2: not valid JSON"),
    ('{"x": NaN}', r"b.jsonl:2: not valid JSON \(NaN is not valid JSON\)"),
])
def test_jsonl_bad_lines_are_errors_by_line(tmp_path, line, message):
    path = tmp_path / "b.jsonl"
    path.write_text('{"text": "fine"}\n' + line + "\n")
    with pytest.raises(InputError, match=message):
        read_jsonl(path)


def test_jsonl_deep_nesting_and_empty(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(InputError, match="deep.jsonl:1"):
        read_jsonl(path)
    (tmp_path / "blank.jsonl").write_text("\n\n")
    with pytest.raises(InputError, match="is empty"):
        read_jsonl(tmp_path / "blank.jsonl")


def test_field_types():
    rec = json.loads('{"language": 5, "id": true, "text": ["a"]}')
    with pytest.raises(InputError, match="x:1: field 'language' must be a string, not a number"):
        field(rec, "language", (str,), "x:1")
    with pytest.raises(InputError, match="field 'id' must be a string or an integer, not a boolean"):
        field(rec, "id", (str, int), "x:1")
    assert field(rec, "text", (str, list), "x:1") == ["a"]
    assert field(rec, "missing", (str,), "x:1", default="d") == "d"


# ----------------------------------------------------------------- folders


def test_walk_never_follows_linked_folders(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("A")
    for i in range(16):  # 16 self-links: must not loop
        (root / f"self{i}").symlink_to(root, target_is_directory=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("not yours")
    (root / "leak.txt").symlink_to(outside)
    (root / "inner.txt").symlink_to(root / "a.txt")
    (root / "broken.txt").symlink_to(tmp_path / "nothing")
    files, skipped = walk_files(root)
    assert [f.name for f in files] == ["a.txt"]
    reasons = {os.path.basename(s["path"]): s["reason"] for s in skipped}
    assert reasons["inner.txt"] == f"the same file as {root / 'a.txt'}, already read"
    assert reasons["self0"] == "symbolic link to a folder; not followed"
    assert len([r for r in reasons if r.startswith("self")]) == 16
    assert "outside the folder" in reasons["leak.txt"]
    assert reasons["broken.txt"] == "broken symbolic link"


@pytest.mark.parametrize("encoding", ["shift_jis", "cp1251", "cp1252"])
def test_large_legacy_files_are_detected_on_a_sample_and_decoded_whole(encoding):
    line = {"shift_jis": LEGACY["shift_jis"], "cp1251": LEGACY["cp1251"],
            "cp1252": "Die Regierung kündigte am Montag neue Maßnahmen an. „Zu spät“, sagen sie."}
    text = (line[encoding] + "\n") * 40_000  # several MB
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert text.encode(encoding).decode(decoded.encoding) == text


def test_large_file_whose_tail_disagrees_with_the_sample():
    head = ("Die Regierung kündigte am Montag neue Maßnahmen an.\n" * 20_000).encode("cp1252")
    tail = ("Новости: Ѓ Ќ Ћ Џ.\n" * 10).encode("cp1251")  # 0x81 ... undefined in cp1252
    with pytest.raises(UnicodeDecodeError):
        (head + tail).decode("cp1252")
    try:
        decoded = decode_bytes(head + tail)  # the whole file is looked at again
    except InputError:
        return  # a typed error is an acceptable answer for such a mixture
    assert (head + tail).decode(decoded.encoding) == decoded.text


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\uDBFF"])
def test_jsonl_lone_surrogate_escape_is_an_input_error(tmp_path, escape):
    # valid JSON, but not Unicode text: no UTF-8 writer accepts it later
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "fine"}\n{"id": "a", "documents": ["Bad ' + escape + ' char."]}\n')
    with pytest.raises(InputError, match=r"s.jsonl:2: field 'documents' holds \\ud[89a-f]"):
        read_jsonl(path)


def test_jsonl_surrogate_pairs_and_escaped_backslashes_are_kept(tmp_path):
    path = tmp_path / "ok.jsonl"
    path.write_text('{"a": "\\ud83d\\ude00", "b": "\\\\ud800"}\n')
    assert read_jsonl(path).records[0][1] == {"a": "\U0001F600", "b": "\\ud800"}


_ANY_TEXT = st.text(st.characters(categories=["Cs", "L", "N", "P", "Z"]))  # "Cs": lone surrogates


@given(st.recursive(_ANY_TEXT, lambda kids: st.lists(kids) | st.dictionaries(_ANY_TEXT, kids),
                    max_leaves=8))
def test_jsonl_line_reads_back_or_is_an_input_error(value):
    # any JSON that json.dumps writes (lone surrogates escaped) is read back
    # equal, or refused with an InputError if it cannot be encoded as UTF-8
    line = json.dumps({"v": value})
    try:
        line.encode("utf-8")
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        with pytest.raises(InputError, match="surrogate"):
            parse_jsonl_line(line, "x:1")
    else:
        assert parse_jsonl_line(line, "x:1") == {"v": value}


def test_name_index_keys_every_dot_ended_prefix_in_order():
    from pathlib import Path

    from summarizer.textio import name_index

    paths = [Path("r/D30001.M.100.T.A"), Path("r/d30001.m.100.t.b"), Path("r/D30002.x")]
    index = name_index(paths)
    assert index["d30001"] == [0, 1] and index["d30001.m.100.t"] == [0, 1]
    assert index["d30002"] == [2] and "d30002.x" not in index
    assert name_index(paths, whole=True)["d30002.x"] == [2]


_LINE_TEXT = st.text(st.sampled_from(list("ab é€\r\n\t\x0b\x0c\x1c\x85\u2028\u2029")), max_size=60)


@given(text=_LINE_TEXT, bom=st.booleans())
def test_utf8_lines_are_the_lines_of_the_whole_file(tmp_path_factory, text, bom):
    """Read a line at a time, a UTF-8 file gives the lines (and numbers) that splitting the
    whole decoded text gives, whatever line separators it holds."""
    from summarizer.textio import NotPlainUtf8, utf8_lines

    path = tmp_path_factory.mktemp("l") / "f.txt"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    try:
        streamed = list(utf8_lines(path))
    except NotPlainUtf8:  # control characters can make it binary: read whole, refused there
        with pytest.raises(InputError):
            read_text(path, allow_empty=True)
        return
    whole = split_lines(read_text(path, allow_empty=True).text)
    assert streamed == list(enumerate(whole, 1))


# Characters JSON allows unescaped inside a string that str.splitlines() ends a line at.
_INNER_BREAKS = ["\u2028", "\u2029", "\x85"]


@given(values=st.lists(st.text(st.sampled_from(list("ab é") + _INNER_BREAKS)), min_size=1,
                       max_size=5), crlf=st.booleans())
def test_jsonl_lines_end_only_at_a_line_feed_or_carriage_return(tmp_path_factory, values, crlf):
    """JSON Lines written with ensure_ascii=False keep U+2028, U+2029 and U+0085 inside
    their strings as they are: each line is still one record for read_jsonl and
    utf8_lines (str.splitlines() cut it in two, "not valid JSON")."""
    from summarizer.textio import utf8_lines

    path = tmp_path_factory.mktemp("j") / "f.jsonl"
    lines = [json.dumps({"v": v}, ensure_ascii=False) for v in values]
    path.write_bytes(("\r\n" if crlf else "\n").join(lines).encode("utf-8") + b"\n")
    assert [rec["v"] for _, rec in read_jsonl(path)] == values
    assert [n for n, _ in utf8_lines(path)] == list(range(1, len(values) + 1))
    assert [json.loads(line)["v"] for _, line in utf8_lines(path)] == values


def test_split_lines_is_splitlines_for_line_feeds_and_returns_only():
    for text in ["", "a", "a\n", "a\n\n", "a\r\nb\rc\n", "\n", "a\r", "\r\n\r\n"]:
        assert split_lines(text) == text.splitlines()
    assert split_lines("a\u2028b\x85c\x0bd\x1ce\n") == ["a\u2028b\x85c\x0bd\x1ce"]


@pytest.mark.parametrize("data", ["x\n".encode("utf-16"), b"caf\xe9 cr\xe8me\n" * 40,
                                  b"\x00\x01binary\n"])
def test_utf8_lines_leaves_other_data_to_the_whole_file_reader(tmp_path, data):
    from summarizer.textio import NotPlainUtf8, utf8_lines

    path = tmp_path / "f.txt"
    path.write_bytes(data)
    with pytest.raises(NotPlainUtf8):
        list(utf8_lines(path))


@pytest.mark.parametrize("data, plain", [
    (b'{"a": "caf\xc3\xa9"}\n' * 3, True),
    (codecs.BOM_UTF8 + b'{"a": 1}\n', True),
    (b"", True),
    ('{"a": "é"}\n'.encode("utf-16"), False),
    (b'{"a": 1}\n' * 200_000 + b'{"a": "caf\xe9"}\n', False),  # legacy byte past the first MB
    (b'{"a": "\xe2\x82', False),  # cut inside the last character
    (b"\x00\x01binary\n", False),
])
def test_plain_utf8_tells_what_utf8_lines_reads_whole(tmp_path, data, plain):
    """plain_utf8 is True exactly where utf8_lines gives every line without NotPlainUtf8."""
    from summarizer.textio import NotPlainUtf8, plain_utf8, utf8_lines

    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    assert plain_utf8(path) is plain
    try:
        list(utf8_lines(path))
        streamed = True
    except NotPlainUtf8:
        streamed = False
    assert streamed is plain


def test_utf8_lines_refuses_a_line_longer_than_a_file_may_be(tmp_path, monkeypatch):
    """Line by line, memory is bounded by the longest line: one past the file limit is an
    InputError naming where it starts, not a read of the rest of the file."""
    import summarizer.textio as textio

    monkeypatch.setattr(textio.read, "MAX_FILE_BYTES", 100)
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"x" * 101 + b"\n")
    lines = textio.utf8_lines(path)
    assert next(lines) == (1, '{"a": 1}')
    with pytest.raises(InputError, match="line 2 .at byte 9. is over"):
        next(lines)
    path.write_bytes(b'{"a": 1}\n' + b"x" * 99 + b"\n")  # under the limit: read as ever
    assert [n for n, _ in textio.utf8_lines(path)] == [1, 2]


@pytest.mark.parametrize(("bound", "shown"), [(100, "100 bytes"), (4096, "4 KiB"),
                                               (1 << 20, "1 MiB"),
                                               (1_500_000, "1,500,000 bytes")])
def test_a_bound_under_one_mib_is_named_as_it_is(tmp_path, monkeypatch, bound, shown):
    """A stream or a line over a bound under 1 MiB read 'is over 0 MiB' (the bound in
    whole MiB); it is named in bytes or KiB, as read_bytes names it, and one that is no
    whole KiB or MiB in bytes, exactly (1,500,000 read '1465 KiB')."""
    import io

    import summarizer.textio as textio

    monkeypatch.setattr(textio.read, "MAX_FILE_BYTES", bound)
    with pytest.raises(InputError) as caught:
        textio.read.read_stream(io.BytesIO(b"x" * (bound + 1)), "<stdin>")
    assert str(caught.value) == f"<stdin>: is over {shown}; inputs over {shown} are refused"
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"x" * (bound + 1) + b"\n")
    with pytest.raises(InputError) as caught:
        next(textio.utf8_lines(path))
    assert str(caught.value).endswith(f"is over {shown}; lines over {shown} are refused")


def test_a_line_over_the_bound_is_found_holding_the_bound_once(tmp_path, monkeypatch):
    """readline(bound + 1) grew its buffer to twice the bound before the line was known to
    be too long (a 530 MiB line: 1.08 GB); read a block at a time it holds the bound once.
    A line of exactly the bound and its newline, read past, no longer takes the next line
    with it."""
    import summarizer.textio as textio

    monkeypatch.setattr(textio.read, "MAX_FILE_BYTES", 8 << 20)
    monkeypatch.setattr(textio.lines, "LINE_BLOCK", 1 << 20)
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"x" * (12 << 20) + b'\n{"b": 2}\n')
    with traced_memory() as mem:
        lines = list(textio.utf8_lines(path, skip_long=True))
    assert lines == [(1, '{"a": 1}'), (2, None), (3, '{"b": 2}')]
    assert mem.peak < 12 << 20, mem.peak  # the bound and a block or two; 17 MB read whole
    path.write_bytes(b"x" * (8 << 20) + b'\n{"b": 2}\n')  # the bound and its newline exactly
    assert list(textio.utf8_lines(path, skip_long=True)) == [(1, None), (2, '{"b": 2}')]


@given(lines=st.lists(st.tuples(st.integers(0, 16), st.booleans()), min_size=1, max_size=4),
       bound=st.integers(1, 12), block=st.integers(1, 14))
def test_bounded_lines_are_the_lines_within_the_bound(lines, bound, block):
    """Each line with its newline, or None for one over the bound (read past): a last line
    without a newline, over a bound smaller than a block, was given whole."""
    import io

    from summarizer.textio import lines as textlines
    from summarizer.textio import read

    data = b"".join(b"x" * n + (b"\n" if nl else b"") for n, nl in lines)
    expected = [line if len(line) <= bound else None
                for line in io.BytesIO(data).readlines()]
    fh = io.BytesIO(data)
    got = []
    saved = read.MAX_FILE_BYTES, textlines.LINE_BLOCK  # not monkeypatch: one per example
    read.MAX_FILE_BYTES, textlines.LINE_BLOCK = bound, block
    try:
        while (line := textlines.bounded_line(fh, read_past=True)) != b"":
            got.append(line)
    finally:
        read.MAX_FILE_BYTES, textlines.LINE_BLOCK = saved
    assert got == expected



NEWS = ("€ " + "Le café est fermé, dit-il. " * 40 + "\n").encode() * 2000  # 2.3 MB


def test_reading_a_file_holds_what_a_plain_read_does(tmp_path):
    """The emptiness check stripped the text: a file ending in a line break was copied
    whole once more (a 50 MB file: 260 MB peak against 163 for a plain read)."""
    path = tmp_path / "news.txt"
    path.write_bytes(NEWS)
    with traced_memory() as plain:
        path.read_bytes().decode("utf-8")
    with traced_memory() as mem:
        text = read_text(path).text
    assert text == NEWS.decode()
    assert mem.peak < 1.1 * plain.peak, mem.peak / plain.peak  # was 1.18: a second text


def test_damaged_utf8_is_read_holding_what_decoding_it_does():
    """Counting the bad bytes decoded the data whole with surrogate escapes and copied that
    text without them: 4.8 times the data at the peak, 1.9 times what decoding it takes."""
    parts = [NEWS[i:i + len(NEWS) // 20] for i in range(0, len(NEWS), len(NEWS) // 20)]
    damaged = b"\xff".join(parts)
    with traced_memory() as plain:
        damaged.decode("utf-8", errors="replace")
    with traced_memory() as mem:
        decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8" and decoded.replaced == len(parts) - 1
    assert mem.peak < 1.1 * plain.peak, mem.peak / plain.peak


@given(data=st.lists(st.sampled_from([b"a", b" ", b"\xc3\xa9", b"\xe2\x82\xac",
                                      b"\xf0\x9f\x98\x80", b"\xff", b"\xc3", b"\xe2\x82",
                                      b"\x80", b"\xed\xa0\x80"]),
                     max_size=40).map(b"".join),
       block=st.integers(1, 9))
def test_utf8_counts_by_blocks_are_the_whole_datas(data, block):
    """Bad bytes and good characters counted a block at a time, sequences cut anywhere,
    are the counts of the data decoded whole."""
    import re
    from unittest import mock

    from summarizer.textio import decode

    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(re.findall("[\udc80-\udcff]", escaped))
    whole = (bad, sum(not c.isascii() for c in escaped) - bad)
    with mock.patch.object(decode, "_COUNT_BLOCK", block):
        assert decode._utf8_counts(data) == whole


def test_textio_modules_share_no_private_names_and_import_in_one_direction():
    """The package is one idea a module: a module uses only another's public names (a
    private one moved with its idea or became public), and their imports form no cycle."""
    import ast
    from pathlib import Path

    import summarizer.textio as textio

    root = Path(textio.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses = graph.setdefault(path.stem, set())
        for node in tree.body:  # module level: what runs on import
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                    "summarizer.textio"):
                continue
            names = [a.name for a in node.names]
            assert not [n for n in names if n.startswith("_")], (path.name, node.module, names)
            if node.module == "summarizer.textio":  # a module (a name of __init__'s: a cycle)
                assert path.stem == "__init__" or {f"{n}.py" for n in names} <= {
                    p.name for p in root.glob("*.py")}, (path.name, names)
                uses.update(names)
            else:
                uses.add(node.module.rsplit(".", 1)[1])
    assert {"decode", "read", "lines", "jsonl", "walk"} <= set(graph), graph

    def visit(name: str, stack: list[str]) -> None:
        assert name not in stack, " -> ".join(stack + [name])
        for used in graph.get(name, ()):
            visit(used, stack + [name])

    for name in graph:
        if name != "__init__":  # it imports every module: their names are the package's
            visit(name, [])


def test_the_bounds_read_and_set_through_the_package_as_before_the_split(tmp_path, monkeypatch):
    """summarizer.textio.MAX_FILE_BYTES was a module constant: reading it after the split
    was an AttributeError, and setting it made a copy that no reader looked at."""
    import summarizer.textio as textio
    from summarizer.textio import LINE_BLOCK, MAX_FILE_BYTES  # type: ignore[attr-defined]

    assert (MAX_FILE_BYTES, LINE_BLOCK) == (textio.read.MAX_FILE_BYTES,
                                            textio.lines.LINE_BLOCK)
    monkeypatch.setattr(textio, "MAX_FILE_BYTES", 100)
    assert textio.read.MAX_FILE_BYTES == 100 == textio.MAX_FILE_BYTES
    path = tmp_path / "big.txt"
    path.write_text("word " * 40, encoding="utf-8")
    with pytest.raises(InputError):
        textio.read_text(path)
    with pytest.raises(AttributeError):
        textio.NO_SUCH_BOUND  # noqa: B018


def test_a_long_line_is_held_once_while_its_reader_works_on_it(tmp_path):
    # the reader held a line's bytes, its decoded text and the line split from it while
    # evaluate and batch summarised a 50 MB JSONL line: three copies where one is used
    from summarizer.textio import utf8_lines

    path = tmp_path / "one.jsonl"
    path.write_text("x" * 3_000_000 + "\n" + "y\r\nz\n", encoding="utf-8")
    lines = utf8_lines(path)
    with traced_memory() as mem:
        lineno, line = next(lines)
    assert (lineno, len(line)) == (1, 3_000_000) and set(line) == {"x"}
    assert mem.held < 3_500_000, mem.held  # the line alone (it was 9 MB)
    assert list(lines) == [(2, "y"), (3, "z")]
