"""Budget.cut on any text: an exact prefix that fits, cut between grapheme clusters (never
between a letter and its marks, inside an emoji sequence or a CRLF), as budget.py says."""

from __future__ import annotations

import regex
from fuzz_text import PIECES, QUICK, free_text, news_text
from hypothesis import event, given
from hypothesis import strategies as st

from summarizer.sentences.split import split_spans
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


short_text = st.lists(st.sampled_from(PIECES) | free_text, min_size=1, max_size=3).map(" ".join)


@QUICK
@given(text=news_text, reference=short_text, limit=st.integers(1, 40),
       tokenizer=st.sampled_from(["default", "unicode"]))
def test_a_words_cut_is_not_cut_again_by_rouge_length_words(text, reference, limit, tokenizer):
    """README: ROUGE's -l counts and cuts with the budget's own function, so a summary of
    --words N is never cut again when scored with -l N (a reference within N words is not
    cut either: the scores are those without -l)."""
    from summarizer.documents import clean_text
    from summarizer.languages import count_words
    from summarizer.metrics.api import RougeScorer
    from summarizer.metrics.io import wordless

    text = clean_text(text).text  # as summarize() and the commands read it: an NBSP left in
    # a Cluster made by hand is one word to the budget and none to the Perl's -l
    spans = split_spans(text)  # a summary's sentence, as a summariser cuts it
    cut = Budget(words=limit, truncate=True).cut(text[slice(*spans[0])], []) if spans else ""
    reference = " ".join(reference.split())  # one line: the claim is about the summary
    if count_words(reference) > limit or wordless(reference) or not cut:
        return
    event("compared")
    whole = RougeScorer(tokenizer=tokenizer).score(cut, [reference])
    assert RougeScorer(tokenizer=tokenizer, length_words=limit).score(cut, [reference]) == whole
