"""The concept term's scale and the candidates' rank bar in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_scale.py [--data ...] [--cache ...] [--out ...]

Three options of ``coverage`` have never been varied in any grid
(``eval/results/quality_history.md``):

* ``concept_weight`` (1), the concept term's weight in the objective. The other terms are
  each normalised (concepts by their total weight, the semantic term by its total, the lead
  and diversity terms by the number of sentences the budget holds), and the greedy choice
  reads only ratios of gains, so ``concept_weight=c`` is the same objective as the
  semantic, lead and diversity weights all divided by c. The grids moved the lead and
  diversity weights one at a time and the semantic weight only to 0; never the three
  together against the concepts.
* ``max_rank`` (None), only the first ``max_rank`` candidates of each document may be
  chosen; the others are left out of the semantic term's and the diversity partition's
  candidates too. Counted before scoring on the 70 clusters (no reference read): a
  document's candidates number up to 85; of all candidates, 65-69% (per language) are at
  rank 5 or more, 37-43% at 10 or more, 13-16% at 20 or more, 4-5% at 40 or more. So the
  bars that can bind are 5, 10 and 20; 40 would remove one candidate in twenty.
* ``max_candidates`` (500) is not gridded: it caps the candidates the full objective is
  evaluated on, and no TAC 2011 cluster has more than 259 candidates (counted in the last
  table), so on TAC it never binds and every value above that gives the default's summaries.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-concept0.5``, ``coverage-concept2``, ``coverage-concept4``:
  ``concept_weight`` 0.5, 2 and 4;
* ``coverage-maxrank5``, ``coverage-maxrank10``, ``coverage-maxrank20``: ``max_rank`` 5, 10
  and 20.

Everything else is the shipped default's. Grid: these six and the shipped default, nothing
else. Decision rule, as for the LSA, background, word-position, word-form, centrality,
stemmer, concept-unit, min_words and single-document-concept grids: the default changes only
if the joint leave-one-cluster-out CV over this grid (one setting for both budgets, chosen
on the other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores,
held out, above the default's in-sample joint criterion, in three runs in a row (this is the
first run of the family, so the default does not change on it whatever it scores).
Everything else (per-language rows, the paired table, the rank counts) is description, not
selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (``eval/tac2011_cv.py``'s
``paired_table``), then per language the candidates, the share each rank bar keeps and the
share of the default's chosen sentences it would forbid.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

CONCEPT_WEIGHTS = (0.5, 2.0, 4.0)
MAX_RANKS = (5, 10, 20)
SCALE_CONFIGS: dict[str, tuple[str, dict]] = {
    **{f"coverage-concept{w:g}": ("coverage", {"concept_weight": w}) for w in CONCEPT_WEIGHTS},
    **{f"coverage-maxrank{r}": ("coverage", {"max_rank": r}) for r in MAX_RANKS},
}
GRID = ("default", *SCALE_CONFIGS)


def rank_facts(h: cv.Harness) -> str:
    """Per language, means per cluster: the candidates (and the most in any one cluster,
    against ``max_candidates``), the share of them each of :data:`MAX_RANKS` keeps, and the
    share of the default's chosen sentences (250 and 100 words pooled) at rank 0 (a
    document's first candidate) and at or past each bar, which that bar would forbid."""
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer
    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.concepts import sentence_ranks

    default = get_summarizer(DEFAULT_METHOD)
    kept: dict[str, list[list[float]]] = {}
    picked: dict[str, list[int]] = {}
    most: dict[str, int] = {}
    for c in h.clusters:
        pool = prepare(c)
        ranks = sentence_ranks([s.doc_index for s in pool.sentences])
        rank_of = {(s.doc_id, s.index): r for s, r in zip(pool.sentences, ranks, strict=True)}
        n = max(len(ranks), 1)
        kept.setdefault(c.language, []).append(
            [float(len(ranks))] + [sum(r < m for r in ranks) / n for m in MAX_RANKS])
        most[c.language] = max(most.get(c.language, 0), len(ranks))
        for budget, _ in cv.BUDGETS.values():
            summary = default.summarize(c, budget)
            picked.setdefault(c.language, []).extend(
                rank_of[(s.doc_id, s.sentence_index)] for s in summary.sentences)
    lines = ["## Candidates by their rank in their document (means per cluster)", "",
             f"Largest cluster: {max(most.values())} candidates (`max_candidates` is "
             f"{default.settings()['max_candidates']}). The default's "
             "chosen sentences pooled over both budgets.", "",
             "| language | candidates (most in a cluster) | "
             + " | ".join(f"kept by max_rank {m}" for m in MAX_RANKS)
             + " | default's picks at rank 0 | "
             + " | ".join(f"default's picks at rank >= {m}" for m in MAX_RANKS) + " |",
             "|---|---|" + "---|" * (2 * len(MAX_RANKS) + 1)]
    for lang, r in kept.items():
        means = [sum(col) / len(col) for col in zip(*r, strict=True)]
        ranks = picked[lang]
        share = [sum(x == 0 for x in ranks) / len(ranks)] + [
            sum(x >= m for x in ranks) / len(ranks) for m in MAX_RANKS]
        lines.append(f"| {lang} | {means[0]:.0f} ({most[lang]}) | "
                     + " | ".join(f"{x:.2f}" for x in means[1:]) + " | "
                     + " | ".join(f"{x:.2f}" for x in share) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, rank_facts,
                                          configs=SCALE_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
