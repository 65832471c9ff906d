"""Recall, precision and F-measure: the three numbers of every ROUGE score, in that order.

The one place a score is taken apart into its three numbers (:func:`rpf`: a
:class:`~summarizer.metrics.rouge155.score.Score`, rouge-score's, whose tuple order is P,
R, F, or an :class:`~summarizer.metrics.aggregate.AggregateScore` of intervals) and written
as an object (:func:`rpf_dict`, :func:`scores_to_dict`). Every array of scores in the
package holds them in its last axis, in this order; ``results.jsonl``, ``report.json`` and
``compare --measure`` name them by :data:`KEYS`, ``rouge --format json`` by
:data:`MEASURES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from summarizer.errors import RougeOptionError, value_repr

MEASURES = ("recall", "precision", "fmeasure")
KEYS = ("r", "p", "f")


def rpf(score: Any) -> tuple[Any, Any, Any]:
    """``(recall, precision, fmeasure)`` of a score, read by name."""
    return score.recall, score.precision, score.fmeasure


def measure_index(measure: str) -> int:
    """Where ``measure`` (``"r"`` or ``"recall"``, ...) is in the last axis of a score array;
    a RougeOptionError (a ValueError) for any other name."""
    if measure in KEYS:
        return KEYS.index(measure)
    if measure in MEASURES:
        return MEASURES.index(measure)
    raise RougeOptionError(f"unknown measure {value_repr(measure)}; choose from "
                           f"{', '.join(MEASURES)} (or {', '.join(KEYS)})")


def rpf_dict(values: Iterable[Any], keys: tuple[str, str, str] = KEYS) -> dict[str, Any]:
    """Three values in R, P, F order as an object: ``{"r": R, "p": P, "f": F}``."""
    return dict(zip(keys, values, strict=True))


def scores_to_dict(scores: Mapping[str, Any],
                   keys: tuple[str, str, str] = KEYS) -> dict[str, dict[str, Any]]:
    """``{metric: {"r": R, "p": P, "f": F}}`` of a metric's scores."""
    return {m: rpf_dict(rpf(s), keys) for m, s in scores.items()}
