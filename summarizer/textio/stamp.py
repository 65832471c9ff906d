"""Input files' identity, taken when a run fingerprints its input and checked before the
run is marked complete: a file overwritten in place while the run reads it gave results
from old and new content under the old fingerprint.

The identity is the file's size, modification and change times, device and inode, and a
hash of its content: whole for a file up to :data:`WHOLE_BYTES`, else of
:data:`SAMPLES` blocks spread over it (its first and last among them). The times alone
missed a rewrite to the same size within the file system's timestamp resolution (Linux
stamps files from a clock of a few milliseconds' steps), and so would a rewrite whose
modification time was put back (``os.utime``), but for its change time. A large file takes
longer than a clock step to rewrite, so its times change; its sampled blocks are checked
too, at a bounded cost (about ``WHOLE_BYTES`` read per file, twice a run)."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from summarizer.errors import InputChangedError, shortened
from summarizer.textio.read import read_at

WHOLE_BYTES = 1 << 20  # a file up to this size is hashed whole
SAMPLES = 16  # else this many blocks of it, evenly spread, first and last included
SAMPLE_BYTES = WHOLE_BYTES // SAMPLES

Identity = tuple[int, int, int, int, int, str]


def _content(fd: int, size: int) -> str:
    """A hash of the file's content (of ``size`` bytes, as stat saw it): whole, or sampled."""
    h = hashlib.sha256()
    if size <= WHOLE_BYTES:
        spans = [(0, size)]
    else:
        step = (size - SAMPLE_BYTES) / (SAMPLES - 1)
        spans = [(round(i * step), SAMPLE_BYTES) for i in range(SAMPLES)]
    for at, length in spans:
        while length > 0:
            block = read_at(fd, min(length, 1 << 20), at)
            if not block:  # shorter than stat said: changed, which the hash then shows
                break
            h.update(block)
            at, length = at + len(block), length - len(block)
    return h.hexdigest()


def _identity(path: str) -> Identity | None:
    try:
        st = os.stat(path)
    except OSError:  # gone (or unreadable) since: no identity, which differs from one
        return None
    digest = ""  # a FIFO or device is not read here (a read would wait, or never end)
    if stat.S_ISREG(st.st_mode):
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:  # unreadable: its stat alone, as the run will say it cannot read it
            pass
        else:
            try:
                digest = _content(fd, st.st_size)
            except OSError:
                digest = "unreadable"
            finally:
                os.close(fd)
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino, digest


class InputStamp:
    """The identity of each input file, as first seen; :meth:`check` compares it with
    now. Files added to a folder later are not looked for: a run reads those it listed."""

    def __init__(self) -> None:
        self._seen: dict[str, Identity | None] = {}

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
        if name not in self._seen:
            self._seen[name] = _identity(name)

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
                f"{shortened(name)}: changed during the run (its size, times, inode or "
                f"content is not what it was when the input was fingerprinted); the results "
                f"saved in {shortened(str(Path(out)))} may mix old and new content, so the run "
                "is not marked complete: run it again with a new output folder (out=, --out)")
