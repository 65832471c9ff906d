"""Pieces the eval/ benchmark scripts share: running main, the missing-data line, writing the
finished table, sumy's tokenizer."""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

# the checkout these scripts live in; first on sys.path, so that they measure its package
# rather than another installed copy
REPO = Path(__file__).resolve().parents[1]
# the shared data (TAC 2011, ROUGE test vectors): $SUMMARIZER_SHARED_DATA, else beside the
# clone, as the tests and examples/ find it
SHARED_DATA = Path(os.environ.get("SUMMARIZER_SHARED_DATA") or REPO.parent / "shared" / "data")
sys.path.insert(0, str(REPO))


def run_script(main: Callable[[], int | None]) -> None:
    """``main()`` as a script: its exit status, and the package's typed errors (a --data
    folder that is not TAC 2011, an unknown language ...) as one ``script: error:`` line
    with exit 2, as the CLI gives them, instead of a traceback."""
    from summarizer.errors import SummarizerError

    try:
        status = main()
    except SummarizerError as exc:
        print(f"{Path(sys.argv[0]).name}: error: {exc}", file=sys.stderr)
        status = exc.exit_code
    raise SystemExit(status)


def tac_not_found(data: str | Path) -> str:
    """What a script says when its --data folder of TAC 2011 MultiLing is not there."""
    return f"TAC 2011 data not found at {data}"


def missing_tac(data: str | Path, then: str = "") -> bool:
    """Whether the --data folder ``data`` is missing; if so, says it in one line on stderr,
    followed by ``then`` (what the script does without it). Scripts that need the data
    return 2 when this is true; a folder without TAC inside is load_tac2011's error."""
    if Path(data).is_dir():
        return False
    print(tac_not_found(data) + then, file=sys.stderr)
    return True


def bound_counts(ap: argparse.ArgumentParser, args: argparse.Namespace,
                 **bounds: tuple[float, float]) -> None:
    """Refuse, with argparse's usage line and exit 2, a number argument outside its bounds:
    ``runs=(1, 20)`` a whole number 1..20 (--runs), ``mb=(0, 50)`` (a float bound of 0) a
    size above 0 and at most 50 (NaN and inf refused). 0 repeats took the median of nothing
    (a raw StatisticsError) or wrote an empty table with exit 0; 10^12 MB built its input
    until memory ran out."""
    for name, (least, most) in bounds.items():
        value, flag = getattr(args, name), "--" + name.replace("_", "-")
        if value is None:  # not given and no default: the script's own choice
            continue
        if isinstance(least, float):
            if not least < value <= most:  # False for NaN
                ap.error(f"{flag} must be above {least:g} and at most {most:g}, got {value:g}")
        elif not least <= value <= most:
            ap.error(f"{flag} must be {least:,}..{most:,}, got {value}")


def checkout(ap: argparse.ArgumentParser, path: Path | None, flag: str = "--baseline") -> None:
    """Refuse, with argparse's usage line and exit 2, a ``path`` given by ``flag`` that is not
    a checkout of this package (no summarizer/__init__.py: a typo, a file, an empty folder);
    None (not given) passes. speed.py ran a missing one into a raw FileNotFoundError."""
    if path is not None and not (Path(path) / "summarizer" / "__init__.py").is_file():
        ap.error(f"{flag} {path}: not a checkout of this package (no summarizer/__init__.py)")


# the last line of every report these scripts write: a file ending in it is theirs, and a
# rerun may replace it (an HTML comment, unseen where the Markdown is shown)
WRITTEN_BY = "<!-- written by an eval/ script; a rerun of it may replace this file -->"


def ends_written_by(out: Path) -> bool:
    """Whether the file ``out`` is a report of these scripts: its last line WRITTEN_BY."""
    with open(out, "rb") as fh:
        fh.seek(max(0, out.stat().st_size - 4096))
        return fh.read().decode("utf-8", "replace").rstrip().endswith(WRITTEN_BY)


def replaceable(out: Path, ours: Callable[[Path], bool] = ends_written_by) -> bool:
    """Whether ``out`` may be written: nothing is there, or a file these scripts wrote
    (``ours``: by default a report, its last line WRITTEN_BY; a JSON lines file, which cannot
    hold the line, gives its own test), or a file of eval/results/ that git holds unchanged
    (written before the line was; ``git checkout`` restores it). Anything else is the user's."""
    if not out.exists():
        return True
    if out.is_file() and ours(out):
        return True
    if out.resolve().parent != REPO / "eval" / "results":  # README.md is tracked too
        return False
    try:  # tracked, and no change to it in the work tree or the index
        where = {"cwd": out.resolve().parent, "capture_output": True}
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", out.name], **where)
        changed = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", out.name], **where)
    except OSError:  # no git
        return False
    return out.is_file() and tracked.returncode == 0 and changed.returncode == 0


def json_head(path: Path, first_line: bool = False) -> object:
    """The JSON value of ``path``'s first MiB (or of its first line, for JSON lines), None
    where that is not JSON: for the tests of whether a file is one a script wrote."""
    import json

    with open(path, "rb") as fh:
        head = fh.readline(1 << 20) if first_line else fh.read(1 << 20)
    try:
        return json.loads(head)
    except ValueError:  # UnicodeDecodeError included
        return None


def refuse(out: Path, flag: str, printed: str = "") -> NoReturn:
    """End the script with one line and exit 2: ``out`` (given by ``flag``) is the user's
    file, kept (``printed``: where the output went instead, said after 'not overwritten')."""
    print(
        f"{Path(sys.argv[0]).name}: error: {out} exists and was not written by an eval/ "
        f"script; not overwritten{printed}: give another {flag} or remove it",
        file=sys.stderr,
    )
    raise SystemExit(2)


def emit_report(text: str, out: Path | None) -> None:
    """Print the report and, when asked, write it (with a final newline and WRITTEN_BY) to
    ``out``, in one rename (atomic.write_atomic): an interrupted or failed write leaves the
    earlier report whole, not half a file. A file there that is not such a report, nor one
    git holds unchanged, is the user's: it is kept, and the script ends with one line and
    exit 2 (the report printed). A report that cannot be written there (its folder a file,
    no permission, a full disk) is one line too, exit 1, as the CLI's OSError."""
    from summarizer.atomic import write_atomic

    print(text)
    if out:
        if not replaceable(out):
            refuse(out, "--out", " (the report is printed above)")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(out, text + "\n\n" + WRITTEN_BY + "\n")
        except OSError as exc:
            # mkdir's "File exists" is a file where the folder goes
            why = "not a folder" if isinstance(exc, FileExistsError) else exc.strerror or exc
            where = f"{exc.filename}: " if exc.filename and Path(exc.filename) != out else ""
            print(f"{Path(sys.argv[0]).name}: error: --out {out}: cannot write the report "
                  f"({where}{why}); it is printed above", file=sys.stderr)
            raise SystemExit(1) from None


def command_line(script: str, argv: list[str] | None) -> str:
    """The command that wrote a report, for its header: ``script`` and its arguments (``argv``,
    or this process's), quoted as a shell needs them, so that ``--separator " "`` reads back
    as it was typed."""
    import shlex

    args = sys.argv[1:] if argv is None else argv
    return f"python eval/{script} {shlex.join(args)}".rstrip()


def uptime() -> str:
    """``uptime``'s line (the load averages where it cannot run), for a report's header."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        one, five, fifteen = os.getloadavg()
        return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def machine_line(runs: int, timed: str) -> str:
    """The line under a table of fresh-process medians: Python, CPUs, the load at the end."""
    import platform

    load = os.getloadavg()
    return (f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end; medians of {runs} runs, "
            f"each a fresh process (timed: {timed}).")


@contextmanager
def locked(path: str | Path | None, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (none when None or empty) for the timed
    part of a run, so that timings are not taken while other jobs compute (``shared``: a
    shared one, for heavy work that is not timed). A lock file that cannot be opened (a
    folder given, its folder missing) ends the script with one line and exit 2."""
    if not path:
        yield
        return
    try:
        fh = open(path, "a")
    except OSError as exc:  # was a raw IsADirectoryError or FileNotFoundError traceback
        print(f"{Path(sys.argv[0]).name}: error: cannot open the lock file {path} "
              f"({exc.strerror or exc})", file=sys.stderr)
        raise SystemExit(2) from None
    with fh:
        fcntl.flock(fh, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class SumyTokenizer:
    """Feeds sumy the package's sentence splitter (sumy's own needs NLTK data files)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        from summarizer.sentences.split import split_spans

        return [paragraph[s:e] for s, e in split_spans(paragraph, "english")]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"\w+", sentence)
