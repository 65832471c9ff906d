"""The seeded sample drawn without numpy.random is the one numpy.random draws."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.sampling import choice_without_replacement


@st.composite
def sizes(draw, most: int):
    n = draw(st.integers(0, most))
    return n, draw(st.integers(0, n))


@settings(max_examples=300, deadline=None)
@given(sizes(600), st.integers(0, 2**70))
def test_numpys_choice_for_any_seed_and_size(nk, seed):
    n, k = nk
    expected = np.random.default_rng(seed).choice(n, size=k, replace=False).tolist()
    assert choice_without_replacement(n, k, seed) == expected


@pytest.mark.parametrize(("n", "k"), [(10_001, 201), (20_000, 20_000), (30_000, 1),
                                      (10_001, 200), (50_000, 5_000)])
def test_numpys_choice_on_large_populations(n, k):
    """Above 10,000 items NumPy switches to a partial shuffle when the sample is large."""
    for seed in (0, 7):
        expected = np.random.default_rng(seed).choice(n, size=k, replace=False).tolist()
        assert choice_without_replacement(n, k, seed) == expected


def test_a_sample_is_distinct_items_and_bad_sizes_are_refused():
    out = choice_without_replacement(50, 50, 0)
    assert sorted(out) == list(range(50)) and out != list(range(50))  # shuffled
    assert choice_without_replacement(5, 0, 0) == []
    for n, k, seed in ((3, 4, 0), (3, -1, 0), (3, 1, -1)):
        with pytest.raises(ValueError):
            choice_without_replacement(n, k, seed)
