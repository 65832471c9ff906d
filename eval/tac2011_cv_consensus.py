"""Consensus over the objective's neighbours, in the TAC 2011 CV (issue 12): ``coverage``'s
``consensus`` and ``consensus_overlap``.

Usage::

    python eval/tac2011_cv_consensus.py [--data ...] [--cache ...] [--out ...]

Every family judged so far (``eval/results/quality_history.md``) moved the objective's
settings or added a term, and the CV kept the default against each: the default's weights,
chosen on these 70 clusters, are a point that nearby settings each beat on some clusters and
lose on others. Held-out news can favour a neighbour that no reference tells apart. With
``consensus`` (an option of ``coverage``, off by default, ``summarizer/summarizers/consensus.py``)
the summariser selects with its own settings and with each of six tuned weights
(``lead_weight``, ``semantic_weight``, ``diversity_weight``, ``position_decay``,
``length_power``, ``alpha``) divided and multiplied by a factor, one at a time (13 selections
from one pool), and keeps the selection whose n-grams agree most with the others' (summed F1
of n-gram multisets): a minimum-Bayes-risk choice, as in MT system combination (Kumar & Byrne
2004), applied to summarisers by Hong, Marcus & Nenkova (2015). The members and the rule are
fixed in the library, not chosen on TAC.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-consensus2``: factor 2, bigram agreement;
* ``coverage-consensus2-words``: factor 2, word (unigram) agreement;
* ``coverage-consensus1.5``: factor 1.5, bigram agreement.

Everything else is the shipped default's. Grid: these three and the shipped default,
nothing else. Decision rule, as for every grid before it: the default changes only if the
joint leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on the
other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores, held
out, above the default's in-sample joint criterion, in three runs in a row (this is the
first run, so the default does not change on it whatever it scores). Everything else
(per-language rows, the paired table) is description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid, then ``eval/tac2011_cv_lsa.py``'s
per-language tables and joint criterion, then each variant and the joint CV against the
default cluster by cluster (``eval/tac2011_cv.py``'s ``paired_table``), then which member
each variant kept, counted over the 70 clusters at each budget (description: it reads no
reference).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

from summarizer.summarizers import get_summarizer  # noqa: E402

CONSENSUS_CONFIGS: dict[str, tuple[str, dict]] = {
    "coverage-consensus2": ("coverage", {"consensus": 2.0}),
    "coverage-consensus2-words": ("coverage", {"consensus": 2.0, "consensus_overlap": "words"}),
    "coverage-consensus1.5": ("coverage", {"consensus": 1.5}),
}
GRID = ("default", *CONSENSUS_CONFIGS)


def member_counts(h: cv.Harness) -> str:
    """For each variant and budget: the clusters whose kept selection was the own settings',
    and the members kept most often otherwise."""
    lines = ["## The member kept (of 70 clusters)", "",
             "| configuration | budget | own settings | other members kept most |",
             "|---|---|---:|---|"]
    for name, (method, options) in CONSENSUS_CONFIGS.items():
        summ = get_summarizer(method, **options)
        for label, (budget, _) in cv.BUDGETS.items():
            kept = Counter(summ.summarize(c, budget).settings["consensus_chosen"]
                           for c in h.clusters)
            others = ", ".join(f"`{m}` {n}" for m, n in kept.most_common() if m != "own")
            lines.append(f"| `{name}` | {label} words | {kept['own']} | {others or '-'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, member_counts,
                                          configs=CONSENSUS_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
