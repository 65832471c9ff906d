"""Concepts found in one document only, kept and down-weighted, in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_singledf.py [--data ...] [--cache ...] [--out ...]

The default's concepts are the word bigrams (not made only of function words) found in at
least ``min_df`` = 2 documents. ``eval/tac2011_oracle.py`` found that in Czech and Hebrew only
20-21% of the reference bigrams that a greedy oracle's sentences match recur in two or more
documents (39-50% in English, French, Greek and Hindi): the objective cannot see most of
what the references hold there. ``min_df=1`` has never been in a grid (only ``min_df=3``,
``eval/tac2011_cv.py``'s ``coverage-mindf3``). Taken at full weight, the bigrams of one
document (most of a cluster's bigrams) may bury the recurring ones, so option
``single_df_weight`` of ``coverage`` (:mod:`summarizer.summarizers.concepts`; None, off, by
default) keeps them at a fraction of their weight.

Semantics, fixed before any scoring: with ``min_df=1``, every bigram is a concept; a concept
whose documents number exactly one (counted as ``min_df`` counts them: the documents holding
it, after the same function words) has its weight, its position-weighted document
frequency ``1 / (1 + r)`` from its first sentence's rank r in that document, multiplied by
``single_df_weight``, before the background IDF factor that multiplies every concept's
weight. Concepts in two or more documents keep exactly the weight they have under the
default. (One-document input is untouched: there a concept must be in two sentences
whatever ``min_df``.)

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-mindf1``: ``min_df=1``, every bigram a concept at its full weight;
* ``coverage-mindf1-single0.5``: ``min_df=1``, ``single_df_weight=0.5``;
* ``coverage-mindf1-single0.25``: ``min_df=1``, ``single_df_weight=0.25``;
* ``coverage-mindf1-single0.1``: ``min_df=1``, ``single_df_weight=0.1``.

Everything else is the shipped default's (its function words, background IDF, position
weighting, semantic, lead and diversity terms, candidate pruning). Grid: these four and the
shipped default, nothing else. Decision rule, as for the LSA, background, word-position,
word-form, centrality, stemmer, concept-unit and min_words grids: the default changes only if
the joint leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on
the other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores,
held out, above the default's in-sample joint criterion, in three runs in a row (this is the
first run of the family, so the default does not change on it whatever it scores).
Everything else (per-language rows, the paired table, the concepts' counts and weights) is
description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (``eval/tac2011_cv.py``'s
``paired_table``), then per language how many concepts each ``min_df`` keeps and what share
of the concepts' total weight (before the background factor) those in one document hold at
each ``single_df_weight``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

WEIGHTS = (0.5, 0.25, 0.1)
SINGLEDF_CONFIGS: dict[str, tuple[str, dict]] = {
    "coverage-mindf1": ("coverage", {"min_df": 1}),
    **{f"coverage-mindf1-single{w}": ("coverage", {"min_df": 1, "single_df_weight": w})
       for w in WEIGHTS},
}
GRID = ("default", *SINGLEDF_CONFIGS)


def concept_facts(h: cv.Harness) -> str:
    """Per language, means per cluster: the concepts at ``min_df`` 2 and 1, and the share of
    the ``min_df=1`` concepts' total weight (position-weighted document frequency, before the
    background factor) held by those in one document, at full weight and at each of
    :data:`WEIGHTS`."""
    import numpy as np

    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.concepts import extract_concepts

    weights = (1.0, *WEIGHTS)
    rows: dict[str, list[list[float]]] = {}
    for c in h.clusters:
        pool = prepare(c)
        stop = cv.default_stopwords(pool)
        docs = [s.doc_index for s in pool.sentences]
        two = extract_concepts(pool.tokens, docs, stop)
        one = extract_concepts(pool.tokens, docs, stop, min_df=1)
        twice = set(two.names)
        recurring = np.array([n in twice for n in one.names], dtype=bool)
        single = float(one.weights[~recurring].sum())
        rest = float(one.weights[recurring].sum())
        rows.setdefault(c.language, []).append(
            [len(two.names), len(one.names)]
            + [w * single / max(w * single + rest, 1e-12) for w in weights])
    lines = ["## Concepts kept, and the weight of those in one document (means per cluster)",
             "", "| language | concepts, min_df 2 | concepts, min_df 1 | "
             + " | ".join(f"weight share in one document at {w}" for w in weights) + " |",
             "|---|---|---|" + "---|" * len(weights)]
    for lang, r in rows.items():
        means = [sum(col) / len(col) for col in zip(*r, strict=True)]
        lines.append(f"| {lang} | {means[0]:.0f} | {means[1]:.0f} | "
                     + " | ".join(f"{x:.2f}" for x in means[2:]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, concept_facts,
                                      configs=SINGLEDF_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
