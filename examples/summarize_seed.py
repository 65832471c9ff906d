"""Summarise the seed article with every extractive method of the package.

Run from anywhere:  python examples/summarize_seed.py
It takes no arguments: edit SEEDS for another folder.
"""

from pathlib import Path

import summarizer
from summarizer.cli import quiet_broken_pipe, script_parser
from summarizer.documents import load_cluster

# --help prints this file's docstring; an argument it would not read is refused
script_parser(__doc__).parse_args()

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Files, folders and .jsonl files all load the same way; cleaning drops the
# agency sign-off at the end of the seed ("jha/ga").
cluster = load_cluster(SEEDS)

# `python examples/summarize_seed.py | head -1` ends quietly (no BrokenPipeError traceback)
with quiet_broken_pipe():
    for method in summarizer.available_methods():
        if method == "abstractive":  # needs a model; see the README
            continue
        summary = summarizer.summarize(cluster, method, words=60)
        print(f"== {method} ({len(summary.text.split())} words)")
        print(summary.text)
        print()
