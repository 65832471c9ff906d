"""Where issue 12's gap lives: a greedy ROUGE-2 oracle over our own sentences (a diagnostic).

Usage::

    python eval/tac2011_oracle.py [--data ../shared/data/tac2011_multiling]
                                  [--languages czech,hebrew] [--out eval/results/tac2011_oracle.md]

Czech, Hebrew and Greek close less than 0.75 of the ID9 -> ID10 gap at 250 words
(``eval/tac2011_cv.py``). This script asks whether the content is missing from the sentences
the summariser may choose from, or whether the selection misses it. For every cluster at 250
words (whole sentences, the scorer, options and tokeniser of ``tac2011_cv.py``'s 250-word
table) it scores ID9, the shipped default, ID10 and a greedy oracle extract: starting from
nothing, add the sentence that fits whole in the budget (:class:`~summarizer.summarizers.budget.
Filler`'s word count) and adds the most reference bigram hits (clipped, summed over the
references: R2 recall's numerator under ``-f A``), until no sentence adds any. The oracle is
built from

* (a) the candidate pool, :func:`~summarizer.summarizers.candidates.prepare` with the
  default's ``min_words``;
* (b) every sentence of our split, before the candidate filters (the pool's first, so a tie
  goes to a candidate);
* (c) ID10's own sentences (its text cut after sentence-final punctuation), so that ID10 and
  the greedy oracle are compared on one pool;
* (d) (b) and what cleaning moved out of the text (each document's title and section
  headings: ID10 takes some), for what the cleaning costs.

It reports the default's share of the gap to its own oracle, what the filters cost
((b) - (a)) and the cleaning ((d) - (b)), how many of oracle (a)'s sentences the default picks, how much of ID10's text
our sentences hold verbatim, and examples (cluster, sentence) of the filtered sentences
oracle (b) takes and of ID10 text that none of our sentences holds. It sets no default.
A greedy oracle is a lower bound on the best extract, not the best itself.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, missing_tac, run_script  # noqa: E402
from tac2011_cv import BUDGETS, DEFAULT_DATA, LANGUAGES, official, share  # noqa: E402

from summarizer.documents import load_tac2011  # noqa: E402
from summarizer.documents.model import Cluster  # noqa: E402
from summarizer.languages import join_text, unicode_tokens  # noqa: E402
from summarizer.metrics import RougeScorer  # noqa: E402
from summarizer.metrics.rouge155.ngrams import ngram_counts  # noqa: E402
from summarizer.sentences import Sentence, iter_sentences  # noqa: E402
from summarizer.summarizers import DEFAULT_METHOD, get_summarizer  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402
from summarizer.summarizers.candidates import prepare, unsuitable_sentence  # noqa: E402

BUDGET, OPTIONS = BUDGETS["250"]
# ID10's sentences are glued without a space ("přežití.Slíbená"): cut after ., ! or ? (and a
# closing quote) where a capital letter, an opening quote or a space follows
_ID10_CUT = regex.compile(r"(?<=[.!?][\"'”»]?)(?=\s*[\"„“«]?\p{Lu})")


def reference_bigrams(references: Sequence[str]) -> list[Counter]:
    """Each reference's bigram counts, in the scorer's tokens (the Unicode tokeniser)."""
    return [ngram_counts(unicode_tokens(r), 2) for r in references]


def greedy_oracle(texts: Sequence[str], references: Sequence[str], budget: Budget) -> list[int]:
    """Indices (in the order added) of a greedy R2-recall extract of ``texts``: each step the
    sentence that fits whole beside those taken and adds the most clipped reference bigram
    hits, summed over the references; a tie goes to the earlier sentence; it stops when none
    adds any. Bigrams across two sentences' join are not counted here (the scorer counts
    them: a few hits either way)."""
    refs = reference_bigrams(references)
    wanted = set().union(*refs) if refs else set()
    # per sentence only the bigrams some reference holds: the others never add a hit
    grams = [[(g, c) for g, c in ngram_counts(unicode_tokens(t), 2).items() if g in wanted]
             for t in texts]
    have: Counter = Counter()
    taken: list[int] = []
    used = 0
    left = [i for i, g in enumerate(grams) if g]
    while left:
        best, best_gain = -1, 0
        for i in left:
            if budget.size_after(used, len(taken), texts[i]) > budget.limit:
                continue
            gain = 0
            for g, c in grams[i]:
                h = have[g]
                for r in refs:
                    m = r.get(g, 0)
                    if h < m:
                        gain += min(h + c, m) - h
            if gain > best_gain:
                best, best_gain = i, gain
        if best < 0:
            break
        taken.append(best)
        used = budget.size_after(used, len(taken) - 1, texts[best])
        for g, c in grams[best]:
            have[g] += c
        left.remove(best)
    return taken


def id10_sentences(text: str) -> list[str]:
    """ID10's extract cut into sentences (:data:`_ID10_CUT`), blank pieces left out."""
    return [p.strip() for p in _ID10_CUT.split(text) if p.strip()]


def _squash(text: str) -> str:
    """``text`` in NFC (our documents are; ID10's Hindi extracts are not), spaces squashed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def held_share(target: str, sentences: Sequence[Sentence]) -> tuple[float, list[str]]:
    """The share of ``target``'s characters other than spaces that lie inside some sentence of
    ``sentences`` found in it verbatim, spaces ignored (ID10's extracts drop the space before
    a full stop and between sentences) and in NFC, and the pieces of ``target`` none of them holds."""
    flat = _squash(target)
    where = [i for i, ch in enumerate(flat) if not ch.isspace()]  # bare position -> flat's
    bare = "".join(flat[i] for i in where)
    covered = np.zeros(len(bare), dtype=bool)
    for s in sentences:
        piece = _squash(s.text).replace(" ", "")
        if len(piece) < 2:
            continue
        at = bare.find(piece)
        while at >= 0:
            covered[at:at + len(piece)] = True
            at = bare.find(piece, at + 1)
    gaps, start = [], None
    for k in range(len(bare) + 1):
        if k < len(bare) and not covered[k]:
            start = k if start is None else start
        elif start is not None:
            gaps.append(flat[where[start]:where[k - 1] + 1])
            start = None
    gaps = [g for g in gaps if len(unicode_tokens(g)) >= 3]
    return (float(covered.mean()) if len(bare) else 1.0), gaps


def filter_reason(s: Sentence, min_words: int) -> str:
    """Why :func:`prepare` left out a sentence: its length, another candidate filter, or (if
    neither) an exact repeat of an earlier sentence."""
    toks = unicode_tokens(s.text)
    if not unsuitable_sentence(s.text, toks, min_words):
        return "repeat"
    return "other filter" if unsuitable_sentence(s.text, toks, 0) else "short"


class Row:
    """One language's figures, cluster by cluster."""

    def __init__(self) -> None:
        self.r2: dict[str, list[float]] = defaultdict(list)
        self.oracle_a_sents = 0
        self.default_in_oracle_a = 0
        self.filtered_in_b: Counter = Counter()
        self.b_sents = 0
        self.pool_sizes: list[tuple[int, int]] = []  # (split, candidates)
        self.held: dict[str, list[float]] = defaultdict(list)
        self.id10_words: list[int] = []
        self.oracle_words: list[int] = []
        # reference bigrams oracle (a) / the default match: all, and those in 2+ documents
        self.matched: Counter = Counter()
        self.moved = self.moved_taken = 0  # titles and headings; those oracle (d) takes
        self.leads: Counter = Counter()  # first sentences of a document: oracle (a), default

    def recurring(self, who: str) -> float:
        """The share of the reference bigrams ``who`` matched that are in 2+ documents."""
        return self.matched[who + " df2"] / max(self.matched[who], 1)


def run(data: Path, languages: list[str]) -> tuple[dict[str, Row], dict[str, list[str]]]:
    scorer = RougeScorer(mode="rouge155", options=OPTIONS, metrics=["ROUGE-1", "ROUGE-2"],
                         tokenizer="unicode")
    default = get_summarizer(DEFAULT_METHOD)
    min_words = int(default.settings()["min_words"])
    rows: dict[str, Row] = {}
    examples: dict[str, list[str]] = defaultdict(list)

    def r2(text: str, c: Cluster) -> float:
        return scorer.score(text, c.references)["ROUGE-2"].recall

    for lang in languages:
        row = rows.setdefault(lang, Row())
        for c in load_tac2011(data, lang):
            pool = prepare(c, min_words=min_words)
            cands = list(pool.sentences)
            keys = {(s.doc_index, s.start) for s in cands}
            rest = [s for s in iter_sentences(c) if (s.doc_index, s.start) not in keys]
            split = cands + rest  # (b): the candidates first, so a tie goes to one of them
            row.pool_sizes.append((len(split), len(cands)))
            summary = default.summarize(c, BUDGET)
            picked = {(s.doc_id, s.start) for s in summary.sentences}
            id10 = official(data, "ID10", lang, c.id)
            row.id10_words.append(BUDGET.size([id10]))
            for name, text in (("ID9", official(data, "ID9", lang, c.id)),
                               ("default", summary.text), ("ID10", id10)):
                row.r2[name].append(r2(text, c))
            df: Counter = Counter()  # in how many documents each bigram occurs
            for d in range(len(c.documents)):
                df.update(set().union(*(ngram_counts(unicode_tokens(s.text), 2)
                                        for s in split if s.doc_index == d)))
            refs = set().union(*reference_bigrams(c.references))
            found = {}
            for name, sents in (("a", cands), ("b", split)):
                texts = [s.text for s in sents]
                chosen = sorted(greedy_oracle(texts, c.references, BUDGET))  # in pool order
                row.r2[f"oracle {name}"].append(r2(join_text([texts[i] for i in chosen]), c))
                found[name] = [sents[i] for i in chosen]
            row.oracle_a_sents += len(found["a"])
            row.leads["oracle"] += sum(s.index == 0 for s in found["a"])
            row.leads["default"] += sum(s.sentence_index == 0 for s in summary.sentences)
            row.leads["default all"] += len(summary.sentences)
            row.oracle_words.append(BUDGET.size([s.text for s in found["a"]]))
            for who, texts in (("oracle", [s.text for s in found["a"]]),
                               ("default", [s.text for s in summary.sentences])):
                hits = refs & set().union(*(ngram_counts(unicode_tokens(t), 2) for t in texts))
                row.matched[who] += len(hits)
                row.matched[who + " df2"] += sum(df[g] >= 2 for g in hits)
            row.default_in_oracle_a += sum((s.doc_id, s.start) in picked for s in found["a"])
            row.b_sents += len(found["b"])
            for s in found["b"]:
                if (s.doc_index, s.start) not in keys:
                    why = filter_reason(s, min_words)
                    row.filtered_in_b[why] += 1
                    examples[f"{lang}: filtered, taken by oracle (b)"].append(
                        f"{c.id} ({why}): {_squash(s.text)[:160]}")
            # (d): (b) and what cleaning moved out of the text: titles and section headings
            moved = [t for d in c.documents
                     for t in ([d.title] if d.title else []) + list(d.meta.get("headings", []))]
            texts = [s.text for s in split] + moved
            chosen = sorted(greedy_oracle(texts, c.references, BUDGET))
            row.r2["oracle d"].append(r2(join_text([texts[i] for i in chosen]), c))
            row.moved += len(moved)
            for i in chosen:
                if i >= len(split):
                    row.moved_taken += 1
                    examples[f"{lang}: title or heading taken by oracle (d)"].append(
                        f"{c.id}: {_squash(texts[i])[:160]}")
            pieces = id10_sentences(id10)
            chosen = sorted(greedy_oracle(pieces, c.references, BUDGET))
            row.r2["oracle c"].append(r2(join_text([pieces[i] for i in chosen]), c))
            for name, sents in (("split", split), ("candidates", cands)):
                held, gaps = held_share(id10, sents)
                row.held[name].append(held)
                if name == "split":
                    examples[f"{lang}: ID10 text none of our sentences holds"].extend(
                        f"{c.id}: {g[:160]}" for g in gaps)
        print(f"{lang}: done", file=sys.stderr)
    return rows, examples


COLUMNS = ("ID9", "default", "ID10", "oracle a", "oracle b", "oracle c", "oracle d")


def report(rows: dict[str, Row], examples: dict[str, list[str]], secs: float,
           per_kind: int = 4) -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    mean = {lang: {k: float(np.mean(v)) for k, v in row.r2.items()} for lang, row in rows.items()}
    if len(rows) > 1:
        mean["all"] = {k: float(np.mean([x for r in rows.values() for x in r.r2[k]]))
                       for k in COLUMNS}
    lines = [
        f"# Where the gap lives: greedy R2 oracle over our sentences, {len(rows)} languages, "
        "250 words",
        "",
        f"Scorer: the project's ROUGE-1.5.5, Unicode tokeniser, `{OPTIONS}` (R2 recall, as "
        "`eval/tac2011_cv.py`'s 250-word table); whole sentences within 250 words as our "
        "summaries count them. Oracle: greedy on clipped reference bigram hits; (a) the "
        "candidates after `prepare()`, (b) every sentence of our split, (c) ID10's own "
        "sentences, (d) (b) with the titles and headings cleaning moved out of the text.  ",
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load[0]:.1f}/{load[1]:.1f}/"
        f"{load[2]:.1f}; run took {secs:.0f} s.",
        "",
        "## R2 recall",
        "",
        "| language | " + " | ".join(COLUMNS) + " | share closed: of ID10 / of oracle (a) "
        "| filters' cost (b) - (a) | cleaning's cost (d) - (b) | ID10 - oracle (a) |",
        "|---|" + "---|" * (len(COLUMNS) + 4),
    ]
    for lang, m in mean.items():
        lines.append(f"| {lang} | " + " | ".join(f"{m[k]:.4f}" for k in COLUMNS)
                     + f" | {share(m['default'], m['ID9'], m['ID10']):.2f} / "
                     f"{share(m['default'], m['ID9'], m['oracle a']):.2f} "
                     f"| {m['oracle b'] - m['oracle a']:+.4f} "
                     f"| {m['oracle d'] - m['oracle b']:+.4f} "
                     f"| {m['ID10'] - m['oracle a']:+.4f} |")
    lines += [
        "",
        "## Sentences",
        "",
        "| language | sentences split / candidates (mean a cluster) | words: ID10 / oracle (a) "
        "(mean) "
        "| ID10 text held verbatim by our split / candidates | oracle (a) sentences the "
        "default picks | oracle (b) sentences that are no candidate (short / other filter / "
        "repeat) | reference bigrams matched that are in 2+ documents: oracle (a) / default "
        "| first sentences of a document: oracle (a) / default | titles and headings: "
        "in all / taken by oracle (d) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for lang, row in rows.items():
        split, cands = (float(np.mean(x)) for x in zip(*row.pool_sizes, strict=True))
        why = row.filtered_in_b
        lines.append(
            f"| {lang} | {split:.0f} / {cands:.0f} | {np.mean(row.id10_words):.0f} / "
            f"{np.mean(row.oracle_words):.0f} "
            f"| {np.mean(row.held['split']):.2f} / {np.mean(row.held['candidates']):.2f} "
            f"| {row.default_in_oracle_a} of {row.oracle_a_sents} "
            f"({row.default_in_oracle_a / max(row.oracle_a_sents, 1):.2f}) "
            f"| {sum(why.values())} of {row.b_sents} ({why['short']} / {why['other filter']} / "
            f"{why['repeat']}) | {row.recurring('oracle'):.2f} / {row.recurring('default'):.2f} "
            f"| {row.leads['oracle'] / max(row.oracle_a_sents, 1):.2f} / "
            f"{row.leads['default'] / max(row.leads['default all'], 1):.2f} "
            f"| {row.moved} / {row.moved_taken} |")
    lines += ["", "## Examples", "",
              f"The first {per_kind} of each kind per language (cluster: text, cut at 160 "
              "characters).", ""]
    for kind, items in examples.items():
        if items:
            lines += [f"- {kind} ({len(items)}):"] + [f"  - {x}" for x in items[:per_kind]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    t0 = time.perf_counter()
    rows, examples = run(args.data, [x for x in args.languages.split(",") if x])
    emit_report(report(rows, examples, time.perf_counter() - t0), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
