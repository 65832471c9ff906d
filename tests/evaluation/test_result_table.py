"""What a run keeps of each cluster for its report: a column-wise :class:`ResultTable`, and
the report's per-cluster scores as one array (:class:`PerCluster`). The report must be what
the per-cluster figures held one object each gave: the same bytes, scores and intervals."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
from helpers import traced_memory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.atomic import write_atomic, write_json_atomic
from summarizer.errors import InputError
from summarizer.evaluation import DatasetOptions, compare_runs, evaluate, load_report
from summarizer.evaluation.records import (
    ClusterResult,
    ClusterScores,
    PerCluster,
    ResultFigures,
    ResultTable,
    figures_column,
)
from summarizer.evaluation.report import (
    REPORT_FILE,
    Throughput,
    _ClusterRows,
    report_markdown,
    write_report,
)
from summarizer.evaluation.store import RunStore
from summarizer.metrics import Score, report_from_scores
from summarizer.metrics.measures import rpf, scores_to_dict

JSONL = DatasetOptions(text_field="docs", summary_field="gold", id_field="key")
METRICS = ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4")

_number = st.floats(0, 1, allow_nan=False)
_score = st.builds(Score, _number, _number, _number)


@st.composite
def _figures(draw, index: int, cluster_id: str) -> ResultFigures:
    metrics = draw(st.sampled_from([METRICS, METRICS, ("ROUGE-2", "ROUGE-1"), ("ROUGE-1",)]))
    empty = draw(st.booleans())
    return ResultFigures(
        index=index, id=cluster_id, scores={m: draw(_score) for m in metrics},
        summary_words=draw(st.integers(0, 2**70)),  # past 64 bits too: a hand-made line
        seconds=draw(st.floats(0, 1e6, allow_nan=False)),
        input_tokens=draw(st.integers(0, 10**6)),
        peak_rss_mb=draw(st.floats(0, 1e5, allow_nan=False)),
        gpu_peak_mb=draw(st.none() | st.floats(0, 1e5, allow_nan=False)),
        empty=empty, note=draw(st.none() | st.text(max_size=20)) if empty else None,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_table_gives_back_every_figure_added(data):
    n = data.draw(st.integers(1, 30))
    ids = [f"c{k:03d}" for k in range(n)]
    added = {i: data.draw(_figures(k, i)) for k, i in enumerate(ids)}
    table = ResultTable(ids)
    order = data.draw(st.permutations(ids))
    for i in order:
        table[i] = added[i]
    for i in data.draw(st.lists(st.sampled_from(ids), max_size=5)):  # replaced in place
        added[i] = data.draw(_figures(ids.index(i), i))
        table.add(added[i])
    assert len(table) == n and list(table) == order and "nope" not in table
    assert all(table[i] == added[i] for i in ids)
    want = [added[i] for i in ids]
    rows = table.select(ids)
    assert list(rows) == want and list(rows[1:]) == want[1:] and rows[-1] == want[-1]
    for name in ("seconds", "input_tokens", "summary_words", "peak_rss_mb", "gpu_peak_mb",
                 "empty"):
        assert figures_column(rows, name) == figures_column(want, name), name
    assert Throughput.of(rows) == Throughput.of(want)
    for metrics in (METRICS[:2], ("ROUGE-1",)):
        if all(set(metrics) <= set(f.scores) for f in want):
            expect = [[[f.scores[m].recall, f.scores[m].precision, f.scores[m].fmeasure]
                       for m in metrics] for f in want]
            assert rows.scores(metrics).tolist() == expect
        else:
            with pytest.raises(KeyError):
                rows.scores(metrics)
    with pytest.raises(KeyError):
        table.select(["nope"])


def test_the_table_holds_a_few_hundred_bytes_a_cluster():
    """A ResultFigures with its dict of Score objects held 2.5 KB a cluster in a run (3.8 KB
    of RSS): 4 GB for a million clusters."""
    n = 20_000
    ids = [f"c{k:06d}" for k in range(n)]
    scores = {m: Score(0.1 + k / 10, 0.2, 0.3) for k, m in enumerate(METRICS)}
    with traced_memory() as mem:
        table = ResultTable(ids)
        for k in range(n):
            table.add(ResultFigures(index=k, id=f"c{k:06d}", scores=dict(scores),
                                    summary_words=50, seconds=0.001 * k, input_tokens=900 + k,
                                    peak_rss_mb=80.5, gpu_peak_mb=None, empty=False))
    assert table[ids[-1]].input_tokens == 900 + n - 1
    assert table[ids[7]].id is ids[7]  # the data set's string, not a copy
    assert mem.held < 300 * n, f"{mem.held / n:.0f} bytes a cluster"


def test_per_cluster_reads_as_a_list_of_cluster_scores():
    scores = np.arange(24, dtype=np.float64).reshape(4, 2, 3) / 100
    per = PerCluster(["a", "b", "c", "d"], scores, ("ROUGE-1", "ROUGE-2"))
    listed = [ClusterScores(i, {m: Score(*scores[k, j].tolist())
                                for j, m in enumerate(("ROUGE-1", "ROUGE-2"))})
              for k, i in enumerate("abcd")]
    assert per == listed and list(per) == listed and len(per) == 4
    assert per[-1] == listed[-1] and per[1:3] == listed[1:3]
    assert list(per.dicts()) == [{"id": c.id, "scores": scores_to_dict(c.scores)}
                                 for c in listed]
    with pytest.raises(ValueError):
        PerCluster(["a"], scores, ("ROUGE-1", "ROUGE-2"))


def test_a_run_reports_what_its_figures_one_by_one_gave(tiny, jsonl_data, tmp_path):
    """Several metrics, empty summaries with and without a note: report.json has the bytes of
    the report built from the per-cluster figures held one object each (the code before),
    the same intervals, per-cluster scores and Markdown; reopened, the same again; and the
    report reads back, and compares, as before."""
    out = tmp_path / "run"
    with pytest.warns(UserWarning, match=r"3 of 8 summaries are empty, scored 0 \(e.g. 'c00'\)"):
        run = evaluate(jsonl_data, "test-some-empty", out=out, words=40,
                       dataset_options=JSONL, progress=False)
    written = (out / REPORT_FILE).read_text(encoding="utf-8")
    report = run.report
    assert tuple(report.scores) == METRICS

    # the report as the figures held one object each made it
    results = RunStore(out).read_results()
    assert sum(r.summary == "" for r in results) == 3
    assert [r.summary_settings.get("note") for r in results if not r.summary] == [
        None, "nothing fit (3)", "nothing fit (6)"]
    figures = [r.figures() for r in results]  # data set order: the file's, as run in order
    rows = np.array([[[f.scores[m].recall, f.scores[m].precision, f.scores[m].fmeasure]
                      for m in METRICS] for f in figures], dtype=np.float64)
    settings_ = run.report.rouge.options
    from summarizer.metrics import RougeSettings

    corpus = report_from_scores(rows, RougeSettings.from_dict(settings_),
                                ids=[f.id for f in figures])
    assert report.scores == corpus.aggregate  # every mean and bootstrap interval
    assert report.throughput == Throughput.of(figures)
    before = {**report.to_dict(), "per_cluster": [
        {"id": c.id, "scores": scores_to_dict(c.scores)}
        for c in (ClusterScores(f.id, dict(p)) for f, p in zip(figures, corpus.per_summary,
                                                               strict=True))]}
    assert written == json.dumps(before, indent=2, ensure_ascii=False) + "\n"
    assert [p["scores"] for p in before["per_cluster"]] == [
        scores_to_dict(r.scores) for r in results]
    assert (out / "report.md").read_text(encoding="utf-8") == report_markdown(report)

    # reopened: nothing run, the same files
    markdown = (out / "report.md").read_bytes()
    with pytest.warns(UserWarning, match="nothing fit|3 of 8"):
        again = evaluate(jsonl_data, "test-some-empty", out=out, words=40,
                         dataset_options=JSONL, progress=False)
    assert again.computed == 0
    assert (out / REPORT_FILE).read_text(encoding="utf-8") == written
    assert (out / "report.md").read_bytes() == markdown

    loaded = load_report(out)
    assert isinstance(loaded.per_cluster, PerCluster)
    assert loaded.to_dict() == json.loads(written) and loaded.per_cluster == report.per_cluster
    assert loaded.per_cluster[3].scores["ROUGE-2"] == Score(0.0, 0.0, 0.0)

    other = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "other", words=40,
                     dataset_options=JSONL, progress=False)
    cmp = compare_runs([out, other.out])
    assert cmp.clusters == [c.id for c in report.per_cluster]
    assert cmp.per_cluster["ROUGE-1"][cmp.systems[0].name].tolist() == [
        c.scores["ROUGE-1"].fmeasure for c in report.per_cluster]


def test_a_report_whose_clusters_have_other_metrics_reads_as_it_is(tiny, jsonl_data, tmp_path):
    """A report.json edited by hand (or from elsewhere) with one cluster's metrics apart is
    read as it is: that cluster kept apart in the table, written back the same, and compared
    on the metrics every cluster has (the others are a one-line error)."""
    out = tmp_path / "run"
    evaluate(jsonl_data, "test-roundrobin", out=out, words=40, dataset_options=JSONL,
             progress=False)
    data = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    del data["per_cluster"][2]["scores"]["ROUGE-2"]
    (out / REPORT_FILE).write_text(json.dumps(data), encoding="utf-8")
    loaded = load_report(out)
    assert loaded.to_dict()["per_cluster"] == data["per_cluster"]
    assert "ROUGE-2" not in loaded.per_cluster[2].scores
    assert list(loaded.per_cluster[2].scores) == ["ROUGE-1", "ROUGE-L", "ROUGE-SU4"]
    assert not math.isnan(loaded.per_cluster[3].scores["ROUGE-2"].recall)
    other = evaluate(jsonl_data, "test-roundrobin", out=tmp_path / "other", words=40,
                     dataset_options=JSONL, progress=False, per_doc=1)
    cmp = compare_runs([out, other.out], metrics=["ROUGE-1"], resamples=40, trials=20)
    assert cmp.per_cluster["ROUGE-1"][cmp.systems[0].name].tolist() == [
        c["scores"]["ROUGE-1"]["f"] for c in data["per_cluster"]]
    with pytest.raises(InputError, match="lacks per-cluster scores of 'ROUGE-2'"):
        compare_runs([out, other.out], resamples=40, trials=20)


def test_results_with_other_metrics_than_the_run_s_are_kept_as_they_are():
    score = Score(0.5, 0.25, 0.125)
    table = ResultTable()
    base = dict(summary_words=1, seconds=0.5, input_tokens=3, peak_rss_mb=1.0,
                gpu_peak_mb=2.0, empty=False)
    first = ResultFigures(index=0, id="a", scores={"ROUGE-1": score, "ROUGE-2": score}, **base)
    odd = ResultFigures(index=1, id="b", scores={"ROUGE-2": score}, **base)
    table.add(first)
    table.add(odd)
    assert table["b"] == odd and table["a"] == first
    assert table.select(["b", "a"]).scores(["ROUGE-2"]).tolist() == [[[0.5, 0.25, 0.125]]] * 2
    with pytest.raises(KeyError):
        table.select(["a", "b"]).scores(["ROUGE-1"])


_cluster_metrics = st.sampled_from([METRICS, METRICS, METRICS, ("ROUGE-2", "ROUGE-1"), ()])


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_one_table_however_it_is_filled(data):
    """A PerCluster filled from the array that scored the clusters, one cluster at a time,
    or read from report.json's list gives the same clusters, the same report.json objects
    (bytes), the same arrays; a cluster with other metrics is kept as given; a replaced row
    reads as replaced; a slice as the list's slice."""
    n = data.draw(st.integers(0, 12))
    ids = [f"c{k}" for k in range(n)]
    kinds = [data.draw(_cluster_metrics) for _ in ids]
    given_ = [ClusterScores(i, {m: data.draw(_score) for m in (k or METRICS[:1])})
              for i, k in zip(ids, kinds, strict=True)]
    listed = [{"id": c.id, "scores": scores_to_dict(c.scores)} for c in given_]

    added = PerCluster.of(given_)
    read = _ClusterRows.of(json.loads(json.dumps(listed)), "made").result()
    tables = [added, read]
    if n and all(k == METRICS for k in kinds):
        scores = np.array([[list(rpf(c.scores[m])) for m in METRICS] for c in given_])
        tables.append(PerCluster(list(ids), scores, METRICS))
        assert np.array_equal(added.scores, scores) and added.array(METRICS).tobytes() == \
            scores.tobytes()
    for table in tables:
        assert table == given_ and list(table) == given_ and len(table) == n
        assert json.dumps(list(table.dicts())) == json.dumps(listed)
        assert table[1:4] == given_[1:4] and (not n or table[-1] == given_[-1])
        assert table.ids == ids
        for metrics in (("ROUGE-1",), ("ROUGE-2", "ROUGE-1")):
            if all(set(metrics) <= set(c.scores) for c in given_):
                want = [[list(rpf(c.scores[m])) for m in metrics] for c in given_]
                assert table.array(metrics).tolist() == want
                rows = list(range(n))[::-2]
                assert table.array(metrics, rows).tolist() == [want[r] for r in rows]
            else:
                with pytest.raises(KeyError):
                    table.array(metrics)
    if n:  # replaced in place, in a table made from an array or filled one by one
        for table in tables:
            k = data.draw(st.integers(0, n - 1))
            new = ClusterScores(ids[k], {m: data.draw(_score)
                                         for m in data.draw(_cluster_metrics) or METRICS})
            table.put(k, new.scores)
            assert table[k] == new and table == [*given_[:k], new, *given_[k + 1:]]
            added_row = table.add("extra", new.scores)
            assert added_row == n and table[n] == ClusterScores("extra", new.scores)


def test_a_report_written_read_and_written_again_is_the_same_bytes(tiny, jsonl_data,
                                                                    tmp_path):
    """report.json and report.md written by evaluate, read back (load_report: the table
    filled a cluster at a time) and written again: the same bytes; with a cluster whose
    metrics are not the others' too; and the report of the table made from a list."""
    out = tmp_path / "run"
    with pytest.warns(UserWarning, match="3 of 8 summaries are empty"):
        run = evaluate(jsonl_data, "test-some-empty", out=out, words=40,
                       dataset_options=JSONL, progress=False)
    folders = [out]
    odd = tmp_path / "odd"
    odd.mkdir()
    data = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    data["per_cluster"][4]["scores"] = {"ROUGE-2": {"r": 0.5, "p": 0.25, "f": 1 / 3}}
    write_json_atomic(odd / REPORT_FILE, data)
    write_atomic(odd / "report.md", report_markdown(load_report(odd)))
    folders.append(odd)
    for k, folder in enumerate(folders):
        loaded = load_report(folder)
        again = tmp_path / f"again{k}"
        again.mkdir()
        write_report(again, loaded)
        for name in (REPORT_FILE, "report.md"):
            assert (again / name).read_bytes() == (folder / name).read_bytes(), (folder, name)
        as_list = dataclasses.replace(loaded, per_cluster=list(loaded.per_cluster))
        assert json.dumps(as_list.to_dict()) == json.dumps(loaded.to_dict())
    assert report_markdown(load_report(out)) == report_markdown(run.report)


@pytest.mark.parametrize("summary, empty", [("", True), (" \n", True),
                                            ("\u200b\u200f\ufeff", True), ("a\u200b", False)])
def test_a_summary_of_invisible_characters_is_empty(summary, empty):
    # the run's "N of M summaries are empty" counts it as metrics.io.is_blank does (a
    # zero-width space, a direction mark: what the cleaning removes); strip() kept it
    result = ClusterResult(index=0, id="c0", summary=summary, summary_sentences=[summary],
                           summary_words=0, provenance=[], coverage=None, summary_settings={},
                           seconds=0.0, input_tokens=0, peak_rss_mb=0.0, gpu_peak_mb=None)
    assert result.figures().empty is empty
