"""What a command printed on stdout is written before the line that follows it on stderr,
and before the exit, when the command then fails; a closed pipe then is no traceback.

In child processes without PYTHONUNBUFFERED (a user's shell has none): stdout to a file
or a pipe is block-buffered there, as this machine's environment hides."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "panama_migration_meeting.txt"
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
       "PYTHONPATH": str(REPO), "SUMMARIZER_PROGRESS": "0"}

# summarize, failing after it printed the summary: as it says its notes, a SIGTERM (a
# scheduler's kill) or an error
_FAILS_AFTER_PRINTING = textwrap.dedent("""
    import os, signal, sys
    from summarizer.cli import main, summarize
    from summarizer.errors import InputError

    def notes(coverage):
        if os.environ["FAIL_WITH"] == "SIGTERM":
            os.kill(os.getpid(), signal.SIGTERM)
        raise InputError("failed after the summary was printed")

    summarize.coverage_notes = notes
    sys.exit(main(sys.argv[1:]))
""")

FAILURES = [("SIGTERM", 128 + signal.SIGTERM, "summarizer: terminated (SIGTERM)"),
            ("error", 2, "summarizer: error: failed after the summary was printed")]


def _summarize(*args: str, fail_with: str | None = None, **streams) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "summarizer"] if fail_with is None else \
        [sys.executable, "-c", _FAILS_AFTER_PRINTING]
    return subprocess.run([*command, "summarize", str(SEED), "--method", "lead", *args],
                          env={**ENV, "FAIL_WITH": str(fail_with)}, text=True, timeout=120,
                          **streams)


def test_an_empty_summary_s_error_comes_after_the_json_printed():
    # `summarize --format json > log 2>&1`: the error line was written first, the JSON (in
    # stdout's buffer until the exit) after it
    done = _summarize("--words", "1", "--format", "json", stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT)
    lines = done.stdout.splitlines()
    assert done.returncode == 3 and lines[0] == "{" and lines[-2] == "}", done.stdout
    assert lines[-1].startswith("summarizer: error: the summary is empty: "), done.stdout


@pytest.mark.parametrize("fail_with, code, said", FAILURES)
def test_what_was_printed_comes_before_the_failure_s_line(fail_with, code, said):
    alone = _summarize("--format", "json", capture_output=True)
    assert alone.returncode == 0 and alone.stdout.startswith("{"), alone.stderr
    done = _summarize("--format", "json", fail_with=fail_with, stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT)
    assert done.returncode == code
    assert done.stdout == alone.stdout + said + "\n"  # the error was the first line


@pytest.mark.parametrize("fail_with, code, said", FAILURES)
def test_a_closed_pipe_after_a_failure_is_the_failure_s_line_alone(fail_with, code, said):
    # `summarizer ... | head` whose reader is gone as the command fails: its one line, then
    # "Exception ignored ... BrokenPipeError" as the exit flushed stdout (exit 120)
    read, write = os.pipe()
    os.close(read)
    try:
        done = _summarize(fail_with=fail_with, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (code, said + "\n")


def test_compare_s_wrote_line_follows_the_comparison(tmp_path):
    # `compare A B > log 2>&1`: its "wrote ..." line went to stderr itself, before the
    # comparison printed (in stdout's buffer until the exit)
    import shutil

    fixture = REPO / "tests" / "fixtures" / "compare_v1"
    runs = [shutil.copytree(fixture / name, tmp_path / name) for name in ("a", "b")]
    out = tmp_path / "cmp"
    done = subprocess.run([sys.executable, "-m", "summarizer", "compare", *map(str, runs),
                           "--out", str(out), "--no-plot", "--trials", "100", "--resamples",
                           "100"], env=ENV, text=True, timeout=120, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    lines = done.stdout.rstrip("\n").splitlines()
    assert done.returncode == 0 and len(lines) > 2, done.stdout
    assert lines[-1] == f"summarizer: wrote {out / 'comparison.json'}, {out / 'comparison.md'}"
    assert sum(" wrote /" in line for line in lines) == 1, done.stdout
