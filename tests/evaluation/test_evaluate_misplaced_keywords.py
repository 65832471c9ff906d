"""evaluate(limit=1), evaluate(stem=True): a data set or ROUGE option given as a keyword, as the
command line's --limit and --stem are given, is refused saying where it goes. It was "method
'lead' has no option 'limit'", the summariser's options listed and not DatasetOptions."""

from __future__ import annotations

import json

import pytest

from summarizer.errors import OptionError
from summarizer.evaluation import evaluate


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a",
                "documents": [
                    "The council met on Monday. It voted for the new barrier after a long debate."
                ],
                "references": ["The council voted for the barrier."],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("keyword", "where"),
    [
        (
            {"limit": 1},
            r"limit \(--limit\) is a data set option, not a keyword of evaluate\(\): "
            r"give dataset_options=DatasetOptions\(limit=\.\.\.\)$",
        ),
        ({"text_field": "body"}, r"DatasetOptions\(text_field=\.\.\.\)$"),
        (
            {"stem": True},
            r"stem \(--stem\) is a ROUGE option, .*: give rouge=make_settings\("
            r"stem=\.\.\.\)$",
        ),
        ({"mode": "rouge-score"}, r"give rouge_mode=\.\.\.$"),
    ],
)
def test_a_data_set_or_rouge_keyword_says_where_it_goes(tmp_path, data, keyword, where):
    with pytest.raises(OptionError, match=where):
        evaluate(data, "coverage", out=tmp_path / "run", progress=False, **keyword)
    assert not (tmp_path / "run").exists()


def test_a_methods_own_option_of_that_name_is_the_methods(tmp_path, data):
    # lead's mode and coverage's alpha are theirs, not ROUGE's
    run = evaluate(data, "lead", out=tmp_path / "run", progress=False, mode="newest")
    assert run.report.options == {"mode": "newest"}
    with pytest.raises(OptionError, match="has no option 'lamb'"):  # a typo: as before
        evaluate(data, "lead", out=tmp_path / "other", progress=False, lamb=1)


@pytest.mark.parametrize(
    ("keyword", "said"),
    [
        (
            {"clean": False},
            r"clean \(--no-clean\) is a keyword of summarize\(\) and summarize_dataset\(\), not "
            r"of evaluate\(\), which reads a data set's documents cleaned: .* clusters of a "
            r"loader called with clean=False \(summarizer\.documents\.load_jsonl\(path, "
            r"clean=False\), \.\.\.\)$",
        ),
        ({"batch_size": 8}, r"^batch_size \(--batch-size\) is a keyword of summarize_dataset"),
        ({"batch_tokens": 10}, r"^batch_tokens \(--batch-tokens\) is a keyword of summarize_"),
        (
            {"rows_per_shard": 3},
            r"^rows_per_shard is a keyword of summarize_dataset\(\), not of evaluate\(\), which "
            r"saves each cluster's result as it comes and sizes its own Ray packs$",
        ),
    ],
)
@pytest.mark.parametrize("method", ["lead", "coverage"])
def test_a_keyword_of_summarize_or_batch_says_whose_it_is(tmp_path, data, keyword, said, method):
    # it was "method 'lead' has no option 'clean'": the method named, not the call
    with pytest.raises(OptionError, match=said):
        evaluate(data, method, out=tmp_path / "run", progress=False, **keyword)
    assert not (tmp_path / "run").exists()


def test_clusters_loaded_with_clean_false_are_evaluated_as_they_are(tmp_path):
    # what the refusal of clean=False says to do instead: it does what it says
    from summarizer.documents import load_jsonl

    path = tmp_path / "data.jsonl"
    text = "WASHINGTON (AP) -- The council met on Monday. It voted for the barrier."
    path.write_text(json.dumps({"id": "a", "documents": [text],
                                "references": ["The council voted."]}) + "\n", encoding="utf-8")
    summaries = []
    for clean in (True, False):
        out = tmp_path / f"run-{clean}"
        evaluate(load_jsonl(path, clean=clean), "lead", out=out, words=10, progress=False)
        lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        summaries.append(json.loads(lines[0])["summary"])
    assert summaries[0].startswith("The council met")  # the dateline removed
    assert summaries[1].startswith("WASHINGTON (AP) -- The council met")
