"""Peak memory of ROUGE-1.5.5 mode on one long reference: its pieces whole or in parts.

Usage::

    python eval/bench_rouge_long_reference.py [--mb 50] [--repeats 3] [--baseline CHECKOUT]
                                              [--options "-n 2 -x,-n 2 -x -2 4 -u"]
                                              [--out eval/results/bench_rouge_long_reference.md]

The reference is ``--mb`` MB of real TAC 2011 English sentences in a seeded random order,
in two shapes: ``one line`` (the text one str: ROUGE-1.5.5 reads it as one sentence) and
``lines`` (a sentence a line, a list of str, as ``evaluate`` passes a reference's lines). A
12-sentence summary is scored against it with each of ``--options`` (default: all of
``OPTIONS``): ``-n 2 -x``, ``-n 2 -x -2 4 -u``, the CLI's default ``-n 2 -2 4 -u`` (with
ROUGE-L, on ``lines`` only: ROUGE-L on a unit of millions of tokens is quadratic time,
``eval/rouge_long.py``) and ``-n 2 -l 100 -2 4 -u`` (on ``one line``). Each point is one
fresh process; its peak resident memory (``ru_maxrss``) and "added" (the peak less the
resident memory just before scoring), medians of ``--repeats`` runs, alternating. Two
variants side by side: ``whole`` tokenises each piece at once (the code before
``tokenize.piece_parts``: the module's ``_PART`` set past any piece), ``parts`` as shipped
(a long piece 1 MiB at a time, cut at whitespace); with ``--baseline CHECKOUT`` (a
checkout of an earlier commit, e.g. ``git archive COMMIT summarizer | tar -x -C DIR``)
they are ``baseline`` and ``this tree``. Both must give the same scores (checked, a column
says so).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    bound_counts,
    checkout,
    command_line,
    emit_report,
    missing_tac,
    run_script,
    uptime,
)
from rouge_long import MEASURE, median_point, point  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
SHAPES = ("one line", "lines")
SU4 = {"skip_distance": 4, "skip_unigrams": True}
OPTIONS = {  # flags -> (Rouge155Options fields besides -n 2, the shapes measured)
    "-n 2 -x": ({"rouge_l": False}, SHAPES),
    "-n 2 -x -2 4 -u": ({"rouge_l": False, **SU4}, SHAPES),
    "-n 2 -2 4 -u": (SU4, ("lines",)),
    "-n 2 -l 100 -2 4 -u": ({"length_words": 100, **SU4}, ("one line",)),
}
VARIANTS = ("whole", "parts")
BASELINE_VARIANTS = ("baseline", "this tree")

_CHILD = r"""
import json, resource, sys, time
repo, job, variant, summary_file, reference_file = sys.argv[1:6]
shape, options = json.loads(job)
sys.path.insert(0, repo)
from summarizer.metrics.rouge155 import tokenize
from summarizer.metrics.rouge155.options import Rouge155Options
from summarizer.metrics.rouge155.score import Rouge155
if variant == "whole":
    tokenize._PART = 1 << 62
summary = open(summary_file, encoding="utf-8").read().split("\n")
reference = open(reference_file, encoding="utf-8").read()
reference = reference.replace("\n", " ") if shape == "one line" else reference.split("\n")
score = Rouge155(Rouge155Options(max_n=2, **options)).score
score("a b", ["a b"])
""" + MEASURE


def make_texts(data: Path, mb: float, folder: Path) -> tuple[Path, Path]:
    """The summary (12 sentences) and the reference (``mb`` MB, a sentence a line)."""
    from summarizer.documents import load_tac2011
    from summarizer.sentences import split_cluster

    sentences = [s.text for c in load_tac2011(data, "english") for s in split_cluster(c)]
    rng, out, n = random.Random(1), [], 0
    while n < mb * 1e6:
        s = rng.choice(sentences)
        out.append(s)
        n += len(s) + 1
    summary, reference = folder / "summary.txt", folder / "reference.txt"
    summary.write_text("\n".join(sentences[:12]), encoding="utf-8")
    reference.write_text("\n".join(out), encoding="utf-8")
    return summary, reference


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--baseline", type=Path, default=None,
                    help="a checkout to measure beside this tree (variants baseline, this tree)")
    ap.add_argument("--options", default=",".join(OPTIONS),
                    help="comma-separated rows of OPTIONS to measure")
    args = ap.parse_args(argv)
    bound_counts(ap, args, repeats=(1, 20), mb=(0.0, 500), timeout=(0.0, 86_400))
    checkout(ap, args.baseline)
    chosen = [o.strip() for o in args.options.split(",")]
    if unknown := [o for o in chosen if o not in OPTIONS]:
        ap.error(f"--options: unknown {', '.join(map(repr, unknown))} (known: {', '.join(OPTIONS)})")
    if missing_tac(args.data):
        return 2
    variants = BASELINE_VARIANTS if args.baseline else VARIANTS
    repos = {v: REPO for v in variants}
    if args.baseline:
        repos["baseline"] = args.baseline.resolve()
    load0 = uptime()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = make_texts(args.data, args.mb, Path(tmp))
        size = files[1].stat().st_size / 1e6
        for options in chosen:
            fields, shapes = OPTIONS[options]
            for shape in shapes:
                runs: dict[str, list[dict]] = {v: [] for v in variants}
                for _ in range(args.repeats):
                    for v in variants:
                        job = json.dumps([shape, fields])
                        runs[v].append(point(repos[v], job, v, files, args.timeout, _CHILD))
                rows.append((options, shape, size, {v: median_point(r) for v, r in runs.items()}))
    load1 = uptime()
    emit_report(_report(rows, command_line("bench_rouge_long_reference.py", argv), load0, load1,
                        args.repeats, variants), args.out)
    return 1 if any("error" in m for *_, ms in rows for m in ms.values()) else 0


def _report(rows: list, command: str, load0: str, load1: str, repeats: int,
            variants: tuple[str, str] = VARIANTS) -> str:
    a, b = variants
    what = (f"`{a}`: each piece tokenised at once (as before `tokenize.piece_parts`); `{b}`: a "
            "long piece 1 MiB at a time, cut at whitespace." if variants == VARIANTS else
            f"`{a}`: the checkout given by --baseline; `{b}`: this checkout.")
    lines = [
        "# Peak memory of ROUGE-1.5.5 mode on one long reference: "
        + ("pieces whole or in parts" if variants == VARIANTS else "baseline and this tree"),
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {platform.machine()}, {platform.python_version()}; medians of "
        f"{repeats} fresh processes per point, the variants alternating. Load at start: "
        f"`{load0}`; at end: `{load1}`. A 12-sentence summary "
        f"against the reference. {what} "
        "Peak = the process's `ru_maxrss`; added = peak less the resident memory just "
        f"before scoring; ratio = {b} / {a}.",
        "",
        f"| options | reference shape | MB | {a} peak MB | {b} peak MB | peak ratio | {a} added MB "
        f"| {b} added MB | added ratio | {a} s | {b} s | same scores |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for options, shape, size, m in rows:
        w, p = m[a], m[b]
        if "error" in w or "error" in p:
            lines.append(f"| `{options}` | {shape} | {size:.1f} | {w.get('error', '')} | {p.get('error', '')} "
                         "| | | | | | | | |")
            continue
        same = w["scores"] == p["scores"] and w["same_runs"] and p["same_runs"]
        lines.append(
            f"| `{options}` | {shape} | {size:.1f} | {w['peak_mb']:.0f} | {p['peak_mb']:.0f} "
            f"| {p['peak_mb'] / w['peak_mb']:.2f} | {w['added_mb']:.0f} | {p['added_mb']:.0f} "
            f"| {p['added_mb'] / w['added_mb']:.2f} | {w['seconds']:.1f} | {p['seconds']:.1f} "
            f"| {'yes' if same else 'NO'} |")
    return "\n".join(lines)


if __name__ == "__main__":
    run_script(main)
