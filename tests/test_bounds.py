"""Numbers that memory or work grows with are refused up front when absurd (one line, typed)."""

from __future__ import annotations

import pytest

from summarizer.errors import SummarizerError


@pytest.mark.parametrize(
    "build",
    [
        lambda: __import__("summarizer.metrics", fromlist=["x"]).make_settings(resamples=10**8),
        lambda: __import__("summarizer.metrics", fromlist=["x"]).make_settings(options="-n 999999"),
        lambda: __import__("summarizer.metrics", fromlist=["x"]).make_settings(
            metrics=["ROUGE-99999999"]),
        lambda: __import__("summarizer.summarizers", fromlist=["x"]).make_budget(words=10**12),
        lambda: __import__("summarizer.summarizers", fromlist=["x"]).make_budget(bytes=10**12),
        lambda: __import__("summarizer.summarizers", fromlist=["x"]).make_budget(sentences=10**9),
        lambda: __import__("summarizer.summarizers.abstractive.options", fromlist=["x"])
        .AbstractiveOptions.from_keywords(num_beams=10**6),
        lambda: __import__("summarizer.summarizers.abstractive.options", fromlist=["x"])
        .AbstractiveOptions.from_keywords(batch_size=10**9),
        lambda: __import__("summarizer.summarizers.abstractive.options", fromlist=["x"])
        .AbstractiveOptions.from_keywords(max_rounds=10**9),
        lambda: __import__("summarizer.summarizers.abstractive.options", fromlist=["x"])
        .AbstractiveOptions.from_keywords(length_penalty=1e308),
        lambda: __import__("summarizer.values", fromlist=["x"]).check_seed(2**70),
        lambda: __import__("summarizer.summarizers", fromlist=["x"]).get_summarizer(
            "ilp", time_limit=1e308),
    ],
    ids=["resamples", "rouge-n-flag", "rouge-n-name", "words", "bytes", "sentences",
         "num-beams", "batch-size", "max-rounds", "length-penalty", "seed", "ilp-time-limit"],
)
def test_absurd_numbers_are_typed_errors(build):
    with pytest.raises(SummarizerError, match="absurdly large|at most|must be|out of range"):
        build()


def test_the_bounds_leave_real_settings_alone():
    from summarizer.metrics import make_settings
    from summarizer.summarizers.abstractive.options import AbstractiveOptions

    assert make_settings(resamples=10_000, options="-n 4").resamples == 10_000
    assert AbstractiveOptions.from_keywords(num_beams=8, batch_size=64).generation.num_beams == 8
    for penalty in (-2.0, 0.0, 2.0):
        assert AbstractiveOptions.from_keywords(length_penalty=penalty).generation.length_penalty \
            == penalty
