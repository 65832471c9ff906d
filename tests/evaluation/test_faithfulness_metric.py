"""evaluate --faithfulness: support rate and unsupported-number rate of any system's summaries."""

from __future__ import annotations

import json

from helpers import run_cli

from summarizer.evaluation import DatasetOptions, evaluate
from summarizer.evaluation.report import load_report

DOCS = [
    ["The council approved a budget of 3.2 billion dollars on Tuesday. Mayor Alice Brown "
     "said 1,250 new teachers would be hired.", "Flooding on the river closed 14 roads."],
    ["Storms cut power to 48,000 homes in the north. Crews from Ortega Energy worked "
     "through the night.", "The utility expects repairs to take 5 days."],
]
FAITHFUL = ["The council approved a budget of $3.2 billion. Mayor Alice Brown said 1,250 "
            "teachers would be hired.",
            "Storms cut power to 48,000 homes. The utility expects repairs to take 5 days."]
INVENTED = ["The council approved a budget of $7.9 billion. Mayor John Smith said 4,100 "
            "teachers would be hired.",
            "Storms cut power to 91,000 homes. The utility expects repairs to take 12 days."]
OPTIONS = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


def write(tmp_path):
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps({"key": f"c{i}", "docs": d, "gold": [FAITHFUL[i]]}) + "\n"
                            for i, d in enumerate(DOCS)), encoding="utf-8")
    preds = {}
    for name, texts in (("faithful", FAITHFUL), ("invented", INVENTED)):
        preds[name] = tmp_path / f"{name}.jsonl"
        preds[name].write_text("".join(json.dumps({"id": f"c{i}", "summary": t}) + "\n"
                                       for i, t in enumerate(texts)), encoding="utf-8")
    return data, preds


def test_faithfulness_separates_two_systems(tmp_path):
    data, preds = write(tmp_path)
    reports = {}
    for name, path in preds.items():
        run = evaluate(data, f"precomputed:{path}", out=tmp_path / name, dataset_options=OPTIONS,
                       progress=False, faithfulness=True)
        reports[name] = run.report.faithfulness
        assert load_report(tmp_path / name).faithfulness == run.report.faithfulness
        assert "## Faithfulness" in (tmp_path / name / "report.md").read_text(encoding="utf-8")
    good, bad = reports["faithful"], reports["invented"]
    assert good["support_rate"] == 1.0 and good["unsupported_number_rate"] == 0.0
    assert bad["support_rate"] == 0.0 and bad["unsupported_number_rate"] == 1.0
    assert bad["unsupported_numbers"] == bad["numbers"] == 4
    assert bad["unsupported_name_rate"] > 0 and good["sentences"] == bad["sentences"] == 4
    assert bad["settings"]["embeddings"] is True


def test_a_finished_run_gains_the_report_on_resume(tmp_path):
    data, preds = write(tmp_path)
    args = ["evaluate", str(data), "--summaries", str(preds["invented"]), "--text-field", "docs",
            "--summary-field", "gold", "--id-field", "key", "--out", str(tmp_path / "run"),
            "--no-progress"]
    code, _, err = run_cli(args)
    assert code == 0, err
    assert load_report(tmp_path / "run").faithfulness is None
    # same settings: resumes, nothing recomputed
    code, out, err = run_cli(args + ["--faithfulness"])
    assert code == 0, err
    assert "resumed 2 finished clusters" in out and "unsupported-number rate | 100.0%" in out
    assert load_report(tmp_path / "run").faithfulness["numbers"] == 4


def test_an_interrupted_check_resumes_where_it_stopped(tmp_path, monkeypatch):
    # The check ran over every summary again at each `evaluate --faithfulness` and kept
    # nothing until the end: Ctrl-C lost all of it (minutes for a large run), a rerun
    # redid it all. Each cluster's check is now kept as it is done.
    import pytest

    from summarizer.faithfulness import FaithfulnessChecker

    data, preds = write(tmp_path)
    fresh = evaluate(data, f"precomputed:{preds['invented']}", out=tmp_path / "fresh",
                     dataset_options=OPTIONS, progress=False, faithfulness=True)
    calls: list[str] = []
    plain = FaithfulnessChecker.check

    def check(self, sentences, cluster, language):
        calls.append(cluster.id)
        if cluster.id == "c1" and calls.count("c1") == 1:
            raise KeyboardInterrupt
        return plain(self, sentences, cluster, language)

    monkeypatch.setattr(FaithfulnessChecker, "check", check)
    run = dict(dataset_options=OPTIONS, progress=False, faithfulness=True)
    with pytest.raises(KeyboardInterrupt):
        evaluate(data, f"precomputed:{preds['invented']}", out=tmp_path / "run", **run)
    assert calls == ["c0", "c1"]
    with open(tmp_path / "run" / "faithfulness.jsonl", "a") as fh:
        fh.write('{"id": "c1", "summ')  # and a torn line, as a kill mid-write leaves
    again = evaluate(data, f"precomputed:{preds['invented']}", out=tmp_path / "run", **run)
    assert calls == ["c0", "c1", "c1"]  # c0's check was kept
    assert again.report.faithfulness == fresh.report.faithfulness
    # the torn line is gone, not ended and kept: every line of the file is JSON again
    checks = tmp_path / "run" / "faithfulness.jsonl"
    assert [json.loads(line)["id"] for line in checks.read_text().splitlines()] == ["c0", "c1"]
    evaluate(data, f"precomputed:{preds['invented']}", out=tmp_path / "run", **run)
    assert calls == ["c0", "c1", "c1"]  # nothing left to check
    # a rate edited by hand went into the report; such a line is not trusted: checked again
    lines = checks.read_text().splitlines()
    first = json.loads(lines[0])
    lines[0] = lines[0].replace(f'"support_rate": {first["rates"]["support_rate"]}',
                                '"support_rate": 1.0', 1)
    assert lines[0] != checks.read_text().splitlines()[0]
    checks.write_text("\n".join(lines) + "\n")
    (tmp_path / "run" / "report.json").unlink()
    forged = evaluate(data, f"precomputed:{preds['invented']}", out=tmp_path / "run", **run)
    assert calls == ["c0", "c1", "c1", first["id"]]
    assert forged.report.faithfulness == fresh.report.faithfulness
