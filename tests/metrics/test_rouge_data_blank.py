"""SUMMARIZER_ROUGE_DATA of blanks only (a stray space in a .env or service file): -m and -s
said "... not found: looked in   ($SUMMARIZER_ROUGE_DATA)", the folder named unseen. Now
refused by name, as a blank SUMMARIZER_CACHE is; an empty one is unset, as before."""

from __future__ import annotations

import pytest
from helpers import run_cli

from summarizer.errors import OptionError
from summarizer.metrics import rouge

_BLANK = r"SUMMARIZER_ROUGE_DATA=.* is blank; set it to a folder's path, or unset it"


@pytest.mark.parametrize("blank", [" ", "\t", "  \n"])
def test_a_blank_rouge_data_folder_is_an_option_error(monkeypatch, blank):
    monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", blank)
    with pytest.raises(OptionError, match="^" + _BLANK):
        rouge(["The council met."], [["The council met on Monday."]], stem=True)
    # not read where no data file is needed
    assert rouge(["The council met."], [["The council met."]]).ids


def test_the_cli_names_the_blank_variable(monkeypatch, tmp_path):
    (tmp_path / "sys.txt").write_text("The council met.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", " ")
    code, _, err = run_cli(["rouge", str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt"), "-m"])
    assert code == 2 and "is blank" in err
    monkeypatch.setenv("SUMMARIZER_ROUGE_DATA", "")  # empty: unset, the package's data
    code, out, _ = run_cli(["rouge", str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt"), "-m"])
    assert code == 0 and "m:yes" in out
