"""Consensus over the objective's neighbours: a minimum-Bayes-risk choice of summary.

The default's weights were chosen on 70 TAC clusters; on other news, another setting near
them may suit a cluster better, and which one cannot be told without references. With
``consensus`` (an option of ``coverage``, off by default) the summariser selects once with its
own settings and once with each tuned weight of its objective scaled down and up by a factor,
one at a time, and keeps the selection that shares the most n-grams with the others (the
minimum-Bayes-risk rule of MT system combination, Kumar & Byrne 2004, with n-gram overlap as
the gain; after Hong, Marcus & Nenkova 2015's combination of summarisers). A summary that
many nearby settings agree on is kept over one that only the exact weights give.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# The objective's tuned weights: each is scaled down and up in turn. alpha (a share of a
# sentence's total similarity) stays at most 1; length_power as the option allows.
SCALED = ("lead_weight", "semantic_weight", "diversity_weight", "position_decay",
          "length_power", "alpha")
LIMITS = {"alpha": 1.0, "length_power": 10.0}
OVERLAPS = ("bigrams", "words")


def members(settings: dict[str, float], factor: float) -> list[tuple[str, dict[str, float]]]:
    """The consensus members: ("own", {}) first, then each weight of ``settings`` divided and
    multiplied by ``factor``, one at a time, as (label, overrides). A move that leaves the
    weight where it is (a weight of 0, or one at its limit) is no member of its own."""
    out: list[tuple[str, dict[str, float]]] = [("own", {})]
    for name in SCALED:
        value = settings[name]
        for label, moved in ((f"{name}/{factor:g}", value / factor),
                             (f"{name}*{factor:g}", value * factor)):
            moved = min(moved, LIMITS.get(name, moved))
            if moved != value:
                out.append((label, {name: moved}))
    return out


def grams(tokens: Sequence[Sequence[str]], overlap: str) -> Counter[tuple[str, ...]]:
    """The n-grams of a selection (its sentences' tokens): words, or bigrams inside each
    sentence, as a multiset."""
    n = 2 if overlap == "bigrams" else 1
    return Counter(tuple(t[k:k + n]) for t in tokens for k in range(len(t) - n + 1))


def agreement(a: Counter, b: Counter) -> float:
    """F1 of two n-gram multisets (ROUGE-N's F with clipped counts); 0 where both are empty."""
    total = sum(a.values()) + sum(b.values())
    return 2.0 * sum((a & b).values()) / total if total else 0.0


def central(selections: Sequence[Counter]) -> int:
    """The index of the selection whose summed agreement with all the others is highest;
    a tie goes to the first (the summariser's own settings come first)."""
    best, best_score = 0, -1.0
    for i, a in enumerate(selections):
        score = sum(agreement(a, b) for j, b in enumerate(selections) if j != i)
        if score > best_score + 1e-12:
            best, best_score = i, score
    return best
