"""One batch job at a time writes to an output folder: a second one, of the same settings or
others, is refused at once (RunBusyError, exit 2) while the first goes on unharmed; the lock
is the system's, so a killed job leaves none to break."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import error_line, lock_held_elsewhere, run_cli

from summarizer.batch import read_output, summarize_dataset
from summarizer.errors import RunBusyError

HERE = Path(__file__).resolve().parent


def _argv(inp: Path, out: Path, words: str, method: str = "lead") -> list[str]:
    return ["batch", str(inp), "--out", str(out), "--method", method, "--words", words,
            "--batch-size", "1", "--no-progress"]


def test_a_second_job_is_refused_and_a_killed_ones_lock_is_gone(clusters_jsonl, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = lock_held_elsewhere(out / ".lock", "batch job")
    try:
        for words in ("40", "30"):  # the same settings, and others: neither mixes in
            code, _, err = run_cli(_argv(clusters_jsonl, out, words))
            assert code == 2
            assert f"in use by another batch job (process {holder.pid})" in error_line(err)
        with pytest.raises(RunBusyError):
            summarize_dataset(clusters_jsonl, out, "lead", words=40, progress=False)
        assert sorted(p.name for p in out.iterdir()) == [".lock"]  # nothing written
    finally:
        holder.kill()  # kill -9: the system releases its lock
        holder.wait()
    report = summarize_dataset(clusters_jsonl, out, "lead", words=40, progress=False)
    assert report.done == 10 and not (out / ".lock").exists()


@pytest.mark.slow
def test_two_processes_on_one_folder(clusters_jsonl, tmp_path, monkeypatch):
    """`summarizer batch` twice at once on one --out: the second is refused in one line
    (same settings or others); the first finishes with each cluster once."""
    from summarizer import summarizers

    out = tmp_path / "out"
    script = (f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(HERE.parent)!r}]\n"
              "from summarizer import summarizers\n"
              "summarizers.METHODS['test-slow-lead'] = 'batch_helpers:SlowLead'\n"
              "from summarizer.cli import main\n"
              f"sys.exit(main({_argv(clusters_jsonl, out, '40', 'test-slow-lead')!r}))\n")
    first = subprocess.Popen([sys.executable, "-c", script], text=True,
                             env=dict(os.environ, SLOW_LEAD_SECONDS="0.5"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60  # the manifest is written holding the lock
        while time.monotonic() < deadline and not (out / "manifest.json").exists():
            time.sleep(0.05)
        monkeypatch.setitem(summarizers.METHODS, "test-slow-lead", "batch_helpers:SlowLead")
        for words in ("40", "30"):
            code, _, err = run_cli(_argv(clusters_jsonl, out, words, "test-slow-lead"))
            assert code == 2
            assert f"in use by another batch job (process {first.pid})" in error_line(err)
        _, err = first.communicate(timeout=120)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    ids = [row["id"] for row in read_output(out, columns=["id"])]
    assert ids == [f"c{i:03d}" for i in range(10)]
    report = json.loads((out / "report.json").read_text())
    assert (report["rows"], report["done"], report["skipped"]) == (10, 10, 0)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["settings"]["budget"]["limit"] == 40
