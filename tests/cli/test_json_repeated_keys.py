"""JSON the user gives beside JSONL input (an --option KEY=JSON value, a model file given as
coverage's concept_model or dpp's quality_model) is read by JSONL's rule of a
repeated key (b58cd2f6, textio.json_once): a key given twice in one object with two values
is refused, one line, exit 2, where json.loads kept the last in silence
(``--option 'x={"a":1,"a":2}'`` was x={"a": 2}). The same value twice is one value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import error_line, run_cli

import summarizer
from summarizer.cli import parse_option
from summarizer.errors import InputError, OptionError
from summarizer.summarizers import learned_weights

TWICE = ("given twice in one object, with two values (JSON readers keep one in silence, this "
         "one the last); give it once")


@pytest.mark.parametrize("text, key", [
    ('x={"a": 1, "a": 2}', "a"),
    ('x={"a": 1, "a": 1.0}', "a"),  # equal in Python, two JSON values
    ('x=[0, {"b": {"a": true, "a": 1}}]', "a"),
    ('lsa-dims={"k": "s", "k": "t"}', "k"),
])
def test_an_option_value_giving_a_key_two_values_is_refused(text, key):
    with pytest.raises(OptionError) as caught:
        parse_option(text)
    assert str(caught.value) == f"bad --option {text.split('=')[0]}: key '{key}' {TWICE}"


@pytest.mark.parametrize("text, value", [
    ('x={"a": 1, "a": 1}', {"a": 1}),
    ('x={"a": [1, {"b": 2}], "a": [1, {"b": 2}]}', {"a": [1, {"b": 2}]}),
    ('x={"a": 1, "b": 2}', {"a": 1, "b": 2}),
    ('x={"a": 1, "a": 2', '{"a": 1, "a": 2'),  # no JSON: text, as before
    ("x=0.5", 0.5),
    ("x=NaN", "nan"),  # json reads NaN: the option's check refuses it, as before
])
def test_other_option_values_read_as_before(text, value):
    key, got = parse_option(text)
    assert key == "x"
    if value == "nan":
        assert got != got
    else:
        assert got == value and type(got) is type(value)


def test_the_command_refuses_it_in_one_line():
    code, out, err = run_cli(["summarize", "seeds/", "--method", "lead",
                              "--option", 'mode={"a": 1, "a": 2}'])
    assert (code, out) == (2, "")
    assert error_line(err) == f"summarizer: error: bad --option mode: key 'a' {TWICE}"


def _model_with_link_twice(tmp_path: Path) -> Path:
    text = learned_weights.PACKAGED.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["link"] == "logistic"
    path = tmp_path / "concepts.json"
    # the packaged model, its "link" given again with another value after the first
    path.write_text(text.replace('"link": "logistic",', '"link": "logistic", "link": "identity",'),
                    encoding="utf-8")
    return path


def test_a_model_file_giving_a_key_two_values_is_refused(tmp_path, seed_text):
    path = _model_with_link_twice(tmp_path)
    with pytest.raises(InputError) as caught:
        summarizer.summarize(seed_text, "coverage", concept_weighting="learned",
                             concept_model=str(path))
    assert str(caught.value) == f"{path}: key 'link' {TWICE}"
    code, out, err = run_cli(["summarize", "seeds/", "--method", "coverage", "--option",
                              "concept_weighting=learned", "--option",
                              f"concept_model={path}"])
    assert (code, out) == (2, "")
    assert error_line(err) == f"summarizer: error: {path}: key 'link' {TWICE}"


def test_a_model_file_giving_a_key_its_value_twice_is_read(tmp_path, seed_text):
    text = learned_weights.PACKAGED.read_text(encoding="utf-8")
    path = tmp_path / "concepts.json"
    path.write_text(text.replace('"link": "logistic",', '"link": "logistic", '
                                 '"link": "logistic",'), encoding="utf-8")
    packaged = summarizer.summarize(seed_text, "coverage", concept_weighting="learned")
    assert summarizer.summarize(seed_text, "coverage", concept_weighting="learned",
                                concept_model=str(path)).text == packaged.text
