"""The text of an HTML page: its paragraphs, without markup, scripts, styles or menus.

A news article saved from a browser or fetched by a crawler is HTML. Read as
plain text, its tags, inline scripts and navigation became "sentences" of the
summary. This keeps the text of the page's content elements, one paragraph per
block element (``p``, ``div``, ``li``, headings, ...), with character references
decoded, and leaves out what is not the article: ``script``, ``style``,
``nav``, ``header``, ``footer``, ``aside``, forms, figures and their captions.
It is the standard library's tolerant parser; nothing in the page is run or
fetched. It does not find the article among other content blocks of the page
(related stories, comments): that is boilerplate detection, for a dedicated
extractor.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Elements whose whole content is left out: code, styling, page furniture, captions.
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "figure",
    "figcaption", "head",
})
# Elements that end a paragraph: their text never runs into the next block's.
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "br", "hr",
    "address", "body", "caption",
})
# Elements with no end tag: they never open a skipped region.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
_SNIFF = re.compile(r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                    re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str, path: str | Path | None = None) -> bool:
    """An ``.html``/``.htm``/``.xhtml`` file, or text that opens as an HTML document does."""
    if path is not None and Path(path).suffix.lower() in HTML_SUFFIXES:
        return True
    return bool(_SNIFF.match(text[:4096]))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []  # the open skipped elements, innermost last
        self.title: list[str] | None = None  # <title>'s text while it is open
        self.page_title = ""
        self.h1: list[str] | None = None
        self.first_h1 = ""

    def _end_paragraph(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title" and not self.page_title:
            self.title = []
        if self.skipping:
            if tag in SKIPPED and tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in SKIPPED:
            self.skipping.append(tag)
            return
        if tag in BLOCKS:
            self._end_paragraph()
        if tag == "h1" and not self.first_h1:
            self.h1 = []

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if not self.skipping and tag in BLOCKS:  # <br/>, <hr/>
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.page_title = " ".join("".join(self.title).split())
            self.title = None
        if self.skipping:
            if tag in self.skipping:  # close it, and whatever was left open inside it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            return
        if tag == "h1" and self.h1 is not None:
            self.first_h1 = " ".join("".join(self.h1).split())
            self.h1 = None
        if tag in BLOCKS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        if self.skipping:
            return
        if self.h1 is not None:
            self.h1.append(data)
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()


def html_text(markup: str) -> tuple[str, str | None]:
    """The page's text, a paragraph per line with a blank line between, and its title
    (the first ``h1``, else ``title``; None if neither has text)."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.paragraphs), (parser.first_h1 or parser.page_title or None)
