"""Sizes in messages about bounds: said exactly, so never said as the bound when over it."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from summarizer.textio.read import amount

_UNITS = {"GiB": 2**30, "MiB": 2**20, "KiB": 1024, "bytes": 1}


def _bytes_said(text: str) -> int:
    number, unit = re.fullmatch(r"([\d,]+) (GiB|MiB|KiB|bytes)", text).groups()
    return int(number.replace(",", "")) * _UNITS[unit]


def test_sizes_read_in_the_unit_that_fits():
    assert amount(512 * 2**20) == "512 MiB"
    assert amount(3 * 1024) == "3 KiB"
    assert amount(5000) == "5,000 bytes"


def test_whole_gib_read_in_gib():
    # the 6 GiB bound of one generate call read "6144 MiB"; a GiB and a MiB stays in MiB
    assert amount(6 * 2**30) == "6 GiB"
    assert amount(24 * 2**30) == "24 GiB"
    assert amount(2**30 + 2**20) == "1025 MiB"
    assert amount(2**30 + 1) == "1,073,741,825 bytes"


def test_a_bound_that_is_no_whole_kib_or_mib_is_said_in_bytes():
    # a bound set as 1,500,000 read "1465 KiB" (rounded up): not the bound the user set
    assert amount(1_500_000) == "1,500,000 bytes"
    assert amount(2**20 + 1) == "1,048,577 bytes"
    assert amount(600 * 2**20 + 1) == "629,145,601 bytes"


@given(st.integers(min_value=0, max_value=2**40))
def test_an_amount_is_said_exactly(n: int):
    assert _bytes_said(amount(n)) == n


# Bounds as they are set: a number of bytes, KiB, MiB or GiB, each said exactly
_BOUNDS = st.one_of(
    st.integers(min_value=1, max_value=10 * 1024 - 1),
    st.integers(min_value=1, max_value=10 * 1024 - 1).map(lambda k: k * 1024),
    st.integers(min_value=1, max_value=2**20).map(lambda k: k * 2**20),
    st.integers(min_value=1, max_value=2**10).map(lambda k: k * 2**30),
)


@given(_BOUNDS, st.integers(min_value=1, max_value=2**30))
def test_an_amount_over_a_bound_never_reads_as_the_bound(bound: int, over: int):
    # "a.jsonl: is 512 MiB; files over 512 MiB are refused" for a file a byte over
    assert amount(bound + over) != amount(bound)
