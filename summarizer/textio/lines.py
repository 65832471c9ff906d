"""Text split into lines as JSONL splits it, and UTF-8 files read a line at a time."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.textio import read  # read.MAX_FILE_BYTES on each use: the bound may be changed
from summarizer.textio.compressed import Decompressed, open_input
from summarizer.textio.declared import declared_encoding
from summarizer.textio.sniff import BOMS, SNIFF_BYTES, looks_binary, text_looks_binary
from summarizer.values import path_given, text_given

# A line of a JSONL file (or of a file of one summary per line) ends at \n, \r\n or \r, as in
# JSON Lines and Python's universal newlines. str.splitlines() also ends one at \x0b, \x0c,
# \x1c-\x1e, \x85, \u2028 and \u2029, and JSON allows the last three unescaped inside a
# string (json.dumps(..., ensure_ascii=False) writes U+2028 of web text as it is): a valid
# line was cut in two, "not valid JSON", and summaries a line each were paired wrongly.
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text.splitlines()``, but ending lines only at ``\n``, ``\r\n`` and ``\r``."""
    lines = _LINE_END.split(text_given(text, "text", InputError))
    if lines[-1] == "":
        lines.pop()
    return lines


class NotPlainUtf8(Exception):
    """Raised by :func:`utf8_lines` for a file it cannot read line by line: anything but
    UTF-8 text (with or without a byte-order mark). Read such a file whole."""


def changed_while_read(path: str | os.PathLike, why: str = "it is no longer UTF-8") -> InputError:
    """The error for data that changed while it was read: by default a file that a first
    pass found plain UTF-8 and :func:`utf8_lines` then did not (:class:`NotPlainUtf8`)."""
    return InputError(f"{path}: changed while it was read ({why}); run again on data that "
                      "stays as it is")


def _plain_utf8_head(head: bytes) -> bool:
    """False where the start of a file shows that :func:`decode_bytes` would not read it
    as UTF-8 text: another byte-order mark, or binary data."""
    if head.startswith(codecs.BOM_UTF8):  # decode_bytes checks the decoded text then
        return not text_looks_binary(head[3:].decode("utf-8", errors="ignore"))
    return not (any(head.startswith(b) for b, _ in BOMS) or looks_binary(head))


class _Iso2022Jp:
    """Whether data is 7-bit ISO-2022-JP that declares itself, which :func:`decode_bytes`
    reads so (all of it 7-bit, with an escape byte) though every byte is UTF-8 too (its
    lines, read as UTF-8, keep the escapes): its ``head`` (the first 1024 bytes at least;
    None: not looked for) declares it, and the data, fed in pieces, is known at the end."""

    def __init__(self, head: bytes | None) -> None:
        self.declared = head is not None and declared_encoding(head) == "iso2022_jp"
        self._seven_bit, self._escape = True, False

    def feed(self, data: bytes) -> None:
        if self.declared:
            self._seven_bit = self._seven_bit and data.isascii()
            self._escape = self._escape or b"\x1b" in data

    @property
    def read_so(self) -> bool:
        """Whether all the data fed is read as ISO-2022-JP."""
        return self.declared and self._seven_bit and self._escape


def utf8_lines(path: str | os.PathLike, skip_long: bool = False) -> Utf8Lines:
    """The lines of a UTF-8 file one at a time (:class:`Utf8Lines`)."""
    return Utf8Lines(path, skip_long)


class Utf8Lines(Iterator[tuple[int, str | None]]):
    """The lines of a UTF-8 file one at a time, numbered and split as
    ``split_lines(read_text(path).text)`` numbers and splits them, with the same
    text: memory holds one line, whatever the file's size.

    Data that :func:`decode_bytes` would read otherwise (UTF-16 or UTF-32, binary data,
    damaged UTF-8, a legacy code page) raises :class:`NotPlainUtf8` as soon as it is met
    (possibly after lines were given): the caller reads the file whole instead, with the
    decoding policy and its errors. A file with no text at all gives no line. A gzip file's
    decompressed lines are given (:func:`open_input`). ``bom``: whether the data starts
    with a UTF-8 byte-order mark, known once the first line is asked for (so a reader that
    records the encoding opens the file once).

    A line over ``MAX_FILE_BYTES`` is an :class:`InputError`; with ``skip_long`` (a batch job,
    whose rows fail one by one) it is read to its end without being kept and given as
    ``(lineno, None)``, :attr:`long_line` saying why: memory holds the bound, not the line."""

    def __init__(self, path: str | os.PathLike, skip_long: bool = False) -> None:
        self.path = Path(path_given(path, "path", InputError))
        self.skip_long = skip_long
        # what the reading learns, held apart: a generator of self's own method held self,
        # a cycle that kept the file open after the last reference went, until the
        # garbage collector ran (after every batch job)
        self._found = _Found()
        self._lines = _read(self.path, skip_long, self._found)

    @property
    def bom(self) -> bool:
        return self._found.bom

    @property
    def long_line(self) -> str:
        """Why the last line given as None was left out."""
        return self._found.long_line

    def __next__(self) -> tuple[int, str | None]:  # None: only with skip_long
        return next(self._lines)

    def close(self) -> None:
        """Close the file now (as a generator's ``close``), not when this is collected."""
        self._lines.close()


class _Found:
    """What :func:`_read` learns of its file as it reads: a byte-order mark, a long line."""

    __slots__ = ("bom", "long_line")

    def __init__(self) -> None:
        self.bom = False
        self.long_line = ""


def _read(path: Path, skip_long: bool, found: _Found
          ) -> Generator[tuple[int, str | None], None, None]:
    """:class:`Utf8Lines`' lines."""
    with open_input(path) as fh:
        head = fh.read(4 * SNIFF_BYTES + 3)
        if not _plain_utf8_head(head):
            raise NotPlainUtf8(str(path))
        found.bom = head.startswith(codecs.BOM_UTF8)
        fh.seek(3 if found.bom else 0)
        # 7-bit ISO-2022-JP that declares itself: known at the end (all 7-bit, an escape)
        jp = _Iso2022Jp(None if found.bom else head)
        lineno = 0
        # split at b"\n" (never inside a UTF-8 character); a line is bounded as a file is
        while True:
            start = fh.tell()
            raw = bounded_line(fh, skip_long)
            if raw is None:  # over the bound (read past with skip_long)
                of = " of the decompressed data" if isinstance(fh, Decompressed) else ""
                found.long_line = (f"line {lineno + 1} (at byte {start:,}{of}) is over "
                                  f"{read.amount(read.MAX_FILE_BYTES)}; lines over "
                                  f"{read.amount(read.MAX_FILE_BYTES)} are refused")
                if not skip_long:
                    raise InputError(f"{path}: {found.long_line}")
                lineno += 1
                yield lineno, None
                continue
            if not raw:
                if jp.read_so:
                    raise NotPlainUtf8(str(path))
                break
            jp.feed(raw)
            newline = raw.endswith(b"\n")
            try:  # the text without its "\n": most lines need no split (a copy)
                text = str(memoryview(raw)[:len(raw) - newline], "utf-8")
            except UnicodeDecodeError:
                raise NotPlainUtf8(str(path)) from None
            del raw
            # a \r too, as read_jsonl splits
            lines = [text] if "\r" not in text else split_lines(text + "\n" * newline)
            del text
            # given out of the list, so that this frame holds no line while its reader
            # works on it (the bytes, the text and the line of a 50 MB line were held)
            lines.reverse()
            while lines:
                lineno += 1
                yield lineno, lines.pop()


LINE_BLOCK = 1 << 24  # a line is read this much at a time (at most the bound and a byte)


def _line_block() -> int:
    return min(LINE_BLOCK, read.MAX_FILE_BYTES + 1)


def bounded_line(fh: Any, read_past: bool = False) -> bytes | None:
    """The next line of binary ``fh`` with its b"\\n" (b"" at the end); None for a line over
    MAX_FILE_BYTES (with ``read_past``, read to its end). Read a block at a time, and a line
    over the bound dropped as soon as it is: ``readline(MAX_FILE_BYTES + 1)`` grew its
    buffer to twice the bound first (a 530 MiB line took 1.08 GB to find too long)."""
    block = _line_block()
    parts: list[bytes] = []
    size = 0
    while more := fh.readline(block):
        size += len(more)
        if size > read.MAX_FILE_BYTES:
            parts.clear()  # what is held goes; the rest is read past, or not read at all
            while read_past and not more.endswith(b"\n") and (more := fh.readline(block)):
                pass
            return None
        parts.append(more)
        if more.endswith(b"\n"):
            break
    return b"".join(parts)  # one part: that same bytes object, not a copy


class Utf8Check:
    """:func:`plain_utf8`'s answer for data given block by block (``feed``, then ``done``),
    so that a pass made for another reason (hashing a batch input) answers it too: the head
    check on the first ``4 * SNIFF_BYTES + 3`` bytes, then the whole data as UTF-8,
    holding no more than the head and one block's text."""

    HEAD = 4 * SNIFF_BYTES + 3

    def __init__(self) -> None:
        self.plain = True  # False once the data is known not to be
        self._head = b""  # the first bytes, until there are HEAD of them
        self._decoder: Any = None
        self._jp = _Iso2022Jp(None)  # its head read at _start

    def feed(self, block: bytes) -> bool:
        """Check the next ``block``; False once the data is known not to be plain UTF-8."""
        if not self.plain:
            return False
        if self._decoder is None:
            self._head += block
            if len(self._head) >= self.HEAD:
                self._start()
            return self.plain
        try:
            self._decoder.decode(block)  # one block's text at most: the check holds no file
        except UnicodeDecodeError:
            self.plain = False
        self._jp.feed(block)
        return self.plain

    def done(self) -> bool:
        """Whether all the data fed is plain UTF-8 (:func:`utf8_lines` reads all of it)."""
        if self.plain and self._decoder is None:
            self._start()
        if self.plain:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                self.plain = False
        if self._jp.read_so:
            self.plain = False
        return self.plain

    def _start(self) -> None:
        data, self._head = self._head, b""
        if not _plain_utf8_head(data[:self.HEAD]):
            self.plain = False
            return
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._jp = _Iso2022Jp(data)  # a byte-order mark: not 7-bit, never read so
        self.feed(data)  # the head is decoded with the rest


def plain_utf8(path: str | os.PathLike, bounded: bool = False,
               also: Callable[[bytes], object] | None = None) -> bool:
    """Whether :func:`utf8_lines` reads all of ``path``: a pass over its bytes in blocks,
    holding none of them, before a reader commits to going line by line (a gzip file's
    decompressed data: damaged gzip data is a :class:`CompressedDataError` here).
    ``bounded``: with :func:`~summarizer.textio.read.read_bytes`' checks and bound, so that a
    file it would refuse is refused here, before a line is read (a compressed one's as soon
    as its data passes the bound, never held). ``also``: given each block too (until the
    data is known not to be plain UTF-8), so that what a reader needs to know of the data
    besides is learnt in this pass: a compressed file's data is decompressed once for both."""
    path = Path(path_given(path, "path", InputError))
    check = Utf8Check()
    size = 0
    with read.open_bounded(path) if bounded else open_input(path) as fh:
        for block in iter(lambda: fh.read(1 << 18), b""):  # one pass: the head decoded too
            size += len(block)
            if bounded and size > read.MAX_FILE_BYTES:
                raise read.over_bound(str(path), read.MAX_FILE_BYTES)
            if not check.feed(block):
                return False
            if also is not None:
                also(block)
    return check.done()
