"""Resident memory of one process calling ``summarize()`` thousands of times.

Usage::

    python eval/bench_many_calls.py [--calls 5000] [--every 500] [--modes plain,names]
        [--data ../shared/data/tac2011_multiling] [--out eval/results/bench_many_calls.md]

A server or worker calls the default method many times in one process; every memory the
package keeps has a limit, so its resident memory should level off. Each mode runs in one
fresh process: ``--calls`` calls of ``summarize(cluster)`` (the default method and budget)
on a random subset of the documents of a random one of the 70 TAC 2011 clusters (7
languages; seeded). ``names`` also replaces every capitalised word of the subset, in each
call, by a new random name: a stream of words never seen before, which the static
encoder's word-piece memory (``wordpiece._MEMO_LIMIT`` words) keeps until it is full and
emptied. Every ``--every`` calls the table gives the process's VmRSS and VmHWM and the
words that memory holds. ``--no-background`` calls it with ``background=None`` (no
background word lists, which the default keeps one of per language). About 1.5 minutes a
mode on two shared cores.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import bound_counts, emit_report, missing_tac, run_script, uptime  # noqa: E402
from scaling import DEFAULT_DATA  # noqa: E402

LANGUAGES = ["english", "czech", "arabic", "greek", "hindi", "hebrew", "french"]
MODES = ("plain", "names")
# a word of letters; rename() replaces those that start with an upper-case letter
CAPITALISED = re.compile(r"\b[^\W\d_]+")


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _memo_words() -> int:
    """Words held by the word-piece memories alive in this process."""
    from summarizer.summarizers.wordpiece import WordPieces

    return sum(len(o._memo) for o in gc.get_objects() if isinstance(o, WordPieces))


def child(mode: str, calls: int, every: int, data: Path, seed: int,
          options: dict[str, None]) -> None:
    """One mode's run: a JSON line per checkpoint on stdout."""
    from summarizer import summarize
    from summarizer.documents import load_tac2011
    from summarizer.documents.model import Cluster, Document

    clusters = [c for lang in LANGUAGES for c in load_tac2011(data, lang)]
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def rename(match: re.Match[str]) -> str:
        word = match.group()
        if not word[0].isupper():
            return word
        return rng.choice(letters).upper() + "".join(rng.choices(letters, k=rng.randint(5, 9)))

    for i in range(1, calls + 1):
        cluster = rng.choice(clusters)
        docs = rng.sample(cluster.documents, rng.randint(1, len(cluster.documents)))
        if mode == "names":
            docs = [Document(text=CAPITALISED.sub(rename, d.text), id=d.id) for d in docs]
        summarize(Cluster(documents=list(docs), language=cluster.language), **options)
        if i % every == 0 or i == 1:
            print(json.dumps({"call": i, "rss": _status_mb("VmRSS"),
                              "hwm": _status_mb("VmHWM"), "memo": _memo_words()}), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=5000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--no-background", action="store_true",
                    help="summarise with background=None (no background word lists)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    bound_counts(ap, args, calls=(1, 1_000_000), every=(1, 1_000_000))  # 10^12 ran on
    modes = [m for m in args.modes.split(",") if m]
    if not modes or any(m not in MODES for m in modes):
        ap.error(f"--modes takes {', '.join(MODES)}, got {args.modes!r}")
    if missing_tac(args.data):
        return 2
    if args.child:
        child(args.child, args.calls, args.every, args.data, args.seed,
              {"background": None} if args.no_background else {})
        return 0
    start = uptime()
    runs: dict[str, list[dict]] = {}
    for mode in modes:
        cmd = [sys.executable, __file__, "--child", mode, "--calls", str(args.calls),
               "--every", str(args.every), "--data", str(args.data), "--seed", str(args.seed)]
        cmd += ["--no-background"] if args.no_background else []
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        if proc.returncode:
            print(proc.stderr.strip(), file=sys.stderr)
            return proc.returncode
        runs[mode] = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        print(f"{mode}: done", file=sys.stderr, flush=True)
    lines = [
        "# Resident memory over many `summarize()` calls in one process",
        "",
        f"`python eval/bench_many_calls.py --calls {args.calls} --every {args.every} "
        f"--modes {','.join(modes)}{' --no-background' if args.no_background else ''}`: "
        "the default method and budget"
        f"{' with background=None' if args.no_background else ''} on a random subset of "
        "the documents of a random TAC 2011 cluster (70 clusters, 7 languages, seed "
        f"{args.seed}), one fresh process per mode; `names`: every capitalised word replaced "
        "by a new random name in each call. RSS and high-water mark (VmHWM) in MB; "
        "memo words: the words the static encoder's word-piece memories hold.",
        "",
        f"Load at the start: {start}; at the end: {uptime()}.",
        "",
        "| call | " + " | ".join(f"{m} RSS | {m} VmHWM | {m} memo words" for m in modes) + " |",
        "|---|" + "---|---|---|" * len(modes),
    ]
    for k, call in enumerate(r["call"] for r in runs[modes[0]]):
        cells = [f"{runs[m][k]['rss']:.0f} | {runs[m][k]['hwm']:.0f} | {runs[m][k]['memo']:,}"
                 for m in modes]
        lines.append(f"| {call:,} | " + " | ".join(cells) + " |")
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
