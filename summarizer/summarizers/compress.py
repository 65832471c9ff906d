"""Rule-based sentence compression, so that a short budget holds more content.

Four cuts, each removing a span that carries little of the news:

* ``dateline``: a leading place/agency line, ``WASHINGTON (AP) --``,
  ``PARIS, Jan. 5 (Reuters) -``, ``BEIJING _``;
* ``attribution``: a trailing ``..., officials said.`` / ``..., he told
  reporters.`` / ``..., according to the police.``;
* ``parenthetical``: a short aside in brackets, ``(AP)``, ``(about $5
  million)``, not at the start of the sentence;
* ``connective``: a leading ``But``, ``However,``, ``Meanwhile,``, ``And`` ...

The dateline rule works in every cased script (the place is in capitals),
the bracket rule in every script; the attribution and connective rules are
written for English newswire and are used on English text only
(:data:`ENGLISH_RULES`): German "So viele Menschen" or "Also sagte der
Minister" lost their first word. Dropping a leading word can leave a
lower-case first letter, which is capitalised (an ``edit`` of one character).

Offsets stay exact: a compressed sentence keeps the source span
``start:end`` and a list of :class:`Edit` objects (absolute offsets into the
document, with the replacement text and the rule). Replacing each edited
span of ``document.text[start:end]`` by its replacement gives the sentence
text, character for character; :func:`apply_edits` does exactly that.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

# Upper-case place name(s), an optional date and agency, then a dash or underscore.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_ .,'/-]*(?:[ .,'/-]+[^\W\d_]+){0,4}?)"  # PLACE
    r"(?:,\s*[^\W\d_][\w.]{0,9}\s*\.?\s*\d{1,2})?"  # , Jan. 5
    r"\s*(?:\([^()]{1,30}\))?"  # (AP)
    r"\s*(?:--|—|–|_|-|:)\s+",
)
# The tail's own subject (one to five words, each opening with a letter or digit, so that a
# closing ' is no word) before the verb: ", said." or ", told X." after an apposition
# would cut the sentence's verb and leave a fragment. A space after the comma: "10,000
# reported cases" is no attribution.
# No word of it may deny, withhold or dispute what the sentence says ("..., the White House
# has not said.", "..., Trump falsely said."): that tail is the sentence's sense, not its source.
_DISPUTED = (r"(?!(?:not|never|no|neither|nor|nobody|none|few|hardly|rarely|seldom|cannot|"
             r"longer|yet|without|unable|declined|declines|refused|refuses|denied|denies|"
             r"falsely|wrongly|incorrectly|erroneously|mistakenly|baselessly|unclear|early|"
             r"impossible|hard|difficult)\b|\w*n['\u2019\u02bc]t\b)")
_WORD = r"\w[\w.'-]*"
_TAIL_WORD = _DISPUTED + _WORD
_ATTRIBUTION = re.compile(
    r",\s+(?:according\s+to\s+[^,;:()]{1,60}?"
    rf"|(?:{_TAIL_WORD}\s+){{1,5}}?(?:said|says|say|reported|reports"
    rf"|told\s+{_TAIL_WORD}(?:\s+{_TAIL_WORD}){{0,3}}"
    rf"|added|announced|noted|stated)(?:\s+(?:on\s+)?{_TAIL_WORD}){{0,2}})"
    r"\s*(?=[.!?][\"'”’]?\s*$)",
    re.IGNORECASE,
)
# a quotation closed by a comma, then its speaker: '"...," Thorne Lay, professor at the
# University of California, Santa Cruz said.' is all one speaker clause, not a tail
_QUOTE_THEN_SPEAKER = re.compile(r",\s*(?:[\"”’]|'')\s*\w")
_PAREN = re.compile(r"\s+\([^()]{1,80}\)(?=[\s,.;:!?\"'”’]|$)")
# Connectives dropped with or without a comma after them, but not opening a phrase that
# the next word makes ("So far", "Instead of", "In addition to", "But for"); "However",
# "Besides" and "Still" only with their comma ("However much", "Besides the victims").
_CONNECTIVE = re.compile(
    r"^(?:(?:However|Besides|Still),\s+"
    r"|(?:But|And|Meanwhile|Also|Moreover|Furthermore|In addition|Nevertheless|"
    r"Yet|So|Instead|Indeed|Thus|Therefore)\b(?:,\s+|\s+(?!(?:far|of|to|for|that|than|as|"
    r"if|though|another|more|many|much|long|few|little)\b)))(?=\S)",
)
RULES = ("dateline", "attribution", "parenthetical", "connective")
ENGLISH_RULES = ("attribution", "connective")  # English words: English text only
_MIN_LEFT = 4  # a cut never leaves fewer words than this


@dataclass(frozen=True)
class Edit:
    """Replace ``document.text[start:end]`` by ``text`` (``""`` for a cut)."""

    start: int
    end: int
    text: str
    rule: str


def apply_edits(source: str, start: int, end: int, edits: Sequence[Edit]) -> str:
    """The text of span ``start:end`` of ``source`` with ``edits`` applied."""
    out, pos = [], start
    for e in sorted(edits, key=lambda e: e.start):
        if not start <= pos <= e.start <= e.end <= end:
            raise ValueError(f"edit {e} overlaps another or leaves the span {start}:{end}")
        out.append(source[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(source[pos:end])
    return "".join(out)


def compress_text(text: str, offset: int = 0, rules: Sequence[str] = RULES) -> tuple[str, list[Edit]]:
    """Compress one sentence; return the new text and the edits (offsets + ``offset``)."""
    unknown = set(rules) - set(RULES)
    if unknown:
        raise ValueError(f"unknown compression rule(s) {sorted(unknown)}; known: {RULES}")
    cuts: list[tuple[int, int, str]] = []  # relative spans, never overlapping
    starts: list[int] = []  # the cuts' starts, sorted: an overlap found by bisection
    ends: list[int] = []
    # A floor on the words a cut leaves: every word that meets no cut stays, merged at
    # most once per cut with a neighbour. Counted exactly only where the floor is under
    # the minimum: a line of thousands of asides was recounted whole at each (quadratic).
    floor = len(text.split())

    def words_left(extra: tuple[int, int]) -> int:
        spans = sorted(cuts + [(extra[0], extra[1], "")])
        kept, pos = [], 0
        for a, b, _ in spans:
            kept.append(text[pos:a])
            pos = b
        kept.append(text[pos:])
        return len("".join(kept).split())

    def add(a: int, b: int, rule: str) -> None:
        nonlocal floor
        if b <= a:
            return
        i = bisect.bisect_left(starts, b)  # the one cut that could overlap starts before b
        if i and ends[i - 1] > a:
            return
        # the words the span meets are gone, and the words either side may merge (+1;
        # +2 for a margin): a floor still at the minimum is replaced by the exact count
        lost = len(text[a:b].split()) + 2
        if floor - lost >= _MIN_LEFT:
            floor -= lost
        else:
            floor = words_left((a, b))
            if floor < _MIN_LEFT:
                return
        cuts.append((a, b, rule))
        starts.insert(i, a)
        ends.insert(i, b)

    head = 0
    if "dateline" in rules:
        m = _DATELINE.match(text)
        place = m.group("place") if m else ""
        # all capitals (a cased script): a sentence's own first words are not
        if m and any(ch.isupper() for ch in place) and not any(ch.islower() for ch in place) \
                and not text[m.end():m.end() + 1].islower():
            add(0, m.end(), "dateline")
            head = m.end() if cuts else 0
    if "connective" in rules:
        m = _CONNECTIVE.match(text[head:])
        if m:
            add(head, head + m.end(), "connective")
    if "attribution" in rules:
        m = _ATTRIBUTION.search(text)
        # not the whole sentence's verb: something must come before the comma
        if m and len(text[: m.start()].split()) >= _MIN_LEFT \
                and not _QUOTE_THEN_SPEAKER.search(text, 0, m.start() + 1):
            add(m.start(), m.end(), "attribution")
    if "parenthetical" in rules:
        for a, b in parenthetical_spans(text):
            add(a, b, "parenthetical")
    if not cuts:
        return text, []
    cuts.sort()
    edits = [Edit(offset + a, offset + b, "", rule) for a, b, rule in cuts]
    new = apply_edits(text, 0, len(text), [Edit(a, b, "", r) for a, b, r in cuts])
    # Cuts at the start (a dateline, then a connective, may touch) leave what
    # followed them: capitalise its first letter.
    pos = 0
    for a, b, _ in cuts:
        if a != pos:
            break
        pos = b
    # the first letter, after any opening bracket or quote ("(as expected) the vote");
    # one whose capital is two letters (ß: SS) is left as it is, so that a cut inside the
    # replacement cannot split it
    first = pos + len(new) - len(new.lstrip("([{\"'“‘«"))
    if pos and text[first:first + 1].islower() and len(text[first].upper()) == 1:
        edits.append(Edit(offset + first, offset + first + 1, text[first].upper(),
                          "capitalise"))
        k = first - pos
        new = new[:k] + new[k].upper() + new[k + 1:]
    return new, sorted(edits, key=lambda e: e.start)


def parenthetical_spans(text: str) -> Iterator[tuple[int, int]]:
    """The asides the ``parenthetical`` rule would cut from ``text``, in order, with the
    comma before one that ends a clause ("local time, (02:49 UTC)." left "local time,.")
    and both commas around one between them ("The suspect, (a teacher), was" left ",,")."""
    for m in _PAREN.finditer(text):
        a, b = m.start(), m.end()
        if a == 0 or text[b:].lstrip()[:1].isdigit():  # "(020) 7946 0000": a number's
            continue
        before = text[:a].rstrip()
        if before.endswith(","):
            if text[b:b + 1] == ",":
                a, b = len(before) - 1, b + 1
            elif text[b:b + 1] in (".", ";", ":", "!", "?"):
                a = len(before) - 1
        yield a, b


def compress_sentences(sentences: Sequence, rules: Sequence[str] = RULES) -> tuple[list, dict]:
    """Compressed copies of :class:`~summarizer.sentences.Sentence` objects and
    their edits, keyed by ``(doc_id, index)``. ``start``/``end`` stay the
    source span; the text is the span with the edits applied."""
    out, edits = [], {}
    for s in sentences:
        text, e = compress_text(s.text, s.start, rules)
        if e:
            edits[(s.doc_id, s.index)] = e
            s = s.replace(text=text)
        out.append(s)
    return out, edits


def source_position(sentence_start: int, edits: Sequence[Edit], k: int) -> int:
    """Offset in the document of character ``k`` of a compressed sentence
    (``k`` = its length gives the end of the span it covers)."""
    pos, done = sentence_start, 0
    for e in sorted(edits, key=lambda e: e.start):
        gap = e.start - pos
        if done + gap >= k:
            return pos + (k - done)
        done += gap
        if done + len(e.text) > k:  # inside a replacement: map to its start
            return e.start
        done += len(e.text)
        pos = e.end
    return pos + (k - done)


def parse_rules(value: bool | str | Sequence[str] | None) -> tuple[str, ...]:
    """The ``compress`` option: False/None (off), True (every rule), a
    comma-separated string or a list of rule names."""
    from summarizer.errors import OptionError, value_repr

    if value is None or value is False:
        return ()
    if value is True:
        return RULES
    if isinstance(value, str):
        names = [v.strip() for v in value.split(",")]
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        names = list(value)
    else:  # a number or a dict was list()ed: "'float' object is not iterable", or its keys
        raise OptionError(f"option 'compress' must be true, false, or rule names (a list, or "
                          f"comma-separated) from {', '.join(RULES)}; not {value_repr(value)}")
    names = [n for n in names if n]
    if not names:  # "", [] or ",": 'names unknown rule(s) []' said nothing of what was wrong
        raise OptionError(f"option 'compress' names no rule ({value_repr(value)}); use True, "
                          f"False or some of {', '.join(RULES)}")
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise OptionError(f"option 'compress' names unknown rule(s) {unknown}; use "
                          f"True or some of {', '.join(RULES)}")
    return tuple(n for n in RULES if n in names)


def compress_pool(pool, rules: Sequence[str] = RULES):
    """A copy of an extractive :class:`~summarizer.summarizers.candidates.Pool`
    whose sentences are compressed (tokens recomputed; edits kept in the pool)."""
    from summarizer.languages import unicode_tokens
    from summarizer.summarizers.candidates import TokenTable
    from summarizer.summarizers.readability import applies_to

    if not applies_to(pool.language):
        rules = [r for r in rules if r not in ENGLISH_RULES]
    sentences, edits = compress_sentences(pool.sentences, rules)
    lists = (unicode_tokens(s.text) if (s.doc_id, s.index) in edits else t
             for s, t in zip(sentences, pool.tokens, strict=True))
    tokens: TokenTable | list[list[str]]
    if isinstance(pool.tokens, TokenTable):  # long input: compressed tokens as word numbers
        tokens = TokenTable(lists)
        tokens.seal()
    else:
        tokens = list(lists)
    return replace(pool, sentences=sentences, tokens=tokens, _cache={"edits": edits})


def attach_edits(summary, pool) -> None:
    """Record the edits of every compressed sentence of ``summary`` and fix the
    end offset of a cut (truncated) one so that its span is exact."""
    edits = pool._cache.get("edits", {})
    cuts = 0
    for s in summary.sentences:
        e = edits.get((s.doc_id, s.sentence_index))
        if not e:
            continue
        # a whole sentence keeps its source span: mapped back from its text, a cut at its
        # end (an aside before no final mark) fell outside the span and off the edits
        if s.truncated:
            s.end = source_position(s.start, e, len(s.text))
            e = [x for x in e if x.end <= s.end]
        s.edits = list(e)
        cuts += sum(1 for x in e if x.rule != "capitalise")
    summary.settings["cuts"] = cuts
