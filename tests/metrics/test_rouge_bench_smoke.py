"""The ROUGE benchmark script runs (tiny sizes; no timing is asserted here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "eval" / "bench_rouge.py"


@pytest.mark.slow
def test_bench_runs_and_prints_its_table(capsys):
    pytest.importorskip("rouge_score")
    pytest.importorskip("rouge_score_rs")
    spec = importlib.util.spec_from_file_location("bench_rouge", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--pairs", "4", "--stream", "30", "--skip", "a"]) == 0
    out = capsys.readouterr().out
    assert "(b) per pair" in out and "(c) per pair" in out and "(d) streaming" in out
    pairs, _ = bench.make_pairs(3)
    assert all(len(" ".join(s).split()) >= bench.TARGET_WORDS for s, _ in pairs)
