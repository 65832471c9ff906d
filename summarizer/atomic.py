"""Writing files so that nobody sees half of one, and nothing outside the target is touched.

Every file the package writes goes through :func:`write_atomic` (or :class:`AtomicLines`, for
a file written line by line as a job runs): the bytes go to a temporary
file created exclusively (``O_EXCL``, a unique name, in the target's own folder, so no planted
file or symlink can be written through), are flushed to disk, then renamed over the target.
A rename replaces a symlink at the target itself, never the file it points to. The
temporary file's name carries the package's mark (:func:`temporary_target`), so that what
a killed writer left is known from a user's file of a like name.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX only


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()
# the mode a plain ``open(path, "w")`` gives a new file (0o666 less the umask): mkstemp's
# private 0o600 would leave reports unreadable to the user's group and tools
_MODE = 0o666 & ~_UMASK


def _mode_of(path: Path) -> int:
    """The mode for a new file at ``path``: the regular file's there now (a report.json
    made private was made world-readable by the next run), else a plain open's."""
    try:
        st = os.stat(path)
    except OSError:
        return _MODE
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else _MODE

# ".{target}.summarizer-{pid}-{random}.tmp": the mark and the writer's pid make it the
# package's; a user's ".report.md.old.tmp" is not taken for one (and removed)
_MARK = "summarizer"
_TEMPORARY = re.compile(rf"\.(.+)\.{_MARK}-[0-9]+-[^.]+\.tmp", re.DOTALL)


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file for ``path`` in its folder, created exclusively (mkstemp), with
    the mode a plain open gives: its descriptor and name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{_MARK}-{os.getpid()}-", suffix=".tmp",
                               dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # a file replaced keeps its mode (a private report stays so)
            os.fchmod(fd, _mode_of(path))
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return fd, tmp


@contextmanager
def naming(path: str | Path) -> Iterator[None]:
    """An OSError inside without a file name gets ``path``'s: a full disk said only "[Errno
    28] No space left on device", not which file of which folder could not be written."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _remove(name: str | Path) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def _replace(tmp: str, path: Path) -> None:
    """``tmp`` renamed over ``path``; an error is named by the target, not by ``tmp``."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


# What a file's content is given as: its bytes, its text (written as UTF-8) or a function
# that writes it (json_content's, which encodes as it writes)
Content = bytes | str | Callable[[BinaryIO], None]


def _stage(path: Path, content: Content) -> str:
    """``content`` in a new temporary file for ``path``, flushed to disk: its name. On an
    error (a full disk, an interrupt) the temporary file is removed and nothing else moved."""
    fd, tmp = _temporary(path)
    try:
        with naming(path):
            with os.fdopen(fd, "wb") as fh:
                if callable(content):
                    content(fh)
                else:
                    fh.write(content.encode("utf-8") if isinstance(content, str) else content)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C and the command's SIGTERM (and SIGHUP) held back while the block saves finished work: a
    second Ctrl-C, pressed as the first one's save ran, cut the save short and the finished
    work was lost, and a SIGTERM (``kill``, a scheduler) as a run's report was written left a
    new report.json beside an old or no report.md. One that comes is raised when the block
    ends (Terminated before KeyboardInterrupt), unless an error is on its way out already.
    Only on the main thread, and only Python's own SIGINT handler and the command line's
    SIGTERM one (:func:`~summarizer.errors.raise_terminated`): an embedding application's
    handlers are left alone. A second SIGTERM, once the first one's was raised, still ends
    the process at once (the command line's handler restores the default)."""
    import signal
    import threading

    from summarizer.errors import raise_terminated, terminating_signals

    ours: dict[int, Any] = {signal.SIGINT: signal.default_int_handler}
    ours.update(dict.fromkeys(terminating_signals(), raise_terminated))
    held = [s for s, handler in ours.items() if signal.getsignal(s) is handler]
    if threading.current_thread() is not threading.main_thread() or not held:
        yield
        return
    came: list[int] = []
    for s in held:
        signal.signal(s, lambda signum, frame: came.append(signum))
    try:
        yield
    finally:
        for s in held:
            signal.signal(s, ours[s])
    ended = next((s for s in came if s != signal.SIGINT), None)  # SIGTERM or SIGHUP
    if ended is not None:
        raise_terminated(ended, None)
    if came:
        raise KeyboardInterrupt


def write_atomic(path: str | Path, data: Content) -> Path:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one rename."""
    path = Path(path)
    tmp = _stage(path, data)
    try:
        _replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    return path


def write_together(files: Sequence[tuple[str | Path, Content]]) -> list[Path]:
    """Replace each ``(path, content)`` of ``files``, all or none (a run's report.json and
    report.md). Every content is written and flushed to its temporary file first: a full
    disk or an interrupt there replaces nothing. Then each is renamed into place with
    Ctrl-C and the command's SIGTERM held (:func:`uninterrupted`); should a rename fail,
    the files already replaced are put back as they were (the old one kept by a hard link
    until the end; one that was not there is removed). A file system without hard links
    cannot put back an old file: the new one is kept then."""
    paths = [Path(p) for p, _ in files]
    staged: list[str] = []
    links: list[str] = []
    replaced: list[tuple[Path, str | None, bool]] = []  # target, its old file's link, had one
    try:
        for path, (_, content) in zip(paths, files, strict=True):
            staged.append(_stage(path, content))
        with uninterrupted():
            try:
                for k, (path, tmp) in enumerate(zip(paths, staged, strict=True)):
                    old = _keep_old(path) if k < len(paths) - 1 else None  # the last: no undo
                    if old is not None:
                        links.append(old)
                    had = old is not None or os.path.lexists(path)
                    _replace(tmp, path)
                    replaced.append((path, old, had))
            except BaseException:
                for path, old, had in reversed(replaced):
                    if old is not None:
                        os.replace(old, path)
                    elif not had:
                        _remove(path)
                raise
    finally:
        for name in [*staged, *links]:  # those renamed are gone already
            _remove(name)
    return paths


def _keep_old(path: Path) -> str | None:
    """A hard link to ``path``'s file (a link itself, not what it names), by a temporary
    file's name, to put it back with; None where there is none or it cannot be made."""
    name = str(path.parent / f".{path.name}.{_MARK}-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        os.link(path, name, follow_symlinks=False)
    except OSError:
        return None
    return name


class AtomicLines:
    """A file written line by line that appears whole: the lines go to a temporary file made
    as :func:`write_atomic` makes its, which replaces ``path`` at :meth:`close`. Memory holds
    no more than a line, however many are written; until ``close`` the old ``path`` (if any)
    stays as it was."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        fd, self.tmp = _temporary(self.path)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, line: str) -> None:
        with naming(self.path):
            self._fh.write(line if line.endswith("\n") else line + "\n")

    def close(self) -> Path:
        """Flush to disk and move into place (idempotent). On an error (a full disk) the
        temporary file is removed and the error named by ``path``, as :func:`write_atomic`
        does: the rename's error named the temporary file first, and it was left."""
        if not self._fh.closed:
            try:
                with naming(self.path):
                    try:
                        self._fh.flush()
                        os.fsync(self._fh.fileno())
                    finally:
                        self._fh.close()
                _replace(self.tmp, self.path)
            except BaseException:
                _remove(self.tmp)
                raise
        return self.path

    def discard(self) -> None:
        """Close without putting the file in place (a line could not be written: what is
        there is not the whole file); the temporary file is removed, errors closing it
        (a full disk's, again) ignored."""
        if not self._fh.closed:
            try:
                self._fh.close()
            except OSError:
                pass
        _remove(self.tmp)


def temporary_folder(path: Path, shared: bool = False) -> Path:
    """A new empty folder in which to build ``path``, a folder, before it is renamed into
    place; named as a temporary file for ``path`` is. Private, as mkdtemp makes it, unless
    ``shared``: then with the mode a plain mkdir gives (0o777 less the umask), for a cache
    that the users of a shared cache folder read alike (a private conversion was taken for
    a damaged one by the next user, and removed)."""
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.{_MARK}-{os.getpid()}-",
                                   suffix=".tmp", dir=path.parent))
    if shared:
        os.chmod(folder, 0o777 & ~_UMASK)
    return folder


def temporary_target(name: str) -> str | None:
    """The name of the file that ``name`` is a temporary file of, as :func:`write_atomic`,
    :class:`AtomicLines` and :func:`temporary_folder` name theirs
    (``.{target}.summarizer-{pid}-{random}.tmp``); None for any other name."""
    match = _TEMPORARY.fullmatch(name)
    return match.group(1) if match else None


def write_json_atomic(path: str | Path, data: Any) -> Path:
    """:func:`write_atomic` for JSON (indented, UTF-8, a final newline), encoded as it is
    written: memory holds ``data`` and 8 KB of its text, not the whole text and the pieces
    it is joined from (a report of 20,000 clusters took 70 MB more to write that way)."""
    return write_atomic(path, json_content(data))


def json_content(data: Any) -> Callable[[BinaryIO], None]:
    """The content of a JSON file of ``data`` (for :func:`write_atomic` and
    :func:`write_together`): indented, UTF-8, a final newline, encoded 8 KB at a time."""

    def write(fh: BinaryIO) -> None:
        pending: list[str] = []
        size = 0
        for chunk in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(data):
            pending.append(chunk)
            size += len(chunk)
            if size >= 1 << 13:
                fh.write("".join(pending).encode("utf-8"))
                pending, size = [], 0
        pending.append("\n")
        fh.write("".join(pending).encode("utf-8"))

    return write


def unshare(path: str | Path) -> None:
    """Give ``path`` a file of its own where it shares its data with other names (hard
    links: a snapshot of the folder made with ``cp -al`` or ``rsync --link-dest``): the data
    is copied and the copy renamed over ``path``, so that a write in place (an append, a
    cut) never changes what the other names hold."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_nlink < 2:
        return

    def copy(out: BinaryIO) -> None:
        if hasattr(os, "fchmod"):  # the file's own mode (a 0o600 one stays private)
            os.fchmod(out.fileno(), stat.S_IMODE(st.st_mode))
        with open(path, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)

    write_atomic(path, copy)


# A line is in the kernel when append_line returns, so a killed process loses none; fsync,
# which makes it outlast a power cut, cost 0.2-4 ms a line here (8 s of a 20 s evaluate of
# 2,000 clusters with lead), so a file is synced at most once a SYNC_EVERY seconds as lines
# come, and by sync_appended when its job ends.
SYNC_EVERY = 1.0
_last_sync: dict[str, float] = {}


def _open_appending(path: str | Path) -> int:
    """``path`` opened to append, made if missing, never through a symlink; a FIFO, socket or
    device in its place is an InputError (O_NONBLOCK: opened, a FIFO was waited on for ever)."""
    from summarizer.errors import InputError

    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _NONBLOCK, 0o644)
    except OSError as exc:
        # ENXIO: a FIFO that nothing reads, or a socket; ELOOP: a link (O_NOFOLLOW)
        if exc.errno not in (errno.ENXIO, errno.ELOOP):
            raise
        fd = -1
    mode = os.fstat(fd).st_mode if fd >= 0 else os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        from summarizer.textio.kind import mode_kind, not_regular

        if fd >= 0:
            os.close(fd)
        raise InputError(not_regular(path, mode_kind(mode), "refusing to use it"))
    return fd


def append_line(path: str | Path, line: str) -> None:
    """Append one line (written through to the kernel, fsynced at most once a
    :data:`SYNC_EVERY` seconds), refusing to follow a symlink at ``path`` and never
    writing into data another name shares (:func:`unshare`)."""
    fd = _open_appending(path)
    if os.fstat(fd).st_nlink > 1:
        os.close(fd)
        unshare(path)
        fd = _open_appending(path)
    with naming(path), os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line if line.endswith("\n") else line + "\n")
        fh.flush()
        now = time.monotonic()
        key = os.fspath(path)
        if now - _last_sync.get(key, -SYNC_EVERY) >= SYNC_EVERY:
            os.fsync(fh.fileno())
            if len(_last_sync) >= 64:  # a long-lived process: times over a second old are moot
                for old in [k for k, t in _last_sync.items() if now - t >= SYNC_EVERY]:
                    del _last_sync[old]
            _last_sync[key] = now


def cut_torn_line(path: str | Path) -> None:
    """Cut off the end of ``path`` past its last newline: the line a killed
    :func:`append_line` left without its end, which a reader of the JSONL file cannot read
    (a newline added after it left it in the file for good). Never through a symlink, nor
    in data another name shares (:func:`unshare`); nothing where the file ends a line."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_size == 0:
        return
    with naming(path), open(os.open(path, os.O_RDONLY | _NOFOLLOW), "rb") as fh:
        size = end = fh.seek(0, os.SEEK_END)
        while end > 0:  # back a block at a time to the last newline
            start = max(0, end - (1 << 16))
            fh.seek(start)
            block = fh.read(end - start)
            if b"\n" in block:
                end = start + block.rindex(b"\n") + 1
                break
            end = start
    if end == size:  # whole lines: nothing to cut, and a snapshot's link is not copied
        return
    unshare(path)
    with naming(path), open(os.open(path, os.O_RDWR | _NOFOLLOW), "r+b") as fh:
        fh.truncate(end)


def sync_appended(path: str | Path) -> None:
    """Make the lines :func:`append_line` wrote to ``path`` durable now (a job's end)."""
    _last_sync.pop(os.fspath(path), None)
    with naming(path):
        try:
            # O_NONBLOCK: a FIFO in the file's place (refused by the run) is ENXIO, not a wait
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | _NOFOLLOW | _NONBLOCK)
        except FileNotFoundError:
            return
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
