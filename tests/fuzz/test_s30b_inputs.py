"""Bad input found in session 30's second hunt: each is a typed error (from the CLI one
line and a non-zero exit), or a warning where the input is legal but surely a slip."""

from __future__ import annotations

import pytest
from helpers import run_cli, write_jsonl

from summarizer.documents import Cluster, Document
from summarizer.errors import InputError


@pytest.mark.parametrize("meta", [5, "source=x", ["a"], None])
def test_document_and_cluster_meta_must_be_a_mapping(meta) -> None:
    with pytest.raises(InputError, match="Document meta must be a dict, not"):
        Document("Some text.", meta=meta)
    with pytest.raises(InputError, match="Cluster meta must be a dict, not"):
        Cluster([Document("Some text.")], meta=meta)


def test_meta_mapping_is_kept_as_a_dict() -> None:
    from types import MappingProxyType

    doc = Document("Some text.", meta=MappingProxyType({"k": 1}))
    assert doc.meta == {"k": 1} and isinstance(doc.meta, dict)
    given = {"k": 2}
    assert Document("Some text.", meta=given).meta is given


NEWS = ("The council met on Monday to discuss the flood barrier. It approved the budget "
        "for the barrier after a long debate. Work starts in spring, officials said.")


@pytest.mark.parametrize("refs", [[], ["!!! ..."]])
def test_evaluate_names_the_cluster_without_references(tmp_path, refs) -> None:
    from summarizer.evaluation import evaluate

    clusters = [Cluster([Document(NEWS)], id="kept", references=["The council approved it."]),
                Cluster([Document(NEWS)], id="bare-7", references=refs)]
    # worded as a spec's cluster without one (ClusterChecks): count and id
    with pytest.raises(InputError, match=r"^clusters: 1 cluster\(s\) have no reference summary "
                                         r"with a word in it \(e\.g\. bare-7\); evaluation"):
        evaluate(clusters, "lead", out=tmp_path / "run", progress=False, words=10)
    assert not (tmp_path / "run" / "results.jsonl").exists()  # refused before any summary


@pytest.mark.parametrize("sampled", [False, True])
def test_only_the_clusters_limit_draws_need_references(sampled) -> None:
    # 9694d42 checked every cluster before limit= drew its subset: one outside the sample,
    # never scored, failed the run
    from summarizer.evaluation.datasets import (
        DatasetOptions,
        dataset_from_clusters,
        subset_positions,
    )

    options = DatasetOptions(limit=1)
    [drawn] = subset_positions(2, 1, options.seed) or []
    bare = drawn if sampled else 1 - drawn
    clusters = [Cluster([Document(NEWS)], references=[] if i == bare else ["It was approved."])
                for i in range(2)]
    if sampled:
        with pytest.raises(InputError, match=rf"have no reference summary with a word in it "
                                             rf"\(e\.g\. cluster{bare}\)"):
            dataset_from_clusters(clusters, options=options)
    else:
        assert dataset_from_clusters(clusters, options=options).ids == [f"cluster{drawn}"]


def test_scoring_error_names_the_cluster() -> None:
    from summarizer import summarize
    from summarizer.evaluation.run import cluster_result
    from summarizer.metrics import RougeScorer

    cluster = Cluster([Document(NEWS)], id="bare-8")
    summary = summarize(cluster, method="lead", words=10)
    with pytest.raises(InputError, match="cluster 'bare-8': no reference summary"):
        cluster_result(0, cluster, summary, 0.0, RougeScorer())


@pytest.mark.parametrize("budget", ["0w", "0b", "0s", "0c"])
def test_evaluate_refuses_a_bad_budget_before_reading_the_data(tmp_path, budget) -> None:
    # the data set is not there: its error would come first if it were read first
    code, _, err = run_cli(["evaluate", str(tmp_path / "absent.jsonl"), "--budget", budget,
                            "--no-progress"])
    assert code == 2 and "budget must be positive" in err and "not found" not in err, err


def test_library_evaluate_refuses_a_bad_budget_before_reading_the_data(tmp_path) -> None:
    from summarizer.errors import BudgetError
    from summarizer.evaluation import evaluate

    with pytest.raises(BudgetError, match="must be positive"):
        evaluate(str(tmp_path / "absent.jsonl"), "lead", words=0, out=tmp_path / "run")


@pytest.mark.parametrize("extra", [["--text-field", "text"], []])
def test_evaluate_refuses_references_from_the_documents_field(tmp_path, extra) -> None:

    data = write_jsonl(tmp_path / "d.jsonl",
                       [{"id": "a", "text": NEWS, "summary": "The council met."}])
    code, _, err = run_cli(["evaluate", str(data), "--summary-field", "text", *extra,
                            "--no-progress", "--out", str(tmp_path / "run")])
    assert code == 2 and "name one field, 'text'" in err, err
    assert not (tmp_path / "run").exists()


def test_load_dataset_refuses_references_from_the_documents_field(tmp_path) -> None:

    from summarizer.errors import OptionError
    from summarizer.evaluation import load_dataset

    data = write_jsonl(tmp_path / "d.jsonl",
                       [{"id": "a", "body": NEWS, "summary": "The council met."}])
    with pytest.raises(OptionError, match="name one field, 'body'"):
        load_dataset(data, text_field="body", summary_field="body")


def _table_rows_keep_their_cells(md: str) -> None:
    """Every table row has its header's number of cells (an unescaped "|" adds one)."""
    import re

    cells = None
    for line in md.splitlines():
        if not line.startswith("|"):
            cells = None
            continue
        n = len(re.findall(r"(?<!\\)\|", line))
        cells = n if cells is None else cells
        assert n == cells, line


def test_report_markdown_escapes_the_data_set_name(tmp_path) -> None:
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.datasets import dataset_from_clusters
    from summarizer.evaluation.report import report_markdown

    clusters = [Cluster([Document(NEWS)], id="a|b", references=["The council approved it."])]
    data = dataset_from_clusters(clusters, name="news|wire\nsecond line")
    md = report_markdown(evaluate(data, "lead", out=tmp_path / "run", words=10).report)
    title = md.splitlines()[0]
    assert title == "# Evaluation: lead on news\\|wire second line", title
    assert "`news\\|wire second line`" in md
    _table_rows_keep_their_cells(md)


def test_rouge_compare_of_a_system_with_itself_is_said(tmp_path, monkeypatch) -> None:
    sys_dir, ref_dir = tmp_path / "sys", tmp_path / "refs"
    for d in (sys_dir, ref_dir):
        d.mkdir()
    (sys_dir / "M000").write_text("The police killed the gunman.\n")
    (ref_dir / "M000.A.250").write_text("Police shot the gunman dead.\n")
    monkeypatch.chdir(tmp_path)
    base = ["rouge", "sys", "refs", "--mode", "rouge-score", "-r", "20", "--compare"]
    code, _, err = run_cli([*base, str(sys_dir)])  # one folder, named otherwise
    assert code == 0
    assert err.strip() == (f"summarizer: warning: sys and {sys_dir} are the same system: it "
                           "is compared with itself"), err
    other = tmp_path / "other"
    other.mkdir()
    (other / "M000").write_text("The police killed the gunman.\n")  # same text, other system
    code, _, err = run_cli([*base, "other"])
    assert code == 0 and "warning" not in err, err
