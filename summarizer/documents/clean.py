"""Cleaning that news text needs before it is split into sentences.

What it does, in order:

1. Unicode: NFC, plus compatibility folding for the characters where it is
   safe and helps (Arabic presentation forms, Latin ligatures, full-width
   letters, digits and symbols, not the CJK sentence punctuation); invisible
   characters (zero-width space, soft hyphen, BOM, stray control characters,
   terminal codes: ``ESC[31m`` colours, ``ESC]0;...BEL`` window titles) are dropped and exotic spaces become
   plain spaces, but for zero-width spaces that separate the words of a line in
   place of spaces: those become spaces; C1 controls, cp1252 punctuation decoded
   as Latin-1, become that punctuation.
   PTB-style quotes (```` ``like this'' ````) become plain double quotes.
2. Layout: line endings unified, runs of spaces collapsed, hard-wrapped
   paragraphs unwrapped, empty paragraphs dropped. The result has one
   paragraph per block, blocks separated by a blank line.
3. Header: a title line and a date line at the top (``2005/01/08 Title``,
   ``Saturday, January 8, 2005`` in any of the languages of
   :mod:`summarizer.documents.dates`) move to metadata. So does a photo
   caption between them, and an agency dateline (``LONDON (Reuters) -``).
4. Section headings (short paragraphs that are not sentences, such as
   "Local death tolls") move to metadata: they are never good summary
   sentences.
5. Boilerplate: agency sign-offs (``jha/ga``), reporting credits, copyright
   lines, ``-- 30 --`` / ``ENDS`` markers and bare URLs are dropped, and so are the
   wire's bylines (``By JOHN DOE``, ``Associated Press Writer``), notes to editors
   (``Eds: ...``, ``(MORE)``), art lines (``PHOTO``) and stamps (``NYT-10-03-98 1747EDT``).

Everything dropped is reported in :class:`Cleaned`, nothing is silently
rewritten inside a sentence.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from summarizer.documents.dates import match_date_prefix, opens_like_date, parse_date
from summarizer.documents.quotes import fold_tex_quotes as _ptb_quotes
from summarizer.errors import InputError
from summarizer.languages import (
    INVISIBLE,
    INVISIBLE_CHARS,
    SPACELESS,
    count_words,
    join_text,
    normalize_language,
)
from summarizer.sentence_ends import ends_in_abbreviation, reads_on
from summarizer.values import check_values

# Characters removed outright (languages.INVISIBLE_CHARS: layout hints, not text)
_ANY_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# What ends a line besides \n: cleaning makes each a \n, the splitter reads them as one
# (a CR is one alone only before no LF: a pattern built on this one cannot backtrack to read
# a CRLF as two breaks, a blank line)
LINE_BREAKS = re.compile(r"\r\n|\r(?!\n)|[\u2028\u2029\x0b\x0c\x85]")
# Zero-width spaces (ZWSP) between words. UAX #29 makes one a word boundary (Word_Break
# Other; the soft hyphen and word joiner are Format, ignored there), yet in text spaced
# with spaces it sits mostly inside words, a line-break hint: TAC 2011's Hindi has
# "ग\u200bए" (गए) 24 times in 17 articles, and "सदस्य\u200bओं"; Wikipedia puts one after
# a hyphen. So a line's ZWSPs become spaces only where they, not spaces, part its words:
# more runs of them between two letters or digits than runs of whitespace (no TAC line).
# Never beside a letter of a script written without spaces: a space there ends a Thai or
# Lao sentence (sentences/rules.py), and word counts and tokens part its letters anyway.
_LINE = re.compile(r"(\r\n|[\n\r\u2028\u2029\x0b\x0c\x85])")  # split, breaks kept
# a run of whitespace between two words: str.split's parts less one, one line's
_SPACE_GAP = re.compile(r"(?<=\S)\s+(?=\S)")
_OTHER_SPACES = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # all but " "
# Every run of spaces but a lone plain one, which is already what it becomes: re.sub holds
# a piece per match until it joins them, so matching each space of a 50 MB one-line file
# cost ~16 million small strings (941 MB peak, where the same text in lines took 306).
_SPACES = re.compile(rf" [ {_OTHER_SPACES}]+|[{_OTHER_SPACES}][ {_OTHER_SPACES}]*")
# Controls other than tab/newline (C0 and C1): debris of bad decoding.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# C1 controls in text are cp1252 punctuation that went through Latin-1 (TAC
# 2011's Greek: "γι\x92 αυτό", "επιτυχία\x85 [15"): dropping them glues words
# ("γιαυτόν") and NEL (0x85) would break a sentence in two.
_C1_CP1252 = {c: ch for c in range(0x80, 0xA0)
              if (ch := bytes([c]).decode("cp1252", errors="ignore"))}
_C1 = re.compile(r"[\x80-\x9f]")
# A terminal's control sequence (ECMA-48 CSI: ESC "[", parameter bytes, intermediate bytes,
# a final byte), colour codes of text copied from a console ("\x1b[31mRed\x1b[0m"): ESC
# alone went with the controls and left "[31mRed[0m" in the text; and an OSC (ESC "]" ...
# BEL or ESC "\\"), a shell prompt's window title, which left "]0;user@host: ~". Never
# spans a line.
_TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)")
# Characters folded at a time (see normalized_lines).
_PIECE = 1 << 20
# A soft hyphen that ends a line marks a word broken there ("infor\u00ad" + "mation" on the
# next line): the word is joined, as a reader sees it, not two words with a space between.
_BROKEN_WORD = re.compile(r"\u00ad[ \t]{0,4}(?:\r\n|[\n\r\x0b\x0c\x85\u2028\u2029])[ \t]{0,4}(?=\w)")
_BROKEN_END = re.compile(r"\u00ad[ \t]{0,4}\r?$")  # a piece's last line ending so
# Ranges where NFKC only undoes presentation variants. Full-width letters,
# digits and symbols fold; the full-width punctuation Chinese and Japanese
# write their sentences with (！（），：；？) stays, or a summary reads "宣布,新的".
_COMPAT = re.compile(r"[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe\uff02-\uff07\uff0a\uff0b"
                     r"\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e]+")
_STRAY_PERIOD = re.compile(r"([.!?][\"'\u201d\u2019]?) \.(?= |$)")
_BULLET = re.compile(r"^(?:[*\u2022\u25cf\u25aa\u2023\u2043]|-(?=\s))\s+")
_TERMINAL = tuple(".!?;:…。؟۔।॥|\"'”’»)！？；：）」』")
_SENTENCE_END = tuple(".!?;…。؟۔।॥|\"'”’»)」』！？；）")
_DOTTED_ABBREV = re.compile(r"^(?:[A-Z]\.){2,}$")
_MAX_HEADING_WORDS = 10

# Person names in credits: capitalised words, with the particles names use.
_NAMES = r"[A-Z][\w.'\-]*(?:\s+(?:[A-Z][\w.'\-]*|and|in|de|da|di|van|von|al|el|bin|la|le))*"

# A byline's names in capitals ("JOHN Q. DOE JR.", "JOHN DOE and JANE ROE"), and the
# credit that may follow them or stand on its own line: "Associated Press Writer", "AP
# Business Writer", "Times Staff Writer", "Special to The Washington Post", and the wire's
# plain-text copyright, "c.1998 N.Y. Times News Service". A name opens with no article or
# determiner: "By THE NUMBERS", "By ALL ACCOUNTS" are headings, kept.
_CAPS_NAMES = (r"(?!(?:THE|A|AN|ALL|ANY|NO|SOME|THIS|THAT|THESE|THOSE|MY|OUR|YOUR|HIS|HER|ITS"
               r"|THEIR)\s)"
               r"[A-Z][A-Z.'\-]*(?:\s+(?:[A-Z][A-Z.'\-]*|Mc[A-Z]+|and|de|van|von|al|el|bin|la|le))"
               r"{1,7}")
_CREDIT = (r"(?:(?:[A-Z][\w.&'\-]*\s+){1,4}(?:Staff\s+)?(?:Writers?|Correspondents?)"
           r"|Special\s+to\s+[Tt]he(?:\s+[A-Z][\w.'\-]*){1,3}"
           r"|c\.\s?(?:19|20)\d\d,?(?:\s+[A-Z][\w.'\-]*){1,5})")
_ART = r"(?:PHOTO|MAP|GRAPHIC|CHART|TABLE|ILLUSTRATION|DIAGRAM|CARTOON)S?"

# Boilerplate that fills a whole line. Each must be specific enough that a
# real sentence never matches (see tests/documents).
_BOILERPLATE = [
    # Agency sign-offs: "jha/ga", "PL/jv", "rmr/mmm/hh", AFP's "burs-ach/js", "dpa-AFX/mis".
    re.compile(r"^[A-Za-z]{1,6}(?:-[A-Za-z]{1,6})*(?:/[A-Za-z]{1,6}(?:-[A-Za-z]{1,6})*){1,3}$"),
    # Credits: "(Reporting by X; Editing by Y)", "Reporting by X in Paris", and Reuters'
    # in other languages: "(Reporte de X; Editado por Y)", "(Bericht von X, redigiert von Y)".
    re.compile(r"^\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|"
               r"compiling|research)\s+by\b.*\)\.?$", re.I),
    re.compile(r"^\(\s*(?:reporte|reportaje|redacci[oó]n|bericht|reportage|r[eé]daction|"
               r"reportagem|servizio)\s+(?:de|von|par|por|di)\b.*\)\.?$", re.I),
    # Without brackets, only when names (capitalised words) follow "by" ("By" too).
    re.compile(rf"^(?i:additional\s+)?(?i:reporting|editing|writing|compiled)\s+(?i:by)\s+"
               rf"{_NAMES}(?:\s*[;,]\s*(?i:additional\s+)?(?i:reporting|editing|writing)\s+"
               rf"(?i:by)\s+{_NAMES})*\.?$"),
    # "Associated Press writers Jane Doe and John Roe contributed to this report."
    re.compile(r"^.{0,200}\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story)"
               r"(?:ing)?\.?$", re.I),
    # Calls to act on the page: "Click here to subscribe", "Follow us on Twitter", "Like this:"
    re.compile(r"^(?:click\s+here|follow\s+us\s+on|sign\s+up\s+(?:for|to)|subscribe\s+to"
               r"\s+our)\b.{0,120}$|^like\s+this:?$", re.I),
    # Copyright notices: need the sign or a year right after the word.
    # (up to 260 characters: AP's and Reuters' full notices are 151 and 205)
    re.compile(r"^(?:copyright\s*)?©\s*.{0,260}$", re.I),
    # "(c)" is also a list's third item ("(c) the ministry may ..."): a notice names its
    # holder or year, never in lower case ("(c) Prensa Latina", "(c) 2019 Reuters")
    re.compile(r"^(?:copyright\s*)?\(c\)\s*(?-i:(?![a-z\s])).{0,260}$", re.I),
    re.compile(r"^copyright\s+(?:(?:19|20)\d\d|by\b).{0,260}$", re.I),
    re.compile(r"^.{0,100}\b(?:all rights reserved|tous droits r[ée]serv[ée]s|alle rechte "
               r"vorbehalten|todos los derechos reservados|tutti i diritti riservati)\.?$", re.I),
    # Wire editors' notes, capitals within brackets alone on a line (New York Times copy
    # in DUC news): "(STORY CAN END HERE. OPTIONAL 2ND TAKE FOLLOWS.)", "(END OPTIONAL TRIM)".
    # Two words at least: "(UN)" alone is left.
    re.compile(r"^\((?=[^()]*[A-Z]{2})(?=[^()]* )[A-Z0-9 .,:;'&/!?\-]{3,200}\)$"),
    # Wire bylines (AP, NYT, LA Times-Washington Post copy in DUC/TDT/AQUAINT news), their
    # lines joined or alone: "By JOHN DOE", "By JOHN DOE Associated Press Writer",
    # "By Jane Roe, Times Staff Writer", "By JANE ROE c.1998 N.Y. Times News Service". A
    # name in capitals needs nothing more, one in mixed case a credit ("By Land and Sea" stays).
    re.compile(rf"^By\s+{_CAPS_NAMES}(?:\s*[,=;]?\s*{_CREDIT})?\s*=?$"),
    re.compile(rf"^By\s+{_NAMES}\s*[,=;]?\s*{_CREDIT}\s*=?$"),
    re.compile(rf"^{_CREDIT}$"),
    # the agency for a byline: "By The Associated Press"
    re.compile(r"^By\s+(?:The|THE)\s+(?:Associated\s+Press|ASSOCIATED\s+PRESS)$"),
    # The wire's notes to editors: "Eds: Updates with quotes; adds byline.", and "(MORE)",
    # which ends a take that continues in the next.
    re.compile(r"^(?:Eds|EDS|EDs)\s*:\s*\S.{0,300}$"),
    re.compile(r"^\(?MORE\)?$"),
    # Art that went with the story: "PHOTO", "(MAP)", "PHOTOS; GRAPHIC".
    re.compile(rf"^\(?{_ART}(?:\s*(?:[,;&/+]|AND|WITH)\s*{_ART})*\)?\.?$"),
    # The wire's transmission stamp that ends a story: "NYT-10-03-98 1747EDT",
    # "AP-NY-10-05-98 1234EDT", "LA-TIMES-10-04-98 1502EDT".
    re.compile(r"^(?:[A-Z][A-Z&\-]*-)?\d\d-\d\d-\d\d\s+\d{3,4}\s?[A-Z]{3}$"),
    # Wire-service names alone on a line.
    re.compile(r"^\(?(?:AP|AFP|Reuters|UPI|PA|dpa|DPA|Xinhua|ANSA|EFE|PL|Prensa Latina|"
               r"Associated Press|Agence France-Presse|IANS|PTI|TASS|Kyodo|Yonhap)\)?$"),
    # End-of-story markers.
    re.compile(r"^[-\u2013\u2014\s]*30[-\u2013\u2014\s]*$"),
    re.compile(r"^[-\u2013\u2014(\s]*(?:END|ENDS|End of story|XXX)[-\u2013\u2014)\s.]*$"),
    # Photo credits: "Image: Francis Tyers." in the languages of TAC 2011.
    re.compile(r"^(?:image|photo|photograph|picture|foto|\u03b5\u03b9\u03ba\u03cc\u03bd\u03b1|"
               r"\u05ea\u05de\u05d5\u05e0\u05d4|\u0635\u0648\u0631\u0629|"
               r"\u091a\u093f\u0924\u094d\u0930|\u092b\u094b\u091f\u094b)\s*:\s*"
               r"(?:\S+\s*){1,6}$", re.I),
    # A URL or e-mail address alone.
    re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.I),
    re.compile(r"^<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?$"),
]

# "LONDON (Reuters) - ", "WASHINGTON -- ", "BEIJING, Jan. 5 (Xinhua) -- ", and the wire's
# plain-text dash, an underscore: "WASHINGTON (AP) _ ", "NEW YORK _ " (AP and NYT copy)
# Also "WASHINGTON/NEW YORK (Reuters) - ", "KYIV, Ukraine, March 5 (Reuters) - ", "PARIS,
# March 5, 2024 (AFP) - ", day first ("PARIS, 5 mars 2024 (AFP) - "), EFE's ".-", and a
# city opening with a Latin-1 capital ("ÜRÜMQI, China (AP) — "): each was left in the text.
_CAPS = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_CITY = rf"[{_CAPS}][{_CAPS}.'\-]+(?:\s+[{_CAPS}][{_CAPS}.'\-]+){{0,3}}"
_PLACE_PARTS = r"(?:,\s*[A-Z0-9][\w.]*(?:\s+[\w.]+){0,2}){0,2}"
_DASH = r"\s*(?P<dash>\.-|--|\u2014|\u2013|_|-|:)\s+(?=\S)"
_DATELINE = re.compile(
    rf"^(?P<dl>{_CITY}(?:\s*/\s*{_CITY}){{0,2}}{_PLACE_PARTS}"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .\-]{1,30})\))?)" + _DASH
)
# A city in mixed case needs a news agency's name after it: "Kestrelton, October 4 (Xinhua)
# -- " (Xinhua's English copy), "United Nations (AP) _ ".
_AGENCIES = r"CNN|AP|Reuters|AFP|UPI|Xinhua|dpa|EFE|ANSA|PTI|IANS|Kyodo|Yonhap|TASS|ITAR-TASS"
_MIXED_CITY = r"[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
_DATELINE_MIXED = re.compile(
    rf"^(?P<dl>{_MIXED_CITY}(?:\s*/\s*{_MIXED_CITY}){{0,2}}{_PLACE_PARTS}"
    rf"\s*\((?P<agency>{_AGENCIES})\))" + _DASH
)
# A byline paragraph: "By" and a few capitalised words, no sentence end
_BYLINE_ALONE = re.compile(r"^By\s+[A-Z][^.!?]{0,80}$")
# ... also after a month and day alone (no city, no year: "Jan 12 (Reuters) - ")
_MONTH_DAY = (r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|"
              r"March|April|June|July|August|September|October|November|December)\s+\d{1,2}\s*")
_AGENCY_ONLY = re.compile(
    rf"^(?P<dl>(?:{_MONTH_DAY})?\((?:{_AGENCIES})\))"
    r"\s*(?:--|\u2014|\u2013|_|-)?\s+(?=\S)"
)
_BYLINE_DM = re.compile(
    r"^(?:By \. [^.|]{1,80}? \. )?(?:PUBLISHED: \. [^|]{1,60}? \. \| \. )?"
    r"(?:UPDATED: \. [^|]{1,60}? \. )"
    r"|^By \. [^.|]{1,80}? \. (?=[A-Z])"
)
_DATED_TITLE = re.compile(r"^(\d{3,4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\s+(\S.*)$")
_MAX_TITLE_WORDS = 25
# How many lines at the top the header may come from.
_HEAD_LINES = 5


@dataclass
class Cleaned:
    """The cleaned body of a document and what was taken out of it."""

    text: str
    title: str | None = None
    date: str | None = None
    date_line: str | None = None
    dateline: str | None = None
    header: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def normalize_unicode(text: str) -> str:
    """NFC, safe compatibility folding, invisible characters and line breaks."""
    text = _fold(text, _c1_table(text))
    if "``" in text:  # PTB / old newswire quotes
        text = _ptb_quotes(text)
    return text


def _c1_table(text: str) -> dict[int, str]:
    if "\n" not in text and "\r" not in text:  # NEL is the only line break: keep it
        return {c: ch for c, ch in _C1_CP1252.items() if c != 0x85}
    return _C1_CP1252


def _fold(text: str, c1: dict[int, str]) -> str:
    """:func:`normalize_unicode` but the PTB quotes. Each step works on single characters
    or on runs without a line break (NFC never composes across one), so text cut just
    after a "\\n" folds the same piece by piece as whole."""
    text = drop_invisible(text)
    if _C1.search(text):
        text = text.translate(c1)
    text = _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = unicodedata.normalize("NFC", text)
    text = LINE_BREAKS.sub("\n", text)
    if "\x1b" in text:  # only then: no other text changes
        text = _TERMINAL_CODES.sub("", text)
    return _CONTROLS.sub("", text)


def drop_invisible(text: str) -> str:
    """``text`` without languages.INVISIBLE_CHARS, but a zero-width space that parts two
    words where a space would (``_zwsp_spaced``), which becomes that space."""
    if _ANY_INVISIBLE.search(text):  # translate copies even a text it leaves alone
        if "\u00ad" in text:
            text = _BROKEN_WORD.sub("", text)
        if "\u200b" in text and _zwsp_patterns()[0].search(text):  # a ZWSP between words
            text = "".join(map(_zwsp_spaced, _LINE.split(text)))
        text = text.translate(INVISIBLE)
    return text


@lru_cache(maxsize=1)
def _zwsp_patterns() -> tuple[Any, Any]:
    """(ZWSP runs between two words: a letter, mark or digit, then a letter or digit; the
    runs a parting ZWSP becomes a space in: those, and the runs after a word's closing
    punctuation, "said,\u200bthe", or before an opening bracket or quote, "as\u200b(the"),
    where neither side is a letter of a script written without spaces."""
    import regex  # compiled on first use, as languages' patterns

    def gap(before: str, after: str) -> Any:
        return regex.compile(rf"(?<=[[{before}]--[{SPACELESS}]])\u200b+"
                             rf"(?=[[{after}]--[{SPACELESS}]])", regex.V1)

    word = r"\p{L}\p{M}\p{N}"
    return (gap(word, r"\p{L}\p{N}"),
            gap(word + r"\p{Pe}\p{Pf}\p{Po}", r"\p{L}\p{N}\p{Ps}\p{Pi}"))


def _zwsp_spaced(line: str) -> str:
    """``line`` with its zero-width spaces as plain spaces where they separate its words
    (see ``_zwsp_patterns``), else as it is (the ZWSPs are dropped with the other invisibles)."""
    parting, separating = _zwsp_patterns()
    # spaces part its words (or no ZWSP does) where the runs between words are at least as
    # many as the ZWSP gaps; each count stops once it can decide: one hint in a 44 MB line
    # made its 8 million words a list, 510 MB, to compare 1 with them
    spaced = _count(_SPACE_GAP.finditer(line), line.count("\u200b"))
    if _count(parting.finditer(line), spaced + 1) <= spaced:
        return line
    return separating.sub(" ", line)


def _count(matches: Iterator[Any], most: int) -> int:
    """How many of ``matches`` there are, counted up to ``most``."""
    return sum(1 for _ in itertools.islice(matches, most))


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_PIECE`` characters, each but the last ending in "\\n"
    (never one that ends a word broken by a soft hyphen: ``_BROKEN_WORD`` joins across it)."""
    start = 0
    after = start + _PIECE
    while (end := text.find("\n", after)) >= 0:
        after = end + 1
        if _BROKEN_END.search(text, max(start, end - 8), end):
            continue
        yield text[start:end + 1]
        start = end + 1
        after = start + _PIECE
    yield text[start:]


def _fold_lines(text: str, c1: dict[int, str], ptb: bool) -> list[str] | None:
    lines: list[str] = []
    tail = ""
    for piece in _pieces(text):
        piece = _fold(piece, c1)
        if ptb:
            piece = _ptb_quotes(piece)
        elif "``" in piece:
            return None
        *done, tail = piece.split("\n")  # tail: "" but after the last piece
        lines.extend(map(normalize_line, done))
    lines.append(normalize_line(tail))
    return lines


def normalized_lines(text: str) -> list[str]:
    """``[normalize_line(x) for x in normalize_unicode(text).split("\\n")]``, folded a
    piece at a time: beside the text, only its cleaned lines are held, neither a folded
    copy of the whole text nor a list of its lines before cleaning."""
    c1 = _c1_table(text)
    lines = _fold_lines(text, c1, ptb=False)
    if lines is None:  # PTB quotes somewhere: every "''" becomes '"' too, from the start
        lines = _fold_lines(text, c1, ptb=True)
        assert lines is not None  # None is only "PTB quotes seen" without ptb
    return lines


def normalize_line(line: str) -> str:
    """Collapse whitespace runs in one line and strip it.

    A lone period repeated after a sentence end ("in that order. .") is a
    typo that would otherwise show up in summaries; it is dropped.
    """
    line = _SPACES.sub(" ", line).strip()
    return _STRAY_PERIOD.sub(r"\1", line)


# _BOILERPLATE as one pattern, each with its own flags: matched once, not once a pattern
# (the candidate sentences of every summary are read by it too)
_ANY_BOILERPLATE = re.compile("|".join(
    f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})" for p in _BOILERPLATE))


def is_boilerplate(line: str) -> bool:
    """True for a whole line that is agency boilerplate rather than content."""
    line = line.strip()
    return bool(line) and _ANY_BOILERPLATE.match(line) is not None


def has_content(line: str) -> bool:
    """True when ``line`` holds at least one letter or digit."""
    return any(ch.isalnum() for ch in line)


def reads_as_list(lines: list[str]) -> bool:
    """Whether a block's lines are a list's: its items (bullets, dashes) open over a quarter
    of them, or its first of three lines at most. One line of a wrapped paragraph that
    opens with "- " (a dash at a wrap) made a whole body of 40-column lines fragments,
    most of them dropped as headings (76 of 842 characters kept)."""
    bullets = sum(bool(_BULLET.match(line)) for line in lines)
    return bullets * 4 > len(lines) or (len(lines) <= 3 and bool(_BULLET.match(lines[0])))


def looks_wrapped(lines: list[str], language: str | None = None) -> bool:
    """Whether a block of consecutive lines is one hard-wrapped paragraph.

    Wrapped text (old newswire, DUC) has lines of similar length below some
    width, most of them ending mid-sentence (:func:`_open_ends_reach`, in ``language``, a name
    or code: None, the marks alone). One-paragraph-per-line text has
    long lines ending in sentence punctuation; lists and headlines have
    bullets or short lines of varying length.
    """
    if len(lines) < 2 or reads_as_list(lines):
        return False
    longest = max(len(line) for line in lines)
    if longest > 100:
        return False
    body = lines[:-1]
    near_width = sum(len(line) >= 0.6 * longest for line in body)
    lower_next = sum(nxt[:1].islower() for nxt in lines[1:])
    if lower_next >= max(1, len(body) // 2):
        return True
    if len(lines) == 2:  # "Title\nDate" is not a wrapped sentence
        return False
    if any(_is_date_line(line) for line in lines[:3]):
        return False
    return near_width >= 0.75 * len(body) \
        and _open_ends_reach(body, lines[1:], 0.5 * len(body), language)


def _open_ends_reach(lines: list[str], nexts: list[str], needed: float,
                     language: str | None) -> bool:
    """Whether at least ``needed`` of ``lines`` end mid-sentence before the line after them
    (``nexts``): with no sentence's final mark, or with an abbreviation's period that the
    sentence splitter for ``language`` reads the next line on from ("said Sen. | Ana
    Reyes", "on Jan. | 15": :func:`~summarizer.sentence_ends.reads_on`, as the DUC loader
    reads a line's end); without a language, the marks alone. The splitter is asked only
    while its answers can change the count's verdict (at 30% of the lines ending in an
    abbreviation, the others mostly open: none asked), one line at a time."""
    count, maybe = 0, []  # the lines ending in an abbreviation, with the line after
    for line, nxt in zip(lines, nexts, strict=True):
        line = line.rstrip()
        if not line.endswith(_TERMINAL):
            count += 1
        elif language is not None and ends_in_abbreviation(line, language):
            maybe.append((line, nxt))
    if language is None:
        return count >= needed
    for i, (line, nxt) in enumerate(maybe):
        if count >= needed or count + len(maybe) - i < needed:
            break
        count += reads_on(line, nxt, language)
    return count >= needed


def _is_date_line(line: str) -> bool:
    m = match_date_prefix(line)
    return m is not None and not m.rest


def _is_title(line: str, following: list[str]) -> bool:
    """A first line that reads as a headline: short, no final punctuation."""
    if not following or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    # a quoted sentence ends inside its quote: '"We have lost everything."' is no headline
    core = line.rstrip().rstrip("\"'”’»」』")
    if core.endswith((".", "!", ";", ":", ",", "。", "।", "۔", "！", "；", "：", "，")):
        return False
    # A headline is followed by the body: something at least as long as itself.
    return any(len(f) >= len(line) for f in following[:3])


def _split_header(lines: list[str], cleaned: Cleaned) -> tuple[int, str | None]:
    """Move a title, a date line and captions between them into ``cleaned``.

    ``lines`` are the first non-empty lines of the document. Returns how many
    of them are header, and the text that replaces the last of them when a
    date was glued to the first sentence (``"Tuesday, May 3, 2005Through ..."``).
    """
    if not lines:
        return 0, None
    first = lines[0]
    start = 0
    # TAC 2011 MultiLing: "2005/01/08 Title of the article" (or 08/01/2005).
    m = _DATED_TITLE.match(first)
    if m:
        # (Arabic M0000 has a mangled "005/01/08": the date line still gives the date.)
        cleaned.date = parse_date(m.group(1))
        cleaned.title = m.group(2).strip()
        start = 1
    else:
        dm = match_date_prefix(first)
        dated = any(match_date_prefix(line) is not None for line in lines[1:3])
        if dm is not None and dm.rest and dated:
            # "7 July 2005 Title", then the date line: the rest is the title.
            cleaned.date, cleaned.title = dm.iso, dm.rest
            start = 1
        elif dm is not None and not (dated and not dm.rest and not opens_like_date(first)):
            # the file opens with its date line (no title); not a headline that ends in a
            # date ("Tsunami of December 2004") above the real date line: it took the
            # document's date, and the title was lost
            cleaned.date, cleaned.date_line = dm.iso, dm.text
            return 1, dm.rest or None
        # A first line followed by a date line is the title whatever its
        # punctuation (translated headlines often end with a period).
        elif _is_title(first, lines[1:]) or (dated and len(first.split()) <= 60):
            cleaned.title = first
            start = 1
        else:
            return 0, None
    # A date line right after the title, possibly after a caption line.
    for i in range(start, min(start + 2, len(lines))):
        dm = match_date_prefix(lines[i])
        if dm is None:
            continue
        # The date line is the publication date: it wins over a date in the title.
        cleaned.date = dm.iso or cleaned.date
        cleaned.date_line = dm.text
        cleaned.header.extend(lines[start:i])
        return i + 1, dm.rest or None
    return start, None


def _strip_dateline(paragraph: str, cleaned: Cleaned) -> str:
    # CNN/DailyMail: "By . Jane Doe . PUBLISHED: . 12:01 EST, 3 May 2013 . | . UPDATED: . ..."
    m = _BYLINE_DM.match(paragraph)
    if m:
        cleaned.dateline = m.group(0).strip()
        paragraph = paragraph[m.end():]
    # "(CNN) -- The ..." / "(AP) - ..." without a city.
    m = _AGENCY_ONLY.match(paragraph)
    if m:
        cleaned.dateline = m.group("dl")
        return paragraph[m.end():]
    m = _DATELINE.match(paragraph) or _DATELINE_MIXED.match(paragraph)
    if not m:
        return paragraph
    # Ambiguous dashes ("NATO - the alliance") need the agency to be sure.
    if m.group("dash") in ("-", ":") and not m.group("agency"):
        return paragraph
    # A dateline is followed by a sentence's start: "NASA — the U.S. space agency — said"
    # opens with an aside, and lost "NASA" to the dateline
    if paragraph[m.end():m.end() + 1].islower():
        return paragraph
    cleaned.dateline = m.group("dl").strip()
    return paragraph[m.end():]


def is_heading(paragraph: str) -> bool:
    """A section heading: a short paragraph that does not end like a sentence.

    "Local death tolls", "U.N. warns of delays", "Japan tops the U.S." (the
    final period belongs to the abbreviation), "Alleged accomplices:".
    """
    words = paragraph.split()
    # Words as budgets count them: Thai, Chinese and Japanese paragraphs have
    # few spaces or none (and Thai no final punctuation), yet are long. That
    # count is never below the spaces' one, which settles most paragraphs.
    if (not words or len(words) > _MAX_HEADING_WORDS
            or count_words(paragraph) > _MAX_HEADING_WORDS):
        return False
    if paragraph.endswith((":", "：")):
        return True
    if paragraph.endswith(_SENTENCE_END):
        # "U.S." / "U.N." at the end: a headline's acronym, not a sentence end. Not the
        # splitter's abbreviations (sentence_ends): a paragraph's last period ends its
        # sentence for the splitter whatever the word, and "He fell ill.", "It went to Acme
        # Inc." are sentences
        return bool(_DOTTED_ABBREV.search(words[-1]))
    return True


def clean_text(text: str, *, header: bool = True, boilerplate: bool = True,
               headings: bool = True, language: str | None = None) -> Cleaned:
    """Clean one raw news article; see the module docstring for the steps.

    ``header`` moves title/date/caption/dateline to metadata; ``boilerplate``
    drops agency boilerplate lines; ``headings`` moves section headings
    (short paragraphs that are not sentences) to ``Cleaned.headings``. The returned ``text`` has one paragraph
    per block, blocks separated by ``"\\n\\n"``. ``language`` (a name or code): the one
    whose sentence splitter tells a wrapped line's abbreviation (:func:`looks_wrapped`).
    """
    if not isinstance(text, str):  # None or bytes failed deep inside, a raw TypeError
        raise InputError(f"clean_text() takes a str, not {type(text).__name__}" + (
            " (decode bytes first: summarizer.textio.decode_bytes)"
            if isinstance(text, bytes | bytearray) else ""))
    # header="no" was read by its truth, language="" or 5 as no language
    check_values(dict(header=header, boilerplate=boilerplate, headings=headings),
                 dict.fromkeys(("header", "boilerplate", "headings"), bool), "clean_text(): ")
    if language is not None:
        language = normalize_language(language)
    held = [text]
    del text  # where the caller's was the only other reference, it goes once read
    return clean_taken(held, header=header, boilerplate=boilerplate, headings=headings,
                       language=language)


def clean_taken(held: list[str], *, header: bool = True, boilerplate: bool = True,
                headings: bool = True, language: str | None = None) -> Cleaned:
    """:func:`clean_text` of the one text in ``held``, taken out of the list once its lines
    are made: where nothing else holds it (a file's text, as the loaders give it), it is let
    go before the cleaned text is joined. Held through the join, beside the cleaned lines and
    the joined text, it made cleaning the peak of summarising a file: lead on 50 MB of
    English text 303 -> 208 MB, on the same with one emoji (4 bytes a character, both texts)
    494 -> 303 (eval/results/memory_stages_50mb_emoji_s46.md)."""
    size = len(held[0])
    cleaned = _clean(held, header, boilerplate, headings, language)
    if size > _RELEASE_AFTER:  # its lines, freed, stay resident otherwise
        from summarizer.runtime import release_freed_memory

        release_freed_memory()
    return cleaned


# Characters of text after whose cleaning the C heap's free pages go back to the system.
_RELEASE_AFTER = 4 * _PIECE


def _clean(held: list[str], header: bool, boilerplate: bool, headings: bool,
           language: str | None) -> Cleaned:
    cleaned = Cleaned(text="")
    raw_lines = normalized_lines(held.pop())

    # Blocks of consecutive non-empty lines; blank lines separate them.
    blocks: list[list[str]] = [[]]
    for line in raw_lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]

    if boilerplate:
        kept_blocks = []
        for block in blocks:
            kept = []
            for line in block:
                if is_boilerplate(line):
                    cleaned.removed.append(line)
                elif not has_content(line):
                    cleaned.removed.append(line)
                else:
                    kept.append(line)
            if kept:
                kept_blocks.append(kept)
        blocks = kept_blocks

    # A hard-wrapped first paragraph has no title line: its first line is
    # the start of a sentence, however short and unpunctuated.
    if header and blocks and not looks_wrapped(blocks[0], language):
        # Header lines are looked for in the first lines, whatever their blocks.
        n_head = 1
        while n_head < len(blocks) and sum(len(b) for b in blocks[:n_head]) < _HEAD_LINES:
            n_head += 1
        tagged = [(bi, line) for bi, block in enumerate(blocks[:n_head]) for line in block]
        consumed, replacement = _split_header([line for _, line in tagged], cleaned)
        if consumed:
            head: list[list[str]] = [[] for _ in blocks[:n_head]]
            if replacement is not None:
                head[tagged[consumed - 1][0]].append(replacement)
            for bi, line in tagged[consumed:]:
                head[bi].append(line)
            blocks = [b for b in head if b] + blocks[n_head:]

    paragraphs: list[str] = []
    for block in blocks:
        if looks_wrapped(block, language):
            paragraphs.append(join_text(block))  # "这是一\n个": no space
        else:
            paragraphs.extend(_BULLET.sub("", line) for line in block)
    if header and paragraphs:
        # after a byline of its own ("By Jane Doe, Associated Press"), the dateline opens
        # the next paragraph: it was left in the text
        first = 1 if len(paragraphs) > 1 and _BYLINE_ALONE.match(paragraphs[0]) else 0
        paragraphs[first] = _strip_dateline(paragraphs[first], cleaned)
    paragraphs = [p.strip() for p in paragraphs if has_content(p)]
    if headings:
        kept = []
        for i, para in enumerate(paragraphs):
            if i + 1 < len(paragraphs) and is_heading(para):
                cleaned.headings.append(para)
            else:
                kept.append(para)
        paragraphs = kept
    cleaned.text = "\n\n".join(paragraphs)
    return cleaned
