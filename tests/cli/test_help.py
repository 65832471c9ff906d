"""`--help` works for the program and every subcommand (found from the parser itself)."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from summarizer.cli import build_parser, main


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(p: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    if child not in found.values():
                        found[" ".join(prefix + (name,))] = child
                        walk(child, prefix + (name,))

    walk(parser, ())
    return found


SUBCOMMANDS = sorted(_subcommands())


def test_subcommands_are_found():
    # The walk must see the commands the package registers (a regression to zero would pass
    # every parametrised test below vacuously).
    from summarizer.cli import SUBCOMMANDS as REGISTERED

    assert set(REGISTERED) <= set(SUBCOMMANDS)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_program_help(flag, capsys):
    with pytest.raises(SystemExit) as exc:
        main([flag])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: summarizer")
    for name in SUBCOMMANDS:
        assert name.split()[0] in out


@pytest.mark.parametrize("command", SUBCOMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_subcommand_help(command, flag, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command.split(), flag])
    assert exc.value.code == 0
    out, err = capsys.readouterr()
    assert out.startswith("usage: summarizer " + command) and err == ""


@pytest.mark.slow
def test_python_dash_m_help():
    proc = subprocess.run([sys.executable, "-m", "summarizer", "--help"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout.startswith("usage: summarizer")


@pytest.mark.parametrize("command", ["evaluate", "batch"])
def test_split_help_says_a_local_file_is_read_whole(command):
    """--split names a hub data set's or a save_to_disk folder's split; a local file has one
    split, read whole, and another --split is refused (documents/hf.py _one_split)."""
    child = _subcommands()[command]
    (action,) = [a for a in child._actions if "--split" in a.option_strings]
    assert action.default is None  # no split: a file's own, a hub data set's test
    assert "read whole" in (action.help or "")
