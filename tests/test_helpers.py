"""tests/helpers.py's measures: a memory test that asserts a bound is only as good as them
(a peak read as 0 passes every bound)."""

from __future__ import annotations

import tracemalloc

import pytest
from helpers import traced_memory


def test_traced_memory_sees_what_the_block_allocates_and_keeps():
    with traced_memory() as kept:
        data = bytearray(4 << 20)
    with traced_memory() as freed:
        bytearray(4 << 20)
    assert len(data) == 4 << 20
    assert 4 << 20 <= kept.peak < 5 << 20 and 4 << 20 <= kept.held < 5 << 20, kept
    assert 4 << 20 <= freed.peak < 5 << 20 and freed.held < 1 << 16, freed
    assert not tracemalloc.is_tracing()


def test_traced_memory_stops_tracing_when_the_block_fails_and_does_not_nest():
    with pytest.raises(ValueError), traced_memory():
        raise ValueError
    assert not tracemalloc.is_tracing()
    with traced_memory(), pytest.raises(AssertionError, match="does not nest"):
        with traced_memory():
            pass
    assert not tracemalloc.is_tracing()
