"""A bad option or option value is refused before any input is read (README, "Command
line"): an 18 MB file took 2.3-2.7 s to read before "has no option 'foo'" (summarize())
or "lam (MMR's lambda) must be in [0, 1]" (both)."""

from __future__ import annotations

import re

import pytest
from helpers import run_cli

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
