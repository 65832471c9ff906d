"""Start-up time and throughput of the default summariser, side by side with the
alternatives, in one run.

Usage::

    python eval/speed.py [--repeats 5] [--passes 3] [--data ../shared/data/tac2011_multiling]
                         [--out eval/results/speed.md] [--baseline CHECKOUT]

1. Cold start: ``summarizer summarize seeds/`` (one 700-word article, 100
   words) as a user runs it: a fresh process each time, wall time of the whole
   process and its peak memory, default method against ``--method lead`` (and
   lexrank), alternated, median of ``--repeats``. Ratio = method / lead.
   ``--baseline CHECKOUT`` adds that checkout's default and lead to the same
   alternation (before and after a change, in one run), each ratio to its own lead.
2. Throughput and quality on TAC 2011 English (10 clusters of 10 articles,
   250-word summaries), in one process after loading (one warm-up cluster):
   clusters/s, median of ``--passes`` passes over the 10 clusters, the
   encoder's memo of seen sentences cleared before every pass so each pass
   embeds as on new data; ROUGE-1/2 recall with the official TAC options
   (``-n 2 -2 4 -u -f A -p 0.5``, no stemming). Rows: the default, its
   ablations (MiniLM int8 instead of the static vectors, semantic term off, TF-IDF, the fp32 torch
   encoder, a small candidate cap), the package's lead/lexrank/textrank, and
   sumy 0.13's LexRank and TextRank given the same sentences and the same
   250-word budget (sumy ranks, then sentences are taken best first while
   they fit, in document order, as the package does).

The machine, its load average (``uptime``) and the repeat count are printed
with the tables: the box is shared, so only medians of one run are compared.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from bench_common import (
    REPO,
    SumyTokenizer,
    bound_counts,
    checkout,
    emit_report,
    run_script,
    tac_not_found,
    uptime,
)
from scaling import run_cli
from tac2011_cv import DEFAULT_DATA
from tac2011_methods import Scorer

from summarizer.documents import load_tac2011
from summarizer.documents.model import Cluster
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.budget import Budget


# ------------------------------------------------------------- 1. cold start
def one_process(args: list[str], tree: Path = REPO) -> tuple[float, float]:
    """Wall seconds and peak MB of one ``summarizer ...`` process of the checkout ``tree``."""
    run = run_cli(args, tree)
    if run.code != 0:
        raise RuntimeError(f"summarizer {' '.join(args)} failed: {run.err[-400:]}")
    return run.seconds, run.peak_mb


def alternated_seeds(runs: list[tuple[str, list[str], Path]], repeats: int
                     ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall seconds and peak MB by label of ``summarizer summarize seeds/ EXTRA`` for each
    ``(label, EXTRA, tree)`` in ``runs``, ``repeats`` rounds, after one warm-up per tree."""
    times: dict[str, list[float]] = {label: [] for label, _, _ in runs}
    peaks: dict[str, list[float]] = {label: [] for label, _, _ in runs}
    for tree in {tree for _, _, tree in runs}:
        one_process(["summarize", "seeds/"], tree)  # warm the file cache once
    for _ in range(repeats):
        for label, extra, tree in runs:  # alternated, so load changes hit all alike
            secs, peak = one_process(["summarize", "seeds/", *extra], tree)
            times[label].append(secs)
            peaks[label].append(peak)
    return times, peaks


def cold_start(repeats: int, baseline: Path | None = None) -> list[str]:
    """The cold-start table; with ``baseline`` (another checkout, e.g. before a change),
    its default and lead too, alternated with these, each ratio to its own tree's lead."""
    variants = [("default (coverage)", []), ("--method lead", ["--method", "lead"]),
                ("--method lexrank", ["--method", "lexrank"]),
                ("--option encoder=all-MiniLM-L6-v2-int8",
                 ["--option", "encoder=all-MiniLM-L6-v2-int8"])]
    runs = [(label, extra, REPO) for label, extra in variants]
    if baseline is not None:
        runs += [(f"{label}, baseline", extra, baseline) for label, extra in variants[:2]]
    times, peaks = alternated_seeds(runs, repeats)
    rows = ["| command | median wall s | min | max | peak MB | ratio to lead |",
            "|---|---|---|---|---|---|"]
    for label, _, tree in runs:
        t = times[label]
        lead = statistics.median(times["--method lead" + (", baseline" if tree != REPO else "")])
        shown = "" if label.startswith("default") else label.removesuffix(", baseline")
        where = f" (baseline `{baseline}`)" if tree != REPO else ""
        rows.append(f"| `summarizer summarize seeds/ {shown}`{where}"
                    f" | **{statistics.median(t):.2f}** | {min(t):.2f} | {max(t):.2f} | "
                    f"{statistics.median(peaks[label]):.0f} | {statistics.median(t) / lead:.2f}x |")
    return rows


# ------------------------------------------------------------- 2. throughput
def sumy_summary(kind: str, cluster: Cluster, budget: Budget) -> str:
    """sumy's ranking of the cluster's sentences, filled into ``budget`` best first."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer
    ratings: dict = {}

    class Capturing(cls):  # type: ignore[misc, valid-type]
        @staticmethod
        def _get_best_sentences(sentences, count, rating, *args, **kwargs):
            ratings.update(rating)
            return ()

    text = "\n\n".join(d.text for d in cluster.documents)
    document = PlaintextParser.from_string(text, SumyTokenizer()).document
    summ = Capturing(Stemmer("english"))
    summ.stop_words = get_stop_words("english")
    summ(document, len(document.sentences))
    order = {s: k for k, s in enumerate(document.sentences)}
    chosen: list = []
    for s in sorted(ratings, key=lambda s: (-ratings[s], order[s])):
        if budget.fits([str(x) for x in chosen] + [str(s)]):
            chosen.append(s)
    return " ".join(str(s) for s in sorted(chosen, key=order.get))


def _runner(kind: str, options: dict, budget: Budget):
    """summarize(cluster) -> text for one row of the throughput table."""
    if kind.startswith("sumy:"):
        which = kind.split(":")[1]
        return lambda c: sumy_summary(which, c, budget)
    method = kind.split(":")[1] if ":" in kind else "coverage"
    summ = get_summarizer(method, **options)
    return lambda c: summ.summarize(c, budget).text


def throughput(clusters: list[Cluster], repeats: int, words: int) -> tuple[list[str], dict]:
    from summarizer.summarizers.embed import clear_memos

    budget = Budget(words=words)
    scorer = Scorer()
    configs = [
        ("default (coverage, static MiniLM vectors)", "pkg", {}),
        ("coverage, MiniLM int8 ONNX", "pkg", {"encoder": "all-MiniLM-L6-v2-int8"}),
        ("coverage, semantic term off (static vectors still in the duplicate rule)", "pkg",
         {"semantic_weight": 0.0}),
        ("coverage, TF-IDF for the semantic term", "pkg", {"representation": "tfidf"}),
        ("coverage, no embeddings at all (semantic term off, TF-IDF)", "pkg",
         {"semantic_weight": 0.0, "representation": "tfidf"}),
        ("coverage, MiniLM fp32 (torch)", "pkg", {"encoder": "all-MiniLM-L6-v2"}),
        ("coverage, max_candidates=40", "pkg", {"max_candidates": 40}),
        ("lead", "pkg:lead", {}),
        ("lexrank (package)", "pkg:lexrank", {}),
        ("textrank (package)", "pkg:textrank", {}),
        ("sumy LexRank", "sumy:lexrank", {}),
        ("sumy TextRank", "sumy:textrank", {}),
    ]
    results = {}
    for label, kind, options in configs:
        if kind.startswith("sumy"):
            try:
                import sumy  # noqa: F401
            except ImportError:
                continue
        run = _runner(kind, options, budget)
        run(clusters[0])  # warm-up: loads the encoder, imports
        passes = []
        texts: list[str] = []
        for _ in range(1 if "fp32" in label else repeats):  # fp32: the slow reference, once
            clear_memos()
            t0 = time.perf_counter()
            texts = [run(c) for c in clusters]
            passes.append(time.perf_counter() - t0)
        r1, r2 = zip(*(scorer(t, c.references) for t, c in zip(texts, clusters, strict=True)),
                     strict=True)
        results[label] = (len(clusters) / statistics.median(passes), sum(r1) / len(r1),
                          sum(r2) / len(r2), statistics.mean(len(t.split()) for t in texts))
        print(f"{label}: {results[label]}", file=sys.stderr, flush=True)
    base = results[configs[0][0]][0]
    rows = ["| system | clusters/s | speed vs default | R1 recall | R2 recall | mean words |",
            "|---|---|---|---|---|---|"]
    for label, (cps, r1, r2, w) in results.items():
        rows.append(f"| {label} | {cps:.2f} | {cps / base:.2f}x | {r1:.4f} | {r2:.4f} | {w:.0f} |")
    return rows, {"scorer": scorer.name}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--passes", type=int, default=3, help="passes over TAC per row (table 2)")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another checkout whose default and lead join the cold-start table")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    bound_counts(ap, args, repeats=(1, 50), passes=(1, 20))
    checkout(ap, args.baseline)  # a raw FileNotFoundError in the cold-start runs
    before = uptime()
    lines = ["# Speed: cold start and TAC 2011 throughput, side by side", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}; `uptime` at start: `{before}`.", ""]
    if not args.skip_cold:
        lines += ["## 1. Cold start: `summarizer summarize seeds/` (one 700-word article, "
                  f"100 words), whole process, median of {args.repeats}", ""]
        lines += cold_start(args.repeats, args.baseline)
        lines.append("")
    if args.data.is_dir():
        clusters = load_tac2011(args.data, "english")
        rows, info = throughput(clusters, args.passes, args.words)
        lines += [f"## 2. TAC 2011 English: {len(clusters)} clusters, {args.words}-word "
                  f"summaries, in process after loading, median of {args.passes} passes "
                  "(fp32 row: one pass)", "",
                  f"ROUGE: {info['scorer']}.", ""] + rows
    else:
        lines.append(f"({tac_not_found(args.data)}: table 2 not measured)")
    lines += ["", f"`uptime` at end: `{uptime()}`."]
    text = "\n".join(lines)
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
