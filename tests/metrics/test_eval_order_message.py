"""eval_order (--eval-order) that lists an id twice says which: the message said
'missing [], unknown []', nothing wrong named, as every id was there."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli

from summarizer.errors import InputError
from summarizer.metrics import rouge

SYSTEMS = ["the cat sat", "a dog ran"]
REFERENCES = [["the cat sat down"], ["a dog ran off"]]


def test_an_id_listed_twice_is_named():
    with pytest.raises(InputError) as caught:
        rouge(SYSTEMS, REFERENCES, ids=["a", "b"], eval_order=["a", "a", "b"])
    assert str(caught.value) == "eval_order must list every summary id once (repeated ['a'])"
    with pytest.raises(InputError) as caught:
        rouge(SYSTEMS, REFERENCES, ids=["a", "b"], eval_order=["b", "b", "c"])
    assert str(caught.value) == ("eval_order must list every summary id once (missing ['a'], "
                                 "unknown ['c'], repeated ['b'])")
    assert rouge(SYSTEMS, REFERENCES, ids=["a", "b"], eval_order=["b", "a"]).ids == ["a", "b"]


def test_the_command_names_an_id_listed_twice(tmp_path):
    for folder, texts in (("sys", ["the cat sat", "a dog ran"]),
                          ("refs", ["the cat sat down", "a dog ran off"])):
        (tmp_path / folder).mkdir()
        for name, text in zip("ab", texts, strict=True):
            (tmp_path / folder / (f"{name}.txt" if folder == "sys" else f"{name}.1")).write_text(
                text + "\n")
    code, out, err = run_cli(["rouge", str(tmp_path / "sys"), str(tmp_path / "refs"),
                              "--eval-order", "a,a,b"])
    assert code == 2 and out == ""
    assert error_line(err) == ("summarizer: error: eval_order must list every summary id once "
                               "(repeated ['a'])")
