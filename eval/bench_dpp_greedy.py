"""Method ``dpp``'s time, and the share of it its greedy's ``take`` spends, with ``take`` as
shipped against a variant that keeps the Cholesky rows in one k x n array (one
matrix-vector product per pick instead of one vector update per chosen row), side by side.

Usage::

    flock /tmp/cpu.lock python eval/bench_dpp_greedy.py [--runs 5] [--mb 5]
        [--out eval/results/bench_dpp_greedy.md]

The question: ``GreedyMap.take`` (summarizer/summarizers/dpp.py) subtracts each chosen
Cholesky row from the new one in a Python loop over the k chosen rows (each update over all
n candidates at once). Would the whole update as one matrix product (Chen, Zhang & Zhou
2018's ``e_j = (L_ij - <c_i, c_j>) / d_i`` for every j at once, the rows one array) make
``dpp`` faster? In one process, after a warm-up, the two codes alternate (which goes first
swaps each run): ``dpp``'s defaults on two inputs, 250 words: the first 10 TAC 2011 English
clusters (10 articles each, 91 picks in all), and one ``--mb`` MB news-like text
(eval/scaling.py's articles; ``dpp`` keeps its 2,000 sentences nearest the centroid). Per
code: the median over ``--runs`` of the whole summarise time and of the time inside
``take``; and whether the two codes picked the same sentences with the same ``log_det``
bits. The load average before and after is printed with the table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, missing_tac, run_script, uptime  # noqa: E402
from scaling import DEFAULT_DATA  # noqa: E402

from summarizer.summarizers import dpp  # noqa: E402


class OneArray(dpp.GreedyMap):
    """``take`` with the Cholesky rows as one array, grown by doubling."""

    def __init__(self, vectors: np.ndarray, base: np.ndarray) -> None:
        super().__init__(vectors, base)
        self.c = np.zeros((8, len(self.d2)))
        self.k = 0

    def take(self, j: int) -> float:
        grew = float(np.log(self.d2[j]))
        dj = float(np.sqrt(self.d2[j]))
        if self.own[j]:
            row = np.zeros(len(self.d2))
            row[j] = 1.0
        else:
            row = (self.vectors @ self.vectors[j]).astype(float)
            row[self.own] = 0.0
        if self.k:
            row -= self.c[:self.k, j] @ self.c[:self.k]
        e = row / dj
        if self.k == len(self.c):
            self.c = np.concatenate([self.c, np.zeros_like(self.c)])
        self.c[self.k] = e
        self.k += 1
        self.d2 = np.maximum(self.d2 - e * e, 0.0)
        self.open[j] = False
        closed = self.open & (self.d2 <= dpp.SPANNED)
        self.spanned |= closed
        self.open &= ~closed
        return grew


def timed(cls: type[dpp.GreedyMap], spent: list[float]) -> type[dpp.GreedyMap]:
    class Timed(cls):  # type: ignore[valid-type, misc]
        def take(self, j: int) -> float:
            t = time.perf_counter()
            out = super().take(j)
            spent[0] += time.perf_counter() - t
            return out

    return Timed


def run_once(cls: type[dpp.GreedyMap], clusters: list, budget) -> tuple[float, float, list]:
    from summarizer.summarizers import get_summarizer

    spent = [0.0]
    shipped = dpp.GreedyMap
    dpp.GreedyMap = timed(cls, spent)  # type: ignore[misc]
    try:
        t = time.perf_counter()
        outs = [get_summarizer("dpp").summarize(c, budget) for c in clusters]
        total = time.perf_counter() - t
    finally:
        dpp.GreedyMap = shipped  # type: ignore[misc]
    got = [([(s.doc_id, s.sentence_index) for s in o.sentences], o.settings["log_det"])
           for o in outs]
    return total, spent[0], got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not 1 <= args.runs <= 20:
        ap.error("--runs must be 1..20")
    if not 0 < args.mb <= 50:
        ap.error("--mb must be above 0 and at most 50")
    if missing_tac(args.data):
        return 2
    from bench_memory import write_input
    from scaling import ArticleMaker, source_sentences

    from summarizer.documents import load_tac2011
    from summarizer.documents.loaders import load_cluster
    from summarizer.summarizers import make_budget

    budget = make_budget(words=250)
    before = uptime()
    with tempfile.TemporaryDirectory() as tmp:
        text, size = write_input(ArticleMaker(source_sentences(args.data)), [], "document",
                                 args.mb, Path(tmp))
        inputs = [("10 TAC 2011 English clusters", list(load_tac2011(args.data, "english"))[:10]),
                  (f"one {size / 1e6:.1f} MB text", [load_cluster([text])])]
        codes = {"shipped": dpp.GreedyMap, "one array": OneArray}
        lines = ["| input (250 words) | code | dpp total (median s) | in take (median ms) "
                 "| take's share | total / shipped's | same picks and log_det |",
                 "|---|---|---|---|---|---|---|"]
        for name, clusters in inputs:
            run_once(dpp.GreedyMap, clusters[:1], budget)  # warm-up: imports, word lists
            times: dict[str, list[tuple[float, float]]] = {c: [] for c in codes}
            picks: dict[str, list] = {}
            for r in range(args.runs):
                for code in (list(codes) if r % 2 == 0 else list(codes)[::-1]):
                    total, spent, got = run_once(codes[code], clusters, budget)
                    times[code].append((total, spent))
                    picks[code] = got
            same = "yes" if picks["shipped"] == picks["one array"] else "NO"
            shipped = statistics.median(t for t, _ in times["shipped"])
            for code in codes:
                total = statistics.median(t for t, _ in times[code])
                spent = statistics.median(s for _, s in times[code])
                lines.append(f"| {name} | {code} | {total:.3f} | {spent * 1e3:.1f} | "
                             f"{spent / total:.1%} | {total / shipped:.2f}x | {same} |")
    head = [f"# dpp's greedy: take as shipped against one array ({args.runs} runs each, "
            "alternated, one process)", "", f"Load before: {before}",
            f"Load after: {uptime()}", ""]
    emit_report("\n".join(head + lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
