"""An input file overwritten in place while a batch job reads it: the job keeps what it
computed, is not marked complete, says which file changed in one line, and the same folder
then refuses the changed input (its fingerprint differs)."""

from __future__ import annotations

import json
import os

import pytest
from batch_helpers import make_records
from helpers import error_line, run_cli, write_jsonl

from summarizer.batch import job, read_output, summarize_dataset
from summarizer.batch.engine import run_local
from summarizer.errors import InputChangedError


def _rewriting(path, records):
    """run_local that overwrites ``path`` in place (other rows, another size) once the
    first cluster is done."""

    def run(task, packs):
        for n, result in enumerate(run_local(task, packs)):
            yield result
            if n == 0:
                write_jsonl(path, records)

    return run


def _batch(inp, out):
    return run_cli(["batch", str(inp), "--out", str(out), "--method", "lead", "--words", "30",
                    "--batch-size", "1", "--no-progress"])


def test_an_input_changed_during_the_job_is_not_complete(tmp_path, monkeypatch):
    inp = write_jsonl(tmp_path / "clusters.jsonl", make_records(6))
    out = tmp_path / "out"
    monkeypatch.setattr(job, "run_local", _rewriting(inp, make_records(6, seed=1)))
    code, _, err = _batch(inp, out)
    line = error_line(err)
    assert code == 2
    assert f"{inp}: changed during the run" in line and "not marked complete" in line
    assert "new output folder" in line
    report = json.loads((out / "report.json").read_text())
    assert report["complete"] is False
    assert len(read_output(out)) == 6 == report["done"]  # what was computed is kept
    monkeypatch.undo()
    code, _, err = _batch(inp, out)  # the rows of mixed content are not resumed
    assert code == 2 and "over other input" in error_line(err)
    assert len(read_output(out)) == 6


def test_the_library_raises_it(tmp_path, monkeypatch):
    inp = write_jsonl(tmp_path / "clusters.jsonl", make_records(4))
    monkeypatch.setattr(job, "run_local", _rewriting(inp, make_records(5)))
    with pytest.raises(InputChangedError, match="changed during the run"):
        summarize_dataset(inp, tmp_path / "out", "lead", words=30, batch_size=1,
                          progress=False)


def test_an_unchanged_input_completes(tmp_path):
    inp = write_jsonl(tmp_path / "clusters.jsonl", make_records(6))
    code, _, err = _batch(inp, tmp_path / "out")
    assert code == 0, err
    assert json.loads((tmp_path / "out" / "report.json").read_text())["complete"] is True


def test_a_same_size_rewrite_with_its_time_put_back_is_not_complete(tmp_path, monkeypatch):
    # size, modification time and inode as they were: only the content (and the change
    # time) tells it; the job was marked complete over rows of old and new content
    inp = write_jsonl(tmp_path / "clusters.jsonl", make_records(6))
    old = inp.read_bytes()
    st = inp.stat()

    def rewrite(path, records):
        with open(path, "r+b") as fh:
            fh.write(old.replace(b"the", b"THE"))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))

    def run(task, packs):
        for n, result in enumerate(run_local(task, packs)):
            yield result
            if n == 0:
                rewrite(inp, None)

    monkeypatch.setattr(job, "run_local", run)
    with pytest.raises(InputChangedError, match="changed during the run"):
        summarize_dataset(inp, tmp_path / "out", "lead", words=30, batch_size=1,
                          progress=False)
    assert inp.stat().st_size == len(old) and inp.stat().st_mtime_ns == st.st_mtime_ns
    assert json.loads((tmp_path / "out" / "report.json").read_text())["complete"] is False
