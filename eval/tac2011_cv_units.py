"""Content-word (unigram) concepts for the default's coverage in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_units.py [--data ...] [--cache ...] [--out ...]

The coverage default's concepts are word bigrams not made only of function words, kept
when they recur in at least ``min_df`` (2) documents. In languages of many word forms
(Czech, Hebrew, Greek: the default closes .44, .48 and .59 of the gap from ID9 to ID10 at
250 words, against issue 12's goal of .75) few bigrams recur across documents, so their
document frequency says little. Single content words recur more. Option
``concept_units`` of ``coverage`` (:mod:`summarizer.summarizers.concepts`; ``"bigrams"``
by default) makes the concepts content words (each word that is not one of the
concepts' function words: the background list's 100 most frequent words, as for the
bigrams), or both kinds side by side, with the same ``min_df``, sentence-rank position
weighting and background IDF (a word's own, where a bigram takes the mean of its two).
No unigram family was tried before (``eval/results/quality_history.md``).

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-units-uni`` (``concept_units="unigrams"``): content words instead of bigrams;
* ``coverage-units-both`` (``concept_units="both"``): bigrams and content words, each
  word's weight as a bigram's (``unigram_weight=1``);
* ``coverage-units-both-w0.25`` (``concept_units="both"``, ``unigram_weight=0.25``):
  the same with a word worth a quarter of what its position-weighted document frequency
  and IDF give, since a sentence holds about as many content words as bigrams and the
  words' frequencies are higher: at weight 1 the words may drown the bigrams.

Everything else is the shipped default's (its function words, min_df 2, background IDF,
semantic, lead and diversity terms). Grid: these three and the shipped default, nothing
else. Decision rule, as for the LSA, background, word-position, word-form, centrality and
stemmer grids: the default changes only if the joint leave-one-cluster-out CV over this
grid (one setting for both budgets, chosen on the other 69 clusters by R2 at 250 words +
R1 + R2 at 100, pooled over languages) scores, held out, above the default's in-sample
joint criterion, in three runs in a row (this is the first run of the family, so the
default does not change on it whatever it scores). Everything else (per-language rows,
the paired table, the concepts' counts) is description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only (like the other families' own grids, not in its 'all').

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (``eval/tac2011_cv.py``'s
``paired_table``), then how many bigrams and content words recur per language.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

UNIT_CONFIGS: dict[str, tuple[str, dict]] = {
    "coverage-units-uni": ("coverage", {"concept_units": "unigrams"}),
    "coverage-units-both": ("coverage", {"concept_units": "both"}),
    "coverage-units-both-w0.25": ("coverage", {"concept_units": "both",
                                               "unigram_weight": 0.25}),
}
GRID = ("default", *UNIT_CONFIGS)


def unit_facts(h: cv.Harness) -> str:
    """Per language, summed over its clusters: the distinct bigrams and content words
    (after the default's function words are left out) and how many of them recur in at
    least 2 documents, the concepts' ``min_df``."""
    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.concepts import extract_concepts

    rows: dict[str, list[int]] = {}
    for c in h.clusters:
        pool = prepare(c)
        stop = cv.default_stopwords(pool)
        docs = [s.doc_index for s in pool.sentences]
        row = rows.setdefault(c.language, [0, 0, 0, 0])
        for k, units in enumerate(("bigrams", "unigrams")):
            row[2 * k] += len(extract_concepts(pool.tokens, docs, stop, min_df=1,
                                               concept_units=units).names)
            row[2 * k + 1] += len(extract_concepts(pool.tokens, docs, stop,
                                                   concept_units=units).names)
    lines = ["## Bigrams and content words that recur (summed over each language's clusters)",
             "", "| language | bigrams | in >= 2 documents | share | content words "
             "| in >= 2 documents | share |", "|---|---|---|---|---|---|---|"]
    for lang, (bi, bi2, uni, uni2) in rows.items():
        lines.append(f"| {lang} | {bi} | {bi2} | {bi2 / max(bi, 1):.2f} | {uni} | {uni2} "
                     f"| {uni2 / max(uni, 1):.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, unit_facts,
                                      configs=UNIT_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
