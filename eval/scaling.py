"""Time and peak memory of the summarisers as the input grows.

Usage::

    python eval/scaling.py [--sizes 10,100,1000,10000] [--mb 50] [--methods coverage]
                           [--repeats 1] [--out eval/results/scaling.md]

Inputs are synthetic but shaped like news: every article holds 15-30
sentences drawn from the TAC 2011 English source texts with two of their
words replaced by others from the same texts (seeded), so every sentence is
distinct and concepts recur across articles as they do in a real cluster of
one story. Sizes: one cluster of 10, 100, 1,000 and 10,000 such articles, and
one document of ``--mb`` megabytes (the same sentences, paragraphs of five).

Each point runs in a fresh process (``summarizer summarize`` on a
JSONL file, 100 words): wall time of the whole process and its peak resident
memory (``ru_maxrss``), the median of ``--repeats`` runs. The machine and its
load average are printed with the table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, bound_counts, emit_report, missing_tac, run_script  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
_WORD = re.compile(r"[A-Za-z]{4,}")


def source_sentences(data: Path, language: str = "english") -> list[str]:
    from summarizer.documents import load_tac2011
    from summarizer.sentences import split_cluster

    out = []
    for cluster in load_tac2011(data, language):
        out += [s.text for s in split_cluster(cluster) if len(s.text.split()) >= 6]
    return out


class ArticleMaker:
    """Distinct news-like articles from real sentences (seeded)."""

    def __init__(self, sentences: list[str], seed: int = 13) -> None:
        self.sentences = sentences
        self.words = sorted({w for s in sentences for w in _WORD.findall(s)})
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def sentence(self) -> str:
        while True:
            text = self.rng.choice(self.sentences)
            spots = list(_WORD.finditer(text))
            for m in self.rng.sample(spots, min(2, len(spots))):
                text = text.replace(m.group(0), self.rng.choice(self.words), 1)
            if text not in self.seen:
                self.seen.add(text)
                return text

    def article(self) -> str:
        n = self.rng.randint(15, 30)
        paras = []
        for _ in range(0, n, 5):
            paras.append(" ".join(self.sentence() for _ in range(5)))
        return "\n\n".join(paras)


def write_inputs(maker: ArticleMaker, sizes: list[int], mb: float, folder: Path) -> list[tuple[str, Path, int]]:
    """JSONL files: one per cluster size, and one with a single ``mb`` MB document."""
    cases = []
    articles: list[str] = []
    for n in sorted(sizes):
        while len(articles) < n:
            articles.append(maker.article())
        path = folder / f"cluster_{n}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for k, text in enumerate(articles[:n]):
                f.write(json.dumps({"id": f"a{k}", "text": text}) + "\n")
        cases.append((f"{n:,} articles", path, sum(len(a) for a in articles[:n])))
    if mb > 0:
        parts, size = [], 0
        k = 0
        while size < mb * 1e6:
            text = articles[k] if k < len(articles) else maker.article()
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            k += 1
        path = folder / f"document_{mb:g}mb.jsonl"
        path.write_text(json.dumps({"id": "long", "text": "\n\n".join(parts)}) + "\n",
                        encoding="utf-8")
        cases.append((f"one {mb:g} MB document", path, size))
    return cases


# The child reports its own peak resident memory on its last stderr line.
# Peak memory of this process only: VmHWM belongs to the address space exec made, while
# ru_maxrss keeps the high-water mark of the parent the child was forked from.
_CHILD = (
    "import re, resource, sys\n"
    "from summarizer.cli import main\n"
    "try:\n    rc = main(sys.argv[1:])\nexcept SystemExit as exc:\n    rc = exc.code\n"
    "try:\n    peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "except (OSError, AttributeError):\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.stderr.write(f'\\nPEAK_KB {peak}\\n')\n"
    "sys.exit(rc)\n"
)


@dataclass
class CliRun:
    """One whole ``summarizer`` process: wall seconds, its own peak resident memory (MB),
    exit code, standard output and standard error (without the peak's line)."""

    seconds: float
    peak_mb: float
    code: int
    out: str
    err: str

    def last_line(self) -> str:
        """The last line of standard error, cut to 120 characters: the one-line error."""
        return (self.err.strip().splitlines() or ["?"])[-1][:120]


def run_cli(argv: list[str], tree: Path = REPO, timeout: float | None = None,
            stdin: Path | None = None) -> CliRun:
    """``summarizer ARGV`` run whole in a fresh process of the checkout ``tree`` (``stdin``:
    a file piped in); a timeout is exit code -9."""
    cmd = [sys.executable, "-c", _CHILD, *argv]
    env = dict(os.environ, PYTHONPATH=str(tree))
    t0 = time.perf_counter()
    try:
        with open(stdin if stdin is not None else os.devnull, "rb") as piped:
            # in the tree: ``python -c`` looks in its working folder before PYTHONPATH
            proc = subprocess.run(cmd, stdin=piped, capture_output=True, text=True,
                                  timeout=timeout, env=env, cwd=tree)
        code, err, out = proc.returncode, proc.stderr, proc.stdout
    except subprocess.TimeoutExpired:
        code, err, out = -9, f"timed out after {timeout:.0f} s", ""
    secs = time.perf_counter() - t0
    peaks = re.findall(r"PEAK_KB (\d+)", err)
    peak = int(peaks[-1]) / 1024 if peaks else float("nan")
    err = "\n".join(x for x in err.splitlines() if not x.startswith("PEAK_KB"))
    return CliRun(secs, peak, code, out, err)


def run_once(path: Path, method: str, words: int, timeout: float,
             extra: list[str] | None = None, tree: Path = REPO) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit code, note) of one whole ``summarizer summarize`` process
    (``extra``: more arguments, e.g. ``--option``; ``tree``: the checkout it runs)."""
    run = run_cli(["summarize", str(path), "--method", method, "--words", str(words),
                   "--format", "json", *(extra or [])], tree, timeout)
    if run.code == 0:
        settings = json.loads(run.out)["settings"]
        keys = ("candidates_scored", "candidates_total", "pool_pruned")
        note = ", ".join(f"{k}={settings[k]}" for k in keys if k in settings)
    else:
        note = run.last_line()
    return run.seconds, run.peak_mb, run.code, note


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="10,100,1000,10000")
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--methods", default="coverage")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    # before any work: --timeout 1e12 was a raw OverflowError at the first run, 0 ran every
    # run into it and reported that, exit 0; --words 0 reported the runs' refusals, exit 0;
    # --repeats 0 a raw StatisticsError after the runs
    bound_counts(ap, args, words=(1, 100_000), repeats=(1, 20), timeout=(0.0, 86_400))
    try:
        sizes = [int(x) for x in args.sizes.split(",") if x]
    except ValueError:
        ap.error(f"--sizes must be whole numbers of articles, got {args.sizes!r}")
    # the inputs are built in memory and on disk: at most what the package reads (512 MB)
    if not all(1 <= n <= 100_000 for n in sizes) or not 0 <= args.mb <= 512:
        ap.error("--sizes must each be 1..100,000 articles and --mb 0..512")
    if missing_tac(args.data):
        return 2
    load0 = os.getloadavg()
    maker = ArticleMaker(source_sentences(args.data))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = write_inputs(maker, sizes, args.mb, Path(tmp))
        for method in args.methods.split(","):
            for label, path, size in cases:
                runs = [run_once(path, method, args.words, args.timeout)
                        for _ in range(args.repeats)]
                secs = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs)
                code, note = runs[-1][2], runs[-1][3]
                rows.append((method, label, size, secs, peak, code, note))
                print(f"{method:9s} {label:22s} {size / 1e6:7.1f} MB {secs:8.1f} s "
                      f"{peak:8.0f} MB exit {code} {note}", file=sys.stderr, flush=True)
    load1 = os.getloadavg()
    lines = [
        f"# Scaling: one cluster of N distinct articles, and one long document ({args.words} words)",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {load0[0]:.1f} at start, "
        f"{load1[0]:.1f} at end (`uptime`); median of {args.repeats} run(s) per point; "
        "whole process (start-up, loading, splitting, summarising) timed.",
        "",
        "| method | input | text MB | seconds | s per MB | peak memory MB | exit | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for method, label, size, secs, peak, code, note in rows:
        lines.append(f"| {method} | {label} | {size / 1e6:.1f} | {secs:.1f} | "
                     f"{secs / max(size / 1e6, 1e-9):.1f} | {peak:.0f} | {code} | {note} |")
    text = "\n".join(lines)
    emit_report(text, args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
