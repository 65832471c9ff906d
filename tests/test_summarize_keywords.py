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
