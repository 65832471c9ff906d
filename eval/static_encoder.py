"""Static MiniLM token vectors against MiniLM itself: fidelity, ROUGE and speed, in one run.

Usage::

    python eval/static_encoder.py [--data ../shared/data/tac2011_multiling] [--passes 3]
                                  [--out eval/results/static_encoder.md]

1. Fidelity (how the recipe was chosen): for each TAC 2011 English cluster, the
   Pearson correlation between MiniLM's (int8 ONNX) pairwise sentence cosines and
   a representation's, over every pair of candidate sentences, averaged over the
   10 clusters. Rows: the recipe's variants (directions removed, the ``a`` of the
   frequency weights) and TF-IDF. No reference summary is read.
2. ROUGE and speed of the default summariser (``coverage``) with each encoder:
   MiniLM int8 (the default), the static vectors, and the semantic term off, at
   four budgets. 200/250/400 words: TAC's official options (recall, no stemming);
   100 words: last sentence cut, ``-n 4 -m -l 100`` (the DUC 2004 proxy of
   eval/tac2011_cv.py). Clusters/s: median of ``--passes`` passes over the 10
   clusters at 250 words, encoder memos cleared before each pass.
3. Per cluster: on how many of the 10 clusters the static vectors score at least
   MiniLM's R2, and the mean paired difference.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import bound_counts, emit_report, missing_tac, run_script, uptime  # noqa: E402
from tac2011_cv import DEFAULT_DATA, DUC_OPTIONS, TAC_OPTIONS  # noqa: E402

from summarizer.documents import load_tac2011  # noqa: E402
from summarizer.metrics import RougeScorer  # noqa: E402
from summarizer.summarizers import get_summarizer  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402
from summarizer.summarizers.candidates import prepare  # noqa: E402
from summarizer.summarizers.embed import INT8_ENCODER, clear_memos, get_encoder  # noqa: E402
from summarizer.summarizers.static_encoder import (  # noqa: E402
    RECIPE,
    STATIC_ENCODER,
    finish_table,
)

BUDGETS = {  # name -> (budget, ROUGE options)
    "100 (cut, -n 4 -m -l 100)": (Budget(words=100, truncate=True), DUC_OPTIONS),
    "200": (Budget(words=200), TAC_OPTIONS),
    "250": (Budget(words=250), TAC_OPTIONS),
    "400": (Budget(words=400), TAC_OPTIONS),
}
ENCODERS = {  # row -> coverage options
    "MiniLM int8 ONNX (the previous default)": {"encoder": INT8_ENCODER},
    "static MiniLM vectors": {"encoder": STATIC_ENCODER},
    "semantic term off": {"semantic_weight": 0.0, "representation": "tfidf"},
}


def fidelity(pools, teacher, static, raw: np.ndarray) -> list[str]:
    """Table 1: correlation with MiniLM's own pairwise cosines (``raw``: the pooled
    token outputs before the recipe's steps 2 and 3)."""
    targets = [teacher.encode(p.texts) for p in pools]
    ids = [static.tokenizer.encode_batch(p.texts) for p in pools]

    def score(table: np.ndarray | None) -> float:
        cors = []
        for pool, target, rows in zip(pools, targets, ids, strict=True):
            if table is None:
                sim = pool.similarity("tfidf")
            else:
                vecs = np.array([table[r].astype(np.float64).sum(0) for r in rows])
                vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
                sim = np.clip(vecs @ vecs.T, 0, None)
            upper = np.triu_indices(len(target), 1)
            cors.append(np.corrcoef((target @ target.T)[upper], sim[upper])[0, 1])
        return float(np.mean(cors))

    lines = ["| representation | directions removed | a | fidelity (r) |", "|---|---|---|---|"]
    for directions in (0, 1, 8, 16):
        for a in (1e-5, 1e-6, 1e-7):
            mark = " **(shipped)**" if (directions, a) == (RECIPE["removed_directions"],
                                                            RECIPE["sif_a"]) else ""
            value = score(finish_table(raw, directions=directions, a=a))
            lines.append(f"| static{mark} | {directions} | {a:g} | {value:.3f} |")
    lines.append(f"| TF-IDF (clipped cosine) | - | - | {score(None):.3f} |")
    return lines


def quality(clusters, passes: int) -> tuple[list[str], list[str]]:
    """Tables 2 and 3."""
    scorers = {opts: RougeScorer(mode="rouge155", options=opts, metrics=["ROUGE-1", "ROUGE-2"])
               for opts in {o for _, o in BUDGETS.values()}}
    per: dict[tuple[str, str], np.ndarray] = {}
    speed: dict[str, float] = {}
    for label, options in ENCODERS.items():
        summ = get_summarizer("coverage", **options)
        summ.summarize(clusters[0], Budget(words=250))  # warm-up: loads the encoder
        for bname, (budget, opts) in BUDGETS.items():
            clear_memos()
            t0 = time.perf_counter()
            texts = [summ.summarize(c, budget).text for c in clusters]
            secs = [time.perf_counter() - t0]
            if bname == "250":
                for _ in range(passes - 1):
                    clear_memos()
                    t0 = time.perf_counter()
                    [summ.summarize(c, budget) for c in clusters]
                    secs.append(time.perf_counter() - t0)
                speed[label] = len(clusters) / statistics.median(secs)
            scores = [scorers[opts].score(t, c.references) for t, c in zip(texts, clusters,
                                                                           strict=True)]
            per[label, bname] = np.array([[s["ROUGE-1"].recall, s["ROUGE-2"].recall]
                                          for s in scores])
            print(f"{label} @ {bname}: {per[label, bname].mean(0)}", file=sys.stderr, flush=True)
    head = "| encoder | clusters/s @250 | " + " | ".join(f"R1 / R2 @{b}" for b in BUDGETS) + " |"
    table = [head, "|---|---|" + "---|" * len(BUDGETS)]
    for label in ENCODERS:
        cells = " | ".join("{:.4f} / {:.4f}".format(*per[label, b].mean(0)) for b in BUDGETS)
        table.append(f"| {label} | {speed[label]:.2f} | {cells} |")
    base, new = list(ENCODERS)[:2]
    paired = ["| budget | clusters static R2 >= MiniLM R2 | mean R2 difference (static - MiniLM) |",
              "|---|---|---|"]
    for b in BUDGETS:
        diff = per[new, b][:, 1] - per[base, b][:, 1]
        paired.append(f"| {b} | {int((diff >= 0).sum())} of {len(diff)} | {diff.mean():+.4f} |")
    return table, paired


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    bound_counts(ap, args, passes=(1, 20))
    if missing_tac(args.data):
        return 2
    before = uptime()
    start = time.perf_counter()
    clusters = load_tac2011(args.data, "english")
    pools = [prepare(c) for c in clusters]
    teacher = get_encoder(INT8_ENCODER)
    static = get_encoder(STATIC_ENCODER)
    fid = fidelity(pools, teacher, static, static.raw_table())
    table, paired = quality(clusters, args.passes)
    lines = [
        "# Static MiniLM vectors against MiniLM: fidelity, ROUGE, speed", "",
        f"Command: `python eval/static_encoder.py --passes {args.passes}`. Machine: "
        f"{platform.machine()}, {os.cpu_count()} CPUs; `uptime` at start: `{before}`, at end: "
        f"`{uptime()}`; {time.perf_counter() - start:.0f} s.", "",
        f"Data: TAC 2011 MultiLing English, {len(clusters)} clusters of 10 articles, "
        f"{sum(len(p) for p in pools)} candidate sentences. Recipe shipped: {RECIPE}.", "",
        "## 1. Fidelity to MiniLM's sentence similarities (the recipe is chosen here)", "",
        *fid, "",
        "## 2. The default summariser with each encoder", "",
        *table, "",
        "## 3. Paired, per cluster", "",
        *paired,
    ]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
