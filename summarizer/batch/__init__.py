"""Batch jobs: summarise millions of clusters into Parquet shards, locally or on Ray Data.

    from summarizer.batch import summarize_dataset
    report = summarize_dataset("clusters.jsonl", "out/", method="coverage", words=100,
                               engine="ray", num_workers=4)
    print(report.done, report.failed_count)

See :func:`summarize_dataset`; :func:`read_output` reads the shards back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:  # pragma: no cover  (what a type checker sees of the lazy names)
    from summarizer.batch.engine import ENGINES, EngineError
    from summarizer.batch.job import BatchReport, summarize_dataset
    from summarizer.batch.output import read_output

_LAZY = {
    "BatchReport": ".job",
    "summarize_dataset": ".job",
    "read_output": ".output",
    "ENGINES": ".engine",
    "EngineError": ".engine",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
__dir__ = lazy_dir(__name__, _LAZY)


__all__ = [
    "BatchReport",
    "summarize_dataset",
    "read_output",
    "ENGINES",
    "EngineError",
]
