"""Sizes in messages about bounds: never said as the bound when over it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarizer.textio.read import amount


def test_sizes_read_in_the_unit_that_fits():
    assert amount(512 * 2**20) == "512 MiB"
    assert amount(2**20 + 1) == "1025 KiB"
    assert amount(5000) == "5,000 bytes"


# Bounds as they are set: a number of bytes, KiB or MiB, each said exactly
_BOUNDS = st.one_of(
    st.integers(min_value=1, max_value=10 * 1024 - 1),
    st.integers(min_value=1, max_value=10 * 1024 - 1).map(lambda k: k * 1024),
    st.integers(min_value=1, max_value=2**20).map(lambda k: k * 2**20),
)


@given(_BOUNDS, st.integers(min_value=1, max_value=2**30))
def test_an_amount_over_a_bound_never_reads_as_the_bound(bound: int, over: int):
    # "a.jsonl: is 512 MiB; files over 512 MiB are refused" for a file a byte over
    assert amount(bound + over) != amount(bound)
