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
