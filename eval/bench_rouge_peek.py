"""What ``summarizer rouge SYS_DIR REF_DIR`` spends on ``metrics.io._may_stream``'s peek: each
small system summary file is opened once more, before it is read, for its first 10 bytes
(is it compressed? a small compressed file may hold long data).

Usage::

    python eval/bench_rouge_peek.py [--pairs 1000] [--runs 7] [--lock /tmp/cpu.lock]
                                    [--out eval/results/bench_rouge_peek.md]

Input: ``--pairs`` summary/reference files as ``eval/perf_check.py``'s rouge case makes them
(``bench_rouge.make_pairs``: ~260-word summaries against one ~260-word reference, a sentence
a line). Each run is a fresh process (under ``--lock``), alternating two variants of the
same checkout:

- ``peek``: the package as it is;
- ``no peek``: ``_may_stream`` answers by the file's size alone (no open), what no fix can
  beat (a fix still has to learn the compression from the file's first bytes): the most
  there is to save.

Timed, CPU seconds (user + system) of the process: ``load_pairs`` alone (the reading, with
``stream_long=True`` as the command reads), and the whole command (reading and scoring,
1000 bootstrap resamples), medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import emit_report, locked, machine_line, run_script  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

_CHILD = """
import os, sys, time
from pathlib import Path
from summarizer.metrics import io

if sys.argv[1] == "no peek":
    def _size_only(path):
        return path.is_file() and path.stat().st_size > io.STREAM_BYTES
    io._may_stream = _size_only
sys_dir, refs = sys.argv[3], sys.argv[4]
start = time.process_time()
if sys.argv[2] == "load_pairs":
    pairs = io.load_pairs(sys_dir, refs, stream_long=True)
    result = sum(len(p.system) for p in pairs)
else:
    import contextlib
    from summarizer.cli import main
    with open(os.devnull, "w") as out, contextlib.redirect_stdout(out):
        result = main(["rouge", sys_dir, refs])
print(time.process_time() - start, result)
"""

VARIANTS = ("peek", "no peek")
STEPS = ("load_pairs", "command")


def _make(root: Path, n: int) -> None:
    from bench_rouge import make_pairs

    pairs, _ = make_pairs(n)
    (root / "sys").mkdir()
    (root / "refs").mkdir()
    for i, (summ, ref) in enumerate(pairs):
        (root / "sys" / f"D{i:05d}").write_text("\n".join(summ) + "\n", encoding="utf-8")
        (root / "refs" / f"D{i:05d}.A").write_text("\n".join(ref) + "\n", encoding="utf-8")


def _run(variant: str, step: str, root: Path, lock: str | None) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with locked(lock):
        out = subprocess.run([sys.executable, "-c", _CHILD, variant, step, str(root / "sys"),
                              str(root / "refs")], capture_output=True, text=True, env=env,
                             check=True).stdout.split()
    return float(out[0]), out[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--lock", help="hold this file's exclusive lock during each run")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not 1 <= args.pairs <= 100_000:
        ap.error("--pairs must be 1..100,000")
    if not 1 <= args.runs <= 100:
        ap.error("--runs must be 1..100")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _make(root, args.pairs)
        times: dict[tuple[str, str], list[float]] = {}
        results: dict[tuple[str, str], set[str]] = {}
        for _ in range(args.runs):
            for step in STEPS:
                for variant in VARIANTS:
                    seconds, result = _run(variant, step, root, args.lock)
                    times.setdefault((variant, step), []).append(seconds)
                    results.setdefault((step, ""), set()).add(result)
    lines = [f"`summarizer rouge SYS_DIR REF_DIR`, {args.pairs:,} pairs (~260-word summary and "
             "reference files): CPU seconds with `_may_stream`'s peek at each small summary "
             "file, and without it (the most a fix could save).", "",
             "| step | peek CPU s | no peek CPU s | no peek / peek | runs (peek) | runs (no peek) | "
             "same result |",
             "|---|---|---|---|---|---|---|"]
    for step in STEPS:
        a, b = (statistics.median(times[(v, step)]) for v in VARIANTS)
        runs = " | ".join(" ".join(f"{t:.3f}" for t in sorted(times[(v, step)]))
                          for v in VARIANTS)
        lines.append(f"| {step} | {a:.3f} | {b:.3f} | {b / a:.3f} | {runs} | "
                     f"{'yes' if len(results[(step, '')]) == 1 else 'NO'} |")
    lines += ["", machine_line(args.runs, "CPU seconds, user + system, of the step")]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
