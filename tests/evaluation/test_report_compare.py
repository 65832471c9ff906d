"""Reports carry intervals and the signature; compare gives tests, win/loss and a figure."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputError, RunMismatchError, shortened
from summarizer.evaluation import DatasetOptions, evaluate, load_report
from summarizer.evaluation.compare import compare_runs, comparison_markdown, write_comparison
from summarizer.evaluation.records import PerCluster

JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")


@pytest.fixture
def two_runs(tiny, jsonl_data, tmp_path):
    a = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "a", words=40,
                 dataset_options=JSONL, progress=False, per_doc=1)
    b = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "b", words=40,
                 dataset_options=JSONL, progress=False)
    return a.out, b.out


def test_report_has_intervals_signature_settings_throughput(two_runs):
    out = two_runs[1]
    report = json.loads((out / "report.json").read_text())
    for metric in ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"):
        for part in ("r", "p", "f"):
            cell = report["scores"][metric][part]
            assert cell["low"] <= cell["mean"] <= cell["high"]
            assert cell["low"] < cell["high"]  # 8 different clusters: a real interval
    sig = report["rouge"]["signature"]
    assert sig.startswith("rouge155|") and "c:95" in sig and "r:1000" in sig
    assert report["throughput"]["clusters"] == 8
    assert report["throughput"]["input_tokens_per_second"] > 0
    md = (out / "report.md").read_text()
    assert sig in md and "95% bootstrap interval" in md
    r1 = report["scores"]["ROUGE-1"]["r"]
    assert f"{r1['mean']:.5f} [{r1['low']:.5f}, {r1['high']:.5f}]" in md
    assert f"| ROUGE-1 | {r1['average']:.5f} |" in md  # ROUGE-1.5.5's Average_R too
    assert "test-roundrobin" in md and "clusters/s" in md


def test_compare_two_runs(two_runs, tmp_path):
    cmp = compare_runs(list(two_runs), trials=2000)
    assert cmp.measure == "f"  # JSONL data: F by default
    assert len(cmp.clusters) == 8 and cmp.dropped == {}
    pair = next(p for p in cmp.pairs if p.metric == "ROUGE-1")
    assert pair.b_wins + pair.b_losses + pair.ties == 8
    assert 0 < pair.test.p_bootstrap <= 1 and 0 < pair.test.p_randomization <= 1
    a_vals = cmp.per_cluster["ROUGE-1"][cmp.systems[0].name]
    b_vals = cmp.per_cluster["ROUGE-1"][cmp.systems[1].name]
    assert pair.b_wins == sum(b > a for a, b in zip(a_vals, b_vals, strict=True))
    assert pair.test.difference == pytest.approx(
        sum(b_vals) / 8 - sum(a_vals) / 8)
    written = write_comparison(cmp, tmp_path / "cmp")
    png = tmp_path / "cmp" / "comparison.png"
    assert png in written and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
    md = comparison_markdown(cmp)
    assert "p (bootstrap)" in md and "W/L/T" in md and cmp.rouge_signature in md
    assert "different budgets" not in md  # said only where they differ
    stored = json.loads((tmp_path / "cmp" / "comparison.json").read_text())
    assert stored == json.loads(json.dumps(cmp.to_dict()))
    assert stored["pairs"][0]["test"]["p_bootstrap"] == cmp.pairs[0].test.p_bootstrap
    # how p (bootstrap) is made is recorded: a comparison.json without it holds the old,
    # centred one (sacreBLEU's), which could disagree with the interval beside it
    assert stored["tests"]["p_bootstrap_method"] == "percentile"
    assert all(p["test"]["p_bootstrap_method"] == "percentile" for p in stored["pairs"])
    assert "its p the percentile interval inverted" in md
    for p in cmp.pairs:  # one answer: p < .05 exactly when the 95% interval excludes 0
        assert (p.test.p_bootstrap < 0.05) == (p.test.ci_low > 0 or p.test.ci_high < 0)


def test_compare_intersects_and_says_what_was_dropped(tiny, jsonl_data, tmp_path):
    full = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "full", words=40,
                    dataset_options=JSONL, progress=False)
    part_opts = DatasetOptions(text_field="docs", summary_field="gold", id_field="key",
                               limit=5, seed=3)
    with pytest.warns(UserWarning, match="5 of 5 summaries are empty"):
        part = evaluate(jsonl_data, "test-empty", out=tmp_path / "part", words=40,
                        dataset_options=part_opts, progress=False)
    cmp = compare_runs([full.out, part.out], measure="r", trials=500)
    kept = [c.id for c in part.report.per_cluster]
    assert cmp.clusters == kept
    assert sorted(next(iter(cmp.dropped.values()))) == sorted(
        set(f"c{i:02d}" for i in range(8)) - set(kept))
    assert "dropped 3 cluster(s)" in comparison_markdown(cmp)


def test_compare_refuses_different_rouge_settings(tiny, jsonl_data, tmp_path):
    from summarizer.metrics import make_settings

    a = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "a", words=40,
                 dataset_options=JSONL, progress=False)
    b = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "b", words=40,
                 dataset_options=JSONL, progress=False, rouge=make_settings(stem=False))
    with pytest.raises(RunMismatchError, match="different ROUGE settings"):
        compare_runs([a.out, b.out])
    with pytest.raises(InputError, match="no report.json"):
        compare_runs([a.out, tmp_path])


def test_compare_warns_when_the_budgets_differ(tiny, jsonl_data, tmp_path):
    # runs at 20 and 40 words were compared without a word: the longer wins on recall
    runs = [evaluate(jsonl_data, "test-roundrobin", out=tmp_path / f"w{w}", words=w,
                     dataset_options=JSONL, progress=False).out for w in (20, 40)]
    with pytest.warns(UserWarning, match=r"different budgets \(20 words vs 40 words\)"):
        cmp = compare_runs(runs, measure="r", trials=100)
    # and so do the files kept (they said nothing of it, nor recorded any budget)
    assert "different budgets (`test-roundrobin (w20)` 20 words, `test-roundrobin (w40)` " \
           "40 words)" in comparison_markdown(cmp)
    assert [s["budget"]["limit"] for s in cmp.to_dict()["systems"]] == [20, 40]


def test_compare_refuses_whole_runs_over_different_contents_of_one_name(tiny, jsonl_data,
                                                                        tmp_path):
    # two files named data.jsonl, one reference changed: compared cluster by cluster as
    # if they were the same data set (only kind and name were checked)
    lines = jsonl_data.read_text().splitlines()
    row = json.loads(lines[3])
    row["gold"][0] = "An edited reference summary."
    (tmp_path / "b").mkdir()
    edited = tmp_path / "b" / "data.jsonl"
    edited.write_text("\n".join(lines[:3] + [json.dumps(row)] + lines[4:]) + "\n")
    runs = [evaluate(path, "test-roundrobin", out=tmp_path / f"run-{k}", words=40,
                     dataset_options=JSONL, progress=False).out
            for k, path in enumerate((jsonl_data, edited))]
    with pytest.raises(RunMismatchError, match="different contents of data set 'data'") as err:
        compare_runs(runs)
    assert "different code" not in str(err.value)
    # runs of two versions of the package: the message says the code differs too (an
    # upgrade can change the fingerprint's recipe while the texts are the same)
    report = json.loads((runs[1] / "report.json").read_text())
    report["code_fingerprint"] = "0" * 16
    (runs[1] / "report.json").write_text(json.dumps(report))
    with pytest.raises(RunMismatchError, match="made by different code of the summarizer"):
        compare_runs(runs)
    same = evaluate(jsonl_data, "test-empty", out=tmp_path / "run-c", words=40,
                    dataset_options=JSONL, progress=False)
    assert compare_runs([runs[0], same.out], trials=100).clusters  # same contents: compared


def test_compare_refuses_subsets_read_with_other_references(tiny, jsonl_data, tmp_path):
    # runs over --limit subsets were compared on common ids, whatever references the data
    # set was read with (another --summary-field: every score against other texts), and
    # two of the same draw over edited copies of one name were never fingerprinted
    rows = [json.loads(line) for line in jsonl_data.read_text().splitlines()]
    for row in rows:
        row["other"] = ["An unrelated reference about markets and elections."]
        row["gold"][0] = "An edited reference summary."
    (tmp_path / "b").mkdir()
    edited = tmp_path / "b" / "data.jsonl"
    edited.write_text("".join(json.dumps(r) + "\n" for r in rows))

    def run(name, path, limit, **read):
        opts = DatasetOptions(**{"text_field": "docs", "summary_field": "gold",
                                 "id_field": "key", **read}, limit=limit, seed=3)
        return evaluate(path, "test-roundrobin", out=tmp_path / name, words=40,
                        dataset_options=opts, progress=False).out

    gold, other = run("gold", edited, 5), run("other", edited, 5, summary_field="other")
    with pytest.raises(RunMismatchError, match="different contents of data set 'data'"):
        compare_runs([gold, other], trials=100)
    smaller = run("other4", edited, 4, summary_field="other")
    with pytest.raises(RunMismatchError, match=r"different options \(summary_field 'gold' "
                                               r"vs 'other'\)"):
        compare_runs([gold, smaller], trials=100)
    with pytest.raises(RunMismatchError, match="different contents of data set 'data'"):
        compare_runs([gold, run("original", jsonl_data, 5)], trials=100)
    # read alike: compared, on the same draw or on their common clusters
    assert compare_runs([gold, run("gold4", edited, 4)], trials=100).clusters
    assert compare_runs([gold, run("again", edited, 5)], trials=100).clusters


def test_compare_on_too_few_clusters_says_so_once_and_records_it(tiny, jsonl_data, tmp_path):
    # 5 clusters: no exact test of the differences could reach .05 (2 / 2**5 = .0625), yet a
    # bootstrap p could; one warning for all the pairs, each test's own in comparison.json
    opts = DatasetOptions(text_field="docs", summary_field="gold", id_field="key", limit=5,
                          seed=3)
    runs = [evaluate(jsonl_data, "test-roundrobin", out=tmp_path / name, words=words,
                     dataset_options=opts, progress=False).out
            for name, words in (("short", 20), ("long", 40))]
    with pytest.warns(UserWarning) as said:
        cmp = compare_runs(runs, measure="r", trials=200)
    small = [str(w.message) for w in said if "paired tests" in str(w.message)]
    assert small == ["test-roundrobin (short) vs test-roundrobin (long): paired tests: 5 inputs "
                     "differ, fewer than the 6 a test at 0.05 needs: read p (AR), not p "
                     "(bootstrap) or the interval"]
    # another comparison's is said too, by its own names: Python shows a warning of the same
    # text and line once, so the second went unsaid
    with warnings.catch_warnings(record=True) as again:
        warnings.simplefilter("always")
        compare_runs(runs[::-1], measure="r", trials=200)
    assert [str(w.message).split(":")[0] for w in again if "paired tests" in str(w.message)] == [
        "test-roundrobin (long) vs test-roundrobin (short)"]
    assert all(p.test.warning is not None for p in cmp.pairs if p.b_wins + p.b_losses)
    written = write_comparison(cmp, tmp_path / "cmp", plot=False)
    stored = json.loads(written[0].read_text())
    assert [p["test"].get("warning") for p in stored["pairs"]] == [
        p.test.warning for p in cmp.pairs]
    assert f"Warning: {small[0].split(': ', 1)[1]}." in written[1].read_text()


def test_compare_on_enough_clusters_has_no_warning_key(two_runs):
    cmp = compare_runs(list(two_runs), trials=200)
    enough = [p for p in cmp.pairs if p.b_wins + p.b_losses >= 6]
    assert enough  # 8 clusters, most of them differing
    for p in enough:
        assert p.test.warning is None and "warning" not in p.test.to_dict()


def _damaged(tmp_path, path: list, value: object):
    """Runs a and b of the compare_v1 fixture, b's report.json with ``value`` at ``path``."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(fixture / "a", a)
    shutil.copytree(fixture / "b", b)
    data = json.loads((b / "report.json").read_text())
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    (b / "report.json").write_text(json.dumps(data))  # NaN and inf as Python's json writes them
    return a, b


@pytest.mark.parametrize("path, value, said", [
    (["scores", "ROUGE-2", "r", "mean"], 1.5, "scores.ROUGE-2.r.mean is 1.5"),
    (["scores", "ROUGE-1", "r", "low"], -0.25, "scores.ROUGE-1.r.low is -0.25"),
    (["per_cluster", 1, "scores", "ROUGE-2", "r"], 1.7,
     "per_cluster 'c01' scores.ROUGE-2.r is 1.7"),
    (["per_cluster", 0, "scores", "ROUGE-1", "r"], -0.5,
     "per_cluster 'c00' scores.ROUGE-1.r is -0.5"),
])
def test_compare_refuses_scores_no_rouge_score_can_be(tmp_path, path, value, said):
    # they were compared as if they were scores: a mean of 1.5 recall, a test on -0.5
    a, b = _damaged(tmp_path, path, value)
    with pytest.raises(InputError) as caught, pytest.warns(UserWarning, match="budgets"):
        compare_runs([a, b], measure="r", resamples=100, trials=100)
    message = str(caught.value)
    assert message.startswith(f"{b / 'report.json'} (system test-lead): {said}, not a ROUGE "
                              "score (0 to 1)"), message
    code, out, err = run_cli(["compare", str(a), str(b), "--measure", "r", "--out",
                              str(tmp_path / "cmp"), "--no-plot"], lines=None)
    assert code == 2 and out == "" and not (tmp_path / "cmp" / "comparison.json").exists()
    assert said in error_line(err.splitlines()[-1])  # after the budgets' warning


def test_a_report_listing_a_cluster_twice_is_refused(tmp_path):
    # its own means counted the cluster twice, and compare paired one of the two rows
    a, b = _damaged(tmp_path, ["per_cluster", 2, "id"], "c00")
    with pytest.raises(InputError, match=r"per_cluster\[2\]: id 'c00' is also per_cluster\[0\]'s"):
        load_report(b)
    code, out, err = run_cli(["compare", str(a), str(b), "--out", str(tmp_path / "cmp"),
                              "--no-plot"], lines=None)
    assert code == 2 and out == "" and not (tmp_path / "cmp").exists()
    assert "per_cluster[2]: id 'c00' is also" in error_line(err.splitlines()[-1])


@pytest.mark.parametrize("table", [list, PerCluster.of])
def test_a_report_made_in_python_listing_a_cluster_twice_is_not_written(tmp_path, table):
    # it was written, and load_report (compare) then refused the file
    import dataclasses

    from summarizer.evaluation.report import write_report

    a = tmp_path / "a"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1" / "a", a)
    report = load_report(a)
    before = (a / "report.json").read_bytes()
    n = len(report.per_cluster)
    twice = dataclasses.replace(report, per_cluster=table([*report.per_cluster,
                                                           report.per_cluster[0]]))
    with pytest.raises(InputError, match=rf"RunReport per_cluster\[{n}\]: id 'c00' is also "
                                         r"per_cluster\[0\]'s; each cluster is listed once"):
        write_report(a, twice)
    assert (a / "report.json").read_bytes() == before
    write_report(a, dataclasses.replace(report, per_cluster=table(report.per_cluster)))
    assert load_report(a).per_cluster.ids == report.per_cluster.ids


@pytest.mark.parametrize("path, value", [
    (["scores", "ROUGE-L", "r", "high"], float("nan")),
    (["scores", "ROUGE-SU4", "f", "average"], float("inf")),
    (["scores", "ROUGE-2", "p", "mean"], "0.5"),
    (["scores", "ROUGE-1", "r", "low"], True),
    (["rouge", "confidence"], float("nan")),  # need() took NaN and true (an int) as a level
    (["rouge", "confidence"], True),
])
def test_report_reader_takes_only_finite_numbers_as_scores(tmp_path, path, value):
    # float() read the run's scores: "0.5" was 0.5 and "nan" NaN, where per_cluster's
    # reader refused them; a report is now read as strictly as its clusters, by any reader
    a, b = _damaged(tmp_path, path, value)
    with pytest.raises(InputError) as caught:
        load_report(b)
    place = ".".join(path)
    assert str(caught.value).endswith(f"{b / 'report.json'} {place}: expected a number, "
                                      f"found {value!r}"), str(caught.value)
    code, out, err = run_cli(["compare", str(a), str(b), "--measure", "f", "--out",
                              str(tmp_path / "cmp"), "--no-plot"], lines=None)
    assert code == 2 and out == "" and not (tmp_path / "cmp").exists()
    assert f"{place}: expected a number" in error_line(err.splitlines()[-1])


@pytest.mark.parametrize("part", ["scores", "per_cluster"])
def test_a_long_metric_name_with_a_bad_score_is_shortened_not_cut(tmp_path, part):
    # the message was cut at 300 characters, silently, so its "found ..." was lost
    long = "ROUGE-" + "9" * 500
    a, b = _damaged(tmp_path, ["seed"], 1234)
    data = json.loads((b / "report.json").read_text())
    if part == "scores":
        data["scores"][long] = {k: {"mean": "0.5", "low": 0, "high": 0, "average": 0}
                                for k in "rpf"}
    else:
        data["per_cluster"][0]["scores"][long] = {"r": "0.5", "p": 0, "f": 0}
    (b / "report.json").write_text(json.dumps(data))
    with pytest.raises(InputError) as caught:
        load_report(b)
    said = str(caught.value)
    assert said.endswith(": expected a number, found '0.5'") and long not in said, said
    assert f"{long[:60]}...{long[-30:]} ({len(long):,} characters)" in said


def test_compare_reads_what_it_compares_only(tmp_path):
    # a damaged recall is not read by a comparison of F: compared as before
    a, b = _damaged(tmp_path, ["scores", "ROUGE-2", "r", "mean"], 1.5)
    with pytest.warns(UserWarning):
        assert compare_runs([a, b], measure="f", resamples=100, trials=100).pairs


def test_warnings_name_long_run_folders_shortened(tmp_path):
    # they were escaped (by the CLI) but written whole: a folder of hundreds of characters
    from summarizer.evaluation.compare import warn_repeated

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"
    deep = tmp_path / ("x" * 150)
    a, b = (shutil.copytree(fixture / side, deep / side) for side in "ab")
    with pytest.warns(UserWarning, match="different budgets") as caught:
        compare_runs([a, b], resamples=100, trials=100)
    budgets = next(str(w.message) for w in caught if "different budgets" in str(w.message))
    assert budgets.startswith(f"{shortened(str(a))} and {shortened(str(b))} were made")
    assert str(a) not in budgets and f"({len(str(a)):,} characters)" in budgets
    with pytest.warns(UserWarning, match="the same run folder") as caught:
        warn_repeated([a, Path(str(a))])
    said = str(caught[0].message)
    assert said == f"{shortened(str(a))} and {shortened(str(a))} are the same run folder: it is compared with itself"


def _deep_pair(tmp_path):
    """Runs a and b of the compare_v1 fixture in a folder whose path is over 120 characters."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "compare_v1"
    deep = tmp_path / ("x" * 150)
    return tuple(shutil.copytree(fixture / side, deep / side) for side in "ab")


def _shortened_not_whole(said: str, path: Path) -> None:
    assert str(path) not in said and shortened(str(path)) in said, said
    assert f"({len(str(path)):,} characters)" in said, said


def test_compare_and_report_errors_name_a_long_run_folder_shortened(tmp_path):
    # each named the folder or its report.json whole, however long, where the other
    # refusals of compare and evaluate's output folders shorten it
    from summarizer.evaluation.store import RunStore

    a, b = _deep_pair(tmp_path)
    data = json.loads((b / "report.json").read_text())
    data["scores"]["ROUGE-2"]["r"]["mean"] = 1.5
    (b / "report.json").write_text(json.dumps(data))
    with pytest.raises(InputError) as caught, pytest.warns(UserWarning, match="budgets"):
        compare_runs([a, b], measure="r", resamples=100, trials=100)
    _shortened_not_whole(str(caught.value), b / "report.json")
    (b / "report.json").write_text('{"scores": ')
    with pytest.raises(InputError) as caught:
        load_report(b)
    _shortened_not_whole(str(caught.value), b / "report.json")
    (b / "report.json").unlink()
    with pytest.raises(InputError) as caught:
        load_report(b)
    _shortened_not_whole(str(caught.value), b)
    (b / "run.json").write_text("{")
    with pytest.raises(InputError) as caught:
        RunStore(b).read_run()
    _shortened_not_whole(str(caught.value), b / "run.json")
    (b / "run.json").write_text("[]")
    with pytest.raises(InputError) as caught:
        RunStore(b).read_run()
    _shortened_not_whole(str(caught.value), b / "run.json")
    (b / "results.jsonl").write_text('{"id": "c0"}\n')
    with pytest.raises(InputError) as caught:
        RunStore(b).read_results(repair=False)
    _shortened_not_whole(str(caught.value), b / "results.jsonl")
