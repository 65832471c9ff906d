"""Union-LCS marking for ROUGE-L and weighted LCS for ROUGE-W, as in ROUGE-1.5.5.

For each model (reference) sentence ROUGE-1.5.5 computes one LCS against every
peer sentence and marks the model positions that the LCS backtrace passes
diagonally; the union of those marks is the sentence's hit set. Which LCS is
marked matters, so the backtrace must make the Perl's choices: from (m, n),
go diagonal when the tokens are equal, else up when C[i-1][j] >= C[i][j-1],
else left.

``lcs_marks`` computes the DP columns with the bit-parallel LCS recurrence
(Allison & Dix 1986; Hyyrö 2004), so that the backtrace needs one bit test
per step. This is exact (tests compare it with the plain table,
``lcs_marks_table``) and several times faster in Python for sentence-length
inputs.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, MutableSequence, Sequence
from functools import reduce
from operator import or_

from .lru import LockedLRU


def token_masks(tokens: list[str]) -> dict[str, int]:
    """For each token, the bit mask of the positions where it occurs in ``tokens``."""
    masks: dict[str, int] = {}
    for j, tok in enumerate(tokens):
        masks[tok] = masks.get(tok, 0) | (1 << j)
    return masks


def _columns(match: list[int], full: int) -> list[int]:
    """Bit-vector LCS columns: bit i-1 of column j is 1 when C[i][j] == C[i-1][j].

    Column 0 is all ones; each peer token's match mask advances it (the
    Allison-Dix / Hyyro recurrence).
    """
    v = full
    cols = [v]
    for mj in match:
        u = v & mj
        if u:
            v = ((v + u) | (v - u)) & full
        cols.append(v)
    return cols


def lcs_marks(model: list[str], peer: list[str], masks: dict[str, int], marked: int) -> int:
    """``marked`` with the model positions on ROUGE-1.5.5's LCS path with ``peer`` added.

    ``masks`` is ``token_masks(model)``; ``marked`` and the result are bit masks
    over model positions. The DP runs column by column (one column per peer
    token) with bit vectors over model positions: bit i-1 of column j is 1
    exactly when C[i][j] == C[i-1][j]. At a mismatch the Perl goes up when
    C[i-1][j] >= C[i][j-1], which (C[i][j] being their maximum) is when
    C[i-1][j] == C[i][j]. So in column j the backtrace climbs straight to the
    highest row below it that is a match (then diagonal) or has a 0 bit (then
    left), found with one ``bit_length``.
    """
    m = len(model)
    n = len(peer)
    if m == 0 or n == 0:
        return marked
    get = masks.get
    match = [get(tok, 0) for tok in peer]
    if not reduce(or_, match) & ~marked:
        # Only positions of shared tokens can be marked and these all are:
        # nothing can change (true for about 40% of sentence pairs in news).
        return marked
    cols = _columns(match, (1 << m) - 1)
    i = m
    j = n
    while i and j:
        mj = match[j - 1]
        stops = (mj | ~cols[j]) & ((1 << i) - 1)
        if not stops:
            break  # climbs to row 0: the path ends
        k = stops.bit_length() - 1
        j -= 1
        if (mj >> k) & 1:
            marked |= 1 << k
            i = k
        else:
            i = k + 1
    return marked


def lcs_marks_table(model: list[str], peer: list[str], hit: list[bool]) -> None:
    """Plain-table version of :func:`lcs_marks` (the Perl's ``lcs_inner``), for tests."""
    m, n = len(model), len(peer)
    if m == 0:
        return
    c = [[0] * (n + 1) for _ in range(m + 1)]
    b = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            if model[i - 1] == peer[j - 1]:
                c[i][j] = c[i - 1][j - 1] + 1
                b[i][j] = 1  # diagonal
            elif c[i - 1][j] >= c[i][j - 1]:
                c[i][j] = c[i - 1][j]
                b[i][j] = 2  # up
            else:
                c[i][j] = c[i][j - 1]
                b[i][j] = 3  # left
    _backtrace(b, m, n, hit)


def _backtrace(b: list[list[int]], i: int, j: int, hit: list[bool]) -> None:
    while i and j:
        move = b[i][j]
        if move == 1:
            i -= 1
            j -= 1
            hit[i] = True
        elif move == 2:
            i -= 1
        else:
            j -= 1


def wlcs_marks(
    model: list[str], peer: list[str], hit: list[bool], weights: list[float]
) -> None:
    """Mark the model positions on ROUGE-1.5.5's weighted-LCS path (``wlcs_inner``).

    ``weights[k]`` is ``k ** w``; the DP adds ``weights[k+1] - weights[k]`` for a
    match that extends a run of k consecutive matches, in the Perl's order of
    floating-point operations so that ties break the same way.

    The DP runs row by row (one row per model token). The backtrace only moves
    up or left, so it needs the rows from last to first: they come from
    checkpoints (:func:`_reverse_steps`), memory O(peer length x log(model
    length)) instead of the full model x peer tables.
    """
    m, n = len(model), len(peer)
    if m == 0:
        return

    def row(state, i):  # row i+1 from row i: (scores, runs) -> new state, directions
        cp, lp = state
        ci = [0.0] * (n + 1)
        li = [0] * (n + 1)
        bi = [0] * (n + 1)
        tok = model[i]
        for j in range(1, n + 1):
            if tok == peer[j - 1]:
                k = lp[j - 1]
                ci[j] = cp[j - 1] + weights[k + 1] - weights[k]
                bi[j] = 1
                li[j] = k + 1
            elif cp[j] >= ci[j - 1]:
                ci[j] = cp[j]
                bi[j] = 2
            else:
                ci[j] = ci[j - 1]
                bi[j] = 3
        return (ci, li), bi

    i, j = m, n
    for k, bi in _reverse_steps(([0.0] * (n + 1), [0] * (n + 1)), m, row):
        assert k == i
        while j and bi[j] == 3:  # left along this row
            j -= 1
        if not j:
            break
        if bi[j] == 1:  # diagonal
            j -= 1
            hit[i - 1] = True
        i -= 1  # diagonal or up: on to the row above
        if not i:
            break


def _reverse_steps(start, steps: int, step, leaf: int | None = None, fan: int | None = None):
    """Yield ``(k, output of step k)`` for k = steps, ..., 1, where
    ``step(state, k - 1) -> (next state, output)`` and ``start`` is state 0.

    Keeps ``fan`` checkpointed states per level of a recursion of depth
    log_fan(steps / leaf) and ``leaf`` outputs at a time; one extra forward
    pass per level.
    """
    leaf = leaf or _LEAF
    fan = max(fan or _FAN, 2)

    def walk(state, a: int, b: int):  # state after a steps; yields outputs b .. a+1
        if b - a <= leaf:
            outs = []
            for k in range(a, b):
                state, out = step(state, k)
                outs.append(out)
            for k in range(b, a, -1):
                yield k, outs[k - a - 1]
            return
        size = -(-(b - a) // fan)
        marks = [(a, state)]
        for k in range(a, b):
            state, _ = step(state, k)
            if (k + 1 - a) % size == 0 and k + 1 < b:
                marks.append((k + 1, state))
        ends = [mk[0] for mk in marks[1:]] + [b]
        for (first, saved), end in zip(reversed(marks), reversed(ends), strict=True):
            yield from walk(saved, first, end)

    yield from walk(start, 0, steps)


# Long inputs: the union-LCS backtrace visits the DP columns from last to
# first. Instead of keeping every column (peer length x reference width bits,
# quadratic), it keeps checkpoints and recomputes blocks (_reverse_columns),
# and token masks beyond a memory budget are built on demand (ModelLayout).
_LEAF = 256  # columns computed and kept together at the bottom of the recursion
_FAN = 16  # checkpoints per level
_MASK_BITS = 1 << 28  # token masks (in bits, 32 MB) a layout keeps at once


def _advance(v: int, mj: int, full: int) -> int:
    """One step of the bit-parallel LCS column recurrence (see :func:`_columns`)."""
    u = v & mj
    if u:
        v = ((v + u) | (v - u)) & full
    return v


def _reverse_columns(match, full: int, leaf: int | None = None, fan: int | None = None):
    """Yield ``(j, column j)`` for j = n, n-1, ..., 1, the order of the backtrace.

    Memory: ``fan`` checkpoints per level of a recursion of depth
    log_fan(n / leaf), plus ``leaf`` columns: O(width x log n) bits instead of
    O(width x n). Time: one extra forward pass per level.
    """
    leaf = leaf or _LEAF
    fan = max(fan or _FAN, 2)

    def walk(v: int, a: int, b: int):  # v is column a; yields columns b .. a+1
        if b - a <= leaf:
            cols = [v]
            for j in range(a, b):
                v = _advance(v, match[j], full)
                cols.append(v)
            for j in range(b, a, -1):
                yield j, cols[j - a]
            return
        step = -(-(b - a) // fan)
        marks = [(a, v)]
        for j in range(a, b):
            v = _advance(v, match[j], full)
            if (j + 1 - a) % step == 0 and j + 1 < b:
                marks.append((j + 1, v))
        ends = [m[0] for m in marks[1:]] + [b]
        for (start, col), end in zip(reversed(marks), reversed(ends), strict=True):
            yield from walk(col, start, end)

    yield from walk(full, 0, len(match))


class _LazyMatch:
    """``match[j]``: the reference mask of peer token j, built when asked."""

    __slots__ = ("tokens", "mask")

    def __init__(self, tokens: list[str], mask) -> None:
        self.tokens = tokens
        self.mask = mask

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, j: int) -> int:
        return self.mask(self.tokens[j])


class ModelLayout:
    """All sentences of one reference side by side in one bit vector.

    Sentence k occupies bits ``offsets[k] .. offsets[k] + len - 1``, followed
    by one separator bit that is kept 0. With it, one column DP per peer
    sentence serves every reference sentence at once: in the recurrence
    ``(v + u) | (v - u)`` the subtraction never borrows (u is a subset of v)
    and a carry out of a sentence stops in its separator, which is cleared.

    The mask of a token has a bit per reference position, so masks for every
    distinct token would take vocabulary x width bits, quadratic on long text.
    With ``words`` only theirs are kept (a long reference in a summary's words: no other
    token's mask is asked for), their positions 8 bytes each, not a list of ints (36).
    Beyond ``_MASK_BITS`` masks are built from token positions when needed and
    only the most recently used are kept (``masks`` is then None), in a
    :class:`~summarizer.metrics.rouge155.lru.LockedLRU`: a layout is shared by the threads scoring
    against one cached reference.
    """

    __slots__ = ("units", "offsets", "lengths", "masks", "full", "_positions", "_lru", "nbytes")

    def __init__(self, units: Sequence[list[str]], words: set[str] | None = None):
        self.units = units
        self.offsets: list[int] = []
        self.lengths = [len(u) for u in units]
        positions: dict[str, MutableSequence[int]] = {}
        off = 0
        if words is None:
            for unit in units:
                self.offsets.append(off)
                for p, tok in enumerate(unit):
                    positions.setdefault(tok, []).append(off + p)
                off += len(unit) + 1
        else:
            off = _positions_in(units, words, self.offsets, positions)
        width = max(off, 1)
        self.full = 0
        for o, n in zip(self.offsets, self.lengths, strict=True):
            self.full |= ((1 << n) - 1) << o
        # the masks' bytes, at most (built at once, or the most the LRU below keeps)
        self.nbytes = min(len(positions) * width, _MASK_BITS) // 8
        if len(positions) * width <= _MASK_BITS:
            self.masks: dict[str, int] | None = {
                tok: _bits(pos, width) for tok, pos in positions.items()}
            self._positions: dict[str, MutableSequence[int]] | None = None
            self._lru: LockedLRU | None = None  # every mask is at hand
        else:
            self.masks = None
            self._positions = positions
            # as many masks as fit in _MASK_BITS, at least one
            self._lru = LockedLRU(max(1, _MASK_BITS // width))

    @property
    def unit_masks(self) -> list[int]:
        """Bits of each sentence (small layouts; long ones compute them as needed)."""
        return [((1 << n) - 1) << o for o, n in zip(self.offsets, self.lengths, strict=True)]

    def mask(self, tok: str) -> int:
        """Bits of the reference positions holding ``tok``."""
        if self.masks is not None:
            return self.masks.get(tok, 0)
        assert self._positions is not None and self._lru is not None
        cached = self._lru.get(tok)
        if cached is not None:
            return cached
        pos = self._positions.get(tok)
        if pos is None:
            return 0
        value = _bits(pos, pos[-1] + 1)  # outside the lock: the long part
        self._lru.put(tok, value)
        return value

    def match(self, peer: list[str]):
        """The masks of the peer's tokens, in order (built lazily on long text)."""
        if self.masks is not None:
            get = self.masks.get
            return [get(tok, 0) for tok in peer]
        return _LazyMatch(peer, self.mask)

    def union(self, tokens) -> int:
        """Bits of every reference position holding one of ``tokens``."""
        if self.masks is not None:
            get = self.masks.get
            return reduce(or_, (get(t, 0) for t in tokens), 0)
        assert self._positions is not None
        return _bits([p for t in set(tokens) for p in self._positions.get(t, ())],
                     self.offsets[-1] + self.lengths[-1] + 1)


def _positions_in(units: Sequence[list[str]], words: set[str], offsets: list[int],
                  positions: dict[str, MutableSequence[int]]) -> int:
    """Fills ``offsets`` (each unit's) and ``positions`` (of each token in ``words``, in
    layout positions) from ``units``; returns the layout's width."""
    get = positions.get
    off = 0
    for unit in units:
        offsets.append(off)
        for p, tok in enumerate(unit):
            if tok in words:
                at = get(tok)
                if at is None:
                    at = positions[tok] = array("q")
                at.append(off + p)
        off += len(unit) + 1
    return off


def _bits(positions, width: int) -> int:
    """An int with the given bit positions set, built in O(width / 8 + len(positions))."""
    buf = bytearray((width + 7) // 8)
    for p in positions:
        buf[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buf, "little")


_NARROW_BYTES = 512  # a column this wide or less is shifted whole; wider, read as bytes


def _window(bits: int | bytes, start: int, size: int) -> int:
    """Bits ``start .. start + size - 1`` of ``bits``, an int or its little-endian bytes,
    read from the bytes in O(size): a shift of the whole int costs its width, once per
    reference sentence quadratic on a long reference."""
    if isinstance(bits, int):
        return (bits >> start) & ((1 << size) - 1)
    return (int.from_bytes(bits[start >> 3:(start + size + 7) >> 3], "little")
            >> (start & 7)) & ((1 << size) - 1)


def union_lcs_marks(layout: ModelLayout, peer_units: Iterable[list[str]]) -> int:
    """Bits (in ``layout`` positions) of every reference position that ROUGE-1.5.5's
    LCS with some peer sentence passes diagonally: the union-LCS hit marks.

    Every backtrace step moves one column left, so the backtraces of all
    reference sentences against one peer sentence advance together, column by
    column from the last; the columns come from :func:`_reverse_columns`. On a
    wide layout each column is read as bytes once and each sentence's window from
    them: a shift or mask of the whole column per sentence made a long reference
    quadratic (a 5 MB reference against a one-line summary: 27 s, 50 MB: hours).
    """
    marked = 0
    full = layout.full
    offsets = layout.offsets
    lengths = layout.lengths
    size = (full.bit_length() + 7) // 8
    wide = size > _NARROW_BYTES
    for peer in peer_units:
        if not peer:
            continue
        open_ = layout.union(peer) & ~marked
        if not open_:
            continue  # every position this sentence could mark is marked already
        match = layout.match(peer)
        seen = open_.to_bytes(size, "little") if wide else open_
        state = {k: lengths[k] for k in range(len(offsets))
                 if lengths[k] and _window(seen, offsets[k], lengths[k])}
        marks = bytearray(size)
        for j, col in _reverse_columns(match, full):
            if not state:
                break
            mj = match[j - 1]
            blocked = col & ~mj  # within a sentence, the complement of its stops
            hits = mj.to_bytes(size, "little") if wide else mj
            if wide:
                blocked = blocked.to_bytes(size, "little")
            for k, i in list(state.items()):
                o = offsets[k]
                # (narrow: inline; a call a step made ROUGE-L on TAC 2011 a fifth slower)
                stops = ~(_window(blocked, o, i) if wide else blocked >> o) & ((1 << i) - 1)
                if not stops:
                    del state[k]  # climbs to row 0: this path ends
                    continue
                b = o + stops.bit_length() - 1
                if (hits[b >> 3] >> (b & 7)) & 1 if wide else (mj >> b) & 1:
                    marks[b >> 3] |= 1 << (b & 7)
                    i = b - o
                else:
                    i = b - o + 1
                if i:
                    state[k] = i
                else:
                    del state[k]
        marked |= int.from_bytes(marks, "little")
    return marked


def union_lcs_hits(layout: ModelLayout, peer_units: Iterable[list[str]],
                   model_counts: dict[str, int], peer_counts: dict[str, int]) -> int:
    """Summary-level LCS hits as ROUGE-1.5.5 counts them: the union-LCS marks of each
    reference sentence, each token counted at most as often as it occurs in either text
    (``model_counts``, ``peer_counts``: token counts, used up here), in the Perl's order:
    reference sentences, then positions. rouge-score's ``_summary_level_lcs`` counts the
    same (its backtrace makes the Perl's choices)."""
    # read a unit at a time (empty ones skipped there): a list of them copied a long peer
    marked = union_lcs_marks(layout, peer_units)
    size = (marked.bit_length() + 7) // 8
    seen = marked.to_bytes(size, "little") if size > _NARROW_BYTES else marked
    hit = 0
    for unit, off in zip(layout.units, layout.offsets, strict=True):
        bits = _window(seen, off, len(unit))
        j = 0
        while bits and j < len(unit):
            if bits & 1:
                tok = unit[j]
                if model_counts.get(tok, 0) > 0 and peer_counts.get(tok, 0) > 0:
                    hit += 1
                    model_counts[tok] -= 1
                    peer_counts[tok] -= 1
            bits >>= 1
            j += 1
    return hit
