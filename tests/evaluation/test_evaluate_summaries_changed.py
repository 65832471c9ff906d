"""Precomputed summaries changed between two runs into one folder: the run's settings hold
their fingerprint, so the rerun is refused as other settings (as a changed data set is),
where it resumed and kept the old summaries' scores beside the new ones; unchanged, it
resumes."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import error_line, run_cli

JSONL_FIELDS = ["--text-field", "docs", "--summary-field", "gold", "--id-field", "key"]


def _peers(duc_fixture, tmp_path):
    peers = tmp_path / "peers"
    peers.mkdir()
    for path in duc_fixture.glob("peers/*.T.7"):
        shutil.copy(path, peers / path.name)
    return peers


def _predictions(jsonl_data, tmp_path):
    rows = [json.loads(x) for x in jsonl_data.read_text().splitlines()]
    preds = tmp_path / "preds.jsonl"
    preds.write_text("".join(json.dumps({"id": r["key"], "summary": "In short: " + r["gold"][0]}) + "\n"
                             for r in rows))
    return preds


def _scores(out):
    report = json.loads((out / "report.json").read_text())
    return report["per_cluster"], report["rouge"]


@pytest.mark.parametrize("kind", ["folder", "glob", "jsonl"])
def test_changed_summaries_are_refused_unchanged_resume(kind, duc_fixture, jsonl_data,
                                                         tmp_path):
    if kind == "jsonl":
        summaries = _predictions(jsonl_data, tmp_path)
        argv = ["evaluate", str(jsonl_data), "--summaries", str(summaries), *JSONL_FIELDS]
        done = 8
    else:
        peers = _peers(duc_fixture, tmp_path)
        summaries = peers if kind == "folder" else peers / "*.T.7"
        argv = ["evaluate", str(duc_fixture), "--summaries", str(summaries), "--words", "100"]
        done = 3
    out = tmp_path / "run"
    argv += ["--out", str(out), "--no-progress"]
    code, _, err = run_cli(argv, lines=None)
    assert code == 0, err
    first = _scores(out)

    code, stdout, err = run_cli(argv, lines=None)  # unchanged: resumed, the same report
    assert code == 0 and f"resumed {done} finished clusters" in stdout, err
    assert _scores(out) == first

    if kind == "jsonl":
        summaries.write_text(summaries.read_text().replace('"summary": "', '"summary": "New ', 1))
    else:
        edited = sorted(peers.iterdir())[0]
        edited.write_text("An edited summary of other words.\n")
    report = (out / "report.json").read_bytes()
    code, stdout, err = run_cli(argv)
    assert code == 2, stdout  # it resumed: the old summaries' scores kept beside the new
    line = error_line(err)
    assert "holds a run with different settings (" in line
    assert "system_settings.summaries_fingerprint" in line and "another output folder" in line
    assert (out / "report.json").read_bytes() == report  # the old run is left as it was


def test_a_summaries_file_added_or_renamed_changes_the_fingerprint(duc_fixture, tmp_path):
    from summarizer.evaluation.systems import PrecomputedSummarizer

    peers = _peers(duc_fixture, tmp_path)
    was = PrecomputedSummarizer(peers).fingerprint()
    assert PrecomputedSummarizer(peers).fingerprint() == was  # the same files: the same
    assert PrecomputedSummarizer(peers / "*.T.7").fingerprint() == was  # listed otherwise
    (peers / "extra.txt").write_text("Another system's summary.\n")
    assert PrecomputedSummarizer(peers).fingerprint() != was
    (peers / "extra.txt").unlink()
    first = sorted(peers.iterdir())[0]
    first.rename(peers / ("x" + first.name))
    assert PrecomputedSummarizer(peers).fingerprint() != was


def test_a_run_folder_from_before_the_fingerprint_is_refused(duc_fixture, tmp_path):
    # its settings name the summaries by path alone: whether they are those it scored is
    # unknown, so it is refused as other settings rather than resumed
    peers = _peers(duc_fixture, tmp_path)
    out = tmp_path / "run"
    argv = ["evaluate", str(duc_fixture), "--summaries", str(peers), "--words", "100",
            "--out", str(out), "--no-progress"]
    code, _, err = run_cli(argv, lines=None)
    assert code == 0, err
    run = json.loads((out / "run.json").read_text())
    del run["settings"]["system_settings"]["summaries_fingerprint"]
    (out / "run.json").write_text(json.dumps(run))
    code, _, err = run_cli(argv)
    assert code == 2 and "system_settings.summaries_fingerprint: None -> '" in error_line(err)
