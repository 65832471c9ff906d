"""What asking the sentence splitter at an abbreviation's period costs
(``sentence_ends.ends_sentence_at`` / ``reads_on``): ``make_document`` on hard-wrapped
text, whose cleaning asks it at a line ending in an abbreviation
(``documents.clean.looks_wrapped``), and ``faithfulness.names.find_names`` on a news
cluster's sentences, which asks it after a word of the abbreviation set. Against the plain
period rule, in the same checkout, and a baseline checkout.

Usage::

    mkdir /tmp/ends-base && git archive BASE summarizer | tar -x -C /tmp/ends-base
    python eval/bench_sentence_ends.py [--baseline /tmp/ends-base] [--mb 3] [--runs 3]
        [--reps 3] [--lock /tmp/cpu.lock] [--out eval/results/bench_sentence_ends.md]

Shapes (English, built from TAC 2011's 100 English articles, cleaned, each paragraph
wrapped at 72 columns, paragraphs between blank lines, repeated to ``--mb`` MB):

- ``tac72``: as they are: the natural rate of lines ending in an abbreviation (stated);
- ``abbr30``: 30% of the lines (drawn, seed 0) end in an abbreviation instead of their
  last word ("Calif.", "Sen.", "Jan.", "ill.", "Mr.", "Co.", "Gov.");
- ``abbr30_stops35``: as ``abbr30``, and 35% more end in a full stop: only about a third
  of the lines are open without asking;
- ``abbr30_stops35_caps``: as ``abbr30_stops35``, every line begun in a capital: a block
  is no longer taken for wrapped by its lines begun in lower case, and the vote on its
  line ends waits on the splitter's answers (the worst case).

``names``: ``find_names`` of every sentence of TAC's 10 English clusters (the checker
calls it a sentence at a time), no vocabulary.

Variants: ``splitter`` (the checkout's code); ``set only`` (the plain period rule: an
abbreviation of the set leaves a line open and its period ends no sentence, nothing
asked); ``marks alone`` (make_document: a final period closes a line whatever the word,
the rule before a11ea5b). Each run is a fresh process per checkout and variant, the
checkouts alternated; in it each shape is timed ``--reps`` times after a first call
(imports, models), the median taken; the
table gives the median of the runs' medians. "asked" is how many times
``ends_sentence_at`` was called, "split" how many windows the splitter split (in the
first call). The wrapped texts repeat TAC's paragraphs, their abbreviations drawn anew in
each copy.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import (  # noqa: E402
    SHARED_DATA,
    bound_counts,
    checkout,
    command_line,
    emit_report,
    locked,
    machine_line,
    missing_tac,
    run_script,
    uptime,
)

REPO = Path(__file__).resolve().parents[1]
ABBREVIATED = ["Calif.", "Sen.", "Jan.", "ill.", "Mr.", "Co.", "Gov."]
SHAPES = ("tac72", "abbr30", "abbr30_stops35", "abbr30_stops35_caps")

_CHILD = """
import json, statistics, sys, time
given = json.loads(sys.stdin.read())
from summarizer import sentence_ends
from summarizer.documents import clean
from summarizer.documents.make import make_document
from summarizer.faithfulness import names
from summarizer.faithfulness.names import find_names
from summarizer.sentences import split

if given["variant"] == "set only":
    clean.reads_on = lambda *a: True
    names.ends_sentence_at = lambda *a: False
elif given["variant"] == "marks alone":
    clean.ends_in_abbreviation = lambda *a: False
    names.ends_sentence_at = lambda *a: False
counts = {"questions": 0, "splits": 0}
for module in (sentence_ends, names):
    if module.ends_sentence_at.__name__ != "<lambda>":
        def counting(*a, _f=module.ends_sentence_at, **k):
            counts["questions"] += 1
            return _f(*a, **k)
        module.ends_sentence_at = counting
splitter = split.split_spans
def splitting(*a, **k):
    counts["splits"] += 1
    return splitter(*a, **k)
split.split_spans = splitting

def run(shape):
    if shape == "names":
        for sentence in given["sentences"]:
            find_names(sentence, language="english")
    else:
        make_document(texts[shape], language="english")

texts = {s: open(p, encoding="utf-8").read() for s, p in given["paths"].items()}
out = {}
for shape in [*given["paths"], "names"]:
    counts.update(questions=0, splits=0)
    run(shape)  # imports, models; and the questions asked
    asked = dict(counts)
    times = []
    for _ in range(given["reps"]):
        t0 = time.perf_counter()
        run(shape)
        times.append(time.perf_counter() - t0)
    out[shape] = {"s": statistics.median(times), **asked}
print(json.dumps(out))
"""


def wrapped_shapes(data: Path, mb: float) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """The wrapped texts, the clusters' sentences, and each shape's rate of lines
    ending in an abbreviation of the English set (read by the current checkout)."""
    from summarizer.documents.tac import load_tac2011
    from summarizer.sentence_ends import ends_in_abbreviation
    from summarizer.sentences.split import split_cluster

    clusters = load_tac2011(data, "english", references=False)
    sentences = [s.text for c in clusters for s in split_cluster(c)]
    paragraphs = [p for c in clusters for d in c.documents for p in d.text.split("\n\n")]
    blocks = [textwrap.wrap(p, 72) for p in paragraphs]
    size = sum(len(line) + 1 for b in blocks for line in b) + len(blocks)
    blocks = blocks * max(1, round(mb * 1e6 / size))
    rng = random.Random(0)
    shaped: dict[str, list[list[str]]] = {"tac72": blocks, "abbr30": [], "abbr30_stops35": []}
    for block in blocks:
        abbr, stops = [], []
        for line in block:
            draw = rng.random()
            if draw < 0.30:  # its last word an abbreviation, in both
                line = f"{line.rsplit(' ', 1)[0]} {rng.choice(ABBREVIATED)}"
            abbr.append(line)
            stops.append(line.rstrip(".,;:") + "." if 0.30 <= draw < 0.65 else line)
        shaped["abbr30"].append(abbr)
        shaped["abbr30_stops35"].append(stops)
    shaped["abbr30_stops35_caps"] = [[line[:1].upper() + line[1:] for line in b]
                                     for b in shaped["abbr30_stops35"]]
    texts = {k: "\n\n".join("\n".join(b) for b in v) + "\n" for k, v in shaped.items()}
    rates = {}
    for k, v in shaped.items():
        ends = [line for b in v for line in b[:-1]]
        rates[k] = (f"{sum(ends_in_abbreviation(x, 'english') for x in ends) / len(ends):.1%} "
                    f"of {len(ends):,} line ends in an abbreviation, "
                    f"{sum(x.endswith('.') for x in ends) / len(ends):.0%} in a period")
    return texts, sentences, rates


def child(checkout: Path, variant: str, paths: dict[str, str], sentences: list[str],
          reps: int) -> dict:
    given = {"variant": variant, "paths": paths, "sentences": sentences, "reps": reps}
    done = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(given), text=True,
                          capture_output=True, check=True, env={"PYTHONPATH": str(checkout)},
                          cwd=checkout)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(SHARED_DATA / "tac2011_multiling"))
    ap.add_argument("--baseline", type=Path, help="a checkout of another commit's summarizer")
    ap.add_argument("--mb", type=float, default=3.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--lock", default="")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    bound_counts(ap, args, mb=(0.0, 50), runs=(1, 20), reps=(1, 20))
    checkout(ap, args.baseline)
    if missing_tac(args.data, "; nothing measured"):
        return 2
    texts, sentences, rates = wrapped_shapes(Path(args.data), args.mb)
    checkouts = {"this": REPO, **({"baseline": args.baseline} if args.baseline else {})}
    variants = ["splitter", "set only", "marks alone"]
    results: dict[tuple[str, str], list[dict]] = {}
    load_before = uptime()
    with tempfile.TemporaryDirectory() as tmp, locked(args.lock):
        paths = {}
        for k, text in texts.items():
            paths[k] = str(Path(tmp) / f"{k}.txt")
            Path(paths[k]).write_text(text, encoding="utf-8")
        for _ in range(args.runs):
            for variant in variants:
                for name, tree in checkouts.items():
                    results.setdefault((name, variant), []).append(
                        child(tree, variant, paths, sentences, args.reps))
    load_after = uptime()
    shapes = [*SHAPES, "names"]
    mb = {k: len(t.encode()) / 1e6 for k, t in texts.items()}
    lines = [f"# Asking the sentence splitter at abbreviations: cost ({command_line('bench_sentence_ends.py', argv)})",
             "", f"Load before: {load_before}", f"Load after: {load_after}", "",
             "Shapes (English; TAC 2011's 100 English articles, paragraphs wrapped at 72 "
             "columns, repeated):", ""]
    for k in SHAPES:
        lines.append(f"- `{k}`: {mb[k]:.2f} MB, {rates[k]}; timed: make_document(text, "
                     "language='english')")
    lines += [f"- `names`: find_names(sentence, language='english') of each of the "
              f"{len(sentences):,} sentences of TAC's 10 English clusters", "",
              "| checkout | variant | " + " | ".join(f"{k} s (asked, split)" for k in shapes)
              + " |", "|---|---|" + "---|" * len(shapes)]
    median = {key: {k: statistics.median(r[k]["s"] for r in runs) for k in shapes}
              for key, runs in results.items()}
    for (name, variant), runs in results.items():
        cells = [f"{median[name, variant][k]:.3f} ({runs[0][k]['questions']:,}, "
                 f"{runs[0][k]['splits']:,})" for k in shapes]
        lines.append(f"| {name} | {variant} | " + " | ".join(cells) + " |")
    lines += ["", "Ratios (time over the same checkout's `set only`, the plain period rule):",
              "", "| checkout | variant | " + " | ".join(shapes) + " |",
              "|---|---|" + "---|" * len(shapes)]
    for name, variant in results:
        ratio = [median[name, variant][k] / median[name, "set only"][k] for k in shapes]
        lines.append(f"| {name} | {variant} | " + " | ".join(f"{r:.2f}" for r in ratio) + " |")
    if args.baseline:
        lines += ["", "This checkout over the baseline, same variant:", "",
                  "| variant | " + " | ".join(shapes) + " |", "|---|" + "---|" * len(shapes)]
        for variant in variants:
            ratio = [median["this", variant][k] / median["baseline", variant][k] for k in shapes]
            lines.append(f"| {variant} | " + " | ".join(f"{r:.2f}" for r in ratio) + " |")
    lines += ["", machine_line(args.runs, f"median of {args.reps} calls after a first one, "
                                          "per process")]
    emit_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    run_script(main)
