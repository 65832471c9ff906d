"""A summariser option that names something, given as "", is refused: encoder="" ran the
packaged encoder as if none were named (a --option encoder=$ENC with ENC unset), and
compress="" said it named 'unknown rule(s) []'."""

from __future__ import annotations

import pytest

import summarizer
from summarizer.errors import OptionError
from summarizer.summarizers import get_summarizer

STORY = ("The river burst its banks on Sunday. Hundreds of families left their homes. "
         "Soldiers helped them all night.")


@pytest.mark.parametrize("method", ["centroid", "coverage", "mmr"])
def test_an_empty_encoder_is_refused(method):
    with pytest.raises(OptionError, match=r"^encoder is empty: name a model or folder, or give "
                                          r"None for the packaged one$"):
        get_summarizer(method, encoder="")
    default = summarizer.summarize(STORY, method, words=20)
    assert summarizer.summarize(STORY, method, words=20, encoder=None).text == default.text


@pytest.mark.parametrize("value", ["", ",", []])
def test_compress_naming_no_rule_says_so(value):
    with pytest.raises(OptionError) as caught:
        get_summarizer("lead", compress=value)
    assert str(caught.value).startswith("option 'compress' names no rule (")
    assert "use True, False or some of dateline" in str(caught.value)
    with pytest.raises(OptionError, match=r"names unknown rule\(s\) \['datelin'\]"):
        get_summarizer("lead", compress="datelin")
