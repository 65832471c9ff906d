"""How batch reads its input files: JSONL shards line by line where they are plain UTF-8."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from batch_helpers import make_records
from helpers import traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.batch.source import Fields, Row, Source, _jsonl_rows, estimate_tokens, to_cluster
from summarizer.errors import InputError
from summarizer.textio import compression, parse_jsonl_line, plain_utf8, read_text, split_lines


def whole_file_rows(path: Path) -> list[tuple]:
    """What batch read before shards streamed: the whole file decoded, then split into
    lines as JSONL lines end (textio.split_lines: not at U+2028, which JSON allows in a
    string)."""
    out = []
    for lineno, line in enumerate(split_lines(read_text(path).text), 1):
        if line.strip():
            where = f"{path}:{lineno}"
            try:
                out.append((where, parse_jsonl_line(line, where), None))
            except InputError as exc:
                out.append((where, None, str(exc).replace(f"{where}: ", "")))
    return out


_VALUE = st.text(st.sampled_from(list("ab é€\u2028\t\"\\")), max_size=12)
_LINE = st.one_of(
    st.builds(lambda v: json.dumps({"id": v, "documents": [v]}, ensure_ascii=False), _VALUE),
    st.sampled_from(["", "   ", "not json", "[1, 2]", '{"id": 1'])
)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(_LINE, min_size=1, max_size=8), sep=st.sampled_from(["\n", "\r\n"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_shard_rows_are_the_whole_file_rows(tmp_path_factory, lines, sep, encoding):
    """Line by line (UTF-8) or whole (anything else), a shard gives the rows, line numbers
    and errors that decoding the whole file gives."""
    text = sep.join(lines) + sep
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = tmp_path_factory.mktemp("s") / "shard.jsonl"
    path.write_bytes(data)
    try:
        expected = whole_file_rows(path)
    except InputError as exc:
        with pytest.raises(InputError, match=str(exc)[:20]):
            list(_jsonl_rows(path))
        return
    assert list(_jsonl_rows(path)) == expected


def test_a_plain_utf8_shard_is_read_one_row_at_a_time(tmp_path):
    """Memory holds about one row, not the shard: 200 rows of 40 KB (8 MB) are read with a
    peak under 2 MB of new allocations."""
    path = tmp_path / "big.jsonl"
    doc = "Die Regierung hat am Montag neue Zahlen veröffentlicht. " * 700  # 40 KB, non-ASCII
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(200):
            fh.write(json.dumps({"id": str(i), "documents": [doc]}, ensure_ascii=False) + "\n")
    assert path.stat().st_size > 7_000_000
    with traced_memory() as mem:
        n = sum(1 for _ in _jsonl_rows(path))
    assert n == 200
    assert mem.peak < 2_000_000, mem.peak  # the whole file would be 8 MB of bytes and 16 of text


def test_a_legacy_shard_is_still_decoded_whole(tmp_path):
    """A cp1252 shard with its first non-ASCII byte far into the file is decoded whole by
    the decoding policy, as before, not read as UTF-8 up to that byte."""
    path = tmp_path / "old.jsonl"
    rows = [json.dumps({"id": str(i), "documents": ["plain text"]}) for i in range(50_000)]
    rows.append(json.dumps({"id": "last", "documents": ["café crème à Paris"]}, ensure_ascii=False))
    path.write_bytes("\n".join(rows).encode("cp1252"))
    assert not plain_utf8(path)
    got = list(_jsonl_rows(path))
    assert len(got) == 50_001 and "\ufffd" not in got[-1][1]["documents"][0]
    assert got == whole_file_rows(path)


def test_a_shard_that_stops_being_utf8_while_read_is_an_input_error(tmp_path):
    path = tmp_path / "moving.jsonl"
    path.write_bytes(b'{"id": "1", "documents": ["a"]}\n' * 3)
    rows = _jsonl_rows(path)
    next(rows)  # plain UTF-8: the job reads it line by line
    with open(path, "ab") as fh:
        fh.write(b'{"id": "9", "documents": ["caf\xe9"]}\n')
    with pytest.raises(InputError, match="changed while it was read"):
        list(rows)


def test_bom_shard_streams(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"id": "1", "documents": ["a"]}\n')
    assert [r[1]["id"] for r in _jsonl_rows(path)] == ["1"]


def test_a_rows_text_field_is_chosen_as_every_reader_chooses_it():
    # batch looked for the usual names before the preset's field: with --preset cnn_dailymail
    # a row holding "document" and "article" was summarised (and sized) from "document",
    # where evaluate and from_hf_dataset, with the same preset, read "article"
    from summarizer.documents.hf import from_hf_dataset

    row = {"id": "a", "document": "Not this text.", "highlights": "A storm cut power.",
           "article": "The storm hit the coast on Monday. Thousands of homes lost power."}
    fields = Fields(preset="cnn_dailymail")
    cluster = to_cluster(Row(0, "in.jsonl:1", "a", row), fields)
    [hf] = from_hf_dataset([row], "cnn_dailymail")
    assert [d.text for d in cluster.documents] == [d.text for d in hf.documents]
    assert "Thousands" in cluster.documents[0].text
    assert estimate_tokens(row, fields) == len(row["article"].split())
    # the named field, else the preset's, else the first usual name the row has
    assert Fields(text_field="document", preset="cnn_dailymail").text_name(row) == "document"
    assert Fields().text_name(row) == "document"
    # a preset's field the row lacks is said, not swapped for another field
    with pytest.raises(InputError, match=r"no text field \(article\)"):
        to_cluster(Row(1, "in.jsonl:2", "b", {"id": "b", "text": "Other text."}), fields)


def _uncompressed(data: bytes) -> bool:
    try:
        return compression(data, "data") is None
    except InputError:  # an archive, or zstd data: refused by name
        return False


@settings(max_examples=80, deadline=None)
@given(data=st.one_of(st.binary(max_size=40).filter(_uncompressed),
                      st.lists(_LINE, max_size=6).map(lambda ls: "\n".join(ls).encode()),
                      st.sampled_from([codecs.BOM_UTF8 + "é".encode() * 20_000,
                                       b"a" * 40_000 + b"\xe9", "€".encode() * 14_000,
                                       b"\x00" * 100, codecs.BOM_UTF16_LE + b"a\x00"])),
       cuts=st.lists(st.integers(1, 50_000), max_size=4))
def test_a_utf8_check_fed_in_blocks_answers_as_plain_utf8(tmp_path_factory, data, cuts):
    """The check that batch's fingerprint pass makes on the side gives plain_utf8's answer,
    however the data is cut into blocks (a character or the sniffed head cut in two). Data
    that opens as compressed is left out: both are given it decompressed by open_input,
    and b'\\x1f\\x8b' alone is damaged gzip (a CompressedDataError), not text to check;
    zstd's first bytes are refused by name."""
    from summarizer.textio import Utf8Check

    path = tmp_path_factory.mktemp("u") / "shard.jsonl"
    path.write_bytes(data)
    check = Utf8Check()
    start = 0
    for end in sorted(cuts) + [len(data)]:
        check.feed(data[start:end])
        start = max(start, end)
    assert check.done() is plain_utf8(path)


@pytest.mark.parametrize("shape", ["plain", "legacy", "gzip folder"])
def test_a_jsonl_input_is_read_twice_for_its_fingerprint_and_rows(tmp_path, monkeypatch, shape):
    """The fingerprint's pass tells whether the rows may be read line by line: the data is
    read twice (the hash, needed before any row to open the output folder, then the rows),
    not three times (a pass of its own for the UTF-8 check). Same fingerprint and rows."""
    import gzip
    import hashlib

    from summarizer import textio
    from summarizer.batch import source

    text = "".join(json.dumps({"id": str(i), "documents": [f"caf\u00e9 {i}. Le march\u00e9."]},
                              ensure_ascii=False) + "\n" for i in range(40))
    data = text.encode("cp1252" if shape == "legacy" else "utf-8")
    if shape == "gzip folder":
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "a.jsonl.gz").write_bytes(gzip.compress(data, mtime=0))
        spec, file, name = folder, folder / "a.jsonl.gz", b"a.jsonl.gz"
    else:
        spec = file = tmp_path / "news.jsonl"
        file.write_bytes(data)
        name = b"news.jsonl"
    expected_rows = [(w, r, e) for w, r, e in _jsonl_rows(file)]
    src = Source(spec, Fields())
    opened: list[Path] = []

    def counting(path):
        opened.append(Path(path))
        return opening(path)

    opening = textio.open_input
    for module in (textio.read, textio.lines):  # the readers that open files
        monkeypatch.setattr(module, "open_input", counting)
    monkeypatch.setattr(source, "open_input", counting)
    fingerprint = src.describe()["fingerprint"]
    rows = [(r.where, r.record, r.error) for r in src.rows()]
    assert opened == [file, file]
    assert fingerprint == hashlib.sha256(name + b"\x00" + data + b"\x01").hexdigest()[:16]
    assert rows == expected_rows and len(rows) == 40


def test_a_row_read_holds_its_record_not_its_line_too(tmp_path):
    # while batch summarised a row, the reader held the line it was parsed from as well:
    # 50 MB more for a 50 MB document
    from helpers import traced_memory

    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x" * 3_000_000}) + "\n"
                    + json.dumps({"id": "b", "text": "y"}) + "\n", encoding="utf-8")
    rows = _jsonl_rows(path, plain=True)
    with traced_memory() as mem:
        where, rec, error = next(rows)
    assert error is None and rec is not None and len(rec["text"]) == 3_000_000
    assert mem.held < 3_500_000, mem.held  # the record alone (the line was 3 MB more)
    assert [r[1] for r in rows] == [{"id": "b", "text": "y"}]


# Parquet shards: rows read a bounded number of bytes at a time (session 37)

def _spy_batch_sizes(monkeypatch) -> list[int]:
    import pyarrow.parquet as pq

    asked: list[int] = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, **kwargs):
        asked.append(kwargs["batch_size"])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    return asked


def test_parquet_rows_of_several_mb_are_read_a_few_at_a_time(tmp_path, monkeypatch):
    # 256 rows at a time whatever their size: rows of 4 MB held 1 GB (and their Python
    # records beside it) at once
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch.source import PARQUET_BATCH_BYTES

    texts = [f"Row {i} says so. " * 250_000 for i in range(6)]  # 4 MB each
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(6)], "text": texts}),
                   tmp_path / "big.parquet", row_group_size=4)
    asked = _spy_batch_sizes(monkeypatch)
    rows = list(Source(str(tmp_path / "big.parquet"), Fields()).rows())
    assert asked and all(1 <= n <= PARQUET_BATCH_BYTES // len(texts[0]) for n in asked), asked
    assert [(r.id, r.record["text"]) for r in rows] == list(zip([f"r{i}" for i in range(6)],
                                                                texts, strict=True))


def test_parquet_row_counts_by_the_footer(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch.source import PARQUET_BATCH_ROWS, parquet_batch_rows

    def rows_for(texts, **kw):
        path = tmp_path / "t.parquet"
        pq.write_table(pa.table({"text": texts}), path, **kw)
        return parquet_batch_rows(pq.ParquetFile(path).metadata)

    assert rows_for(["short text"] * 1000) == PARQUET_BATCH_ROWS  # small rows: as before
    assert rows_for([f"{i} " + "x" * (32 << 20) for i in range(2)]) == 1  # one over the budget
    # the widest row group decides, not the file's mean
    assert rows_for(["a"] * 300 + [f"{i}" * (1 << 20) for i in range(1, 10)],
                    row_group_size=300) < 20
    assert rows_for(pa.array([], pa.string())) == PARQUET_BATCH_ROWS  # no rows


def test_batch_output_is_the_same_read_a_row_at_a_time(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch import read_output, source, summarize_dataset

    pq.write_table(pa.Table.from_pylist(make_records(7)), tmp_path / "in.parquet",
                   row_group_size=3)

    def run(out):
        summarize_dataset(tmp_path / "in.parquet", tmp_path / out, method="lead", words=40,
                          progress=False, engine="local")
        return [(r["id"], r["position"], r["summary"], r["sentences"])
                for r in read_output(tmp_path / out)]

    asked = _spy_batch_sizes(monkeypatch)
    before = run("o1")
    assert set(asked) == {source.PARQUET_BATCH_ROWS}
    monkeypatch.setattr(source, "PARQUET_BATCH_BYTES", 1)  # a row at a time
    asked.clear()
    assert run("o2") == before and set(asked) == {1}
    assert [r[0] for r in before] == [f"c{i:03d}" for i in range(7)]


@pytest.mark.parametrize("where", ["open", "read", "records"])
def test_memory_running_out_is_not_a_damaged_parquet_file(tmp_path, monkeypatch, where):
    # pyarrow's ArrowMemoryError is an ArrowException: "damaged Parquet data (malloc of size
    # ... failed)", and a folder's shard reported as unreadable, the job going on
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch import source, summarize_dataset
    from summarizer.errors import InputError, OutOfMemoryError

    folder = tmp_path / "shards"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(make_records(3)), folder / "a.parquet")

    def fail(*args, **kwargs):
        raise (pa.ArrowMemoryError if where != "records" else MemoryError)(
            "malloc of size 4294967296 failed")

    def fail_reading(*args, **kwargs):  # as pyarrow's: a generator, failing at a batch
        yield from ()
        fail()

    target = {"open": (pq.ParquetFile, "__init__", fail),
              "read": (pq.ParquetFile, "iter_batches", fail_reading),
              "records": (source, "_batch_rows", fail)}[where]  # Python's, making records
    monkeypatch.setattr(*target)
    for inp in (folder / "a.parquet", folder):
        with pytest.raises(OutOfMemoryError, match=r"memory ran out while reading") as said:
            summarize_dataset(inp, tmp_path / "out", method="lead", words=40, progress=False)
        assert not isinstance(said.value, InputError) and isinstance(said.value, MemoryError)
        assert str(folder / "a.parquet") in str(said.value)
        assert "damaged" not in str(said.value).replace("not known to be damaged", "")


def test_a_large_row_group_is_not_read_whole_for_its_first_rows(tmp_path, monkeypatch):
    # pyarrow's ParquetFile pre-buffers a row group's column chunks: a 200 MB row group
    # took 200 MB more before its first row, whatever the batch size
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch import source

    texts = [f"Row {i} says so in words of its own. " * 300 for i in range(800)]  # 11 KB each
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(800)], "text": texts}),
                   tmp_path / "big.parquet", row_group_size=800, compression="none",
                   use_dictionary=False, write_batch_size=16)  # one group of 9 MB
    # (pages of 16 rows: a page is read whole, as it must be to be decompressed)
    monkeypatch.setattr(source, "PARQUET_BATCH_BYTES", 64 << 10)  # 5 rows at a time
    rows = source._parquet_rows(tmp_path / "big.parquet")
    before = pa.total_allocated_bytes()
    where, rec, error = next(rows)
    held = pa.total_allocated_bytes() - before
    assert error is None and rec is not None and rec["text"] == texts[0]
    assert held < 3 << 20, held  # a read buffer and a batch, not the 9 MB group
    assert [r[1]["text"] for r in rows] == texts[1:]


def test_a_parquet_column_given_twice_is_refused_not_read_as_its_last(tmp_path):
    # pyarrow's records keep the last of two columns of one name in silence: a row's text
    # was the second 'text' column's (null there: "field 'text' is null"), as a JSON
    # reader keeps the last of a key given twice, which a JSONL row is refused for
    import pyarrow as pa
    import pyarrow.parquet as pq
    from helpers import run_cli

    text = "The council met on Monday. It voted for the flood barrier."
    table = pa.Table.from_arrays([pa.array(["a", "b"]), pa.array([text, text]),
                                  pa.array(["Other words here.", None])],
                                 names=["id", "text", "text"])
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "a.parquet")
    pq.write_table(pa.table({"id": ["c"], "text": [text]}), tmp_path / "in" / "b.parquet")
    with pytest.raises(InputError, match=r"a\.parquet: column 'text' given twice"):
        Source(str(tmp_path / "in" / "a.parquet"), Fields())  # before any output
    rows = list(Source(str(tmp_path / "in"), Fields()).rows())  # a folder: one bad shard
    assert [(r.id, r.record) for r in rows] == [("0", None), ("c", {"id": "c", "text": text})]
    assert rows[0].error.startswith("unreadable shard: column 'text' given twice")
    code, out, err = run_cli(["batch", str(tmp_path / "in" / "a.parquet"), "--out",
                              str(tmp_path / "out"), "--method", "lead", "--no-progress"])
    assert code == 2 and "column 'text' given twice" in err and not (tmp_path / "out").exists()


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.sampled_from(['{"id": "a", "text": "One."}', "not json", "", "   ",
                                       "\u3000", '{"text": "Two."}', "[1, 2]"]),
                      min_size=1, max_size=12).filter(lambda ls: any(x.strip() for x in ls)),
       sep=st.sampled_from(["\n", "\r\n"]), gz=st.booleans())
def test_a_jsonl_inputs_size_is_the_rows_it_gives(tmp_path_factory, lines, sep, gz):
    # the job's bar had no total for a JSONL input (it counted up, "450cluster"): its size
    # is now the rows read, bad lines included and blank ones not, gzip files too
    import gzip

    folder = tmp_path_factory.mktemp("size")
    data = sep.join(lines).encode()
    path = folder / ("in.jsonl.gz" if gz else "in.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    src = Source(str(path), Fields())
    src.fingerprint()  # as a job does first
    assert src.size() == len(list(src.rows()))


def test_size_counts_every_shard_and_is_none_where_it_cannot_be_known_so(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    pq.write_table(pa.table({"text": ["x", "y", "z"]}), folder / "b.parquet")
    assert Source(str(folder), Fields()).size() == 5
    # a shard in UTF-16 is decoded whole when read: not counted again for the bar
    (folder / "c.jsonl").write_text('{"text": "Three."}\n', encoding="utf-16")
    src = Source(str(folder), Fields())
    src.fingerprint()
    assert src.size() is None
    assert len(list(src.rows())) == 6


def test_a_document_objects_text_is_counted_under_the_name_the_loaders_read():
    # an object's "article" or "document" counted 0 words: such rows sized no batch
    fields = Fields()
    for key in ("text", "article", "document"):
        row = {"id": "a", "documents": [{key: "The storm hit the coast."}, {key: "Power cut."}]}
        assert estimate_tokens(row, fields) == 7, key
    columns = {"id": "a", "documents": {"article": ["The storm hit.", "Power cut."],
                                        "title": ["A", "B"]}}
    assert estimate_tokens(columns, fields) == 5
