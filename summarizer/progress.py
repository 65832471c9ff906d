"""Progress bars for long stages: tqdm on stderr, shown once a stage passes 2 s.

Short inputs pay nothing: below ``min_items`` no bar is made and tqdm is not
even imported (it would cost start-up time). ``SUMMARIZER_PROGRESS=0`` turns
the bars off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
SHOW_AFTER_S = 2.0  # a stage shorter than this never shows a bar
MIN_ITEMS = 5000  # fewer items than this cannot take long enough to need one


def stage(items: Iterable[T], desc: str, total: int | None = None, unit: str = "it",
          min_items: int = MIN_ITEMS) -> Iterable[T]:
    """``items``, wrapped in a delayed tqdm bar when the stage is large."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if (total is not None and total < min_items) or os.environ.get(
            "SUMMARIZER_PROGRESS", "1").strip().lower() in ("0", "false", "no", "off"):
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, unit=unit, delay=SHOW_AFTER_S, leave=False,
                file=sys.stderr, dynamic_ncols=True)


def chunks_of(text_length: int, pieces: Iterator[tuple[int, int, int]], desc: str,
              min_chars: int = 1_000_000) -> Iterator[tuple[int, int, int]]:
    """(p, start, end) spans of a long text, with a bar in characters."""
    if text_length < min_chars:
        yield from pieces
        return
    bar = stage(range(0), desc, total=text_length, unit="char", min_items=min_chars)
    done = 0
    try:
        for piece in pieces:
            end = piece[2]
            if end > done and hasattr(bar, "update"):
                bar.update(end - done)  # type: ignore[union-attr]
                done = end
            yield piece
    finally:
        if hasattr(bar, "close"):
            bar.close()  # type: ignore[union-attr]
