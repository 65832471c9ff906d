"""eval/tac2011_cv_dpp_learned.py: the registered grid, the oracle training data of a
cluster, a fold fit, and bad data as one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from test_eval_scripts import EVAL

from summarizer.documents.model import Cluster, Document


@pytest.fixture
def grid(monkeypatch):
    """The script as a module (imported by name: its dataclasses need their module)."""
    import importlib

    monkeypatch.syspath_prepend(str(EVAL))
    return importlib.import_module("tac2011_cv_dpp_learned")


def test_the_grid_is_the_registered_one(grid) -> None:
    assert list(grid.VARIANTS) == ["dpp-learned-all-l1", "dpp-learned-all-l100",
                                   "dpp-learned-paper-l1", "dpp-learned-paper-l100"]
    assert [(len(v.features), v.l2) for v in grid.VARIANTS.values()] == [
        (7, 1.0), (7, 100.0), (5, 1.0), (5, 100.0)]
    assert grid.PAPER == ("constant", "first", "position", "log_words", "centrality")
    assert grid.SHIPPED == "dpp-learned-all-l1"


def test_a_cluster_gives_its_oracle_extracts_and_a_fit_learns_from_them(grid) -> None:
    text = ("The river rose overnight in the valley of the north. Rescue teams moved families "
            "to the school on the hill. The mayor said the water would fall by Friday morning. "
            "A football match was moved to another town next week.")
    clusters = [Cluster([Document(text, id=f"d{k}")], id=f"M00{k}", language="english",
                        references=["The river rose in the valley and rescue teams moved "
                                    "families to the school."])
                for k in range(2)]
    data = [grid.cluster_example(c) for c in clusters]
    ex = data[0]
    # both budgets' oracles take the two sentences the reference holds, and nothing else
    assert ex.extracts == 2 and ex.counts.tolist() == [2.0, 2.0, 0.0, 0.0]
    theta, steps = grid.fit_variant(grid.VARIANTS["dpp-learned-paper-l1"], data)
    assert steps >= 1 and np.isfinite(theta).all()
    # what the oracle takes first (the first two sentences) gets the higher quality
    f = grid.columns(ex, grid.PAPER).features
    z = f @ theta
    assert min(z[:2]) > max(z[2:])


def test_data_that_is_not_tac_is_one_line(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(EVAL / "tac2011_cv_dpp_learned.py"), "--data",
                          str(tmp_path / "missing"), "--out", str(tmp_path / "out.md")],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(tmp_path / "missing") in lines[0]
    assert not (tmp_path / "out.md").exists()


def test_the_held_out_table_reads_each_rows_joint_criterion(grid, tmp_path: Path) -> None:
    # it called tac2011_cv_lsa.joint, removed at 4ac9138: the report crashed after the run
    from test_eval_scripts import _tac2011_cv

    _, h = _tac2011_cv(tmp_path)
    r = np.array([0.5, 0.3])
    scores = {"default": {"250": (r, r), "100": (r, r / 3)}}
    official = {"ID9": {"250": (r, r / 2)}, "ID10": {"250": (r, r * 2)}}
    table = grid.held_out_table(h, scores, official)
    # joint: R2 at 250 + R1 + R2 at 100 = 0.4 + 0.4 + 0.4/3 on average; share (0.4 - 0.2) / 0.6
    assert table[-1] == "| `default` | 0.9333 | 0.9333 | en 0.33 |"
