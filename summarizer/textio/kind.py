"""What a path names, and the one refusal of anything but a regular file where one is read
or written. Opened, a FIFO waits for a writer (a command hung, past Ctrl-C), a device may
never end, and a folder or a socket fails with errno's words, not the path's kind."""

from __future__ import annotations

import functools
import os
import re
import stat

from summarizer.errors import InputError
from summarizer.values import path_given

REGULAR = "a regular file"
MISSING = "missing"
_KINDS = (
    (stat.S_ISREG, REGULAR),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISLNK, "a symbolic link"),
)


def mode_kind(mode: int) -> str:
    """The kind of entry an ``st_mode`` says (of ``os.stat`` or of an open file's
    ``os.fstat``): "a regular file", "a folder", "a named pipe (FIFO)", ..."""
    return next((kind for test, kind in _KINDS if test(mode)), "an entry of another kind")


def path_kind(path: str | os.PathLike, *, follow_symlinks: bool = True) -> str:
    """What ``path`` names (:func:`mode_kind`), :data:`MISSING` when nothing is there, or "a
    broken symbolic link". Looking never opens it, so a FIFO is not waited on. Any other
    OSError (no search permission, a link loop) and ValueError (a NUL in the name) are
    raised."""
    path_given(path, "path", InputError)
    try:
        st = os.stat(path, follow_symlinks=follow_symlinks)
    except (FileNotFoundError, NotADirectoryError):
        return "a broken symbolic link" if os.path.islink(path) else MISSING
    fs = _pseudo_devices().get(st.st_dev)
    return _pseudo_kind(fs) if fs and stat.S_ISREG(st.st_mode) else mode_kind(st.st_mode)


# Kernel file systems whose "regular files" are views of the kernel: /proc/kmsg reads as an
# empty file and then blocks for ever, /sys files are settings, not text. Read as documents,
# summarize("/") hung in /proc.
_PSEUDO_FS = frozenset({"proc", "sysfs", "debugfs", "tracefs", "securityfs", "configfs",
                        "cgroup", "cgroup2", "pstore", "bpf", "efivarfs", "fusectl",
                        "binfmt_misc"})


def _pseudo_kind(fs: str) -> str:
    return f"a file of the kernel's {fs} file system"


def pseudo_folder(path: str | os.PathLike) -> str | None:
    """Why a folder is not walked when it lies on a kernel pseudo-file system (/proc,
    /sys, ...), else None (also when it cannot be looked at: walking it says why). A link
    is followed: a walk's root may be one (a link met inside is skipped before this)."""
    try:
        fs = _pseudo_devices().get(os.stat(path).st_dev)
    except (OSError, ValueError):
        return None
    return f"a folder of the kernel's {fs} file system; not read" if fs else None


@functools.cache
def _pseudo_devices() -> dict[int, str]:
    """Device number -> type of each mounted kernel pseudo-file system, from the mount
    table (none where there is no /proc/self/mounts: not Linux)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return {}
    devices: dict[int, str] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or parts[2] not in _PSEUDO_FS:
            continue
        # the mount table writes a space, tab, newline or backslash as \ooo
        where = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), parts[1])
        try:
            devices.setdefault(os.stat(where).st_dev, parts[2])
        except (OSError, ValueError):
            continue
    return devices


def irregular(kind: str) -> str:
    """"KIND, not a regular file": why an entry is skipped or refused; nothing there is
    "no such file or folder", as every loader words a missing path."""
    return "no such file or folder" if kind == MISSING else f"{kind}, not a regular file"


def not_regular(path: str | os.PathLike, kind: str, then: str = "") -> str:
    """The one wording: "PATH: is KIND, not a regular file" ("PATH: no such file or
    folder"), then ``then`` after a semicolon (what the caller wanted instead, or what it
    does about it)."""
    said = irregular(kind) if kind == MISSING else f"is {irregular(kind)}"
    return f"{path}: {said}" + (f"; {then}" if then else "")


def refuse_irregular(
    path: str | os.PathLike,
    *,
    error: type[Exception] = InputError,
    follow_symlinks: bool = True,
    missing_ok: bool = False,
    then: str = "",
) -> None:
    """Raise ``error`` (:func:`not_regular`'s message) unless ``path`` is a regular file
    (or, with ``missing_ok``, nothing). ``follow_symlinks=False`` refuses a symbolic link
    too, for callers that never write through one. A path that cannot be looked at is
    ``error`` as well, naming why."""
    path_given(path, "path", error)
    try:
        kind = path_kind(path, follow_symlinks=follow_symlinks)
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL character or half a surrogate pair
        raise error(f"{path}: not a usable path ({unusable_name(path)})") from None
    if kind != REGULAR and not (missing_ok and kind == MISSING):
        raise error(not_regular(path, kind, then))


def unusable_name(path: str | os.PathLike) -> str:
    """Why ``os.stat(path)`` raised ValueError: a NUL character, or half a UTF-16 surrogate
    pair (a JSON escape such as "\\ud800"; not the undecodable bytes of a name the system
    gave, which it takes back), which no file system's names can hold."""
    name = os.fspath(path)
    if ("\0" if isinstance(name, str) else b"\0") in name:
        return "it holds a NUL character"
    return "it holds half a UTF-16 surrogate pair, not Unicode text"
