"""Batch input: clusters as raw rows from JSONL or Parquet files, folders of shards, or HF data sets.

The driver only reads rows (cheap); turning a row into a cleaned
:class:`~summarizer.documents.model.Cluster` happens where the row is
summarised (an actor on the Ray engine), with the project's own loaders:
``documents`` as a list (strings or ``{"text", "title", "date"}`` objects)
goes through the JSONL cluster loader, one text field (optionally split by
``separator``, or a Hugging Face preset) through the ``datasets`` loader.

Each row has a *position*: its 0-based index in the whole input (shards in
sorted name order, blank JSONL lines not counted), and a *where* for
messages (``file.jsonl:LINE`` or ``file.parquet#ROW``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Generator, Iterator
from dataclasses import asdict, dataclass, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from summarizer.documents.cells import NO_PYTHON_VALUE, cell_problem
from summarizer.documents.hf import dataset_rows, get_preset, id_field_of
from summarizer.documents.model import Cluster
from summarizer.documents.records import (
    DOCUMENT_TEXT_FIELDS,
    JSONL_DEFAULTS,
    TEXT_FIELDS,
    NoTextError,
    check_named_field,
    check_row_id,
    check_row_options,
    choose_field,
    class_labels,
    class_name,
    field_label,
    has_id,
    holds_text,
    id_or_place,
    is_class_number,
    no_text,
    object_text_list,
    rows_of_columns,
)
from summarizer.documents.rowsize import over_by_footer, over_in_arrow, row_too_large
from summarizer.errors import (
    CompressedDataError,
    InputError,
    OutOfMemoryError,
    SummarizerError,
    value_repr,
    warn,
    with_message,
)
from summarizer.languages import whitespace_tokens
from summarizer.textio import (
    COMPRESSED_SUFFIXES,
    JSONL_SUFFIXES,
    InputStamp,
    blank,
    input_exists,
    open_input,
    refuse_irregular,
    refuse_non_utf8_name,
    uncompressed_name,
    with_id,
)

PARQUET_SUFFIXES = (".parquet",)
LANGUAGE = JSONL_DEFAULTS["language_field"]  # a row's language: the field batch reads


@dataclass(frozen=True)
class Fields:
    """How rows are read; part of a batch job's settings (they change the summaries)."""

    text_field: str | None = None
    id_field: str | None = None
    separator: str | None = None
    preset: str | None = None
    language: str | None = None
    clean: bool = True
    main_content: bool = True  # an HTML page gives its article's text (False: every block)
    # the documents' dates: a field of a row with one text (one date for its documents), or
    # of each document object of a list (None there: "date", as load_jsonl reads it)
    date_field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """As the manifest records them: ``main_content`` only when off and ``date_field``
        only when named, so that output folders made before they were options still resume
        with the default."""
        out = asdict(self)
        if out["main_content"]:
            del out["main_content"]
        if out["date_field"] is None:
            del out["date_field"]
        return out

    def id_name(self) -> str:
        return id_field_of(self.id_field, get_preset(self.preset))  # the library's rule

    def text_name(self, record: dict[str, Any]) -> str | None:
        """The row's text field: ``--text-field``, else the preset's, else the first usual
        name the row has (:func:`~summarizer.documents.records.choose_field`)."""
        listed = object_text_list(record, self.text_field)
        if listed is not None:  # --text-field names the documents' own text field
            return listed
        preset = get_preset(self.preset)
        return choose_field(record, self.text_field, preset.text_field if preset else None)

    def object_text(self, record: dict[str, Any]) -> str | None:
        """The text field of the row's document objects that ``--text-field`` names
        (:func:`~summarizer.documents.records.object_text_list`), else None: the first usual
        name each object holds."""
        return self.text_field if object_text_list(record, self.text_field) else None


@dataclass
class Row:
    """One input row: where it is, its cluster id, and its fields as read. The fields
    (``record``) are let go of once the row's cluster is made (:class:`SummariseTask`), and
    a text field is taken out of them as it is cleaned (:func:`to_cluster`): the raw text
    of a 50 MB document was held beside its cleaned text while it was cleaned and summarised."""

    position: int
    where: str
    id: str
    record: dict[str, Any] | None  # None: the row could not be read at all (a bad id keeps it)
    error: str | None = None  # why it fails: unreadable, or without its named id
    placed: bool = False  # ``id`` is its position: the row has none (RowIds)


def row_id(record: dict[str, Any], position: int, fields: Fields, where: str = "row") -> str:
    """The row's cluster id: its id field, else its position (as the HF loader does); a
    row without the field ``--id-field`` names, or with it null or blank, is a bad row
    (:meth:`Source._row` says why), its position only what it is reported under.

    Strings and integers only, as in a JSONL data set (:class:`InputError` otherwise): a
    Parquet or HF column of bytes or floats gave ids such as "b'a'" or "1.5", and NaN
    ids that all collided as "nan".
    """
    return id_or_place(record, fields.id_name(), position, where)


def estimate_tokens(record: dict[str, Any] | None, fields: Fields) -> int:
    """Whitespace tokens of the row's text: what batches are sized by (cheap, no cleaning)."""
    if record is None:
        return 0
    name = fields.text_name(record)
    return _count_words(record.get(name), fields.object_text(record)) if name else 0


def _count_words(value: Any, key: str | None = None) -> int:
    if isinstance(value, str):
        return whitespace_tokens(value)
    if isinstance(value, dict):  # a document object: its text as the loaders find it
        # (an object's "article" or "document" counted 0, and sized no batch)
        return _count_words(value.get(key or choose_field(value, candidates=DOCUMENT_TEXT_FIELDS)
                                      or "text"))
    if isinstance(value, (list, tuple)):
        return sum(_count_words(v, key) for v in value)
    return 0


def to_cluster(row: Row, fields: Fields, take: bool = False) -> Cluster:
    """The cleaned cluster of one row; :class:`InputError` says why a row is unusable.
    ``take``: the row's record is the job's own (a line or row its source read), and a
    row's one text field is taken out of it as it is cleaned, not held beside its cleaned
    copy (the record left without it); False leaves the record as it is. The
    documents that cleaning left without text are left out and listed in the cluster's
    ``meta["skipped"]`` (:func:`emptied_documents` says them for the job's report)."""
    if row.record is None or row.error is not None:
        raise InputError(row.error or "unreadable row")
    rec = row.record
    name = fields.text_name(rec)
    if name is None or name not in rec:
        tried = name or ", ".join(TEXT_FIELDS)
        raise InputError(f"no text field ({tried}); fields: {', '.join(map(str, rec)) or 'none'}")
    if rec[name] is None:  # "no text field (documents); fields: documents" said before
        raise InputError(f"field {value_repr(name)} is null")
    value = rows_of_columns(rec[name])  # a data set's Sequence of document objects
    if isinstance(value, (list, tuple)):
        from summarizer.documents.records import cluster_from_record

        spec = {**JSONL_DEFAULTS, "documents_field": name, "id_field": fields.id_name(),
                "date_field": fields.date_field or JSONL_DEFAULTS["date_field"],
                "text_field": fields.object_text(rec)}
        skipped: list[dict] = []
        try:
            cluster = cluster_from_record({**rec, name: list(value)}, spec, fields.language,
                                           fields.clean, row.position, row.where, skipped,
                                           fields.main_content, fields.date_field is not None)
        except InputError as exc:  # the report names the row and its id already
            raise with_message(exc, _without(str(exc), with_id(row.where, rec, spec["id_field"]))) \
                from None
        cluster.meta["skipped"] = skipped
    elif isinstance(value, str):
        from summarizer.documents.hf import from_hf_dataset

        had_text = not blank(value)
        del value  # taken: the record's alone, taken out of it as it is cleaned
        try:  # where: the place an emptied document's report gives
            found = from_hf_dataset([rec], fields.preset, text_field=name, references=False,
                                    id_field=fields.id_name(), require_id=False,  # _row's
                                    separator=fields.separator, language=fields.language,
                                    clean=fields.clean, main_content=fields.main_content,
                                    date_field=fields.date_field, where=lambda _: row.where,
                                    check_first=False, take=take)  # checked on the first row
        except NoTextError:  # its text, split by the separator, only blank parts: said below
            found = []
        except InputError as exc:  # the report names the row already, as for a list
            raise with_message(exc, _without(str(exc), with_id(row.where, rec, fields.id_name()))) \
                from None
        if not found:
            raise InputError(f"field {value_repr(name)} has no text" + (" after cleaning"
                                                              if had_text else ""))
        cluster = found[0]
    else:
        raise InputError(f"field {value_repr(name)} must be text or a list of documents, "
                         f"not {type(value).__name__}")
    cluster.id = row.id
    return cluster


def emptied_documents(row: Row, cluster: Cluster) -> dict[str, Any] | None:
    """The documents of ``row`` that cleaning left without text, as the job reports them
    (beside its failed rows): the row's id, position and place, and each document's id,
    place and why; None when every document kept text."""
    skipped = cluster.meta.get("skipped") or []
    if not skipped:
        return None
    return {"id": row.id, "position": row.position, "where": row.where,
            "documents": [{"document": s.get("document"), "path": s["path"],
                           "reason": s["reason"]} for s in skipped]}


# ------------------------------------------------------------------ sources
class Source:
    """An input: its files (or HF data set), a fingerprint, and its rows in order."""

    def __init__(self, spec: str | os.PathLike, fields: Fields, split: str | None = None):
        self.spec = str(spec)
        # the manifest records the input's path (hf:PATH too) and files, a row's place its
        # file's name: refused before a data set opens
        refuse_non_utf8_name(self.spec, "batch")
        self.fields = fields
        self.split = split
        self.hf = None
        self._plain: dict[Path, bool] = {}  # JSONL shard -> plain UTF-8, as fingerprint() saw
        self.stamp = InputStamp()  # each file as fingerprint() read it: checked at the end
        if self.spec.startswith("hf:"):
            from summarizer.documents.hf import get_preset, open_hf_dataset

            name = self.spec[3:]
            if fields.preset is None and get_preset(name):  # hf:multi_news reads as its preset
                self.fields = replace(fields, preset=name)
            self.kind = "hf"
            self.files: list[Path] = []
            self.hf = open_hf_dataset(name, split, self.fields.preset)
            return
        path = Path(self.spec)
        if not input_exists(path):
            raise InputError(f"{path}: no such file or folder (give a .jsonl or .parquet file, "
                             "a folder of them, or hf:NAME)")
        if path.is_dir():
            from summarizer.textio import walk_files

            found, left_out = walk_files(path)  # links leaving it and cycles are not followed
            files = [p for p in found if _usable_shard(p, path)]
            for f in files:  # before the output folder is made, as the input's own path
                refuse_non_utf8_name(f, "batch")
            # said, as summarize says them: a shard linked from elsewhere was dropped silently
            skipped = [f"{s['path']}: {s['reason']}" for s in left_out]
            # JSON Lines named .json (Spark's, datasets' to_json) and CSV files were left
            # out without a word: half a job's rows, unsaid
            skipped += [f"{p}: not a .jsonl or .parquet file (or a .jsonl.gz, .bz2 or .xz one)"
                        for p in found if _unread_data(p) and not _usable_shard(p, path)
                        and not _marked(p, path)]
            if not files:
                from summarizer.textio import is_saved_dataset

                hint = (f" (a saved Hugging Face data set: give hf:{path})"
                        if is_saved_dataset(path) else "")
                if skipped:
                    hint += f" (skipped {skipped[0]}{' ...' if len(skipped) > 1 else ''})"
                raise InputError(f"{path}: holds no .jsonl or .parquet files{hint}")

            for line in skipped:
                warn(f"skipped {line}")
            self.kind = "folder"
        else:
            # a FIFO: sniffing its first bytes waited for a writer
            refuse_irregular(path, then="give a .jsonl or .parquet file, or a folder of them")
            if not _is_shard(path):
                hint = (f"; hf:{path} reads it as a Hugging Face data set"
                        if path.suffix.lower() in (".csv", ".json") else "")
                raise InputError(f"{path}: batch input must be .jsonl or .parquet (a .jsonl.gz "
                                 f"too; or a folder of them, or hf:NAME){hint}")
            files = [path]
            self.kind = "parquet" if path.suffix.lower() in PARQUET_SUFFIXES else "jsonl"
            _check_file(path)  # before the output folder is made
        self.files = files

    def describe(self) -> dict[str, Any]:
        """What the manifest records about the input."""
        return {"spec": self.spec, "kind": self.kind, "split": self.split,
                "files": [str(f) for f in self.files][:1000], "file_count": len(self.files),
                "fingerprint": self.fingerprint()}

    def size(self) -> int | None:
        """How many rows the input holds, for the job's bar: a data set's, Parquet files'
        (their footers), a JSONL file's non-blank lines (a line that is no JSON, or over the
        bound, is a row that fails), counted in a pass that holds one line. None where that
        is not known so: a damaged footer, a JSONL file that is not plain UTF-8 (decoded
        whole when its rows are read) or unreadable (the rows' read says what)."""
        if self.hf is not None:
            return len(self.hf)
        total = 0
        for f in self.files:
            if f.suffix.lower() in PARQUET_SUFFIXES:
                n = _parquet_count(f)
            else:  # not plain UTF-8 by the fingerprint's pass: not read again to say so
                n = None if self._plain.get(f) is False else _jsonl_count(f)
            if n is None:
                return None
            total += n
        return total

    def fingerprint(self) -> str:
        """A hash of the input's data (file names relative to the input, then contents; a
        gzip file's decompressed data, so that the same rows compressed again, with another
        time in the gzip header or at another level, are the same input). A damaged gzip
        shard of a folder counts as its data up to the damage and the error (its rows are
        reported as unreadable); a single damaged input file is refused here, before the
        output folder is made."""
        if self.hf is not None:
            fp = getattr(self.hf, "_fingerprint", None) or f"{len(self.hf)}"
            return hashlib.sha256(f"{self.spec}\x00{self.split}\x00{fp}".encode()).hexdigest()[:16]
        from summarizer.textio import Utf8Check

        h = hashlib.sha256()
        root = Path(self.spec)
        for f in self.files:
            name = f.relative_to(root).as_posix() if root.is_dir() else f.name
            h.update(os.fsencode(name) + b"\x00")  # the name's bytes, as the system has them
            # the pass also tells whether rows() may read a JSONL shard line by line, which
            # took a pass of its own (the hash is needed before any row is read: it opens or
            # resumes the output folder, so the rows are a second pass)
            check = None if f.suffix.lower() in PARQUET_SUFFIXES else Utf8Check()
            self.stamp.add(f)  # before the read: a write during it shows at the end
            try:
                with open_input(f) as fh:
                    for block in iter(partial(fh.read, 1 << 20), b""):
                        h.update(block)
                        if check is not None:
                            check.feed(block)
                if check is not None:
                    self._plain[f] = check.done()
            except CompressedDataError as exc:
                if self.kind != "folder":
                    raise
                h.update(b"\x02" + str(exc).encode())
            h.update(b"\x01")
        return h.hexdigest()[:16]

    def rows(self) -> Iterator[Row]:
        """Every row in input order; rows that cannot be read come with ``error`` set."""
        position = 0
        if self.hf is not None:
            labels = class_labels(self.hf, LANGUAGE)
            for i, (rec, problem) in enumerate(dataset_rows(self.hf)):
                where = f"{self.spec}#{i}"
                if problem is not None:  # a cell Python cannot hold: fails its row
                    yield Row(position, where, str(position), None, problem)
                    position += 1
                    continue
                assert rec is not None  # a row without a problem has its record
                rec = dict(rec)
                if labels is not None and is_class_number(rec.get(LANGUAGE)):
                    try:  # a ClassLabel's number as its name, as the library's reader reads it
                        rec[LANGUAGE] = class_name(rec[LANGUAGE], labels, LANGUAGE, where)
                    except InputError as exc:  # reported like a row that cannot be read
                        yield Row(position, where, str(position), None, _without(str(exc), where))
                        position += 1
                        continue
                yield self._row(position, where, rec)
                position += 1
            return
        for f in self.files:
            if f.suffix.lower() in PARQUET_SUFFIXES:
                found = _parquet_rows(f)
            else:
                found = _jsonl_rows(f, self._plain.get(f), empty_ok=self.kind == "folder")
            try:
                for where, rec, error in found:
                    if error is not None:
                        row = Row(position, where, str(position), None, error)
                    else:
                        assert rec is not None  # a line without an error has its record
                        row = self._row(position, where, rec)
                    del rec  # the row holds it, until its cluster is made (SummariseTask)
                    yield row
                    position += 1
            except InputError as exc:
                if self.kind != "folder":
                    raise  # the one input file is unusable: nothing to do
                # One bad shard of many is reported like a bad row; the others go on.
                yield Row(position, str(f), str(position), None,
                          f"unreadable shard: {_without(str(exc), str(f))}")
                position += 1

    def check_named_fields(self) -> None:
        """An :class:`OptionError`, before any row is summarised, where the first row that
        can be read lacks a field an option names (``text_field``, ``id_field``, the
        preset's text field, ``date_field``: the row's or its first document's), or holds a list of documents where ``separator`` splits one
        text: every row then failed alike ("no text field"), took its position for an id,
        or was read without the separator, and the job went on. With no text field named,
        an input none of whose readable rows has one of the usual names is an
        :class:`InputError` (evaluate's; the rows are read until one has). Call it after
        :meth:`describe` (it reads the first rows again, knowing how)."""
        readable = (r for r in self.rows() if r.record is not None)
        first = next(readable, None)
        if first is None:  # no row can be read: each is reported as it is met
            return
        rec, f = first.record, self.fields
        assert rec is not None
        at = f"{first.where} (the first row)"
        name = f.text_name(rec)
        if f.text_field or f.preset:
            check_named_field(rec, name, field_label("text_field", f.text_field, f.preset), at)
        self._refuse_textless(chain([first], readable))
        check_row_options(rec, name, f.id_field, f.separator, f.date_field, at, f.id_name())

    def _refuse_textless(self, readable: Iterator[Row]) -> None:
        """The :class:`~summarizer.documents.records.NoTextError` of
        :func:`~summarizer.documents.records.no_text` (``from_hf_dataset``'s and
        ``evaluate``'s) where no row that can be read has text, before cleaning: each
        without a text field (none named: none of the usual names, as evaluate's first line
        is refused), or with it null, blank or a list of blank documents; every row would
        fail alike. The rows are read until one has (a row without is then that row's
        failure, as a later row's lack of a named field is): where the first has, no other
        row is read."""
        seen, field, named = 0, None, self.fields.text_field or self.fields.preset
        for row in readable:
            rec = row.record
            assert rec is not None
            name = self.fields.text_name(rec)
            if name is not None and (named or name in rec):
                if name in rec and holds_text(rec[name], self.fields.object_text(rec)):
                    return
                field = field or name
            seen += 1
        raise no_text(self.spec, field, seen)

    def _row(self, position: int, where: str, rec: dict[str, Any]) -> Row:
        try:  # the id --id-field names, absent, null or blank: a bad row, not its position
            check_row_id(rec, self.fields.id_field, where)
        except InputError as exc:  # its record kept: it is reported under its position
            return Row(position, where, str(position), rec, _without(str(exc), where))
        try:
            return Row(position, where, row_id(rec, position, self.fields, where), rec,
                       placed=not has_id(rec, self.fields.id_name()))
        except InputError as exc:  # reported like a row that cannot be read
            return Row(position, where, str(position), rec, _without(str(exc), where))


# Packed in ways batch does not open (a .jsonl.zst shard: three of five rows were left out
# without a word, and the job ended 0)
_PACKED = (".zst", ".zstd", ".lz4", ".br", ".snappy", ".zip", ".7z", ".tar", ".tgz")


def _unread_data(path: Path) -> bool:
    """A file of data that batch does not read: JSON, CSV, Arrow ... (the loaders' data
    suffixes), or a JSONL or Parquet file packed as it does not read it."""
    from summarizer.documents.loaders import DATA_SUFFIXES

    name = path
    while name.suffix.lower() in COMPRESSED_SUFFIXES + _PACKED:
        name = name.with_suffix("")
    return name.suffix.lower() in (*DATA_SUFFIXES, *JSONL_SUFFIXES, *PARQUET_SUFFIXES,
                                   ".feather")


def _is_shard(path: Path) -> bool:
    """A JSONL file (gzip-compressed too: ``.jsonl.gz``) or a Parquet file."""
    return (uncompressed_name(path).suffix.lower() in JSONL_SUFFIXES
            or path.suffix.lower() in PARQUET_SUFFIXES)


def _marked(path: Path, root: Path) -> bool:
    """Under a name that opens with "_": _SUCCESS, _temporary/ of Spark jobs."""
    return any(part.startswith("_") for part in path.relative_to(root).parts)


def _usable_shard(path: Path, root: Path) -> bool:
    return _is_shard(path) and not _marked(path, root)


def _jsonl_rows(path: Path, plain: bool | None = None, empty_ok: bool = False
                ) -> Iterator[tuple[str, dict | None, str | None]]:
    """(where, record, error) for each non-blank line: a bad line is reported, not fatal.

    A plain UTF-8 shard is read one line at a time, so memory holds one row however
    large the shard; any other (UTF-16, a legacy code page, damaged UTF-8) is decoded
    whole by the one decoding policy, as before. ``plain``: which it is, where a pass
    over the data said so already (:meth:`Source.fingerprint`); else a first pass tells
    them apart, reading the bytes only, in blocks."""
    from summarizer.textio import (
        NotPlainUtf8,
        changed_while_read,
        parse_jsonl_line,
        plain_utf8,
        read_text,
        split_lines,
        utf8_lines,
    )

    if plain is None:
        plain = plain_utf8(path)
    if plain:  # a line over the bound is a failed row, read past (memory: the bound)
        lines: Iterator[tuple[int, str | None]] = (long := utf8_lines(path, skip_long=True))
    else:
        lines = enumerate(split_lines(read_text(path).text), 1)
    blank = True
    try:
        for lineno, line in lines:
            if line is None:
                blank = False
                yield f"{path}:{lineno}", None, long.long_line
                continue
            if not line.strip():
                continue
            blank = False
            where = f"{path}:{lineno}"
            try:
                rec = parse_jsonl_line(line, where)
            except InputError as exc:
                yield where, None, _without(str(exc), where)
                continue
            del line  # not held while the row is summarised (a 50 MB line: 50 MB)
            held = [rec]  # given out of the list: this frame keeps no record either
            del rec
            yield where, held.pop(), None
    except NotPlainUtf8:
        raise changed_while_read(path) from None
    if blank and not empty_ok:  # as read_text says of a whitespace-only file
        raise InputError(f"{path}: is empty")


def _parquet_count(path: Path) -> int | None:
    """The rows a Parquet file's footer says it holds; None for a footer that cannot be read."""
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception:  # noqa: BLE001 (a damaged footer: the rows' read says what)
        return None


def _jsonl_count(path: Path) -> int | None:
    """The rows :func:`_jsonl_rows` gives for a plain UTF-8 file (its non-blank lines, too
    long ones included), one line held at a time; None for any other or unreadable file."""
    from summarizer.textio import NotPlainUtf8, utf8_lines

    try:
        return sum(1 for _, line in utf8_lines(path, skip_long=True)
                   if line is None or line.strip())
    except (NotPlainUtf8, OSError, SummarizerError):
        return None


def _without(message: str, where: str) -> str:
    """The message without a leading ``where: `` (the report names the row already)."""
    return message[len(where) + 2:] if message.startswith(where + ": ") else message


PARQUET_READ_BUFFER = 1 << 20  # bytes of a column chunk read from the file at a time


def _open_parquet(path: Path) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # pyarrow's default pre-buffers a row group's columns whole (200 MB for 200 MB). A
    # file written with page checksums has each page checked as it is read: a page damaged
    # inside gave wrong text in silence, now its rows fail (_salvaged); a page without one
    # is read as before
    try:
        pf = pq.ParquetFile(path, pre_buffer=False, buffer_size=PARQUET_READ_BUFFER,
                            page_checksum_verification=True)
        names = pf.schema_arrow.names
    except MemoryError:  # before ArrowException: pyarrow's ArrowMemoryError is both
        raise _out_of_memory(path) from None
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    # a record keeps the last of two columns of one name in silence, as a JSON reader
    # keeps the last of a key given twice (a JSONL row is refused for it)
    twice = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if twice is not None:
        raise InputError(f"{path}: column {value_repr(twice)} given twice; give each column "
                         "its own name")
    return pf


def _check_file(path: Path) -> None:
    """Cheap checks of a single input file: empty, binary, not Parquet."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        _open_parquet(path)
        return
    from summarizer.textio import looks_binary
    from summarizer.textio.decode import utf16_without_bom, utf32_without_bom

    with open_input(path) as fh:  # a gzip file's data
        head = fh.read(8192)
        while head and not head.strip():  # blank lines before the first row: look on
            head = fh.read(8192)
    if not head:
        raise InputError(f"{path}: is empty")
    # UTF-16 and UTF-32, with a byte-order mark or without (told by their NULs), are read
    # as text, as decode_bytes reads them
    if (looks_binary(head) and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff"))
            and utf16_without_bom(head) is None and utf32_without_bom(head) is None):
        raise InputError(f"{path}: looks like a binary file, not JSONL")


PARQUET_BATCH_ROWS = 256  # rows of a Parquet shard read at a time, at most ...
PARQUET_BATCH_BYTES = 16 << 20  # ... and about this many bytes of them (at least one row)


def parquet_batch_rows(metadata: Any) -> int:
    """How many rows of a Parquet file to read at a time: as many as fit in
    :data:`PARQUET_BATCH_BYTES` by the footer's uncompressed size per row of its widest row
    group, at most :data:`PARQUET_BATCH_ROWS` and at least 1. A fixed 256 rows of a few MB
    each held 256 times a row at once (and its Python records beside it). A dictionary
    column of one value repeated is counted by its stored size, smaller than it reads as."""
    widest = 0.0
    for i in range(metadata.num_row_groups):
        group = metadata.row_group(i)
        if group.num_rows > 0:
            widest = max(widest, max(group.total_byte_size, 0) / group.num_rows)
    if widest <= 0:
        return PARQUET_BATCH_ROWS
    return max(1, min(PARQUET_BATCH_ROWS, int(PARQUET_BATCH_BYTES // widest)))


def _out_of_memory(path: Path) -> OutOfMemoryError:
    return OutOfMemoryError(f"{path}: memory ran out while reading its Parquet data (the file "
                            "is not known to be damaged): free memory and run again")


def _parquet_rows(path: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    pf = _open_parquet(path)
    size = parquet_batch_rows(pf.metadata)
    over = over_by_footer(pf.metadata)  # rows over the bound, failed without being read
    n = 0
    start = 0
    for end in [*sorted(over), pf.metadata.num_row_groups]:
        if end > start:  # a stretch of row groups read in batches (all of them, mostly)
            groups = None if not over else list(range(start, end))
            for rec, error in _parquet_batches(path, pf, size, groups):
                yield f"{path}#{n}", rec, error
                n += 1
                del rec
        if end in over:
            yield f"{path}#{n}", None, row_too_large(over[end], "uncompressed by the file's footer")
            n += 1
        start = end + 1


def _parquet_batches(path: Path, pf: Any, size: int, groups: list[int] | None
                     ) -> Iterator[tuple[dict | None, str | None]]:
    """(record, error) of each row of row groups ``groups`` (None: all), read ``size``
    rows at a time. A damaged page (a sound footer over data cut or overwritten inside)
    fails only as it is read: the row group it is in is read again a row at a time
    (:func:`_salvaged`), and the row groups after it as before."""
    import pyarrow as pa

    while groups != []:  # None (every group) first; then the groups after a damaged one
        try:
            batches = pf.iter_batches(batch_size=size, row_groups=groups)
        except MemoryError:  # pyarrow's ArrowMemoryError is one
            raise _out_of_memory(path) from None
        given = 0  # rows of ``groups`` given out
        while True:
            # pyarrow's OSError named no file, and stopped a folder's other shards. Memory
            # that runs out is no damage: "damaged Parquet data" blamed a sound file.
            try:
                batch = next(batches, None)
            except MemoryError:
                raise _out_of_memory(path) from None
            except (pa.ArrowException, OSError) as exc:
                read = list(range(pf.metadata.num_row_groups)) if groups is None else groups
                groups = yield from _salvaged(path, pf, read, given, _damage(exc))
                break
            if batch is None:
                return
            try:
                rows = list(_batch_rows(batch))
            except MemoryError:  # the batch's Python records
                raise _out_of_memory(path) from None
            del batch
            given += len(rows)
            rows.reverse()  # given out from the end: this frame keeps no record it gave
            while rows:
                yield rows.pop()


def _damage(exc: BaseException) -> str:
    return f"damaged Parquet data ({' '.join(str(exc).split())})"  # pyarrow's runs over lines


def _salvaged(path: Path, pf: Any, groups: list[int], given: int, damage: str
              ) -> Generator[tuple[dict | None, str | None], None, list[int]]:
    """The rows of ``groups`` after the first ``given``, whose read failed with ``damage``:
    the row group holding the failed read is read again a row at a time, its rows up to the
    damaged page given (a batch that failed took the good rows before it), and each row from
    there to the group's end a failed row (pyarrow's reader ends at the error, and cannot
    skip a page). Returns the groups after it, to be read as before. At most a row group is
    read a row at a time (about 45 us a row)."""
    import pyarrow as pa

    start = 0
    for i, group in enumerate(groups):
        rows = pf.metadata.row_group(group).num_rows
        if given < start + rows:
            rest = groups[i + 1:]
            break
        start += rows
    else:  # every row given: the error came after the last (nothing lost)
        return []
    skip, good = given - start, 0  # rows of the group given, rows of it read again
    try:
        one = pf.iter_batches(batch_size=1, row_groups=[group])
    except MemoryError:
        raise _out_of_memory(path) from None
    while good < rows:
        try:
            batch = next(one, None)
            row = list(_batch_rows(batch)) if batch is not None and good >= skip else []
        except MemoryError:  # pyarrow's ArrowMemoryError too, before ArrowException
            raise _out_of_memory(path) from None
        except (pa.ArrowException, OSError) as exc:
            damage = _damage(exc)
            break
        if batch is None:  # fewer rows than the footer says
            break
        del batch
        yield from row
        good += 1
    lost = f"{damage}: the row is in or after a damaged page of row group {group}"
    for _ in range(max(good, skip), rows):
        yield None, lost
    return rest


def _batch_rows(batch: Any) -> Iterator[tuple[dict | None, str | None]]:
    """(record, error) for each row of a Parquet batch. A writer that does not check its
    text (bytes stored as a string column) leaves bytes that are not UTF-8, and a date or
    time past Python's range (a timestamp past year 9999, an int64 sentinel) or a time zone
    no one knows has no Python value: pyarrow's UnicodeDecodeError, OverflowError or
    ArrowInvalid stopped the job (the last two as an internal error, exit 70); the rows
    holding them fail, each naming its field, and the others are read. A row over the
    bound of one input fails before its record is made (:mod:`~summarizer.documents.rowsize`)."""
    big = over_in_arrow(batch)
    if big:
        for i in range(batch.num_rows):
            if i in big:
                yield None, row_too_large(big[i], "as read")
            else:
                yield from _batch_rows(batch.slice(i, 1))
        return
    try:
        records = batch.to_pylist()
    except NO_PYTHON_VALUE:
        pass
    else:
        yield from ((rec, None) for rec in records)
        return
    for i in range(batch.num_rows):
        row = batch.slice(i, 1)
        try:
            rec = row.to_pylist()[0]
        except NO_PYTHON_VALUE as exc:
            yield None, cell_problem(row, exc)
            continue
        yield rec, None
