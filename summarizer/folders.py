"""Output folders and their locks: what a command may write in a folder, and one writer at a
time.

An output folder (``evaluate``'s run, ``batch``'s job, ``compare``'s comparison) is used only
when it is new, empty, or holds the command's own files: :func:`refuse_foreign` names what
else it holds, and nothing of the user's is overwritten. While a command writes there it
holds the folder's lock file (:func:`holding_lock`: the system's lock, which ends with its
process), so a second command is refused and the temporary files a killed one left can go
(:func:`remove_temporaries`). A cache entry that processes share is built by one of them
at a time (:func:`build_lock`, which waits instead of refusing).

Below the evaluation and batch layers (it knows no run or job), above :mod:`summarizer.atomic`,
whose temporary files it recognises.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from fnmatch import fnmatchcase
from pathlib import Path

from summarizer.atomic import naming, temporary_folder, temporary_target
from summarizer.errors import (
    InputError,
    OptionError,
    OutputExistsError,
    RunBusyError,
    SummarizerError,
    os_error_saying,
    shortened,
    value_repr,
)
from summarizer.textio.jsonl import refuse_non_utf8_name
from summarizer.textio.read import home_folder

# What file managers leave in any folder a user opens (Finder, Explorer, Dolphin): not the
# user's work, never written or removed here; they do not make an output folder "used".
FILE_MANAGER_FILES = frozenset({".DS_Store", ".localized", "Thumbs.db", "desktop.ini",
                                ".directory"})


def output_folder(out: str | os.PathLike, command: str) -> Path:
    """``out`` as a Path, refused (:class:`OutputExistsError`) where the system cannot look at
    it, or could not make it: a name longer than the file system allows, a folder on the way
    that cannot be searched, a link loop. The first file looked for in it (``run.json``,
    ``manifest.json``, ``comparison.json``) raised errno's line, exit 1: each command's
    output folder is checked here first. A name that is not UTF-8 is ``command``'s
    :class:`InputError`, as its CLI argument is (batch's report.json records it)."""
    if not isinstance(out, str | os.PathLike):  # None, bytes, a number: Path's TypeError
        raise OptionError(f"out must be a folder's path, not {type(out).__name__}")
    if isinstance(out, str) and not out:  # Path("") is ".": an unset variable wrote here
        raise OptionError("out (--out) is empty; give a folder's path")
    if out == "-":  # standard output to every Unix tool (summarize -): a folder '-' was made
        raise OptionError("out (--out) '-' is standard output, which cannot hold the output "
                          "folder's files; give a folder's path (./- for a folder named '-')")
    # '--out=~/runs' reaches us unexpanded by the shell, as out='~/runs' from Python: it
    # made a folder '~' here (and 'rm -rf ~' is how one removes it)
    folder = home_folder(out, f"out (--out) {value_repr(os.fspath(out))}",
                         "give a folder's path")
    try:
        os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):  # a file on the way: refuse_foreign says
        _refuse_long_names(folder)
    except OSError as exc:
        raise OutputExistsError(f"{shortened(str(folder))}: cannot be used as an output "
                                f"folder ({exc.strerror or exc}); give another output folder "
                                "(out=, --out)") from None
    except ValueError:  # a NUL character, half a surrogate pair
        from summarizer.textio.kind import unusable_name

        raise OutputExistsError(f"{value_repr(folder)}: not a usable output folder "
                                f"({unusable_name(folder)}); give another output folder "
                                "(out=, --out)") from None
    refuse_non_utf8_name(folder, command)  # one the system takes (half a pair it does not)
    return folder


def _refuse_long_names(folder: Path) -> None:
    """Refuse a new ``folder`` one of whose names, below the first folder there is, is longer
    than that file system allows (a missing folder above it hid the name from ``stat``)."""
    made = next(p for p in folder.parents if p.is_dir())  # "." or "/" at the last
    try:
        limit = os.pathconf(made, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # no pathconf (Windows), no answer
        return
    for part in folder.relative_to(made).parts:
        if len(os.fsencode(part)) > limit:
            raise OutputExistsError(f"{shortened(str(folder))}: cannot be used as an output "
                                    f"folder ({value_repr(part)} is longer than the {limit} "
                                    "bytes a name may have there); give another output "
                                    "folder (out=, --out)")


def _ours(name: str, writes: tuple[str, ...]) -> bool:
    """Whether ``name`` is a temporary file or folder (:mod:`summarizer.atomic`'s) of a
    file named by one of ``writes``: names, or patterns (``part-*.parquet``)."""
    target = temporary_target(name)
    return target is not None and any(fnmatchcase(target, w) for w in writes)


def foreign_files(folder: Path, ours: tuple[str, ...], writes: tuple[str, ...] = ()) -> list[str]:
    """Names in ``folder`` other than ``ours``, the temporary files of their atomic writes
    and of the files ``writes`` names (names or patterns: the files the command writes;
    those of a run another process is starting, or of one killed mid-write, are not the
    user's) and :data:`FILE_MANAGER_FILES`."""
    if not folder.exists() and not folder.is_symlink():
        _refuse_under_a_file(folder)
        return []
    if not folder.is_dir():
        raise OutputExistsError(f"{shortened(str(folder))} exists and is not a folder; give "
                                "another output folder")
    names = sorted(p.name for p in folder.iterdir())
    return [n for n in names
            if n not in ours and n not in FILE_MANAGER_FILES and not _ours(n, (*ours, *writes))]


def _refuse_under_a_file(folder: Path) -> None:
    """Refuse a new ``folder`` that cannot be made: one a file (or a link to none) holds,
    which mkdir finds only once the work is done (compare) or as errno alone."""
    for parent in folder.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise OutputExistsError(f"{shortened(str(parent))} is not a folder, so "
                                        f"{shortened(str(folder))} cannot be made in it; "
                                        "give another output folder")
            return


def refuse_unwritable(folder: Path, first: str) -> None:
    """Refuse an output folder that cannot be made or written in (the permissions of it or
    of the folder it would be made in, a read-only file system), before the command's work:
    ``compare`` found it only on writing, the work done and lost. Probed by a temporary
    folder named as one of ``first``'s (the file the command writes there first), made and
    removed in ``folder``, else in the nearest folder above it that exists."""
    there = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    if there is None:  # a file on the way: refuse_foreign says so
        return
    try:
        probe = temporary_folder(there / first)
    except OSError as exc:
        raise OutputExistsError(f"{shortened(str(folder))}: cannot be used as an output "
                                f"folder ({exc.strerror or exc}); give another output folder "
                                "(out=, --out)") from None
    os.rmdir(probe)


def refuse_foreign(folder: Path, ours: tuple[str, ...], what: str,
                   writes: tuple[str, ...] = ()) -> None:
    """Refuse an output folder holding anything but ``ours`` (and the temporary files of
    ``writes``): the user's files (even ones named like ours) are never overwritten."""
    others = foreign_files(folder, ours, writes)
    if others:
        shown = ", ".join(map(shortened, others[:3])) + (" ..." if len(others) > 3 else "")
        raise OutputExistsError(
            f"{shortened(str(folder))} already holds files that are not {what} ({shown}); "
            "give a new or empty output folder (out=, --out)"
        )


def remove_temporaries(folder: Path, writes: tuple[str, ...]) -> None:
    """Remove the temporary files (and folders) that writers of the files ``writes`` names
    (names or patterns) left in ``folder`` when their process was killed: up to a Parquet
    shard's or a cache table's size each, a converted model's folder. Only while holding
    the lock that those writers hold: no one else writes them now."""
    for path in folder.iterdir():
        if not _ours(path.name, writes) or path.is_symlink():
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink()


def _try_lock(fd: int) -> bool:
    """Take the lock on open file ``fd`` without waiting; False if another process holds
    it. The system releases it when its process ends, however it ends (``kill -9`` too)."""
    try:
        import fcntl
    except ImportError:  # Windows
        try:
            import msvcrt
        except ImportError:  # neither (WASI, Emscripten): refused, named by the caller
            raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK)) from None
        try:  # (typeshed has msvcrt on win32 only; tests/test_folders.py runs this on Linux)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# a pid fits 32 bits (pid_t; Windows' DWORD)
MAX_PID = 2**32 - 1


def _holder(text: str) -> str:
    """Who holds a lock whose file reads ``text`` (``pid host``, as :func:`holding_lock`
    writes it), for the message: the pid only where it can be the holder's. A holder that
    could open the file only to read it (one another user's killed run left) cannot write
    its own pid, so the file may name the process before it: a pid of this host that has
    ended is not the holder's."""
    fields = text.split()
    pid = _pid(fields[0]) if fields else None
    host = fields[1] if len(fields) > 1 else socket.gethostname()
    if pid is None or (host == socket.gethostname() and _ended(pid)):
        return "pid unknown"
    return f"process {pid}" + (f" on {host}" if host != socket.gethostname() else "")


def _pid(field: str) -> int | None:
    """The pid a lock file's first field names, if it can be one: ASCII digits of a number
    from 1 to :data:`MAX_PID`. The file is another process's or a user's text: '²' is a
    digit to str.isdigit but not to int(), and int() refuses over 4,300 digits."""
    if not (field.isascii() and field.isdigit()) or len(field) > len(str(MAX_PID)):
        return None
    pid = int(field)
    return pid if 0 < pid <= MAX_PID else None


def _ended(pid: int) -> bool:
    """Whether process ``pid`` of this host is known to have ended."""
    if os.name != "posix" or pid <= 0:  # Windows' os.kill(pid, 0) would end the process
        return False
    try:
        os.kill(pid, 0)  # no signal sent: only whether the process exists
    except (ProcessLookupError, OverflowError):  # none; past pid_t, none can be
        return True
    except OSError:  # alive, another user's (EPERM)
        return False
    return False


_NOT_THIS = "refusing to use this folder"
_LOCK_TEXT = re.compile(rb"[0-9]{1,20} \S{1,255}\n?")  # "pid host", as holding_lock writes it


@contextmanager
def holding_lock(path: Path, what: str) -> Iterator[None]:
    """Hold the lock file ``path`` of an output folder while ``what`` (a command) writes
    there; a second process is refused with :class:`RunBusyError` naming the holder's pid
    (the file's text, where it can be the holder's: :func:`_holder`). The lock is the
    system's, on the open file: it ends with its process, so a killed run leaves no lock to
    break, and one whose pid is reused (a restarted container's, the command's own) is
    never mistaken for a live one. Never through a symlink. The file is removed on release."""
    me = f"{os.getpid()} {socket.gethostname()}\n".encode()
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    while True:
        writable = True
        try:  # 0o666 less the umask: another user of a shared folder can take it in turn
            fd = os.open(path, os.O_RDWR | os.O_CREAT | nofollow, 0o666)
        except PermissionError as denied:  # one another user's killed run left: locked
            writable = False  # read-only
            try:
                fd = os.open(path, os.O_RDONLY | nofollow)
            except FileNotFoundError:  # none: the folder is not ours to write
                raise denied from None
        except OSError as exc:  # a link (O_NOFOLLOW) or a folder in the lock's place: said
            from summarizer.textio.kind import refuse_irregular

            refuse_irregular(path, follow_symlinks=False, missing_ok=True, then=_NOT_THIS)
            raise exc
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # a FIFO: it was truncated, then removed
            from summarizer.textio.kind import mode_kind, not_regular

            os.close(fd)
            raise InputError(not_regular(path, mode_kind(mode), _NOT_THIS))
        try:
            with naming(path):  # a file system without locks (ENOLCK): named, not errno alone
                held = not _try_lock(fd)
        except OSError:
            os.close(fd)
            raise
        if held:
            try:
                text = os.read(fd, 200).decode("utf-8", "replace")
            except OSError:  # Windows: the holder's locked byte cannot be read
                text = ""
            os.close(fd)
            raise RunBusyError(f"{shortened(str(path.parent))} is in use by another {what} "
                               f"({_holder(text)}); "
                               "wait for it to finish, or use another output folder (out=, --out)")
        # the file we locked may have been removed by its last holder as we opened it
        if _in_place(fd, path, follow_symlinks=False):
            break
        os.close(fd)
    # a user's own file of that name (notes in run.lock) was cut, overwritten and removed:
    # only a lock file as this function writes it (or an empty one, a killed run's) is ours
    os.lseek(fd, 0, os.SEEK_SET)
    content = os.read(fd, 1024)
    if content and not _LOCK_TEXT.fullmatch(content):
        os.close(fd)
        raise InputError(f"{path}: a file of this name that is no lock file of this package; "
                         f"{_NOT_THIS} (move the file, or use another output folder)")
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        if writable:
            with naming(path):  # a full disk's error names the lock file, not errno 28 alone
                os.ftruncate(fd, 0)
                os.write(fd, me)
        yield
    finally:
        try:  # removed while still held, so that no one locks a file on its way out
            os.unlink(path)
        except OSError:  # gone, or open elsewhere (Windows): the next holder reuses it
            pass
        os.close(fd)


def _in_place(fd: int, path: Path, follow_symlinks: bool = True) -> bool:
    """Whether the open file ``fd`` is still the file at ``path``: a lock taken on a file its
    last holder removed meanwhile locks out no one who opens ``path`` now."""
    try:
        current = os.stat(path, follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        return False
    return os.path.samestat(os.fstat(fd), current)


@contextmanager
def build_lock(path: Path) -> Iterator[bool]:
    """Processes that need the same missing cache entry ``path`` (Ray actors, parallel runs)
    wait for the first one to build it instead of all building it; yields whether the lock
    is held (then no other process is building: what a killed build left may be removed).
    Without ``fcntl`` (Windows), or where the folder cannot be written or locked, each
    builds its own: slower, never wrong. A build that fails (an input refused) removes the
    lock file, while still holding it, so that the cache keeps nothing of it; a process
    that waited on that file locks the file in its place instead."""
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
    except (ImportError, OSError):
        yield False
        return
    lock = path.with_name(path.name + ".lock")
    held = False
    while True:
        try:
            # never through a link (a shared cache's other user could point it anywhere:
            # the open made a file there) nor onto anything but a file
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except OSError:
            yield False
            return
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            yield False
            return
        handle = os.fdopen(fd, "r+b")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            held = _in_place(handle.fileno(), lock)
        except OSError:
            break  # a file system without locks: build unlocked, as without fcntl
        if held:
            break
        handle.close()  # removed by a failed build while this one waited: lock it anew
    try:
        yield held
    except BaseException:
        if held:
            with suppress(OSError):  # removed while held: see _in_place
                os.unlink(lock)
        raise
    finally:
        handle.close()  # releases the lock


# a write failed for want of room, which freeing some gives back (EDQUOT: not Windows), or
# past the largest file allowed (EFBIG: `ulimit -f`, a file system's bound), which raising
# it gives back: the saved count and how to resume were not said of it
FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


@contextmanager
def saying_saved(note: Callable[[], str]) -> Iterator[None]:
    """A full disk (or quota) as a command writes its output folder says what is saved and
    how to resume once there is room, as an interrupt does: the command's line was the error
    alone. The same error, its message extended by ``note()`` (``evaluate``'s count, or
    ``batch``'s), read after the failure. Other errors (a folder in a report's place) are not
    helped by a rerun: kept as they are."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in FULL or exc.strerror is None:
            raise
        try:
            said = note()
        except (OSError, SummarizerError):  # the folder itself unreadable: the error as it was
            raise exc from None
        # both paths of a rename or replace (filename2: where to), as the OS gave them
        raise os_error_saying(exc, f"; {said}") from exc
