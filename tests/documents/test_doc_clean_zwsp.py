"""Zero-width spaces: a word boundary where a line's words are parted by them, dropped
where they sit inside words of text spaced with spaces (documents/clean.py, _ZWSP_RUN)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summarizer
from summarizer.documents import make_document
from summarizer.documents.clean import clean_text, normalize_unicode
from summarizer.languages import count_words
from summarizer.sentences import split_document
from summarizer.textio import read_text

ZWSP = "\u200b"
# Letters of scripts written with spaces: Latin, Greek, Cyrillic, Devanagari (with its
# vowel signs, which end a word as its letters do), Arabic, Hangul.
LETTERS = "abcxyzéßΑβγπДжяकगएिाोبتث한국"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=8).filter(lambda w: w[0] not in "िाो")
WORDS = st.lists(WORD, min_size=2, max_size=12)


@settings(max_examples=200, deadline=None)
@given(words=WORDS, runs=st.lists(st.integers(1, 3), min_size=11, max_size=11))
def test_zwsp_only_separators_become_spaces(words, runs):
    text = words[0] + "".join(ZWSP * n + w for w, n in zip(words[1:], runs, strict=False))
    assert normalize_unicode(text) == " ".join(words)
    assert count_words(clean_text(text, header=False, headings=False).text) == len(words)


@settings(max_examples=200, deadline=None)
@given(words=WORDS, data=st.data())
def test_zwsp_inside_words_of_spaced_text_is_dropped(words, data):
    # at most as many ZWSPs, anywhere, as the spaces that part the words: hints, not parts
    text = " ".join(words)
    for _ in range(data.draw(st.integers(0, len(words) - 1))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + ZWSP + text[at:]
    assert normalize_unicode(text) == normalize_unicode(text.replace(ZWSP, ""))


@pytest.mark.parametrize("words", [
    ["สวัสดี", "ครับ", "วันนี้", "อากาศ", "ดี"],  # Thai
    ["ສະບາຍ", "ດີ", "ປະເທດ", "ລາວ"],  # Lao
    ["ខ្ញុំ", "ស្រឡាញ់", "ប្រទេស", "កម្ពុជា"],  # Khmer
    ["မြန်မာ", "နိုင်ငံ", "သည်"],  # Myanmar
    ["東京", "は", "日本", "の", "首都"],  # Japanese
])
def test_zwsp_in_scripts_without_spaces_stays_dropped(words):
    # a space there would end a Thai or Lao sentence at every word
    text = ZWSP.join(words)
    assert normalize_unicode(text) == "".join(words)


@pytest.mark.parametrize(("raw", "clean"), [
    ("The\u200bminister\u200bsaid,\u200bthe\u200btalks\u200b(in\u200bGeneva)\u200bfailed.",
     "The minister said, the talks (in Geneva) failed."),
    # a hint after a hyphen, before a comma, after an opening bracket: no space there
    ("a\u200bwell-\u200bknown\u200bfact\u200b,\u200b(\u200bthey\u200bsaid",
     "a well-known fact, (they said"),
    # a combining mark after a ZWSP joins its letter, as it did
    ("cafe\u200b\u0301\u200bnoir\u200bhere", "café noir here"),
    # the decision is the line's: a title spaced with spaces, a body with ZWSPs
    ("A\u200btitle with spaces\nBody\u200bwith\u200bzero\u200bwidth\u200bspaces",
     "Atitle with spaces\nBody with zero width spaces"),
])
def test_zwsp_separators_and_hints(raw, clean):
    assert normalize_unicode(raw) == clean


def test_summary_of_zwsp_text_has_words_and_exact_provenance():
    sentences = ["The river rose overnight and flooded the old town.",
                 "Rescue teams moved families to the school on the hill.",
                 "The mayor said the water would fall by Friday.",
                 "Farmers lost much of the harvest in the valley."]
    raw = ZWSP.join(" ".join(sentences).split(" "))
    doc = make_document(raw, language="english")
    assert doc.text == " ".join(sentences)
    assert [s.text for s in split_document(doc)] == sentences
    summary = summarizer.summarize(doc, words=25)
    assert summary.sentences
    for s in summary.sentences:  # offsets into the document's (cleaned) text, as always
        assert doc.text[s.start:s.end] == s.text and s.text in sentences


def test_tac_sources_with_zwsps_clean_as_before(tac_dir):
    # TAC 2011 has ZWSPs in 40-odd Hindi, French, Greek and Arabic articles, all in text
    # spaced with spaces: dropped, as they were (the default's summaries do not change)
    texts = [t for p in sorted((tac_dir / "SourceTexts").rglob("*")) if p.is_file()
             and ZWSP in (t := read_text(p).text)]
    assert len(texts) > 30
    for text in texts:
        assert clean_text(text) == clean_text(text.replace(ZWSP, ""))


@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet="ab é1,.(\u200b\u00a0\u3000\t\x1c\u0301ก", max_size=40))
def test_zwsp_decision_is_the_rule_counted_in_full(line):
    # the counts stop once they decide; the rule they decide: ZWSP gaps (the parting
    # pattern's) above the runs of whitespace between words, str.split's parts less one
    from summarizer.documents.clean import _zwsp_patterns, _zwsp_spaced

    parting, separating = _zwsp_patterns()
    spaced = len(parting.findall(line)) > len(line.split()) - 1
    assert _zwsp_spaced(line) == (separating.sub(" ", line) if spaced else line)


def test_one_hint_in_a_long_line_does_not_list_its_words():
    # the ZWSP rule split the line into its words (a list of 8 million, 510 MB more at
    # 44 MB of one line) to compare them with one ZWSP; now no more than the text's copy
    import tracemalloc

    line = "Inter\u200bnational " + "The river rose overnight and flooded the town " * 40_000
    normalize_unicode("warm\u200bup a")  # patterns compiled outside the count
    tracemalloc.start()
    try:
        cleaned = normalize_unicode(line)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert cleaned.startswith("International The river")
    assert peak < 3 * len(line), peak / len(line)  # 11 bytes a character before
