"""Parquet page checksums: a page damaged inside (a byte of a value changed, its length
intact) gave wrong text in silence. A file written with page checksums has its pages
checked as read: the damaged page's rows are failed rows; a file without them reads as
before. The output's shards are written with checksums and checked when read back."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_helpers import make_records

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.output import OutputFolder
from summarizer.batch.source import Fields, Source
from summarizer.errors import InputError

ROWS, GROUP, PAGE = 90, 30, 10  # three row groups; pages of 10 rows
BAD = 45  # the row whose text has a byte changed: page 40-49 of the middle group


def _texts() -> list[str]:
    return [f"Marker {i:03d} opens this cluster. " + r["documents"][0]
            for i, r in enumerate(make_records(ROWS))]


def _write(path, checksum: bool, damage: bool = True) -> list[str]:
    texts = _texts()
    table = pa.table({"id": [f"c{i:03d}" for i in range(ROWS)], "text": texts})
    pq.write_table(table, path, row_group_size=GROUP, write_batch_size=PAGE,
                   data_page_size=100, compression="none", use_dictionary=False,
                   write_page_checksum=checksum)
    if damage:
        data = bytearray(path.read_bytes())
        at = data.find(f"Marker {BAD:03d}".encode())
        data[at + len("Marker 0")] ^= 0x01  # "045" -> "145": still valid UTF-8 text
        path.write_bytes(bytes(data))
    return texts


def test_a_damaged_page_with_a_checksum_fails_its_rows(tmp_path):
    texts = _write(tmp_path / "a.parquet", checksum=True)
    rows = list(Source(str(tmp_path / "a.parquet"), Fields()).rows())
    assert [r.position for r in rows] == list(range(ROWS))
    first = BAD // PAGE * PAGE  # the damaged page's first row
    assert [r.position for r in rows if r.record is None] == list(range(first, 2 * GROUP))
    assert all("damaged Parquet data" in r.error and "checksum" in r.error
               for r in rows if r.record is None)
    # every row read is the row written: none with wrong text
    assert all(r.record["text"] == texts[r.position] for r in rows if r.record is not None)


def test_a_file_without_checksums_reads_as_before(tmp_path):
    texts = _write(tmp_path / "a.parquet", checksum=False, damage=False)
    rows = list(Source(str(tmp_path / "a.parquet"), Fields()).rows())
    assert [r.record["text"] for r in rows] == texts


def test_output_shards_are_checked_when_read(tmp_path):
    pq.write_table(pa.Table.from_pylist(make_records(4)), tmp_path / "in.parquet")
    summarize_dataset(tmp_path / "in.parquet", tmp_path / "out", "lead", words=30,
                      progress=False)
    (shard,) = OutputFolder(tmp_path / "out").shards()
    assert pq.ParquetFile(shard).metadata.num_rows == 4
    summary = read_output(tmp_path / "out")[0]["summary"]
    data = bytearray(shard.read_bytes())
    at = data.find(summary[:20].encode())
    assert at > 0
    data[at] ^= 0x20  # a letter's case: the page still decodes, to other text
    shard.write_bytes(bytes(data))
    with pytest.raises(InputError, match="unreadable shard .*checksum"):
        read_output(tmp_path / "out")
