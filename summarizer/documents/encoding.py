"""Turning the bytes of a news file into text, and saying how it was done.

Old newswire is often not UTF-8: Windows code pages (cp1252 for western
European text, cp1250 for Czech or Polish, ...) and Latin-1 are common. We
try UTF-8 first (with or without a BOM), then the legacy code page of the
document's language when it is known, then cp1252 and finally Latin-1, which
accepts any byte. The encoding that was used is always reported, never
silently guessed away. Binary files and empty files are rejected with an
:class:`~summarizer.errors.InputError` that names the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

# Legacy Windows code pages by language: tried before cp1252 when the
# language is known, because cp1252 "succeeds" on them but garbles letters
# (Czech "ř" read as cp1252 becomes "ø").
LEGACY_ENCODINGS: dict[str, str] = {
    "czech": "cp1250",
    "polish": "cp1250",
    "slovak": "cp1250",
    "slovene": "cp1250",
    "hungarian": "cp1250",
    "croatian": "cp1250",
    "romanian": "cp1250",
    "russian": "cp1251",
    "ukrainian": "cp1251",
    "bulgarian": "cp1251",
    "greek": "cp1253",
    "turkish": "cp1254",
    "hebrew": "cp1255",
    "arabic": "cp1256",
    "persian": "cp1256",
    "estonian": "cp1257",
}

# How much of a file the binary sniffing looks at.
_SNIFF_BYTES = 8192
# Share of control characters above which a file is treated as binary.
_MAX_CONTROL_RATIO = 0.10
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


@dataclass(frozen=True)
class Decoded:
    """The text of a file and the encoding it was read with."""

    text: str
    encoding: str
    bom: bool = False

    @property
    def is_utf8(self) -> bool:
        return self.encoding in ("utf-8", "utf-8-sig")


def _label(name: str | None) -> str:
    return f"{name}: " if name else ""


def _utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when the NUL pattern says so, else None."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
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


def decode_bytes(data: bytes, name: str | None = None, language: str | None = None) -> Decoded:
    """Decode ``data`` to text, choosing the encoding as described above.

    ``name`` is used in error messages; ``language`` (a canonical name such as
    ``"czech"``) selects the legacy code page tried before cp1252.

    Raises :class:`InputError` for binary data. Empty text is not rejected
    here (see :func:`read_text_file`).
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), "utf-8-sig" if enc == "utf-8-sig" else enc, True)
            except UnicodeDecodeError as exc:
                raise InputError(f"{_label(name)}has a {enc} byte-order mark but is not "
                                 f"valid {enc} ({exc.reason})") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass  # fall through to the binary check
    if looks_binary(data):
        raise InputError(f"{_label(name)}looks like a binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    if language and language in LEGACY_ENCODINGS:
        candidates.append(LEGACY_ENCODINGS[language])
    candidates += ["cp1252", "latin-1"]
    for enc in candidates:
        try:
            return Decoded(data.decode(enc), enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def read_text_file(path: str | Path, language: str | None = None) -> Decoded:
    """Read and decode one text file; empty or whitespace-only files are an error."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    decoded = decode_bytes(data, name=str(path), language=language)
    if not decoded.text.strip():
        raise InputError(f"{path}: is empty")
    return decoded
