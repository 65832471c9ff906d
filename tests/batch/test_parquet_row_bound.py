"""A Parquet row over the bound of one input (textio's MAX_FILE_BYTES, a JSONL line's bound)
is refused as a JSONL line over it is: in ``batch`` a failed row (the job exits 1), in the
Hugging Face readers (``evaluate hf:FILE``) an InputError; where the file's footer says so
(a row group of one row), before it is read."""

from __future__ import annotations

import pytest
from batch_helpers import make_records
from helpers import run_cli

from summarizer.errors import InputError

BOUND = 1 << 17  # 128 KiB here, for 512 MiB


@pytest.fixture
def bound(monkeypatch):
    from summarizer.textio import read

    monkeypatch.setattr(read, "MAX_FILE_BYTES", BOUND)


def _write(path, row_group_size):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = make_records(5)
    records[2]["documents"] = ["The council met on Monday. " * 10_000]  # 270 KB
    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=row_group_size)
    return records


def _spy_row_groups(monkeypatch) -> list:
    import pyarrow.parquet as pq

    asked: list = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, **kwargs):
        asked.append(kwargs.get("row_groups"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    return asked


@pytest.mark.parametrize("groups, how", [(1, "uncompressed by the file's footer"),
                                          (5, "as read")])
def test_batch_fails_a_row_over_the_bound_and_reads_the_others(tmp_path, monkeypatch, bound,
                                                               groups, how):
    from summarizer.batch.source import Fields, Source

    records = _write(tmp_path / "in.parquet", groups)
    asked = _spy_row_groups(monkeypatch)
    rows = list(Source(str(tmp_path / "in.parquet"), Fields()).rows())
    assert [r.record and r.record["id"] for r in rows] == ["c000", "c001", None, "c003", "c004"]
    assert [r.record["documents"] for r in rows if r.record] == [
        r["documents"] for k, r in enumerate(records) if k != 2]
    assert rows[2].where.endswith("in.parquet#2")
    assert rows[2].error.startswith("row is ") and f"bytes {how}, over 128 KiB; rows over " \
        "128 KiB are refused" in rows[2].error
    size = int(rows[2].error.split()[2].replace(",", ""))
    assert size > 270_000
    if groups == 1:  # the row's group is never read: the footer told
        assert asked == [[0, 1], [3, 4]]
    else:
        assert asked == [None]


def test_batch_reads_as_before_under_the_bound(tmp_path, monkeypatch):
    from summarizer.batch.source import Fields, Source

    records = _write(tmp_path / "in.parquet", 1)
    asked = _spy_row_groups(monkeypatch)
    rows = list(Source(str(tmp_path / "in.parquet"), Fields()).rows())
    assert [r.record for r in rows] == records and asked == [None]


def test_the_batch_command_names_the_row_and_exits_1(tmp_path, bound):
    _write(tmp_path / "in.parquet", 1)
    code, _, err = run_cli(["batch", str(tmp_path / "in.parquet"), "--out",
                            str(tmp_path / "out"), "--method", "lead", "--no-progress"],
                           lines=None)
    assert code == 1, err
    said = [ln for ln in err.splitlines() if "rows over 128 KiB are refused" in ln]
    assert len(said) == 1 and "in.parquet#2" in said[0]
    assert (tmp_path / "out" / "failed.jsonl").read_text().count("\n") == 1


@pytest.mark.parametrize("groups, said", [
    (1, r"in\.parquet: row 2 \(row group 2\): row is [\d,]+ bytes uncompressed by the "
        r"file's footer, over 128 KiB"),
    (5, r"^row 2: row is [\d,]+ bytes as read, over 128 KiB")])
def test_a_hugging_face_parquet_file_with_a_row_over_the_bound_is_refused(tmp_path,
                                                                          monkeypatch, bound,
                                                                          groups, said):
    import datasets

    from summarizer.documents import load_hf_dataset

    _write(tmp_path / "in.parquet", groups)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    loaded: list = []
    real = datasets.load_dataset
    monkeypatch.setattr(datasets, "load_dataset",
                        lambda *a, **k: loaded.append(a) or real(*a, **k))
    with pytest.raises(InputError, match=said):
        load_hf_dataset(tmp_path / "in.parquet", text_field="documents")
    assert len(loaded) == (0 if groups == 1 else 1)  # the footer told: never read


def test_evaluate_says_it_in_one_line(tmp_path, monkeypatch, bound):
    _write(tmp_path / "in.parquet", 1)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    code, _, err = run_cli(["evaluate", f"hf:{tmp_path / 'in.parquet'}", "--text-field",
                            "documents", "--out", str(tmp_path / "run"), "--no-progress"])
    assert code == 2 and "rows over 128 KiB are refused" in err, err


# One row read alone (evaluate's first row, whose fields it checks, and its second pass's
# rows) was made a Python record whole, the bound checked only by the pass over all rows
@pytest.mark.parametrize("big", [0, 2])
def test_a_row_read_alone_over_the_bound_is_refused_before_its_record(tmp_path, monkeypatch,
                                                                      bound, big):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.documents.hf import dataset_row, open_hf_dataset

    records = make_records(3)
    records[big]["documents"] = ["The council met on Monday. " * 10_000]  # 270 KB
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")  # one row group
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    ds = open_hf_dataset(tmp_path / "in.parquet")
    with pytest.raises(InputError, match=rf"^in\.parquet#{big}: row is [\d,]+ bytes as read, "
                                         r"over 128 KiB"):
        dataset_row(ds, big, f"in.parquet#{big}")
    other = 1
    assert dataset_row(ds, other, "x")["id"] == records[other]["id"]



# A row over the bound among many small ones in one row group: the footer gives the group's
# bytes alone, so the row is read (in Arrow, with the rows of its read) and measured there;
# it fails alone, the others are read, and the reads stay at most 256 rows
def _one_group_of_many(path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": f"c{i:04d}", "text": f"Row {i}: the council met on Monday.",
                "summary": "The council met."} for i in range(2000)]
    records[1500]["text"] = "The council met on Monday. " * 10_000  # 270 KB
    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=len(records))
    return records


def test_a_large_row_among_many_in_one_row_group_fails_alone(tmp_path, monkeypatch, bound):
    import pyarrow.parquet as pq

    from summarizer.batch.source import Fields, Source

    records = _one_group_of_many(tmp_path / "in.parquet")
    assert pq.ParquetFile(tmp_path / "in.parquet").metadata.num_row_groups == 1
    sizes: list[int] = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, **kwargs):
        for batch in real(self, *args, **kwargs):
            sizes.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    rows = list(Source(str(tmp_path / "in.parquet"), Fields()).rows())
    assert len(rows) == 2000 and max(sizes) <= 256 and sum(sizes) == 2000
    failed = [r for r in rows if r.error]
    assert [r.where.rsplit("#")[1] for r in failed] == ["1500"] and failed[0].record is None
    assert failed[0].error.startswith("row is 270,0") and "bytes as read, over 128 KiB" in \
        failed[0].error
    assert [r.record for r in rows if not r.error] == [
        r for k, r in enumerate(records) if k != 1500]


def test_evaluate_names_a_large_row_among_many_in_one_line(tmp_path, monkeypatch, bound):
    _one_group_of_many(tmp_path / "in.parquet")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    code, _, err = run_cli(["evaluate", f"hf:{tmp_path / 'in.parquet'}", "--method", "lead",
                            "--out", str(tmp_path / "run"), "--no-progress"])
    assert code == 2, err
    assert err.strip().endswith("in.parquet#1500: row is 270,033 bytes as read, over 128 KiB; "
                                "rows over 128 KiB are refused"), err


def test_rows_of_a_dictionary_column_are_measured_by_their_own_value(tmp_path, bound):
    # a row read from a dictionary-encoded column (a pandas category, an Arrow dictionary)
    # shares its row group's whole dictionary: every row of a group whose distinct texts
    # passed the bound failed as "row is N bytes as read", N the dictionary's size
    import pyarrow as pa
    import pyarrow.parquet as pq

    from summarizer.batch.source import Fields, Source

    texts = [f"Row {i} says the council met on Monday about the barrier. " * 6
             for i in range(600)]  # 350 bytes each, 210 KB in all
    texts[7] = "The council met on Monday. " * 10_000  # 270 KB: over it, alone
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(600)],
                             "text": pa.array(texts).dictionary_encode()}),
                   tmp_path / "in.parquet")
    rows = list(Source(str(tmp_path / "in.parquet"), Fields()).rows())
    assert [r.where.rsplit("#")[1] for r in rows if r.error] == ["7"]
    assert rows[7].error.startswith("row is 270,")
    assert [r.record["text"] for r in rows if not r.error] == texts[:7] + texts[8:]
