"""An input file overwritten in place during an evaluate run (a JSONL data set, read again
cluster by cluster; a folder of precomputed summaries): the results computed stay in
results.jsonl, no report is written, the one-line error names the file, and the same
folder then refuses a changed data set (its fingerprint is in the run's settings)."""

from __future__ import annotations

import os
import shutil

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputChangedError
from summarizer.evaluation import DatasetOptions, evaluate
from summarizer.evaluation import run as evaluation_run

FIELDS = ["--text-field", "docs", "--summary-field", "gold", "--id-field", "key"]


def _rewriting(monkeypatch, rewrite):
    """compute_cluster that calls ``rewrite()`` once its first cluster is done."""
    computed = evaluation_run.compute_cluster

    def compute(*args, **kwargs):
        result = computed(*args, **kwargs)
        if result.index == 0:
            rewrite()
        return result

    monkeypatch.setattr(evaluation_run, "compute_cluster", compute)


def _evaluate(data, out):
    return run_cli(["evaluate", str(data), "--method", "test-roundrobin", "--out", str(out),
                    "--words", "40", "--no-progress", *FIELDS])


def test_a_data_set_changed_during_the_run_is_not_complete(tiny, jsonl_data, tmp_path,
                                                           monkeypatch):
    data = jsonl_data
    out = tmp_path / "run"
    computed = evaluation_run.compute_cluster

    def rewrite():  # other texts, each line as long (the clusters left are read anew)
        stat = data.stat()
        data.write_text(data.read_text().replace("flood", "FLOOD"))
        # a clock coarser than the test (a few ms on some systems) still shows the write
        os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    _rewriting(monkeypatch, rewrite)
    code, _, err = _evaluate(data, out)
    line = error_line(err)
    assert code == 2
    assert f"{data}: changed during the run" in line and "not marked complete" in line
    assert "new output folder" in line
    assert not (out / "report.json").exists() and not (out / "report.md").exists()
    assert len((out / "results.jsonl").read_text().splitlines()) == 8  # computed: kept
    assert "FLOOD" in data.read_text()
    monkeypatch.setattr(evaluation_run, "compute_cluster", computed)
    code, _, err = _evaluate(data, out)  # mixed results are not resumed: refused
    assert code == 2 and "different settings (dataset.fingerprint" in error_line(err)
    assert not (out / "report.json").exists()


def test_precomputed_summaries_changed_during_the_run(duc_fixture, tmp_path, monkeypatch):
    peers = tmp_path / "peers"
    peers.mkdir()
    for path in duc_fixture.glob("peers/*.T.7"):
        shutil.copy(path, peers / path.name)
    changed = sorted(peers.iterdir())[-1]
    _rewriting(monkeypatch, lambda: changed.write_text("Another summary, longer than it.\n"))
    with pytest.raises(InputChangedError, match=f"{changed.name}: changed during the run"):
        evaluate(duc_fixture, f"precomputed:{peers}", out=tmp_path / "run", words=100,
                 progress=False)
    assert not (tmp_path / "run" / "report.json").exists()
    assert len((tmp_path / "run" / "results.jsonl").read_text().splitlines()) == 3


def test_an_unchanged_data_set_completes(tiny, jsonl_data, tmp_path):
    code, _, err = _evaluate(jsonl_data, tmp_path / "run")
    assert code == 0, err
    assert (tmp_path / "run" / "report.json").exists()


def test_a_data_set_held_whole_is_not_checked(tiny, jsonl_data, tmp_path, monkeypatch):
    # clusters loaded before the run: nothing is read again, so nothing can mix
    from summarizer.evaluation.datasets import load_dataset

    clusters = list(load_dataset(str(jsonl_data), DatasetOptions(
        text_field="docs", summary_field="gold", id_field="key")).clusters)
    _rewriting(monkeypatch, lambda: jsonl_data.write_text("{}\n"))
    run = evaluate(clusters, "test-roundrobin", out=tmp_path / "run", words=40, progress=False)
    assert run.computed == 8 and (tmp_path / "run" / "report.json").exists()
