"""compare's --metric (compare_runs(metrics=...)) reads a metric's name as rouge --metrics and
evaluate --metrics read it: R2, rouge-2 and ROUGE-2 are one metric. It took ROUGE-2 alone
("no metric 'R2' in these runs"), after a run made with --metrics R1,R2. And runs whose
metrics differ in order only (--metrics R2,R1 against R1,R2) are compared, not refused."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pytest
from helpers import run_cli

from summarizer.errors import InputError, RunMismatchError
from summarizer.evaluation.compare import compare_runs

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"


@pytest.fixture
def runs(tmp_path):
    for name in ("a", "b"):
        shutil.copytree(FIXTURE / name, tmp_path / name)
    return [tmp_path / "a", tmp_path / "b"]


def test_compare_reads_the_rouge_spellings_of_a_metric(runs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fixture's few clusters
        cmp = compare_runs(
            runs, metrics=["R2", "rouge-1", "ROUGE-2", "r-su4"], resamples=100, trials=100
        )
    assert list(cmp.per_cluster) == ["ROUGE-2", "ROUGE-1", "ROUGE-SU4"]
    with pytest.raises(InputError, match=r"^no metric 'zzz' in these runs \(ROUGE-1, "):
        compare_runs(runs, metrics=["zzz"])


def test_the_cli_takes_them_too(runs, tmp_path):
    code, out, _ = run_cli(
        [
            "compare",
            *map(str, runs),
            "--metric",
            "R2",
            "--no-plot",
            "--out",
            str(tmp_path / "cmp"),
            "--resamples",
            "100",
            "--trials",
            "100",
        ],
        lines=None,
    )
    assert code == 0 and "ROUGE-2" in out and "ROUGE-1 " not in out


def _with_metrics(folder: Path, order: str) -> None:
    """The run's report as one scored with --metrics in another order (its numbers the same)."""
    path = folder / "report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    sig = report["rouge"]["signature"]
    report["rouge"]["signature"] = re.sub(r"metrics:[^|]*", f"metrics:{order}", sig)
    path.write_text(json.dumps(report), encoding="utf-8")


def test_runs_whose_metrics_differ_in_order_only_are_compared(runs):
    # evaluate --metrics R2,R1 and --metrics R1,R2 score alike; compare refused the pair as
    # "scored with different ROUGE settings", the two signatures differing in that order
    _with_metrics(runs[1], "RSU4,RL,R2,R1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert compare_runs(runs, resamples=100, trials=100).pairs
    _with_metrics(runs[1], "R1,R2,RL")  # another set of metrics: refused as before
    with pytest.raises(RunMismatchError, match="different ROUGE settings"):
        compare_runs(runs, resamples=100, trials=100)
