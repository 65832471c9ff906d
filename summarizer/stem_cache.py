"""A stemmer's cache of token -> stem, bounded in entries and in bytes: one policy for the
stemmers that keep one (ROUGE-1.5.5's ``-m``, the faithfulness check's Porter).

A cache bounded by its count alone holds whatever its tokens' length: 4,000-character
tokens (pathological input) hold 4 KB each and about as much again a stem, gigabytes at
a few hundred thousand entries. Here a token over ``MAX_CACHED_TOKEN`` characters is
stemmed each time it is met and never kept, so such input cannot take the room of words,
and the cache counts what it holds (``cache_bytes``) and stops at ``MAX_CACHE_BYTES``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

_sizeof = sys.getsizeof
_EMPTY = sys.getsizeof("")  # an ASCII str's sys.getsizeof is this and its length
_SLOT_BYTES = 48  # a dict entry and its share of the table (26-42 bytes, measured)


class StemCache:
    """``stem`` (a token in, its stem out) with a cache of the first tokens stemmed.

    The cache keeps up to ``max_cache`` tokens (``MAX_CACHE`` by default) and
    ``MAX_CACHE_BYTES`` (``cache_bytes``: each token's and stem's ``sys.getsizeof`` and its
    slot in the dict), so memory stays bounded whatever the tokens' length; a token over
    ``MAX_CACHED_TOKEN`` characters is never kept. Look-ups read the dict unlocked (one
    ``dict.get``, the hot loop's); an insert holds a lock, so that threads sharing one
    stemmer cannot take it past its bounds (each passed the size check before the others'
    inserts). A copy (pickle, deepcopy) starts empty, with its own lock.
    """

    MAX_CACHE = 500_000
    # 500,000 entries of TAC 2011 English tokens (4-20 characters) count ~65 MiB (136 bytes
    # each), under this: for words the count binds first; tokens near MAX_CACHED_TOKEN stop
    # here (up to ~260 bytes an entry)
    MAX_CACHE_BYTES = 96 * 1024 * 1024
    MAX_CACHED_TOKEN = 64  # characters; TAC 2011 English's longest token is 20

    def __init__(self, stem: Callable[[str], str], max_cache: int | None = None):
        self._stem = stem
        if max_cache is not None:
            self.MAX_CACHE = max_cache
        self.cache: dict[str, str] = {}  # token -> stem; read directly by hot loops
        self.cache_bytes = 0  # what the cache's entries hold (see the class's docstring)
        self._lock = threading.Lock()

    def __call__(self, token: str) -> str:
        out = self.cache.get(token)
        return self.compute(token) if out is None else out

    def compute(self, token: str) -> str:
        """Stem ``token`` and remember it (the cache is bounded)."""
        out = self._stem(token)
        cache = self.cache
        # full or too long: no lock taken at all
        if len(token) <= self.MAX_CACHED_TOKEN and len(cache) < self.MAX_CACHE:
            if token.isascii() and out.isascii():  # the tokeniser's (sys.getsizeof: 96 ns)
                size = _SLOT_BYTES + _EMPTY + len(token) + (0 if out is token else _EMPTY + len(out))
            else:
                size = _SLOT_BYTES + _sizeof(token) + (0 if out is token else _sizeof(out))
            with self._lock:
                held = self.cache_bytes + size
                if held <= self.MAX_CACHE_BYTES and len(cache) < self.MAX_CACHE and (
                        token not in cache):
                    cache[token] = out
                    self.cache_bytes = held
        return out

    def __getstate__(self) -> dict:
        return {"stem": self._stem, "max_cache": self.__dict__.get("MAX_CACHE")}

    def __setstate__(self, state: dict) -> None:
        StemCache.__init__(self, state["stem"], state["max_cache"])
