"""Bad input found in session 30's third hunt: each is a typed error, raised before the
work it would spoil (here: before a data set is read)."""

from __future__ import annotations

import pytest
from helpers import run_cli, write_jsonl

from summarizer.errors import OptionError, UnknownMethodError

NEWS = ("The council met on Monday to discuss the flood barrier. It approved the budget "
        "for the barrier after a long debate. Work starts in spring, officials said.")


@pytest.fixture
def counted_reads(tmp_path, monkeypatch) -> tuple[str, list[str]]:
    """A JSONL data set and the list of its openings by a run (the data set itself is
    valid: only an option is wrong)."""
    import summarizer.evaluation.run as run

    data = write_jsonl(tmp_path / "d.jsonl",
                       [{"id": "a", "text": NEWS, "summary": "The council met."}])
    reads: list[str] = []
    opened = run.open_dataset

    def counting(spec, *args, **kwargs):
        reads.append(str(spec))
        return opened(spec, *args, **kwargs)

    monkeypatch.setattr(run, "open_dataset", counting)
    return str(data), reads


@pytest.mark.parametrize("method, options, error, message", [
    ("coverage", {"nonsense": 1}, OptionError, "nonsense"),
    ("lead", {"max_sentences": "many"}, OptionError, "max_sentences"),
    ("coverag", {}, UnknownMethodError, "did you mean 'coverage'"),
    ("precomputed:summaries", {"nonsense": 1}, OptionError, "take no summariser options"),
])
def test_library_evaluate_checks_the_method_before_reading_the_data(
        tmp_path, counted_reads, method, options, error, message) -> None:
    from summarizer.evaluation import evaluate

    data, reads = counted_reads
    with pytest.raises(error, match=message):
        evaluate(data, method, out=tmp_path / "run", progress=False, words=10, **options)
    assert reads == []  # refused before the data set was opened
    assert not (tmp_path / "run").exists()


def test_library_evaluate_reads_the_data_when_the_options_are_good(
        tmp_path, counted_reads) -> None:
    from summarizer.evaluation import evaluate

    data, reads = counted_reads  # the counter sees a read: the test above can fail
    result = evaluate(data, "lead", out=tmp_path / "run", progress=False, words=10)
    assert reads == [data] and result.computed == 1


@pytest.fixture
def saved_hf(tmp_path) -> str:
    """An ``hf:`` spec of a saved ``datasets`` data set with no preset's layout."""
    datasets = pytest.importorskip("datasets")
    rows = {"id": ["a", "b"], "text": [NEWS, NEWS], "summary": ["The council met.", "Work starts."]}
    datasets.DatasetDict({"test": datasets.Dataset.from_dict(rows)}).save_to_disk(tmp_path / "ds")
    return f"hf:{tmp_path / 'ds'}"


@pytest.mark.parametrize("fields, same", [
    ({"text_field": "summary"}, "summary"),  # the reference field found is the one named
    ({"summary_field": "text"}, "text"),  # the text field found is the one named
    ({"text_field": "summary", "summary_field": "summary"}, "summary"),
])
@pytest.mark.parametrize("streamed", [False, True])
def test_hf_data_set_refuses_references_from_the_documents_field(
        saved_hf, fields, same, streamed) -> None:
    # the rule JSONL data sets follow (83ce106), through both readers of an hf: spec
    from summarizer.evaluation import DatasetOptions, load_dataset
    from summarizer.evaluation.stream import open_dataset

    with pytest.raises(OptionError, match=f"name one field, '{same}'"):
        if streamed:
            open_dataset(saved_hf, DatasetOptions(**fields))
        else:
            load_dataset(saved_hf, **fields)


def test_hf_data_set_finds_its_reference_field(saved_hf) -> None:
    from summarizer.evaluation import load_dataset

    data = load_dataset(saved_hf)  # the control: text and summary found apart
    clusters = [c for _, c in data.iter_clusters()]
    assert [c.references for c in clusters] == [["The council met."], ["Work starts."]]
    assert clusters[0].documents[0].text == NEWS


@pytest.mark.parametrize("argv, message", [
    (["--summaries", "peers", "--option", "nonsense=1"], "take no summariser options"),
    (["--summaries", "peers", "--strategy", "fast"], "take no summariser options"),
    (["--method", "lead", "--option", "nonsense=1"], "nonsense"),
])
def test_cli_evaluate_checks_the_method_before_reading_the_data(tmp_path, argv, message) -> None:
    # the data set is not there: its error would come first if it were read first
    code, _, err = run_cli(["evaluate", str(tmp_path / "absent.jsonl"), *argv, "--no-progress"])
    assert code == 2 and message in err and "not found" not in err, err
