"""A text file that is JSON data (a JSON array saved as .txt, JSONL piped to ``-``) is told
apart by parsing it with its objects and floats dropped as they are made: a 50 MB array of
small objects was built whole (1.4 GB) to be refused. What is told apart is unchanged."""

from __future__ import annotations

import json

import pytest
from helpers import traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import load_cluster
from summarizer.documents.loaders import _is_json
from summarizer.errors import InputError


def _is_json_before(text: str) -> bool:
    """The check as it was, values built (the reference for the property below)."""
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    for candidate, kinds in ((first, dict), (text, (dict, list))):
        try:
            value = json.loads(candidate)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, kinds):
            return True
    return False


def test_an_array_of_small_objects_is_refused_without_building_it(tmp_path):
    path = tmp_path / "records.txt"
    record = '{"id": 7, "score": 0.5, "tags": ["a", "b"]}'
    path.write_text("[" + ", ".join([record] * 25_000) + "]\n", encoding="utf-8")  # ~1.2 MB
    size = path.stat().st_size
    with pytest.raises(InputError, match="JSON data, not an article's text"):
        load_cluster([path])  # warm
    with traced_memory() as mem, pytest.raises(InputError, match="JSON data"):
        load_cluster([path])
    # 2.2x its size (its bytes and text as read); built whole: 15.5x
    assert mem.peak < 5 * size, mem.peak / size


_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    value=_values,
    before=st.sampled_from(["", " ", "\n", "\ufeff", " \t\r\n"]),
    after=st.sampled_from(["", "\n", " x", "\nA line of text.", "\n{}", "]", "\n\n[1]"]),
    indent=st.sampled_from([None, 1]),
)
def test_what_is_told_apart_is_unchanged(value, before, after, indent):
    text = before + json.dumps(value, indent=indent) + after
    assert _is_json(text) == _is_json_before(text), text


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1e999}',
        "[NaN]",
        '{"a": ' + "1" * 5000 + "}",
        "[" * 5000 + "]" * 5000,
        '{"a": 1}\n[Reuters] LONDON',
        "[Reuters] LONDON",
        '"a string"',
        "\ufeff{}",
    ],
)
def test_the_edges_are_unchanged(text):
    assert _is_json(text) == _is_json_before(text)
