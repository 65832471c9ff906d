"""Any value for every option of every extractive method, then a summary.

get_summarizer(method, key=value) raises an OptionError, or the summariser gives a summary
that keeps the properties of test_provenance_properties (exact offsets, the budget as a
hard cap) or raises an InputError (its text's fault; a bad option was refused when
it was made): never a ZeroDivisionError, an IndexError from NumPy, a
hang on a negative count.
"""

from __future__ import annotations

import typing

import pytest
from fuzz_text import QUICK, data_error, news_text
from hypothesis import event, given
from hypothesis import strategies as st
from test_provenance_properties import EXTRACTIVE, budgets, check_summary

from summarizer.documents.model import Cluster, Document
from summarizer.errors import OptionError, SummarizerError
from summarizer.summarizers import accepted_options, get_summarizer, option_types

values = st.one_of(
    st.integers(-3, 3), st.integers(-10**6, 10**6), st.sampled_from([0.0, 1.0, -0.5, 1e-9, 2.5]),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.sampled_from(["", "tfidf", "embedding", "coherent", "document", "score", "df", "tf",
                     "binary", "highs", "drop", "keep", "dateline", "1"]),
    st.lists(st.integers(-2, 5) | st.text(max_size=3), max_size=2))


def typed(hint) -> st.SearchStrategy:
    """Values of the option's declared type, edges included (0, negatives, 1, large)."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is typing.Literal:
        return st.sampled_from(args)
    if args:  # a union: any of its members
        return st.one_of([typed(a) for a in args])
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(-2, 60) | st.integers(-2**62, 2**62)
    if hint is float:
        return st.floats(-2, 3) | st.sampled_from([0.0, 1.0, 1e-12, 1e12])
    return st.nothing() if hint is not type(None) else st.none()


NEWS = ["The council met on Monday. It approved the budget for the flood barrier. "
        "Work starts in spring, officials said.",
        "However, residents welcomed the plan. The barrier will cost $5 million (about 4 "
        "million euros). The council met again on Tuesday."]


@pytest.mark.parametrize("method", EXTRACTIVE)
@QUICK
@given(data=st.data(), budget=budgets, extra=st.lists(news_text, max_size=1))
def test_any_option_value(method, data, budget, extra):
    keys = sorted(set(accepted_options(method)) - {"encoder"})  # encoders load models
    hints = option_types(method)
    options = data.draw(st.dictionaries(st.sampled_from(keys), st.none(), min_size=1, max_size=3))
    options = {k: data.draw(typed(hints.get(k)) | values, label=k) for k in options}
    cluster = Cluster([Document(t) for t in NEWS + extra], id="c")
    try:  # a value refused when the summariser is made: the caller's, an OptionError
        made = get_summarizer(method, **options)
    except OptionError as exc:
        event(type(exc).__name__)
        return
    try:
        summary = made.summarize(cluster, budget)
    except SummarizerError as exc:  # options are refused when it is made, never here
        event(data_error(exc))
        return
    event("summary")
    check_summary(summary, cluster, budget)
