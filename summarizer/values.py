"""Checking values a user typed against the types a function or dataclass declares (bottom
of the stack: summariser options and ROUGE settings both use it).

``--option lam=abc`` or ``rouge(..., stem="no")`` must be a one-line typed error (or, worse,
not a silently truthy ``"no"``), so plain scalar annotations are enforced: ``bool``, ``int``
(not a bool, within 64 bits), ``float`` (finite; an int is fine), ``str``, ``None``, ``Literal``,
lists and tuples of these (``list[str]``: a list or a tuple, each item a str) and unions of
these. Other annotations (dicts, objects) are left to the code that uses them.
"""

from __future__ import annotations

import math
import numbers
import os
import types
import typing
from collections.abc import Iterable
from typing import Any

from summarizer.errors import OptionError, did_you_mean, empty_option, value_repr

INT_LIMIT = 2**63  # what NumPy and every count in the package can hold
MAX_SEED = 2**32 - 1  # what every generator seeded in the package accepts


def integer(value: object) -> int | None:
    """``value`` as a Python int when it is an integer (NumPy's ``int64`` from an array or a
    pandas column too; a bool is not), else None: the one rule for counts and seeds."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return None


def check_seed(seed: object, name: str = "seed") -> int:
    """``seed`` as an int if it is an integer in 0..2**32-1, else a one-line OptionError."""
    number = integer(seed)
    if number is None or not 0 <= number <= MAX_SEED:
        raise OptionError(f"{name} must be an integer from 0 to {MAX_SEED}, got "
                          f"{value_repr(seed)}")
    return number


def plain_integers(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with NumPy's integers as ints (they fit an int option, and the options
    are written in a summary's or a run's settings, JSON, which has no int64)."""
    return {k: v if (number := integer(v)) is None else number for k, v in options.items()}


def setting_text(value: Any) -> str:
    """A setting's value (a tree of them: a job's settings) as settings are compared and a
    batch job's fingerprint hashed: its JSON, keys sorted, anything JSON lacks as its str.
    The one rule of which values are one setting: ``True`` and ``1``, or ``1`` and ``1.0``,
    are two (Python's ``==`` finds them equal); an option declared a float is given its int
    as that float before (:func:`summarizer.summarizers.plain_options`)."""
    import json

    return json.dumps(value, sort_keys=True, default=str)


def path_text(value: Any) -> Any:
    """``value`` as a setting holds a path, a str, when it is an os.PathLike of text (a
    pathlib.Path); anything else as it is (bytes, a bytes PathLike, a number), for the
    caller's type check to refuse: settings are JSON, and a Path and its str are one path."""
    if isinstance(value, os.PathLike):
        named = os.fspath(value)
        if isinstance(named, str):
            return named
    return value


def listed(value: Any, what: str, error: type[Exception] = OptionError, *,
           alone: bool = True) -> list[Any] | None:
    """``value``, a list of names (metrics, columns, run folders), as a list; None stays None.
    One name given alone (a string, a path) is a list of it: iterated, it gave its
    characters (metrics="ROUGE-2" was "no metric 'R'", the run folders of "runs" 'r', 'u'
    ...). With ``alone=False`` it is ``error`` instead: names that label other items one
    for one (a report's summary ids) are never guessed to be one label. Anything else that
    is no list in an order (a number, bytes, a dict, a set) is ``error``."""
    if value is None:
        return None
    if isinstance(value, str | os.PathLike):
        if not alone:
            raise error(f"{what} must be a list, not one {type(value).__name__} "
                        f"{value_repr(value)}")
        return [value]
    if isinstance(value, bytes | bytearray | dict | set | frozenset) or \
            not isinstance(value, Iterable):
        raise error(f"{what} must be a list, not {type(value).__name__} {value_repr(value)}")
    return list(value)


def path_given(value: Any, what: str, error: type[Exception] = OptionError) -> Any:
    """``value`` where it is a path to read, a str or os.PathLike, else ``error``: None, a
    number or bytes (os.fspath's TypeError), and ``""``, which Path reads as the working
    folder (an unset variable read every file there)."""
    if not isinstance(value, str | os.PathLike):
        raise error(f"{what} must be a path, not {type(value).__name__}")
    if isinstance(value, str) and not value:
        raise error(f"{what} is empty (Path('') is the working folder); give a path ('.' "
                    "for the working folder)")
    return value


def text_given(value: Any, what: str, error: type[Exception] = OptionError) -> str:
    """``value`` where it is text, a str, else ``error`` naming ``what`` and the type given
    (``text must be a str, not bytes``, bytes told to be decoded first): None, bytes or a
    number read as text failed deep inside, a raw TypeError or AttributeError."""
    if not isinstance(value, str):
        raise error(f"{what} must be a str, not {type(value).__name__}" + (
            " (decode bytes first: summarizer.textio.decode_bytes)"
            if isinstance(value, bytes | bytearray) else ""))
    return value


def data_given(value: Any, what: str, error: type[Exception] = OptionError,
               for_text: str = "encode it first: text.encode('utf-8')") -> bytes | bytearray:
    """``value`` where it is data, bytes (or a bytearray), else ``error`` naming ``what``
    and the type given (``data must be bytes, not str``, a str told ``for_text``, what to
    do with text): a str read as bytes failed deep inside, a raw TypeError."""
    if not isinstance(value, bytes | bytearray):
        raise error(f"{what} must be bytes, not {type(value).__name__}" + (
            f" ({for_text})" if isinstance(value, str) else ""))
    return value


def listed_paths(value: Any, what: str, error: type[Exception] = OptionError) -> list[Any]:
    """:func:`listed` for paths (None: none): each a str or os.PathLike, not empty, else
    ``error`` naming its place (:func:`path_given`)."""
    if isinstance(value, str) and not value:
        path_given(value, what, error)
    given = listed(value, what, error) or []
    for i, item in enumerate(given):
        path_given(item, f"{what}[{i}]", error)
    return given


def finite(value: Any) -> bool:
    """Whether ``value`` is a real number (not a bool) that is finite. An int past float's
    range (JSON reads 10**400 whole) is none: math.isfinite raised OverflowError on it,
    an internal error where an option, a stored score or a coefficient was checked."""
    if type(value) is float:  # first: the ABC check below costs ten times as much a score
        return math.isfinite(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def fits(value: Any, hint: Any) -> bool | None:
    """Whether ``value`` fits the annotation ``hint``; None when the hint is not checked here."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        verdicts = [fits(value, h) for h in typing.get_args(hint)]
        if any(v is True for v in verdicts):
            return True
        return None if any(v is None for v in verdicts) else False
    if origin is typing.Literal:
        return any(_is_literal(value, allowed) for allowed in typing.get_args(hint))
    if origin is list or origin is tuple:
        return _fits_items(value, hint)
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:  # numbers.Integral: NumPy integers are fine; 10**30 is a typo, not a count
        number = integer(value)
        return number is not None and -INT_LIMIT <= number < INT_LIMIT
    if hint is float:
        return finite(value)
    if hint is str:
        return isinstance(value, str)
    return None


def _is_literal(value: Any, allowed: Any) -> bool:
    """Whether ``value`` is the ``Literal``'s value ``allowed``, of its kind: True is not 1
    (nor 1 True), and an array compared with it is no value (its ``==`` gave an array, whose
    truth raised ValueError)."""
    if isinstance(allowed, bool) or isinstance(value, bool):
        return value is allowed
    if isinstance(allowed, str):
        return isinstance(value, str) and value == allowed
    if isinstance(allowed, int):
        return integer(value) == allowed
    return value is allowed


def _variadic(hint: Any) -> bool:
    """``list[X]`` or ``tuple[X, ...]``: one hint for every item, however many (a tuple
    of other hints, ``tuple[X, Y]``, has one a place)."""
    args = typing.get_args(hint)
    return typing.get_origin(hint) is list or (len(args) == 2 and args[1] is Ellipsis)


def _fits_items(value: Any, hint: Any) -> bool | None:
    """:func:`fits` for ``list[...]`` or ``tuple[...]``: items in an order, a list or a tuple
    (JSON has no tuple, and a caller gives either), each fitting its hint."""
    if not isinstance(value, list | tuple):
        return False
    args = typing.get_args(hint)
    if not _variadic(hint):
        if len(value) != len(args):
            return False
        verdicts = [fits(v, h) for v, h in zip(value, args, strict=True)]
    else:
        verdicts = [fits(v, args[0]) for v in value] if args else []
    if any(v is False for v in verdicts):
        return False
    return None if any(v is None for v in verdicts) else True


def type_name(hint: Any) -> str:
    """``int or null``, ``float``, ``a list of str`` ...: how a message names an annotation."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return " or ".join(type_name(h) for h in typing.get_args(hint))
    if typing.get_origin(hint) is typing.Literal:  # the values themselves, not "Literal"
        return " or ".join(map(repr, typing.get_args(hint)))
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (list, tuple) and args:
        if _variadic(hint):
            return f"a list of {type_name(args[0])}"
        return f"a list of {len(args)} ({', '.join(map(type_name, args))})"
    if hint is type(None):
        return "null"
    if hint is float:
        return "a finite number"
    if hint is int:
        return "int (64-bit)"
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def type_hints(obj: Any) -> dict[str, Any]:
    """``typing.get_type_hints(obj)``, or {} when an annotation cannot be resolved."""
    try:
        return typing.get_type_hints(obj)
    except Exception:  # a forward reference this module cannot see: not checked
        return {}


def check_values(values: dict[str, Any], hints: dict[str, Any], what: str = "",
                 error: type[Exception] = OptionError) -> None:
    """Raise ``error`` (an option's value: OptionError) naming the first value in ``values``
    that does not fit its hint."""
    for key, value in values.items():
        hint = hints.get(key)
        if hint is not None and fits(value, hint) is False:
            raise error(f"{what}{key!r} must be {type_name(hint)}, not {value_repr(value)}"
                        f"{did_you_mean(value, _literals(hint)) or _none_meant(value, hint)}")


def check_named(values: dict[str, Any], error: type[Exception] = OptionError,
                flags: dict[str, str] | None = None) -> None:
    """Raise ``error`` naming the first of ``values`` (options that name a field, a preset,
    a separator ...) given as ``""``: read as not given, it quietly ran the default (the
    first text field found, no split, each row's place for its id) or named a field no row
    holds, where the command line refuses an empty value (``--text-field "$F"``, F unset).
    ``flags``: an option's command-line spelling where it is not ``--`` and its name."""
    for key, value in values.items():
        if isinstance(value, str) and not value:
            raise error(empty_option(key, (flags or {}).get(key)))


def _none_meant(value: Any, hint: Any) -> str:
    """A hint for ``--option background=None``: the text 'None', where null was meant."""
    spelt = isinstance(value, str) and value.strip().casefold() in ("none", "null", "nil")
    return " (for none: null, None in Python)" if spelt and fits(None, hint) else ""


def _literals(hint: Any) -> list[str]:
    """The string values a ``Literal`` (or a union holding one) allows."""
    if typing.get_origin(hint) is typing.Literal:
        return [a for a in typing.get_args(hint) if isinstance(a, str)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return [a for h in typing.get_args(hint) for a in _literals(h)]
    return []


class GivenOnce:
    """A mixin of ``argparse.ArgumentParser`` (the commands' parser, and
    :func:`~summarizer.metrics.parse_flags`'): an option of one value given twice with two
    values (``--words 100 ... --words 250``, ``-n 2 -n 3``, ``-l 10 --length-words 20``), or
    a switch given both ways (``-m ... --no-stem``: an action that calls :meth:`once` with
    its own value), is an ``argparse.ArgumentError`` naming it, where argparse kept the last
    in silence, as if the first were not there (and ROUGE-1.5.5's getopts too); the same
    value twice is the same request, taken."""

    _given: dict[Any, tuple[Any, str]]

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._given = {}  # this parse's: action -> (its value, as it was given)
        return super().parse_known_args(args, namespace)  # type: ignore[misc]

    def once(self, action: Any, value: Any, said: str) -> None:
        """Note ``action`` given ``value`` (``said``: how, for the message); an
        ``argparse.ArgumentError`` where this parse gave it another value before."""
        import argparse

        given = getattr(self, "_given", None)
        if given is None:  # a parse not through parse_known_args: nothing to compare with
            return
        first = given.setdefault(action, (value, said))
        if first[0] != value:
            name = "/".join(o for o in action.option_strings if not o.startswith("--no-"))
            if action.nargs == 0:  # a switch, on and off
                raise argparse.ArgumentError(
                    None, f"argument {name}: given as {first[1]} and then {said}; give one")
            raise argparse.ArgumentError(
                None, f"argument {name}: given twice, as {first[1]!r} and then {said!r}; "
                      "give it once")

    def _get_values(self, action: Any, arg_strings: list[str]) -> Any:
        import argparse

        if type(action) is argparse._StoreAction and action.option_strings:
            given = [a for a in arg_strings if a != "--"]
            self.once(action, given, " ".join(given))
        return super()._get_values(action, arg_strings)  # type: ignore[misc]
