"""Bad input found in session 30's third hunt: each is a typed error, raised before the
work it would spoil (here: before a data set is read)."""

from __future__ import annotations

import json

import pytest

from summarizer.errors import OptionError, UnknownMethodError

NEWS = ("The council met on Monday to discuss the flood barrier. It approved the budget "
        "for the barrier after a long debate. Work starts in spring, officials said.")


@pytest.fixture
def counted_reads(tmp_path, monkeypatch) -> tuple[str, list[str]]:
    """A JSONL data set and the list of its openings by a run (the data set itself is
    valid: only an option is wrong)."""
    import summarizer.evaluation.run as run

    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "a", "text": NEWS, "summary": "The council met."}) + "\n")
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
