"""Typed records of a run: one cluster's result (a line of ``results.jsonl``) and its scores.

Reading checks every field a report needs, so a damaged or foreign file is a one-line
:class:`~summarizer.errors.InputError` naming the place, never a ``KeyError`` later on.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from summarizer.errors import InputError, shortened, value_repr
from summarizer.metrics import Score
from summarizer.metrics.io import is_blank
from summarizer.metrics.measures import KEYS, rpf, rpf_dict, scores_to_dict
from summarizer.values import finite


def finite_number(value: Any, where: str) -> float:
    """``value`` as a float where it is a JSON number and finite; else a one-line
    InputError (a string such as "0.5", a bool, NaN or infinity is no stored score).
    ``where``'s parts from the file (a metric's name) come shortened by its caller."""
    if not isinstance(value, int | float) or not finite(value):
        raise InputError(f"{where}: expected a number, found {value_repr(value)}")
    return float(value)


def scores_from_dict(value: Any, where: str) -> dict[str, Score]:
    """``{metric: {"r": R, "p": P, "f": F}}`` read back, checked."""
    if not isinstance(value, dict) or not value:
        raise InputError(f"{where}: no scores")
    out = {}
    for metric, cell in value.items():
        if not isinstance(cell, dict) or set(KEYS) - set(cell):
            raise InputError(f"{where}: scores of {value_repr(metric)} need r, p and f")
        at = f"{where} {shortened(str(metric))}"
        out[str(metric)] = Score(*(finite_number(cell[k], f"{at}.{k}") for k in KEYS))
    return out


def need(record: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """``record[key]``, which must exist and be of ``kind``; else a one-line InputError."""
    if key not in record:
        raise InputError(f"{where}: no {key!r} field")
    value = record[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def ran_on(summary_settings: dict[str, Any]) -> str | None:
    """"device dtype" of a summary's settings (what ran: ``auto`` resolved), None for a
    method that records neither."""
    device, dtype = summary_settings.get("device"), summary_settings.get("dtype")
    if not isinstance(device, str) or not isinstance(dtype, str):
        return None
    return f"{device} {dtype}"


@dataclass
class ClusterResult:
    """What ``results.jsonl`` holds for one finished cluster."""

    index: int
    id: str
    summary: str
    summary_sentences: list[str]
    summary_words: int
    provenance: list[dict[str, Any]]
    coverage: Any
    summary_settings: dict[str, Any]
    seconds: float
    input_tokens: int
    peak_rss_mb: float
    gpu_peak_mb: float | None
    scores: dict[str, Score] = field(default_factory=dict)
    # the place of the reference the summary equals (as ROUGE counts tokens), else None
    equals_reference: int | None = None

    def figures(self) -> ResultFigures:
        """This result without its texts: what a run keeps of it in memory."""
        empty = is_blank(self.summary)  # invisible characters only: empty too, scored 0
        note = self.summary_settings.get("note") if empty else None
        return ResultFigures(
            index=self.index, id=self.id, scores=self.scores, summary_words=self.summary_words,
            seconds=self.seconds, input_tokens=self.input_tokens, peak_rss_mb=self.peak_rss_mb,
            gpu_peak_mb=self.gpu_peak_mb, empty=empty,
            note=note if isinstance(note, str) else None, ran_on=ran_on(self.summary_settings),
            equals_reference=self.equals_reference,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "id": self.id,
            "summary": self.summary,
            "summary_sentences": self.summary_sentences,
            "summary_words": self.summary_words,
            "provenance": self.provenance,
            "coverage": self.coverage,
            "summary_settings": self.summary_settings,
            "seconds": self.seconds,
            "input_tokens": self.input_tokens,
            "peak_rss_mb": self.peak_rss_mb,
            "gpu_peak_mb": self.gpu_peak_mb,
            "scores": scores_to_dict(self.scores),
            # only where it is so: other results' lines are as they were
            **({"equals_reference": self.equals_reference}
               if self.equals_reference is not None else {}),
        }

    @classmethod
    def from_dict(cls, record: Any, where: str) -> ClusterResult:
        if not isinstance(record, dict):
            raise InputError(f"{where}: not a JSON object")
        sentences = need(record, "summary_sentences", list, where)
        if not all(isinstance(s, str) for s in sentences):
            raise InputError(f"{where}: summary_sentences must be strings")
        gpu = record.get("gpu_peak_mb")
        return cls(
            index=need(record, "index", int, where),
            id=need(record, "id", str, where),
            summary=need(record, "summary", str, where),
            summary_sentences=sentences,
            summary_words=need(record, "summary_words", int, where),
            provenance=record.get("provenance") or [],
            coverage=record.get("coverage"),
            summary_settings=record.get("summary_settings") or {},
            seconds=finite_number(need(record, "seconds", (int, float), where), where + " seconds"),
            input_tokens=need(record, "input_tokens", int, where),
            peak_rss_mb=finite_number(need(record, "peak_rss_mb", (int, float), where), where),
            gpu_peak_mb=None if gpu is None else finite_number(gpu, where + " gpu_peak_mb"),
            scores=scores_from_dict(record.get("scores"), where),
            equals_reference=need(record, "equals_reference", int, where)
            if "equals_reference" in record else None,
        )


@dataclass
class ResultFigures:
    """What a report needs of one cluster's result: its scores and measurements, not its
    summary's text, sentences or provenance (those stay in ``results.jsonl``). A run holds
    them in a :class:`ResultTable` (a few hundred bytes a cluster, where this object and its
    scores take 2.5 KB) and makes this object again when one is asked for."""

    index: int
    id: str
    scores: dict[str, Score]
    summary_words: int
    seconds: float
    input_tokens: int
    peak_rss_mb: float
    gpu_peak_mb: float | None
    empty: bool  # the summary is empty (scored 0)
    note: str | None = None  # why it is empty, when the summariser said
    ran_on: str | None = None  # "cuda bfloat16": the device and dtype that ran, where used
    equals_reference: int | None = None  # ClusterResult's: the reference the summary is


@dataclass
class ClusterScores:
    """One cluster's scores by metric: an item of a :class:`PerCluster`."""

    id: str
    scores: dict[str, Score]


class PerCluster(Sequence[ClusterScores]):
    """The one table of per-cluster scores (a report's, a :class:`ResultTable`'s), held
    column-wise: the ids in a list, the scores in one array, shape (clusters, metrics, 3)
    for R, P, F (:attr:`scores`; the first cluster's metrics; a cluster with others is kept
    apart as given, NaN there): 96 bytes a cluster for four metrics, where a list of
    :class:`ClusterScores` held 1 KB. Each item is made when read, equal to the one added.
    It grows (:meth:`add`, :meth:`put`) while no view of :attr:`scores` lives."""

    def __init__(self, ids: list[str] | None = None, scores: np.ndarray | None = None,
                 metrics: Sequence[str] | None = None):
        self.ids: list[str] = [] if ids is None else ids
        self.metrics = None if metrics is None else tuple(metrics)
        self._other: dict[int, dict[str, Score]] = {}  # clusters with other metrics
        self._values: Any = array("d")  # R, P, F of each metric, cluster after cluster
        if scores is not None:
            if scores.shape != (len(self.ids), len(self.metrics or ()), 3):
                raise ValueError(f"scores of shape {scores.shape} for {len(self.ids)} clusters "
                                 f"and {len(self.metrics or ())} metrics")
            self._values = scores.reshape(-1)  # in place where it can be
        elif self.ids:
            raise ValueError(f"{len(self.ids)} clusters without scores")

    @classmethod
    def of(cls, clusters: Iterable[Any]) -> PerCluster:
        """The table of clusters given one by one (anything with ``id`` and ``scores``)."""
        table = cls()
        for c in clusters:
            table.add(c.id, c.scores)
        return table

    def add(self, cluster_id: str, scores: Mapping[str, Score]) -> int:
        """Add a cluster's scores; its row."""
        self.ids.append(cluster_id)
        self.put(len(self.ids) - 1, scores)
        return len(self.ids) - 1

    def put(self, row: int, scores: Mapping[str, Score]) -> None:
        """Set (or replace) the scores of ``row``."""
        if self.metrics is None:
            self.metrics = tuple(sys.intern(m) for m in scores)
        if not isinstance(self._values, array):  # made from an array: grows as a copy
            self._values = array("d", self._values.tobytes())
        width = 3 * len(self.metrics)
        if tuple(scores) == self.metrics:
            self._other.pop(row, None)
            values = [v for m in self.metrics for v in rpf(scores[m])]
        else:  # not the table's metrics (a foreign line): kept as it is
            self._other[row] = dict(scores)
            values = [math.nan] * width
        if row * width == len(self._values):
            self._values.extend(values)
        else:
            self._values[row * width:(row + 1) * width] = array("d", values)

    @property
    def scores(self) -> np.ndarray:
        """Shape (clusters, metrics, 3), in place (not a copy)."""
        values = self._values
        if isinstance(values, array):
            values = np.frombuffer(values, dtype=np.float64) if values else np.zeros(0)
        return values.reshape(len(self.ids), len(self.metrics or ()), 3)

    def _rpf(self, row: int) -> dict[str, Sequence[float]]:
        """``row``'s R, P, F by metric."""
        if row in self._other:
            return {m: rpf(s) for m, s in self._other[row].items()}
        width = 3 * len(self.metrics or ())
        flat = self._values[row * width:(row + 1) * width].tolist()
        return {m: flat[3 * j:3 * j + 3] for j, m in enumerate(self.metrics or ())}

    def row_scores(self, row: int) -> dict[str, Score]:
        return {m: Score(*v) for m, v in self._rpf(row).items()}

    def array(self, metrics: Sequence[str], rows: Any = None) -> np.ndarray:
        """Shape (rows, len(metrics), 3): the R, P, F of ``metrics`` on ``rows`` (default:
        every one, in order), a copy; a KeyError for a metric a row lacks."""
        rows = np.arange(len(self.ids)) if rows is None else np.asarray(rows, dtype=np.intp)
        own = self.metrics or ()
        out = np.empty((len(rows), len(metrics), 3), dtype=np.float64)
        if own and len(self._values):
            held = self.scores
            for j, m in enumerate(metrics):
                if m in own:
                    out[:, j] = held[rows, own.index(m)]
            del held  # the table's array cannot grow while a view of it lives
        missing = any(m not in own for m in metrics)
        for k, row in enumerate(rows.tolist() if missing or self._other else ()):
            if missing or row in self._other:
                values = self._rpf(row)
                out[k] = [values[m] for m in metrics]
        return out

    def dicts(self) -> Iterator[dict[str, Any]]:
        """Each cluster as ``report.json`` writes it, one at a time."""
        for row, cid in enumerate(self.ids):
            yield {"id": cid, "scores": {m: rpf_dict(v) for m, v in self._rpf(row).items()}}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, k: Any) -> Any:
        rows = range(len(self.ids))
        if isinstance(k, slice):
            return PerCluster.of(self[row] for row in rows[k])
        return ClusterScores(self.ids[rows[k]], self.row_scores(rows[k]))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __repr__(self) -> str:
        return f"PerCluster({len(self)} clusters, metrics {', '.join(self.metrics or ())})"


# The columns of a ResultTable besides the ids and scores: (attribute of ResultFigures,
# array type).
_COLUMNS = (("index", "q"), ("summary_words", "q"), ("seconds", "d"), ("input_tokens", "q"),
            ("peak_rss_mb", "d"), ("gpu_peak_mb", "d"))


class ResultTable(Mapping[str, ResultFigures]):
    """The figures of a run's results by cluster id, held column-wise: the ids and scores in
    a :class:`PerCluster` (:attr:`clusters`), one array per measurement, notes only where
    there are any: about 200 bytes a cluster, not the 2.5 KB of a :class:`ResultFigures`.
    ``table[id]`` makes its :class:`ResultFigures` again, equal to the one added.

    ``known_ids``: the data set's ids in order (a result whose id is ``known_ids[index]``
    shares that string rather than holding its own copy)."""

    def __init__(self, known_ids: Sequence[str] = ()):
        self._known = known_ids
        self.clusters = PerCluster()
        self._rows: dict[str, int] = {}
        self._columns: dict[str, Any] = {name: array(code) for name, code in _COLUMNS}
        self._empty = bytearray()
        self._notes: dict[int, str] = {}
        self._ran_on: dict[int, str] = {}
        self._equal: dict[int, int] = {}  # row -> the reference its summary equals

    def add(self, result: ClusterResult | ResultFigures) -> None:
        """Add (or replace) one cluster's figures."""
        self[result.id] = result if isinstance(result, ResultFigures) else result.figures()

    def __setitem__(self, cluster_id: str, figures: ResultFigures) -> None:
        if cluster_id != figures.id:
            raise ValueError(f"figures of {value_repr(figures.id)} stored as {value_repr(cluster_id)}")
        row = self._rows.get(cluster_id)
        if row is None:
            k = figures.index
            known = self._known
            if isinstance(k, int) and 0 <= k < len(known) and known[k] == cluster_id:
                cluster_id = known[k]  # one string for the data set and the results
            row = self._rows[cluster_id] = self.clusters.add(cluster_id, figures.scores)
            self._empty.append(0)
        else:
            self.clusters.put(row, figures.scores)
        for name, _ in _COLUMNS:
            value = getattr(figures, name)
            self._put(name, row, math.nan if value is None else value)
        self._empty[row] = bool(figures.empty)
        if figures.note is not None:
            self._notes[row] = sys.intern(figures.note)  # summarisers repeat a few notes
        else:
            self._notes.pop(row, None)
        if figures.ran_on is not None:
            self._ran_on[row] = sys.intern(figures.ran_on)  # one or two values in a run
        else:
            self._ran_on.pop(row, None)
        if figures.equals_reference is not None:
            self._equal[row] = figures.equals_reference
        else:
            self._equal.pop(row, None)

    def _put(self, name: str, row: int, value: Any) -> None:
        column = self._columns[name]
        try:
            if row == len(column):
                column.append(value)
            else:
                column[row] = value
        except OverflowError:  # an int past 64 bits: that column becomes a list
            self._columns[name] = list(column)
            self._put(name, row, value)

    def __getitem__(self, cluster_id: str) -> ResultFigures:
        return self.figures(self._rows[cluster_id])

    def figures(self, row: int) -> ResultFigures:
        """The figures of the ``row``-th result added."""
        def value(name: str) -> Any:
            return self._columns[name][row]

        gpu = value("gpu_peak_mb")
        return ResultFigures(
            index=value("index"), id=self.clusters.ids[row],
            scores=self.clusters.row_scores(row), summary_words=value("summary_words"),
            seconds=value("seconds"), input_tokens=value("input_tokens"),
            peak_rss_mb=value("peak_rss_mb"), gpu_peak_mb=None if math.isnan(gpu) else gpu,
            empty=bool(self._empty[row]), note=self._notes.get(row),
            ran_on=self._ran_on.get(row), equals_reference=self._equal.get(row),
        )

    def __contains__(self, cluster_id: object) -> bool:
        return cluster_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self.clusters.ids)

    def __len__(self) -> int:
        return len(self.clusters)

    def select(self, ids: Iterable[str]) -> ResultRows:
        """The results of ``ids``, in that order (a KeyError for an id without one)."""
        rows = self._rows
        return ResultRows(self, array("q", (rows[i] for i in ids)))


class ResultRows(Sequence[ResultFigures]):
    """Some results of a :class:`ResultTable` in an order (a run's: the data set's), read
    a column at a time for a report; indexing gives each one's :class:`ResultFigures`."""

    def __init__(self, table: ResultTable, rows: array):
        self.table = table
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return ResultRows(self.table, self.rows[k])
        return self.table.figures(self.rows[k])

    @property
    def ids(self) -> list[str]:
        ids = self.table.clusters.ids
        return [ids[r] for r in self.rows]

    def values(self, name: str) -> list[Any]:
        """One figure of each result, in order: ``seconds``, ``empty``, ``gpu_peak_mb``
        (None where there was none) ..."""
        if name == "empty":
            empty = self.table._empty
            return [bool(empty[r]) for r in self.rows]
        if name in ("ran_on", "equals_reference"):
            held = self.table._ran_on if name == "ran_on" else self.table._equal
            return [held.get(r) for r in self.rows]
        column = self.table._columns[name]
        out = [column[r] for r in self.rows]
        if name == "gpu_peak_mb":
            out = [None if math.isnan(v) else v for v in out]
        return out

    def scores(self, metrics: Sequence[str]) -> np.ndarray:
        """Shape (results, len(metrics), 3): each result's R, P, F of each metric (a
        KeyError for a metric a result lacks)."""
        return self.table.clusters.array(metrics, self.rows)


def figures_column(results: Sequence[ResultFigures], name: str) -> list[Any]:
    """One figure of each result, in order (a column of :class:`ResultRows`, read as is)."""
    if isinstance(results, ResultRows):
        return results.values(name)
    return [getattr(r, name) for r in results]
