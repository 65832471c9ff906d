"""Word-level position weights for the default's concepts in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_wordpos.py [--data ...] [--cache ...] [--out ...]

The coverage default weighs a bigram concept by a position-weighted document frequency
whose position is a sentence rank: each document holding the concept adds ``1 / (1 + r)``,
r the rank of the first sentence that holds it there. Published unsupervised work on news
places words by their offsets instead (Yih et al. 2007, frequency and position of a word
in one estimate of its importance; Ouyang et al. 2010, word positions against sentence
positions; Hong & Nenkova 2014, a word's earliest position among the strongest single
signals of its importance for news multi-document summaries). Option ``word_position`` of
``coverage`` (:mod:`summarizer.summarizers.word_position`) replaces the sentence rank by
the relative word position ``p`` in [0, 1): the offset of the bigram's first word among
the tokens of its document's candidate sentences, divided by their number.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-wpos-first``: per document, ``1 - p`` of the concept's first occurrence,
  summed over the documents holding it (earliest position with document frequency);
* ``coverage-wpos-all``: ``1 - p`` of every occurrence, summed (Ouyang et al.'s
  accumulation of a word's position scores over its appearances: frequency and position);
* ``coverage-wpos-first-rank``: the default's ``1 / (1 + r)`` times ``1 - p`` of the
  first occurrence, summed over documents (both positions);
* ``coverage-wpos-offset``: ``1 / (1 + w / s)``, w the first occurrence's word offset and
  s the document's mean sentence length in tokens: the default's rule on a word scale.

Everything else is the shipped default's (the same concepts, min_df 2, the same semantic,
lead and diversity terms). Grid: these four and the shipped default, nothing else.
Decision rule, as for the LSA weights and the background frequencies
(``eval/tac2011_cv_lsa.py``, ``eval/tac2011_cv_background.py``): the default changes only
if the joint leave-one-cluster-out CV over this grid (one setting for both budgets, chosen
on the other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages)
scores, held out, above the default's in-sample joint criterion. Everything else
(per-language rows, how far the weights move) is description, not selection.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then how far each
variant's concept weights are from the default's on TAC (Spearman rank correlation per
cluster, mean per language) and the documents' lengths.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

GRID = ("default", "coverage-wpos-first", "coverage-wpos-all", "coverage-wpos-first-rank",
        "coverage-wpos-offset")


def weight_facts(h: cv.Harness) -> str:
    """Per language: sentences and tokens per document (candidate sentences), and the
    Spearman correlation of each variant's concept weights with the default's."""
    from scipy.stats import spearmanr

    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.concepts import extract_concepts
    from summarizer.summarizers.word_position import WORD_POSITIONS, word_position_weights

    rows: dict[str, list[list[float]]] = {}
    for c in h.clusters:
        pool = prepare(c)
        docs = [s.doc_index for s in pool.sentences]
        con = extract_concepts(pool.tokens, docs, pool.stopwords)
        n_docs = len(set(docs))
        row = [len(docs) / n_docs, sum(len(t) for t in pool.tokens) / n_docs]
        for use in WORD_POSITIONS:
            w = word_position_weights(con.names, pool.tokens, docs, use)
            row.append(float(spearmanr(con.weights, w)[0]) if len(w) > 1 else float("nan"))
        rows.setdefault(c.language, []).append(row)
    lines = ["## How far the word-position weights are from the default's (means per cluster)",
             "", "| language | sentences per document | tokens per document | "
             + " | ".join(f"Spearman, `{u}`" for u in WORD_POSITIONS) + " |",
             "|---|---|---|" + "---|" * len(WORD_POSITIONS)]
    for lang, r in rows.items():
        a = np.nanmean(np.array(r, dtype=float), axis=0)
        lines.append(f"| {lang} | {a[0]:.1f} | {a[1]:.0f} | "
                     + " | ".join(f"{x:.2f}" for x in a[2:]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, weight_facts)


if __name__ == "__main__":
    run_script(main)
