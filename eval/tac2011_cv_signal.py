"""Two content signals not tried before, in the TAC 2011 CV (issue 12): the source documents
as parts of a diversity reward, and name- or number-like concepts.

Usage::

    python eval/tac2011_cv_signal.py [--data ...] [--cache ...] [--out ...]

Czech, Greek and Hebrew close .44, .59 and .48 of the ID9 -> ID10 gap at 250 words, short
of issue 12's .75. ``eval/tac2011_oracle.py`` found the selection to be the bottleneck, and
that only a fifth of the reference bigrams the oracle matches recur in two documents; the
families already judged (``eval/results/quality_history.md``) weigh the recurring concepts
differently, or change the units, the position preference, the redundancy rule or the
k-means diversity reward's partition. Two signals none of them used, each an option of
``coverage``, off by default:

* ``document_diversity`` (a weight): a second diversity reward of Lin & Bilmes (2011), a
  square root per part, with the cluster's source documents as the parts in place of k-means
  clusters of sentences, so a summary gains by drawing on articles it has not used yet,
  where content that recurs in no other document lives. Weighted per sentence that fits,
  as the k-means reward (16 in the default).
* ``entity_weight`` (a factor): the weight of every concept holding a name- or number-like
  word (a digit, or capitalised in most of its occurrences inside sentences:
  :mod:`summarizer.summarizers.entities`, after Kupiec, Pedersen & Chen's 1995
  upper-case-word feature and Filatova & Hatzivassiloglou's 2004 entity-centred concepts)
  is multiplied, so facts about who, where and how many weigh more. A script property,
  not a language rule: caseless scripts (Arabic, Hebrew, Hindi) get the digits only.

(The third candidate, concepts weighted by how early in their documents they appear
relative to the document's length, is the word-position family, ``word_position``
``"first"`` and ``"offset"``, judged in ``eval/tac2011_cv_wordpos.py``: not rerun.)

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-docdiv4``, ``coverage-docdiv16``: ``document_diversity`` 4 and 16 beside the
  k-means reward;
* ``coverage-docparts``: ``document_diversity=16`` and ``diversity_weight=0``, the documents
  in place of the k-means parts;
* ``coverage-entity2``, ``coverage-entity4``: ``entity_weight`` 2 and 4.

Everything else is the shipped default's. Grid: these five and the shipped default, nothing
else. Decision rule, as for the LSA, background, word-position, word-form, centrality,
stemmer, concept-unit, min_words, single-document-concept, scale and lead grids: the default
changes only if the joint leave-one-cluster-out CV over this grid (one setting for both
budgets, chosen on the other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over
languages) scores, held out, above the default's in-sample joint criterion, in three runs in
a row (this is the first run of both families, so the default does not change on it
whatever it scores). Everything else (per-language rows, the paired table, the facts below)
is description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid, then ``eval/tac2011_cv_lsa.py``'s
per-language tables and joint criterion, then each variant and the joint CV against the
default cluster by cluster (``eval/tac2011_cv.py``'s ``paired_table``), then per language:
the mean number of source documents a 250-word summary draws on, per configuration; and the
share of the distinct content bigrams (not two function words) that hold a name- or
number-like word, in the cluster's candidate sentences, in the references and in the
default's 250-word summary.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

from summarizer.languages import unicode_tokens  # noqa: E402
from summarizer.summarizers.candidates import prepare  # noqa: E402
from summarizer.summarizers.entities import entity_words  # noqa: E402
from summarizer.summarizers.features import bigrams  # noqa: E402

SIGNAL_CONFIGS: dict[str, tuple[str, dict]] = {
    "coverage-docdiv4": ("coverage", {"document_diversity": 4.0}),
    "coverage-docdiv16": ("coverage", {"document_diversity": 16.0}),
    "coverage-docparts": ("coverage", {"document_diversity": 16.0, "diversity_weight": 0.0}),
    "coverage-entity2": ("coverage", {"entity_weight": 2.0}),
    "coverage-entity4": ("coverage", {"entity_weight": 4.0}),
}
GRID = ("default", *SIGNAL_CONFIGS)


def _named_share(texts: list[str], stopwords: frozenset[str], named: set[str]) -> tuple[int, int]:
    """(distinct content bigrams of ``texts`` holding a word of ``named``, all of them)."""
    found: set[tuple[str, str]] = set()
    for t in texts:
        found |= bigrams(unicode_tokens(t), stopwords)
    return sum(1 for g in found if named.intersection(g)), len(found)


def signal_facts(h: cv.Harness) -> str:
    """Per language, over its clusters: the mean number of documents a 250-word summary
    draws on, per configuration; and the share of content bigrams holding a name- or
    number-like word (the cluster's words, as ``entity_weight`` reads them) in the
    candidates, the references and the default's 250-word summary."""
    budget = cv.BUDGETS["250"][0]
    methods = cv.grid_summarizers(GRID, SIGNAL_CONFIGS)
    docs: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    named: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for c in h.clusters:
        pool = prepare(c)
        stop = cv.default_stopwords(pool)
        words = entity_words(pool.texts, stop)
        for n, summ in methods.items():
            summary = summ.summarize(c, budget)
            docs[c.language][n].append(len({s.doc_id for s in summary.sentences}))
            if n == "default":
                texts = {"candidates": list(pool.texts), "references": list(c.references),
                         "default": [s.text for s in summary.sentences]}
                for where, got in texts.items():
                    a, b = _named_share(got, stop, words)
                    named[c.language][where][0] += a
                    named[c.language][where][1] += b
    lines = cv.grid_table("## Source documents a 250-word summary draws on (mean per cluster)",
                          GRID, docs, lambda got: f"{sum(got) / len(got):.1f}")
    lines += ["", "## Share of distinct content bigrams holding a name- or number-like word",
              "", "| language | candidates | references | default, 250 words |", "|---|---|---|---|"]
    for lang, row in named.items():
        lines.append(f"| {lang} | " + " | ".join(
            f"{row[w][0] / max(row[w][1], 1):.3f}"
            for w in ("candidates", "references", "default")) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, signal_facts,
                                          configs=SIGNAL_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
