"""Run folders written by earlier code still resume, and give the same numbers.

``tests/fixtures/run_v1`` was written by the evaluation code of November 2026 (before the
evaluation refactor): ``finished/`` is a complete run of the tiny round-robin summariser on
``data.jsonl`` (5 clusters, 40 words), ``partial/`` the same run cut after 3 clusters. The code
fingerprint and the installed packages (``environment``, which those folders lack) are the
deliberate guards against resuming with other code; the tests set them to the current ones,
so that what they check is the folder format, not the guards.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from summarizer.batch.environment import recorded_environment
from summarizer.evaluation import DatasetOptions, compare_runs, evaluate
from summarizer.evaluation.run import code_fingerprint

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "run_v1"
JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


def _copy(name: str, tmp_path: Path) -> Path:
    out = tmp_path / name
    shutil.copytree(FIXTURE / name, out)
    run = json.loads((out / "run.json").read_text())
    run["settings"]["code_fingerprint"] = code_fingerprint()
    run["settings"]["environment"] = recorded_environment()
    (out / "run.json").write_text(json.dumps(run, indent=2))
    return out


def _numbers(report: dict) -> tuple:
    return report["scores"], report["per_cluster"], report["rouge"]["signature"]


def test_partial_v1_folder_resumes_to_the_v1_numbers(tiny, tmp_path):
    out = _copy("partial", tmp_path)
    run = evaluate(FIXTURE / "data.jsonl", "test-roundrobin", out=out, words=40,
                   dataset_options=JSONL, progress=False)
    assert (run.resumed, run.computed) == (3, 2)
    assert tiny.CALLS == ["c03", "c04"]
    old = json.loads((FIXTURE / "finished" / "report.json").read_text())
    assert _numbers(run.report.to_dict()) == _numbers(old)
    ids = [json.loads(x)["id"] for x in (out / "results.jsonl").read_text().splitlines()]
    assert ids == ["c00", "c01", "c02", "c03", "c04"]


def test_finished_v1_folder_reports_again_without_work(tiny, tmp_path):
    out = _copy("finished", tmp_path)
    run = evaluate(FIXTURE / "data.jsonl", "test-roundrobin", out=out, words=40,
                   dataset_options=JSONL, progress=False)
    assert (run.resumed, run.computed) == (5, 0) and tiny.CALLS == []
    old = json.loads((FIXTURE / "finished" / "report.json").read_text())
    assert _numbers(run.report.to_dict()) == _numbers(old)


def test_v1_report_compares_with_a_new_one(tiny, tmp_path):
    new = evaluate(FIXTURE / "data.jsonl", "test-roundrobin", out=tmp_path / "new", words=40,
                   dataset_options=JSONL, progress=False, per_doc=1)
    cmp = compare_runs([FIXTURE / "finished", new.out], trials=200, resamples=200)
    assert len(cmp.clusters) == 5
    old = json.loads((FIXTURE / "finished" / "report.json").read_text())
    assert cmp.systems[0].run_scores["ROUGE-1"].to_dict() == old["scores"]["ROUGE-1"]["f"]
    # == compares (the generated one raised ValueError on per_cluster's arrays)
    import pickle

    again = compare_runs([FIXTURE / "finished", new.out], trials=200, resamples=200)
    assert cmp == again == pickle.loads(pickle.dumps(cmp))
    assert cmp != compare_runs([new.out, FIXTURE / "finished"], trials=200, resamples=200)
