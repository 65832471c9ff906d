"""The corruption benchmark runs end to end on three TAC clusters (lexical support)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "tac2011_multiling"


@pytest.mark.skipif(not DATA.is_dir(), reason="TAC 2011 data not at ../shared/data")
def test_benchmark_reports_every_corruption_type(tmp_path):
    sys.path.insert(0, str(REPO / "eval"))
    import faithfulness_tac

    out = tmp_path / "f.md"
    assert faithfulness_tac.main(["--no-embeddings", "--clusters", "3", "--out", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    for kind in ("number", "date", "name", "sentence"):
        row = next(line for line in table.splitlines() if line.startswith(f"| {kind} |"))
        pairs, precision, recall, auc = (float(x) for x in row.strip("|").split("|")[1:5])
        assert pairs > 0 and 0 <= precision <= 1 and 0 <= recall <= 1 and 0 <= auc <= 1
    # name swaps from other clusters are caught (any regression shows here)
    name_row = next(line for line in table.splitlines() if line.startswith("| name |"))
    assert float(name_row.split("|")[4]) >= 0.9
