"""tests/helpers.py's run_cli, which most CLI tests lean on: the failures it must not let pass.
A command is stood in for rouge's, so that each case is exactly the output it needs."""

from __future__ import annotations

import sys

import pytest
from helpers import error_line, run_cli

import summarizer.cli.rouge as rouge_cli


def _command(monkeypatch, *, out: str = "", err: str = "", code: int = 0, raises=None) -> None:
    def run(args):
        print(out, end="")
        print(err, end="", file=sys.stderr)
        if raises is not None:
            raise raises
        return code

    monkeypatch.setattr(rouge_cli, "run", run)


def test_the_commands_own_output_and_exit_code(monkeypatch, capsys) -> None:
    print("printed before")  # by the test: not the command's
    _command(monkeypatch, out="国家 summary\n", err="summarizer: warning: w\n", code=3)
    assert run_cli(["rouge", "a", "b"]) == (3, "国家 summary\n", "summarizer: warning: w\n")
    assert capsys.readouterr().out == "printed before\n"


def test_a_bug_escapes_with_its_traceback(monkeypatch) -> None:
    # the CLI would turn it into exit 70 and one "internal error" line
    _command(monkeypatch, raises=ZeroDivisionError("boom"))
    with pytest.raises(ZeroDivisionError, match="boom"):
        run_cli(["rouge", "a", "b"])


@pytest.mark.parametrize("err", ["summarizer: warning: a\nsummarizer: warning: b\n",
                                 "Traceback (most recent call last):\n"])
def test_more_stderr_lines_than_allowed_or_a_traceback_fail(monkeypatch, err) -> None:
    _command(monkeypatch, err=err)
    with pytest.raises(AssertionError):
        run_cli(["rouge", "a", "b"])
    if "Traceback" not in err:
        assert run_cli(["rouge", "a", "b"], lines=2)[2] == err


def test_text_a_terminal_cannot_take_is_printed_escaped(monkeypatch) -> None:
    # a strict UTF-8 stdout, as a terminal's: the CLI escapes a lone surrogate (a file name's
    # byte that is not UTF-8) as stderr does, where printing it failed the command
    _command(monkeypatch, out="\udc80\n")
    assert run_cli(["rouge", "a", "b"]) == (0, "\\udc80\n", "")


def test_usage_errors_are_exit_2_and_help_is_refused() -> None:
    code, out, err = run_cli(["rouge", "a", "b", "--no-such-flag"])
    assert code == 2 and out == "" and "--no-such-flag" in error_line(err)
    with pytest.raises(AssertionError):  # exit 0 by SystemExit: tests/cli/test_help.py's
        run_cli(["--help"])
