"""`summarizer rouge SYSTEM REFERENCE...`: ROUGE with intervals and a signature.

Takes files or folders of summaries (see :mod:`summarizer.metrics.io`) and
the familiar ROUGE-1.5.5 options, and prints a table or JSON. Mirrors
:func:`summarizer.metrics.rouge`.
"""

from __future__ import annotations

import argparse
import sys

from summarizer.metrics.rouge_score_mode import BACKENDS, DEFAULT_BACKEND
from summarizer.metrics.settings import DEFAULT_METRICS, MODES, TOKENIZERS, parse_flags

EPILOG = """examples:
  summarizer rouge sys/ refs/ -n 2 -x -2 4 -u -c 95 -r 1000      (TAC 2011 options)
  summarizer rouge sys/ refs/ -n 4 -2 4 -u -m --format json
  summarizer rouge out.txt ref.txt --mode rouge-score -m
  summarizer rouge sys_a/ refs/ --compare sys_b/                  (paired tests)
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rouge",
        help="score summaries with ROUGE (exact ROUGE-1.5.5 or rouge-score), with 95%% intervals",
        description="Score system summaries against references. SYSTEM and REFERENCE are files "
        "or folders: a folder of system summaries pairs with reference files named <id>.* "
        "(e.g. TAC's M000.A.250) or a sub-folder per id; files are one sentence per line.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("system", metavar="SYSTEM")
    p.add_argument("references", metavar="REFERENCE", nargs="+")
    p.add_argument("--mode", choices=MODES, default="rouge155")
    g = p.add_argument_group("ROUGE-1.5.5 options")
    g.add_argument("-n", type=int, metavar="N", help="ROUGE-N for N = 1..N")
    g.add_argument("-x", action="store_true", help="no ROUGE-L")
    g.add_argument("-2", dest="skip", type=_skip, metavar="D", help="skip bigrams with gap <= D (* or -2-1: any)")
    g.add_argument("-u", action="store_true", help="skip bigrams plus unigrams (ROUGE-SU)")
    g.add_argument("-w", type=float, metavar="W", help="ROUGE-W with weight W")
    g.add_argument("-m", action="store_true", help="Porter stemming (with WordNet exceptions)")
    g.add_argument("-s", action="store_true", help="remove SMART stopwords")
    g.add_argument("-l", type=int, metavar="N", help="keep only the first N words (of summaries and references)")
    g.add_argument("-b", type=int, metavar="N", help="keep only the first N bytes (of summaries and references)")
    g.add_argument("-f", choices=["A", "B"], help="A: average over references, B: best")
    g.add_argument("-p", type=float, metavar="ALPHA", help="F-measure weight (0.5: F1)")
    g.add_argument("-c", type=float, metavar="C", help="confidence level in percent (95)")
    g.add_argument("-r", type=int, metavar="R", help="bootstrap resamples (1000)")
    g.add_argument("-e", metavar="DIR", help="ROUGE-1.5.5 data folder (for -m and -s)")
    g.add_argument("-a", action="store_true", help="accepted for compatibility (always on)")
    g.add_argument("-d", action="store_true", help="same as --per-summary")
    g.add_argument("-t", type=int, choices=[0], help="0: average per summary (the only mode here)")
    g.add_argument("-v", action="store_true", help="accepted for compatibility")
    p.add_argument("--metrics", help="comma-separated metric names instead of -n/-x/-2/-u/-w")
    p.add_argument("--tokenizer", choices=TOKENIZERS, default="default",
                   help="'unicode' scores non-Latin scripts instead of dropping them")
    p.add_argument("--backend", choices=BACKENDS, default=None,
                   help=f"rouge-score mode backend (default {DEFAULT_BACKEND})")
    p.add_argument("--seed", type=int, default=None,
                   help="bootstrap seed (0, the default, draws exactly as ROUGE-1.5.5 does)")
    p.add_argument("--format", choices=["table", "json", "perl"], default="table",
                   help="perl: the text ROUGE-1.5.5.pl prints (for scripts that parse it)")
    p.add_argument("--system-id", default="X", help="system name in --format perl output")
    p.add_argument("--per-summary", action="store_true", help="also print per-summary scores")
    p.add_argument("--lines", action="store_true",
                   help="each line of SYSTEM and of each REFERENCE file is one whole summary")
    p.add_argument("--encoding", metavar="E",
                   help="encoding of every input file (default: UTF-8, else detected, as for "
                   "every file the package reads)")
    p.add_argument("--eval-order", metavar="IDS",
                   help="summary ids (comma-separated) in the order of the ROUGE-1.5.5 config to "
                   "reproduce, or a known run: tac2011")
    p.add_argument("--compare", metavar="SYSTEM_B",
                   help="also score SYSTEM_B on the same references and run paired significance tests")
    p.set_defaults(func=run)


def _skip(value: str) -> int:
    """A skip distance: a number, or ``*`` / ``-1`` for any gap."""
    if value == "*":
        return -1
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a skip distance: {value!r}") from None


def _metrics(args: argparse.Namespace) -> list[str] | None:
    if args.metrics:
        return [m for m in args.metrics.split(",") if m.strip()]
    flags: list[str] = []
    if args.n is not None:
        flags += ["-n", str(args.n)]
    if args.x:
        flags.append("-x")
    if args.skip is not None:
        flags += ["-2", str(args.skip)]
    if args.u:
        flags.append("-u")
    if args.w is not None:
        flags += ["-w", str(args.w)]
    if not flags:
        return None
    if args.mode == "rouge-score" and any(f in flags for f in ("-2", "-u", "-w")):
        from summarizer.errors import RougeOptionError

        raise RougeOptionError("rouge-score mode has no ROUGE-S/SU/W (-2, -u, -w)")
    names = parse_flags(flags)["metrics"]
    if args.mode == "rouge-score" and "ROUGE-L" in names:
        names += ["rougeLsum"]
    return names or list(DEFAULT_METRICS[args.mode])


def run(args: argparse.Namespace) -> int:
    from summarizer.metrics.api import score_corpus
    from summarizer.metrics.io import EVAL_ORDERS, load_pairs
    from summarizer.metrics.settings import make_settings

    settings = make_settings(
        args.mode,
        _metrics(args),
        stem=args.m or None,
        stopwords=args.s or None,
        length_words=args.l,
        length_bytes=args.b,
        scoring=args.f,
        alpha=args.p,
        w_weight=args.w,
        tokenizer=args.tokenizer,
        confidence=args.c,
        resamples=args.r,
        seed=args.seed,
        backend=args.backend,
        data_dir=args.e,
    )
    progress = sys.stderr.isatty()

    order = None
    if args.eval_order:
        order = EVAL_ORDERS.get(args.eval_order) or [i for i in args.eval_order.split(",") if i]

    def score(system: str):
        pairs = load_pairs(system, args.references, lines=args.lines, encoding=args.encoding)
        return score_corpus(
            ((p.system, p.references) for p in pairs), ids=[p.id for p in pairs],
            settings=settings, progress=progress, total=len(pairs), eval_order=order,
        )

    report = score(args.system)
    per_summary = args.per_summary or args.d
    comparison = None
    if args.compare:
        from summarizer.metrics.significance import compare_reports, format_comparison

        other = score(args.compare)
        comparison = compare_reports(report, other, seed=12345 if args.seed is None else args.seed)
    if args.format == "json":
        import json

        out = report.to_dict(per_summary=per_summary)
        if comparison is not None:
            out["comparison"] = {
                "a": args.system, "b": args.compare, "tests": [r.to_dict() for r in comparison],
            }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif args.format == "perl":
        print(report.format_perl(args.system_id, per_summary=per_summary))
    else:
        print(report.format_table(per_summary=per_summary))
        if comparison is not None:
            print()
            print(format_comparison(comparison, args.system, args.compare))
    return 0
