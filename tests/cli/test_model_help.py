"""--model, --strategy and --device say their defaults in the --help of summarize, evaluate and
batch, the abstractive options' own (their help said "model name or path", no default:
--method abstractive without --model runs SmolLM2)."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from summarizer.cli import build_parser
from summarizer.summarizers.abstractive.options import AbstractiveOptions
from summarizer.summarizers.abstractive.strategies import STRATEGIES


def _help(command: str) -> dict[str, str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {
        o: " ".join((a.help or "").split())
        for a in sub.choices[command]._actions
        for o in a.option_strings
    }


@pytest.mark.parametrize("command", ["summarize", "evaluate", "batch"])
def test_the_model_options_say_their_defaults(command):
    defaults = {f.name: f.default for f in dataclasses.fields(AbstractiveOptions)}
    said = _help(command)
    assert f"default {defaults['model']}" in said["--model"]
    assert f"{defaults['strategy']} (the default)" in said["--strategy"]
    assert all(name in said["--strategy"] for name in STRATEGIES)
    assert f"{defaults['device']} (the default)" in said["--device"]


def test_every_option_with_a_default_says_it():
    # rouge's and compare's --format printed a table and Markdown unsaid
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    unsaid = [
        (name, action.option_strings[0], action.default)
        for name, parser in sub.choices.items()
        for action in parser._actions
        if action.option_strings
        and isinstance(action.default, (str, int, float))
        and not isinstance(action.default, bool)
        and action.default != argparse.SUPPRESS
        and str(action.default) not in (action.help or "")
    ]
    assert not unsaid, unsaid
