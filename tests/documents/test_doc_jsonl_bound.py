"""A .jsonl file read as part of one cluster (summarize big.jsonl, a folder, many paths) is
read a line at a time, each line's documents counted against the cluster's bound as they
are made (loaders.ClusterText): the read stops at the line that passes it. It was read
whole, every line parsed, before the count. The bound is made small here."""

from __future__ import annotations

import gzip
import json

import pytest
from helpers import run_cli

from summarizer.documents import load_cluster, load_jsonl
from summarizer.errors import InputError
from summarizer.textio import read, read_jsonl

BOUND = 4096


@pytest.fixture
def small_bound(monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", BOUND)


def _article(i: int, size: int) -> str:
    sentence = f"The council of town {i} met on Monday and voted to build a bridge. "
    return (sentence * (size // len(sentence) + 1))[:size].rsplit(". ", 1)[0] + "."


def _lines(*sizes: int, bad_after: bool = True) -> str:
    """A JSONL text of one document a line, then (``bad_after``) a line that is no JSON."""
    lines = [json.dumps({"id": f"d{i}", "text": _article(i, n)}) for i, n in enumerate(sizes)]
    return "\n".join(lines + (["{not json"] if bad_after else [])) + "\n"


def _text(tmp_path, size: int = 1500):
    path = tmp_path / "a.txt"
    path.write_text(_article(99, size), encoding="utf-8")
    return path


def test_a_jsonl_file_after_another_input_stops_at_the_line_that_passes_the_bound(
    tmp_path, small_bound
):
    first = _text(tmp_path)  # ~1,450 of 4,096
    part = tmp_path / "b.jsonl"
    part.write_text(_lines(1500, 1500), encoding="utf-8")  # ~2,900 more at line 2
    with pytest.raises(InputError) as err:
        load_cluster([first, part])
    msg = str(err.value)
    # line 3 (not JSON) was never read: the whole file was, and its error raised first
    assert msg.startswith(f"{part}:2: with it, the documents of one cluster come to "), msg
    assert "over 4 KiB" in msg and "summarizer batch" in msg and "MAX_FILE_BYTES" in msg


def test_a_jsonl_file_in_a_folder_stops_at_its_line_and_is_not_skipped(tmp_path, small_bound):
    folder = tmp_path / "news"
    folder.mkdir()
    _text(folder)
    (folder / "b.jsonl").write_text(_lines(1500, 1500, bad_after=False), encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.jsonl:2: with it, the documents of one cluster"):
        load_cluster([folder])


def test_a_jsonl_file_skipped_in_a_folder_counts_none_of_its_lines(tmp_path, small_bound):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.jsonl").write_text(_lines(1500), encoding="utf-8")  # line 2: not JSON
    for name in ("b.txt", "c.txt"):
        (folder / name).write_text(_article(len(name), 1500), encoding="utf-8")
    cluster = load_cluster([folder])  # ~2,900: a.jsonl's ~1,450 counted would pass 4 KiB
    assert [d.id for d in cluster.documents] == ["b.txt", "c.txt"]
    assert [s["path"] for s in cluster.meta["skipped"]] == [str(folder / "a.jsonl")]


def test_a_jsonl_file_that_is_not_utf8_is_counted_a_line_at_a_time_too(tmp_path, small_bound):
    first = _text(tmp_path, 3000)
    part = tmp_path / "b.jsonl"  # UTF-16: decoded whole (the decoding policy), then counted
    part.write_text(_lines(700, 700, bad_after=False), encoding="utf-16")
    assert part.stat().st_size < BOUND
    with pytest.raises(InputError, match=rf"^{part}:2: with it, the documents of one cluster"):
        load_cluster([first, part])


def test_a_compressed_jsonl_over_the_bound_is_refused_before_a_line_is_read(tmp_path, small_bound):
    part = tmp_path / "b.jsonl.gz"
    part.write_bytes(gzip.compress(("{not json\n" + _lines(3000, 3000)).encode()))
    with pytest.raises(InputError, match=r"b\.jsonl\.gz: decompressed, it is over 4 KiB"):
        load_cluster([part])


def test_the_cli_says_so_in_one_line(tmp_path, small_bound):
    first = _text(tmp_path)
    part = tmp_path / "b.jsonl"
    part.write_text(_lines(1500, 1500), encoding="utf-8")
    code, out, err = run_cli(
        ["summarize", str(first), str(part), "--method", "lead", "--words", "20"]
    )
    assert code == 2 and out == ""
    assert err.startswith(
        f"summarizer: error: {part}:2: with it, the documents of one cluster come to"
    ), err


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_file_read_a_line_at_a_time_gives_what_the_whole_file_gives(tmp_path, bom):
    from summarizer.textio import JsonlLines, open_jsonl

    path = tmp_path / "news.jsonl"
    lines = [
        {"id": "a", "text": "Line\u2028one\u0085 held in one record. It has two."},
        {"id": "b", "text": "Second record.\r\nWith a break.", "title": "T"},
        {"id": "c", "documents": ["One text.", {"text": "Two texts."}], "references": ["R."]},
    ]
    text = "\r\n".join(json.dumps(rec, ensure_ascii=False) for rec in lines[:2])
    path.write_text(
        bom + text + "\n\n\r" + json.dumps(lines[2]) + "\n", encoding="utf-8", newline=""
    )
    assert isinstance(open_jsonl(path), JsonlLines)
    streamed, whole = load_jsonl(path), load_jsonl(read_jsonl(path))
    assert [
        (c.id, [(d.id, d.text, d.title) for d in c.documents], c.references, c.meta)
        for c in streamed
    ] == [
        (c.id, [(d.id, d.text, d.title) for d in c.documents], c.references, c.meta) for c in whole
    ]
    assert streamed[0].meta["inputs"][0]["encoding"] == ("utf-8-sig" if bom else "utf-8")


def test_a_jsonl_file_is_held_as_its_documents_not_as_the_file_as_well(tmp_path):
    from helpers import traced_memory

    sentence = "The council met on Monday and voted to build a bridge over the river. "
    path = tmp_path / "news.jsonl"
    path.write_text((json.dumps({"text": sentence * 100}) + "\n") * 300, encoding="utf-8")
    load_cluster([path])  # warm
    with traced_memory() as mem:
        cluster = load_cluster([path])
    text = sum(len(d.text) for d in cluster.documents)  # ~2.1 MB
    # 1.1x the text; read whole (its bytes, text, lines and records at once): 3.1x
    assert mem.peak < 1.6 * text, mem.peak / text


def test_an_unreadable_jsonl_file_is_an_input_error_and_a_folder_skips_it(tmp_path, monkeypatch):
    # the line-by-line reader's first pass (plain_utf8(bounded=True)) opened the file outside
    # read_bytes' except: a PermissionError came out raw, and a folder stopped on it where
    # it skipped the file ("cannot be read (Permission denied)") before 46e5235
    import errno

    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday. It approved the budget.\n")
    (folder / "b.jsonl").write_text(json.dumps({"text": "The mayor said the plan would cost more."}) + "\n")
    opened = read.open_input

    def open_input(path, *args, **kwargs):
        if str(path).endswith("b.jsonl"):  # as a file of another user's, mode 600 (tests run as root)
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(read, "open_input", open_input)
    with pytest.raises(InputError, match=r"b\.jsonl: cannot be read \(Permission denied\)"):
        load_cluster(folder / "b.jsonl")
    cluster = load_cluster(folder)
    assert len(cluster.documents) == 1
    assert [s["reason"] for s in cluster.meta["skipped"]] == ["cannot be read (Permission denied)"]
