"""Work done once instead of twice: an older checkout's code against this tree's, side by side.

Usage::

    git worktree add /tmp/once-old 9a1e877
    python eval/bench_once.py --baseline /tmp/once-old --lock /work/team/cpu.lock \
        [--runs 5] [--cases tokenize,rouge,read,read-gz,clusters,batch] \
        [--out eval/results/bench_once.md]

Each row times one operation in a fresh process (imports, data loading and a warm-up
outside the timer), with the package of ``--baseline`` and with this tree's (``PYTHONPATH``
set to the tree), alternating which goes first, each run under ``--lock`` (exclusive) so
that nothing else computes while it is timed. Medians of ``--runs``; the load average
(``uptime``) before and after each row is printed with it. Each run also prints a digest of
what it computed (tokens, scores, fingerprint and rows, clusters, summaries): the two codes
must agree, or the script stops.

- ``tokenize``: ROUGE-1.5.5 ``-m -s`` tokens of every line of 2,000 ~260-word texts
  (bench_rouge.py's pairs: TAC 2011 English sentences, one a line), three passes (the stem
  cache warm after the first): the scorer's token filter as the hot loop calls it;
- ``rouge``: ``RougeScorer(options="-n 2 -m -s")`` scoring those 1,000 pairs, a fresh scorer
  (its references tokenised and their ROUGE-L layouts built);
- ``read``/``read-gz``: a batch input's fingerprint and every row
  (``Source.describe()`` then ``Source.rows()``, as ``summarizer batch`` reads it) of a
  ~50 MB JSONL file of 2,400 clusters (bench_batch.py's: 10 whole TAC 2011 English articles
  each), plain and gzip-compressed;
- ``clusters``: the first 300 rows of that file made clusters (``to_cluster``: cleaning,
  and the language guessed for each of their 3,000 documents: no ``--language``);
- ``batch``: ``summarize_dataset`` (the default method, coverage, 100 words, local engine)
  on those 300 clusters, end to end but for imports; ``batch-lead``: the same with ``lead``
  (where the per-summary costs outside the method weigh most);
- ``guard``: the abstractive summariser's faithfulness guard, ``drop``, on a "generated" text
  of 30 sentences of the seed article (every third with its numbers changed), 250 words,
  20 times; lexical support (``embeddings=False``: no model in either code; with MiniLM the
  kept sentences' vectors come from the encoder's memory on the second check anyway).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import checkout, emit_report

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CASES = ("tokenize", "rouge", "read", "read-gz", "clusters", "batch", "batch-lead", "guard")


# ------------------------------------------------------------------ the child (either code)
def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _child(case: str, work: Path) -> dict:
    """(seconds, digest) of ``case`` with whichever package is on PYTHONPATH."""
    if case in ("tokenize", "rouge"):
        from summarizer.metrics import RougeScorer
        from summarizer.metrics.rouge155.tokenize import as_lines

        pairs = json.loads((work / "pairs.json").read_text())
        scorer = RougeScorer(options="-n 2 -m -s")
        if case == "tokenize":
            tok = scorer._core._tokens
            lines = [line for summ, ref in pairs for text in (summ, ref) for line in as_lines(text)]
            start = time.perf_counter()
            for _ in range(3):
                out = [tok(line) for line in lines]
            return {"seconds": time.perf_counter() - start, "digest": _digest(out)}
        scorer.score(*pairs[0])  # warm: the stemmer's first look-ups
        scorer = RougeScorer(options="-n 2 -m -s")
        start = time.perf_counter()
        scores = [scorer.score(summ, [ref]) for summ, ref in pairs]
        return {"seconds": time.perf_counter() - start,
                "digest": _digest([{k: (v.recall, v.precision, v.fmeasure) for k, v in s.items()}
                                   for s in scores])}
    if case == "guard":
        return _guard()
    from summarizer.batch.source import Fields, Source, to_cluster

    path = work / ("clusters.jsonl.gz" if case == "read-gz" else "clusters.jsonl")
    if case in ("read", "read-gz"):
        start = time.perf_counter()
        source = Source(path, Fields())
        fingerprint = source.describe()["fingerprint"]
        ids = [row.id for row in source.rows()]
        return {"seconds": time.perf_counter() - start, "digest": _digest([fingerprint, ids])}
    small = work / "clusters300.jsonl"
    if case == "clusters":
        rows = list(Source(small, Fields()).rows())
        start = time.perf_counter()
        clusters = [to_cluster(row, Fields()) for row in rows]
        return {"seconds": time.perf_counter() - start,
                "digest": _digest([[(d.language, d.text) for d in c.documents] for c in clusters])}
    from summarizer.batch import read_output, summarize_dataset

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        method = "lead" if case == "batch-lead" else "coverage"
        summarize_dataset(small, Path(out) / "o", method, words=100, progress=False)
        seconds = time.perf_counter() - start
        summaries = read_output(Path(out) / "o", ["id", "summary"])
    return {"seconds": seconds, "digest": _digest(summaries)}


def _guard() -> dict:
    """The abstractive summariser's guard (``drop``) on a generated text of 30 sentences of the
    seed article, every third with a number changed (unsupported), 250 words, 20 times."""
    import re

    from summarizer.documents.model import Cluster
    from summarizer.faithfulness import FaithfulnessChecker
    from summarizer.sentences import split_spans
    from summarizer.summarizers.abstractive.guard import guarded_fit
    from summarizer.summarizers.budget import Budget

    seed = (Path.cwd() / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    cluster = Cluster.from_texts([seed])
    sents = [seed[a:b].strip() for a, b in split_spans(seed, "english")][:30]
    generated = " ".join(re.sub(r"\d+", "977", s) if k % 3 == 2 else s
                         for k, s in enumerate(sents))
    checker = FaithfulnessChecker(embeddings=False)  # lexical: no model loaded in either code
    guarded_fit(generated, cluster, Budget(words=250), "drop", checker)  # warm
    start = time.perf_counter()
    for _ in range(20):
        fitted, checks, info = guarded_fit(generated, cluster, Budget(words=250), "drop", checker)
    return {"seconds": time.perf_counter() - start,
            "digest": _digest([fitted.sentences, [c.to_dict() for c in checks], info])}


# ------------------------------------------------------------------------------ the parent
def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _run(code: Path, case: str, work: Path, lock: str | None) -> dict:
    sys.path.insert(0, str(HERE))
    from bench_common import locked

    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", case, "--work", str(work)]
    with locked(lock):
        proc = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{code}: {case} failed: {proc.stderr[-800:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _prepare(work: Path, pairs: int, clusters: int) -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO))
    from bench_batch import build_input
    from bench_rouge import make_pairs

    made, source = make_pairs(pairs)
    (work / "pairs.json").write_text(json.dumps(made))
    shape = build_input(work / "clusters.jsonl", clusters, 10, 0, 1234)
    (work / "clusters.jsonl.gz").write_bytes(
        gzip.compress((work / "clusters.jsonl").read_bytes(), 6, mtime=0))
    with open(work / "clusters.jsonl", encoding="utf-8") as fh, \
            open(work / "clusters300.jsonl", "w", encoding="utf-8") as small:
        for _, line in zip(range(300), fh, strict=False):
            small.write(line)
    mb = (work / "clusters.jsonl").stat().st_size / 1e6
    gz = (work / "clusters.jsonl.gz").stat().st_size / 1e6
    return {"pairs": f"{pairs:,} pairs of ~260 words ({source})",
            "clusters": f"{mb:.1f} MB JSONL ({gz:.1f} MB gzip), {clusters:,} clusters of 10 "
                        f"TAC articles ({shape['words_median']:,} words median)"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, help="a checkout of the older code")
    ap.add_argument("--lock", help="hold this file's exclusive lock during each timed run")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--clusters", type=int, default=2400)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.work)))
        return 0
    if args.baseline is None:
        ap.error("--baseline is required")
    if not (1 <= args.runs <= 50 and 1 <= args.pairs <= 100_000
            and 1 <= args.clusters <= 100_000):
        ap.error("--runs must be 1..50, --pairs 1..100,000, --clusters 1..100,000")
    checkout(ap, args.baseline)
    cases = [c for c in args.cases.split(",") if c]
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        ap.error(f"unknown case(s) {', '.join(unknown)}; choose from {', '.join(CASES)}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shapes = _prepare(work, args.pairs, args.clusters)
        for case in cases:
            before = _load()
            times: dict[str, list[float]] = {"old": [], "new": []}
            digests = set()
            for run in range(args.runs):
                order = [("old", args.baseline), ("new", REPO)]
                for name, code in order if run % 2 == 0 else order[::-1]:
                    got = _run(code.resolve(), case, work, args.lock)
                    times[name].append(got["seconds"])
                    digests.add(got["digest"])
            if len(digests) != 1:
                raise SystemExit(f"{case}: the two codes computed different results")
            old, new = statistics.median(times["old"]), statistics.median(times["new"])
            rows.append(f"| {case} | {old:.3f} | {new:.3f} | {old / new:.2f}x | "
                        f"{before} / {_load()} |")
            print(rows[-1], file=sys.stderr)
    text = "\n".join([
        f"# Work done once: {args.baseline} (old) against this tree (new)",
        "",
        f"Inputs: {shapes['pairs']} (tokenize, rouge); {shapes['clusters']} (read, read-gz; "
        "the first 300 clusters for clusters, batch).",
        "",
        "| case | old s | new s | old / new | load 1/5/15 min before / after |",
        "|---|---:|---:|---:|---|",
        *rows,
        "",
        f"Medians of {args.runs} runs each, every run a fresh process under an exclusive lock, "
        f"the two codes alternating; same results (digests) from both. {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}.",
    ])
    emit_report(text, args.out)  # keeps a file at --out that these scripts did not write
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
