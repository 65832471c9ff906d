"""The encoding data declares, found as a browser finds it (step 6 of the decoding policy
in :mod:`summarizer.textio.decode`)."""

from __future__ import annotations

import codecs
import re

from summarizer.errors import InputError
from summarizer.values import data_given

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
    head = data_given(data, "data", InputError)[:_PRESCAN_BYTES]
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

