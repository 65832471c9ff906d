"""The text of an HTML page: its article, without markup, scripts, menus or boilerplate.

A news article saved from a browser or fetched by a crawler is HTML. Read as
plain text, its tags, inline scripts and navigation became "sentences" of the
summary. This keeps the text of the page's content elements, one paragraph per
block element (``p``, ``div``, ``li``, headings, ...; blank lines part a ``pre``), with
character references decoded, and leaves out what is never the article: ``script``, ``style``,
``nav``, ``header`` (but an article's own), ``footer``, ``aside``, forms, figures and
their captions, and elements the page hides (``hidden``, ``display: none``).
Of the blocks left, only the article's are kept by default (related stories,
comments, cookie banners, share bars, link lists: see
:mod:`summarizer.documents.boilerplate`); ``main_content=False`` keeps them all.
It is the standard library's tolerant parser; nothing in the page is run or
fetched, and time and memory are linear in the page's size.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from summarizer.documents.boilerplate import Block, Region, article_blocks
from summarizer.errors import UnknownLanguageError
from summarizer.languages import Language, get_language, guess_language

# Elements whose whole content is left out: code, styling, page furniture, captions. Not
# <form>: ASP.NET pages wrap their whole body in one, and gave no text at all; a form's
# own fields (button, select, textarea; input is void) are left out, and its labels are
# short blocks that the article's choice leaves out with the rest of the page's furniture.
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "nav", "header", "footer", "aside", "button", "select", "textarea", "figure",
    "figcaption", "head",
    "title",  # the page's title (read apart), also where no <head> holds it
    # what a browser shows none of: a player's fallback text ("Your browser does not
    # support HTML5 video"), and ruby's readings (漢字 read 漢(かん)字じ)
    "video", "audio", "rt", "rp",
})
# Elements that end a paragraph: their text never runs into the next block's.
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "br", "hr",
    "address", "body", "caption", "nav", "header", "footer", "aside", "form", "figure",
    "figcaption",
    # old table layouts' <center>, fact boxes' <details>/<summary>: their lines ran together
    "center", "details", "summary", "dialog", "fieldset", "legend", "hgroup", "menu", "dir",
})
# Elements with no end tag: they never open anything.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
# Inline elements that hold a field of their own (a name, a role, a date, a menu entry),
# laid out apart by the page's CSS: one ending where the next begins, with no text between,
# is a word break ("Jane Doe" "Business reporter", not "Jane DoeBusiness reporter").
# Formatting elements (b, i, em, sup ...) can split a word ("<b>W</b>ord") and never do.
FIELDS = frozenset({"a", "span", "time", "cite", "label", "data"})
# Namespaces whose prefixed elements (<xhtml:p> in XHTML) are the HTML elements of their
# local name (SVG and MathML's are skipped as svg and math are).
_XHTML = "http://www.w3.org/1999/xhtml"  # <html xmlns=...>: an XHTML page, CDATA is text
_NAMESPACES = frozenset({_XHTML, "http://www.w3.org/2000/svg",
                         "http://www.w3.org/1998/Math/MathML"})
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Open elements followed at most this deep (browsers cap the tree's depth too): deeper tag
# soup is read as text, and each tag costs at most a constant, whatever the page.
MAX_DEPTH = 512
# What <head> may hold: any other element starts the body, closing an unclosed <head>.
IN_HEAD = frozenset({"title", "meta", "link", "script", "style", "base", "noscript",
                     "template"})
# Elements a start tag of the same name closes when it is the innermost open one.
AUTO_CLOSED = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
# What a class or id names, as lower-case letters with separators removed (relatedStories,
# related-stories and related_stories alike). The article's body:
_BODY_HINT = re.compile(r"articlebody|storybody|articlecontent|storycontent|entrycontent|"
                        r"postcontent|postbody|articletext|storytext|bodytext|maincontent")
# Boilerplate: comment threads, recommendations, sharing, consent, sign-ups, ads, chrome.
_BAD_HINT = re.compile(r"comment|related|share|sharing|social|promo|cookie|consent|gdpr|"
                       r"newsletter|subscri|signup|sponsor|advert|outbrain|taboola|recommend|"
                       r"recirc|trending|popular|mostread|readmore|morestories|teaser|"
                       r"sidebar|widget|breadcrumb|banner|footer|masthead|disqus|paywall|"
                       r"toolbar|tagcloud|taglist")
_BAD_WORDS = frozenset({"ad", "ads", "tags", "menu", "nav", "navbar", "byline", "author", "meta",
                        "links"})
_HINT_WORD = re.compile(r"[a-z]+|[A-Z][a-z]*")
# ARIA roles of page furniture, as the elements they stand for.
_BAD_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                        "dialog", "alertdialog"})
# Where a page says when it was published, most trusted first (a rank is its index): the
# article's JSON-LD, then the meta tags publishers and their CMSs write, then <time>.
DATE_SOURCES = (
    "json-ld article datePublished", "json-ld datePublished",
    "meta article:published_time", "itemprop datePublished", "meta og:published_time",
    "meta parsely-pub-date", "meta sailthru.date", "meta dc.date.issued", "meta dc.date",
    "meta date", "meta pubdate", "meta publishdate", "meta publish-date",
    "time pubdate", "time in article",
)
_DATE_META = {s[5:]: s for s in DATE_SOURCES if s.startswith("meta ")}
_PROSE = ("p", "li", "blockquote", "td", "dd", "pre")
# JSON-LD read for a date: a larger block is skipped (json's recursion on deep nesting is
# caught; this bounds the text held while the page is read)
MAX_JSON_LD_CHARS = 1_000_000
MAX_DATES = 20  # values kept of each source (a page of 10,000 <time> tags: the first 20)


@dataclass
class HtmlText:
    """A page read as text: a paragraph per line with a blank line between; its title
    (the first ``h1``, else ``title``; None if neither has text); ``extraction``,
    how the paragraphs were chosen (for ``Document.meta["html"]``); ``language``,
    the one its ``lang`` attribute names (a package language name; None when it names
    none the package knows); and ``date``, when the page says it was published (see
    :data:`DATE_SOURCES`; ``extraction["date_from"]`` names where it was read), in
    :func:`~summarizer.documents.dates.normalize_date`'s form, or None."""

    text: str
    title: str | None
    extraction: dict = field(default_factory=dict)
    language: str | None = None
    date: str | None = None


def _region(tag: str, attrs: list, start: int) -> Region | None:
    """What an element says it holds, from its tag, itemprop, role, class and id."""
    values = {k: v for k, v in attrs if isinstance(v, str)}
    if "articlebody" in values.get("itemprop", "").lower():
        return Region("articleBody", f"{tag}[itemprop=articleBody]", start)
    if tag in ("html", "body"):  # page-wide classes say nothing about one block
        return None
    role = values.get("role", "").lower()
    names = f"{values.get('class', '')} {values.get('id', '')}"
    words = [w.lower() for w in _HINT_WORD.findall(names)]
    compact = "".join(words)
    body = bool(_BODY_HINT.search(compact))  # "story-body sharing-enabled" is the story
    bad = not body and bool(_BAD_HINT.search(compact) or not _BAD_WORDS.isdisjoint(words))
    if tag in ("article", "main") or role in ("article", "main"):
        kind = tag if tag in ("article", "main") else role
        # <article class="comment">: a comment, unless it is the largest article
        return Region(kind, tag if tag == kind else f'{tag}[role="{role}"]', start,
                      boilerplate=bad)
    if role in _BAD_ROLES:
        return Region("bad", f'{tag}[role="{role}"]', start)
    label = f"{tag}.{names.split()[0]}" if names.strip() else tag
    return Region("good" if body else "bad" if bad else "block", label, start)


def _hidden(attrs: list) -> bool:
    """An element the page does not show: ``hidden``, ``aria-hidden="true"``, or an
    inline style of ``display: none`` (templates of pop-ups, collapsed menus)."""
    for key, value in attrs:
        if key == "hidden" or (key == "aria-hidden" and (value or "").strip().lower() == "true"):
            return True
        if key == "style" and value and "display:none" in "".join(value.lower().split()):
            return True
    return False


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.regions: list[Region] = []  # closed, each over at least one block
        self.current: list[str] = []
        self.links = 0  # characters of the current paragraph inside <a>
        # The open elements, innermost last: tag, what it says it holds, whether it hides
        # its content (a skipped or hidden element).
        self.stack: list[tuple[str, Region | None, bool]] = []
        self.open: dict[str, int] = {}  # how many of each tag are open
        self.hiding = 0  # open elements whose content is left out
        self.untracked = 0  # elements opened past MAX_DEPTH
        self.title: list[str] | None = None  # <title>'s text while it is open
        self.page_title = ""
        self.h1: list[str] | None = None
        self.first_h1 = ""
        self.lang = ""
        self.prefixes: set[str] = set()  # bound to the namespaces above (xmlns:x="...")
        self.after_field = False  # a FIELDS element just ended, nothing after it yet
        self.xhtml = False  # <html xmlns="http://www.w3.org/1999/xhtml">: CDATA is text
        # publication dates by DATE_SOURCES rank, in page order (the first that reads as a
        # date is taken: "soon" in one JSON-LD block hid a date in the next)
        self.dates: dict[int, list[str]] = {}
        self.json_ld: list[str] | None = None  # an ld+json script's text while it is open
        self.json_ld_chars = 0

    def _date(self, source: str, value: object) -> None:
        """A publication date the page gives (checked later, with the others)."""
        found = self.dates.setdefault(DATE_SOURCES.index(source), [])
        if isinstance(value, str) and value.strip() and len(found) < MAX_DATES:
            found.append(value.strip())

    def _date_attrs(self, tag: str, attrs: list) -> None:
        values = {k: v for k, v in attrs if isinstance(v, str)}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key in _DATE_META:
                self._date(_DATE_META[key], values.get("content"))
        if values.get("itemprop", "").strip() == "datePublished":
            self._date("itemprop datePublished",
                       values.get("content") or values.get("datetime"))
        if tag == "time" and not self.hiding:
            if any(k == "pubdate" for k, _ in attrs):
                self._date("time pubdate", values.get("datetime"))
            elif self.open.get("article") and not any(self.open.get(t) for t in _PROSE):
                # a time in the article's header or byline, not one its text mentions
                self._date("time in article", values.get("datetime"))
        if tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.json_ld, self.json_ld_chars = [], 0

    def _end_json_ld(self) -> None:
        text, self.json_ld = "".join(self.json_ld or ()), None
        if self.json_ld_chars > MAX_JSON_LD_CHARS:
            return
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # a damaged or absurdly deep block: no date
            return
        # an article's before any other item's, whichever block holds it (a WebSite's
        # date in the page's first block was taken over the NewsArticle's in its second)
        for article, value in _published(data):
            self._date("json-ld article datePublished" if article else "json-ld datePublished",
                       value)

    def _name(self, tag: str) -> str:
        prefix, colon, local = tag.partition(":")
        return local if colon and prefix in self.prefixes else tag

    def _end_paragraph(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            heading = any(self.open.get(h) for h in HEADINGS)
            self.blocks.append(Block(text, min(self.links, len(text)), heading))
        self.current = []
        self.links = 0

    def _close(self, tag: str) -> None:
        """Close the innermost open ``tag`` and whatever was left open inside it."""
        while self.stack:
            name, region, hides = self.stack.pop()
            self.open[name] -= 1
            self.hiding -= hides
            if region is not None:
                region.end = len(self.blocks)
                if region.end - region.start > (region.kind == "block"):  # one is no container
                    self.regions.append(region)
            if name == tag:
                return

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for key, value in attrs:
            if key.startswith("xmlns:") and (value or "").strip() in _NAMESPACES:
                self.prefixes.add(key[6:])
        tag = self._name(tag)
        self._date_attrs(tag, attrs)
        if self.after_field and tag in FIELDS and not self.hiding:
            self.handle_data(" ")
        self.after_field = False
        if tag == "title" and not self.page_title:
            self.title = []
        if tag == "html" and not self.lang:
            self.lang = next((v for k, v in attrs if k in ("lang", "xml:lang") and v), "")
        if tag == "html":
            self.xhtml = self.xhtml or any(k == "xmlns" and (v or "").strip() == _XHTML
                                           for k, v in attrs)
        if self.open.get("head") and tag not in IN_HEAD:  # </head> may be left out
            self._close("head")
        if tag in VOID:
            self._void(tag)
            return
        if tag in AUTO_CLOSED and self.stack and self.stack[-1][0] == tag:
            self._close(tag)  # <p>one<p>two: the first ends where the second starts
        article_header = tag == "header" and (self.open.get("article") or self.open.get("main"))
        hides = (tag in SKIPPED and not article_header) or _hidden(attrs)
        region = None
        if not self.hiding:
            if tag in BLOCKS:
                self._end_paragraph()
            if tag == "h1" and not self.first_h1 and not hides:
                self.h1 = []
            if tag in BLOCKS and not hides:
                region = _region(tag, attrs, len(self.blocks))
        if len(self.stack) >= MAX_DEPTH:
            self.untracked += 1
            return
        self.stack.append((tag, region, hides))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.hiding += hides

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        tag = self._name(tag)
        self._date_attrs(tag, attrs)
        self.json_ld = None  # <script type="application/ld+json"/> holds nothing
        self.after_field = False
        self._void(tag)  # <br/>, <hr/>, <p/>

    def _void(self, tag: str) -> None:
        if self.hiding or tag not in BLOCKS:
            return
        if tag == "br" and any(self.open.get(h) for h in HEADINGS):
            # a line break inside a heading: "Council approves<br>new bridge" is one title
            # (it was two blocks, and the title read "approvesnew")
            self._text(" ")
            return
        self._end_paragraph()

    def unknown_decl(self, data: str) -> None:
        # an XHTML page's CDATA section is text, as an XML reader shows it (the parser
        # passed it here, and it was lost); in HTML a browser shows none of it
        if self.xhtml and data.startswith("CDATA[") and not self.hiding:
            self._text(data[6:])

    def handle_endtag(self, tag: str) -> None:
        tag = self._name(tag)
        self.after_field = tag in FIELDS
        if tag == "title" and self.title is not None:
            self.page_title = " ".join("".join(self.title).split())
            self.title = None
        if tag == "script" and self.json_ld is not None:
            self._end_json_ld()
        if self.untracked:
            self.untracked -= 1
            return
        if not self.open.get(tag):  # a stray end tag
            return
        if not self.hiding:
            if tag == "h1" and self.h1 is not None:
                self.first_h1 = " ".join("".join(self.h1).split())
                self.h1 = None
            if tag in BLOCKS:
                self._end_paragraph()
        self._close(tag)

    def handle_data(self, data: str) -> None:
        self.after_field = False
        if self.title is not None:
            self.title.append(data)
        if self.json_ld is not None:
            self.json_ld_chars += len(data)
            if self.json_ld_chars <= MAX_JSON_LD_CHARS:
                self.json_ld.append(data)
        if self.hiding:
            return
        if self.open.get("pre"):  # preformatted text (a wire story): blank lines part it
            *paragraphs, data = _BLANK_LINE.split(data)
            for text in paragraphs:
                self._text(text)
                self._end_paragraph()
        self._text(data)

    def _text(self, data: str) -> None:
        if self.h1 is not None:
            self.h1.append(data)
        self.current.append(data)
        if self.open.get("a"):
            self.links += len(" ".join(data.split()))

    def close(self) -> None:
        super().close()
        self._end_paragraph()
        while self.stack:
            self._close(self.stack[-1][0])


def _published(data: object) -> list[tuple[bool, object]]:
    """The ``datePublished`` values of a JSON-LD block, in its order, each with whether its
    item is an article (``NewsArticle``, ``BlogPosting`` ...): looked for in the top item,
    a list of items and an ``@graph``."""
    items = data if isinstance(data, list) else [data]
    graph = [i for item in items if isinstance(item, dict)
             and isinstance(item.get("@graph"), list) for i in item["@graph"]]

    def article(item: dict) -> bool:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        return any(isinstance(k, str) and k.endswith(("Article", "BlogPosting"))
                   for k in kinds)

    return [(article(i), i["datePublished"]) for i in items + graph
            if isinstance(i, dict) and "datePublished" in i]


def _page_date(dates: dict[int, list[str]], extraction: dict) -> str | None:
    """The most trusted of the page's dates that reads as one (those passed over are
    noted)."""
    from summarizer.documents.dates import normalize_date
    from summarizer.errors import InputError

    for rank in sorted(dates):
        for value in dates[rank]:
            try:
                date = normalize_date(value)
            except InputError:
                extraction.setdefault("dates_unread", []).append(
                    {"from": DATE_SOURCES[rank], "value": value[:100]})
                continue
            extraction["date_from"] = DATE_SOURCES[rank]
            return date
    return None


def _declared_language(lang_attribute: str) -> Language | None:
    """The language a page's ``lang`` attribute names (None: none, or one not known here)."""
    if not lang_attribute.strip():
        return None
    try:
        return get_language(lang_attribute)
    except UnknownLanguageError:
        return None


def _function_words(language: str | None, declared: Language | None, blocks: list[Block]
                    ) -> tuple[str, frozenset[str]]:
    """The page's language (given, else the one its ``lang`` attribute names, else guessed
    from its text) and that language's function words (empty where the package has none)."""
    found = None
    if language is not None:
        try:
            found = get_language(language)
        except UnknownLanguageError:
            pass
    if found is None:
        found = declared
    if found is not None:
        return found.name, found.function_words
    sample, size = [], 0
    for block in blocks:  # enough text to guess from, not the whole page
        sample.append(block.text)
        size += len(block.text)
        if size > 6000:
            break
    found = get_language(guess_language(" ".join(sample)))
    return found.name, found.function_words


def html_text(markup: str, *, main_content: bool = True, language: str | None = None
              ) -> HtmlText:
    """The page's text and title. ``main_content``: only the article's paragraphs (see
    :mod:`summarizer.documents.boilerplate`; all of them when it would keep none, and
    ``extraction["fallback"]`` says so); False: every block's. ``language`` chooses the
    function words; by default the page's ``lang``, else a guess."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    blocks = parser.blocks
    title = parser.first_h1 or parser.page_title or None
    extraction: dict = {"main_content": main_content, "blocks": len(blocks)}
    declared = _declared_language(parser.lang)  # once: for the function words and the result
    kept = list(range(len(blocks)))
    if main_content and blocks:
        extraction["language"], words = _function_words(language, declared, blocks)
        chosen = article_blocks(blocks, parser.regions, words)
        if chosen.kept:
            kept = chosen.kept
            extraction["scope"], extraction["found_by"] = chosen.scope, chosen.found_by
        else:
            extraction["fallback"] = ("no block of the page looked like article text; "
                                      "all blocks kept")
    extraction["kept"] = len(kept)
    date = _page_date(parser.dates, extraction)
    return HtmlText("\n\n".join(blocks[i].text for i in kept), title, extraction,
                    declared.name if declared is not None else None, date)
