"""``--option KEY=VALUE`` reads the numbers a shell user writes that JSON does not: ".5",
"+0.5", "5.", "05", "1E3". They were text, refused as "must be a finite number, not '.5'"."""

from __future__ import annotations

import math

import pytest
from helpers import run_cli
from hypothesis import given
from hypothesis import strategies as st

from summarizer.cli import parse_option

STORY = ("The storm hit the coast on Monday. Thousands of homes lost power overnight. "
         "Crews worked through the night to restore it.")


@pytest.mark.parametrize(("text", "value"), [
    (".5", 0.5), ("+0.5", 0.5), ("5.", 5.0), ("-.25", -0.25), ("05", 5), ("+7", 7),
    ("1E3", 1000.0), ("2e-1", 0.2), ("0.5", 0.5), ("3", 3), ("abc", "abc"), ("1.2.3", "1.2.3"),
    (".", "."), ("e5", "e5"), ("5e", "5e"), ("nan", "nan"), ("0x10", "0x10"), ("1_000", "1_000"),
    # Python's constants, as the option errors write them ("use True or some of ...")
    ("True", True), ("False", False), ("true", True), ("TRUE", "TRUE"), ("Truex", "Truex"),
])
def test_values(text, value):
    key, got = parse_option(f"lam={text}")
    assert key == "lam" and got == value and type(got) is type(value)


def test_a_huge_exponent_is_infinite_and_refused_as_such(tmp_path):
    assert math.isinf(parse_option("lam=1e999")[1])
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    code, _, err = run_cli(["summarize", str(story), "--method", "mmr", "--option", "lam=1e999"])
    assert code == 2 and "finite number, not inf" in err, err


@pytest.mark.parametrize("value", [".5", "+0.5", "0.5"])
def test_the_cli_takes_them(tmp_path, value):
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, err = run_cli(["summarize", str(story), "--method", "mmr", "--option",
                              f"lam={value}", "--words", "20", "--format", "json"])
    assert code == 0, err
    import json

    assert json.loads(out)["settings"]["lambda"] == 0.5


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_a_python_float_reads_back(x):
    assert parse_option(f"lam={x!r}")[1] == x


def test_none_is_null_and_the_cli_takes_compress_true(tmp_path):
    # "use True or some of dateline, ..." was the error for compress=True itself
    assert parse_option("encoder=None") == ("encoder", None)
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, err = run_cli(["summarize", str(story), "--option", "compress=True", "--words",
                              "20", "--format", "json"])
    assert code == 0, err
