"""Loaders: strings, text files, folders and JSONL into Documents and Clusters.

Every loader cleans the text (see :mod:`summarizer.documents.clean`) unless
``clean=False``, so titles, date lines and agency boilerplate never reach the
summariser. What was read, with which encoding, and what was skipped (and
why) is recorded in ``Cluster.meta["inputs"]`` and ``Cluster.meta["skipped"]``
(see :func:`input_report`).

Explicitly named paths must be usable: a missing, empty or binary file raises
:class:`~summarizer.errors.InputError`. Inside a folder, a bad file is
skipped and reported by name, and the error is raised only when no usable
document remains.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Container, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from summarizer.documents.clean import clean_text
from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError, OptionError, UnknownLanguageError, no_option
from summarizer.languages import DEFAULT_LANGUAGE, guess_language, normalize_language
from summarizer.textio import (
    COMPRESSED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    Decoded,
    JsonlFile,
    a_json_type,
    already_read,
    blank,
    decode_bytes,
    field,
    input_exists,
    looks_like_html,
    read_jsonl,
    read_stream,
    read_text,
    uncompressed_name,
    walk_files,
    with_id,
)


def make_document(
    text: str,
    *,
    id: str = "",
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
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
    A title or date found in the text fills ``title``/``date`` unless given.
    Text that opens as an HTML document does (``html=None``; True or False decides) is
    read as a page: its article's text (``main_content=False``: every block), its title,
    and ``meta["html"]``, as a page read from a file is (a JSONL row or a string given to
    ``summarize`` holding a saved page was summarised as markup).
    """
    meta = dict(meta or {})
    declared = None  # the language an HTML page's lang attribute names
    if html or (html is None and looks_like_html(text)):
        from summarizer.documents.html import html_text  # the parser: for pages only

        page = html_text(text, main_content=main_content, language=language)
        text, title, declared = page.text, title or page.title, page.language
        meta["format"] = "html"
        meta["html"] = page.extraction
    if language is None:
        # a page's lang="fr" decides where its text is too short to tell (it was English)
        lang = guess_language(text, default=declared or DEFAULT_LANGUAGE)
        meta["language_guessed"] = True
    else:
        lang = normalize_language(language)
    if clean:
        cleaned = clean_text(text)
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
        body = text
    return Document(text=body, id=id, title=title, date=date, source=source, language=lang,
                    meta=meta)


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
    if isinstance(texts, str):
        texts = [texts]
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
    if language:
        normalize_language(language)
    if isinstance(data, (Cluster, Document)):
        _unused_text_field(text_field)
        if isinstance(data, Document):
            return Cluster(documents=[_read_as(data, language)])
        return _in_language(data, language) if language else data
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
    if isinstance(data, dict):
        raise InputError("got a dict: pass a list of texts, a Document or a Cluster (for "
                         "JSON records use summarizer.documents.load_jsonl)")
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
        raise InputError(f"item {i} ({str(items[i])!r}) names a file or folder but the others "
                         "are texts: pass only paths (they are loaded) or only texts")
    _unused_text_field(text_field)
    for i, d in enumerate(items):
        if not isinstance(d, (str, Document)):
            raise InputError(f"item {i} has type {type(d).__name__}, not a string or a Document")
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
    over what the object says (a Document is English unless told otherwise), and the
    caller's object is not changed."""
    return replace(doc, language=normalize_language(language)) if language else doc


def _in_language(cluster: Cluster, language: str) -> Cluster:
    """A copy of ``cluster`` read as ``language`` (see :func:`_read_as`)."""
    docs = [_read_as(d, language) for d in cluster.documents]
    return replace(cluster, documents=docs, language=normalize_language(language))


def _unused_text_field(text_field: str | None) -> None:
    """Refuse ``text_field`` where no file is read (it would be taken and never used)."""
    _unused_jsonl_options({"text_field": text_field}, "texts or documents")


def _unused_jsonl_options(options: dict[str, Any], what: str) -> None:
    """Refuse JSONL options (``text_field`` ...) given where no ``.jsonl`` file is read:
    taken and never used, they let a typo'd input pass as the one the user meant."""
    given = {k: v for k, v in options.items() if v != JSONL_DEFAULTS.get(k)}
    if given:
        named = ", ".join(f"{k}={v!r}" for k, v in given.items())
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
    decoded: Decoded, path: Path, doc_id: str, language: str | None, clean: bool,
    main_content: bool = True,
) -> Document:
    meta: dict[str, Any] = {"path": str(path), "encoding": decoded.encoding}
    replaced = decoded.replaced  # a scan of the text: once
    if replaced:  # damaged UTF-8: bytes read as U+FFFD (textio's policy)
        meta["replaced"] = replaced
    text = decoded.text
    doc = make_document(text, id=doc_id, language=language, source=str(path), clean=clean,
                        meta=meta, main_content=main_content,
                        html=looks_like_html(text, path))  # a saved page: not its markup
    if blank(doc.text):
        if "html" in doc.meta:  # an <iframe>, a page its scripts fill in
            raise InputError(f"{path}: an HTML page with no text of its own (frames, scripts, "
                             "menus and hidden elements are not read)")
        raise InputError(f"{path}: has no text left after removing its title and boilerplate")
    return doc


def _input_item(doc: Document) -> dict:
    """What ``meta["inputs"]`` records of a document read from one file (or stdin)."""
    item = {"path": doc.meta["path"], "encoding": doc.meta.get("encoding"), "doc_id": doc.id}
    if doc.meta.get("replaced"):
        item["replaced"] = doc.meta["replaced"]
    return item


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
    docs = _file_documents(Path(path), language, clean, id, main_content)
    if len(docs) > 1:
        raise InputError(f"{path}: holds {len(docs)} articles (<DOC> elements); load it with "
                         "load_cluster or load_folder, one document each")
    return docs[0]


# A NIST SGML file (DUC, TAC, AQUAINT newswire): <DOC> elements, one article each, whose
# <TEXT> is hard-wrapped: read as plain text, every wrapped line was a paragraph.
_SGML_START = re.compile(r"\A\ufeff?\s*<DOC[\s>]", re.IGNORECASE)
# Any other XML (a feed, NewsML): read as text, its tags were "sentences" of the summary.
_XML_START = re.compile(r"\A\ufeff?\s*<\?xml\s")


def _file_documents(path: Path, language: str | None, clean: bool, id: str | None,
                    main_content: bool) -> list[Document]:
    """The documents of one file: its text (or page) as one, or each article of an SGML
    file as the DUC loader reads it."""
    suffix = uncompressed_name(path).suffix.lower()
    if suffix in DATA_SUFFIXES:  # its syntax would be "sentences" of the summary
        raise InputError(f"{path}: a {suffix} data file, not an article's text; summarise its "
                         f"rows with `summarizer batch hf:{path} --out DIR` (or score them with "
                         f"`summarizer evaluate hf:{path}`), or give a .jsonl file")
    hint = normalize_language(language) if language else None
    decoded = read_text(path, language=hint)
    return _decoded_documents(decoded, path, id or path.name, language, clean, main_content)


def _decoded_documents(decoded: Decoded, path: Path, doc_id: str, language: str | None,
                       clean: bool, main_content: bool) -> list[Document]:
    head = decoded.text[:1024]
    if _XML_START.match(head) and not looks_like_html(decoded.text, path):
        raise InputError(f"{path}: an XML file (an RSS or Atom feed, NewsML ...), not an "
                         "article's text or an HTML page: its markup would be summarised; give "
                         "the articles' text (a file each, or a .jsonl file)")
    if not _SGML_START.match(head):
        return [_document_from_decoded(decoded, path, doc_id, language, clean, main_content)]
    from summarizer.documents.duc import parse_sgml

    docs = parse_sgml(decoded.text, origin=path.name, language=language)
    if not docs:
        raise InputError(f"{path}: an SGML file (<DOC>) with no article text (<TEXT>)")
    for doc in docs:
        doc.meta.update(path=str(path), encoding=decoded.encoding)
    return docs


def iter_folder(root: str | os.PathLike) -> list[Path]:
    """Files under ``root``, recursively, sorted, hidden files and folders skipped.

    Symbolic links to folders are not followed; see :func:`summarizer.textio.walk_files`.
    """
    return walk_files(root)[0]


def load_folder(
    path: str | os.PathLike, *, language: str | None = None, clean: bool = True,
    jsonl_options: dict | None = None, seen: dict[tuple[int, int], str] | None = None,
    main_content: bool = True,
) -> Cluster:
    """One document per file under ``path`` (recursively, sorted, hidden skipped).

    ``.jsonl`` files contribute their documents (see :func:`load_jsonl`).
    Bad files, linked folders and links leading out of ``path`` are skipped
    and listed in ``cluster.meta["skipped"]``, and so is a file already read (a link
    to a file of the folder, a hard link; ``seen``, shared by :func:`load_cluster`,
    also holds the files read before this folder); if no file is usable,
    :class:`InputError` says why for each. ``main_content``: as for :func:`load_file`.
    """
    root = Path(path)
    if not input_exists(root):
        raise InputError(f"{root}: no such file or folder")
    if not root.is_dir():
        raise InputError(f"{root}: is not a folder")
    if language:
        normalize_language(language)  # a typo fails once, not once per file
    docs: list[Document] = []
    inputs: list[dict] = []
    files, skipped = walk_files(root, seen=seen)
    for f in files:
        rel = f.relative_to(root).as_posix()
        try:
            if uncompressed_name(f).suffix.lower() in JSONL_SUFFIXES:
                sub = _jsonl_documents(f, language, clean, jsonl_options or {}, skipped,
                                       main_content)
                docs.extend(sub.documents)
                inputs.append({"path": str(f), "encoding": sub.meta["inputs"][0]["encoding"],
                               "documents": len(sub.documents)})
                continue
            found = _file_documents(f, language, clean, rel, main_content)
        except (UnknownLanguageError, OptionError):  # the same for every file: not skipped
            raise
        except InputError as exc:
            skipped.append({"path": str(f), "reason": _reason(exc, f)})
            continue
        docs.extend(found)
        inputs.extend(_input_item(doc) for doc in found)
    if not docs:
        why = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5]) or "it holds no files"
        raise InputError(f"{root}: no usable documents ({why})")
    cluster = Cluster(documents=docs, id=root.name)
    cluster.meta.update(inputs=inputs, skipped=skipped)
    return cluster


def _reason(exc: InputError, path: Path) -> str:
    """The error message without the leading file name."""
    msg = str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


# ---------------------------------------------------------------------------
# JSONL: one reader (summarizer.textio.read_jsonl); field types checked here.


# Where the documents and the reference summaries of a row are, when no field is named: the
# first of these that a row (or a data set's columns) has; JSONL, HF and batch inputs alike.
TEXT_FIELDS = ("documents", "document", "text", "article")
SUMMARY_FIELDS = ("references", "summary", "summaries", "highlights", "reference")
# A document's own record (a JSONL line, an item of a cluster's list): "documents" there is
# a cluster's list, not a document's text.
DOCUMENT_TEXT_FIELDS = tuple(f for f in TEXT_FIELDS if f != "documents")


def choose_field(names: Container[str], named: str | None = None, preset: str | None = None,
                 candidates: Sequence[str] = TEXT_FIELDS) -> str | None:
    """The field of a row that holds its text (``candidates``: of another part, such as
    :data:`SUMMARY_FIELDS`), ``names`` being the row's fields or a data set's columns: the
    field the user named, else the preset's, else the first of ``candidates`` that
    ``names`` holds; None when none does. The one rule of JSONL files, Hugging Face data
    sets, ``batch`` rows and ``evaluate``."""
    return named or preset or next((f for f in candidates if f in names), None)

# The JSONL field options and their defaults (what load_jsonl's keywords name).
JSONL_DEFAULTS = {
    "text_field": None,  # a document's text: as choose_field picks it (as in batch)
    "id_field": "id",
    "title_field": "title",
    "date_field": "date",
    "language_field": "language",
    "documents_field": "documents",
    "references_field": "references",
}


def jsonl_field_names(options: dict) -> dict:
    """Every JSONL field option (:data:`JSONL_DEFAULTS`' keys), the ones ``options`` gives
    and the defaults of the others; an unknown one is an :class:`OptionError`."""
    unknown = set(options) - set(JSONL_DEFAULTS)
    if unknown:
        raise OptionError(no_option("the JSONL reader", sorted(unknown), JSONL_DEFAULTS))
    return {**JSONL_DEFAULTS, **options}


def _text_of(rec: dict, name: str | None, where: str) -> str:
    name = choose_field(rec, name, candidates=DOCUMENT_TEXT_FIELDS)
    if name is None:
        raise InputError(f"{where}: no text field ({', '.join(DOCUMENT_TEXT_FIELDS)}); its "
                         f"fields: {', '.join(map(str, rec)) or 'none'} (name one as "
                         "text_field, --text-field)")
    value = field(rec, name, (str, list), where)
    if value is None:
        raise InputError(f"{where}: no text in field {name!r}")
    if isinstance(value, list):  # a list of paragraphs
        bad = next((i for i, v in enumerate(value) if not isinstance(v, str)), None)
        if bad is not None:
            raise InputError(f"{where}: field {name!r} item {bad} is not a string")
        value = "\n\n".join(value)
    return value


def _language_of(rec: dict, fields: dict, language: str | None, where: str) -> str | None:
    if language:
        return language
    lang = field(rec, fields["language_field"], (str,), where)
    if lang is not None:
        try:
            normalize_language(lang)
        except UnknownLanguageError as exc:
            raise UnknownLanguageError(f"{where}: {exc}") from None
    return lang


def _doc_from_record(rec: dict, fields: dict, language: str | None, clean: bool,
                     default_id: str, where: str, main_content: bool = True) -> Document:
    text = _text_of(rec, fields["text_field"], where)
    doc_id = field(rec, fields["id_field"], (str, int), where, default=default_id)
    date = field(rec, fields["date_field"], (str, int), where)
    doc = make_document(
        text,
        id=str(doc_id) or default_id,
        language=_language_of(rec, fields, language, where),
        title=field(rec, fields["title_field"], (str,), where),
        date=str(date) if date not in (None, "") else None,
        clean=clean,
        main_content=main_content,
    )
    return doc


def _empty_reason(text_before: str) -> str:
    return "no text left after removing its title and boilerplate" if text_before else "empty"


def load_jsonl(
    path: str | os.PathLike | JsonlFile,
    *,
    language: str | None = None,
    clean: bool = True,
    text_field: str | None = None,
    id_field: str = "id",
    title_field: str | None = "title",
    date_field: str | None = "date",
    language_field: str | None = "language",
    documents_field: str = "documents",
    references_field: str = "references",
    main_content: bool = True,
) -> list[Cluster]:
    """Clusters from a JSONL file, with configurable field names.

    Two layouts are accepted, even mixed:

    - one *document* per line: ``{"id": ..., "text": ..., "title": ..., "date": ...}``;
      all such lines form one cluster named after the file. Without ``text_field`` the
      text is the first of ``document``, ``text``, ``article`` a line has, as in
      ``summarizer batch`` and ``evaluate``;
    - one *cluster* per line: ``{"id": ..., "documents": [...], "references": [...]}``
      where each document is a string or an object with the fields above, and
      ``references`` is a string or a list of strings.

    A line that is not a JSON object, a field of the wrong type (``"language":
    5``), an unknown language or a document that is neither a string nor an
    object is an :class:`InputError` naming the line (and the position in the
    list). Documents left empty by cleaning are skipped and listed, with their
    line and position, in each cluster's ``meta["skipped"]``. A document that opens as
    an HTML document is read as a page (``main_content``: see :func:`make_document`).
    """
    jsonl = path if isinstance(path, JsonlFile) else read_jsonl(path)
    if language:
        normalize_language(language)
    fields = jsonl_field_names(dict(text_field=text_field, id_field=id_field, title_field=title_field,
                          date_field=date_field, language_field=language_field,
                          documents_field=documents_field, references_field=references_field))
    skipped: list[dict] = []
    clusters: list[Cluster] = []
    loose: list[Document] = []
    for lineno, rec in jsonl:
        where = jsonl.where(lineno)
        if documents_field in rec:
            clusters.append(cluster_from_record(rec, fields, language, clean, lineno, where,
                                                 skipped, main_content))
            continue
        doc = _doc_from_record(rec, fields, language, clean, f"line{lineno}", where,
                               main_content)
        if doc.text.strip():
            loose.append(doc)
        else:
            skipped.append({"path": where, "reason": _empty_reason(
                _text_of(rec, fields["text_field"], where).strip())})
    if loose:
        clusters.insert(0, Cluster(documents=loose, id=uncompressed_name(jsonl.path).stem))
    if not clusters:
        why = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5])
        raise InputError(f"{jsonl.path}: no usable documents ({why})")
    for c in clusters:
        c.meta.setdefault("inputs", [{"path": str(jsonl.path), "encoding": jsonl.encoding}])
        c.meta.setdefault("skipped", skipped)
    return clusters


def cluster_from_record(rec: dict, fields: dict, language: str | None, clean: bool,
                        lineno: int, where: str, skipped: list[dict],
                        main_content: bool = True) -> Cluster:
    """The cluster of one JSONL record (``fields``: :func:`jsonl_field_names`), the one
    reading of a record for :func:`load_jsonl`, ``evaluate``'s stream and ``batch``:
    documents cleaned, a bad one skipped into ``skipped``, its references kept."""
    where = with_id(where, rec, fields["id_field"])
    name = fields["documents_field"]
    items = field(rec, name, (list,), where)
    if not items:
        raise InputError(f"{where}: field {name!r} must be a non-empty list of documents")
    lang = _language_of(rec, fields, language, where)
    docs = []
    for i, item in enumerate(items):
        at = f"{where}: {name}[{i}]"
        if isinstance(item, str):
            doc = make_document(item, id=f"doc{i}", language=lang, clean=clean,
                                main_content=main_content)
            raw = item
        elif isinstance(item, dict):
            doc = _doc_from_record(item, fields, lang, clean, f"doc{i}", at, main_content)
            raw = _text_of(item, fields["text_field"], at)
        else:
            raise InputError(f"{at} is {a_json_type(item)}, not a string or an object")
        if doc.text.strip():
            docs.append(doc)
        else:
            skipped.append({"path": f"{where} {name}[{i}]", "reason": _empty_reason(raw.strip())})
    if not docs:
        raise InputError(f"{where}: no document with text in {name!r}")
    refs = field(rec, fields["references_field"], (str, list), where, default=[])
    if isinstance(refs, str):
        refs = [refs]
    bad = next((i for i, r in enumerate(refs) if not isinstance(r, str)), None)
    if bad is not None:
        raise InputError(f"{where}: {fields['references_field']}[{bad}] is "
                         f"{a_json_type(refs[bad])}, not a string")
    cid = field(rec, fields["id_field"], (str, int), where, default=f"line{lineno}")
    return Cluster(documents=docs, id=str(cid), references=[r for r in refs if r.strip()])


def _jsonl_documents(path: Path, language: str | None, clean: bool, options: dict,
                     skipped: list[dict], main_content: bool = True) -> Cluster:
    clusters = load_jsonl(path, language=language, clean=clean, main_content=main_content,
                          **options)
    if len(clusters) > 1:
        raise InputError(f"holds {len(clusters)} clusters; summarise each with `summarizer "
                         "batch` (or load_jsonl()) instead of as part of one cluster")
    skipped.extend(clusters[0].meta.get("skipped", []))
    return clusters[0]


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
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if not paths:
        raise InputError("no input paths given")
    jsonl_field_names(jsonl_options)  # fail early on a misspelt option or language
    if language:
        normalize_language(language)
    docs: list[Document] = []
    inputs: list[dict] = []
    skipped: list[dict] = []
    references: list[str] = []
    if sum(str(p) == "-" for p in paths) > 1:  # the second read would find it empty
        raise InputError("standard input (-) can be given once")
    seen: dict[tuple[int, int], str] = {}
    for p in paths:
        if str(p) == "-":  # standard input, one document
            data = read_stream(sys.stdin.buffer, "<stdin>")
            decoded = decode_bytes(data, name="<stdin>",
                                   language=normalize_language(language) if language else None)
            if blank(decoded.text):
                raise InputError("<stdin>: is empty")
            found = _decoded_documents(decoded, Path("<stdin>"), "stdin", language, clean,
                                       main_content)
            docs.extend(found)
            inputs.extend(_input_item(doc) for doc in found)
            continue
        path = Path(p)
        if not input_exists(path):
            raise InputError(f"{path}: no such file or folder")
        again = already_read(path, seen)  # a file or a folder named twice
        if again:
            skipped.append({"path": str(path), "reason": again})
        elif path.is_dir():
            sub = load_folder(path, language=language, clean=clean, jsonl_options=jsonl_options,
                              seen=seen, main_content=main_content)
            docs.extend(sub.documents)
            inputs.extend(sub.meta["inputs"])
            skipped.extend(sub.meta["skipped"])
        elif uncompressed_name(path).suffix.lower() in JSONL_SUFFIXES:
            clusters = load_jsonl(path, language=language, clean=clean,
                                  main_content=main_content, **jsonl_options)
            if len(clusters) > 1:
                raise InputError(f"{path}: holds {len(clusters)} clusters; summarise each with "
                                 f"`summarizer batch {path} --out DIR` (or score them with "
                                 "`summarizer evaluate`)")
            docs.extend(clusters[0].documents)
            references.extend(clusters[0].references)
            inputs.append({"path": str(path), "encoding": clusters[0].meta["inputs"][0]["encoding"],
                           "documents": len(clusters[0].documents)})
            skipped.extend(clusters[0].meta.get("skipped", []))
        else:
            found = _file_documents(path, language, clean, path.name, main_content)
            docs.extend(found)
            inputs.extend(_input_item(doc) for doc in found)
    if not docs:  # pragma: no cover - every branch above raises instead
        raise InputError("no usable documents")
    if not any(uncompressed_name(Path(i["path"])).suffix.lower() in JSONL_SUFFIXES
               for i in inputs + skipped):  # .txt, .html, a folder of them, stdin
        _unused_jsonl_options(jsonl_options, "these inputs (none is a .jsonl file)")
    name = id if id is not None else (uncompressed_name(paths[0]).stem if len(paths) == 1
                                      else "")
    cluster = Cluster(documents=docs, id=name, references=references)
    # Cluster renames duplicate ids: record the final ones.
    by_path = {d.meta.get("path"): d.id for d in docs if d.meta.get("path")}
    for item in inputs:
        if "doc_id" in item and item["path"] in by_path:
            item["doc_id"] = by_path[item["path"]]
    cluster.meta.update(inputs=inputs, skipped=skipped)
    return cluster


def input_report(cluster: Cluster) -> dict:
    """What was read and skipped to build ``cluster``: for reports and the CLI."""
    inputs = cluster.meta.get("inputs", [])
    return {
        "files": inputs,
        "skipped": cluster.meta.get("skipped", []),
        "documents": len(cluster.documents),
        "language": cluster.language,
        "non_utf8": [i for i in inputs if i.get("encoding") not in (None, "utf-8", "utf-8-sig")],
        "damaged": [i for i in inputs if i.get("replaced")],  # UTF-8 with bytes read as U+FFFD
        # HTML pages where no block looked like an article: every block was kept
        "html_fallback": [{"path": d.meta.get("path"), "reason": d.meta["html"]["fallback"]}
                          for d in cluster.documents if d.meta.get("html", {}).get("fallback")],
    }
