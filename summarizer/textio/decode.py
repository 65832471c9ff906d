"""Bytes to text: the one decoding policy of the package.

Decoding policy, in order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. UTF-32 and UTF-16 without a BOM are recognised by their pattern of NUL bytes (UTF-32:
   every fourth byte NUL, the one beside it at most 0x10; data with a NUL every 4 bytes
   that is not UTF-32 is not UTF-16 either), then read if they decode to text (UTF-32 with
   at least 3 in 4 characters in the Basic Multilingual Plane: random code units are not);
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
   document language narrows the candidates to its legacy code pages first; without
   one, text that reads in cp1252 as one Western language's letters is cp1252.
   Data that no encoding turns into plausible text is an :class:`InputError`.

The encoding used is always returned (Python's codec name, e.g. ``"cp1251"``),
so callers can report it.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections import Counter
from typing import NamedTuple

from summarizer.errors import InputError, OptionError, value_repr
from summarizer.textio.declared import declared_encoding
from summarizer.textio.detect import detect_large, head_sample
from summarizer.textio.sniff import BOMS, SNIFF_BYTES, looks_binary, text_looks_binary
from summarizer.values import data_given, text_given


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
    return not text_given(text, "text", InputError) or text.isspace()


def _label(name: str | None) -> str:
    return f"{name}: " if name else ""


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern says so, else None."""
    sample = data[:SNIFF_BYTES]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    # ASCII-range text in UTF-16 has a NUL in every other byte, in characters at even and
    # odd places alike: a NUL every 4 bytes (32-bit numbers under 2**24) fills half the
    # column from one of its two quarters and is no UTF-16 (it was read as UTF-16-BE CJK).
    if (odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even)
            and _both_quarters(sample, 1)):
        return "utf-16-le"
    if (even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd)
            and _both_quarters(sample, 0)):
        return "utf-16-be"
    # Text in another script has NULs only at its spaces, digits and ASCII punctuation (a
    # Greek, Arabic or Chinese sentence): some NULs in the high bytes' column, none in the
    # other, and a reading that is letters of one script
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.02 * len(high) and not low.count(0) and _one_script(
                sample[:len(sample) - len(sample) % 2], codec):
            return codec
    return None


def _one_script(sample: bytes, codec: str) -> bool:
    """Whether ``sample`` read as ``codec`` is text of one script: no control (but white
    space), unassigned, private-use or surrogate character, most characters letters or
    marks, and 80% of its letters in one script (Han with kana)."""
    import unicodedata

    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return False
    scripts: Counter[str] = Counter()
    letters = others = 0
    for ch in text:
        kind = unicodedata.category(ch)
        if kind in ("Cn", "Co", "Cs") or (kind == "Cc" and ch not in "\t\n\r"):
            return False
        if kind[0] in "LM":
            letters += 1
            if kind[0] == "L":
                name = unicodedata.name(ch, "").split(" ")[0]
                scripts["CJK" if name in ("HIRAGANA", "KATAKANA") else name] += 1
        elif not ch.isspace():
            others += 1
    return (letters >= 2 * others and bool(scripts)
            and scripts.most_common(1)[0][1] >= 0.8 * sum(scripts.values()))


def _both_quarters(sample: bytes, start: int) -> bool:
    """Whether the NULs of the byte column from ``start`` (every other byte) are in both of
    its quarters (bytes ``start`` and ``start + 2`` of each 4), at least a fifth of each."""
    return all(q.count(0) > 0.2 * len(q) for q in (sample[start::4], sample[start + 2::4]))


def utf32_without_bom(data: bytes) -> str | None:
    """'utf-32-le'/'utf-32-be' where every 4 bytes of the sample could be a code point in
    that order (its top byte NUL, the next at most 0x10), else None."""
    sample = data[:SNIFF_BYTES - SNIFF_BYTES % 4]
    if len(sample) < 4 or len(data) % 4:
        return None
    fits = [(sample[plane::4].count(0), codec)
            for codec, top, plane in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1))
            if not any(sample[top::4]) and max(sample[plane::4]) <= 0x10]
    # both fit text of U+0100, U+0200 ... alone ("Ā" is 00 01 00 00, and U+10000 in
    # UTF-32-BE): the order that puts more characters in the first plane, where text is
    return max(fits, key=lambda fit: fit[0])[1] if fits else None



# UTF-32 without a byte-order mark: at most this share of the characters outside the Basic
# Multilingual Plane. Text is nearly all in it (a rare CJK ideograph, an emoji); random
# code units that fit the NUL pattern are 16 in 17 outside it, so a few of them read as a
# rare CJK ideograph or two ("𠓸", 13% of random 4-byte units) before this check.
_UTF32_ASTRAL_SHARE = 0.25


def _not_unmarked_text(text: str, codec: str) -> str | None:
    """Why ``text``, read as ``codec`` for its NUL pattern alone (no byte-order mark), is
    not text, or None where it is."""
    if text_looks_binary(text):
        return "mostly control or unassigned characters"
    sample = text[:SNIFF_BYTES]
    if codec.startswith("utf-32") and (sum(ord(c) > 0xFFFF for c in sample)
                                       > _UTF32_ASTRAL_SHARE * len(sample)):
        return "mostly characters outside the Basic Multilingual Plane, as random data is"
    return None


def _decoded_text(text: str, codec: str, name: str | None) -> Decoded:
    if text_looks_binary(text):
        raise InputError(f"{_label(name)}looks like a binary file, not text "
                         f"(decoded as {codec} it is mostly control or unassigned characters)")
    return Decoded(text, codec)



# Damaged UTF-8 (step 5): bad bytes per well-formed non-ASCII character, at most; and the
# fewest such characters that show the file is UTF-8 (legacy single-byte text has next to
# none: its accented letters are lone high bytes, not valid UTF-8 sequences; 8 of them
# is mojibake already). At 20, a French paragraph of 16 accented letters and one Latin-1
# byte went to the legacy pages whole, and came back as hp-roman8's "prûˋsident".
_DAMAGED_UTF8_SHARE = 0.1
_DAMAGED_UTF8_EVIDENCE = 8
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


# The most bytes of UTF-8 one byte of data becomes in any encoding read here (cp1252's 0x80
# is U+20AC, 3 bytes; UTF-16's 2 bytes a character at most 3): data of more than the bound
# over this is counted before it is decoded (:func:`decoded`).
_WIDEST = 3
# Codecs whose text is never more bytes in UTF-8 than the data (read strictly: UTF-8's
# U+FFFD for a damaged byte is 3): not counted
_NARROW = frozenset({"utf-8", "utf-8-sig", "ascii", "utf-32", "utf-32-le", "utf-32-be"})


def decoded(data: bytes, codec: str, name: str | None = None, errors: str = "strict") -> str:
    """``data.decode(codec, errors)``, refused where the text would come to over the bound
    of one input (:data:`~summarizer.textio.read.MAX_FILE_BYTES`) in UTF-8, as the bound
    counts text (``read.utf8_size``): a Latin-1 file under it can be twice it in UTF-8, a
    UTF-16 one 1.5 times. Counted a block at a time before the text is made, holding one
    block's text, so that such data is an :class:`InputError` before more than the data is
    held (decoded whole, then counted as a cluster's documents, it was refused after its
    text, and the documents made of it, were held beside the data). Data that does not
    decode is left to the decode below to say where."""
    from summarizer.textio import read  # read imports this module

    bound = read.MAX_FILE_BYTES
    if (codec not in _NARROW or errors != "strict") and len(data) * _WIDEST > bound:
        decoder = codecs.getincrementaldecoder(codec)(errors)
        view, size = memoryview(data), 0
        try:
            for start in range(0, len(data) + 1, _COUNT_BLOCK):  # + 1: the final call
                block = view[start:start + _COUNT_BLOCK]
                size += read.utf8_size(decoder.decode(block, final=len(block) < _COUNT_BLOCK))
                if size > bound:
                    raise InputError(
                        f"{_label(name)}read as {codec}, its text comes to over "
                        f"{read.amount(bound)} in UTF-8; inputs over {read.amount(bound)} "
                        "of text are refused: give it in parts")
        except UnicodeError:
            pass
    return data.decode(codec, errors)


def _damaged_utf8(data: bytes, name: str | None) -> Decoded | None:
    sample = head_sample(data)
    if sample is not None:  # legacy text shows at once: skip the whole-file count
        bad, good = _utf8_counts(sample)
        if bad > _DAMAGED_UTF8_SHARE * max(good, _DAMAGED_UTF8_EVIDENCE):
            return None
    bad, good = _utf8_counts(data)
    if good < _DAMAGED_UTF8_EVIDENCE or bad > _DAMAGED_UTF8_SHARE * good:
        return None
    return Decoded(decoded(data, "utf-8", name, errors="replace"), "utf-8")



# _check_utf8's block: its text (up to 4 bytes a byte of data) is made and dropped each time.
# In 1 MiB blocks (through an incremental decoder, which copied each), read_text of 50 MB of
# emoji-rich text took 0.21 s, of Cyrillic 0.15; so 0.16 and 0.13
_CHECK_BLOCK = 1 << 14


def _check_utf8(data: bytes) -> None:
    """A :class:`UnicodeDecodeError` at the first byte of ``data`` that is not UTF-8, found a
    block at a time, holding one block's text: a decode whole that fails holds the text up
    to the bad byte, in a buffer of a character a byte of data (4 bytes a character once one
    is past U+FFFF: five times the data, the file then read by another policy in less), and
    the error a copy of the data.

    The text made here is dropped, and valid data is decoded whole after it: a second
    decode, which costs time but no memory (50 MB of Cyrillic: read in 0.13 s, 0.09 decoded
    once). Decoded once, by the blocks joined into the text, the blocks were held beside it
    (Cyrillic 99 -> 151 MB) and it took as long; by a decode whole first, data that fails
    late held the failing decode again (151 -> 286 MB): eval/results/bench_memory_decode_s46.md.
    """
    view, at, size = memoryview(data), 0, len(data)
    while at < size:
        try:
            # the bytes of a character a block cuts are left for the next block: "used"
            used = codecs.utf_8_decode(view[at:at + _CHECK_BLOCK], "strict",
                                       at + _CHECK_BLOCK >= size)[1]
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError("utf-8", data, at + exc.start, at + exc.end,
                                     exc.reason) from None
        at += used


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
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = decoded(data, enc, name)
            except UnicodeDecodeError as exc:
                raise InputError(f"{_label(name)}has a {enc} byte-order mark but is not "
                                 f"valid {enc} ({exc.reason})") from None
            return _decoded_text(text, enc, name)
    # UTF-32 first: one-letter lines of UTF-16 ("a\nb\n") fit its pattern too, and are
    # read as UTF-16 where UTF-32 gives no text
    unmarked = [c for c in (utf32_without_bom(data), utf16_without_bom(data)) if c]
    for codec in unmarked:
        with contextlib.suppress(UnicodeDecodeError):  # then the binary check below
            text = decoded(data, codec, name)
            why = _not_unmarked_text(text, codec)
            if why is None:
                return Decoded(text, codec)
            if codec == unmarked[-1]:
                raise InputError(f"{_label(name)}looks like a binary file, not text "
                                 f"(decoded as {codec} it is {why})")
    if looks_binary(data):
        raise InputError(f"{_label(name)}looks like a binary file, not text")
    try:
        # large data that is not ASCII is checked a block at a time first, then decoded:
        # a decode whole that fails late (a byte of another encoding near the end) held up
        # to 5x the data as it failed, more than reading it otherwise then takes
        if len(data) > _COUNT_BLOCK and not data.isascii():
            _check_utf8(data)
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        if b"\x1b" in data and data.isascii() and declared_encoding(data) == "iso2022_jp":
            with contextlib.suppress(UnicodeDecodeError):
                return _decoded_text(decoded(data, "iso2022_jp", name), "iso2022_jp", name)
        return Decoded(text, "utf-8")
    damaged = _damaged_utf8(data, name)
    if damaged is not None:
        return damaged
    declared = declared_encoding(data)
    if declared is not None:
        try:
            return _decoded_text(decoded(data, declared, name), declared, name)
        except UnicodeDecodeError:
            pass  # the bytes say otherwise: a wrong declaration is ignored
    found = detect_large(data, language, lambda codec: decoded(data, codec, name))
    if found is None:
        raise InputError(
            f"{_label(name)}cannot be decoded: not UTF-8 (byte 0x{data[first_bad]:02x} at offset "
            f"{first_bad}) and no known encoding gives readable text; convert it to UTF-8"
        )
    return Decoded(*found)


def text_codec(encoding: object) -> str:
    """Python's codec for an encoding the user named (``--encoding E``), checked before any
    data is read. Whatever is wrong with it is the option's, an :class:`OptionError` (the
    errors module's rule: a value of an option that cannot be used): a value that is no
    string, and a name that is no text encoding's (unknown, ``base64`` and other
    bytes-to-bytes codecs, a NUL character or half a surrogate pair in it, ``""``), where
    ``codecs.lookup``'s ValueError, UnicodeEncodeError or TypeError came out (the command
    line said "'utf-8' codec can't encode ...", exit 1). Data the codec cannot decode is the
    input's: :func:`decode_as`'s :class:`InputError`."""
    if not isinstance(encoding, str):
        raise OptionError(f"encoding must be an encoding's name (str), not "
                          f"{value_repr(encoding)}")
    try:
        codec = codecs.lookup(encoding).name
    except (LookupError, ValueError):  # ValueError: a NUL; UnicodeEncodeError: a surrogate
        raise OptionError(f"unknown encoding {value_repr(encoding)}") from None
    try:
        b" ".decode(codec)  # refused before any decoding when not a text encoding (b"" passed)
    except LookupError:  # codecs also holds bytes-to-bytes ones: base64, zlib, rot13 ...
        raise OptionError(f"{value_repr(encoding)} is not a text encoding") from None
    except UnicodeError:  # one byte is no UTF-16; 'undefined' decodes nothing: said below
        pass
    return codec


def decode_as(data: bytes, encoding: str, name: str | None = None) -> Decoded:
    """Decode ``data`` with the encoding the user named; data it cannot decode is an
    :class:`InputError` (a name that is no text encoding's: :func:`text_codec`'s
    :class:`OptionError`)."""
    data_given(data, "data", InputError)
    codec = text_codec(encoding)
    if looks_binary(data) and not codec.startswith(("utf-16", "utf-32")):
        raise InputError(f"{_label(name)}looks like a binary file, not text")
    try:
        text = decoded(data, codec, name)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{_label(name)}cannot be decoded as {encoding} (byte 0x{data[exc.start]:02x} at "
            f"offset {exc.start})"
        ) from None
    except UnicodeError as exc:  # punycode's, idna's, 'undefined': no byte position
        raise InputError(f"{_label(name)}cannot be decoded as {encoding} ({exc})") from None
    return _decoded_text(text, codec, name)


def decode_text(data: bytes, name: str | None = None, *, encoding: str | None = None,
                language: str | None = None) -> Decoded:
    """``data`` decoded with the encoding the user named (:func:`decode_as`), or by the
    policy (:func:`decode_bytes`, narrowed to ``language``'s code pages) when none is."""
    if encoding is not None:
        return decode_as(data, encoding, name)
    return decode_bytes(data, name=name, language=language)
