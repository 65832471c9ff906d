"""The failing examples the fuzz tests found, minimised, one test each (with the fix's commit
subject in the docstring)."""

from __future__ import annotations

import pytest

from summarizer.cli import main
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer


@pytest.mark.parametrize("value", [0.5, 1, {"dateline": 1}, [1], ["dateline", None]])
def test_compress_of_another_type_is_named(value):
    """compress=0.5 was "bad option value: 'float' object is not iterable", naming neither
    the option nor what it takes; {"dateline": 1} was read as its keys."""
    with pytest.raises(OptionError, match=r"option 'compress' must be true, false, or rule names"):
        get_summarizer("lead", compress=value)


def test_compress_option_from_the_command_line(capsys, seed_text, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(seed_text, encoding="utf-8")
    assert main(["summarize", str(path), "--method", "centroid", "--option", "compress=0.5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "option 'compress' must be" in err and "iterable" not in err
