"""The failing examples the fuzz tests found, minimised, one test each (with the fix's commit
subject in the docstring)."""

from __future__ import annotations

import re

import pytest
from fuzz_text import replaced
from helpers import run_cli

from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer


@pytest.mark.parametrize("value", [0.5, 1, {"dateline": 1}, [1], ["dateline", None]])
def test_compress_of_another_type_is_named(value):
    """compress=0.5 was "bad option value: 'float' object is not iterable", naming neither
    the option nor what it takes; {"dateline": 1} was read as its keys. (Since check_options
    checks compress's type, in the words of every option's type.)"""
    with pytest.raises(OptionError, match=r"^method 'lead': option 'compress' must be bool or "
                                          r"str or a list of str or null, not "):
        get_summarizer("lead", compress=value)


@pytest.mark.parametrize("method, key, value, said", [
    ("coverage", "background", [1, 2], "'background' must be 'idf' or 'stopwords' or "
     "'idf-stopwords' or 'signature' or null, not array([1, 2])"),
    ("occams", "lsa_rank", [0, 1], "'lsa_rank' must be 'budget' or int (64-bit) or a finite "
     "number, not array([0, 1])"),
    ("coverage", "background", True, "'background' must be 'idf' or"),
])
def test_a_literal_option_given_an_array_is_named(method, key, value, said):
    """An array for a Literal option (background, lsa_rank) was compared with each allowed
    value: NumPy's elementwise == gave an array, and its truth a raw ValueError ("The truth
    value of an array ... is ambiguous") from check_options."""
    import numpy as np

    from summarizer.summarizers import check_options

    given = np.array(value) if isinstance(value, list) else value
    with pytest.raises(OptionError, match=re.escape(said)):
        check_options(method, {key: given})


def test_compress_option_from_the_command_line(seed_text, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(seed_text, encoding="utf-8")
    code, _, err = run_cli(["summarize", str(path), "--method", "centroid", "--option",
                            "compress=0.5"])
    assert code == 2 and err.count("\n") == 1 and "option 'compress' must be" in err
    assert "iterable" not in err


def _summary_record() -> dict:
    from summarizer.documents.model import Cluster
    from summarizer.summarizers.budget import Budget

    cluster = Cluster.from_texts(["The council met on Monday. It approved the budget."])
    return get_summarizer("lead").summarize(cluster, Budget(words=20)).to_dict()


@pytest.mark.parametrize("path, value", [
    (("sentences", 0, "text"), None),  # .text then failed: 'NoneType' is not subscriptable
    (("sentences", 0, "start"), "0"),
    (("sentences", 0, "sources"), {}),  # read as []
    (("sentences", 0, "sources"), "ab"),  # read as [("a",), ("b",)]
    (("sentences", 0, "edits"), "x"),
    (("sentences",), {}),  # read as no sentence
])
def test_summary_record_with_a_damaged_field_is_refused(path, value):
    from summarizer.errors import InputError
    from summarizer.summarizers.base import Summary

    record = replaced(_summary_record(), path, value)
    with pytest.raises(InputError, match=r"not a summary's to_dict\(\)"):
        Summary.from_dict(record)
    assert Summary.from_dict(_summary_record()).to_dict() == _summary_record()


@pytest.mark.parametrize("record, said", [
    (None, "a NoneType, not a dict"),  # "TypeError: 'NoneType' object is not subscriptable"
    ("{}", "a str, not a dict"),  # "TypeError: string indices must be integers ..."
    ({}, "it has no 'sentences', 'method', 'budget'"),  # "KeyError: 'sentences'"
    ({"sentences": [], "method": "lead"}, "it has no 'budget'"),
])
def test_a_summary_record_that_is_none_says_what_it_is_or_lacks(record, said):
    from summarizer.errors import InputError
    from summarizer.summarizers.base import Summary

    with pytest.raises(InputError) as caught:
        Summary.from_dict(record)
    assert str(caught.value) == f"not a summary's to_dict(): {said}"


@pytest.mark.parametrize("field, value", [
    ("eval_order", False),  # to_dict then failed: "can only join an iterable"
    ("eval_order", [1, 2]),
    ("recall", None),  # read as NaN
    ("recall", "0.5"),  # read as 0.5
    ("recall", 7),  # not a score
    ("per_summary", {}),  # read as no summary
    # the aggregates went into Interval as they were: a table then failed on "0.5" or None,
    # NaN went out as JSON's NaN, 7 printed as 7.00000, a metric left out failed in
    # format_perl (KeyError), a cell without its average failed as a TypeError
    ("average", "0.5"), ("average", None), ("average", float("nan")), ("average", 7.0),
    ("average", True), ("aggregate", "drop ROUGE-2"), ("aggregate", "drop average"),
    ("aggregate", []),
])
def test_report_record_with_a_damaged_field_is_refused(field, value):
    from summarizer.errors import InputError
    from summarizer.metrics import rouge
    from summarizer.metrics.report import RougeReport

    record = rouge(["The council approved the budget."], [["The council approved it."]],
                   resamples=10).to_dict(per_summary=True)
    assert RougeReport.from_dict(record).to_dict(per_summary=True) == record
    if field == "recall":
        record["per_summary"][0]["scores"]["ROUGE-1"]["recall"] = value
    elif field == "average":
        record["aggregate"]["ROUGE-1"]["recall"]["average"] = value
    elif value == "drop ROUGE-2":
        del record["aggregate"]["ROUGE-2"]
    elif value == "drop average":
        del record["aggregate"]["ROUGE-1"]["recall"]["average"]
    else:
        record[field] = value
    with pytest.raises(InputError, match=r"not a ROUGE report's to_dict\(\)"):
        RougeReport.from_dict(record)


@pytest.mark.parametrize("method", ["centroid", "lexrank", "textrank", "mmr"])
def test_compressed_sentences_keep_their_edits_in_a_pruned_pool(method):
    """compress=True with max_sentences below the pool's size: the pruned pool was a new one
    without the edits, so 'The barrier will cost $5 million.' came with start:end over the
    whole source sentence '... (about 4 million euros).' and no edit to say what was cut."""
    from summarizer.documents.model import Cluster, Document
    from summarizer.summarizers.budget import Budget
    from summarizer.summarizers.compress import apply_edits

    cluster = Cluster([Document(t) for t in (
        "The council met on Monday. It approved the budget for the flood barrier. Work starts "
        "in spring, officials said.", "However, residents welcomed the plan. The barrier will "
        "cost $5 million (about 4 million euros). The council met again on Tuesday.")])
    summary = get_summarizer(method, compress=True, max_sentences=4).summarize(
        cluster, Budget(sentences=3))
    texts = {d.id: d.text for d in cluster.documents}
    assert any(s.edits for s in summary.sentences)
    for s in summary.sentences:
        assert apply_edits(texts[s.doc_id], s.start, s.end, s.edits) == s.text
