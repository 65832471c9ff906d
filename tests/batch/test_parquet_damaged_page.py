"""A damaged data page in one row group of a Parquet input (a sound footer over data
overwritten inside): the good rows around it are read, each row lost with it is a failed
row by its position, and the rows after it keep their positions. The read batch holding
the damage took its good rows with it, and the shard was one failed row ("unreadable
shard"; a single input file an InputError), the rest of it lost."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
from batch_helpers import make_records
from helpers import run_cli

from summarizer.batch import read_output, summarize_dataset
from summarizer.batch.source import Fields, Source

ROWS, GROUP = 90, 30  # three row groups; pages of 10 rows
BAD = 45  # the row whose value is damaged: the middle group's 16th


def _damaged(path):
    """A Parquet file of ROWS clusters whose row BAD has a damaged text value (its PLAIN
    length prefix overwritten), as a copy damaged inside reads."""
    records = make_records(ROWS)
    marker = [f"Marker {i:03d} opens this cluster." for i in range(ROWS)]
    table = pa.table({"id": [r["id"] for r in records],
                      "text": [m + " " + r["documents"][0] for m, r in
                               zip(marker, records, strict=True)]})
    pq.write_table(table, path, row_group_size=GROUP, write_batch_size=10,
                   data_page_size=100, compression="none", use_dictionary=False)
    data = bytearray(path.read_bytes())
    at = data.find(marker[BAD].encode())
    data[at - 4:at] = b"\xf0\xff\xff\x7f"
    path.write_bytes(bytes(data))
    return records


def test_the_rows_around_a_damaged_page_are_read(tmp_path):
    _damaged(tmp_path / "a.parquet")
    rows = list(Source(str(tmp_path / "a.parquet"), Fields()).rows())
    assert [r.position for r in rows] == list(range(ROWS))
    lost = [r.position for r in rows if r.record is None]
    assert lost == list(range(BAD, 2 * GROUP))  # from the damage to its group's end
    assert rows[BAD - 1].id == f"c{BAD - 1:03d}" and rows[2 * GROUP].id == f"c{2 * GROUP:03d}"
    assert all("damaged Parquet data" in r.error and "row group 1" in r.error
               for r in rows if r.record is None)
    assert rows[BAD].where == f"{tmp_path / 'a.parquet'}#{BAD}"


def test_a_damaged_shard_of_a_folder_counts_its_lost_rows(tmp_path):
    (tmp_path / "in").mkdir()
    _damaged(tmp_path / "in" / "a.parquet")
    after = make_records(3, seed=5)
    for r in after:
        r["id"] = "after-" + r["id"]
    pq.write_table(pa.Table.from_pylist(after), tmp_path / "in" / "b.parquet")
    report = summarize_dataset(tmp_path / "in", tmp_path / "out", "lead", words=30,
                               progress=False)
    lost = 2 * GROUP - BAD
    assert (report.rows, report.done, report.failed_count) == (ROWS + 3, ROWS - lost + 3, lost)
    assert [f["position"] for f in report.failed] == list(range(BAD, 2 * GROUP))
    out = read_output(tmp_path / "out")
    assert [r["position"] for r in out if r["id"].startswith("after-")] == [90, 91, 92]


def test_a_single_damaged_file_gives_its_good_rows(tmp_path):
    _damaged(tmp_path / "a.parquet")
    code, _, err = run_cli(["batch", str(tmp_path / "a.parquet"), "--out",
                            str(tmp_path / "out"), "--method", "lead", "--no-progress"],
                           lines=2 * GROUP - BAD + 1)  # a warning a row lost, the last line
    assert code == 1, err  # rows failed, not bad input: the others are summarised
    assert f"row {BAD} " in err and "damaged Parquet data" in err
    assert len(read_output(tmp_path / "out")) == ROWS - (2 * GROUP - BAD)
