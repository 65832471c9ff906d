"""Recognising date lines in news articles, in the languages news comes in.

A news file often starts with a title, then a line such as ``Saturday,
January 8, 2005`` (or ``Sobota, 8. ledna 2005``, ``السبت 8 يناير 2005``,
``שבת, 8 ינואר, 2005``, ``शनिवार, जनवरी 8, 2005`` ...). Such a line is
metadata, not a sentence to summarise. This module decides whether a line
(or the start of a line) is such a date, and turns it into ISO form when the
day, month and year are all there.

Deliberately strict: a date needs a year *and* a month name (or an all-numeric
date), and few other words, so a sentence that mentions a year is never
mistaken for a date line; a day the calendar lacks (``2004-02-31``, ``31 April 2004``) is
no date, in an article's line as in a Document's date.

An all-numeric date with the year last (``08/01/2005``) is read day first in a line of
an article (:func:`parse_date`), the order of the news outside the US that the TAC
MultiLing files use; a date given as a Document's (:func:`normalize_date`: a JSONL
field, ``Document(date=...)``) with slashes or dashes is read so only where one reading
is a real date (``13/9/2004``, ``9/13/2004``), and refused where both are and differ
(``1/9/2004``: 1 September or January 9?), rather than guessed. With dots
(``01.09.2004``) it is read day first: dotted numeric dates are the day-first
convention (German, Czech, Russian, ...), never the US month-first one; a dotted date
whose day-first reading the calendar lacks (``09.13.2004``) is refused, not read the
other way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# English month names and abbreviations -> number, and weekdays from Monday: the
# one table of them (the faithfulness checks read English dates with it).
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month names of other languages, as written, January first; a month's forms are
# separated by ", " (Arabic's Levantine names are two words). The one table of them:
# date lines (here) read every language's, case-folded and without accents (_fold); the
# faithfulness checks read the Latin and Greek scripts' in their own dates.
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "french": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre"),
    "german": ("Januar, Jänner", "Februar, Feber", "März, Maerz", "April", "Mai", "Juni",
               "Juli", "August", "September", "Oktober", "November", "Dezember"),
    "spanish": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                "septiembre, setiembre", "octubre", "noviembre", "diciembre"),
    "italian": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                "agosto", "settembre", "ottobre", "novembre", "dicembre"),
    "portuguese": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
                   "agosto", "setembro", "outubro", "novembro", "dezembro"),
    "dutch": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"),
    # every common case: "července", "v červenci", "zářím"
    "czech": ("leden, ledna, lednu, lednem", "únor, února, únoru, únorem",
              "březen, března, březnu, březnem", "duben, dubna, dubnu, dubnem",
              "květen, května, květnu, květnem", "červen, června, červnu, červnem",
              "červenec, července, červenci, červencem", "srpen, srpna, srpnu, srpnem",
              "září, zářím", "říjen, října, říjnu, říjnem", "listopad, listopadu, listopadem",
              "prosinec, prosince, prosinci, prosincem"),
    "polish": ("styczeń, stycznia", "luty, lutego", "marzec, marca", "kwiecień, kwietnia",
               "maj, maja", "czerwiec, czerwca", "lipiec, lipca", "sierpień, sierpnia",
               "wrzesień, września", "październik, października", "listopad, listopada",
               "grudzień, grudnia"),
    "russian": ("январь, января", "февраль, февраля", "март, марта", "апрель, апреля",
                "май, мая", "июнь, июня", "июль, июля", "август, августа",
                "сентябрь, сентября", "октябрь, октября", "ноябрь, ноября",
                "декабрь, декабря"),
    # nominative, genitive, accusative; then the everyday names, nominative in -ης and
    # the other cases in -η ("τον Νοέμβρη", "στις 5 Δεκέμβρη")
    "greek": ("Ιανουάριος, Ιανουαρίου, Ιανουάριο, Γενάρης, Γενάρη",
              "Φεβρουάριος, Φεβρουαρίου, Φεβρουάριο, Φλεβάρης, Φλεβάρη",
              "Μάρτιος, Μαρτίου, Μάρτιο, Μάρτης, Μάρτη",
              "Απρίλιος, Απριλίου, Απρίλιο, Απρίλης, Απρίλη",
              "Μάιος, Μαΐου, Μάιο, Μαΐος, Μάης, Μάη",
              "Ιούνιος, Ιουνίου, Ιούνιο, Ιούνης, Ιούνη",
              "Ιούλιος, Ιουλίου, Ιούλιο, Ιούλης, Ιούλη", "Αύγουστος, Αυγούστου, Αύγουστο",
              "Σεπτέμβριος, Σεπτεμβρίου, Σεπτέμβριο, Σεπτέμβρης, Σεπτέμβρη",
              "Οκτώβριος, Οκτωβρίου, Οκτώβριο, Οκτώβρης, Οκτώβρη",
              "Νοέμβριος, Νοεμβρίου, Νοέμβριο, Νοέμβρης, Νοέμβρη",
              "Δεκέμβριος, Δεκεμβρίου, Δεκέμβριο, Δεκέμβρης, Δεκέμβρη"),
    # the Egyptian names and the Levantine ones, with and without hamza
    "arabic": ("يناير, كانون الثاني", "فبراير, شباط", "مارس, آذار, أذار, اذار",
               "أبريل, ابريل, نيسان", "مايو, أيار, ايار", "يونيو, حزيران", "يوليو, تموز",
               "أغسطس, اغسطس, آب", "سبتمبر, أيلول, ايلول", "أكتوبر, اكتوبر, تشرين الأول, "
               "تشرين الاول", "نوفمبر, تشرين الثاني", "ديسمبر, كانون الأول, كانون الاول"),
    "hebrew": ("ינואר", "פברואר", "מרץ, מרס", "אפריל", "מאי", "יוני", "יולי", "אוגוסט",
               "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"),
    "hindi": ("जनवरी", "फरवरी, फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त",
              "सितंबर, सितम्बर", "अक्टूबर, अक्तूबर", "नवंबर, नवम्बर", "दिसंबर, दिसम्बर"),
}


def month_forms(language: str) -> dict[int, list[str]]:
    """The month names of ``language`` (a key of :data:`MONTH_NAMES`), by month number."""
    return {month: names.split(", ")
            for month, names in enumerate(MONTH_NAMES[language], start=1)}


_WEEKDAYS = WEEKDAYS + tuple((
    "mon tue tues wed thu thur thurs fri sat sun lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miercoles "
    "jueves viernes sabado domingo lunedi martedi mercoledi giovedi venerdi sabato "
    "pondeli utery streda ctvrtek patek sobota nedele δευτερα τριτη τεταρτη πεμπτη "
    "παρασκευη σαββατο κυριακη الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة "
    "السبت الأحد الاحد שני שלישי רביעי חמישי שישי שבת ראשון सोमवार मंगलवार बुधवार गुरुवार "
    "गुरूवार बृहस्पतिवार बृहस्पतीवार शुक्रवार शनिवार श्निवार रविवार इतवार"
).split())

_FOLDED_MONTHS: dict[str, int] = {}
_FOLDED_WEEKDAYS: set[str] = set()


def _fold(word: str) -> str:
    """Case-fold and drop accents (combining marks of Latin/Greek letters only)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    kept = []
    for ch in decomposed:
        # Only the generic combining accents; the vowel signs of Indic and
        # Semitic scripts are part of their letters.
        if 0x0300 <= ord(ch) <= 0x036F:
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


_FOLDED_MONTHS.update(MONTHS)
for _language in MONTH_NAMES:
    for _num, _names in month_forms(_language).items():
        _FOLDED_MONTHS.update((_fold(_name), _num) for _name in _names)
_FOLDED_WEEKDAYS.update(_fold(w) for w in _WEEKDAYS)

# Prefixes glued to month names: Hebrew ב/ל/ה ("בינואר"), Arabic ال (rare).
_HEBREW_PREFIXES = ("ב", "ל", "ה", "וב")
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# normalize_date's YYYY-MM and year alone: any year a YYYY-MM-DD may have (datetime's
# 1-9999: 1850-01-01 was taken, 1850-01 and 1850 were not)
_YEAR_MONTH_RE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
_BASIC_DATE_RE = re.compile(r"^(\d{4})(\d\d)(\d\d)$")  # ISO 8601 basic: 20040901
# An ISO 8601 time: a date, T or a space, HH[:MM[:SS[.fraction]]], and Z or an offset
# (+05:00, +0500, +05), ASCII digits only
_ISO_TIME_RE = re.compile(r"(\d{4}-\d\d-\d\d)[Tt ](\d\d)(?::(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?"
                          r"([Zz]|[+-]\d\d(?::?\d\d(?::\d\d(?:\.\d{1,6})?)?)?)?", re.ASCII)
_NUMERIC_DATE_RE = re.compile(
    r"^\s*(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))\s*$"
)
# Token separators inside a date: spaces and the punctuation dates use.
_SPLIT_RE = re.compile(r"[\s,.،/\-–]+")
_DIGITS_RE = re.compile(r"(\d+)")
# The years of a date with a month name in an article's line: a wider range would make
# more lines dates ("May 1850 ..." is text). A date given as a Document's takes any
# four-digit year datetime takes (normalize_date), as its numeric forms do.
LINE_YEARS = range(1900, 2100)
ANY_YEAR = range(dt.MINYEAR, dt.MAXYEAR + 1)
_MAX_DATE_TOKENS = 8
_MAX_OTHER_TOKENS = 3
_MAX_PREFIX_CHARS = 60
# A date in any form normalize_date reads is shorter; a longer value is no date
MAX_DATE_CHARS = 100
# RFC 2822's time (an RSS item's pubDate, an e-mail's Date:, HTTP's): a four-digit year and
# a zone email.utils knows by name or as an offset; its two-digit years and unknown zones
# (which it guesses, or takes for UTC) are refused, as every guess is here
_RFC2822_RE = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+(\d{4})\s+"
                         r"\d\d:\d\d(?::\d\d)?\s+(?:[+-]\d{4}|GMT|UTC?|[ECMP][SD]T)",
                         re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class DateMatch:
    """A date found at the start of a line: its text, ISO form and what follows."""

    text: str
    iso: str | None
    rest: str


def _is_year(token: str, years: range = LINE_YEARS) -> int | None:
    if len(token) == 4 and token.isdecimal() and int(token) in years:
        return int(token)
    return None


def month_number(token: str) -> int | None:
    """Month number of a month name in any known language, else None."""
    folded = _fold(token)
    if folded in _FOLDED_MONTHS:
        return _FOLDED_MONTHS[folded]
    for pre in _HEBREW_PREFIXES:
        if folded.startswith(pre) and folded[len(pre):] in _FOLDED_MONTHS:
            return _FOLDED_MONTHS[folded[len(pre):]]
    return None


def _is_weekday(token: str) -> bool:
    return _fold(token) in _FOLDED_WEEKDAYS


def _tokens(text: str) -> list[str]:
    """Split on spaces and date punctuation, and digits from letters ("ה12")."""
    out: list[str] = []
    for tok in _SPLIT_RE.split(text):
        out.extend(t for t in _DIGITS_RE.split(tok) if t)
    return out


def _filler(token: str) -> bool:
    """A short word a date may hold besides its parts ("5 de marzo de 2024", "the 5th of
    May"): lower-case or uncased letters, four at most; not "(Reuters)" or "In"."""
    return token.isalpha() and len(token) <= 4 and not token[0].isupper()


def parse_date(text: str, years: range = LINE_YEARS, *, fillers_only: bool = False
               ) -> str | None:
    """ISO date (YYYY-MM-DD, or YYYY-MM) of a date-only string, else None.

    Returns None when ``text`` is not a date by the strict rules of this module, names a
    day the calendar lacks (``2004-02-31``, ``31 April 2004``, ``32 March 2004``), a second
    year or month (``March/April 2004``: a range, not one date), or a year (four digits)
    outside ``years`` (an article's date line's, unless given). Up to
    :data:`_MAX_OTHER_TOKENS` other words are allowed; ``fillers_only``: only short
    lower-case ones (:func:`_filler`).
    """
    m = _NUMERIC_DATE_RE.match(text)
    if m:
        if m.group(1):
            y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
        else:  # day/month/year, the order used outside the US
            d, mo, y = int(m.group(4)), int(m.group(5)), m.group(6)
        # a day the calendar has, as normalize_date asks: 2004-02-31 was taken, 31/2/2004 not
        return calendar_date(int(y), mo, d) if _is_year(y, years) else None
    tokens = _tokens(text)
    if not tokens or len(tokens) > _MAX_DATE_TOKENS:
        return None
    year = month = day = None
    others = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # Two-word month names (Levantine Arabic: "كانون الثاني").
        if i + 1 < len(tokens) and month is None:
            two = month_number(f"{tok} {tokens[i + 1]}")
            if two is not None:
                month = two
                i += 2
                continue
        if _is_year(tok, years):
            if year is not None:  # "March 2004 2005", "2004 2005 March": which one?
                return None
            year = int(tok)
        elif month_number(tok) is not None:
            # "March/April 2004", "5 March 2004 April": which? (Arabic names one month twice,
            # "10 يوليو/تموز 2007", July in its Egyptian and Levantine names)
            if month is not None and month_number(tok) != month:
                return None
            month = month_number(tok)
        elif day is None and tok.isdecimal() and len(tok) <= 2:
            if not 1 <= int(tok) <= 31:  # "32 March 2004", "March 0, 2004": no such day
                return None
            day = int(tok)
        elif _is_weekday(tok):
            pass
        elif fillers_only and not _filler(tok):
            return None
        else:
            others += 1
        i += 1
    if year is None or month is None or others > _MAX_OTHER_TOKENS:
        return None
    return calendar_date(year, month, day) if day else f"{year:04d}-{month:02d}"


def calendar_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` of a day the calendar has (not 31 April), else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: str | dt.date, what: str = "date") -> str:
    """A document's date (``what`` names it in an error) in one form that sorts as time
    runs: ``YYYY-MM-DD`` (``2004-9-1``, ``September 1, 2004``, ``20040901``, ``13/9/2004``,
    ``9/13/2004`` or ``01.09.2004``: see the module's note on all-numeric dates), ``YYYY-MM``
    (``Sept 2004``), ``YYYY`` (a year alone), or ``YYYY-MM-DDTHH:MM:SS`` (an ISO 8601 time,
    in UTC where it names an offset); a value already in one of these forms is returned
    as it is, a ``datetime.date`` or ``datetime`` as its ISO form. Kept as given, ``2004-9-1`` sorted after ``2004-10-01``, which put the
    documents out of date order. Anything else is an
    :class:`~summarizer.errors.InputError` naming the value, rather than a guess.

    A year may be any of datetime's (1-9999, four digits with a month name: ``September
    1, 1850``, ``1 May 0850``), though an article's date line takes 1900-2099 only
    (:data:`LINE_YEARS`)."""
    from summarizer.errors import InputError, value_repr

    if isinstance(value, dt.date):  # a datetime too: its ISO form, read as one
        value = value.isoformat()
    if not isinstance(value, str):  # 2004 or None: AttributeError ('strip') before
        raise InputError(f"{what} must be a string or a datetime.date, not "
                         f"{type(value).__name__}")
    text = value.strip()
    no_date = InputError(f"{what} is {value_repr(text)}, not a date (give YYYY-MM-DD, an "
                         "ISO 8601 time, or a date such as 'September 1, 2004')")
    if len(text) > MAX_DATE_CHARS:  # not read: int() of 4,300 digits was a bare ValueError
        raise no_date
    short = _YEAR_MONTH_RE.match(text)  # forms parse_date does not give or not for all years
    if short and int(short[1]) >= dt.MINYEAR:
        digits = f"{int(short[1]):04d}"  # ASCII digits: "٢٠٠٤" was kept as given
        return f"{digits}-{short[2]}" if short[2] else digits
    numeric = _NUMERIC_DATE_RE.match(text)
    if numeric and numeric.group(4):  # D/M/YYYY or M/D/YYYY: only the numbers can tell
        a, b, year = (int(numeric.group(i)) for i in (4, 5, 6))
        if text.count(".") == 2:  # DD.MM.YYYY: dots are the day-first convention
            found = calendar_date(year, b, a)
            if found is None:
                raise InputError(f"{what} is {value_repr(text)}, not a date (with dots, day first: "
                                 "DD.MM.YYYY; or give YYYY-MM-DD)")
            return found
        readings = {calendar_date(year, month, day) for day, month in ((a, b), (b, a))} - {None}
        if len(readings) > 1:
            raise InputError(f"{what} is {value_repr(text)}: day {a} of month {b}, or month {a} day "
                             f"{b}? Give it as YYYY-MM-DD")
        if not readings:
            raise no_date
        return str(readings.pop())
    found = parse_date(text, ANY_YEAR)
    if found:
        return found
    # ISO 8601's basic form and a final Z read here: Python 3.10's fromisoformat reads
    # neither (3.11's does), so 20040901 was a date on one supported Python only
    basic = _BASIC_DATE_RE.match(text)
    if basic:
        found = calendar_date(*(int(g) for g in basic.groups()))
        if found is None:
            raise no_date
        return found
    # ISO 8601 times read by one grammar here, not by fromisoformat: Python 3.11's reads
    # more than 3.10's (+0500, +05, a fraction of 1-9 digits, week dates, 20240305T1000),
    # so a file's dates read on one supported Python and were refused on the other
    iso = _ISO_TIME_RE.fullmatch(text)
    try:
        when = _iso_time(iso) if iso else _rfc2822(text)  # a news feed's pubDate too
    except ValueError:  # hour 24, minute 60, an offset of a day ...
        when = None
    if when is None:
        raise no_date
    if when.tzinfo is not None:
        try:  # in UTC, 0001-01-01T00:00+05:00 is before year 1: a bare OverflowError was
            when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
        except OverflowError:
            raise InputError(f"{what} is {value_repr(text)}: in UTC it falls outside years "
                             f"{dt.MINYEAR}-{dt.MAXYEAR}") from None
    return when.isoformat(timespec="seconds")


def _iso_time(match: re.Match[str]) -> dt.datetime:
    """The time :data:`_ISO_TIME_RE` matched; ValueError for a part out of its range."""
    date, hour, minute, second, fraction, zone = match.groups()
    day = dt.date.fromisoformat(date)
    micro = int((fraction or "0")[:6].ljust(6, "0"))  # a 9-digit fraction is cut to 6
    tz = None
    if zone and zone in "Zz":
        tz = dt.timezone.utc
    elif zone:  # +05, +0500, +05:00, and a local mean time's +05:53:28(.5) (a datetime's)
        sign = -1 if zone[0] == "-" else 1
        parts = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(parts[:2]), minutes=int(parts[2:4] or 0),
                              seconds=float(parts[4:] or 0))
        tz = dt.timezone(sign * offset)  # under a day, or ValueError
    return dt.datetime(day.year, day.month, day.day, int(hour), int(minute or 0),
                       int(second or 0), micro, tzinfo=tz)


def _rfc2822(text: str) -> dt.datetime | None:
    """The time of an RFC 2822 date (``Tue, 01 Dec 2026 01:00:00 +0100``; see
    :data:`_RFC2822_RE`), None for any other text or a day or time the calendar lacks."""
    form = _RFC2822_RE.fullmatch(text)
    if form is None:
        return None
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):  # Python 3.10's TypeError, later ones' ValueError
        return None
    # email.utils reads a year below 100 as 19xx or 20xx, "0050" too: no guess here
    return when if when.year == int(form[1]) else None


def opens_like_date(text: str) -> bool:
    """Whether ``text`` opens with a weekday, a month or a number, as a date line does
    (not "Tsunami of December 2004", a headline)."""
    tokens = _tokens(text)
    return bool(tokens) and (_is_weekday(tokens[0]) or month_number(tokens[0]) is not None
                             or tokens[0].isdecimal())


def match_date_prefix(line: str) -> DateMatch | None:
    """A date at the very start of ``line`` (possibly followed by text).

    ``"Tuesday, January 18, 2005Through a telethon ..."`` gives the date and
    the rest ``"Through a telethon ..."``. A date-only line gives ``rest == ""``.
    """
    stripped = line.strip()
    m = _NUMERIC_DATE_RE.match(stripped)
    if m:
        iso = parse_date(stripped)
        return DateMatch(stripped, iso, "") if iso else None
    for ym in _YEAR_RE.finditer(stripped):
        if ym.start() > _MAX_PREFIX_CHARS:
            break
        if not _is_year(ym.group(1)):
            continue
        prefix = stripped[: ym.end()]
        rest = stripped[ym.end():]
        # A trailing "2005." or "2005 ،" belongs to the date line.
        rest = rest.lstrip(" \t,.،;:-–—")
        iso = parse_date(prefix)
        if iso is None:
            continue
        starts_like_date = opens_like_date(prefix)
        # A line that ends at its year with a full stop and does not open like a date is a
        # sentence: "She died on March 3, 2005." was read as the date line, and the lead
        # paragraph above it as the title (no TAC date line ends in a full stop)
        if not rest and not starts_like_date and stripped[ym.end():].strip() in (
                ".", "!", "?", "。", "।"):
            return None
        # With text after the date, demand a full date that *starts* the line
        # (weekday, month or day number), so "On 5 May 2005 the ..." or
        # "May 2005 was wet" stay sentences.
        if rest:
            if rest[0].islower():  # "September 11, 2001 changed the way ...": a sentence
                return None
            # and no words but the date's own before its year: "Jan 12 (Reuters) - In 2023
            # Tesla ..." took the sentence's year as the article's date, and "In 2023" out of it
            if not starts_like_date or len(iso) != 10 or parse_date(
                    prefix, fillers_only=True) is None:
                return None
        return DateMatch(prefix.strip(), iso, rest)
    return None
