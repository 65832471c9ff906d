"""Words that re's case-insensitive matching takes for English ones ("thİrd", "ſix",
"Saturdaı") and layout characters inside a word or number are read, not a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.faithfulness import check
from summarizer.faithfulness.dates import find_dates, relative_dates
from summarizer.faithfulness.numbers import find_numbers

# re.IGNORECASE matches "i" with "İ" and "ı" and "s" with "ſ"; str.lower() gives
# "i̇" for "İ", which no table of words holds
_TWINS = {"i": "İı", "I": "İı", "s": "ſ", "S": "ſ"}


def _variants(text: str) -> list[str]:
    return [text[:k] + twin + text[k + 1:] for k, ch in enumerate(text) for twin in _TWINS.get(ch, "")]


@pytest.mark.parametrize("text", [
    "for the third time", "the sixth day", "twenty-first century", "the thirtieth",
    "five minutes later", "six hours ago", "ten days", "on Saturday", "in April 2009",
    "1 avril 2009", "last year in March", "next Monday",
])
def test_every_case_twin_of_a_word_is_read(text):
    for variant in _variants(text):
        find_numbers(variant, spelled_ordinals=True)
        find_dates(variant)
        relative_dates(variant, dt.date(2009, 4, 1))


def test_a_turkish_dotted_capital_reads_as_its_letter():
    ordinal, = find_numbers("the thİrd time", spelled_ordinals=True)
    assert (ordinal.value, ordinal.ordinal) == (3.0, True)
    date, = find_dates("on 3 avrİl 2009")
    assert (date.year, date.month, date.day) == (2009, 4, 3)


def test_check_reads_a_source_with_case_twins():
    report = check("The bank raised rates for the third time.",
                   ["The bank raised rates for the thİrd time this year."], embeddings=False)
    assert len(report.sentences) == 1


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["the first", "third", "sixth", "minutes", "hours", "Saturday",
                        "August", "this year", "septembre", "mayıs"]),
       st.lists(st.sampled_from("iIsSİıſ"), min_size=1, max_size=3))
def test_words_with_twins_never_crash(word, letters):
    text = word
    for ch in letters:
        text = text.replace(ch.lower(), _TWINS.get(ch, ch)[0] if ch in _TWINS else ch, 1)
    find_numbers(f"It was {text} 2009.", spelled_ordinals=True)
    find_dates(f"It was {text} 2009.")


@pytest.mark.parametrize("mark", ["\u00ad", "\u2060", "\u200b", "\ufeff", "\u200e"])
def test_a_layout_mark_in_a_source_word_or_number_backs_it(mark):
    source = f"Chancellor Angela Mer{mark}kel met officials in Lyon on Monday to discuss 12{mark}000 jobs."
    plain = check("Angela Merkel met officials in Lyon to discuss 12,000 jobs.",
                  [source.replace(mark, "")], embeddings=False)
    marked = check("Angela Merkel met officials in Lyon to discuss 12,000 jobs.",
                   [source], embeddings=False)
    assert plain.sentences[0].unsupported == []
    assert marked.sentences[0].unsupported == []


def test_a_layout_mark_in_the_output_is_read_as_the_word():
    report = check("Angela Mer\u00adkel met officials in Lyon.",
                   ["Chancellor Angela Merkel met officials in Lyon on Monday."], embeddings=False)
    assert report.sentences[0].unsupported == []
