"""Calendar dates as (year, month, day): "Sept. 24" = "September 24" = "24 Sep".

:func:`find_dates` returns the dates written in a text with any of their
parts missing (None); :func:`date_supports` says whether a source date
backs an output date: every part the output states agrees with the source
("September" is backed by "Sept. 24, 2011"; "Sept. 25" is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<{g}>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1[89]\d\d|20\d\d)"
DATE_RE = re.compile(
    "|".join([
        # 2011-09-24
        r"\b(?P<iy>1[89]\d\d|20\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b",
        # September 24(, 2011) / Sept. 24th
        r"\b" + _MONTH.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r"\b(?:,?\s+" + _YEAR.format(g="y1") + r"\b)?",
        # 24 September (2011) / 24th of September
        r"\b" + _DAY.format(g="d2") + r"(?:\s+of)?\s+" + _MONTH.format(g="m2") + r"(?:,?\s+" + _YEAR.format(g="y2") + r"\b)?",
        # September 2011 / in September
        r"\b" + _MONTH.format(g="m3") + r"(?:,?\s+" + _YEAR.format(g="y3") + r")?\b",
    ])
)


@dataclass(frozen=True)
class Date:
    """A date as written; parts that the text does not state are None."""

    text: str
    year: int | None
    month: int
    day: int | None
    start: int
    end: int


def find_dates(text: str) -> list[Date]:
    """Every calendar date in ``text`` (a month name at least; ISO dates too)."""
    out = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        else:
            k = next(i for i in "123" if g[f"m{i}"])
            name = g[f"m{k}"].lower()
            year = int(g[f"y{k}"]) if g.get(f"y{k}") else None
            day = int(g[f"d{k}"]) if g.get(f"d{k}") else None
            month = MONTHS[name]
            if k == "3" and year is None:
                # a bare month name: "May" and "March" are also ordinary words
                if name in ("may", "march", "mar", "jan", "sep", "dec", "jun", "jul", "aug", "oct", "nov"):
                    continue
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        out.append(Date(m.group(0), year, month, day, m.start(), m.end()))
    return out


def date_supports(source: Date, output: Date) -> bool:
    """Whether ``source`` states everything ``output`` states about the date."""
    if source.month != output.month:
        return False
    if output.day is not None and source.day != output.day:
        return False
    return output.year is None or source.year in (None, output.year)
