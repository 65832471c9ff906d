"""Reading text and JSONL files: the one decoding policy and the one JSONL reader.

This package sits at the bottom of the stack (it imports only :mod:`summarizer.errors`,
:mod:`summarizer.values`, whose checks of a path, text or data given another type it uses,
and :mod:`summarizer.languages`), so ``documents``, ``metrics`` and ``evaluation`` all
read files the same way. One idea a module, each importing only those above it here:

- ``kind``: what a path names (a folder, a pipe, a device ...), and the one refusal of
  anything but a regular file (:func:`refuse_irregular`, one wording);
- ``compressed``: gzip, bzip2 and xz input decompressed as it is read (:func:`open_input`,
  the one opener of every reader), archives refused by name;
- ``sniff``: binary data, byte-order marks and HTML told apart before decoding;
- ``declared``: the encoding data declares (``<meta charset>``, an XML declaration);
- ``detect``: legacy encodings guessed by ``charset-normalizer``;
- ``decode``: bytes to text by the one policy (:func:`decode_bytes`, its steps listed there);
- ``read``: files and streams read whole within ``read.MAX_FILE_BYTES``, then decoded;
- ``lines``: lines split as JSONL splits them, UTF-8 files read a line at a time;
- ``fields``: a JSON record's fields checked, and JSON's type names;
- ``jsonl``: JSONL files and lines parsed, json's errors worded once;
- ``walk``: folders walked, hidden files, links and files met twice skipped;
- ``stamp``: input files' identity, taken when a run fingerprints them and checked
  before it is marked complete (:class:`InputStamp`).

The names below are this package's public ones. The bounds ``MAX_FILE_BYTES`` and
``LINE_BLOCK`` live in their modules (``read``, ``lines``), where every reader looks them
up; ``summarizer.textio.MAX_FILE_BYTES`` (as before the split) reads and sets them there.
"""

from __future__ import annotations

import sys
import types

from summarizer.textio import lines, read  # the bounds' homes
from summarizer.textio.compressed import (
    COMPRESSED_SUFFIXES,
    GZIP_MAGIC,
    compression,
    open_input,
    uncompressed_name,
)
from summarizer.textio.declared import declared_encoding
from summarizer.textio.decode import (
    Decoded,
    blank,
    decode_as,
    decode_bytes,
    decode_text,
    text_codec,
)
from summarizer.textio.fields import a_json_type, field, json_type, with_id
from summarizer.textio.jsonl import (
    JSON_DIGITS,
    JSON_NESTING,
    JSONL_SUFFIXES,
    JsonlFile,
    JsonlLines,
    json_of_utf8,
    json_once,
    json_problem,
    lone_surrogate,
    open_jsonl,
    parse_jsonl_line,
    read_jsonl,
    refuse_lone_surrogate,
    refuse_non_utf8_name,
    refuse_non_utf8_record,
)
from summarizer.textio.kind import mode_kind, not_regular, path_kind, refuse_irregular
from summarizer.textio.lines import (
    NotPlainUtf8,
    Utf8Check,
    Utf8Lines,
    changed_while_read,
    plain_utf8,
    split_lines,
    utf8_lines,
)
from summarizer.textio.read import (
    expand_home,
    home_folder,
    input_exists,
    read_at,
    read_bytes,
    read_stream,
    read_text,
)
from summarizer.textio.sniff import HTML_SUFFIXES, looks_binary, looks_like_html, text_looks_binary
from summarizer.textio.stamp import InputStamp
from summarizer.textio.walk import (
    already_read,
    is_hidden,
    is_saved_dataset,
    name_index,
    walk_files,
)

__all__ = [
    "COMPRESSED_SUFFIXES", "GZIP_MAGIC", "HTML_SUFFIXES", "JSONL_SUFFIXES", "JSON_DIGITS",
    "JSON_NESTING", "Decoded", "InputStamp", "JsonlFile", "JsonlLines", "NotPlainUtf8", "Utf8Check", "Utf8Lines",
    "a_json_type", "already_read", "blank", "changed_while_read", "compression", "declared_encoding", "decode_as",
    "decode_bytes", "decode_text", "expand_home", "field", "home_folder", "input_exists", "read_at", "is_hidden", "is_saved_dataset",
    "json_of_utf8", "json_once",
    "json_problem", "json_type", "lone_surrogate", "looks_binary", "looks_like_html",
    "mode_kind", "name_index", "not_regular", "open_input", "open_jsonl", "path_kind", "parse_jsonl_line",
    "plain_utf8", "read_bytes", "read_jsonl", "read_stream", "read_text", "refuse_irregular",
    "refuse_lone_surrogate", "refuse_non_utf8_name", "refuse_non_utf8_record", "split_lines", "text_codec", "text_looks_binary", "uncompressed_name",
    "utf8_lines", "walk_files", "with_id",
]


def _bound(home: types.ModuleType, name: str) -> property:
    return property(lambda _: getattr(home, name), lambda _, value: setattr(home, name, value))


class _Package(types.ModuleType):
    # textio.MAX_FILE_BYTES = n (a module constant before the split) would set a copy no
    # reader looks at, and reading it was an AttributeError: both go to the bound's home
    MAX_FILE_BYTES = _bound(read, "MAX_FILE_BYTES")
    LINE_BLOCK = _bound(lines, "LINE_BLOCK")


sys.modules[__name__].__class__ = _Package
