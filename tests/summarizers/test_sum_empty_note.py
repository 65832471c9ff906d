"""An empty extractive summary's note names its real cause: it always blamed the budget,
naming the shortest sentence of the pool, even where a sentence of the input fits (left out
by min_words, by the method's own limit, by max_sentences' pruning)."""

from __future__ import annotations

import pytest

import summarizer

LONG1 = ("The storm hit the coast of the island on Monday night with very strong winds and "
         "heavy rain across the region.")
LONG2 = ("Officials said the damage from the storm to homes and roads in the northern towns "
         "was worse than expected this year.")
MID1 = "Rescue teams from the capital arrived early on Tuesday morning."
MID2 = "Power lines fell down in several northern villages overnight."


def _note(docs, method, words, **options):
    summary = summarizer.summarize(docs, method, words=words, **options)
    assert summary.text == ""
    return summary.settings["note"]


@pytest.mark.parametrize("method", ["coverage", "lead", "textrank"])
def test_a_shorter_sentence_left_out_by_min_words_is_named(method):
    note = _note([LONG1 + " Rescue teams arrived.", LONG2], method, 5)
    assert note == ("no whole sentence fits the budget (words=5; the shortest sentence of 5 "
                    "words or more (min_words) has 21 words, where a shorter one fits: 'Rescue "
                    "teams arrived.'); lower min_words, or use truncation or a larger budget")
    assert summarizer.summarize([LONG1 + " Rescue teams arrived.", LONG2], method, words=5,
                                min_words=3).text == "Rescue teams arrived."


def test_coverage_max_rank_is_named_where_later_sentences_fit():
    note = _note([LONG1 + " " + MID1, LONG2 + " " + MID2], "coverage", 15, max_rank=1)
    assert note == ("no sentence that coverage may choose fits the budget (words=15): "
                    "max_rank=1 lets it choose only each document's first sentence, where 2 "
                    "sentences of the input fit it")


def test_lead_newest_is_named_where_an_older_document_fits():
    note = _note([MID1 + " " + MID2, LONG1 + " " + LONG2], "lead", 15, mode="newest")
    assert note == ("no sentence that lead may choose fits the budget (words=15): "
                    "mode='newest' takes only the newest document's sentences, where 2 "
                    "sentences of the input fit it")


def test_max_sentences_is_named_where_a_pruned_sentence_fits():
    other = LONG1.replace("Monday", "Sunday")
    note = _note([LONG1 + " " + MID1, LONG2 + " " + other], "lexrank", 15, max_sentences=2)
    assert note == ("no whole sentence fits the budget (words=15; the shortest of the 2 kept "
                    "by max_sentences=2 has 21 words); sentences it left out fit: raise "
                    "max_sentences or the budget")


def test_the_budget_is_named_where_no_sentence_fits():
    note = _note([LONG1, LONG2], "coverage", 20)
    assert note == ("no whole sentence fits the budget (words=20; the shortest sentence has 21 "
                    "words); use truncation or a larger budget")
