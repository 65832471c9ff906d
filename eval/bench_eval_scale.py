"""Evaluation at corpus size: `summarizer evaluate`, `rouge` and `compare` as the corpus grows.

Usage::

    python eval/bench_eval_scale.py [--sizes 2000,20000] [--runs 3] [--lock /work/team/cpu.lock]
                                    [--steps evaluate,rouge,compare] [--baseline DIR]
                                    [--replicate K] [--out eval/results/bench_eval_scale.md]

Each size N is a JSONL data set of N small clusters built from real TAC 2011 English
sentences (seeded): 3-5 documents of 3-6 sentences (about 2.3 KB of text a cluster) and one
or two references of two sentences. Every step is a fresh `summarizer` process (start-up
included), timed by wall clock and by its CPU seconds (user + system: what others' load
moves least, on a shared machine), its peak RSS read from ``wait4``:

* ``evaluate``: `--method lead --words 50` from an empty folder (lead, so that the harness,
  not the summariser, is measured);
* ``evaluate, reopen``: the same command on the finished folder (reads every result back,
  rewrites the report);
* ``evaluate, resume``: a run sent SIGINT (Ctrl-C) once half its clusters are saved, then
  the same command again; its report must equal the uninterrupted run's (checked: every
  score, interval and per-cluster score);
* ``rouge --lines``: the N summaries against their first references, one summary a line;
* ``rouge folders``: the same as a folder of N summary files and one of 2N reference files
  (``<id>.A``, ``<id>.B``);
* ``compare``: the uninterrupted run against the resumed one (the same summaries: the
  work of the paired tests does not depend on the scores), `--no-plot`.

``--steps`` picks the groups run (``evaluate``: its three steps). ``--baseline DIR`` (a
checkout of other code of this package, e.g. ``git worktree add /tmp/before COMMIT``) runs
the ``evaluate`` steps with that code too, in the same loop, and adds a before/after table:
seconds and peak RSS with both, their ratios, and whether the two reports agree (all but
the throughput and the code fingerprint).

``--steps compare`` alone times only ``compare``: for each N two runs are made once,
untimed (A: ``--words 50``, B: ``--words 40``, so that the scores differ), then each timed
run compares them with the default tests and with ``--resamples 40 --trials 20`` (what the
rest of ``compare`` holds; 40 is the fewest resamples a 95% interval takes and 20 the fewest
trials whose p can fall below .05: results made before these were refused used 1), with
``--baseline``'s code
first when given, and checks that both codes write the same comparison.json and
comparison.md. ``--replicate K`` adds K times the largest N: those two reports with every
cluster listed K times under new ids, written as ``evaluate`` writes a report (indented
JSON).

The growth columns are the CPU seconds (and peak RSS) at N over those at the smallest N:
about N / N_smallest for linear work, its square for quadratic. With ``--lock``, each timed step
holds that file's exclusive lock (others' heavy work waits, and this waits for theirs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, checkout, emit_report, locked, run_script  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
CLI = [sys.executable, "-m", "summarizer"]


def _sentences(data: Path) -> list[str]:
    from summarizer.documents import load_tac2011
    from summarizer.sentences import split_cluster

    return [s.text for c in load_tac2011(data, "english") for s in split_cluster(c)
            if 6 <= len(s.text.split()) <= 30]


def make_dataset(path: Path, n: int, sentences: list[str], seed: int = 0) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            docs = [" ".join(rng.choice(sentences) for _ in range(rng.randint(3, 6)))
                    for _ in range(rng.randint(3, 5))]
            refs = [" ".join(rng.choice(sentences) for _ in range(2))
                    for _ in range(rng.randint(1, 2))]
            fh.write(json.dumps({"id": f"c{i:06d}", "documents": docs, "references": refs})
                     + "\n")


class Timing(NamedTuple):
    wall: float  # seconds by the clock: what a user waits, and what others' load stretches
    cpu: float  # user + system seconds of the process: much less moved by others' load
    rss: float  # peak RSS, MB
    status: int


def _medians(values: list[Timing]) -> tuple[float, float, float]:
    """Median wall seconds, CPU seconds and peak RSS MB of repeated runs of one step."""
    return (statistics.median(v.wall for v in values), statistics.median(v.cpu for v in values),
            statistics.median(v.rss for v in values))


def timed(argv: list[str], lock: Path | None, interrupt_at: tuple[Path, int] | None = None,
          code: Path = REPO) -> Timing:
    """One command run with the package in ``code``; with ``interrupt_at`` (a results file,
    a line count) it gets SIGINT once the file holds that many lines."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    with locked(lock):
        start = time.perf_counter()
        err_file = tempfile.TemporaryFile()
        # Ctrl-C must reach the child even when this script was started in the background
        # (there SIGINT is ignored, and a child inherits that: it would never be interrupted).
        # in ``code``: `python -m` puts the working folder first on sys.path, before PYTHONPATH
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err_file, env=env,
                                cwd=code,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        if interrupt_at is not None:
            path, lines = interrupt_at
            while proc.poll() is None:
                if path.is_file() and path.read_bytes().count(b"\n") >= lines:
                    proc.send_signal(signal.SIGINT)
                    break
                time.sleep(0.05)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
        err_file.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 and interrupt_at is None:
        raise SystemExit(f"{' '.join(argv[2:])} failed ({proc.returncode}): {err[-500:]}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def _evaluate(data: Path, out: Path, words: int) -> list[str]:
    return [*CLI, "evaluate", str(data), "--method", "lead", "--words", str(words),
            "--out", str(out), "--no-progress"]


def _report_differences(a: Path, b: Path,
                        keys: tuple[str, ...] = ("scores", "per_cluster", "rouge", "dataset"),
                        ) -> list[str]:
    """The parts of two runs' reports that differ (throughput aside: it is measured)."""
    ra, rb = (json.loads((p / "report.json").read_text()) for p in (a, b))
    keys = keys or tuple(k for k in {**ra, **rb} if k not in ("throughput", "code_fingerprint"))
    return [k for k in keys if ra.get(k) != rb.get(k)]


def _evaluate_steps(data: Path, base: Path, n: int, lock: Path | None, code: Path,
                    add, problems: list[str], run: int) -> Path:
    """The three evaluate steps with the package in ``code``; the finished run's folder."""
    full, broken = base / "full", base / "broken"
    add("evaluate", timed(_evaluate(data, full, 50), lock, code=code))
    add("evaluate, reopen finished run", timed(_evaluate(data, full, 50), lock, code=code))
    status = timed(_evaluate(data, broken, 50), lock, code=code,
                   interrupt_at=(broken / "results.jsonl", n // 2)).status
    add("evaluate, resume after Ctrl-C at half", timed(_evaluate(data, broken, 50), lock, code=code))
    if status == 0:
        problems.append(f"run {run}: finished before the interrupt")
    problems += [f"run {run}: {k} differ" for k in _report_differences(full, broken)]
    return full


def _pairs(run: Path, data: Path, root: Path) -> None:
    """--lines files and a folder pair from a finished run and its data set."""
    summaries = {}
    for line in open(run / "results.jsonl", encoding="utf-8"):
        r = json.loads(line)
        summaries[r["id"]] = r["summary_sentences"]
    (root / "sys").mkdir()
    (root / "refs").mkdir()
    with open(root / "sys.txt", "w", encoding="utf-8") as s_fh, \
            open(root / "ref.txt", "w", encoding="utf-8") as r_fh:
        for line in open(data, encoding="utf-8"):
            c = json.loads(line)
            sents = summaries[c["id"]]
            s_fh.write(" ".join(sents) + "\n")
            r_fh.write(c["references"][0] + "\n")
            (root / "sys" / c["id"]).write_text("\n".join(sents) + "\n", encoding="utf-8")
            for k, ref in enumerate(c["references"]):
                (root / "refs" / f"{c['id']}.{'AB'[k]}").write_text(ref + "\n", encoding="utf-8")


def _size_kb(path: Path) -> float:
    return path.stat().st_size / 1024


def _replicated(run: Path, out: Path, k: int) -> None:
    """``run``'s report with each cluster listed ``k`` times under new ids (report.json only:
    all that ``compare`` reads)."""
    report = json.loads((run / "report.json").read_text(encoding="utf-8"))
    report["per_cluster"] = [{**c, "id": f"{c['id']}.{r}"} for r in range(k)
                             for c in report["per_cluster"]]
    for key in ("clusters", "total_clusters"):
        report["dataset"][key] *= k
    out.mkdir()
    with open(out / "report.json", "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def size_row(step: str, n: int, by_n: dict[int, tuple[float, float, float]],
             first: int) -> str:
    """One row of the evaluate steps' table: ``step`` at ``n`` clusters, its growth against
    the ``first`` size in CPU seconds (what others' load moves least, and what the text
    under the table quotes; the wall seconds have their own column)."""
    wall, cpu, rss = by_n[n]
    growth = (f"{cpu / by_n[first][1]:.1f}x for {n / first:g}x clusters"
              if n != first else "")
    rss_growth = f"{rss / by_n[first][2]:.2f}x" if n != first else ""
    added = (f"{1024 * (rss - by_n[first][2]) / (n - first):.1f}" if n != first else "")
    return (f"| {step} | {n:,} | {wall:.2f} | {cpu:.2f} | {1000 * wall / n:.2f} | "
            f"{rss:.0f} | {added} | {growth} | {rss_growth} |")


def rss_per_cluster(med: dict[tuple[str, int, str], tuple[float, float, float]],
                    tests: list[str], codes: list[str], ns: list[int]) -> list[str]:
    """The lines on peak RSS per added cluster, from the two largest sizes (the slope at
    scale), for each of ``tests`` and ``codes``; with one size there is no slope (it was
    a division by zero), and the line says what gives one."""
    if len(ns) < 2:
        return ["", f"Peak RSS per added cluster: not measured (one size, {ns[0]:,} clusters; "
                "give two --sizes or --replicate K)."]
    lo, hi = ns[-2], ns[-1]
    lines = ["", f"Peak RSS per added cluster from {lo:,} to {hi:,} clusters (by extrapolation, "
             "at 1,000,000 clusters):"]
    for label in tests:
        for code_name in codes:
            per = 1024 * (med[(label, hi, code_name)][2] - med[(label, lo, code_name)][2]) / \
                (hi - lo)
            at_million = med[(label, hi, code_name)][2] + per * (1_000_000 - hi) / 1024
            lines.append(f"- {label}, {code_name}: {per:.2f} KB a cluster "
                         f"({at_million / 1024:.2f} GB)")
    return lines


def _compare_only(args: argparse.Namespace, sizes: list[int], sentences: list[str],
                  work: Path) -> int:
    """``--steps compare``: two runs made once a size, compared ``--runs`` times by each code."""
    tests = {"default tests": [], "`--resamples 40 --trials 20`": ["--resamples", "40",
                                                                  "--trials", "20"]}
    codes = {"before": args.baseline, "after": REPO} if args.baseline else {"after": REPO}
    runs: dict[int, tuple[Path, Path]] = {}
    for n in sizes:
        data = work / f"data{n}.jsonl"
        make_dataset(data, n, sentences)
        a, b = work / f"n{n}a", work / f"n{n}b"
        for out, words in ((a, 50), (b, 40)):
            with locked(args.lock, shared=True):  # heavy, not timed
                subprocess.run(_evaluate(data, out, words), check=True, cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
        runs[n] = (a, b)
        data.unlink()
    if args.replicate > 1:
        n = max(sizes)
        k = args.replicate * n
        runs[k] = (work / f"n{k}a", work / f"n{k}b")
        for src, dst in zip(runs[n], runs[k], strict=True):
            _replicated(src, dst, args.replicate)
    load_start = os.getloadavg()
    measured: dict[tuple[str, int, str], list[Timing]] = {}
    same: list[str] = []
    for run in range(args.runs):
        for n, (a, b) in runs.items():
            for label, extra in tests.items():
                outputs = {}
                for code_name, code in codes.items():
                    out = work / f"cmp-{code_name}"
                    measured.setdefault((label, n, code_name), []).append(
                        timed([*CLI, "compare", str(a), str(b), "--out", str(out), "--no-plot",
                               *extra], args.lock, code=code))
                    outputs[code_name] = [(out / f).read_bytes()
                                          for f in ("comparison.json", "comparison.md")]
                    shutil.rmtree(out)
                if len(set(map(tuple, outputs.values()))) > 1:
                    same.append(f"{n:,} clusters, {label}, run {run}")
    load_end = os.getloadavg()
    med = {key: _medians(values) for key, values in measured.items()}
    ns = list(runs)
    lines = [
        "# `compare` at corpus size" + (f": {args.baseline} (before) against this checkout "
                                        "(after)" if args.baseline else ""),
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average {load_start[0]:.1f} at start, "
        f"{load_end[0]:.1f} at end (`uptime`); median of {args.runs} run(s) per cell, each a "
        "fresh process (start-up included)"
        + (", each timed step holding the team's CPU lock" if args.lock else "")
        + (", the code before first in each pair" if args.baseline else "") + ".",
        "",
        "Shape: `compare A B --no-plot`, A = `evaluate --method lead --words 50`, B = "
        "`--words 40`, on N clusters of 3-5 short TAC 2011 English documents (JSONL "
        "defaults: ROUGE-1, -2, -L, -SU4)"
        + (f"; {ns[-1]:,}: the two {max(sizes):,}-cluster reports with every cluster listed "
           f"{args.replicate} times under new ids" if args.replicate > 1 else "")
        + ". report.json: " + ", ".join(
            f"{n:,} clusters {(runs[n][0] / 'report.json').stat().st_size / 2**20:.1f} MB"
            for n in ns) + ". Tests at their defaults (1,000 resamples, 10,000 trials), and "
        "cut to the fewest (40 resamples, what a 95% interval takes, and 20 trials, the "
        "fewest whose p can fall below .05: what the rest of `compare` holds).",
        "",
    ]
    before = "before" in codes
    head = ("| tests | clusters | seconds before | seconds after | time ratio | CPU s before | "
            "CPU s after | CPU ratio | peak RSS MB before | peak RSS MB after | RSS ratio |"
            ) if before else "| tests | clusters | seconds | CPU s | peak RSS MB |"
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    for label in tests:
        for n in ns:
            t1, c1, m1 = med[(label, n, "after")]
            if before:
                t0, c0, m0 = med[(label, n, "before")]
                lines.append(f"| {label} | {n:,} | {t0:.2f} | {t1:.2f} | {t1 / t0:.2f} | "
                             f"{c0:.2f} | {c1:.2f} | {c1 / c0:.2f} | "
                             f"{m0:.1f} | {m1:.1f} | {m1 / m0:.2f} |")
            else:
                lines.append(f"| {label} | {n:,} | {t1:.2f} | {c1:.2f} | {m1:.1f} |")
    lines += rss_per_cluster(med, list(tests), list(codes), ns)
    if before:
        lines += ["", "comparison.json and comparison.md the same bytes before and after: "
                  + ("yes, every run" if not same else "NO: " + "; ".join(same)) + "."]
    emit_report("\n".join(lines), args.out)
    return 1 if same else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="2000,20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lock", type=Path, help="flock this file exclusively for each timed step")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--steps", default="evaluate,rouge,compare",
                    help="the groups of steps to run (evaluate, rouge, compare)")
    ap.add_argument("--baseline", type=Path,
                    help="a checkout of other code: its evaluate steps are run too, side by side")
    ap.add_argument("--replicate", type=int, default=1, metavar="K",
                    help="with --steps compare alone: also compare K times the largest size")
    args = ap.parse_args()
    steps = set(args.steps.split(","))
    if not steps or steps - {"evaluate", "rouge", "compare"}:
        ap.error("--steps takes evaluate, rouge and compare, comma-separated")
    checkout(ap, args.baseline)
    if "rouge" in steps and "evaluate" not in steps:
        ap.error("rouge needs the evaluate steps (it uses their runs)")
    if "evaluate" in steps and args.replicate != 1:
        ap.error("--replicate goes with --steps compare alone")
    try:
        sizes = [int(x) for x in args.sizes.split(",")]
    except ValueError:
        ap.error("--sizes must be whole numbers")
    if not all(10 <= n <= 200_000 for n in sizes) or not 1 <= args.runs <= 20:
        ap.error("--sizes must each be 10..200,000 clusters, --runs 1..20")
    if not 1 <= args.replicate <= 50:
        ap.error("--replicate must be 1..50")
    sentences = _sentences(args.data)
    if steps == {"compare"}:
        work = Path(tempfile.mkdtemp(prefix="bench_eval_scale."))
        try:
            return _compare_only(args, sizes, sentences, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    load_start = os.getloadavg()
    rows: dict[str, dict[int, tuple[float, float, float]]] = {}
    files: dict[int, dict[str, float]] = {}
    resumed: dict[int, list[str]] = {}  # per size, what went wrong in any run
    before: dict[str, dict[int, tuple[float, float, float]]] = {}  # --baseline's evaluate steps
    agree: dict[int, list[str]] = {}  # per size, report parts where before and after differ
    work = Path(tempfile.mkdtemp(prefix="bench_eval_scale."))
    try:
        for n in sizes:
            data = work / f"data{n}.jsonl"
            make_dataset(data, n, sentences)
            measured: dict[str, list[Timing]] = {}
            measured_before: dict[str, list[Timing]] = {}

            def add(step: str, timing: Timing, into=measured) -> None:
                into.setdefault(step, []).append(timing)

            for run in range(args.runs):
                base = work / f"n{n}r{run}"
                base.mkdir()
                problems = resumed.setdefault(n, [])
                if args.baseline is not None:  # first, so that neither side is always second
                    (base / "before").mkdir()
                    old = _evaluate_steps(data, base / "before", n, args.lock, args.baseline,
                                          lambda *a, to=measured_before: add(*a, into=to),
                                          problems, run)
                full = _evaluate_steps(data, base, n, args.lock, REPO, add, problems, run)
                if args.baseline is not None:
                    agree.setdefault(n, []).extend(
                        f"run {run}: {k}" for k in _report_differences(old, full, ()))
                    shutil.rmtree(base / "before")
                broken = base / "broken"
                if "rouge" in steps:
                    pairs = base / "pairs"
                    pairs.mkdir()
                    _pairs(full, data, pairs)
                    add("rouge --lines", timed([*CLI, "rouge", str(pairs / "sys.txt"),
                                                str(pairs / "ref.txt"), "--lines"], args.lock))
                    add("rouge folders", timed([*CLI, "rouge", str(pairs / "sys"),
                                                str(pairs / "refs")], args.lock))
                if "compare" in steps:
                    add("compare (2 runs)", timed([*CLI, "compare", str(full), str(broken),
                                                   "--out", str(base / "cmp"), "--no-plot"],
                                                  args.lock))
                if run == 0:
                    files[n] = {
                        "data set JSONL": _size_kb(data),
                        "results.jsonl": _size_kb(full / "results.jsonl"),
                        "report.json": _size_kb(full / "report.json"),
                        "run.json": _size_kb(full / "run.json"),
                    }
                shutil.rmtree(base)
            for step, values in measured_before.items():
                before.setdefault(step, {})[n] = _medians(values)
            for step, values in measured.items():
                rows.setdefault(step, {})[n] = _medians(values)
            data.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_end = os.getloadavg()
    first = sizes[0]
    lines = [
        "# Evaluation at corpus size (`evaluate`, `rouge`, `compare`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average {load_start[0]:.1f} at start, "
        f"{load_end[0]:.1f} at end (`uptime`); median of {args.runs} run(s) per cell, each a "
        "fresh process (start-up included)"
        + (", each timed step holding the team's CPU lock" if args.lock else "") + ".",
        "",
        "Shape: N clusters of 3-5 short TAC 2011 English documents (about 2.3 KB of text a "
        "cluster), one or two 2-sentence references; `--method lead --words 50`; ROUGE with "
        "the JSONL defaults (R-1, R-2, R-L, R-SU4, 1,000 bootstrap resamples).",
        "",
        "| step | clusters | seconds | CPU s | ms per cluster | peak RSS MB | RSS KB per added "
        f"cluster | CPU time growth vs {first:,} | RSS growth vs {first:,} |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for step, by_n in rows.items():
        lines += [size_row(step, n, by_n, first) for n in sizes]
    lines += ["", "Files (KB; in brackets, bytes per cluster):", "",
              "| file | " + " | ".join(f"{n:,} clusters" for n in sizes) + " |",
              "|---|" + "---|" * len(sizes)]
    for name in files[first]:
        lines.append(f"| {name} | " + " | ".join(
            f"{files[n][name]:,.0f} ({1024 * files[n][name] / n:,.0f})" for n in sizes) + " |")
    lines += ["", "Interrupted at half and resumed, the report equals the uninterrupted one "
              "(every score, interval and per-cluster score): "
              + ", ".join(f"{n:,}: {'NO (' + '; '.join(resumed[n]) + ')' if resumed[n] else 'yes'}"
                          for n in sizes) + "."]
    if args.baseline is not None:
        lines += ["", f"Before ({args.baseline}) and after (this checkout), the same commands "
                  "in the same loop (before first in each run); ratio = after / before:", "",
                  "| step | clusters | seconds before | seconds after | time ratio | "
                  "CPU s before | CPU s after | CPU ratio | "
                  "peak RSS MB before | peak RSS MB after | RSS ratio |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for step, by_n in before.items():
            for n in sizes:
                (t0, c0, m0), (t1, c1, m1) = by_n[n], rows[step][n]
                lines.append(f"| {step} | {n:,} | {t0:.2f} | {t1:.2f} | {t1 / t0:.2f} | "
                             f"{c0:.2f} | {c1:.2f} | {c1 / c0:.2f} | "
                             f"{m0:.0f} | {m1:.0f} | {m1 / m0:.2f} |")
        lines += ["", "The reports before and after agree (all but the throughput and the code "
                  "fingerprint): " + ", ".join(
                      f"{n:,}: {'NO (' + '; '.join(agree[n]) + ')' if agree[n] else 'yes'}"
                      for n in sizes) + "."]
    emit_report("\n".join(lines), args.out)
    return 1 if any(resumed.values()) or any(agree.values()) else 0


if __name__ == "__main__":
    run_script(main)
