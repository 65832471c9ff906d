"""Bytes `evaluate` and `compare` hold per cluster, measured in process at corpus size.

Usage::

    python eval/bench_cluster_bytes.py [--sizes 100000,200000] [--steps evaluate,compare]
                                       [--lock /tmp/cpu.lock] [--out eval/results/...]

What still grows with the corpus in both commands is the report's table: each cluster's id
and scores, held column-wise (``records.PerCluster``, ``records.ResultTable``). Each size N
is one fresh process per step, traced with ``tracemalloc`` (numpy's arrays included), so
the bytes are the objects' own, not the resident set's rounding; the slope between the
smallest and the largest N is the bytes per added cluster, and 1,000,000 times it what a
million clusters add.

* ``evaluate``: what a run keeps of N finished clusters: the data set opened as a run opens
  a JSONL file (``open_dataset``: pass 1 over N small clusters, which keeps their ids and
  positions), then the run's :class:`~summarizer.evaluation.records.ResultTable` filled
  with N :class:`ResultFigures` as ``results.jsonl`` gives them back (the JSONL defaults'
  four metrics, R-1, R-2, R-L, R-SU4; each id a string of its own, as parsed), then the
  report made from it as :func:`~summarizer.evaluation.report.build_report` makes it (the
  table's score array in data set order, ``report_from_scores`` with the JSONL defaults'
  1,000 bootstrap resamples, the report's ``PerCluster``). Bytes held after each of the
  three, counted from before the data set was opened, and the peak.
* ``compare``: two report.json files of N clusters (a 2,000-cluster ``evaluate --method
  lead --words 50`` run and one at ``--words 40``, each cluster listed N / 2,000 times under
  new ids, as ``bench_eval_scale.py --replicate`` writes them), read as ``compare`` reads
  them (``load_report``; bytes held after both), then :func:`compare_runs` over the two
  folders with ``--resamples 40 --trials 20`` (held by its result, and the peak: the
  default tests add a working set of their own that does not grow with N).

The same work is run once more untraced, for its peak RSS (``ru_maxrss``: the whole process,
start-up included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    command_line,
    emit_report,
    locked,
    missing_tac,
    run_script,
    uptime,
)

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
BASE = 2000  # clusters of the evaluated runs that compare's reports replicate

_EVALUATE = r"""
import json, random, resource, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
jsonl = sys.argv[2]
from summarizer.evaluation.records import PerCluster, ResultFigures, ResultTable
from summarizer.evaluation.settings import default_budget, default_rouge
from summarizer.evaluation.stream import open_dataset
from summarizer.metrics import report_from_scores
from summarizer.metrics.rouge155.score import Score
rouge = default_rouge("jsonl", default_budget("jsonl"))
metrics = rouge.metrics
rng = random.Random(0)
open_dataset(sys.argv[3])  # its first call's imports and caches, not counted
if sys.argv[4] == "1":  # else untraced: only its peak RSS is read
    tracemalloc.start()
start = tracemalloc.get_traced_memory()[0]
data = open_dataset(jsonl)
after_data = tracemalloc.get_traced_memory()[0] - start
ids = data.ids
n = len(ids)
table = ResultTable(ids)
for i in range(n):
    scores = {m: Score(*(round(rng.random(), 5) for _ in range(3))) for m in metrics}
    table.add(ResultFigures(index=i, id=f"c{i:06d}", scores=scores, summary_words=50,
                            seconds=rng.random(), input_tokens=rng.randint(300, 900),
                            peak_rss_mb=60.0, gpu_peak_mb=None, empty=False))
after_table = tracemalloc.get_traced_memory()[0] - start
ordered = table.select(ids)
corpus = report_from_scores(ordered.scores(metrics), rouge, ids=ordered.ids)
per_cluster = PerCluster(ordered.ids, corpus.scores, metrics)
del ordered
held, peak = (v - start for v in tracemalloc.get_traced_memory())
print(json.dumps({"metrics": list(metrics), "data": after_data, "table": after_table, "held": held, "peak": peak,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

_COMPARE = r"""
import json, resource, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
a, b = sys.argv[2:4]
from summarizer.evaluation.compare import compare_runs
from summarizer.evaluation.report import load_report
if sys.argv[4] == "1":  # else untraced: only its peak RSS is read
    tracemalloc.start()
start = tracemalloc.get_traced_memory()[0]
reports = [load_report(a, faithfulness_clusters=False), load_report(b, faithfulness_clusters=False)]
read = tracemalloc.get_traced_memory()[0] - start
del reports
tracemalloc.reset_peak()
start = tracemalloc.get_traced_memory()[0]
cmp = compare_runs([a, b], resamples=40, trials=20)
held, peak = (v - start for v in tracemalloc.get_traced_memory())
print(json.dumps({"read": read, "held": held, "peak": peak,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def child(code: str, *args: str, lock: Path | None = None) -> dict:
    """The traced process's figures, and the peak RSS of the same work untraced (each
    process holding ``lock``, when given)."""
    got = []
    for trace in ("1", "0"):
        with locked(lock):
            proc = subprocess.run([sys.executable, "-c", code, str(REPO), *args, trace],
                                  capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"a measuring process failed (exit {proc.returncode}):\n"
                             f"{proc.stderr}")
        got.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {**got[0], "rss": got[1]["rss"]}


def base_runs(data: Path, root: Path) -> list[Path]:
    """Two finished 2,000-cluster runs (``--words 50`` and ``40``) of bench_eval_scale's
    data set."""
    from bench_eval_scale import _evaluate, _sentences, make_dataset

    jsonl = root / "data.jsonl"
    make_dataset(jsonl, BASE, _sentences(data))
    runs = []
    for words in (50, 40):
        out = root / f"run{words}"
        subprocess.run(_evaluate(jsonl, out, words), check=True,
                       capture_output=True)
        runs.append(out)
    return runs


def package_commit() -> str:
    """The last commit that changed summarizer/ (what is measured; a commit that adds
    only results keeps it), and whether the work tree changes it since."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True,
                              text=True).stdout.strip()

    commit = git("log", "-1", "--format=%h", "--", "summarizer") or "?"
    changed = git("status", "--porcelain", "--", "summarizer")
    return commit + (" with uncommitted changes to summarizer/" if changed else
                     " (the last commit that changed summarizer/)")


def tiny_dataset(path: Path, n: int) -> None:
    """A JSONL data set of ``n`` small clusters (one two-sentence document, one reference):
    what a run holds per cluster does not depend on its text, and reading it is quick."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"c{i:06d}", "documents": [
                f"The council met on day {i}. It voted to build a bridge."],
                "references": ["The council voted for a bridge."]}) + "\n")


def slope(rows: dict[int, dict], key: str) -> float:
    """Bytes per added cluster of ``key`` between the smallest and the largest size."""
    lo, hi = min(rows), max(rows)
    return (rows[hi][key] - rows[lo][key]) / (hi - lo)


def mb(value: float) -> str:
    return f"{value / 2**20:.1f}"


def table(title: str, rows: dict[int, dict], columns: list[tuple[str, str]]) -> list[str]:
    out = [f"### {title}", "", "| clusters | " + " | ".join(c for c, _ in columns) + " |",
           "|---|" + "---|" * len(columns)]
    for n, r in sorted(rows.items()):
        out.append(f"| {n:,} | " + " | ".join(mb(r[k]) for _, k in columns) + " |")
    out.append("| bytes per added cluster | "
               + " | ".join(f"{slope(rows, k):.0f}" for _, k in columns) + " |")
    out.append("| at 1,000,000 clusters (MB, the slope x 10^6) | "
               + " | ".join(f"{slope(rows, k) * 1e6 / 2**20:.0f}" for _, k in columns) + " |")
    return [*out, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="100000,200000")
    ap.add_argument("--steps", default="evaluate,compare")
    ap.add_argument("--lock", type=Path, default=None,
                    help="hold this file locked (exclusively) around each process")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    sizes = sorted({int(x) for x in args.sizes.split(",")})
    steps = args.steps.split(",")
    if len(sizes) < 2 or any(n % BASE for n in sizes) or set(steps) - {"evaluate", "compare"}:
        ap.error(f"--sizes: two or more multiples of {BASE}; --steps: evaluate, compare")
    if "compare" in steps:
        if missing_tac(args.data):
            return 2
        from summarizer.documents.tac import find_tac2011_root

        find_tac2011_root(args.data)  # a folder without TAC in it: one line, before the work
    commit = package_commit()
    lines = [f"# Bytes held per cluster at corpus size (`{command_line('bench_cluster_bytes.py', argv)}`)",
             "", f"Package at {commit}; machine {platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}; at start: {uptime()}. One fresh process per size "
             "and step, traced with tracemalloc (MB = 2^20 bytes), and one more untraced for "
             "its peak RSS. Memory does not depend on the load.", ""]
    if "evaluate" in steps:
        rows = {}
        with tempfile.TemporaryDirectory() as tmp:
            small = Path(tmp) / "small.jsonl"
            tiny_dataset(small, 10)
            for n in sizes:
                tiny_dataset(Path(tmp) / "data.jsonl", n)
                rows[n] = child(_EVALUATE, str(Path(tmp) / "data.jsonl"), str(small),
                                lock=args.lock)
        lines.append(f"Metrics: {', '.join(rows[sizes[0]]['metrics'])}.")
        lines += ["", *table("evaluate: the run's table and its report", rows,
                             [("data set opened MB", "data"),
                              ("+ the run's table MB", "table"),
                              ("table + report MB", "held"), ("peak MB", "peak"),
                              ("peak RSS MB, untraced", "rss")])]
    if "compare" in steps:
        from bench_eval_scale import _replicated

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            with locked(args.lock):
                runs = base_runs(args.data, root)
            rows = {}
            for n in sizes:
                folders = []
                for run in runs:
                    folders.append(root / f"{run.name}x{n}")
                    _replicated(run, folders[-1], n // BASE)
                rows[n] = child(_COMPARE, *map(str, folders), lock=args.lock)
                for f in folders:
                    (f / "report.json").unlink()
                    f.rmdir()
        lines += table("compare: two reports read, and compare_runs (40 resamples, 20 trials)",
                       rows, [("two reports read MB", "read"), ("held by the comparison MB", "held"),
                              ("compare_runs peak MB", "peak"), ("peak RSS MB, untraced", "rss")])
    lines.append(f"At the end: {uptime()}.")
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
