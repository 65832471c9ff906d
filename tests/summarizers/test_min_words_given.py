"""A ``min_words`` the user gave is kept to: where no sentence reaches it the summary is
empty and says why (exit 3 on the command line), where it was overridden by taking every
sentence, as for a short input under the default. The default (None: 5) still gives a short
input a summary, and the summary's settings say that its shorter sentences were taken."""

from __future__ import annotations

import pytest
from helpers import error_line, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

import summarizer
from summarizer.documents import to_cluster
from summarizer.languages import unicode_tokens
from summarizer.sentences import iter_sentences
from summarizer.summarizers import get_summarizer
from summarizer.summarizers.candidates import sentence_words

EXTRACTIVE = ["coverage", "lead", "ilp", "lexrank", "textrank", "mmr", "centroid",
              "submodular", "occams", "dpp"]
SHORT = "Floods rose. Council met. Budget approved."


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_a_min_words_no_sentence_reaches_gives_an_empty_summary_naming_it(method):
    got = summarizer.summarize(SHORT, method, words=50, min_words=4)
    assert got.text == "" and got.sentences == []
    assert got.settings["note"] == (
        "no sentence has 4 words or more (min_words=4): the longest has 2 words; lower "
        "min_words, or leave it out to take short sentences where no longer one is")
    assert got.settings["min_words"] == 4


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_the_default_still_takes_a_short_inputs_sentences_and_says_so(method):
    got = summarizer.summarize(SHORT, method, words=50)
    assert got.text == SHORT and got.settings["min_words"] == 5
    assert "5 words or more, the default min_words" in got.settings["candidates_relaxed"]
    assert get_summarizer(method).settings()["min_words"] == 5  # the run's settings as before
    longer = summarizer.summarize(SHORT + " The river burst its banks on Sunday.", method,
                                  words=50)
    assert "candidates_relaxed" not in longer.settings  # recorded only where it happened


def test_a_given_min_words_holds_where_other_rules_give_way():
    # "1 2 3 4 5 6." has no letter: no sentence is summary material, so the ones with a word
    # are taken; of those, the one shorter than the min_words given stays out
    got = summarizer.summarize("1 2 3 4 5 6. Floods rose.", "lead", words=50, min_words=3)
    assert got.text == "1 2 3 4 5 6."
    assert "3 words or more (min_words)" in got.settings["candidates_relaxed"]
    assert summarizer.summarize("1 2 3 4 5 6. Floods rose.", "lead",
                                words=50).text == "1 2 3 4 5 6. Floods rose."


def test_the_command_line_says_it_in_one_line_and_exits_3(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(SHORT + "\n", encoding="utf-8")
    code, out, err = run_cli(["summarize", str(path), "--option", "min_words=4"])
    assert (code, out) == (3, "")
    assert error_line(err) == (
        "summarizer: error: the summary is empty: no sentence has 4 words or more "
        "(min_words=4): the longest has 2 words; lower min_words, or leave it out to take "
        "short sentences where no longer one is")
    assert run_cli(["summarize", str(path)])[:2] == (0, SHORT + "\n")


_WORD = st.sampled_from(["floods", "rose", "the", "council", "met", "river", "budget", "7"])
_SENTENCE = st.lists(_WORD, min_size=1, max_size=7).map(lambda w: " ".join(w).capitalize() + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=6), st.integers(0, 8),
       st.sampled_from(["lead", "coverage", "textrank"]))
def test_every_sentence_of_a_summary_has_the_min_words_given(sentences, min_words, method):
    text = " ".join(sentences)
    got = summarizer.summarize(text, method, words=200, min_words=min_words)
    for s in got.sentences:
        assert sentence_words(s.text, unicode_tokens(s.text)) >= min_words, (s.text, min_words)
    reaching = [s for s in iter_sentences(to_cluster(text)) if unicode_tokens(s.text)
                and sentence_words(s.text, unicode_tokens(s.text)) >= min_words]
    assert bool(got.sentences) == bool(reaching), (text, min_words)  # empty only then
