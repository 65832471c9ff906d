"""Numbers as values: "3.2 billion" = "3,200,000,000" = "$3.2bn"; "twelve" = 12.

:func:`find_numbers` returns every number in a text with its value, the
rounding step it was stated with, its currency and unit. :func:`supports`
says whether a source number backs an output number: the source value,
rounded to the output's step, equals the output value ("about 150,000"
is backed by "150,422"; "150,422" is not backed by "150,000").
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from summarizer.languages import attaches_to_numbers, has_spaceless

T = TypeVar("T")


def matched_key(keys: Collection[str], said: str) -> str | None:
    """The one of ``keys`` (lower case) that a case-insensitive pattern of them matched as
    ``said``, else None. re's IGNORECASE takes "İ" and "ı" for "i" and "ſ" for "s", which
    ``lower()`` does not give back ("thİrd".lower() is "thi" + U+0307 + "rd"): such a word
    is compared as re matched it."""
    low = said.lower()
    if low in keys:
        return low
    return next((k for k in keys if re.fullmatch(re.escape(k), said, re.IGNORECASE)), None)


def matched_word(table: Mapping[str, T], said: str) -> T:
    """``table``'s value for a word a case-insensitive pattern of its keys matched
    (:func:`matched_key`); a KeyError where none did."""
    key = matched_key(table, said)
    if key is None:
        raise KeyError(said)
    return table[key]


SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "crore": 1e7,
    "lakh": 1e5,
    # the same words in other languages' news: French, German, Czech, Polish,
    # Russian/Ukrainian, Greek, Turkish, Vietnamese, Arabic, Persian, Urdu,
    # Hebrew, Hindi ("1,2 млн" backed by "1 234 567")
    "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "mio": 1e6, "mrd": 1e9,
    "milion": 1e6, "miliony": 1e6, "milionů": 1e6, "miliard": 1e9, "miliardy": 1e9,
    "miliardů": 1e9, "tisíc": 1e3, "tys": 1e3, "mld": 1e9,
    "тыс": 1e3, "тис": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12,
    "εκατ": 1e6, "εκατομμύρια": 1e6, "δισ": 1e9, "δισεκατομμύρια": 1e9,
    "milyon": 1e6, "milyar": 1e9, "triệu": 1e6, "tỷ": 1e9, "nghìn": 1e3, "ngàn": 1e3,
    "ألف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "هزار": 1e3, "میلیون": 1e6,
    "میلیارد": 1e9, "ملین": 1e6, "ارب": 1e9, "אלף": 1e3, "מיליון": 1e6, "מיליארד": 1e9,
    "हज़ार": 1e3, "हजार": 1e3, "लाख": 1e5, "करोड़": 1e7, "करोड": 1e7,
    # Spanish, Portuguese, Italian, German, Dutch ("3 mil millones": 3 billion; "mil" alone
    # is no scale: a thousand in Spanish, a million in Czech "500 mil.", miles in "5 mil")
    "millón": 1e6, "millones": 1e6, "mil millones": 1e9, "millardo": 1e9,
    "millardos": 1e9, "milhão": 1e6, "milhões": 1e6, "mil milhões": 1e9, "mila": 1e3,
    "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9, "tausend": 1e3,
    "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "miljoen": 1e6,
    "miljard": 1e9,
}
# Single letters are scales only right after a number with a currency ("$3m").
_LETTER_SCALES = {"k", "m", "b"}
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 12,
}
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "rupee": "INR",
    # the dollars written with their country's letters
    "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD",
    "s$": "SGD",
}
# Units of time: a number counting them is a duration ("seven years"), which
# only a duration of the same unit backs (not "7/7" nor "seven people").
TIME_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month",
              "week": "week", "weeks": "week", "day": "day", "days": "day", "hour": "hour",
              "hours": "hour", "minute": "minute", "minutes": "minute"}
# Spellings and abbreviations of one unit, so that "fifteen kilometres" and
# "fifteen kilometers" count the same thing.
UNIT_SPELLINGS = {
    "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "km": "km",
    "kms": "km", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "mile": "mile", "miles": "mile", "mi": "mile", "tonne": "ton", "tonnes": "ton", "ton": "ton",
    "tons": "ton", "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg",
    "kilogrammes": "kg", "kg": "kg", "kgs": "kg", "litre": "litre", "litres": "litre",
    "liter": "litre", "liters": "litre", "percent": "percent", "pct": "percent",
    # currencies by their code (a number's currency joins its context too)
    **{k: v.lower() for k, v in CURRENCIES.items() if k.isalpha()},
    "yrs": "year", "yr": "year", "hrs": "hour", "hr": "hour", "mins": "minute", "min": "minute",
    **TIME_UNITS,
}
# Words that may stand between a number and its unit of time ("18,870 flight
# hours", "two more weeks").
_TIME_MODIFIERS = ("more", "further", "additional", "extra", "long", "full", "whole",
                   "straight", "consecutive", "working", "business", "calendar", "flight",
                   "flying")
_TIME_AFTER = re.compile(r"[ -](?:(?:" + "|".join(_TIME_MODIFIERS) + r")\s+)?(?P<u>" + "|".join(TIME_UNITS) + r")\b(?:\s+(?P<rel>after|later|"
                         r"ago|on|since|earlier|before)\b)?", re.IGNORECASE)

# The years a four-digit number or a date's year is read as: two centuries of
# news and the forecasts it reports ("by 2100"). YEAR_PATTERN is the same range
# for the date patterns (a test holds the two equal).
FIRST_YEAR, LAST_YEAR = 1800, 2100
YEAR_PATTERN = r"1[89]\d\d|20\d\d|2100"


def is_year(value: float) -> bool:
    """Whether a number's value is one read as a year."""
    return float(value).is_integer() and FIRST_YEAR <= value <= LAST_YEAR


_SCALE_RE = "|".join(sorted(SCALES, key=len, reverse=True))
_WORD_RE = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDS = rf"(?:{_WORD_RE})(?:[- ](?:{_UNITS}))?"  # "twenty-five", "dozen"
NUMBER_RE = re.compile(
    rf"(?P<cur>(?:US|AU|CA|HK|NZ|[ACS])\$|[$€£¥])?\s?"
    # "two hundred and five": hundreds in words
    rf"(?:(?P<num>{_DIGITS})|(?P<word>{_WORDS}(?:\s+hundred(?:\s+(?:and\s+)?{_WORDS})?)?))"
    rf"(?:\s?-?(?P<scale>{_SCALE_RE})\b)?"
    # "pct" and "pc": the wires' and the British press's percent
    rf"(?P<pct>\s?(?:%|per\s?cent\b|percent\b|pct\b|pc\b))?",
    re.IGNORECASE,
)
# a minus sign that opens a number ("-5 degrees", "−30"): not a hyphen inside a word,
# a range ("5-10") or a code
_MINUS = "-\u2212"
# A unit written against its number ("500kg", "20mph", "95km"): the number is read as with
# a space before the unit (it was skipped as a code's, and "500kg" passed against "5kg").
# Abbreviations of two letters or more only: "5m" may be million or metres, "5g" a network
_GLUED_UNIT = re.compile(r"(?:km|kgs?|mg|mm|cm|mi|ft|lbs?|oz|mph|kph|kmh|ml|mw|gw|kw|kwh|ha)"
                         r"(?![^\W\d_])", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?P<c>us dollars?|dollars?|usd|euros?|eur|pounds?|gbp|yen|yuan|rupees?)\b",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number found in text, as a value with the precision it was stated with."""

    text: str
    value: float
    step: float  # the rounding unit: 0.1e9 for "3.2 billion", 1 for "150,422"
    start: int
    end: int
    currency: str | None = None
    percent: bool = False
    year: bool = False  # a bare 4-digit number that reads as a year (is_year)
    alternative: float | None = None  # "120.000": 120 or, European style, 120,000
    unit: str | None = None  # a unit of time right after it: "year" for "seven years"
    relative: bool = False  # "four years after", "two weeks earlier": a time between events
    ordinal: bool = False  # a rank ("24th", "the tenth day"), not a count

    def readings(self) -> tuple[tuple[float, float], ...]:
        """(value, step) of each way of reading the number."""
        if self.alternative is None:
            return ((self.value, self.step),)
        return ((self.value, self.step), (self.alternative, _step(f"{self.alternative:.0f}", 1.0)))


def _step(digits: str, scale: float) -> float:
    """The rounding unit of a number as written."""
    digits = digits.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1]) * scale
    if scale > 1:
        return scale
    trailing = len(digits) - len(digits.rstrip("0"))
    # "150,000" is a round figure (to the thousand: 150,422 backs it); "40" or
    # "300" are taken as exact.
    return 10.0 ** (trailing - 1) if trailing >= 3 and digits.strip("0") else 1.0


def parse_words(words: str) -> int | None:
    """Value of a number written in words ("twenty-five", "twelve", "two hundred and
    five"), else None."""
    total = 0
    for part in re.split(r"[- ]+", words.lower()):
        if part == "and" and total:
            continue
        if part not in WORD_NUMBERS:
            return None
        if part == "hundred":
            total = (total or 1) * 100
        else:
            total += WORD_NUMBERS[part]
    return total


# A time in parts, as race results and reports write it: 5h 34' 28", 8'50'',
# 1 hour 12 minutes, 8 minutes 50 seconds. One value, in seconds.
_PRIME = r"(?:['′`]{1,2}|\"|″)"
CLOCK_RE = re.compile(
    r"\b(?:(?P<h>\d{1,3})\s?h\s?)?(?P<m>\d{1,3})\s?['′`]\s?(?P<s>\d{1,2})(?:\s?" + _PRIME + r")?"
    r"|\b(?:(?P<h2>\d{1,3})\s(?:hours?|hrs?)(?:,?\s(?:and\s)?)?)?(?P<m2>\d{1,3})\s(?:minutes?|mins?)"
    r"(?:,?\s(?:and\s)?(?P<s2>\d{1,2})\s(?:seconds?|secs?))?\b"
    r"|\b(?P<h3>\d{1,3})\s(?:hours?|hrs?)(?:,?\s(?:and\s)?)?(?P<m3>\d{1,2})\s(?:minutes?|mins?)\b",
    re.IGNORECASE,
)


def find_clock_times(text: str) -> list[Number]:
    """Times written in parts (see CLOCK_RE) as seconds; a lone "8 minutes" is
    left to :func:`find_numbers`."""
    out = []
    for m in CLOCK_RE.finditer(text):
        g = m.groupdict()
        h, mins, secs = (g["h"] or g["h2"] or g["h3"], g["m"] or g["m2"] or g["m3"],
                         g["s"] if g["m"] else g["s2"])
        if (h is None and secs is None) or (secs is not None and int(secs) >= 60):
            continue  # one part only, or not minutes and seconds ("6'75")
        value = int(h or 0) * 3600 + int(mins) * 60 + int(secs or 0)
        step = 1.0 if secs is not None else 60.0
        out.append(Number(m.group(0).strip(), float(value), step, m.start(), m.end(),
                          unit="second"))
    return out


# A rank in figures: a number to check, of its own kind. Marked by a suffix (English
# "1st", "24th"; Turkish "5'inci", "3üncü", "2'nci" with any case ending after it;
# Korean "3번째") or a prefix (Chinese and Japanese "第3", Korean "제3"). In words
# ("tenth", "twenty-first") only where asked (the sources): "first" and "second" are
# mostly no rank, and the summaries' own ranks in words are left unchecked.
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![^\W_])|['\u2019]?[ıiuü]?nc[ıiuü][^\W\d_]*|번째",
                             re.IGNORECASE)
_ORDINAL_PREFIXES = "第제"


def _ordinal_prefix(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a rank prefix that opens a word ("第3回",
    "제3차"; in Chinese and Japanese, written without spaces, wherever it stands)."""
    if start == 0 or text[start - 1] not in _ORDINAL_PREFIXES:
        return False
    return has_spaceless(text[start - 1]) or start == 1 or not text[start - 2].isalpha()
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL_WORD_RE = re.compile(
    rf"\b(?:(?P<tens>{_TENS})[- ])?(?P<ord>{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))})\b",
    re.IGNORECASE)


def _spelled_ordinals(text: str) -> list[Number]:
    out = []
    for m in _ORDINAL_WORD_RE.finditer(text):
        unit = matched_word(_ORDINAL_WORDS, m.group("ord"))
        if m.group("tens") and unit >= 10:
            continue  # "twenty tenth": not a rank
        value = unit + (matched_word(WORD_NUMBERS, m.group("tens")) if m.group("tens") else 0)
        out.append(Number(m.group(0), float(value), 1.0, m.start(), m.end(), ordinal=True))
    return out


# Numbers as the world's news writes them, rewritten one character for one (so
# offsets hold) into the forms NUMBER_RE reads: any script's decimal digits
# (٣٤٥, ۳۴۵, ३४५, ๓๔๕, full-width ３４５) as ASCII; the Arabic decimal and
# thousands separators ("٣٫٥", "٣٬٢٠٠"), full-width ones ("３，０００") and the
# percent signs ٪ ％ ﹪; digits grouped by a space, a no-break or thin space or an
# apostrophe ("10 000", "1 234 567", Swiss "1'234'567") as thousands; a decimal
# comma ("12,5", "1 234,5", "1.234,5") as a decimal point. "1,234" and "1.234"
# stay as they were read (a thousands comma; a dot with both readings).
_SEPARATORS = {0x066B: ".", 0x066C: ",", 0xFF0C: ",", 0xFF0E: ".", 0x066A: "%", 0xFF05: "%",
               0xFE6A: "%"}
_GROUPED = re.compile(r"(?<![\d.,+])\d{1,3}(?P<sep>[ \u00a0\u202f\u2009'\u2019])\d{3}"
                      r"(?:(?P=sep)\d{3})*(?![\d'\u2019])")
_DOT_GROUPED_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
# two or more dots between groups of three ("1.234.567"): thousands, never a decimal
_DOT_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?!\d|[.,]\d)")
# (a comma after it may be the sentence's: "5,5 a 5,9, po 8 dnech"; not a list's "1,5,7")
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+),(?:\d{1,2}|\d{4,})(?!\d|,\d)")


_SEPARATED = re.compile(r"\d[ \u00a0\u202f\u2009'\u2019.,]\d")
_OTHER_DIGITS = re.compile(r"(?:(?![0-9])\d)+")


def _ascii_digits(m: re.Match[str]) -> str:
    return "".join(str(unicodedata.decimal(ch)) for ch in m.group())


def normalise_numbers(text: str) -> str:
    """``text`` with its numbers in the forms :data:`NUMBER_RE` reads (see above),
    of the same length, so that offsets into it are offsets into ``text``."""
    if not text.isascii():
        text = _OTHER_DIGITS.sub(_ascii_digits, text).translate(_SEPARATORS)
    if _SEPARATED.search(text) is None:  # most sentences: no digit on each side of a mark
        return text
    text = _GROUPED.sub(lambda m: re.sub(r"\D", ",", m.group()), text)
    text = _DOT_GROUPED_COMMA.sub(lambda m: m.group().translate({46: ",", 44: "."}), text)
    text = _DOT_GROUPED.sub(lambda m: m.group().replace(".", ","), text)
    return _DECIMAL_COMMA.sub(lambda m: m.group()[::-1].replace(",", ".", 1)[::-1], text)


# Han, kana and Hangul write multipliers after a number ("8万世帯", "3.5亿元", "2만
# 가구", "3千万"): each multiplies the number, and the number is rounded to it.
_CJK_SCALES = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
               "兆": 1e12, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}
# Numbers in Chinese/Japanese numerals: "三十五亿", "两万", "一千二百", "二〇二四".
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
               "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_NUMERAL = re.compile("[" + "".join(CJK_DIGITS) + "十百千万萬亿億]+")


def parse_cjk_numeral(run: str) -> float | None:
    """Value of a run of Chinese/Japanese numerals, or None where it is no number.

    Read: a unit (十百千) or a multiplier (万亿) after a digit ("三十五亿", "一千二百");
    four or more digits alone, or digits with 〇, place by place ("二〇二四", "一九九八").
    Not read (None): one character ("一些", "十分": mostly no number), a run that
    opens with a unit other than 十 ("千万" is also "by all means", "万一" "in case"),
    two digits side by side ("七八十": seventy or eighty, an estimate)."""
    if len(run) < 2:
        return None
    if all(ch in CJK_DIGITS for ch in run):
        if len(run) >= 4 or "〇" in run or "零" in run:
            return float("".join(str(CJK_DIGITS[ch]) for ch in run))
        return None
    if run[0] not in CJK_DIGITS and run[0] != "十":
        return None
    total = section = 0.0
    digit: int | None = None
    for ch in run:
        if ch in CJK_DIGITS:
            if digit is not None and digit != 0 and CJK_DIGITS[ch] != 0:
                return None  # "七八十"
            digit = CJK_DIGITS[ch]
        elif ch in "十百千":
            section += (1 if digit is None else digit) * _CJK_SCALES[ch]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            digit = None
            if _CJK_SCALES[ch] >= 1e8:
                total, section = (total + section) * _CJK_SCALES[ch], 0.0
            else:
                total, section = total + section * _CJK_SCALES[ch], 0.0
    return total + section + (digit or 0)


# Japanese era years: the era's name and its year, 平成20年 (2008), 令和元年 (2019; 元 is
# the first year), 昭和六十四年; each era's year 1 is the year below plus one.
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_YEAR = re.compile(rf"(?P<era>{'|'.join(ERAS)})\s?(?P<n>\d{{1,2}}|元|[{''.join(CJK_DIGITS)}十]{{1,3}})\s?年")


def era_year(m: re.Match[str]) -> int | None:
    """The year of an :data:`ERA_YEAR` match (平成20年: 2008), None where its count is
    no number."""
    n = m.group("n")
    count = (1 if n == "元" else int(n) if n.isdigit() else 10 if n == "十"
             else CJK_DIGITS[n] if len(n) == 1 else parse_cjk_numeral(n))
    return ERAS[m.group("era")] + int(count) if count else None


def _era_years(text: str) -> list[Number]:
    return [Number(m.group(0), float(year), 1.0, m.start(), m.end(), year=True)
            for m in ERA_YEAR.finditer(text) if (year := era_year(m)) and is_year(year)]


def _cjk_numerals(text: str) -> list[Number]:
    out = []
    for m in _CJK_NUMERAL.finditer(text):
        run = m.group()
        ordinal = _ordinal_prefix(text, m.start())  # 第三: the third
        value = float(CJK_DIGITS[run]) if ordinal and run in CJK_DIGITS else \
            parse_cjk_numeral(run)
        if value is None:
            continue
        # rounded to its last multiplier or unit ("两万": to ten thousand)
        step = float(_CJK_SCALES[run[-1]]) if run[-1] in _CJK_SCALES else 1.0
        year = len(run) == 4 and all(ch in CJK_DIGITS for ch in run) and is_year(value)
        out.append(Number(run, value, step, m.start(), m.end(), year=year, ordinal=ordinal))
    return out


def _in_word(ch: str) -> bool:
    """Whether a letter or digit next to a number makes it part of a word ("A4",
    "mp3"); not a letter of a script that writes numbers against its words
    ("有3人死亡", "12명이")."""
    return ch.isalnum() and not attaches_to_numbers(ch)


class Spans:
    """(start, end) spans, sorted and merged, and whether a span overlaps one of them by
    a binary search: a list's any() for each number made find_numbers quadratic (736,000
    characters of dated figures: 22 s)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self.add(spans)

    def add(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for a, b in sorted([*self._spans, *spans]):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self._spans, self._starts = merged, [a for a, _ in merged]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        """The spans, sorted and merged."""
        return iter(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span (a, b) has a < end and start < b (the ends' b rise with a)."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and start < self._spans[i][1]


def find_numbers(text: str, skip: list[tuple[int, int]] | None = None,
                 spelled_ordinals: bool = False) -> list[Number]:
    """Every number in ``text`` outside the ``skip`` spans (e.g. dates); a time
    in parts ("8' 50\"", "1 hour 12 minutes") is one number, in seconds; a rank in
    figures ("24th") is an ordinal, and so is one in words ("tenth") with
    ``spelled_ordinals``."""
    original = text
    skipped = Spans(skip or ())
    if skip:  # a skipped date's day is no digit group ("March 3 900 people"); one pass
        parts, at = [], 0
        for a, b in skipped:
            parts += [text[at:a], "\x00" * (b - a)]
            at = b
        text = "".join([*parts, text[at:]])
    text = normalise_numbers(text)
    clocks = [replace(c, text=original[c.start:c.end].strip()) for c in find_clock_times(text)
              if not skipped.overlaps(c.start, c.end)]
    skipped.add((c.start, c.end) for c in clocks)
    out: list[Number] = list(clocks)
    if spelled_ordinals:
        ranks = [r for r in _spelled_ordinals(text)
                 if not skipped.overlaps(r.start, r.end)]
        skipped.add((r.start, r.end) for r in ranks)
        out += ranks
    if not original.isascii():
        eras = [x for x in _era_years(original) if not skipped.overlaps(x.start, x.end)]
        skipped.add((x.start, x.end) for x in eras)
        out += eras
        ideographic = [x for x in _cjk_numerals(text)
                       if not skipped.overlaps(x.start, x.end)]
        skipped.add((x.start, x.end) for x in ideographic)
        out += ideographic
    for m in NUMBER_RE.finditer(text):
        start, end = m.start(), m.end()
        if m.group("cur") is None:
            start = m.start("num") if m.group("num") else m.start("word")
        if skipped.overlaps(start, end):
            continue
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        rank = (_ORDINAL_SUFFIX.match(text, end) if m.group("num") and not m.group("cur")
                and m.end() == m.end("num") and re.fullmatch(r"\d+", m.group("num")) else None)
        if rank and not _in_word(before) and before not in "_":
            out.append(Number(original[start:rank.end()], float(m.group("num")), 1.0, start,
                              rank.end(), ordinal=True))
            continue
        if _in_word(before) or before in "_" or (
                after.isalpha() and not attaches_to_numbers(after) and not m.group("pct")
                and not _GLUED_UNIT.match(text, end)):
            continue  # part of a word or code ("A4", "2nd", "mp3"); not "500kg", "20mph"
        if before == ":" or (after == ":" and text[end + 1:end + 2].isdigit()):
            continue  # a time of day ("03:34")
        if (before == "/" and text[start - 2:start - 1].isdigit()) or (
                after == "/" and text[end + 1:end + 2].isdigit()):
            continue  # "7/7", "9/11", "3/4": a date, name or fraction, not a count
        if m.group("num") and re.fullmatch(r"0\d+", m.group("num")):
            continue  # "03", "007": a code or part of a date, not a quantity
        scale_word = (m.group("scale") or "").lower()
        if scale_word in _LETTER_SCALES and not m.group("cur"):
            # "5 m" without a currency is more likely metres; no scale then
            end = m.end("num") if m.group("num") else m.end("word")
            scale_word = ""
        scale = SCALES.get(scale_word, 1.0)
        if m.group("num") and not scale_word and not m.group("pct"):
            while end < len(text) and text[end] in _CJK_SCALES:  # "8万", "3千万"
                scale *= _CJK_SCALES[text[end]]
                end += 1
        if m.group("num"):
            digits = m.group("num")
            value = float(digits.replace(",", "")) * scale
            step = _step(digits, scale)
        else:
            word = m.group("word").lower()
            base = parse_words(word)
            if base is None or (base == 1 and scale == 1.0):
                continue  # "one" alone is mostly a pronoun
            if word in ("hundred", "dozens") and scale == 1.0:
                continue  # "hundreds of", "dozens of": vague
            value, step = float(base) * scale, scale
        # not after % or °: "52%-48%" read -48%, and "20°-25°" -25 (a range's hyphen);
        # still after ":", "=" or "/" ("temperature:-25", "+/-5")
        # and at the text's start ("" is in every string: "-7 at dawn" was 7)
        prev = text[start - 2] if start >= 2 else " "
        if (before in _MINUS and m.group("num") and not m.group("cur")
                and not prev.isalnum() and prev not in _MINUS + ".,%°"):
            start, value = start - 1, -value  # "-5 degrees", "(−30)"
        currency = CURRENCIES.get((m.group("cur") or "").lower())
        if currency is None:
            c = _CURRENCY_AFTER.match(text, end)
            if c:
                currency = CURRENCIES.get(c.group("c").lower().split()[-1])
        digits_only = m.group("num") or ""
        as_year = (bool(re.fullmatch(r"\d{4}", digits_only)) and is_year(value)
                   and not m.group("cur") and not m.group("pct") and scale == 1.0)
        alternative = None
        if m.group("num") and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group("num")):
            # a dot between groups of three digits is a thousands separator in
            # much of Europe ("120.000 deaths"); both readings are kept
            alternative = float(m.group("num").replace(".", "")) * scale
        unit = _TIME_AFTER.match(text, end) if not m.group("pct") and not currency else None
        # "%95": Turkish (and some Arabic and Persian) writing puts the sign first
        percent = bool(m.group("pct")) or (before == "%" and not m.group("cur"))
        out.append(Number(original[start:end].strip(), value, step, start, end, currency,
                          percent, as_year, alternative,
                          matched_word(TIME_UNITS, unit.group("u")) if unit else None,
                          bool(unit and unit.group("rel")),
                          bool(m.group("num")) and _ordinal_prefix(text, start)))
    return sorted(out, key=lambda n: n.start)


def supports(source: Number, output: Number) -> bool:
    """Whether ``source`` backs ``output``: equal once rounded to the output's step."""
    if output.ordinal != source.ordinal:
        return False  # "the 24th day" and "24 days" are other facts
    if output.unit != source.unit:
        # a duration ("seven years") and a count of something else are other facts
        return False
    if output.percent != source.percent:
        # "40%" needs a source percentage; a plain "40" in a source is another fact
        return False
    if output.currency and source.currency and output.currency != source.currency:
        return False
    if (output.step == 1.0 and source.step < 1.0 and source.alternative is None
            and not source.value.is_integer()):
        # an exact count ("seven days") is not a rounded measurement ("7.3 magnitude");
        # "8.0 percent" is 8 percent
        return False
    if output.year or source.year:
        return output.value == source.value
    for value, step in output.readings():
        step = max(step, 1e-9)
        for source_value, _ in source.readings():
            if math.isclose(source_value if math.isinf(source_value) else  # 309+ digits
                            round(source_value / step) * step, value, rel_tol=1e-12,
                            abs_tol=step * 1e-6):
                return True
    return False
