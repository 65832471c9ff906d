"""Any value for every option of every extractive method, then a summary.

get_summarizer(method, key=value) raises an OptionError, or the summariser gives a summary
that keeps the properties of test_provenance_properties (exact offsets, the budget as a
hard cap) or raises an InputError (its text's fault; a bad option was refused when
it was made): never a ZeroDivisionError, an IndexError from NumPy, a
hang on a negative count.

And every option of every method has a declared type that check_options decides (not
one left to the summariser's making, as compress's list was), refusing a value of another
type in one wording, before anything is made.
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
from summarizer.summarizers import (
    accepted_options,
    available_methods,
    check_options,
    get_summarizer,
    option_types,
)
from summarizer.values import fits, type_name

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
    if typing.get_origin(hint) in (list, tuple):  # (compress: rule names, or other words)
        words = st.sampled_from(["dateline", "connective", "parenthetical", "attribution", "x"])
        return st.lists(words, max_size=3).flatmap(lambda v: st.sampled_from([v, tuple(v)]))
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


# values no option takes: a dict, bytes, an array, a set, a list of another type inside
others = st.one_of(
    st.dictionaries(st.sampled_from(["dateline", "a"]), st.booleans() | st.integers(), max_size=2),
    st.sampled_from([b"dateline", {"dateline"}, frozenset(), object(), ["dateline", None],
                     [True], [1.5], ("dateline", 2), [["dateline"]]]),
    st.integers(0, 1).map(lambda n: __import__("numpy").array([n, n])))


@pytest.mark.parametrize("method", available_methods())
@QUICK
@given(data=st.data())
def test_check_options_decides_every_declared_type(method, data):
    """Every option's declared type is decided (fits is True or False, never None: a type
    left to the summariser, as compress's list was); a value of another type (True for a
    number, 1 for a bool) is refused by check_options, as every option's is, and by
    get_summarizer with the same line, before the summariser is made."""
    hints, accepted = option_types(method), accepted_options(method)
    assert accepted is not None and accepted <= set(hints), (method, accepted - set(hints))
    key = data.draw(st.sampled_from(sorted(accepted)), label="key")
    hint = hints[key]
    value = data.draw(typed(hint) | values | others, label="value")
    verdict = fits(value, hint)
    assert verdict is not None, (method, key, hint, value)
    event(f"fits: {verdict}")
    if verdict:
        return  # its type is right: the value itself is the summariser's to check
    said = f"method {method!r}: option {key!r} must be {type_name(hint)}, not "
    if key == "seed":  # its range worded as every seed's (check_option_values)
        said = "seed must be an integer from 0 to "
    with pytest.raises(OptionError) as refused:
        check_options(method, {key: value})
    assert str(refused.value).startswith(said), str(refused.value)
    with pytest.raises(OptionError) as made:
        get_summarizer(method, **{key: value})
    assert str(made.value) == str(refused.value)
