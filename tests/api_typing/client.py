"""A user's program, for a type checker only (tests/test_api.py runs mypy on it, never
Python): what the public names give must be the declared types, not ``Any`` (a lazily
imported name without its ``TYPE_CHECKING`` import reads as ``Any`` to mypy and pyright)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from typing_extensions import assert_type  # typing.assert_type is 3.11+; mypy brings it

import summarizer
from summarizer.batch import BatchReport, read_output, summarize_dataset
from summarizer.documents import Cluster, Document, load_cluster, to_cluster
from summarizer.errors import SummarizerError
from summarizer.evaluation import RunResult, compare_runs, evaluate
from summarizer.metrics import (
    PairedResult,
    RougeReport,
    RougeScorer,
    Score,
    paired_test,
    rouge,
    score_pair,
)
from summarizer.summarizers import Budget, Summarizer, Summary


def user_program(texts: list[str]) -> None:
    summary = summarizer.summarize(texts, words=100)
    assert_type(summary, Summary)
    assert_type(summarizer.summarize(Path("seeds"), "lexrank", bytes=665, truncate=True),
                Summary)
    assert_type(summarizer.summarize([Path("a.txt"), "b.txt"]), Summary)
    assert_type(summary.text, str)
    assert_type(summary.to_dict(), dict[str, Any])
    assert_type(summarizer.available_methods(), list[str])
    system = summarizer.get_summarizer("coverage")
    assert_type(system, Summarizer)
    cluster = to_cluster(texts)
    assert_type(cluster, Cluster)
    assert_type(load_cluster("seeds/"), Cluster)
    assert_type(system.summarize(Cluster([Document("A text.")]), Budget(words=50)), Summary)
    # a date is given as text or a datetime.date, and read back as its ISO text
    dated = Document("A text.", date=datetime.date(2004, 9, 1))
    dated.date = "2004-9-2"
    dated.date = datetime.datetime(2004, 9, 3, 12)
    assert_type(dated.date, str | None)

    report = rouge([summary.text], [["a reference"]])
    assert_type(report, RougeReport)
    assert_type(report.aggregate["ROUGE-1"].recall.average, float)
    assert_type(report.to_json(), str)
    assert_type(score_pair("a b", "a c"), dict[str, Score])
    assert_type(RougeScorer().score("a b", ["a c"]), dict[str, Score])
    column = report.column("ROUGE-1")  # an array: paired_test takes it as it is
    assert_type(paired_test(column, column), PairedResult)

    run = evaluate("duc2004", "lead", out="runs/lead")
    assert_type(run, RunResult)
    assert_type(summarize_dataset("in.jsonl", "out/"), BatchReport)
    compare_runs(["runs/a", "runs/b"])
    read_output("out/")
    try:
        summarizer.summarize(texts)
    except SummarizerError as exc:
        assert_type(exc.exit_code, int)
