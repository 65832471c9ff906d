"""The near-duplicate thresholds of the default's coverage in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_redundancy.py [--data ...] [--cache ...] [--out ...]

On top of its objective, every extractive method refuses a sentence too like one already
chosen (:class:`summarizer.summarizers.redundancy.Redundancy`): the cosine of the two
sentences' content-word counts reaching ``dup_lexical`` (0.5), or, where sentence vectors
are used (English), their cosine reaching ``dup_semantic`` (0.9). Both were set with the
rule and no grid has varied them (``eval/results/quality_history.md``): the grids varied
the objective (concept weights, the diversity reward's weight, the lead prior), not the
hard rule beside it. A lower bar refuses sentences that repeat part of a chosen one and
frees words for other facts; a higher one lets the objective alone judge overlap (the
concepts a chosen sentence covers are worth nothing again, and the diversity reward
favours unused parts of the cluster).

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-dup-lex0.3``, ``coverage-dup-lex0.4``, ``coverage-dup-lex0.6``,
  ``coverage-dup-lex0.7``: ``dup_lexical`` 0.3, 0.4, 0.6, 0.7;
* ``coverage-dup-sem0.8``: ``dup_semantic`` 0.8 (English only: elsewhere the same
  summaries as the default's);
* ``coverage-dup-off``: both at 1.1, the rule off (a threshold above 1 is never reached;
  exact repeats are still dropped when the candidates are prepared).

Everything else is the shipped default's. Grid: these six and the shipped default,
nothing else. Decision rule, as for the LSA, background, word-position, word-form,
centrality, stemmer and concept-unit grids: the default changes only if the joint
leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on the other
69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores, held out,
above the default's in-sample joint criterion, in three runs in a row (this is the first
run of the family, so the default does not change on it whatever it scores). Everything
else (per-language rows, the paired table, how many pairs each bar reaches) is
description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (``eval/tac2011_cv.py``'s
``paired_table``), then per language the share of candidate pairs whose similarity
reaches each bar.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

LEXICAL = (0.3, 0.4, 0.6, 0.7)
DUP_CONFIGS: dict[str, tuple[str, dict]] = {
    **{f"coverage-dup-lex{x}": ("coverage", {"dup_lexical": x}) for x in LEXICAL},
    "coverage-dup-sem0.8": ("coverage", {"dup_semantic": 0.8}),
    "coverage-dup-off": ("coverage", {"dup_lexical": 1.1, "dup_semantic": 1.1}),
}
GRID = ("default", *DUP_CONFIGS)
LEXICAL_BARS = (0.3, 0.4, 0.5, 0.6, 0.7)
SEMANTIC_BARS = (0.8, 0.9)


def pair_facts(h: cv.Harness) -> str:
    """Per language, over all its clusters' candidate pairs: the share (per thousand)
    whose content-word cosine reaches each lexical bar and, where the default compares
    sentence vectors (English), whose vector cosine reaches each semantic bar."""
    from summarizer.summarizers import get_summarizer
    from summarizer.summarizers.candidates import prepare

    summ = get_summarizer("coverage")
    counts: dict[str, np.ndarray] = {}
    pairs: dict[str, int] = {}
    semantic: set[str] = set()
    for c in h.clusters:
        pool = prepare(c, summ.min_words)
        rule = summ.redundancy(pool, pool.representation(summ.representation))
        bags = [rule.content(i)[0] for i in range(len(pool))]
        vocab = {w: k for k, w in enumerate({w for b in bags for w in b})}
        m = np.zeros((len(bags), len(vocab)))
        for i, b in enumerate(bags):
            for w, v in b.items():
                m[i, vocab[w]] = v
        m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
        upper = np.triu_indices(len(bags), k=1)
        lex = (m @ m.T)[upper]
        row = [(lex >= x - 1e-9).sum() for x in LEXICAL_BARS]
        if rule.semantic is not None and rule.embeddings is not None:
            semantic.add(c.language)
            sem = (rule.embeddings @ rule.embeddings.T)[upper]
            row += [(sem >= x).sum() for x in SEMANTIC_BARS]
        else:
            row += [0] * len(SEMANTIC_BARS)
        counts[c.language] = counts.get(c.language, 0) + np.array(row, dtype=float)
        pairs[c.language] = pairs.get(c.language, 0) + len(lex)
    lines = ["## Candidate pairs reaching each bar (per thousand pairs, all clusters of the "
             "language)", "",
             "| language | pairs | " + " | ".join(f"lexical >= {x}" for x in LEXICAL_BARS)
             + " | " + " | ".join(f"semantic >= {x}" for x in SEMANTIC_BARS) + " |",
             "|---|---|" + "---|" * (len(LEXICAL_BARS) + len(SEMANTIC_BARS))]
    for lang, got in counts.items():
        per = 1000 * got / max(pairs[lang], 1)
        sem_cells = ([f"{x:.2f}" for x in per[len(LEXICAL_BARS):]] if lang in semantic
                     else ["-"] * len(SEMANTIC_BARS))
        lines.append(f"| {lang} | {pairs[lang]} | "
                     + " | ".join(f"{x:.2f}" for x in per[:len(LEXICAL_BARS)])
                     + " | " + " | ".join(sem_cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, pair_facts,
                                      configs=DUP_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
