"""Summarise a folder of news articles as one cluster.

Builds a small folder of articles in a temporary directory: the ten English
articles of one TAC 2011 MultiLing topic when that data is at hand
(../shared/data, or $SUMMARIZER_SHARED_DATA), else the seed article cut into
three shorter "articles". Point ``load_cluster`` at your own folder instead.

Run:  python examples/summarize_folder.py
It takes no arguments: it builds its own folder; point load_cluster at yours.
"""

import os
import shutil
import tempfile
from pathlib import Path

import summarizer
from summarizer.cli import quiet_broken_pipe, script_error, script_parser
from summarizer.documents import input_report, load_cluster
from summarizer.errors import InputError

# --help prints this file's docstring; an argument it would not read is refused
script_parser(__doc__).parse_args()

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUMMARIZER_SHARED_DATA", REPO.parent / "shared" / "data"))
TAC_SOURCES = SHARED / "tac2011_multiling" / "SourceTexts"


def build_folder(folder: Path) -> str:
    """Fill ``folder`` with articles; returns where they came from."""
    # files only: a folder or a broken link of that name cannot be copied
    tac_files = [f for f in sorted(TAC_SOURCES.glob("M000?.english")) if f.is_file()]
    if tac_files:
        for f in tac_files:
            shutil.copy(f, folder / f"{f.stem}.txt")
        return "TAC 2011 MultiLing, English topic M000"
    lines = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8").splitlines()
    for i in range(3):
        (folder / f"part{i}.txt").write_text("\n".join(lines[i * 7:(i + 1) * 7]), encoding="utf-8")
    return "the seed article, in three parts"


# quiet_broken_pipe: `| head -1` ends quietly, with no BrokenPipeError traceback
with quiet_broken_pipe(), tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp) / "articles"
    folder.mkdir()
    origin = build_folder(folder)

    # One document per file, recursively, in sorted order; titles and date
    # lines become metadata; unreadable files are reported, not fatal, unless
    # no file is usable: that is a typed error, here one line on stderr.
    try:
        cluster = load_cluster(folder)
    except InputError as exc:
        script_error(exc)
    report = input_report(cluster)
    print(f"Read {report['documents']} articles from {origin}; skipped {len(report['skipped'])}.")
    for doc in cluster.documents[:3]:
        print(f"  {doc.id}: {doc.title!r} ({doc.date})")

    summary = summarizer.summarize(cluster, words=100)
    print(f"\nSummary ({summary.method}, {len(summary.text.split())} words):")
    print(summary)
