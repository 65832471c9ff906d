"""Budgets, seeds and the paired tests' counts take NumPy's integers (a value read from an
array or a pandas column) as the ints they are, and give plain ints back (the settings and
results are JSON); bools and floats are still refused."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from summarizer.errors import BudgetError, OptionError
from summarizer.metrics.significance import check_test_settings, paired_test
from summarizer.summarizers.budget import Budget
from summarizer.values import check_seed


@pytest.mark.parametrize("kind", [np.int64, np.int32, np.uint16])
def test_numpy_integers_are_accepted_as_ints(kind: type) -> None:
    budget = Budget(words=kind(20))
    assert budget.words == 20 and type(budget.words) is int and budget.limit == 20
    assert type(Budget(chars=kind(300), truncate=True).chars) is int
    seed = check_seed(kind(7))
    assert seed == 7 and type(seed) is int
    counts = check_test_settings(kind(1000), kind(500), kind(3))
    assert counts == (1000, 500, 3) and all(type(n) is int for n in counts)


def test_paired_test_with_numpy_counts_gives_json() -> None:
    a, b = [0.1, 0.2, 0.3, 0.5], [0.2, 0.1, 0.4, 0.6]
    got = paired_test(a, b, resamples=np.int64(1000), trials=np.int64(200),
                      significance_seed=np.int64(5))
    assert got == paired_test(a, b, resamples=1000, trials=200, significance_seed=5)
    json.dumps(asdict(got))  # int64 in the result was not JSON serialisable


@pytest.mark.parametrize("bad", [True, np.bool_(True), 20.0, np.float64(20), "20"])
def test_bools_and_floats_are_still_refused(bad: object) -> None:
    with pytest.raises(BudgetError, match="must be an integer"):
        Budget(words=bad)  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="must be an integer"):
        check_seed(bad)
    with pytest.raises(OptionError, match="must be an integer"):
        check_test_settings(bad, 100, 0)  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="significance_seed must be an integer"):
        check_test_settings(1000, 100, bad)  # type: ignore[arg-type]


def test_numpy_seed_out_of_range_is_refused() -> None:
    with pytest.raises(OptionError, match="from 0 to"):
        check_seed(np.int64(2**32))
    with pytest.raises(OptionError, match="from 0 to"):
        check_seed(np.int64(-1))


_STORY = ["The storm hit the coast on Monday. Thousands lost power. Officials said repairs "
          "would take days. Schools were closed across the region."]


def test_a_numpy_option_is_kept_as_an_int_in_the_summary_settings() -> None:
    import summarizer

    got = summarizer.summarize(_STORY, "lead", words=np.int64(20), min_words=np.int64(3))
    assert got.settings["min_words"] == 3 and type(got.settings["min_words"]) is int
    json.dumps(got.to_dict())  # an int64 there was "not JSON serializable"


def test_a_run_with_numpy_options_writes_its_settings(tmp_path) -> None:
    from summarizer.evaluation import evaluate

    duc = Path(__file__).parent / "fixtures" / "duc"
    evaluate(duc, "lead", out=tmp_path / "run", words=np.int64(100), seed=np.int64(3),
             min_words=np.int64(4), progress=False)
    settings = json.loads((tmp_path / "run" / "run.json").read_text())["settings"]
    assert settings["options"] == {"min_words": 4} and settings["seed"] == 3


def test_rouge_settings_given_as_numpy_integers_are_ints() -> None:
    from summarizer.metrics import rouge

    # bootstrap_seed=np.int64(2) was "must be an integer in 0..2**32-1, not np.int64(2)"
    got = rouge(["the cat sat"], [["a cat sat"]], mode="rouge-score", resamples=np.int64(50),
                bootstrap_seed=np.int64(2))
    assert type(got.settings.resamples) is int and type(got.settings.bootstrap_seed) is int
    plain = rouge(["the cat sat"], [["a cat sat"]], mode="rouge-score", resamples=50,
                  bootstrap_seed=2)
    assert got.signature == plain.signature and got.to_dict() == plain.to_dict()


def test_an_abstractive_seed_given_as_a_numpy_integer_is_kept_as_an_int() -> None:
    # check_seed's int was thrown away: the settings held int64 (json.dumps failed) when the
    # options were built directly, not through get_summarizer (which made them ints)
    from summarizer.summarizers.abstractive.generation import GenerationSettings
    from summarizer.summarizers.abstractive.options import AbstractiveOptions

    # do_sample: a seed without it is refused (it draws nothing)
    given = AbstractiveOptions(generation=GenerationSettings(seed=np.int64(7), do_sample=True))
    keywords = AbstractiveOptions.from_keywords(seed=np.int64(7), num_beams=np.int32(2),
                                                max_input_tokens=np.int64(512), do_sample=True)
    for options in (given, keywords):
        generation = options.generation
        assert generation.seed == 7 and type(generation.seed) is int
        json.dumps(generation.to_dict())
    assert type(keywords.generation.num_beams) is int
    assert keywords.chunking.max_input_tokens == 512  # was "must be a whole number"
    with pytest.raises(OptionError, match="seed must be an integer"):
        AbstractiveOptions(generation=GenerationSettings(seed=np.float64(7)))  # type: ignore[arg-type]
