"""Files and streams read whole, within :data:`MAX_FILE_BYTES`, then decoded."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, OptionError, call_naming, shortened, value_repr
from summarizer.textio.compressed import MAGIC_BYTES, Decompressed, compression, open_input
from summarizer.textio.decode import Decoded, blank, decode_text, text_codec
from summarizer.textio.kind import refuse_irregular, unusable_name
from summarizer.values import path_given

# Files larger than this are refused: memory stays bounded whatever is given. Lines over
# it too (lines.py reads it here on each use, so that a bound changed here holds there).
MAX_FILE_BYTES = 512 * 1024 * 1024


def read_at(fd: int, size: int, offset: int) -> bytes:
    """Up to ``size`` bytes of the file ``fd`` from ``offset``: ``os.pread`` where the
    platform has it, else a seek and a read (Windows has no pread: ``evaluate`` and
    ``batch`` failed there, an internal error), which moves the descriptor's position."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def input_exists(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a file, folder or other entry; False when nothing is there.
    Any other failure to look (a name longer than the file system allows, a folder on the
    way that cannot be searched, a link loop) is an :class:`InputError` naming the path,
    where ``Path.exists()`` raised a bare OSError."""
    path_given(path, "path", InputError)  # None, bytes, "" (os.stat's own readings)
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise InputError(f"{shortened(str(path))}: cannot be read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL character or half a surrogate pair: no file system has such a name
        raise InputError(f"{shortened(str(path))}: not a usable path ({unusable_name(path)})") from None
    return True


def expand_home(path: str | os.PathLike) -> Path:
    """``path`` with a leading ``~`` or ``~user`` replaced by that home folder; left as
    written where there is no such user (or no home to find), as a shell leaves
    ``~nosuchuser`` (:func:`home_folder` refuses it), where ``Path.expanduser`` raised a bare
    RuntimeError (internal error, exit 70). Only what the text begins with: ``Path`` reads
    ``./~root/m`` as ``~root/m``, and ``expanduser`` made it ``/root/m``, another folder."""
    text = os.fspath(path_given(path, "path", InputError))
    if isinstance(text, str) and text.startswith("~"):
        return Path(os.path.expanduser(text))
    return Path(path)


def home_folder(path: str | os.PathLike, named: str, advice: str) -> Path:
    """:func:`expand_home` of a folder to be made or written: a leading ``~user`` it leaves
    as written (no such user, no home folder) is an :class:`OptionError`, ``"NAMED: '~user'
    names no user's home folder; ADVICE"``, where a folder named so would be made under the
    working folder."""
    folder = expand_home(path)
    text = os.fspath(path)
    if isinstance(text, str) and text.startswith("~") and str(folder).startswith("~"):
        raise OptionError(f"{named}: {value_repr(text.split(os.sep, 1)[0])} names no user's "
                          f"home folder; {advice}")
    return folder


def amount(n: int) -> str:
    """``n`` bytes for a message, exactly: in GiB, MiB or KiB when a whole number of them,
    else in bytes ("1,500,000 bytes", not "1465 KiB"; "6 GiB", not "6144 MiB"), so that a
    bound is said as it was set and an amount over a bound never reads as the bound ("is
    512 MiB; files over 512 MiB are refused")."""
    if n and n % 2**30 == 0:
        return f"{n // 2**30} GiB"
    if n and n % 2**20 == 0:
        return f"{n // 2**20} MiB"
    if n and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n:,} bytes"


# utf8_size counts a text this many characters at a time: a piece's UTF-8 (4 MiB at most) is
# held, never the whole text's (a second copy of up to MAX_FILE_BYTES)
_UTF8_CHUNK = 1 << 20


def utf8_size(text: str) -> int:
    """The bytes ``text`` comes to in UTF-8, as :data:`MAX_FILE_BYTES` counts text (one
    cluster's documents together: ``documents.loaders.ClusterText``): its length for ASCII
    (known without a pass), else encoded a piece at a time; a lone surrogate counts the 3
    bytes ``surrogatepass`` writes for it."""
    if text.isascii():
        return len(text)
    step = _UTF8_CHUNK
    return sum(len(text[i:i + step].encode("utf-8", "surrogatepass"))
               for i in range(0, len(text), step))


def read_bytes(path: str | os.PathLike, *, limit: int | None = None) -> bytes:
    """A file's data (a gzip file's decompressed: :func:`open_input`); missing files,
    folders, unreadable files and data over ``limit`` bytes (None: :data:`MAX_FILE_BYTES`;
    a gzip file's refused as soon as it passes, never held) are :class:`InputError`."""
    bound = MAX_FILE_BYTES if limit is None else limit
    path = Path(path_given(path, "path", InputError))
    try:
        with open_bounded(path, bound) as fh:
            if isinstance(fh, Decompressed):  # its size says nothing of its data's
                return _read_bounded(fh, str(path), bound)
            # read(size) fills one buffer; read() joined the head open_input peeked at to
            # the rest, a copy: twice the file at the peak
            data = fh.read(os.fstat(fh.fileno()).st_size)
            if fh.peek(1):  # a file that grew since its size was taken: the rest, bounded
                try:
                    data += _read_bounded(fh, str(path), bound - len(data))
                except InputError:
                    raise InputError(f"{path}: is over {amount(bound)}; files over "
                                     f"{amount(bound)} are refused") from None
            return data
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def open_bounded(path: Path, bound: int | None = None) -> Any:
    """``path`` opened as :func:`read_bytes` opens it (:func:`open_input`), after its checks:
    a missing path, a folder, a FIFO or a device, and a file over ``bound`` bytes (None:
    :data:`MAX_FILE_BYTES`) by its size, are :class:`InputError`. A compressed file's data
    is the reader's to count (:func:`over_bound` past it): its size says nothing of it."""
    bound = MAX_FILE_BYTES if bound is None else bound
    if not input_exists(path):
        raise InputError(f"{path}: no such file or folder")
    refuse_irregular(path)  # a folder, a FIFO (opened, it waits for a writer), a device
    try:  # the open too: plain_utf8(bounded=True) has no read_bytes' except around it
        size = path.stat().st_size
        fh = open_input(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not isinstance(fh, Decompressed) and size > bound:
        fh.close()
        raise InputError(f"{path}: is {amount(size)}; files over {amount(bound)} are refused")
    return fh


def over_bound(name: str, bound: int) -> InputError:
    """The error for compressed data (a file's, a stream's) found past ``bound`` bytes as it
    is decompressed, in one wording."""
    return InputError(f"{name}: decompressed, it is over {amount(bound)}; inputs over "
                      f"{amount(bound)} are refused")


def _read_bounded(fh: Any, name: str, bound: int | None = None) -> bytes:
    """All of a stream's data (a decompressed one's, standard input's), refused once past
    ``bound`` bytes (None: :data:`MAX_FILE_BYTES`; never more held) as decompressed data is
    (:func:`over_bound`). The data is held once as it comes, and a block of it: its blocks
    were kept in a list and joined, twice the data at the end."""
    bound = MAX_FILE_BYTES if bound is None else bound
    held = io.BytesIO()  # getvalue() gives its buffer, not a copy
    while block := fh.read(min(1 << 20, bound + 1 - held.tell())):
        if held.tell() + len(block) > bound:
            raise over_bound(name, bound)
        held.write(block)
        del block
    return held.getvalue()


def read_text(
    path: str | os.PathLike,
    *,
    language: str | None = None,
    encoding: str | None = None,
    allow_empty: bool = False,
) -> Decoded:
    """Read and decode one file: ``text, encoding = read_text(path)``.

    ``encoding=None`` applies the policy above; a named encoding is used as
    given. Empty or whitespace-only files are an :class:`InputError` unless
    ``allow_empty``.
    """
    path_given(path, "path", InputError)  # None, bytes, "" (the working folder)
    if encoding is not None:  # "" is no encoding: refused, not detection in its place
        text_codec(encoding)  # before the file is read
    data = read_bytes(path)
    decoded = decode_text(data, str(path), encoding=encoding, language=language)
    if not allow_empty and blank(decoded.text):
        raise InputError(f"{path}: is empty")
    return decoded


def read_stream(stream: Any, name: str) -> bytes:
    """All the data of a stream (standard input), refused past :data:`MAX_FILE_BYTES`
    as a file would be: an endless pipe must not fill the memory. gzip data is
    decompressed, as a file's (:func:`open_input`; bzip2 and xz too), as it is read: the
    bound holds for the data read and for the decompressed data, and the compressed data
    is not held (it was, whole, beside the decompressed data and a second copy of it)."""
    data = _Bounded(stream, name)
    kind = compression(data.head(), name)  # an archive: said by name
    if kind:
        with Decompressed(data, name, kind) as fh:
            return _read_bounded(fh, name)
    return _read_bounded(data, name)


class _Bounded:
    """A stream read through, refused once more than :data:`MAX_FILE_BYTES` come from it.
    Closing it leaves the stream open (standard input is the process's)."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream, self._name = stream, name
        self._bound, self._read = MAX_FILE_BYTES, 0
        self._head = b""

    def head(self) -> bytes:
        """The first :data:`~summarizer.textio.compressed.MAGIC_BYTES` (fewer: all there
        is), given again by :meth:`read`: what the data is known by."""
        while len(self._head) < MAGIC_BYTES and (more := self._take(MAGIC_BYTES -
                                                                      len(self._head))):
            self._head += more
        return self._head

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(head):]
            return head
        return self._take(size)

    def _take(self, size: int) -> bytes:
        # never asked for more than one past the bound: read(-1) of an endless pipe
        room = self._bound + 1 - self._read
        # standard input opened write-only (0>file): an EBADF that named nothing
        data = call_naming(self._name, self._stream.read, room if size < 0 else min(size, room))
        self._read += len(data)
        if self._read > self._bound:
            raise InputError(f"{self._name}: is over {amount(self._bound)}; inputs over "
                             f"{amount(self._bound)} are refused")
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        # bzip2's and xz's reader (compressed._Streams) rewinds to the start as it opens
        if (offset, whence) != (0, 0) or self._read > len(self._head):
            raise io.UnsupportedOperation(f"{self._name}: a stream is read once")
        return 0

    def close(self) -> None:
        self._head = b""
