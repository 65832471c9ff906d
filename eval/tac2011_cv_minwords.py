"""The shortest candidate sentence, ``min_words``, in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_minwords.py [--data ...] [--cache ...] [--out ...]

Every extractive method leaves out sentences of fewer than ``min_words`` word tokens
(:func:`summarizer.summarizers.candidates.prepare`; 5 by default) before anything else: they
are neither candidates nor counted in the concepts' document frequencies. The 5 was set
when the candidate filter was written and no grid has varied it since
(``eval/results/quality_history.md``). Gillick & Favre's ICSI system (2009), among the
systems issue 12 names, left out sentences under 10 words; a short sentence holds few
concepts, while its length penalty (``length_power``) makes what it holds cheap.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-minwords3``: sentences of 3 or more word tokens are candidates;
* ``coverage-minwords8``: 8 or more;
* ``coverage-minwords10``: 10 or more, Gillick & Favre's bar;
* ``coverage-minwords12``: 12 or more.

Everything else is the shipped default's. Grid: these four and the shipped default,
nothing else. Decision rule, as for the LSA, background, word-position, word-form,
centrality, stemmer and concept-unit grids: the default changes only if the joint
leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on the other
69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores, held out,
above the default's in-sample joint criterion, in three runs in a row (this is the first
run of the family, so the default does not change on it whatever it scores). Everything
else (per-language rows, the paired table, the candidate counts) is description, not
selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (``eval/tac2011_cv.py``'s
``paired_table``), then per language how many candidates each bar leaves.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

BARS = (3, 8, 10, 12)
MINWORDS_CONFIGS: dict[str, tuple[str, dict]] = {
    f"coverage-minwords{m}": ("coverage", {"min_words": m}) for m in BARS
}
GRID = ("default", *MINWORDS_CONFIGS)


def candidate_facts(h: cv.Harness) -> str:
    """Per language, means per cluster: the candidates left at each bar (the default's 5
    among them; bar 0 keeps every sentence the other filters keep) and their mean length
    in word tokens at bar 0."""
    from summarizer.summarizers.candidates import prepare

    bars = sorted({0, 5, *BARS})
    rows: dict[str, list[list[float]]] = {}
    for c in h.clusters:
        counts = [float(len(prepare(c, m))) for m in bars]
        every = prepare(c, 0)
        length = sum(len(t) for t in every.tokens) / max(len(every), 1)
        rows.setdefault(c.language, []).append([*counts, length])
    lines = ["## Candidates left by each bar (means per cluster)", "",
             "| language | " + " | ".join(f"min_words {m}" for m in bars)
             + " | mean word tokens (bar 0) |", "|---|" + "---|" * (len(bars) + 1)]
    for lang, r in rows.items():
        means = [sum(col) / len(col) for col in zip(*r, strict=True)]
        lines.append(f"| {lang} | " + " | ".join(f"{x:.0f}" for x in means[:-1])
                     + f" | {means[-1]:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, candidate_facts,
                                      configs=MINWORDS_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
