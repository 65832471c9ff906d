"""The seeded sample drawn without numpy.random: a pinned stream, and the one numpy.random draws."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.sampling import choice_without_replacement

# The stream this module copies, pinned (NumPy 2.x's default_rng(seed).choice): the
# summaries depend on these indices, whatever NumPy a user has installed.
PINNED = {  # (n, k, seed): (first 8, sum of all)
    (10, 3, 0): ([5, 9, 6], 20),
    (150, 30, 0): ([99, 105, 86, 146, 113, 38, 131, 66], 2269),
    (600, 120, 1234): ([184, 353, 94, 127, 322, 272, 188, 67], 38533),
    (20000, 5000, 7): ([12177, 3123, 9514, 5150, 15765, 18909, 5906, 7621], 50377620),
    (10001, 201, 0): ([9907, 8060, 3762, 8724, 3600, 9537, 5068, 1459], 1076201),
}


def _numpy_draws_the_pinned_stream() -> bool:
    return all(np.random.default_rng(s).choice(n, size=k, replace=False).tolist()[:8] == first
               for (n, k, s), (first, _) in PINNED.items())


# NumPy does not promise to keep Generator streams across releases: if a release changes
# it, comparing with it says nothing about this module (PINNED still checks it).
same_as_numpy = pytest.mark.skipif(not _numpy_draws_the_pinned_stream(),
                                   reason="this NumPy draws another Generator stream")


@pytest.mark.parametrize(("n", "k", "seed"), list(PINNED))
def test_the_pinned_stream(n, k, seed):
    out = choice_without_replacement(n, k, seed)
    first, total = PINNED[n, k, seed]
    assert out[:8] == first and sum(out) == total and len(set(out)) == k


@st.composite
def sizes(draw, most: int):
    n = draw(st.integers(0, most))
    return n, draw(st.integers(0, n))


@same_as_numpy
@settings(max_examples=300, deadline=None)
@given(sizes(600), st.integers(0, 2**70))
def test_numpys_choice_for_any_seed_and_size(nk, seed):
    n, k = nk
    expected = np.random.default_rng(seed).choice(n, size=k, replace=False).tolist()
    assert choice_without_replacement(n, k, seed) == expected


@same_as_numpy
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
