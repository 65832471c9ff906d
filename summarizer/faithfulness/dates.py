"""Calendar dates as (year, month, day): "Sept. 24" = "September 24" = "24 Sep".

:func:`find_dates` returns the dates written in a text with any of their
parts missing (None); a day range ("July 7-8", "13/14 June") gives one date
per day. :func:`date_supports` says whether a source date backs an output
date: every part the output states agrees with the source ("September" is
backed by "Sept. 24, 2011"; "Sept. 25" is not).

A news article's own date anchors the dates it leaves incomplete or
relative: :func:`anchor_year` gives "Sept. 24" the year that puts it nearest
to the publication date, and :func:`relative_dates` resolves "today",
"yesterday", "on Monday" and the like.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from summarizer.documents.dates import MONTHS, WEEKDAYS, month_forms
from summarizer.faithfulness.numbers import (
    CJK_DIGITS,
    ERA_YEAR,
    YEAR_PATTERN,
    era_year,
    is_year,
    matched_key,
    matched_word,
)

_CAPITALISED = sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)
# Beside a day number a month name may be written in lower case ("on july 7");
# not "may" and "march", which are ordinary words even there ("may 10 ...").
_LOWER = sorted((m for m in MONTHS if len(m) > 3 and m not in ("may", "march")),
                key=len, reverse=True)
# the full names: the longest name of each month
_FULL = {max((m for m, n in MONTHS.items() if n == month), key=len) for month in range(1, 13)}


def _names(names: list[str]) -> str:
    # the dot of an abbreviation ("Sept.") is part of the date; after a full
    # name it ends the sentence
    return "|".join(n + ("" if n.lower() in _FULL else r"\.?") for n in names)


_MONTH_BARE = r"(?P<{g}>" + _names(_CAPITALISED) + r")"
# a whole word: "24 sept" is no date in "24 septembre"
_MONTH = r"(?P<{g}>" + _names(_CAPITALISED + _LOWER) + r")(?!\w)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>" + YEAR_PATTERN + ")"
# between the two days of a range: "7-8", "13/14", "4 till 26", "7th and 8th"
_TO = r"\s*(?:-|–|/|\bto\b|\band\b|\btill\b|\buntil\b|\bthrough\b)\s*"
DATE_RE = re.compile(
    "|".join([
        # 2011-09-24
        r"\b(?P<iy>" + YEAR_PATTERN + r")-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b",
        # July 7-8(, 2007) / June 13/14
        r"\b" + _MONTH.format(g="m4") + r"\s+" + _DAY.format(g="d4") + _TO + _DAY.format(g="e4")
        + r"\b(?:,?\s+" + _YEAR.format(g="y4") + r"\b)?",
        # 7-8 July (2007) / 7th and 8th of July / 4 till 26 of June
        r"\b" + _DAY.format(g="d5") + _TO + _DAY.format(g="e5") + r"(?:\s+of)?\s+"
        + _MONTH.format(g="m5") + r"(?:,?\s+" + _YEAR.format(g="y5") + r"\b)?",
        # September 24(, 2011) / Sept. 24th
        r"\b" + _MONTH.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r"\b(?:,?\s+" + _YEAR.format(g="y1") + r"\b)?",
        # 24 September (2011) / 24th of September
        r"\b" + _DAY.format(g="d2") + r"(?:\s+of)?\s+" + _MONTH.format(g="m2") + r"(?:,?\s+" + _YEAR.format(g="y2") + r"\b)?",
        # September 2011 / in September
        r"\b" + _MONTH_BARE.format(g="m3") + r"(?:,?\s+" + _YEAR.format(g="y3") + r")?\b",
    ])
)
# Month names of French, German, Spanish, Czech (every common case) and Greek
# (nominative, genitive, accusative; formal and everyday: "Νοεμβρίου", "Νοέμβρη"), from
# documents.dates.MONTH_NAMES (the one table of them, English's being MONTHS there), read
# with a day or a year beside them, or bare ("en juin", "v červenci", "τον Ιούνιο") but for
# those that are also ordinary words or names (_OTHER_WORDS).
_OTHER_LANGUAGES = ("french", "german", "spanish", "czech", "greek")


def _unaccented(name: str, marks: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", name) if ch not in marks))


def _plain(word: str) -> str:
    """``word`` in lower case without its accents ("Από" -> "απο", "nächsten" -> "nachsten")."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


# each name also as written without its accents (all of them, or Greek's acute
# alone: "Μαϊου") and with them decomposed (NFD text), keyed in lower case
OTHER_MONTHS = {
    written.lower(): month for language in _OTHER_LANGUAGES
    for month, names in month_forms(language).items() for name in names
    for form in (name, _unaccented(name, "\u0301\u0308\u030c\u030a\u0302"),
                 _unaccented(name, "\u0301"))
    for written in (form, unicodedata.normalize("NFD", form))
}
_OTHER = "(?P<{g}>" + "|".join(sorted(OTHER_MONTHS, key=len, reverse=True)) + ")"
# a day as these languages write it: "7", "1er", "7." (German, Czech), "14ης" (Greek)
_ODAY = r"(?P<{g}>[0-3]?\d)(?:er|ης|\.)?"
# before a year: Spanish "de 2005", Greek "του 2005" (of 2005)
_OOF = r"(?:de|του)"
_OSPACE = r"(?:(?<=\.)\s*|\s+)"  # "7.července", "7 juillet"; not "7juillet"
_OTO = r"\s*(?:-|–|\b(?:au|et|a|bis|und|y|al|και|έως)\b)\s*"
# 7 juillet 2005, 7. Juli 2005, 7 de julio de 2005, 7. července 2005, 7 Ιουλίου 2005,
# 7-8 juillet, 7. a 8. července; juillet 2005, julio de 2005, v červenci 2005,
# τον Μάιο του 2007
_OTHER_DATES = [
    r"(?i:\b" + _ODAY.format(g="od") + r"(?:" + _OTO + _ODAY.format(g="oe") + r")?" + _OSPACE + r"(?:de\s+)?"
    + _OTHER.format(g="om") + r"(?!\w)(?:,?\s+(?:" + _OOF + r"\s+)?" + _YEAR.format(g="oy") + r"\b)?)",
    r"(?i:\b" + _OTHER.format(g="on") + r"(?:\s+" + _OOF + r")?,?\s+" + _YEAR.format(g="oz") + r"\b)",
]
# Bare, these are also words or names: "mars" (the planet), "mai" ("Mai"), "mayo",
# "září" (it shines), "Julio"; and English's spellings ("August") are read by its rules.
_OTHER_WORDS = ("mars", "mai", "mayo", "zari", "julio")
_OTHER_BARE = "(?P<{g}>" + "|".join(sorted(
    (m for m in OTHER_MONTHS if m not in MONTHS and _plain(m) not in _OTHER_WORDS),
    key=len, reverse=True)) + ")"
_OTHER_DATES.append(r"(?i:(?<!\w)" + _OTHER_BARE.format(g="ob") + r"(?!\w))")
_AMBIGUOUS = ("may", "march", "mar", "jan", "sep", "dec", "jun", "jul", "aug", "oct", "nov")
# English's forms first: where both read a date at one place, as before
DATE_RE = re.compile(DATE_RE.pattern + "|" + "|".join(_OTHER_DATES))
# Chinese, Japanese and Korean dates: 2024年3月5日, 3月5号, ３月５日, 2024년 3월 5일, 3月,
# 平成20年3月5日 (a Japanese era's year: numbers.ERA_YEAR)
# ("3个月", "3개월", "3か月" are durations and do not match; nor does 月曜日), and in
# Chinese numerals: 二〇一一年六月二日, 十二月二十五日, 六月二 (a day in numerals needs
# no 日 after it, unless a numeral or a counter follows: 六月二十人 is no date).
# A numeral that ends a word is no month: a weekday or rank (周一月底: Monday, end
# of the month; 星期二, 第三) or a word made with 一 (同一月: the same month; 统一,
# 唯一, 单一, 每一, 万一, 逐一, 之一, 其一 one of them, 不一 not alike).
_HAN = "〇零一二三四五六七八九"
_HAN_MONTH = ("(?<!星期)(?<!礼拜)(?<!禮拜)(?<![周週第])"
              "(?:十[一二]?|(?<![同统統唯惟单單每万萬逐之其不])一|[二三四五六七八九])")
_HAN_DAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_CJK_DATE = re.compile(
    rf"(?<![\d{_HAN}十])(?:(?:(?P<y>\d{{4}}|[{_HAN}]{{4}})\s?[年년]|{ERA_YEAR.pattern})\s?)?"
    rf"(?P<m>\d{{1,2}}|{_HAN_MONTH})\s?[月월]"
    rf"(?:\s?(?P<d>\d{{1,2}})\s?[日号號일]"
    rf"|(?P<h>{_HAN_DAY})(?:[日号號]|(?![\d{_HAN}十百千万个個人名位次家岁歲天年]))"
    r")?")


def _cjk_value(part: str) -> int:
    """A part of a date in figures or Chinese numerals (六, 十二, 二十五; 二〇一一 digit
    by digit)."""
    if part.isdigit():
        return int(part)
    if "十" not in part:
        return int("".join(str(CJK_DIGITS[ch]) for ch in part))
    tens, _, units = part.partition("十")
    return (CJK_DIGITS[tens] if tens else 1) * 10 + (CJK_DIGITS[units] if units else 0)


@dataclass(frozen=True)
class Date:
    """A date as written; parts that the text does not state are None."""

    text: str
    year: int | None
    month: int
    day: int | None
    start: int
    end: int
    # the year said in words right after a date without one: -1 for "June 1
    # last year", 0 for "this year", 1 for "next year" (from the article's year)
    year_offset: int | None = None


# "June 1 last year": the year of an undated day, said in words
_YEAR_WORDS = re.compile(r"\s+(?P<w>last|this|next)\s+year\b", re.IGNORECASE)
_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}
_WEEKDAY_NUMBERS = {day: number for number, day in enumerate(WEEKDAYS)}


def _real(year: int | None, month: int, day: int | None) -> bool:
    """Whether the month is one and the day is in it (February 29 where the year
    is a leap year or not stated)."""
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year or 2000, month)[1]


# Words after which a month is a time ("in June", "since May", "mid-July"; German "im
# Juli", "seit April"; Greek "τον Αύγουστο", "από τον Ιούλιο"), not a given name; Greek
# without its accents. French, Spanish and Czech write their months in lower case.
_BEFORE_MONTH = frozenset("""in on at since during until till through throughout by from to
before after around early late mid last next this of every each
im am seit bis ab vor nach anfang mitte ende vom zum letzten vergangenen nachsten diesen jeden
en depuis fin debut mi des desde hasta de finales principios mediados v ve od do
τον στον το στο του τα απο μεχρι εως ως τελη αρχες μεσα""".split())
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'\u2019-]*)")
_GAP_CHAR, _WORD_CHAR = re.compile(r"[\s-]"), re.compile(r"\w")


def _word_before(text: str, start: int) -> str | None:
    r"""The word that only whitespace and hyphens part from ``start`` (what
    ``re.search(r"(\w+)[\s-]*$", text[:start])`` reads, without a search of the whole
    text before ``start`` for each month: quadratic in a long text of dates)."""
    j = start
    while j and _GAP_CHAR.fullmatch(text[j - 1]):
        j -= 1
    i = j
    while i and _WORD_CHAR.fullmatch(text[i - 1]):
        i -= 1
    return text[i:j] if i < j else None


def given_name(text: str, start: int, end: int) -> bool:
    """Whether the month name ``text[start:end]``, capitalised and written in full or
    abbreviated without a period (in English, or in any form of the other languages'
    :data:`OTHER_MONTHS`), is a given name: right before a capitalised word that is no
    month or weekday ("August Müller", "April Ryan", "June Carter", "Jan Egeland", Czech
    "Jan Novák", German "Juli Zeh", French "Avril Lavigne", Greek "Αύγουστος
    Κωνσταντίνου"), and after no word that makes it a time ("in June Britain ...", "since
    May President ...", "im Juli Wahlen"). "Jan." is an abbreviation's."""
    word = text[start:end]
    after = _NEXT_WORD.match(text, end)
    key = word.lower()
    if (key not in MONTHS and key not in OTHER_MONTHS) or not word[:1].isupper() or after is None:
        return False
    following = after.group(1).lower()
    before = _word_before(text, start)
    return (after.group(1)[:1].isupper() and following not in MONTHS
            and following not in OTHER_MONTHS and following not in WEEKDAYS
            and (before is None or _plain(before) not in _BEFORE_MONTH))


def find_dates(text: str) -> list[Date]:
    """Every calendar date in ``text`` (a month name at least; ISO dates and Chinese,
    Japanese and Korean ones too)."""
    out = []
    year: int | None
    month: int | None
    days: list[int | None]
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            year, month, days = int(g["iy"]), int(g["im"]), [int(g["id"])]
        elif g["ob"] and given_name(text, m.start(), m.end()):
            continue  # "Juli Zeh", "Avril Lavigne": a woman
        elif g["om"] or g["on"] or g["ob"]:
            year = int(g["oy"] or g["oz"]) if g["oy"] or g["oz"] else None
            month = matched_word(OTHER_MONTHS, g["om"] or g["on"] or g["ob"])
            days = [int(g[x]) for x in ("od", "oe") if g[x]] or [None]
        else:
            k = next(i for i in "41523" if g[f"m{i}"])
            written = g[f"m{k}"].rstrip(".")
            year = int(g[f"y{k}"]) if g.get(f"y{k}") else None
            days = [int(g[x]) for x in (f"d{k}", f"e{k}") if g.get(x)] or [None]
            month = matched_word(MONTHS, written)
            if k == "3" and year is None and (matched_key(_AMBIGUOUS, written) is not None
                                                  or given_name(text, m.start(), m.end())):
                continue  # a bare "May" or "March" is also an ordinary word, "August Müller" a man
        if not all(_real(year, month, d) for d in days):
            continue
        said = _YEAR_WORDS.match(text, m.end()) if year is None else None
        offset = matched_word(_YEAR_OFFSETS, said.group("w")) if said else None
        out += [Date(m.group(0), year, month, d, m.start(), m.end(), offset) for d in days]
    numeric = _numeric_dates(text)
    out += numeric
    if not text.isascii():
        for m in _CJK_DATE.finditer(text):
            year, month, day = (_cjk_value(m.group(k)) if m.group(k) else None
                                for k in ("y", "m", "d" if m.group("d") else "h"))
            if m.group("era"):
                year = era_year(m)
            if year is not None and not is_year(year):
                year = None  # as "June 2, 3011": the date without a year
            if month is not None and _real(year, month, day):
                out.append(Date(m.group(0), year, month, day, m.start(), m.end()))
    if numeric or not text.isascii():
        out.sort(key=lambda d: d.start)
    return out


# An all-numeric date: 17.07.2005 (German, Czech, Russian ...), 17/07/2005. Read as
# numbers, its day and month were a decimal (17.07) and its year was dropped: a changed
# year passed, and "17. Juli 2005" did not back "17.07.2005"
_NUMERIC_DATE = re.compile(r"(?<![\w.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\w/]|[.,]\d)")


def _numeric_dates(text: str) -> list[Date]:
    """The all-numeric dates of ``text`` that read one way only: with dots, day first (the
    convention of the languages that write them); with slashes, where only one of day-month
    and month-day is a day the calendar has (17/07/2005, 07/17/2005; not 05/03/2009)."""
    out = []
    for m in _NUMERIC_DATE.finditer(text):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not is_year(year):
            continue
        orders = [(a, b)] if m.group(2) == "." else [(a, b), (b, a)]
        readings = {(day, month) for day, month in orders
                    if 1 <= month <= 12 and _real(year, month, day)}
        if len(readings) == 1:
            day, month = readings.pop()
            out.append(Date(m.group(0), year, month, day, m.start(), m.end()))
    return out


def date_supports(source: Date, output: Date) -> bool:
    """Whether ``source`` states everything ``output`` states about the date."""
    if source.month != output.month:
        return False
    if output.day is not None and source.day != output.day:
        return False
    return output.year is None or source.year in (None, output.year)


def publication_date(text: str | None) -> dt.date | None:
    """A document's date line as a calendar date (None unless day, month and year are there)."""
    for d in find_dates(text or ""):
        if d.year is not None and d.day is not None:
            return dt.date(d.year, d.month, d.day)  # find_dates reads real days only
    return None


def anchor_year(date: Date, published: dt.date) -> Date:
    """``date`` with its missing year taken from the publication date: news
    reports what has happened, so the latest such date no more than a month
    after publication ("Dec. 30" in an article of January 2, 2005 is
    December 30, 2004; "July 7" in one of May 2008 is July 7, 2007, not 2008;
    "Jan. 5" in one of December 30, 2004 is 2005: an announced event), unless
    the text says which year ("June 1 last year")."""
    if date.year is not None:
        return date
    if date.year_offset is not None:
        return replace(date, year=published.year + date.year_offset)
    day = min(date.day or 1, 28)
    latest = published + dt.timedelta(days=AHEAD_DAYS)
    year = max(y for y in (published.year - 1, published.year, published.year + 1)
               if dt.date(y, date.month, day) <= latest)
    return replace(date, year=year)


# How far ahead of its publication an article's undated "Jan. 5" may be.
AHEAD_DAYS = 31


_RELATIVE_RE = re.compile(
    r"\b(?:(?P<today>today|tonight|this (?:morning|afternoon|evening))"
    r"|(?P<yesterday>yesterday|last night)|(?P<tomorrow>tomorrow)"
    r"|(?:(?P<dir>last|next|on|this)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r"))\b",
    re.IGNORECASE,
)


def relative_dates(text: str, published: dt.date) -> list[Date]:
    """The days that "today", "yesterday", "tomorrow" and weekday names in
    ``text`` refer to, for an article dated ``published``. A weekday is the
    latest one on or before the publication date (news reports what
    happened), the latest one before it when written "last Monday", or the next
    one after it when written "next Monday"."""
    out = []
    for m in _RELATIVE_RE.finditer(text):
        if m.group("today"):
            day = published
        elif m.group("yesterday"):
            day = published - dt.timedelta(days=1)
        elif m.group("tomorrow"):
            day = published + dt.timedelta(days=1)
        else:
            wanted = matched_word(_WEEKDAY_NUMBERS, m.group("weekday"))
            back = (published.weekday() - wanted) % 7
            direction = (m.group("dir") or "").lower()
            if direction == "next":
                day = published + dt.timedelta(days=(7 - back) or 7)
            elif direction == "last":  # "last Monday" in a Monday's paper: a week before
                day = published - dt.timedelta(days=back or 7)
            else:
                day = published - dt.timedelta(days=back)
        out.append(Date(m.group(0), day.year, day.month, day.day, m.start(), m.end()))
    return out


def elapsed(mention: Date, published: dt.date) -> dict[str, set[int]]:
    """The whole years, months, weeks and days from ``mention`` (with a year)
    to ``published``, as an article of that date may count them ("four years
    after the July 7, 2005 bombings" in an article of July 2009): by the
    calendar and, where the day is known, by elapsed time rounded down."""
    if mention.year is None:
        return {}
    out: dict[str, set[int]] = {"year": {published.year - mention.year},
                                "month": {(published.year - mention.year) * 12
                                          + published.month - mention.month}}
    if mention.day is not None:
        try:
            days = (published - dt.date(mention.year, mention.month, mention.day)).days
        except ValueError:
            days = -1
        if days < 0:
            return {}
        out["year"].add(int(days // 365.25))
        out["month"].add(int(days // 30.44))
        out["week"] = {days // 7, round(days / 7)}
        out["day"] = {days}
    if min(out["month"]) < 0:
        return {}
    return {unit: {v for v in values if v > 0} for unit, values in out.items()}
