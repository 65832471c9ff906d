"""`summarizer rouge SYSTEM REFERENCE...`: ROUGE with intervals and a signature.

Takes files or folders of summaries (see :mod:`summarizer.metrics.io`) and
the familiar ROUGE-1.5.5 options, and prints a table or JSON. Mirrors
:func:`summarizer.metrics.rouge`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import cast

from summarizer.cli import add_progress_argument, hides_progress
from summarizer.errors import OptionError, json_shown, one_line, shortened, shown
from summarizer.metrics import significance_defaults as defaults
from summarizer.metrics.settings import add_rouge_arguments, settings_changes

EPILOG = """examples:
  summarizer rouge sys/ refs/ -n 2 -x -2 4 -u -c 95 -r 1000      (TAC 2011 options)
  summarizer rouge sys/ refs/ -n 4 -2 4 -u -m --format json
  summarizer rouge out.txt ref.txt --mode rouge-score --stem
  summarizer rouge sys_a/ refs/ --compare sys_b/                  (paired tests)
  summarizer summarize docs/ | summarizer rouge - ref.txt          (SYSTEM - : standard input)
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rouge",
        help="score summaries with ROUGE (exact ROUGE-1.5.5 or rouge-score), with 95%% intervals",
        description="Score system summaries against references. SYSTEM and REFERENCE are files "
        "or folders: a folder of system summaries pairs with reference files named <id>.* "
        "(e.g. TAC's M000.A.250) or a sub-folder per id; files are one sentence per line. "
        "SYSTEM - reads the summary from standard input (with reference files).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("system", metavar="SYSTEM")
    p.add_argument("references", metavar="REFERENCE", nargs="+")
    add_rouge_arguments(p, "ROUGE options (ROUGE-1.5.5's flags are aliases)")
    p.add_argument("--significance-seed", type=int, metavar="SEED",
                   help="seed of the --compare significance tests (default "
                   f"{defaults.SIGNIFICANCE_SEED})")
    p.add_argument("--format", choices=["table", "json", "perl"], default="table",
                   help="table (the default), json, or perl: the text ROUGE-1.5.5.pl prints (for "
                   "scripts that parse it)")
    p.add_argument("--system-id", help="system name in --format perl output (default X)")
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
    add_progress_argument(p)
    p.set_defaults(func=run)


def refuse_own_reference(system: str | None, references: list[str]) -> None:
    """An :class:`OptionError` where a REFERENCE is the summary file ``system`` itself
    (however named): it would be scored against itself, 1.0, or lifted towards it beside
    other references, and the table would look like a result (a folder's summaries are
    never paired with themselves: :func:`~summarizer.metrics.io.load_pairs`). Refused,
    not warned of (as ``--compare`` with itself is): that comparison is a check of the
    tests that says so (every difference 0), while these numbers pass for an evaluation;
    checking the scorer on identical texts takes a copy of the file."""
    if system is None or system == STDIN or os.path.isdir(system):  # no --compare, a folder
        return
    for ref in references:
        try:
            same = os.path.samefile(system, ref)
        except OSError:  # one is missing: load_pairs names it
            continue
        if same:
            raise OptionError(f"REFERENCE {ref} is the system's own summaries, {system}: "
                              "each would be scored against itself (1.0); give references "
                              "written by others")


STDIN = "-"  # SYSTEM read from standard input, as sacreBLEU reads its hypotheses
STDIN_NAME = "<stdin>"  # what messages and the per-summary id call it


def refuse_stdin_elsewhere(args: argparse.Namespace) -> None:
    """An :class:`OptionError` where ``-`` is given other than as SYSTEM: standard input is
    read once, and holds the one summary scored (a second reading would find it empty)."""
    once = " (it is SYSTEM's already)" if args.system == STDIN else ""
    if STDIN in args.references:
        raise OptionError(f"REFERENCE -: standard input can be only SYSTEM, the summary "
                          f"scored{once}; give each reference as a file")
    if args.compare == STDIN:
        raise OptionError(f"--compare -: standard input can be only SYSTEM, the summary "
                          f"scored{once}; give SYSTEM_B as a file or folder")


def read_stdin_summary(encoding: str | None, perl_bytes: bool = False) -> str:
    """The summary on standard input, read and decoded as a summary file is
    (:func:`~summarizer.metrics.io.decode_summary`: within the size bound, binary or
    undecodable data refused; nothing on it is an empty summary, scored 0 with a note)."""
    from summarizer.metrics.io import decode_summary
    from summarizer.textio import read_stream

    if sys.stdin is None:  # closed (<&-): an AttributeError, an internal error
        raise OptionError("standard input (-) is closed; give the summary on it, or a file")
    return decode_summary(read_stream(sys.stdin.buffer, STDIN_NAME), STDIN_NAME, encoding,
                          perl_bytes)


@hides_progress
def run(args: argparse.Namespace) -> int:
    from summarizer.cli import say
    from summarizer.metrics.api import Text, score_corpus
    from summarizer.metrics.io import EVAL_ORDERS, blank_summary, checked_paths, load_pairs
    from summarizer.metrics.settings import make_settings
    from summarizer.textio import expand_home

    if args.compare not in (None, STDIN):  # '--compare=~/b': no shell expands it
        args.compare = str(expand_home(args.compare))
    if args.significance_seed is not None and not args.compare:  # else silently unused
        raise OptionError("--significance-seed seeds --compare's paired tests; without "
                          "--compare there are none (ROUGE's intervals: --bootstrap-seed)")
    if args.system_id is not None and args.format != "perl":  # likewise
        raise OptionError("--system-id names the system in --format perl's text; the table "
                          "and JSON have no such name")
    system_id = "X" if args.system_id is None else args.system_id
    seed = defaults.SIGNIFICANCE_SEED if args.significance_seed is None else args.significance_seed
    settings = make_settings(**settings_changes(args))
    # the Perl's core reads a legacy encoding's file as its bytes: -b counts them, and the
    # ASCII bytes inside a Shift-JIS, GBK or Big5 character are letters to its tokenizer
    perl_bytes = (settings.mode == "rouge155" and settings.tokenizer == "default"
                  and settings.length_chars is None)
    from functools import partial

    from summarizer.progress import progress_bar, watched

    # made here (metrics, below the package, reads no switch): shown on a terminal, unless
    # switched off (--no-progress: hides_progress)
    progress = partial(progress_bar, asked=watched())
    if args.format == "perl":  # before any scoring
        from summarizer.metrics.report import check_system_id

        check_system_id(system_id)
    if args.compare:  # the paired tests' settings fail before any scoring
        from summarizer.metrics.significance import check_test_settings

        if args.format == "perl":  # it printed ROUGE-1.5.5's text alone: the tests were lost
            raise OptionError("--compare's paired tests have no form in ROUGE-1.5.5's text "
                              "(--format perl); use --format table or json")

        # the paired tests keep their own 95% interval: -c and -r set ROUGE's intervals only
        check_test_settings(defaults.RESAMPLES, defaults.TRIALS, seed)

    if args.encoding is not None:  # before standard input is read, as the references
        from summarizer.textio import text_codec

        text_codec(args.encoding)
    refuse_stdin_elsewhere(args)
    for system in (args.system, args.compare):
        refuse_own_reference(system, args.references)
    # a file is one summary, named by the file: never paired with the other system's
    # ("their summary ids differ" after scoring both, or a word about references)
    single = [s for s in (args.system, args.compare)
              if args.compare and (s == STDIN or os.path.isfile(s))]
    if single and not args.lines:
        raise OptionError(f"--compare pairs the summaries of SYSTEM and SYSTEM_B by id, and "
                          f"{single[0]} is one summary: give two folders of summaries, or two "
                          "files of one summary a line with --lines")
    order = None
    if args.eval_order:
        order = EVAL_ORDERS.get(args.eval_order) or [i for i in args.eval_order.split(",") if i]

    piped = None
    if args.system == STDIN:  # the references first: a user at a terminal types the summary
        checked_paths(Path(STDIN_NAME), args.references, piped=True)
        if args.compare:  # SYSTEM_B (with --lines) too
            checked_paths(Path(args.compare), args.references)
        piped = read_stdin_summary(args.encoding, perl_bytes)

    def load(system: str) -> list:
        nonlocal piped
        if system == STDIN:  # read once, and let go once split (a 50 MB summary held twice)
            text, piped = piped, None
            pairs = load_pairs(STDIN_NAME, args.references, lines=args.lines,
                               encoding=args.encoding, system_text=text,
                               perl_bytes=perl_bytes)
            del text
        else:
            # a long summary file is read as it is scored, its lines never all held
            pairs = load_pairs(system, args.references, lines=args.lines,
                               encoding=args.encoding, stream_long=True,
                               perl_bytes=perl_bytes)
        return pairs

    def score(system: str, pairs: list):
        if system == args.system:  # once, not again for --compare's system
            from summarizer.metrics.settings import dropped_script

            dropped = dropped_script(settings, ("\n".join(p.references[0]) for p in pairs))
            if dropped:
                say(f"warning: {dropped}")
        # line by line (the lines joined, and the join without its invisible characters,
        # were two copies of a long summary, the command's peak); a file read a line at a
        # time as scored says what the pass that checked it found (not a pass of its own)
        empty = [p.system_path for p in pairs if blank_summary(p.system)]
        if empty:  # scored 0, as ROUGE-1.5.5 does, but never silently (a name: one line)
            say(f"note: {len(empty)} empty system summar{'y' if len(empty) == 1 else 'ies'}, "
                f"scored 0: {', '.join(map(shortened, empty[:3]))}"
                f"{' ...' if len(empty) > 3 else ''}")
        return score_corpus(
            ((cast(Text, p.system), p.references) for p in pairs), ids=[p.id for p in pairs],
            settings=settings, progress=progress, total=len(pairs), eval_order=order,
        )

    # SYSTEM_B's files are read before SYSTEM is scored: a bad one failed after the work
    pairs = load(args.system)
    others = load(args.compare) if args.compare else None
    report = score(args.system, pairs)
    del pairs
    per_summary = args.per_summary or bool(args.rouge_perl_d)
    comparison = None
    if args.compare:
        from summarizer.metrics.significance import compare_reports, format_comparison

        assert others is not None
        other = score(args.compare, others)
        from summarizer.evaluation.compare import warn_repeated

        if args.system != STDIN:  # standard input is no file to be SYSTEM_B too
            warn_repeated([Path(args.system), Path(args.compare)], "system")
        comparison = compare_reports(report, other, significance_seed=seed)
    if args.format == "json":
        out = report.to_dict(per_summary=per_summary)
        if comparison is not None:
            out["comparison"] = {
                "a": args.system, "b": args.compare, "tests": [r.to_dict() for r in comparison],
            }
        print(json_shown(out, indent=2))
    elif args.format == "perl":  # summary ids are file names: escapes shown, never sent
        # -w and -c as typed, as the Perl prints them ("ROUGE-W-2.0")
        weight = next((w for w in (args.rouge_perl_w, args.rouge_w_weight) if w is not None), None)
        print(shown(report.format_perl(system_id, per_summary=per_summary, weight=weight,
                                       confidence=args.rouge_confidence)))
    else:
        print(shown(report.format_table(per_summary=per_summary)))
        if comparison is not None:
            print()
            names = (one_line(shortened(s)) for s in (args.system, args.compare))
            print(format_comparison(comparison, *names))
    return 0
