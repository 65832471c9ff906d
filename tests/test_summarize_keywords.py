"""summarize()'s own keywords misspelt are named as such: word=5 was "method 'lead' has no
option 'word' (did you mean 'order'?)"."""

from __future__ import annotations

import pytest

import summarizer
from summarizer.errors import OptionError

TEXT = ["The river rose on Sunday. Families left their homes. Shelters opened."]


@pytest.mark.parametrize(("given", "meant"), [("word", "words"), ("langauge", "language"),
                                              ("trunacte", "truncate"), ("char", "chars")])
def test_a_misspelt_keyword_of_summarize_is_named(given, meant):
    with pytest.raises(OptionError, match=f"summarize\\(\\) has no keyword '{given}' "
                                          f"\\(did you mean '{meant}'\\?\\)"):
        summarizer.summarize(TEXT, "lead", **{given: 5})


def test_a_misspelt_option_of_the_method_is_still_the_methods():
    with pytest.raises(OptionError, match="method 'mmr' has no option 'lamb' "
                                          "\\(did you mean 'lam'\\?\\)"):
        summarizer.summarize(TEXT, "mmr", lamb=0.5)
    # an option close to a keyword that the method does take is the method's, as given
    assert summarizer.summarize(TEXT, "mmr", lam=0.5, words=10).method == "mmr"


def test_how_the_input_was_read_is_recorded(tmp_path):
    # clean, main_content and text_field change the text summarised, and were recorded
    # nowhere (summarize's settings, the CLI's JSON)
    import json

    from helpers import run_cli

    import summarizer

    texts = ["LONDON (Reuters) - The council met on Monday and voted to build a bridge.",
             "The bridge over the river will cost two million pounds, the mayor said."]
    kept = summarizer.summarize(texts, clean=False)
    assert kept.settings["input_options"] == {"clean": False, "main_content": True,
                                              "text_field": None}
    assert summarizer.summarize(texts).settings["input_options"]["clean"] is True
    cluster = summarizer.Cluster.from_texts(texts)
    assert "input_options" not in summarizer.summarize(cluster).settings  # read before
    path = tmp_path / "a.txt"
    path.write_text(texts[0] + "\n\n" + texts[1] + "\n")
    code, out, _ = run_cli(["summarize", str(path), "--format", "json", "--no-clean"], lines=None)
    record = json.loads(out)
    assert code == 0 and record["settings"]["input_options"]["clean"] is False
    assert record["package_version"] == summarizer.__version__ and record["code_fingerprint"]
