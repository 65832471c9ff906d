"""`summarizer batch INPUT --out DIR`: summarise every cluster of a large input into Parquet.

Examples::

    summarizer batch clusters.jsonl --out summaries/
    summarizer batch shards/ --out summaries/ --engine ray --num-workers 8 --words 60
    summarizer batch hf:multi_news --split test --out mn/ --method abstractive --model M

Re-running the same command resumes. Rows that cannot be summarised are
listed on stderr (id, position, where) and in OUT/failed.jsonl; the exit code
is then 1, and everything else is saved.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.cli import (
    add_budget_arguments,
    add_engine_arguments,
    add_main_content_argument,
    add_model_arguments,
    add_progress_argument,
    hides_progress,
)
from summarizer.errors import one_line, shortened, stopped, value_repr

if TYPE_CHECKING:
    from summarizer.batch.job import BatchReport

SHOWN_FAILURES = 20


def add_parser(sub: argparse._SubParsersAction) -> None:
    from summarizer.summarizers import DEFAULT_METHOD, available_methods

    p = sub.add_parser(
        "batch",
        help="summarise many clusters into Parquet shards (resumable; local or Ray)",
        description="Summarise every cluster (one per row) of INPUT into Parquet shards in "
        "OUT (one row per cluster: id, summary, provenance, settings fingerprint, seconds), "
        "with OUT/manifest.json recording the settings and the input fingerprint. Re-running "
        "the same command skips the clusters already done.",
    )
    p.add_argument("input", metavar="INPUT",
                   help=".jsonl or .parquet file of clusters, a folder of such shards, or "
                   "hf:NAME|hf:PATH (a Hugging Face data set)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (new, empty, or "
                   "from an earlier run of the same job)")
    p.add_argument("--method", default=DEFAULT_METHOD,
                   help=f"one of {', '.join(available_methods())} (default: {DEFAULT_METHOD})")
    add_budget_arguments(p)
    add_model_arguments(p)
    p.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="another summariser option (repeatable)")
    e = add_engine_arguments(p)
    e.add_argument("--batch-size", type=int, default=64, metavar="N",
                   help="at most N clusters per batch (default 64; --batch-tokens decides for "
                   "clusters over 780 words)")
    e.add_argument("--batch-tokens", type=int, default=50_000, metavar="N",
                   help="at most N input words per batch, unless one cluster is larger "
                   "(default 50000)")
    d = p.add_argument_group("input fields")
    d.add_argument("--text-field", metavar="F",
                   help="field with the documents: a list, or one text (default: the first of "
                   "documents, document, text, article)")
    d.add_argument("--id-field", metavar="F", help="field with the cluster id (default: id, "
                   "else the row's position)")
    d.add_argument("--separator", metavar="S",
                   help="string joining documents in one text field (e.g. '|||||')")
    d.add_argument("--date-field", metavar="F",
                   help="field with the documents' dates, which order them: each document "
                   "object's (default: date), else the row's, beside its text or list of "
                   "plain texts: one date, or a list with one each (default: none read)")
    d.add_argument("--preset", choices=["multi_news", "cnn_dailymail", "xsum"],
                   help="field layout of a Hugging Face data set")
    d.add_argument("--split", help="split of a Hugging Face data set or save_to_disk folder "
                   "(default: test); a local file, or a folder of one saved Dataset, "
                   "is read whole: no other split")
    d.add_argument("--language", metavar="L",
                   help="language of every document (default: a row's \"language\" field, "
                        "else guessed per document)")
    d.add_argument("--no-clean", action="store_true",
                   help="keep titles, date lines and boilerplate in the text")
    add_main_content_argument(d)
    p.add_argument("--seed", type=int, default=1234, help="the job's seed: a sampling summariser's (--option do_sample=true) (default 1234)")
    add_progress_argument(p)
    p.set_defaults(func=run)


def _holds_shards(out: str) -> bool:
    """Whether the output folder holds a shard of finished clusters (read on a stop)."""
    from summarizer.batch.output import SHARDS

    try:
        return any(Path(out).glob(SHARDS))
    except OSError:
        return False


@hides_progress
def run(args: argparse.Namespace) -> int:
    from summarizer.batch import summarize_dataset
    from summarizer.cli import say
    from summarizer.cli.summarize import summarizer_options
    from summarizer.summarizers import check_method

    check_method(args.method)
    # the flags batch has, and every --option, checked against the method before any data
    # is read (summarize_dataset checks them again, as for any library call)
    options = summarizer_options(args, {
        "seed": "give --seed N: batch's seed is the summariser's",
        "progress": "give --no-progress",
        "batch_size": ("batch's --batch-size is its clusters per batch; the model's batch "
                       "is sized automatically here (in Python, pass summarize_dataset a "
                       "summariser made by get_summarizer('abstractive', batch_size=N))")})
    try:
        report = summarize_dataset(
            args.input, args.out, args.method, words=args.words, chars=args.chars,
            bytes=args.bytes, sentences=args.sentences, truncate=args.truncate, engine=args.engine,
            num_workers=args.num_workers, batch_size=args.batch_size,
            batch_tokens=args.batch_tokens, text_field=args.text_field,
            id_field=args.id_field, separator=args.separator, preset=args.preset,
            split=args.split, language=args.language, clean=not args.no_clean,
            main_content=not args.no_main_content, date_field=args.date_field, seed=args.seed,
            address=args.address, gpus_per_worker=args.gpus_per_worker,
            progress=not args.no_progress, **options,
        )
    except KeyboardInterrupt as exc:
        if _holds_shards(args.out):
            say(f"{stopped(exc)}; finished clusters are saved in {shortened(args.out)}; run "
                "the same command again to resume")
        else:  # stopped before the first shard: nothing saved, the folder perhaps not made
            say(f"{stopped(exc)} before any cluster was saved; run the same command again "
                "to start")
        raise
    for f in report.failed[:SHOWN_FAILURES]:
        ident = f"id {value_repr(f['id'])}, " if f["id"] is not None else ""
        say(f"warning: row {f['position']} ({ident}{f['where']}) failed: {f['error']}")
    if report.failed_count > SHOWN_FAILURES:
        say(f"... {report.failed_count - SHOWN_FAILURES} more in "
            f"{shortened(str(report.out / 'failed.jsonl'))}")
    for e in report.emptied[:SHOWN_FAILURES]:  # summarised without them, never silently
        docs = ", ".join(f"{d['document']} ({d['reason']})" for d in e["documents"])
        say(f"warning: row {e['position']} (id {value_repr(e['id'])}, {e['where']}): left out "
            f"document(s) without text after cleaning: {docs}")
    if report.emptied_count > SHOWN_FAILURES:
        say(f"... {report.emptied_count - SHOWN_FAILURES} more rows with such documents in "
            f"{shortened(str(report.out / 'report.json'))}")
    if report.empty:  # kept (as ROUGE scores an empty summary), but never silently
        say(f"warning: {report.empty} of the {report.done} summaries made are empty (e.g. "
            f"{report.empty_note})")
    print(one_line(_last_line(report, args.engine)))
    if report.rows == 0:  # an empty input is bad input, not a successful job
        say(f"error: {shortened(args.input)}: holds no rows; nothing was summarised")
        return 2
    return 1 if report.failed_count else 0


def _last_line(report: BatchReport, engine: str) -> str:
    """This run's counts, and the whole output's where earlier runs add to them (a rerun
    of a finished job said "0 summarised, N already done" and nothing of the N)."""
    skipped = f", {report.skipped} already done" if report.skipped else ""
    whole = ""
    if (report.output_done, report.output_failed) != (report.done, report.failed_count):
        whole = f" (output: {report.output_done} done, {report.output_failed} failed)"
    return (f"{report.rows} rows: {report.done} summarised{skipped}, {report.failed_count} "
            f"failed in {report.seconds:.1f} s ({report.clusters_per_second:.2f} clusters/s, "
            f"{engine} engine) -> {shortened(str(report.out))}/{whole}")
