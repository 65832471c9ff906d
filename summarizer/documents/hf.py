"""Hugging Face ``datasets`` as clusters: Multi-News, CNN/DailyMail, XSum, or any layout.

Each row becomes one :class:`Cluster` whose references are the row's
summary. Presets know the common news layouts:

- ``multi_news``: ``document`` holds the articles joined by ``|||||``
  (older copies write line breaks as ``NEWLINE_CHAR``), ``summary`` the
  reference (which starts with "– ");
- ``cnn_dailymail``: ``article`` / ``highlights`` (one highlight per line);
- ``xsum``: ``document`` / ``summary``.

Loading by name needs the hub or the local cache. Offline and not cached,
:func:`load_hf_dataset` raises :class:`~summarizer.errors.DatasetNotFoundError`
saying what to do, instead of hanging or printing a traceback.
"""

from __future__ import annotations

import csv
import inspect
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.documents.cells import NO_PYTHON_VALUE, cell_problem, converts
from summarizer.documents.make import make_taken
from summarizer.documents.model import Cluster
from summarizer.documents.records import (  # the field constants' home; re-exported here
    NO_ID_FIELD,
    PLACE_ID,
    ROW_POSITION,
    SUMMARY_FIELDS,
    TEXT_FIELDS,
    NoTextError,
    check_named_field,
    check_row_id,
    check_text_not_id,
    choose_field,
    class_labels,
    field_label,
    had_text_before_cleaning,
    has_id,
    id_or_place,
    jsonl_field_names,
    language_of,
    list_documents,
    name_cluster,
    no_field,
    no_text,
    no_text_left,
    note_empty,
    references_of,
    row_dates,
    rows_of_columns,
    strings_of,
)
from summarizer.documents.rowsize import over_by_footer, over_in_arrow, row_too_large
from summarizer.errors import (
    DatasetNotFoundError,
    InputError,
    OptionError,
    did_you_mean,
    first_line,
    no_option,
    option_label,
    value_repr,
    with_message,
)
from summarizer.languages import normalize_language
from summarizer.runtime import download_blocked
from summarizer.textio import (
    JSONL_SUFFIXES,
    a_json_type,
    blank,
    expand_home,
    input_exists,
    is_saved_dataset,
    json_problem,
    read,
    refuse_irregular,
    with_id,
)


@dataclass(frozen=True)
class HFPreset:
    """Field names and conventions of one data set layout."""

    text_field: str
    summary_field: str | None
    id_field: str | None = None
    separator: str | None = None  # splits one text field into several articles
    hub_name: str | None = None
    config: str | None = None


PRESETS: dict[str, HFPreset] = {
    "multi_news": HFPreset("document", "summary", None, "|||||", "alexfabbri/multi_news"),
    "cnn_dailymail": HFPreset("article", "highlights", "id", None, "abisee/cnn_dailymail", "3.0.0"),
    "xsum": HFPreset("document", "summary", "id", None, "EdinburghNLP/xsum"),
}
_ALIASES = {
    "multi-news": "multi_news", "multinews": "multi_news", "alexfabbri/multi_news": "multi_news",
    "cnn-dailymail": "cnn_dailymail", "cnn_dm": "cnn_dailymail", "cnndm": "cnn_dailymail",
    "abisee/cnn_dailymail": "cnn_dailymail", "cnn_dailymail": "cnn_dailymail",
    "edinburghnlp/xsum": "xsum",
}


def get_preset(name: str | None) -> HFPreset | None:
    """The preset called ``name`` (or matching a hub id), else None."""
    if not name:
        return None
    key = name.lower()
    key = _ALIASES.get(key, key)
    return PRESETS.get(key)


def id_field_of(named: str | None, preset: HFPreset | None) -> str:
    """The field a row's id is read from: the one named, else the preset's, else ``id``.
    The one rule of the library's readers, ``evaluate`` and ``batch``: a data set read
    through any of them names its clusters alike. A row without the field, or with it null
    or blank, takes its place (:func:`id_or_place`) unless the field was named."""
    return named or (preset.id_field if preset else None) or "id"


def check_preset(name: str | None) -> HFPreset | None:
    """:func:`get_preset`, a name given but unknown being an :class:`OptionError` that
    names its close match (``batch`` and the Hugging Face readers say it alike)."""
    preset = get_preset(name)
    if name and preset is None:
        raise OptionError(f"unknown preset {value_repr(name)}{did_you_mean(name, PRESETS)}; "
                          f"choose one of: {', '.join(PRESETS)}")
    return preset


def _texts(value: Any, preset: HFPreset | None, name: str, where: str) -> list[str]:
    """The texts of field ``name``: :func:`strings_of` (a list of articles is several
    documents, as in JSONL and ``batch``), the preset's line breaks made real."""
    return _line_breaks(strings_of(value, name, where), preset)


def _line_breaks(texts: list[str], preset: HFPreset | None) -> list[str]:
    """The texts with the preset's written line breaks made real (older Multi-News copies
    write ``NEWLINE_CHAR``), for articles and references alike."""
    if preset is PRESETS["multi_news"]:
        return [t.replace("NEWLINE_CHAR", "\n") for t in texts]
    return texts


def _references(value: Any, preset: HFPreset | None, name: str, where: str) -> list[str]:
    """The row's references as a JSONL record's (:func:`references_of`), then the preset's
    marks undone: its line breaks and Multi-News's dash each summary starts with."""
    refs = _line_breaks(references_of(value, name, where), preset)
    if preset is PRESETS["multi_news"]:
        refs = [t.strip().lstrip("–-— ").strip() for t in refs]
    return [t for t in refs if t]


def dataset_rows(dataset: Iterable[Any]) -> Iterator[tuple[Any, str | None]]:
    """(row, None) for each row of ``dataset``, or (None, why) for a row of a ``datasets``
    Dataset holding a cell Python cannot hold (:func:`~summarizer.documents.cells.cell_problem`:
    its field and Arrow type, as ``batch`` names a Parquet row's), the later rows read on.
    ``datasets`` raised pyarrow's OverflowError or ArrowInvalid from its iteration (an
    internal error, exit 70)."""
    if not _is_arrow_dataset(dataset):
        yield from ((row, None) for row in dataset)
        return
    ds: Any = dataset
    big = _rows_over(ds)  # failed before their Python record (a second copy) is made
    start, total = 0, len(ds)
    while start < total:
        if start in big:
            yield None, row_too_large(big[start], "as read")
            start += 1
            continue
        end = min((k for k in big if k > start), default=total)
        rows = ds if start == 0 and end == total else ds.select(range(start, end))
        try:
            for row in rows:
                yield row, None
                start += 1
        except NO_PYTHON_VALUE as exc:
            yield None, _row_problem(ds, start, exc)
            start += 1


def _rows_over(ds: Any, step: int = 1024) -> dict[int, int]:
    """{row: its bytes} of each row of ``datasets`` Dataset ``ds`` over the bound of one
    input, measured in its Arrow table (on disk, mapped): none where the whole table is
    within the bound."""
    if ds.data.nbytes <= read.MAX_FILE_BYTES:
        return {}
    arrow, big = ds.with_format("arrow"), dict[int, int]()
    for first in range(0, len(ds), step):
        big.update((first + i, size) for i, size in over_in_arrow(arrow[first:first + step])
                   .items())
    return big


def checked_rows(dataset: Iterable[Any], where: Callable[[int], str]) -> Iterator[Any]:
    """The rows of ``dataset``; one holding a cell Python cannot hold is an
    :class:`InputError` naming it ``where(i)`` (:func:`dataset_rows`). A row of a list that
    is no mapping (None, a number) is passed on as it is, for the caller's own error."""
    for i, (row, problem) in enumerate(dataset_rows(dataset)):
        if problem is not None:
            raise InputError(f"{where(i)}: {problem}")
        yield row


def dataset_row(dataset: Any, i: int, where: str) -> Any:
    """Row ``i`` of ``dataset``; one holding a cell Python cannot hold, or over the bound of
    one input (measured in Arrow before its record is made, as :func:`dataset_rows`
    does), is an :class:`InputError` naming it ``where`` (:func:`dataset_rows`)."""
    if _is_arrow_dataset(dataset) and dataset.data.nbytes > read.MAX_FILE_BYTES:
        big = over_in_arrow(dataset.with_format("arrow")[i:i + 1])
        if big:
            raise InputError(f"{where}: {row_too_large(big[0], 'as read')}")
    try:
        return dataset[i]
    except NO_PYTHON_VALUE as exc:
        if not _is_arrow_dataset(dataset):
            raise
        raise InputError(f"{where}: {_row_problem(dataset, i, exc)}") from None


def _is_arrow_dataset(dataset: Any) -> bool:
    """Whether ``dataset`` is a ``datasets`` Dataset (Arrow underneath), not a list of dicts."""
    return all(hasattr(dataset, name) for name in ("with_format", "select", "__len__"))


def _row_problem(dataset: Any, i: int, exc: Exception) -> str:
    """Why row ``i`` of a ``datasets`` Dataset has no Python value (``exc``), from its Arrow
    row; an error that no cell of it explains is not this one: raised as it came."""
    row = dataset.with_format("arrow")[i:i + 1]
    if all(converts(column) for column in row.columns):
        raise exc
    return cell_problem(row, exc)


def from_hf_dataset(
    dataset: Iterable[dict],
    preset: str | None = None,
    *,
    limit: int | None = None,
    where: Callable[[int], str] | None = None,
    check_first: bool = True,
    take: bool = False,
    name: str | None = None,
    **fields: Any,
) -> list[Cluster]:
    """Clusters from a ``datasets.Dataset`` (or any iterable of row dicts).

    Give a ``preset`` name (see :data:`PRESETS`) or the field names (``text_field``,
    ``summary_field``, ``id_field``, ``separator``, ``date_field``; with ``language``,
    ``clean`` and ``main_content``: the keywords of :func:`row_reader`); explicit field
    names override the preset's. Rows whose text is empty are skipped and counted in each cluster's
    ``meta["skipped_rows"]``; documents that cleaning leaves without text are listed in
    each cluster's ``meta["skipped"]``, as :func:`~summarizer.documents.load_jsonl` lists
    a record's. A bad row is an error naming it ``where(i)`` (``hf:NAME#3``,
    ``data.jsonl:4``) when ``where`` is given, else ``row i``. Rows none of which has text
    (each without the text field, or with it null or blank) are a
    :class:`~summarizer.documents.records.NoTextError` naming the data set (``name``, else
    "data set") and the field (:func:`~summarizer.documents.records.no_text`), not ``[]``;
    a data set of no rows, or ``limit=0`` (no row is read), gives ``[]``. Rows whose text
    cleaning removed are listed in ``meta["skipped"]`` where a cluster is left; where none
    is, a :class:`~summarizer.documents.records.NoTextLeftError` (a ``NoTextError``) names
    the data set, the field and the first document emptied
    (:func:`~summarizer.documents.records.no_text_left`), where it returned ``[]``, and its
    ``meta`` holds what the clusters' would have. A cluster's id is its row's
    ``id_field``, else the preset's, else its ``id`` (:func:`id_field_of`, as ``evaluate``
    and ``batch`` read it); a row without one takes its position (``"3"``), marked
    ``meta[PLACE_ID]``.

    An ``id_field`` or ``date_field`` the data set's columns, or a list of dicts' first
    row, lack is an :class:`OptionError` (:func:`row_reader`). ``check_first=False``: the
    caller checked its first line itself (``batch``'s records, one at a time). A later
    row without the named ``date_field`` or ``id_field`` (or with the id null or blank) is
    an :class:`InputError` naming it, unless ``require_id=False`` (an id field of the
    caller's own choosing, which a row may lack: such a row takes its position).

    ``take``: the rows are the caller's own, made for this read alone (``batch``'s record of
    a line): each row's text field is taken out of it as it is cleaned
    (:meth:`RowReader.cluster`), not held beside its cleaned copy; rows of a data set or a
    list given by the user are left as they are (False, the default).
    """
    _check_fields(fields)
    if isinstance(dataset, str | bytes | dict) or not isinstance(dataset, Iterable):
        # None was "'NoneType' object is not iterable"; a dict (one row) gave its keys
        raise InputError(f"from_hf_dataset takes a datasets.Dataset or a list of row dicts, "
                         f"not {type(dataset).__name__}")
    if limit is not None and limit < 0:  # read as 0: [], unsaid
        raise OptionError(f"limit must be 0 or more, got {limit}")
    first_at = (where(0) if where else "row 0") if check_first else None
    reader = row_reader(dataset, preset, first_at, name or "data set", **fields)
    clusters: list[Cluster] = []
    skipped_rows = emptied = with_field = 0
    skipped: list[dict] = []
    rows = checked_rows(dataset, where or (lambda i: f"row {i}")) if limit != 0 else ()
    for i, row in enumerate(rows):
        if limit is not None and len(clusters) >= limit:
            break
        with_field += isinstance(row, dict) and reader.text_field in row
        listed = len(skipped)
        cluster = reader.cluster(i, row, where(i) if where else None, skipped, take)
        if cluster is None:
            skipped_rows += 1
            emptied += len(skipped) > listed
        else:
            cluster.meta[ROW_POSITION] = i
            clusters.append(cluster)
    if not clusters and skipped_rows:
        if had_text_before_cleaning(skipped):  # no cluster left to list them: said here
            raise no_text_left(name or "data set", reader.text_field,
                               {"skipped_rows": skipped_rows, "emptied_rows": emptied,
                                "skipped": skipped})
        named = with_field or fields.get("text_field") or preset
        raise no_text(name or "data set", reader.text_field if named else None, skipped_rows)
    for c in clusters:
        c.meta["skipped_rows"] = skipped_rows
        c.meta["emptied_rows"] = emptied  # of them, those whose documents ``skipped`` lists
        c.meta["skipped"] = skipped
    return clusters


@dataclass(frozen=True)
class RowReader:
    """How the rows of a data set become clusters, one row at a time (the fields resolved)."""

    preset: HFPreset | None
    text_field: str
    summary_field: str | None
    id_field: str | None
    separator: str | None
    language: str | None
    clean: bool
    main_content: bool = True  # an HTML page gives its article's text (False: every block)
    date_field: str | None = None  # the documents' dates: one for the row, or one each
    require_id: bool = False  # id_field is the user's: a row without it is malformed
    # where ``language`` is None: a row's own field names its language, else the fallback
    # (None: guessed), as a JSONL record's (records.language_of, the one rule)
    language_field: str | None = None
    fallback_language: str | None = None
    # where the language column is a ClassLabel, its names of the rows' class numbers
    language_labels: Callable[[int], str] | None = None
    # text_field was found among the usual names, not named: each row's own is chosen
    # (choose_field), as batch chooses it; a data set's rows hold every column, null where
    # a row has another ("documents" null beside "text" failed as a row without text)
    per_row: bool = False
    # the text field of the document objects of a row's list (None: their first usual name)
    document_text_field: str | None = None

    def cluster(self, i: int, row: Any, where: str | None = None,
                skipped: list[dict] | None = None, take: bool = False) -> Cluster | None:
        """Row ``i`` as a cluster (``meta`` empty, but :data:`PLACE_ID` where ``i`` is its
        id: the row has none); None for a row without text. Errors
        name the row as ``where`` (the data set and row, or file and line), else "row i".
        A document that cleaning leaves without text, or a blank item of a list, is listed
        in ``skipped`` as ``WHERE FIELD[j]`` (``j``: its place among the row's texts and
        their separated parts), as :func:`~summarizer.documents.load_jsonl` lists a record's.
        ``take``: the row is the caller's own (a record it parsed, a row it read), and its
        text field is taken out of it, so that a text goes as it is cleaned
        (:func:`~summarizer.documents.make.make_taken`), not held beside its cleaned copy."""
        where = where or f"row {i}"
        if isinstance(row, dict):
            if self.require_id:  # absent, null or blank: not given its place for an id
                check_row_id(row, self.id_field, where)
            where = with_id(where, row, self.id_field)
        else:
            raise InputError(f"{where}: {a_json_type(row)}, not a record with fields")
        p, separator = self.preset, self.separator
        lang = language_of(row, self.language_field, self.language, where,
                           self.fallback_language, self.language_labels)
        field = (choose_field(row) or self.text_field) if self.per_row else self.text_field
        # a Sequence of document objects comes as a dict of lists (rows_of_columns)
        value = rows_of_columns(row.get(field))
        start = len(skipped) if skipped is not None else 0
        if isinstance(value, (list, tuple)) and any(isinstance(v, dict) for v in value):
            # document objects ({"text", "date"}: a saved data set's list of structs), read
            # as a JSONL record's are, by the one reader of such a list
            docs = list_documents(value, field, where, self._object_fields(),
                                  self.language, lang, self.clean, self.main_content,
                                  self.date_field is not None, [None] * len(value),
                                  skipped if skipped is not None else [])
            return self._finish(i, row, docs, where, skipped, start)
        # a blank item of a list is a document without text, as in a JSONL record's list;
        # a blank part between separators (Multi-News rows end with one) is no document
        listed = not separator and isinstance(value, (list, tuple))
        texts = _texts(value, p, field, where)
        parts = [part for t in texts for part in (t.split(separator) if separator else [t])]
        dates = row_dates(row, self.date_field, field, len(parts), listed, where)
        if take:  # the row's fields read (an error lists them): its text is parts' alone
            row.pop(field, None)
        del value, texts
        docs = []
        for j in range(len(parts)):
            held, parts[j] = [parts[j]], ""
            had_text = not blank(held[0])
            if had_text:
                try:
                    doc = make_taken(held, id=f"doc{j}", language=lang, clean=self.clean,
                                     main_content=self.main_content, date=dates[j])
                except InputError as exc:  # the Document refused its date: name the row
                    raise with_message(exc, f"{where}: {exc}") from None
                if not blank(doc.text):
                    docs.append(doc)
                    continue
            elif not listed:
                continue
            if skipped is not None:
                note_empty(skipped, f"{where} {field}[{j}]", had_text, f"doc{j}")
        return self._finish(i, row, docs, where, skipped, start)

    def _object_fields(self) -> dict[str, Any]:
        """The fields of the row's document objects, as a JSONL record's (its text the
        first usual name; its date this reader's date field, else ``date``)."""
        return jsonl_field_names(dict(
            id_field=self.id_field, language_field=self.language_field,
            text_field=self.document_text_field,
            **({"date_field": self.date_field} if self.date_field else {})))

    def _finish(self, i: int, row: dict, docs: list, where: str,
                skipped: list[dict] | None, start: int) -> Cluster | None:
        """The row's cluster of ``docs`` (None where there are none), its references read."""
        p = self.preset
        # strings and integers, as in JSONL: a bytes or float column gave "b'a'" or "1.5"
        cid = id_or_place(row, self.id_field, i, where)
        if not docs:  # its documents listed: cleaning emptied them (a left-out cluster)
            if skipped is not None:
                name_cluster(skipped, start, cid, whole=True)
            return None
        refs = (_references(row.get(self.summary_field), p, self.summary_field, where)
                if self.summary_field else [])
        if skipped is not None:
            name_cluster(skipped, start, cid)
        cluster = Cluster(documents=docs, id=cid, references=refs)  # its language: Cluster's rule
        if not has_id(row, self.id_field):
            cluster.meta[PLACE_ID] = True
        return cluster


def _object_field_names(dataset: Any, first: dict | None, text_field: str) -> list[str]:
    """The fields of the document objects in column ``text_field``: of a saved data set's
    list of structs or Sequence of a dict (its features), or of a list of dicts' first
    row's objects; none else."""
    features = getattr(dataset, "features", None)
    feature = features.get(text_field) if isinstance(features, Mapping) else None
    inner = feature[0] if isinstance(feature, list) and feature else getattr(feature, "feature",
                                                                              None)
    if isinstance(feature, Mapping) and feature and all(
            isinstance(v, list) or getattr(v, "feature", None) is not None
            for v in feature.values()):  # a Sequence of a dict: a dict of lists
        inner = feature
    if isinstance(inner, Mapping):
        return list(inner)
    items = first.get(text_field) if first else None
    if isinstance(items, (list, tuple)):
        return list(dict.fromkeys(k for item in items if isinstance(item, dict) for k in item))
    return []


def _check_fields(fields: dict[str, Any]) -> None:
    """An :class:`OptionError` for a keyword that :func:`row_reader` does not take (it was
    a bare TypeError)."""
    known = [k for k, p in inspect.signature(row_reader).parameters.items()
             if p.kind is inspect.Parameter.KEYWORD_ONLY]
    unknown = [k for k in fields if k not in known]
    if unknown:
        raise OptionError(no_option("the Hugging Face reader", unknown, known))


def row_reader(
    dataset: Iterable[dict] | None = None,
    preset: str | None = None,
    first_at: str | None = "row 0",
    dataset_name: str = "data set",
    *,
    text_field: str | None = None,
    summary_field: str | None = None,
    references: bool = True,
    id_field: str | None = None,
    separator: str | None = None,
    language: str | None = "english",
    clean: bool = True,
    main_content: bool = True,
    date_field: str | None = None,
    require_id: bool | None = None,
    language_field: str | None = "language",
    fallback_language: str | None = None,
    document_text_field: str | None = None,
) -> RowReader:
    """The :class:`RowReader` of :func:`from_hf_dataset`: explicit fields, else the preset's,
    else (text; with ``references``, the reference summaries too) the first usual name among
    the data set's columns (or a list of dicts' first row's), (id) ``id``. ``references=False``:
    no reference is read unless a field is named (``batch``'s rows). ``date_field``, as
    :func:`~summarizer.documents.load_jsonl`'s, names the documents' dates, by which
    they are put in order (none is read unless it is named: a data set's rows have no
    usual date field).

    An ``id_field`` or ``date_field`` the data set's columns lack is an
    :class:`OptionError`, and so is one the first row of a data set without column
    names (a list of dicts) lacks, named as ``first_at`` (every id and date was silently
    none); ``first_at=None``: the caller checked its first line itself. Columns with none
    of the usual text fields, none named, are a
    :class:`~summarizer.documents.records.NoTextError` naming ``dataset_name``
    (:func:`~summarizer.documents.records.no_field`'s wording, as ``evaluate`` says it of
    a first row). ``require_id``: a
    row without ``id_field``, or with it null or blank, is an :class:`InputError` naming
    it, not given its place for an id; None (the default): where ``id_field`` is named, as a named ``date_field`` is
    required (False: the caller's own choice of field, ``evaluate``'s usual ``id``).
    ``language``: every row's documents'; None: those of a row whose ``language_field``
    names one are read in it, the others in ``fallback_language`` (None: guessed), as
    :func:`~summarizer.documents.load_jsonl` reads a record's; a ``language_field`` that
    the data set's features make a ClassLabel is read by its names (the rows hold the
    class numbers). ``document_text_field``: the text field of the document objects of a
    row's list (``text_field`` then names the list), else their first usual name."""
    if language is not None:  # "", 0 or [] was read as not given (None: every row's own)
        normalize_language(language)
    p = check_preset(preset)
    columns = getattr(dataset, "column_names", None)
    first = dataset[0] if (columns is None and isinstance(dataset, Sequence) and dataset
                           and isinstance(dataset[0], dict)) else None
    names: Sequence[str] = ()
    if not text_field and not p:  # the usual names are looked for among these
        names = columns if columns is not None else list(first or ())
    named = text_field or (p.text_field if p else None)
    label = field_label("text_field", text_field, preset if p else None)
    text_field = choose_field(names, text_field, p.text_field if p else None) or "text"
    summary_field = summary_field if summary_field is not None else (p.summary_field if p else None)
    if summary_field is None and references:  # the usual names, as JSONL and evaluate read them
        found = choose_field(columns if columns is not None else list(first or ()),
                             candidates=SUMMARY_FIELDS)
        summary_field = found if found != text_field else None
    # the fields every row has, or the first row's (as batch and JSONL say it)
    known, at = (columns, "data set") if columns is not None else (first, first_at)
    if known is not None and at is not None:
        if id_field:
            check_named_field(known, id_field, option_label("id_field"), at, NO_ID_FIELD)
        # a date field of the text column's document objects: each document's date
        inner = _object_field_names(dataset, first, text_field)
        check_named_field([*known, *inner], date_field, option_label("date_field"), at)
    if require_id is None:
        require_id = bool(id_field)
    id_field = id_field_of(id_field, p)
    check_text_not_id(text_field, id_field)  # as batch and evaluate refuse it
    separator = separator if separator is not None else (p.separator if p else None)
    if columns is not None and not named and text_field not in columns:  # none of the usual
        # names: every row without text (no_text's rule, read from the columns)
        raise no_field(dataset_name, "documents", TEXT_FIELDS, option_label("text_field"), "",
                       NoTextError)
    if columns is not None:  # named by the caller: an OptionError
        check_named_field(columns, text_field, label, "data set")
    return RowReader(p, text_field, summary_field, id_field, separator, language, clean,
                     main_content, date_field, require_id, language_field, fallback_language,
                     class_labels(dataset, language_field), per_row=not named,
                     document_text_field=document_text_field)


_LOCAL_FORMATS = {**dict.fromkeys(JSONL_SUFFIXES, "json"), ".json": "json",
                  ".parquet": "parquet", ".csv": "csv", ".arrow": "arrow"}


def load_hf_dataset(
    name_or_path: str | os.PathLike,
    split: str | None = None,
    preset: str | None = None,
    *,
    config: str | None = None,
    limit: int | None = None,
    **fields: Any,
) -> list[Cluster]:
    """Load a data set by hub name or local path and return its clusters.

    Local paths: a folder written by ``Dataset.save_to_disk`` /
    ``DatasetDict.save_to_disk``, or a ``.jsonl``/``.json``/``.parquet``/``.csv``
    file. Hub names (``multi_news``, ``cnn_dailymail``, ``xsum`` or any id)
    work when the hub is reachable or the data set is cached; otherwise
    :class:`DatasetNotFoundError`. ``fields`` go to :func:`from_hf_dataset`.
    ``split``: of a hub data set or a folder, ``test`` unless named; a local file has one,
    read whole, which ``datasets`` names ``train`` (:func:`open_hf_dataset`).
    """
    _check_fields(fields)  # a typo named before the data set opens (a download, maybe)
    if not isinstance(name_or_path, str | os.PathLike):  # None: os.fspath's TypeError
        raise InputError(f"name_or_path must be a data set's hub name or path, not "
                         f"{type(name_or_path).__name__}")
    preset = preset or (str(name_or_path) if get_preset(str(name_or_path)) else None)
    ds = open_hf_dataset(name_or_path, split, preset, config=config)
    return from_hf_dataset(ds, preset, limit=limit, name=str(name_or_path), **fields)


def _csv_as_written(path: Path, datasets: Any) -> dict[str, Any]:
    """A CSV file's reading options: every column as the text written, a blank cell as "".
    pandas' inference made ids "007" and "0042" 7 and 42, and one blank id made the column
    floats (1.0), which no row's id may be."""
    if path.suffix.lower() != ".csv":
        return {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh))
    except (StopIteration, UnicodeDecodeError, csv.Error, OSError):
        return {}  # no header, or none readable: the reader says why
    if len(set(header)) != len(header):
        return {}  # pandas renames repeated names ("a.1"): its own inference then
    return {"features": datasets.Features({name: datasets.Value("string") for name in header}),
            "keep_default_na": False}


def open_hf_dataset(
    name_or_path: str | os.PathLike, split: str | None = None, preset: str | None = None,
    *, config: str | None = None,
) -> Any:
    """The raw ``datasets.Dataset`` (rows as dicts) that :func:`load_hf_dataset` reads:
    split ``split`` (None: ``test``) of a hub data set or a ``save_to_disk`` folder, or a
    local file, or a folder of one saved Dataset, whole (:func:`_one_split`)."""
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - datasets is a core dependency
        raise DatasetNotFoundError("the `datasets` package is not installed") from exc

    if not str(name_or_path).strip():  # 'hf:' alone: Path('') is '.', the working folder
        raise DatasetNotFoundError("hf: names no data set: give hf:NAME (a hub id, a "
                                   "save_to_disk folder or a .jsonl/.json/.parquet/.csv file)")
    preset = preset or (str(name_or_path) if get_preset(str(name_or_path)) else None)
    p = get_preset(preset)
    path = expand_home(name_or_path)  # 'hf:~/data' reaches us unexpanded by the shell
    # input_exists: a name the system refuses (too long) is an InputError, not an OSError
    if not input_exists(path) and str(name_or_path).startswith((".", "/", "~")):
        # a path, not a hub id: say so rather than "the hub is unreachable"
        raise DatasetNotFoundError(f"{name_or_path}: no such folder or file (a local data set "
                                   "is a save_to_disk folder or a .jsonl/.json/.parquet/.csv file)")
    blocked: str | None = None  # why the hub cannot be asked (a hub id only)
    try:
        if is_saved_dataset(path):
            ds = _load_saved(datasets, path, split)
        elif path.is_file() and path.suffix.lower() in _LOCAL_FORMATS:
            _one_split(path, split, _FILE_SPLIT, "a single file")
            if path.suffix.lower() == ".parquet":
                _refuse_large_rows(path)
            with _parser_errors_unlogged(datasets):
                ds = datasets.load_dataset(_LOCAL_FORMATS[path.suffix.lower()],
                                           data_files={_FILE_SPLIT: str(path)}, split=_FILE_SPLIT,
                                           **_csv_as_written(path, datasets))
        elif path.exists():
            raise InputError(f"{path}: not a saved data set or a .jsonl/.json/.parquet/.csv file")
        else:
            hub = p.hub_name if p and p.hub_name else str(name_or_path)
            cfg = config or (p.config if p else None)
            blocked = download_blocked(dataset=True)  # the encoder's and models' wording
            with _cache_only(datasets, blocked is not None):
                ds = datasets.load_dataset(hub, cfg, split=split or "test")
    except InputError:
        raise
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # datasets raises many types for "not reachable / not cached"
        if path.is_file():  # a local file: no hub is involved, nothing to download
            why = exc.__cause__ or exc  # DatasetGenerationError: the parser's error
            empty = _no_rows(path, why)
            if empty:
                raise InputError(f"{path}: {empty}") from None
            raise InputError(f"{path}: cannot be read as a {_LOCAL_FORMATS[path.suffix.lower()]}"
                             f" data set ({type(why).__name__}: {first_line(why, 200)})") from None
        hint = (f"{blocked}, and it is not in the local cache" if blocked else
                "the Hugging Face hub is unreachable or the name is wrong, and it is not in "
                "the local cache")
        raise DatasetNotFoundError(
            f"cannot load data set {value_repr(str(name_or_path))} (split {value_repr(split or 'test')}): {hint}. "
            "Download it once with network access, or give a local copy as hf:PATH (a folder from "
            f"save_to_disk, or a .jsonl/.parquet/.csv file). [{type(exc).__name__}: "
            f"{first_line(exc, 200)}]"
        ) from None
    return ds


def _refuse_large_rows(path: Path) -> None:
    """A row of Parquet file ``path`` over the bound of one input, by its footer, is an
    :class:`InputError` naming it, before ``datasets`` reads the file (and the row whole)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_metadata(path)
    except (pa.ArrowException, OSError):  # damaged: the parser's error says so
        return
    over = over_by_footer(metadata)
    if over:
        group = min(over)
        row = sum(metadata.row_group(i).num_rows for i in range(group))
        said = row_too_large(over[group], "uncompressed by the file's footer")
        raise InputError(f"{path}: row {row} (row group {group}): {said}")


def _no_rows(path: Path, why: BaseException) -> str | None:
    """What is wrong with local file ``path``, which ``datasets`` failed to read (``why``),
    where it has no rows, in ``batch``'s words ("is empty", "holds no rows"); else None.
    ``datasets`` said "StopIteration", "BatchSize must be greater than 0" (a Parquet file
    of a schema and no rows) or 'Instruction "train" corresponds to no data!' (a CSV file
    of a header, a JSON file of ``[]``)."""
    if path.stat().st_size == 0:
        return "is empty"
    if path.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:  # the footer alone: the row count it gives
            return "holds no rows" if pq.read_metadata(path).num_rows == 0 else None
        except (pa.ArrowException, OSError):  # damaged: the parser's error says so
            return None
    # datasets' own words for a split of no rows (arrow_reader), its files read
    return "holds no rows" if "corresponds to no data" in str(why) else None


# The one split of a local file read alone, in datasets' name for it.
_FILE_SPLIT = "train"


def split_read(name_or_path: str | os.PathLike, split: str | None, ds: Any) -> str | None:
    """The split :func:`open_hf_dataset` read as ``ds``: ``split`` where given, else the one
    ``datasets`` names (``train`` for a file), else ``test`` for a DatasetDict folder or a
    hub data set; None for a folder of one Dataset saved without one."""
    if split is not None:
        return split
    if getattr(ds, "split", None) is not None:
        return str(ds.split)
    path = expand_home(name_or_path)
    if is_saved_dataset(path) and not (path / "dataset_dict.json").exists():
        return None
    return "test"


def _one_split(path: Path, split: str | None, own: str | None, what: str) -> None:
    """``path`` holds one split, ``own`` (None: unnamed), read whole: ``split`` may be None or
    ``own``; another is an :class:`OptionError` (it was read whole under any ``--split``,
    ``test``, ``validation`` ..., as if it were that split)."""
    if split is not None and split != own:
        raise OptionError(f"{path}: {what} has no split {value_repr(split)}: it is read whole"
                          f"{f' as split {value_repr(own)}' if own else ''}; leave the split (--split) "
                          f"out, or give a save_to_disk folder or hub data set with that split")


def _saved_split(path: Path, read: Callable[[Path], dict]) -> str | None:
    """The split a folder of one saved Dataset is: the one ``datasets`` loaded it as
    (``state.json``'s ``_split``), else the name its DatasetDict saved it under
    (``news/train``), else none."""
    state = read(path / "state.json") if (path / "state.json").exists() else {}
    if isinstance(state.get("_split"), str):
        return state["_split"]
    parent = path.parent / "dataset_dict.json"
    if parent.exists() and path.name in (read(parent).get("splits") or []):
        return path.name
    return None


def _load_saved(datasets: Any, path: Path, split: str | None) -> Any:
    """Split ``split`` (None: ``test``) of a ``save_to_disk`` folder (of a DatasetDict only
    that split is opened); a folder of one Dataset is read whole (:func:`_one_split`). What
    ``datasets`` cannot read is an :class:`InputError` naming the folder: a split saved with
    no rows made ``load_from_disk`` fail with an IndexError, which was reported as "the hub
    is unreachable", and failed every other split of the folder too."""
    import json

    def read(file: Path) -> dict:
        refuse_irregular(file, missing_ok=True)  # a FIFO's read waited for a writer
        try:
            value = json.loads(file.read_bytes().decode("utf-8"))
        except OSError as exc:
            raise InputError(f"{file}: not a data set file datasets wrote ({exc})") from None
        except (ValueError, RecursionError) as exc:  # also not UTF-8, json's limits
            raise InputError(f"{file}: not valid JSON ({json_problem(exc)}); not a data set "
                             "file datasets wrote") from None
        if not isinstance(value, dict):  # its .get was an AttributeError: "hub unreachable"
            raise InputError(f"{file}: {a_json_type(value)}, not the object of a data set "
                             "file datasets wrote")
        return value

    if (path / "dataset_dict.json").exists():
        split = split or "test"
        splits = read(path / "dataset_dict.json").get("splits") or []
        if split not in splits:
            raise InputError(f"{path}: no split {value_repr(split)} (splits: {', '.join(map(str, splits))})")
        path = path / split
    elif split is not None:  # one Dataset saved alone: its own split, if it has one
        _one_split(path, split, _saved_split(path, read), "a saved data set of one split")
    state = read(path / "state.json") if (path / "state.json").exists() else None
    if state is not None and not state.get("_data_files"):
        raise InputError(f"{path}: the data set has no rows (saved empty)")
    for name in _data_files(path / "state.json", state or {}):
        refuse_irregular(path / name, missing_ok=True)  # arrow waited on a FIFO, past SIGTERM
    try:
        return datasets.load_from_disk(str(path))
    except Exception as exc:  # a damaged or foreign folder: no hub is involved
        raise InputError(f"{path}: cannot be read as a saved data set "
                         f"({type(exc).__name__}: {first_line(exc, 200)})") from None


def _data_files(file: Path, state: dict) -> list[str]:
    """The names of the arrow files a saved data set's ``state.json`` (``file``) lists. One
    without a name was said as "FOLDER: is not a regular file" (the folder / "")."""
    files = state.get("_data_files") or []
    if not isinstance(files, list):
        raise InputError(f"{file}: _data_files is {a_json_type(files)}, not a list; not a "
                         "data set file datasets wrote")
    names = []
    for n, entry in enumerate(files):
        name = entry.get("filename") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{file}: _data_files[{n}] has no \"filename\" (the arrow file's "
                             "name); not a data set file datasets wrote")
        names.append(name)
    return names


@contextmanager
def _parser_errors_unlogged(datasets: Any) -> Iterator[None]:
    """Keep ``datasets`` from logging a local file's parser error ("Failed to read file ...
    with error <class ...>") on stderr: the error it then raises is said in one line."""
    level = datasets.logging.get_verbosity()
    datasets.logging.set_verbosity(datasets.logging.CRITICAL)
    try:
        yield
    finally:
        datasets.logging.set_verbosity(level)


@contextmanager
def _cache_only(datasets: Any, on: bool) -> Iterator[None]:
    """Read only the local cache, when ``on`` (offline mode, or the hub cannot be reached).

    Without this, ``datasets`` spends about 25 s in HTTP retries before it fails on an
    unreachable hub, and follows an offline switch only if it was set before ``datasets``
    was imported; offline, it answers from the cache (or fails) at once.
    """
    if not on:
        yield
        return
    from huggingface_hub import constants

    saved = (datasets.config.HF_HUB_OFFLINE, constants.HF_HUB_OFFLINE)
    datasets.config.HF_HUB_OFFLINE = constants.HF_HUB_OFFLINE = True
    try:
        yield
    finally:
        datasets.config.HF_HUB_OFFLINE, constants.HF_HUB_OFFLINE = saved
