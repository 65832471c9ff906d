"""Compressed input: one opener for every reader.

A gzip-compressed file (found by its first bytes, whatever its name: ``.jsonl.gz``,
``.ndjson.gz``, ``.txt.gz`` ...) is decompressed as it is read (:func:`open_input`), and its
data is then decoded as any file's; the bounds on a file and on a line hold for the
decompressed data.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarizer.errors import CompressedDataError, InputError

GZIP_MAGIC = b"\x1f\x8b"  # no text starts so: 0x8b is not a first byte in UTF-8
COMPRESSED_SUFFIXES = (".gz",)
# gzip's "Not a gzipped file" past the first header (matched before opening): bytes after a
# complete stream, not damage in it, which "damaged gzip data (Not a gzipped file (b'ga'))" said
_TRAILING = ("bytes that are not gzip data follow its complete gzip data (trailing garbage "
             "from a download or copy?); cut them off, or decompress it with gzip -d")


def uncompressed_name(path: str | os.PathLike) -> Path:
    """The name a compressed file's data goes by (``news.jsonl.gz`` -> ``news.jsonl``): what
    its kind (JSONL, HTML ...) and the name of what it holds are read from."""
    path = Path(path)
    return path.with_suffix("") if path.suffix.lower() in COMPRESSED_SUFFIXES else path


def open_input(path: str | os.PathLike) -> Any:
    """``path`` opened for reading its data, as a binary file: a gzip file (by its first
    bytes, whatever its name) is decompressed as it is read, in blocks (a few MB of a
    decompression bomb, never all of it, are in memory at a time), and gzip data that is
    cut short or damaged is a :class:`CompressedDataError` when reached. Every reader here
    opens input so; :class:`InputError` when it cannot be opened."""
    path = Path(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        gzipped = fh.peek(len(GZIP_MAGIC))[:len(GZIP_MAGIC)] == GZIP_MAGIC
    except OSError as exc:
        fh.close()
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return Gunzip(fh, str(path)) if gzipped else fh


class Gunzip:
    """A gzip stream's data as it is decompressed (``gzip`` is imported for such input
    only); what the readers call of a file, with gzip's errors as one
    :class:`CompressedDataError` naming the input."""

    def __init__(self, raw: Any, name: str):
        import gzip
        import zlib

        self._raw, self.name = raw, name
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._zlib_error = zlib.error

    def read(self, size: int = -1) -> bytes:
        return self._call(self._gz.read, size)

    def readline(self, size: int = -1) -> bytes:
        return self._call(self._gz.readline, size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._call(self._gz.seek, offset, whence)

    def tell(self) -> int:
        return self._gz.tell()

    def close(self) -> None:
        self._gz.close()  # leaves the file it was given open
        self._raw.close()

    def __enter__(self) -> Gunzip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args)
        except EOFError:
            raise CompressedDataError(
                f"{self.name}: the gzip data is cut short (it ends before its end-of-stream "
                "marker: an incomplete download or copy?)") from None
        except (OSError, self._zlib_error) as exc:  # BadGzipFile is an OSError
            raise CompressedDataError(f"{self.name}: " + (_TRAILING if str(exc).startswith(
                "Not a gzipped file") else f"damaged gzip data ({exc})")) from None

