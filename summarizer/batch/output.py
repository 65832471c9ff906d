"""A batch output folder: ``manifest.json``, Parquet shards, ``failed.jsonl``, ``report.json``.

Every file is written under a unique temporary name and moved into place
with ``os.replace`` (:func:`summarizer.atomic.write_atomic`), so a reader (or a rerun after a kill) sees whole shards
only. A rerun reads the ids already in the shards and skips them. A lock
file keeps two jobs from writing the same folder at once.

One Parquet row per summarised cluster::

    id                    string
    position              int64     0-based row of the input
    summary               string
    sentences             list<struct<text, doc_id, sentence_index, start, end,
                                      score, truncated, sources: list<struct<doc_id,
                                      sentence_index>>, edits: list<struct<start, end,
                                      text, rule>>, supported, evidence: list<struct>,
                                      unsupported: list<struct>>>   (provenance)
    summary_words         int32
    summary_settings      string    JSON: what the summariser reports for this cluster
    coverage              string    JSON: Summary.coverage, or null
    faithfulness          string    JSON: the guard's Summary.faithfulness, or null
    settings_fingerprint  string    hash of the job settings (manifest.json)
    language              string
    input_tokens          int64
    seconds               float64   wall time for this cluster (not deterministic)
"""

from __future__ import annotations

import json
import os
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from summarizer.atomic import AtomicLines, write_atomic
from summarizer.errors import InputError, OptionError, RunMismatchError, value_repr
from summarizer.folders import holding_lock, refuse_foreign, remove_temporaries
from summarizer.textio import json_of_utf8, refuse_irregular
from summarizer.values import listed, path_given

MANIFEST = "manifest.json"
FAILED = "failed.jsonl"
REPORT = "report.json"
LOCK = ".lock"
SHARD_PREFIX = "part-"
FORMAT = "summarizer-batch/1"
SHARDS = f"{SHARD_PREFIX}*.parquet"  # the glob of a job's shards
# what a job writes (names, the shards' pattern): their temporary files are a job's
WRITES = (MANIFEST, REPORT, FAILED, SHARDS)
KEPT_FAILURES = 1000  # failures held in memory (and in report.json); failed.jsonl has all


def schema() -> Any:
    """The Parquet schema of the shards (fixed, so every shard reads the same)."""
    import pyarrow as pa

    source = pa.struct([("doc_id", pa.string()), ("sentence_index", pa.int32())])
    # compress.Edit, and the guard's faithfulness.checker.Evidence and Item, field by field
    edit = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
                      ("rule", pa.string())])
    evidence = pa.struct([
        ("doc_id", pa.string()), ("sentence_index", pa.int32()), ("start", pa.int64()),
        ("end", pa.int64()), ("score", pa.float64()), ("lexical", pa.float64()),
        ("embedding", pa.float64()), ("text", pa.string()), ("cosine", pa.float64()),
    ])
    item = pa.struct([("kind", pa.string()), ("text", pa.string()), ("start", pa.int64()),
                      ("end", pa.int64()), ("supported", pa.bool_()),
                      ("strength", pa.float64())])
    sentence = pa.struct([
        ("text", pa.string()), ("doc_id", pa.string()), ("sentence_index", pa.int32()),
        ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()),
        ("truncated", pa.bool_()), ("sources", pa.list_(source)),
        ("edits", pa.list_(edit)), ("supported", pa.bool_()),
        ("evidence", pa.list_(evidence)), ("unsupported", pa.list_(item)),
    ])
    return pa.schema([
        ("id", pa.string()), ("position", pa.int64()), ("summary", pa.string()),
        ("sentences", pa.list_(sentence)), ("summary_words", pa.int32()),
        ("summary_settings", pa.string()), ("coverage", pa.string()),
        ("faithfulness", pa.string()), ("settings_fingerprint", pa.string()),
        ("language", pa.string()), ("input_tokens", pa.int64()), ("seconds", pa.float64()),
    ])


def sentence_rows(summary: Any) -> list[dict[str, Any]]:
    """A summary's sentences with their provenance, as the ``sentences`` column holds them."""
    return [{
        "text": s.text, "doc_id": s.doc_id, "sentence_index": s.sentence_index,
        "start": s.start, "end": s.end, "score": None if s.score is None else float(s.score),
        "truncated": bool(s.truncated),
        "sources": [{"doc_id": d, "sentence_index": i} for d, i in s.sources],
        # without its edits a compressed sentence's text is not its source's start:end
        "edits": [asdict(e) for e in s.edits], "supported": s.supported,
        "evidence": list(s.evidence), "unsupported": list(s.unsupported),
    } for s in summary.sentences]


def json_or_none(value: Any) -> str | None:
    """A summary's report (coverage, faithfulness) as a JSON column; None where it has none."""
    return None if value is None else json.dumps(value, sort_keys=True, default=str)


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


class OutputFolder:
    """The files of one batch job; :meth:`open` refuses a folder made with other settings."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.manifest_file = self.folder / MANIFEST

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's lock for the whole job (a second job is refused:
        :func:`~summarizer.folders.holding_lock`). The temporary files a killed job left
        (a shard half-written: up to a shard's size) go: no one else writes here."""
        if self.read_manifest() is None:  # a user's file or folder: refused before any write
            refuse_foreign(self.folder, (LOCK,), "a batch job's", WRITES)
        self.folder.mkdir(parents=True, exist_ok=True)
        with holding_lock(self.folder / LOCK, "batch job"):
            # again under the lock, before anything is removed: an evaluate run (its own lock)
            # may have begun here since, and its half-written report is named as ours is
            if not self.manifest_file.exists():
                refuse_foreign(self.folder, (LOCK,), "a batch job's", WRITES)
            remove_temporaries(self.folder, WRITES)
            yield

    def read_manifest(self) -> dict[str, Any] | None:
        # a FIFO is refused by its kind before a read that would wait for a writer for ever
        refuse_irregular(self.manifest_file, error=RunMismatchError, missing_ok=True,
                         then="use another output folder (out=, --out)")
        if not self.manifest_file.exists():
            return None
        try:
            data = json_of_utf8(self.manifest_file.read_bytes())
        except (ValueError, RecursionError):  # also json's digit and nesting limits
            data = None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise RunMismatchError(f"{self.manifest_file} is not a summarizer batch manifest; "
                                   "use another output folder (out=, --out)")
        return data

    def open(self, settings: dict[str, Any], fingerprint: str, input_info: dict[str, Any],
             info: dict[str, Any]) -> None:
        """Start a job here, or check that the folder holds this very job (then it resumes)."""
        from summarizer.evaluation.store import settings_diff, shown_diffs, upgraded_diffs

        existing = self.read_manifest()
        if existing is None:  # a new job: the folder must be new or empty (bar our lock)
            refuse_foreign(self.folder, (LOCK,), "a batch job's", WRITES)
            self.folder.mkdir(parents=True, exist_ok=True)
            write_json(self.manifest_file, {"format": FORMAT, "settings": settings,
                                            "settings_fingerprint": fingerprint,
                                            "input": input_info, "info": info})
            return
        diffs = settings_diff(existing.get("settings"),
                              json.loads(json.dumps(settings, default=str)))
        upgraded = upgraded_diffs(diffs)
        if upgraded:  # other code or packages: said as such, as evaluate says it
            raise RunMismatchError(f"{self.folder} holds a batch job {upgraded}; its "
                                   "summaries would not match: use another output folder "
                                   "(out=, --out)")
        if diffs:
            raise RunMismatchError(f"{self.folder} holds a batch job with other settings "
                                   f"({shown_diffs(diffs)}); use another output folder "
                                   "(out=, --out)")
        if existing.get("settings_fingerprint") != fingerprint:  # settings edited by hand:
            # the rows are of the settings the fingerprint was made from, not these
            raise RunMismatchError(
                f"{self.folder}: its manifest's settings fingerprint "
                f"{value_repr(existing.get('settings_fingerprint'))} is not that of the settings "
                f"it holds ({fingerprint}): the manifest was edited; use another output folder "
                "(out=, --out)")
        old = (existing.get("input") or {}).get("fingerprint")
        if old != input_info.get("fingerprint"):
            raise RunMismatchError(f"{self.folder} holds a batch job over other input (input "
                                   f"fingerprint {old} -> {input_info.get('fingerprint')}); "
                                   "use another output folder (out=, --out)")

    def shards(self) -> list[Path]:
        """The shards, by name. One that is no regular file (a FIFO, a folder) is refused as
        a damaged shard is: skipped, its rows were silently missing from the output."""
        found = sorted(self.folder.glob(SHARDS))
        for shard in found:
            refuse_irregular(shard, then="the output folder was damaged or edited")
        return found

    def done_ids(self, fingerprint: str | None = None) -> set[str]:
        """Ids of the clusters already in the shards. With ``fingerprint`` (the job's), a
        shard holding a row of other settings (another job's shard, copied in) or an id
        that another row holds too (a shard copied twice) is an :class:`InputError`: the
        first stood in for this job's summaries, the second came back twice from
        :func:`read_output`, each in silence."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        done: set[str] = set()
        for shard in self.shards():
            try:
                table = pq.read_table(shard, columns=["id", "settings_fingerprint"],
                                      page_checksum_verification=True)
            except (pa.ArrowException, OSError) as exc:
                raise InputError(f"{shard}: unreadable shard ({exc}); the output folder was "
                                 "damaged or edited") from None
            ids = table.column("id").to_pylist()
            if fingerprint is None:
                done.update(ids)
                continue
            other = next((f for f in table.column("settings_fingerprint").unique().to_pylist()
                          if f != fingerprint), None)
            if other is not None:
                raise InputError(f"{shard}: rows of another job (settings fingerprint "
                                 f"{value_repr(other)}, this job's {fingerprint}); the output "
                                 "folder was damaged or edited")
            for cid in ids:
                if cid in done:
                    raise InputError(f"{shard}: cluster {value_repr(cid)} is in another row "
                                     "too (a shard copied twice?); the output folder was "
                                     "damaged or edited")
                done.add(cid)
        return done

    def new_shard(self) -> Path:
        """A name for the next shard, unique."""
        name = f"{SHARD_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.parquet"
        return self.folder / name

    def write_shard(self, rows: list[dict[str, Any]], path: Path | None = None) -> Path:
        """Write ``rows`` as one new shard (atomically) at ``path`` (default
        :meth:`new_shard`); returns its path."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        sink = pa.BufferOutputStream()
        # page checksums: a shard damaged later fails as damaged when read, not wrong text
        pq.write_table(pa.Table.from_pylist(rows, schema=schema()), sink,
                       write_page_checksum=True)
        return write_atomic(path or self.new_shard(), sink.getvalue().to_pybytes())

    def failure_log(self) -> FailureLog:
        """A new ``failed.jsonl`` for this run (a rerun retries the rows that failed before;
        a killed run's temporary files went when the folder was locked). Nothing is written
        until its first line or its close (:class:`FailureLog`)."""
        return FailureLog(self.folder / FAILED)

    def write_report(self, report: dict[str, Any]) -> None:
        write_json(self.folder / REPORT, report)


class FailureLog:
    """The rows of a job that could not be summarised, written to ``failed.jsonl`` as they are
    found (in that order; each line has the row's position), so that memory stays bounded
    however many rows fail. The file replaces the previous one when the job ends, finished or
    interrupted; the previous one's failures this run did not retry (a run stopped before
    their rows, or with them in flight) are written after this run's, marked ``earlier``:
    they are still the output's, and a stopped rerun dropped them. The first
    ``KEPT_FAILURES`` by input position are kept for the report.
    Its temporary file is made at the first line (or at close): a job refused before it
    writes (a resumed one on Ray whose summariser cannot be sent) leaves its folder as it
    was."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: AtomicLines | None = None
        self._first: list[tuple[int, int, dict[str, Any]]] = []  # max-heap on position
        self._kept = 0  # lines written, a tie-break for the heap
        self.count = 0  # this run's failures
        self.carried = 0  # the previous file's failures not retried, written at close
        # positions of the previous file's failures, until their rows are retried
        self._earlier = {f["position"] for f in _failures(path)}
        # the error writing a line (a full disk): later failures are counted, not written,
        # and close raises it, the file not put in place (the job stops after its pack)
        self.lost: OSError | None = None

    def add(self, failure: dict[str, Any]) -> None:
        self._earlier.discard(failure["position"])
        self.count += 1
        self._keep(failure)

    def retried(self, position: int) -> None:
        """The row at ``position`` was summarised (and saved) by this run."""
        self._earlier.discard(position)

    def _keep(self, failure: dict[str, Any]) -> None:
        import heapq

        if self.lost is None:
            try:
                self._lines().write(json.dumps(failure, ensure_ascii=False))
            except OSError as exc:
                self.lost = exc
        entry = (-failure["position"], -self._kept, failure)
        self._kept += 1
        if len(self._first) < KEPT_FAILURES:
            heapq.heappush(self._first, entry)
        elif entry > self._first[0]:  # an earlier position than the latest one kept
            heapq.heapreplace(self._first, entry)

    def _lines(self) -> AtomicLines:
        if self._file is None:
            self._file = AtomicLines(self.path)
        return self._file

    def first(self) -> list[dict[str, Any]]:
        """The kept failures, by input position."""
        return [f for _, _, f in sorted(self._first, reverse=True)]

    def close(self) -> None:
        if self._earlier and self.lost is None:  # read before the new file replaces it
            for failure in _failures(self.path):
                if failure["position"] in self._earlier:
                    self._earlier.discard(failure["position"])
                    self.carried += 1
                    self._keep({**failure, "earlier": True})
        if self.lost is not None:
            if self._file is not None:
                self._file.discard()
            raise self.lost
        self._lines().close()


def _failures(path: Path) -> Iterator[dict[str, Any]]:
    """The failures of a ``failed.jsonl`` (none if it is missing or no regular file); a line
    that is not one (the file edited or cut short) is passed over."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return
        fh = open(path, "rb")
    except OSError:
        return
    with fh:
        for line in fh:
            try:
                failure = json.loads(line)
            except ValueError:
                continue
            if (isinstance(failure, dict) and type(failure.get("position")) is int
                    and "error" in failure):
                yield failure


def read_output(folder: str | os.PathLike, columns: list[str] | None = None) -> list[dict]:
    """Every row of a batch output folder, sorted by input position.

    A folder without a batch manifest (a typo, another folder) is an :class:`InputError`,
    not an empty list; so is a damaged shard. Unknown ``columns`` are an :class:`OptionError`.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = OutputFolder(path_given(folder, "folder", InputError))  # None, '' (the working folder)
    refuse_irregular(out.manifest_file, missing_ok=True, then="not a batch output folder")
    if not out.manifest_file.is_file():  # nothing there: refuse_irregular said any other kind
        raise InputError(f"{out.folder}: not a batch output folder (no {MANIFEST})")
    columns = listed(columns, "columns")  # columns="id": its letters were the columns
    unknown = sorted(set(columns or ()) - set(schema().names))
    if unknown:
        raise OptionError(f"no column {', '.join(map(repr, unknown))} in a batch output; "
                          f"columns: {', '.join(schema().names)}")
    rows: list[dict] = []
    for shard in out.shards():
        try:
            rows.extend(pq.read_table(shard, columns=columns, page_checksum_verification=True)
                        .to_pylist())
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"{shard}: unreadable shard ({exc}); the output folder was "
                             "damaged or edited") from None
    return sorted(rows, key=lambda r: (r.get("position", 0), r.get("id", "")))
