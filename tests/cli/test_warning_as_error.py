"""A warning the caller made an error (python -W error, PYTHONWARNINGS=error) ends a command
with one line and exit 1: it was "internal error ... please report it", exit 70, as a bug."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    system, refs = tmp_path / "A", tmp_path / "R"
    system.mkdir()
    refs.mkdir()
    (system / "1.txt").write_text("The quake hit the coast.\n", encoding="utf-8")
    (refs / "1.txt").write_text("A quake struck the coast on Monday.\n", encoding="utf-8")
    return system, refs


@pytest.mark.parametrize("how", [["-W", "error"], ["-W", "error::UserWarning"], "PYTHONWARNINGS"])
def test_a_warning_made_an_error_is_one_line_and_exit_1(tmp_path, how):
    system, refs = _folders(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SUMMARIZER_DEBUG", None)
    flags = [] if how == "PYTHONWARNINGS" else how
    if how == "PYTHONWARNINGS":
        env["PYTHONWARNINGS"] = "error"
    # comparing a system with itself warns (the same system twice)
    done = subprocess.run([sys.executable, *flags, "-m", "summarizer", "rouge", str(system),
                           str(refs), "--compare", str(system)],
                          capture_output=True, text=True, env=env, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1 and "internal error" not in lines[0], done.stderr
    assert lines[0].startswith("summarizer: error (a warning, made an error by -W or "
                               "PYTHONWARNINGS): ")
    assert "compared with itself" in lines[0]


def test_the_same_warning_is_a_warning_otherwise(tmp_path):
    system, refs = _folders(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONWARNINGS", None)
    done = subprocess.run([sys.executable, "-m", "summarizer", "rouge", str(system), str(refs),
                           "--compare", str(system)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0
    assert "summarizer: warning: " in done.stderr and "compared with itself" in done.stderr


def test_a_warning_raised_on_purpose_is_still_an_internal_error(monkeypatch, capsys):
    # a library may raise a Warning class as an exception (ray's deprecations do): only one
    # the filters made an error is the caller's choice
    import warnings

    import summarizer.cli.rouge as rouge_cli
    from summarizer.cli import main

    def broken(args):
        raise DeprecationWarning("raised, not warned")

    monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    monkeypatch.setattr(rouge_cli, "run", broken)
    with warnings.catch_warnings():
        warnings.resetwarnings()
        code = main(["rouge", "a.txt", "b.txt"])
    err = capsys.readouterr().err
    assert code == 70 and "internal error (DeprecationWarning" in err
