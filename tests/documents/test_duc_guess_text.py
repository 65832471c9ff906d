"""The language of an SGML article read without a language is guessed from the start of
its text cleaned (duc._guess_text), not from a cleaned copy of all of it: cleaned whole, a
50 MB article took two more copies of its text (an SGML file read alone peaked at 12.0x
its text, a plain file at 8.0x). The start is the whole text's cleaned start, so the
guess, which reads only its first GUESS_SAMPLE characters, is the same."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer.documents import duc
from summarizer.languages import GUESS_SAMPLE, guess_language

PIECES = ["a", "Ab", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\xa0", "<", ">", "<P>", "</P>",
          "&amp;", "&MD;", "&#233;", "&x", ";", "_", " _ ", "``", "''", "`", "é", "ž", "word"]


def _whole(body: str) -> str:
    return duc._clean_line(re.sub(r"<[^>]+>", " ", body))


@settings(max_examples=1000, deadline=None)
@example(["ab", "<", "a", "\n", "word", ">", "Ab"], 3, 2)  # a tag open at the cut
@given(st.lists(st.sampled_from(PIECES), max_size=80), st.integers(1, 30), st.integers(1, 20))
def test_the_cleaned_start_is_the_whole_texts_cleaned_start(pieces, chars, sample):
    body = "".join(pieces)
    saved = duc._GUESS_CHARS, duc.GUESS_SAMPLE
    duc._GUESS_CHARS, duc.GUESS_SAMPLE = chars, sample  # small, so that the cut is met
    try:
        start = duc._guess_text(body)
    finally:
        duc._GUESS_CHARS, duc.GUESS_SAMPLE = saved
    whole = _whole(body)
    assert whole.startswith(start)
    assert len(start) >= min(sample, len(whole))  # as much as the guess reads


def test_a_long_article_is_guessed_from_its_start_alike():
    czech = "Vláda ve středu schválila nový zákon o státním rozpočtu na příští rok.\n"
    body = "<P>\n" + czech * 20_000 + "</P>\n"
    start = duc._guess_text(body)
    assert len(start) < len(body) // 10 and _whole(body).startswith(start)
    assert guess_language(start) == guess_language(_whole(body)) == "czech"
    assert len(start) >= GUESS_SAMPLE
    # a tag open at the cut: the whole text is cleaned (its start may be a tag's inside)
    opened = czech * 10 + "<NOTE\n" + czech * 2_000 + ">" + czech
    assert duc._guess_text(opened) == _whole(opened)
