"""`summarizer evaluate` and `summarizer compare` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import error_line, run_cli, write_jsonl


@pytest.mark.parametrize(
    "argv, message",
    [
        (["evaluate", "/nonexistent/data"], "data set not found"),
        (["evaluate", "{duc}", "--method", "nope"], "unknown method 'nope'"),
        (["evaluate", "{duc}", "--words", "0"], "words budget must be positive"),
        (["evaluate", "{duc}", "--budget", "lots"], "bad budget 'lots'"),
        (["evaluate", "{duc}", "--limit", "0"], "limit (--limit) must be positive, got 0"),
        (["evaluate", "{duc}", "--summaries", "{duc}/peers"], "several files for cluster"),
        (["compare", "{duc}"], "at least two run folders"),
        (["compare", "{duc}", "{duc}"], "no report.json"),
    ],
)
def test_one_line_errors(argv, message, duc_fixture, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # default run folders land in tmp
    argv = [a.replace("{duc}", str(duc_fixture)) for a in argv]
    code, _, err = run_cli(argv + ["--no-progress"] if argv[0] == "evaluate" else argv)
    assert code != 0 and message in error_line(err)


def test_evaluate_then_compare(tiny, duc_fixture, tmp_path):
    a, b = tmp_path / "rr", tmp_path / "peer"
    code, out, err = run_cli(["evaluate", str(duc_fixture), "--method", "test-roundrobin",
                              "--budget", "60w", "--out", str(a), "--no-progress"])
    assert code == 0, err
    assert "ROUGE-SU4" in out and "rouge155|" in out and str(a) in out
    settings = json.loads((a / "run.json").read_text())["settings"]
    assert settings["budget"]["limit"] == 60
    # DUC convention: stemming and truncation to the budget for scoring.
    assert settings["rouge"]["stem"] is True and settings["rouge"]["length_words"] == 60
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--summaries",
                            str(duc_fixture / "peers" / "*.T.7"), "--budget", "60w", "--out",
                            str(b), "--no-progress"])
    assert code == 0, err
    # The same command again resumes (nothing to do) and says so.
    code, out, err = run_cli(["evaluate", str(duc_fixture), "--method", "test-roundrobin",
                              "--budget", "60w", "--out", str(a), "--no-progress"])
    assert code == 0 and "resumed 3 finished clusters" in out, err
    # Another budget in the same folder is refused.
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--method", "test-roundrobin",
                            "--words", "50", "--out", str(a), "--no-progress"])
    assert code != 0 and "different settings" in error_line(err)

    cmp_dir = tmp_path / "cmp"
    code, out, err = run_cli(["compare", str(a), str(b), "--out", str(cmp_dir), "--trials", "500"],
                             lines=2)
    assert code == 0, err
    # 3 clusters are too few for a paired test at 95%: one warning line, then the files written
    assert "paired tests: 3 inputs differ, fewer than the 6" in err.splitlines()[0]
    assert "W/L/T" in out and "test-roundrobin" in out
    assert (cmp_dir / "comparison.png").stat().st_size > 0
    data = json.loads((cmp_dir / "comparison.json").read_text())
    assert data["measure"] == "r" and len(data["clusters"]) == 3


def test_evaluate_jsonl_subset(tiny, jsonl_data, tmp_path):
    out = tmp_path / "sub"
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--method", "test-roundrobin",
                            "--text-field", "docs", "--summary-field", "gold", "--id-field", "key",
                            "--limit", "3", "--seed", "7", "--out", str(out), "--no-progress",
                            "--option", "per_doc=2"])
    assert code == 0, err
    report = json.loads((out / "report.json").read_text())
    assert report["dataset"]["clusters"] == 3 and report["dataset"]["total_clusters"] == 8
    assert report["options"] == {"per_doc": 2}


def test_rouge_options_string(tiny, duc_fixture, tmp_path):
    out = tmp_path / "r4"
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--method", "test-roundrobin", "--out",
                            str(out), "-n", "4", "-m", "-2", "4", "-u", "-b", "665", "-r", "200",
                            "--no-progress"])
    assert code == 0, err
    report = json.loads((out / "report.json").read_text())
    assert list(report["scores"]) == ["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-L",
                                      "ROUGE-SU4"]
    sig = report["rouge"]["signature"]
    assert "m:yes" in sig and "b:665" in sig and "r:200" in sig
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--method", "test-roundrobin", "--out",
                            str(tmp_path / "bad"), "-3", "HM", "--no-progress"])
    assert code != 0 and "Basic Element scoring (-3) is not supported" in error_line(err)
    assert not (tmp_path / "bad").exists()  # refused before any work


def test_rouge_long_options_override_the_data_set_defaults(tiny, duc_fixture, tmp_path):
    """DUC defaults: stemming and -l to the budget; the shared option group turns them off."""
    runs = {}
    for name, extra in (("default", []), ("plain", ["--no-stem", "--length-words", "0",
                                                    "--confidence", "90", "--bootstrap-seed", "3"])):
        out = tmp_path / name
        code, _, err = run_cli(["evaluate", str(duc_fixture), "--method", "test-roundrobin",
                                "--out", str(out), "-r", "50", "--no-progress", *extra])
        assert code == 0, err
        runs[name] = json.loads((out / "report.json").read_text())["rouge"]
    assert "|m:yes|" in runs["default"]["signature"] and "|l:100|" in runs["default"]["signature"]
    plain = runs["plain"]
    assert "|m:no|" in plain["signature"] and "|l:none|b:none|" in plain["signature"]
    assert "|c:90|" in plain["signature"] and "|seed:3|" in plain["signature"]
    assert plain["options"]["bootstrap_seed"] == 3 and plain["confidence"] == 90.0


def test_precomputed_jsonl_predictions(tiny, jsonl_data, tmp_path):
    from summarizer.evaluation import DatasetOptions, evaluate

    opts = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")
    preds = _predictions(jsonl_data, tmp_path / "preds.jsonl")
    run = evaluate(jsonl_data, f"precomputed:{preds}", out=tmp_path / "p", dataset_options=opts,
                   progress=False)
    # Each prediction is one of its two references (recall 1 there), averaged with the other.
    assert run.report.per_cluster[0].scores["ROUGE-1"].recall > 0.5
    preds.write_text(preds.read_text().splitlines()[0] + "\n")
    with pytest.raises(Exception, match="no line with id 'c01'"):
        evaluate(jsonl_data, f"precomputed:{preds}", out=tmp_path / "q", dataset_options=opts,
                 progress=False)
    assert not (tmp_path / "q").exists()  # refused before the run folder is made


# invisible characters only (a zero-width space, a right-to-left mark, a BOM): empty too,
# as the cleaning leaves such a document; they were scored 0 without the warning
@pytest.mark.parametrize("text", [" \n\n", "\u200b\n\u200f \ufeff\n"])
def test_empty_precomputed_summaries_are_scored_0_with_a_warning(duc_fixture, tmp_path, text):
    # `summarizer rouge` notes them; evaluate --summaries scored them 0 without a word
    peers = tmp_path / "peers"
    peers.mkdir()
    for path in duc_fixture.glob("peers/*.T.7"):
        (peers / path.name).write_text(path.read_text())
    (peers / "D31001.M.100.T.7").write_text(text, encoding="utf-8")
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--summaries", str(peers), "--out",
                            str(tmp_path / "run"), "--no-progress", "--resamples", "10"])
    assert code == 0, err
    assert "summarizer: warning: 1 empty system summary, scored 0: D31001.M.100.T.7" in err, err
    rows = [json.loads(x) for x in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert {r["id"]: r["scores"]["ROUGE-1"]["r"] for r in rows}["d31001t"] == 0.0


def _peers_with_one_unreadable(duc_fixture, tmp_path, make):
    """(peers: the fixture's summaries with D31001's made by ``make``, only: a folder holding
    D30001's alone, made by ``make``)."""
    peers = tmp_path / "peers"
    peers.mkdir()
    for path in duc_fixture.glob("peers/*.T.7"):
        (peers / path.name).write_text(path.read_text())
    (peers / "D31001.M.100.T.7").unlink()
    make(peers / "D31001.M.100.T.7")
    only = tmp_path / "only"
    only.mkdir()
    make(only / "D30001.M.100.T.7")
    return peers, only


def _refused_as(duc_fixture, tmp_path, cases):
    for summaries, said in cases:
        code, _, err = run_cli(["evaluate", str(duc_fixture), "--summaries", str(summaries),
                                "--out", str(tmp_path / "run"), "--no-progress"])
        assert code != 0 and error_line(err).endswith(said.format(summaries)), err
        assert not (tmp_path / "run").exists()


def test_a_summary_that_is_a_pipe_is_said_to_be_one(duc_fixture, tmp_path):
    # a FIFO named for a cluster was "no file for cluster 'd31001t'", and --summaries
    # naming a FIFO "no folder": each now says what it is
    import os

    peers, only = _peers_with_one_unreadable(duc_fixture, tmp_path, os.mkfifo)
    os.mkfifo(tmp_path / "preds.jsonl")
    fifo = "is a named pipe (FIFO), not a regular file"
    _refused_as(duc_fixture, tmp_path, (
        (peers, "precomputed summaries: no file for cluster 'd31001t' in {} "
                f"(D31001.M.100.T.7: {fifo})"),
        (peers / "*.T.7", "precomputed summaries: no file for cluster 'd31001t' in {} "
                          f"(D31001.M.100.T.7: {fifo})"),
        (tmp_path / "preds.jsonl", f"{{}}: {fifo}; precomputed summaries are a folder, a "
                                   "glob or a .jsonl file"),
        (only, f"precomputed summaries: no files at {{}} (D30001.M.100.T.7: {fifo})")))


def test_a_summary_that_is_a_broken_link_is_said_to_be_one(duc_fixture, tmp_path):
    # a dangling link named for a cluster (a share unmounted, a copied tree of links) was
    # "no file for cluster 'd31001t'" with no reason; it is named as `summarizer rouge`
    # (metrics.io) names one: "is a broken symbolic link, not a regular file"
    peers, only = _peers_with_one_unreadable(
        duc_fixture, tmp_path, lambda path: path.symlink_to(tmp_path / "gone"))
    broken = "is a broken symbolic link, not a regular file"
    _refused_as(duc_fixture, tmp_path, (
        (peers, "precomputed summaries: no file for cluster 'd31001t' in {} "
                f"(D31001.M.100.T.7: {broken})"),
        (peers / "*.T.7", "precomputed summaries: no file for cluster 'd31001t' in {} "
                          f"(D31001.M.100.T.7: {broken})"),
        (only, f"precomputed summaries: no files at {{}} (D30001.M.100.T.7: {broken})")))


def test_empty_summaries_of_a_run_are_reported(duc_fixture, tmp_path):
    # --words 1: all three summaries empty, scored 0, and nothing said
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--method", "lead", "--words", "1",
                            "--out", str(tmp_path / "run"), "--no-progress", "--resamples", "10"])
    assert code == 0, err
    assert "summarizer: warning: 3 of 3 summaries are empty, scored 0 (e.g. 'd30001t': no " \
           "whole sentence fits the budget (words=1" in err, err


def test_precomputed_summaries_score_as_rouge_scores_their_files(duc_fixture, tmp_path):
    """evaluate --summaries scores a file as `summarizer rouge` (ROUGE-1.5.5) reads it: lines
    split at \\n only, nothing stripped. Lines were stripped and also split at U+2028 and
    \\x0c, so with -l/-b (DUC's default cut) an indented or CRLF file scored higher than
    the official ROUGE scores it, and a U+2028 made sentence units of its own."""
    peers = tmp_path / "peers"
    peers.mkdir()
    for path in sorted(duc_fixture.glob("peers/*.T.7")):
        first, *rest = path.read_text(encoding="utf-8").split("\n")
        words = first.split()
        first = " ".join(words[:3]) + "\u2028" + " ".join(words[3:]) + "\x0c"
        (peers / path.name).write_bytes(("          " + "  \r\n".join([first, *rest])).encode())
    out = tmp_path / "run"
    code, _, err = run_cli(["evaluate", str(duc_fixture), "--summaries", str(peers), "--out",
                            str(out), "--no-progress", "-r", "10", "--length-bytes", "75"])
    assert code == 0, err
    got = {r["id"]: r["scores"] for r in map(json.loads, (out / "results.jsonl").open())}
    for peer in sorted(peers.iterdir()):
        cluster = peer.name.split(".")[0].lower()
        models = sorted(p for p in (duc_fixture / "models").iterdir()
                        if p.name.lower().startswith(cluster + "."))
        code, out_json, err = run_cli(["rouge", str(peer), *map(str, models), "-m", "-b", "75",
                                       "-r", "10", "--format", "json"])
        assert code == 0, err
        official = json.loads(out_json)["aggregate"]
        for metric in ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"):
            assert got[cluster + "t"][metric]["r"] == official[metric]["recall"]["mean"], \
                (peer.name, metric)


CREDITS = "(Reporting by John Smith; Editing by Jane Doe)\njha/ga"  # cleaning leaves nothing
FLOODS = {"id": "c2", "documents": ["Rain floods the town. Roads close."],
          "summary": ["Floods close roads."]}


def _evaluate_argv(tmp_path, first_documents: list[str]) -> tuple[list[str], Path]:
    """`evaluate` over a two-cluster JSONL file whose first cluster has these documents
    (FLOODS second), without --out; and the file."""
    rows = [{"id": "c1", "documents": first_documents, "summary": ["A storm cut power."]},
            FLOODS]
    data = write_jsonl(tmp_path / "d.jsonl", rows)
    return ["evaluate", str(data), "--method", "lead", "--words", "10", "--no-progress"], data


def test_allow_skipped_documents_lists_them_in_the_report(tmp_path):
    argv, data = _evaluate_argv(tmp_path, ["Storm hits the coast today. Power is out.", CREDITS])
    code, _, err = run_cli(argv + ["--out", str(tmp_path / "refused")])
    assert code == 2  # the default: refused
    line = error_line(err)
    assert "d.jsonl:1 (id 'c1') documents[1]" in line and "--allow-skipped-documents" in line
    out = tmp_path / "allowed"
    code, _, err = run_cli(argv + ["--out", str(out), "--allow-skipped-documents"])
    assert code == 0 and "warning: 1 unusable document(s) are left out" in err
    report = json.loads((out / "report.json").read_text())
    assert report["dataset"]["skipped_documents"] == [
        {"cluster": "c1", "document": "doc1",
         "reason": "no text left after removing its title and boilerplate"}]
    assert report["dataset"]["options"]["allow_skipped_documents"] is True  # the settings differ
    settings = json.loads((out / "run.json").read_text())["settings"]["dataset"]
    assert settings["skipped_documents"] == report["dataset"]["skipped_documents"]
    md = (out / "report.md").read_text()
    assert "| documents left out | 1 unusable" in md and "| c1 | doc1 | no text left" in md
    # a run whose clusters lost none says so, not "0 ... listed below" over no list
    data.write_text(json.dumps(FLOODS) + "\n")
    code, _, err = run_cli(argv + ["--out", str(tmp_path / "none"), "--allow-skipped-documents"])
    assert code == 0, err
    md = (tmp_path / "none" / "report.md").read_text()
    assert "| documents left out | none (--allow-skipped-documents) |" in md
    assert "Documents left out" not in md


def test_a_duc_file_that_gives_no_article_stops_the_run_unless_allowed(duc_fixture, tmp_path):
    # a damaged or stray file of a cluster folder was dropped with no word, in no report
    import shutil

    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    (root / "docs" / "d30002t" / "notes.bin").write_bytes(bytes(range(256)) * 8)
    argv = ["evaluate", str(root), "--method", "lead", "--no-progress"]
    code, _, err = run_cli(argv + ["--out", str(tmp_path / "refused")])
    line = error_line(err)
    assert code == 2 and "notes.bin" in line and "--allow-skipped-documents" in line
    assert not (tmp_path / "refused").exists()
    out = tmp_path / "allowed"
    code, _, err = run_cli(argv + ["--out", str(out), "--allow-skipped-documents"])
    assert code == 0 and "warning: 1 unusable document(s) are left out" in err
    [left] = json.loads((out / "report.json").read_text())["dataset"]["skipped_documents"]
    assert (left["cluster"], left["document"]) == ("d30002t", "notes.bin")
    assert "| d30002t | notes.bin |" in (out / "report.md").read_text()


def test_allow_skipped_documents_leaves_out_a_cluster_left_with_none(tmp_path):
    # a cluster whose every document cleaning emptied stopped the run even when allowed
    argv, _ = _evaluate_argv(tmp_path, [CREDITS])
    code, _, err = run_cli(argv + ["--out", str(tmp_path / "refused")])
    assert code == 2 and "no document with text" in error_line(err)  # the default: refused
    out = tmp_path / "allowed"
    code, _, err = run_cli(argv + ["--out", str(out), "--allow-skipped-documents"])
    assert code == 0, err
    report = json.loads((out / "report.json").read_text())
    assert report["dataset"]["clusters"] == 1
    [left] = report["dataset"]["skipped_documents"]
    assert (left["cluster"], left["document"], left["cluster_left_out"]) == ("c1", "doc0", True)
    settings = json.loads((out / "run.json").read_text())["settings"]["dataset"]
    assert settings["skipped_documents"] == [left]
    md = (out / "report.md").read_text()
    assert "| c1 | doc0 | no text left" in md and "the whole cluster was left out" in md


def _predictions(jsonl_data, path, extra=()):
    """A .jsonl of predictions for every cluster of ``jsonl_data`` (its first reference),
    then ``extra`` ids."""
    rows = [json.loads(x) for x in jsonl_data.read_text().splitlines()]
    lines = [{"id": r["key"], "summary": r["gold"][0]} for r in rows]
    lines += [{"id": cid, "summary": "A summary of a cluster not in the data set."}
              for cid in extra]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return path


JSONL_FIELDS = ["--text-field", "docs", "--summary-field", "gold", "--id-field", "key"]


def test_predictions_of_ids_no_cluster_has_are_said(jsonl_data, tmp_path):
    # they were left unscored without a word: a wrong id scheme or a file of another data set
    # read as if it fitted (every cluster has its line, so the run is kept, and told)
    preds = _predictions(jsonl_data, tmp_path / "preds.jsonl", extra=["x1", "x2", "x3", "x4"])
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--summaries", str(preds),
                            *JSONL_FIELDS, "--out", str(tmp_path / "p"), "--no-progress"],
                           lines=None)
    assert code == 0, err
    said = [ln for ln in err.splitlines() if "precomputed summaries" in ln]
    assert said == [f"summarizer: warning: precomputed summaries: 4 ids in {preds} are of no "
                    "cluster of the data set, not scored: 'x1', 'x2', 'x3' ..."]
    report = json.loads((tmp_path / "p" / "report.json").read_text())
    assert report["dataset"]["clusters"] == 8 == len(report["per_cluster"])


def test_predictions_for_exactly_the_run_say_nothing_more(jsonl_data, tmp_path):
    preds = _predictions(jsonl_data, tmp_path / "preds.jsonl")
    code, _, err = run_cli(["evaluate", str(jsonl_data), "--summaries", str(preds),
                            *JSONL_FIELDS, "--out", str(tmp_path / "p"), "--no-progress"],
                           lines=None)
    assert code == 0 and "precomputed summaries" not in err, err


def test_predictions_beyond_a_subset_are_said_only_when_some_must_be_stray(jsonl_data, tmp_path):
    # --limit 3 of 8: the 5 clusters left out have their lines, which is no mistake; a 6th
    # unknown id cannot be of any of them
    for extra, warned in (([], False), (["x1"], True)):
        preds = _predictions(jsonl_data, tmp_path / f"preds{len(extra)}.jsonl", extra=extra)
        code, _, err = run_cli(["evaluate", str(jsonl_data), "--summaries", str(preds),
                                *JSONL_FIELDS, "--limit", "3", "--out",
                                str(tmp_path / f"p{len(extra)}"), "--no-progress"], lines=None)
        assert code == 0, err
        said = [ln for ln in err.splitlines() if "precomputed summaries" in ln]
        assert bool(said) == warned, err
        if warned:
            assert said[0].startswith(f"summarizer: warning: precomputed summaries: 6 ids in "
                                      f"{preds} are of no cluster of the run, not scored: ")
            assert said[0].endswith("; the run leaves out 5 clusters, so 1 or more are of "
                                    "none in the data set")
