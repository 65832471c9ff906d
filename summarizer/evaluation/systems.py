"""What a run evaluates: a summariser of this package, or summaries on disk.

``precomputed:PATH`` scores summaries someone else made (e.g. the official
TAC 2011 submissions ``correctedSubmissions/ID9/English``, or DUC peers
``peers/*.T.7``) with exactly the same code as the package's summarisers.
Files are matched to clusters by name, case-insensitively: a file named like
the cluster id (or its DUC docset), alone or followed by ``.``. A ``.jsonl``
file of ``{"id": ..., "summary": ...}`` lines works too (model predictions), and
so does a ``summarizer batch`` output folder (its shards' summaries, by id).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from summarizer.documents.model import Cluster
from summarizer.documents.records import choose_field
from summarizer.errors import InputError, OptionError, counted, value_repr, warn
from summarizer.evaluation.datasets import Fingerprint
from summarizer.summarizers import check_options, get_summarizer
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence
from summarizer.summarizers.budget import Budget
from summarizer.textio import (
    JSONL_SUFFIXES,
    expand_home,
    field,
    input_exists,
    name_index,
    not_regular,
    open_jsonl,
    path_kind,
    refuse_irregular,
    refuse_non_utf8_name,
    uncompressed_name,
)

PRECOMPUTED = "precomputed:"


PREDICTION_FIELDS = ("summary", "prediction", "output", "text")
# a DUC peer's name: D30001.M.100.T.7 (docset, kind, size, selector, system)
_PEER_RE = re.compile(r"^d\d+[a-z]?\.[a-z]\.\d+\.(?P<selector>[a-z])\.", re.IGNORECASE)


def _said(entry: Path) -> str:
    """A pipe, socket, device or broken link among the summaries, named as such (not as
    no file)."""
    return not_regular(entry.name, path_kind(entry))


def _read_predictions(path: Path) -> dict[str, list[str]]:
    """``{"id": ..., "summary": ...}`` lines: id -> summary lines (sentences). The file is
    read a line at a time (:func:`~summarizer.textio.open_jsonl`; a line that is no JSON
    is said before an earlier record's missing field, as when it was read whole): memory
    holds the summaries and one record, not the file's bytes, text, lines and records."""
    out: dict[str, list[str]] = {}
    jsonl = open_jsonl(path)
    with jsonl.bad_lines_first():
        for n, rec in jsonl:
            where = jsonl.where(n)
            name = choose_field(rec, candidates=PREDICTION_FIELDS)
            if name is None or "id" not in rec:
                raise InputError(f"{where}: needs an 'id' and one of {', '.join(PREDICTION_FIELDS)}")
            cid = str(field(rec, "id", (str, int), where))
            text = field(rec, name, (str, list), where, default="")
            if cid in out:
                raise InputError(f"{where}: id {value_repr(cid)} appears twice")
            lines = text if isinstance(text, list) else text.split("\n")
            bad = next((i for i, x in enumerate(lines) if not isinstance(x, str)), None)
            if bad is not None:
                raise InputError(f"{where}: {name}[{bad}] is not a string")
            out[cid] = [x.strip() for x in lines if x.strip()]
    return out


def _is_batch_output(path: str) -> bool:
    """Whether ``path`` is a ``summarizer batch`` output folder: its manifest in it, of
    batch's format (a folder of summary files may hold a manifest.json of its own)."""
    from summarizer.batch.output import OutputFolder
    from summarizer.errors import RunMismatchError

    root = Path(path)
    folder = OutputFolder(root)
    if not (input_exists(root) and root.is_dir() and folder.manifest_file.is_file()):
        return False
    try:
        return folder.read_manifest() is not None
    except RunMismatchError:  # another kind of manifest.json: the folder's files are read
        return False


def _read_batch_output(path: str) -> dict[str, list[str]]:
    """A batch output folder's summaries: id -> the summary's sentences (its rows were
    refused as 'no file for cluster ...': the folder holds Parquet shards, not files named
    for clusters)."""
    from summarizer.batch.output import read_output

    return {str(row["id"]): [s["text"] for s in row["sentences"] or ()]
            for row in read_output(path, columns=["id", "sentences"])}


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern)``, its longest folder that exists read as written: 'sys[1]/*.txt'
    is the .txt files of the folder sys[1], where it was those of sys1, scored in silence as
    the system named. (A path that exists is never a pattern: see the caller.)"""
    path = Path(pattern)
    for parent in path.parents:
        if str(parent) != "." and input_exists(parent) and parent.is_dir():
            return glob.glob(os.path.join(glob.escape(str(parent)), str(path.relative_to(parent))))
    return glob.glob(pattern)


def _closest(hits: list[Path], cid: str) -> list[Path]:
    """Of the files found for cluster ``cid`` (its name ignoring case, up to any dot), the
    one named exactly ``cid`` or ``cid`` and one suffix, where only one is; else the one so
    named ignoring case, where only one is; else all of them. Ids ``a`` and ``a.b``, or
    ``abc`` and ``ABC``, each have their file, where both were refused as several files."""
    for same in (str.__eq__, lambda a, b: a.lower() == b.lower()):
        named = [h for h in hits if same(h.name, cid) or same(h.name.rsplit(".", 1)[0], cid)]
        if len(named) == 1:
            return named
    return hits


class PrecomputedSummarizer(Summarizer):
    """Returns the summary stored on disk for each cluster (the budget is not applied).

    Official submissions are scored as they were submitted; cutting them to
    the run's budget would change their published scores.
    """

    name = "precomputed"

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.records: dict[str, list[str]] | None = None
        self._fingerprint: str | None = None
        self._ids: set[str] = set()  # the run's cluster ids, lower-cased (check)
        jsonl = uncompressed_name(self.path).suffix.lower() in JSONL_SUFFIXES
        if jsonl and input_exists(self.path) and Path(self.path).is_file():  # too long: named
            # hashed before the read: a write between them gives a fingerprint its rows are
            # not of, refused on resume, never rows of new lines under the old fingerprint
            self._fingerprint = Fingerprint.of_file(self.path)
            self.records = _read_predictions(Path(self.path))
            self.files: list[Path] = []
            return
        if _is_batch_output(self.path):  # a batch job's folder: its shards' summaries
            from summarizer.batch.output import OutputFolder

            self._fingerprint = Fingerprint.of_files(OutputFolder(self.path).shards())
            self.records = _read_batch_output(self.path)
            self.files = []
            return
        if any(ch in self.path for ch in "*?[") and not input_exists(self.path):
            entries = [Path(p) for p in sorted(_glob(self.path))]
        else:
            root = Path(self.path)
            if not (input_exists(root) and root.is_dir()):
                refuse_irregular(root, missing_ok=True, then="precomputed summaries are "
                                 "a folder, a glob or a .jsonl file")
                if root.is_file():  # a .json or .txt file: it was 'no folder x.json'
                    raise InputError(f"precomputed summaries: {root} is a file, not a folder, "
                                     'a glob or a .jsonl file (of {"id", "summary"} lines)')
                raise InputError(f"precomputed summaries: no {'file' if jsonl else 'folder'} "
                                 f"{root}")  # a .jsonl named was 'no folder x.jsonl'
            entries = sorted(p for p in root.iterdir() if not p.name.startswith("."))
        files = [f for f in entries if f.is_file()]
        # a pipe, socket, device or broken symbolic link named for a cluster is said as
        # such (path_kind's words, as summarizer rouge says it), not as no file
        self._others = [f for f in entries if (input_exists(f) or f.is_symlink())
                        and not (f.is_file() or f.is_dir())]
        if not files:
            others = f" ({_said(self._others[0])})" if self._others else ""
            raise InputError(f"precomputed summaries: no files at {self.path}{others}")
        self.files = files
        # M000.A.250 under m000.a.250, m000 and m000.a: a cluster's file in one look-up
        self._by_key = name_index(files, whole=True)

    def _find(self, cluster: Cluster) -> Path:
        keys = {cluster.id.lower()}
        for extra in ("docset", "topic"):
            if cluster.meta.get(extra):
                keys.add(str(cluster.meta[extra]).lower())
        hits = [self.files[n] for n in sorted({n for k in keys for n in self._by_key.get(k, ())})
                if self._fits(self.files[n], cluster)]
        if not hits:
            other = self._named(keys)
            raise InputError(
                f"precomputed summaries: no file for cluster {value_repr(cluster.id)} in "
                f"{self.path}"
                + (f" ({_said(other)})" if other else "")
            )
        if len(hits) > 1:  # a file of the cluster's own name, or with one suffix, is its
            hits = _closest(hits, cluster.id)  # ("a.txt" for a, not "a.b.txt"; "ABC.txt" for ABC)
        if len(hits) > 1:
            names = ", ".join(h.name for h in hits[:4])
            raise InputError(
                f"precomputed summaries: several files for cluster {value_repr(cluster.id)} "
                f"({names}); point at one system's files, e.g. with a glob like 'peers/*.T.7'"
            )
        # its name is recorded with the cluster's result (a stray file's is only hashed)
        refuse_non_utf8_name(hits[0], "evaluate", "precomputed summaries: ")
        return hits[0]

    def _fits(self, hit: Path, cluster: Cluster) -> bool:
        """Whether ``hit``, found under the name of ``cluster`` or of its docset, may be its
        file: not a DUC peer of another selector (``D30001.M.100.T.7`` is not cluster
        ``d30001f``'s), and not named for a longer id of the run (``news.2.txt`` is cluster
        ``news.2``'s, not ``news``'s, as ``summarizer rouge`` gives a reference to the
        longer id)."""
        name, cid = hit.name.lower(), cluster.id.lower()
        selector = str(cluster.meta.get("selector") or "").lower()
        peer = _PEER_RE.match(name)
        if selector and peer and peer.group("selector").lower() != selector:
            return False
        return not self._of_longer_id(name, cid)

    def _of_longer_id(self, name: str, cid: str) -> bool:
        """Whether the file ``name`` is named for an id of the run longer than ``cid`` (all
        lower-cased): the whole name, or a part of it that a dot ends."""
        return any(name[:i] in self._ids for i in range(len(cid) + 1, len(name) + 1)
                   if i == len(name) or name[i] == ".")

    def _named(self, keys: set[str]) -> Path | None:
        """The first entry that is no regular file named for one of ``keys``, if any."""
        index = name_index(self._others, whole=True)
        hits = sorted({n for k in keys for n in index.get(k, ())})
        return self._others[hits[0]] if hits else None

    def check(self, clusters: Iterable[Cluster], left_out: int = 0) -> None:
        """Raise before a run starts if any cluster lacks exactly one summary; warn of
        empty ones (scored 0, as ROUGE-1.5.5 does, and as ``summarizer rouge`` notes), and
        of a .jsonl's ids, or a folder's (or glob's) files, that no cluster has
        (``left_out``: the data set's clusters the run leaves out, whose ids are not known
        here)."""
        from summarizer.metrics.io import is_blank

        empty = []
        seen = set()
        ids: set[str] = set()
        found: list[tuple[str, str]] = []  # (cluster id, its file's name), for the ids' rule
        for cluster in clusters:
            lines, source = self._lines(cluster)
            ids.add(cluster.id.lower())
            if self.records is None:
                found.append((cluster.id, source))
            seen.add(cluster.id if self.records is not None else source)
            if all(is_blank(ln) for ln in lines):
                empty.append(source if self.records is None else f"id {value_repr(cluster.id)}")
        self._ids = ids  # each file now checked against every id of the run
        for cid, name in found:
            if self._of_longer_id(name.lower(), cid.lower()):
                raise InputError(
                    f"precomputed summaries: no file for cluster {value_repr(cid)} in "
                    f"{self.path} ({name} is named for a longer id of the run)")
        if empty:
            warn(f"{len(empty)} empty system summar{'y' if len(empty) == 1 else 'ies'}"
                 f", scored 0: {', '.join(empty[:3])}{' ...' if len(empty) > 3 else ''}")
        # a file's name (_lines' source) stands for it: two of one name (a glob over
        # folders) are counted as one, and a stray one of them goes unsaid
        unknown = [cid for cid in (self.records if self.records is not None
                                   else [f.name for f in self.files]) if cid not in seen]
        # Told, not refused: every cluster has its summary (a wrong file failed above), and
        # predictions for more than this data set (a whole split, scored on part) are no
        # mistake. Where the run leaves clusters out, whose ids are unknown here, only more
        # unknown ids than those clusters prove a stray one.
        if len(unknown) > left_out:
            shown = ", ".join(value_repr(cid) for cid in unknown[:3]) + (
                " ..." if len(unknown) > 3 else "")
            why = (f"; the run leaves out {counted(left_out, 'cluster')}, so "
                   f"{len(unknown) - left_out} or more are of none in the data set"
                   if left_out else "")
            noun = "id" if self.records is not None else "file"
            warn(f"precomputed summaries: {counted(len(unknown), noun)} in {self.path} "
                 f"{'is' if len(unknown) == 1 else 'are'} of no cluster of the "
                 f"{'run' if left_out else 'data set'}, not scored: {shown}{why}")

    def _lines(self, cluster: Cluster) -> tuple[list[str], str]:
        if self.records is not None:
            if cluster.id not in self.records:
                raise InputError(
                    f"precomputed summaries: no line with id {value_repr(cluster.id)} in "
                    f"{self.path}"
                )
            return self.records[cluster.id], self.path
        path = self._find(cluster)
        # as `summarizer rouge` (ROUGE-1.5.5) reads the file: lines split at \n only, nothing
        # stripped (spaces, a \r and a byte-order mark count for -l/-b there too)
        from summarizer.metrics.io import read_summary, spl_lines

        return [ln for ln in spl_lines(read_summary(path)) if ln], path.name

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        lines, source = self._lines(cluster)
        return Summary(
            sentences=[SummarySentence(text=ln) for ln in lines],
            method=self.name,
            budget=budget,
            settings={"path": self.path, "file": Path(source).name},
        )

    def fingerprint(self) -> str:
        """A hash of the summaries' content: a .jsonl file's bytes, or a folder's (glob's)
        files' names and bytes; a run records it, so a rerun with changed summaries is
        refused as other settings, as a changed data set is. A folder's files are hashed
        on the first call (a run's, after it stamped them:
        :class:`~summarizer.textio.stamp.InputStamp`)."""
        if self._fingerprint is None:
            self._fingerprint = Fingerprint.of_files(self.files)
        return self._fingerprint

    def settings(self) -> dict[str, Any]:
        return {"path": self.path, "summaries_fingerprint": self.fingerprint()}


def check_system(method: str, options: dict[str, Any], truncate: bool = False) -> None:
    """:func:`build_system`'s refusals of a method or option, cheap (nothing is built or
    loaded): the CLI's check, so a typo fails before a data set is read. ``truncate``: the
    run's budget cuts its summaries' last sentence, which precomputed ones never are."""
    if method.startswith(PRECOMPUTED):
        if options:
            raise OptionError("precomputed summaries take no summariser options")
        if truncate:  # they are scored as given: it was taken and cut nothing
            raise OptionError("truncate (--truncate) cuts the summaries a method makes; "
                              "precomputed summaries are scored as they are (ROUGE's "
                              "--length-words/-l or --length-bytes/-b score their first N)")
    else:
        check_options(method, options)


def refuse_data_set_as_summaries(method: Any, dataset: str) -> None:
    """An :class:`InputError` where ``precomputed:PATH`` is the data set's own file
    (``hf:PATH`` too; however named: a link, ``./d.jsonl``): its lines' summaries are the
    references, each scored against itself, and the report would pass for a result."""
    if not (isinstance(method, str) and method.startswith(PRECOMPUTED)):
        return
    path = method[len(PRECOMPUTED):]
    data = dataset[len("hf:"):] if dataset.startswith("hf:") else dataset
    try:
        same = os.path.samefile(expand_home(path), expand_home(data))  # hf:~/d.jsonl
    except (OSError, ValueError):  # missing, or no usable name: said where it is read
        return
    if same:
        raise InputError(f"the summaries {path} are the data set {dataset} itself: its "
                         "references would be scored against themselves; give the "
                         "system's summaries")


def build_system(method: str, options: dict[str, Any]) -> Summarizer:
    """The summariser for ``method`` (a package method name or ``precomputed:PATH``)."""
    check_system(method, options)
    if method.startswith(PRECOMPUTED):
        return PrecomputedSummarizer(method[len(PRECOMPUTED):])
    return get_summarizer(method, **options)


def system_label(method: str) -> str:
    """A short name for a system, used in folder names and tables."""
    if method.startswith(PRECOMPUTED):
        parts = Path(method[len(PRECOMPUTED):].rstrip("/")).parts
        return "precomputed:" + "/".join(parts[-2:])
    return method
