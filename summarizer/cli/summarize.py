"""`summarizer summarize PATH...` (skeleton: text files only; to be completed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from summarizer.summarizers import DEFAULT_METHOD, available_methods


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("summarize", help="summarise files, folders or JSONL as one cluster")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--method", default=DEFAULT_METHOD, help=f"one of {', '.join(available_methods())}")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--words", type=int)
    g.add_argument("--bytes", type=int)
    g.add_argument("--sentences", type=int)
    p.add_argument("--truncate", action="store_true")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import summarizer

    texts = []
    for path in args.paths:
        for f in sorted(Path(path).rglob("*")) if Path(path).is_dir() else [Path(path)]:
            if f.is_file():
                texts.append(f.read_text(encoding="utf-8"))
    summary = summarizer.summarize(
        texts, args.method, words=args.words, bytes=args.bytes, sentences=args.sentences,
        truncate=args.truncate,
    )
    print(summary.text)
    return 0
