"""Peak memory of one large document read from a JSONL line (``evaluate``, ``batch``)
against the same text given to ``summarize`` as a ``.txt`` file.

Usage::

    python eval/bench_memory_jsonl.py [--mb 50] [--repeats 3] [--baseline CHECKOUT]
                                      [--separator " "] [--commands batch]
                                      [--lock /tmp/cpu.lock] [--out eval/results/...md]

The text is ``eval/bench_memory.py``'s ``document`` shape (news-like articles from TAC
2011 English sentences, two words of each swapped, one plain-text file of ``--mb`` MB);
the JSONL holds it as one line, ``{"id", "document", "references"}`` (one short
reference). Each point is one fresh process running the CLI in this interpreter
(``summarize DOC.txt``, ``evaluate ONE.jsonl --out TMP``, ``batch ONE.jsonl --out TMP``; the
default method, ``--words 100``): its own peak resident memory (``VmHWM``) and wall time,
medians of ``--repeats`` runs. ``--baseline CHECKOUT`` runs each point in that tree too,
its runs alternating with this tree's, and adds the ratio of the two peaks.
``--separator " "`` gives ``evaluate`` and ``batch`` that separator, so that the line's text
is split into as many documents as it has words (``--separator`` made 812,000 one-word
documents of 5 MB): the cost of each document, not of the text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    bound_counts,
    checkout,
    command_line,
    emit_report,
    locked,
    missing_tac,
    run_script,
)
from bench_memory import write_input  # noqa: E402
from scaling import DEFAULT_DATA, ArticleMaker, run_cli, source_sentences  # noqa: E402

COMMANDS = ("summarize", "evaluate", "batch")


def run_point(command: str, txt: Path, jsonl: Path, words: int, tree: Path,
              timeout: float, separator: str | None = None) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one fresh CLI process in ``tree``."""
    with tempfile.TemporaryDirectory() as out:
        if command == "summarize":
            argv = ["summarize", str(txt), "--format", "json"]
        else:
            argv = [command, str(jsonl), "--out", str(Path(out) / "run"), "--no-progress"]
            if separator is not None:
                argv += ["--separator", separator]
        run = run_cli([*argv, "--words", str(words)], tree, timeout)
    if run.code:
        print(f"{command} in {tree}: exit {run.code}: {run.err.strip()[-300:]}", file=sys.stderr)
    return run.seconds, run.peak_mb, run.code


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--commands", default=",".join(COMMANDS))
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--lock", default=None,
                    help="hold this file locked (exclusively) around each run")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="an earlier checkout, run side by side with this tree")
    ap.add_argument("--separator", default=None,
                    help="split the line's text into documents at this (evaluate, batch)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    # before any work: --timeout 1e12 was a raw OverflowError at the first run, 0 ran every
    # run into it and reported that, exit 0; --words 0 reported the runs' refusals, exit 0
    bound_counts(ap, args, words=(1, 100_000), timeout=(0.0, 86_400))
    commands = [c for c in args.commands.split(",") if c]
    bad = [c for c in commands if c not in COMMANDS]
    if bad:
        ap.error(f"unknown command {bad[0]!r}; choose from {', '.join(COMMANDS)}")
    if not 0 < args.mb <= 512 or not 1 <= args.repeats <= 20:
        ap.error("--mb must be above 0 and at most 512, --repeats 1..20")
    checkout(ap, args.baseline)
    if missing_tac(args.data):
        return 2
    trees = [REPO] + ([args.baseline.resolve()] if args.baseline else [])
    load0 = os.getloadavg()
    points: dict[str, dict[Path, list[tuple[float, float, int]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        maker = ArticleMaker(source_sentences(args.data, "english"))
        txt, size = write_input(maker, [], "document", args.mb, Path(tmp))
        jsonl = Path(tmp) / "one.jsonl"
        reference = "Officials met to discuss migration, and the summit ended in an agreement."
        with open(jsonl, "w", encoding="utf-8") as f:
            record = {"id": "one", "document": txt.read_text(encoding="utf-8"),
                      "references": [reference]}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            del record
        line_size = jsonl.stat().st_size
        parts = (len(txt.read_text(encoding="utf-8").split(args.separator))
                 if args.separator is not None else 1)
        for command in commands:
            points[command] = {tree: [] for tree in trees}
            for _ in range(args.repeats):
                for tree in trees:  # alternating, so both see the same load
                    with locked(args.lock):
                        run = run_point(command, txt, jsonl, args.words, tree, args.timeout,
                                        args.separator)
                    points[command][tree].append(run)
                    print(f"{command:9s} {tree} {run[1]:7.0f} MB {run[0]:6.1f} s exit {run[2]}",
                          file=sys.stderr, flush=True)
    load1 = os.getloadavg()

    def median(runs: list[tuple[float, float, int]], k: int) -> float:
        return statistics.median(r[k] for r in runs)

    text_peak = median(points["summarize"][REPO], 1) if "summarize" in points else None
    lines = [
        f"# Peak memory of one {size / 1e6:.1f} MB document: JSONL (evaluate, batch) "
        "against .txt (summarize)", "",
        f"Command: `{command_line('bench_memory_jsonl.py', argv)}`", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python "
        f"{platform.python_version()}; load average {load0[0]:.1f} at start, {load1[0]:.1f} "
        f"at end; median of {args.repeats} run(s) per point, each a fresh process "
        f"({args.words}-word summaries, the default method). Peak = the process's own VmHWM "
        "(it does not depend on load; the seconds do). The .txt file is "
        f"{size / 1e6:.1f} MB, the JSONL line holding it {line_size / 1e6:.1f} MB."
        + (f" Baseline: {args.baseline} (the same inputs, runs alternating)."
           if args.baseline else "")
        + (f" evaluate and batch split the text at --separator {args.separator!r} "
           f"({parts} parts, blank ones no document)."
           if args.separator is not None else ""), "",
    ]
    head = "| command | input | peak MB | peak / input | peak / summarize's | seconds | exit |"
    if args.baseline:
        head = ("| command | input | baseline peak MB | peak MB | peak / baseline | "
                "peak / summarize's | baseline s | seconds | exit |")
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    for command in commands:
        runs = points[command][REPO]
        peak, secs, code = median(runs, 1), median(runs, 0), runs[-1][2]
        of_text = f"{peak / text_peak:.2f}" if text_peak else "-"
        shape = ".txt" if command == "summarize" else "one JSONL line"
        if args.baseline:
            base = points[command][trees[1]]
            b_peak = median(base, 1)
            lines.append(f"| {command} | {shape} | {b_peak:.0f} | {peak:.0f} | "
                         f"{peak / b_peak:.2f} | {of_text} | {median(base, 0):.1f} | "
                         f"{secs:.1f} | {code} |")
        else:
            lines.append(f"| {command} | {shape} | {peak:.0f} | "
                         f"{peak * 2**20 / size:.1f}x | {of_text} | {secs:.1f} | {code} |")
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
