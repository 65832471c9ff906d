"""Budget.cut on any text: an exact prefix that fits, cut between grapheme clusters (never
between a letter and its marks, inside an emoji sequence or a CRLF), as budget.py says."""

from __future__ import annotations

import regex
from fuzz_text import QUICK, news_text
from hypothesis import given
from hypothesis import strategies as st

from summarizer.summarizers.budget import Budget


@QUICK
@given(text=news_text, used=st.lists(news_text, max_size=2),
       unit=st.sampled_from(["words", "chars", "bytes"]), limit=st.integers(1, 80))
def test_cut_is_a_fitting_prefix_at_a_grapheme_boundary(text, used, unit, limit):
    budget = Budget(**{unit: limit}, truncate=True)
    cut = budget.cut(text, used)
    assert text.startswith(cut)
    assert not cut or budget.fits([*used, cut])
    bounds = {m.end() for m in regex.finditer(r"\X", text)} | {0}
    assert len(cut) in bounds, (text[max(0, len(cut) - 3):len(cut) + 3], unit)
