"""Compressed input: one opener for every reader.

A gzip, bzip2 or xz file (found by its first bytes, whatever its name: ``.jsonl.gz``,
``.txt.bz2``, ``.jsonl.xz`` ...) is decompressed as it is read (:func:`open_input`), and
its data is then decoded as any file's; the bounds on a file and on a line hold for the
decompressed data. bzip2 and xz take the stdlib's ``bz2`` and ``lzma``, as gzip its
``gzip``. An archive (zip, 7-Zip) or zstd data is refused by name, with what to do: it
read as "looks like a binary file, not text".
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarizer.errors import CompressedDataError, InputError
from summarizer.values import data_given, path_given

GZIP_MAGIC = b"\x1f\x8b"  # no text starts so: 0x8b is not a first byte in UTF-8
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
# bzip2's "BZh", its block size and the magic of its first block (or of its end, when
# empty): "BZh" alone starts some words; xz's six bytes start with 0xFD, no UTF-8 byte
_BZIP2 = re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)")
_XZ_MAGIC = b"\xfd7zXZ\x00"
MAGIC_BYTES = 10  # the longest of these starts
# What is not read, by its first bytes: its name and what to do instead
_REFUSED = (
    ((b"PK\x03\x04", b"PK\x05\x06"), "a zip archive",
     "unzip it and give its files, or the folder they are in"),
    ((b"7z\xbc\xaf\x27\x1c",), "a 7-Zip archive",
     "extract it (7z x) and give its files, or the folder they are in"),
    ((b"\x28\xb5\x2f\xfd",), "zstd-compressed data",
     "decompress it (zstd -d), or compress it with gzip, bzip2 or xz, which are read"),
)


def compression(head: bytes, name: str) -> str | None:
    """The compression of data starting with ``head`` (its first :data:`MAGIC_BYTES`
    bytes or more): ``"gzip"``, ``"bzip2"``, ``"xz"``, or None for none; an archive or a
    compression not read here is an :class:`InputError` naming it and what to do."""
    data_given(head, "head", InputError)
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if _BZIP2.match(head):
        return "bzip2"
    if head.startswith(_XZ_MAGIC):
        return "xz"
    for magics, what, advice in _REFUSED:
        if head.startswith(magics):
            raise InputError(f"{name}: is {what}, not text; {advice}")
    return None


def uncompressed_name(path: str | os.PathLike) -> Path:
    """The name a compressed file's data goes by (``news.jsonl.gz`` -> ``news.jsonl``): what
    its kind (JSONL, HTML ...) and the name of what it holds are read from."""
    path = Path(path_given(path, "path", InputError))
    return path.with_suffix("") if path.suffix.lower() in COMPRESSED_SUFFIXES else path


def open_input(path: str | os.PathLike) -> Any:
    """``path`` opened for reading its data, as a binary file: a gzip, bzip2 or xz file (by
    its first bytes, whatever its name) is decompressed as it is read, in blocks (a few MB
    of a decompression bomb, never all of it, are in memory at a time), and data that is
    cut short or damaged is a :class:`CompressedDataError` when reached. Every reader here
    opens input so; :class:`InputError` when it cannot be opened, or for an archive
    (:func:`compression`)."""
    path = Path(path_given(path, "path", InputError))
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        kind = compression(fh.peek(MAGIC_BYTES)[:MAGIC_BYTES], str(path))
    except OSError as exc:
        fh.close()
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except InputError:
        fh.close()
        raise
    return Decompressed(fh, str(path), kind) if kind else fh


class Decompressed:
    """The data of a gzip, bzip2 or xz stream as it is decompressed (its module imported
    for such input only); what the readers call of a file, with the module's errors as one
    :class:`CompressedDataError` naming the input and the format."""

    def __init__(self, raw: Any, name: str, kind: str = "gzip"):
        self._raw, self.name, self.kind = raw, name, kind
        if kind == "gzip":
            import gzip
            import zlib

            self._data: Any = gzip.GzipFile(fileobj=raw, mode="rb")
            self._errors: tuple[type[Exception], ...] = (OSError, zlib.error)
        else:
            import bz2
            import lzma

            make = bz2.BZ2Decompressor if kind == "bzip2" else lzma.LZMADecompressor
            self._errors = (OSError, lzma.LZMAError)  # bz2's are OSErrors
            self._data = io.BufferedReader(_Streams(raw, make, self._errors))

    def read(self, size: int = -1) -> bytes:
        return self._call(self._data.read, size)

    def readline(self, size: int = -1) -> bytes:
        return self._call(self._data.readline, size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._call(self._data.seek, offset, whence)

    def tell(self) -> int:
        return self._data.tell()

    def close(self) -> None:
        self._data.close()  # gzip leaves the file it was given open
        self._raw.close()

    def __enter__(self) -> Decompressed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args)
        except EOFError:
            raise CompressedDataError(
                f"{self.name}: the {self.kind} data is cut short (it ends before its "
                "end-of-stream marker: an incomplete download or copy?)") from None
        except _TrailingData:
            raise CompressedDataError(f"{self.name}: {_trailing(self.kind)}") from None
        except self._errors as exc:  # BadGzipFile is an OSError
            raise CompressedDataError(f"{self.name}: " + (
                _trailing(self.kind) if str(exc).startswith("Not a gzipped file")
                else f"damaged {self.kind} data ({exc})")) from None


def _trailing(kind: str) -> str:
    # gzip's "Not a gzipped file" past the first header: bytes after a complete stream,
    # not damage in it, which "damaged gzip data (Not a gzipped file (b'ga'))" said
    return (f"bytes that are not {kind} data follow its complete {kind} data (trailing "
            f"garbage from a download or copy?); cut them off, or decompress it with {kind} -d")


class _TrailingData(Exception):
    """Bytes after a complete stream that start no other."""


_CHUNK = 1 << 20  # the most data one decompress call gives (a bomb's block held, not all)


class _Streams(io.RawIOBase):
    """A bzip2 or xz file's data, its streams one after another (as ``bzip2 -d`` and
    ``xz -d`` read files joined with cat). The stdlib's own readers end the data silently
    at bytes after a stream that start none; here they are :class:`_TrailingData`, as in
    gzip. Seeking back starts again from the first byte (as gzip's reader does)."""

    def __init__(self, raw: Any, make: Callable[[], Any], errors: tuple[type[Exception], ...]):
        self._raw, self._make, self._errors = raw, make, errors
        self._rewind()

    def _rewind(self) -> None:
        self._raw.seek(0)
        self._stream, self._first, self._given = self._make(), True, False
        self._pos, self._done = 0, False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        with memoryview(buffer) as view, view.cast("B") as out:
            data = self._read(len(out))
            out[:len(data)] = data
        return len(data)

    def _read(self, size: int) -> bytes:
        size = min(size, _CHUNK)
        while not self._done and size:
            if self._stream.eof:
                # NUL bytes between and after streams are padding (xz's format has it;
                # gzip's reader skips them too), not trailing garbage
                block = self._stream.unused_data.lstrip(b"\0")
                while not block and (more := self._raw.read(1 << 16)):
                    block = more.lstrip(b"\0")
                if not block:
                    self._done = True
                    break
                self._stream, self._first, self._given = self._make(), False, False
            elif self._stream.needs_input:
                block = self._raw.read(1 << 16)
                if not block:
                    raise EOFError
            else:
                block = b""
            try:
                data = self._stream.decompress(block, size)
            except self._errors:
                if not (self._first or self._given):  # a later stream's first bytes
                    raise _TrailingData from None
                raise
            if data:
                self._given = True
                self._pos += len(data)
                return data
        return b""

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence == io.SEEK_END:
            while self._read(_CHUNK):
                pass
            offset += self._pos
        if offset < self._pos:
            self._rewind()
        while self._pos < offset and self._read(offset - self._pos):
            pass
        return self._pos
