"""Session 36's bad-input hunt: the Python API given what the command line refuses, and
methods given inputs that leave their usual rules untested. Each fix has a test here that
fails without it."""

from __future__ import annotations

import json
import re

import pytest

import summarizer
from summarizer.errors import OptionError

_STORY = ("The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region.")


def _rows(path, n: int = 3):
    path.write_text("".join(json.dumps({"id": f"c{i}", "text": f"Story {i}. {_STORY}",
                                        "summary": "The storm hit."}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


BATCH_NAMED = ["text_field", "id_field", "separator", "preset", "split", "date_field"]


@pytest.mark.parametrize("option", BATCH_NAMED)
def test_batch_api_refuses_an_empty_name_as_the_cli_does(tmp_path, option):
    # "" was read as not given (the first text field, no split, the default preset) or
    # as a field no row holds: id_field="" failed every row, with a report and no error
    from summarizer.batch import summarize_dataset

    data = _rows(tmp_path / "news.jsonl")
    with pytest.raises(OptionError, match=rf"^{option} \(--{option.replace('_', '-')}\) is "
                                          "empty; give a value, or None for the default$"):
        summarize_dataset(data, tmp_path / "job", "lead", progress=False, **{option: ""})
    assert not (tmp_path / "job").exists()  # refused before the folder is made


@pytest.mark.parametrize("option", ["references", "text_field", "summary_field", "id_field",
                                    "separator", "split", "preset", "date_field"])
def test_evaluate_api_refuses_an_empty_name(tmp_path, option):
    # evaluate(dataset_options=DatasetOptions(text_field="")) ran with the default field
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.datasets import DatasetOptions

    with pytest.raises(OptionError, match=rf"^{option} \(--{option.replace('_', '-')}\) is empty"):
        evaluate(_rows(tmp_path / "news.jsonl"), "lead", out=tmp_path / "run", progress=False,
                 dataset_options=DatasetOptions(**{option: ""}))
    assert not (tmp_path / "run").exists()


def test_summarize_refuses_an_empty_text_field(tmp_path):
    data = tmp_path / "one.jsonl"
    data.write_text(json.dumps({"id": "a", "body": _STORY}) + "\n", encoding="utf-8")
    with pytest.raises(OptionError, match=r"^text_field \(--text-field\) is empty"):
        summarizer.summarize(data, "lead", text_field="")
    assert summarizer.summarize(data, "lead", text_field="body").text  # the field named


@pytest.mark.parametrize("method", [m for m in summarizer.available_methods()
                                    if m != "abstractive"])
@pytest.mark.parametrize("text", [
    "Floods rose. Council met. Budget approved. Floods rose.",
    "Floods rose. Council met. Budget approved. " * 30,
    # right to left, with points: the sentences short, none of their bigrams recurring
    "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd \u05e2\u05d5\u05b9\u05dc\u05b8\u05dd. "
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645. " * 20,
])
def test_no_method_repeats_a_sentence_when_nothing_recurs(method, text):
    # sentences below min_words are candidates only when nothing else is, and then exact
    # repeats stay in the pool: ilp, whose program took the lead sentences by bonus alone
    # where no concept recurs, gave "Floods rose." twice (and one of 30 repeats 5 times)
    for truncate in (False, True):
        s = summarizer.summarize([text], method, words=30, truncate=truncate)
        texts = [x.text for x in s.sentences]
        assert texts and len(texts) == len(set(texts)), texts


@pytest.mark.parametrize("field", ["nope", "documents", "id"])
def test_summarize_refuses_a_text_field_its_plain_texts_never_read(tmp_path, field):
    # a cluster line whose documents are plain strings reads no document field: any
    # text_field (--text-field) was taken and the file summarised as if it were not given
    data = tmp_path / "one.jsonl"
    data.write_text(json.dumps({"id": "c0", "documents": [_STORY]}) + "\n", encoding="utf-8")
    with pytest.raises(OptionError, match=rf"one.jsonl:1 \(id 'c0'\): text_field \(--text-field\) "
                                          rf"'{field}' names a field of each document, and "
                                          "'documents' holds plain texts; leave it out$"):
        summarizer.summarize(data, "lead", text_field=field)
    # document objects have fields: there the option names theirs
    data.write_text(json.dumps({"id": "c0", "documents": [{"body": _STORY}]}) + "\n",
                    encoding="utf-8")
    assert summarizer.summarize(data, "lead", text_field="body").text.startswith("The storm")


def test_an_empty_output_folder_name_is_refused_not_the_working_folder(tmp_path, monkeypatch):
    # Path("") is ".": summarize_dataset(data, "") wrote its shards, manifest and report
    # into the folder the program ran in, and evaluate(out="") its run (out=None, not "",
    # is evaluate's default folder); the command line refuses --out "" already
    from summarizer.batch import summarize_dataset
    from summarizer.evaluation import evaluate

    data = _rows(tmp_path / "news.jsonl")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(OptionError, match=r"^out \(--out\) is empty; give a folder's path$"):
        summarize_dataset(data, "", "lead", progress=False)
    with pytest.raises(OptionError, match=r"^out \(--out\) is empty"):
        evaluate(data, "lead", out="", progress=False)
    assert list(here.iterdir()) == []


def test_an_empty_input_name_is_refused_not_the_working_folder(tmp_path, monkeypatch):
    # "" read the folder the program ran in as the input (batch) or data set (evaluate)
    from summarizer.batch import summarize_dataset
    from summarizer.errors import InputError
    from summarizer.evaluation import evaluate

    _rows(tmp_path / "news.jsonl")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"^the input is empty; give a \.jsonl or \.parquet"):
        summarize_dataset("", tmp_path.parent / f"{tmp_path.name}-job", "lead", progress=False)
    with pytest.raises(InputError, match=r"^the data set is empty; give a TAC 2011 or DUC"):
        evaluate("", "lead", out=tmp_path.parent / f"{tmp_path.name}-run", progress=False)
    assert not (tmp_path.parent / f"{tmp_path.name}-job").exists()
    assert not (tmp_path.parent / f"{tmp_path.name}-run").exists()


@pytest.mark.parametrize("option,flag", [("model", "--model"), ("device", "--device"),
                                         ("dtype", "--option dtype=...")])
def test_abstractive_refuses_an_empty_model_device_or_dtype_when_made(option, flag):
    # get_summarizer("abstractive", model="") was made, and failed only when the model
    # loaded (summarize: after reading its input), unlike every other option's bad value
    from summarizer.summarizers import get_summarizer

    with pytest.raises(OptionError, match=rf"^{option} \({re.escape(flag)}\) is empty; give a "
                                          "value, or None for the default$"):
        get_summarizer("abstractive", **{option: ""})
    assert get_summarizer("abstractive", **{option: None}).options.model == "smollm2"


@pytest.mark.parametrize("given", [None, b"None"])
def test_an_input_that_is_no_path_is_refused_not_read_as_its_name(tmp_path, monkeypatch, given):
    # None was the path "None": with a folder of that name beside it, it was summarised
    from summarizer.batch import summarize_dataset
    from summarizer.errors import InputError

    (tmp_path / "None").mkdir()
    _rows(tmp_path / "None" / "news.jsonl")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"^input must be a path, not (NoneType|bytes)$"):
        summarize_dataset(given, tmp_path / "job", "lead", progress=False)
    assert not (tmp_path / "job").exists()
