"""What the default's background word lists cost in time (issue 12: ``background=
"idf-stopwords"``, the coverage default since 004d5c7), against ``background=None``, the
default before, measured side by side in one run.

Usage::

    python eval/bench_background.py [--repeats 7] [--passes 5]
                                    [--data ../shared/data/tac2011_multiling] [--out FILE]

1. Cold start: ``summarizer summarize seeds/`` (one 700-word article, 100 words) as a user
   runs it, a fresh process each time, the default against ``--option background=null``,
   alternated, median of ``--repeats``.
2. Where the difference goes: in fresh processes that have imported the package and numpy
   (as a summary has by then), the seconds of reading the English list
   (``load_background("en")``: wordfreq's file, read without importing wordfreq), of
   ranking it for the stopwords and of ``source()`` (wordfreq's version), then of
   ``import wordfreq``, which the default path no longer does (only a digit-bearing word
   outside the list needs it), medians of ``--repeats``.
3. TAC 2011 English (10 clusters of 10 articles) at 250 and 100 words, in one process
   after a warm-up cluster: seconds per cluster, the two settings alternated pass by
   pass, median of ``--passes``.

The load average is printed with the tables: the box is shared, so only medians of one run
are compared.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    REPO,
    bound_counts,
    emit_report,
    machine_line,
    run_script,
    tac_not_found,
    uptime,
)
from speed import alternated_seeds  # noqa: E402
from tac2011_cv import DEFAULT_DATA  # noqa: E402

from summarizer.documents import load_tac2011  # noqa: E402
from summarizer.summarizers import get_summarizer  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402

# one fresh process: the parts of the background's first use, after the package's imports
_PARTS = """
import time
import numpy, summarizer, summarizer.summarizers.coverage  # noqa: F401
from summarizer.summarizers import background
t0 = time.perf_counter()
bg = background.load_background("en")
t1 = time.perf_counter()
bg.stopwords()
t2 = time.perf_counter()
background.source()
t3 = time.perf_counter()
import wordfreq  # noqa: F401
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""
SETTINGS = {"default (idf-stopwords)": {}, "background=None (before)": {"background": None}}


def cold_start(repeats: int) -> list[str]:
    times, peaks = alternated_seeds(
        [("default (idf-stopwords)", [], REPO),
         ("--option background=null", ["--option", "background=null"], REPO)], repeats)
    before = statistics.median(times["--option background=null"])
    rows = ["| `summarizer summarize seeds/` | median wall s | min | max | peak MB | ratio |",
            "|---|---|---|---|---|---|"]
    for label, t in times.items():
        rows.append(f"| {label} | **{statistics.median(t):.3f}** | {min(t):.3f} | "
                    f"{max(t):.3f} | {statistics.median(peaks[label]):.0f} | "
                    f"{statistics.median(t) / before:.2f}x |")
    return rows


def parts(repeats: int) -> list[str]:
    got = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _PARTS], capture_output=True, text=True,
                             cwd=REPO, check=True).stdout
        got.append([float(x) for x in out.split()])
    names = ['load_background("en") (its file read, msgpack imported)',
             "rank the list (stopwords)", "source() (the version, from the dist-info)",
             "import wordfreq (off the default path: digit-bearing words outside the list)"]
    rows = ["| part of the first use | median ms | min | max |", "|---|---|---|---|"]
    for k, name in enumerate(names):
        ms = [g[k] * 1000 for g in got]
        rows.append(f"| {name} | **{statistics.median(ms):.1f}** | {min(ms):.1f} | "
                    f"{max(ms):.1f} |")
    return rows


def per_cluster(clusters: list, passes: int) -> list[str]:
    from summarizer.summarizers.embed import clear_memos

    rows = ["| words | setting | median ms per cluster | min | max | ratio |",
            "|---|---|---|---|---|---|"]
    for words in (250, 100):
        budget = Budget(words=words)
        systems = {label: get_summarizer("coverage", **o) for label, o in SETTINGS.items()}
        for s in systems.values():
            s.summarize(clusters[0], budget)  # warm-up: encoder, lists, imports
        times: dict[str, list[float]] = {label: [] for label in systems}
        for _ in range(passes):
            for label, s in systems.items():  # alternated pass by pass
                clear_memos()  # each pass embeds as on new data
                t0 = time.perf_counter()
                for c in clusters:
                    s.summarize(c, budget)
                times[label].append((time.perf_counter() - t0) / len(clusters) * 1000)
        before = statistics.median(times["background=None (before)"])
        for label, t in times.items():
            rows.append(f"| {words} | {label} | **{statistics.median(t):.1f}** | "
                        f"{min(t):.1f} | {max(t):.1f} | {statistics.median(t) / before:.2f}x |")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    bound_counts(ap, args, repeats=(1, 50), passes=(1, 20))  # 10^12 ran on for ever
    lines = ["# The background word lists' cost: default against background=None", "",
             f"`uptime` at start: `{uptime()}`.", "",
             f"## 1. Cold start, whole process, median of {args.repeats}", ""]
    lines += cold_start(args.repeats)
    lines += ["", f"## 2. The background's first use, fresh processes, median of "
              f"{args.repeats}", ""]
    lines += parts(args.repeats)
    if args.data.is_dir():
        clusters = load_tac2011(args.data, "english")
        lines += ["", f"## 3. TAC 2011 English, {len(clusters)} clusters, in process, "
                  f"median of {args.passes} passes", ""]
        lines += per_cluster(clusters, args.passes)
    else:
        lines += ["", f"({tac_not_found(args.data)}: table 3 not measured)"]
    lines += ["", machine_line(args.repeats, "medians"), f"`uptime` at end: `{uptime()}`."]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
