"""A JSON file whose top-level object holds long arrays, read value by value.

``json.loads`` holds the whole text and the whole tree while it reads (a report.json of
1,000,000 clusters: about 2 GB). :func:`read_object` reads the file in 64 KB blocks of
text and decodes one value at a time with ``json``'s own decoder
(:meth:`json.JSONDecoder.raw_decode`); the items of the arrays named in ``streamed`` go to
a sink one at a time instead of into a list. Memory holds the block, the value being
decoded and what the sinks keep.

Only the punctuation of the top-level object and of the objects and arrays named in
``streamed`` (braces, brackets, commas, colons) is read here; every key, value and item is
decoded by ``json``, so the result is what ``json.loads`` gives for any layout (indented,
compact, keys in any order, a key twice: the last one counts), and a file it refuses is
refused here with its message and line: :class:`JSONStreamError`. Bytes that are not UTF-8 anywhere in the file
raise :class:`UnicodeDecodeError` before any syntax error, as decoding the whole text first
does.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO, Protocol

from summarizer.textio import JSON_DIGITS, json_problem

BLOCK = 1 << 16  # bytes read at a time
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# A value that fails to decode this far before the end of the text read so far is an
# error, not a value cut by the block's end (the decoder looks ahead a few characters at
# most: '-Infinity', '\uXXXX'); an unterminated string is always read on. A value that
# decodes but ends this near the end is decoded again with more text (a number may go on).
_LOOKAHEAD = 64


class JSONStreamError(ValueError):
    """Not valid JSON: ``msg`` and ``lineno`` as :class:`json.JSONDecodeError` gives them."""

    def __init__(self, msg: str, lineno: int):
        super().__init__(f"{msg} at line {lineno}")
        self.msg, self.lineno = msg, lineno

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy: made again from both values
        return type(self), (self.msg, self.lineno), self.__dict__


class Sink(Protocol):
    def add(self, item: Any) -> None: ...


class _Text:
    """The file's text in a window: ``buf[pos:]`` is what has not been read yet."""

    def __init__(self, fh: BinaryIO, block: int):
        self.fh, self.block = fh, block
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf, self.pos, self.eof = "", 0, False
        self.lines = 0  # line breaks in the text dropped from the window

    def more(self, at_least: int = 0) -> bool:
        """Read on (at least ``at_least`` characters when the file has them); False at EOF."""
        if self.eof:
            return False
        if self.pos:
            self.lines += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos:], 0
        got = 0
        while not self.eof and got < max(at_least, 1):
            raw = self.fh.read(max(self.block, at_least))
            text = self.decoder.decode(raw, final=not raw)
            self.eof = not raw
            self.buf += text
            got += len(text)
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end), not consumed."""
        while True:
            space = _WS.match(self.buf, self.pos)
            assert space is not None  # "[ \t\n\r]*" matches anywhere (maybe nothing)
            self.pos = space.end()
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def value(self) -> Any:
        """Decode the value at ``pos`` (white space before it skipped), reading on while the
        text read so far ends inside it."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or \
                    exc.pos >= len(self.buf) - _LOOKAHEAD
                if cut and self.more(len(self.buf) - self.pos):  # doubles: linear in a value
                    continue
                raise self.error(json_problem(exc), exc.pos) from None
            except ValueError:  # json's own digit limit (not a JSONDecodeError)
                raise self.error(JSON_DIGITS) from None
            # a number the block cut ("0." of 0.5, "1e" of 1e-7) decodes as a shorter one
            if end > len(self.buf) - _LOOKAHEAD and self.more():
                continue
            self.pos = end
            return obj

    def error(self, msg: str, at: int | None = None) -> JSONStreamError:
        """A syntax error at ``at`` (default: ``pos``) of the window; the rest of the file is
        decoded first (not kept), so that bytes that are not UTF-8 are the error reported."""
        at = self.pos if at is None else at
        line = self.lines + self.buf.count("\n", 0, at) + 1
        while raw := self.fh.read(self.block):
            self.decoder.decode(raw)
        self.decoder.decode(b"", final=True)
        return JSONStreamError(msg, line)

    def expect(self, char: str, msg: str) -> None:
        if self.peek() != char:
            raise self.error(msg)
        self.pos += 1


def _array(text: _Text, add: Callable[[Any], None]) -> None:
    """The array at ``pos`` (its '[' next), each item given to ``add`` as decoded."""
    text.expect("[", "Expecting value")
    if text.peek() == "]":
        text.pos += 1
        return
    while True:
        add(text.value())
        c = text.peek()
        if c == "]":
            text.pos += 1
            return
        if c != ",":
            raise text.error("Expecting ',' delimiter")
        text.pos += 1


Spec = Mapping[str, "Callable[[], Sink] | Spec"]


def _object(text: _Text, streamed: Spec) -> dict[str, Any]:
    data: dict[str, Any] = {}
    text.expect("{", "Expecting value")
    if text.peek() == "}":
        text.pos += 1
        return data
    while True:
        if text.peek() != '"':
            raise text.error("Expecting property name enclosed in double quotes")
        key = text.value()
        text.expect(":", "Expecting ':' delimiter")
        spec = streamed.get(key) if isinstance(key, str) else None
        c = text.peek()
        # a key given twice: the last value, in the first one's place (as json)
        if callable(spec) and c == "[":
            sink = spec()
            _array(text, sink.add)
            data[key] = sink
        elif isinstance(spec, Mapping) and c == "{":
            data[key] = _object(text, spec)
        else:
            data[key] = text.value()
        c = text.peek()
        if c == "}":
            text.pos += 1
            return data
        if c != ",":
            raise text.error("Expecting ',' delimiter")
        text.pos += 1


def read_object(fh: BinaryIO, streamed: Spec, block: int | None = None) -> Any:
    """The JSON text of ``fh`` (bytes, UTF-8, read from the start), decoded: an object as a
    dict whose arrays under a key of ``streamed`` are replaced by the sink made for them
    (``streamed[key]()``), each of their items given to its ``add``; a key whose spec is
    itself a mapping names an object read so, with that spec (``{"a": {"b": sink}}``: the
    array at ``a.b``). A top-level array is read through and returned empty (its items are
    not kept); any other value as decoded."""
    text = _Text(fh, block or BLOCK)
    text.more()
    if text.buf.startswith("\ufeff"):  # a byte-order mark (a Notepad save): as json_of_utf8
        text.pos = 1
    c = text.peek()
    if c == "{":
        out: Any = _object(text, streamed)
    elif c == "[":
        out = []
        _array(text, lambda item: None)
    else:
        out = text.value()
    if text.peek():
        raise text.error("Extra data")
    return out
