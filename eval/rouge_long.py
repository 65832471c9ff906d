"""ROUGE-L on long texts: time and peak memory as the text grows.

Usage::

    python eval/rouge_long.py [--sizes 0.05,0.1,0.2,0.4] [--out eval/results/rouge_long.md]

Each pair is a summary and a reference of the given size in MB, each one
unit (a ``str``: ROUGE-1.5.5 reads it as one sentence), made of real TAC 2011
English sentences in a seeded random order. Each point runs in a fresh
process, side by side:

* ``bounded``: the package as shipped (DP columns from checkpoints, token
  masks built on demand beyond a budget);
* ``all columns``: the same code with every DP column and every token mask
  kept, as the union-LCS backtrace did before (memory ~ length^2).

Both must print the same ROUGE-L (checked). Time is quadratic in either case:
ROUGE-L's summary-level LCS compares every token pair, as ROUGE-1.5.5 does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, missing_tac, run_script  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "tac2011_multiling"

_CHILD = r"""
import json, random, resource, sys, time
sys.path.insert(0, sys.argv[1])
from summarizer.metrics.rouge155 import lcs
from summarizer.metrics.rouge155.options import Rouge155Options
from summarizer.metrics.rouge155.score import Rouge155
size, variant, data = float(sys.argv[2]), sys.argv[3], sys.argv[4]
if variant == "all columns":
    lcs._LEAF = 1 << 62
    lcs._MASK_BITS = 1 << 62
from summarizer.documents import load_tac2011
from summarizer.sentences import split_cluster
sentences = [s.text for c in load_tac2011(data, "english") for s in split_cluster(c)]
def text(seed):
    rng, out, n = random.Random(seed), [], 0
    while n < size * 1e6:
        s = rng.choice(sentences)
        out.append(s)
        n += len(s) + 1
    return " ".join(out)
summary, reference = text(1), text(2)
scorer = Rouge155(Rouge155Options(max_n=1))
t0 = time.perf_counter()
score = scorer.score(summary, [reference])["ROUGE-L"]
secs = time.perf_counter() - t0
print(json.dumps({"tokens": len(summary.split()), "seconds": secs, "recall": score.recall,
                  "fmeasure": score.fmeasure,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def point(size: float, variant: str, data: Path, timeout: float) -> dict:
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(REPO), str(size), variant,
                               str(data)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1][:100]
                + f" (exit {proc.returncode})"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="0.05,0.1,0.2,0.4")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if missing_tac(args.data):
        return 2
    from summarizer.documents.tac import find_tac2011_root

    find_tac2011_root(args.data)  # a folder without SourceTexts/: one line, not a table of errors
    load0 = os.getloadavg()[0]
    lines = ["# ROUGE-L on one long summary/reference pair (each one unit)", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPUs; load average {load0:.1f} "
             "at start; one run per point, each in a fresh process.", "",
             "| MB each | tokens each | bounded s | bounded peak MB | all columns s | "
             "all columns peak MB | memory ratio | same ROUGE-L |",
             "|---|---|---|---|---|---|---|---|"]
    for size in (float(x) for x in args.sizes.split(",")):
        new = point(size, "bounded", args.data, args.timeout)
        old = point(size, "all columns", args.data, args.timeout)
        print(size, new, old, file=sys.stderr, flush=True)
        if "error" in new:
            lines.append(f"| {size:g} | | {new['error']} | | | | | |")
            continue
        if "error" in old:
            old_s, old_m, ratio, same = old["error"], "-", "-", "-"
        else:
            old_s, old_m = f"{old['seconds']:.1f}", f"{old['peak_mb']:.0f}"
            ratio = f"{old['peak_mb'] / new['peak_mb']:.1f}x"
            same = "yes" if (old["recall"], old["fmeasure"]) == (new["recall"], new["fmeasure"]) \
                else "**no**"
        lines.append(f"| {size:g} | {new['tokens']:,} | {new['seconds']:.1f} | "
                     f"{new['peak_mb']:.0f} | {old_s} | {old_m} | {ratio} | {same} |")
    text = "\n".join(lines)
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
