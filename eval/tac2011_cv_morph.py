"""Word forms merged for the default's concepts in the TAC 2011 CV (issue 12).

Usage::

    python eval/tac2011_cv_morph.py [--data ...] [--cache ...] [--out ...]

Czech, Hebrew and Greek close the least of the gap from ID9 to ID10. They inflect, and
Hebrew writes its articles and prepositions (ו ה ב ל מ ש כ) onto the word, while the
default's concepts are bigrams of words as written. Prefix truncation (``stem_prefix``)
is blind to the language and to the cluster, and lost at 100 words.

Error analysis first (the default's 250-word summaries against the references; the
script prints it for every language). Of the references' distinct content bigrams (not
two function words; summed over a language's 10 clusters), the default's summaries hold
.13 in Czech (of 6126), .08 in Hebrew (6952), .10 in Greek (6151), .15 in English. The
misses are mostly not a matter of word forms. Czech: .45 of them are in the documents as
written (a selection matter: ID10 holds 1062 of these), .27 have both words there but
never together, .24 a word that is not there; .04 are there as a suffix variant (both
words with the same first five characters), none as a prefix variant. Hebrew: .23 as
written (645 in ID10), .21 never together, .52 with a word absent, .01 suffix and .03
prefix variants. Greek: .32, .31, .33, .04 and .01. A number is in .07-.09 of the misses.
By word types: of the references' content words, Czech has .79 in the documents as
written, .10 with another ending, .00 with another 1-2 letter prefix, .10 absent; Hebrew
.58, .04, .11 and .28; Greek .69, .12, .01 and .18. The concepts: with
``word_forms="affix"`` (below), 53 of Czech's 1146 concepts (bigrams in two documents or
more, over 10 clusters) fall in a group with another, and 152 bigrams become concepts
that were not (Hebrew 47 of 938 and 173; Greek 46 of 2521 and 125). So merging word
forms moves the concepts' document counts and adds 10-18% more concepts, but the bigrams
it can bring in directly are 4-5% of the misses: it cannot close much of the gap alone.

Option ``word_forms`` of ``coverage`` (:mod:`summarizer.summarizers.word_forms`) merges
word forms for the concepts only, learned from each cluster's own vocabulary: an ending
or a prefix counts only when enough of the cluster's words show it (no list of any
language's affixes, the same rule everywhere).

Registered before any of them was scored (the grid and the rule, fixed here):

* ``coverage-forms-suffix``: productive endings (stems of 4+ characters, endings of up to
  3, an ending productive when 1% of the vocabulary's size of stems take it);
* ``coverage-forms-prefix``: productive prefixes of 1-2 characters, taken off when what
  is left is a word of the cluster (productive: written onto 1% of the vocabulary's size);
* ``coverage-forms-affix``: both, prefixes first;
* ``coverage-forms-affix2``: both, an affix productive only at 2% of the vocabulary's size.

Everything else is the shipped default's. Grid: these four and the shipped default,
nothing else. Decision rule, as for the LSA, background and word-position grids
(``eval/tac2011_cv_lsa.py``): the default changes only if the joint leave-one-cluster-out
CV over this grid (one setting for both budgets, chosen on the other 69 clusters by R2
at 250 words + R1 + R2 at 100, pooled over languages) scores, held out, above the
default's in-sample joint criterion. Everything else (per-language rows, the analysis,
how many words merge) is description, not selection.

Result (written after scoring, ``eval/results/tac2011_cv_morph.md``): in-sample joint
criterion ``affix2`` .6421, ``affix`` .6417, ``suffix`` .6415, the default .6390,
``prefix`` .6375; the joint CV (``affix2`` in 65 folds, ``affix`` 4, ``suffix`` 1) scores
.6392 held out, above the default's .6390 by .0002: the rule's bar is met by a margin far
below what unrelated fixes have moved these figures (a first run, with Hindi words
holding a vowel sign wrongly left out of the merges, gave .6414, ``affix2`` in 69 folds).
Held out, the 250-word share of the ID9 -> ID10 gap closed: Czech .39 -> .43, Hebrew .42
-> .45, Greek .61 -> .61, Arabic .85 -> .82; at 100 words R1 / R2: Czech .2748 / .1117 ->
.2744 / .1117, Hebrew .2202 / .0920 -> .2125 / .0801, Greek .3162 / .1072 -> .3100 /
.1055, all languages .3276 / .1314 -> .3268 / .1310.

Prints ``eval/tac2011_cv.py``'s report for this grid, ``eval/tac2011_cv_lsa.py``'s
per-language tables and joint criterion, then the error analysis and the merges' sizes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tac2011_cv as cv  # noqa: E402
import tac2011_cv_lsa as per_language  # noqa: E402
from bench_common import run_script  # noqa: E402

GRID = ("default", "coverage-forms-suffix", "coverage-forms-prefix", "coverage-forms-affix",
        "coverage-forms-affix2")
KINDS = ("in our summary", "in source as written (of which in ID10)",
         "suffix variant in source", "prefix variant in source", "both words, never together",
         "a word not in source")
WORD_KINDS = ("as written", "with another ending", "with another prefix", "absent")


def _pairs(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:], strict=False))


def _strip(w: str, vocab: set[str]) -> str:
    """``w`` without 1-2 leading characters where the rest is a word of ``vocab``."""
    return next((w[k:] for k in (1, 2) if len(w) - k >= 3 and w[k:] in vocab), w)


def _kind(b: tuple[str, str], ours: set, src: set, src5: set, srcp: set,
          vocab: set[str]) -> str:
    if b in ours:
        return KINDS[0]
    if b in src:
        return KINDS[1]
    if (b[0][:5], b[1][:5]) in src5:
        return KINDS[2]
    if (_strip(b[0], vocab), _strip(b[1], vocab)) in srcp:
        return KINDS[3]
    return KINDS[4] if b[0] in vocab and b[1] in vocab else KINDS[5]


def analysis(h: cv.Harness) -> str:
    """The references' content bigrams by where they are (the default's 250-word summary,
    the source as written or as a word-form variant, nowhere), and the concepts that word
    forms split."""
    from summarizer.languages import unicode_tokens
    from summarizer.summarizers import DEFAULT_METHOD, get_summarizer
    from summarizer.summarizers.candidates import prepare
    from summarizer.summarizers.concepts import extract_concepts
    from summarizer.summarizers.word_forms import content_words, word_forms

    default, budget = get_summarizer(DEFAULT_METHOD), cv.BUDGETS["250"][0]
    kinds: dict[str, Counter] = {}
    words: dict[str, Counter] = {}
    concepts: dict[str, Counter] = {}
    for c in h.clusters:
        ours = _pairs(unicode_tokens(default.summarize(c, budget).text))
        id10 = _pairs(unicode_tokens(cv.official(h.root, "ID10", c.language, c.id)))
        docs = [unicode_tokens(d.text) for d in c.documents]
        vocab = {w for t in docs for w in t}
        src = set().union(*(_pairs(t) for t in docs))
        src5 = {(a[:5], b[:5]) for a, b in src}
        srcp = {(_strip(a, vocab), _strip(b, vocab)) for a, b in src}
        pool = prepare(c)
        refs = set().union(*(_pairs(unicode_tokens(r)) for r in c.references))
        got = kinds.setdefault(c.language, Counter())
        for b in refs:
            if b[0] in pool.stopwords and b[1] in pool.stopwords:
                continue
            k = _kind(b, ours, src, src5, srcp, vocab)
            got[k] += 1
            got["all"] += 1
            got["in ID10"] += k == KINDS[1] and b in id10
            got["with a number"] += k != KINDS[0] and any(ch.isdigit() for ch in b[0] + b[1])
        tails = {v[k:] for v in vocab for k in (1, 2) if len(v) - k >= 3}
        heads = {v[:5] for v in vocab if len(v) >= 5}
        seen = words.setdefault(c.language, Counter())
        for w in {w for r in c.references for w in unicode_tokens(r)} - pool.stopwords:
            if any(ch.isdigit() for ch in w):
                continue
            seen["all"] += 1
            seen[WORD_KINDS[0] if w in vocab else WORD_KINDS[1] if len(w) >= 5 and w[:5] in heads
                 else WORD_KINDS[2] if _strip(w, vocab) != w or w in tails else WORD_KINDS[3]] += 1
        doc_of = [s.doc_index for s in pool.sentences]
        plain = extract_concepts(pool.tokens, doc_of, pool.stopwords)
        forms = word_forms(pool.tokens, pool.stopwords, "affix")
        merged = extract_concepts(pool.tokens, doc_of, pool.stopwords, forms=forms)
        key = Counter((forms.get(a, a), forms.get(b, b)) for a, b in plain.names)
        n = concepts.setdefault(c.language, Counter())
        n["vocabulary"] += len(content_words(pool.tokens, pool.stopwords))
        n["merged words"] += len(forms)
        n["concepts"] += len(plain.names)
        n["split"] += sum(1 for a, b in plain.names if key[(forms.get(a, a), forms.get(b, b))] > 1)
        n["merged concepts"] += len(merged.names)
        n["new"] += sum(1 for k in merged.names if k not in key)
    lines = ["## Where the references' bigrams are (the default's 250-word summaries)", "",
             "Distinct content bigrams of a cluster's references (not two function words), "
             "summed over each language's 10 clusters: the share in the default's summary, "
             "then the misses by where they are in the cluster's documents (shares of the "
             "misses). Variant: both words with the same first 5 characters (suffix), or "
             "with 1-2 leading characters off where the rest is a source word (prefix).", "",
             "| language | bigrams | " + " | ".join(KINDS) + " | misses with a number |",
             "|---|---|" + "---|" * (len(KINDS) + 1)]
    for lang, k in kinds.items():
        miss = k["all"] - k[KINDS[0]]
        cells = [f"{k[KINDS[0]] / k['all']:.2f}"]
        for name in KINDS[1:]:
            extra = f" ({k['in ID10']})" if name == KINDS[1] else ""
            cells.append(f"{k[name] / miss:.2f}{extra}")
        lines.append(f"| {lang} | {k['all']} | " + " | ".join(cells)
                     + f" | {k['with a number'] / miss:.2f} |")
    lines += ["", "## The references' content words (distinct per cluster, no digits) in the "
              "cluster's documents", "",
              "Another ending: a source word with the same first 5 characters; another prefix: "
              "the word or a source word with 1-2 leading characters off is the other.", "",
              "| language | words | " + " | ".join(WORD_KINDS) + " |",
              "|---|---|" + "---|" * len(WORD_KINDS)]
    for lang, k in words.items():
        lines.append(f"| {lang} | {k['all']} | "
                     + " | ".join(f"{k[name] / k['all']:.2f}" for name in WORD_KINDS) + " |")
    lines += ["", "## The concepts that word forms split (`word_forms=\"affix\"`, summed over "
              "10 clusters)", "",
              "| language | content words | words merged | concepts (default) | in a merged "
              "group | concepts (affix) | new concepts |", "|---|---|---|---|---|---|---|"]
    for lang, n in concepts.items():
        lines.append(f"| {lang} | {n['vocabulary']} | {n['merged words']} | {n['concepts']} "
                     f"| {n['split']} | {n['merged concepts']} | {n['new']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return per_language.variant_grid_main(argv, __doc__ or "", GRID, analysis)


if __name__ == "__main__":
    run_script(main)
