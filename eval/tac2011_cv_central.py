"""Centrality-weighted concepts for the default's coverage in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_central.py [--data ...] [--cache ...] [--out ...]

The coverage default weighs a bigram concept by its position-weighted document frequency
times its words' background IDF: every document of the cluster counts alike, and so does
every sentence that holds the concept. A news cluster has articles that stray from its
topic, and sentences far from its centre. Centroid-based summarisation (Radev et al. 2004)
and LexRank (Erkan & Radev 2004) score sentences by how central they are; here centrality
weighs the concepts instead. Option ``concept_centrality`` of ``coverage``
(:mod:`summarizer.summarizers.concepts`), off by default:

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-central-doc`` (``"document"``): each document's weight is the cosine of its
  TF-IDF bag of words (the concepts' stopwords left out, IDF over the cluster's
  documents) to the centroid of the documents' unit vectors, over the mean of these
  cosines; a concept's position-weighted document frequency counts each document by its
  weight (which bigrams are concepts is unchanged: min_df still counts documents);
* ``coverage-central-sent`` (``"sentence"``): a concept's weight times the mean LexRank
  centrality (PageRank, damping 0.85, of the candidates' cosine graph: the semantic
  term's similarities, the static sentence vectors in English, TF-IDF elsewhere), scaled
  so a sentence of average centrality gives 1, of the candidate sentences holding it;
* ``coverage-central-sent-max`` (``"sentence-max"``): the same with the highest
  centrality of those sentences;
* ``coverage-central-doc-sent`` (``"document-sentence"``): the document weights and the
  mean sentence centrality together.

Everything else is the shipped default's (the same concepts, background IDF and
stopwords, min_df 2, the same semantic, lead and diversity terms). Grid: these four and the
shipped default, nothing else. Decision rule, as for the LSA weights, the background
frequencies and the word positions (``eval/tac2011_cv_lsa.py``,
``eval/tac2011_cv_background.py``, ``eval/tac2011_cv_wordpos.py``): the default changes
only if the joint leave-one-cluster-out CV over this grid (one setting for both budgets,
chosen on the other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over
languages) scores, held out, above the default's in-sample joint criterion. Everything
else (per-language rows, how far the weights move) is description, not selection.

Prints ``eval/tac2011_cv.py``'s report for this grid (in-sample and CV per language at 250
and 100 words, the share of the gap from ID9 to ID10 closed, the joint CV), then
``eval/tac2011_cv_lsa.py``'s per-language tables and joint criterion, then each variant and
the joint CV against the default cluster by cluster (paired bootstrap:
``eval/tac2011_cv.py``'s ``paired_table``, the table it prints for its own grid), then what the
centrality does on TAC: the spread of the document weights and how far each variant's
concept weights are from the default's (Spearman rank correlation per cluster).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

GRID = ("default", "coverage-central-doc", "coverage-central-sent",
        "coverage-central-sent-max", "coverage-central-doc-sent")


def centrality_facts(h: cv.Harness) -> str:
    """Per language (means per cluster): the least and the most central document's weight,
    and the Spearman correlation of each variant's concept weights (before the background
    IDF, which multiplies all alike) with the default's, on all candidate sentences (no TAC
    cluster has more than ``max_candidates``)."""
    from scipy.stats import spearmanr

    from summarizer.summarizers import get_summarizer
    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.concepts import (
        document_centrality,
        extract_concepts,
        sentence_centrality,
    )

    summ = get_summarizer("coverage")
    rows: dict[str, list[list[float]]] = {}
    for c in h.clusters:
        pool = prepare(c)
        stop = cv.default_stopwords(pool)
        docs = [s.doc_index for s in pool.sentences]
        plain = extract_concepts(pool.tokens, docs, stop)
        doc_w = document_centrality(pool.tokens, docs, stop)
        by_doc = extract_concepts(pool.tokens, docs, stop, doc_weights=doc_w).weights
        every = list(range(len(pool)))
        sim = pool.similarity(pool.representation(summ.representation), summ.encoder, every)
        mean = plain.weights * sentence_centrality(plain.per_sentence, len(plain.weights),
                                                   every, sim)
        top = plain.weights * sentence_centrality(plain.per_sentence, len(plain.weights),
                                                  every, sim, "max")
        both = by_doc * sentence_centrality(plain.per_sentence, len(plain.weights), every, sim)
        row = [min(doc_w.values()), max(doc_w.values())]
        for w in (by_doc, mean, top, both):
            row.append(float(spearmanr(plain.weights, w)[0]) if len(w) > 1 else float("nan"))
        rows.setdefault(c.language, []).append(row)
    lines = ["## What the centrality does on TAC (means per cluster)", "",
             "| language | least central document's weight | most central's | Spearman, "
             "`document` | Spearman, `sentence` | Spearman, `sentence-max` | Spearman, "
             "`document-sentence` |", "|---|---|---|---|---|---|---|"]
    for lang, r in rows.items():
        a = np.nanmean(np.array(r, dtype=float), axis=0)
        lines.append(f"| {lang} | " + " | ".join(f"{x:.2f}" for x in a) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, centrality_facts, paired=True)


if __name__ == "__main__":
    run_script(main)
