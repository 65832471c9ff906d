"""method=None is the default method (summarizers.DEFAULT_METHOD) wherever a method is
taken, as summarize(data, None) reads it; evaluate(data, None), plan_run(data, None) and
summarize_dataset(input, out, None) refused it as "unknown method None"."""

from __future__ import annotations

import json

import summarizer
from summarizer.summarizers import DEFAULT_METHOD

_TEXT = (
    "The council approved the new budget on Monday. The mayor said taxes would not rise. "
    "Opposition members criticised the plan and promised to vote against it next year."
)


def _data(tmp_path):
    path = tmp_path / "data.jsonl"
    row = {"id": "c1", "documents": [_TEXT], "references": ["The council approved the budget."]}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_evaluate_reads_none_as_the_default_method(tmp_path):
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.run import plan_run

    data = _data(tmp_path)
    assert plan_run(data, None, out=tmp_path / "plan", words=10).settings.method == DEFAULT_METHOD
    given = evaluate(data, None, out=tmp_path / "none", words=10, progress=False)
    default = evaluate(data, out=tmp_path / "default", words=10, progress=False)
    assert given.report.system == default.report.system == DEFAULT_METHOD
    assert given.report.system_settings == default.report.system_settings
    assert given.report.to_dict()["scores"] == default.report.to_dict()["scores"]


def test_summarize_dataset_reads_none_as_the_default_method(tmp_path):
    from summarizer.batch import read_output, summarize_dataset

    data = _data(tmp_path)
    summarize_dataset(data, tmp_path / "none", None, words=10, progress=False)
    summarize_dataset(data, tmp_path / "default", words=10, progress=False)
    rows = [read_output(tmp_path / name) for name in ("none", "default")]
    expected = summarizer.summarize([_TEXT], None, words=10).text
    assert [r["summary"] for r in rows[0]] == [r["summary"] for r in rows[1]] == [expected]


def test_get_summarizer_reads_none_as_the_default_method():
    # it said "unknown method None" where summarize(), evaluate() and batch take None
    import pytest

    from summarizer.errors import UnknownMethodError
    from summarizer.summarizers import get_summarizer
    from summarizer.summarizers.budget import Budget

    cluster = summarizer.documents.to_cluster([_TEXT])
    given = get_summarizer(None).summarize(cluster, Budget(words=10))
    default = get_summarizer(DEFAULT_METHOD).summarize(cluster, Budget(words=10))
    assert given.text == default.text and given.settings == default.settings
    assert given.method == DEFAULT_METHOD
    assert type(get_summarizer(None, diversity_weight=0)) is type(get_summarizer())
    for name in ("", 0, False):  # only None is the default
        with pytest.raises(UnknownMethodError, match="unknown method"):
            get_summarizer(name)
