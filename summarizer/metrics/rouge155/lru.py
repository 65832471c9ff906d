"""The most recently used of many built values, for maps that threads share."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any


class LockedLRU:
    """The ``maxsize`` most recently used values of a map that threads share.

    A look-up and its refresh, and an insert and the evictions it makes, each hold a
    lock: with a bare ``OrderedDict``, another thread's eviction between ``get`` and
    ``move_to_end`` was a KeyError. Building a missing value is the caller's, outside
    the lock (two threads may build one twice; the later ``put`` stays). A copy (pickle,
    deepcopy) starts empty, with a lock of its own.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        """The value of ``key`` (now the most recent), or None."""
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        """Keep ``value`` as the most recent; drop the oldest past ``maxsize`` (every one
        over, so an insert that an interrupt cut short is trimmed by the next)."""
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._data))

    def __getstate__(self) -> dict:
        return {"maxsize": self.maxsize}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["maxsize"])  # type: ignore[misc]
