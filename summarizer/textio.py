"""Reading text and JSONL files: the one decoding policy and the one JSONL reader.

This module sits at the bottom of the stack (it imports only
:mod:`summarizer.errors` and :mod:`summarizer.languages`), so ``documents``,
``metrics`` and ``evaluation`` all read files the same way.

A gzip-compressed file (found by its first bytes, whatever its name: ``.jsonl.gz``,
``.ndjson.gz``, ``.txt.gz`` ...) is decompressed as it is read (:func:`open_input`, the one
opener of every reader here), and its data is then decoded as any file's; the bounds on a
file and on a line hold for the decompressed data.

Decoding policy, in order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. UTF-16 without a BOM is recognised by its pattern of NUL bytes;
3. data with NUL bytes or many control characters is binary: :class:`InputError`;
4. valid UTF-8 is UTF-8 (plain ASCII included; but 7-bit ISO-2022-JP that declares
   itself, as in step 6, is read as such);
5. UTF-8 with a few damaged bytes (at most 1 per 10 well-formed non-ASCII characters, and
   at least 20 of those) is still UTF-8, each bad byte read as U+FFFD
   (:attr:`Decoded.replaced` counts them): a legacy code page would garble every accented
   letter and dash of the file to account for a few bytes of a bad copy;
6. an encoding the data declares, as a browser finds it (the WHATWG prescan: a
   ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first 1024 bytes, comments skipped; or an XML declaration's ``encoding``), is
   used when it is one of the WHATWG Encoding standard's and decodes the data without
   error; labels mean what they mean to a browser (``iso-8859-1`` and ``ascii`` are
   cp1252, ``shift_jis`` cp932, ``gb2312`` gb18030 ...). A detector guesses from
   letter statistics and misses where the page says (``iso-8859-15``'s euro sign read as
   cp1252's ``¤``; Portuguese ``São`` as cp1250's ``Săo``). A wrong declaration that
   still decodes (cp1251 text labelled windows-1252) is garbled, as in a browser;
7. anything else goes to ``charset-normalizer``, which picks the legacy
   encoding whose decoded text reads most like language (Shift-JIS, GB18030,
   EUC-KR, cp1251, KOI8-R, cp1253, cp1256, cp1250, cp1252 ...). A known
   document language narrows the candidates to its legacy code pages first.
   Data that no encoding turns into plausible text is an :class:`InputError`.

The encoding used is always returned (Python's codec name, e.g. ``"cp1251"``),
so callers can report it.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from summarizer.errors import CompressedDataError, InputError

# How much of the data the binary and UTF-16 sniffing look at.
_SNIFF_BYTES = 8192
# Share of control characters above which data is treated as binary.
_MAX_CONTROL_RATIO = 0.10
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
# Files larger than this are refused: memory stays bounded whatever is given.
MAX_FILE_BYTES = 512 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: it starts with the UTF-16 LE mark
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(NamedTuple):
    """The text of a file and the encoding it was read with: ``text, encoding = ...``."""

    text: str
    encoding: str

    @property
    def bom(self) -> bool:
        """Whether the data started with a byte-order mark (removed from ``text``)."""
        return self.encoding in ("utf-8-sig", "utf-16", "utf-32")

    @property
    def is_utf8(self) -> bool:
        return self.encoding in ("utf-8", "utf-8-sig")

    @property
    def replaced(self) -> int:
        """Characters of UTF-8 text that could not be read: U+FFFD, put for each damaged byte
        (step 5 of the policy), or already in the file."""
        return self.text.count("\ufffd") if self.is_utf8 else 0


def blank(text: str) -> bool:
    """``not text.strip()`` without its copy: stripping a file's text that ends in a line
    break copied all of it (100 MB more to read a 50 MB file)."""
    return not text or text.isspace()


def _label(name: str | None) -> str:
    return f"{name}: " if name else ""


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern says so, else None."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    # ASCII-range text in UTF-16 has a NUL in every other byte.
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > _MAX_CONTROL_RATIO


def text_looks_binary(text: str) -> bool:
    """True for decoded text that is not text: NULs, or many control, unassigned or
    private-use characters (binary data behind a UTF-16/32 byte-order mark decodes to
    such characters rather than failing)."""
    import unicodedata

    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    odd = sum(1 for c in sample
              if (ord(c) < 0x20 and ord(c) not in _TEXT_CONTROLS)
              or unicodedata.category(c) in ("Cn", "Co", "Cs"))
    return odd / len(sample) > _MAX_CONTROL_RATIO


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# An HTML document opens so, after an XML declaration (XHTML) and comments.
_HTML_START = re.compile(r"\A(?:\ufeff)?\s*(?:<\?xml\s[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         r"<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str, path: str | os.PathLike | None = None) -> bool:
    """An ``.html``/``.htm``/``.xhtml`` file (``.html.gz`` too), or text that opens as an
    HTML document does. Here, not in :mod:`summarizer.documents.html`, so that loading
    plain text sniffs without importing the HTML parser."""
    if path is not None and uncompressed_name(path).suffix.lower() in HTML_SUFFIXES:
        return True
    return bool(_HTML_START.match(text[:4096]))


def _decoded_text(text: str, codec: str, name: str | None) -> Decoded:
    if text_looks_binary(text):
        raise InputError(f"{_label(name)}looks like a binary file, not text "
                         f"(decoded as {codec} it is mostly control or unassigned characters)")
    return Decoded(text, codec)


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name


def _detect(data: bytes, language: str | None) -> tuple[str, str] | None:
    """(text, encoding) chosen by charset-normalizer, or None when nothing fits.

    Without a language hint, the language of the detected text is guessed and,
    when one of its code pages also gives readable text, that page wins: short
    Czech text in cp1250 otherwise comes out as cp1258 mojibake.
    """
    from charset_normalizer import from_bytes  # only non-UTF-8 data pays for the import

    from summarizer.languages import guess_language, legacy_encodings

    def best_of(pages: tuple[str, ...] | None) -> tuple[str, str] | None:
        found = from_bytes(data, cp_isolation=list(pages) if pages else None).best()
        return None if found is None else (str(found), _codec_name(found.encoding))

    hinted = legacy_encodings(language) if language else ()
    result = best_of(hinted) if hinted else None
    if result is None:
        result = best_of(None)
        if result is None:
            return None
        pages = legacy_encodings(guess_language(result[0], default=""))
        if pages and result[1] not in {_codec_name(p) for p in pages}:
            result = best_of(pages) or result
    text, enc = result
    # Western single-byte pages often decode a text identically; then name the
    # page most files are really written in rather than the detector's pick.
    if enc in ("cp1250", "iso8859-1", "iso8859-15", "cp1254", "cp1257", "cp1258") and not hinted:
        try:
            if data.decode("cp1252") == text:
                enc = "cp1252"
        except UnicodeDecodeError:
            pass
    return text, enc


# Legacy encodings are detected on a sample this large (cut at a line break,
# which no multi-byte legacy encoding uses inside a character), then the whole
# file is decoded with the chosen codec: a 20 MB file costs what 256 KB does.
_DETECT_SAMPLE = 256 * 1024


def _sample(data: bytes) -> bytes | None:
    """The first ``_DETECT_SAMPLE`` bytes of large data, cut at a line break; None for data
    small enough to look at whole."""
    if len(data) <= 2 * _DETECT_SAMPLE:
        return None
    cut = data.rfind(b"\n", 0, _DETECT_SAMPLE)
    return data[: cut + 1] if cut > 0 else data[:_DETECT_SAMPLE]


def _detect_large(data: bytes, language: str | None) -> tuple[str, str] | None:
    sample = _sample(data)
    if sample is None:
        return _detect(data, language)
    found = _detect(sample, language)
    if found is not None:
        try:
            return data.decode(found[1]), found[1]
        except UnicodeDecodeError:
            pass  # the rest of the file disagrees with the sample: look at all of it
    return _detect(data, language)


# Damaged UTF-8 (step 5): bad bytes per well-formed non-ASCII character, at most; and the
# fewest such characters that show the file is UTF-8 (legacy single-byte text has next to
# none: its accented letters are lone high bytes, not valid UTF-8 sequences).
_DAMAGED_UTF8_SHARE = 0.1
_DAMAGED_UTF8_EVIDENCE = 20
_ESCAPED = re.compile("[\udc80-\udcff]")


_COUNT_BLOCK = 1 << 20


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """(bytes that are not UTF-8, well-formed non-ASCII characters) in ``data``, decoded a
    block at a time: decoded whole, the text and its copy without the bad bytes were held
    beside the data (50 MB of data took 250 MB more)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    bad = non_ascii = 0
    view = memoryview(data)
    for start in range(0, len(data) + 1, _COUNT_BLOCK):  # + 1: the final call on b""
        block = view[start:start + _COUNT_BLOCK]
        escaped = decoder.decode(block, final=len(block) < _COUNT_BLOCK)
        bad += _ESCAPED.subn("", escaped)[1]  # a count, not a list: legacy text has millions
        non_ascii += len(escaped) - len(escaped.encode("ascii", errors="ignore"))
    return bad, non_ascii - bad


def _damaged_utf8(data: bytes) -> Decoded | None:
    sample = _sample(data)
    if sample is not None:  # legacy text shows at once: skip the whole-file count
        bad, good = _utf8_counts(sample)
        if bad > _DAMAGED_UTF8_SHARE * max(good, _DAMAGED_UTF8_EVIDENCE):
            return None
    bad, good = _utf8_counts(data)
    if good < _DAMAGED_UTF8_EVIDENCE or bad > _DAMAGED_UTF8_SHARE * good:
        return None
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8")


# Step 6: an encoding the data declares. Browsers look in the first 1024 bytes.
_PRESCAN_BYTES = 1024
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_META = re.compile(rb"<meta[\s/]([^>]*)", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([^\s"';]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""\A<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']""")
# Labels browsers know and Python's codec registry does not (WHATWG Encoding standard).
_LABELS = {"x-mac-cyrillic": "mac-cyrillic", "x-mac-ukrainian": "mac-cyrillic",
           "x-mac-roman": "mac-roman", "windows-874": "cp874", "dos-874": "cp874",
           "x-sjis": "cp932", "windows-31j": "cp932", "x-gbk": "gb18030",
           "gb_2312-80": "gb18030", "x-euc-jp": "euc_jp", "iso-8859-8-i": "iso8859-8",
           "x-cp1250": "cp1250", "x-cp1251": "cp1251", "x-cp1252": "cp1252",
           "x-cp1253": "cp1253", "x-cp1254": "cp1254", "x-cp1255": "cp1255",
           "x-cp1256": "cp1256", "x-cp1257": "cp1257", "x-cp1258": "cp1258"}
# Where a browser decodes a label with a larger encoding than Python's codec of that name.
_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
              "tis-620": "cp874", "iso8859-11": "cp874", "gb2312": "gb18030",
              "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932", "big5": "big5hkscs"}
# The WHATWG Encoding standard's legacy encodings, as Python's codecs. Nothing else a page
# names is used (Python's registry also holds rot13, unicode_escape, zlib ...).
_DECLARABLE = frozenset({
    "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
    "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp1250", "cp1251", "cp1252",
    "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "gb18030", "big5hkscs",
    "euc_jp", "iso2022_jp", "cp932", "cp949"})


def _codec_of_label(label: bytes) -> str | None:
    """Python's codec for an encoding label as a browser reads it; None for a label that
    names no legacy encoding of the WHATWG standard (UTF-8 and UTF-16 included: data that
    reached step 6 is not UTF-8, and a page cannot declare UTF-16 in ASCII)."""
    name = label.decode("ascii", errors="replace").strip().lower()
    try:
        codec = codecs.lookup(_LABELS.get(name, name)).name
    except (LookupError, ValueError):
        return None
    codec = _SUPERSETS.get(codec, codec)
    return codec if codec in _DECLARABLE else None


def declared_encoding(data: bytes) -> str | None:
    """The legacy encoding ``data`` declares, as Python's codec name, or None: an XML
    declaration's ``encoding``, else the first ``<meta>`` in the first 1024 bytes (outside
    comments) with a ``charset`` attribute, or ``http-equiv="content-type"`` and a
    ``content`` naming a charset (the WHATWG prescan, by regular expressions)."""
    head = data[:_PRESCAN_BYTES]
    xml = _XML_DECLARATION.match(head)
    if xml:
        return _codec_of_label(xml.group(1))
    if b"<" not in head:
        return None
    for meta in _META.finditer(_COMMENT.sub(b"", head)):
        attrs: dict[bytes, bytes] = {}
        for key, value in _ATTRIBUTE.findall(meta.group(1)):
            attrs.setdefault(key.lower(), value.strip(b"\"'"))
        if b"charset" in attrs:
            label = attrs[b"charset"]
        elif attrs.get(b"http-equiv", b"").strip().lower() == b"content-type":
            found = _CHARSET.search(attrs.get(b"content", b""))
            if not found:
                continue
            label = found.group(1)
        else:
            continue
        return _codec_of_label(label)  # the first declaration counts, as in a browser
    return None


def decode_bytes(data: bytes, name: str | None = None, language: str | None = None) -> Decoded:
    """Decode ``data`` by the policy in the module docstring.

    ``name`` is used in error messages; ``language`` (a name or code) narrows
    legacy-encoding detection to that language's code pages. Empty data gives
    empty text (see :func:`read_text` for the check).

    Raises :class:`InputError` for binary or undecodable data.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"{_label(name)}expected bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{_label(name)}has a {enc} byte-order mark but is not "
                                 f"valid {enc} ({exc.reason})") from None
            return _decoded_text(text, enc, name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return _decoded_text(data.decode(utf16), utf16, name)
        except UnicodeDecodeError:
            pass  # fall through to the binary check
    if looks_binary(data):
        raise InputError(f"{_label(name)}looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        if b"\x1b" in data and data.isascii() and declared_encoding(data) == "iso2022_jp":
            with contextlib.suppress(UnicodeDecodeError):
                return _decoded_text(data.decode("iso2022_jp"), "iso2022_jp", name)
        return Decoded(text, "utf-8")
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    declared = declared_encoding(data)
    if declared is not None:
        try:
            return _decoded_text(data.decode(declared), declared, name)
        except UnicodeDecodeError:
            pass  # the bytes say otherwise: a wrong declaration is ignored
    found = _detect_large(data, language)
    if found is None:
        raise InputError(
            f"{_label(name)}cannot be decoded: not UTF-8 (byte 0x{data[first_bad]:02x} at offset "
            f"{first_bad}) and no known encoding gives readable text; convert it to UTF-8"
        )
    return Decoded(*found)


def decode_as(data: bytes, encoding: str, name: str | None = None) -> Decoded:
    """Decode ``data`` with the encoding the user named; errors are :class:`InputError`."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if looks_binary(data) and not codec.startswith(("utf-16", "utf-32")):
        raise InputError(f"{_label(name)}looks like a binary file, not text")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{_label(name)}cannot be decoded as {encoding} (byte 0x{data[exc.start]:02x} at "
            f"offset {exc.start})"
        ) from None
    return _decoded_text(text, codec, name)


def read_bytes(path: str | os.PathLike) -> bytes:
    """A file's data (a gzip file's decompressed: :func:`open_input`); missing files,
    folders, unreadable files and data over :data:`MAX_FILE_BYTES` are :class:`InputError`."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    if not path.is_file():
        raise InputError(f"{path}: is not a regular file")
    try:
        size = path.stat().st_size
        with open_input(path) as fh:
            if isinstance(fh, _Gunzip):  # its size says nothing of its data's
                return _read_bounded(fh, str(path), "decompressed, it is")
            if size > MAX_FILE_BYTES:
                raise InputError(f"{path}: is {size / 2**20:.0f} MiB; files over "
                                 f"{MAX_FILE_BYTES // 2**20} MiB are refused")
            return fh.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


# ---------------------------------------------------------------------------
# Compressed input: one opener for every reader

GZIP_MAGIC = b"\x1f\x8b"  # no text starts so: 0x8b is not a first byte in UTF-8
COMPRESSED_SUFFIXES = (".gz",)


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
    return _Gunzip(fh, str(path)) if gzipped else fh


class _Gunzip:
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

    def __enter__(self) -> _Gunzip:
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
            raise CompressedDataError(f"{self.name}: damaged gzip data ({exc})") from None


def _read_bounded(fh: Any, name: str, what: str = "it is") -> bytes:
    """All of a stream's data, refused once past :data:`MAX_FILE_BYTES` (never more held)."""
    blocks, size = [], 0
    while block := fh.read(min(1 << 24, MAX_FILE_BYTES + 1 - size)):
        size += len(block)
        if size > MAX_FILE_BYTES:
            raise InputError(f"{name}: {what} over {MAX_FILE_BYTES // 2**20} MiB; inputs over "
                             f"{MAX_FILE_BYTES // 2**20} MiB are refused")
        blocks.append(block)
    return b"".join(blocks)


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
    data = read_bytes(path)
    decoded = (decode_as(data, encoding, str(path)) if encoding
               else decode_bytes(data, name=str(path), language=language))
    if not allow_empty and blank(decoded.text):
        raise InputError(f"{path}: is empty")
    return decoded


# ---------------------------------------------------------------------------
# JSONL

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


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def read_stream(stream: Any, name: str) -> bytes:
    """All the data of a stream (standard input), refused past :data:`MAX_FILE_BYTES`
    as a file would be: an endless pipe must not fill the memory. gzip data is
    decompressed, as a file's (:func:`open_input`), under the same bound."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: is over {MAX_FILE_BYTES // 2**20} MiB; inputs over "
                         f"{MAX_FILE_BYTES // 2**20} MiB are refused")
    if data.startswith(GZIP_MAGIC):
        import io

        with _Gunzip(io.BytesIO(data), name) as fh:
            return _read_bounded(fh, name, "decompressed, it is")
    return data


# A line of a JSONL file (or of a file of one summary per line) ends at \n, \r\n or \r, as in
# JSON Lines and Python's universal newlines. str.splitlines() also ends one at \x0b, \x0c,
# \x1c-\x1e, \x85, \u2028 and \u2029, and JSON allows the last three unescaped inside a
# string (json.dumps(..., ensure_ascii=False) writes U+2028 of web text as it is): a valid
# line was cut in two, "not valid JSON", and summaries a line each were paired wrongly.
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text.splitlines()``, but ending lines only at ``\n``, ``\r\n`` and ``\r``."""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def read_jsonl(path: str | os.PathLike) -> JsonlFile:
    """Every line of a JSONL file as a JSON object (blank lines are ignored).

    A line that is not valid JSON, or valid JSON that is not an object, is an
    :class:`InputError` naming the file and line; a file with no object is
    one too. Field types are the caller's to check (see :func:`field`).
    """
    path = Path(path)
    text, enc = read_text(path)
    records = []
    for lineno, line in enumerate(split_lines(text), 1):
        if line.strip():
            records.append((lineno, parse_jsonl_line(line, f"{path}:{lineno}")))
    if not records:
        raise InputError(f"{path}: holds no JSON object")
    return JsonlFile(path, enc, records)


class NotPlainUtf8(Exception):
    """Raised by :func:`utf8_lines` for a file it cannot read line by line: anything but
    UTF-8 text (with or without a byte-order mark). Read such a file whole."""


def _plain_utf8_head(head: bytes) -> bool:
    """False where the start of a file shows that :func:`decode_bytes` would not read it
    as UTF-8 text: another byte-order mark, or binary data."""
    if head.startswith(codecs.BOM_UTF8):  # decode_bytes checks the decoded text then
        return not text_looks_binary(head[3:].decode("utf-8", errors="ignore"))
    return not (any(head.startswith(b) for b, _ in _BOMS) or looks_binary(head))


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
        self.path = Path(path)
        self.bom = False
        self.skip_long = skip_long
        self.long_line = ""  # why the last line given as None was left out
        self._lines = self._read()

    def __next__(self) -> tuple[int, str | None]:  # None: only with skip_long
        return next(self._lines)

    def close(self) -> None:
        """Close the file now (as a generator's ``close``), not when this is collected."""
        self._lines.close()

    def _read(self) -> Generator[tuple[int, str | None], None, None]:
        path = self.path
        with open_input(path) as fh:
            head = fh.read(4 * _SNIFF_BYTES + 3)
            if not _plain_utf8_head(head):
                raise NotPlainUtf8(str(path))
            self.bom = head.startswith(codecs.BOM_UTF8)
            fh.seek(3 if self.bom else 0)
            lineno = 0
            # split at b"\n" (never inside a UTF-8 character); a line is bounded as a file is
            while True:
                start = fh.tell()
                raw = _bounded_line(fh, self.skip_long)
                if raw is None:  # over the bound (read past with skip_long)
                    of = " of the decompressed data" if isinstance(fh, _Gunzip) else ""
                    self.long_line = (f"line {lineno + 1} (at byte {start:,}{of}) is over "
                                      f"{MAX_FILE_BYTES // 2**20} MiB; lines over "
                                      f"{MAX_FILE_BYTES // 2**20} MiB are refused")
                    if not self.skip_long:
                        raise InputError(f"{path}: {self.long_line}")
                    lineno += 1
                    yield lineno, None
                    continue
                if not raw:
                    break
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise NotPlainUtf8(str(path)) from None
                for line in split_lines(text):  # a \r too, as read_jsonl splits
                    lineno += 1
                    yield lineno, line


LINE_BLOCK = 1 << 24  # a line is read this much at a time (at most the bound and a byte)


def _line_block() -> int:
    return min(LINE_BLOCK, MAX_FILE_BYTES + 1)


def _bounded_line(fh: Any, read_past: bool = False) -> bytes | None:
    """The next line of binary ``fh`` with its b"\\n" (b"" at the end); None for a line over
    MAX_FILE_BYTES (with ``read_past``, read to its end). Read a block at a time, and a line
    over the bound dropped as soon as it is: ``readline(MAX_FILE_BYTES + 1)`` grew its
    buffer to twice the bound first (a 530 MiB line took 1.08 GB to find too long)."""
    block = _line_block()
    parts: list[bytes] = []
    size = 0
    while more := fh.readline(block):
        size += len(more)
        if size > MAX_FILE_BYTES:
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
    check on the first ``4 * _SNIFF_BYTES + 3`` bytes, then the whole data as UTF-8,
    holding no more than the head and one block's text."""

    HEAD = 4 * _SNIFF_BYTES + 3

    def __init__(self) -> None:
        self.plain = True  # False once the data is known not to be
        self._head = b""  # the first bytes, until there are HEAD of them
        self._decoder: Any = None

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
        return self.plain

    def _start(self) -> None:
        data, self._head = self._head, b""
        if not _plain_utf8_head(data[:self.HEAD]):
            self.plain = False
            return
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.feed(data)  # the head is decoded with the rest


def plain_utf8(path: str | os.PathLike) -> bool:
    """Whether :func:`utf8_lines` reads all of ``path``: a pass over its bytes in blocks,
    holding none of them, before a reader commits to going line by line (a gzip file's
    decompressed data: damaged gzip data is a :class:`CompressedDataError` here)."""
    check = Utf8Check()
    with open_input(Path(path)) as fh:  # one pass: the head is decoded with the rest
        for block in iter(lambda: fh.read(1 << 18), b""):
            if not check.feed(block):
                return False
    return check.done()


# json's own limits, worded once for every reader (Python's words name its internals:
# "Exceeds the limit (4300 digits) for integer string conversion ... sys.set_int_max_str_
# digits()", "maximum recursion depth exceeded while decoding a JSON array")
JSON_DIGITS = "a number of more digits than JSON reads (4,300)"
JSON_NESTING = "nested too deep"


def json_problem(exc: BaseException) -> str:
    """Why ``json.loads`` refused a text, in the package's one wording: the syntax error,
    not UTF-8, :data:`JSON_DIGITS` or :data:`JSON_NESTING`."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, RecursionError):
        return JSON_NESTING
    return JSON_DIGITS if "digits" in str(exc) else str(exc)[:80]


def parse_jsonl_line(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as a JSON object; :class:`InputError` (naming ``where``) otherwise.

    :func:`read_jsonl` stops at the first bad line; a batch job calls this per
    line and reports the bad ones instead.
    """
    try:
        rec = json.loads(line, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
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
            name, char = lone
            raise InputError(f"{where}: {name} holds \\u{ord(char):04x}, half of a UTF-16 "
                             "surrogate pair, which is not valid Unicode text")
    return rec


# JSON may spell half of a UTF-16 surrogate pair as an escape (``"\\ud800"``); Python
# keeps it as a lone surrogate that no UTF-8 writer accepts (an error far from the input).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds its first lone surrogate (half a UTF-16 pair, or a byte that
    ``errors="surrogateescape"`` kept undecoded), else None: not text a UTF-8 writer takes."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    return found.start() if found else None


def _lone_surrogate(value: Any, name: str = "a value") -> tuple[str, str] | None:
    """The first lone surrogate in a parsed JSON value and where: ("field 'text'", char)."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (name, found.group()) if found else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _SURROGATE.search(key)
            if found:
                return f"a field name ({key!r})", found.group()
            where = _lone_surrogate(item, f"field {key!r}")
            if where:
                return where
    elif isinstance(value, list):
        for item in value:
            where = _lone_surrogate(item, name)
            if where:
                return where
    return None


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array",
            dict: "object"}.get(type(value), type(value).__name__)


def a_json_type(value: Any) -> str:
    """``json_type`` with its article: "a number", "an object", "null"."""
    return _with_article(json_type(value))


def _with_article(word: str) -> str:
    return word if word == "null" else ("an " if word[0] in "aeiou" else "a ") + word


def with_id(where: str, record: dict[str, Any], name: str | None) -> str:
    """``where`` (a file and line, a data set and row) naming the record's id too when it
    has one fit to be an id (``data.jsonl:4 (id 'c03')``): a cluster of 10,000 is found by
    its id as often as by its line."""
    cid = record.get(name) if name else None
    if isinstance(cid, (str, int)) and not isinstance(cid, bool):
        return f"{where} (id {str(cid)!r})"
    return where


def field(record: dict[str, Any], name: str | None, kinds: tuple[type, ...], where: str,
          default: Any = None) -> Any:
    """``record[name]`` checked to be one of ``kinds`` (None or absent gives ``default``).

    A value of another type is an :class:`InputError` such as
    ``data.jsonl:3: field 'language' must be a string, not a number``.
    """
    if not name or record.get(name) is None:
        return default
    value = record[name]
    if isinstance(value, bool) and bool not in kinds:
        ok = False
    else:
        ok = isinstance(value, kinds)
    if not ok:
        names = {int: "integer", type(None): "null"}
        want = " or ".join(dict.fromkeys(_with_article(names.get(k) or json_type(k()))
                                         for k in kinds))
        shown = f" ({value!r})" if isinstance(value, (int, float)) else ""
        raise InputError(f"{where}: field {name!r} must be {want}, "
                         f"not {a_json_type(value)}{shown}")
    return value


# ---------------------------------------------------------------------------
# Folders


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
    root = Path(root)
    real_root = root.resolve()
    files: list[Path] = []
    skipped: list[dict] = []

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
    files.sort(key=lambda p: p.relative_to(root).as_posix())
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
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken symbolic link"
        if not target.is_relative_to(real_root):
            return f"symbolic link to {target}, outside the folder; not followed"
    if not path.is_file():
        return "not a regular file"
    return None
