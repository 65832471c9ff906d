"""Progress bars for long stages: tqdm on stderr, shown once a stage passes 2 s, where
stderr is a terminal (:func:`watched`). A bar asked for where stderr is a log (a file,
a pipe) writes a few whole lines there instead of redraws (:func:`log_lines`).

Short inputs pay nothing: below ``min_items`` no bar is made and tqdm is not
even imported (it would cost start-up time). ``SUMMARIZER_PROGRESS=0`` turns
every bar of the package off (:func:`shown` decides for each, through :func:`progress_bar`,
which makes every bar: the stages', the runs' of ``evaluate`` and ``batch``,
the data set's checking pass, faithfulness's, the rouge command's, generation's), as
``--no-progress`` does; it is read as every switch of the package
(:func:`~summarizer.runtime.env_flag`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
SHOW_AFTER_S = 2.0  # a stage shorter than this never shows a bar
MIN_ITEMS = 5000  # fewer items than this cannot take long enough to need one


def shown(asked: bool = True) -> bool:
    """Whether a progress bar is drawn: the one decision for every bar of the package.
    ``asked`` is the caller's (a command's ``--no-progress``, a function's ``progress=``);
    ``SUMMARIZER_PROGRESS=0`` turns every bar off whatever was asked."""
    if not asked:
        return False
    from summarizer.runtime import env_flag  # here: runtime imports numpy

    return env_flag("SUMMARIZER_PROGRESS", default=True)


def watched() -> bool:
    """Whether someone watches stderr (a terminal): where a bar no caller asked for (the
    stages', generation's and the rouge command's by default) is drawn. A file, a pipe or
    no stream at all is watched by no one."""
    try:
        return bool(sys.stderr and sys.stderr.isatty())
    except (AttributeError, ValueError):  # a stream without isatty, or closed
        return False


def progress_bar(items: Iterable[Any] | None = None, *, asked: bool = True,
                 **options: Any) -> Any:
    """A progress bar of the package, over ``items`` (None: one its caller updates): a
    tqdm (``tqdm.auto``'s, a widget in a notebook) on stderr, drawn where :func:`shown`
    says, ``asked`` being the caller's (a command's ``--no-progress``, a function's
    ``progress=``), else made disabled: iterated, updated and closed as a drawn one is,
    drawing nothing (``bar.disable`` tells). ``options`` are tqdm's (total, desc, unit,
    leave ...). Every bar is made here (:func:`stage`'s too), so each decides alike.
    Where stderr is a log (a file or a pipe, no notebook) it writes whole lines, a few
    (:func:`log_lines`), never a terminal's redraws."""
    from tqdm.auto import tqdm

    drawn = shown(asked)
    if drawn and "file" not in options and logged():
        if sys.stderr is None:  # no stream at all (pythonw): nothing to write to
            drawn = False
        else:
            return log_lines(items, **options)
    if not drawn:  # tqdm starts its monitor thread for any bar, one drawing nothing too
        return _quiet_bar()(items, disable=True, **{"file": sys.stderr, **options})
    return tqdm(items, **{"file": sys.stderr, **options})


@functools.lru_cache(maxsize=1)
def _quiet_bar() -> Any:
    """tqdm's own class, less its monitor thread (a daemon left running after a job that
    drew no bar): for the bars made disabled."""
    from tqdm import tqdm

    class QuietBar(tqdm):
        monitor_interval = 0

    return QuietBar


LOG_EVERY_S = 60.0  # a bar in a log writes a line at least this often while it moves
LOG_STEPS = 10  # and a kept bar of known total one at each tenth of it


def log_lines(items: Iterable[Any] | None = None, **options: Any) -> Any:
    """A tqdm that writes its state to stderr as whole lines, for a log: any bar a line
    as it starts (what runs: a round's chunks, the faithfulness check), one a minute
    while it moves, so that a long job's log shows it is alive, and one as it ends (unless
    its last line already said that count); a kept bar (``leave``, the default: a run's)
    also one at each tenth of a known total. The lines are bounded by the tenths and the
    minutes, never the items."""
    return _log_bar_class()(items, **options)


def logged() -> bool:
    """Whether stderr is a log (a file, a pipe): neither a terminal nor a notebook, where
    tqdm.auto draws widgets (a Jupyter kernel's stderr is no terminal)."""
    if watched():
        return False
    if "ipykernel" not in sys.modules:  # no kernel, no widget: tqdm not imported to ask
        return True
    from tqdm import autonotebook, std

    return autonotebook.tqdm is std.tqdm


@functools.cache
def _log_bar_class() -> type:
    from tqdm.std import tqdm

    class _Nowhere:
        """tqdm's own redraws, dropped: the lines are written by display()."""

        def write(self, text: str) -> None:
            pass

        def flush(self) -> None:
            pass

    class LogBar(tqdm):
        def __init__(self, *args: Any, **options: Any) -> None:
            self._log: Any = sys.stderr
            self._said_at, self._said_n = time.monotonic(), None
            self._step = -1
            self._ending = False
            options.pop("dynamic_ncols", None)  # stats only (ncols 0), no bar to fit
            super().__init__(*args, **{**options, "file": _Nowhere(), "ncols": 0})

        def display(self, msg: str | None = None, pos: int | None = None) -> bool:
            if msg is not None and self._said_n is None:  # cleared before it said anything
                return True
            kept = self.leave is not False or msg is not None  # msg: a transient bar's end
            step = (self.n * LOG_STEPS // self.total) if self.total else -1
            now = time.monotonic()
            if self._ending:
                due = kept and self.n != self._said_n  # not the last line again
            else:  # the first display says what started; then each minute, a kept bar's tenths
                due = (self._said_n is None or now - self._said_at >= LOG_EVERY_S
                       or kept and step > self._step)
            if due and self._log is not None:
                try:
                    self._log.write(f"{self}\n")
                    self._log.flush()
                except (OSError, ValueError):  # a full disk, a closed stream: as tqdm's
                    self._log = None  # own bar, the job goes on without its lines
                self._said_at, self._said_n, self._step = now, self.n, max(step, self._step)
            return True

        def close(self) -> None:
            self._ending = True
            super().close()

    return LogBar


def stage(items: Iterable[T], desc: str, total: int | None = None, unit: str = "it",
          min_items: int = MIN_ITEMS) -> Iterable[T]:
    """``items``, wrapped in a delayed tqdm bar when the stage is large and stderr a
    terminal (:func:`watched`)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if total is not None and total < min_items:
        return items
    # drawn as every bar is: on a terminal only (a log file got its refreshes), unless off
    if not shown(watched()):
        return items
    return progress_bar(items, desc=desc, total=total, unit=unit, delay=SHOW_AFTER_S,
                        leave=False, dynamic_ncols=True)


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
                bar.update(end - done)
                done = end
            yield piece
    finally:
        if hasattr(bar, "close"):
            bar.close()


_HF_BARS = "HF_DATASETS_DISABLE_PROGRESS_BARS"


@contextlib.contextmanager
def hidden() -> Iterator[None]:
    """No progress bar while it is open: the stages' (``SUMMARIZER_PROGRESS=0``) and the
    ``datasets`` library's ("Generating train split"), as ``--no-progress`` promises; the
    job's own bar is its caller's. For a command's run: the environment is the process's."""
    with _environ("SUMMARIZER_PROGRESS", "0"), libraries_quiet():
        yield


@contextlib.contextmanager
def libraries_quiet() -> Iterator[None]:
    """The ``datasets`` library's bars off while it is open: under ``--no-progress``
    (:func:`hidden`), and where stderr is a log (:func:`logged`), where they would redraw
    with carriage returns. The environment is the process's."""
    was_off = _datasets_bars(off=True)
    try:
        with _environ(_HF_BARS, "1"):  # read when datasets is imported
            yield
    finally:
        if was_off is False:  # on before: on again. Imported meanwhile, datasets took the
            _datasets_bars(off=False)  # variable as its setting, which nothing can turn on


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    """``os.environ[name]`` set to ``value`` while it is open, then as it was."""
    saved = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved


def _datasets_bars(off: bool) -> bool | None:
    """Turn the datasets library's bars off or on, if it is imported; whether they were off
    (None: not imported)."""
    if "datasets" not in sys.modules:
        return None
    from datasets.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    was = are_progress_bars_disabled()
    (disable_progress_bars if off else enable_progress_bars)()
    return was
