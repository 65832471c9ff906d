"""Summarisers: one interface, one module per algorithm, looked up by name."""

from __future__ import annotations

import importlib
from typing import Any

from summarizer.errors import UnknownMethodError
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence
from summarizer.summarizers.budget import Budget, make_budget

# name -> "module:Class"; imported lazily so a CLI call loads only what it uses.
METHODS: dict[str, str] = {
    "lead": "summarizer.summarizers.lead:LeadSummarizer",
    "centroid": "summarizer.summarizers.centroid:CentroidSummarizer",
    "lexrank": "summarizer.summarizers.lexrank:LexRankSummarizer",
    "textrank": "summarizer.summarizers.textrank:TextRankSummarizer",
    "mmr": "summarizer.summarizers.mmr:MMRSummarizer",
    "coverage": "summarizer.summarizers.coverage:CoverageSummarizer",
    "ilp": "summarizer.summarizers.ilp:ConceptILPSummarizer",
    "abstractive": "summarizer.summarizers.abstractive:AbstractiveSummarizer",
}
DEFAULT_METHOD = "coverage"


def available_methods() -> list[str]:
    """Names accepted by :func:`get_summarizer`."""
    return list(METHODS)


def get_summarizer(name: str = DEFAULT_METHOD, **options: Any) -> Summarizer:
    """Instantiate the summariser called ``name`` with its options."""
    if name not in METHODS:
        raise UnknownMethodError(
            f"unknown method {name!r}; choose one of: {', '.join(METHODS)}"
        )
    module, cls = METHODS[name].split(":")
    return getattr(importlib.import_module(module), cls)(**options)


__all__ = [
    "Budget",
    "DEFAULT_METHOD",
    "METHODS",
    "Summarizer",
    "Summary",
    "SummarySentence",
    "available_methods",
    "get_summarizer",
    "make_budget",
]
