"""A run folder on disk: ``run.json`` (settings) and ``results.jsonl`` (one line per cluster).

Results are appended one cluster at a time (handed to the system at once, fsynced at most
once a second and when the run ends), so a run that is interrupted in any way loses at
most the cluster in flight (a power cut: the last second's); a torn last line (a write cut
short by a kill) is dropped when the folder is reopened. A folder is used only if it is
empty, new, or a run of the same settings: the user's own files are never overwritten.
One process writes to a folder at a time (the system's lock on ``run.lock``, which holds
its pid for the message; it ends with its process, however that ends).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarizer.atomic import append_line, sync_appended, unshare, write_json_atomic
from summarizer.errors import InputError, RunMismatchError, shortened, value_repr
from summarizer.evaluation.faithfulness import CHECKS_FILE
from summarizer.evaluation.records import ClusterResult
from summarizer.evaluation.settings import upgrade_stored
from summarizer.folders import holding_lock, output_folder, refuse_foreign, remove_temporaries
from summarizer.textio import json_of_utf8, json_problem, refuse_irregular
from summarizer.values import setting_text

RUN_FILE = "run.json"
RESULTS_FILE = "results.jsonl"
LOCK_FILE = "run.lock"
# written whole through a temporary file (the appended ones when given a copy of their own,
# atomic.unshare): what a killed run left of them goes with the next run
WRITTEN = (RUN_FILE, "report.md", "report.json", RESULTS_FILE, CHECKS_FILE)
# Each results.jsonl line ends with its seal: a hash of the line before it and of the run's
# settings, so that a line edited after it was written (a figure changed by hand) or one
# from a run of other settings is refused on resume, at the cost of a hash per line. A
# check against mistakes, not a signature: anyone can hash run.json's settings. run.json
# says that its lines are sealed (those of runs from before the seal are not, and are read).
SEAL = "seal"
SEALED = "sha256-16"


def settings_diff(old: Any, new: Any) -> list[str]:
    """Human-readable paths where two settings trees differ (a run's, a batch job's), read
    as :func:`compared_settings` reads them: a key holding None and a key absent are the
    same setting (an option given as None is one left out: ``min_words=None``), and so are
    an option given as its method's default and one left out (``order="readable"`` for
    coverage)."""
    return _diff(compared_settings(old), compared_settings(new), "")


def _diff(old: Any, new: Any, prefix: str) -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new)):
            out += _diff(old.get(key), new.get(key), f"{prefix}{key}.")
        return out
    if setting_text(old) != setting_text(new):  # True and 1 are two, as fingerprinted
        return [f"{prefix.rstrip('.')}: {value_repr(old)} -> {value_repr(new)}"]
    return []


def compared_settings(settings: Any) -> Any:
    """``settings`` as a resumed job or run compares them (:func:`settings_diff`): each
    dict's keys that hold None left out, at every depth of dicts (a list is compared whole),
    and the top level's ``options`` less those given as the value its ``method`` declares
    for them (:func:`~summarizer.summarizers.options_not_default`). Two trees
    :func:`settings_diff` finds no difference in give the same tree here, and so the same
    fingerprint (:func:`summarizer.batch.job.settings_fingerprint`): an option given as None
    or as its default gave another fingerprint than one left out, though the same job
    resumed with either. Settings without options (none given) are read as they were."""
    tree = _without_none(settings)
    if (isinstance(tree, dict) and isinstance(tree.get("method"), str)
            and isinstance(tree.get("options"), dict) and tree["options"]):
        from summarizer.summarizers import options_not_default

        tree["options"] = options_not_default(tree["method"], tree["options"])
    return tree


def _without_none(settings: Any) -> Any:
    if isinstance(settings, dict):
        return {k: _without_none(v) for k, v in settings.items() if v is not None}
    return settings


def upgraded_diffs(diffs: list[str]) -> str | None:
    """Where :func:`settings_diff`'s lines say that the code or the installed packages
    changed, how a refusal says it ("made with other code of the summarizer package ...");
    None where they do not. Said before any other difference, which such a change can bring
    with it (a data set read or fingerprinted another way): the upgrade is the cause."""
    code = any(d.startswith("code_fingerprint:") for d in diffs)
    packages = [d.removeprefix("environment.") for d in diffs if d.startswith("environment")]
    if not code and not packages:
        return None
    what = " and ".join(filter(None, ["other code of the summarizer package" if code else "",
                                      "other installed packages" if packages else ""]))
    said = f": {shown_diffs(packages)}" if packages else ""
    return f"made with {what} (upgraded or edited since{said})"


def shown_diffs(diffs: list[str]) -> str:
    """The first four of :func:`settings_diff`'s lines, for a one-line message."""
    return "; ".join(diffs[:4]) + (f"; ... ({len(diffs)} in all)" if len(diffs) > 4 else "")


def _seal(key: bytes, *parts: bytes | memoryview) -> str:
    h = hashlib.sha256(key)
    for part in parts:
        h.update(part)
    return h.hexdigest()[:16]


def sealed(record: dict[str, Any], key: bytes) -> str:
    """``record`` as a JSON line ending with its :data:`SEAL`: a hash of ``key`` and of the
    line before it, so that a line edited after it was written is known (:func:`seal_holds`)."""
    body = json.dumps(record, ensure_ascii=False)
    return body[:-1] + f', "{SEAL}": "{_seal(key, body.encode("utf-8"))}"}}'


def seal_holds(raw: bytes, record: dict[str, Any], key: bytes) -> bool:
    """Whether ``raw``, a line :func:`sealed` wrote with ``key`` (``record``, parsed), is as
    written. The line is hashed in place: it may hold a 1 MB summary."""
    seal = record.get(SEAL)
    suffix = f', "{SEAL}": "{seal}"}}'.encode()
    end = len(raw) - (2 if raw.endswith(b"\r\n") else 1 if raw.endswith(b"\n") else 0)
    body = memoryview(raw)[:max(end - len(suffix), 0)]
    return (isinstance(seal, str) and raw.endswith(suffix, 0, end)
            and _seal(key, body, b"}") == seal)


class RunStore:
    """The files of one run; ``open`` checks the folder and settings before anything is written."""

    def __init__(self, folder: str | Path):
        self.folder = output_folder(folder, "evaluate")  # a name the system refuses: said, exit 2
        self.run_file = self.folder / RUN_FILE
        self.results_file = self.folder / RESULTS_FILE
        self.lock_file = self.folder / LOCK_FILE
        self._seal_key: bytes | None = None  # of the settings in run.json; None: unsealed
        self._key_read = False

    # ------------------------------------------------------------------ lock
    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold ``run.lock`` while writing (:func:`holding_lock`): a second process is
        refused. The temporary files a killed run left (its report half-written) go: no one
        else writes here now."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with holding_lock(self.lock_file, "evaluate"):
            # checked again under the lock, before anything is removed: a batch job (its own
            # lock) may have begun here since the first check, and its half-written report
            # is named as ours is; removed, its job failed at the rename
            if not self.run_file.exists():
                self.refuse_foreign()
            remove_temporaries(self.folder, WRITTEN)
            ended = False
            try:
                yield
                ended = True
            finally:
                for name in (RESULTS_FILE, CHECKS_FILE):
                    try:
                        sync_appended(self.folder / name)
                    except OSError:
                        if ended:  # else the error that stopped the run is the one to tell
                            raise

    # -------------------------------------------------------------- settings
    def read_run(self) -> dict[str, Any] | None:
        if not self.run_file.exists():
            return None
        # a FIFO's read would wait for a writer for ever
        refuse_irregular(self.run_file, then="refusing to use it")
        try:
            data = json_of_utf8(self.run_file.read_bytes())
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise InputError(f"{shortened(str(self.run_file))}: not valid JSON ({json_problem(exc)}); the run folder is "
                             "damaged: use another output folder (out=, --out)") from None
        if not isinstance(data, dict) or not isinstance(data.get("settings"), dict):
            raise InputError(f"{shortened(str(self.run_file))}: not a run.json of summarizer evaluate (no "
                             "settings object); use another output folder (out=, --out)")
        return data

    def open(self, settings: dict[str, Any], info: dict[str, Any]) -> None:
        """Check that the folder is new, empty, or holds a run with the same settings
        (call while holding :meth:`locked`); write ``run.json`` for a new run."""
        settings = json.loads(json.dumps(settings))  # compare as stored (tuples -> lists)
        existing = self.read_run()
        if existing is not None:
            diffs = settings_diff(upgrade_stored(existing.get("settings")), settings)
            upgraded = upgraded_diffs(diffs)
            if upgraded:
                raise RunMismatchError(
                    f"{shortened(str(self.folder))} holds a run {upgraded}; its summaries "
                    "would not match: use another output folder (out=, --out), or delete this "
                    "one to start over"
                )
            if diffs:
                raise RunMismatchError(
                    f"{shortened(str(self.folder))} holds a run with different settings ({shown_diffs(diffs)}); "
                    "use another output folder (out=, --out), or delete this one to start over"
                )
            return
        if self.results_file.exists() and self.results_file.stat().st_size:
            raise RunMismatchError(
                f"{shortened(str(self.folder))} has {RESULTS_FILE} but no {RUN_FILE}; refusing to mix runs"
            )
        self.refuse_foreign()
        write_json_atomic(self.run_file, {"settings": settings, "info": info, SEAL: SEALED})

    def refuse_foreign(self) -> None:
        """A folder without ``run.json`` is used only when new or empty (a lock left by a
        killed start aside): whatever it holds is the user's, even a ``report.md``."""
        refuse_foreign(self.folder, (LOCK_FILE,), "a run of summarizer evaluate", WRITTEN)

    # ----------------------------------------------------------------- seals
    def _key(self) -> bytes | None:
        """The run's seal key (from run.json's settings), None for a run without seals."""
        if not self._key_read:
            run = self.read_run()
            if run is not None and run.get(SEAL) == SEALED:
                text = json.dumps(run["settings"], sort_keys=True, ensure_ascii=False)
                self._seal_key = hashlib.sha256(text.encode("utf-8")).digest()
            self._key_read = run is not None
        return self._seal_key

    def encode(self, record: dict[str, Any]) -> str:
        """A result's line of ``results.jsonl``, sealed when the run's lines are."""
        key = self._key()
        return json.dumps(record, ensure_ascii=False) if key is None else sealed(record, key)

    def _check_seal(self, raw: bytes, record: dict[str, Any], where: str) -> None:
        """Refuse a line of a sealed run whose seal is missing or does not match it."""
        key = self._key()
        if key is not None and not seal_holds(raw, record, key):
            raise InputError(f"{where} was changed after it was written (its seal does not "
                             "match: a figure edited, or a line of a run with other settings); "
                             "delete that line to redo its cluster")

    # --------------------------------------------------------------- results
    def read_results(self, repair: bool = True) -> list[ClusterResult]:
        """Completed cluster results, checked; a torn last line is dropped (and cut off when
        ``repair``). A damaged line elsewhere, or a cluster twice, is a one-line InputError
        that changes nothing on disk."""
        return list(self.iter_results(repair))

    def iter_results(self, repair: bool = False,
                     metrics: Sequence[str] = ()) -> Iterator[ClusterResult]:
        """:meth:`read_results` one result at a time (memory holds one line); the checks and
        the repair are the same, the repair made once the last line has been read. A result
        without scores of each of ``metrics`` (the run's) is a damaged line too."""
        if not self.results_file.exists():
            return
        # nor a link: the repair cuts the file in place, which must not be another one
        refuse_irregular(self.results_file, follow_symlinks=False, then="refusing to use it")
        seen: dict[str, int] = {}
        good_end = end = 0  # bytes up to the last complete, good line; bytes read so far
        corrupt: str | None = None  # a damaged line: an error if anything follows it
        # Line by line, counting as it goes: memory holds one line, and the time is linear
        # in the file (a resumed 20,000-cluster run re-read it in 2 s rather than 100 s).
        with open(self.results_file, "rb") as fh:
            for line_no, raw in enumerate(fh, start=1):
                end += len(raw)
                if corrupt is not None:
                    if raw.strip():
                        raise InputError(
                            f"{corrupt} is corrupt and not the last line; the run folder was "
                            "edited or damaged (delete that line to redo its cluster)"
                        )
                    continue
                if not raw.endswith(b"\n"):  # the write was cut short: the cluster is redone
                    break
                where = f"{shortened(str(self.results_file))}: line {line_no}"
                if line_no == 1:  # a byte-order mark (a Notepad save) is not of the sealed line
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                if raw.strip():
                    try:
                        record = json.loads(raw)
                    except (ValueError, RecursionError):  # also past json's 4,300 digits
                        corrupt = where
                        continue
                    try:
                        result = ClusterResult.from_dict(record, where)
                    except InputError as exc:
                        raise InputError(f"{exc} (not a result of summarizer evaluate; delete "
                                         "that line to redo its cluster)") from None
                    lacking = next((m for m in metrics if m not in result.scores), None)
                    if lacking is not None:  # the report would fail on it (a KeyError)
                        raise InputError(f"{where}: no {lacking} scores (not a result of this "
                                         "run's settings; delete that line to redo its cluster)")
                    self._check_seal(raw, record, where)
                    if result.id in seen:
                        raise InputError(f"{where} repeats cluster {value_repr(result.id)} "
                                         "(first on "
                                         f"line {seen[result.id]}); delete one of the two lines")
                    seen[result.id] = line_no
                    yield result
                good_end = end
            size = fh.seek(0, os.SEEK_END)
        if repair and good_end < size:
            unshare(self.results_file)  # a snapshot's hard link keeps its torn line
            with open(self.results_file, "r+b") as fh:
                fh.truncate(good_end)

    def stored_results(self) -> StoredResults:
        """The results in ``results.jsonl`` by cluster id, each read from the file when asked
        (memory holds where each line read starts, not the results; see
        :class:`StoredResults`). For a folder :meth:`iter_results` has checked, and held with
        :meth:`locked`."""
        return StoredResults(self.results_file)

    def count_results(self) -> int:
        """Complete lines in ``results.jsonl`` (a torn last line not counted), without parsing
        them: what an interrupted run reports as saved, at once even for 100,000 clusters."""
        if not self.results_file.is_file():
            return 0
        with open(self.results_file, "rb") as fh:
            return sum(1 for raw in fh if raw.endswith(b"\n") and raw.strip())

    def append(self, result: ClusterResult) -> None:
        """Append one cluster's result (:func:`~summarizer.atomic.append_line`)."""
        append_line(self.results_file, self.encode(result.to_dict()))


class StoredResults(Mapping[str, ClusterResult]):
    """The results of a checked ``results.jsonl`` by cluster id, each read from the file when
    asked. The file is read on from where the last result asked for ended, each line's
    offset noted as it is passed: asked in the file's order (as a run that was not
    interrupted wrote it, and as faithfulness asks), each line is parsed once; a result
    asked again, or found before one asked, is read again from its offset. Memory holds
    an offset a line passed."""

    def __init__(self, path: Path):
        self.path = path
        self._offsets: dict[str, int] = {}
        self._next = 0 if path.is_file() else None  # where to read on; None at the end

    def _read_on(self, wanted: str | None) -> ClusterResult | None:
        """Read lines from ``_next``, noting their offsets, up to ``wanted``'s (its result)
        or to the end (None)."""
        if self._next is None:
            return None
        with open(self.path, "rb") as fh:
            fh.seek(self._next)
            offset = self._next
            for raw in fh:
                at, offset = offset, offset + len(raw)
                if not (raw.endswith(b"\n") and raw.strip()):
                    continue
                record = json.loads(raw)
                self._offsets[record["id"]] = at
                if record["id"] == wanted:
                    self._next = offset
                    return ClusterResult.from_dict(record, f"{shortened(str(self.path))}@{at}")
        self._next = None
        return None

    def __getitem__(self, cluster_id: str) -> ClusterResult:
        offset = self._offsets.get(cluster_id)
        if offset is None:
            result = self._read_on(cluster_id)
            if result is None:
                raise KeyError(cluster_id)
            return result
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            return ClusterResult.from_dict(json.loads(fh.readline()), f"{shortened(str(self.path))}@{offset}")

    def __iter__(self) -> Iterator[str]:
        self._read_on(None)
        return iter(self._offsets)

    def __len__(self) -> int:
        self._read_on(None)
        return len(self._offsets)
