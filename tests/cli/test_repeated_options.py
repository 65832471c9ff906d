"""An option of one value given twice with two values (``--words 100 ... --words 250`` in a
long command, ``-l 10 --length-words 20``, ``--language english --language french``):
argparse kept the last in silence, as if the first were not there, where two budgets
(``--words 10 --sentences 2``), ``-w 1.2 --w-weight 1.5`` and ``--option lam=`` twice are
refused. Now every such option of every subcommand is a usage error (exit 2, one line,
before any work); the same value twice is the same command, and the options that collect
(``--option``, ``--metric``) collect as before."""

from __future__ import annotations

import argparse

import pytest
from helpers import run_cli


def _store_options() -> list[tuple[str, str, list[str]]]:
    """(subcommand, option, two values it takes) for every option of one value."""
    from summarizer.cli import SUBCOMMANDS, build_parser

    found = []
    for command in SUBCOMMANDS:
        sub = next(a for a in build_parser(command)._actions
                   if isinstance(a, argparse._SubParsersAction)).choices[command]
        for action in sub._actions:
            if type(action) is argparse._StoreAction and action.option_strings:
                values = [str(c) for c in action.choices][:2] if action.choices else ["1", "2"]
                found.append((command, action.option_strings[-1], values))
    return found


OPTIONS = _store_options()


def test_the_options_are_found():
    names = {(command, option) for command, option, _ in OPTIONS}
    assert {("summarize", "--words"), ("summarize", "--language"), ("rouge", "-l"),
            ("evaluate", "--out"), ("batch", "--batch-size"),
            ("compare", "--measure")} <= names
    assert len(OPTIONS) > 60


@pytest.mark.parametrize("command, option, values", OPTIONS,
                         ids=[f"{c} {o}" for c, o, _ in OPTIONS])
def test_an_option_given_twice_with_two_values_is_refused(command, option, values, tmp_path,
                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    first, second = values
    code, out, err = run_cli([command, "x.jsonl", option, first, option, second])
    assert code == 2 and out == "", err
    assert "given twice" in err and repr(first) in err and repr(second) in err, err
    assert list(tmp_path.iterdir()) == []


def test_an_option_and_its_alias_with_two_values_are_refused(tmp_path):
    (tmp_path / "sys.txt").write_text("The police killed the gunman.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("Police shot the gunman dead.\n", encoding="utf-8")
    pair = [str(tmp_path / "sys.txt"), str(tmp_path / "ref.txt")]
    code, out, err = run_cli(["rouge", *pair, "-l", "10", "--length-words", "20"])
    assert code == 2 and out == ""
    assert "argument --length-words/-l: given twice, as '10' and then '20'" in err, err


def test_the_same_value_twice_and_collecting_options_run_as_before(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The council met on Monday to discuss the new bridge over the river. The bridge will "
        "cost ten million dollars, the mayor said. Critics said the money should go to "
        "schools instead of roads.\n", encoding="utf-8")
    once = run_cli(["summarize", "--method", "mmr", "--words", "20", str(tmp_path / "a.txt")])
    twice = run_cli(["summarize", "--method", "mmr", "--words=20", "--words", "20",
                     "--option", "lam=0.5", "--option", "min_words=2", str(tmp_path / "a.txt")])
    assert once[0] == twice[0] == 0 and once[1] and twice[1] == run_cli(
        ["summarize", "--method", "mmr", "--words", "20", "--option", "lam=0.5", "--option",
         "min_words=2", str(tmp_path / "a.txt")])[1]
