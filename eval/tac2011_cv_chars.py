"""Character n-grams for the lexical representation, in the TAC 2011 CV (issue 12):
``coverage``'s ``tfidf_chars``.

Usage::

    python eval/tac2011_cv_chars.py [--data ...] [--cache ...] [--out ...]

Outside English the default's semantic coverage term and its k-means diversity parts
compare sentences by TF-IDF cosines over whole words, so two inflected
forms of a word ("zemětřesení", "zemětřesením") share nothing, and in Hebrew a word with a
clitic prefix ("והממשלה", "הממשלה") shares nothing with its bare form. The families judged
so far (``eval/results/quality_history.md``) merged word forms for the concepts only
(``stem_prefix``, ``word_forms``), and the multilingual E5 representation scored below the
default (``representation="auto"``: .6168). ``tfidf_chars`` (an option of ``coverage``,
off by default) builds the TF-IDF vectors from the character n-grams of the words instead
(a word padded with ``<`` and ``>``, function words left out, as the word vectors leave
them out): a script-blind way to let word forms meet, after McNamee & Mayfield's (2004)
character n-gram retrieval across languages. English, where the default uses the sentence
encoder, is unchanged.

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-chars3``, ``coverage-chars4``, ``coverage-chars5``: ``tfidf_chars`` 3, 4, 5.

Everything else is the shipped default's. Grid: these three and the shipped default,
nothing else. Decision rule, as for every grid before it: the default changes only if the
joint leave-one-cluster-out CV over this grid (one setting for both budgets, chosen on the
other 69 clusters by R2 at 250 words + R1 + R2 at 100, pooled over languages) scores, held
out, above the default's in-sample joint criterion, in three runs in a row (this is the
first run, so the default does not change on it whatever it scores). Everything else
(per-language rows, the paired table) is description, not selection.

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

CHARS_CONFIGS: dict[str, tuple[str, dict]] = {
    f"coverage-chars{n}": ("coverage", {"tfidf_chars": n}) for n in (3, 4, 5)
}
GRID = ("default", *CHARS_CONFIGS)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, configs=CHARS_CONFIGS,
                                          paired=True)


if __name__ == "__main__":
    run_script(main)
