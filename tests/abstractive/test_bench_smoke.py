"""The abstractive benchmark runs end to end (toy model) and prints its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_abstractive_small_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    proc = subprocess.run(
        [sys.executable, str(REPO / "eval" / "bench_abstractive.py"), "--small", "--chunks", "3",
         "--new-tokens", "4", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = out.read_text(encoding="utf-8")
    assert "baseline (one chunk at a time)" in table
    assert "summarizer (batched, sorted, shared cross-attention)" in table
    assert "identical outputs, every chunk: True" in table
    assert "equal lengths: True" in table  # the comparison is only fair at equal output length


@pytest.mark.parametrize("device, expected", [("cuda:1", 250), ("cuda", 40)])
def test_the_benchmark_measures_the_memory_of_the_gpu_named(monkeypatch, device, expected):
    # measure read the current GPU's memory: --device cuda:1 measured cuda:0
    from helpers import fake_gpu_memory

    monkeypatch.syspath_prepend(str(REPO / "eval"))
    from bench_abstractive import measure

    fake_gpu_memory(monkeypatch, [50 * 2**20, 300 * 2**20], [10 * 2**20, 50 * 2**20])
    out, *_, extra_mb = measure(lambda: "done", device)
    assert (out, extra_mb) == ("done", expected)
