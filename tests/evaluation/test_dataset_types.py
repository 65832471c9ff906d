"""A data set given to evaluate() / load_dataset() / open_dataset() as anything but a path,
'hf:NAME', a list (or tuple) of Cluster or a Dataset is an InputError naming its type: its
str() was read as a path (a Cluster's repr, 'None' looked for a folder ./None, an object
whose str() named a file was loaded)."""

from __future__ import annotations

import os

import pytest

from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError
from summarizer.evaluation import evaluate
from summarizer.evaluation.datasets import load_dataset
from summarizer.evaluation.stream import open_dataset


def _cluster(cid: str = "a") -> Cluster:
    return Cluster([Document("The river burst its banks on Sunday. Families left their homes.")],
                   id=cid, references=["A flood drove families out."])


class _Named:
    def __str__(self) -> str:
        return "data.jsonl"


@pytest.mark.parametrize("given", [None, 5, 7.0, b"data.jsonl", {"a": 1}, _Named()])
def test_other_types_are_refused_by_type(tmp_path, monkeypatch, given):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "None").mkdir()  # evaluate(None) looked in here
    (tmp_path / "data.jsonl").write_text('{"id": "x", "text": "A b c.", "summary": "A."}\n')
    for call in (lambda: evaluate(given, "lead", words=10, progress=False, out="o"),
                 lambda: load_dataset(given), lambda: open_dataset(given)):
        with pytest.raises(InputError, match=f"not {type(given).__name__}$"):
            call()
    assert not (tmp_path / "o").exists()


def test_a_single_cluster_is_refused_and_a_tuple_of_them_taken(tmp_path):
    with pytest.raises(InputError, match="a list of Cluster or a Dataset, not Cluster"):
        evaluate(_cluster(), "lead", words=10, progress=False, out=tmp_path / "one")
    got = evaluate((_cluster("a"), _cluster("b")), "lead", words=10, progress=False,
                   out=tmp_path / "two")
    listed = evaluate([_cluster("a"), _cluster("b")], "lead", words=10, progress=False,
                      out=tmp_path / "three")
    assert got.report.to_dict()["scores"] == listed.report.to_dict()["scores"]


def test_a_path_like_is_still_a_path(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text('{"id": "x", "documents": ["The river rose. Families left."], '
                    '"summary": "A flood."}\n', encoding="utf-8")
    assert isinstance(data, os.PathLike)
    assert len(load_dataset(data).clusters) == 1
