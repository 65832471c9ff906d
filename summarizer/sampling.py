"""A seeded sample without replacement, drawn as ``numpy.random.default_rng(seed)``
draws it, without importing ``numpy.random``.

Importing ``numpy.random`` costs about 9 ms, a fifth of what separated the default
summariser's cold start from ``--method lead``, for the few indices that seed its
k-means. This module repeats NumPy's algorithms step for step, so the indices (and so the
summaries) are the ones ``default_rng(seed).choice(n, size=k, replace=False)`` gives:

* ``SeedSequence(seed)`` (O'Neill's seed mixing, as NumPy implements it) gives the
  128-bit state and increment of
* PCG64 (the XSL-RR 128/64 generator); 32-bit draws use each 64-bit output twice,
  low half first;
* bounded integers by Lemire's multiply-and-reject on 32-bit draws (every bound here is
  below 2**32);
* Floyd's algorithm and then a Fisher-Yates shuffle of the sample, or, when ``n`` is above
  10,000 and the sample above ``n // 50``, a partial shuffle of ``range(n)``.

tests/test_sampling.py pins its stream and checks it against the installed NumPy over many
seeds and sizes. NumPy does not promise that ``Generator`` streams stay the same across its
releases; this copy does, so the summaries do too.
"""

from __future__ import annotations

from itertools import cycle

_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF
_M128 = (1 << 128) - 1
_PCG_MULT = 0x2360ED051FC65DA44385DF649FCCF645
# SeedSequence's hash constants
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715
_POOL = 4


def _seed_words(seed: int) -> list[int]:
    words = [seed & _M32] if seed == 0 else []
    while seed:
        words.append(seed & _M32)
        seed >>= 32
    return words


def _pool(seed: int) -> list[int]:
    """SeedSequence(seed).pool: the entropy mixed into four 32-bit words."""
    entropy = _seed_words(seed)
    const = _INIT_A

    def hashmix(value: int) -> int:
        nonlocal const
        value ^= const
        const = (const * _MULT_A) & _M32
        value = (value * const) & _M32
        return value ^ (value >> 16)

    def mix(x: int, y: int) -> int:
        out = (_MIX_L * x - _MIX_R * y) & _M32
        return out ^ (out >> 16)

    pool = [hashmix(entropy[i] if i < len(entropy) else 0) for i in range(_POOL)]
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
    for src in range(_POOL, len(entropy)):
        for dst in range(_POOL):
            pool[dst] = mix(pool[dst], hashmix(entropy[src]))
    return pool


def _state_words(seed: int, n_words: int) -> list[int]:
    """SeedSequence(seed).generate_state(n_words, np.uint64)."""
    const = _INIT_B
    words32 = []
    source = cycle(_pool(seed))
    for _ in range(2 * n_words):
        value = next(source) ^ const
        const = (const * _MULT_B) & _M32
        value = (value * const) & _M32
        words32.append(value ^ (value >> 16))
    return [words32[2 * i] | (words32[2 * i + 1] << 32) for i in range(n_words)]


class _PCG64:
    """NumPy's PCG64 bit generator, its 32-bit draws and bounded integers."""

    def __init__(self, seed: int) -> None:
        s0, s1, i0, i1 = _state_words(seed, 4)
        self.inc = (((i0 << 64) | i1) << 1 | 1) & _M128
        self.state = 0
        self._step()
        self.state = (self.state + ((s0 << 64) | s1)) & _M128
        self._step()
        self._half: int | None = None  # the high half of the last 64-bit output, unused

    def _step(self) -> None:
        self.state = (self.state * _PCG_MULT + self.inc) & _M128

    def next64(self) -> int:
        self._step()
        rot = self.state >> 122
        x = ((self.state >> 64) ^ self.state) & _M64
        return ((x >> rot) | (x << (64 - rot))) & _M64

    def next32(self) -> int:
        if self._half is not None:
            out, self._half = self._half, None
            return out
        value = self.next64()
        self._half = value >> 32
        return value & _M32

    def bounded(self, high: int) -> int:
        """An integer in [0, high] (``random_bounded_uint64(0, high)``, Lemire's method)."""
        if high == 0:
            return 0
        if high > _M32:
            raise ValueError("bounds of 2**32 and more are not implemented")
        if high == _M32:
            return self.next32()
        span = high + 1
        m = self.next32() * span
        if (m & _M32) < span:
            threshold = (_M32 - high) % span
            while (m & _M32) < threshold:
                m = self.next32() * span
        return m >> 32


def choice_without_replacement(n: int, k: int, seed: int) -> list[int]:
    """``list(numpy.random.default_rng(seed).choice(n, size=k, replace=False))``."""
    if not 0 <= k <= n:
        raise ValueError(f"cannot take {k} of {n} items without replacement")
    if seed < 0:
        raise ValueError("the seed must be a non-negative integer")
    rng = _PCG64(seed)
    if n > 10000 and k > n // 50:  # NumPy's choice: shuffle the tail of range(n)
        items = list(range(n))
        for i in range(n - 1, max(n - k, 1) - 1, -1):
            j = rng.bounded(i)
            items[i], items[j] = items[j], items[i]
        return items[n - k:]
    # Floyd's algorithm, then the sample shuffled
    out: list[int] = []
    taken: set[int] = set()
    for j in range(n - k, n):
        value = rng.bounded(j)
        pick = j if value in taken else value
        taken.add(pick)
        out.append(pick)
    for i in range(k - 1, 0, -1):
        j = rng.bounded(i)
        out[i], out[j] = out[j], out[i]
    return out
