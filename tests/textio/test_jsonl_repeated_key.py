"""A JSONL line whose object gives one key twice with two values (``{"text": "a", "text":
"b"}``, a document object's ``"id"`` twice) was read as json reads it, the last value kept
in silence: the first text was not summarised, not scored, not said. Now a typed error
naming the line and the key, from the one parse of every JSONL reader
(``textio.parse_jsonl_line``): summarize and evaluate refuse the file on one line, batch
fails that row (reported by id and place) and goes on. The same value twice is the same
row, and is read."""

from __future__ import annotations

import json

import pytest
from helpers import error_line, run_cli, write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.textio import parse_jsonl_line

TEXT = "The storm hit the coast on Monday. Roads were closed across the region."
OTHER = "Schools reopened on Friday after the floods. Pupils returned to class."


@pytest.mark.parametrize("line, key", [
    ('{"text": "a", "text": "b"}', "text"),
    ('{"id": "x", "documents": [{"id": "d1", "text": "a", "id": "d2"}]}', "id"),
    ('{"a": {"b": 1, "b": [2]}}', "b"),
    ('{"text": "a", "text": null}', "text"),
    ('{"n": 1, "n": 1.0, "n": 2}', "n"),
    ('{"x": true, "x": 1}', "x"),  # equal in Python, not one JSON value
    ('{"x": [1], "x": [1.0]}', "x"),
])
def test_a_key_given_twice_with_two_values_is_refused_naming_line_and_key(line, key):
    with pytest.raises(InputError, match=rf"^data\.jsonl:3: key '{key}' given twice in one "
                                         r"object, with two values .*; give it once$"):
        parse_jsonl_line(line, "data.jsonl:3")


@pytest.mark.parametrize("line", ['{"text": "a", "text": "a"}',
                                  '{"a": {"b": [1, {"c": 2}], "b": [1, {"c": 2}]}}',
                                  '{"text": "a:b", "t\\"": "c: d", "x": {"y": ":"}}'])
def test_the_same_value_twice_or_colons_in_text_are_read(line):
    assert parse_jsonl_line(line, "x") == json.loads(line)


_KEYS = st.sampled_from(["text", "id", "t", 'a\\"', "x"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["a", "b",
                                                                                    "a: b", ""]))


@st.composite
def _objects(draw: st.DrawFn, depth: int = 0) -> str:
    """The text of a JSON object whose keys may repeat, values nested objects or lists."""
    items = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3 if depth < 2 else 1))
        if kind <= 1:
            value = json.dumps(draw(_SCALARS))
        elif kind == 2:
            value = draw(_objects(depth + 1))
        else:
            value = "[" + ", ".join(draw(st.lists(_objects(depth + 1), max_size=2))) + "]"
        items.append(f'"{draw(_KEYS)}": {value}')
    return "{" + ", ".join(items) + "}"


def _repeated(pairs: list[tuple[str, object]]) -> dict:
    """json's object, and a note in it where a key came twice with two values (as JSON
    texts: true is not 1)."""
    out: dict = {}
    for key, value in pairs:
        if key in out and json.dumps(out[key], sort_keys=True) != json.dumps(value,
                                                                     sort_keys=True):
            out["\0repeated"] = key
        out[key] = value
    return out


def _has_repeat(value: object) -> bool:
    if isinstance(value, dict):
        return "\0repeated" in value or any(map(_has_repeat, value.values()))
    return isinstance(value, list) and any(map(_has_repeat, value))


@settings(max_examples=300, deadline=None)
@given(text=_objects())
def test_refused_exactly_where_some_object_gives_a_key_two_values(text):
    expected = json.loads(text, object_pairs_hook=_repeated)
    if _has_repeat(expected):
        with pytest.raises(InputError, match=r"^l:1: key '.*' given twice in one object"):
            parse_jsonl_line(text, "l:1")
    else:
        assert parse_jsonl_line(text, "l:1") == json.loads(text)


def test_summarize_and_evaluate_refuse_the_file_on_one_line(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": [TEXT], "summary": "A storm."}) + "\n"
                    + f'{{"id": "b", "text": {json.dumps(TEXT)}, "text": {json.dumps(OTHER)}, '
                    '"summary": "Schools."}\n', encoding="utf-8")
    for argv in (["summarize", str(data), "--method", "lead"],
                 ["evaluate", str(data), "--method", "lead", "--out", str(tmp_path / "run"),
                  "--no-progress"]):
        code, out, err = run_cli(argv)
        assert code == 2 and out == "", err
        assert error_line(err) == (f"summarizer: error: {data}:2: key 'text' given twice in "
                                   "one object, with two values (JSON readers keep one in "
                                   "silence, this one the last); give it once")
    assert not (tmp_path / "run").exists()


def test_batch_fails_the_row_by_id_and_place_and_goes_on(tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": TEXT}],
                      raw_lines=[f'{{"id": "b", "text": {json.dumps(TEXT)}, '
                                 f'"text": {json.dumps(OTHER)}}}',
                                 json.dumps({"id": "c", "text": OTHER})])
    code, out, err = run_cli(["batch", str(inp), "--out", str(tmp_path / "out"), "--method",
                              "lead", "--no-progress"], lines=None)
    assert code == 1 and "2 summarised" in out and "1 failed" in out, (out, err)
    line = next(x for x in err.splitlines() if "failed:" in x)
    assert line.startswith("summarizer: warning: row 1 (") and f"{inp}:2) failed: key 'text' " \
        "given twice in one object" in line, err
