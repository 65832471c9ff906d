"""OCCAMS_V (Davis, Conroy & Schlesinger 2012) against the default in the TAC 2011 CV
(issue 12).

Usage::

    python eval/tac2011_cv_occams.py [--data ...] [--cache ...] [--out ...]

Issue 12's table names OCCAMS_V (R1 38.50 / R2 9.76 on DUC 2004, Hong et al. 2014's
repository) among the published systems the default trails on held-out news; no grid had
tried it as a method. Method ``occams`` (``summarizer/summarizers/occams.py``) weighs each
term (a word bigram, by default) by the norm of its row of ``U_k S_k`` in the SVD of the
candidates' 0/1 term x sentence matrix, k the number of typical sentences the budget holds,
and covers the most term weight within the budget: the cost-scaled greedy until its best
sentence no longer fits, a 0/1 knapsack (dynamic programming) over the room left, and the
same from the best single sentence, the better of the two kept. Like ``submodular`` it
knows no sentence position; the default holds an LSA weighting of its concepts as an option
(``concept_weighting="lsa"``, judged in ``eval/tac2011_cv_lsa.py``) but not this selection.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``occams-paper``: the method's defaults, the settings chosen as the paper's: bigram terms,
  every bigram a term (``min_df=1``), ``lsa_rank="budget"``, 0/1 entries;
* ``occams-rank1``: ``lsa_rank=1``, the first singular triplet only (the cluster's one main
  topic);
* ``occams-unigrams``: ``concept_units="unigrams"``, content words as the terms;
* ``occams-mindf2``: ``min_df=2``, only bigrams found in two documents or more (the
  default's concepts).

Everything else is the method's defaults (TF-IDF for the shared near-duplicate rule,
``min_words=5``, coherent order). Grid: these four and the shipped default, nothing else.
Decision rule, as for the submodular, LSA, background, word-position, word-form, centrality,
stemmer, concept-unit, min_words, single-document-concept, scale and lead grids: the default
changes only if the joint leave-one-cluster-out CV over this grid (one setting for both
budgets, chosen on the other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over
languages) scores, held out, above the default's in-sample joint criterion, in three runs in
a row (this is the first run of the family, so the default does not change on it whatever
it scores). Everything else (per-language rows, the paired table, what the selection did)
is description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (``eval/tac2011_cv.py``'s
``paired_table``), then per language what the paper setting's selection did: terms, the
rank used, how often the best single sentence won and how many sentences the knapsack added.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

OCCAMS_CONFIGS: dict[str, tuple[str, dict]] = {
    "occams-paper": ("occams", {"concept_units": "bigrams", "min_df": 1,
                                "lsa_rank": "budget", "lsa_entries": "binary"}),
    "occams-rank1": ("occams", {"lsa_rank": 1}),
    "occams-unigrams": ("occams", {"concept_units": "unigrams"}),
    "occams-mindf2": ("occams", {"min_df": 2}),
}
GRID = ("default", *OCCAMS_CONFIGS)


def occams_facts(h: cv.Harness) -> str:
    """Per language, the paper setting's summaries at both budgets: mean terms, mean LSA
    rank, the summaries the best single sentence started, and the sentences the knapsack
    fill added (in how many summaries, and in all)."""
    def counts(summary: cv.Summary) -> tuple[int, ...]:
        got = summary.settings
        return (got["terms"], got["lsa_rank_asked"] or 0, bool(got["best_singleton"]),
                got["knapsack_added"] > 0, got["knapsack_added"], bool(got.get("lead_fallback")))

    rows = cv.summary_sums(h, OCCAMS_CONFIGS["occams-paper"], counts)
    lines = ["## The paper setting's summaries (both budgets)", "",
             "| language | terms (mean) | LSA rank (mean) | started from the best single "
             "sentence | knapsack added (summaries / sentences) | lead fallback |",
             "|---|---|---|---|---|---|"]
    for lang, (terms, rank, started, filled, added, lead, total) in rows.items():
        lines.append(f"| {lang} | {terms / total:.0f} | {rank / total:.1f} | "
                     f"{started} of {total} | {filled} / {added} | {lead} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, occams_facts,
                                          configs=OCCAMS_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
