"""summarizer.summarize() as users call it: texts (cleaned, their language guessed or given),
any budget keyword, any method. A summary within its budget, the same twice, or an InputError
(the texts', never an option's); a summary's sentences are each a piece of one of the texts as clean_text gives it
(which moves titles and datelines out, repairs C1 controls as cp1252 ...).
"""

from __future__ import annotations

import os
import tempfile

import pytest
from fuzz_text import QUICK, data_error, news_text
from hypothesis import event, given
from hypothesis import strategies as st
from test_provenance_properties import EXTRACTIVE

import summarizer
from summarizer.documents import clean_text
from summarizer.errors import SummarizerError
from summarizer.summarizers.budget import Budget

budget_keywords = st.one_of(
    st.builds(dict, words=st.integers(1, 60)), st.builds(dict, chars=st.integers(1, 300)),
    st.builds(dict, bytes=st.integers(1, 600)), st.builds(dict, sentences=st.integers(1, 5)),
    st.just({}))


@pytest.fixture(scope="module", autouse=True)
def in_an_empty_folder():
    """A generated one-word text must not name a file of the repository (it would be read)."""
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        yield
        os.chdir(cwd)


@QUICK
@given(texts=st.lists(news_text, min_size=1, max_size=3), method=st.sampled_from(EXTRACTIVE),
       budget=budget_keywords, truncate=st.booleans(),
       language=st.sampled_from([None, "en", "zh", "ar", "th", "ja"]))
def test_summarize_texts(texts, method, budget, truncate, language):
    truncate = truncate and "sentences" not in budget
    try:
        summary = summarizer.summarize(texts, method, truncate=truncate, language=language,
                                       **budget)
    except SummarizerError as exc:  # every option valid: only the texts can be at fault
        event(data_error(exc))
        return
    event("summary")
    limit = Budget(**(budget or {"words": 100}), truncate=truncate)
    assert summary.budget == limit
    assert limit.size([s.text for s in summary.sentences]) <= limit.limit
    cleaned = [clean_text(t).text for t in texts]
    for s in summary.sentences:
        assert any(s.text in t for t in cleaned), (s.text, cleaned)
    again = summarizer.summarize(texts, method, truncate=truncate, language=language, **budget)
    assert again.text == summary.text
