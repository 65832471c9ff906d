"""Typed records of a run: one cluster's result (a line of ``results.jsonl``) and its scores.

Reading checks every field a report needs, so a damaged or foreign file is a one-line
:class:`~summarizer.errors.InputError` naming the place, never a ``KeyError`` later on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from summarizer.errors import InputError
from summarizer.metrics import Score

MEASURES = {"r": "recall", "p": "precision", "f": "fmeasure"}


def scores_to_dict(scores: dict[str, Score]) -> dict[str, dict[str, float]]:
    return {m: {k: getattr(s, name) for k, name in MEASURES.items()} for m, s in scores.items()}


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{where}: expected a number, found {value!r}"[:300])
    return float(value)


def scores_from_dict(value: Any, where: str) -> dict[str, Score]:
    """``{metric: {"r": R, "p": P, "f": F}}`` read back, checked."""
    if not isinstance(value, dict) or not value:
        raise InputError(f"{where}: no scores")
    out = {}
    for metric, cell in value.items():
        if not isinstance(cell, dict) or set(MEASURES) - set(cell):
            raise InputError(f"{where}: scores of {metric!r} need r, p and f")
        out[str(metric)] = Score(*(_number(cell[k], f"{where} {metric}.{k}") for k in MEASURES))
    return out


def need(record: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """``record[key]``, which must exist and be of ``kind``; else a one-line InputError."""
    if key not in record:
        raise InputError(f"{where}: no {key!r} field")
    value = record[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


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

    def figures(self) -> ResultFigures:
        """This result without its texts: what a run keeps of it in memory."""
        empty = not self.summary.strip()
        note = self.summary_settings.get("note") if empty else None
        return ResultFigures(
            index=self.index, id=self.id, scores=self.scores, summary_words=self.summary_words,
            seconds=self.seconds, input_tokens=self.input_tokens, peak_rss_mb=self.peak_rss_mb,
            gpu_peak_mb=self.gpu_peak_mb, empty=empty,
            note=note if isinstance(note, str) else None,
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
            seconds=_number(need(record, "seconds", (int, float), where), where + " seconds"),
            input_tokens=need(record, "input_tokens", int, where),
            peak_rss_mb=_number(need(record, "peak_rss_mb", (int, float), where), where),
            gpu_peak_mb=None if gpu is None else _number(gpu, where + " gpu_peak_mb"),
            scores=scores_from_dict(record.get("scores"), where),
        )


@dataclass
class ResultFigures:
    """What a report needs of one cluster's result: its scores and measurements, not its
    summary's text, sentences or provenance (those stay in ``results.jsonl``), so a run over
    100,000 clusters holds a few hundred bytes per cluster, not every summary."""

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
