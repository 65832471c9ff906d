"""Consecutive slices of items whose sizes add up to a bound: how long inputs are fed to
a tokenizer or an encoder a bounded piece at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def bounded_slices(sizes: Sequence[int], most: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of consecutive items whose ``sizes`` add up to at most ``most``,
    in order and covering every item; an item larger than ``most`` is a slice alone."""
    start = 0
    while start < len(sizes):
        stop, size = start + 1, sizes[start]
        while stop < len(sizes) and size + sizes[stop] <= most:
            size += sizes[stop]
            stop += 1
        yield start, stop
        start = stop
