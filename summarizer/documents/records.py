"""Records into clusters: JSONL lines, ``batch`` rows and ``evaluate``'s stream.

A record is one JSON object (read by :func:`summarizer.textio.open_jsonl`: one reader,
one policy); its field types are checked here. It is a document (``{"text": ...}``) or a
cluster (``{"documents": [...], "references": [...]}``), and which field holds the text
when none is named is one rule (:func:`choose_field`) for JSONL files, Hugging Face data
sets, ``batch`` rows and ``evaluate``. Each document's text goes through
:func:`~summarizer.documents.make.make_document`, as every loader's does.
"""

from __future__ import annotations

import datetime as dt
import numbers
import os
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.documents.make import make_document, make_taken
from summarizer.documents.model import Cluster, Document, documents_language
from summarizer.errors import (
    InputError,
    OptionError,
    UnknownLanguageError,
    counted,
    no_option,
    option_label,
    value_repr,
    with_message,
)
from summarizer.languages import normalize_language
from summarizer.textio import (
    JsonlFile,
    JsonlLines,
    a_json_type,
    blank,
    field,
    open_jsonl,
    uncompressed_name,
    with_id,
)
from summarizer.values import check_named, check_values, path_given

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
    ``names`` holds; None when none does. Where ``names`` is a row (a mapping), a field it
    holds as null is passed over for a later one it holds a value in: a Parquet file's or a
    data set's rows hold every column, null where a JSONL row has no such key, so rows of
    "documents" and rows of "text" read from JSONL failed from Parquet ("field 'documents' is
    null"). The one rule of JSONL files, Hugging Face data sets, ``batch`` rows and
    ``evaluate``."""
    if named or preset:
        return named or preset
    if isinstance(names, Mapping):
        valued = next((f for f in candidates if names.get(f) is not None), None)
        if valued is not None:
            return valued
    return next((f for f in candidates if f in names), None)

def object_text_list(row: Any, named: str | None) -> str | None:
    """The field of ``row`` holding a list of document objects whose text is under
    ``named`` (a ``--text-field``), where ``named`` is no field of the row itself; else
    None. ``summarize`` reads ``--text-field`` so (a document's text), and ``batch``'s and
    ``evaluate``'s errors told the user to name such a field with it, then refused it as
    no field of the row ("no field 'body'; fields: id, documents"). The one rule of both."""
    if not named or not isinstance(row, Mapping) or named in row:
        return None
    for name in TEXT_FIELDS:
        items = rows_of_columns(row.get(name))
        if isinstance(items, (list, tuple)) and any(
                isinstance(d, Mapping) and named in d for d in items):
            return name
    return None


# What an id field option that the data lacks would have left: said with its error.
NO_ID_FIELD = "without it each cluster's id comes from its place in the input"


def field_label(option: str, named: str | None, preset: str | None = None) -> str:
    """How an error names what chose a field: the option (``text_field (--text-field)``),
    else the preset's layout, else the field looked for by default."""
    kind = option.removesuffix("_field")
    if named:
        return option_label(option)
    if preset:
        return f"the {kind} field of {option_label('preset')} {value_repr(preset)}"
    return f"the {kind} field"


def check_named_field(names: Container[str], name: str | None, label: str, at: str,
                      why: str = "", error: type[InputError] = OptionError) -> None:
    """The one check, and wording, of a field that an option (``label``:
    :func:`field_label`) names and that ``at`` (the first row or line, a data set: its
    fields or columns ``names``) lacks: ``batch``, ``evaluate`` and the Hugging Face reader
    say it alike, before any row is summarised. ``error``: an :class:`OptionError` where
    the caller named the field."""
    if name is None or name in names:
        return
    shown = ", ".join(map(str, names)) if isinstance(names, Iterable) else ""
    raise error(f"{at}: no field {value_repr(name)} ({label}); fields: {shown or 'none'}"
                + (f"; {why}" if why else ""))


def no_field(at: str, what: str, candidates: Sequence[str], label: str,
             among: str = "", error: type[InputError] = InputError) -> InputError:
    """The one error, and wording, of a data set without any of the usual ``candidates``
    fields of ``what`` (its documents, its references) and no option naming one (``label``:
    the option that would): ``evaluate`` reads it from its first line, ``batch`` from all its
    rows (``among``: " in any of its 3 rows"), both before any cluster is summarised.
    ``error``: its type (:class:`NoTextError` where every row was read)."""
    return error(f"{at}: no {what} field{among} (tried {', '.join(candidates)}); name it "
                 f"with {label}")


class NoTextError(InputError):
    """A data set none of whose rows has text (:func:`no_text`; after cleaning:
    :class:`NoTextLeftError`)."""


class NoTextLeftError(NoTextError):
    """A data set whose rows had text, none of it left after cleaning (:func:`no_text_left`);
    ``meta``: what a cluster's ``meta`` would have said of the rows (``skipped_rows``,
    ``emptied_rows``, ``skipped``), for a caller that reports them (``evaluate``)."""

    def __init__(self, message: str, meta: dict[str, Any] | None = None):
        super().__init__(message)  # (one message: made again from it, as every error is)
        self.meta = meta if meta is not None else {}


def no_text_left(at: str, field: str, meta: dict[str, Any]) -> NoTextLeftError:
    """The error of a data set ``at`` whose rows were all left without text, some or all of
    them by cleaning (``meta["skipped"]`` lists those, :func:`note_empty`'s entries; the
    rest had none before it): :func:`no_text`'s wording, and the first document cleaning
    emptied, where ``from_hf_dataset`` returned ``[]`` and the list was lost with the
    clusters that would have held it."""
    first = next(e for e in meta["skipped"] if e["reason"] != _BLANK)
    return NoTextLeftError(f"{at}: no text in field {value_repr(field)} left after cleaning "
                           f"in any of its {counted(meta['skipped_rows'], 'row')} (e.g. "
                           f"{first['path']}: {first['reason']}); clean=False keeps the text "
                           "as given", meta)


def no_text(at: str, field: str | None, rows: int) -> InputError:
    """The one error (a :class:`NoTextError`), and wording, of a data set ``at`` of
    ``rows`` rows (one or more, all read) none of which has text before cleaning: each
    without the text field ``field``, or with it null, blank or a list of blank items. ``field`` None: no row has any of the
    usual text fields and none was named (:func:`no_field`'s wording, as ``batch`` refuses
    such an input). ``from_hf_dataset`` (and so ``load_hf_dataset``), ``evaluate``'s
    readers of ``hf:`` data sets and JSONL text lines, and ``batch`` (before its output
    folder is made) say it alike, where each returned ``[]``, "no clusters found" or failed
    every row. A data set of no rows is not this error (each reader's own: ``[]``, "is
    empty", "holds no rows"), nor one whose rows had text that cleaning removed (the
    cleaning's, listed in ``meta["skipped"]``: see :func:`had_text_before_cleaning`;
    none left at all: :func:`no_text_left`)."""
    among = f" in any of its {counted(rows, 'row')}"
    if field is None:
        return no_field(at, "documents", TEXT_FIELDS, option_label("text_field"), among,
                        NoTextError)
    return NoTextError(f"{at}: no text in field {value_repr(field)}{among}; name the field "
                       f"that holds it with {option_label('text_field')}")


def check_row_field(row: Container[str], name: str | None, option: str, at: str) -> None:
    """A row or record ``at`` (of a later line, or a document of a row's list) without
    the field that the user named with ``option`` (``date_field``, ``id_field``; None:
    not named) is malformed: an :class:`InputError` naming it, which ``batch`` reports as
    a failed row and ``evaluate`` refuses. Nothing is read from a default instead (the
    document undated, the row's place for its id). The first row's is
    :func:`check_row_options`' :class:`OptionError`."""
    check_named_field(row, name, option_label(option), at, error=InputError)


def check_row_id(row: Mapping[str, Any], name: str | None, at: str) -> None:
    """A row or record ``at`` whose id field the user named (``name``; None: not named)
    lacks it, or holds it null or blank, is malformed (:func:`check_row_field`): such a
    row was given its place for an id, unsaid, as one without the field was. (A named
    date's null is an undated document: its own rule.)"""
    check_row_field(row, name, "id_field", at)
    if name and not has_id(row, name):
        raise InputError(f"{at}: field {value_repr(name)} ({option_label('id_field')}) is "
                         f"{'null' if row[name] is None else 'blank'}, not an id")


def has_id(row: Mapping[str, Any], name: str | None) -> bool:
    """Whether ``row`` holds an id in its field ``name``: absent, null or blank is none, and
    the row's place is its id (:func:`id_or_place`)."""
    value = row.get(name) if name else None
    return value is not None and not (isinstance(value, str) and not value.strip())


def id_or_place(row: dict[str, Any], name: str | None, place: Any, at: str) -> str:
    """The id of a row, record or document: its field ``name`` (strings and integers, as in
    JSONL: :class:`InputError` otherwise), else ``place`` (its line, row or position) where
    the field is absent, null or blank, which is no id (:func:`has_id`). Where the user
    named the field, :func:`check_row_id` has refused those first; the default field ``id``
    may be blank (batch gave such a row its position, the JSONL and HF readers kept "" as
    its id)."""
    if not has_id(row, name):
        return str(place)
    return str(field(row, name, (str, int), at))


# A cluster's meta key, true where its id is its place's (its row had none): an id no other
# row may hold (RowIds).
PLACE_ID = "id_from_place"
# A cluster's meta key: its record's (or row's) position among its input's, which an error
# names it by, where clusters before it were left out (allow_skipped_documents)
ROW_POSITION = "row_position"


@dataclass(frozen=True)
class Taken:
    """Why a row cannot hold its id (:meth:`RowIds.claim`); ``place``: one of the two rows
    has no id and holds its place's, so the user wrote no duplicate."""

    why: str
    place: bool


class RowIds:
    """The ids of an input's rows as they are read, each row's own or, for a row without one,
    its place's (``batch``: its position, "3"; ``evaluate``: its line, "line4", or row, "3"):
    the one rule of both. No two rows hold one id, whichever gave it: a row whose id is
    taken is malformed (``batch``: a failed row; ``evaluate``: the data set is refused), the
    later of the two, as rows are read in one pass. Where one of the two ids is a place's,
    the message says so: a declared "1" and the "1" a row without an id takes from its
    place are no duplicate the user wrote, and the row without one holds no id to report."""

    def __init__(self) -> None:
        self.first: dict[str, int] = {}  # id -> position of the row holding it
        self.placed: set[str] = set()  # of them, the ids rows took from their place

    def claim(self, cid: str, position: int, placed: bool) -> Taken | None:
        """None where ``cid`` is free, now held by the row at ``position`` (``placed``: its
        id is its place's); else why that row cannot hold it."""
        first = self.first.get(cid)
        if first is None:
            self.first[cid] = position
            if placed:
                self.placed.add(cid)
            return None
        if placed:
            return Taken(f"no id, and the one its place gives it, {value_repr(cid)}, is the id of the "
                         f"row at position {first}", True)
        if cid in self.placed:
            return Taken(f"id {value_repr(cid)} is already the id of the row at position {first}, "
                         "which has none and took its place's", True)
        return Taken(f"duplicate id (first at position {first})", False)


def check_separator(separator: str | None, value: Any, name: str, at: str) -> None:
    """An :class:`OptionError` where ``separator`` would split field ``name``, which holds
    a list of documents at ``at``: it would go unused."""
    if separator is not None and isinstance(value, (list, tuple)):
        raise OptionError(f"{at}: {option_label('separator')} splits a field holding one "
                          f"text, but {value_repr(name)} holds a list of documents")


def check_date_field(date_field: str | None, row: dict, value: Any, name: str, at: str) -> None:
    """An :class:`OptionError` where the first row or line ``at`` lacks the field
    ``date_field`` names: its first document's, where ``name`` holds a list of document
    objects (``value``), each with its own date, else the row's (``name`` holds one text,
    or a list of plain texts: one date for them all, or a list with one each). Every
    document went undated, without a word."""
    if date_field is None:
        return
    label = option_label("date_field")
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
        check_named_field(value[0], date_field, label, f"{at} {name}[0]")
    else:
        check_named_field(row, date_field, label, at)


def check_text_not_id(text: str, id_name: str) -> None:
    """An :class:`OptionError` where the documents' field ``text`` is the rows' id field
    ``id_name``: each cluster's text was its id ('c0'), summarised and scored, nothing said."""
    if text == id_name:
        raise OptionError(f"{option_label('id_field')} and {option_label('text_field')} name "
                          f"one field, {value_repr(text)}: the documents must be another field")


def check_row_options(row: dict, text: str | None, id_field: str | None, separator: str | None,
                      date_field: str | None, at: str, id_name: str = "id") -> None:
    """The first row's (or line's) checks, once its text field ``text`` is known, of the
    options that name or read its other fields (``text``: None, or a field the row lacks,
    leaves the last two unchecked): ``id_field`` (:func:`check_named_field`),
    ``separator`` (:func:`check_separator`) and ``date_field`` (:func:`check_date_field`).
    ``batch`` and ``evaluate`` make them alike, before any row is summarised. ``id_name`` is
    the field the rows' ids are read from, as every reader reads it: ``id_field``, else the
    preset's, else ``id`` (:func:`~summarizer.documents.hf.id_field_of`, which the callers
    pass: hf imports this module)."""
    if id_field:
        check_named_field(row, id_field, option_label("id_field"), at, NO_ID_FIELD)
    if text is not None and text in row:
        check_text_not_id(text, id_name)
    if text is not None and text in row:
        check_separator(separator, row[text], text, at)
        check_date_field(date_field, row, row[text], text, at)


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


def check_jsonl_options(options: dict) -> None:
    """An :class:`OptionError` for a field option a caller gave (load_jsonl, load_cluster)
    that names no field: unknown, no string (``id_field=5`` read every line's place as its
    id) or ``""``. None is each one's "none" (or, for ``text_field``, the usual names)."""
    jsonl_field_names(options)
    check_values(options, dict.fromkeys(JSONL_DEFAULTS, str | None), "the JSONL reader's option ")
    flagged = ("text_field", "id_field", "date_field")  # the command line's --text-field ...
    check_named({k: v for k, v in options.items() if k in flagged})
    empty = next((k for k, v in options.items() if v == "" and k not in flagged), None)
    if empty is not None:
        raise OptionError(f"{empty} is empty; give a field's name, or leave it out for "
                          f"{JSONL_DEFAULTS[empty]!r}")


def has_text(rec: dict, name: str | None) -> bool:
    """Whether the text :func:`_text_of` reads of ``rec`` (a document object; ``name``, its
    text field) holds text before it is cleaned, asked before it is taken (and without
    joining a list of paragraphs): :func:`holds_text`."""
    return holds_text(rec.get(choose_field(rec, name, candidates=DOCUMENT_TEXT_FIELDS) or ""),
                      documents=False)


def holds_text(value: Any, text_field: str | None = None, documents: bool = True) -> bool:
    """Whether a text field's ``value`` holds text before cleaning, the one rule of a row's
    text (batch: a string, or a list of texts and document objects) and of a document
    object's (:func:`has_text`: a string, or a list of paragraphs; ``documents`` False):
    a string not blank, or a list with one, or with a document object whose own text
    field (``text_field``, as :func:`_text_of` chooses it) holds one. Null holds none (a
    null item too). A value of another type (a number, an object where a text goes, a list
    in a list) is no lack of text: its reader refuses it as what it is, so True."""
    if value is None or isinstance(value, str):
        return value is not None and not blank(value)
    if not isinstance(value, list | tuple):
        return True
    for item in value:
        if isinstance(item, str):
            if not blank(item):
                return True
        elif isinstance(item, dict) and documents:
            if has_text(item, text_field):
                return True
        elif item is not None:
            return True
    return False


def _text_of(rec: dict, name: str | None, where: str) -> str:
    name = choose_field(rec, name, candidates=DOCUMENT_TEXT_FIELDS)
    if name is None:
        raise InputError(f"{where}: no text field ({', '.join(DOCUMENT_TEXT_FIELDS)}); its "
                         f"fields: {', '.join(map(str, rec)) or 'none'} (name one as "
                         "text_field, --text-field)")
    value = field(rec, name, (str, list), where)
    if value is None:
        raise InputError(f"{where}: no text in field {value_repr(name)}")
    if isinstance(value, list):  # a list of paragraphs
        bad = next((i for i, v in enumerate(value) if not isinstance(v, str)), None)
        if bad is not None:
            raise InputError(f"{where}: field {value_repr(name)} item {bad} is not a string")
        value = "\n\n".join(value)
    return value


# A ClassLabel's number for a row without a label (datasets' convention)
NO_CLASS = -1


def language_of(rec: dict, name: str | None, language: str | None, where: str,
                fallback: str | None = None,
                labels: Callable[[int], str] | None = None) -> str | None:
    """A record's (or data set row's) language, the one rule of every reader: ``language``
    where one is given (the user's, for every record), else its own field ``name``'s, else
    ``fallback`` (None: guessed from the text). ``labels``: where the data set's column
    ``name`` is a ClassLabel (its rows hold class numbers; :func:`class_labels`), the
    name of a row's number (:func:`class_name`); any other value but a string is an
    :class:`InputError` naming the field and its type, and an empty one names none (a
    record's was, a document's was English: only the caller's ``language=""`` is refused)."""
    if language is not None:
        return language
    value = rec.get(name) if name else None
    if labels is not None and is_class_number(value):
        lang = class_name(value, labels, name, where)
    else:
        lang = field(rec, name, (str,), where)
    if lang == "":
        lang = None
    if lang is not None:
        try:
            normalize_language(lang)
        except UnknownLanguageError as exc:
            raise UnknownLanguageError(f"{where}: {exc}") from None
    return fallback if lang is None else lang


def is_class_number(value: Any) -> bool:
    """A ClassLabel's value: an integer (NumPy's too), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def class_labels(dataset: Any, name: str | None) -> Callable[[int], str] | None:
    """The names of column ``name`` where a data set's features make it a ClassLabel (its
    ``int2str``: datasets' features API), else None (a column of strings, or rows without
    features: a list of dicts, a JSONL file)."""
    features = getattr(dataset, "features", None)
    feature = features.get(name) if name and isinstance(features, Mapping) else None
    names = getattr(feature, "int2str", None)  # a ClassLabel; a Value has none
    return names if callable(names) else None


def class_name(value: Any, labels: Callable[[int], str], name: str | None,
               where: str) -> str | None:
    """The name ``labels`` gives class number ``value`` of field ``name``; None for
    :data:`NO_CLASS` (no label: the row names no language). A number the ClassLabel does
    not name is an :class:`InputError`."""
    if value == NO_CLASS:
        return None
    try:
        return labels(int(value))
    except (ValueError, IndexError, KeyError):
        raise InputError(f"{where}: field {value_repr(name)} holds class "
                         f"{value_repr(int(value))}, a number its ClassLabel has no name for"
                         ) from None


def document_from_object(rec: dict, fields: dict, language: str | None, clean: bool,
                         default_id: str, where: str, main_content: bool = True,
                         dated: bool = False, fallback: str | None = None,
                         take: bool = False) -> Document:
    """The document of a document object (a JSONL line's, an item of a record's or a data
    set row's list): its text, id, title, date and language from ``fields``
    (:func:`jsonl_field_names`), the one reading of such an object. ``dated``: the date
    field is the user's, and an object without it an :class:`InputError`; ``fallback``:
    the language where neither ``language`` nor the object names one. ``take``: the object
    is the caller's own (a record parsed for this read alone), and its text field is taken
    out of it once its fields are read, so that the text goes as it is cleaned
    (:func:`~summarizer.documents.make.make_taken`), not held beside its cleaned copy."""
    text = [_text_of(rec, fields["text_field"], where)]
    doc_id = id_or_place(rec, fields["id_field"], default_id, where)
    name = fields["date_field"]
    if dated:  # named by the user: a document without it is malformed, not undated
        check_row_field(rec, name, "date_field", where)
    date = date_of(rec.get(name) if name else None, name, where)
    lang = language_of(rec, fields["language_field"], language, where, fallback)
    title = field(rec, fields["title_field"], (str,), where)
    if take:  # the field _text_of read
        del rec[choose_field(rec, fields["text_field"], candidates=DOCUMENT_TEXT_FIELDS)]
    try:
        return make_taken(text, id=doc_id, language=lang, title=title, date=date, clean=clean,
                          main_content=main_content)
    except InputError as exc:  # the Document refused its date (or text): name the line
        raise with_message(exc, f"{where}: {exc}") from None


def list_documents(items: Sequence[Any], name: str, where: str, fields: dict,
                   language: str | None, fallback: str | None, clean: bool,
                   main_content: bool, dated: bool, dates: Sequence[str | None],
                   skipped: list[dict]) -> list[Document]:
    """The documents of the list ``items`` of a JSONL record's or a data set row's field
    ``name``: each a plain text (dated ``dates[i]``) or a document object
    (:func:`document_from_object`, its fields ``fields``), the one reading of such a list.
    A document cleaning leaves without text is listed in ``skipped``; an item of another
    type, or (``dated``: the date field is the user's) a plain text among objects, is an
    :class:`InputError` naming it. ``fallback``: the language of a document that neither
    ``language`` nor its own field names (the record's or row's, else the reader's)."""
    texts = all(isinstance(item, str) for item in items)
    docs = []
    for i, item in enumerate(items):
        at = f"{where}: {name}[{i}]"
        if isinstance(item, str):
            if dated and not texts:
                raise InputError(f"{at} is a plain text among document objects, without "
                                 f"the field {value_repr(fields['date_field'])} that "
                                 f"{option_label('date_field')} names")
            try:
                doc = make_document(item, id=f"doc{i}",
                                    language=fallback if language is None else language,
                                    clean=clean, main_content=main_content, date=dates[i])
            except InputError as exc:  # the Document refused its date: name the item
                raise with_message(exc, f"{at}: {exc}") from None
            had_text = not blank(item)
        elif isinstance(item, dict):
            # its own field, else its record's (the language named wins over both)
            doc = document_from_object(item, fields, language, clean, f"doc{i}", at,
                                       main_content, dated, fallback)
            had_text = has_text(item, fields["text_field"])
        else:
            raise InputError(f"{at} is {a_json_type(item)}, not a string or an object")
        if not blank(doc.text):
            docs.append(doc)
        else:
            note_empty(skipped, f"{where} {name}[{i}]", had_text, doc.id)
    return docs


def date_of(value: Any, name: str | None, where: str) -> str | None:
    """A record's or row's date (field ``name``, holding ``value``) as text: a string or an
    integer as JSONL takes it (:func:`field`), a ``datetime.date`` or ``datetime`` (a
    Parquet or Hugging Face date column, a dict made in code) in ISO form; null is none.
    The Document reads the text into its one form."""
    if isinstance(value, dt.date):
        return value.isoformat()
    found = field({name: value}, name, (str, int), where) if name else None
    return None if found is None else str(found)


def row_dates(row: dict, name: str | None, text_field: str, n: int, listed: bool,
              where: str) -> list[str | None]:
    """The dates of a row's ``n`` documents, from the row's field ``name`` (none named:
    none; a row without it: an :class:`InputError`, the field being the user's): one
    value for them all, or, where ``text_field`` holds a list of texts (``listed``), a
    list with one for each (:func:`date_of`). The one reading of a data set row's dates
    and of a JSONL record's list of plain texts."""
    if name is None:
        return [None] * n
    check_row_field(row, name, "date_field", where)
    value = row[name]
    if isinstance(value, (list, tuple)):
        if not listed or len(value) != n:
            held = f"a list of {counted(n, 'text')}" if listed else "one text"
            raise InputError(f"{where}: field {value_repr(name)} holds {counted(len(value), 'date')}, "
                             f"but {value_repr(text_field)} holds {held}")
        return [date_of(v, f"{name}[{k}]", where) for k, v in enumerate(value)]
    return [date_of(value, name, where)] * n


def note_empty(skipped: list[dict], path: str, had_text: bool,
               document: str | None = None) -> None:
    """Lists a document left without text in ``skipped``, the ``meta["skipped"]`` of JSONL
    records and data set rows alike (``had_text``: its text before cleaning was not blank:
    cleaning emptied it); ``document``: its id in its cluster (:func:`name_cluster` adds the
    cluster's id)."""
    reason = "no text left after removing its title and boilerplate" if had_text else _BLANK
    entry = {"path": path, "reason": reason}
    if document is not None:
        entry["document"] = document
    skipped.append(entry)


_BLANK = "empty"  # note_empty's reason for a document without text before cleaning


def had_text_before_cleaning(skipped: Iterable[dict]) -> bool:
    """Whether any document that ``skipped`` lists (:func:`note_empty`'s entries) had text
    that cleaning removed, not none from the start."""
    return any(entry["reason"] != _BLANK for entry in skipped)


def name_cluster(skipped: list[dict], start: int, cluster: str, whole: bool = False) -> None:
    """Gives the documents listed in ``skipped`` from ``start`` on their cluster's id, known
    once the record is read (``evaluate`` and ``batch`` report them by cluster and document);
    ``whole``: none of the cluster's documents has text, so the cluster itself is unusable
    (``cluster_left_out``, where ``evaluate --allow-skipped-documents`` leaves it out)."""
    for entry in skipped[start:]:
        entry["cluster"] = cluster
        if whole:
            entry["cluster_left_out"] = True


class EmptyClusterError(InputError):
    """A cluster none of whose documents has text after cleaning (its documents already
    listed, as ``cluster_left_out``, in the reader's ``skipped``)."""


def rows_of_columns(value: Any) -> Any:
    """A list of objects that a Hugging Face data set holds as a ``Sequence`` of a dict:
    ``datasets`` gives it as a dict of equal-length lists (``{"text": [...], "title":
    [...]}``), here made a list of dicts again (every row failed: "must be text or a list of
    documents, not dict"); any other value as it is."""
    if (isinstance(value, Mapping) and value
            and all(isinstance(v, list) for v in value.values())
            and len({len(v) for v in value.values()}) == 1):
        keys = list(value)
        return [dict(zip(keys, row, strict=True)) for row in zip(*value.values(), strict=True)]
    return value


def strings_of(value: Any, name: str, where: str) -> list[str]:
    """The strings of a record's or row's field ``name``: one string, or each string of a
    list (kept apart); null is none. Another type, or a list holding one, is an
    :class:`InputError` naming ``where`` (never its ``str()``): the one check of a row's
    texts and of its references."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise InputError(f"{where}: field {value_repr(name)} must be a string or a list of strings, "
                         f"not {a_json_type(value)}")
    bad = next((i for i, r in enumerate(value) if not isinstance(r, str)), None)
    if bad is not None:
        raise InputError(f"{where}: {name}[{bad}] is {a_json_type(value[bad])}, not a string")
    return list(value)


def references_of(value: Any, name: str, where: str) -> list[str]:
    """The reference summaries of a record's or row's field ``name`` (:func:`strings_of`),
    stripped of surrounding white space (ROUGE ignores it), blank ones dropped. The one
    reading of JSONL records, Hugging Face rows and ``batch``'s."""
    return [r.strip() for r in strings_of(value, name, where) if r.strip()]


def load_jsonl(
    path: str | os.PathLike | JsonlFile | JsonlLines,
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
    leave_out_empty: bool = False,
    require_date: bool = False,
    require_id: bool = False,
    fallback_language: str | None = None,
    on_documents: Callable[[str, list[Document]], None] | None = None,
    unique_ids: bool = True,
) -> list[Cluster]:
    """Clusters from a JSONL file, with configurable field names.

    Two layouts are accepted, even mixed:

    - one *document* per line: ``{"id": ..., "text": ..., "title": ..., "date": ...}``;
      all such lines form one cluster named after the file (an :class:`InputError` where
      a cluster line holds that id, as :class:`RowIds` refuses a place's id another row
      declares). Without ``text_field`` the
      text is the first of ``document``, ``text``, ``article`` a line has, as in
      ``summarizer batch`` and ``evaluate``;
    - one *cluster* per line: ``{"id": ..., "documents": [...], "references": [...]}``
      where each document is a string or an object with the fields above, and
      ``references`` is a string or a list of strings.

    A line that is not a JSON object, a field of the wrong type (``"language":
    5``), an unknown language or a document that is neither a string nor an
    object is an :class:`InputError` naming the line (and the position in the
    list). Documents left empty by cleaning are skipped and listed, with their
    line and position, in each cluster's ``meta["skipped"]``; a cluster left with none is
    an :class:`EmptyClusterError`, or with ``leave_out_empty`` left out (its documents
    listed as ``cluster_left_out``). A document that opens as
    an HTML document is read as a page (``main_content``: see :func:`make_document`).
    ``require_date``: ``date_field`` is the user's, as ``batch`` and ``evaluate`` read
    ``--date-field``: a document without it is an :class:`InputError`, not undated, and a
    cluster's list of plain texts has its dates in the record's field (one date for them
    all, or a list with one each). ``require_id``: ``id_field`` is the user's
    (``--id-field``): a line without it is an :class:`InputError`, not given its place
    for an id (a document object of a cluster's list needs none). A document's language is
    ``language`` where given, else its record's ``language_field`` (a document object's
    own, else its cluster line's), else ``fallback_language`` (None: guessed from its text;
    ``evaluate`` reads English). A cluster's language (its stop words, stems) is its
    documents' one language; where they are in several, each is split in its own and the
    cluster is read in its record's, else ``fallback_language``, else English.

    A plain UTF-8 file is read a line at a time (:func:`~summarizer.textio.open_jsonl`):
    memory holds its documents and one line, not the file. ``on_documents`` is called with
    each line's place (``PATH:LINE``) and the documents made of it, as they are made: an
    error it raises stops the read there (``load_cluster`` counts them against one
    cluster's bound). ``unique_ids``: two cluster lines of one id (a declared one, or a
    line's place, ``line3``) are an :class:`InputError`; False: the caller checks ids its
    own way (``evaluate`` stops only where a drawn cluster repeats one).
    """
    if language is not None:  # "", 0 or [] was read as not given
        normalize_language(language)
    given = dict(text_field=text_field, id_field=id_field, title_field=title_field,
                 date_field=date_field, language_field=language_field,
                 documents_field=documents_field, references_field=references_field)
    check_jsonl_options(given)
    # 'no' or 1 was read by its truth; a callback that is no function failed at the first line
    check_values(dict(clean=clean, main_content=main_content, leave_out_empty=leave_out_empty,
                      require_date=require_date, require_id=require_id, unique_ids=unique_ids),
                 dict.fromkeys(("clean", "main_content", "leave_out_empty", "require_date",
                                "require_id", "unique_ids"), bool), "load_jsonl(): ")
    if on_documents is not None and not callable(on_documents):
        raise OptionError(f"on_documents must be a function or None, not "
                          f"{type(on_documents).__name__} {value_repr(on_documents)}")
    jsonl = path if isinstance(path, (JsonlFile, JsonlLines)) else open_jsonl(
        path_given(path, "path", InputError))
    fields = jsonl_field_names(given)
    skipped: list[dict] = []
    clusters: list[Cluster] = []
    lines: dict[str, int] = {}  # a cluster line's id -> its line
    loose: list[Document] = []
    first_loose = 0
    for position, (lineno, rec) in enumerate(jsonl):
        where = jsonl.where(lineno)
        if documents_field in rec:
            try:
                clusters.append(cluster_from_record(rec, fields, language, clean, lineno, where,
                                                     skipped, main_content, require_date,
                                                     require_id, fallback_language))
                if unique_ids and clusters[-1].id in lines:  # as evaluate and batch do
                    raise InputError(
                        f"{where}: cluster id {value_repr(clusters[-1].id)} is already the id "
                        f"of the cluster at line {lines[clusters[-1].id]}; cluster ids must be "
                        "unique")
                lines.setdefault(clusters[-1].id, lineno)
                clusters[-1].meta[ROW_POSITION] = position
            except EmptyClusterError:
                if not leave_out_empty:
                    raise
                continue
            if on_documents is not None:
                on_documents(where, clusters[-1].documents)
            continue
        first_loose = first_loose or lineno
        if require_id:  # a loose document's line: its id is the document's
            check_row_id(rec, id_field, where)
        had_text = has_text(rec, fields["text_field"])
        # a record read a line at a time is parsed for this read alone: its text is taken
        doc = document_from_object(rec, fields, language, clean, f"line{lineno}", where,
                                   main_content, require_date, fallback_language,
                                   take=isinstance(jsonl, JsonlLines))
        if not blank(doc.text):
            loose.append(doc)
            if on_documents is not None:
                on_documents(where, [doc])
        else:
            note_empty(skipped, where, had_text, doc.id)
    if loose:
        name = uncompressed_name(jsonl.path).stem
        if name in lines:  # its id is its place's (the file's): RowIds' rule, said whole
            raise InputError(
                f"{jsonl.path}: the documents of its lines without {value_repr(documents_field)} (the "
                f"first at line {first_loose}) form a cluster named after the file, {value_repr(name)}, "
                f"which is the id of the cluster at line {lines[name]}; cluster ids must be "
                "unique: give that cluster another id, or the file another name")
        clusters.insert(0, Cluster(documents=loose, id=name))
        for entry in skipped:  # the loose documents' cluster is named last
            entry.setdefault("cluster", clusters[0].id)
    if not clusters:
        why = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5])
        raise InputError(f"{jsonl.path}: no usable documents ({why})")
    for c in clusters:
        c.meta.setdefault("inputs", [{"path": str(jsonl.path), "encoding": jsonl.encoding}])
        c.meta.setdefault("skipped", skipped)
    return clusters


def cluster_from_record(rec: dict, fields: dict, language: str | None, clean: bool,
                        lineno: int, where: str, skipped: list[dict],
                        main_content: bool = True, dated: bool = False,
                        id_named: bool = False, fallback: str | None = None) -> Cluster:
    """The cluster of one JSONL record (``fields``: :func:`jsonl_field_names`), the one
    reading of a record for :func:`load_jsonl`, ``evaluate``'s stream and ``batch``:
    documents cleaned, a bad one skipped into ``skipped``, its references kept. ``dated``
    (the date field is the user's): a document object without it is an
    :class:`InputError`, and a list of plain texts has its dates in the record's field
    (:func:`row_dates`). ``id_named`` (the id field is the user's): a record without it
    (or with it null or blank: :func:`check_row_id`) is an :class:`InputError`, not
    given its line for an id. ``fallback``: the language of a document that neither
    ``language`` nor a field names (None: guessed from its text). The cluster's language
    is its documents' where they have one, else the record's (``language``, else its field),
    else ``fallback``, else English."""
    if id_named:
        check_row_id(rec, fields["id_field"], where)
    where = with_id(where, rec, fields["id_field"])
    name = fields["documents_field"]
    items = field(rec, name, (list,), where)
    if not items:
        raise InputError(f"{where}: field {value_repr(name)} must be a non-empty list of documents")
    lang = language_of(rec, fields["language_field"], language, where)
    # plain texts have no fields: a date field named for them is the record's, as a data
    # set row's beside its list of texts (one date for them all, or one each)
    texts = all(isinstance(item, str) for item in items)
    if texts and fields["text_field"] is not None:  # read from no document: taken, unused
        raise OptionError(f"{where}: {option_label('text_field')} {value_repr(fields['text_field'])} "
                          f"names a field of each document, and {value_repr(name)} holds plain "
                          "texts; leave it out")
    dates = row_dates(rec, fields["date_field"] if dated and texts else None, name,
                      len(items), True, where)
    start = len(skipped)
    lang = fallback if lang is None else lang
    docs = list_documents(items, name, where, fields, language, lang, clean,
                          main_content, dated, dates, skipped)
    cid = id_or_place(rec, fields["id_field"], f"line{lineno}", where)
    if not docs:
        name_cluster(skipped, start, cid, whole=True)
        raise EmptyClusterError(f"{where}: no document with text in {value_repr(name)}")
    name = fields["references_field"]
    refs = references_of(rec.get(name) if name else None, name, where)
    name_cluster(skipped, start, cid)
    # the documents' one language (Cluster's rule), else the record's, else the fallback,
    # else English: documents in several were read as English whatever the record named
    shared = documents_language(docs)
    cluster = Cluster(documents=docs, id=cid, references=refs,
                      language=shared or normalize_language(lang))
    if not has_id(rec, fields["id_field"]):
        cluster.meta[PLACE_ID] = True
    return cluster
