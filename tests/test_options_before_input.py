"""A bad option or option value is refused before any input is read (README, "Command
line"): an 18 MB file took 2.3-2.7 s to read before "has no option 'foo'" (summarize())
or "lam (MMR's lambda) must be in [0, 1]" (both)."""

from __future__ import annotations

import re

import pytest
from helpers import error_line, run_cli

import summarizer
from summarizer.errors import SummarizerError


def _no_reading(*args, **kwargs):
    raise AssertionError("the input was read before the options were checked")


@pytest.mark.parametrize("method, options, message", [
    (None, {"foo": 1}, "has no option 'foo'"),
    ("mmr", {"lam": 7}, "lam (MMR's lambda) must be in [0, 1]"),
    ("abstractive", {"strategy": "bogus"}, "unknown strategy 'bogus'"),
    ("abstractive", {"num_beams": -3}, "num_beams must be at least 1"),
])
def test_summarize_checks_options_before_reading(method, options, message, monkeypatch):
    monkeypatch.setattr("summarizer.documents.loaders.to_cluster", _no_reading)
    with pytest.raises(SummarizerError, match=re.escape(message)):
        summarizer.summarize("any text at all", method, **options)


@pytest.mark.parametrize("args, message", [
    (["--option", "foo=1"], "has no option 'foo'"),
    (["--method", "mmr", "--option", "lam=7"], "lam (MMR's lambda) must be in [0, 1]"),
    (["--method", "abstractive", "--strategy", "bogus"], "unknown strategy 'bogus'"),
])
def test_the_cli_checks_options_before_reading(args, message, monkeypatch, tmp_path):
    monkeypatch.setattr("summarizer.documents.loaders.load_cluster", _no_reading)
    (tmp_path / "a.txt").write_text("One sentence here. Another one there.", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(tmp_path / "a.txt"), *args])
    assert code == 2 and message in err


@pytest.mark.parametrize("method, options, message", [
    ("coverage", {"diversity_wieght": 3}, "has no option 'diversity_wieght'"),
    ("lexrnk", {}, "unknown method 'lexrnk'"),
])
def test_summarize_dataset_checks_the_method_before_reading(method, options, message,
                                                            tmp_path):
    # the input was opened first: a missing file (or a hub data set, a download) hid the typo
    from summarizer.batch import summarize_dataset

    with pytest.raises(SummarizerError, match=message):
        summarize_dataset(tmp_path / "missing.jsonl", tmp_path / "out", method, **options)


# A value of another type than the option declares: compress (bool | str | list[str] | None)
# was the one type check_options left out, so compress=1 was refused only when the
# summariser was made (evaluate: after the data set was read) and worded apart from the
# other options' "must be <type>".
_WRONG = "option 'compress' must be bool or str or a list of str or null, not "


@pytest.mark.parametrize("value, shown", [
    (1, "1"), (0, "0"), (0.5, "0.5"), (["dateline", 2], "['dateline', 2]"),
    ({"dateline": True}, "{'dateline': True}"), ([True], "[True]"),
])
def test_check_options_refuses_compress_of_another_type(value, shown):
    from summarizer.errors import OptionError
    from summarizer.summarizers import available_methods, check_options

    for method in available_methods():
        if method == "abstractive":  # (no compress)
            continue
        with pytest.raises(OptionError, match=re.escape(f"method '{method}': {_WRONG}{shown}")):
            check_options(method, {"compress": value})


def test_check_options_takes_every_compress_value_the_summariser_takes():
    from summarizer.summarizers import check_options, get_summarizer

    for value in (True, False, None, "dateline", "dateline, connective", ["attribution"],
                  ("parenthetical", "dateline")):
        check_options("lead", {"compress": value})
        get_summarizer("lead", compress=value)


def test_summarize_refuses_compress_of_another_type_before_reading(monkeypatch):
    monkeypatch.setattr("summarizer.documents.loaders.to_cluster", _no_reading)
    with pytest.raises(SummarizerError, match=re.escape(f"{_WRONG}1")):
        summarizer.summarize("any text at all", "lead", compress=1)


@pytest.mark.parametrize("command", ["summarize", "evaluate", "batch"])
def test_the_commands_refuse_compress_of_another_type_before_reading(command, tmp_path):
    # a missing input: its "not found" was said first by evaluate (the option was refused
    # only once the data set was read and the summariser made)
    args = {"summarize": ["summarize", str(tmp_path / "missing.txt")],
            "evaluate": ["evaluate", str(tmp_path / "missing.jsonl")],
            "batch": ["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out")]}
    code, _, err = run_cli([*args[command], "--option", "compress=1"])
    assert code == 2 and error_line(err).endswith(f"method 'coverage': {_WRONG}1"), err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("call", ["evaluate", "summarize_dataset"])
def test_the_jobs_refuse_compress_of_another_type_before_reading(call, tmp_path):
    from summarizer.batch import summarize_dataset
    from summarizer.evaluation.run import evaluate

    with pytest.raises(SummarizerError, match=re.escape(f"{_WRONG}[1]")):
        if call == "evaluate":
            evaluate(tmp_path / "missing.jsonl", "centroid", compress=[1])
        else:
            summarize_dataset(tmp_path / "missing.jsonl", tmp_path / "out", "centroid",
                              compress=[1])
    assert not (tmp_path / "out").exists()
