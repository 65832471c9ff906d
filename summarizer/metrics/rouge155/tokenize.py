"""Reading and tokenising text the way ROUGE-1.5.5 does.

ROUGE-1.5.5 reads files as bytes, one sentence per line (SPL). Everything here
works on a "byte string" view of the text: the UTF-8 bytes decoded as Latin-1,
so that one character is one byte (``-b`` counts bytes) and every non-ASCII
byte is dropped later like any other non-alphanumeric character.

Steps, as in ``readText``/``readText_LCS`` and ``createNGram``:

1. lines of length 0 are skipped; ``A-Z`` is lower-cased;
2. ``-l N``: whole sentences are kept while the running word count (Perl
   ``split /\\s+/``, which counts a leading empty field) stays below N, then the
   next sentence is cut to the remaining words; ``-b N`` likewise in bytes.
   ROUGE-L/W use the sentence units of ``readText_LCS``, whose ``-b`` branch
   never advances its byte counter (a bug we keep): there every sentence shorter
   than N bytes is kept whole, and only the first one of N bytes or more is cut;
3. tokens are the runs of ``[a-z0-9]`` (``-`` becomes a token of its own and is
   then dropped by the ``^[a-z0-9$]`` filter, every other character is a space);
4. ``-s`` drops stopwords, ``-m`` stems tokens longer than 3 characters.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import overload

from summarizer.errors import InputError

_WS = re.compile(r"[ \t\n\r\f\v]+")  # Perl's \s on a byte string
_FIELD = re.compile(r"[^ \t\n\r\f\v]+")  # a field of split(/\s+/) but a leading empty one
_TOKEN = re.compile(r"[a-z0-9]+")
_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def to_bytes_view(text: str) -> str:
    """The UTF-8 bytes of ``text`` as a str with one character per byte."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("latin-1")


def as_lines(text: str | Iterable[str], words: int = 0, chars: int = 0) -> list[str]:
    """Sentence lines as ROUGE-1.5.5 reads them from an SPL file.

    A ``str`` is one sentence (unit): line breaks inside it are ordinary
    whitespace. A list holds one sentence per item; an item containing ``\\n``
    is split there, as the Perl would see it in a file. Empty lines are
    skipped, as ``readText`` does. With ``words`` (``-l``) or ``chars`` (``-b``), a line
    is cut first to its first ``words`` whitespace-separated fields or ``chars``
    characters where it has more: what :func:`truncate_joined` and :func:`truncate_units`
    keep of it is the same (each keeps at most that much of one line), and a 50 MB line
    is not copied whole to be viewed as bytes (``-l 100`` on it took 200 MB).
    """
    return list(iter_lines(text, words, chars))


def iter_lines(text: str | Iterable[str], words: int = 0, chars: int = 0) -> Iterator[str]:
    """:func:`as_lines`, one line at a time: a line can be tokenised and let go before the
    next is made, where the list held a copy of the whole text beside its tokens. The
    text's type is checked at once, each item's when it is read."""
    if isinstance(text, str):  # "\n" is whitespace to the cut as to the Perl's split
        return _viewed([_cut(text, words, chars).replace("\n", " ")], 0, 0)
    if isinstance(text, (bytes, bytearray)) or not isinstance(text, Iterable):
        raise InputError(f"a summary must be a str or a list of str, not {type(text).__name__}")
    return _viewed(_split_items(text), words, chars)


def _cut(line: str, words: int, chars: int) -> str:
    """``line`` up to the end of its ``words``-th run of non-whitespace, or its first
    ``chars`` characters (a character is one byte or more: as many bytes at least), where
    it has more; else ``line``. Whitespace is ASCII, one byte in the bytes view, and the
    view maps each character on its own, so the cut's view is a prefix of the line's
    with at least ``words`` fields or ``chars`` bytes."""
    if chars:
        return line[:chars]
    if words:
        end = next(islice(_FIELD.finditer(line), words - 1, None), None)
        if end is not None:
            return line[:end.end()]
    return line


def _split_items(text: Iterable[str]) -> Iterator[str]:
    for item in text:
        if not isinstance(item, str):
            raise InputError(f"sentences must be str, not {type(item).__name__}")
        if "\n" in item:
            yield from item.split("\n")
        else:
            yield item


def _viewed(items: Iterable[str], words: int, chars: int) -> Iterator[str]:
    for item in items:
        if item:
            yield to_bytes_view(_cut(item, words, chars)).translate(_UPPER)


def perl_spl_lines(text: str) -> list[str]:
    """The lines of an SPL file's text exactly as ROUGE-1.5.5 reads them.

    Split on ``\n`` only (Perl's ``chomp``); nothing is stripped: leading and
    trailing spaces, ``\r`` and whitespace-only lines count for ``-l``/``-b``
    and for the sentence units of ROUGE-L. Empty lines are dropped later by
    :func:`as_lines`. Read files as bytes and decode them as UTF-8 (with
    ``surrogateescape``) so that no newline translation happens.
    ``str.splitlines()`` and ``str.strip()`` change the numbers with ``-l``/``-b``.
    """
    return text.split("\n")


def perl_fields(s: str) -> Iterator[str]:
    """The fields of Perl's ``split(/\\s+/, $s)`` (a leading empty field kept, trailing
    ones dropped) one at a time: the first few of a long line without splitting it whole."""
    runs = _FIELD.finditer(s)
    first = next(runs, None)
    if first is None:
        return  # only whitespace: the Perl drops trailing empty fields, so every one
    if first.start():
        yield ""  # the leading empty field before leading whitespace
    yield first.group()
    for run in runs:
        yield run.group()


def truncate_joined(lines: Iterable[str], length_words: int, length_bytes: int) -> Iterable[str]:
    """The pieces of text ``readText`` keeps (joined with spaces by the Perl): ``lines``
    themselves without a limit, else a list."""
    if not length_words and not length_bytes:
        return lines
    out: list[str] = []
    used = 0
    if length_words:
        for s in lines:
            # fields to the first past the limit: the line's own count where it is under
            tokens = list(islice(perl_fields(s), length_words - used))
            if used + len(tokens) < length_words:
                out.append(s)
                used += len(tokens)
            else:
                out.append(" ".join(tokens))
                break
    else:
        for s in lines:
            if used + len(s) < length_bytes:
                out.append(s)
                used += len(s)
            else:
                out.append(s[: length_bytes - used])
                break
    return out


def truncate_units(lines: Iterable[str], length_words: int, length_bytes: int) -> Iterable[str]:
    """The sentence units ``readText_LCS`` keeps (for ROUGE-L and ROUGE-W): ``lines``
    themselves without a limit, else a list."""
    if length_bytes and not length_words:
        out = []
        for s in lines:
            if len(s) < length_bytes:  # the Perl never adds to its byte counter here
                out.append(s)
            else:
                out.append(s[:length_bytes])
                break
        return out
    return truncate_joined(lines, length_words, 0)


_PART = 1 << 20  # characters of a long piece tokenised at a time (piece_parts)


def tokenized(
    pieces: Iterable[str], tok: Callable[[str], list[str]], one: Callable[[str, str], str]
) -> tuple[list[str], array[int]]:
    """The tokens of ``pieces`` in one list, and their bounds: piece k's tokens are
    ``tokens[bounds[k]:bounds[k + 1]]``. ``tok`` makes a piece's tokens, ``one`` gives the
    one str kept for each distinct token (``setdefault`` of a dict of them)."""
    tokens: list[str] = []
    bounds = array("q", [0])
    for piece in pieces:
        for part in piece_parts(piece, _PART):
            found = tok(part)
            tokens += map(one, found, found)
        bounds.append(len(tokens))
    return tokens, bounds


def piece_parts(piece: str, size: int) -> Iterator[str]:
    """``piece`` in parts of about ``size`` characters, each cut at the first whitespace
    at or after ``size`` characters, so that no token (a run of ``[a-z0-9]``) spans two
    and the parts' tokens, one after another, are the piece's. A piece up to ``size`` long
    is its one part. :func:`tokenized` makes a part's tokens and keeps one str each
    before the next part's are made: a 50 MB line's 8.5 million tokens, all made at once
    before ``one`` let each go, took 770 MB."""
    n = len(piece)
    if n <= size:
        yield piece
        return
    start = 0
    search = _WS.search
    while n - start > size:
        m = search(piece, start + size)
        if m is None:
            break
        yield piece[start : m.start()]
        start = m.end()
    yield piece[start:]


class Units(Sequence[list[str]]):
    """Sentence units (ROUGE-L/W) as spans of one token list, each a list when it is
    read: a list a unit beside the text's token list held each token twice."""

    __slots__ = ("tokens", "bounds")

    def __init__(self, tokens: list[str], bounds: array[int]) -> None:
        self.tokens = tokens
        self.bounds = bounds

    def __len__(self) -> int:
        return len(self.bounds) - 1

    @overload
    def __getitem__(self, k: int) -> list[str]: ...
    @overload
    def __getitem__(self, k: slice) -> list[list[str]]: ...
    def __getitem__(self, k: int | slice) -> list[str] | list[list[str]]:
        if isinstance(k, slice):
            return [self[i] for i in range(len(self))[k]]
        i = range(len(self))[k]  # from the end when negative; IndexError past either end
        return self.tokens[self.bounds[i] : self.bounds[i + 1]]

    def __iter__(self) -> Iterator[list[str]]:
        tokens, bounds = self.tokens, self.bounds
        return (tokens[a:b] for a, b in zip(bounds, islice(bounds, 1, None), strict=False))


def make_token_filter(
    stopwords: frozenset[str] | None, stem: Callable[[str], str] | None
) -> Callable[[str], list[str]]:
    """A function from a text piece to its ROUGE-1.5.5 tokens (after -s and -m).

    A closure, called bare in the hot loop (a scorer holding one pickles by its settings:
    :meth:`~summarizer.metrics.rouge155.score.Rouge155.__reduce__`)."""
    findall = _TOKEN.findall
    if stem is None:
        if stopwords is None:
            return findall
        return lambda s: [t for t in findall(s) if t not in stopwords]
    cache = getattr(stem, "cache", None)
    compute = getattr(stem, "compute", None)
    if cache is not None and compute is not None:
        # Inline cache lookups: a method call per token costs more than the dict.
        get = cache.get
        if stopwords is None:
            return lambda s: [get(t) or compute(t) for t in findall(s)]
        return lambda s: [get(t) or compute(t) for t in findall(s) if t not in stopwords]
    if stopwords is None:
        return lambda s: [stem(t) for t in findall(s)]
    return lambda s: [stem(t) for t in findall(s) if t not in stopwords]
