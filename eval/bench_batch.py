"""Batch summarisation: one process against Ray Data in local mode, on the same 1,000 clusters.

Usage::

    python eval/bench_batch.py [--clusters 1000] [--docs 5] [--sentences 8]
                               [--workers 2] [--method coverage] [--words 100]
                               [--repeats 1] [--out eval/results/bench_batch.md]

Input: ``--clusters`` synthetic news clusters built from real news text: the
English documents of TAC 2011 MultiLing (10 topics x 10 articles; the seed
article where the data is absent), split into sentences with the package's
splitter. Cluster i takes one topic, ``--docs`` of its articles, and from each
a window of ``--sentences`` consecutive sentences at a seeded random offset:
so clusters have the cross-document redundancy of real event clusters.

Each engine runs ``summarizer.batch.summarize_dataset`` in its own fresh
process (so memory and start-up are measured as a user pays them):

- ``local``: one process (torch's default threads: one per core);
- ``local1`` (with ``--engines local,ray,local1``): one process, one torch thread;
- ``ray``: ``ray.init(num_cpus=W)`` (timed apart), then an actor pool of
  ``--workers`` actors (1 CPU each, so torch gets one thread each).

Times are end to end for the job (model loading and, for Ray, actor start-up
included; ``ray.init`` shown apart). Peak memory is the largest resident set
sampled (every 0.2 s) of the process doing the summarising: the local
process, or each Ray actor; CPU seconds are theirs too (user + system), per
cluster. The scaling model uses the CPU seconds of the 1-thread actors, which
other jobs on a shared machine change far less than wall time. The summaries
of both engines are compared.
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
TAC = REPO.parent / "shared" / "data" / "tac2011_multiling"


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
                start = rng.randrange(max(1, len(sents) - sentences + 1))
                texts.append(" ".join(sents[start:start + sentences]))
            words.append(sum(len(t.split()) for t in texts))
            fh.write(json.dumps({"id": f"c{i:05d}", "documents": texts}) + "\n")
    return {"origin": origin, "clusters": n, "docs": docs, "sentences": sentences,
            "words_median": int(statistics.median(words)), "words_min": min(words),
            "words_max": max(words)}


def child(args: argparse.Namespace) -> None:
    """One engine in this (fresh) process; prints one JSON line."""
    from summarizer.batch import read_output, summarize_dataset

    init = 0.0
    if args.engine == "local1":  # the one-process engine held to one core
        import torch

        torch.set_num_threads(1)
    if args.engine == "ray":
        import ray

        t = time.perf_counter()
        ray.init(num_cpus=args.workers, log_to_driver=False)
        init = time.perf_counter() - t
    import torch

    start = time.perf_counter()
    report = summarize_dataset(args.input, args.job_out, args.method, words=args.words,
                               engine="ray" if args.engine == "ray" else "local",
                               progress=False,
                               num_workers=args.workers if args.engine == "ray" else None)
    wall = time.perf_counter() - start
    rows = read_output(args.job_out, columns=["id", "seconds"])
    threads = torch.get_num_threads()
    if args.engine == "ray":  # what an actor (1 CPU) gets
        import ray

        threads = ray.get(ray.remote(num_cpus=1)(_torch_threads).remote())
    print(json.dumps({"engine": args.engine, "wall": wall, "init": init, "done": report.done,
                      "failed": len(report.failed), "torch_threads": threads,
                      "cluster_seconds": statistics.mean(r["seconds"] for r in rows)}))


LABELS = {"local": "one process", "local1": "one process, 1 thread",
          "ray": "Ray local mode, {workers} actors"}


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def run_engine(engine: str, args: argparse.Namespace, inp: Path, out: Path) -> dict:
    """Run one engine in a subprocess, sampling the memory of its summarising processes."""
    import psutil

    cmd = [sys.executable, __file__, "--child", "--engine", engine, "--input", str(inp),
           "--job-out", str(out), "--method", args.method, "--words", str(args.words),
           "--workers", str(args.workers)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    parent = psutil.Process(proc.pid)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in procs:
            try:
                is_actor = "MapWorker" in " ".join(p.cmdline()) or "PackWorker" in p.name()
                if (engine != "ray" and p.pid == proc.pid) or (engine == "ray" and is_actor):
                    peaks[p.pid] = max(peaks.get(p.pid, 0.0), p.memory_info().rss / 2**20)
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_mib"] = sorted(peaks.values(), reverse=True)
    # CPU seconds of the summarising processes per cluster: unlike wall time, hardly
    # changed by other jobs sharing the machine (model loading included, amortised).
    result["cpu_per_cluster"] = sum(cpu.values()) / max(result["done"], 1)
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clusters", type=int, default=1000)
    p.add_argument("--docs", type=int, default=5)
    p.add_argument("--sentences", type=int, default=8)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--method", default="coverage")
    p.add_argument("--words", type=int, default=100)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--engines", default="local,ray",
                   help="local,ray[,local1]: local1 is one process held to one torch thread")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--out", type=Path, help="also write the table here (markdown)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--engine", help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    p.add_argument("--job-out", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args)
        return

    from summarizer.batch import read_output

    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    inp = tmp / "clusters.jsonl"
    shape = build_input(inp, args.clusters, args.docs, args.sentences, args.seed)
    load_before = load()
    engines = args.engines.split(",")
    if "local" not in engines or "ray" not in engines or set(engines) - set(LABELS):
        raise SystemExit(f"--engines: local and ray, optionally local1 ({', '.join(LABELS)})")
    runs: dict[str, list[dict]] = {e: [] for e in engines}
    for r in range(args.repeats):
        for engine in engines:  # alternate, so all see the same load over time
            out = tmp / f"{engine}{r}"
            runs[engine].append(run_engine(engine, args, inp, out))
            print(f"# {engine} run {r + 1}: {runs[engine][-1]['wall']:.1f} s (load {load()}) "
                  f"{json.dumps(runs[engine][-1])}", file=sys.stderr, flush=True)
    load_after = load()
    same = ({x["id"]: x["summary"] for x in read_output(tmp / "local0", ["id", "summary"])}
            == {x["id"]: x["summary"] for x in read_output(tmp / "ray0", ["id", "summary"])})

    def med(engine: str, key: str) -> float:
        return statistics.median(x[key] for x in runs[engine])

    rate = {e: args.clusters / med(e, "wall") for e in runs}
    lines = [
        f"# Batch summarisation: one process vs Ray Data local mode ({args.workers} workers)",
        "",
        f"Input: {shape['clusters']} clusters built from {shape['origin']}: {shape['docs']} "
        f"articles x {shape['sentences']} consecutive sentences each; {shape['words_median']} "
        f"words per cluster (median; {shape['words_min']}-{shape['words_max']}). Method "
        f"`{args.method}`, {args.words} words. Median of {args.repeats} run(s) per engine.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average (1, 5, 15 min) before {load_before}, "
        f"after {load_after} (the machine is shared).",
        "",
        "| engine | job wall s | clusters/s | ratio vs one process | ray.init s | "
        "wall s per cluster (in worker) | CPU s per cluster | torch threads/worker | "
        "peak RSS per worker MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for engine in engines:
        last = runs[engine][-1]
        peaks = ", ".join(f"{m:.0f}" for m in last["peak_rss_mib"]) or "n/a"
        lines.append(
            f"| {LABELS[engine].format(workers=args.workers)} | "
            f"{med(engine, 'wall'):.1f} | {rate[engine]:.2f} | "
            f"**{rate[engine] / rate['local']:.2f}x** | "
            f"{med(engine, 'init'):.1f} | {med(engine, 'cluster_seconds'):.3f} | "
            f"{med(engine, 'cpu_per_cluster'):.3f} | "
            f"{last['torch_threads']} | {peaks} |")
    lines += ["", f"Identical summaries for every cluster on both engines: {'yes' if same else 'NO'}.",
              "", *scaling_model(med("ray", "cpu_per_cluster"), shape)]
    lines += [
              f"Command: `python eval/bench_batch.py --clusters {args.clusters} --docs "
              f"{args.docs} --sentences {args.sentences} --workers {args.workers} --repeats "
              f"{args.repeats} --engines {args.engines}`"]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
