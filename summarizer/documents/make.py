"""One article's text into a :class:`Document`: the step every reader shares.

Files, folders, JSONL records, SGML articles (DUC, TAC), Hugging Face rows and the
strings given to ``summarize`` all become Documents here: a saved HTML page is read
as a page, the language named or guessed, and the text cleaned (see
:mod:`summarizer.documents.clean`) unless ``clean=False``, so titles, date lines and
agency boilerplate never reach the summariser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from summarizer.documents.clean import clean_taken
from summarizer.documents.model import Document
from summarizer.errors import InputError, OptionError, value_repr
from summarizer.languages import DEFAULT_LANGUAGE, guess_language, normalize_language
from summarizer.textio import looks_like_html
from summarizer.values import check_values


def make_document(
    text: str,
    *,
    id: str = "",
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    date: str | dt.date | None = None,
    clean: bool = True,
    meta: dict | None = None,
    main_content: bool = True,
    html: bool | None = None,
) -> Document:
    """Build a cleaned :class:`Document` from raw article text.

    ``language`` is a name or ISO code; when None it is guessed from the
    script (Arabic, Hebrew, Devanagari, Greek ...) and, for Latin script,
    from function words; when unsure, the language an HTML page's ``lang`` names, else
    English (``meta["language_guessed"]``).
    A title or date found in the text fills ``title``/``date`` unless given; ``date``
    is text or a ``datetime.date`` (a ``datetime`` too), read as the Document reads it.
    Text that opens as an HTML document does (``html=None``; True or False decides) is
    read as a page: its article's text (``main_content=False``: every block), its title,
    its publication date (JSON-LD, meta tags, ``<time>``) and ``meta["html"]``, as a page read from a file is (a JSONL row or a string given to
    ``summarize`` holding a saved page was summarised as markup).
    """
    if not isinstance(text, str):  # None, bytes or a list failed deep inside, raw TypeError
        raise InputError(f"make_document() takes a str, not {type(text).__name__}" + (
            " (decode bytes first: summarizer.textio.decode_bytes)"
            if isinstance(text, bytes | bytearray) else ""))
    if meta is not None and not isinstance(meta, Mapping):  # dict(5): a raw TypeError
        raise OptionError(f"make_document(): 'meta' must be a dict or None, not "
                          f"{value_repr(meta)}")
    # clean="no" was read by its truth (cleaned), html="no" read the text as a page
    check_values(dict(clean=clean, main_content=main_content, html=html),
                 dict(clean=bool, main_content=bool, html=bool | None), "make_document(): ")
    held = [text]
    del text  # where the caller's was the only other reference, it goes once cleaned
    return make_taken(held, id=id, language=language, source=source, title=title, date=date,
                      clean=clean, meta=meta, main_content=main_content, html=html)


def make_taken(
    held: list[str],
    *,
    id: str = "",
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    date: str | dt.date | None = None,
    clean: bool = True,
    meta: dict | None = None,
    main_content: bool = True,
    html: bool | None = None,
) -> Document:
    """:func:`make_document` of the one text in ``held``, taken out of the list as it is
    cleaned (:func:`~summarizer.documents.clean.clean_taken`): a file's text, which the
    loaders hold nowhere else, is let go before its cleaned text is joined."""
    meta = dict(meta or {})
    text = held[0]
    # checked before a page is parsed: "" or a typo is refused, not read as no language there
    given = None if language is None else normalize_language(language)
    declared = None  # the language an HTML page's lang attribute names
    if html or (html is None and looks_like_html(text)):
        from summarizer.documents.html import html_text  # the parser: for pages only

        page = html_text(text, main_content=main_content, language=given)
        held[0] = text = page.text
        title, declared = title or page.title, page.language
        date = date or page.date  # before a date line in the text: the page's own metadata
        meta["format"] = "html"
        meta["html"] = page.extraction
        del page  # its text is held[0]'s
    if given is None:
        # a page's lang="fr" decides where its text is too short to tell (it was English)
        lang = guess_language(text, default=declared or DEFAULT_LANGUAGE)
        meta["language_guessed"] = True
    else:
        lang = given
    del text  # held[0]: taken by the cleaning
    if clean:
        cleaned = clean_taken(held, language=lang)
        body = cleaned.text
        title = title or cleaned.title
        date = date or cleaned.date
        for key in ("date_line", "dateline"):
            if getattr(cleaned, key):
                meta[key] = getattr(cleaned, key)
        if cleaned.header:
            meta["header"] = cleaned.header
        if cleaned.headings:
            meta["headings"] = cleaned.headings
        if cleaned.removed:
            meta["removed"] = cleaned.removed
    else:
        body = held.pop()
    return Document(text=body, id=id, title=title, date=date,
                    source=source, language=lang, meta=meta)
