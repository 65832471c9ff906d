"""json's own limits (a number of more than 4,300 digits, nesting past the recursion limit) are
worded once, whichever reader meets them: a JSONL line of summarize, evaluate or batch,
run.json, report.json, an --option value. Python's wording named its internals
("... use sys.set_int_max_str_digits() to increase the limit", "maximum recursion depth
exceeded while decoding a JSON array from a unicode string") and differed per reader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import error_line, run_cli, write_jsonl

DIGITS = ("1" + "0" * 5000, "not valid JSON (a number of more digits than JSON reads (4,300)")
NESTING = ("[" * 100000 + "]" * 100000, "not valid JSON (nested too deep")


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory, seed_text: str) -> Path:
    root = tmp_path_factory.mktemp("limits")
    data = write_jsonl(root / "data.jsonl", [{"id": f"c{i}", "documents": [seed_text[i * 50:]],
                                              "references": ["Ministers met."]} for i in range(3)])
    code, _, err = run_cli(["evaluate", str(data), "--method", "lead", "--out", str(root / "run"),
                            "--no-progress"])
    assert code == 0, err
    return root


def _error(args: list[str]) -> str:
    code, _, err = run_cli(args)
    assert code != 0, args
    return error_line(err)


@pytest.mark.parametrize("value,wording", [DIGITS, NESTING], ids=["digits", "nesting"])
def test_every_reader_words_jsons_limits_alike(finished: Path, tmp_path: Path,
                                                value: str, wording: str) -> None:
    line = tmp_path / "line.jsonl"
    line.write_text('{"id": "x", "documents": ["A b."], "references": ["A."], "n": '
                    + value + "}\n", encoding="utf-8")
    run = tmp_path / "run"
    shutil.copytree(finished / "run", run)
    (run / "run.json").write_text('{"settings": ' + value + "}", encoding="utf-8")
    saved = tmp_path / "saved"  # a save_to_disk folder's own JSON (it was exit 70 nested)
    saved.mkdir()
    (saved / "dataset_dict.json").write_text('{"splits": ' + value + "}", encoding="utf-8")
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": ' + value + "}", encoding="utf-8")
    other = tmp_path / "other"
    shutil.copytree(finished / "run", other)
    (other / "report.json").write_text('{"settings": ' + value + "}", encoding="utf-8")
    messages = [
        _error(["summarize", str(line)]),
        _error(["evaluate", str(line), "--out", str(tmp_path / "e"), "--no-progress"]),
        _error(["evaluate", str(finished / "data.jsonl"), "--method", "lead",
                        "--out", str(run), "--no-progress"]),
        _error(["compare", str(finished / "run"), str(other), "--out",
                        str(tmp_path / "cmp"), "--no-plot"]),
        _error(["summarize", str(line), "--option", f"lam={value}"]),
        _error(["evaluate", f"hf:{saved}", "--out", str(tmp_path / "h"),
                        "--no-progress"]),
        _error(["summarize", str(line), "--method", "abstractive", "--model",
                        str(model)]),
    ]
    for message in messages:
        assert wording in message, message
        assert "sys.set_int_max_str_digits" not in message and "recursion" not in message
    code, _, err = run_cli(["batch", str(line), "--out", str(tmp_path / "b"), "--no-progress"],
                           lines=None)  # one warning per failed row
    assert code == 1 and wording in err, err
