"""Peak memory of ROUGE-S/SU without a distance limit, per skip-bigram: what the bound
``MAX_SKIP_PAIRS`` (``summarizer/metrics/rouge155/options.py``) is sized by.

Usage::

    python eval/bench_rouge_skip_memory.py [--tokens 3000,6000] [--repeats 3]
                                           [--out eval/results/bench_rouge_skip_memory.md]

A summary of n tokens is scored against a reference of n tokens with ``-2 -1 -u`` (every
pair of a text's tokens a skip-bigram: n(n-1)/2 + n - 1 of them each), in two shapes:
``distinct`` (every token a new word, so every pair distinct: the worst case, which the
bound's bytes per pair are taken from) and ``news`` (the words of the seed article in order,
repeated: pairs recur, as in text). Each point is one fresh process: its peak resident memory
(``ru_maxrss``) less its resident memory just before scoring, medians of ``--repeats`` runs,
and that divided by one text's pairs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import command_line, emit_report, machine_line, run_script  # noqa: E402

SHAPES = ("distinct", "news")
_CHILD = r"""
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from summarizer.metrics import rouge
n, shape = int(sys.argv[2]), sys.argv[3]
if shape == "distinct":
    words = [f"w{i}" for i in range(n + 1)]
else:
    seed = " ".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1], "seeds").glob("*.txt")))
    base = seed.split()
    words = (base * (n // len(base) + 2))[:n + 1]
summary, reference = " ".join(words[:n]), " ".join(words[1:n + 1])
with open("/proc/self/statm") as fh:
    before = int(fh.read().split()[1]) * resource.getpagesize()
rouge([summary], [[reference]], options="-2 -1 -u", resamples=1)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"added": peak - before}))
"""


def point(n: int, shape: str) -> int:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(REPO), str(n), shape],
                          capture_output=True, text=True, timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["added"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tokens", default="3000,6000", help="comma-separated text lengths")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    sizes = [int(t) for t in args.tokens.split(",") if t]
    rows = ["| shape | tokens a text | skip-bigrams a text | added peak MB | bytes a pair |",
            "|---|---:|---:|---:|---:|"]
    for shape in SHAPES:
        for n in sizes:
            added = statistics.median(point(n, shape) for _ in range(args.repeats))
            pairs = n * (n - 1) // 2 + n - 1
            rows.append(f"| {shape} | {n:,} | {pairs:,} | {added / 2**20:,.0f} | "
                        f"{added / pairs:.1f} |")
    from summarizer.metrics.rouge155.options import MAX_SKIP_PAIRS, PEAK_BYTES_PER_SKIP_PAIR

    text = "\n\n".join([
        "# ROUGE-S without a distance limit: peak memory per skip-bigram",
        f"`-2 -1 -u`, a summary and a reference of the same length. The bound: {MAX_SKIP_PAIRS:,} "
        f"pairs a text, sized at {PEAK_BYTES_PER_SKIP_PAIR} bytes a pair (about "
        f"{MAX_SKIP_PAIRS * PEAK_BYTES_PER_SKIP_PAIR / 2**30:.1f} GB).",
        "\n".join(rows),
        machine_line(args.repeats, "peak resident memory less the resident memory before "
                     "scoring"),
        f"Command: `{command_line('bench_rouge_skip_memory.py', argv)}`",
    ])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
