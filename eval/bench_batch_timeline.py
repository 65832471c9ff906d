"""Where a batch job's time goes: a timeline of one fresh job, driver and workers.

Usage::

    python eval/bench_batch_timeline.py [--clusters 1000] [--docs 10] [--sentences 0]
                                        [--engine ray] [--workers 2] [--repeats 1]
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
from bench_common import emit_report, run_script  # noqa: E402


def child(args: argparse.Namespace) -> None:
    """One job in this fresh process; prints one JSON line of driver events (wall clock)."""
    from summarizer.batch import job as job_module
    from summarizer.batch import output, source

    events: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        events.append((name, time.time()))

    job_module.SummariseTask = _timed_task(job_module.SummariseTask, args.events)
    rows = source.Source.rows

    def timed_rows(self: Any) -> Any:
        first = True
        for row in rows(self):
            if first:
                mark("input: first row read")
                first = False
            yield row
        mark("input: last row read and batched")

    source.Source.rows = timed_rows  # type: ignore[method-assign]
    write = output.OutputFolder.write_shard

    def timed_write(self: Any, *a: Any, **k: Any) -> Any:
        mark("Parquet shard: writing")
        result = write(self, *a, **k)
        mark("Parquet shard: written")
        return result

    output.OutputFolder.write_shard = timed_write  # type: ignore[method-assign]
    run_ray, run_local = job_module.run_ray, job_module.run_local

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

    job_module.run_ray, job_module.run_local = timed(run_ray), timed(run_local)
    if args.early_helpers:  # bench_batch's ray-early-helpers variant
        from bench_batch import helpers_at_connect

        helpers_at_connect()
    init = 0.0
    if args.engine == "ray":
        import ray

        t = time.perf_counter()
        ray.init(num_cpus=args.workers, log_to_driver=False)
        init = time.perf_counter() - t
    Path(args.events, "start").touch()  # the parent counts CPU from here
    mark("job start")
    report = job_module.summarize_dataset(
        args.input, args.job_out, args.method, words=args.words, engine=args.engine,
        progress=False, num_workers=args.workers if args.engine == "ray" else None)
    mark("job end")
    print(json.dumps({"init": init, "done": report.done, "driver": events}))


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
           "--workers", str(args.workers), "--events", str(events)]
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


def report(run: dict, index: int) -> list[str]:
    """One run as markdown: the driver's and workers' steps, the CPU by process kind."""
    driver = dict(run["driver"])
    t0 = driver["job start"]
    steps = [(name, t - t0, "driver") for name, t in run["driver"]]
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
    p.add_argument("--clusters", type=int, default=1000)
    p.add_argument("--docs", type=int, default=10)
    p.add_argument("--sentences", type=int, default=0)
    p.add_argument("--engine", choices=("ray", "local"), default="ray")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--method", default="coverage")
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
    if args.child:
        child(args)
        return
    if not 1 <= args.repeats <= 20:
        raise SystemExit("--repeats must be 1..20")
    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_timeline_"))
    inp = tmp / "clusters.jsonl"
    shape = build_input(inp, args.clusters, args.docs, args.sentences, args.seed)
    before = load()
    runs = [run_once(args, inp, tmp / f"out{r}") for r in range(args.repeats)]
    lines = [f"# Where a batch job's time goes: {args.engine}"
             + (f", {args.workers} workers, a fresh instance" if args.engine == "ray" else "")
             + (", Ray Data's helpers asked for before the input is read"
                if args.early_helpers else ""),
             "", f"Input: {shape['clusters']} clusters built from {shape['origin']}: "
             f"{shape['docs']} articles x {shape['sentences']} each; {shape['words_median']} words "
             f"per cluster (median; {shape['words_min']}-{shape['words_max']}). Method "
             f"`{args.method}`, {args.words} words, the library's batch sizes. Machine: "
             f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             f"load average (1, 5, 15 min) before {before}, after {load()} (the machine is "
             "shared).", ""]
    for i, run in enumerate(runs):
        lines += report(run, i)
    lines.append(f"Command: `python eval/bench_batch_timeline.py --clusters {args.clusters} "
                 f"--docs {args.docs} --sentences {args.sentences} --engine {args.engine} "
                 f"--workers {args.workers} --repeats {args.repeats}"
                 + (" --early-helpers" if args.early_helpers else "") + "`")
    emit_report("\n".join(lines), args.out)


if __name__ == "__main__":
    run_script(main)
