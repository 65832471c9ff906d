"""Summarisers: one interface, one module per algorithm, looked up by name."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from summarizer.errors import OptionError, UnknownMethodError
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


def summarizer_class(name: str) -> type[Summarizer]:
    """The class of the summariser called ``name`` (its module is imported, nothing loaded)."""
    if name not in METHODS:
        raise UnknownMethodError(
            f"unknown method {name!r}; choose one of: {', '.join(METHODS)}"
        )
    module, cls = METHODS[name].split(":")
    return getattr(importlib.import_module(module), cls)


def accepted_options(name: str) -> set[str] | None:
    """Keyword options the summariser ``name`` accepts.

    A class with an ``options_type`` takes that dataclass's keywords; otherwise
    ``**options`` are followed up the class hierarchy. None means the class
    accepts anything (its ``__init__`` ends in a bare ``**kwargs``).
    """
    cls = summarizer_class(name)
    if hasattr(cls, "options_type"):  # options in a dataclass, given as keywords
        return set(cls.options_type.keywords())
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            return names
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        params = inspect.signature(init).parameters.values()
        names.update(p.name for p in params
                     if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and p.name != "self")
        if not any(p.kind is p.VAR_KEYWORD for p in params):
            return names
    return None


def check_options(name: str, options: dict[str, Any]) -> None:
    """An :class:`OptionError` naming the accepted options when ``options`` holds one that
    summariser ``name`` does not take; cheap, so callers check before any work."""
    accepted = accepted_options(name)
    if accepted is None:
        return
    unknown = sorted(k for k in options if k not in accepted)
    if unknown:
        listed = ", ".join(sorted(accepted)) or "none"
        raise OptionError(
            f"method {name!r} has no option {', '.join(map(repr, unknown))}; "
            f"its options: {listed}"
        )


def get_summarizer(name: str = DEFAULT_METHOD, **options: Any) -> Summarizer:
    """Instantiate the summariser called ``name`` with its options (an unknown option is
    an :class:`OptionError` naming the accepted ones, raised before anything is loaded)."""
    check_options(name, options)
    return summarizer_class(name)(**options)


__all__ = [
    "Budget",
    "DEFAULT_METHOD",
    "METHODS",
    "Summarizer",
    "Summary",
    "SummarySentence",
    "accepted_options",
    "available_methods",
    "check_options",
    "get_summarizer",
    "make_budget",
]
