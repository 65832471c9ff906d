"""Batch jobs: summarise millions of clusters into Parquet shards, locally or on Ray Data.

    from summarizer.batch import summarize_dataset
    report = summarize_dataset("clusters.jsonl", "out/", method="coverage", words=100,
                               engine="ray", num_workers=4)
    print(report.done, len(report.failed))

See :func:`summarize_dataset`; :func:`read_output` reads the shards back.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "BatchReport": "job",
    "summarize_dataset": "job",
    "read_output": "output",
    "ENGINES": "engine",
    "EngineError": "engine",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"summarizer.batch.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'summarizer.batch' has no attribute {name!r}")


__all__ = list(_LAZY)
