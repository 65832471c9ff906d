"""Folders walked: the files under one, sorted, with what was skipped and why."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from summarizer.errors import InputError
from summarizer.textio.kind import REGULAR, irregular, path_kind, pseudo_folder
from summarizer.values import path_given


def is_hidden(rel: Path) -> bool:
    """Hidden files and folders (``.git``, ``.DS_Store``) and editor backups (``notes~``)."""
    return any(part.startswith((".", "~")) or part.endswith("~") for part in rel.parts)


def walk_files(root: str | os.PathLike, *, hidden: bool = False,
               seen: dict[tuple[int, int], str] | None = None,
               once: bool = True) -> tuple[list[Path], list[dict]]:
    """Files under ``root``, recursively, sorted by relative path, and what was skipped.

    Symbolic links to folders are never followed (so link cycles cannot loop),
    and a linked file whose target lies outside ``root`` is not read; both are
    returned in the skipped list as ``{"path", "reason"}``, as are broken links,
    special files (FIFOs, sockets), folders that cannot be listed, and a file listed
    already under another name (a link to a file of the folder, a hard link; the file
    itself is kept rather than the link; ``seen``, see :func:`already_read`, also holds
    files listed before, by the caller; ``once=False`` keeps every name, where a name is
    data, as a reference summary's is). Hidden files and folders are left out silently
    unless ``hidden``.
    """
    root = Path(path_given(root, "root", InputError))
    real_root = root.resolve()
    files: list[Path] = []
    skipped: list[dict] = []
    pseudo = pseudo_folder(root)
    if pseudo:
        return files, [{"path": str(root), "reason": pseudo}]

    def unreadable(exc: OSError) -> None:
        skipped.append({"path": str(exc.filename or root),
                        "reason": f"cannot be listed ({exc.strerror or exc})"})

    for dirpath, dirnames, filenames in _walk(root, unreadable):
        here = Path(dirpath)
        keep = []
        for name in sorted(dirnames):
            path = here / name
            if not hidden and is_hidden(path.relative_to(root)):
                continue
            if path.is_symlink():
                skipped.append({"path": str(path),
                                "reason": "symbolic link to a folder; not followed"})
                continue
            pseudo = pseudo_folder(path)
            if pseudo:  # walking "/" reached /proc, whose files read as text or block
                skipped.append({"path": str(path), "reason": pseudo})
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in filenames:
            path = here / name
            if not hidden and is_hidden(path.relative_to(root)):
                continue
            reason = _file_problem(path, real_root)
            if reason:
                skipped.append({"path": str(path), "reason": reason})
            else:
                files.append(path)
    # by the names' NFC form first: a folder copied from macOS (NFD names, "e\u0301cole")
    # gives the same order as the same folder elsewhere
    files.sort(key=lambda p: (unicodedata.normalize("NFC", rel := p.relative_to(root).as_posix()),
                              rel))
    if not once:
        return files, skipped
    seen = {} if seen is None else seen
    again = {}
    for path in sorted(files, key=Path.is_symlink):  # the file itself first, then its links
        reason = already_read(path, seen)
        if reason:
            again[path] = reason
    skipped += [{"path": str(p), "reason": again[p]} for p in files if p in again]
    return [p for p in files if p not in again], skipped


def name_index(paths: Sequence[Path], whole: bool = False) -> dict[str, list[int]]:
    """Positions of ``paths`` under every lower-cased prefix of their name that a dot ends,
    the dot left out (``D30001.M.100.T.A`` under ``d30001``, ``d30001.m``, ``d30001.m.100``,
    ``d30001.m.100.t``), and under the whole name with ``whole``; each list in order.
    How a summary file is found for an id (ROUGE's references, precomputed summaries) in
    one look-up, not by scanning every file: 20,000 against 40,000 files took minutes."""
    index: dict[str, list[int]] = {}
    for n, path in enumerate(paths):
        name = path.name.lower()
        keys = [name[:i] for i, ch in enumerate(name) if ch == "."] + ([name] if whole else [])
        for key in dict.fromkeys(keys):
            index.setdefault(key, []).append(n)
    return index


def already_read(path: Path, seen: dict[tuple[int, int], str]) -> str | None:
    """Why ``path`` is not read again, when it is a file (or folder) met before, the same
    one by another name: named twice, a link to a file of the folder, a hard link (its text
    would be two documents, or two rows with one id); else None, and it is now seen.
    ``seen`` maps (device, inode) to the first name."""
    try:
        st = path.stat()
    except OSError:
        return None  # reading it says what is wrong
    key = (st.st_dev, st.st_ino)
    if key not in seen:
        seen[key] = str(path)
        return None
    if seen[key] == str(path):
        return "already read"
    return f"the same {'folder' if path.is_dir() else 'file'} as {seen[key]}, already read"


def _walk(root: Path, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(root, followlinks=False)`` top-down, with a stack instead of recursion: a
    folder nested thousands deep must not end in a RecursionError. Links to folders are
    listed with the folders (not entered unless the caller keeps them)."""
    stack = [str(root)]
    while stack:
        top = stack.pop()
        dirnames: list[str] = []
        filenames: list[str] = []
        try:
            with os.scandir(top) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    (dirnames if is_dir else filenames).append(entry.name)
        except OSError as exc:
            onerror(exc)
            continue
        yield top, dirnames, filenames
        for name in reversed(dirnames):  # the caller may have pruned or reordered them
            path = os.path.join(top, name)
            if not os.path.islink(path):
                stack.append(path)


def _file_problem(path: Path, real_root: Path) -> str | None:
    """Why a walked entry is not read as a file, or None when it can be."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "broken symbolic link"
            if not target.is_relative_to(real_root):
                return f"symbolic link to {target}, outside the folder; not followed"
        kind = path_kind(path)
        if kind != REGULAR:
            return irregular(kind)
    except OSError as exc:  # a folder that lists its names but cannot be entered (no x)
        return f"cannot be read ({exc.strerror or exc})"
    return None


def is_saved_dataset(path: Path) -> bool:
    """Whether ``path`` is a folder written by ``Dataset.save_to_disk`` or
    ``DatasetDict.save_to_disk``: rows of a Hugging Face data set (``hf:PATH``), not a
    folder of articles or of JSONL shards. By ``datasets.load_from_disk``'s own rule
    (``dataset_info.json`` and ``state.json``, or ``dataset_dict.json``): one such name
    alone (a scraper's ``state.json`` beside the articles) makes no data set. A folder that
    cannot be entered is none: reading it says why."""
    try:
        return ((path / "dataset_info.json").is_file() and (path / "state.json").is_file()) or (
            path / "dataset_dict.json").is_file()
    except OSError:
        return False
