"""ROUGE flags given twice with two values (``parse_flags("-n 2 -n 3")``, ``-l 10
--length-words 20``) or a switch given on and off (``-m --no-stem``): the library kept the
last in silence, argparse's way (and ROUGE-1.5.5's: Getopt::Std's getopts keeps the last
value too), where the command line refuses an option of one value given twice with two
values (ee05243). One rule now, for the library's flags and the commands' ROUGE options:
a typed error naming the flag; the same value twice (``-m -m``, ``-n 2 -n 2``) is the same
request and is taken."""

from __future__ import annotations

import pytest
from helpers import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import RougeOptionError
from summarizer.metrics import make_settings, parse_flags, rouge


@pytest.mark.parametrize("flags, said", [
    ("-n 2 -n 3", "argument -n: given twice, as '2' and then '3'; give it once"),
    ("-l 10 --length-words 20", "argument --length-words/-l: given twice, as '10' and then '20'"),
    ("-2 4 -2 -1 -u", "argument -2: given twice, as '4' and then '-1'"),
    ("-c 95 -c 90", "argument --confidence/-c: given twice, as '95' and then '90'"),
    ("-m --no-stem", "argument --stem/-m: given as -m and then --no-stem; give one"),
    ("--no-stem --stem", "argument --stem/-m: given as --no-stem and then --stem; give one"),
    ("-s -n 2 --no-remove-stopwords",
     "argument --remove-stopwords/-s: given as -s and then --no-remove-stopwords; give one"),
])
def test_a_flag_given_twice_with_two_values_is_refused_naming_it(flags, said):
    with pytest.raises(RougeOptionError, match=f"^ROUGE options: {_escaped(said)}"):
        parse_flags(flags)
    with pytest.raises(RougeOptionError, match=_escaped(said)):
        make_settings(options=flags)
    with pytest.raises(RougeOptionError, match=_escaped(said)):
        rouge(["a cat sat"], ["the cat sat"], options=flags)


def _escaped(text: str) -> str:
    import re

    return re.escape(text)


@pytest.mark.parametrize("twice, once", [
    ("-n 2 -n 2", "-n 2"),
    ("-m -m", "-m"),
    ("-m --stem -n 1", "-m -n 1"),
    ("-l 10 --length-words 10", "-l 10"),
    ("--no-stem --no-stem", "--no-stem"),
    ("-s --remove-stopwords", "-s"),
])
def test_the_same_value_twice_is_taken(twice, once):
    assert parse_flags(twice) == parse_flags(once)


@pytest.mark.parametrize("command", ["rouge", "evaluate"])
@pytest.mark.parametrize("flags, said", [
    (["-m", "--no-stem"], "argument --stem/-m: given as -m and then --no-stem; give one"),
    (["--no-remove-stopwords", "-s"],
     "argument --remove-stopwords/-s: given as --no-remove-stopwords and then -s; give one"),
    (["-n", "2", "-n", "3"], "argument -n: given twice, as '2' and then '3'; give it once"),
])
def test_the_commands_refuse_them_on_one_line(command, flags, said, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli([command, "x.jsonl", "y", *flags])
    assert code == 2 and out == ""
    assert err.startswith(f"summarizer {command}: error: {said} (see ") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


# flag -> (what it sets, the values it may be given): aliases set one thing
_VALUED = {"-n": ("n", ["1", "2"]), "-l": ("words", ["10", "20"]),
           "--length-words": ("words", ["10", "20"]), "-c": ("confidence", ["95", "90"]),
           "-p": ("alpha", ["0.5", "0.3"]), "--alpha": ("alpha", ["0.5", "0.3"])}
_SWITCHES = {"-m": ("stem", "on"), "--stem": ("stem", "on"), "--no-stem": ("stem", "off"),
             "-s": ("stop", "on"), "--remove-stopwords": ("stop", "on"),
             "--no-remove-stopwords": ("stop", "off")}


@st.composite
def _flags(draw: st.DrawFn) -> list[tuple[str, str, str | None]]:
    """(flag, what it sets, its value or None for a switch), in the order given."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        flag = draw(st.sampled_from(sorted(_VALUED) + sorted(_SWITCHES)))
        if flag in _VALUED:
            key, values = _VALUED[flag]
            out.append((flag, key, draw(st.sampled_from(values))))
        else:
            out.append((flag, _SWITCHES[flag][0], None))
    return out


@settings(max_examples=300, deadline=None)
@given(given_flags=_flags())
def test_refused_exactly_where_one_thing_is_given_two_values(given_flags):
    asked: dict[str, set[str]] = {}
    for flag, key, value in given_flags:
        asked.setdefault(key, set()).add(value if value is not None else _SWITCHES[flag][1])
    tokens = [t for flag, _, value in given_flags for t in ([flag] if value is None
                                                           else [flag, value])]
    if any(len(values) > 1 for values in asked.values()):
        with pytest.raises(RougeOptionError, match=r"^ROUGE options: argument \S+: given "):
            parse_flags(tokens)
        return
    first: dict[str, list[str]] = {}  # each thing once, as first given
    for flag, key, value in given_flags:
        first.setdefault(key, [flag] if value is None else [flag, value])
    assert parse_flags(tokens) == parse_flags([t for f in first.values() for t in f])
