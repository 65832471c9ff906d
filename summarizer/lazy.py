"""Things made on first use: package attributes imported (so that importing a package stays
cheap), and values built once per process (:func:`locked_cache`)."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def lazy_getattr(package: str, table: Mapping[str, str],
                 submodules: Collection[str] = ()) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``package``: ``table`` maps an attribute
    name to the module that defines it (``".job"`` is relative to ``package``).
    The value is imported on first access and kept on the package. A name in
    ``submodules`` is ``package.name`` itself, so that ``import summarizer`` then
    ``summarizer.batch.read_output`` works without importing ``batch`` up front."""

    def __getattr__(name: str) -> Any:
        if name in submodules:  # the import binds it on the package
            return importlib.import_module(f"{package}.{name}")
        if name not in table:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(table[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__


def lazy_dir(package: str, *names: Iterable[str]) -> Callable[[], list[str]]:
    """A module-level ``__dir__`` for ``package``: what it holds now and the ``names``
    its ``__getattr__`` serves, so that ``dir()`` and completion show them unloaded."""

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])).union(*names))

    return __dir__


def locked_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)`` whose values are built one at a time.

    ``lru_cache`` alone lets threads that miss at once each build the value: two copies
    of a model loaded together (twice the memory and time), one of them then dropped.
    Here a thread that misses builds while the others wait and then share its value. The
    lock is re-entrant, so a value may be built from other values of the same cache."""

    import threading  # here: ``import summarizer`` stays without it

    def wrap(fn: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        lock = threading.RLock()

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            with lock:
                return cached(*args, **kwargs)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return wrap
