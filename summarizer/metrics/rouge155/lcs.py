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

from functools import reduce
from operator import or_


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
    """
    m, n = len(model), len(peer)
    if m == 0:
        return
    c = [[0.0] * (n + 1) for _ in range(m + 1)]
    run = [[0] * (n + 1) for _ in range(m + 1)]
    b = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        ci, cp, li, lp, bi = c[i], c[i - 1], run[i], run[i - 1], b[i]
        tok = model[i - 1]
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
    _backtrace(b, m, n, hit)


class ModelLayout:
    """All sentences of one reference side by side in one bit vector.

    Sentence k occupies bits ``offsets[k] .. offsets[k] + len - 1``, followed
    by one separator bit that is kept 0. With it, one column DP per peer
    sentence serves every reference sentence at once: in the recurrence
    ``(v + u) | (v - u)`` the subtraction never borrows (u is a subset of v)
    and a carry out of a sentence stops in its separator, which is cleared.
    """

    __slots__ = ("units", "offsets", "unit_masks", "masks", "full")

    def __init__(self, units: list[list[str]]):
        self.units = units
        self.offsets: list[int] = []
        self.unit_masks: list[int] = []
        masks: dict[str, int] = {}
        off = 0
        full = 0
        for unit in units:
            self.offsets.append(off)
            unit_mask = ((1 << len(unit)) - 1) << off
            self.unit_masks.append(unit_mask)
            full |= unit_mask
            for p, tok in enumerate(unit):
                masks[tok] = masks.get(tok, 0) | (1 << (off + p))
            off += len(unit) + 1
        self.masks = masks
        self.full = full


def union_lcs_marks(layout: ModelLayout, peer_units: list[list[str]]) -> int:
    """Bits (in ``layout`` positions) of every reference position that ROUGE-1.5.5's
    LCS with some peer sentence passes diagonally: the union-LCS hit marks."""
    marked = 0
    get = layout.masks.get
    full = layout.full
    unit_masks = layout.unit_masks
    offsets = layout.offsets
    lengths = [len(u) for u in layout.units]
    for peer in peer_units:
        match = [get(tok, 0) for tok in peer]
        if not match:
            continue
        open_ = reduce(or_, match) & ~marked
        if not open_:
            continue  # every position this sentence could mark is marked already
        cols = _columns(match, full)
        for k, unit_mask in enumerate(unit_masks):
            if not open_ & unit_mask:
                continue
            o = offsets[k]
            i = lengths[k]
            j = len(match)
            while i and j:
                mj = match[j - 1]
                stops = (mj | ~cols[j]) & (((1 << i) - 1) << o)
                if not stops:
                    break
                b = stops.bit_length() - 1
                j -= 1
                if (mj >> b) & 1:
                    marked |= 1 << b
                    i = b - o
                else:
                    i = b - o + 1
    return marked
