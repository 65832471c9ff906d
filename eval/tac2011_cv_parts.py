"""The diversity reward's partition size, ``diversity_clusters``, in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_parts.py [--data ...] [--cache ...] [--out ...]

The default's diversity reward (Lin & Bilmes 2011; ``diversity_weight`` 16) splits the
candidates into ``diversity_clusters`` x n parts by a seeded k-means (0.2: a part per five
candidates, :func:`summarizer.summarizers.coverage.diversity_parts`) and rewards a summary
by the square root of what it takes from each part, so a sentence from a part not yet used
gains most. The weight was chosen by CV (``eval/results/quality_history.md``); the
partition's size never was. Fewer parts make the reward ask for broad topics only; more
parts, for finer ones, until every part is a sentence or two and the reward is little more
than each sentence's mean similarity.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-parts0.1``, ``coverage-parts0.3``, ``coverage-parts0.5``:
  ``diversity_clusters`` 0.1, 0.3, 0.5 (the weight stays 16).

Everything else is the shipped default's. Grid: these three and the shipped default,
nothing else. Decision rule, as for the LSA, background, word-position, word-form,
centrality, stemmer and concept-unit grids: the default changes only if the joint
leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on the other
69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores, held out,
above the default's in-sample joint criterion, in three runs in a row (this is the first
run of the family, so the default does not change on it whatever it scores). Everything
else (per-language rows, the paired table) is description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid, then ``eval/tac2011_cv_lsa.py``'s
per-language tables and joint criterion, then each variant and the joint CV against the
default cluster by cluster (``eval/tac2011_cv.py``'s ``paired_table``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

PARTS_CONFIGS: dict[str, tuple[str, dict]] = {
    f"coverage-parts{x}": ("coverage", {"diversity_clusters": x}) for x in (0.1, 0.3, 0.5)
}
GRID = ("default", *PARTS_CONFIGS)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID,
                                      configs=PARTS_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
