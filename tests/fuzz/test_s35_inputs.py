"""Session 35's bad-input hunt: odd encodings, files and numbers given to the five
subcommands and the library. Each fix has a test here that fails without it."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


def _rows(n: int) -> str:
    return "".join(json.dumps({"id": f"c{i}", "documents": [f"Story {i}. {_STORY}"],
                               "summary": "The storm hit."}) + "\n" for i in range(n))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_batch_reads_utf16_jsonl_without_a_bom_as_evaluate_does(tmp_path, codec):
    # UTF-16 without a byte-order mark (the NUL pattern tells it): summarize and evaluate
    # read such a file, batch refused it before reading, "looks like a binary file"
    data = tmp_path / "news.jsonl"
    data.write_bytes(_rows(3).encode(codec))
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 0, err
    pq = pytest.importorskip("pyarrow.parquet")
    done = [i for shard in (tmp_path / "job").glob("part-*.parquet")
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert sorted(done) == ["c0", "c1", "c2"]
