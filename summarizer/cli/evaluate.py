"""`summarizer evaluate DATASET --method ...`: a resumable, scored run over a data set."""

from __future__ import annotations

import argparse
import re
from typing import Any

from summarizer.cli import (
    add_budget_arguments,
    add_engine_arguments,
    add_main_content_argument,
    add_model_arguments,
    add_progress_argument,
    hides_progress,
    parse_option,
)
from summarizer.errors import (
    BudgetError,
    InputError,
    OptionError,
    one_line,
    option_label,
    shortened,
    value_repr,
)
from summarizer.languages import normalize_language
from summarizer.metrics.settings import add_rouge_arguments, make_settings, settings_changes


def _budget_spec(text: str) -> dict[str, int]:
    """``250``, ``250w``, ``665b``, ``3s``, ``300c``, ``words=250`` -> budget keywords."""
    m = re.fullmatch(r"\s*(?:(words|bytes|sentences|chars)\s*=\s*)?(-?\d+)\s*([wbsc]?)\s*", text)
    if not m or (m.group(1) and m.group(3)):
        raise BudgetError(f"bad budget {value_repr(text)}; use e.g. 250, 250w, 665b, 5s, 300c or "
                          "words=250")
    unit = m.group(1) or {"": "words", "w": "words", "b": "bytes", "s": "sentences",
                          "c": "chars"}[m.group(3)]
    digits = m.group(2).lstrip("-").lstrip("0")
    if len(digits) > 18:  # int() of over 4,300 digits: a bare ValueError (exit 70)
        raise BudgetError(f"{unit} budget {value_repr(text.strip())} is absurd (a number of "
                          f"{len(digits):,} digits)")
    return {unit: int(m.group(2))}


def add_parser(sub: argparse._SubParsersAction) -> None:
    from summarizer.summarizers import DEFAULT_METHOD, available_methods

    p = sub.add_parser(
        "evaluate",
        help="run a summariser over a data set and score it (resumable)",
        description=(
            "Summarise every cluster of DATASET, score with ROUGE, write OUT/results.jsonl "
            "(one line per cluster, as it completes), OUT/report.md and OUT/report.json. "
            "Re-running the same command resumes an interrupted run."
        ),
    )
    p.add_argument(
        "dataset", metavar="DATASET",
        help="TAC 2011 MultiLing folder, DUC 2003/2004 folder, FILE.jsonl, or hf:NAME|hf:PATH",
    )
    p.add_argument(
        "--method",
        help=f"default {DEFAULT_METHOD}; one of {', '.join(available_methods())}, or precomputed:DIR|GLOB "
        "(summaries on disk, one file per cluster)",
    )
    p.add_argument("--summaries", metavar="DIR",
                   help="score summaries on disk (a folder, a glob, or a .jsonl of {\"id\", \"summary\"} lines); same as --method precomputed:DIR")
    add_model_arguments(p)
    p.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="another summariser option (repeatable)")
    g = add_budget_arguments(p, default_words="250 for TAC 2011, 100 otherwise")
    g.add_argument("--budget", help="budget as 250, 250w, 665b, 5s or 300c")
    d = p.add_argument_group("data set")
    d.add_argument("--language",
                   help="TAC 2011 language, or the documents' language for other data "
                        "(default: english, not guessed; a JSONL record's or data set "
                        "row's \"language\" field where it has one, as summarize and "
                        "batch read it)")
    d.add_argument("--references", metavar="DIR", help="DUC reference folder (default: searched)")
    d.add_argument("--reference-size", type=int, help="DUC reference length to use (e.g. 100)")
    d.add_argument("--text-field", help="JSONL/HF field with the documents")
    d.add_argument("--summary-field", help="JSONL/HF field with the reference summary(ies)")
    d.add_argument("--id-field", help="JSONL/HF field with the cluster id")
    d.add_argument("--separator", help="string that joins documents in one text field (e.g. '|||||')")
    d.add_argument("--date-field", help="JSONL/HF field with the documents' dates, which order "
                   "them: each document object's (default: date), else the row's, beside "
                   "its text or list of plain texts: one date, or one each (default: none)")
    d.add_argument("--split", help="split of a Hugging Face data set or save_to_disk folder "
                   "(default: test); a local file, or a folder of one saved Dataset, "
                   "is read whole: no other split")
    d.add_argument("--preset", choices=["multi_news", "cnn_dailymail", "xsum"],
                   help="field layout of a Hugging Face data set (hf:PATH, or one exported "
                   "as JSONL)")
    add_main_content_argument(d)
    d.add_argument("--allow-skipped-documents", action="store_true",
                   help="leave out the JSONL/HF documents that cleaning leaves without text, "
                   "and list them in the report (default: refuse the data set)")
    d.add_argument("--limit", type=int, help="evaluate N clusters drawn with --seed")
    d.add_argument("--seed", type=int, default=1234, help="seed for --limit and the summariser (default 1234); the ROUGE "
                   "bootstrap keeps ROUGE-1.5.5's own draws")
    add_rouge_arguments(p, "ROUGE (defaults follow the data set's official evaluation: "
                        "TAC 2011 no stemming; DUC stemming and -l/-b to the budget; other "
                        "data stemming; ROUGE-1.5.5's flags are aliases)")
    p.add_argument("--out", metavar="DIR", help="run folder (default runs/<data>-<method>-<budget>)")
    add_progress_argument(p)
    p.add_argument("--faithfulness", action="store_true",
                   help="also check every summary against its cluster: sentence support rate "
                   "and unsupported-number rate (any system, precomputed summaries too)")
    add_engine_arguments(p)
    p.set_defaults(func=run)


@hides_progress
def run(args: argparse.Namespace) -> int:
    from summarizer.batch.engine import engine_workers
    from summarizer.evaluation import DatasetOptions, default_budget, default_rouge, evaluate
    from summarizer.evaluation.stream import open_dataset
    from summarizer.evaluation.systems import check_system, refuse_data_set_as_summaries
    from summarizer.summarizers import DEFAULT_METHOD

    if args.summaries:
        if args.method is not None:
            raise InputError("give either --method or --summaries, not both")
        args.method = "precomputed:" + args.summaries
    elif args.method is None:
        args.method = DEFAULT_METHOD
    budget_kw: dict[str, Any] = {"words": args.words, "bytes": args.bytes, "sentences": args.sentences,
                                 "chars": args.chars}
    if args.budget:
        budget_kw.update(_budget_spec(args.budget))
    if args.limit is not None and args.limit <= 0:
        # worded as DatasetOptions(limit=0) is: keyword, then flag (README, Errors)
        raise OptionError(f"{option_label('limit')} must be positive, got {args.limit}")
    from summarizer.cli.summarize import PASS_THROUGH, summarizer_options

    if args.method.startswith("precomputed:"):  # check_system refuses any option for these
        options = dict(parse_option(o) for o in args.option)
        options.update({k: v for k in PASS_THROUGH if (v := getattr(args, k, None)) is not None})
    else:
        # read as summarize and batch read them: --device and --option device= at once
        # is an error, a flag the method does not take is named
        options = summarizer_options(args, {
            "seed": "give --seed N: the run's seed is the summariser's",
            "progress": "give --no-progress"})
    # an unknown method or option fails before any work
    check_system(args.method, options, args.truncate)
    refuse_data_set_as_summaries(args.method, args.dataset)
    if args.language is not None:
        normalize_language(args.language)  # a typo fails before the data set is read
    engine_workers(args.engine, args.num_workers, args.address, args.gpus_per_worker)  # so do these
    changes = settings_changes(args)
    make_settings(**changes)  # a bad ROUGE option fails here, before the data set is read
    default_budget("", **budget_kw, truncate=args.truncate)  # and so does a bad budget (0w)
    if args.out is not None:  # and a folder that cannot be the run's: not a folder, others' files
        from summarizer.evaluation.run import check_run_folder

        check_run_folder(args.out)
    data = open_dataset(args.dataset, DatasetOptions(  # a JSONL file is read in passes
        language=args.language, references=args.references, reference_size=args.reference_size,
        text_field=args.text_field, summary_field=args.summary_field, id_field=args.id_field,
        separator=args.separator, split=args.split, preset=args.preset, limit=args.limit, seed=args.seed,
        main_content=not args.no_main_content, date_field=args.date_field,
        allow_skipped_documents=args.allow_skipped_documents,
    ), progress=not args.no_progress)
    budget = default_budget(data.kind, **budget_kw, truncate=args.truncate)
    rouge = default_rouge(data.kind, budget, **changes)

    size: dict[str, Any] = {budget.unit: budget.limit}  # words=250 (Any: for type checkers)
    result = evaluate(
        data, args.method, out=args.out, rouge=rouge, seed=args.seed,
        progress=not args.no_progress, truncate=budget.truncate, **size,
        engine=args.engine, num_workers=args.num_workers, address=args.address,
        gpus_per_worker=args.gpus_per_worker, faithfulness=args.faithfulness,
        **options,
    )
    from summarizer.evaluation.report import report_markdown

    print(report_markdown(result.report))
    note = f"resumed {result.resumed} finished clusters; " if result.resumed else ""
    print(one_line(f"{note}results in {shortened(str(result.out))}/ (results.jsonl, report.md, "
                   "report.json)"))
    return 0

