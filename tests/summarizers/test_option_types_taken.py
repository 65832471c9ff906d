"""option_types(name) lists the options get_summarizer(name, ...) takes, no more: lead listed
max_sentences (its frame's, which it refuses) and abstractive model_values (a field its
options fill in)."""

from __future__ import annotations

import pytest

from summarizer.summarizers import accepted_options, available_methods, option_types


@pytest.mark.parametrize("name", available_methods())
def test_types_are_of_the_options_taken(name):
    taken = accepted_options(name)
    assert taken is None or set(option_types(name)) == taken
