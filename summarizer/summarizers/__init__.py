"""Summarisers: one interface, one module per algorithm, looked up by name."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import types
import typing
from typing import Any, TypeVar, overload

from summarizer.errors import (
    OptionError,
    SummarizerError,
    UnknownMethodError,
    did_you_mean,
    no_option,
    value_repr,
)
from summarizer.summarizers.base import Summarizer, Summary, SummarySentence
from summarizer.summarizers.budget import Budget, make_budget
from summarizer.values import (
    check_values,
    finite,
    path_text,
    plain_integers,
    setting_text,
    type_hints,
)

# name -> "module:Class"; imported lazily so a CLI call loads only what it uses.
METHODS: dict[str, str] = {
    "lead": "summarizer.summarizers.lead:LeadSummarizer",
    "centroid": "summarizer.summarizers.centroid:CentroidSummarizer",
    "lexrank": "summarizer.summarizers.lexrank:LexRankSummarizer",
    "textrank": "summarizer.summarizers.textrank:TextRankSummarizer",
    "mmr": "summarizer.summarizers.mmr:MMRSummarizer",
    "coverage": "summarizer.summarizers.coverage:CoverageSummarizer",
    "ilp": "summarizer.summarizers.ilp:ConceptILPSummarizer",
    "submodular": "summarizer.summarizers.submodular:SubmodularSummarizer",
    "occams": "summarizer.summarizers.occams:OccamsSummarizer",
    "dpp": "summarizer.summarizers.dpp:DPPSummarizer",
    "abstractive": "summarizer.summarizers.abstractive:AbstractiveSummarizer",
}
DEFAULT_METHOD = "coverage"
# Options that name a file or folder: a pathlib.Path (any os.PathLike of text) is its str.
PATH_OPTIONS = frozenset({"model", "encoder", "quality_model", "concept_model"})
_Method = TypeVar("_Method")  # a name, or (summarize_dataset) a Summarizer instance


@overload
def method_or_default(method: None) -> str: ...


@overload
def method_or_default(method: _Method) -> _Method: ...


def method_or_default(method: Any) -> Any:
    """``method``, or :data:`DEFAULT_METHOD` where it is None: the one reading of
    ``method=None`` (get_summarizer, summarize, evaluate, plan_run, summarize_dataset).
    Only None: ``""`` or 0 is left for :func:`check_method` to refuse as no method."""
    return DEFAULT_METHOD if method is None else method


def available_methods() -> list[str]:
    """Names accepted by :func:`get_summarizer`."""
    return list(METHODS)


def check_method(name: object) -> None:
    """An :class:`UnknownMethodError` naming the methods (and the closest one) unless
    ``name`` is one of them."""
    if not isinstance(name, str) or name not in METHODS:
        raise UnknownMethodError(f"unknown method {value_repr(name)}{did_you_mean(name, METHODS)}; "
                                 f"choose one of: {', '.join(METHODS)}")


def summarizer_class(name: str) -> type[Summarizer]:
    """The class of the summariser called ``name`` (its module is imported, nothing loaded)."""
    check_method(name)
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
            break
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        params = inspect.signature(init).parameters.values()
        names.update(p.name for p in params
                     if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and p.name != "self")
        if not any(p.kind is p.VAR_KEYWORD for p in params):
            break
    else:
        return None
    if getattr(cls, "pairwise", True) is False:
        # the shared frame takes it, but only methods that compare sentences pairwise prune
        # their pool to it: elsewhere it would be taken and ignored
        names.discard("max_sentences")
    return names


def default_options(name: str) -> dict[str, Any]:
    """The value each keyword option of summariser ``name`` takes when it is left out, as
    declared: its ``options_type``'s fields (nested dataclasses flattened, as their keywords
    are), else its ``__init__`` chain's parameters, followed up the class hierarchy as
    :func:`accepted_options` follows them (the first class that declares one decides).
    Options without a declared value (a factory's) are not listed."""
    cls = summarizer_class(name)
    options_type = getattr(cls, "options_type", None)
    if options_type is not None:
        return _dataclass_defaults(options_type)
    out: dict[str, Any] = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if klass is object or init is None:
            continue
        params = inspect.signature(init).parameters.values()
        for p in params:
            if p.name != "self" and p.default is not p.empty:
                out.setdefault(p.name, p.default)
        if not any(p.kind is p.VAR_KEYWORD for p in params):
            break
    accepted = accepted_options(name)  # (max_sentences is not lead's, though declared)
    return out if accepted is None else {k: v for k, v in out.items() if k in accepted}


def _dataclass_defaults(klass: type) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    hints = type_hints(klass)
    for f in dataclasses.fields(klass):
        hint = hints.get(f.name)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            flat.update(_dataclass_defaults(hint))
        elif f.init and f.default is not dataclasses.MISSING:
            flat[f.name] = f.default
    return flat


def options_not_default(name: str, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` as settings hold them (:func:`plain_options`, by ``name``'s declared
    types: ``concept_weight=1`` is ``1.0``) less those given as the value summariser ``name``
    declares for them (:func:`default_options`; the same JSON: ``order="readable"`` for
    coverage is coverage left as it is), so that a job or run given its method's defaults
    compares and fingerprints as one that left them out. Not a method's name (a Summarizer
    instance's job, which takes no options): ``options`` as they are."""
    if name not in METHODS or not options:
        return options
    defaults = default_options(name)
    return {k: v for k, v in plain_options(options, name).items()
            if not (k in defaults and setting_text(v) == setting_text(defaults[k]))}


def with_run_seed(name: str | Summarizer, options: dict[str, Any], seed: int) -> dict[str, Any]:
    """``options`` with a run's ``seed`` (evaluate's and summarize_dataset's) as the method's
    own sampling seed, where the method samples (``do_sample=True``), takes a ``seed`` and
    none is given: ``--seed`` was recorded in the run and seeded nothing the method drew
    from. The default seed is the method's default too, so it is not added; a Summarizer
    given whole holds its own options."""
    from summarizer.runtime import DEFAULT_SEED

    if (not isinstance(name, str) or seed == DEFAULT_SEED or "seed" in options
            or options.get("do_sample") is not True):
        return options
    if "seed" not in (accepted_options(name) or ()):
        return options
    return {**options, "seed": seed}


def plain_options(options: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    """``options`` as settings hold them (JSON): NumPy's integers as ints, and a path
    option's os.PathLike of text as its str, so a Path and its str are one setting (one
    fingerprint). With the method's ``name``, an integer given for an option declared a
    float (and not an int: ``concept_weight: float``, ``temperature: float | None``) is
    that float, ``1`` as ``1.0``: the summariser computes the same with either, and its
    settings, its defaults and a job's fingerprint say one value. A bool stays a bool (it
    fits no number option, nor a number a bool option: :func:`check_option_values`).
    Anything else is left for :func:`check_option_values` to refuse."""
    plain = {k: path_text(v) if k in PATH_OPTIONS else v
             for k, v in plain_integers(options).items()}
    if name is None or name not in METHODS or not plain:
        return plain
    floats = _float_options(name)
    return {k: float(v) if k in floats and type(v) is int and finite(v) else v
            for k, v in plain.items()}


def _float_options(name: str) -> set[str]:
    """The options of summariser ``name`` declared a float and not an int (a float alone
    or with None): ``lsa_rank``'s int is a count and its float a share, so it is not one."""
    out = set()
    for key, hint in option_types(name).items():
        kinds = (set(typing.get_args(hint)) if typing.get_origin(hint) in (typing.Union, types.UnionType)
                 else {hint}) - {type(None)}
        if kinds == {float}:
            out.add(key)
    return out


def check_options(name: str, options: dict[str, Any]) -> None:
    """An :class:`OptionError` naming the accepted options when ``options`` holds one that
    summariser ``name`` does not take, or a value not of its declared type; cheap, so
    callers check before any work."""
    accepted = accepted_options(name)
    if accepted is None:
        return
    unknown = sorted(k for k in options if k not in accepted)
    if unknown:
        raise OptionError(no_option(f"method {value_repr(name)}", unknown, sorted(accepted)))
    options = plain_options(options, name)
    check_option_values(name, options)
    options_type = getattr(summarizer_class(name), "options_type", None)
    if options_type is not None:  # its own checks of values and of how they go together
        options_type.from_keywords(**options)  # (no model is loaded)


def option_types(name: str) -> dict[str, Any]:
    """Declared types of the keyword options of summariser ``name``: the annotations of its
    ``__init__`` chain, or of its ``options_type`` dataclass (nested dataclasses flattened,
    as their keywords are)."""
    cls = summarizer_class(name)
    hints: dict[str, Any] = {}
    if hasattr(cls, "options_type"):
        hints = _dataclass_types(cls.options_type)
    else:
        for klass in reversed(cls.__mro__):
            init = klass.__dict__.get("__init__")
            if init is None or klass is object:
                continue
            hints.update(type_hints(init))
        hints.pop("return", None)
    # only what it takes: lead takes no max_sentences its frame declares, abstractive no
    # model_values (a field its options fill in, not a keyword)
    accepted = accepted_options(name)
    return hints if accepted is None else {k: v for k, v in hints.items() if k in accepted}


def _dataclass_types(klass: type) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, hint in type_hints(klass).items():
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):  # a class, not an instance
            flat.update(_dataclass_types(hint))
        else:
            flat[key] = hint | None  # None means "the default" in from_keywords
    return flat


def check_option_values(name: str, options: dict[str, Any]) -> None:
    """An :class:`OptionError` when an option's value is not of its declared type
    (``--option lam=abc``, a NaN or infinity where a number is needed); cheap, before any
    work."""
    if options.get("seed") is not None:  # its range worded as every seed's, not "64-bit"
        from summarizer.values import check_seed

        check_seed(options["seed"])
    check_values(plain_options(options, name), option_types(name), f"method {value_repr(name)}: option ", OptionError)


def get_summarizer(name: str | None = None, **options: Any) -> Summarizer:
    """Instantiate the summariser called ``name`` (None: :data:`DEFAULT_METHOD`, as
    ``summarize(data, None)`` and ``evaluate(data, None)`` read it) with its options (an
    unknown option or a value of the wrong type is an :class:`OptionError`, raised before
    anything is loaded)."""
    name = method_or_default(name)  # None was "unknown method None"
    check_options(name, options)
    options = plain_options(options, name)
    try:
        return summarizer_class(name)(**options)
    except SummarizerError:  # already typed and worded
        raise
    except (TypeError, ValueError) as exc:  # a value the summariser's own checks did not name
        raise OptionError(f"method {value_repr(name)}: bad option value: {exc}") from exc


__all__ = [
    "Budget",
    "DEFAULT_METHOD",
    "METHODS",
    "Summarizer",
    "Summary",
    "SummarySentence",
    "accepted_options",
    "available_methods",
    "check_method",
    "check_option_values",
    "check_options",
    "default_options",
    "get_summarizer",
    "make_budget",
    "method_or_default",
    "option_types",
    "plain_options",
]
