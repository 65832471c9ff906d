"""AbstractiveOptions: flat keywords into three validated parts, checked before any loading."""

from __future__ import annotations

import pytest

from summarizer.errors import BudgetError, InputError, OptionError, UnknownMethodError
from summarizer.summarizers import accepted_options, get_summarizer
from summarizer.summarizers.abstractive import (
    AbstractiveOptions,
    AbstractiveSummarizer,
    GenerationSettings,
    StrategyOptions,
)


def test_keywords_go_to_their_part():
    o = AbstractiveOptions.from_keywords(model="m", num_beams=3, overlap=2, extractor="lead",
                                         guard="off", strategy=None)
    assert (o.model, o.strategy, o.guard) == ("m", "map-reduce", "off")
    assert o.generation == GenerationSettings(num_beams=3)
    assert o.chunking == StrategyOptions(overlap=2, extractor="lead")
    assert AbstractiveSummarizer(o).settings() == AbstractiveSummarizer(
        model="m", num_beams=3, overlap=2, extractor="lead", guard="off").settings()


def test_every_keyword_is_accepted_and_listed():
    names = AbstractiveOptions.keywords()
    assert {"model", "strategy", "device", "dtype", "num_beams", "max_new_tokens", "seed",
            "batch_size", "overlap", "cross_documents", "max_rounds", "extractor", "prompt",
            "progress", "guard", "guard_embeddings"} <= names
    assert accepted_options("abstractive") == names


@pytest.mark.parametrize("bad, error", [
    (dict(strategy="nope"), UnknownMethodError), (dict(num_beams=0), InputError),
    (dict(max_rounds=0), InputError), (dict(overlap=-1), InputError),
    (dict(max_new_tokens=0), BudgetError), (dict(prompt="no slot"), InputError),
    (dict(guard="maybe"), UnknownMethodError), (dict(beams=4), OptionError),
])
def test_bad_options_fail_at_construction(bad, error):
    with pytest.raises(error):
        AbstractiveSummarizer(model="no/such-model", **bad)
    with pytest.raises((error, OptionError)):  # get_summarizer names value errors as options
        get_summarizer("abstractive", model="no/such-model", **bad)


def test_options_object_or_keywords_not_both():
    with pytest.raises(InputError):
        AbstractiveSummarizer(AbstractiveOptions(), num_beams=2)
