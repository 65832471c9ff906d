"""The package's warnings point at the caller's line, whatever path reached them: a fixed
stacklevel pointed inside the package (evaluate's checks of a data set, reached through
plan_run) or at contextlib (summarize_dataset's skipped shard)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from helpers import write_jsonl

from summarizer.batch import summarize_dataset
from summarizer.errors import warn
from summarizer.evaluation import evaluate, load_dataset

HERE = Path(__file__).name
TEXT = ("The storm closed roads across the north on Monday. Schools stayed shut and power "
        "was cut in many towns. Officials said the water would fall by Wednesday.")


def _caught(call) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return caught


def test_warn_names_the_first_frame_outside_the_package():
    def inner():
        warn("said")

    caught = _caught(inner)
    assert [(Path(w.filename).name, w.lineno) for w in caught] == [
        (HERE, inner.__code__.co_firstlineno + 1)]


def test_evaluate_and_load_dataset_warn_at_the_callers_line(tmp_path):
    # a summary the same text as its reference: warned by the run, at evaluate's caller
    first = TEXT.split(". ")[0] + "."
    rows = [{"id": "a", "text": first, "summary": first},
            {"id": "b", "text": TEXT.replace("storm", "flood"), "summary": "A flood came."}]
    data = write_jsonl(tmp_path / "eq.jsonl", rows)
    caught = _caught(lambda: evaluate(str(data), "lead", words=20, out=tmp_path / "r",
                                      progress=False))
    assert any("same text as" in str(w.message) for w in caught)
    assert {Path(w.filename).name for w in caught} == {HERE}, [
        (w.filename, str(w.message)) for w in caught]
    # a language check of the data set: the same at either entry point
    french = write_jsonl(tmp_path / "fr.jsonl", [
        {"id": f"f{i}", "text": "Le gouvernement a annoncé lundi que les écoles resteraient "
                                "fermées dans le nord du pays à cause des inondations et que "
                                "la situation était grave pour les habitants de la région.",
         "summary": "Les écoles restent fermées."} for i in range(3)])
    for call in (lambda: load_dataset(str(french)),
                 lambda: evaluate(str(french), "lead", words=20, out=tmp_path / "fr",
                                  progress=False)):
        said = [w for w in _caught(call) if "look like" in str(w.message)]
        assert said and {Path(w.filename).name for w in said} == {HERE}


def test_summarize_dataset_warns_of_a_skipped_shard_at_the_callers_line(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl(shards / "a.jsonl", [{"id": "a", "text": TEXT}])
    write_jsonl(shards / "b.json", [{"id": "b", "text": TEXT}])  # not a shard: skipped, said
    caught = _caught(lambda: summarize_dataset(shards, tmp_path / "out", "lead", words=20,
                                               progress=False))
    skipped = [w for w in caught if "skipped" in str(w.message)]
    assert skipped and {Path(w.filename).name for w in skipped} == {HERE}, [
        (w.filename, str(w.message)) for w in caught]
    assert json.loads((tmp_path / "out" / "report.json").read_text())["done"] == 1
