"""Peak memory of reading a precomputed-summaries JSONL file (``evaluate --method
precomputed:FILE.jsonl``; ``PrecomputedSummarizer``), before and after it was read a line
at a time, and the time the read takes (the file was once parsed twice).

Usage::

    python eval/bench_memory_summaries.py [--sizes 5,50] [--repeats 3] [--baseline CHECKOUT]
                                          [--lock /tmp/cpu.lock] [--out eval/results/...md]

The file holds ``{"id": "cN", "summary": TEXT}`` lines, TEXT about 1.4 KB of ASCII news-like
sentences (20 of them, the numbers varied so that no two lines are the same), until the
file is ``--sizes`` MB. Each point is one fresh process of the checkout (``PYTHONPATH``):
it imports the package, notes its peak resident memory (``VmHWM``), builds
``PrecomputedSummarizer(FILE)`` (timed) and notes the peak again; the table gives the
peak, the growth over the import (what reading took), that growth over the file's size
and the seconds of the read, medians of ``--repeats`` runs. ``--baseline CHECKOUT`` (e.g. ``git archive COMMIT | tar -x -C
/tmp/before``) runs each point in that tree too, its runs alternating with this tree's.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import checkout, command_line, emit_report, locked, run_script  # noqa: E402

_CHILD = """
import sys, time
from summarizer.evaluation.systems import PrecomputedSummarizer
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
before = hwm()
start = time.perf_counter()
system = PrecomputedSummarizer(sys.argv[1])
took = time.perf_counter() - start
print(before, hwm(), len(system.records), took)
"""


def write_summaries(path: Path, mb: float) -> int:
    """The file of ``mb`` MB; its number of lines."""
    target, n = mb * 1e6, 0
    with open(path, "w", encoding="ascii") as f:
        while f.tell() < target:
            text = " ".join(f"The council of town {n} met on day {k} and voted {k * 7 + n} "
                            "to 3 to build a bridge over the river." for k in range(20))
            f.write(f'{{"id": "c{n}", "summary": "{text}"}}\n')
            n += 1
    return n


def run_point(tree: Path, path: Path) -> tuple[float, float, float]:
    """(peak MB, MB grown over the import, seconds of the read) of one fresh process in
    ``tree``."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(tree)), cwd=tree)
    if proc.returncode:
        raise SystemExit(f"bench_memory_summaries.py: error: in {tree}: "
                         f"{proc.stderr.strip().splitlines()[-1:]}")
    before, peak, _, took = proc.stdout.split()
    return int(peak) / 1024, (int(peak) - int(before)) / 1024, float(took)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,50", help="file sizes in MB")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--baseline", type=Path, default=None)
    ap.add_argument("--lock", default=None, help="hold this file locked around each run")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s]
    if not sizes or not all(0 < s <= 400 for s in sizes) or not 1 <= args.repeats <= 20:
        ap.error("--sizes must be above 0 and at most 400 MB, --repeats 1..20")
    checkout(ap, args.baseline)
    trees = [REPO] + ([args.baseline.resolve()] if args.baseline else [])
    load0 = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"preds{mb:g}.jsonl"
            lines = write_summaries(path, mb)
            runs: dict[Path, list[tuple[float, float, float]]] = {t: [] for t in trees}
            for _ in range(args.repeats):
                for tree in trees:  # alternating
                    with locked(args.lock):
                        runs[tree].append(run_point(tree, path))
            size = path.stat().st_size / 2**20
            cells = []
            for tree in reversed(trees):  # the baseline first
                peak = statistics.median(r[0] for r in runs[tree])
                grown = statistics.median(r[1] for r in runs[tree])
                took = statistics.median(r[2] for r in runs[tree])
                cells += [f"{peak:.0f}", f"{grown:.0f}", f"{grown / size:.2f}", f"{took:.3f}"]
            rows.append(f"| {size:.1f} MiB, {lines:,} lines of ~{size * 2**20 / lines / 1e3:.1f} "
                        f"KB | " + " | ".join(cells) + " |")
            path.unlink()
    load1 = os.getloadavg()
    sides = (["baseline", "this tree"] if args.baseline else ["this tree"])
    head = "| input (ASCII JSONL, one summary a line) | " + " | ".join(
        f"{s} peak MB | {s} read MB | {s} read / file | {s} read s" for s in sides) + " |"
    text = "\n".join([
        "# Peak memory of reading a precomputed-summaries JSONL file", "",
        f"Command: `{command_line('bench_memory_summaries.py', argv)}`", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python "
        f"{platform.python_version()}; load average {load0[0]:.1f} at start, {load1[0]:.1f} "
        f"at end; medians of {args.repeats} fresh processes per point (VmHWM; 'read' is the "
        "growth of the peak over the package's import; 'read s' the seconds of "
        "PrecomputedSummarizer(FILE))."
        + (f" Baseline: {args.baseline}, runs alternating." if args.baseline else ""), "",
        head, "|" + "---|" * (head.count("|") - 1), *rows])
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
