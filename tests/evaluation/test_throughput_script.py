"""eval/throughput.py runs (a smoke test on the seed article; no timing is asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "eval" / "throughput.py"


def test_throughput_script_on_the_seed(tmp_path, capsys):
    pytest.importorskip("sumy", reason="sumy (test extra) is the LexRank baseline")
    spec = importlib.util.spec_from_file_location("throughput", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "t.md"
    assert module.main(["--data", str(tmp_path / "no-tac"), "--methods", "lead,lexrank",
                        "--repeats", "1", "--encoder-sentences", "5", "--out", str(out)]) == 0
    text = out.read_text()
    for heading in ("## 1. Every method end to end", "## 2. Sentence encoder",
                    "## 3. LexRank: package vs sumy"):
        assert heading in text
    assert "| lexrank | seed article | 1 |" in text and "TAC 2011" not in text.split("## 1.")[1]
    # The two encoders agree (the baseline computes the same vectors).
    row = next(line for line in text.splitlines() if line.startswith("| seed article | 5 |"))
    assert float(row.rstrip(" |").rsplit("|", 1)[1]) < 1e-5
