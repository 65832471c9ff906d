"""Method ``ilp``'s near-duplicate pairs: the time to ask the rule about every pair of its
candidates, one pair at a time (as ilp did) against :meth:`Redundancy.refused_pairs` (all
similarities at once as a sieve, the near pairs asked one at a time), side by side.

Usage::

    flock /tmp/cpu.lock python eval/bench_ilp_pairs.py [--runs 5] [--mb 0.5]
        [--out eval/results/bench_ilp_pairs.md]

``ilp`` forbids choosing both sentences of a pair the near-duplicate rule refuses together
(a row of its program per such pair), so it asks the rule about ``n (n - 1) / 2`` pairs of
its ``n`` candidates: 11,175 at the default ``max_candidates=150``, 499,500 at the bound
1,000. Inputs (English, ilp's defaults, so embeddings and content words both, 250 words):
the first 10 TAC 2011 English clusters (10 articles each, every cluster's candidates;
summed over the 10), and one cluster of ``--mb`` MB of news-like articles, one file each
(eval/scaling.py's articles), which has more than 1,000 candidates. Per input and
``max_candidates``, in one process after a warm-up, the two codes alternate (which goes
first swaps each run): the median over ``--runs`` of the whole ``ilp`` summary and of the
pair step alone (a fresh rule each time: nothing remembered from a run before), and whether
the two gave the same pairs and the same summaries. The load before and after is printed
with the table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, missing_tac, run_script, uptime  # noqa: E402
from scaling import DEFAULT_DATA  # noqa: E402

from summarizer.summarizers.redundancy import Redundancy  # noqa: E402

SHIPPED = Redundancy.refused_pairs


def pairwise(self: Redundancy, items: Sequence[int]) -> list[tuple[int, int]]:
    """ilp's pair step before refused_pairs: each pair asked on its own."""
    return [(a, b) for a in range(len(items)) for b in range(a + 1, len(items))
            if self.duplicate(items[a], [items[b]])]


CODES: dict[str, Callable[[Redundancy, Sequence[int]], list[tuple[int, int]]]] = {
    "pairwise": pairwise, "sieve": SHIPPED}


def run_once(code: str, clusters: list, options: dict, budget) -> tuple[float, float, list, list]:
    """One pass of ``ilp`` over ``clusters`` with the pair step ``code``: whole seconds,
    seconds in the pair step, the pairs and the summaries (sentence ids)."""
    from summarizer.summarizers import get_summarizer

    spent, pairs = [0.0], []

    def timed(self: Redundancy, items: Sequence[int]) -> list[tuple[int, int]]:
        fresh = Redundancy(self.pool, self.lexical, self.semantic, self.embeddings)
        t = time.perf_counter()
        out = CODES[code](fresh, items)
        spent[0] += time.perf_counter() - t
        pairs.append(out)
        return out

    Redundancy.refused_pairs = timed  # type: ignore[method-assign]
    try:
        t = time.perf_counter()
        outs = [get_summarizer("ilp", **options).summarize(c, budget) for c in clusters]
        total = time.perf_counter() - t
    finally:
        Redundancy.refused_pairs = SHIPPED  # type: ignore[method-assign]
    picks = [[(s.doc_id, s.sentence_index) for s in o.sentences] for o in outs]
    return total, spent[0], pairs, picks + [[o.settings["ilp_candidates"] for o in outs]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=0.5)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not 1 <= args.runs <= 20:
        ap.error("--runs must be 1..20")
    if not 0 < args.mb <= 5:
        ap.error("--mb must be above 0 and at most 5")
    if missing_tac(args.data):
        return 2
    from bench_memory import write_input
    from scaling import ArticleMaker, source_sentences

    from summarizer.documents import load_tac2011
    from summarizer.documents.loaders import load_cluster
    from summarizer.summarizers import make_budget

    budget = make_budget(words=250)
    before = uptime()
    lines = ["| input (250 words) | max_candidates | candidates | pairs asked | code "
             "| ilp total (median s) | pair step (median s) | pair step's share "
             "| pair step / pairwise's | same pairs and summaries |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        folder, size = write_input(ArticleMaker(source_sentences(args.data)), [], "folder",
                                   args.mb, Path(tmp))
        news = load_cluster(sorted(str(p) for p in folder.iterdir()))
        inputs = [("10 TAC 2011 English clusters", list(load_tac2011(args.data, "english"))[:10]),
                  (f"{len(news.documents)} news-like articles, {size / 1e6:.2f} MB", [news])]
        for name, clusters in inputs:
            for cap in (150, 1000):
                options = {"max_candidates": cap}
                run_once("sieve", clusters[:1], options, budget)  # warm-up: encoder, lists
                times: dict[str, list[tuple[float, float]]] = {c: [] for c in CODES}
                got: dict[str, tuple[list, list]] = {}
                for r in range(args.runs):
                    for code in (list(CODES) if r % 2 == 0 else list(CODES)[::-1]):
                        total, spent, pairs, picks = run_once(code, clusters, options, budget)
                        times[code].append((total, spent))
                        got[code] = (pairs, picks)
                same = "yes" if got["pairwise"] == got["sieve"] else "NO"
                counts = got["sieve"][1][-1]
                shown = (f"{sum(counts):,} in all ({min(counts)}-{max(counts)})"
                         if len(counts) > 1 else f"{counts[0]:,}")
                asked = sum(k * (k - 1) // 2 for k in counts)
                pairwise = statistics.median(s for _, s in times["pairwise"])
                for code in CODES:
                    total = statistics.median(t for t, _ in times[code])
                    spent = statistics.median(s for _, s in times[code])
                    ratio = f"{spent / pairwise:.2f}x" if pairwise else "-"
                    lines.append(f"| {name} | {cap:,} | {shown} | {asked:,} | {code} | "
                                 f"{total:.3f} | {spent:.3f} | {spent / total:.0%} | {ratio} "
                                 f"| {same} |")
    head = [f"# ilp's near-duplicate pairs: one by one against the sieve ({args.runs} runs "
            "each, alternated, one process)", "", f"Load before: {before}",
            f"Load after: {uptime()}", ""]
    emit_report("\n".join(head + lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
