"""Input files' identity (size, modification time, inode), taken when a run fingerprints
its input and checked before the run is marked complete: a file overwritten in place
while the run reads it gave results from old and new content under the old fingerprint.

Cheap on purpose: a stat per file, no second hash of the data."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from summarizer.errors import InputChangedError, shortened


def _identity(path: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:  # gone (or unreadable) since: no identity, which differs from one
        return None
    return st.st_size, st.st_mtime_ns, st.st_dev, st.st_ino


class InputStamp:
    """The identity of each input file, as first seen; :meth:`check` compares it with
    now. Files added to a folder later are not looked for: a run reads those it listed."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int, int, int] | None] = {}

    def add(self, path: str | os.PathLike) -> None:
        """Stamp ``path`` (before it is read: a write during the read then shows); a folder
        stamps every file below it."""
        name = os.fspath(path)
        if os.path.isdir(name):
            for top, dirs, files in os.walk(name):
                dirs.sort()
                for f in sorted(files):
                    self.add(os.path.join(top, f))
            return
        self._seen.setdefault(name, _identity(name))

    def add_all(self, paths: Iterable[str | os.PathLike]) -> None:
        for path in paths:
            self.add(path)

    def changed(self) -> str | None:
        """The first stamped file whose identity is not what it was, or None."""
        return next((name for name, was in self._seen.items() if _identity(name) != was),
                    None)

    def check(self, out: str | os.PathLike) -> None:
        """Raise :class:`InputChangedError` where a stamped file changed: the results saved
        in ``out`` may mix its old and new content, and the run is not to be marked
        complete (its caller raises this before it does)."""
        name = self.changed()
        if name is not None:
            raise InputChangedError(
                f"{shortened(name)}: changed during the run (its size, time or inode is not what it "
                f"was when the input was fingerprinted); the results saved in {shortened(str(Path(out)))} "
                "may mix old and new content, so the run is not marked complete: run it "
                "again with a new output folder (out=, --out)")
