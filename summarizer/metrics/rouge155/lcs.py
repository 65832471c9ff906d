"""Union-LCS marking for ROUGE-L and weighted LCS for ROUGE-W, as in ROUGE-1.5.5.

For each model (reference) sentence ROUGE-1.5.5 computes one LCS against every
peer sentence and marks the model positions that the LCS backtrace passes
diagonally; the union of those marks is the sentence's hit set. Which LCS is
marked matters, so the backtrace must make the Perl's choices: from (m, n),
go diagonal when the tokens are equal, else up when C[i-1][j] >= C[i][j-1],
else left.

``lcs_marks`` computes the DP rows with the bit-parallel LCS recurrence
(Allison & Dix 1986; Hyyrö 2004): row i is an int V_i whose zero bits below
bit j count C[i][j]. The backtrace then needs one popcount per step. This is
exact (tests compare it with the plain table, ``lcs_marks_table``) and several
times faster in Python for sentence-length inputs.
"""

from __future__ import annotations


def peer_masks(peer: list[str]) -> dict[str, int]:
    """For each token, the bit mask of the positions where it occurs in ``peer``."""
    masks: dict[str, int] = {}
    for j, tok in enumerate(peer):
        masks[tok] = masks.get(tok, 0) | (1 << j)
    return masks


def lcs_marks(model: list[str], peer: list[str], masks: dict[str, int], hit: list[bool]) -> None:
    """Mark in ``hit`` the model positions on ROUGE-1.5.5's LCS path with ``peer``."""
    m = len(model)
    n = len(peer)
    if m == 0 or n == 0:
        return
    full = (1 << n) - 1
    v = full
    rows = [v]
    get = masks.get
    for tok in model:
        u = v & get(tok, 0)
        v = ((v + u) | (v - u)) & full
        rows.append(v)
    i, j = m, n
    while i and j:
        if model[i - 1] == peer[j - 1]:
            i -= 1
            j -= 1
            hit[i] = True
        else:
            low = (1 << (j - 1)) - 1
            # C[i-1][j] >= C[i][j-1], with C[r][k] = k - popcount(rows[r] & low_k)
            up = j - (rows[i - 1] & (low | (1 << (j - 1)))).bit_count()
            left = (j - 1) - (rows[i] & low).bit_count()
            if up >= left:
                i -= 1
            else:
                j -= 1


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
