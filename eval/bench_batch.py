"""Batch summarisation: one process against Ray Data in local mode, on the same 1,000 clusters.

Usage::

    python eval/bench_batch.py [--clusters 1000] [--docs 10] [--sentences 0]
                               [--workers 2] [--method coverage] [--words 100]
                               [--encoders default,all-MiniLM-L6-v2-int8]
                               [--engines local,ray,ray-warm,ray1] [--repeats 3]
                               [--max-load 1.5] [--out eval/results/bench_batch.md]

Input: ``--clusters`` synthetic news clusters built from real news text: the
English documents of TAC 2011 MultiLing (10 topics x 10 articles; the seed
article where the data is absent), split into sentences with the package's
splitter. Cluster i takes one topic, ``--docs`` of its articles (by default
all 10: the shape of a DUC or TAC news cluster), and from each a window of
``--sentences`` consecutive sentences at a seeded random offset (0, the
default: whole articles): so clusters have the cross-document redundancy of
real event clusters. ``--docs 5 --sentences 8`` gives short clusters of about
860 words.

``--encoders``: the sentence encoders to compare, each a block of rows
(``default`` is the method's default: the static MiniLM token vectors; any
other name is passed as ``encoder=NAME``, e.g. the MiniLM int8 ONNX model).
Each engine runs ``summarizer.batch.summarize_dataset`` in its own fresh
process (so memory and start-up are measured as a user pays them):

- ``local``: one process, every library's default threads (one per core), except
  BLAS, which the engine holds to one thread while it works;
- ``local1``: one process, one thread each (BLAS, tokenizers, onnxruntime, torch);
- ``ray``: ``ray.init(num_cpus=W)`` (timed apart), then an actor pool of
  ``--workers`` actors (1 CPU each; the engine sizes their thread pools to it);
- ``ray1``: the same with one actor;
- ``ray-lean``: ``ray`` with the Ray Data settings that still do per-task or
  per-step bookkeeping at their defaults turned off (each task's memory-polling
  thread in the actor, the driver's issue detectors);
- ``ray-prewarm``: ``ray`` where the job first sends ``--workers`` zero-CPU tasks
  to Ray's idle worker processes that import Ray Data and the job's task, not
  waited for, so that those imports overlap the driver's reading of the input
  rather than the actors' start-up (an actor or helper actor later given such a
  process finds them done);
- ``ray-early-helpers``: ``ray`` where Ray Data's three helper actors (stats, autoscaling
  coordinator, actor locations) are asked for, through Ray Data's own functions, as soon
  as the engine has connected to Ray, before the driver reads the input: they start while
  it reads instead of at the same time as the actors, once the dataset executes;
- ``ray-early-lean``: ``ray-early-helpers`` and ``ray-lean`` together;
- ``ray-core``: not an engine but a measure of what Ray Data costs: the same packs, cut
  and pickled as the engine cuts them, run by ``--workers`` Ray Core actors of the
  engine's own actor class through ``ray.util.ActorPool`` (no helper actors, no Ray Data
  imported in the actors, no streaming executor; the driver still imports Ray Data, as
  the engine's checks do). It lacks what the engine gets from Ray Data (a killed actor
  restarted and its pack retried, the packs handed over through the object store a few
  at a time), so it bounds what leaving Ray Data could gain, from above;
- ``ray-warm``: the same 2 actors for a second job of a session that stays up (a
  long-running cluster): after ``ray.init``, an untimed one-cluster job (Ray
  Data's helper actors started, Ray Data imported in the driver) and 2 s of
  rest; the timed job still starts its own actors. Its CPU and memory columns
  count only what follows the first job.
- ``split``: no engine at all, the machine's own ceiling for ``--workers``
  processes: the input cut into ``--workers`` contiguous slices, each summarised
  by its own ``local`` job in a fresh process, all started at once (a home-made
  pool without a shared queue; Python start-up, imports and model loading
  included, as Ray's actors pay them).
  The gap between it and ``ray`` is what Ray itself costs; the gap between it
  and ``--workers`` x is what running that many processes on this machine costs.
- ``ray-submit``: a Ray instance started apart (``ray start --head --num-cpus W``,
  as on a cluster), one untimed one-cluster job from another driver process, then
  the timed job from a new driver that joins it (``address="auto"``): what a
  ``ray job submit`` pays, the driver's imports included. Its CPU columns count
  the instance's processes too (raylet, GCS, Ray Data's helper actors: every
  process whose name starts with ``ray::`` or that runs Ray's daemons). The
  instance is stopped (``ray stop``) after each run: run it on a machine where
  no other Ray instance is up.

``--bytecode``: ``cached`` (the default) runs every process on a copy of this checkout's
``summarizer`` package compiled to bytecode once before the runs, as an installed package
is (pip compiles a wheel's modules; an editable install writes them on first import);
``none`` runs the checkout's sources where a process finds no bytecode, as with
``PYTHONDONTWRITEBYTECODE=1`` (this machine sets it): then each process (the one process,
the driver and each Ray actor) compiles the package's modules again, about 0.15 CPU s, which
weighs on the engines with more processes. Other packages are read as installed.

Times are end to end for the job (model loading and, for Ray, actor start-up
included; ``ray.init`` shown apart, and added to the job in "ratio with
ray.init": the whole cost for a user whose job starts Ray). "s to first batch":
from the job's start to the first batch of summaries back at the driver, i.e.
the engine's fixed cost (model loading; for Ray, Ray Data's planning and
helper actors, the actors' start-up) plus one batch (at the default batch size,
up to 64 clusters: about half a second of work; the one process hands over each
cluster as it is done, so there the first cluster). Runs alternate between engines, and each
waits until the 1-minute load average is under ``--max-load`` (the machine is
shared); the load at the start and end of every run is printed. Peak memory is
the largest resident set sampled (every 0.2 s) of the process doing the
summarising: the local process, or each Ray actor; CPU seconds are theirs too
(user + system), per cluster, and "cores busy" is their CPU seconds over the job's
wall time. "CPU s per cluster (all processes)" counts every process of the
job from its start to its end (for Ray: the driver, the actors, Ray Data's helper actors,
the raylet and GCS; ``ray.init`` is left out), and "ratio ceiling" is the
one-process wall time over that CPU spread evenly over the machine's cores:
the most the engine could reach with its own overheads as they are. "ms per cluster
in the task" is the mean time one cluster takes inside a worker (the output rows'
``seconds``), and "involuntary switches per worker" counts how often the OS took a
worker off its core for another process during the job (Ray's daemons and driver
run at nice 0, its actors at nice 15, so the actors are the ones taken off; a worker
taken off loses its caches, a cost that shows in its time per cluster). The scaling model uses the CPU seconds of the 1-thread actors, which
other jobs on a shared machine change far less than wall time. The summaries
of every engine are compared with the one-process run.
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
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, bound_counts, emit_report, run_script  # noqa: E402

# In run_engine's children: the package --bytecode chose, ahead of the checkout that
# bench_common puts first (Ray's workers find it on PYTHONPATH)
if os.environ.get("BENCH_BATCH_PACKAGE"):
    sys.path.insert(0, os.environ["BENCH_BATCH_PACKAGE"])

TAC = SHARED_DATA / "tac2011_multiling"


def build_input(path: Path, n: int, docs: int, sentences: int, seed: int) -> dict:
    """Write ``n`` clusters as JSONL; returns a description of the shape."""
    from summarizer.sentences import split_spans

    def split_sentences(text: str, language: str) -> list[str]:
        return [text[a:b] for a, b in split_spans(text, language)]

    if TAC.is_dir():
        from summarizer.documents import load_tac2011

        topics = [[split_sentences(d.text, "english") for d in c.documents]
                  for c in load_tac2011(TAC, "english", references=False)]
        origin = "TAC 2011 MultiLing English (10 topics x 10 articles)"
    else:
        text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
        sents = split_sentences(text, "english")
        topics = [[sents[i::3] for i in range(3)]]
        origin = "the seed article (TAC 2011 not found)"
    rng = random.Random(seed)
    words = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            articles = rng.choice(topics)
            chosen = rng.sample(articles, min(docs, len(articles)))
            texts = []
            for sents in chosen:
                size = sentences or len(sents)
                start = rng.randrange(max(1, len(sents) - size + 1))
                texts.append(" ".join(sents[start:start + size]))
            words.append(sum(len(t.split()) for t in texts))
            fh.write(json.dumps({"id": f"c{i:05d}", "documents": texts}) + "\n")
    return {"origin": origin, "clusters": n, "docs": docs,
            "sentences": f"{sentences} consecutive sentences" if sentences else "all sentences",
            "words_median": int(statistics.median(words)), "words_min": min(words),
            "words_max": max(words)}


def child(args: argparse.Namespace) -> None:
    """One engine in this (fresh) process; prints one JSON line."""
    from summarizer.batch import read_output, summarize_dataset

    if args.engine == "split":
        _split(args)
        return
    init = 0.0
    ray_engine = args.engine.startswith("ray")
    workers = 1 if args.engine == "ray1" else args.workers
    if ray_engine:
        import ray

        t = time.perf_counter()
        if args.engine == "ray-submit":  # join the instance run_engine started
            ray.init(address="auto", log_to_driver=False)
        else:
            ray.init(num_cpus=args.workers, log_to_driver=False)
        init = time.perf_counter() - t
    options = json.loads(getattr(args, "options", None) or "{}")

    def job(inp: str | Path, out: str) -> Any:
        return summarize_dataset(inp, out, args.method, words=args.words,
                                 engine="ray" if ray_engine else "local", progress=False,
                                 num_workers=workers if ray_engine else None, **options)

    if args.engine == "ray-warm" or args.warm_only:  # one small job before, untimed
        warm = Path(f"{args.job_out}-warm.jsonl")
        with open(args.input, encoding="utf-8") as src:
            warm.write_text(json.dumps({**json.loads(src.readline()), "id": "warm"}) + "\n",
                            encoding="utf-8")
        job(warm, f"{args.job_out}-warm")
        if args.warm_only:
            return
        time.sleep(2)  # between two jobs: the first one's actors have exited
    if args.engine in ("ray-lean", "ray-early-lean"):  # Ray Data's per-task bookkeeping
        _lean_context()  # that is on by default
    if args.engine in ("ray-early-helpers", "ray-early-lean"):
        helpers_at_connect()
    if args.engine == "ray-core":
        core_engine()
    first = _time_first_batch()
    Path(f"{args.job_out}.start").touch()  # run_engine counts CPU from here
    start = time.perf_counter()
    if args.engine == "ray-prewarm":  # in the job's time, as the engine would do it
        _prewarm(workers)
    report = job(args.input, args.job_out)
    wall = time.perf_counter() - start
    Path(f"{args.job_out}.end").touch()  # run_engine counts CPU up to here: not the checks below
    rows = read_output(args.job_out, columns=["id", "seconds"])
    threads = _threads()
    if not ray_engine:  # the local engine holds BLAS to fewer threads while it works
        from summarizer.runtime import WORK_BLAS_THREADS

        threads = f"BLAS {WORK_BLAS_THREADS} in the job; process: {threads}"
    if ray_engine:  # what an actor gets: its CPU and the engine's thread settings
        import ray

        from summarizer.batch.engine import ACTOR_CPUS

        threads = ray.get(ray.remote(num_cpus=ACTOR_CPUS)(_actor_threads).remote())
    print(json.dumps({"engine": args.engine, "wall": wall, "init": init, "done": report.done,
                      "first_batch": first[0] - start if first else wall,
                      "first_batch_at": first[0] if first else time.perf_counter(),
                      "failed": len(report.failed), "threads": threads,
                      "cluster_seconds": statistics.mean(r["seconds"] for r in rows),
                      "package": str(Path(sys.modules["summarizer"].__file__).parents[1])}))


def _lean_context() -> None:
    """The ``ray-lean`` variant: the Ray Data settings that still cost something per task
    or per scheduling step at their defaults in Ray 2.60 (the stats logs, progress bars and
    object-location metrics are off by default already): each task's thread that polls
    the actor's memory every second, and the driver's issue detectors."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.memory_usage_poll_interval_s = None
    ctx.issue_detectors_config.detectors = []


# Ray Data 2.60's helper actors: (module, function that makes it, name, namespace).
DATA_HELPERS = (
    ("ray.data._internal.stats", "get_or_create_stats_actor", "datasets_stats_actor",
     "_dataset_stats_actor"),
    ("ray.data._internal.cluster_autoscaler.default_autoscaling_coordinator",
     "get_or_create_autoscaling_coordinator", "AutoscalingCoordinator", "AutoscalingCoordinator"),
    ("ray.data._internal.execution.node_trackers.actor_location",
     "get_or_create_actor_location_tracker", "ActorLocationTracker", "ActorLocationTracker"))


def start_data_helpers() -> None:
    """Ask Ray for Ray Data's helper actors now, not waited for (named, ``get_if_exists``:
    the execution later finds them)."""
    import importlib

    for module, make, _, _ in DATA_HELPERS:
        getattr(importlib.import_module(module), make)()


def helpers_at_connect() -> None:
    """The ``ray-early-helpers`` variant: the engine's connection to Ray (``init_ray``, just
    before it reads the first pack, the input being read lazily) followed by
    :func:`start_data_helpers`."""
    from summarizer.batch import engine

    connect = engine.init_ray

    def init_ray(*a: Any, **k: Any) -> Any:
        ray = connect(*a, **k)
        start_data_helpers()
        return ray

    engine.init_ray = init_ray


def core_engine() -> None:
    """The ``ray-core`` variant (a measure of what Ray Data costs, not an engine): the job's
    packs, cut and pickled as the engine cuts them, sent to ``--workers`` Ray Core actors
    (the engine's own actor class, set up once each) through ``ray.util.ActorPool``, with no
    Ray Data: no helper actors, no Ray Data in the actors, no streaming executor."""
    import pickle

    from summarizer.batch import engine, job
    from summarizer.batch.environment import output_environment

    class CoreWorker(engine._PackWorker):
        def run(self, index: int, blob: bytes) -> bytes:
            return self({"index": [index], "pack": [blob]})["results"][0]

    def run_core(task: Any, packs: Any, *, num_workers: int, num_gpus: float = 0,
                 address: Any = None) -> Any:
        ray = engine.init_ray(num_workers, address, num_gpus)
        from ray.util import ActorPool

        blobs = [pickle.dumps(p) for p in engine.split_tail(list(packs), num_workers)]
        task_bytes = engine.shipped(task, "the job's summariser")
        actor = ray.remote(num_cpus=engine.ACTOR_CPUS)(CoreWorker)
        actors = [actor.remote(task_bytes, None, engine.PACK_TRIES, output_environment())
                  for _ in range(min(num_workers, len(blobs)))]
        pool = ActorPool(actors)
        for out in pool.map_unordered(lambda a, v: a.run.remote(*v), list(enumerate(blobs))):
            yield pickle.loads(out)
        for a in actors:
            ray.kill(a)

    job.run_ray = run_core


def _preload() -> int:
    """Run in one of Ray's idle worker processes: the imports an actor of the job pays at
    its start (Ray Data with pandas and pyarrow, the job's task), so that an actor or
    helper actor given that process later finds them done."""
    import ray.data  # noqa: F401

    import summarizer.batch.job  # noqa: F401

    return os.getpid()


def _prewarm(workers: int) -> None:
    """The ``ray-prewarm`` variant: ``workers`` zero-CPU tasks that import what the actors
    need, sent before the driver reads the input, not waited for: the imports overlap
    the driver's reading instead of the actors' start."""
    import ray

    task = ray.remote(num_cpus=0)(_preload)
    _PREWARM.extend(task.remote() for _ in range(workers))


_PREWARM: list = []  # the tasks' refs, held for the job


def _split(args: argparse.Namespace) -> None:
    """The ``split`` engine: ``--workers`` one-process jobs on contiguous slices, at once."""
    lines = Path(args.input).read_text(encoding="utf-8").splitlines(keepends=True)
    n = args.workers
    cmd = [sys.executable, __file__, "--child", "--engine", "local", "--method", args.method,
           "--words", str(args.words), "--workers", "1", "--options", args.options or "{}"]
    jobs = []
    for k in range(n):
        part = Path(f"{args.job_out}-slice{k}.jsonl")
        part.write_text("".join(lines[k * len(lines) // n:(k + 1) * len(lines) // n]),
                        encoding="utf-8")
        jobs.append([*cmd, "--input", str(part), "--job-out", f"{args.job_out}-out{k}"])
    Path(f"{args.job_out}.start").touch()  # run_engine counts CPU from here
    start = time.perf_counter()
    procs = [subprocess.Popen(job, stdout=subprocess.PIPE, text=True) for job in jobs]
    outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = time.perf_counter() - start
    Path(f"{args.job_out}.end").touch()  # (each slice's checks after its job: counted, as before)
    if any(p.returncode for p in procs):
        raise SystemExit("a split job failed")
    done = sum(o["done"] for o in outs)
    print(json.dumps({
        "engine": "split", "wall": wall, "init": 0.0, "done": done,
        "first_batch": min(o["first_batch_at"] for o in outs) - start,  # one clock (Linux)
        "failed": sum(o["failed"] for o in outs), "threads": outs[0]["threads"],
        "cluster_seconds": sum(o["cluster_seconds"] * o["done"] for o in outs) / max(done, 1),
        "package": outs[0]["package"]}))


def _time_first_batch() -> list[float]:
    """Records when the job's first batch of results reaches the driver: the fixed cost
    of the engine (model loading; for Ray, Ray Data's planning, helper actors and the
    actors' start-up) plus one batch. (Wraps the two engines as the job module sees them.)"""
    from summarizer.batch import job

    first: list[float] = []

    def timed(run: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            for pack in run(*a, **k):
                if not first:
                    first.append(time.perf_counter())
                yield pack
        return wrapper

    job.run_local, job.run_ray = timed(job.run_local), timed(job.run_ray)
    return first


LABELS = {"local": "one process", "local1": "one process, 1 thread",
          "ray": "Ray local mode, {workers} actors", "ray1": "Ray local mode, 1 actor",
          "ray-warm": "Ray local mode, {workers} actors, 2nd job of a running session",
          "ray-lean": "Ray local mode, {workers} actors, Ray Data's memory polling and issue "
                      "detectors off",
          "ray-prewarm": "Ray local mode, {workers} actors, Ray's idle workers import Ray Data "
                         "and the job while the driver reads",
          "ray-early-helpers": "Ray local mode, {workers} actors, Ray Data's helper actors asked "
                               "for before the driver reads",
          "ray-early-lean": "Ray local mode, {workers} actors, helper actors asked for before the "
                            "driver reads, memory polling and issue detectors off",
          "ray-core": "Ray Core actors, {workers} of them, no Ray Data (a measure, not an engine)",
          "ray-submit": "Ray started apart, {workers} actors, 2nd job from a new driver",
          "split": "{workers} independent processes, 1/{workers} of the clusters each (no Ray)"}
WARM = ("ray-warm", "ray-submit")  # engines whose timed job is not the instance's first
ONE_THREAD = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                              "RAYON_NUM_THREADS")}


def _actor_threads() -> str:
    """What an actor of the engine gets: its CPUs and the thread limits the engine sets."""
    from summarizer.batch.engine import ACTOR_CPUS, limit_threads

    limit_threads(ACTOR_CPUS)
    return _threads()


def _threads() -> str:
    """Thread-pool sizes in this process: BLAS, tokenizers (rayon), onnxruntime; and its
    niceness (Ray starts its workers at 15: on a shared machine they yield to other jobs)."""
    import numpy  # noqa: F401  (loads the BLAS threadpoolctl reports)

    try:
        from threadpoolctl import threadpool_info

        blas = ",".join(str(i["num_threads"]) for i in threadpool_info()
                        if i["user_api"] == "blas") or "?"
    except ImportError:
        blas = "?"
    cores = str(os.cpu_count())
    tok = os.environ.get("RAYON_NUM_THREADS") or cores
    ort = os.environ.get("OMP_NUM_THREADS") or cores  # OnnxEncoder follows OMP_NUM_THREADS
    return f"BLAS {blas}, tok {tok}, ort {ort}, nice {os.nice(0)}"


def package_root(tmp: Path, bytecode: str) -> Path:
    """The folder the runs import ``summarizer`` from (see ``--bytecode``): the checkout, or a
    copy of its package in ``tmp`` compiled to bytecode beside its sources."""
    import compileall
    import shutil

    if bytecode == "none":
        return REPO
    if sys.pycache_prefix:  # bytecode would be read from there alone, for every package
        raise SystemExit("--bytecode cached: unset PYTHONPYCACHEPREFIX (or use --bytecode none)")
    root = tmp / "package"
    shutil.copytree(REPO / "summarizer", root / "summarizer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    if not compileall.compile_dir(root / "summarizer", quiet=1):
        raise SystemExit(f"--bytecode cached: could not compile {root / 'summarizer'}")
    return root


def run_engine(engine: str, args: argparse.Namespace, inp: Path, out: Path) -> dict:
    """Run one engine in a subprocess, sampling the memory of its summarising processes."""
    cmd = [sys.executable, __file__, "--child", "--engine", engine, "--input", str(inp),
           "--job-out", str(out), "--method", args.method, "--words", str(args.words),
           "--workers", str(args.workers), "--options", getattr(args, "options", None) or "{}"]
    env = {**os.environ, "PYTHONPATH": str(args.package),  # Ray's workers inherit it
           "BENCH_BATCH_PACKAGE": str(args.package)}
    if engine == "local1":
        env.update(ONE_THREAD)
    submit = engine == "ray-submit"
    if submit:  # an instance that outlives the drivers, and a first job from another one
        env.pop("RAY_ADDRESS", None)
        ray_cli = str(Path(sys.executable).with_name("ray"))
        subprocess.run([ray_cli, "start", "--head", f"--num-cpus={args.workers}",
                        "--include-dashboard=false", "--disable-usage-stats"],
                       check=True, capture_output=True, env=env)
        subprocess.run([*cmd, "--warm-only"], check=True, capture_output=True, env=env)
        time.sleep(2)  # the first job's actors have exited
    try:
        return _sample(engine, cmd, env, out)
    finally:
        if submit:
            subprocess.run([ray_cli, "stop", "--force"], capture_output=True, env=env)


def _ray_daemon(p: Any) -> bool:
    """A process of a Ray instance started apart: its workers and actors, its daemons."""
    name = p.name()
    if name.startswith("ray::") or name in ("raylet", "gcs_server"):
        return True
    line = " ".join(p.cmdline())
    return "ray/_private" in line or "ray/dashboard" in line or "ray/autoscaler" in line


def _sample(engine: str, cmd: list[str], env: dict, out: Path) -> dict:
    """Run the child, sampling the CPU and memory of its processes every 0.2 s."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    parent = psutil.Process(proc.pid)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    switches: dict[int, int] = {}  # involuntary context switches of each worker
    switches_all: dict[int, int] = {}
    switches_base: dict[int, int] = {}
    cpu_all: dict[int, float] = {}  # every process of the job (Ray: driver, raylet, GCS too)
    # Counting starts at the job's marker: ray.init is left out, and for the WARM engines
    # the first job too (its actors' memory as well).
    marker = Path(f"{out}.start")
    # ... and ends at the job's end: the child's checks after it (reading the shards back,
    # a task that reports an actor's threads: a Ray worker's imports, about 1 CPU s) are
    # not the job's (they were counted before, in the CPU columns and the ceiling)
    ended = Path(f"{out}.end")
    base: dict[int, float] | None = None
    old_actors: set[int] = set()
    while proc.poll() is None:
        last = ended.exists()  # one more sample after the job's end (within 0.2 s), then kept
        try:
            procs = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        if engine == "ray-submit":
            mine = {p.pid for p in procs}
            for p in psutil.process_iter():
                try:
                    if p.pid not in mine and _ray_daemon(p):
                        procs.append(p)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
        if base is None and marker.exists():
            base, old_actors = dict(cpu_all), set(cpu) if engine in WARM else set()
            peaks.clear()
            cpu.clear()
            switches.clear()
            switches_base = dict(switches_all)
        for p in procs:
            try:
                times = p.cpu_times()
                cpu_all[p.pid] = times.user + times.system
                switches_all[p.pid] = p.num_ctx_switches().involuntary
                is_actor = ("MapWorker" in " ".join(p.cmdline()) or "PackWorker" in p.name()
                            or "CoreWorker" in p.name())
                if engine.startswith("ray"):
                    worker = is_actor
                elif engine == "split":  # the child's own one-process jobs, not what
                    # they or it spawn in passing (uname, ldconfig: a moment long)
                    worker = p.pid != proc.pid and "--child" in p.cmdline()
                else:  # local: the child itself
                    worker = p.pid == proc.pid
                if worker and p.pid not in old_actors:
                    peaks[p.pid] = max(peaks.get(p.pid, 0.0), p.memory_info().rss / 2**20)
                    cpu[p.pid] = cpu_all[p.pid] - (base or {}).get(p.pid, 0.0)
                    switches[p.pid] = switches_all[p.pid] - switches_base.get(p.pid, 0)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        if last:
            break
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_mib"] = sorted(peaks.values(), reverse=True)
    # how often the OS took a worker off its core for another process
    result["switches_per_worker"] = statistics.mean(switches.values()) if switches else 0.0
    # CPU seconds of the summarising processes per cluster: unlike wall time, hardly
    # changed by other jobs sharing the machine (model loading included, amortised).
    result["cpu_per_cluster"] = sum(cpu.values()) / max(result["done"], 1)
    result["cpu_all_per_cluster"] = sum(c - (base or {}).get(pid, 0.0) for pid, c in
                                        cpu_all.items()) / max(result["done"], 1)
    # Cores the summarising processes kept busy over the job (actor start-up included).
    result["cores_busy"] = sum(cpu.values()) / max(result["wall"], 1e-9)
    return result


def scaling_model(per_cluster: float, shape: dict, per_day: int = 1_000_000,
                  node_cores: int = 16, use: float = 0.8) -> list[str]:
    """Cores and nodes for ``per_day`` clusters a day from the per-cluster cost on one core."""
    core_hours = per_day * per_cluster / 3600
    lines = [f"Scaling model from the measured cost on one core ({per_cluster:.3f} CPU s per "
             f"cluster of {shape['words_median']} words in a 1-thread Ray actor, model loading "
             f"included): {per_day:,} clusters "
             f"= {core_hours:,.0f} core-hours; nodes of {node_cores} cores used at "
             f"{use:.0%}:", "", "| finish within | nodes |", "|---|---:|"]
    for hours in (24, 8, 2):
        nodes = core_hours / (hours * node_cores * use)
        lines.append(f"| {hours} h | {nodes:.1f} |")
    return lines + [""]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_for_load(max_load: float, max_wait: float) -> float:
    """Sleep until the 1-minute load average is under ``max_load`` (at most ``max_wait`` s)."""
    deadline = time.monotonic() + max_wait
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        time.sleep(10)
    return os.getloadavg()[0]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clusters", type=int, default=1000)
    p.add_argument("--docs", type=int, default=10,
                   help="articles per cluster (1..10: a TAC topic holds 10)")
    p.add_argument("--sentences", type=int, default=0,
                   help="consecutive sentences taken from each article (0: all of it)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--method", default="coverage")
    p.add_argument("--words", type=int, default=100)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--engines", default="local,ray,ray1",
                   help="local and any of ray, ray1 (Ray with one actor), ray-lean, ray-prewarm, "
                        "ray-early-helpers, ray-early-lean and ray-core (fresh-instance variants, see "
                        "the docstring), ray-warm (Ray, second "
                        "job of a running session), ray-submit (a new driver joining a "
                        "running instance), local1 (one process "
                        "held to one thread per pool), split (--workers independent "
                        "processes on slices of the input: the machine's ceiling)")
    p.add_argument("--encoders", default="default",
                   help="comma list: 'default' (the method's own) or encoder names, e.g. "
                        "default,all-MiniLM-L6-v2-int8")
    p.add_argument("--batch-tokens", type=int,
                   help="input words per batch (default: the library's); larger batches mean "
                        "fewer Ray tasks, so less of Ray's own scheduling per cluster")
    p.add_argument("--bytecode", choices=["cached", "none"], default="cached",
                   help="cached: the package compiled once before the runs, as installed; "
                        "none: each process compiles it (PYTHONDONTWRITEBYTECODE=1)")
    p.add_argument("--max-load", type=float, default=1.5,
                   help="wait before each run until the 1-min load average is under this")
    p.add_argument("--max-wait", type=float, default=900, help="seconds to wait for it at most")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--out", type=Path, help="also write the table here (markdown)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--engine", help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    p.add_argument("--job-out", help=argparse.SUPPRESS)
    p.add_argument("--options", help=argparse.SUPPRESS)
    p.add_argument("--warm-only", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    # before any work: 0 repeats or 0 clusters took the median of nothing (a raw
    # StatisticsError); --workers 0, --batch-tokens 0, --sentences -5 ran and wrote a report
    # of them, exit 0; 10^12 clusters built input until the disk was full
    bound_counts(p, args, clusters=(1, 100_000), docs=(1, 10), sentences=(0, 10_000),
                 workers=(1, 256), words=(1, 100_000), repeats=(1, 20),
                 batch_tokens=(1, 1_000_000), max_load=(0.0, 1000), max_wait=(0.0, 86_400))
    if args.child:
        child(args)
        return

    from summarizer.batch import read_output

    engines = args.engines.split(",")
    if "local" not in engines or set(engines) - set(LABELS):
        raise SystemExit(f"--engines: local and any of {', '.join(LABELS)}")
    encoders = args.encoders.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    inp = tmp / "clusters.jsonl"
    args.package = package_root(tmp, args.bytecode)
    shape = build_input(inp, args.clusters, args.docs, args.sentences, args.seed)
    load_before = load()
    runs: dict[tuple[str, str], list[dict]] = {(c, e): [] for c in encoders for e in engines}
    for r in range(args.repeats):
        for enc in encoders:
            args.options = json.dumps({**({} if enc == "default" else {"encoder": enc}),
                                       **({"batch_tokens": args.batch_tokens}
                                          if args.batch_tokens else {})})
            for engine in engines:  # alternate, so all see the same load over time
                start_load = wait_for_load(args.max_load, args.max_wait)
                result = run_engine(engine, args, inp, tmp / f"{enc}-{engine}{r}")
                result["load"] = (start_load, os.getloadavg()[0])
                runs[enc, engine].append(result)
                print(f"# {enc} {engine} run {r + 1}: {result['wall']:.1f} s, load "
                      f"{start_load:.2f} -> {result['load'][1]:.2f} {json.dumps(result)}",
                      file=sys.stderr, flush=True)
    load_after = load()

    def summaries(folder: Path) -> dict:
        parts = sorted(p for p in folder.parent.glob(f"{folder.name}-out*")  # split: slices
                       if p.is_dir()) or [folder]
        return {x["id"]: x["summary"] for part in parts
                for x in read_output(part, ["id", "summary"])}

    def med(key: tuple[str, str], *fields: str) -> float:
        return statistics.median(sum(x[f] for f in fields) for x in runs[key])

    rate = {k: args.clusters / med(k, "wall") for k in runs}
    import inspect

    from summarizer.batch import summarize_dataset

    batch = {k: v.default for k, v in inspect.signature(summarize_dataset).parameters.items()
             if k in ("batch_size", "batch_tokens")}
    given = args.batch_tokens is not None
    batch["batch_tokens"] = args.batch_tokens or batch["batch_tokens"]
    source = "--batch-tokens" if given else "the library's defaults"
    lines = [
        f"# Batch summarisation: one process vs Ray Data local mode ({args.workers} workers)",
        "",
        f"Input: {shape['clusters']} clusters built from {shape['origin']}: {shape['docs']} "
        f"articles x {shape['sentences']} each; {shape['words_median']} "
        f"words per cluster (median; {shape['words_min']}-{shape['words_max']}). Method "
        f"`{args.method}`, {args.words} words; batches of at most {batch['batch_size']} "
        f"clusters and {batch['batch_tokens']:,} input words "
        f"({source}; "
        f"the last ones split smaller). Median of {args.repeats} run(s) per row; "
        f"every run started once the 1-min load average was under {args.max_load} (or after "
        f"{args.max_wait:.0f} s of waiting). Package: "
        + ("this checkout's `summarizer`, compiled to bytecode once before the runs, as "
           "installed (`--bytecode cached`)" if args.bytecode == "cached" else
           "this checkout's sources, compiled again by each process (`--bytecode none`; "
           f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', 'unset')})")
        + ".",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average (1, 5, 15 min) before {load_before}, "
        f"after {load_after} (the machine is shared).",
        "",
        "| encoder | engine | job wall s | clusters/s | ratio vs one process | s to first batch | "
        "ms per cluster in the task | involuntary switches per worker | "
        "ray.init s | ratio with ray.init | CPU s per cluster (workers) | "
        "CPU s per cluster (all processes) | ratio ceiling | cores busy | "
        "threads and nice per worker | peak RSS per worker MiB | "
        "1-min load at start -> end, per run |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    same: dict[tuple[str, str], bool] = {}
    for enc in encoders:
        base = summaries(tmp / f"{enc}-local0")
        for engine in engines:
            key = (enc, engine)
            last = runs[key][-1]
            same[key] = summaries(tmp / f"{enc}-{engine}0") == base
            peaks = ", ".join(f"{m:.0f}" for m in last["peak_rss_mib"]) or "n/a"
            loads = "; ".join(f"{a:.2f} -> {b:.2f}" for a, b in (x["load"] for x in runs[key]))
            # End to end for a fresh Ray instance: ray.init added to the job (n/a for a
            # session that was already up).
            with_init = ("n/a" if engine == "ray-warm" else
                         f"{med((enc, 'local'), 'wall') / med(key, 'wall', 'init'):.2f}x")
            # the job's CPU (every process) spread evenly over the cores: a lower bound
            # on its wall time, so an upper bound on its ratio
            floor = med(key, "cpu_all_per_cluster") * args.clusters / (os.cpu_count() or 1)
            ceiling = ("n/a" if engine == "local" else
                       f"{med((enc, 'local'), 'wall') / max(floor, 1e-9):.2f}x")
            lines.append(
                f"| {enc} | {LABELS[engine].format(workers=args.workers)} | "
                f"{med(key, 'wall'):.1f} | {rate[key]:.2f} | "
                f"**{rate[key] / rate[enc, 'local']:.2f}x** | {med(key, 'first_batch'):.1f} | "
                f"{1000 * med(key, 'cluster_seconds'):.1f} | {med(key, 'switches_per_worker'):.0f} | "
                f"{med(key, 'init'):.1f} | {with_init} | {med(key, 'cpu_per_cluster'):.3f} | "
                f"{med(key, 'cpu_all_per_cluster'):.3f} | {ceiling} | "
                f"{med(key, 'cores_busy'):.2f} | "
                f"{last['threads']} | {peaks} | {loads} |")
    lines += ["", "Identical summaries to the one-process run, for every cluster: "
              + ", ".join(f"{enc} {engine}: {'yes' if ok else 'NO'}"
                          for (enc, engine), ok in same.items() if engine != "local") + ".", ""]
    if "ray" in engines:
        for enc in encoders:
            lines += [f"Encoder {enc}:", "", *scaling_model(med((enc, "ray"), "cpu_per_cluster"),
                                                             shape)]
    lines += [
        f"Command: `python eval/bench_batch.py --clusters {args.clusters} --docs "
        f"{args.docs} --sentences {args.sentences} --workers {args.workers} --repeats "
        f"{args.repeats} --engines {args.engines} --encoders {args.encoders} "
        + (f"--batch-tokens {args.batch_tokens} " if given else "")
        + f"--bytecode {args.bytecode} --max-load "
        f"{args.max_load} --max-wait {args.max_wait:g}`"]
    emit_report("\n".join(lines), args.out)


if __name__ == "__main__":
    run_script(main)
