"""Headlines as a concept signal, in the TAC 2011 CV (issue 12): ``coverage``'s
``title_weight``.

Usage::

    python eval/tac2011_cv_title.py [--data ...] [--cache ...] [--out ...]

The loaders move each article's title out of its text, so that it is never summarised, and
no configuration judged so far read it again. Yet a headline is its writer's own summary
of the article (Edmundson 1969's title method), and the families judged so far
(``eval/results/quality_history.md``) all weigh concepts by where and how often they recur
in the bodies: in Czech and Hebrew only a fifth of the reference bigrams the oracle matches
recur in two documents (``eval/tac2011_oracle.py``), and a bigram in one document only says
nothing of itself. ``title_weight`` (an option of ``coverage``, off by default) reads the
cluster's titles, together, as one more document: each bigram of a title adds
``title_weight`` to its concept's weight (once, however many titles hold it) and counts as
one more document for ``min_df``, so a bigram of one article's body that a headline also
holds becomes a concept. The titles' tokens are the same words the concepts read (the
Unicode tokeniser, the same function words left out); no title is a candidate.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-title0.5``, ``coverage-title1``, ``coverage-title2``, ``coverage-title4``:
  ``title_weight`` 0.5, 1 (a title's bigram worth a document's opening sentence's), 2 and 4.

Everything else is the shipped default's. Grid: these four and the shipped default, nothing
else. Decision rule, as for every grid before it (the LSA, background, word-position,
word-form, centrality, stemmer, concept-unit, min_words, single-document-concept, scale,
lead, signal and window grids): the default changes only if the joint leave-one-cluster-out
CV over this grid (one setting for both budgets, chosen on the other 69 clusters by R2 at 250
words + R1 + R2 at 100, pooled over languages) scores, held out, above the default's
in-sample joint criterion, in three runs in a row (this is the first run, so the default
does not change on it whatever it scores). Everything else (per-language rows, the paired
table, the facts below) is description, not selection.

The configurations are added to ``eval/tac2011_cv.py``'s ``CONFIGS`` here, not there: they
are run in this grid only.

Prints ``eval/tac2011_cv.py``'s report for this grid, then ``eval/tac2011_cv_lsa.py``'s
per-language tables and joint criterion, then each variant and the joint CV against the
default cluster by cluster (``eval/tac2011_cv.py``'s ``paired_table``), then per language
what the titles hold: the mean count, in the three references together, of each distinct
content bigram (not two function words) of the source bodies (each body read whole, across
its sentence ends), by whether a title holds it
and in how many bodies it is found (a diagnostic that reads the references: it describes,
it sets nothing).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

from summarizer.languages import unicode_tokens  # noqa: E402
from summarizer.summarizers.candidates import prepare  # noqa: E402
from summarizer.summarizers.features import bigrams  # noqa: E402

TITLE_CONFIGS: dict[str, tuple[str, dict]] = {
    f"coverage-title{w:g}": ("coverage", {"title_weight": w}) for w in (0.5, 1.0, 2.0, 4.0)
}
GRID = ("default", *TITLE_CONFIGS)
KINDS = ("in a title, 1 body", "in a title, 2+ bodies", "in no title, 1 body",
         "in no title, 2+ bodies")


def title_facts(h: cv.Harness) -> str:
    """Per language: for each kind of content bigram of the bodies (:data:`KINDS`), how many
    there are a cluster and their mean count in the cluster's references together."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for c in h.clusters:
        stop = cv.default_stopwords(prepare(c))
        in_refs: Counter = Counter()
        for r in c.references:
            in_refs.update(bigrams(unicode_tokens(r), stop))
        bodies: Counter = Counter()
        for d in c.documents:
            bodies.update(bigrams(unicode_tokens(d.text), stop))
        titled: set = set()
        for d in c.documents:
            titled |= bigrams(unicode_tokens(d.title or ""), stop)
        for g, n in bodies.items():
            kind = KINDS[(0 if g in titled else 2) + (n >= 2)]
            found[c.language][kind][0] += 1
            found[c.language][kind][1] += in_refs[g]
    lines = ["## Content bigrams of the bodies, by titles and bodies holding them",
             "", "Each cell: bigrams a cluster (mean), then their mean count in the three "
             "references together.", "", "| language | " + " | ".join(KINDS) + " |",
             "|---|" + "---|" * len(KINDS)]
    for lang, row in found.items():
        n = sum(1 for c in h.clusters if c.language == lang)
        lines.append(f"| {lang} | " + " | ".join(
            f"{row[k][0] / n:.0f}: {row[k][1] / max(row[k][0], 1):.3f}" for k in KINDS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, title_facts,
                                          configs=TITLE_CONFIGS, paired=True)


if __name__ == "__main__":
    run_script(main)
