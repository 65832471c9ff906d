"""A rule-based sentence splitter for languages without a Punkt model.

Thai (and Lao), written without sentence punctuation, end a sentence at a
space between two letters of the script: Thai writers put a space where a
sentence or a clause that stands as one ends. Spaces that do not end one are
kept: before the repetition mark ``ๆ`` ("ต่าง ๆ") and around numbers, which
are set off by spaces ("กว่า ๓,๐๐๐ ครัวเรือน"). A paragraph with no such space
is one sentence here (found in linear time), which
:func:`~summarizer.sentences.split.split_spans` cuts into pieces where it is over
``LONG_SENTENCE_WORDS`` letters (a words budget counts each letter as a word).

Arabic, Hebrew, Hindi (and any language we know nothing about) end
sentences with a small set of marks: ``.`` ``!`` ``?`` everywhere, ``؟``
(Arabic question mark), ``۔`` (Urdu full stop), ``।`` and ``॥`` (Devanagari
danda and double danda; Hindi text often types the danda as ``|``), ``…``,
the CJK marks (``。！？``, full-width ``．`` and half-width ``｡``), the Armenian
full stop ``։``, the Ethiopic ``።`` and ``፧``, Myanmar ``။`` and Khmer ``។``.
A sentence ends after a run of these marks plus any closing quotes or
brackets, when whitespace follows (CJK marks need none). The Arabic comma
``،`` and semicolon ``؛`` are clause marks, not sentence ends, so they never
split. Nor does a mark followed by a comma or a clause mark (``“太贵了！”，他说``)
or by the Japanese quoting particle after a closing quote
(``「…行動を最優先に。」と述べた``: the quote is part of the sentence), nor an ellipsis in
brackets (``[...]``, ``(…)``: words left out of a quote).

A period does *not* end a sentence after a single letter (initials such as
``U.S.`` or ``J.``), between digits, or when the next word starts with a
lower-case Latin letter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from summarizer.languages import LANGUAGES, SCRIPT_CLASSES, normalize_language
from summarizer.sentence_ends import (
    CLOSERS,
    abbreviation_period,
    closers,
    end_marks,
    is_abbreviation_chain,
    is_initial,
)

_NO_SPACE_NEEDED = "\u3002\uff01\uff1f\uff0e\uff61"
# After a sentence mark, what continues the sentence: a comma or clause mark, or a quoting
# particle after a closing quote: Japanese と / って (not ところ, とはいえ ...), Korean
# (이)라고 / 라며 / 라는 / 하고 ("우리는 준비됐다."라고 말했다)
_CONTINUES = re.compile(r"[,，、;；:：]|(?<=[」』”’\"'])(?:と(?!ころ|はいえ|にかく|もあれ)|って"
                        r"|이?라(?:고|며|면서|는)|하고|하며|[고며](?=\s))")


def _end_re(language: str) -> re.Pattern[str]:
    return re.compile(
        rf"[{re.escape(end_marks(language))}]+[{re.escape(closers(language))}]*"
    )


_CACHE: dict[str, re.Pattern[str]] = {}


# A web address's last part as news in other scripts spells it: "राजान्यूज़.कौम" (Raja
# News.com), "الجزيرة.نت" (Al Jazeera.net): com, org and net in Devanagari and Arabic
_WEB_ENDINGS = frozenset({"कॉम", "कौम", "ऑर्ग", "नेट", "كوم", "نت", "أورج", "أورغ"})


def _web_address(text: str, after: int) -> bool:
    """Whether the word glued after a period at ``after`` - 1 ends a web address: one of
    :data:`_WEB_ENDINGS`, letters and marks (Indic vowel signs) up to a non-letter."""
    end = after
    while end < len(text) and unicodedata.category(text[end])[0] in "LM":
        end += 1
    return text[after:end] in _WEB_ENDINGS


def _glued_initial(text: str, dot: int) -> bool:
    """An initial glued to the name after it: "א.קרדונה", and a Hebrew letter with the
    geresh that writes a Latin sound ("מיכאל ג'.סמית", Michael J.Smith). Only glued: "שלב
    א'. אלה" (stage 1. These ...) ends a sentence."""
    if dot >= 2 and text[dot - 1] in "'\u05f3" and "\u05d0" <= text[dot - 2] <= "\u05ea":
        dot -= 1
    return is_initial(text, dot)


def _glued_break(text: str, m: re.Match[str]) -> bool:
    """A sentence end with no space after it: "है.बुर्ले", "थे ।रौयल".

    Only before a letter of a non-Latin script (Latin "a.b" is a URL or an
    abbreviation far more often), and not inside an abbreviation chain such
    as Hindi "एच.एम.एस." (a further period within a few characters), after an
    initial, or before the end of a web address ("राजान्यूज़.कौम").
    """
    nxt = text[m.end()]
    if not nxt.isalpha() or nxt.isascii() or unicodedata.category(nxt) == "Ll":
        return False
    marks = m.group()
    # danda (or "|" typed for it: only Indic languages end sentences with it),
    # Arabic/Urdu marks: never inside a word
    if marks[0] in "\u0964\u0965\u061f\u06d4|":
        return True
    if marks[0] == ".":
        window = text[m.end(): m.end() + 4]
        return "." not in window and not _glued_initial(text, m.start()) \
            and not is_abbreviation_chain(text, m.start()) and not _web_address(text, m.end())
    return marks[0] in "!?"


# an ellipsis in brackets, "[...]" or "(…)", marks words left out of a quote, not a
# sentence end: Punkt reads it so in the same TAC articles ("Alto Ramírez [...] We thank")
_BRACKETS = {"[": "]", "(": ")"}


def _bracketed_ellipsis(text: str, m: re.Match[str]) -> bool:
    """Whether the marks ``m`` are an ellipsis that a bracket opens right before and
    closes right after: "ألتو [...] راميريز", "חוק (...) שמנצלים"."""
    marks = m.group()
    dots = marks.rstrip(CLOSERS)
    if m.start() == 0 or dots.strip(".\u2026") or dots == ".":
        return False
    pair = _BRACKETS.get(text[m.start() - 1])
    return pair is not None and marks[len(dots):len(dots) + 1] == pair


def rule_spans(text: str, language: str = "english") -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph of ``text`` in ``language`` (a
    name or code, as :func:`~summarizer.sentences.split.split_spans` takes it)."""
    language = normalize_language(language)
    pattern = _CACHE.get(language)
    if pattern is None:
        pattern = _CACHE[language] = _end_re(language)
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    close = closers(language)
    for m in pattern.finditer(text):
        end = m.end()
        marks = m.group()
        after = text[end] if end < n else " "
        # a CJK full stop anywhere in the run ("……。明日") needs no space after it
        cjk = any(ch in _NO_SPACE_NEEDED for ch in marks)
        glued = not (after.isspace() or cjk) and _glued_break(text, m)
        if not (after.isspace() or cjk or glued):
            continue  # "3.5", "www.example.com", "7.7"
        if marks in ("\uff0e", "\uff61") and after.isdigit() and m.start() > 0 \
                and text[m.start() - 1].isdigit():
            continue  # a full-width decimal point: "１．５％", as "1.5%"
        if _bracketed_ellipsis(text, m):
            continue  # "ألتو [...] راميريز": words left out, the sentence goes on
        if (cjk or glued) and _CONTINUES.match(text, end):
            continue  # “太贵了！”，他说 / 「…。」と述べた
        if marks.rstrip(close) == ".":
            if abbreviation_period(text, m.start(), language):
                continue
            after_space = end  # not text[end:].lstrip(): a copy of the rest at every period
            while after_space < n and text[after_space].isspace():
                after_space += 1
            nxt = text[after_space:after_space + 1]
            if nxt and nxt.isascii() and nxt.islower():
                continue
            if nxt.isdigit() and m.start() > 0 and text[m.start() - 1].isdigit():
                continue  # "7. 7" in dates and numbered lists
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    spans = [(s + (len(text[s:e]) - len(text[s:e].lstrip())), e) for s, e in spans]
    lang = LANGUAGES.get(language)
    if lang is not None and lang.script in _REPEAT_MARKS:
        brk = _space_break(lang.script)
        spans = [piece for s, e in spans for piece in _space_pieces(text, s, e, brk)]
    return spans


# Thai and Lao have no sentence punctuation: a space between two letters of the
# script ends a sentence (or a clause that stands as one), as their writers use
# it; not a space around the repetition mark (Thai ๆ, Lao ໆ: written between
# spaces, "ต่าง ๆ นานา") nor one next to a digit (numbers are set off by spaces), nor one
# after the abbreviation mark (Thai ฯ, Lao ຯ: "กรุงเทพฯ เมื่อวันจันทร์", Bangkok, on Monday).
_REPEAT_MARKS = {"thai": "\u0e46", "lao": "\u0ec6"}
_ABBREVIATION_MARKS = {"thai": "\u0e2f", "lao": "\u0eaf"}


@cache
def _space_break(script: str) -> Any:
    import regex

    letters = rf"[{SCRIPT_CLASSES[script]}--\p{{N}}]"  # the script's letters and marks
    repeat, short = _REPEAT_MARKS[script], _ABBREVIATION_MARKS[script]
    return regex.compile(rf"(?<={letters})(?<![{repeat}{short}])\s+(?={letters})(?!{repeat})",
                         regex.V1)


def _space_pieces(text: str, start: int, end: int, brk: Any) -> list[tuple[int, int]]:
    pieces, pos = [], start
    for m in brk.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    return pieces
