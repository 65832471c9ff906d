"""The package's command line against an earlier commit's, side by side: start-up, 50 MB inputs,
evaluate and rouge at corpus size.

Usage::

    git worktree add /tmp/perf-old 260c200
    python eval/perf_check.py --baseline /tmp/perf-old --lock /work/team/cpu.lock \
        [--runs 5] [--long-runs 3] [--mb 50] [--clusters 3000] [--pairs 1000] \
        [--cases start,text,batch,evaluate,reopen,rouge,tac] [--out eval/results/perf_check.md]

Every row is one command run in a fresh process with the package of ``--baseline`` and with
this tree's (``PYTHONPATH`` and working folder set to the tree), alternating which goes first,
each run under ``--lock`` (exclusive) and nothing else timed while it is held. Wall time is the
whole process, CPU time its user + system seconds (what others' load on a shared machine moves
least; /usr/bin/time gives it to 0.01 s); peak memory is the child's ``ru_maxrss`` as ``/usr/bin/time`` reports it (the
``time`` process is tiny, so no parent's size is carried over). Medians of ``--runs``
(``--long-runs`` for the rows that take more than a few seconds); the load average before and
after each row is printed with it. The stdout of both codes is compared (batch: the summaries
column of the shards; evaluate: report.json's scores). The ``reopen`` row is evaluate's command
again on a run folder that code finished (made once, untimed, copied in before each run): it
reads every stored result back and writes the report again, the path a resumed run and a
changed check of stored numbers take.

Inputs reuse the other benches' generators: the 50 MB text is scaling.py's news-like articles
(TAC 2011 English sentences with two words swapped, paragraphs of five, articles joined by a
blank line); the 50 MB JSONL is bench_batch.py's clusters (10 whole TAC articles each); the
evaluate data set is bench_eval_scale.py's (3-5 short documents, 1-2 references a cluster); the
ROUGE pairs are bench_rouge.py's (~260-word summaries and references, a sentence a line).
The ``tac`` rows summarise every TAC 2011 cluster (``--data``) with coverage, by default and
with ``entity_weight=2``, in one process each: what the option costs is the gap between them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, checkout, emit_report, locked, missing_tac, run_script  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
SEED = REPO / "seeds" / "panama_migration_meeting.txt"


# The default, or one option of coverage's, over every TAC 2011 cluster at 250 words in one
# process: a summary's own cost, where the 50 MB rows show a long input's. Prints a digest.
_TAC_CHILD = """
import hashlib, json, sys
from summarizer.documents import load_tac2011
from summarizer.summarizers import get_summarizer, make_budget
data, options = sys.argv[1], json.loads(sys.argv[2])
summ, digest = get_summarizer("coverage", **options), hashlib.sha256()
for lang in ("arabic", "czech", "english", "french", "greek", "hebrew", "hindi"):
    for cluster in load_tac2011(data, lang):
        out = summ.summarize(cluster, make_budget(words=250)).to_dict()
        out["settings"].pop("solver_seconds", None)
        digest.update(json.dumps(out, sort_keys=True, default=str).encode())
print(digest.hexdigest())
"""


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _run(code: Path, args: list[str], lock: str | None) -> tuple[float, float, float, bytes]:
    """(wall s, user + system CPU s, peak RSS MB, stdout) of ``python ARGS`` with the package
    in ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    with tempfile.NamedTemporaryFile() as stats, locked(lock):
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", stats.name,
                               sys.executable, *args],
                              cwd=code, env=env, capture_output=True)
        wall = time.perf_counter() - start
        peak_kb, user, system = Path(stats.name).read_text().split()[-3:]
    if proc.returncode != 0:
        raise SystemExit(f"{code}: python {' '.join(args)} failed ({proc.returncode}): "
                         f"{proc.stderr.decode(errors='replace')[-800:]}")
    return wall, float(user) + float(system), int(peak_kb) / 1024, proc.stdout


def _batch_summaries(out: Path) -> list:
    import pyarrow.parquet as pq

    rows = []
    for shard in sorted(out.rglob("*.parquet")):
        table = pq.read_table(shard, columns=["id", "summary"])
        rows += list(zip(table.column("id").to_pylist(), table.column("summary").to_pylist(),
                             strict=True))
    return sorted(rows)


def _eval_scores(out: Path) -> object:
    report = json.loads((out / "report.json").read_text())
    return report.get("scores"), report.get("per_cluster")


def _finished_run(scratch: Path, argv: object, lock: str | None) -> object:
    """A call that copies into a folder the run that ``argv`` finished with that code; each
    code's run is made once, on first need, untimed."""
    made: dict[Path, Path] = {}

    def fill(code: Path, dest: Path) -> None:
        if code not in made:
            made[code] = scratch / f"finished_{len(made)}"
            _run(code, argv(made[code]), lock)  # type: ignore[operator]
        shutil.copytree(made[code], dest)

    return fill


def make_text(path: Path, mb: float, data: Path) -> str:
    from scaling import ArticleMaker, source_sentences

    maker = ArticleMaker(source_sentences(data))
    size, parts = 0, []
    while size < mb * 1e6:
        parts.append(maker.article())
        size += len(parts[-1].encode("utf-8")) + 2
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return f"{path.stat().st_size / 1e6:.1f} MB plain text, {len(parts):,} articles"


def make_clusters(path: Path, mb: float) -> str:
    from bench_batch import build_input

    shape = build_input(path, 100, 10, 0, 1234)
    n = int(100 * mb * 1e6 / path.stat().st_size) + 1
    shape = build_input(path, n, 10, 0, 1234)
    return (f"{path.stat().st_size / 1e6:.1f} MB JSONL, {n:,} clusters of 10 whole TAC articles "
            f"({shape['words_median']:,} words median)")


def make_eval(path: Path, n: int, data: Path) -> str:
    from bench_eval_scale import _sentences, make_dataset

    make_dataset(path, n, _sentences(data))
    return f"{n:,} JSONL clusters, 3-5 docs of 3-6 TAC sentences, 1-2 refs ({path.stat().st_size / 1e6:.1f} MB)"


def make_pairs(root: Path, n: int) -> str:
    from bench_rouge import make_pairs as pairs_of

    pairs, _ = pairs_of(n)
    (root / "sys").mkdir()
    (root / "refs").mkdir()
    with open(root / "sys.txt", "w", encoding="utf-8") as s, \
            open(root / "ref.txt", "w", encoding="utf-8") as r:
        for i, (summ, ref) in enumerate(pairs):
            (root / "sys" / f"D{i:05d}").write_text("\n".join(summ) + "\n", encoding="utf-8")
            (root / "refs" / f"D{i:05d}.A").write_text("\n".join(ref) + "\n", encoding="utf-8")
            s.write(" ".join(summ) + "\n")
            r.write(" ".join(ref) + "\n")
    return f"{n:,} pairs, ~260-word summary vs one ~260-word reference"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout of the older code")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="TAC 2011 MultiLing")
    ap.add_argument("--lock", help="hold this file's exclusive lock during each timed run")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--long-runs", type=int, default=3)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--clusters", type=int, default=3000, help="evaluate's data set size")
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--cases", default="start,text,batch,evaluate,reopen,rouge,tac")
    ap.add_argument("--work", type=Path, help="folder for the inputs (kept; made once)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    # the inputs are built in memory and on disk: at most what the package reads (512 MB)
    if not (0 < args.mb <= 512 and 1 <= args.clusters <= 200_000 and 1 <= args.pairs <= 100_000
            and 1 <= args.runs <= 50 and 1 <= args.long_runs <= 50):
        ap.error("--mb must be 0..512, --clusters 1..200,000, --pairs 1..100,000, "
                 "--runs and --long-runs 1..50")
    checkout(ap, args.baseline)
    if missing_tac(args.data):
        return 2
    old, new = args.baseline.resolve(), REPO
    cases = args.cases.split(",")
    work = args.work or Path(tempfile.mkdtemp(prefix="perf_check_"))
    work.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="perf_check_out_"))

    # (label, shape, argv given an output folder, runs, how to compare outputs,
    #  None or a call given the code and the output folder that fills it before each run)
    rows: list[tuple[str, str, object, int, object, object]] = []
    with locked(args.lock, shared=True):
        if "start" in cases:
            rows += [
                ("import summarizer", "fresh interpreter", lambda o: ["-c", "import summarizer"],
                 args.runs, None, None),
                ("summarizer --help", "fresh interpreter", lambda o: ["-m", "summarizer", "--help"],
                 args.runs, "stdout", None),
                ("summarize seed (default method)", "700-word article, 100 words",
                 lambda o: ["-m", "summarizer", "summarize", str(SEED)], args.runs, "stdout", None),
            ]
        if "text" in cases:
            text = work / f"text_{args.mb:g}mb.txt"
            shape = make_text(text, args.mb, args.data) if not text.exists() else \
                f"{text.stat().st_size / 1e6:.1f} MB plain text"
            rows += [
                ("summarize TEXT (default method)", shape,
                 lambda o: ["-m", "summarizer", "summarize", str(text)], args.long_runs, "stdout", None),
                ("summarize TEXT --method lead", shape,
                 lambda o: ["-m", "summarizer", "summarize", str(text), "--method", "lead"],
                 args.long_runs, "stdout", None),
            ]
        if "tac" in cases:
            shape = "70 TAC 2011 clusters (7 languages), 250 words, one process"
            rows += [
                (f"coverage {label}", shape,
                 lambda o, opts=opts: ["-c", _TAC_CHILD, str(args.data), opts],
                 args.runs, "stdout", None)
                for label, opts in (("(default)", "{}"),
                                    ("entity_weight=2", '{"entity_weight": 2.0}'))]
        if "batch" in cases:
            jsonl = work / f"clusters_{args.mb:g}mb.jsonl"
            shape = make_clusters(jsonl, args.mb) if not jsonl.exists() else \
                f"{jsonl.stat().st_size / 1e6:.1f} MB JSONL of clusters"
            rows.append(("batch JSONL --method lead", shape,
                         lambda o: ["-m", "summarizer", "batch", str(jsonl), "--out", str(o),
                                    "--method", "lead", "--no-progress"],
                         args.long_runs, _batch_summaries, None))
        if "evaluate" in cases or "reopen" in cases:
            data = work / f"eval_{args.clusters}.jsonl"
            shape = make_eval(data, args.clusters, args.data) if not data.exists() else \
                f"{args.clusters:,} JSONL clusters"

            def evaluate(o: Path) -> list[str]:
                return ["-m", "summarizer", "evaluate", str(data), "--method", "lead",
                        "--words", "50", "--out", str(o), "--no-progress"]

            if "evaluate" in cases:
                rows.append(("evaluate --method lead --words 50", shape, evaluate, args.runs,
                             _eval_scores, None))
            if "reopen" in cases:
                rows.append(("evaluate, the same on its finished run", shape, evaluate,
                             args.runs, _eval_scores, _finished_run(scratch, evaluate, args.lock)))
        if "rouge" in cases:
            pairs = work / f"pairs_{args.pairs}"
            if not pairs.exists():
                pairs.mkdir()
                shape = make_pairs(pairs, args.pairs)
            else:
                shape = f"{args.pairs:,} pairs"
            rows += [
                ("rouge SYS_DIR REF_DIR", shape + " (files)",
                 lambda o: ["-m", "summarizer", "rouge", str(pairs / "sys"), str(pairs / "refs")],
                 args.runs, "stdout", None),
                ("rouge SYS REF --lines", shape + " (a line each)",
                 lambda o: ["-m", "summarizer", "rouge", str(pairs / "sys.txt"),
                            str(pairs / "ref.txt"), "--lines"],
                 args.runs, "stdout", None),
            ]

    lines = [f"Old: {old} ({_rev(old)}); new: {new} ({_rev(new)}). Python {sys.version.split()[0]}, "
             f"{os.cpu_count()} cores, PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}.",
             "",
             "| command | shape | runs | old s | new s | new/old time | old CPU s | new CPU s | "
             "new/old CPU | old peak MB | new peak MB | new/old peak | same output | "
             "load before -> after |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for label, shape, argv, runs, check, fill in rows:
        before = _load()
        got: dict[Path, list[tuple[float, float, float]]] = {old: [], new: []}
        outputs: dict[Path, object] = {}
        for r in range(runs):
            for code in ((old, new) if r % 2 == 0 else (new, old)):
                dest = scratch / "out"
                shutil.rmtree(dest, ignore_errors=True)
                if fill is not None:
                    fill(code, dest)
                wall, cpu, peak, stdout = _run(code, argv(dest), args.lock)
                got[code].append((wall, cpu, peak))
                if check == "stdout":
                    outputs[code] = stdout
                elif check is not None:
                    outputs[code] = check(dest)
        shutil.rmtree(scratch / "out", ignore_errors=True)
        (t0, c0, m0), (t1, c1, m1) = (tuple(statistics.median(x) for x in zip(*got[c], strict=True))
                                      for c in (old, new))
        same = "-" if check is None else ("yes" if outputs[old] == outputs[new] else "NO")
        line = (f"| {label} | {shape} | {runs} | {t0:.3f} | {t1:.3f} | {t1 / t0:.2f}x | "
                f"{c0:.3f} | {c1:.3f} | {f'{c1 / c0:.2f}x' if c0 else '-'} | {m0:.0f} | {m1:.0f} | {m1 / m0:.2f}x | "
                f"{same} | {before} -> {_load()} |")
        print(line, file=sys.stderr)
        lines.append(line)
    shutil.rmtree(scratch, ignore_errors=True)
    emit_report("\n".join(lines), args.out)
    return 0


def _rev(code: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


if __name__ == "__main__":
    run_script(main)
