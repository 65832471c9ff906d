"""A refused option value names the option by its keyword (README, Errors: "a message names
an option by its keyword"): mmr's lam=2 said "MMR lambda must be in [0, 1]" and
compress="zzz" "unknown compression rule(s)", neither the word a caller typed."""

from __future__ import annotations

import re

import pytest

import summarizer
from summarizer.errors import OptionError, SummarizerError
from summarizer.summarizers import get_summarizer, option_types

BAD_VALUES = (-5, 2, 10**9, -0.5, 1.5, 1e9, 0, "zzz")


@pytest.mark.parametrize("method", summarizer.available_methods())
def test_a_refused_value_names_its_option(method):
    unnamed = []
    for key in option_types(method):
        if key == "options":
            continue
        for value in BAD_VALUES:
            try:
                get_summarizer(method, **{key: value})
            except SummarizerError as exc:  # a model name's error names the model
                if isinstance(exc, OptionError) and not re.search(
                    rf"(?<!\w){re.escape(key)}(?!\w)", str(exc)
                ):
                    unnamed.append((key, value, str(exc)))
    assert not unnamed, unnamed
