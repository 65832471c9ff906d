"""report.json describes the whole output folder over every run (``output``: rows done and
failed) beside what this run did (``done``, ``skipped``, ``failed``): a rerun of a finished
job wrote done 0, skipped N, and the counts of the run that did the work were lost. An
earlier run's failed rows that a stopped rerun did not retry stay in ``failed.jsonl`` and
the report (marked ``earlier``): they vanished."""

from __future__ import annotations

import json

import pytest
from batch_helpers import make_records
from helpers import run_cli, write_jsonl

from summarizer.batch import read_output, summarize_dataset
from summarizer.summarizers.lead import LeadSummarizer


class Failing(LeadSummarizer):
    """Lead that fails the clusters ``fail`` and is interrupted (Ctrl-C) at ``stop``."""

    def __init__(self, fail=(), stop=None):
        super().__init__()
        self.fail, self.stop = set(fail), stop

    def summarize(self, cluster, budget):
        if cluster.id == self.stop:
            raise KeyboardInterrupt
        if cluster.id in self.fail:
            raise RuntimeError(f"no summary for {cluster.id}")
        return super().summarize(cluster, budget)

    def settings(self):
        return super().settings()  # the switches do not change summaries


def _run(inp, out, method):
    return summarize_dataset(inp, out, method, words=30, batch_size=1, progress=False)


def _report(out):
    return json.loads((out / "report.json").read_text())


def _failed(out):
    return [json.loads(line) for line in (out / "failed.jsonl").read_text().splitlines()]


def test_a_rerun_of_a_finished_job_keeps_the_output_counts(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(6))
    out = tmp_path / "out"
    code, _, err = run_cli(["batch", str(inp), "--out", str(out), "--method", "lead",
                            "--no-progress"])
    assert code == 0, err
    first = _report(out)
    assert (first["done"], first["skipped"], first["output"]) == (6, 0, {"done": 6, "failed": 0})
    code, _, err = run_cli(["batch", str(inp), "--out", str(out), "--method", "lead",
                            "--no-progress"])
    assert code == 0, err
    again = _report(out)
    assert (again["done"], again["skipped"], again["failed"]) == (0, 6, 0)  # this run's
    assert again["output"] == {"done": 6, "failed": 0} and again["complete"] is True


def test_earlier_failures_a_stopped_rerun_did_not_retry_stay(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(10))
    out = tmp_path / "out"
    report = _run(inp, out, Failing(fail={"c002", "c008"}))
    assert (report.done, report.failed_count, report.output_failed) == (8, 2, 2)
    assert _report(out)["output"] == {"done": 8, "failed": 2}
    with pytest.raises(KeyboardInterrupt):  # c002 in flight, c008 not reached
        _run(inp, out, Failing(stop="c002"))
    stopped = _report(out)
    assert stopped["complete"] is False and (stopped["done"], stopped["failed"]) == (0, 0)
    assert stopped["output"] == {"done": 8, "failed": 2}
    assert [(f["id"], f["position"], f["earlier"]) for f in stopped["failures"]] == \
        [("c002", 2, True), ("c008", 8, True)]
    assert [f["id"] for f in _failed(out)] == ["c002", "c008"]
    assert "no summary for c008" in _failed(out)[1]["error"]
    # retried: one summarised, one failing again (this run's failure, not marked earlier)
    report = _run(inp, out, Failing(fail={"c008"}))
    assert (report.done, report.skipped, report.failed_count) == (1, 8, 1)
    assert (report.output_done, report.output_failed) == (9, 1)
    assert [(f["id"], "earlier" in f) for f in _failed(out)] == [("c008", False)]
    report = _run(inp, out, Failing())
    assert _report(out)["output"] == {"done": 10, "failed": 0} and not _failed(out)
    assert len(read_output(out)) == 10


def test_a_damaged_failure_line_is_passed_over(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(4))
    out = tmp_path / "out"
    _run(inp, out, Failing(fail={"c001", "c003"}))
    lines = (out / "failed.jsonl").read_text().splitlines()
    (out / "failed.jsonl").write_text("not json\n" + lines[1] + "\n" + '{"position": "x"}\n')
    with pytest.raises(KeyboardInterrupt):
        _run(inp, out, Failing(stop="c001"))
    assert [f["id"] for f in _failed(out)] == ["c003"]
    assert _report(out)["output"] == {"done": 2, "failed": 1}


def test_the_last_line_says_the_whole_output_after_a_rerun(tmp_path):
    """`batch`'s last line said this run's counts alone: a rerun "0 summarised, 6 already
    done", nothing of the output's failed rows; it adds the whole output's where earlier
    runs add to them."""
    bad = {"id": "x", "body": ["No text field. It fails."]}
    inp = write_jsonl(tmp_path / "in.jsonl", [*make_records(6), bad])
    argv = ["batch", str(inp), "--out", str(tmp_path / "out"), "--method", "lead",
            "--no-progress"]
    code, out, _ = run_cli(argv, lines=2)  # the failed row's warning, and the last line
    assert code == 1 and "6 summarised, 1 failed in " in out and "output:" not in out
    code, out, _ = run_cli(argv, lines=2)
    assert code == 1 and out.startswith("7 rows: 0 summarised, 6 already done, 1 failed in ")
    assert out.rstrip().endswith("out/ (output: 6 done, 1 failed)")
