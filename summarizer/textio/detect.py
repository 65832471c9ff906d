"""Legacy encodings guessed by ``charset-normalizer`` (step 7 of the decoding policy in
:mod:`summarizer.textio.decode`), narrowed to a language's code pages when one is known."""

from __future__ import annotations

import codecs


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


def head_sample(data: bytes) -> bytes | None:
    """The first ``_DETECT_SAMPLE`` bytes of large data, cut at a line break; None for data
    small enough to look at whole."""
    if len(data) <= 2 * _DETECT_SAMPLE:
        return None
    cut = data.rfind(b"\n", 0, _DETECT_SAMPLE)
    return data[: cut + 1] if cut > 0 else data[:_DETECT_SAMPLE]


def detect_large(data: bytes, language: str | None) -> tuple[str, str] | None:
    sample = head_sample(data)
    if sample is None:
        return _detect(data, language)
    found = _detect(sample, language)
    if found is not None:
        try:
            return data.decode(found[1]), found[1]
        except UnicodeDecodeError:
            pass  # the rest of the file disagrees with the sample: look at all of it
    return _detect(data, language)

