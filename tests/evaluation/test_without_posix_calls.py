"""evaluate where the platform has no ``resource`` module and no ``os.pread`` (Windows)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from summarizer.evaluation import DatasetOptions, evaluate
from summarizer.textio import read_at

JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


def test_evaluate_runs_without_resource_or_pread(jsonl_data, tmp_path):
    # at the module's top, `import resource` made evaluate, batch and compare fail to import
    # there, and os.pread hashed the inputs: each an internal error (exit 70)
    windows_like = ("import os, sys; sys.modules['resource'] = None; del os.pread; "
                    "from summarizer.cli import main; sys.exit(main(sys.argv[1:]))")
    argv = ["evaluate", str(jsonl_data), "--method", "lead", "--words", "30", "--out",
            str(tmp_path / "run"), "--text-field", "docs", "--summary-field", "gold",
            "--id-field", "key", "--no-progress"]
    done = subprocess.run([sys.executable, "-c", windows_like, *argv], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert len(lines) == 8 and all(r["peak_rss_mb"] == 0.0 for r in lines)
    # the input's stamp is the one pread gives: the rerun here resumes, it is not refused
    again = evaluate(jsonl_data, "lead", out=tmp_path / "run", words=30,
                     dataset_options=JSONL, progress=False)
    assert (again.resumed, again.computed) == (8, 0)


def test_read_at_reads_the_same_with_and_without_pread(tmp_path, monkeypatch):
    path = tmp_path / "f"
    path.write_bytes(bytes(range(256)) * 10)
    fd = os.open(path, os.O_RDONLY)
    try:
        spans = [(0, 5), (250, 20), (2555, 10), (4000, 3)]
        with_pread = [read_at(fd, n, at) for at, n in spans]
        monkeypatch.delattr(os, "pread")
        assert [read_at(fd, n, at) for at, n in spans] == with_pread
        assert with_pread[2] == bytes([251, 252, 253, 254, 255]) and with_pread[3] == b""
    finally:
        os.close(fd)
