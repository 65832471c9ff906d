"""`summarizer compare` gives the same bytes as the code that held every cluster's scores as
objects (before it worked from the reports' arrays): comparison.json, comparison.md, stdout
and stderr pinned in tests/fixtures/compare_v1/expected, made by that code (main at 454b71f)
from the run folders beside them (made by make_runs.py there). The runs: `a` with an empty
summary (zeros) on c03; `b` another system and budget, without c02, with c99, ties on c01,
zeros on c03; `c` with options and its clusters in reverse order; `d` whose c01 lacks
ROUGE-2 (read as a list); `e` with no cluster; `f` and `g` with 40 clusters of varied
scores (means over more than 8 values, where the order of a sum shows: numpy's sum fails
`forty_clusters`). The PNG is not pinned (its bytes follow the matplotlib version); it is
drawn from the same per-cluster numbers."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from summarizer.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"
QUICK = ["--resamples", "200", "--trials", "300"]
CASES = {
    "three_runs": ["a", "b", "c", *QUICK],
    "recall_two_metrics_json": ["a", "b", "--measure", "r", "--metric", "ROUGE-SU4",
                                "--metric", "ROUGE-2", "--format", "json",
                                "--significance-seed", "7", *QUICK],
    "reordered_precision": ["c", "a", "--measure", "p", *QUICK],
    "list_report_one_metric": ["a", "d", "--metric", "ROUGE-1", *QUICK],
    "list_report_lacks_a_metric": ["a", "d", *QUICK],
    "unknown_metric": ["a", "b", "--metric", "ROUGE-9", *QUICK],
    "no_cluster_in_one_run": ["a", "e", *QUICK],
    "forty_clusters": ["f", "g", "--measure", "r", *QUICK],
}
FILES = ("stdout", "stderr", "rc", "comparison.json", "comparison.md")


def run_case(argv: list[str], out: Path) -> dict[str, bytes]:
    """One case run in the fixture folder (relative run paths, as written in the outputs;
    the caller changes into it)."""
    o, e = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
        rc = main(["compare", *argv, "--out", str(out), "--no-plot"])
    got = {"stdout": o.getvalue().encode(), "rc": f"{rc}\n".encode(),
           "stderr": e.getvalue().replace(str(out), "OUT").encode()}
    for name in ("comparison.json", "comparison.md"):
        got[name] = (out / name).read_bytes() if (out / name).exists() else b""
    return got


@pytest.mark.parametrize("case", sorted(CASES))
def test_compare_outputs_equal_the_pinned_bytes(case, tmp_path, monkeypatch):
    monkeypatch.chdir(FIXTURE)  # contextlib.chdir is Python 3.11+
    got = run_case(CASES[case], tmp_path / "cmp")
    expected = FIXTURE / "expected" / case
    for name in FILES:
        assert got[name] == (expected / name).read_bytes(), f"{case}: {name} differs"


def test_a_run_compared_with_itself_is_said(tmp_path, monkeypatch):
    # `compare a a` compared a run with itself without a word (every difference 0, p = 1);
    # allowed, as a check of the tests, but most often a slip: one line on stderr.
    monkeypatch.chdir(FIXTURE)
    got = run_case(["a", "../compare_v1/a", *QUICK], tmp_path / "cmp")
    assert got["rc"] == b"0\n"
    notes = [ln for ln in got["stderr"].decode().splitlines() if "warning" in ln]
    assert notes == ["summarizer: warning: a and ../compare_v1/a are the same run folder: it "
                     "is compared with itself"]


def test_runs_of_one_system_in_folders_of_one_name_are_kept_apart(tmp_path):
    # Two runs of test-roundrobin in x/run and y/run were both named "test-roundrobin
    # (run)": the comparison's per-cluster scores kept one of them.
    import shutil

    from summarizer.evaluation.compare import compare_runs

    x, y = tmp_path / "x" / "run", tmp_path / "y" / "run"
    shutil.copytree(FIXTURE / "a", x)
    shutil.copytree(FIXTURE / "d", y)
    cmp = compare_runs([x, y], metrics=["ROUGE-1"], resamples=100, trials=100)
    names = [s.name for s in cmp.systems]
    assert names == [f"test-roundrobin ({x})", f"test-roundrobin ({y})"]
    assert set(cmp.per_cluster["ROUGE-1"]) == set(names)
