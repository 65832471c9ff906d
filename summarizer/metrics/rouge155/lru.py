"""The most recently used of many built values, for maps that threads share."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any


class LockedLRU:
    """The ``maxsize`` most recently used values of a map that threads share, and with
    ``max_cost`` no more than that much of them (each value's cost given to :meth:`put`,
    e.g. its bytes): a count alone bounds nothing where one value can be large.

    A look-up and its refresh, and an insert and the evictions it makes, each hold a
    lock: with a bare ``OrderedDict``, another thread's eviction between ``get`` and
    ``move_to_end`` was a KeyError. Building a missing value is the caller's, outside
    the lock (two threads may build one twice; the later ``put`` stays). A copy (pickle,
    deepcopy) starts empty, with a lock of its own.
    """

    def __init__(self, maxsize: int, max_cost: int | None = None) -> None:
        self.maxsize = maxsize
        self.max_cost = max_cost
        self._data: OrderedDict = OrderedDict()
        self._costs: dict[Any, int] = {}
        self.cost = 0  # of the values held
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        """The value of ``key`` (now the most recent), or None."""
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: Any, value: Any, cost: int = 0) -> None:
        """Keep ``value`` as the most recent; drop the oldest past ``maxsize`` values or
        ``max_cost`` (every one over, so an insert that an interrupt cut short is trimmed
        by the next; a value costing more than ``max_cost`` alone is not kept)."""
        with self._lock:
            self.cost -= self._costs.pop(key, 0)
            if self.max_cost is not None and cost > self.max_cost:
                self._data.pop(key, None)  # kept, it would push out everything else
                return
            self._data[key] = value
            self._data.move_to_end(key)
            self._costs[key] = cost
            self.cost += cost
            limit = self.max_cost
            while self._data and (len(self._data) > self.maxsize
                                  or (limit is not None and self.cost > limit)):
                old, _ = self._data.popitem(last=False)
                self.cost -= self._costs.pop(old, 0)

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[Any]:
        with self._lock:
            return iter(list(self._data))

    def __getstate__(self) -> dict:
        return {"maxsize": self.maxsize, "max_cost": self.max_cost}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["maxsize"], state.get("max_cost"))  # type: ignore[misc]
