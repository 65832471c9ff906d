"""Session 38's fourth bad-input hunt: the Hugging Face readers' rows. Each test here fails
without its fix."""

from __future__ import annotations

import json

import pytest
from helpers import error_line, run_cli
from test_s38b_inputs import _STORY, _odd_column

from summarizer.errors import InputError

_KINDS = ["timestamp", "date", "duration", "list of timestamps"]


# A Parquet cell with no Python value read as a Hugging Face data set (hf:x.parquet): the
# datasets iteration raised pyarrow's OverflowError / ArrowInvalid, an internal error (exit
# 70), where batch of the same file (b9563d3) fails the row naming its field and type

def _news(tmp_path, kind: str):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("datasets")
    data = tmp_path / "news.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": [_STORY] * 3,
                             "summary": ["A storm hit the coast."] * 3,
                             "updated": _odd_column(kind)}), data)
    return data


def _unknown_zone(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("datasets")
    data = tmp_path / "zone.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": [_STORY], "summary": ["A storm."],
                             "date": pa.array([0], pa.timestamp("ms", tz="Mars/Olympus"))}),
                   data)
    return data


@pytest.mark.parametrize("kind", _KINDS)
def test_evaluate_names_the_hf_row_whose_value_python_cannot_hold(tmp_path, kind):
    data = _news(tmp_path, kind)
    code, out, err = run_cli(["evaluate", f"hf:{data}", "--method", "lead",
                              "--out", str(tmp_path / "run"), "--no-progress"])
    line = error_line(err)
    assert code not in (0, 70) and out == ""
    assert line.startswith(f"summarizer: error: hf:{data}#1: field 'updated' holds a ")
    assert "value Python cannot hold (" in line


def test_evaluate_names_an_hf_first_row_of_a_time_zone_no_one_knows(tmp_path):
    data = _unknown_zone(tmp_path)  # row 0: read alone for its fields before the others
    code, out, err = run_cli(["evaluate", f"hf:{data}", "--method", "lead",
                              "--out", str(tmp_path / "run"), "--no-progress"])
    assert code not in (0, 70)
    assert error_line(err).startswith(
        f"summarizer: error: hf:{data}#0: field 'date' holds a timestamp[ms, tz=Mars/Olympus] ")


@pytest.mark.parametrize("kind", _KINDS)
def test_the_library_names_the_hf_row_whose_value_python_cannot_hold(tmp_path, kind):
    from summarizer.documents.hf import load_hf_dataset
    from summarizer.evaluation import evaluate, load_dataset

    data = _news(tmp_path, kind)
    said = r"#1: field 'updated' holds a .* value Python cannot hold \("
    with pytest.raises(InputError, match=said):
        load_dataset(f"hf:{data}")
    with pytest.raises(InputError, match=said):
        evaluate(f"hf:{data}", "lead", out=tmp_path / "run", progress=False)
    with pytest.raises(InputError, match=r"^row 1: field 'updated' holds a "):
        load_hf_dataset(str(data))


def test_the_library_names_an_hf_first_row_of_a_time_zone_no_one_knows(tmp_path):
    from summarizer.evaluation import load_dataset

    data = _unknown_zone(tmp_path)
    with pytest.raises(InputError, match=r"#0: field 'date' holds a timestamp\[ms, "
                                         r"tz=Mars/Olympus\] value"):
        load_dataset(f"hf:{data}")


def test_batch_of_an_hf_data_set_fails_the_row_python_cannot_hold(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    data = _news(tmp_path, "timestamp")
    code, out, err = run_cli(["batch", f"hf:{data}", "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 1
    failed = [json.loads(line) for line in
              (tmp_path / "job" / "failed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["position"], f["where"]) for f in failed] == [(1, f"hf:{data}#1")]
    assert failed[0]["error"].startswith("field 'updated' holds a timestamp[ms] value Python "
                                         "cannot hold (")
    done = [i for shard in (tmp_path / "job").glob("part-*.parquet")
            for i in pq.read_table(shard).column("id").to_pylist()]
    assert sorted(done) == ["a", "c"]
