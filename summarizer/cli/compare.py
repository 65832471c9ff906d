"""`summarizer compare RUN_A RUN_B ...`: systems side by side with significance tests."""

from __future__ import annotations

import argparse

from summarizer.metrics import significance_defaults as defaults
from summarizer.metrics.measures import KEYS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare finished evaluate runs (paired tests, win/loss, figure)",
        description=(
            "Compare the systems of two or more `summarizer evaluate` run folders on the "
            "clusters they share: means, paired bootstrap and approximate randomisation "
            "tests, per-cluster win/loss/tie counts, and a PNG of per-cluster scores."
        ),
    )
    p.add_argument("runs", nargs="+", metavar="RUN", help="run folders (with report.json)")
    p.add_argument("--measure", choices=list(KEYS),
                   help="recall, precision or F (default: recall for TAC/DUC, F otherwise)")
    p.add_argument("--metric", action="append", dest="metrics", metavar="NAME",
                   help="metric to compare, e.g. ROUGE-2 (repeatable; default: all)")
    p.add_argument("--out", metavar="DIR", default="comparison",
                   help="folder for comparison.md/.json/.png (default ./comparison)")
    p.add_argument("--no-plot", action="store_true", help="skip the PNG figure")
    seed = defaults.SIGNIFICANCE_SEED
    p.add_argument("--significance-seed", type=int, default=seed, metavar="SEED",
                   help=f"seed of the significance tests (default {seed})")
    p.add_argument("--resamples", type=int, default=defaults.RESAMPLES,
                   help=f"paired bootstrap resamples (default {defaults.RESAMPLES})")
    p.add_argument("--trials", type=int, default=defaults.TRIALS,
                   help=f"approximate randomisation trials (default {defaults.TRIALS})")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown",
                   help="what to print (default markdown; the files are always written)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from summarizer.cli import say
    from summarizer.errors import shortened
    from summarizer.evaluation.compare import (
        check_out,
        compare_runs,
        comparison_markdown,
        dumps,
        write_comparison,
    )

    check_out(args.out)  # refuse a folder of other files before any work
    if not args.no_plot:  # fail before any work if the figure cannot be drawn
        from summarizer.evaluation.plot import require_matplotlib

        require_matplotlib()
    cmp = compare_runs(args.runs, measure=args.measure, metrics=args.metrics,
                       significance_seed=args.significance_seed,
                       resamples=args.resamples, trials=args.trials)
    written = write_comparison(cmp, args.out, plot=not args.no_plot)
    print(dumps(cmp) if args.format == "json" else comparison_markdown(cmp))
    # said as every note is: after what was printed (a log of both streams), one line
    say("wrote " + ", ".join(shortened(str(w)) for w in written))
    return 0
