"""stderr that cannot take the notes: closed (``2>&-``) or failing (``2>/dev/full``). The
notes are lost and the command's work and output are not, as with the progress lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Floods closed roads in the north on Monday. Schools stayed shut for a second day. "
        "Power was cut to thousands of homes as rivers rose.")


def _run(argv: list[str], stderr: str, cwd: Path) -> subprocess.CompletedProcess:
    def closed() -> None:  # the child's fd 2 closed, as the shell's 2>&- does
        os.close(2)

    full = open("/dev/full", "w") if stderr == "full" else None  # noqa: SIM115
    try:
        return subprocess.run([sys.executable, "-m", "summarizer", *argv], cwd=cwd,
                              stdout=subprocess.PIPE, stderr=full, text=True, timeout=300,
                              preexec_fn=closed if stderr == "closed" else None,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        if full:
            full.close()


@pytest.fixture()
def folder(tmp_path):
    # a file and a dangling link: summarize warns that it skipped the link
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "docs" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    return tmp_path


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_warning_stderr_cannot_take_leaves_the_output_whole(folder, stderr):
    # closed: Python's sys.stderr is None and print(file=None) wrote the warning on stdout,
    # into the JSON; failing: the warning's OSError ended the command (exit 1, no summary)
    done = _run(["summarize", "docs", "--words", "10", "--format", "json"], stderr, folder)
    assert done.returncode == 0
    summary = json.loads(done.stdout)  # the summary alone
    assert summary["text"] and "summarizer:" not in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_an_error_stderr_cannot_take_still_exits_with_its_code(folder, stderr):
    done = _run(["summarize", "missing.txt"], stderr, folder)
    assert done.returncode == 2 and done.stdout == ""
