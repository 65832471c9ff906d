"""JSONL: files read and lines parsed into JSON objects, json's errors worded once, and
lone surrogates refused."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, SummarizerError, shortened, value_repr
from summarizer.textio.decode import blank
from summarizer.textio.fields import json_type
from summarizer.textio.lines import (
    NotPlainUtf8,
    Utf8Lines,
    changed_while_read,
    plain_utf8,
    split_lines,
    utf8_lines,
)
from summarizer.textio.read import read_text
from summarizer.values import data_given, path_given, text_given

JSONL_SUFFIXES = (".jsonl", ".ndjson")  # read as JSONL wherever a file is


@dataclass
class JsonlFile:
    """The JSON objects of a JSONL file with their line numbers, and its encoding."""

    path: Path
    encoding: str
    records: list[tuple[int, dict[str, Any]]]

    def where(self, lineno: int) -> str:
        return f"{self.path}:{lineno}"

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        return iter(self.records)

    def bad_lines_first(self) -> AbstractContextManager[None]:
        """:meth:`JsonlLines.bad_lines_first`'s: every line was parsed as the file was read."""
        return nullcontext()


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def read_jsonl(path: str | os.PathLike) -> JsonlFile:
    """Every line of a JSONL file as a JSON object (blank lines are ignored).

    A line that is not valid JSON, or valid JSON that is not an object, is an
    :class:`InputError` naming the file and line; a file with no object is
    one too. Field types are the caller's to check (see :func:`field`).
    """
    path = Path(path_given(path, "path", InputError))
    text, enc = read_text(path)
    records = []
    for lineno, line in enumerate(split_lines(text), 1):
        if line.strip():
            records.append((lineno, parse_jsonl_line(line, f"{path}:{lineno}")))
    if not records:
        raise InputError(f"{path}: holds no JSON object")
    return JsonlFile(path, enc, records)


class JsonlLines:
    """The JSON objects of a plain UTF-8 JSONL file as :func:`read_jsonl` reads them, each
    line read and parsed as it is iterated (:func:`utf8_lines`): memory holds one line, not
    the file, and a reader that stops (at a bound, at a bad record) reads no further. Its
    encoding is known once the first line is read. Iterated once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: Utf8Lines | None = None  # the latest pass's lines
        self._reading: Iterator[tuple[int, dict[str, Any]]] | None = None  # the latest pass

    @property
    def encoding(self) -> str:
        """``utf-8-sig`` where the file opens with a byte-order mark, known once the first
        line is read; else ``utf-8``."""
        return "utf-8-sig" if self._lines is not None and self._lines.bom else "utf-8"

    def where(self, lineno: int) -> str:
        return f"{self.path}:{lineno}"

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        # a pass of a function, not of a method: one of self's own held self, and the file
        # stayed open after the last reference went, until the garbage collector ran
        self._lines = utf8_lines(self.path)
        self._reading = _records(self.path, self._lines)  # kept: bad_lines_first reads on
        return self._reading

    @contextmanager
    def bad_lines_first(self) -> Iterator[None]:
        """A :class:`SummarizerError` its body raises (a record's missing field, a bad
        cluster) is raised only once the lines after the record are known to be JSON
        objects: the first that is not is said instead, as :func:`read_jsonl` (parsing
        every line before a record is given) said it. The file is parsed once: the
        pass the body stopped is read on, holding nothing; a body that reads every
        line without an error costs nothing more."""
        try:
            yield
        except SummarizerError:
            reading, self._reading = self._reading, None
            if reading is not None:
                try:
                    for _ in reading:
                        pass
                except InputError as bad:
                    raise bad from None  # the body's error is no context of it
            raise


def _records(path: Path, lines: Utf8Lines) -> Iterator[tuple[int, dict[str, Any]]]:
    """:class:`JsonlLines`' records, of ``path``'s ``lines``."""
    found = False
    try:
        for lineno, line in lines:
            assert line is not None  # a line over the bound raised (no skip_long)
            if not blank(line):
                found = True
                rec = parse_jsonl_line(line, f"{path}:{lineno}")
                del line  # the record is held while its reader works on it, not the line
                yield lineno, rec
    except NotPlainUtf8:  # open_jsonl found it plain: changed since
        raise changed_while_read(path) from None
    if not found:  # as read_text says of a whitespace-only file
        raise InputError(f"{path}: is empty")


def open_jsonl(path: str | os.PathLike) -> JsonlFile | JsonlLines:
    """The JSON objects of a JSONL file, with :func:`read_jsonl`'s lines, records and errors:
    a plain UTF-8 file's (a compressed one's data too) read a line at a time as they are
    iterated (:class:`JsonlLines`), after one pass over its bytes that holds none of them
    (:func:`plain_utf8`, with :func:`read_bytes`' checks and bound); any other (UTF-16, a
    legacy code page, damaged bytes) read whole by :func:`read_jsonl`, as the decoding
    policy needs all of its bytes. A caller that checks records and should say a bad
    line further down first, as :func:`read_jsonl` does, checks them inside the result's
    ``bad_lines_first()``."""
    path = Path(path_given(path, "path", InputError))
    return JsonlLines(path) if plain_utf8(path, bounded=True) else read_jsonl(path)


# json's own limits, worded once for every reader (Python's words name its internals:
# "Exceeds the limit (4300 digits) for integer string conversion ... sys.set_int_max_str_
# digits()", "maximum recursion depth exceeded while decoding a JSON array")
JSON_DIGITS = "a number of more digits than JSON reads (4,300)"
JSON_NESTING = "nested too deep"


def json_problem(exc: BaseException) -> str:
    """Why ``json.loads`` refused a text, in the package's one wording: the syntax error,
    not UTF-8, :data:`JSON_DIGITS` or :data:`JSON_NESTING`."""
    if isinstance(exc, json.JSONDecodeError):  # its words end "... at", json's place after
        return exc.msg.removesuffix(" starting at").removesuffix(" at")
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, RecursionError):
        return JSON_NESTING
    return JSON_DIGITS if "digits" in str(exc) else shortened(str(exc))


def json_of_utf8(data: bytes, where: str | None = None) -> Any:
    """The JSON value of ``data``, UTF-8 text: how the package reads back the JSON files it
    wrote (run.json, manifest.json, comparison.json ...), with ``where`` (the file's name)
    a file the user gives (a model file), read by :func:`json_once`'s rule of a repeated
    key. A byte-order mark at the start is
    dropped: Notepad saves one, and ``json.loads`` refuses it in text, so a run.json opened
    and saved there blocked resuming a run whose results were intact. Errors are
    ``json.loads``'s (:func:`json_problem` words them), UnicodeDecodeError first."""
    text = data_given(data, "data", InputError).decode("utf-8-sig")
    return json.loads(text) if where is None else json_once(text, where)


def json_once(text: str | bytes, where: str, error: type[Exception] = InputError,
              **options: Any) -> Any:
    """``json.loads(text, **options)`` of JSON the user gives (a JSONL line, an ``--option``
    value, a model file), a key given twice in one of its objects with two values refused
    (:func:`_unique_keys`): ``error``, ``"WHERE: key 'a' given twice in one object, with two
    values ...; give it once"``, where ``json.loads`` kept the last in silence. The same
    value twice is taken. The files the package wrote itself, a value a key, are read as
    ``json.loads`` reads them. Other errors are ``json.loads``' (:func:`json_problem`)."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, **options)
    except _RepeatedKey as exc:
        raise error(f"{where}: key {value_repr(exc.key)} given twice in one object, with "
                    "two values (JSON readers keep one in silence, this one the last); "
                    "give it once") from None


def parse_jsonl_line(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as a JSON object; :class:`InputError` (naming ``where``) otherwise,
    a key given twice in one of its objects with two values too (:func:`_unique_keys`).

    :func:`read_jsonl` stops at the first bad line; a batch job calls this per
    line and reports the bad ones instead.
    """
    # a byte-order mark opens a line where files were joined with cat (the second one
    # saved with a mark, as Notepad saves): read past, as at the start of a file
    line = text_given(line, "line", InputError).removeprefix("\ufeff")
    try:
        rec = json_once(line, where, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:  # not json_once's InputError: no ValueError
        raise InputError(f"{where}: not valid JSON ({json_problem(exc)})") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: a JSON {json_type(rec)}, not an object "
                         "(each line must be one {...} object)")
    if _SURROGATE_ESCAPE.search(line):  # cheap test first: only an escape can make one
        try:
            lone = _lone_surrogate(rec)
        except RecursionError:
            raise InputError(f"{where}: not valid JSON ({JSON_NESTING})") from None
        if lone is not None:
            name, text = lone
            char = text[lone_surrogate(text) or 0]
            raise InputError(f"{where}: {name} holds \\u{ord(char):04x}, half of a UTF-16 "
                             "surrogate pair, which is not valid Unicode text")
    return rec


class _RepeatedKey(ValueError):
    """A key given twice in one JSON object with two values (:func:`_unique_keys`)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json``'s ``object_pairs_hook`` of :func:`json_once`: the object as
    ``json.loads`` makes it, or :class:`_RepeatedKey` where a key is given twice with two
    values (``{"text": "a", "text": "b"}``: the last counted, in silence). The check is the
    count of keys against that of pairs, per object as it is parsed; the pairs are read only
    where they differ. Per object, not per byte: a 50 MB line of text costs the same
    (``eval/bench_jsonl_keys.py``); the same value twice is the same row, and taken."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        for key, value in pairs:
            if not _same(obj[key], value):
                raise _RepeatedKey(key)
    return obj


def _same(a: Any, b: Any) -> bool:
    """Whether two parsed JSON values are one value (``true`` is not ``1``, nor ``1`` ``1.0``,
    though Python compares them equal)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


# JSON may spell half of a UTF-16 surrogate pair as an escape (``"\\ud800"``); Python
# keeps it as a lone surrogate that no UTF-8 writer accepts (an error far from the input).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds its first lone surrogate (half a UTF-16 pair, or a byte that
    ``errors="surrogateescape"`` kept undecoded), else None: not text a UTF-8 writer takes."""
    if text_given(text, "text", InputError).isascii():
        return None
    found = _SURROGATE.search(text)
    return found.start() if found else None


def refuse_lone_surrogate(text: str, what: str) -> None:
    """An :class:`InputError` naming ``what`` (``Document d1 text``) when ``text`` holds a
    lone surrogate: the one refusal of such text given to the library as a string."""
    at = lone_surrogate(text)
    if at is not None:
        raise InputError(
            f"{what} holds \\u{ord(text[at]):04x} at character {at}: an undecoded byte "
            "(errors='surrogateescape') or half a surrogate pair, not Unicode text; "
            "decode the bytes with summarizer.textio.decode_bytes")


def refuse_non_utf8_name(name: str | os.PathLike, command: str, where: str = "") -> None:
    """An :class:`InputError` naming ``name`` (a path, or a name taken from one) as bytes
    where it holds a lone surrogate: a byte that is not UTF-8, kept so by ``os.fsdecode``
    (a file named on a Latin-1 system), which the UTF-8 JSON files ``command`` writes
    cannot hold. The one refusal of such names (the CLI's arguments, the API's paths, the
    names a data set's files give); ``where`` opens the message."""
    text = os.fspath(name)
    if not isinstance(text, str) or lone_surrogate(text) is None:
        return
    try:
        raw = os.fsencode(text)
        shown = value_repr(raw)
    except UnicodeEncodeError:  # half a pair from Python, not a byte the system gave
        raw, shown = None, value_repr(text)
    if raw is not None and _utf8(raw):  # UTF-8 the locale cannot decode (PYTHONUTF8=0, C)
        raise InputError(f"{where}{shown} is UTF-8, which this process's file-system "
                         f"encoding ({sys.getfilesystemencoding()}) cannot decode: run it "
                         "with PYTHONUTF8=1 or a UTF-8 locale (LC_ALL=C.UTF-8); "
                         f"{command} records its inputs in UTF-8 JSON files")
    raise InputError(f"{where}{shown} is not UTF-8 text (a name written in another "
                     f"encoding): rename it; {command} records its inputs in UTF-8 JSON files")


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def refuse_non_utf8_record(value: Any, command: str) -> None:
    """:func:`refuse_non_utf8_name` for the first string (a key too) of ``value``, what
    ``command`` is about to record in a JSON file, before anything is written."""
    found = _lone_surrogate(value)
    if found is not None:
        refuse_non_utf8_name(found[1], command)


def _lone_surrogate(value: Any, name: str = "a value") -> tuple[str, str] | None:
    """The first string holding a lone surrogate in a parsed JSON value, and where:
    ("field 'text'", the string)."""
    if isinstance(value, str):
        return (name, value) if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(key):
                return f"a field name ({value_repr(key)})", key
            where = _lone_surrogate(item, f"field {value_repr(key)}")
            if where:
                return where
    elif isinstance(value, list | tuple):  # a tuple of settings about to be written too
        for item in value:
            where = _lone_surrogate(item, name)
            if where:
                return where
    return None
