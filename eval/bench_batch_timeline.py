"""Where a batch job's time goes: a timeline of one fresh job, driver and workers.

Usage::

    python eval/bench_batch_timeline.py [--clusters 1000] [--docs 10] [--sentences 0]
                                        [--engine ray] [--workers 2] [--repeats 1]
                                        [--method coverage|nothing] [--job batch|evaluate]
                                        [--batch-tokens 50000]
                                        [--out eval/results/bench_batch_timeline.md]

The same input as ``eval/bench_batch.py`` (its ``build_input``). Each run is a
fresh process: for Ray, ``ray.init(num_cpus=W)`` (timed apart), then one
``summarize_dataset`` job. Timestamps, in seconds from the job's start: the
driver's steps (its checks before the input, the input read and cut into
batches, the batches handed to Ray Data, the first and last batch back, the
Parquet shards written) and each worker's (its process started, the task
unpickled in it, the summariser set up, its first and last cluster). Per
worker: the seconds inside clusters and the gaps between clusters (a gap of
more than 5 ms is a batch boundary: Ray Data's and the engine's cost per
batch). Per worker too: the CPU of the thread that ran each cluster (per cluster, where
the one process and an actor can be compared whatever else runs), and the worker
process's CPU outside its clusters up to its last one (its start, its imports, the
summariser's set-up, the engine's and Ray Data's handling of each batch, the threads of
Ray in the actor). The parent process samples the CPU of every process of the job every
0.2 s (it is not one of them): the driver, the workers, Ray Data's helper
actors, Ray's daemons; with the machine's idle cores, over one-second windows
of the start. The 1-minute load average at the start and end of each run is
printed (the machine is shared: other jobs stretch every figure).

The driver's own cost: at each of its steps the driver records its process's CPU (all its
threads: this package's code, Ray Data's scheduling thread, Ray's own threads) and its
main thread's (this package's code, and Ray Data's calls made from it), so the driver's CPU
per cluster is split by phase: reading and batching the input, the streaming of batches
through Ray Data (results unpickled, failures ordered, shards written), the end.
``--method nothing`` is a summariser that does almost nothing (the first sentences of the
first document, cut at ". ", up to ``--words``: a summary of the usual shape, whose rows
the driver writes as it writes any), so that the actors keep up and the driver's
CPU per cluster is what one driver costs; ``--clusters 2000,10000`` runs each size
``--repeats`` times and gives, from the medians, the marginal driver CPU per cluster
(the fixed cost of a job, Ray Data's import and start-up, cancels out) and the clusters/s
one driver core can feed: 1 / that (``--batch-tokens``: batch's words a batch, whose
Ray Data cost in the driver is per batch). ``--job evaluate`` times ``evaluate(...,
engine="ray")`` over the same clusters instead (each given a reference: the first
``--words`` words of its second article), where the driver reads and cleans the clusters,
pickles them to the actors, and appends each result to ``results.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import build_input, load  # noqa: E402
from bench_common import bound_counts, command_line, emit_report, run_script  # noqa: E402

from summarizer.summarizers.base import Summarizer  # noqa: E402


def child(args: argparse.Namespace) -> None:
    """One job in this fresh process; prints one JSON line of driver events: at each, the
    wall clock, this process's CPU (every thread) and its main thread's."""
    import resource

    from summarizer.batch import job as job_module
    from summarizer.batch import output, source

    events: list[tuple[str, float, float, float]] = []

    def mark(name: str) -> None:
        events.append((name, time.time(), time.process_time(), time.thread_time()))

    job_module.SummariseTask = _timed_task(job_module.SummariseTask, args.events)

    def timed_items(items: Any) -> Any:
        first = True
        for item in items:
            if first:
                mark("input: first row read")
                first = False
            yield item
        mark("input: last row read and batched")

    rows = source.Source.rows
    source.Source.rows = lambda self: timed_items(rows(self))  # type: ignore[method-assign]
    write = output.OutputFolder.write_shard

    def timed_write(self: Any, *a: Any, **k: Any) -> Any:
        mark("Parquet shard: writing")
        result = write(self, *a, **k)
        mark("Parquet shard: written")
        return result

    output.OutputFolder.write_shard = timed_write  # type: ignore[method-assign]

    def timed(run: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            first = True
            for pack in run(*a, **k):
                if first:
                    mark("first batch of results back")
                    first = False
                yield pack
            mark("last batch of results back")
        return wrapper

    job_module.run_ray, job_module.run_local = timed(job_module.run_ray), timed(job_module.run_local)
    if args.job == "evaluate":
        from summarizer.batch import evaluate as ray_evaluate
        from summarizer.evaluation import run as run_module

        ray_evaluate.ScoreTask = _timed_task(ray_evaluate.ScoreTask, args.events)
        ray_evaluate.run_ray = timed(ray_evaluate.run_ray)
        pack = ray_evaluate.pack_items
        ray_evaluate.pack_items = lambda items, *a: pack(timed_items(items), *a)
        finish = run_module.finish

        def timed_finish(*a: Any, **k: Any) -> Any:
            mark("report: building")
            return finish(*a, **k)

        run_module.finish = timed_finish
    if args.early_helpers:  # bench_batch's ray-early-helpers variant
        from bench_batch import helpers_at_connect

        helpers_at_connect()
    init = 0.0
    if args.engine == "ray":
        import ray

        t = time.perf_counter()
        ray.init(num_cpus=args.workers, log_to_driver=False)
        init = time.perf_counter() - t
    method: Any = Nothing(args.words) if args.method == "nothing" else args.method
    if args.job == "evaluate" and args.method == "nothing":  # evaluate takes method names
        from summarizer import summarizers

        summarizers.METHODS["nothing"] = "__main__:Nothing"
        method = "nothing"
    workers = args.workers if args.engine == "ray" else None
    Path(args.events, "start").touch()  # the parent counts CPU from here
    mark("job start")
    if args.job == "evaluate":
        from summarizer.evaluation.run import evaluate

        result = evaluate(args.input, method, out=args.job_out, words=args.words,
                          engine=args.engine, num_workers=workers, progress=False)
        done = result.computed
    else:
        done = job_module.summarize_dataset(args.input, args.job_out, method, words=args.words,
                                            engine=args.engine, progress=False,
                                            num_workers=workers,
                                            batch_tokens=args.batch_tokens).done
    mark("job end")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(json.dumps({"init": init, "done": done, "driver": events, "driver_peak": peak}))


class Nothing(Summarizer):
    """Almost no work: the first sentences of the first document, cut at ". ", up to
    ``words`` words, with their offsets; a summary of the usual shape (3-6 sentences) for
    the driver to write, at a few microseconds a cluster."""

    name = "nothing"

    def __init__(self, words: int = 100) -> None:
        self.words = words

    def summarize(self, cluster: Any, budget: Any) -> Any:
        from summarizer.summarizers.base import Summary, SummarySentence

        doc = cluster.documents[0]
        text, start, total, out = doc.text, 0, 0, []
        while start < len(text) and total < self.words:
            end = text.find(". ", start)
            end = len(text) if end < 0 else end + 1
            total += len(text[start:end].split())
            out.append(SummarySentence(text[start:end], doc.id, len(out), start, end, 0.0))
            start = end + 1
        return Summary(out, self.name, budget, self.settings())

    def settings(self) -> dict[str, Any]:
        return {"method": self.name, "words": self.words}


def _timed_task(base: type, folder: str) -> type:
    """``base`` (the job's task) recording, in each process that runs it, when it was
    unpickled there, set up, and when each cluster began and ended (one file a process)."""

    class Timed(base):  # type: ignore[misc,valid-type]
        def _event(self, name: str, **more: Any) -> None:
            with open(Path(folder, f"{os.getpid()}.jsonl"), "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"e": name, "t": time.time(), **more}) + "\n")

        def __setstate__(self, state: dict) -> None:
            self.__dict__.update(state)
            self._event("unpickled")

        def setup(self) -> None:
            import psutil

            self._event("setup", created=psutil.Process().create_time())
            super().setup()
            self._event("set up")

        def __call__(self, row: Any) -> Any:
            begun, cpu = time.time(), time.thread_time()
            result = super().__call__(row)
            # the CPU of the thread that ran the cluster: unlike wall time, not stretched
            # by other processes taking the core (caches they evict still show)
            self._event("cluster", begun=begun, cpu=time.thread_time() - cpu,
                        process_cpu=time.process_time())
            return result

    Timed.__name__ = Timed.__qualname__ = base.__name__
    return Timed


DAEMONS = "Ray daemons (raylet, GCS, dashboard, agents, log monitor)"
RECHECK = (None, "idle Ray workers", DAEMONS)


def _kind(proc: Any, driver: int) -> str:
    if proc.pid == driver:
        return "driver"
    line = " ".join(proc.cmdline())
    if "MapWorker" in line:
        return "workers"
    for helper in ("_StatsActor", "_AutoscalingCoordinatorActor", "ActorLocationTracker",
                   "_Tries"):
        if helper in line:
            return "Ray Data helper actors" if helper != "_Tries" else "tries counter"
    if "ray::IDLE" in line:
        return "idle Ray workers"
    return DAEMONS


def run_once(args: argparse.Namespace, inp: Path, out: Path) -> dict:
    """One fresh job in a child process, its processes' CPU sampled from here."""
    import psutil

    events = Path(f"{out}-events")
    events.mkdir(parents=True)
    cmd = [sys.executable, __file__, "--child", "--engine", args.engine, "--input", str(inp),
           "--job-out", str(out), "--method", args.method, "--words", str(args.words),
           "--workers", str(args.workers), "--events", str(events), "--job", args.job,
           "--batch-tokens", str(args.batch_tokens)]
    if args.early_helpers:
        cmd.append("--early-helpers")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    load_start = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    top = psutil.Process(proc.pid)
    samples: list[tuple[float, float, dict[int, float]]] = []
    kinds: dict[int, str] = {}
    while proc.poll() is None:
        if (events / "start").exists():
            idle = sum(int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[4:6])
            cpu: dict[int, float] = {}
            try:
                procs = [top, *top.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in procs:
                try:
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                    if kinds.get(p.pid) in RECHECK:  # a worker's title comes later
                        kinds[p.pid] = _kind(p, proc.pid)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            samples.append((time.time(), idle / os.sysconf("SC_CLK_TCK"), cpu))
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"the job failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["load"] = (load_start, os.getloadavg()[0])
    result["workers"] = [[json.loads(ln) for ln in f.read_text().splitlines()]
                         for f in sorted(events.glob("*.jsonl"))]
    seen: dict[int, float] = {}  # a process that ended keeps its last CPU
    result["samples"] = []
    for t, idle, cpu in samples:
        seen.update(cpu)
        result["samples"].append((t, idle, _by_kind(seen, kinds)))
    return result


def _by_kind(cpu: dict[int, float], kinds: dict[int, str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for pid, seconds in cpu.items():
        kind = kinds.get(pid, "?")
        out[kind] = out.get(kind, 0.0) + seconds
    return out


PHASES = (  # the driver's phases: from one step to the next (the last of each name)
    ("set-up: checks, fingerprints, output folder, Ray Data imported", "job start",
     "input: first row read"),
    ("reading and batching the input (before Ray Data is handed any)",
     "input: first row read", "input: last row read and batched"),
    ("streaming: Ray Data's scheduling, results back, shards written",
     "input: last row read and batched", "last batch of results back"),
    ("the end: last shard or report, files closed", "last batch of results back", "job end"),
    ("the whole job", "job start", "job end"),
)


def driver_phases(run: dict) -> dict[str, tuple[float, float, float]]:
    """Wall s, the driver's CPU s (all threads) and its main thread's, in each phase."""
    at = {e[0]: e[1:] for e in run["driver"]}
    return {name: tuple(at[b][i] - at[a][i] for i in range(3))  # type: ignore[misc]
            for name, a, b in PHASES if a in at and b in at}


def driver_table(runs_by_size: dict[int, list[dict]]) -> list[str]:
    """Medians over the runs of each size, and the marginal cost between the smallest and
    the largest size: what one more cluster costs the driver, its job's fixed costs out."""
    sizes = sorted(runs_by_size)
    phases = [p for p in PHASES  # those every run marks (evaluate's local engine: fewer)
              if all(p[0] in driver_phases(r) for runs in runs_by_size.values() for r in runs)]
    med = {n: {name: tuple(statistics.median(driver_phases(r)[name][i] for r in runs)
                           for i in range(3))
               for name, _, _ in phases}
           for n, runs in runs_by_size.items()}
    lines = ["## The driver's CPU per cluster", "",
             "Medians of " + ", ".join(f"{len(runs_by_size[n])} runs of {n:,} clusters"
                                       for n in sizes) + ". CPU ms per cluster: the phase's "
             "CPU over the job's clusters.", "",
             "| phase | " + " | ".join(f"{n:,}: wall s | CPU s | main thread CPU s | "
                                      "CPU ms per cluster" for n in sizes) + " |",
             "|---|" + "---:|---:|---:|---:|" * len(sizes)]
    for name, _, _ in phases:
        lines.append(f"| {name} | " + " | ".join(
            f"{med[n][name][0]:.2f} | {med[n][name][1]:.2f} | {med[n][name][2]:.2f} | "
            f"{1000 * med[n][name][1] / n:.3f}" for n in sizes) + " |")
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]
        lines += ["", f"Marginal driver CPU per cluster, from {a:,} to {b:,} clusters "
                  "(medians' difference over the clusters' difference), and the clusters/s "
                  "one driver core feeds at that cost:", "",
                  "| phase | CPU ms per cluster | of which main thread | clusters/s "
                  "per driver core |", "|---|---:|---:|---:|"]
        for name, _, _ in (p for p in phases if p is not PHASES[0]):  # set-up: fixed
            cpu, main = ((med[b][name][i] - med[a][name][i]) / (b - a) for i in (1, 2))
            lines.append(f"| {name} | {1000 * cpu:.3f} | {1000 * main:.3f} | "
                         + (f"{1 / cpu:,.0f}" if cpu > 0 else "-") + " |")
    peaks = {n: statistics.median(r["driver_peak"] for r in runs)
             for n, runs in runs_by_size.items()}
    lines += ["", "The driver's peak RSS (median): " + ", ".join(
        f"{peaks[n] / 2**20:,.0f} MiB at {n:,} clusters" for n in sizes) + ".", ""]
    return lines


def report(run: dict, index: int) -> list[str]:
    """One run as markdown: the driver's and workers' steps, the CPU by process kind."""
    driver = {e[0]: e[1] for e in run["driver"]}
    t0 = driver["job start"]
    steps = [(e[0], e[1] - t0, "driver") for e in run["driver"]]
    workers = []
    for k, evs in enumerate(w for w in run["workers"] if any(e["e"] == "cluster" for e in w)):
        first = {e["e"]: e for e in reversed(evs)}
        clusters = [e for e in evs if e["e"] == "cluster"]
        name = f"worker {k + 1}"
        if "setup" in first:
            steps.append(("process started", first["setup"]["created"] - t0, name))
        if "unpickled" in first:
            steps.append(("task unpickled (Ray Data and the job imported)",
                          first["unpickled"]["t"] - t0, name))
        if "setup" in first:
            steps.append(("summariser set-up begun", first["setup"]["t"] - t0, name))
        if "set up" in first:
            steps.append(("summariser set up (model loaded, one warm-up cluster)",
                          first["set up"]["t"] - t0, name))
        steps.append(("first cluster begun", clusters[0]["begun"] - t0, name))
        steps.append(("last cluster done", clusters[-1]["t"] - t0, name))
        gaps = [b["begun"] - a["t"] for a, b in pairwise(clusters)]
        big = [g for g in gaps if g > 0.005]
        cpu = sum(e["cpu"] for e in clusters)
        workers.append((name, len(clusters), sum(e["t"] - e["begun"] for e in clusters),
                        sum(gaps), len(big), statistics.median(big) if big else 0.0,
                        clusters[-1]["t"] - t0, 1000 * cpu / len(clusters),
                        clusters[-1]["process_cpu"] - cpu))
    lines = [f"### Run {index + 1}: job {driver['job end'] - t0:.1f} s, ray.init {run['init']:.1f} s "
             f"(apart), 1-min load {run['load'][0]:.2f} -> {run['load'][1]:.2f}", "",
             "| s from the job's start | where | step |", "|---:|---|---|"]
    lines += [f"| {t:.2f} | {who} | {name} |" for name, t, who in sorted(steps, key=lambda s: s[1])]
    lines += ["", f"The driver's CPU by phase ({run['done']} clusters; its peak RSS "
              f"{run['driver_peak'] / 2**20:.0f} MiB):", "",
              "| phase | wall s | CPU s (all threads) | of which main thread | CPU ms per cluster |",
              "|---|---:|---:|---:|---:|"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} | {main:.2f} | "
              f"{1000 * cpu / max(run['done'], 1):.3f} |"
              for name, (wall, cpu, main) in driver_phases(run).items()]
    lines += ["", "| worker | clusters | s in clusters | s between clusters | batch "
              "boundaries (gaps > 5 ms) | median boundary ms | last cluster done at s | "
              "CPU ms per cluster (its thread) | process CPU s outside clusters |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {n} | {c} | {busy:.2f} | {gap:.2f} | {nb} | {1000 * med:.0f} | {end:.2f} | "
              f"{cpu:.1f} | {rest:.2f} |"
              for n, c, busy, gap, nb, med, end, cpu, rest in workers]
    samples = run["samples"]
    if len(samples) > 1:
        kinds = sorted({k for _, _, cpu in samples for k in cpu})
        first, last = samples[0], samples[-1]
        lines += ["", "CPU s over the job, by process (sampled every 0.2 s from outside "
                  "the job; a process's CPU before the job's start left out):", "",
                  "| process | CPU s |", "|---|---:|"]
        lines += [f"| {k} | {last[2].get(k, 0.0) - first[2].get(k, 0.0):.2f} |" for k in kinds]
        lines += ["", "The job's first seconds, one-second windows: CPU s of each kind of "
                  "process, and the machine's idle cores (other users' jobs included):", "",
                  "| s | idle cores | " + " | ".join(kinds) + " |",
                  "|---:|---:|" + "---:|" * len(kinds)]
        i = 0
        while i < len(samples) - 1 and samples[i][0] - t0 < 8:
            j = i
            while j < len(samples) - 1 and samples[j][0] - samples[i][0] < 1.0:
                j += 1
            a, b = samples[i], samples[j]
            span = max(b[0] - a[0], 1e-9)
            lines.append(f"| {a[0] - t0:.1f}-{b[0] - t0:.1f} | {(b[1] - a[1]) / span:.2f} | "
                         + " | ".join(f"{b[2].get(k, 0.0) - a[2].get(k, 0.0):.2f}"
                                      for k in kinds) + " |")
            i = j
    return lines + [""]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clusters", default="1000",
                   help="clusters, or several sizes comma-separated (2000,10000): the "
                        "driver's marginal CPU per cluster between the smallest and largest")
    p.add_argument("--docs", type=int, default=10)
    p.add_argument("--sentences", type=int, default=0)
    p.add_argument("--engine", choices=("ray", "local"), default="ray")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--method", default="coverage",
                   help="a method name, or nothing: a summariser that does almost nothing")
    p.add_argument("--job", choices=("batch", "evaluate"), default="batch")
    p.add_argument("--batch-tokens", type=int, default=50_000,
                   help="batch's batch_tokens (its default: 50,000 words a batch)")
    p.add_argument("--words", type=int, default=100)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--early-helpers", action="store_true",
                   help="Ray Data's helper actors asked for before the driver reads the input "
                        "(eval/bench_batch.py's ray-early-helpers)")
    p.add_argument("--out", type=Path)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    p.add_argument("--job-out", help=argparse.SUPPRESS)
    p.add_argument("--events", help=argparse.SUPPRESS)
    args = p.parse_args()
    # before any input is built, as bench_batch.py's: --workers 0 and --sentences -5 ran to
    # a report of them, exit 0; --docs, --words or --batch-tokens 0 failed the job after it
    bound_counts(p, args, docs=(1, 10), sentences=(0, 10_000), workers=(1, 256),
                 words=(1, 100_000), repeats=(1, 20), batch_tokens=(1, 1_000_000))
    if args.child:
        child(args)
        return
    try:
        sizes = sorted({int(n) for n in args.clusters.split(",")})
    except ValueError:
        p.error(f"--clusters takes numbers, comma-separated, got {args.clusters}")
    if not sizes or sizes[0] < 1 or sizes[-1] > 100_000:  # 10^11 built input until stopped
        p.error(f"--clusters must each be 1..100,000, got {args.clusters}")
    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_timeline_"))
    before = load()
    inputs: dict[int, Path] = {}
    for n in sizes:
        inputs[n] = tmp / f"clusters{n}.jsonl"
        shape = build_input(inputs[n], n, args.docs, args.sentences, args.seed)
        if args.job == "evaluate":
            inputs[n] = with_references(inputs[n], args.words)
    runs_by_size: dict[int, list[dict]] = {n: [] for n in sizes}
    for r in range(args.repeats):  # the sizes alternate: the load moves them all alike
        for n in sizes:
            runs_by_size[n].append(run_once(args, inputs[n], tmp / f"out{n}-{r}"))
    what = "an evaluate job's" if args.job == "evaluate" else "a batch job's"
    lines = [f"# Where {what} time goes: {args.engine}"
             + (f", {args.workers} workers, a fresh instance" if args.engine == "ray" else "")
             + (", Ray Data's helpers asked for before the input is read"
                if args.early_helpers else ""),
             "", f"Input: {', '.join(f'{n:,}' for n in sizes)} clusters built from "
             f"{shape['origin']}: {shape['docs']} articles x {shape['sentences']} each; "
             f"{shape['words_median']} words per cluster (median of the largest; "
             f"{shape['words_min']}-{shape['words_max']})"
             + (", each with one reference (the first words of its second article)"
                if args.job == "evaluate" else "") + f". Method `{args.method}`, "
             f"{args.words} words, "
             + ("the library's batch sizes" if args.batch_tokens == 50_000 or args.job != "batch"
                else f"batches of at most {args.batch_tokens:,} words") + ". Machine: "
             f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             f"load average (1, 5, 15 min) before {before}, after {load()} (the machine is "
             "shared).", ""]
    lines += driver_table(runs_by_size)
    for n in sizes:
        lines += [f"## {n:,} clusters, each run", ""]
        for i, run in enumerate(runs_by_size[n]):
            lines += report(run, i)
    lines.append(f"Command: `{command_line('bench_batch_timeline.py', None)}`")
    emit_report("\n".join(lines), args.out)


def with_references(inp: Path, words: int) -> Path:
    """``inp`` with each cluster given one reference, for evaluate: the first ``words``
    words of its second article (its first where it has one)."""
    out = inp.with_name(inp.stem + "-refs.jsonl")
    with open(inp, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            rec = json.loads(line)
            docs = rec["documents"]
            rec["references"] = [" ".join(docs[min(1, len(docs) - 1)].split()[:words])]
            dst.write(json.dumps(rec) + "\n")
    return out


if __name__ == "__main__":
    run_script(main)
