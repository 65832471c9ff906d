"""Session 33's bad-input hunt: the five subcommands and the library given odd
encodings, special files, extreme numbers and Unicode edge cases. Each fix has a test
here that fails without it."""

from __future__ import annotations

import pytest

import summarizer
from summarizer.errors import UnknownMethodError

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


@pytest.mark.parametrize("method", ["", 0, False])
def test_summarize_with_a_method_that_is_no_name_is_refused_not_the_default(method):
    # get_summarizer("") and --method '' refuse it; summarize() ran the default instead
    with pytest.raises(UnknownMethodError, match="unknown method"):
        summarizer.summarize(_STORY, method, words=20)
