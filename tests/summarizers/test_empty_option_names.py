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


@pytest.mark.parametrize("min_df", [0, 1_000_001, 2**62])
def test_occams_min_df_out_of_range_names_its_range(min_df):
    # 2**62 was refused as "min_df must be >= 1, got 4611686018427387904": the bound it
    # broke, 1,000,000, was not said
    with pytest.raises(OptionError, match=r"^min_df must be from 1 to 1,000,000 \(documents a "
                                          r"term occurs in\), got "):
        get_summarizer("occams", min_df=min_df)
    assert get_summarizer("occams", min_df=1_000_000).min_df == 1_000_000
