"""Data set specs -> clusters with reference summaries.

A spec is what a user types after ``summarizer evaluate``:

- a TAC 2011 MultiLing folder (``SourceTexts/``, ``Model Summaries/``), with
  ``language`` any of its 7 languages;
- a DUC 2003/2004 folder (cluster folders ``d30001t/`` under ``docs/`` or
  anywhere below, references under ``models/``-style folders or ``references``);
- a JSONL file (``.jsonl``, ``.ndjson``, gzip-compressed ``.jsonl.gz``), one cluster per
  line, with configurable field names;
- ``hf:NAME`` or ``hf:PATH`` for a Hugging Face ``datasets`` dataset, with
  presets for ``multi_news``, ``cnn_dailymail`` and ``xsum``.

``limit`` with ``seed`` picks a deterministic subset, kept in data set order.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

from summarizer.documents.model import Cluster, document_language, documents_language, unused_id
from summarizer.documents.records import (
    JSONL_DEFAULTS,
    PLACE_ID,
    ROW_POSITION,
    SUMMARY_FIELDS,
    TEXT_FIELDS,
    RowIds,
    check_named_field,
    check_row_options,
    choose_field,
    field_label,
    no_field,
    object_text_list,
)
from summarizer.errors import (
    InputError,
    OptionError,
    UnknownLanguageError,
    no_option,
    option_label,
    shortened,
    value_repr,
    warn,
)
from summarizer.languages import DEFAULT_LANGUAGE
from summarizer.metrics.io import wordless
from summarizer.textio import (
    JSONL_SUFFIXES,
    expand_home,
    input_exists,
    open_jsonl,
    refuse_irregular,
    refuse_non_utf8_name,
    uncompressed_name,
)

# The options that name something (a field, a folder, a preset): "" is none of them
NAMED_OPTIONS = ("references", "text_field", "summary_field", "id_field", "separator", "split",
                 "preset", "date_field")


@dataclass
class DatasetOptions:
    """How a spec is read; recorded in the run settings. ``language``: the documents'
    language; None (not named) reads TAC and DUC data as English, and a JSONL record's (or
    a Hugging Face data set row's) documents in the language its ``"language"`` field
    names, else English (:attr:`run_language`), as ``summarize`` and ``batch`` read that
    field."""

    language: str | None = None
    references: str | None = None
    reference_size: int | None = None
    text_field: str | None = None
    summary_field: str | None = None
    id_field: str | None = None
    separator: str | None = None
    split: str | None = None
    preset: str | None = None
    limit: int | None = None
    seed: int = 1234
    main_content: bool = True  # an HTML page gives its article's text (False: every block)
    # documents that cleaning leaves without text: refused (False), or left out of their
    # clusters and listed in the run's settings and report (True)
    allow_skipped_documents: bool = False
    # the documents' dates (they order them): batch's date_field, the readers' option
    date_field: str | None = None

    def __post_init__(self) -> None:
        from summarizer.languages import normalize_language
        from summarizer.values import check_named, check_seed, check_values, type_hints

        # limit="3" was a TypeError deep in the subset draw, main_content="no" silently true
        values = {k: v for k, v in asdict(self).items() if k not in ("language", "seed")}
        check_values(values, type_hints(DatasetOptions), "data set option ")
        check_named({k: v for k, v in values.items() if k in NAMED_OPTIONS})
        self.seed = check_seed(self.seed)  # its range worded as every seed's: 0..2**32-1, not "64-bit"

        # one spelling in the run settings and names: 'cs', 'Czech' and 'czech' are one
        # run (they were refused as other settings on resume, and named apart); "" or 0 is
        # refused there ("" was English, not each record's)
        if self.language is not None:
            self.language = normalize_language(self.language)

    @property
    def run_language(self) -> str:
        """The language named, else English: TAC's folder, DUC's, the report's, and a
        JSONL document's (or data set row's) that no field names."""
        return DEFAULT_LANGUAGE if self.language is None else self.language

    def to_dict(self) -> dict[str, Any]:
        """As a run records them: ``main_content`` only when off,
        ``allow_skipped_documents`` only when on and ``date_field`` only when named, so that
        run folders made before they were options still resume; ``language`` as
        :attr:`run_language` (a report's and ``compare``'s; a document a JSONL record reads
        in another is told apart by the fingerprint: :func:`fingerprint_language`)."""
        out = asdict(self)
        out["language"] = self.run_language
        if out["main_content"]:
            del out["main_content"]
        if not out["allow_skipped_documents"]:
            del out["allow_skipped_documents"]
        if out["date_field"] is None:
            del out["date_field"]
        return out


# the kinds of data set whose records (or rows) may name their own language
ROW_LANGUAGES = ("jsonl", "hf")


def read_in(kind: str, opts: DatasetOptions) -> str | None:
    """The one language every cluster of a ``kind`` data set is read in; None for a JSONL
    file or Hugging Face data set without a language named, whose records (or rows) may
    each name their own (the field ``summarize`` and ``batch`` read), the others read as
    English."""
    return None if kind in ROW_LANGUAGES and opts.language is None else opts.run_language


def fingerprint_language(kind: str, opts: DatasetOptions) -> str | None:
    """The language a :class:`Fingerprint` tells documents apart from: where a JSONL
    file's records (or a data set's rows) name their own (:func:`read_in`), a document
    read in another than the run's is other data (a run resumed with --language named, or
    the field edited, would mix readings); None elsewhere, every document being read in
    the run's."""
    return opts.run_language if read_in(kind, opts) is None else None


def options_of(options: DatasetOptions | None, keywords: dict[str, Any]) -> DatasetOptions:
    """``options``, or the :class:`DatasetOptions` that ``keywords`` spell: a misspelt one is
    an OptionError naming its close match (it was a bare TypeError), and both at once are
    refused (the keywords were dropped)."""
    if options is not None and keywords:
        raise OptionError(f"give options or keywords, not both (got {sorted(keywords)})")
    if options is not None:
        return options
    known = [f.name for f in fields(DatasetOptions)]
    unknown = [k for k in keywords if k not in known]
    if unknown:
        raise OptionError(no_option("the data set reader", unknown, known))
    return DatasetOptions(**keywords)


class Fingerprint:
    """The data set fingerprint, one cluster at a time: what ``run.json`` records and a
    resumed run must match (so its bytes never change). ``language``: a document read in
    another (its record's) is hashed with it (:func:`fingerprint_language`), and so is a
    cluster of documents in several languages read in its record's, so the fingerprints
    of data read as before are as before."""

    def __init__(self, language: str | None = None) -> None:
        self._hash = hashlib.sha256()
        self._language = language

    def add(self, c: Cluster) -> None:
        h = self._hash
        h.update(c.id.encode() + b"\x00")
        for d in c.documents:  # dates and titles matter too (order, lead "newest")
            for part in (d.id, d.date or "", d.title or "", d.text):
                h.update(part.encode("utf-8") + b"\x01")
            lang = document_language(d, c.language)
            if self._language is not None and lang != self._language:
                h.update(lang.encode("utf-8") + b"\x03")
        # a cluster whose documents have several languages, read in its record's: hashed
        # with it (it was read as English whatever the record named), the others as before
        shared = documents_language(c.documents, c.language) or DEFAULT_LANGUAGE
        if self._language is not None and c.language != shared:
            h.update(str(c.language).encode("utf-8") + b"\x04")
        for r in c.references:
            h.update(r.encode("utf-8") + b"\x02")

    def hexdigest(self) -> str:
        return self._hash.hexdigest()[:16]

    @classmethod
    def of(cls, clusters: Iterable[Cluster], language: str | None = None) -> str:
        """The fingerprint of ``clusters``, in order."""
        fp = cls(language)
        for c in clusters:
            fp.add(c)
        return fp.hexdigest()

    @classmethod
    def of_file(cls, path: str | os.PathLike) -> str:
        """The same hash of a file's bytes, read a block at a time (precomputed summaries:
        a resumed run must score the same ones)."""
        fp = cls()
        with open(path, "rb") as fh:
            for block in iter(partial(fh.read, 1 << 20), b""):
                fp._hash.update(block)
        return fp.hexdigest()

    @classmethod
    def of_files(cls, files: Iterable[Path]) -> str:
        """The hash of the sorted (name, :meth:`of_file`) pairs of ``files``: the order they
        are listed in does not count, a file edited, added, removed or renamed does."""
        fp = cls()
        for name, digest in sorted((os.fsencode(f.name), cls.of_file(f)) for f in files):
            fp._hash.update(name + b"\x00" + digest.encode() + b"\x01")
        return fp.hexdigest()


@dataclass
class Dataset:
    """Clusters of a data set, with what identifies them."""

    name: str
    kind: str
    source: str
    clusters: list[Cluster]
    options: DatasetOptions
    total: int = 0  # clusters before subsetting
    # documents cleaning left without text, left out (``allow_skipped_documents``): as
    # ``meta["skipped"]`` lists them, each with its cluster's id and its own
    skipped: list[dict] = field(default_factory=list)
    # the references of the first selected clusters, each cluster's as one text, kept from
    # the sample the checks took of them (:attr:`ClusterChecks.references`) so that a run's
    # script warning reads no cluster again; None where not known (a selection made since)
    references_sample: list[str] | None = field(default=None, repr=False, compare=False)
    # the list of clusters that passed :class:`ClusterChecks` (opened from a spec, or made by
    # :func:`dataset_from_clusters`; a selection of them too); None: a Dataset built by hand,
    # which a run checks (:func:`checked`). Held, not a flag: a copy given other clusters
    # (``dataclasses.replace(ds, clusters=...)``) kept a flag and was run unchecked
    checked_clusters: list[Cluster] | None = field(default=None, repr=False, compare=False)
    # the languages the selected clusters were read in (:meth:`languages`), as the pass that
    # checked (or hashed) them saw them, so that no cluster is read again for them; None
    # where not known (a selection made since: read from the clusters when asked)
    languages_read: list[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one built by hand: a name or kind of another type (None, 5) made a run whose
        # report.json its own compare and resume refused; options=None an AttributeError
        for key in ("name", "kind", "source"):
            if not isinstance(getattr(self, key), str):
                raise InputError(f"Dataset {key} must be a string, not "
                                 f"{type(getattr(self, key)).__name__}")
        if not isinstance(self.options, DatasetOptions):
            raise InputError("Dataset options must be a DatasetOptions, not "
                             f"{type(self.options).__name__}")
        if not isinstance(self.clusters, (list, tuple)):  # a generator: len() failed
            raise InputError("Dataset clusters must be a list of Cluster, not "
                             f"{type(self.clusters).__name__}")

    @property
    def checked(self) -> bool:
        """Whether these very clusters passed :class:`ClusterChecks`."""
        return self.checked_clusters is not None and self.checked_clusters is self.clusters

    def fingerprint(self) -> str:
        """A hash of the selected clusters' ids, texts and references."""
        return Fingerprint.of(self.clusters, fingerprint_language(self.kind, self.options))

    @property
    def ids(self) -> list[str]:
        """The selected clusters' ids, in data set order."""
        return [c.id for c in self.clusters]

    @property
    def size(self) -> int:
        """How many clusters are selected."""
        return len(self.clusters)

    def iter_clusters(self, skip: Container[str] = ()) -> Iterator[tuple[int, Cluster]]:
        """(index in the selection, cluster) in data set order, but for the ids in ``skip``."""
        for i, c in enumerate(self.clusters):
            if c.id not in skip:
                yield i, c

    def select(self, options: DatasetOptions) -> Dataset:
        """A new data set of the clusters :func:`subset` draws of these with ``options``'
        ``limit`` and ``seed`` (of all of a data set's clusters: what opening it with
        ``options`` chooses), opened with ``options``."""
        chosen = subset(self.clusters, options.limit, options.seed)
        return replace(self, clusters=chosen, options=options, references_sample=None,
                       checked_clusters=chosen if self.checked else None, languages_read=None)

    def skipped_documents(self) -> list[dict[str, Any]]:
        """The documents left out of the selected clusters (``allow_skipped_documents``):
        cluster id, document id and why, in data set order."""
        if not self.skipped:
            return []
        chosen = set(self.ids)
        return [{"cluster": s.get("cluster"), "document": s.get("document"),
                 "reason": s["reason"] + (LEFT_OUT if s.get("cluster_left_out") else ""),
                 **({"cluster_left_out": True} if s.get("cluster_left_out") else {})}
                for s in self.skipped if s.get("cluster") in chosen or s.get("cluster_left_out")]

    def languages(self) -> list[str]:
        """The languages the selected clusters were read in, sorted: the one named, else each
        record's own where it names one (JSONL, ``hf:``), else English."""
        if self.languages_read is None:
            self.languages_read = sorted({c.language or DEFAULT_LANGUAGE
                                          for _, c in self.iter_clusters()})
        return self.languages_read

    def describe(self) -> dict[str, Any]:
        """What goes into ``run.json``: enough to know and reload the data (and the
        documents left out, where there are any: a run over fewer documents differs)."""
        left_out = self.skipped_documents()
        return {
            **({"skipped_documents": left_out} if left_out else {}),
            "name": self.name,
            "kind": self.kind,
            "source": self.source,
            "options": {**self.options.to_dict(), "references": (
                os.path.abspath(expand_home(self.options.references))
                if self.options.references else None)},
            "clusters": self.size,
            "total_clusters": self.total,
            "fingerprint": self.fingerprint(),
        }


# ------------------------------------------------------------------ detection
def _is_tac(path: Path) -> bool:
    return path.is_dir() and (path / "SourceTexts").is_dir() and (path / "Model Summaries").is_dir()


def detect_kind(spec: str) -> str:
    """``tac2011``, ``duc``, ``jsonl`` or ``hf`` for a spec; InputError if none fits."""
    if spec.startswith("hf:"):
        return "hf"
    if not spec:  # Path("") is ".": the folder it ran in was read as the data set
        raise InputError("the data set is empty; give a TAC 2011 or DUC folder, a .jsonl "
                         "file, or hf:NAME")
    path = Path(spec)
    if not input_exists(path):
        raise InputError(
            f"data set not found: {spec} (give a TAC 2011 or DUC folder, a .jsonl file, "
            "or hf:NAME)"
        )
    if path.is_file():
        if uncompressed_name(path).suffix.lower() in (*JSONL_SUFFIXES, ".json"):
            return "jsonl"  # .jsonl.gz too: read decompressed (textio.open_input)
        hint = (f" (hf:{spec} reads it as a Hugging Face data set)"
                if path.suffix.lower() in (".parquet", ".csv") else "")
        raise InputError(f"{spec}: a file data set must be JSONL (.jsonl, .jsonl.gz), one "
                         f"cluster per line{hint}")
    if not path.is_dir():  # a FIFO, socket or device: no layout to look for
        refuse_irregular(spec, then="give a TAC 2011 or DUC folder, or a .jsonl file")
    from summarizer.documents.duc import looks_like_duc

    try:
        if _is_tac(path):
            return "tac2011"
        if looks_like_duc(path):
            return "duc"
    except OSError as exc:  # a folder that lists its names but cannot be entered (no x)
        raise InputError(f"{spec}: cannot be read ({exc.strerror or exc})") from None
    from summarizer.textio import is_saved_dataset

    if is_saved_dataset(path):  # as summarize and batch say it
        raise InputError(f"{spec}: a saved Hugging Face data set; give hf:{spec}")
    raise InputError(
        f"{spec}: not a known data set layout (TAC 2011 MultiLing: SourceTexts/ and "
        "'Model Summaries/'; DUC: docs/d30001t/... and models/)"
    )


# -------------------------------------------------------------------- loaders
def _load_tac(path: Path, opts: DatasetOptions) -> list[Cluster]:
    from summarizer.documents import load_tac2011  # checks the language

    return list(load_tac2011(path, opts.run_language))


def _load_duc(path: Path, opts: DatasetOptions) -> list[Cluster]:
    from summarizer.documents.duc import load_duc

    clusters = load_duc(
        path, opts.references, reference_size=opts.reference_size, language=opts.run_language
    )
    # what a cluster folder held that was not read (a damaged or stray file, an emptied
    # article): refused, or left out and listed with allow_skipped_documents, as JSONL's
    check_skipped([s for c in clusters for s in c.meta["skipped"]], opts)
    return clusters




def _pick_field(record: Container[str], option: str, opts: DatasetOptions, preset: str | None,
                candidates: tuple[str, ...], what: str, where: Path | str) -> str:
    """The field of ``record`` that ``option`` names, else the preset's (``preset``), else
    the first of ``candidates`` it has."""
    named = getattr(opts, option)
    check_named_field(record, named or preset, field_label(option, named, opts.preset),
                      str(where))
    name = choose_field(record, named, preset, candidates=candidates)
    if name is None:
        raise no_field(str(where), what, candidates, _label(option))
    return name


def jsonl_fields(first: dict[str, Any], opts: DatasetOptions,
                 where: Path | str) -> tuple[str, str, str]:
    """The text, reference and id fields of a JSONL data set, from its first line (an
    ``hf:`` data set's field options are checked on its first row here too): each
    named by its option, else by ``--preset``'s layout (a Multi-News file exported as JSONL,
    as ``batch`` reads it), else found among the usual names. A field option the line does
    not fit is refused as ``batch`` refuses it (:func:`check_named_field`)."""
    from summarizer.documents.hf import get_preset, id_field_of

    p = get_preset(opts.preset)
    # --text-field naming the documents' own text field: the list that holds them
    text = object_text_list(first, opts.text_field) or _pick_field(
        first, "text_field", opts, p.text_field if p else None, TEXT_FIELDS, "documents", where)
    summary = _pick_field(first, "summary_field", opts, p.summary_field if p else None,
                          SUMMARY_FIELDS, "reference summary", where)
    if summary == text:  # the documents were scored against themselves
        raise OptionError(f"{_label('summary_field')} and {_label('text_field')} name one "
                          f"field, {value_repr(text)}: the references must be another field")
    id_field = id_field_of(opts.id_field, p)
    check_row_options(first, text, opts.id_field, opts.separator, opts.date_field, str(where),
                      id_field)
    if summary == id_field:  # every reference was its cluster's id: each score 0, unsaid
        raise OptionError(f"{_label('summary_field')} and {_label('id_field')} name one "
                          f"field, {value_repr(summary)}: the references must be another field")
    return text, summary, id_field


def object_text(first: dict[str, Any], opts: DatasetOptions) -> str | None:
    """The text field of the document objects of the first line's (row's) list that
    ``--text-field`` names (:func:`~summarizer.documents.records.object_text_list`), else
    None: each object's first usual name, as the loaders read it."""
    return opts.text_field if object_text_list(first, opts.text_field) else None


# said of each document of a cluster left out whole (none of its documents had text)
LEFT_OUT = "; the whole cluster was left out (no document with text)"


def check_skipped(skipped: list[dict], opts: DatasetOptions) -> list[dict]:
    """The documents that cleaning left without text (a JSONL record's or a row's, as
    ``meta["skipped"]`` lists them), where ``opts.allow_skipped_documents`` leaves them out
    (the run lists them); else an :class:`InputError` naming the first: dropping them unasked would
    silently change the data set that is scored."""
    if skipped and not opts.allow_skipped_documents:
        raise InputError(f"{skipped[0]['path']}: {skipped[0]['reason']} "
                         f"({len(skipped)} unusable document(s) in all; "
                         f"{_label('allow_skipped_documents')} leaves them out and lists them "
                         "in the report)")
    if skipped:
        whole = len({s.get("cluster") for s in skipped if s.get("cluster_left_out")})
        warn(f"{len(skipped)} unusable document(s) are left out "
             f"(first: {skipped[0]['path']})"
             + (f", and {whole} cluster(s) left with none" if whole else "")
             + "; a run's report lists those of the clusters it covers")
    return skipped


def _load_jsonl(path: Path, opts: DatasetOptions) -> list[Cluster]:
    """One cluster per line: documents as a list, or one text (``separator``, else the
    preset's, splits it)."""
    from summarizer.documents import from_hf_dataset, load_jsonl

    # a line at a time (open_jsonl): memory holds the clusters and one record, not the file;
    # a bad line anywhere is said before a bad cluster (bad_lines_first, one parse), as
    # the streamed read (stream._open_jsonl) says it
    jsonl = open_jsonl(path)
    with jsonl.bad_lines_first():
        first = next(iter(jsonl))[1]  # the first line alone: the file is read from it again below
        text, summary, id_field = jsonl_fields(first, opts, path)
        if isinstance(first[text], list):
            clusters = load_jsonl(jsonl, language=opts.language, documents_field=text,
                                  text_field=object_text(first, opts),
                                  fallback_language=opts.run_language,
                                  references_field=summary, id_field=id_field,
                                  main_content=opts.main_content,
                                  date_field=opts.date_field or JSONL_DEFAULTS["date_field"],
                                  leave_out_empty=opts.allow_skipped_documents,
                                  require_date=opts.date_field is not None,
                                  require_id=opts.id_field is not None,
                                  unique_ids=False)  # checked as the run draws
            check_skipped(clusters[0].meta.get("skipped", []) if clusters else [], opts)
            return clusters
        del first
        at = [0]  # the line of the row being read: where(i) is only asked of that one

        def rows() -> Iterator[dict[str, Any]]:
            for lineno, rec in jsonl:
                at[0] = lineno
                yield rec

        return _rows_read(lambda: from_hf_dataset(
            rows(), opts.preset, text_field=text, summary_field=summary, id_field=id_field,
            separator=opts.separator, language=opts.language,
            fallback_language=opts.run_language, main_content=opts.main_content,
            date_field=opts.date_field, check_first=False,  # above
            require_id=opts.id_field is not None, where=lambda i: jsonl.where(at[0]),
            name=str(path)), opts, str(path), f"line(s) have no text in {value_repr(text)}")


def refuse_empty_rows(empty: int, left_out: int, where: str, what: str) -> None:
    """The error for ``empty`` rows without text at all (``left_out``: others, that only
    cleaning left without text, left out)."""
    if empty:
        besides = (f"; {left_out} other(s) had text only before cleaning and were left out"
                   if left_out else "")
        raise InputError(f"{where}: {empty} {what}{besides}")


def open_hf(spec: str, opts: DatasetOptions
            ) -> tuple[Any, str | None, dict[str, Any], DatasetOptions]:
    """The ``datasets`` data set of an ``hf:`` spec, its preset, the keywords of
    :func:`~summarizer.documents.hf.row_reader` that read its rows, and ``opts`` with the
    split that was read (``test`` where none was given, ``train`` for a file): the run
    recorded None, so its report named no split, and ``--split test`` was refused as
    another run's settings."""
    from summarizer.documents.hf import dataset_row, get_preset, open_hf_dataset, split_read

    name = spec[3:]
    preset = opts.preset or (name if get_preset(name) else None)
    ds = open_hf_dataset(name, opts.split, preset)
    opts = replace(opts, split=split_read(name, opts.split, ds))
    # the field options checked on the first row, as on a JSONL data set's first line: an
    # id field it lacks gave every cluster its position, a separator beside a list went unused
    found = None  # the reference field found on the first row, as on JSONL's first line
    text_field, inner = opts.text_field, None
    if len(ds):  # (a local file or saved folder without rows was refused in opening it)
        # (its date column by row_reader, among the columns: a row's list of texts may
        # have a list of dates, which JSONL's documents give as their own fields)
        first = dataset_row(ds, 0, f"{spec}#0")
        text, found, _ = jsonl_fields(first, replace(opts, preset=preset, date_field=None),
                                      f"{spec}#0")
        inner = object_text(first, opts)
        if inner is not None:  # the documents' own text field: the row's is their list
            text_field = text
    summary = opts.summary_field
    if get_preset(preset) is None and summary is None:  # no layout named: the field found
        summary = found  # (without this every cluster lacked references)
    fields = {k: v for k, v in (("text_field", text_field),
                                ("document_text_field", inner),
                                ("summary_field", summary),
                                ("id_field", opts.id_field),  # else row_reader's rule
                                ("separator", opts.separator),
                                ("date_field", opts.date_field)) if v is not None}
    # an id field found, not named, is no --id-field: a row without it takes its place
    # a row's "language" read as a JSONL record's (records.language_of), else English
    return ds, preset, {"language": opts.language, "fallback_language": opts.run_language,
                        "main_content": opts.main_content,
                        "require_id": opts.id_field is not None, **fields}, opts


def _load_hf(spec: str, opts: DatasetOptions) -> tuple[list[Cluster], DatasetOptions]:
    from summarizer.documents.hf import from_hf_dataset

    ds, preset, fields, opts = open_hf(spec, opts)
    return _rows_read(lambda: from_hf_dataset(ds, preset, where=lambda i: f"{spec}#{i}",
                                              name=spec, **fields),
                      opts, spec, "row(s) have no text"), opts


def _rows_read(read: Callable[[], list[Cluster]], opts: DatasetOptions, where: str,
               what: str) -> list[Cluster]:
    """The clusters ``read`` (``from_hf_dataset``'s) gives, once the documents cleaning
    emptied (:func:`check_skipped`) and the rows without text (:func:`refuse_empty_rows`) are
    checked; where cleaning left no row with text (its ``NoTextLeftError``, which holds
    what the clusters' ``meta`` would have), said in the same words, as the streamed read
    says it."""
    from summarizer.documents.records import NoTextLeftError

    try:
        clusters = read()
        meta = clusters[0].meta if clusters else {}
    except NoTextLeftError as exc:
        clusters, meta = [], exc.meta
    check_skipped(meta.get("skipped", []), opts)
    empty, emptied = meta.get("skipped_rows", 0), meta.get("emptied_rows", 0)
    refuse_empty_rows(empty - emptied, emptied, where, what)
    return clusters


def subset(clusters: list[Cluster], limit: int | None, seed: int) -> list[Cluster]:
    """``limit`` clusters drawn with ``seed``, kept in their original order."""
    chosen = subset_positions(len(clusters), limit, seed)
    return list(clusters) if chosen is None else [clusters[i] for i in chosen]


def subset_positions(total: int, limit: int | None, seed: int) -> list[int] | None:
    """The positions :func:`subset` keeps of ``total`` clusters, ascending; None for all.
    Drawn from the count alone: a data set read in passes draws the same clusters."""
    if limit is None or limit >= total:
        return None
    if limit <= 0:
        raise OptionError(f"{_label('limit')} must be positive, got {limit}")
    return sorted(random.Random(seed).sample(range(total), limit))


class ClusterChecks:
    """The checks the clusters a run scores (those ``limit`` draws, else all) pass before
    it starts, fed one cluster at a time (so a data set read in passes is checked as one
    held whole): a reference for each, and a language that fits the documents (a warning);
    and the ids unique among all the data set's clusters, drawn or not (the fingerprint and
    a resumed run know a cluster by its id: a subset of a data set with a repeated id ran,
    the whole was refused). A spec's clusters and those given in Python alike."""

    LANGUAGE_SAMPLE = 20  # clusters whose first document the language guess reads

    def __init__(self, spec: str, opts: DatasetOptions | None = None) -> None:
        self.spec = spec
        # the clusters cleaning emptied were left out (the error for none left says so)
        self.left_out = bool(opts and opts.allow_skipped_documents)
        self.count = 0
        self._ids = RowIds()
        self._repeated: set[str] = set()
        self._clash = ""  # the first id a cluster without one took from its place, and another holds
        self._missing = 0
        self._first_missing = ""
        self._wordless = 0  # clusters with a wordless reference beside ones with words
        self._first_wordless = ""
        self.sample: list[Cluster] = []
        self.found_languages: set[str] = set()  # of the clusters drawn

    @property
    def languages(self) -> list[str]:
        """The languages the drawn clusters were read in, sorted."""
        return sorted(self.found_languages)

    def add(self, c: Cluster, position: int | None = None, drawn: bool = True) -> None:
        """Check ``c``, the cluster at ``position`` of the data set (None: the count of
        those added before it); one the draw leaves out (not ``drawn``) only for its id.
        Each of the data set's clusters is added, in order."""
        at = self.count if position is None else position
        taken = self._ids.claim(c.id, at, bool(c.meta.get(PLACE_ID)))
        if taken is not None:
            self._repeated.add(c.id)
            if taken.place and not self._clash:
                self._clash = f"the cluster at position {at}: {taken.why}"
        if not drawn:
            return
        # ids are recorded (results.jsonl) and hashed: one a file's name gave may not be UTF-8
        refuse_non_utf8_name(c.id, "evaluate", f"{self.spec}: cluster ")
        for d in c.documents:
            refuse_non_utf8_name(d.id, "evaluate", f"{self.spec}: cluster {c.id}'s document ")
        self.count += 1
        self.found_languages.add(c.language or DEFAULT_LANGUAGE)
        bare = [i for i, r in enumerate(c.references) if wordless(r)]
        if len(bare) == len(c.references):  # none, or "!!!": every score would be 0
            if not self._missing:
                self._first_missing = c.id
            self._missing += 1
        elif bare:  # scored as a reference, 0 against it: ROUGE's average (-f A) falls
            if not self._wordless:
                self._first_wordless = (f"{c.id}, its reference {bare[0] + 1} of "
                                        f"{len(c.references)}: "
                                        f"{value_repr(c.references[bare[0]])}")
            self._wordless += 1
        if len(self.sample) < self.LANGUAGE_SAMPLE:
            self.sample.append(c)

    @property
    def references(self) -> list[str]:
        """The references of the clusters sampled for the language, each cluster's as one
        text (what :func:`~summarizer.metrics.settings.dropped_script` reads)."""
        return [" ".join(c.references) for c in self.sample]

    def finish(self, kind: str, language: str | None) -> None:
        """Raise for what failed (in the order load_dataset always checked), warn of the
        language (None: each cluster read in its own: given in Python, or a JSONL file's,
        :func:`read_in`); then forget the ids."""
        spec = self.spec
        if not self.count:
            raise InputError(f"{spec}: no clusters found" + (
                f" ({_label('allow_skipped_documents')} left out those whose documents "
                "cleaning left without text)" if self.left_out else ""))
        self.finish_ids()
        if self._missing:
            raise InputError(
                f"{spec}: {self._missing} cluster(s) have no reference summary with a word in "
                f"it (e.g. {self._first_missing}); evaluation needs references"
            )
        if self._wordless:
            raise InputError(
                f"{spec}: {self._wordless} cluster(s) have a reference summary with no word in "
                f"it, empty or punctuation only (e.g. {self._first_wordless}): every summary "
                "would score 0 against it, and the cluster's scores average it in; remove it"
            )
        if kind != "tac2011":  # TAC's folders are per language: the language is never a guess
            _check_language(spec, self.sample, language, records=kind in ROW_LANGUAGES)
        self._ids = RowIds()

    def finish_ids(self) -> None:
        """Raise where two of the clusters added, drawn or not, hold one id."""
        if self._clash:  # batch fails the row, as a duplicate id's
            raise InputError(f"{self.spec}: {self._clash}; cluster ids must be unique, and a "
                             "line or row without one takes its place's (JSONL lines with "
                             "a list of documents: 'lineN', others their position: 'N')")
        if self._repeated:
            dup = sorted(self._repeated)[:5]
            raise InputError(f"{self.spec}: cluster ids are not unique "
                             f"(e.g. {', '.join(map(shortened, dup))})")


# The data set kinds each reading option applies to; given for another kind it is refused
# (it would be ignored, and the run would not be what the user asked for).
_OPTION_KINDS = {
    "references": ("duc",), "reference_size": ("duc",),
    "text_field": ("jsonl", "hf"), "summary_field": ("jsonl", "hf"), "id_field": ("jsonl", "hf"),
    "separator": ("jsonl", "hf"), "split": ("hf",), "preset": ("jsonl", "hf"),
    # TAC's plain-text files and DUC's SGML are never HTML pages
    "main_content": ("jsonl", "hf"),
    # the readers that refuse an emptied (or, DUC, unreadable) document
    "allow_skipped_documents": ("jsonl", "hf", "duc"),
    "date_field": ("jsonl", "hf"),  # TAC's and DUC's dates come from their files
}
_KIND_NAMES = {"tac2011": "a TAC 2011 folder", "duc": "a DUC folder", "jsonl": "a JSONL file",
               "hf": "a Hugging Face data set (hf:)"}


# each option's value when not given (DatasetOptions' default)
_DEFAULTS = {f.name: f.default for f in fields(DatasetOptions)}
_FLAGS = {"main_content": "--no-main-content"}


def _flag(name: str) -> str:
    """The command-line flag that gives option ``name``."""
    return _FLAGS.get(name, "--" + name.replace("_", "-"))


def _label(name: str) -> str:
    """Option ``name`` with the command-line flag that gives it."""
    return option_label(name, _flag(name))


def check_options(kind: str, opts: DatasetOptions) -> None:
    """Refuse options that do not apply to a data set of ``kind`` (``tac2011``, ``jsonl``,
    ...) or have values it cannot use: an :class:`OptionError`."""
    for name, kinds in _OPTION_KINDS.items():
        if getattr(opts, name) != _DEFAULTS[name] and kind not in kinds:
            raise OptionError(f"{_label(name)} is for {' or '.join(_KIND_NAMES[k] for k in kinds)}"
                              f"; this data set is {_KIND_NAMES[kind]}")
    if opts.reference_size is not None and opts.reference_size < 1:
        raise OptionError(f"{_label('reference_size')} must be positive, got "
                          f"{opts.reference_size}")


def spec_text(spec: Any) -> str:
    """A data set spec as text: a path (str or os.PathLike) or ``hf:NAME``. Anything else is
    an :class:`InputError` naming its type: its str() was read as a path (a Cluster's repr,
    'None', a number), and an object whose str() named a file was loaded."""
    if not isinstance(spec, str | os.PathLike):
        raise InputError(f"a data set must be a path (a TAC 2011 or DUC folder, a .jsonl file), "
                         f"'hf:NAME', a list of Cluster or a Dataset, not {type(spec).__name__}")
    return str(spec)


def load_dataset(spec: str | Path, options: DatasetOptions | None = None, **kwargs: Any) -> Dataset:
    """Read a data set spec into a :class:`Dataset` (see the module docstring)."""
    opts = options_of(options, kwargs)
    spec = spec_text(spec)
    kind = detect_kind(spec)
    check_options(kind, opts)
    if kind == "hf":
        (clusters, opts), source, name = _load_hf(spec, opts), spec, spec[3:].replace("/", "_")
    else:
        path = Path(spec).resolve()
        loader = {"tac2011": _load_tac, "duc": _load_duc, "jsonl": _load_jsonl}[kind]
        clusters, source = loader(path, opts), str(path)
        name = (f"tac2011-{opts.run_language.lower()}" if kind == "tac2011"
                else uncompressed_name(path).stem or path.name)
    checks = ClusterChecks(spec, opts)
    chosen = _check_drawn(checks, clusters, opts, by_row=True)
    checks.finish(kind, read_in(kind, opts))
    # JSONL and hf: readers share one list of the documents left out (check_skipped); DUC
    # has one a cluster
    skipped = (clusters[0].meta.get("skipped", []) if kind in ("jsonl", "hf")
               else [s for c in clusters for s in c.meta["skipped"]] if kind == "duc" else [])
    return Dataset(name=name, kind=kind, source=source, clusters=chosen, options=opts,
                   total=len(clusters), skipped=list(skipped),
                   references_sample=checks.references, checked_clusters=chosen,
                   languages_read=checks.languages)


def _check_drawn(checks: ClusterChecks, clusters: list[Cluster], opts: DatasetOptions,
                 by_row: bool = False) -> list[Cluster]:
    """The clusters ``opts``' limit and seed draw of ``clusters`` (all where it draws none),
    each added to ``checks`` by its position among them (``by_row``: its row's in the input,
    where the reader noted it, as a streamed run names it: the clusters before it that
    ``allow_skipped_documents`` left out still count): the clusters a run scores are
    checked (a bad one that the draw leaves out stops no run), and every cluster's id."""
    drawn = subset_positions(len(clusters), opts.limit, opts.seed)
    wanted = None if drawn is None else set(drawn)
    for i, c in enumerate(clusters):
        checks.add(c, c.meta.get(ROW_POSITION, i) if by_row else i,
                   drawn=wanted is None or i in wanted)
    return list(clusters) if drawn is None else [clusters[i] for i in drawn]


def _check_language(spec: str, clusters: list[Cluster], language: str | None,
                    sample: int = 20, records: bool = False) -> None:
    """Warn when the documents do not look like the language they are read as: a spec's run
    keeps the one language it was given (English unless ``--language``), clusters given in
    Python (``language`` None) each their own (``Cluster.language``), as do a JSONL file's
    (``records``: each record's field, else English), and text read as
    another language is split and scored wrongly (a Chinese JSONL read as English gets
    empty summaries). The guess is the package's own (script, then function words), on the
    first document of up to ``sample`` clusters; a weak guess says nothing, and neither does
    a guess in the script of the given language (Marathi looks like Hindi). A cluster whose
    documents have several languages is split in each one's own: its first document is held
    to its own, and where the cluster is read in none of theirs (its record names none) a
    warning says so."""
    from summarizer.languages import normalize_language

    if language is not None:
        _warn_of_language(spec, clusters[:sample], language, "option")
        return
    read_as: dict[str, list[Cluster]] = {}  # the clusters read in each language
    mixed: list[Cluster] = []  # those read in a language none of their documents is in
    source = "record" if records else "cluster"
    for c in clusters[:sample]:
        try:
            if documents_language(c.documents, c.language) is None and c.documents:
                # each document is split in its own: the first one's is the guess's
                lang = normalize_language(document_language(c.documents[0], c.language))
                if normalize_language(c.language) not in {
                        normalize_language(document_language(d, c.language))
                        for d in c.documents}:
                    mixed.append(c)
            else:
                lang = normalize_language(c.language)
        except UnknownLanguageError:  # not this warning's to refuse
            continue
        read_as.setdefault(lang, []).append(c)
    for lang, group in read_as.items():
        _warn_of_language(spec, group, lang, source)
    if mixed:
        seen = ", ".join(dict.fromkeys(document_language(d, mixed[0].language)
                                       for d in mixed[0].documents))
        fix = {"cluster": "give it Cluster(language=...)",
               "record": "its record's \"language\" where it names one, else English; give "
                         "the record the one to read them in"}[source]
        warn(f"{spec}: the documents of {len(mixed)} of the "
             f"{len(clusters[:sample])} clusters sampled (first: "
             f"{value_repr(mixed[0].id)}) are in several languages ({seen}), each split into sentences in its own, "
             "but each cluster's words (stop words, stems) are read as "
             f"{', '.join(sorted({str(c.language) for c in mixed}))}, the language "
             f"of none of them: {fix}")


def _warn_of_language(spec: str, clusters: list[Cluster], language: str, source: str) -> None:
    """:func:`_check_language`'s warning for ``clusters``, all read as ``language``, which
    ``source`` gave: the ``option`` (``--language``), each ``cluster`` (given in Python),
    or each JSONL ``record`` or data set row (its field, else English; or
    ``--language``)."""
    from summarizer.languages import get_language, guess_language

    guesses = Counter(guess_language(c.documents[0].text, default="")
                      for c in clusters if c.documents)
    # A non-Latin script names its commonest language (Devanagari: Hindi), not
    # Marathi or Nepali written in it: a language of the same script is no clash.
    own = get_language(language).script

    def clash(guess: str) -> bool:
        script = get_language(guess).script
        return guess != language and not (script != "latin" and script == own)

    others = Counter({g: n for g, n in guesses.items() if g and clash(g)})
    if sum(others.values()) <= sum(guesses.values()) / 2:
        return
    guess, n = others.most_common(1)[0]
    if n > sum(guesses.values()) / 2:
        code = get_language(guess).codes[0]
        fix = {"cluster": f"the clusters language={code!r} (Cluster(language=...))",
               "option": f"language={code!r} (--language)",
               "record": f"language={code!r} (--language), or their records' (or document "
                         f"objects') \"language\": {code!r},"}[source]
        warn(f"{spec}: the documents look like {guess}, but are read as {language}; "
             f"give {fix} if they are")
    else:  # several languages, none of the run's: one run (or cluster) reads them all as one
        seen = ", ".join(g for g, _ in others.most_common(4))
        fix = {"cluster": "each cluster is read in its own language: give each the language "
                          "of its documents (Cluster(language=...))",
               "option": "a run reads every cluster in one language: evaluate each language "
                         "apart with its language= (--language)",
               "record": "each record (or document object) is read in the language its "
                         "\"language\" field names (else English): give each its own"}[source]
        warn(f"{spec}: most documents look like other languages ({seen}) than the "
             f"one they are read as, {language}; {fix}")


def dataset_from_clusters(clusters: list[Cluster], name: str = "clusters",
                          options: DatasetOptions | None = None) -> Dataset:
    """Wrap clusters built in Python as a data set (for the library API); ``options``: see
    :func:`with_options`. The clusters ``limit`` draws are checked as a spec's are
    (:class:`ClusterChecks`, by their positions among all given, ``name`` for the spec):
    an :class:`InputError` for none, a repeated id or one without a reference, and a
    warning where the documents do not look like the language a cluster is read in."""
    clusters = list(clusters)
    for i, c in enumerate(clusters):
        refuse_no_cluster(c, i, name)
    taken = {c.id for c in clusters if c.id}  # a made-up id is none of those given
    for i, c in enumerate(clusters):
        if not c.id:  # a named copy: the caller's cluster is left as it was
            clusters[i] = replace(c, id=unused_id(f"cluster{i}", taken))
    made = Dataset(name=name, kind="python", source=name, clusters=clusters,
                   options=DatasetOptions(), total=len(clusters))
    opts = _subset_options(made, options) or made.options  # the options that read a spec refused
    checks = ClusterChecks(name)
    chosen = _check_drawn(checks, clusters, opts)  # the one draw, checked and kept
    checks.finish(made.kind, None)
    return replace(made, clusters=chosen, options=opts, references_sample=checks.references,
                   checked_clusters=chosen, languages_read=checks.languages)


def refuse_no_cluster(item: object, position: int, name: str) -> None:
    """An :class:`InputError` where a data set's clusters given in Python hold something else
    (None, a text, a path: two data sets given as a list): an AttributeError on its .id."""
    if not isinstance(item, Cluster):
        raise InputError(f"{name}: the cluster at position {position} is a "
                         f"{type(item).__name__}, not a Cluster")


def checked(data: Dataset, whole: Dataset | None = None) -> Dataset:
    """``data``, its clusters checked where they were not (a :class:`Dataset` built by hand)
    as a spec's are (:class:`ClusterChecks`, by their positions in it, ``data.name`` for
    the spec, each cluster read in its own language): an :class:`InputError` for none, one
    without an id, a repeated id or one without a reference, naming the cluster. ``whole``:
    the data set ``data`` was drawn from, whose ids are checked too, as a spec's are."""
    if data.checked:
        return data
    if whole is not None and whole is not data:
        ids = ClusterChecks(data.name)
        for i, c in enumerate(whole.clusters):
            if isinstance(c, Cluster) and c.id:  # the drawn ones are refused below
                ids.add(c, i, drawn=False)
        ids.finish_ids()
    checks = ClusterChecks(data.name)
    for i, c in enumerate(data.clusters):
        refuse_no_cluster(c, i, data.name)
        if not c.id:  # dataset_from_clusters names them; a hand-built data set's are its own
            raise InputError(f"{data.name}: the cluster at position {i} has no id; give each "
                             "cluster an id, or pass the list of clusters (each without one "
                             "is named)")
        checks.add(c, i)
    checks.finish(data.kind, None)
    return replace(data, references_sample=checks.references, checked_clusters=data.clusters,
                   languages_read=checks.languages)


# What clusters already made can take of DatasetOptions: the subset, drawn from their
# positions as it is from a data set's. Every other option says how a spec is read.
_SUBSET_OPTIONS = ("limit", "seed")


def with_options(data: Dataset, options: DatasetOptions | None) -> Dataset:
    """``data`` with the :class:`DatasetOptions` given for it (each one that is not the
    default): ``limit`` and ``seed`` choose the subset opening the data set so would
    (:meth:`Dataset.select`: the same clusters and fingerprint), where ``data`` is not a
    subset already; any other option, unless ``data`` was opened with it, is an
    :class:`OptionError` (it reads a spec, and these clusters are made: it would be ignored)."""
    drawn = _subset_options(data, options)
    return data if drawn is None else data.select(drawn)


def _subset_options(data: Dataset, options: DatasetOptions | None) -> DatasetOptions | None:
    """The options :func:`with_options` selects ``data``'s subset with (None: ``data`` is
    kept as it is), once it has refused those that do not apply."""
    if options is None:
        return None
    default, made = DatasetOptions(), data.options
    given = {f.name: getattr(options, f.name) for f in fields(DatasetOptions)
             if getattr(options, f.name) != getattr(default, f.name)}
    for name, value in given.items():
        if name in _SUBSET_OPTIONS or value == getattr(made, name):
            continue
        flag = _flag(name)
        was = getattr(made, name)
        # "opened with language=None" read as if None had been given: it was the default
        opened = ("" if data.kind == "python" else " (opened without it)"
                  if was == getattr(default, name) else f" (opened with {name}={value_repr(was)})")
        # clusters given in Python have no spec to open: their language is each one's own
        fix = ("each is read in its own language: give it as Cluster(language=...)"
               if name == "language" and data.kind == "python" else
               f"give the spec, or open it with DatasetOptions({name}={value_repr(value)})")
        raise OptionError(f"{name}={value_repr(value)} ({flag}) applies to a data set spec, as "
                          f"it is read; these clusters are already made{opened}: {fix}")
    subset_given = {k: v for k, v in given.items() if k in _SUBSET_OPTIONS}
    if not subset_given or all(v == getattr(made, k) for k, v in subset_given.items()):
        return None
    if made.limit is not None:
        shown = ", ".join(f"{k}={value_repr(v)}" for k, v in subset_given.items())
        raise OptionError(f"{shown}: these clusters are already a subset (limit={made.limit}, "
                          f"seed={made.seed}); open the data set with the subset wanted")
    return replace(made, **subset_given)

