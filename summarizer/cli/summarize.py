"""`summarizer summarize PATH...`: summarise files, folders or JSONL as one cluster.

Examples::

    summarizer summarize seeds/
    summarizer summarize a.txt b.txt --method lexrank --words 100 --format json
    summarizer summarize cluster.jsonl --bytes 665 --truncate
    summarizer summarize seeds/ --method abstractive --model path/to/model --strategy map-reduce

Notes (non-UTF-8 files, skipped files) go to stderr; the summary to stdout.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from summarizer.cli import (
    add_budget_arguments,
    add_main_content_argument,
    add_model_arguments,
    add_progress_argument,
    hides_progress,
)
from summarizer.errors import OptionError, json_shown, shortened, shown, value_repr
from summarizer.summarizers import DEFAULT_METHOD, available_methods, check_method

# Options passed to the summariser only when the user gives them.
# Exit status when the summary comes out empty (the output, if any, is still printed).
EMPTY_SUMMARY_EXIT = 3

PASS_THROUGH = ("model", "strategy", "device", "guard")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "summarize",
        help="summarise files, folders or JSONL as one cluster",
        description="Summarise the given files, folders (one document per file) and JSONL "
        "files as one cluster of news articles. Default: the "
        f"{DEFAULT_METHOD!r} method, 100 words.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, HTML pages, folders or .jsonl files ('-' reads standard "
                   "input)")
    p.add_argument("--method", default=DEFAULT_METHOD,
                   help=f"one of {', '.join(available_methods())} (default: {DEFAULT_METHOD})")
    add_budget_arguments(p)
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="output format (default: text)")
    p.add_argument("--language", metavar="L",
                   help="language of the documents, name or ISO code (default: guessed "
                   "from the text, by its script and then its function words, else English)")
    add_model_arguments(p)
    p.add_argument("--guard", choices=["flag", "drop", "off"],
                   help="check generated text against the sources: flag marks unsupported "
                   "sentences [unsupported: ...], drop removes them (abstractive; default flag)")
    p.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="another summariser option, VALUE as JSON or text, e.g. "
                   "--option lam=0.5, or --option encoder=all-MiniLM-L6-v2-int8 to run "
                   "MiniLM itself instead of the static vectors (repeatable; as for evaluate)")
    p.add_argument("--text-field", metavar="F",
                   help="JSONL: field holding the text (default: the first of document, "
                   "text, article)")
    p.add_argument("--no-clean", action="store_true",
                   help="keep titles, date lines and boilerplate in the text")
    add_main_content_argument(p)
    add_progress_argument(p)
    p.set_defaults(func=run)


def summarizer_options(args: argparse.Namespace,
                       taken: dict[str, str] | None = None) -> dict[str, Any]:
    """--model/--strategy/--device/--guard and every --option KEY=VALUE as summariser
    options, checked against the method before any work (an unknown one is an
    OptionError naming the accepted options). ``taken``: the options a flag of the command
    sets (``seed``: ``--seed``), each refused with what to give instead; they were passed
    twice to the library call, a TypeError (exit 70)."""
    from summarizer.cli import parse_option
    from summarizer.summarizers import accepted_options, check_options

    options = {k: getattr(args, k, None) for k in PASS_THROUGH  # evaluate has no --guard
               if getattr(args, k, None) is not None}
    for text in getattr(args, "option", None) or []:
        key, value = parse_option(text)
        if key in options:
            raise OptionError(f"option {value_repr(key)} is given twice")
        if key in (taken or {}):
            raise OptionError(f"--option {key}: {taken[key]}")  # type: ignore[index]
        options[key] = value
    if not options:
        return options
    try:
        accepted = accepted_options(args.method)
        flags = [f"--{k}" for k in PASS_THROUGH if k in options and k not in (accepted or {k})]
        if flags:
            raise OptionError(f"method {value_repr(args.method)} does not take {', '.join(flags)} "
                              "(these options are for --method abstractive)")
        check_options(args.method, options)
    except ImportError as exc:
        raise OptionError(f"method {value_repr(args.method)} is not available: {exc}") from None
    return options


def _note(message: str) -> None:
    from summarizer.cli import say

    say(message)


@hides_progress
def run(args: argparse.Namespace) -> int:
    from summarizer.documents.loaders import input_report, load_cluster
    from summarizer.summarizers import get_summarizer, make_budget

    check_method(args.method)
    budget = make_budget(words=args.words, chars=args.chars, bytes=args.bytes,
                         sentences=args.sentences,
                         truncate=args.truncate)
    options = summarizer_options(args)
    # the summariser first: a bad option value is refused before the input is read
    try:
        summariser = get_summarizer(args.method, **options)
    except ImportError as exc:
        raise OptionError(f"method {value_repr(args.method)} is not available: {exc}") from None
    jsonl = {"text_field": args.text_field} if args.text_field else {}
    cluster = load_cluster(args.paths, language=args.language, clean=not args.no_clean,
                           main_content=not args.no_main_content, **jsonl)
    report = input_report(cluster)
    for item in report["non_utf8"]:
        _note(f"note: {shortened(item['path'])} is not UTF-8; decoded as {item['encoding']}")
    for item in report["damaged"]:
        _note(f"note: {shortened(item['path'])}: {item['replaced']} character(s) could not be "
              "read as UTF-8 (damaged bytes) and are shown as U+FFFD")
    for item in report["skipped"]:
        _note(f"warning: skipped {shortened(item['path'])}: {item['reason']}")
    for item in report["html_fallback"]:
        _note(f"note: {shortened(item['path'])}: {item['reason']}")
    from summarizer.runtime import WORK_BLAS_THREADS, blas_threads

    # BLAS held as evaluate and batch hold it: the same sentence scores, to the last digit,
    # whatever the machine's cores (OpenBLAS's threads round sums another way)
    with blas_threads(WORK_BLAS_THREADS):
        summary = summariser.summarize(cluster, budget)
    from summarizer import input_options

    # how the input was read changes the text as an option does (summarize() records it so)
    summary.settings["input_options"] = input_options(not args.no_clean,
                                                      not args.no_main_content, args.text_field)
    empty = not any(s.text.strip() for s in summary.sentences)
    if args.format == "json":
        from summarizer.version import __version__, code_fingerprint

        out = summary.to_dict()
        out["input"] = report
        # the code, as evaluate's run.json and batch's manifest record it
        out["package_version"], out["code_fingerprint"] = __version__, code_fingerprint()
        print(json_shown(out, indent=2, default=str))
    elif args.format == "markdown":
        print(shown(summary_markdown(summary, cluster)))
    elif not empty:
        from summarizer.languages import join_text

        # --no-clean keeps what the files hold: escape sequences and bidi overrides
        # would reach the terminal (an RLO reversed the rest of the summary)
        print(shown(join_text([s.text + _mark(s) for s in summary.sentences])))
    for note in coverage_notes(summary.coverage):
        _note(f"note: {note}")
    if summary.faithfulness and summary.faithfulness.get("unsupported_sentences"):
        # faithfulness counts the summary's sentences: those generated and left out (over
        # the budget, incomplete) are not checked under flag, and are in coverage['output']
        f = summary.faithfulness
        _note(f"note: {f['unsupported_sentences']} of the summary's {f['sentences']} "
              "sentence(s) not supported by the sources (marked)")
    if empty:
        # An empty summary is a failure the user must see, never a silent blank line.
        why = summary.settings.get("note") or "no sentence was selected"
        _note(f"error: the summary is empty: {why}")
        return EMPTY_SUMMARY_EXIT
    return 0


def coverage_notes(coverage: dict[str, Any] | None) -> list[str]:
    """What an abstractive summary's coverage report says was not seen or not kept:
    the input past the model's limit (direct), the strategy's notes (the round limit),
    inputs the generator had to cut, and how the output was fitted (a cut or a fragment
    given, sentences the guard dropped). Said on stderr, not in --format json alone."""
    if not coverage:
        return []
    notes = []
    if coverage.get("truncated"):
        notes.append(f"the model saw {coverage['seen_sentences']} of "
                     f"{coverage['input_sentences']} input sentences (strategy direct: the "
                     "rest is past its input limit; --format json lists them)")
    notes += coverage.get("notes", [])
    cut = (coverage.get("generation") or {}).get("guard_truncated")
    if cut:
        notes.append(f"{cut} model input(s) were cut to fit the model")
    return notes + (coverage.get("output") or {}).get("notes", [])


def _mark(sentence: Any, written: Callable[[str], str] = str) -> str:
    """A marker after a sentence the faithfulness guard found unsupported (its items as
    ``written`` writes them: Markdown's escapes)."""
    if sentence.supported is not False:
        return ""
    items = "; ".join(written(i["text"]) for i in sentence.unsupported)
    return f" [unsupported: {items}]" if items else " [weakly supported]"


# What opens a Markdown block at the start of a line: a heading, a quote, a list item, a
# setext underline, a numbered item (its punctuation is what is escaped: "1999\\.")
_BLOCK_START = re.compile(r"^(\d*)([#>+*=-]|(?<=\d)[.)])")


def markdown_text(text: str) -> str:
    """``text`` as one line of Markdown that renders as the text it is: its line breaks
    joined (a line of a --no-clean sentence that opened with "#" became a heading), a block
    marker at its start escaped (a summary opening with "# ..." rendered as a title), and
    ``<`` and ``[`` escaped, so that a document's raw HTML (``<script>``) or link
    (``[x](javascript:...)``) is shown, not rendered."""
    from summarizer.errors import joined

    text = joined(text).replace("&", "&amp;").replace("<", "&lt;").replace("[", "\\[")
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def summary_markdown(summary: Any, cluster: Any) -> str:
    """The summary with a numbered source marker after each sentence, then the sources."""
    docs = {d.id: d for d in cluster.documents}
    numbers: dict[str, int] = {}
    parts = []
    for s in summary.sentences:
        # generated sentences cite the documents of their evidence when checked
        ids = ([s.doc_id] if s.doc_id else [e["doc_id"] for e in s.evidence]
               or [d for d, _ in s.sources])
        marks = []
        for doc_id in dict.fromkeys(ids):
            if doc_id in docs:
                numbers.setdefault(doc_id, len(numbers) + 1)
                marks.append(f"[{numbers[doc_id]}]")
        parts.append(markdown_text(s.text) + ("".join(marks) if marks else "")
                     + _mark(s, markdown_text))
    from summarizer.languages import join_text

    lines = ["## Summary", "", join_text(parts), "", "## Sources", ""]
    for doc_id, n in numbers.items():
        d = docs[doc_id]
        # one list item each
        label = markdown_text(str(d.title or d.meta.get("path") or doc_id))
        extra = [markdown_text(str(x)) for x in (d.date, d.meta.get("path") if d.title else None)
                 if x]
        lines.append(f"{n}. {label}" + (f" ({', '.join(extra)})" if extra else ""))
    if not numbers:
        lines.append("(no source sentences recorded)")
    lines += ["", f"*{summary.method}, {summary.budget.describe()}, "
              f"{len(cluster.documents)} document(s)*"]
    return "\n".join(lines)
