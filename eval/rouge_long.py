"""ROUGE on long texts: time and peak memory as the text grows.

Usage::

    python eval/rouge_long.py [--job L|S*|n100|rouge-score] [--sizes ...]
                              [--baseline CHECKOUT] [--repeats K] [--out eval/results/rouge_long.md]

Each pair is a summary and a reference of the given size, made of real TAC 2011
English sentences in a seeded random order, each text one line (ROUGE-1.5.5 reads it
as one sentence). Each point runs in a fresh process that reads the two texts from
files, so its peak resident memory (``ru_maxrss``) is the scoring's plus the
interpreter's; "added" is that peak less the process's resident memory just before
scoring. Jobs, each with its variants side by side:

* ``L`` (sizes in MB): ROUGE-L, ``bounded`` (the package as shipped: DP columns from
  checkpoints, token masks built on demand beyond a budget) against ``all columns``
  (the same code keeping every DP column and token mask, as the union-LCS backtrace
  did before; memory ~ length^2). Time is quadratic in either case.
* ``S*`` (sizes in words): ROUGE-SU* with no distance limit (``-2 '*' -u``);
* ``n100`` (sizes in words): ROUGE-1..100 (``-n 100``);
* ``rouge-score`` (sizes in words): rouge-score mode, its default metrics (rouge1,
  rouge2, rougeL, rougeLsum) and backend (rouge-score-rs).
  These three run this tree and, with ``--baseline CHECKOUT`` (``git worktree add
  --detach /tmp/before COMMIT``), that tree too, their runs alternating.

Every variant of a job must give the same scores (checked). ``--repeats K``: medians
of K runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    bound_counts,
    checkout,
    emit_report,
    missing_tac,
    run_script,
    uptime,
)

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
JOBS = {  # job -> (variants, default sizes, size unit)
    "L": (("bounded", "all columns"), "0.05,0.1,0.2,0.4", "MB"),
    "S*": (("this tree", "baseline"), "1000,2000,4000", "words"),
    "n100": (("this tree", "baseline"), "2500,5000,10000", "words"),
    "rouge-score": (("this tree", "baseline"), "5000,10000,20000", "words"),
}

_CHILD = r"""
import json, resource, sys, time
repo, job, variant, summary_file, reference_file = sys.argv[1:6]
sys.path.insert(0, repo)
from summarizer.metrics.rouge155 import lcs
from summarizer.metrics.rouge155.options import Rouge155Options
from summarizer.metrics.rouge155.score import Rouge155
from summarizer.metrics.rouge_score_mode import RougeScoreScorer
summary = open(summary_file, encoding="utf-8").read()
reference = open(reference_file, encoding="utf-8").read()
if job == "L":
    if variant == "all columns":
        lcs._LEAF = 1 << 62
        lcs._MASK_BITS = 1 << 62
    score = Rouge155(Rouge155Options(max_n=1)).score
elif job == "S*":
    score = Rouge155(Rouge155Options(max_n=0, rouge_l=False, skip_distance=-1,
                                     skip_unigrams=True)).score
elif job == "n100":
    score = Rouge155(Rouge155Options(max_n=100, rouge_l=False)).score
else:
    score = RougeScoreScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"]).score
# each text one line: one sentence for ROUGE-1.5.5, one for rougeLsum
summary, reference = summary.replace("\n", " "), reference.replace("\n", " ")
"""
# a child's end: ``score(summary, [reference])`` timed, its peak and scores as one JSON line
MEASURE = r"""
with open("/proc/self/statm") as fh:
    resident = int(fh.read().split()[1]) * resource.getpagesize() / 2**20
t0 = time.perf_counter()
scores = score(summary, [reference])
secs = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": secs, "peak_mb": peak, "added_mb": peak - resident,
                  "scores": {k: [*v] if isinstance(v, tuple) else [v.recall, v.precision, v.fmeasure]
                             for k, v in sorted(scores.items())}}))
"""
_CHILD += MEASURE


def point(repo: Path, job: str, variant: str, files: tuple[Path, Path], timeout: float,
          child: str = _CHILD) -> dict:
    """One fresh process running ``child`` (argv: repo, job, variant, the two files): its
    last line of JSON, or ``{"error": ...}``."""
    try:
        proc = subprocess.run([sys.executable, "-c", child, str(repo), job, variant,
                               *map(str, files)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1][:100]
                + f" (exit {proc.returncode})"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_texts(data: Path, size: float, unit: str, folder: Path) -> tuple[tuple[Path, Path], int]:
    """The summary and reference files of one size (a sentence a line), and their words."""
    from summarizer.documents import load_tac2011
    from summarizer.sentences import split_cluster

    sentences = [s.text for c in load_tac2011(data, "english") for s in split_cluster(c)]
    files = []
    for seed in (1, 2):
        rng, out, n = random.Random(seed), [], 0
        while n < (size * 1e6 if unit == "MB" else size):
            s = rng.choice(sentences)
            out.append(s)
            n += len(s) + 1 if unit == "MB" else len(s.split())
        path = folder / f"text{seed}.txt"
        path.write_text("\n".join(out), encoding="utf-8")
        files.append(path)
    words = len(files[0].read_text(encoding="utf-8").split())
    return (files[0], files[1]), words


def median_point(runs: list[dict]) -> dict:
    """Medians of the runs' numbers; the first error if any run failed."""
    bad = [r for r in runs if "error" in r]
    if bad:
        return bad[0]
    out = {k: statistics.median(r[k] for r in runs) for k in ("seconds", "peak_mb", "added_mb")}
    out["scores"] = runs[0]["scores"]
    out["same_runs"] = all(r["scores"] == runs[0]["scores"] for r in runs)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--job", choices=tuple(JOBS), default="L")
    ap.add_argument("--sizes", default=None, help="comma list (MB for L, else words)")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="a checkout to run beside this tree (S*, n100)")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    # --timeout 1e12 was a raw OverflowError at the first run, 0 ran every run into it and
    # reported that, exit 0
    bound_counts(ap, args, repeats=(1, 20), timeout=(0.0, 86_400))
    checkout(ap, args.baseline)
    if missing_tac(args.data):
        return 2
    from summarizer.documents.tac import find_tac2011_root

    find_tac2011_root(args.data)  # a folder without SourceTexts/: one line, not a table of errors
    variants, sizes, unit = JOBS[args.job]
    repos = {v: REPO for v in variants}
    if "baseline" in variants:
        if args.baseline is None:
            variants = variants[:1]
        else:
            repos["baseline"] = args.baseline.resolve()
    compare = len(variants) > 1
    head = "| size | words each |" + "".join(f" {v} s | {v} peak MB | {v} added MB |"
                                              for v in variants)
    head += " added MB ratio | same scores |" if compare else ""
    lines = [f"# ROUGE on one long summary/reference pair: job {args.job}", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPUs; at start: {uptime()}. "
             f"Medians of {args.repeats} run(s) per point, each in a fresh process, the "
             "variants' runs alternating"
             + (f"; baseline {args.baseline}" if args.baseline else "") + ".", "",
             head, "|" + "---|" * head.count(" |")]
    for size in (float(x) for x in (args.sizes or sizes).split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            files, words = make_texts(args.data, size, unit, Path(tmp))
            runs: dict[str, list[dict]] = {v: [] for v in variants}
            for _ in range(args.repeats):
                for v in variants:
                    runs[v].append(point(repos[v], args.job, v, files, args.timeout))
        got = {v: median_point(r) for v, r in runs.items()}
        print(size, got, file=sys.stderr, flush=True)
        row = f"| {size:g} {unit} | {words:,} |"
        for v in variants:
            p = got[v]
            row += (f" {p['error']} | | |" if "error" in p else
                    f" {p['seconds']:.2f} | {p['peak_mb']:.0f} | {p['added_mb']:.0f} |")
        if compare:
            first, second = got[variants[0]], got[variants[1]]
            if "error" in first or "error" in second:
                row += " - | - |"
            else:
                ratio = second["added_mb"] / max(first["added_mb"], 1)
                same = (first["scores"] == second["scores"] and first["same_runs"]
                        and second["same_runs"])
                row += f" {ratio:.1f}x | {'yes' if same else '**no**'} |"
        lines.append(row)
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
