"""``summarize_dataset``: summarise every cluster of a large input into Parquet shards.

The same job runs in this process (``engine="local"``) or on Ray Data
(``engine="ray"``), with identical summaries: every cluster is summarised
alone, from the same process state (:func:`fresh_state`), whatever pack,
worker or order it lands in. The engine is therefore not part of the
settings, and a job started on one engine can be resumed on the other.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import platform
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from summarizer.atomic import uninterrupted
from summarizer.batch.engine import (
    check_pack_limits,
    engine_workers,
    pack_items,
    portable,
    refuse_unpicklable,
    run_local,
    run_ray,
)
from summarizer.batch.output import (
    KEPT_FAILURES,
    FailureLog,
    OutputFolder,
    json_or_none,
    sentence_rows,
)
from summarizer.batch.source import (
    Fields,
    Row,
    Source,
    emptied_documents,
    estimate_tokens,
    to_cluster,
)
from summarizer.documents.model import Cluster
from summarizer.documents.records import RowIds
from summarizer.errors import (
    InputError,
    OptionError,
    OutputExistsError,
    UnpicklableError,
    counted,
    describe,
    os_error_saying,
    shortened,
    value_repr,
)
from summarizer.folders import output_folder, saying_saved
from summarizer.languages import count_words
from summarizer.metrics.io import is_blank
from summarizer.runtime import DEFAULT_SEED, kept_generators
from summarizer.summarizers import get_summarizer, method_or_default, with_run_seed
from summarizer.summarizers.base import Summarizer
from summarizer.summarizers.budget import Budget, make_budget
from summarizer.textio import InputStamp, input_exists, read_at
from summarizer.values import check_seed, setting_text

ABSTRACTIVE = ("abstractive",)
# A shard is written when this many rows are waiting, or this many seconds
# passed since the last one: a killed driver loses at most that much work.
ROWS_PER_SHARD = 1000
FLUSH_SECONDS = 60.0
# Rows in a row failed by the same OSError (same type, errno, reason and files: same_key),
# none summarised between, after which the job stops with that error (SameOSError): a file
# the summariser reads for every row gone, not the rows' fault. An error of a file a row
# names itself (names_file: its attachment) is that row's failure however many come
# together; rows that each need a file of their own differ in the file, so never add up.
SAME_ERROR_ROWS = 20

# Loads the summariser's models in each worker before the first real cluster.
_WARMUP = [
    "The city council approved the new flood barrier on Monday after a long debate. "
    "Work on the barrier starts next spring.",
    "Council members voted nine to two for the flood barrier. The river rose twice last year.",
]


@dataclass
class BatchReport:
    """What a batch job did: counts, failures (by id and position), speed."""

    out: Path
    engine: str
    workers: int
    rows: int = 0  # rows read from the input
    done: int = 0  # summarised by this call
    skipped: int = 0  # already in the output
    # the first KEPT_FAILURES rows that failed, by position (this run's, and earlier runs'
    # it did not retry); out/failed.jsonl has them all
    failed: list[dict[str, Any]] = field(default_factory=list)
    failed_count: int = 0  # rows that failed, all of them
    # rows summarised by this call that had documents cleaning left without text (left out
    # of the summary): the first KEPT_FAILURES found, by position, and their count
    emptied: list[dict[str, Any]] = field(default_factory=list)
    emptied_count: int = 0
    seconds: float = 0.0
    settings_fingerprint: str = ""
    empty: int = 0  # of ``done``: empty summaries (nothing fit the budget), kept as such
    empty_note: str = ""  # why, for the first of them
    # every row of the input read and handled; False in the report.json of a job stopped
    # part-way (Ctrl-C, SIGTERM, an error), whose counts are of the rows it reached
    complete: bool = False
    # the whole output, over every run: rows in its shards before this call, and the
    # failures of earlier runs this call did not retry (in ``failed`` and failed.jsonl too,
    # marked "earlier"; none where it is complete: a complete run retries every one)
    earlier_done: int = 0
    earlier_failed: int = 0

    @property
    def output_done(self) -> int:
        """Rows in the output's shards, of every run."""
        return self.earlier_done + self.done

    @property
    def output_failed(self) -> int:
        """Rows of the output that failed at their last try (``failed.jsonl``'s lines)."""
        return self.failed_count + self.earlier_failed

    @property
    def clusters_per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "engine": self.engine, "workers": self.workers,
                "rows": self.rows, "done": self.done, "skipped": self.skipped,
                "complete": self.complete,
                "empty": self.empty, "failed": self.failed_count, "failures": self.failed,
                "emptied_rows": self.emptied_count, "emptied": self.emptied,
                "seconds": round(self.seconds, 3),
                "clusters_per_second": round(self.clusters_per_second, 3),
                "settings_fingerprint": self.settings_fingerprint,
                # done, skipped and failed above are this run's; this is the whole folder's
                "output": {"done": self.output_done, "failed": self.output_failed}}


def fresh_state(seed: int) -> None:
    from summarizer.evaluation.run import fresh_state as _fresh  # the one definition

    _fresh(seed)


@dataclass
class SummariseTask:
    """One row in, its output row (or its failure) out; picklable for Ray actors."""

    method: str | Summarizer
    options: dict[str, Any]
    budget: Budget
    fields: Fields
    seed: int
    fingerprint: str
    system: Summarizer | None = None

    def setup(self) -> None:
        if isinstance(self.method, Summarizer):
            self.system = self.method
        else:
            self.system = get_summarizer(self.method, **self.options)
        # loads the summariser's models now, in each worker, before the first real cluster
        fresh_state(self.seed)
        self.system.summarize(Cluster.from_texts(_WARMUP, id="warmup"), self.budget)

    def lost(self, row: Row, reason: str) -> dict[str, Any]:
        """The failure of a row whose Ray worker died on it at every try."""
        return {"failed": {"id": row.id, "position": row.position, "where": row.where,
                           "error": reason}}

    def __call__(self, row: Row) -> dict[str, Any]:
        assert self.system is not None, "setup() first"
        start = time.perf_counter()
        cluster: Cluster | None = None
        try:
            # the row's record is the job's: its text goes as it is cleaned (Row says why)
            cluster = to_cluster(row, self.fields, take=True)
            row.record = None  # the cluster holds what is needed
            fresh_state(self.seed)
            summary = self.system.summarize(cluster, self.budget)
        except (KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # one bad row is reported; alone, never stops the job
            failed: dict[str, Any] = {"failed": {"id": row.id, "position": row.position,
                                                 "where": row.where, "error": describe(exc)}}
            # (with the pack's results, on Ray) the driver stops once it fails every row
            # (SameOSError); one of a file the row names is the row's own
            if isinstance(exc, OSError) and portable(exc) and not names_file(
                    row.record if cluster is None else cluster, exc):
                failed["os_error"] = exc
            return failed
        seconds = time.perf_counter() - start
        emptied = emptied_documents(row, cluster)
        return {**({"emptied": emptied} if emptied else {}), "row": {
            "id": row.id, "position": row.position, "summary": summary.text,
            "sentences": sentence_rows(summary),
            # words as budgets and evaluate count them (a Chinese character is one)
            "summary_words": count_words(summary.text),
            "summary_settings": json.dumps(summary.settings, sort_keys=True, default=str),
            "coverage": json_or_none(summary.coverage),
            "faithfulness": json_or_none(summary.faithfulness),
            "settings_fingerprint": self.fingerprint, "language": cluster.language,
            "input_tokens": sum(count_words(d.text) for d in cluster.documents),
            "seconds": seconds,
        }}


def _method_settings(method: str | Summarizer,
                     options: dict[str, Any]) -> tuple[str, dict, Summarizer]:
    """The method's name for the settings, its settings, and the summariser itself: made
    here, in the driver, from the driver's registry (summarizers.METHODS), and sent to Ray
    workers with the job, so a method registered in this process alone runs there too."""
    if isinstance(method, Summarizer):
        if options:
            raise OptionError("give options to the Summarizer instance, not to summarize_dataset")
        system, name = method, f"{type(method).__module__}:{type(method).__qualname__}"
    else:
        system, name = get_summarizer(method, **options), method  # fails fast on bad options
    check_model = getattr(system, "check_model", None)
    if callable(check_model):  # a missing generation model fails here, not in every worker;
        check_model()  # a hub model's config is fetched before model_files is taken
    return name, system.settings(), system


def settings_fingerprint(settings: dict[str, Any]) -> str:
    """A hash of a job's ``settings`` as a resumed job compares them
    (:func:`~summarizer.evaluation.store.compared_settings`): settings a job resumes with
    give its fingerprint, the one every row of the job carries."""
    from summarizer.evaluation.store import compared_settings

    text = setting_text(compared_settings(settings))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _refuse_out_inside_input(input: Any, out: Any) -> None:
    """An output folder inside the input folder would hold shards the next run (a resume)
    reads as input: refused before anything is written."""
    if not isinstance(input, (str, os.PathLike)) or str(input).startswith("hf:"):
        return
    src = Path(input)
    if not input_exists(src) or not src.is_dir():  # a bad path: an InputError, not OSError
        return
    target, root = output_folder(out, "batch").resolve(), src.resolve()  # '--out=~/in/job' too
    if target == root or root in target.parents:
        raise OutputExistsError(f"the output folder {out} (out=, --out) lies inside the input "
                                f"folder {input}: its shards would be read as input by the "
                                "next run; put it elsewhere")


@kept_generators()  # every cluster reseeds them: the caller's state comes back
def summarize_dataset(
    input: str | os.PathLike,
    out: str | os.PathLike,
    method: str | Summarizer | None = None,
    *,
    words: int | None = None,
    chars: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    engine: str = "local",
    num_workers: int | None = None,
    batch_size: int = 64,
    batch_tokens: int = 50_000,
    text_field: str | None = None,
    id_field: str | None = None,
    separator: str | None = None,
    preset: str | None = None,
    split: str | None = None,
    language: str | None = None,
    clean: bool = True,
    main_content: bool = True,
    date_field: str | None = None,
    seed: int = DEFAULT_SEED,
    address: str | None = None,
    gpus_per_worker: float | None = None,
    progress: bool = True,
    rows_per_shard: int = ROWS_PER_SHARD,
    **options: Any,
) -> BatchReport:
    """Summarise every cluster (one per row) of ``input`` into Parquet shards under ``out``.

    ``input``: a ``.jsonl`` or ``.parquet`` file, a folder of them (shards), or
    ``hf:NAME`` / ``hf:PATH`` (a Hugging Face data set, ``split``/``preset``).
    A row's documents are a list (``documents``) or one text field (``document``,
    ``text``, ``article``; split by ``separator``), its id the ``id`` field (else
    its position). A document that is an HTML page gives its article's text
    (``main_content=False``: every block of it, as ``summarize --no-main-content``).
    ``date_field`` names the documents' dates, by which they are put in order: a field of
    each document object of a list (there ``date`` unless named), else of the row, beside
    its one text or list of plain texts (one date for them all, or a list with one each;
    none is read unless it is named); a later row without it is a failed row.
    ``method`` is a method name (with ``options``) or a
    :class:`Summarizer` instance; None, the default, is ``summarizers.DEFAULT_METHOD``. Batches hold at most ``batch_size`` clusters
    and ``batch_tokens`` input words (the words decide for clusters over about 780
    words): a batch is a unit of scheduling (each cluster is summarised alone), about
    half a second of work with the default method, so that Ray Data's cost per batch
    stays small; the last batches are split smaller so that workers finish together.
    ``engine="ray"`` runs on a Ray Data actor
    pool of ``num_workers`` (default 2) actors; abstractive methods get
    ``gpus_per_worker`` GPUs each (default 1 when the Ray cluster has GPUs). A summariser
    that cannot be pickled, so not sent to them, is an
    :class:`~summarizer.errors.UnpicklableError` before the input is read; resuming a job,
    once clusters are known to be left (``out`` as it was). The input is read up to the
    first batch of clusters left before Ray starts: a finished ``out`` (every cluster of
    the input in it) sends nothing and starts no Ray, and ends as the local engine does.

    Re-running resumes (clusters already in ``out`` are skipped); ``out`` from
    other settings or input raises :class:`~summarizer.errors.RunMismatchError`.
    Rows that cannot be summarised are reported (id, position, reason) in the
    returned :class:`BatchReport` (their count, and the first 1,000 by position) and in
    ``out/failed.jsonl`` (all of them, as found), and do not stop the job. Documents that
    cleaning leaves without text are left out of their row's summary and reported, by the
    row's id and position and each document's id, in the report's ``emptied`` (and
    ``report.json``; the rows of this call, the first 1,000 found). A field
    option the first readable row does not fit (``text_field``, ``id_field``,
    ``separator``, ``preset``, ``date_field``) is an :class:`~summarizer.errors.OptionError` before
    ``out`` is made (:meth:`~summarizer.batch.source.Source.check_named_fields`).
    """
    began = time.perf_counter()  # the report's seconds: the job's wall time from here
    from summarizer import __version__
    from summarizer.batch.environment import recorded_environment
    from summarizer.values import check_named, check_values, path_given, type_hints
    from summarizer.version import code_fingerprint

    # batch_size="8" was a TypeError in the pack limits, clean="false" silently true
    check_values(dict(batch_size=batch_size, batch_tokens=batch_tokens,
                      rows_per_shard=rows_per_shard, truncate=truncate, clean=clean,
                      main_content=main_content, progress=progress, text_field=text_field,
                      id_field=id_field, separator=separator, preset=preset, split=split,
                      date_field=date_field),
                 type_hints(summarize_dataset), "", OptionError)
    check_named(dict(text_field=text_field, id_field=id_field, separator=separator,
                     preset=preset, split=split, date_field=date_field))
    if isinstance(input, str) and not input:  # Path("") is ".": the folder it ran in was read
        raise InputError("the input is empty; give a .jsonl or .parquet file, a folder of "
                         "them, or hf:NAME")
    path_given(input, "input", InputError)  # None was the path "None"; bytes likewise
    seed = check_seed(seed)  # NumPy's int64 as int: the settings are JSON
    if preset is not None:  # an unknown one was no preset at all for a local file
        from summarizer.documents.hf import check_preset

        check_preset(preset)
    method = method_or_default(method)  # None: the default method, as summarize() reads it
    # the method and its options before the input: a typo is named before a data set opens
    options = with_run_seed(method, options, seed)  # the run's seed seeds a sampling method
    method_name, system_settings, system = _method_settings(method, options)
    workers = engine_workers(engine, num_workers, address, gpus_per_worker)
    if engine == "ray" and not _holds_job(out):  # a new job: one that cannot be sent to the
        refuse_unpicklable(system)  # workers is said before the input opens (resumed: below)
    check_pack_limits(batch_size, batch_tokens)
    if rows_per_shard < 1:
        raise OptionError(f"rows_per_shard must be positive, got {rows_per_shard}")
    budget = make_budget(words=words, chars=chars, bytes=bytes, sentences=sentences,
                         truncate=truncate)
    if language is not None:  # "", 0 or [] was read as not given
        from summarizer.languages import normalize_language

        language = normalize_language(language)  # a typo fails now, not on every row
    fields = Fields(text_field=text_field, id_field=id_field, separator=separator,
                    preset=preset, language=language, clean=clean, main_content=main_content,
                    date_field=date_field)
    if split is not None and not str(input).startswith("hf:"):  # it was ignored
        raise OptionError(f"split (--split) is for a Hugging Face data set (hf:); {input} is "
                          "a file or folder, read whole")
    _refuse_out_inside_input(input, out)
    source = Source(input, fields, split)
    fields = source.fields
    settings = {
        "method": method_name,
        "options": {k: options[k] for k in sorted(options)},
        "system_settings": system_settings,
        "budget": budget.to_dict(),
        "fields": fields.to_dict(),
        "seed": seed,
        "package_version": __version__,
        "code_fingerprint": code_fingerprint(),
        "environment": recorded_environment(),  # as evaluate's settings record it
    }
    fingerprint = settings_fingerprint(settings)
    info = {"created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "python": platform.python_version(), "platform": platform.platform()}
    # the summariser made above, not its name: a Ray worker looked the name up in its own
    # registry, which lacks a method registered in this process (UnknownMethodError)
    task = SummariseTask(system, options, budget, fields, seed, fingerprint)
    folder = OutputFolder(output_folder(out, "batch"))  # a name the system refuses: said, exit 2
    report = BatchReport(out=folder.folder, engine=engine, workers=workers,
                         settings_fingerprint=fingerprint)
    input_info = source.describe()  # reads the input: a damaged one is refused before the
    source.check_named_fields()     # output folder is made (locking makes it), and so is a
    # field option that the rows lack. A full disk says what is saved, as evaluate's does.
    with folder.locked(), saying_saved(lambda: _saved_note(folder)):
        folder.open(settings, fingerprint, input_info, info)
        done_ids = folder.done_ids(fingerprint)
        report.earlier_done = len(done_ids)
        ids = RowIds()

        def pending() -> Any:
            for row in source.rows():
                report.rows += 1
                if row.record is None or row.error is not None:
                    # unreadable, or without its named id: it holds no id (its position
                    # is not one; reported by position), so a later row whose id that
                    # is is no duplicate
                    ahead.add({"id": None, "position": row.position, "where": row.where,
                               "error": row.error})
                    continue
                taken = ids.claim(row.id, row.position, row.placed)
                if taken is not None:  # the id a row without one takes is none of its own
                    ahead.add({"id": None if row.placed else row.id,
                               "position": row.position, "where": row.where,
                               "error": taken.why})
                    continue
                if row.id in done_ids:
                    report.skipped += 1
                    continue
                yield row

        # rows refused as read wait here for their place (pending() adds, once iterated)
        ahead = ReadAhead(folder.failure_log())  # (nothing written in the folder yet)
        packs = pack_items(pending(), lambda r: estimate_tokens(r.record, fields),
                           batch_size, batch_tokens)
        results: Iterator[list[Any]]
        if engine == "ray":
            # the input read up to the first pack of clusters left before Ray starts: a
            # finished folder (the input read to its end) sends nothing, so a summariser
            # that cannot be sent is no matter, and ends as on the local engine; a resumed
            # job with clusters left refuses one here, its folder as it was. Anything else
            # that stops it here (Ctrl-C, SIGTERM, an error reading the input or starting
            # Ray) ends it as the local engine's job ends, through _collect: the report and
            # failures of the rows reached (the last run's report stayed, its counts stale)
            try:
                first = next(packs, None)
                if first is None:
                    results = iter(())
                else:
                    refuse_unpicklable(system)
                    gpus = actor_gpus(method_name, gpus_per_worker, address)
                    results = run_ray(task, itertools.chain([first], packs),
                                      num_workers=workers, num_gpus=gpus, address=address)
            except UnpicklableError:
                raise
            except BaseException as exc:  # noqa: BLE001 (raised again by _collect)
                results = _raising(exc)
        else:
            results = run_local(task, packs)
        from summarizer.progress import shown

        # the rows counted only for a bar that is drawn (a JSONL input is read once more)
        bar = _rows_bar(progress, report.earlier_done, source.size() if shown(progress) else None)
        def strays() -> None:  # once the whole input is read: a row of no input row
            stray = min((i for i in done_ids if i not in ids.first), default=None)
            if stray is not None:
                raise InputError(f"{folder.folder}: its shards hold cluster {value_repr(stray)}, "
                                 "which is no row of the input (another input's shard copied "
                                 "in?); the output folder was damaged or edited")

        same = _collect(results, folder, report, ahead, bar, rows_per_shard, began,
                        source.stamp, strays)
        # raised past saying_saved (a full disk's note is the one below) and the lock
        stop = same.stop(_saved_note(folder)) if same is not None else None
    if stop is not None:
        raise stop
    return report


def _raising(exc: BaseException) -> Iterator[list[Any]]:
    """Results that are ``exc``, raised at the first: what stopped a job before its engine
    ran, raised by :func:`_collect` once it has written what the job reached."""
    raise exc
    yield []  # (a generator: nothing is raised before it is read)


def _holds_job(out: Any) -> bool:
    """Whether ``out`` holds a batch job's manifest: a job to resume (or one that
    :meth:`OutputFolder.open` refuses); a name the system refuses is said as
    :func:`~summarizer.folders.output_folder` says it."""
    return OutputFolder(output_folder(out, "batch")).manifest_file.exists()


def _saved_note(folder: OutputFolder) -> str:
    """What a job stopped by a full disk has saved and how to go on: the clusters in its
    shards (an earlier run's too), read from them, as evaluate's note counts its file."""
    return (f"{counted(len(folder.done_ids()), 'cluster')} saved in "
            f"{shortened(str(folder.folder))}; run the same command again to resume")


def actor_gpus(method: str, given: float | None, address: str | None = None) -> float:
    """GPUs per Ray actor: ``given`` (``--gpus-per-worker``) if set, else :func:`default_gpus`."""
    return given if given is not None else default_gpus(method, address)


def default_gpus(method: str, address: str | None = None) -> float:
    """One GPU per actor for abstractive methods when the Ray cluster has GPUs."""
    if method not in ABSTRACTIVE:
        return 0
    from summarizer.batch.engine import init_ray

    return 1 if init_ray(1, address).cluster_resources().get("GPU", 0) >= 1 else 0


class ReadAhead:
    """Failures of rows refused as they are read (unreadable, a duplicate id), which is
    ahead of the summaries: held in a temporary file, one line in memory, and written to
    ``failed.jsonl`` once a result of a later row is in, so that the file follows input
    order as stderr and the report do (on Ray, whose packs come back as they finish, pack
    by pack). Without it a row that is not JSON came before an earlier one without text.

    The file is made at the first failure held, in the system's temporary folder
    (``TMPDIR``). An error writing it (that folder full) stops the job as a full output
    folder does (:func:`~summarizer.folders.saying_saved`): an OSError named by the folder;
    the failure it could not hold is kept in memory, and every failure held still reaches
    ``failed.jsonl`` and the report (the lines are written whole, unbuffered, so those
    before it read back). It was a bare "[Errno 28] No space left on device". One without a
    reason (no ``strerror``: a file system's own text, or none) names the folder in its
    text; it was raised as it came, naming nothing."""

    READ = 1 << 16  # bytes read back at a time

    def __init__(self, log: FailureLog) -> None:
        self.log = log
        self._file: Any = None  # unbuffered, made at the first add
        self._end = 0  # where the next line goes: after the last one written whole
        self._read_at = 0
        self._read: bytes = b""  # read back, not yet parsed: at most READ and a line
        self._waiting = 0  # lines written, not yet read back
        self._next: dict[str, Any] | None = None
        self._unheld: dict[str, Any] | None = None  # the failure the folder had no room for

    def add(self, failure: dict[str, Any]) -> None:
        import tempfile

        line = json.dumps(failure, ensure_ascii=False).encode() + b"\n"
        folder = tempfile.gettempdir()
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(buffering=0, dir=folder)
            self._file.seek(self._end)
            view = memoryview(line)
            while view:  # an unbuffered write may take part of the line (a disk near full)
                view = view[self._file.write(view):]
        except OSError as exc:
            self._unheld = failure  # released last, at close
            held = "holding the failures of rows refused as read; TMPDIR names another"
            if exc.strerror is None:  # no reason, so no path said after one: the folder is
                # named in its text (it was raised as it came: "quota", or "OSError" alone)
                raise os_error_saying(exc, f" (the temporary folder {shortened(folder)}, "
                                      f"{held})") from None
            raise os_error_saying(exc, f" (the temporary folder, {held})", folder) from None
        self._end += len(line)
        self._waiting += 1

    def _read_line(self) -> dict[str, Any]:
        while b"\n" not in self._read:
            # never past the lines written whole (a partial line may follow the last)
            size = min(self.READ, self._end - self._read_at)
            chunk = read_at(self._file.fileno(), size, self._read_at) if size > 0 else b""
            if not chunk:  # a line counted was written whole: never, unless the file changed
                raise RuntimeError("the read-ahead failures' temporary file ended early")
            self._read_at += len(chunk)
            self._read += chunk
        line, _, self._read = self._read.partition(b"\n")
        self._waiting -= 1
        return json.loads(line)

    def release(self, before: float = float("inf")) -> int:
        """Write the held failures of rows before position ``before`` (all by default);
        how many were written."""
        written = 0
        while True:
            if self._next is None:
                if self._waiting:
                    self._next = self._read_line()
                elif self._unheld is not None:
                    self._next, self._unheld = self._unheld, None
                else:
                    return written
            if self._next["position"] >= before:
                return written
            self.log.add(self._next)
            self._next = None
            written += 1

    def close(self) -> None:
        self.release()
        if self._file is not None:
            self._file.close()
        self.log.close()


def _count_written(report: BatchReport, results: list[dict[str, Any]], log: FailureLog) -> None:
    """Count the rows of ``results`` in the report once their shard is written: a row whose
    shard could not be written (a full disk) is neither done, empty nor emptied (and an
    earlier run's failure of it stays in ``log``)."""
    for result in results:
        row = result["row"]
        report.done += 1
        log.retried(row["position"])
        if "emptied" in result:  # summarised without them: said, never silently
            report.emptied_count += 1
            if len(report.emptied) < KEPT_FAILURES:
                report.emptied.append(result["emptied"])
        if is_blank(row["summary"]):  # evaluate's rule: invisible only is empty
            report.empty += 1
            if not report.empty_note:
                note = json.loads(row["summary_settings"]).get("note", "")
                report.empty_note = f"id {value_repr(row['id'])}: {note}".rstrip(": ")


def same_key(exc: OSError) -> tuple:
    """What makes two OSErrors the same for :class:`SameOSError`: type, errno, reason and
    both files (the text of one without an errno)."""
    return (type(exc), exc.errno, exc.strerror, exc.filename, exc.filename2,
            str(exc) if exc.errno is None else "")


def names_file(own: Any, exc: OSError) -> bool:
    """Whether the file of ``exc`` (either of its two) is one that a row names itself, in
    ``own``, its cluster (or its record, where no cluster was made): a string of it holds the
    file's path, or is a relative path that the file's path ends with (a name of it in a
    folder the summariser reads it from), of a file (an extension) or folders (a ``/``), so
    that a language's code ("cs") is no name of the word list ".../cs". Such a file is that
    row's own (its attachment): however many rows in a row fail on it, they stop no job. A
    file no row names (a model file, a word list) is the summariser's: :class:`SameOSError`
    counts it."""
    paths = [PurePath(os.fsdecode(f)) for f in (exc.filename, exc.filename2)
             if isinstance(f, str | bytes) and f]
    if not paths:
        return False
    texts = [str(p) for p in paths]
    for value in _strings(own):
        if any(text in value for text in texts):
            return True
        name = value.strip()
        if (len(name) > MAX_PATH or "\n" in name or not ("/" in name or "." in name)
                or PurePath(name).is_absolute()):
            continue
        parts = PurePath(name).parts
        if parts and any(p.parts[-len(parts):] == parts for p in paths):
            return True
    return False


# The longest string names_file reads as a relative path (longer: a text, not a name).
MAX_PATH = 4096


def _strings(value: Any) -> Iterator[str]:
    """Every string in ``value``: a cluster's or document's fields (dataclasses), a
    record's values, nested lists and dicts; iterative, so that no depth of nesting
    exceeds the recursion limit."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))


class SameOSError:
    """The OSError that failed the last rows alike, none summarised between them: a row's
    failure is the row's while rows around it succeed, but the same file missing or
    unreadable at :data:`SAME_ERROR_ROWS` rows in a row (a model file or word list removed
    while the job runs) is no row's fault, and would fail every row left. Counted in the
    order results come (on Ray, pack by pack), on both engines alike, whether or not the
    warm-up cluster needs the file (a Czech job's word list, a model only long clusters
    load). A result carries its error only where its row does not name the file itself
    (:func:`names_file`), so rows that need a missing file of their own, sorted together,
    stay failed rows; rows that each need another file differ in it (:func:`same_key`)."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.key: tuple | None = None
        self.count = 0
        self.error: OSError | None = None
        self.last_id: Any = None

    def add(self, result: dict[str, Any]) -> None:
        """Count a result: a row done, or failed by any other error, ends the run of them."""
        exc = result.get("os_error")
        key = None if exc is None else same_key(exc)
        if key is None or key != self.key:
            self.key, self.count = key, 0
        if exc is not None:
            self.count += 1
            self.error, self.last_id = exc, result["failed"]["id"]

    @property
    def stopping(self) -> bool:
        return self.key is not None and self.count >= self.rows

    def stop(self, saved: str) -> OSError:
        """The error that stops the job, saying so and what is ``saved``."""
        assert self.error is not None
        return os_error_saying(self.error, (
            f" (at {counted(self.count, 'row')} in a row, the last id {value_repr(self.last_id)}, "
            f"none summarised between: not the rows' fault; {saved} once it is fixed)"))


def _rows_bar(progress: bool, done: int, total: int | None) -> Any:
    """The job's bar, counting on from the ``done`` rows of a resumed job, of the ``total``
    rows where the input's size is known."""
    from summarizer.progress import progress_bar

    return progress_bar(asked=progress, initial=done, total=total, unit="cluster",
                        desc="batch", dynamic_ncols=True)


def _collect(results: Any, folder: OutputFolder, report: BatchReport, ahead: ReadAhead,
             bar: Any, rows_per_shard: int, began: float,
             stamp: InputStamp, strays: Callable[[], None] = lambda: None) -> SameOSError | None:
    """Write results as they come: shards every ``rows_per_shard`` rows or FLUSH_SECONDS.
    Returns the :class:`SameOSError` that stopped the job, or None: the finished rows are
    written first, and the job (its Ray actors) ended. The report's seconds are from
    ``began`` (``time.perf_counter()`` at the job's start) to the report, on either engine:
    they counted from here, where the local engine begins its read of the input and Ray's
    job had read it up to its first pack and started no Ray yet (that read was left out).
    An input file that changed since ``stamp`` was taken (:meth:`InputStamp.check`), or
    ``strays`` raising (shards with rows of no input row), leaves the report incomplete and
    raises, once the rows are written."""
    same = SameOSError(SAME_ERROR_ROWS)
    buffer: list[dict[str, Any]] = []
    # The shard being written and its rows: an interrupt may come after its rename and
    # before the rows are known to be written (the rows were then written twice).
    shard: Path | None = None
    writing: list[dict[str, Any]] = []
    last = time.perf_counter()
    try:
        for pack in results:
            released = 0  # rows refused as read count on the bar as they reach the log
            for result in pack:
                released += ahead.release(before=(result.get("failed") or result["row"])[
                    "position"])
                if "failed" in result:
                    ahead.log.add(result["failed"])
                else:
                    buffer.append(result)
                same.add(result)
            bar.update(len(pack) + released)
            if ahead.log.lost is not None:  # failed.jsonl unwritable: the pack is kept
                raise ahead.log.lost
            if len(buffer) >= rows_per_shard or time.perf_counter() - last > FLUSH_SECONDS:
                writing, buffer, shard = buffer, [], folder.new_shard()
                folder.write_shard([r["row"] for r in writing], shard)
                with uninterrupted():  # counted once: here, or below if a signal came first
                    _count_written(report, writing, ahead.log)
                    writing, shard, last = [], None, time.perf_counter()
            if same.stopping:
                results.close()  # the rows left are not read; the Ray job ends
                break
        else:
            bar.update(ahead.release())  # the rows refused as read after the last result
            stamp.check(folder.folder)  # rows from old and new content: not complete
            strays()  # rows of another input: not complete either
            report.complete = True
    finally:  # interrupted or failed: what is finished is kept, once (a second Ctrl-C waits)
        with uninterrupted():
            bar.close()
            if shard is not None:  # written (renamed) before the signal, or not at all
                if shard.exists():
                    _count_written(report, writing, ahead.log)
                else:
                    buffer = writing + buffer
            unsaved: OSError | None = None
            if buffer:
                try:
                    folder.write_shard([r["row"] for r in buffer])
                except OSError as exc:  # a full disk: the small files below may still fit
                    unsaved = exc
                    report.complete = False
                else:
                    _count_written(report, buffer, ahead.log)
            report.seconds = time.perf_counter() - began
            try:
                ahead.close()  # failed.jsonl put in place
            except OSError as exc:  # a full disk: the report below may still fit, and says
                unsaved = unsaved or exc  # the run is not whole (the failures' file lost)
                report.complete = False
            report.failed, report.failed_count = ahead.log.first(), ahead.log.count
            report.earlier_failed = ahead.log.carried
            report.emptied.sort(key=lambda e: e["position"])
            folder.write_report(report.to_dict())
            if unsaved is not None:
                raise unsaved
    return same if same.stopping else None
