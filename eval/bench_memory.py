"""Peak memory and time of every extractive method on 5, 25 and 50 MB of news text.

Usage::

    python eval/bench_memory.py [--sizes 5,25,50] [--shapes document,folder]
                                [--methods lead,centroid,...] [--repeats 1]
                                [--language english] [--baseline CHECKOUT]
                                [--lock /work/team/cpu.lock] [--out eval/results/bench_memory.md]

Inputs are news-like text, not one sentence repeated: articles of 15-30 sentences drawn
from the TAC 2011 English source texts (and the seed article) with two words of each
sentence swapped for others from the same texts (seeded, ``eval/scaling.py``), so every
sentence is distinct and words recur across articles as in a real cluster. Two shapes per
size: ``document``, one plain-text file of that many MB (one huge article), and
``folder``, a folder of one file per article (about 3.4 KB each, 15,000 files at 50 MB).
Two more on request: ``--shapes emoji`` is the document with one emoji (U+1F4F0, past
U+FFFF) at its start, which makes Python hold all of its text at 4 bytes a character, 4
times its ASCII; ``emoji-rich`` has an emoji closing each paragraph, so each of its lines
is held so too. ``--shapes sgml`` is the document as one NIST SGML article (``<DOC>``,
``<DOCNO>``, its text in ``<TEXT>``: DUC's and TAC 2008-2010's layout, read by the DUC
reader), ``jsonl`` the document as one JSONL line ``{"id", "text"}`` (a loose document,
read by ``load_jsonl``). ``--shapes unpunctuated`` is the document with every punctuation
character (Unicode category P) taken out and its articles joined by a space (a speech
transcript without punctuation or paragraphs: few sentences, each very long; the articles'
own line breaks are kept); ``unpunctuated-paragraphs`` keeps the blank line
between articles; ``unpunctuated-line`` has no line break at all (one paragraph).

Each point is one fresh ``summarizer summarize PATH --method M --words 100`` process:
its wall time and its own peak resident memory (``VmHWM``), medians of ``--repeats``
runs, and the peak as a multiple of the input's size on disk. The load average is printed
with the table. ``--baseline CHECKOUT`` (e.g. ``git worktree add --detach /tmp/before
COMMIT``) runs each point in that tree too, its runs alternating with this tree's, and adds
its peak and time and the ratio of the two peaks. ``--language french`` (a TAC 2011
language) makes the articles from that language's sentences: the TF-IDF path of every
language but English.

``--rouge`` scores the ``document`` input as one system summary instead (``summarizer rouge``
with its default options against TAC 2011's ``M000.A.250``), read from standard input
(``rouge - REF``) and as a file (``rouge FILE REF``): each paragraph is one sentence unit;
with ``--baseline`` the two trees' tables must be equal (checked, a column says so).
``--compressed gzip,bzip2,xz`` adds a row for the summary file compressed so (at each
tool's default level): ``rouge file.gz`` and so on.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import bound_counts, checkout, emit_report, locked, missing_tac, run_script  # noqa: E402
from scaling import DEFAULT_DATA, ArticleMaker, run_cli, run_once, source_sentences  # noqa: E402

# method label -> (method, extra CLI arguments)
METHODS = {
    "lead": ("lead", []),
    "centroid": ("centroid", []),
    "mmr": ("mmr", []),
    "lexrank": ("lexrank", []),
    "textrank": ("textrank", []),
    "ilp": ("ilp", []),
    "coverage": ("coverage", []),
    "coverage compress": ("coverage", ["--option", "compress=true"]),
    "coverage dangling=all": ("coverage", ["--option", "dangling=all"]),
    "lead compress": ("lead", ["--option", "compress=true"]),
    # the pool's cap: the dense n x n graphs of the graph methods at their largest
    "lexrank max_sentences=10000": ("lexrank", ["--option", "max_sentences=10000"]),
    "textrank max_sentences=10000": ("textrank", ["--option", "max_sentences=10000"]),
    "coverage max_candidates=10000": ("coverage", ["--option", "max_candidates=10000"]),
}
SHAPES = ("document", "folder")  # the default; the others on request
EMOJI_SHAPES = ("emoji", "emoji-rich")
READER_SHAPES = ("sgml", "jsonl")  # the document in another reader's layout
UNPUNCTUATED_SHAPES = ("unpunctuated", "unpunctuated-paragraphs", "unpunctuated-line")
ROUGE_WAYS = ("rouge stdin", "rouge file")
# --compressed: the summary file compressed by the stdlib module, the name's suffix
COMPRESSORS = {"gzip": ("gz", "gzip"), "bzip2": ("bz2", "bz2"), "xz": ("xz", "lzma")}
ROUGE_REFERENCE = Path("Model Summaries") / "English" / "M000.A.250"

def rouge_once(path: Path, way: str, reference: Path, timeout: float,
               tree: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit code, the table or the error) of one ``summarizer rouge``
    process scoring ``path`` against ``reference``: from standard input or as a file."""
    piped = way == "rouge stdin"
    if way.startswith("rouge file."):  # the compressed copy beside it
        path = path.with_name(f"{path.name}.{way.rsplit('.', 1)[1]}")
    run = run_cli(["rouge", "-" if piped else str(path), str(reference)], tree, timeout,
                  stdin=path if piped else None)
    return run.seconds, run.peak_mb, run.code, (run.last_line() if run.code else run.out)


def write_input(maker: ArticleMaker, articles: list[str], shape: str, mb: float,
                folder: Path) -> tuple[Path, int]:
    """``mb`` MB of articles as one text file or a folder of files; (path, bytes on disk).
    ``articles`` grows as needed and is shared, so larger inputs hold the smaller ones."""
    size, k = 0, 0
    while size < mb * 1e6:
        if k == len(articles):
            articles.append(maker.article())
        size += len(articles[k].encode("utf-8")) + 2
        k += 1
    if shape in ("document", *EMOJI_SHAPES, *READER_SHAPES, *UNPUNCTUATED_SHAPES):
        suffix = {"sgml": "sgml", "jsonl": "jsonl"}.get(shape, "txt")
        path = folder / f"{shape}_{mb:g}mb.{suffix}"
        text = "\n\n".join(articles[:k]) + "\n"
        if shape == "emoji":
            text = "\U0001F4F0 " + text
        elif shape == "emoji-rich":
            text = text.replace("\n\n", " \U0001F4F0\n\n")
        elif shape == "sgml":
            text = f"<DOC>\n<DOCNO> APW20050108.0001 </DOCNO>\n<TEXT>\n{text}</TEXT>\n</DOC>\n"
        elif shape == "jsonl":
            text = json.dumps({"id": "doc", "text": text}, ensure_ascii=False) + "\n"
        elif shape in UNPUNCTUATED_SHAPES:
            text = text.translate(_punctuation())
            if shape == "unpunctuated":
                text = text.replace("\n\n", " ")
            elif shape == "unpunctuated-line":  # no line break at all: one paragraph
                text = " ".join(text.split()) + "\n"
        path.write_text(text, encoding="utf-8")
        return path, path.stat().st_size
    path = folder / f"folder_{mb:g}mb"
    path.mkdir()
    total = 0
    for i, text in enumerate(articles[:k]):
        f = path / f"a{i:05d}.txt"
        f.write_text(text + "\n", encoding="utf-8")
        total += f.stat().st_size
    return path, total


@functools.cache
def _punctuation() -> dict[int, None]:
    """A ``str.translate`` table taking out every punctuation character (category P)."""
    return {c: None for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)).startswith("P")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="5,25,50", help="input sizes in MB")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--methods", default=",".join(METHODS),
                    help=f"comma-separated, of: {', '.join(METHODS)}")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--lock", default=None,
                    help="hold this file locked (exclusively) around each timed run")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--language", default="english", help="a TAC 2011 language")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="an earlier checkout, run side by side with this tree")
    ap.add_argument("--rouge", action="store_true",
                    help="score the document shape with `summarizer rouge` (from standard "
                    "input and as a file) instead of summarising")
    ap.add_argument("--compressed", default="",
                    help="with --rouge, also the summary file compressed with these, of: "
                    f"{', '.join(COMPRESSORS)}")
    args = ap.parse_args(argv)
    # before any work: --timeout 1e12 was a raw OverflowError at the first run, 0 ran every
    # run into it and reported that, exit 0; --words 0 reported the runs' refusals, exit 0
    bound_counts(ap, args, words=(1, 100_000), timeout=(0.0, 86_400))
    checkout(ap, args.baseline)
    sizes = [float(x) for x in args.sizes.split(",") if x.replace(".", "", 1).isdigit()]
    if len(sizes) != len(args.sizes.split(",")) or not all(0 < mb <= 512 for mb in sizes):
        ap.error(f"--sizes must be numbers of MB above 0 and at most 512 (the package's input "
                 f"limit), got {args.sizes!r}")
    if not 1 <= args.repeats <= 20:
        ap.error("--repeats must be 1..20")
    shapes = [s for s in args.shapes.split(",") if s]
    methods = [m for m in args.methods.split(",") if m]
    if args.rouge:  # a summary is one file (or standard input): the document shape
        shapes, methods = ["document"], []
    for name, known in (("shape", (*SHAPES, *EMOJI_SHAPES, *READER_SHAPES,
                                   *UNPUNCTUATED_SHAPES)),
                        ("method", METHODS)):
        bad = [x for x in (shapes if name == "shape" else methods) if x not in known]
        if bad:
            ap.error(f"unknown {name} {bad[0]!r}; choose from {', '.join(known)}")
    bad = [k for k in args.compressed.split(",") if k and k not in COMPRESSORS]
    if bad or (args.compressed and not args.rouge):
        ap.error(f"--compressed takes {', '.join(COMPRESSORS)}, with --rouge")
    if missing_tac(args.data):
        return 2
    sentences = source_sentences(args.data, args.language)
    seed_text = (REPO / "seeds" / "panama_migration_meeting.txt").read_text(encoding="utf-8")
    if args.language == "english":
        sentences += [s for s in seed_text.split(". ") if len(s.split()) >= 6]
    maker = ArticleMaker(sentences)
    trees = [REPO] + ([args.baseline.resolve()] if args.baseline else [])
    load0 = os.getloadavg()
    rows = []
    articles: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            for mb in sizes:
                path, size = write_input(maker, articles, shape, mb, Path(tmp))
                if args.rouge:
                    rows += _rouge_rows(path, size, trees, args)
                for label in methods:
                    method, extra = METHODS[label]
                    runs: dict[Path, list] = {tree: [] for tree in trees}
                    for _ in range(args.repeats):
                        for tree in trees:  # alternating, so both see the same load
                            with locked(args.lock):
                                runs[tree].append(run_once(path, method, args.words,
                                                           args.timeout, extra, tree))
                    (secs, peak, code, note), *before = [_median(runs[t]) for t in trees]
                    rows.append((label, shape, size, secs, peak, code, note, *before))
                    print(f"{label:22s} {shape:8s} {size / 1e6:6.1f} MB {secs:7.1f} s "
                          f"{peak:7.0f} MB x{peak * 2**20 / size:5.1f} exit {code} {note}"
                          + (f" (baseline {before[0][1]:.0f} MB, {before[0][0]:.1f} s)"
                             if before else ""),
                          file=sys.stderr, flush=True)
    load1 = os.getloadavg()
    if args.rouge:
        emit_report(_rouge_report(rows, args, load0, load1), args.out)
        return 0
    lines = [
        f"# Peak memory and time at real size ({args.words}-word summaries)",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {load0[0]:.1f} at start, "
        f"{load1[0]:.1f} at end (`uptime`); median of {args.repeats} run(s) per point; "
        f"articles from TAC 2011 {args.language} sentences; "
        "each point one fresh `summarizer summarize` process (start-up, reading, cleaning, "
        "splitting, summarising). Peak = the process's own VmHWM; ratio = peak / input "
        "size on disk. Shapes: `document` = one plain-text file; `folder` = one file per "
        "article (15-30 sentences, ~3.4 KB); `emoji` = the document with one emoji at its "
        "start; `emoji-rich` = with an emoji closing each paragraph; `sgml` = the document as "
        "one NIST SGML article (`<DOC>`, `<DOCNO>`, `<TEXT>`); `jsonl` = as one JSONL line "
        "`{\"id\", \"text\"}`; `unpunctuated` = the document without a punctuation character "
        "(Unicode P), its articles joined by a space (the articles' own line breaks kept); "
        "`unpunctuated-paragraphs` = so, its articles blank-line parted; "
        "`unpunctuated-line` = so, every line break a space: one line, one paragraph."
        + (f" Baseline: {args.baseline} (the same inputs, runs alternating with this "
           "tree's)." if args.baseline else ""),
        "",
    ]
    if args.baseline:
        lines += ["| method | shape | input MB | baseline peak MB | peak RSS MB | RSS / input "
                  "| peak / baseline | baseline s | seconds | baseline exit | exit |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
    else:
        lines += ["| method | shape | input MB | peak RSS MB | RSS / input | seconds | s per MB "
                  "| exit |", "|---|---|---|---|---|---|---|---|"]
    for label, shape, size, secs, peak, code, note, *before in rows:
        ratio = f"{peak * 2**20 / size:.1f}x"
        exit_note = f"{code}{' ' + note if note else ''}"
        if before:
            b_secs, b_peak, b_code, b_note = before[0]
            b_exit = f"{b_code}{' ' + b_note if b_note else ''}"  # the baseline may fail alone
            lines.append(f"| {label} | {shape} | {size / 1e6:.1f} | {b_peak:.0f} | {peak:.0f} | "
                         f"{ratio} | {peak / b_peak:.2f} | {b_secs:.1f} | {secs:.1f} | "
                         f"{b_exit} | {exit_note} |")
        else:
            lines.append(f"| {label} | {shape} | {size / 1e6:.1f} | {peak:.0f} | {ratio} | "
                         f"{secs:.1f} | {secs / (size / 1e6):.2f} | {exit_note} |")
    emit_report("\n".join(lines), args.out)
    return 0


def _rouge_rows(path: Path, size: int, trees: list[Path], args: argparse.Namespace) -> list:
    """One row for each way of reading the summary: (way, size, then per tree: median
    seconds, median peak MB, exit code, table or error), this tree first."""
    rows = []
    ways = {way: way for way in ROUGE_WAYS}  # way -> its label in the table
    for kind in (k for k in args.compressed.split(",") if k):
        suffix, module = COMPRESSORS[kind]
        packed = path.with_name(f"{path.name}.{suffix}")
        packed.write_bytes(__import__(module).compress(path.read_bytes()))
        ways[f"rouge file.{suffix}"] = (f"rouge file.{suffix} "
                                        f"({packed.stat().st_size / 1e6:.1f} MB on disk)")
    for way, label in ways.items():
        runs: dict[Path, list] = {tree: [] for tree in trees}
        for _ in range(args.repeats):
            for tree in trees:  # alternating, so both see the same load
                with locked(args.lock):
                    runs[tree].append(rouge_once(path, way, args.data / ROUGE_REFERENCE,
                                                 args.timeout, tree))
        row = [label, size]
        for tree in trees:
            got = runs[tree]
            row.append((statistics.median(r[0] for r in got),
                        statistics.median(r[1] for r in got), got[-1][2], got[-1][3]))
        rows.append(row)
        print(f"{way:16s} {size / 1e6:6.1f} MB " + "; ".join(
            f"{t[1]:7.0f} MB {t[0]:6.1f} s exit {t[2]}" for t in row[2:]),
            file=sys.stderr, flush=True)
    return rows


def _rouge_report(rows: list, args: argparse.Namespace, load0: tuple, load1: tuple) -> str:
    lines = [
        "# Peak memory of `summarizer rouge` on one long system summary",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {load0[0]:.1f} at start, "
        f"{load1[0]:.1f} at end (`uptime`); median of {args.repeats} run(s) per point. "
        "The summary: the `document` input (articles of TAC 2011 English sentences, "
        "paragraphs of five sentences, one paragraph a line), scored with the default "
        f"options against `{ROUGE_REFERENCE}`; each point one fresh `summarizer rouge` "
        "process. Peak = the process's own VmHWM; ratio = peak / summary size."
        + (f" Baseline: {args.baseline} (runs alternating with this tree's)."
           if args.baseline else ""),
        "",
    ]
    if args.baseline:
        lines += ["| read | summary MB | baseline peak MB | peak MB | peak / summary "
                  "| peak / baseline | baseline s | seconds | s / baseline | same scores |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
    else:
        lines += ["| read | summary MB | peak MB | peak / summary | seconds | exit |",
                  "|---|---|---|---|---|---|"]
    for way, size, mine, *before in rows:
        secs, peak, code, out = mine
        ratio = f"{peak * 2**20 / size:.1f}x"
        if before:
            b_secs, b_peak, b_code, b_out = before[0]
            same = "yes" if code == b_code == 0 and out == b_out else "NO"
            lines.append(f"| {way} | {size / 1e6:.1f} | {b_peak:.0f} | {peak:.0f} | {ratio} | "
                         f"{peak / b_peak:.2f} | {b_secs:.1f} | {secs:.1f} | "
                         f"{secs / b_secs:.2f} | {same} |")
        else:
            lines.append(f"| {way} | {size / 1e6:.1f} | {peak:.0f} | {ratio} | {secs:.1f} | "
                         f"{code}{'' if not code else ' ' + out} |")
    return "\n".join(lines)


def _median(runs: list[tuple[float, float, int, str]]) -> tuple[float, float, int, str]:
    """(median seconds, median peak MB, last exit code, its note when it failed)."""
    code, note = runs[-1][2], runs[-1][3]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            code, note if code else "")


if __name__ == "__main__":
    run_script(main)
