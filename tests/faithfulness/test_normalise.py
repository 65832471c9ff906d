"""Numbers and dates written differently compare equal; different ones do not."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from summarizer.faithfulness.dates import date_supports, find_dates
from summarizer.faithfulness.numbers import find_numbers, supports

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
ABBREV = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]


def one(text):
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("a, b", [
    ("3.2 billion", "3,200,000,000"),
    ("$3.2bn", "3.2 billion dollars"),
    ("8.5million", "8,500,000"),
    ("twenty-five", "25"),
    ("40%", "40 percent"),
    ("about 150,000", "150,422"),  # a round figure is backed by the exact one
])
def test_equal_values(a, b):
    assert supports(one(b), one(a))


@pytest.mark.parametrize("out, src", [
    ("150,422", "150,000"),  # an exact figure is not backed by a round one
    ("3 trillion", "3 billion"),
    ("41", "40"),
    ("2012", "2011"),
    ("$5 million", "5 million euros"),
    ("40%", "40"),
])
def test_different_values(out, src):
    assert not supports(one(src), one(out))


def test_numbers_inside_words_and_pronoun_one_are_skipped():
    assert find_numbers("The A4 road, mp3 files and one of them.") == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("million", 10**6), ("billion", 10**9), ("trillion", 10**12)]))
def test_scaled_decimal_equals_its_digits(units, tenth, scale):
    word, factor = scale
    written = f"{units}.{tenth} {word}"
    digits = f"{(units * 10 + tenth) * factor // 10:,}"
    assert supports(one(digits), one(written))
    assert supports(one(written), one(digits))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_changed_exact_number_is_not_supported(n, delta):
    # an exact figure with a non-zero last digit, changed by delta
    n = n * 10 + 7
    # a round result ("10,000") is an approximation that 9,627 rightly backs
    assume((n + delta) % 10 != 0)
    assert not supports(one(f"{n:,}"), one(f"{n + delta:,}"))
    assert supports(one(f"{n:,}"), one(str(n)))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=28),
       st.integers(min_value=1990, max_value=2030), st.booleans())
def test_date_spellings_agree(month, day, year, day_first):
    full = f"{MONTH_NAMES[month]} {day}, {year}"
    short = f"{day} {ABBREV[month]}" if day_first else f"{ABBREV[month]} {day}"
    (a,), (b,) = find_dates(full), find_dates(short)
    assert (a.month, a.day, a.year) == (month + 1, day, year)
    assert date_supports(a, b)  # the short form states less
    (shifted,) = find_dates(f"{MONTH_NAMES[month]} {day % 28 + 1}, {year}")
    assert not date_supports(a, shifted) and not date_supports(shifted, b)


def test_sept_24_is_september_24():
    (a,), (b,) = find_dates("on Sept. 24"), find_dates("on September 24")
    assert date_supports(a, b) and date_supports(b, a)


def test_bare_may_is_not_a_date():
    assert find_dates("May we go? It may rain.") == []
    assert [d.month for d in find_dates("in May 2010")] == [5]
