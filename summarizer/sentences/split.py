"""Sentence splitting that works offline, keeping character offsets.

Text is first cut into paragraphs: a blank line always ends one, and so
does a single line break unless the block looks hard-wrapped (see
:func:`summarizer.documents.clean.looks_wrapped`). A paragraph break is
always a sentence boundary, so titles, captions and list items never run
into the next sentence.

Each paragraph is then split by NLTK's Punkt tokenizer with the parameters
shipped for its language (19 languages, see
:mod:`summarizer.sentences.punkt_models`), or by the rule-based splitter of
:mod:`summarizer.sentences.rules` for the others (Arabic, Hebrew, Hindi,
...). Pieces without a letter or digit (a stray ``.``), pieces that
start with a lower-case letter, and pieces that open with a comma or clause mark, after a
quote's closing mark or not (``», a dit Furtado``, ``: 0800-789321``), are merged into the
sentence before them. A sentence of more than :data:`LONG_SENTENCE_WORDS` words (text
without sentence punctuation, a run-on) is cut into pieces of at most :data:`PIECE_WORDS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import FrozenInstanceError

from summarizer.documents.clean import LINE_BREAKS, looks_wrapped
from summarizer.documents.model import Cluster, Document, check_taken, document_language
from summarizer.errors import InputError, OptionError, value_repr
from summarizer.languages import (
    LANGUAGES,
    PUNKT_LANGUAGES,
    count_words,
    normalize_language,
    word_blocks,
    word_ends,
)
from summarizer.progress import chunks_of, stage
from summarizer.sentences.punkt_models import punkt_tokenizer, sentence_starters
from summarizer.sentences.rules import rule_spans
from summarizer.values import integer

_FIELDS = ("text", "doc_id", "doc_index", "index", "start", "end", "paragraph")


class Sentence:
    """A sentence with its provenance inside a cluster (immutable).

    ``Sentence(text, doc_id, doc_index, index, start, end, paragraph=0)``: ``doc_index``
    is the position of the document in the cluster, ``index`` that of the sentence in its
    document, ``start``/``end`` character offsets into ``Document.text``, ``paragraph``
    the position of its paragraph. ``doc.text[start:end] == text`` always holds for the
    document it came from, except in compressed copies (``replace(text=...)``).

    A sentence made by the splitter holds a reference to its document's text and slices
    ``text`` from it when asked: 340,000 sentences of a 50 MB document held 109 MB of text
    copies beside the document (and an attribute dict each). Pickled, a sentence carries
    its own text, never its document's.
    """

    # as the dataclass had (case Sentence(text, doc_id, ...)); _FIELDS, written out for mypy
    __match_args__ = ("text", "doc_id", "doc_index", "index", "start", "end", "paragraph")
    __slots__ = ("_own", "_source", "doc_id", "doc_index", "index", "start", "end",
                 "paragraph")
    _own: str | None  # the text, when it is not the document's span
    _source: str | None  # the document's text, sliced on demand
    doc_id: str
    doc_index: int
    index: int
    start: int
    end: int
    paragraph: int

    def __init__(self, text: str, doc_id: str, doc_index: int, index: int, start: int,
                 end: int, paragraph: int = 0) -> None:
        _fill(self, text, None, doc_id, doc_index, index, start, end, paragraph)

    @classmethod
    def in_document(cls, source: str, doc_id: str, doc_index: int, index: int, start: int,
                    end: int, paragraph: int = 0) -> Sentence:
        """The sentence ``source[start:end]`` of the document whose text is ``source``,
        without a copy of its text."""
        s = cls.__new__(cls)
        _fill(s, None, source, doc_id, doc_index, index, start, end, paragraph)
        return s

    @property
    def text(self) -> str:
        own = self._own
        return own if own is not None else self._source[self.start:self.end]  # type: ignore[index]

    def _values(self) -> tuple:
        return (self.text, self.doc_id, self.doc_index, self.index, self.start, self.end,
                self.paragraph)

    def replace(self, **changes: object) -> Sentence:
        """A copy with some fields changed, as ``dataclasses.replace`` made (``Sentence``
        was a dataclass), e.g. ``s.replace(text=compressed)``."""
        unknown = set(changes) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Sentence has no field {value_repr(sorted(unknown)[0])}")
        values = dict(zip(_FIELDS, self._values(), strict=True), **changes)
        return Sentence(**values)

    __replace__ = replace  # copy.replace (Python 3.13)

    def __reduce__(self) -> tuple:
        return Sentence, self._values()

    def __setstate__(self, state: object) -> None:
        # a pickle of the dataclass Sentence (before a198b81) is its new object and its
        # field dict, which a slotted object without __dict__ could not take
        fields = state[1] if isinstance(state, tuple) else state
        if not isinstance(fields, dict) or set(fields) - set(_FIELDS) or "text" not in fields:
            raise TypeError(f"not a pickled Sentence's state: {value_repr(state)}")
        own = {**{"paragraph": 0}, **fields}
        _fill(self, own["text"], None, *(own[k] for k in _FIELDS[1:]))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {value_repr(name)}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {value_repr(name)}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return "Sentence(" + ", ".join(f"{k}={v!r}" for k, v in
                                       zip(_FIELDS, self._values(), strict=True)) + ")"


# Each slot's own setter, past the __setattr__ that refuses: a loop of object.__setattr__
# made a sentence 2.5 times slower than the dataclass did, these 2 times faster.
_SETTERS = tuple(Sentence.__dict__[name].__set__ for name in Sentence.__slots__)


def _fill(s: Sentence, own: str | None, source: str | None, doc_id: str, doc_index: int,
          index: int, start: int, end: int, paragraph: int, setters: tuple = _SETTERS) -> None:
    a, b, c, d, e, f, g, h = setters
    a(s, own)
    b(s, source)
    c(s, doc_id)
    d(s, doc_index)
    e(s, index)
    f(s, start)
    g(s, end)
    h(s, paragraph)


_GLUED = re.compile(r"(?<=[^\W\d_]{2})[.!?](?=[^\W\d_][^\W\d_])")
# a blank line, in any of the line breaks cleaning knows (CRLF, a lone CR, U+2028 ...):
# text not cleaned (clean=False) kept its lone CRs, and a CR file was one paragraph
# NEL (U+0085) only in a text with no LF or CR, as cleaning reads it: beside them it is
# cp1252's ellipsis (TAC's Greek "\x85"), and it cut those sentences in two
_LINE_ENDS = [re.compile(rf"{pattern}|\n") for pattern in (
    LINE_BREAKS.pattern, LINE_BREAKS.pattern.replace("\\x85", ""))]
_BLOCK_SEPS = [re.compile(rf"(?:{end.pattern})[ \t\u00a0]*(?:{end.pattern})\s*")
               for end in _LINE_ENDS]


def _breaks(text: str) -> int:
    """Which of :data:`_LINE_ENDS` (and :data:`_BLOCK_SEPS`) reads ``text``'s line breaks."""
    return int("\n" in text or "\r" in text)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of blocks separated by blank lines."""
    pos = 0
    for m in _BLOCK_SEPS[_breaks(text)].finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def paragraph_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the paragraphs of ``text``, stripped of whitespace (a block
    of lines is one where it looks hard-wrapped, read in ``language``: see
    :func:`~summarizer.documents.clean.looks_wrapped`)."""
    _text_taken(text, "paragraph_spans()")
    if language is not None:  # a typo was read as no language: every line not wrapped
        language = normalize_language(language)
    spans: list[tuple[int, int]] = []
    line_end = _LINE_ENDS[_breaks(text)]
    for bs, be in _blocks(text):
        block = text[bs:be]
        if not block.strip():
            continue
        ends = [(m.start(), m.end()) for m in line_end.finditer(text, bs, be)]
        if ends:
            lines = list(zip([bs, *(e for _, e in ends)], [*(s for s, _ in ends), be],
                             strict=True))
            shown = [text[a:b].strip() for a, b in lines]
            if not looks_wrapped([line for line in shown if line], language):
                spans += [_strip(text, a, b) for (a, b), line in zip(lines, shown, strict=True)
                          if line]
                continue
        spans.append(_strip(text, bs, be))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _has_content(piece: str) -> bool:
    return any(ch.isalnum() for ch in piece)


def _split_glued(text: str, spans: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    """Also split "was raised.The words": a missing space after a sentence end.

    Punkt needs whitespace after a period. Here a break is added where a
    lower-case word of 2+ letters ends with . ! or ? and a capitalised word
    follows directly ("U.S.A" and "St.Louis" are left alone).
    """
    out: list[tuple[int, int]] = []
    for s, e in spans:
        start = s
        for m in _GLUED.finditer(text, s, e):
            i = m.start()
            if not (text[i - 1].islower() and text[i - 2].islower()
                    and text[i + 1].isupper() and text[i + 2].islower()):
                continue
            cut = i + 1
            out.append((start, cut))
            start = cut
        out.append((start, e))
    return out


# Gaps of the splitters of languages outside TAC: "etc." before a capital ends a sentence
# ("и т. д. Работы ...": the Russian model takes "д." for an abbreviation inside one, the
# Ukrainian rules an initial).
_ETC = {
    "russian": re.compile(r"(?<!\w)и\s+(?:т\.\s?[дп]|др|пр)\.(?=\s+[А-ЯЁ])"),
    "ukrainian": re.compile(r"(?<!\w)(?:і|та)\s+(?:т\.\s?[дп]|ін)\.(?=\s+[А-ЯІЇЄҐ])"),
}


def _cut_at(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [m.end() for m in pattern.finditer(text, start, end)]
    return list(zip([start, *cuts], [*cuts, end], strict=True))


_DASH_LOWER = re.compile(r"[\u2014\u2013-]\s*(?=[^\W\d_])")


def _attribution(text: str, start: int) -> bool:
    """A piece that opens with a dash and a lower-case word continues the quote before
    it: Russian and Ukrainian news write «Мы готовы!» — сказал он."""
    m = _DASH_LOWER.match(text, start)
    return m is not None and text[m.end()].islower()


# A Roman numeral from II to XXXIX: one letter is an initial or a pronoun ("V.", "I.")
# as often, and past XXXIX capitals are words as often ("CD.", "MIX.")
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})\.")


def _last_two_words(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The last two words of ``text[start:end]``, None when it has fewer (read backwards:
    a split of the whole piece would copy it at every boundary)."""
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    last, j = text[i:end], i
    while j > start and text[j - 1].isspace():
        j -= 1
    k = j
    while k > start and not text[k - 1].isspace():
        k -= 1
    return (text[k:j], last) if k < j else None


# German writes an ordinal in figures with a period, after an article or a preposition
# joined with one, before the (capitalised) noun: "Der 2. | Weltkrieg", "in der 3. | Liga",
# "beim 3. | Versuch"; a count ("stieg auf 25. | Experten") has none of these before it
_GERMAN_ORDINAL = re.compile(r"(?<!\w)(?:der|die|das|dem|den|des|im|am|beim|zum|zur|vom|ins)"
                             r"\s+\d{1,3}\.$", re.IGNORECASE)


def _german_ordinal_end(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends as :data:`_GERMAN_ORDINAL` says, read from its last
    two words: searched over the whole sentence, a run of initials or ordinals merged into
    one took quadratic time ("A. " x 8,000, 24 KB of German: 16 s)."""
    words = _last_two_words(text, start, end)
    if words is None:
        return False
    article = re.sub(r"^[^\w\s]+", "", words[0])  # "(der 2." as the search read it
    return _GERMAN_ORDINAL.fullmatch(f"{article} {words[1]}") is not None


def _after_ordinal(text: str, prev: tuple[int, int], start: int, language: str) -> bool:
    """Whether the piece at ``start`` continues a sentence ``prev`` that ends with a Roman
    ordinal: "the IX. | Summit of the Americas", "im XX. | Jahrhundert"; or in German, with
    an ordinal in figures after an article (:data:`_GERMAN_ORDINAL`).

    In a language that writes ordinals with a period (``Language.ordinal_period``: German,
    Czech ...), a Roman numeral after a lower-case word qualifies the word after it, so its
    period ends no sentence. Elsewhere it does ("entered stage IV. Doctors said ..." in
    English, where the seed's translated "the IX. | Summit" stays split). After a capitalised
    word the numeral is a name's ("World War II.", "Ludwig XIV.") and its period may end a
    sentence. A word the language's Punkt model knows as a sentence opener ("Der", "Pak")
    starts a sentence whatever came before.
    """
    known = LANGUAGES.get(language)
    if known is None or not known.ordinal_period:
        return False
    s, e = prev
    if language == "german" and text[start].isupper() and _german_ordinal_end(text, s, e):
        following = text[start:start + 40].split(None, 1)[0].rstrip(".,;:!?\"'»”’)")
        return following.casefold() not in sentence_starters(language)
    if e - s < 4 or text[e - 1] != "." or text[e - 2] not in "IVX" or not text[start].isupper():
        return False
    words = _last_two_words(text, s, e)  # word, NUMERAL.
    if not words or not _ROMAN.fullmatch(words[1]) \
            or not words[0].lstrip("(\"'«“‘„")[:1].islower():
        return False
    following = text[start:start + 40].split(None, 1)[0].rstrip(".,;:!?\"'»”’)").casefold()
    return following not in sentence_starters(language)


# A comma or clause mark, after a quote's closing mark or not: "«Pourquoi Pas?», το οποίο",
# "apporter. », a dit Furtado", "מס. : 0800": no sentence opens so; the one before goes on
_CLAUSE_AFTER_QUOTE = re.compile(r"""["'»”“’)\]]*\s*[,;:،؛]""")


# a nickname in quotes between a name's initial and its surname: “Chip” Frederick
_NICKNAME = re.compile(r"[\"“„«]([^\W\d_]+)[\"”“»]\s+([^\W\d_])")


def _nickname_after_initial(text: str, prev: tuple[int, int], start: int) -> bool:
    """Whether the piece at ``start`` goes on with a name whose initial ends ``prev``: "Pvt.
    Ivan L. | “Chip” Frederick" (Punkt reads no word after an initial when a quote opens it).
    A quoted word that opens a sentence has its punctuation inside or after the quote."""
    s, e = prev
    if e - s < 4 or text[e - 1] != "." or not text[e - 2].isupper():
        return False
    words = _last_two_words(text, s, e)  # name, initial.
    if not words or len(words[1]) != 2 or not words[0][:1].isupper():
        return False
    m = _NICKNAME.match(text, start)
    return m is not None and m.group(1)[0].isupper() and m.group(2).isupper()


# Abbreviations that stand before a number ("No. 1", "approx. 500", "Fig. 3", "art. 5",
# "ca. 5 Prozent", "pág. 12", "Nr. 7", "č. 5"): their period ends no sentence when a digit
# follows. Folded to lower case; across the languages read here.
_BEFORE_NUMBER = frozenset({
    "no.", "nos.", "nr.", "nro.", "núm.", "num.", "n.", "approx.", "ca.", "fig.", "figs.",
    "art.", "arts.", "p.", "pp.", "pág.", "págs.", "vol.", "vols.", "ch.", "chap.", "sec.",
    "sect.", "par.", "para.", "tab.", "abs.", "bd.", "s.", "č.", "čl.", "odst.", "tel.",
    "ed.", "ep.", "op.", "rev.", "hauptstr.", "str.", "ul.", "nº.", "n°.", "aprox.", "kl.",
})
# A company's suffix never opens a sentence: "at I.B.M. | Corp. for years"
_COMPANY = frozenset({"corp.", "inc.", "co.", "cos.", "ltd.", "bros.", "plc.", "llc.",
                      "l.p.", "s.a.", "ag.", "gmbh."})
# Two-part abbreviations whose parts Punkt parts: "z. | B.", "d. | h.", "EE. | UU."
_SECOND_PART = re.compile(r"(?:[^\W\d_]\.|([^\W\d_])\1\.)(?=\s|$)")
_LIST_MARK = re.compile(r"\(?\d{1,3}[.)]")
_ELIDED = re.compile(r"^[^\W\d_]{1,2}['’]")


def _abbreviation_goes_on(text: str, prev: tuple[int, int], start: int) -> bool:
    """Whether the piece at ``start`` continues ``prev``, cut after an abbreviation: one that
    stands before a number with a digit next ("ranked No. | 1 in the world"), a company's
    suffix next ("I.B.M. | Corp."), the second part of a two-part one ("z. | B.", "EE. |
    UU.", a single letter or a doubled capital before a single letter or a doubled capital),
    or a numbered list's mark alone ("1. | Raise taxes."), which opens its item."""
    s, e = prev
    words = _last_two_words(text, s, e)
    last = (words[1] if words else text[s:e].strip()).lstrip("(\"'«“‘„")
    last = _ELIDED.sub("", last)  # French "l'art. | 49.3"
    nxt = text[start:start + 40].split(None, 1)
    first = nxt[0] if nxt else ""
    folded = last.casefold()
    # and a street's abbreviated ending: "Goethestr. 12", "Kerkstr. 12"
    if (folded in _BEFORE_NUMBER or folded.endswith("str.")) and first[:1].isdigit():
        return True
    if last.endswith(".") and first.casefold().rstrip(",;:") in _COMPANY:
        return True
    if (len(last) == 2 and last[0].isalpha() and last[1] == "."
            or len(last) == 3 and last[0] == last[1] and last[0].isupper() and last[2] == ".") \
            and _SECOND_PART.match(first) and (len(first) == 2) == (len(last) == 2):
        return True
    return words is None and _LIST_MARK.fullmatch(text[s:e].strip()) is not None


def _split_paragraph(text: str, language: str) -> list[tuple[int, int]]:
    if language in PUNKT_LANGUAGES:
        spans = _split_glued(text, punkt_tokenizer(language).span_tokenize(text))
    else:
        spans = rule_spans(text, language)
    etc = _ETC.get(language)
    if etc:
        spans = [(a, b) for s, e in spans for a, b in _cut_at(etc, text, s, e)]
    # Merge pieces without letters/digits into the sentence before them.
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _strip(text, s, e)
        if s >= e:
            continue
        # A piece without letters/digits, or (in cased scripts) one that starts
        # in lower case ('"... steal." said one resident', 'Pourquoi Pas? to
        # the scene'), continues the sentence before it.
        if merged and (not _has_content(text[s:e]) or text[s].islower()
                       or (text[s] in "\u2014\u2013-" and _attribution(text, s))
                       or _CLAUSE_AFTER_QUOTE.match(text, s)
                       or _after_ordinal(text, merged[-1], s, language)
                       or _abbreviation_goes_on(text, merged[-1], s)
                       or _nickname_after_initial(text, merged[-1], s)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    if len(merged) > 1 and not _has_content(text[merged[0][0]:merged[0][1]]):
        merged[1] = (merged[0][0], merged[1][1])
        merged.pop(0)
    return merged


def block_sentence_spans(text: str, language: str = "english") -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text`` as :func:`split_spans` finds them
    where each of its blocks between blank lines is one paragraph: a lone line break is a
    hard-wrapped paragraph's, read as any other space. (:func:`paragraph_spans` is not
    asked: a few lines of a block may not look wrapped where the whole block does.)"""
    lang = normalize_language(language)
    out: list[tuple[int, int]] = []
    for bs, be in _blocks(text):
        ps, pe = _strip(text, bs, be)
        out += [(ps + s, ps + e) for s, e in _paragraph_sentences(text[ps:pe], lang)]
    return out


def _paragraph_sentences(paragraph: str, language: str) -> Iterator[tuple[int, int]]:
    for s, e in _split_paragraph(paragraph, language):
        if not _has_content(paragraph[s:e]):
            continue
        # a character is at most a word: only a span this long can be over the bar
        if e - s > LONG_SENTENCE_WORDS:
            words = count_words(paragraph[s:e])
            spans = (_pieces(paragraph, s, e, words) if words > LONG_SENTENCE_WORDS
                     else [(s, e)])
            for a, b in spans:
                cut = _char_pieces(paragraph, a, b) if b - a > LONG_SENTENCE_CHARS else [(a, b)]
                yield from (p for p in cut if _has_content(paragraph[p[0]:p[1]]))
            continue
        yield s, e


# A "sentence" over LONG_SENTENCE_WORDS words (in the budgets' unit) is text without
# sentence punctuation (a speech transcript, a scraped list, a page's one-line dump) or a
# run-on no summary could hold: it is cut into pieces of at most PIECE_WORDS words, after a
# clause mark where one ends a piece of at least PIECE_MIN_WORDS. No TAC 2011 sentence is
# over 113 words. Unpunctuated text was one sentence however long: no summary without
# truncation, and the summariser tokenised a 48 MB line whole (about 1 GB).
LONG_SENTENCE_WORDS = 150
PIECE_WORDS = 50
PIECE_MIN_WORDS = 20
_CLAUSE_END = frozenset(",;:\u2014\u2013\u060c\u061b\uff0c\u3001\uff1b\uff1a")


# A sentence of few words can still be millions of characters: one "word" without spaces
# (a URL list, base64, "ab/ab/ab/..."), which budgets count as one word. Every encoder
# tokenised it whole (a 10 MB one: 158 s and 5 GB in the word-piece normaliser) and a
# summary could hold it. Over LONG_SENTENCE_CHARS characters a sentence is cut into pieces
# of at most PIECE_CHARS, at the last space of a piece where there is one in its second
# half, else before a character that is no combining mark. No TAC 2011 sentence has 1,500.
LONG_SENTENCE_CHARS = 5000
PIECE_CHARS = 1000


def _char_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span ``start``-``end`` of ``text`` in pieces of at most :data:`PIECE_CHARS`
    characters (see there)."""
    import unicodedata

    pos = start
    while end - pos > PIECE_CHARS:
        cut = pos + PIECE_CHARS
        space = max(text.rfind(" ", pos + PIECE_CHARS // 2, cut), text.rfind("\n", pos, cut))
        if space > pos + PIECE_CHARS // 2:
            cut = space
        else:  # no space: not between a letter and its marks
            while cut > pos + 1 and unicodedata.category(text[cut])[0] == "M":
                cut -= 1
        yield _strip(text, pos, cut)
        pos = cut
    yield _strip(text, pos, end)


def _pieces(text: str, start: int, end: int, words: int) -> Iterator[tuple[int, int]]:
    """The span ``start``-``end`` of ``text`` (``words`` words long) in pieces of at most
    :data:`PIECE_WORDS` words, each cut at a word's end (a spaceless script's character
    with its marks, as budgets count it); the cut goes after the piece's last word that
    ends in a clause mark, where that leaves at least :data:`PIECE_MIN_WORDS` words
    before it. No cut leaves fewer than PIECE_MIN_WORDS words after it.
    Read a block at a time (:func:`~summarizer.languages.word_blocks`): the word ends of a
    48 MB line were 8 million ints at once."""
    piece_start, count, seen = start, 0, 0
    clause: tuple[int, int] | None = None  # (offset after the word, its count in the piece)
    offset = start
    for block in word_blocks(text[start:end]):
        for block_end in word_ends(block):
            pos = offset + block_end
            count += 1
            seen += 1
            if count >= PIECE_MIN_WORDS and text[pos - 1] in _CLAUSE_END:
                clause = (pos, count)
            if count < PIECE_WORDS:
                continue
            cut, used = clause if clause is not None else (pos, count)
            if words - seen + count - used >= PIECE_MIN_WORDS:  # the words after the cut
                yield _strip(text, piece_start, cut)
                piece_start, count, clause = cut, count - used, None
        offset += len(block)
    yield _strip(text, piece_start, end)


def split_spans(text: str, language: str = "english") -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences of ``text``.

    ``language`` is a name or ISO code (``"english"``, ``"en"``, ``"ar"``...).
    """
    _text_taken(text, "split_spans()")
    return [(s, e) for _p, s, e in _split_with_paragraphs(text, language)]


def _text_taken(text: object, call: str) -> None:
    if not isinstance(text, str):  # None or bytes failed inside the paragraph regex
        raise InputError(f"{call} takes a str, not {type(text).__name__}" + (
            " (decode bytes first: summarizer.textio.decode_bytes)"
            if isinstance(text, bytes | bytearray) else ""))


def _split_with_paragraphs(text: str, language: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph, start, end) of each sentence, as they are found: a 50 MB text's list of
    them was 40 MB beside the sentences made from it."""
    lang = normalize_language(language)
    for p, (ps, pe) in enumerate(paragraph_spans(text, lang)):
        for s, e in _paragraph_sentences(text[ps:pe], lang):
            yield p, ps + s, ps + e


def _document_sentences(doc: Document, doc_index: int,
                        cluster_language: str | None = None) -> Iterator[Sentence]:
    language = document_language(doc, cluster_language)
    spans = chunks_of(len(doc.text), _split_with_paragraphs(doc.text, language),
                      "splitting sentences")  # a bar on long text
    for i, (p, s, e) in enumerate(spans):
        yield Sentence.in_document(doc.text, doc.id, doc_index, i, s, e, p)


def split_document(doc: Document, doc_index: int = 0,
                   cluster_language: str | None = None) -> list[Sentence]:
    """Split one document into sentences with provenance, in its language: where it names
    none, that of its cluster (``cluster_language``: ``cluster.language``), else English.
    ``doc_index`` is its place in the cluster (0 or more), which each sentence records."""
    check_taken(doc, Document, "split_document()")
    if integer(doc_index) is None or doc_index < 0:  # written into every Sentence as given
        raise OptionError(f"doc_index must be an integer, 0 or more (the document's place in "
                          f"its cluster), not {value_repr(doc_index)}")
    return list(_document_sentences(doc, int(doc_index), cluster_language))


def iter_sentences(cluster: Cluster, order: Sequence[int] | None = None) -> Iterator[Sentence]:
    """The sentences of a cluster one at a time, document by document: in input order,
    or in ``order`` (document indices), so that a caller keeping few of them never holds
    them all."""
    check_taken(cluster, Cluster, "iter_sentences()")
    if order is not None:  # each index is written into its sentences: -1 was, as given
        count = len(cluster.documents)
        order = list(order)
        bad = next((i for i in order if integer(i) is None or not 0 <= i < count), None)
        if bad is not None or len(order) != len(set(order)):
            raise OptionError(f"iter_sentences(): order must name each document at most once "
                              f"by its index, 0 to {count - 1}; got {value_repr(bad)}"
                              if bad is not None else "iter_sentences(): order repeats a "
                              "document")
    docs = stage(range(len(cluster.documents)) if order is None else order,
                 "splitting documents", unit="doc", min_items=500)
    for di in docs:
        yield from _document_sentences(cluster.documents[di], di, cluster.language)


def split_cluster(cluster: Cluster) -> list[Sentence]:
    """All sentences of a cluster, document by document, in order."""
    check_taken(cluster, Cluster, "split_cluster()")
    return list(iter_sentences(cluster))
