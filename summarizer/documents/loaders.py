"""Loaders: strings, text files, folders and JSONL files into Documents and Clusters.

Every document is made by :func:`~summarizer.documents.make.make_document` (cleaned
unless ``clean=False``); a JSONL file's records become clusters in
:mod:`summarizer.documents.records`. What was read, with which encoding, and what was
skipped (and why) is recorded in ``Cluster.meta["inputs"]`` and ``Cluster.meta["skipped"]``
(see :func:`input_report`).

Explicitly named paths must be usable: a missing, empty or binary file raises
:class:`~summarizer.errors.InputError`. Inside a folder, a bad file is
skipped and reported by name, and the error is raised only when no usable
document remains.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from summarizer.documents.duc import EMPTIED, parse_sgml_taken
from summarizer.documents.make import make_document, make_taken
from summarizer.documents.model import Cluster, Document
from summarizer.documents.records import (  # F401: names of this module's before the split
    DOCUMENT_TEXT_FIELDS,  # noqa: F401  (records had a module of their own): kept importable
    JSONL_DEFAULTS,
    SUMMARY_FIELDS,  # noqa: F401
    TEXT_FIELDS,  # noqa: F401
    check_jsonl_options,
    choose_field,  # noqa: F401
    cluster_from_record,  # noqa: F401
    jsonl_field_names,  # noqa: F401
    load_jsonl,
)
from summarizer.errors import (
    InputError,
    OptionError,
    UnknownLanguageError,
    refuse_unordered,
    value_repr,
)
from summarizer.languages import normalize_language
from summarizer.progress import stage
from summarizer.textio import (
    COMPRESSED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    Decoded,
    already_read,
    blank,
    decode_bytes,
    input_exists,
    is_saved_dataset,
    looks_like_html,
    read,
    read_stream,
    read_text,
    uncompressed_name,
    walk_files,
)
from summarizer.values import listed_paths, path_given


def load_texts(
    texts: str | Iterable[str],
    *,
    language: str | None = None,
    clean: bool = True,
    id: str = "",
    main_content: bool = True,
) -> Cluster:
    """A cluster from one string or a list of strings (one document each); a string that
    opens as an HTML document is read as a page (see :func:`make_document`)."""
    if language is not None:  # "" or 0 refused with no text to read (an empty list) too
        normalize_language(language)
    if isinstance(texts, str):
        texts = [texts]
    elif not isinstance(texts, Iterable) or isinstance(texts, bytes | Mapping):
        raise InputError(f"texts must be a string or a list of strings, not "
                         f"{type(texts).__name__}")
    docs = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError(f"document {i} is a {type(text).__name__}, not a string")
        doc = make_document(text, id=f"doc{i}", language=language, clean=clean,
                            main_content=main_content)
        if blank(doc.text):
            raise InputError(f"document {i} is empty" + ("" if blank(text) else " after cleaning"))
        docs.append(doc)
    if not docs:
        raise InputError("no documents given")
    return Cluster(documents=docs, id=id)


def to_cluster(
    data: Cluster | Document | str | os.PathLike | Iterable[str | os.PathLike | Document],
    *,
    language: str | None = None,
    clean: bool = True,
    main_content: bool = True,
    text_field: str | None = None,
) -> Cluster:
    """Turn what users naturally pass (texts, Documents, a Cluster) into a Cluster.

    Clusters and Documents are used as they are; strings go through
    :func:`make_document` (title/date/boilerplate removal, language guess).
    A :class:`~pathlib.Path`, or a one-line string that names an existing file
    or folder, is loaded by :func:`load_cluster` (a list of them too; ``main_content``
    is its option for HTML pages, ``text_field`` the field of a ``.jsonl`` file's documents).
    Anything else (bytes, dicts, None, numbers, a list holding them) is an
    :class:`InputError`: its ``str()`` is never summarised.
    """
    if language is not None:  # "", 0 or an array is refused there, never read by its truth
        normalize_language(language)
    if isinstance(data, (Cluster, Document)):
        _unused_text_field(text_field)
        _unused_reading(clean, main_content)
        if isinstance(data, Document):
            return Cluster(documents=[_read_as(data, language)])
        return data if language is None else _in_language(data, language)
    jsonl = {} if text_field is None else {"text_field": text_field}
    if isinstance(data, os.PathLike) or (isinstance(data, str) and _names_path(data)):
        return load_cluster(data, language=language, clean=clean, main_content=main_content,
                            **jsonl)
    if isinstance(data, str):
        _refuse_missing_path(data)
        _unused_text_field(text_field)
        return load_texts(data, language=language, clean=clean, main_content=main_content)
    if isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError("got bytes: decode them first (summarizer.textio.decode_bytes) or "
                         "pass the file's path to summarizer.documents.load_cluster")
    if isinstance(data, Mapping):
        raise InputError("got a dict: pass a list of texts, a Document or a Cluster (for "
                         "JSON records use summarizer.documents.load_jsonl)")
    refuse_unordered(data, "data", "the documents' order is read (which came first, what "
                     "leads)", "a list (sorted(texts) for a fixed one)")
    if not _is_iterable_of_items(data):
        raise InputError(f"cannot summarise data of type {type(data).__name__}: pass a string, a list of "
                         "strings, a Document, a Cluster or a file/folder path")
    items = list(data)
    if not items:
        raise InputError("no documents given")
    for i, d in enumerate(items):
        if isinstance(d, str) and not _names_path(d):
            _refuse_missing_path(d, f"item {i}: ")
    paths = [isinstance(d, os.PathLike) or (isinstance(d, str) and _names_path(d)) for d in items]
    if all(paths):  # (casts: what the checks above found, for type checkers)
        return load_cluster(cast("list[str | os.PathLike]", items), language=language,
                            clean=clean, main_content=main_content, **jsonl)
    if any(paths):
        i = paths.index(True)
        raise InputError(f"item {i} ({value_repr(str(items[i]))}) names a file or folder but the "
                         "others are texts: pass only paths (they are loaded) or only texts")
    _unused_text_field(text_field)
    for i, d in enumerate(items):
        if not isinstance(d, (str, Document)):
            raise InputError(f"item {i} has type {type(d).__name__}, not a string or a Document")
    if all(isinstance(d, Document) for d in items):
        _unused_reading(clean, main_content)
    if all(isinstance(d, str) for d in items):
        return load_texts(cast("list[str]", items), language=language, clean=clean,
                          main_content=main_content)
    docs = [_read_as(d, language) if isinstance(d, Document)
            else make_document(cast(str, d), id=f"doc{i}", language=language, clean=clean,
                               main_content=main_content)
            for i, d in enumerate(items)]
    return Cluster(documents=docs)


def _read_as(doc: Document, language: str | None) -> Document:
    """``doc``, or a copy read as ``language`` when one is given: the caller's keyword wins
    over what the object says (one naming none is read in its cluster's, English alone),
    and the caller's object is not changed."""
    return doc if language is None else replace(doc, language=normalize_language(language))


def _in_language(cluster: Cluster, language: str) -> Cluster:
    """A copy of ``cluster`` read as ``language`` (see :func:`_read_as`)."""
    docs = [_read_as(d, language) for d in cluster.documents]
    return replace(cluster, documents=docs, language=normalize_language(language))


def _unused_text_field(text_field: str | None) -> None:
    """Refuse ``text_field`` where no file is read (it would be taken and never used)."""
    _unused_jsonl_options({"text_field": text_field}, "texts or documents")


def _unused_reading(clean: bool, main_content: bool) -> None:
    """Refuse ``clean=False`` or ``main_content=False`` for Documents or a Cluster, which are
    used as they are: how a text is read was decided when it was made a Document."""
    given = [f"{k}=False" for k, v in (("clean", clean), ("main_content", main_content))
             if not v]
    if given:
        raise OptionError(f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} for "
                          "texts and files read now, not for Documents or a Cluster, used as "
                          "they are (make_document(text, clean=False, main_content=False) "
                          "reads a text so)")


def _unused_jsonl_options(options: dict[str, Any], what: str) -> None:
    """Refuse JSONL options (``text_field`` ...) given where no ``.jsonl`` file is read:
    taken and never used, they let a typo'd input pass as the one the user meant."""
    given = {k: v for k, v in options.items() if v != JSONL_DEFAULTS.get(k)}
    if given:
        named = ", ".join(f"{k}={value_repr(v)}" for k, v in given.items())
        verb = "is" if len(given) == 1 else "are"
        raise OptionError(f"{named} {verb} for .jsonl files given by path, not for {what}")


def _names_path(text: str) -> bool:
    """A one-line string naming an existing file or folder (``"seeds/"``, ``"a.txt"``)."""
    if not text.strip() or "\n" in text or len(text) > 4096 or "\x00" in text:
        return False
    try:
        return os.path.exists(text)
    except (OSError, ValueError):
        return False


# What a file name ends with, and no text does: a one-word "text" ending so is a path. The
# JSONL and HTML suffixes are the readers' own lists, so that a suffix they take is here.
_FILE_SUFFIXES = ((".txt", ".text", ".md", ".json", ".csv", ".parquet", ".xml", ".sgml")
                  + JSONL_SUFFIXES + HTML_SUFFIXES + COMPRESSED_SUFFIXES)


def _refuse_missing_path(text: str, where: str = "") -> None:
    """An InputError for a string that can only be a path, to a file that is not there
    (``"seeds/misisng.txt"``, ``"articles/"``): summarised as a text it came back as its own
    summary. One word ending in ``/`` or a file suffix; other short texts ("N/A") pass."""
    word = text.strip()
    if not word or any(c.isspace() for c in word):
        return
    if word.endswith(("/", os.sep)) or word.lower().endswith(_FILE_SUFFIXES):
        input_exists(word)  # a name too long, a folder that cannot be searched: said so
        raise InputError(f"{where}{word}: no such file or folder (read as a path: one word "
                         "ending as a file or folder name does)")


def _is_iterable_of_items(data: Any) -> bool:
    return isinstance(data, Iterable) and not isinstance(data, (str, bytes, os.PathLike))


def _document_from_decoded(
    held: list[Decoded], path: Path, doc_id: str, language: str | None, clean: bool,
    main_content: bool = True,
) -> Document:
    """The document of the one text in ``held``, taken from it: no frame here holds the
    text while it is cleaned, so that it goes before its cleaned copy is joined
    (:func:`~summarizer.documents.make.make_taken`)."""
    decoded = held.pop()
    meta = file_meta(decoded, path)
    html = looks_like_html(decoded.text, path)  # a saved page: not its markup
    text = [decoded.text]
    del decoded
    doc = make_taken(text, id=doc_id, language=language, source=str(path), clean=clean,
                     meta=meta, main_content=main_content, html=html)
    if blank(doc.text):
        if "html" in doc.meta:  # an <iframe>, a page its scripts fill in
            raise InputError(f"{path}: an HTML page with no text of its own (frames, scripts, "
                             "menus and hidden elements are not read)")
        raise InputError(f"{path}: has no text left after removing its title and boilerplate")
    return doc


def file_meta(decoded: Decoded, path: str | os.PathLike) -> dict[str, Any]:
    """What a document read from a file records of it in ``meta``, whoever reads the file
    (a text, a page, an SGML file's articles, TAC): its path, its encoding, and how many
    characters of damaged UTF-8 were read as U+FFFD (textio's policy)."""
    meta: dict[str, Any] = {"path": str(path), "encoding": decoded.encoding}
    replaced = decoded.replaced  # a scan of the text: once
    if replaced:
        meta["replaced"] = replaced
    return meta


def input_item(doc: Document) -> dict:
    """What ``meta["inputs"]`` records of a document read from one file (or stdin): its
    :func:`file_meta` and its id (:func:`input_report` reads them)."""
    item = {"path": doc.meta["path"], "encoding": doc.meta.get("encoding"), "doc_id": doc.id}
    if doc.meta.get("replaced"):
        item["replaced"] = doc.meta["replaced"]
    return item


def held_ids(inputs: list[dict], read: list[Document], cluster: Cluster) -> None:
    """Each :func:`input_item` of ``inputs`` given the id its document holds in ``cluster``,
    made of the documents ``read`` in their order: Cluster renames a repeated id (two
    articles of ``DOCNO`` D1 are ``D1`` and ``D1#1``), and the items named every one ``D1``.
    Where the id was changed, ``read_id`` keeps the one read from the file. An item stands
    for the next document read from its path with its id (an SGML file holds several)."""
    held: dict[tuple[str, str], deque[str]] = {}
    for doc, kept in zip(read, cluster.documents, strict=True):
        if "path" in doc.meta:  # read from a file or stdin (a JSONL record's has none)
            held.setdefault((doc.meta["path"], doc.id), deque()).append(kept.id)
    for item in inputs:
        ids = held.get((item["path"], item["doc_id"])) if "doc_id" in item else None
        if ids:
            new = ids.popleft()
            if new != item["doc_id"]:
                item.setdefault("read_id", item["doc_id"])  # a folder's item: renamed twice
                item["doc_id"] = new


# Files of records (what hf:PATH reads as a data set), never one article: in a folder beside
# the articles (a scraper's metadata.json, an index.csv) they are skipped and reported.
DATA_SUFFIXES = (".json", ".csv", ".tsv", ".parquet", ".arrow")


def load_file(
    path: str | os.PathLike, *, language: str | None = None, clean: bool = True,
    id: str | None = None, main_content: bool = True,
) -> Document:
    """One text file as one document (its encoding is in ``meta["encoding"]``).

    An HTML page gives its article's text (``main_content=False``: every block of
    text on the page); ``meta["html"]`` records how it was chosen, and says when
    nothing looked like an article and every block was kept instead.
    """
    docs = _file_documents(Path(path_given(path, "path", InputError)), language, clean, id,
                           main_content)
    if len(docs) > 1:
        raise InputError(f"{path}: holds {len(docs)} articles (<DOC> elements); load it with "
                         "load_cluster or load_folder, one document each")
    return docs[0]


# A NIST SGML file (DUC, TAC, AQUAINT newswire): <DOC> elements, one article each, whose
# <TEXT> is hard-wrapped: read as plain text, every wrapped line was a paragraph.
# a file of <DOC> articles, also after an XML declaration, comments, a doctype or a wrapping
# element (AQUAINT-2's <DOCSTREAM>)
_SGML_START = re.compile(r"\A\ufeff?\s*(?:(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>"
                         r"|<(?!DOC[\s>])[A-Za-z][\w.:-]*(?:\s[^>]*)?>)\s*)*<DOC[\s>]",
                         re.IGNORECASE | re.DOTALL)
# Any other XML (a feed, NewsML): read as text, its tags were "sentences" of the summary.
# A declaration marks it, or a feed's or NewsML's root element (the declaration is optional,
# and a feed without one was summarised tags and all).
_XML_START = re.compile(r"\A\ufeff?\s*(?:<\?xml\s|(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
                        r"<(?:rss|feed|rdf:RDF|NewsML|newsMessage|nitf)[\s>])", re.DOTALL)
# JSON (a .jsonl piped to "-", saved as .txt): its braces and keys were the summary.
_JSON_START = re.compile(r"\A\ufeff?\s*[{\[]")
# RTF (TextEdit's and WordPad's default): its control words ({\rtf1\ansi ...) likewise.
_RTF_START = re.compile(r"\A\ufeff?\s*\{\\rtf")


def _file_documents(path: Path, language: str | None, clean: bool, id: str | None,
                    main_content: bool, emptied: list[str] | None = None) -> list[Document]:
    """The documents of one file: its text (or page) as one, or each article of an SGML
    file as the DUC loader reads it."""
    suffix = uncompressed_name(path).suffix.lower()
    if suffix in DATA_SUFFIXES and is_saved_dataset(path.parent):
        raise _saved_dataset_error(path.parent, path)
    if suffix in DATA_SUFFIXES:  # its syntax would be "sentences" of the summary
        raise InputError(f"{path}: a {suffix} data file, not an article's text; summarise its "
                         f"rows with `summarizer batch hf:{path} --out DIR` (or score them with "
                         f"`summarizer evaluate hf:{path}`), or give a .jsonl file")
    hint = None if language is None else normalize_language(language)
    return _decoded_documents([read_text(path, language=hint)], path, id or path.name, language,
                              clean, main_content, emptied)


def _is_json(text: str) -> bool:
    """Whether ``text`` is JSON data: its first line a JSON object (JSONL), or the whole of
    it a JSON object or array ("[Reuters] LONDON ..." is neither). Parsed to be told apart,
    its objects and floats are dropped as they are made (:func:`_dropped`): a 50 MB array of
    small objects, built whole, took 1.4 GB to be refused."""
    first = text.lstrip("\ufeff \t\r\n")
    end = first.find("\n")
    first = first if end < 0 else first[:end]  # split() copied all the rest as well
    # a line alone must be an object: "[1]" opening an article is a footnote mark
    for candidate, opens in ((first, "{"), (text, "{[")):
        start = _JSON_OPENS.match(candidate)  # what json.loads would make of it
        if start is None or start.group(1) not in opens:
            continue
        try:
            json.loads(candidate, object_pairs_hook=_dropped, parse_float=_dropped)
        except (ValueError, RecursionError):
            continue
        return True
    return False


# json.loads' white space, then an object or an array
_JSON_OPENS = re.compile(r"[ \t\n\r]*([{\[])")


def _dropped(_: Any) -> None:
    """What :func:`_is_json` keeps of a JSON object or number: nothing (it asks only
    whether the text parses)."""
    return None


def _saved_dataset_error(folder: Path, path: Path | None = None) -> InputError:
    """The error for a ``save_to_disk`` folder (or ``path``, a file of it) read as articles:
    its files' own advice was ``summarizer batch hf:FOLDER/state.json``, which reads no rows."""
    where = f"{path}: a file of" if path else f"{folder}:"
    return InputError(f"{where} a saved Hugging Face data set, not articles; summarise its rows "
                      f"with `summarizer batch hf:{folder} --out DIR` (or score them with "
                      f"`summarizer evaluate hf:{folder}`)")


def _decoded_documents(held: list[Decoded], path: Path, doc_id: str, language: str | None,
                       clean: bool, main_content: bool,
                       emptied: list[str] | None = None) -> list[Document]:
    """The documents of the one decoded text in ``held`` (a file's, standard input's), taken
    from it: a text's document is made by :func:`_document_from_decoded`, which lets the
    text go as it is cleaned; an SGML file's articles are parsed from it (the ids of those
    cleaning empties appended to ``emptied``)."""
    text = held[0].text
    head = text[:1024]
    sgml_file = _SGML_START.match(head) is not None
    if _XML_START.match(head) and not sgml_file and not looks_like_html(text, path):
        raise InputError(f"{path}: an XML file (an RSS or Atom feed, NewsML ...), not an "
                         "article's text or an HTML page: its markup would be summarised; give "
                         "the articles' text (a file each, or a .jsonl file)")
    if _RTF_START.match(head):
        raise InputError(f"{path}: an RTF document, not plain text: its control words would be "
                         "summarised; save it as plain text (.txt) or HTML")
    if _JSON_START.match(head) and _is_json(text):
        raise InputError(f"{path}: JSON data, not an article's text: its markup would be "
                         "summarised; give JSON lines as a .jsonl file (a document or a "
                         "cluster a line)")
    del text
    if not sgml_file:
        return [_document_from_decoded(held, path, doc_id, language, clean, main_content)]
    decoded = held.pop()
    meta, sgml = file_meta(decoded, path), [decoded.text]
    del decoded  # its text goes once its last article is cut from it (parse_sgml_taken)
    left_out: list[str] = []
    docs = parse_sgml_taken(sgml, origin=path.name, language=language, clean=clean,
                            emptied=left_out)
    if not docs and left_out:
        raise InputError(f"{path}: its SGML articles have {EMPTIED}")
    if not docs:
        raise InputError(f"{path}: an SGML file (<DOC>) with no article text (<TEXT>)")
    if emptied is not None:
        emptied.extend(left_out)
    for doc in docs:
        doc.meta.update(meta)
    return docs


class ClusterBoundError(InputError):
    """One cluster's documents together over the bound of one input (:class:`ClusterText`):
    the cluster's error, never one file's to skip."""


class ClusterText:
    """The text one cluster's documents come to, held to the bound of one input
    (:data:`summarizer.textio.read.MAX_FILE_BYTES`, a file's, a JSONL line's and a Parquet
    row's: 512 MiB), counted in bytes of UTF-8 (:func:`summarizer.textio.read.utf8_size`),
    as the bound and its message are: a folder (``summarize /``) or many files are one
    cluster, held at once, and were read without a bound on their total. Counted as each
    file's documents are made (a file is read within its own bound first), so at most one
    file more is held, and a JSONL file's a line at a time, so that its read stops at the
    line that passes the bound; a file skipped (binary, empty, a bad line) counts nothing."""

    def __init__(self) -> None:
        self.total = 0

    def add(self, where: str | os.PathLike, docs: Iterable[Document]) -> None:
        """Count the text of the documents read from ``where`` (a path, a JSONL file's
        ``PATH:LINE``): a :class:`ClusterBoundError` past the bound."""
        self.total += sum(read.utf8_size(d.text) for d in docs)
        bound = read.MAX_FILE_BYTES
        if self.total > bound:
            raise ClusterBoundError(
                f"{where}: with it, the documents of one cluster come to "
                f"{read.amount(self.total)} of text, over {read.amount(bound)}; a cluster's "
                f"inputs over {read.amount(bound)} together are refused, as one file over it "
                "is: summarise the files in parts, or give them as clusters (JSONL lines) "
                "to `summarizer batch`; from Python, summarizer.textio.MAX_FILE_BYTES sets "
                "the bound")


# a folder of this many files, or of files this large together, reads for a second or
# more (22,800 small files: 37 s; 300 of 90 KB: 20 s): its read gets a bar, drawn as every
# stage's is (after 2 s, on a terminal); a smaller one makes none (tqdm not imported)
READ_BAR_FILES = 1000
READ_BAR_BYTES = 2_000_000


def _long_read(files: list[Path]) -> bool:
    """Whether reading ``files`` may take long enough for a bar: by their count, else their
    sizes (a stat each, under READ_BAR_FILES of them, stopped at the bound)."""
    if len(files) >= READ_BAR_FILES:
        return True
    size = 0
    for f in files:
        with contextlib.suppress(OSError):  # reading it says what is wrong
            size += f.stat().st_size
        if size >= READ_BAR_BYTES:
            return True
    return False


def iter_folder(root: str | os.PathLike) -> list[Path]:
    """Files under ``root``, recursively, sorted, hidden files and folders skipped.

    Symbolic links to folders are not followed; see :func:`summarizer.textio.walk_files`.
    """
    return walk_files(path_given(root, "root", InputError))[0]


def load_folder(
    path: str | os.PathLike, *, language: str | None = None, clean: bool = True,
    jsonl_options: dict | None = None, seen: dict[tuple[int, int], str] | None = None,
    main_content: bool = True, held: ClusterText | None = None,
) -> Cluster:
    """One document per file under ``path`` (recursively, sorted, hidden skipped).

    ``.jsonl`` files contribute their documents and references (see :func:`load_jsonl`).
    Bad files, linked folders and links leading out of ``path`` are skipped
    and listed in ``cluster.meta["skipped"]``, and so is a file already read (a link
    to a file of the folder, a hard link; ``seen``, shared by :func:`load_cluster`,
    also holds the files read before this folder); if no file is usable,
    :class:`InputError` says why for each. ``main_content``: as for :func:`load_file`.
    Files that together come to over the bound of one input are an :class:`InputError`
    (:class:`ClusterText`; ``held``, shared by :func:`load_cluster`, also counts the
    documents read before this folder).
    """
    root = Path(path_given(path, "path", InputError))
    if jsonl_options is not None and not isinstance(jsonl_options, Mapping):
        raise OptionError(f"jsonl_options must be a dict of load_jsonl's field options, not "
                          f"{type(jsonl_options).__name__} {value_repr(jsonl_options)}")
    check_jsonl_options(dict(jsonl_options or {}))  # once, not at each .jsonl file
    if not input_exists(root):
        raise InputError(f"{root}: no such file or folder")
    if not root.is_dir():
        raise InputError(f"{root}: is not a folder")
    if is_saved_dataset(root):
        raise _saved_dataset_error(root)
    if language is not None:  # a typo ("" or 0 too) fails once, not once per file
        normalize_language(language)
    held = ClusterText() if held is None else held
    files, skipped = walk_files(root, seen=seen)
    gathered = _Gathered(skipped)
    bar = stage(files, "reading", unit="file", min_items=0) if _long_read(files) else files
    try:
        for f in bar:
            rel = f.relative_to(root).as_posix()
            try:
                part = _file_part(f, rel, language, clean, jsonl_options or {}, main_content,
                                  held)
            # the same for every file, and the cluster's: not skipped as one bad file
            except (UnknownLanguageError, OptionError, ClusterBoundError):
                raise
            except InputError as exc:
                skipped.append({"path": str(f), "reason": _reason(exc, f)})
                continue
            gathered.add(part)
    finally:  # the bar gone before any line is said: the skipped files' warnings, an error
        if hasattr(bar, "close"):
            bar.close()
    if not gathered.documents:
        why = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5]) or "it holds no files"
        raise InputError(f"{root}: no usable documents ({why})")
    return gathered.cluster(root.name)


def _reason(exc: InputError, path: Path) -> str:
    """The error message without the leading file name."""
    msg = str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


def _file_part(path: Path, doc_id: str, language: str | None, clean: bool,
               jsonl_options: dict, main_content: bool, held: ClusterText) -> _Part:
    """One file named or in a folder, as part of one cluster, its documents counted in
    ``held`` as they are made: a ``.jsonl`` file's (:func:`_jsonl_part`), else the file's
    text, page or SGML articles (``doc_id``: a text's id)."""
    if uncompressed_name(path).suffix.lower() in JSONL_SUFFIXES:
        return _jsonl_part(path, language, clean, jsonl_options, main_content, held)
    emptied: list[str] = []
    found = _file_documents(path, language, clean, doc_id, main_content, emptied)
    held.add(path, found)
    return _Part.of_files(found, path, emptied)


def _jsonl_part(path: Path, language: str | None, clean: bool, options: dict,
                main_content: bool, held: ClusterText) -> _Part:
    """A ``.jsonl`` file read as part of one cluster (named, or in a folder): its one
    cluster's documents, references and skipped ones, and what ``meta["inputs"]`` records
    of the file. Each line's documents are counted in ``held`` as they are made (a plain
    UTF-8 file is read a line at a time: :func:`load_jsonl`), so that the read stops at the
    line that takes the cluster past its bound; a file refused (a bad line further on)
    counts nothing. A file of several clusters is an :class:`InputError` (a folder skips it,
    with this reason)."""
    before = held.total
    try:
        # more than one cluster is refused below, whatever their ids
        clusters = load_jsonl(path, language=language, clean=clean, main_content=main_content,
                              on_documents=held.add, unique_ids=False, **options)
        if len(clusters) > 1:
            raise InputError(f"{path}: holds {len(clusters)} clusters; summarise each with "
                             f"`summarizer batch {path} --out DIR` (or score them with "
                             "`summarizer evaluate`)")
    except InputError:
        held.total = before  # a folder goes on without it
        raise
    cluster = clusters[0]
    item = {"path": str(path), "encoding": cluster.meta["inputs"][0]["encoding"],
            "documents": len(cluster.documents)}
    return _Part.of_cluster(cluster, [item])


@dataclass
class _Part:
    """What one input (a file, a JSONL file, a folder, standard input) gives a cluster: its
    documents, what ``meta["inputs"]`` and ``meta["skipped"]`` record of it, and its
    references (a JSONL file's)."""

    documents: list[Document]
    inputs: list[dict]
    references: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    language: str | None = None  # a cluster's own (a JSONL record's), else its documents'

    @classmethod
    def of_files(cls, docs: list[Document], path: Path | None = None,
                 emptied: Sequence[str] = ()) -> _Part:
        """Documents read from a file or standard input: an :func:`input_item` each;
        ``emptied``: the ids of the file's SGML articles left out, empty once cleaned."""
        return cls(docs, [input_item(doc) for doc in docs],
                   skipped=[{"path": f"{path} {doc_id}", "reason": EMPTIED} for doc_id in emptied])

    @classmethod
    def of_cluster(cls, cluster: Cluster, inputs: list[dict] | None = None) -> _Part:
        """A cluster read from a JSONL file or a folder (``inputs``: its ``meta["inputs"]``
        unless given)."""
        return cls(cluster.documents, cluster.meta["inputs"] if inputs is None else inputs,
                   cluster.references, cluster.meta.get("skipped", []), cluster.language)


class _Gathered:
    """The parts of one cluster in the order read, and the cluster they make: the one
    bookkeeping of :func:`load_folder` and :func:`load_cluster`."""

    def __init__(self, skipped: list[dict] | None = None) -> None:
        self.documents: list[Document] = []
        self.inputs: list[dict] = []
        self.references: list[str] = []
        self.skipped: list[dict] = [] if skipped is None else skipped
        self.languages: set[str | None] = set()

    def add(self, part: _Part) -> None:
        self.languages.add(part.language)
        self.documents.extend(part.documents)
        self.inputs.extend(part.inputs)
        self.references.extend(part.references)
        self.skipped.extend(part.skipped)

    def cluster(self, id: str) -> Cluster:
        """The cluster of the parts, its ``meta["inputs"]`` given the ids its documents hold
        (:func:`held_ids`)."""
        # the parts' one language where they have one: a JSONL record's "language" read its
        # cluster so, where a document named another (it was dropped, the cluster read in
        # its documents' mix, where batch and evaluate read the record's)
        language = next(iter(self.languages)) if len(self.languages) == 1 else None
        cluster = Cluster(documents=self.documents, id=id, references=self.references,
                          language=language)
        held_ids(self.inputs, self.documents, cluster)
        cluster.meta.update(inputs=self.inputs, skipped=self.skipped)
        return cluster


# ---------------------------------------------------------------------------
# The entry point the CLI uses


def load_cluster(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    language: str | None = None,
    clean: bool = True,
    id: str | None = None,
    main_content: bool = True,
    **jsonl_options: Any,
) -> Cluster:
    """One cluster from files, folders and ``.jsonl`` files, in the order given.

    ``"-"`` reads one document from standard input.

    Named files must be usable (else :class:`InputError`); bad files inside
    folders and JSONL documents left empty by cleaning are skipped and listed in
    ``cluster.meta["skipped"]``. ``jsonl_options`` are the field names of
    :func:`load_jsonl`. A JSONL file holding several clusters is an error
    here: load it with :func:`load_jsonl`. ``main_content``: HTML pages give their
    article's text (False: every block's; see :func:`load_file`).
    """
    paths = listed_paths(paths, "paths", InputError)  # 5, [p, None]: a TypeError
    if not paths:
        raise InputError("no input paths given")
    check_jsonl_options(jsonl_options)  # fail early on a misspelt option or language
    if language is not None:
        normalize_language(language)
    if sum(str(p) == "-" for p in paths) > 1:  # the second read would find it empty
        raise InputError("standard input (-) can be given once")
    seen: dict[tuple[int, int], str] = {}
    held = ClusterText()
    gathered = _Gathered()
    for p in paths:
        if str(p) == "-":  # standard input, one document
            if sys.stdin is None:  # closed (<&-): an AttributeError, an internal error
                raise InputError("standard input (-) is closed; give the text on it, or a file")
            # its bytes go once decoded, as a file's do (read_text): they were held beside
            # its text while the documents were made
            decoded = decode_bytes(read_stream(sys.stdin.buffer, "<stdin>"), name="<stdin>",
                                   language=None if language is None else normalize_language(language))
            if blank(decoded.text):
                raise InputError("<stdin>: is empty")
            taken = [decoded]
            del decoded  # taken from the list as it is cleaned (_document_from_decoded)
            emptied: list[str] = []
            found = _decoded_documents(taken, Path("<stdin>"), "stdin", language, clean,
                                       main_content, emptied)
            held.add(Path("<stdin>"), found)
            gathered.add(_Part.of_files(found, Path("<stdin>"), emptied))
            continue
        path = Path(p)
        if not input_exists(path):
            raise InputError(f"{path}: no such file or folder")
        again = already_read(path, seen)  # a file or a folder named twice
        if again:
            gathered.skipped.append({"path": str(path), "reason": again})
        elif path.is_dir():
            sub = load_folder(path, language=language, clean=clean, jsonl_options=jsonl_options,
                              seen=seen, main_content=main_content, held=held)
            gathered.add(_Part.of_cluster(sub))
        else:
            gathered.add(_file_part(path, path.name, language, clean, jsonl_options,
                                    main_content, held))
    if not gathered.documents:  # pragma: no cover - every branch above raises instead
        raise InputError("no usable documents")
    if not any(uncompressed_name(Path(i["path"])).suffix.lower() in JSONL_SUFFIXES
               for i in gathered.inputs + gathered.skipped):  # .txt, .html, a folder, stdin
        _unused_jsonl_options(jsonl_options, "these inputs (none is a .jsonl file)")
    name = id if id is not None else (uncompressed_name(paths[0]).stem if len(paths) == 1
                                      else "")
    return gathered.cluster(name)


def input_report(cluster: Cluster) -> dict:
    """What was read and skipped to build ``cluster``: for reports and the CLI."""
    inputs = cluster.meta.get("inputs", [])
    # a file's problems once: an SGML file's articles each record the file (file_meta), and
    # the CLI said "a.sgml is not UTF-8" once an article
    files: dict[str, dict] = {}
    for item in inputs:
        files.setdefault(item["path"], item)
    return {
        "files": inputs,
        "skipped": cluster.meta.get("skipped", []),
        "documents": len(cluster.documents),
        "language": cluster.language,
        "non_utf8": [i for i in files.values()
                     if i.get("encoding") not in (None, "utf-8", "utf-8-sig")],
        "damaged": [i for i in files.values() if i.get("replaced")],  # bytes read as U+FFFD
        # HTML pages where no block looked like an article: every block was kept
        "html_fallback": [{"path": d.meta.get("path"), "reason": d.meta["html"]["fallback"]}
                          for d in cluster.documents if d.meta.get("html", {}).get("fallback")],
    }
