"""language= is checked in one place, languages.normalize_language: only None means the
default, and "" or a value that is no string (0, False, a list) is an OptionError naming the
keyword and the flag, whichever entry point it was given to.

Each entry point refused "" with its own check (values.check_named) while testing the value's
truth elsewhere: 0 or False was read as "not given" by load_folder, load_cluster and the
faithfulness checker (the language guessed), and as an UnknownLanguageError by the others.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError, OptionError, UnknownLanguageError
from summarizer.languages import DEFAULT_LANGUAGE, normalize_language

_CZECH = (
    "Vláda ve středu schválila návrh zákona o státním rozpočtu. Ministr financí řekl, "
    "že schodek bude nižší než loni. Opozice návrh kritizovala a slíbila, že bude "
    "hlasovat proti."
)
_EMPTY = r"^language \(--language\) is empty; give a value, or None for the default$"
_NO_NAME = r"^language \(--language\) must be a name or code such as 'english' or 'en', not "

_NOT_STRINGS = st.one_of(
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.binary(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.text(max_size=2), max_size=1),
)


def test_only_none_is_the_default_language():
    assert normalize_language(None) == DEFAULT_LANGUAGE
    with pytest.raises(OptionError, match=_EMPTY) as raised:
        normalize_language("")
    # still an UnknownLanguageError: what readers of a name catch
    assert isinstance(raised.value, UnknownLanguageError)


@settings(max_examples=200, deadline=None)
@given(_NOT_STRINGS)
def test_a_language_that_is_no_string_is_an_option_error_naming_the_flag(value):
    with pytest.raises(OptionError, match=_NO_NAME) as raised:
        normalize_language(value)
    assert isinstance(raised.value, UnknownLanguageError)


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "data.jsonl"
    record = {"id": "c1", "documents": [_CZECH], "language": "cs", "references": ["Rozpočet."]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _entry_points(tmp_path, data, value):
    import summarizer
    from summarizer.batch import summarize_dataset
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
    from summarizer.evaluation import DatasetOptions, evaluate, load_dataset
    from summarizer.faithfulness import FaithfulnessChecker, check

    checker = FaithfulnessChecker(embeddings=False)
    index = checker.index([_CZECH])
    return {
        "summarize": lambda: summarizer.summarize([_CZECH], "lead", sentences=1, language=value),
        "to_cluster": lambda: to_cluster([_CZECH], language=value),
        "load_texts": lambda: load_texts([_CZECH], language=value),
        "load_texts([])": lambda: load_texts([], language=value),
        "load_folder": lambda: load_folder(tmp_path, language=value),
        "load_cluster": lambda: load_cluster([data], language=value),
        "load_jsonl": lambda: load_jsonl(data, language=value),
        "from_hf_dataset": lambda: from_hf_dataset([{"text": _CZECH}], language=value),
        "load_tac2011": lambda: load_tac2011(tmp_path, language=value),
        "load_duc": lambda: load_duc(tmp_path, language=value),
        "DatasetOptions": lambda: DatasetOptions(language=value),
        "load_dataset": lambda: load_dataset(str(data), language=value),
        "evaluate": lambda: evaluate(
            data, "lead", out=tmp_path / "run", language=value, progress=False
        ),
        "summarize_dataset": lambda: summarize_dataset(
            data, tmp_path / "job", "lead", language=value, progress=False
        ),
        "check": lambda: check("Rozpočet.", [_CZECH], embeddings=False, language=value),
        "checker.check(index)": lambda: checker.check("Rozpočet.", index, language=value),
        "checker.index": lambda: checker.index([_CZECH], language=value),
    }


@pytest.mark.parametrize("value", ["", 0, False, []])
def test_every_entry_point_refuses_a_language_that_names_nothing(tmp_path, data, value):
    message = _EMPTY if value == "" and isinstance(value, str) else _NO_NAME
    for name, call in _entry_points(tmp_path, data, value).items():
        with pytest.raises(OptionError, match=message):
            call()
            pytest.fail(f"{name} took language={value!r}")
    assert not (tmp_path / "run").exists() and not (tmp_path / "job").exists()


def test_the_faithfulness_check_reads_a_language_given_as_a_code():
    from summarizer.faithfulness import FaithfulnessChecker

    checker = FaithfulnessChecker(embeddings=False)
    assert checker.index([_CZECH], language="cs").language == "czech"
    assert checker.index([_CZECH]).language == "czech"  # None: guessed


def test_a_document_or_cluster_with_an_empty_language_is_refused_when_made():
    # it was read as English deep in the sentence splitter, where None is its cluster's
    from summarizer.documents import Cluster, Document

    with pytest.raises(InputError, match="^Document language is empty"):
        Document(_CZECH, language="")
    with pytest.raises(InputError, match="^Cluster language is empty"):
        Cluster([Document(_CZECH)], language="")
    assert Cluster([Document(_CZECH, language="cs")]).language == "cs"


def test_an_empty_language_field_of_a_row_names_no_language(tmp_path):
    # a document object's "language": "" was English, a cluster record's "not given": now
    # both are not given (the reader's fallback, else guessed), as a row without the field
    from summarizer.documents import from_hf_dataset, load_jsonl

    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": "a", "text": _CZECH, "language": ""},
        {"id": "b", "documents": [{"text": _CZECH, "language": ""}], "language": ""},
        {"id": "c", "documents": [_CZECH], "language": ""},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    clusters = load_jsonl(path)
    assert [c.language for c in clusters] == ["czech"] * 3
    assert [d.language for c in clusters for d in c.documents] == ["czech"] * 3
    german = load_jsonl(path, fallback_language="de")
    assert {d.language for c in german for d in c.documents} == {"german"}
    [row] = from_hf_dataset([{"text": _CZECH, "language": ""}], language=None)  # rows' own
    assert row.language == "czech" == row.documents[0].language
