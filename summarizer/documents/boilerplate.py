"""Which blocks of a web page are its article: boilerplate detection.

A saved news page holds, besides the story, menus in plain ``div``\\ s, related-story
lists, comment threads, cookie banners, share bars, newsletter sign-ups and
"Read more" teasers. :mod:`summarizer.documents.html` cuts the page into blocks
and marks the elements that say what they hold; this module chooses the blocks
that are the article, in two steps:

1. **Scope.** An element that declares the article wins when it holds most of
   the page's text: schema.org ``itemprop="articleBody"`` (the largest), else
   the innermost ``<article>``/``<main>`` holding at least half of the text
   outside links and boilerplate-named elements, else the innermost element
   whose class or id names an article body (``story-body``, ``entry-content``)
   holding that much. Without one, as in readability, the innermost element
   holding three quarters of the text of the blocks that read like prose; else
   the whole page.
2. **Blocks.** Within the scope each block is classified as in the jusText
   family (Pomikálek's thesis): one inside an element whose class or id names
   boilerplate (``comments``, ``related``, ``share``, ``cookie``, ...) is bad;
   so is one whose text is mostly link text, or a long one with almost no
   function words (a keyword or name list); a short one waits for its context.
   Short blocks between good ones are kept, near-good blocks are kept unless
   bad blocks surround them (inside a declared article: kept), headings followed
   by good text are kept.

A boilerplate name on an element that holds the scope, or most of the text
considered, is ignored (``<body class="has-cookie-banner">``, a page wrapper
called ``with-sidebar``). Everything is one pass over the blocks (prefix sums,
no nested scans), so a page of any size is linear in time and memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

# A block is "short" below this many characters and "long" from the second.
LENGTH_LOW, LENGTH_HIGH = 70, 200
# Largest share of a block's characters inside <a> for it to be text, not a link list:
# jusText's 0.2 on the whole page, more lenient inside a declared article (inline links).
MAX_LINK_DENSITY, MAX_LINK_DENSITY_IN_SCOPE = 0.2, 0.33
# Share of function words (the language's list in summarizer.languages) a block needs to
# be near-good, and good when long. The lists are short (about 20 words), so these sit
# below the 2nd percentile of TAC 2011 source paragraphs over 200 characters (English
# .176, French .128, Czech .094); keyword lists, bylines and tag clouds score about 0.
STOP_LOW, STOP_HIGH = 0.04, 0.08
# A declared article (or a class-named body) must hold this share of the page's text.
SCOPE_SHARE = 0.5
# Without one, the innermost element holding this share of the text of the page's
# prose-like blocks is taken for the article.
DENSEST_SHARE = 0.75
# A boilerplate-named element holding this share of the text considered is a wrapper.
WRAPPER_SHARE = 0.75
# How far past a heading (in characters) a good block makes the heading part of it.
HEADING_REACH = 200

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"
# the sign, or the word where a notice has it (opening the block, or before a sign or a
# year): "The band sued the label for copyright infringement." is news
_COPYRIGHT = re.compile(r"©|&copy;|^\W*copyright\b|\bcopyright\s*(?:\(c\)|(?:19|20)\d\d)|"
                        r"\ball rights reserved\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Block:
    """A paragraph of the page: its text, how much of it is link text, whether a heading."""

    text: str
    links: int = 0  # characters inside <a>
    heading: bool = False


@dataclass(slots=True)
class Region:
    """An element that says what it holds, over blocks ``start`` to ``end`` (exclusive).

    ``kind``: ``articleBody``, ``article``, ``main``, ``good`` (a class or id that
    names an article body), ``bad`` (one that names boilerplate) or ``block`` (any
    other block element of more than one block)."""

    kind: str
    label: str
    start: int
    end: int = -1
    boilerplate: bool = False  # an article named like boilerplate (<article class="comment">)


@dataclass
class Selection:
    """The blocks kept (indices, in page order), the element they were taken from
    (``"page"``: the whole page) and what chose it: ``"markup"`` (the page declares its
    article), ``"density"`` (the element holding most of the prose) or ``"page"``."""

    kept: list[int]
    scope: str
    found_by: str


def article_blocks(blocks: list[Block], regions: list[Region],
                   function_words: frozenset[str] = frozenset()) -> Selection:
    """The blocks that are the page's article (see the module's doc). ``function_words``
    empty: the language has no list, and length and links decide alone."""
    if not blocks:
        return Selection([], "page", "page")
    chars = [max(0, len(b.text) - b.links) for b in blocks]  # text outside links
    every = _prefix(chars)
    bads = [r for r in regions if r.kind == "bad"
            and _held(every, r.start, r.end) < WRAPPER_SHARE * every[-1]]
    bad = _covered(bads, len(blocks))
    declared = _declared(regions, _prefix([0 if b else c for b, c in zip(bad, chars, strict=True)]))
    scope = declared or _densest(blocks, regions, bad, function_words)
    start, end = (scope.start, scope.end) if scope else (0, len(blocks))
    considered = _held(every, start, end)
    bads += [r for r in regions if r.boilerplate and r is not scope]
    bads = [r for r in bads
            if not (r.start <= start and end <= r.end)  # holds the article: a wrapper
            and _held(every, max(r.start, start), min(r.end, end)) < WRAPPER_SHARE * considered]
    bad = _covered(bads, len(blocks))
    limit = MAX_LINK_DENSITY_IN_SCOPE if scope else MAX_LINK_DENSITY
    classes = [_classify(blocks[i], bad[i], limit, function_words) for i in range(start, end)]
    if scope:  # the article's text blocks are its text, even between a share bar
        classes = [GOOD if c == NEAR_GOOD else c for c in classes]  # and a teaser
    _headings(classes, blocks[start:end])
    final = _smooth(classes, edge=GOOD if declared else BAD)
    kept = [start + i for i, c in enumerate(final) if c == GOOD]
    if scope is None:
        return Selection(kept, "page", "page")
    return Selection(kept, scope.label, "markup" if declared else "density")


def _prefix(values: list[int]) -> list[int]:
    return [0, *accumulate(values)]


def _held(prefix: list[int], start: int, end: int) -> int:
    return prefix[end] - prefix[start] if end > start else 0


def _covered(regions: list[Region], n: int) -> list[bool]:
    """Which blocks lie inside any of ``regions`` (a difference array: linear)."""
    depth = [0] * (n + 1)
    for r in regions:
        depth[r.start] += 1
        depth[r.end] -= 1
    return [d > 0 for d in accumulate(depth[:n])]


def _declared(regions: list[Region], text: list[int]) -> Region | None:
    """The element that declares the article and holds most of its text, if any."""
    page = text[-1]
    if page == 0:
        return None
    bodies = [r for r in regions if r.kind == "articleBody" and _held(text, r.start, r.end)]
    if bodies:
        return max(bodies, key=lambda r: _held(text, r.start, r.end))
    for kinds in (("article", "main"), ("good",)):
        holding = [r for r in regions if r.kind in kinds
                   and _held(text, r.start, r.end) >= SCOPE_SHARE * page]
        if holding:  # nested ones: the innermost
            return min(holding, key=lambda r: r.end - r.start)
    return None


def _densest(blocks: list[Block], regions: list[Region], bad: list[bool],
             function_words: frozenset[str]) -> Region | None:
    """Readability's idea where nothing declares the article: the innermost element of
    several blocks holding most of the text of the page's prose-like (good or near-good)
    blocks."""
    classes = [_classify(b, x, MAX_LINK_DENSITY, function_words) for b, x in zip(blocks, bad, strict=True)]
    text = _prefix([len(b.text) if c in (GOOD, NEAR_GOOD) else 0
                    for b, c in zip(blocks, classes, strict=True)])
    if text[-1] == 0:
        return None
    holding = [r for r in regions if r.kind != "bad" and r.end - r.start > 1
               and _held(text, r.start, r.end) >= DENSEST_SHARE * text[-1]]
    if not holding:
        return None
    return min(holding, key=lambda r: r.end - r.start)


def _classify(block: Block, bad: bool, link_limit: float, function_words: frozenset[str]) -> str:
    length = len(block.text)
    links = block.links / length if length else 0.0
    if bad or links > link_limit:
        return BAD
    if length < LENGTH_HIGH and _COPYRIGHT.search(block.text):  # a copyright line
        return BAD
    if length < LENGTH_LOW:
        return BAD if links > 0 else SHORT
    if block.heading or not function_words:
        return GOOD if length >= LENGTH_HIGH and not block.heading else NEAR_GOOD
    words = _WORD.findall(block.text.lower())
    density = sum(map(function_words.__contains__, words)) / len(words) if words else 0.0
    if density >= STOP_HIGH and length >= LENGTH_HIGH:
        return GOOD
    return NEAR_GOOD if density >= STOP_LOW else BAD


def _headings(classes: list[str], blocks: list[Block]) -> None:
    """A short heading followed, within HEADING_REACH characters, by a good block heads
    it: near-good (jusText keeps such headings); one only before boilerplate stays short."""
    for i, block in enumerate(blocks):
        if not (block.heading and classes[i] == SHORT):
            continue
        distance = 0  # every block has text, so this looks at most HEADING_REACH blocks on
        for j in range(i + 1, len(blocks)):
            if classes[j] == GOOD:
                classes[i] = NEAR_GOOD
                break
            distance += len(blocks[j].text)
            if distance > HEADING_REACH:
                break


def _nearest(classes: list[str], edge: str, skip: frozenset[str], step: int) -> list[str]:
    """For each block, the class of the nearest block before (step 1) or after (step -1)
    it whose class is not in ``skip``; ``edge`` past the ends. One pass."""
    n = len(classes)
    out = [edge] * n
    seen = edge
    order = range(n) if step == 1 else range(n - 1, -1, -1)
    for i in order:
        out[i] = seen
        if classes[i] not in skip:
            seen = classes[i]
    return out


def _smooth(classes: list[str], edge: str) -> list[str]:
    """jusText's context pass: short blocks take their neighbours' class, then near-good
    blocks are kept unless bad blocks stand on both sides."""
    strict = frozenset({SHORT, NEAR_GOOD})
    before, after = _nearest(classes, edge, strict, 1), _nearest(classes, edge, strict, -1)
    before_any = _nearest(classes, edge, frozenset({SHORT}), 1)
    after_any = _nearest(classes, edge, frozenset({SHORT}), -1)
    out = list(classes)
    for i, c in enumerate(classes):
        if c != SHORT:
            continue
        b, a = before[i], after[i]
        if b == GOOD and a == GOOD:
            out[i] = GOOD
        elif b == BAD and a == BAD:
            out[i] = BAD
        elif (b == BAD and before_any[i] == NEAR_GOOD) or (a == BAD and after_any[i] == NEAR_GOOD):
            out[i] = GOOD
        else:
            out[i] = BAD
    before = _nearest(out, edge, frozenset({NEAR_GOOD}), 1)  # short ones are resolved now
    after = _nearest(out, edge, frozenset({NEAR_GOOD}), -1)
    for i, c in enumerate(out):
        if c == NEAR_GOOD:
            out[i] = BAD if before[i] == BAD and after[i] == BAD else GOOD
    return out
