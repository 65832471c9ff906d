"""``evaluate --summaries``: a folder whose name holds ``[``, ``*`` or ``?`` is the folder, not a
pattern (``sys[1]`` was read as the glob of ``sys1``, and ``sys[1]/*.txt`` scored ``sys1``'s
files under ``sys[1]``'s name, exit 0); and a cluster's file of its own name is taken where
ids differ only in case or by a suffix (``abc``/``ABC``, ``a``/``a.b`` were refused as
"several files")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import error_line, run_cli, write_jsonl

TEXT = ("The minister met officials in Panama on Monday to discuss migration. "
        "Officials said the plan would take effect next year.")
GOOD, BAD = "The minister met officials in Panama to discuss migration.", "Football scores."


def _data(tmp_path: Path, ids: list[str]) -> Path:
    return write_jsonl(tmp_path / "d.jsonl", [
        {"id": i, "documents": [TEXT], "summary": GOOD} for i in ids])


def _summaries(out: Path) -> dict[str, str]:
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    return {r["id"]: r["summary"] for r in rows}


@pytest.mark.parametrize("given", ["sys[1]", "sys[1]/*.txt", "sys?1?"])
def test_a_folder_named_like_a_pattern_is_read_as_named(tmp_path, given):
    data = _data(tmp_path, ["c0", "c1"])
    for folder, text in (("sys[1]", GOOD), ("sys1", BAD), ("sys?1?", GOOD)):
        (tmp_path / folder).mkdir()
        for i in (0, 1):
            (tmp_path / folder / f"c{i}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(tmp_path / given),
                            "--out", str(out), "--no-progress", "-r", "5"], lines=None)
    assert code == 0, err
    assert set(_summaries(out).values()) == {GOOD}


def test_a_pattern_still_globs_below_the_folder_that_exists(tmp_path):
    data = _data(tmp_path, ["c0", "c1"])
    peers = tmp_path / "peers"
    peers.mkdir()
    for i in (0, 1):
        (peers / f"c{i}.T.7").write_text(GOOD + "\n", encoding="utf-8")
        (peers / f"c{i}.T.8").write_text(BAD + "\n", encoding="utf-8")
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(peers / "*.T.7"),
                            "--out", str(out), "--no-progress", "-r", "5"], lines=None)
    assert code == 0, err
    assert set(_summaries(out).values()) == {GOOD}


@pytest.mark.parametrize("ids", [["abc", "ABC"], ["a", "a.b"]])
def test_each_cluster_takes_the_file_of_its_own_name(tmp_path, ids):
    data = _data(tmp_path, ids)
    sums = tmp_path / "sums"
    sums.mkdir()
    for i in ids:
        (sums / f"{i}.txt").write_text(f"{GOOD} ({i})\n", encoding="utf-8")
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(sums), "--out", str(out),
                            "--no-progress", "-r", "5"], lines=None)
    assert code == 0, err
    assert _summaries(out) == {i: f"{GOOD} ({i})" for i in ids}


def test_two_files_with_no_better_claim_are_still_refused(tmp_path):
    data = _data(tmp_path, ["abc"])
    sums = tmp_path / "sums"
    sums.mkdir()
    for name in ("abc.T.7", "abc.T.8"):
        (sums / name).write_text(GOOD + "\n", encoding="utf-8")
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(sums), "--out",
                            str(tmp_path / "run"), "--no-progress", "-r", "5"])
    assert code == 2 and "several files for cluster 'abc'" in error_line(err)


def test_a_file_named_for_a_longer_id_is_not_a_shorter_ids(tmp_path):
    # ids news and news.2, only news.2.txt there: news took news.2.txt, scored in silence
    data = _data(tmp_path, ["news", "news.2"])
    sums = tmp_path / "sums"
    sums.mkdir()
    (sums / "news.2.txt").write_text(GOOD + "\n", encoding="utf-8")
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(sums), "--out",
                            str(tmp_path / "run"), "--no-progress", "-r", "5"])
    assert code == 2
    assert "no file for cluster 'news'" in error_line(err) and "longer id" in error_line(err)
    (sums / "news.txt").write_text(BAD + "\n", encoding="utf-8")
    out = tmp_path / "run2"
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(sums), "--out", str(out),
                            "--no-progress", "-r", "5"], lines=None)
    assert code == 0, err
    assert _summaries(out) == {"news": BAD, "news.2": GOOD}


def test_a_duc_peer_of_another_selector_is_no_clusters(duc_fixture, tmp_path):
    # clusters d30001t and d30001f: the T peer was scored as d30001f's too
    import shutil

    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    shutil.copytree(root / "docs" / "d30001t", root / "docs" / "d30001f")
    for f in (root / "models").glob("D30001*"):
        (root / "models" / f.name.replace(".T.", ".F.")).write_text(f.read_text())
    for f in (root / "models").glob("d30001*"):
        (root / "models" / f.name.replace(".t.", ".f.")).write_text(f.read_text())
    peers = tmp_path / "peers"
    peers.mkdir()
    for name in ("D30001.M.100.T.7", "D30002.M.100.T.7", "D31001.M.100.T.7"):
        (peers / name).write_text(GOOD + "\n", encoding="utf-8")
    code, _, err = run_cli(["evaluate", str(root), "--summaries", str(peers), "--out",
                            str(tmp_path / "run"), "--no-progress", "-r", "5"])
    assert code == 2 and "no file for cluster 'd30001f'" in error_line(err)
    (peers / "D30001.M.100.F.7").write_text(BAD + "\n", encoding="utf-8")
    out = tmp_path / "run2"
    code, _, err = run_cli(["evaluate", str(root), "--summaries", str(peers), "--out", str(out),
                            "--no-progress", "-r", "5"], lines=None)
    assert code == 0, err
    assert _summaries(out)["d30001f"] == BAD and _summaries(out)["d30001t"] == GOOD


def test_a_batch_output_folder_is_scored_as_the_run_that_made_its_summaries(tmp_path):
    # its Parquet shards were "no file for cluster 'c00'": batch's summaries could not be
    # scored without writing them out again
    jsonl_data = write_jsonl(tmp_path / "data.jsonl", [
        {"id": "a", "documents": [TEXT, "Critics said the plan came too late. " * 2],
         "summary": GOOD},
        {"id": "b", "documents": ["The river rose by three metres on Sunday. Two villages "
                                  "were evacuated. Soldiers built barriers.", TEXT],
         "summary": "The river rose and villages were evacuated."}])
    code, _, err = run_cli(["batch", str(jsonl_data), "--out", str(tmp_path / "b"),
                            "--words", "30"], lines=None)
    assert code == 0, err
    scores = []
    for name, extra in (("direct", []), ("from_batch", ["--summaries", str(tmp_path / "b")])):
        out = tmp_path / name
        code, _, err = run_cli(["evaluate", str(jsonl_data), "--out", str(out), "--words",
                                "30", *extra], lines=None)
        assert code == 0, err
        rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
        scores.append({r["id"]: (r["summary"], r["scores"]) for r in rows})
    assert scores[0] == scores[1] and len(scores[0]) > 1
    shard = sorted((tmp_path / "b").glob("*.parquet"))[0]
    shard.write_bytes(shard.read_bytes() + b"x")  # edited: a resumed run is refused
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--out", str(tmp_path / "from_batch"),
                            "--words", "30", "--summaries", str(tmp_path / "b")], lines=None)
    assert code != 0


def test_a_folder_of_summary_files_with_a_manifest_of_its_own_is_read_as_files(tmp_path):
    # any manifest.json was taken for a batch job's: "no line with id 'a'" (found by review)
    data = _data(tmp_path, ["a", "b"])
    system = tmp_path / "sys"
    system.mkdir()
    for i in ("a", "b"):
        (system / f"{i}.txt").write_text(GOOD + "\n", encoding="utf-8")
    (system / "manifest.json").write_text('{"name": "my system"}', encoding="utf-8")
    code, _, err = run_cli(["evaluate", str(data), "--summaries", str(system), "--out",
                            str(tmp_path / "out")], lines=None)
    assert code == 0, err
    assert _summaries(tmp_path / "out") == {"a": GOOD, "b": GOOD}
