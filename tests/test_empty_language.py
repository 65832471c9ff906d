"""language="" (and evaluate's rouge_mode="") given to the Python API: refused as the command
line refuses an empty --language or --mode, not read as a default.

"" meant three things: English in summarize(), load_texts() and DatasetOptions (so Czech
text was split and weighed as English, and a JSONL record's own "language" was overridden),
"not given" in load_jsonl() and summarize_dataset() (each record's, else guessed), and the
data set's default ROUGE mode in evaluate(). None stays the default everywhere.
"""

from __future__ import annotations

import json

import pytest

import summarizer
from summarizer.errors import OptionError

_CZECH = (
    "Vláda ve středu schválila návrh zákona o státním rozpočtu. Ministr financí řekl, "
    "že schodek bude nižší než loni. Opozice návrh kritizovala a slíbila, že bude "
    "hlasovat proti."
)
_EMPTY = r"^language \(--language\) is empty; give a value, or None for the default$"


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "c1",
                "documents": [_CZECH],
                "language": "cs",
                "references": ["Vláda schválila rozpočet."],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def test_summarize_refuses_an_empty_language():
    assert summarizer.summarize([_CZECH], "lead", sentences=1).settings["language"] == "czech"
    with pytest.raises(OptionError, match=_EMPTY):
        summarizer.summarize([_CZECH], "lead", sentences=1, language="")


def test_the_loaders_refuse_an_empty_language(tmp_path, data):
    from summarizer.documents import (
        from_hf_dataset,
        load_cluster,
        load_folder,
        load_jsonl,
        load_tac2011,
        load_texts,
        to_cluster,
    )
    from summarizer.documents.duc import load_duc

    assert load_jsonl(data)[0].language == "czech"  # the record's own, as before
    calls = [
        lambda: to_cluster([_CZECH], language=""),
        lambda: load_texts([_CZECH], language=""),
        lambda: load_folder(tmp_path, language=""),
        lambda: load_cluster([data], language=""),
        lambda: load_jsonl(data, language=""),
        lambda: from_hf_dataset([{"text": _CZECH}], language=""),
        lambda: load_tac2011(tmp_path, language=""),
        lambda: load_duc(tmp_path, language=""),
    ]
    for call in calls:
        with pytest.raises(OptionError, match=_EMPTY):
            call()


def test_evaluate_and_batch_refuse_an_empty_language(tmp_path, data):
    from summarizer.batch import summarize_dataset
    from summarizer.evaluation import DatasetOptions, evaluate, load_dataset

    for call in (
        lambda: DatasetOptions(language=""),
        lambda: load_dataset(str(data), language=""),
        lambda: evaluate(data, "lead", out=tmp_path / "run", language="", progress=False),
        lambda: summarize_dataset(data, tmp_path / "job", "lead", language="", progress=False),
    ):
        with pytest.raises(OptionError, match=_EMPTY):
            call()
    assert not (tmp_path / "run").exists() and not (tmp_path / "job").exists()


def test_evaluate_refuses_an_empty_rouge_mode(tmp_path, data):
    from summarizer.evaluation import evaluate

    with pytest.raises(OptionError, match=r"^rouge_mode \(--mode\) is empty; give a value"):
        evaluate(data, "lead", out=tmp_path / "run", rouge_mode="", progress=False)
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("value", [0, False, []])
def test_a_language_that_is_no_string_is_refused_by_every_reader(tmp_path, data, value):
    # load_jsonl, from_hf_dataset and summarize_dataset read a falsy value as "not given"
    # (each record's language, else guessed) where summarize() and load_cluster refused it
    from summarizer.batch import summarize_dataset
    from summarizer.documents import from_hf_dataset, load_jsonl
    from summarizer.errors import UnknownLanguageError

    for call in (
        lambda: load_jsonl(data, language=value),
        lambda: from_hf_dataset([{"text": _CZECH}], language=value),
        lambda: summarize_dataset(data, tmp_path / "job", "lead", language=value, progress=False),
    ):
        with pytest.raises(UnknownLanguageError, match=r"^language \(--language\) must be a name"):
            call()
    assert not (tmp_path / "job").exists()


def test_rows_per_shard_is_named_by_its_keyword(tmp_path, data):
    from summarizer.batch import summarize_dataset

    with pytest.raises(OptionError, match=r"^rows_per_shard must be positive, got 0$"):
        summarize_dataset(data, tmp_path / "job", "lead", rows_per_shard=0, progress=False)


def test_the_faithfulness_check_refuses_an_empty_language():
    # check() read "" as None (the language guessed from the sources), where every other
    # entry point refuses it; with an index given, "" fell back to the index's language
    from summarizer.faithfulness import FaithfulnessChecker, check

    checker = FaithfulnessChecker(embeddings=False)
    assert checker.check("Vláda schválila rozpočet.", [_CZECH]).sentences  # None: guessed
    index = checker.index([_CZECH])
    for call in (
        lambda: check("Vláda schválila rozpočet.", [_CZECH], embeddings=False, language=""),
        lambda: checker.check("Vláda schválila rozpočet.", index, language=""),
        lambda: checker.index([_CZECH], language=""),
    ):
        with pytest.raises(OptionError, match=_EMPTY):
            call()
