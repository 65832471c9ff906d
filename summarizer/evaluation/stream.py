"""Data sets read in passes, never held whole: what ``evaluate`` runs on.

:func:`open_dataset` opens a spec as :func:`~summarizer.evaluation.datasets.load_dataset`
reads it, with the same clusters, checks, errors, ``--limit``/``--seed`` subset and
fingerprint, but a JSONL file or an ``hf:`` data set (a Parquet, CSV or JSON file read by
``datasets``, a saved data set, a hub data set: Arrow files on disk) is not loaded: memory
holds the cluster ids, not the clusters.

- pass 0 (JSONL, only with ``limit``): count the clusters (non-blank lines, not parsed), so
  that the subset is drawn from positions alone
  (:func:`~summarizer.evaluation.datasets.subset_positions`); an ``hf:`` data set knows its
  number of rows;
- pass 1: build every cluster once, one at a time (a line or row that cannot be read refuses
  the data set wherever it is, as the loader, reading them all, refuses it); check the
  selected ones as the loader checks them (the ids unique, the references, the language:
  :class:`~summarizer.evaluation.datasets.ClusterChecks`) and hash them into the fingerprint;
- then :meth:`StreamedDataset.iter_clusters` reads the selected clusters again, lazily, in
  order, skipping the clusters not wanted (already done, not drawn) unparsed; or
  :meth:`StreamedDataset.iter_unbuilt` gives their lines or rows as read, for a Ray
  run's actors to build (:class:`Unbuilt`).

Kept whole (today's :func:`load_dataset` path; they are small or already in memory): TAC
2011 and DUC folders, a data set or list of clusters given in Python, and the JSONL files
that cannot be read a line at a time: not UTF-8 (UTF-16, a legacy code page, damaged
bytes: the decoding policy needs the whole file) or mixing cluster lines with loose
document lines (those form one extra cluster of their own).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from summarizer.documents.model import Cluster
from summarizer.documents.records import ROW_POSITION, had_text_before_cleaning, no_text
from summarizer.errors import InputError, OptionError, value_repr
from summarizer.evaluation.datasets import (
    ClusterChecks,
    Dataset,
    DatasetOptions,
    Fingerprint,
    check_options,
    check_skipped,
    detect_kind,
    fingerprint_language,
    jsonl_fields,
    load_dataset,
    object_text,
    open_hf,
    options_of,
    read_in,
    refuse_empty_rows,
    spec_text,
    subset_positions,
)
from summarizer.languages import DEFAULT_LANGUAGE
from summarizer.textio import (
    NotPlainUtf8,
    changed_while_read,
    parse_jsonl_line,
    uncompressed_name,
    utf8_lines,
)


class _LoadWhole(Exception):
    """This file cannot be streamed: load it whole."""


def open_dataset(spec: str | Path, options: DatasetOptions | None = None,
                 progress: bool = False, **kwargs: Any) -> Dataset:
    """A data set spec opened for a run: a :class:`StreamedDataset` for a JSONL file or an
    ``hf:`` data set (its clusters read when wanted), else the loaded :class:`Dataset` (see
    the module docstring). The clusters, checks, subset and fingerprint are
    :func:`load_dataset`'s. ``progress``: a bar on stderr for the checking pass (a million
    clusters take minutes)."""
    opts = options_of(options, kwargs)
    spec = spec_text(spec)
    kind = detect_kind(spec)
    if kind == "jsonl":
        check_options(kind, opts)
        try:
            return _open_jsonl(spec, opts, progress)
        except (_LoadWhole, NotPlainUtf8):
            pass
    if kind == "hf":
        check_options(kind, opts)
        return _open_hf(spec, opts, progress)
    return load_dataset(spec, opts)


@dataclass
class Unbuilt:
    """A selected cluster as read, not built: its JSONL line or ``hf:`` row, with the id the
    opening pass read there. What a Ray run's driver sends its actors, which build (clean)
    it (:func:`build`): the driver built every cluster once already, to check and hash it,
    and building each again to send it cost as much driver CPU again (1.8 of 4.8 ms a news
    cluster)."""

    index: int  # in the selection
    id: str
    position: int  # in the data set
    lineno: int  # a JSONL line's number (its id where it has none); 0 for a row
    where: str
    raw: Any  # the line or row; None: the data ends before (dropped once built)

    @property
    def chars(self) -> int:
        """Characters of the line or the row's texts: what the driver holds and sends."""
        return _chars(self.raw)


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_chars(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_chars(v) for v in value)
    return 0


class Builder(Protocol):
    """What builds an :class:`Unbuilt` cluster: its data set's reader, picklable."""

    path: Any

    def built(self, item: Unbuilt, raw: list[Any]) -> Cluster | None: ...


def build(builder: Builder, item: Unbuilt) -> Cluster:
    """``item``'s cluster, as the opening pass built it; an :class:`InputError` where the
    data changed since (another id there, or none). The line or row is handed over in a
    list and taken out of it as it is read: neither ``item`` nor a frame holds it while the
    cluster is built (its text cleaned) and summarised."""
    if item.raw is not None:
        raw, item.raw = [item.raw], None
        cluster = builder.built(item, raw)
        if cluster is not None and cluster.id == item.id:
            return cluster
    raise changed_while_read(builder.path, f"{item.where} is no longer cluster "
                                           f"{value_repr(item.id)}")


class _JsonlClusters:
    """The clusters of a UTF-8 JSONL file, one per non-blank line, built as
    ``datasets._load_jsonl`` builds them (the layout is chosen by the first line)."""

    def __init__(self, path: Path, opts: DatasetOptions):
        self.path = path
        self.opts = opts
        self.encoding = "utf-8"
        self.mode = ""  # "documents" (a list per line) or "text" (one text field)
        self.text = ""
        self.fields: dict[str, Any] = {}
        self.reader: Any = None

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """(position, line number, line) of each non-blank line."""
        position = 0
        lines = utf8_lines(self.path)
        for lineno, line in lines:
            self.encoding = "utf-8-sig" if lines.bom else "utf-8"  # known from the first line
            assert line is not None  # a line over the bound raised (no skip_long)
            if line.strip():
                held = [line]  # given out of the list: this frame keeps no line (a 50 MB
                del line       # line was held while its cluster was summarised)
                yield position, lineno, held.pop()
                position += 1

    def count(self) -> int:
        return sum(1 for _ in self.lines())

    def setup(self, first: dict[str, Any]) -> None:
        """The fields and layout, from the first line (as the loader picks them)."""
        opts, path = self.opts, self.path
        self.text, summary, id_field = jsonl_fields(first, opts, path)
        if isinstance(first[self.text], list):
            from summarizer.documents.records import jsonl_field_names
            from summarizer.languages import normalize_language

            if opts.language is not None:
                normalize_language(opts.language)
            self.mode = "documents"
            # the loader's defaults (load_jsonl's) but for the fields this file names
            self.fields = jsonl_field_names(dict(id_field=id_field, documents_field=self.text,
                                       references_field=summary,
                                       text_field=object_text(first, opts),
                                       **({"date_field": opts.date_field} if opts.date_field
                                          else {})))
        else:
            from summarizer.documents.hf import row_reader

            self.mode = "text"
            self.reader = row_reader(None, opts.preset, text_field=self.text, summary_field=summary,
                                     id_field=id_field, separator=opts.separator,
                                     language=opts.language,
                                     fallback_language=opts.run_language,
                                     main_content=opts.main_content,
                                     date_field=opts.date_field,
                                     require_id=opts.id_field is not None)

    def build(self, position: int, lineno: int, rec: dict[str, Any],
              skipped: list[dict]) -> Cluster | None:
        """The line's cluster (None: a text line without text); errors as the loader's."""
        where = f"{self.path}:{lineno}"
        if self.mode == "documents":
            from summarizer.documents.records import cluster_from_record

            if self.fields["documents_field"] not in rec:
                raise _LoadWhole  # a loose document: the loader makes one cluster of them all
            cluster = cluster_from_record(rec, self.fields, self.opts.language, True, lineno,
                                           where, skipped, self.opts.main_content,
                                           self.opts.date_field is not None,
                                           self.opts.id_field is not None,
                                           self.opts.run_language)
            cluster.meta["inputs"] = [{"path": str(self.path), "encoding": self.encoding}]
            cluster.meta["skipped"] = []  # pass 1 refused or listed the skipped documents
            cluster.meta[ROW_POSITION] = position  # as the loader notes it
            return cluster
        # the record is parsed for this build alone: its text is taken as it is cleaned
        cluster = self.reader.cluster(position, rec, where, skipped, take=True)
        if cluster is not None:  # pass 1 refused any skipped row, and refused or listed documents
            cluster.meta.update(skipped_rows=0, emptied_rows=0, skipped=[])
            cluster.meta[ROW_POSITION] = position
        return cluster

    def unbuilt(self, wanted: Iterator[tuple[int, int]], ids: list[str]) -> Iterator[Unbuilt]:
        """The line of each (index, position) of ``wanted`` (ascending positions), as read:
        the lines between are split off, never parsed (a line None: the file ends before)."""
        target = next(wanted, None)
        for position, lineno, line in self.lines():
            if target is None:
                return
            if position != target[1]:
                continue
            held = [line]  # this frame keeps no line while the cluster is summarised
            del line
            yield Unbuilt(target[0], ids[target[0]], position, lineno,
                          f"{self.path}:{lineno}", held.pop())
            target = next(wanted, None)
        if target is not None:
            yield Unbuilt(target[0], ids[target[0]], target[1], 0,
                          f"{self.path} (it ends before)", None)

    def built(self, item: Unbuilt, raw: list[Any]) -> Cluster | None:
        """The cluster of ``item``'s line, taken from ``raw`` (None: a text line without
        text)."""
        rec = parse_jsonl_line(raw.pop(), item.where)  # the line goes once parsed
        return self.build(item.position, item.lineno, rec, [])


class _HfClusters:
    """The clusters of an ``hf:`` data set, one per row, built as ``from_hf_dataset`` builds
    them; rows are read from the data set's Arrow files when wanted."""

    def __init__(self, spec: str, opts: DatasetOptions):
        from summarizer.documents.hf import row_reader

        self.path = spec
        self.ds, preset, fields, self.opts = open_hf(spec, opts)  # opts: the split read
        self.reader = row_reader(self.ds, preset, **fields)

    def build(self, position: int, row: Any, skipped: list[dict] | None = None) -> Cluster | None:
        # a row read from the Arrow files is a new dict each time: its text is taken as cleaned
        cluster = self.reader.cluster(position, row, f"{self.path}#{position}", skipped,
                                      take=True)
        if cluster is not None:  # pass 1 refused any skipped row, and refused or listed documents
            cluster.meta.update(skipped_rows=0, emptied_rows=0, skipped=[])
            cluster.meta[ROW_POSITION] = position
        return cluster

    def unbuilt(self, wanted: Iterator[tuple[int, int]], ids: list[str]) -> Iterator[Unbuilt]:
        from summarizer.documents.hf import dataset_row

        for index, position in wanted:
            where = f"{self.path}#{position}"
            yield Unbuilt(index, ids[index], position, 0, where,
                          dataset_row(self.ds, position, where))

    def built(self, item: Unbuilt, raw: list[Any]) -> Cluster | None:
        return self.build(item.position, raw.pop())

    def __getstate__(self) -> dict[str, Any]:
        """Without the data set: what builds a row sent elsewhere (a Ray actor) needs the
        row alone (:meth:`StreamedDataset.builder`)."""
        return {**self.__dict__, "ds": None}


class StreamedDataset(Dataset):
    """A data set whose clusters stay on disk: the selected ids in order, their positions
    in the data set, and the fingerprint; :meth:`iter_clusters` reads clusters."""

    checked = True  # the opening pass checked the selected clusters

    def __init__(self, name: str, kind: str, source: str, options: DatasetOptions, total: int,
                 ids: list[str], positions: list[int] | None, fingerprint: str,
                 reader: _JsonlClusters | _HfClusters, skipped: list[dict] | None = None):
        self.name, self.kind, self.source, self.options = name, kind, source, options
        self.total = total
        self.skipped = skipped or []  # documents left out (allow_skipped_documents)
        self._ids = ids
        self._positions = positions  # None: every cluster
        self._fingerprint = fingerprint
        self._reader = reader

    def __repr__(self) -> str:
        return f"StreamedDataset({self.name!r}, {self.size} of {self.total} clusters)"

    @property
    def clusters(self) -> list[Cluster]:  # type: ignore[override]
        """Every selected cluster, read now and held (for small data sets only)."""
        return [c for _, c in self.iter_clusters()]

    @property
    def ids(self) -> list[str]:
        return self._ids

    @property
    def size(self) -> int:
        return len(self._ids)

    def fingerprint(self) -> str:
        return self._fingerprint

    def select(self, options: DatasetOptions) -> StreamedDataset:
        """As :meth:`Dataset.select`, the clusters left on disk: drawn from the count alone
        (as pass 0 draws them), the fingerprint from a pass over the chosen ones (it is one
        SHA-256 over them in order, which the opening pass's hash of every cluster cannot
        give: opened with the limit, they are hashed in the checking pass)."""
        part = self._part(options, subset_positions(self.size, options.limit, options.seed))
        if not part._fingerprint:
            part._fingerprint = part._hash()
        return part

    def _part(self, options: DatasetOptions, chosen: list[int] | None) -> StreamedDataset:
        """The clusters at ``chosen``, indices in this selection (None: all of them, with
        this fingerprint), opened with ``options``; a part's fingerprint is left to hash."""
        if chosen is None:
            whole = StreamedDataset(self.name, self.kind, self.source, options, self.total,
                                    self._ids, self._positions, self._fingerprint, self._reader,
                                    self.skipped)
            whole.languages_read = self.languages_read  # the same clusters
            return whole
        return StreamedDataset(self.name, self.kind, self.source, options, self.total,
                               [self._ids[i] for i in chosen],
                               [self._position(i) for i in chosen], "", self._reader,
                               self.skipped)

    def _position(self, index: int) -> int:
        """The position in the data set of the cluster at ``index`` in the selection."""
        return index if self._positions is None else self._positions[index]

    def _hash(self, checks: ClusterChecks | None = None) -> str:
        """The fingerprint of the selected clusters, from a pass that reads them (each added
        to ``checks`` too, by its position in the data set, where given)."""
        fingerprint = Fingerprint(fingerprint_language(self.kind, self.options))
        languages = set()
        for index, cluster in self.iter_clusters():
            if checks is not None:
                checks.add(cluster, self._position(index))
            fingerprint.add(cluster)
            languages.add(cluster.language or DEFAULT_LANGUAGE)
        self.languages_read = sorted(languages)  # known from this pass: not read again
        return fingerprint.hexdigest()

    def iter_clusters(self, skip: Container[str] = ()) -> Iterator[tuple[int, Cluster]]:
        """(index in the selection, cluster) in data set order, but for the ids in ``skip``:
        one line parsed at a time, and only the lines of clusters given."""
        reader = self._reader
        for item in self.iter_unbuilt(skip):
            held = [build(reader, item)]  # not kept here while the next cluster is read
            yield item.index, held.pop()

    def iter_unbuilt(self, skip: Container[str] = ()) -> Iterator[Unbuilt]:
        """As :meth:`iter_clusters`, each cluster's line or row as read, not built: what
        :meth:`builder` builds (:func:`build`), here or in another process."""
        ids = self._ids
        wanted = ((k, self._position(k)) for k in range(len(ids)) if ids[k] not in skip)
        try:
            for item in self._reader.unbuilt(wanted, ids):
                held = [item]
                del item
                yield held.pop()
        except NotPlainUtf8:
            raise changed_while_read(self._reader.path) from None

    def builder(self) -> Builder:
        """What builds this data set's :class:`Unbuilt` clusters; picklable (an ``hf:`` data
        set's reader travels without the data set)."""
        return self._reader


class _FirstPass:
    """Pass 1's tally: every cluster's id and position, the selected ones checked, their ids
    and fingerprint."""

    def __init__(self, spec: str, chosen: list[int] | None, opts: DatasetOptions, kind: str):
        self.spec = spec
        self.chosen = chosen
        self.wanted = set(chosen) if chosen is not None else None
        self.checks = ClusterChecks(spec, opts)
        self.fingerprint = Fingerprint(fingerprint_language(kind, opts))
        self.ids: list[str] = []
        self.empty = 0  # rows or lines without text (an error once all are read)
        # clusters whose documents cleaning emptied (allow_skipped_documents): left out,
        # and every kept cluster's position and id, as the draw is then over those
        self.left_out = 0
        self.kept: list[tuple[int, str]] = []

    def add(self, position: int, cluster: Cluster | None, left_out: bool = False) -> None:
        if cluster is None:
            self.left_out += left_out
            self.empty += not left_out
            return
        self.kept.append((position, cluster.id))
        drawn = self.wanted is None or position in self.wanted
        self.checks.add(cluster, position, drawn)  # every id, drawn or not
        if drawn:
            self.fingerprint.add(cluster)
            self.ids.append(cluster.id)

    def refuse_textless(self, at: str, field: str, skipped: list[dict]) -> None:
        """:func:`~summarizer.documents.records.no_text` where no row read gave a cluster and
        none had text before cleaning, as ``from_hf_dataset`` (the loader's) refuses it
        (the field was found or named on the first row: it is named)."""
        if not self.kept and self.empty + self.left_out \
                and not had_text_before_cleaning(skipped):
            raise no_text(at, field, self.empty + self.left_out)

    def dataset(self, name: str, kind: str, source: str, opts: DatasetOptions,
                reader: _JsonlClusters | _HfClusters,
                skipped: list[dict] | None = None) -> StreamedDataset:
        total = len(self.kept)
        if not self.left_out or self.chosen is None:  # pass 0 drew (or took all) of these
            positions = [p for p, _ in self.kept] if self.left_out else self.chosen
            self.checks.finish(kind, read_in(kind, opts))
            data = StreamedDataset(name, kind, source, opts, total, self.ids, positions,
                                   self.fingerprint.hexdigest(), reader, skipped)
            data.references_sample = self.checks.references  # (a run reads none again)
            data.languages_read = self.checks.languages
            return data
        # clusters left out: the draw is from the kept ones, as the loader draws from the
        # clusters it kept (pass 0 drew from every line or row, and pass 1 checked and
        # hashed those); the drawn ones, known only now, are read again to check and hash
        self.checks.finish_ids()  # pass 1 saw every kept cluster's id
        whole = StreamedDataset(name, kind, source, replace(opts, limit=None), total,
                                [i for _, i in self.kept], [p for p, _ in self.kept], "",
                                reader, skipped)
        part = whole._part(opts, subset_positions(total, opts.limit, opts.seed))
        self.checks = ClusterChecks(self.spec, opts)
        part._fingerprint = part._hash(self.checks)  # and its languages
        self.checks.finish(kind, read_in(kind, opts))
        part.references_sample = self.checks.references
        return part


def _checking(items: Any, total: int | None, progress: bool) -> Any:
    from summarizer.progress import progress_bar

    return progress_bar(items, asked=progress, total=total, unit="cluster",
                        desc="checking the data set", leave=False, dynamic_ncols=True)


def _open_jsonl(spec: str, opts: DatasetOptions, progress: bool = False) -> StreamedDataset:
    from summarizer.documents.records import EmptyClusterError

    path = Path(spec).resolve()
    reader = _JsonlClusters(path, opts)
    count = reader.count() if opts.limit is not None else None
    tally = _FirstPass(spec, subset_positions(count, opts.limit, opts.seed)
                       if count is not None else None, opts, "jsonl")
    failed: InputError | None = None  # the first line that breaks: raised once every line
    skipped: list[dict] = []          # is known to be JSON, as the loader (reading them all
    lines = _checking(reader.lines(), count, progress)  # first) would say of a later line
    for position, lineno, line in lines:
        rec = parse_jsonl_line(line, f"{path}:{lineno}")
        del line  # not held while its cluster is built (a 50 MB line beside its text's cleaning)
        if failed is not None:
            continue
        try:
            if not reader.mode:
                reader.setup(rec)
            listed = len(skipped)
            tally.add(position, reader.build(position, lineno, rec, skipped),
                      len(skipped) > listed)
        except OptionError:  # the caller's, whatever the other lines hold: said at once
            raise
        except EmptyClusterError as exc:
            if opts.allow_skipped_documents:
                tally.add(position, None, left_out=True)
            else:
                failed = exc
        except InputError as exc:
            failed = exc
    if failed is not None:
        raise failed
    if not reader.mode:
        raise InputError(f"{path}: is empty")
    if reader.mode == "text":  # (a line of a list of documents is load_jsonl's)
        tally.refuse_textless(str(path), reader.text, skipped)
    check_skipped(skipped, opts)
    if tally.kept:
        refuse_empty_rows(tally.empty, tally.left_out, str(path),
                          f"line(s) have no text in {value_repr(reader.text)}")
    return tally.dataset(uncompressed_name(path).stem or path.name, "jsonl", str(path), opts,
                         reader, skipped)


def _open_hf(spec: str, opts: DatasetOptions, progress: bool = False) -> StreamedDataset:
    from summarizer.documents.hf import checked_rows

    reader = _HfClusters(spec, opts)
    opts = reader.opts
    rows = len(reader.ds)
    tally = _FirstPass(spec, subset_positions(rows, opts.limit, opts.seed) if rows else None,
                       opts, "hf")
    skipped: list[dict] = []
    read = checked_rows(reader.ds, lambda i: f"{spec}#{i}")
    for position, row in enumerate(_checking(read, rows, progress)):
        listed = len(skipped)
        tally.add(position, reader.build(position, row, skipped), len(skipped) > listed)
    tally.refuse_textless(spec, reader.reader.text_field, skipped)
    check_skipped(skipped, opts)
    if tally.kept:
        refuse_empty_rows(tally.empty, tally.left_out, spec, "row(s) have no text")
    return tally.dataset(spec[3:].replace("/", "_"), "hf", spec, opts, reader, skipped)
