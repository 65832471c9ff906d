"""What data is before it is decoded: binary or text, which byte-order mark, HTML or not."""

from __future__ import annotations

import codecs
import os
import re

from summarizer.errors import InputError
from summarizer.textio.compressed import uncompressed_name
from summarizer.values import data_given, text_given

# How much of the data the binary and UTF-16 sniffing look at.
SNIFF_BYTES = 8192
# Share of control characters above which data is treated as binary.
_MAX_CONTROL_RATIO = 0.10
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: it starts with the UTF-16 LE mark
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    sample = data_given(data, "data", InputError, "text is decoded already: "
                        "text_looks_binary tells text")[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > _MAX_CONTROL_RATIO


def text_looks_binary(text: str) -> bool:
    """True for decoded text that is not text: NULs, or many control (C0, DEL and C1),
    unassigned or private-use characters (binary data behind a UTF-16/32 byte-order mark,
    or in their NUL pattern, decodes to such characters rather than failing)."""
    import unicodedata

    sample = text_given(text, "text", InputError)[:SNIFF_BYTES]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    # C1 counts too: bytes under 256 read as UTF-32 are Latin-1, a quarter of it controls
    odd = sum(1 for c in sample
              if unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")
              and ord(c) not in _TEXT_CONTROLS)
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
    text_given(text, "text", InputError)
    if path is not None and uncompressed_name(path).suffix.lower() in HTML_SUFFIXES:
        return True
    return bool(_HTML_START.match(text[:4096]))
