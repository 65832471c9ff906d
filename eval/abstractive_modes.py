"""Opt-in faster CPU modes on SmolLM2-135M-Instruct: speed and ROUGE change against float32.

Summarises the first ``--clusters`` TAC 2011 English clusters (one model call
each) with ``dtype`` float32 (the default), ``int8-dynamic`` (int8 linear
layers) and ``bfloat16``, greedy decoding, ``--words`` words, guard off.
Reports summarising time (wall and CPU), generated tokens, whether the text
equals float32's, and ROUGE-1/2 recall (rouge155, no stemming, against the
three references). These modes change the numbers; they are never on by
default.

    python eval/abstractive_modes.py [--clusters 2] [--words 100]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import SHARED_DATA, command_line, emit_report, run_script  # noqa: E402

from summarizer.documents.tac import load_tac2011  # noqa: E402
from summarizer.metrics import rouge  # noqa: E402
from summarizer.summarizers.abstractive import AbstractiveSummarizer  # noqa: E402
from summarizer.summarizers.budget import Budget  # noqa: E402

DEFAULT_DATA = SHARED_DATA / "tac2011_multiling"
MODES = ("float32", "int8-dynamic", "bfloat16")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--clusters", type=int, default=2)
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--out", default=None,
                    help="write the table there too (e.g. eval/results/abstractive_modes.md)")
    args = ap.parse_args(argv)
    clusters = load_tac2011(args.data, "english")[: args.clusters]
    rows, texts = [], {}
    for mode in args.modes.split(","):
        s = AbstractiveSummarizer(model="smollm2", device="cpu", dtype=mode, guard="off",
                                  progress=False)
        s.load()  # loading is not timed
        wall = cpu = 0.0
        tokens = 0
        texts[mode] = []
        for c in clusters:
            w0, c0 = time.perf_counter(), time.process_time()
            out = s.summarize(c, Budget(words=args.words))
            wall += time.perf_counter() - w0
            cpu += time.process_time() - c0
            tokens += out.coverage["generation"]["new_tokens"]
            texts[mode].append("\n".join(x.text for x in out.sentences))
        scores = rouge(texts[mode], [c.references for c in clusters], metrics=["ROUGE-1", "ROUGE-2"])
        r1, r2 = (scores.aggregate[m].recall.mean for m in ("ROUGE-1", "ROUGE-2"))
        rows.append((mode, wall, cpu, tokens, r1, r2))
        print(rows[-1], file=sys.stderr)
    base = rows[0]
    load = tuple(round(x, 1) for x in os.getloadavg())
    lines = [
        "# SmolLM2-135M-Instruct: opt-in CPU modes (TAC 2011 English)", "",
        f"Command: `{command_line('abstractive_modes.py', argv)}`", "",
        f"- {len(clusters)} cluster(s) ({', '.join(c.id for c in clusters)}), {args.words} words, "
        "one call each, greedy, guard off; CPU (no GPU in this session), "
        f"torch threads 2; load average at the end {load} (a shared machine: CPU time is the "
        "steadier measure)",
        "- ROUGE: rouge155, no stemming, recall against the 3 references, mean over clusters",
        "",
        "| dtype | wall (s) | CPU (s) | CPU speed-up vs float32 | generated tokens | "
        "same text as float32 | ROUGE-1 R | ROUGE-2 R |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for mode, wall, cpu, tokens, r1, r2 in rows:
        same = texts[mode] == texts[base[0]]
        lines.append(f"| {mode} | {wall:.1f} | {cpu:.1f} | {base[2] / cpu:.2f}x | {tokens} | "
                     f"{same} | {r1:.4f} | {r2:.4f} |")
    emit_report("\n".join(lines), Path(args.out) if args.out else None)
    return 0


if __name__ == "__main__":
    run_script(main)
