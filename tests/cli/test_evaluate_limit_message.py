"""evaluate --limit 0 is worded as evaluate(dataset_options=DatasetOptions(limit=0)) is: the
option's keyword, then its flag (README, Errors), an OptionError. The command said
"--limit must be positive", the flag alone, where every library message names both."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli, write_jsonl

from summarizer.errors import OptionError

ROW = {
    "id": "c1",
    "documents": ["One sentence here. Another one there."],
    "references": ["One sentence."],
}
SAID = "limit (--limit) must be positive, got 0"


def test_limit_0_is_named_by_keyword_and_flag(tmp_path) -> None:
    from summarizer.evaluation import DatasetOptions, evaluate

    data = write_jsonl(tmp_path / "ds.jsonl", [ROW, {**ROW, "id": "c2"}])
    code, _, err = run_cli(
        ["evaluate", str(data), "--method", "lead", "--limit", "0", "--out", str(tmp_path / "run")]
    )
    assert code == 2 and error_line(err) == f"summarizer: error: {SAID}"
    with pytest.raises(OptionError) as exc:  # the library's words for the same mistake
        evaluate(
            data,
            "lead",
            out=tmp_path / "run2",
            progress=False,
            dataset_options=DatasetOptions(limit=0),
        )
    assert str(exc.value) == SAID
    assert not (tmp_path / "run").exists()
