"""sentence_ends.ends_sentence_at splits only a few words around a period: its answer is
the one a split of the whole paragraph gives, there."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.sentence_ends import ends_sentence_at, splitter_abbreviations, titles
from summarizer.sentences.split import split_spans


def whole_text_ends(text: str, dot: int, language: str) -> bool:
    """Whether a split of all of ``text`` opens a sentence after the period at ``dot``, at
    the next word at the latest: a sentence ends there."""
    nxt = dot + 1
    while nxt < len(text) and not text[nxt].isspace():
        nxt += 1
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    return any(dot < s <= nxt for s, _e in split_spans(text, language)[1:])


def disagreements(text: str, language: str) -> list[tuple[int, bool]]:
    """The periods of ``text`` where the window's answer is not the whole text's."""
    return [(m.start(), answer) for m in re.finditer(r"\.", text)
            if (answer := ends_sentence_at(text, m.start(), language))
            != whole_text_ends(text, m.start(), language)]


@pytest.mark.parametrize("text, dot", [
    # the period's closing quote was counted as a word after it, and the window ended on
    # pieces without a letter, which the splitter merges into the sentence before: it read
    # no sentence opening where the whole text opens one at "He", "doctors"
    ('It was over." — ( He left.', 11),
    ('He "Yes." —\t) doctors Co.  ! i.e.', 7),
])
def test_the_window_reads_past_words_without_a_letter(text, dot):
    assert whole_text_ends(text, dot, "english")
    assert ends_sentence_at(text, dot, "english")


def test_the_window_is_bounded_however_long_the_words(monkeypatch):
    # a period's word, the spaces after it and the words around it are read no further
    # than a few hundred characters: a text without spaces after "ill." is not split whole
    from summarizer.sentences import split

    lengths = []
    splitter = split.block_sentence_spans
    monkeypatch.setattr(split, "block_sentence_spans",
                        lambda text, language: lengths.append(len(text)) or splitter(text, language))
    for text in ("He fell ill." + "x" * 100_000, "He fell ill." + " " * 100_000 + "The end.",
                 "a " * 50_000 + "He fell ill. " + "b " * 50_000, "y" * 100_000 + "ill. The"):
        ends_sentence_at(text, text.index("ill.") + 3, "english")
    assert len(lengths) == 4 and max(lengths) < 700


# words of news around periods: abbreviations of every kind, titles, initials, acronyms,
# ordinals, quotes, brackets, dashes and ellipses (no letter), numbers, sentence openers
_COMMON = ["the", "The", "he", "He", "said.", "it.", "Kestrel", "County", "doctors",
           "Climate", "change", "-", "--", "\u2014", "...", "\u2026", '"', "\u201cThe",
           "\u201d", "(", ")", "a.m.", "15", "7.", "IX.", "XX.", "Summit", "\u00abNon\u00bb",
           ",", "etc.", "U.S.", "U.N.", "J.", "W.", "\u201cChip\u201d", "?", "!",
           '"Yes."', 'it."', "ill.\u201d", "said:", "Louis", "Smith", "\u041e\u041e\u041d.",
           "\u0410\u0431\u0432", "\u05e9\u05dc\u05d5\u05dd.", "\u0928\u0939\u0940\u0902\u0964"]
_LANGUAGES = ("english", "czech", "french", "greek", "german", "russian", "arabic", "hebrew",
              "hindi")


def _vocabulary(language: str) -> list[str]:
    own = sorted(splitter_abbreviations(language))[:: max(1, len(splitter_abbreviations(
        language)) // 60)] + sorted(titles(language))
    return _COMMON + [w + "." for w in own] + [w.capitalize() + "." for w in own[:30]]


def _drawn_text(data, language: str, gaps: list[str]) -> str:
    """2-16 words of the language's vocabulary, each followed by one of ``gaps``."""
    words = data.draw(st.lists(st.sampled_from(_vocabulary(language)), min_size=2,
                               max_size=16))
    after = data.draw(st.lists(st.sampled_from(gaps), min_size=len(words),
                               max_size=len(words)))
    return "".join(w + g for w, g in zip(words, after, strict=True)).rstrip()


@pytest.mark.parametrize("language", _LANGUAGES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_window_answers_as_a_split_of_the_whole_paragraph(language, data):
    text = _drawn_text(data, language, [" ", " ", "  ", "\t", "\u00a0 "])
    assert disagreements(text, language) == []


@pytest.mark.parametrize("language", _LANGUAGES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_window_answers_as_a_split_of_each_paragraph_of_lines(language, data):
    # text with lone line breaks: the splitter reads each block of lines as one wrapped
    # paragraph or as a paragraph a line (paragraph_spans), and the window, given one
    # paragraph as it cuts them, answers as its split of that paragraph; a wrapped one's
    # line breaks were read afresh by the window's few lines ("war.\njha/ga": none
    # wrapped, a sentence ended)
    from summarizer.sentences.split import paragraph_spans

    text = _drawn_text(data, language, [" ", "\n", "\n", " \n", "\t"])
    for ps, pe in paragraph_spans(text, language):
        assert disagreements(text[ps:pe], language) == []


def test_a_wrapped_paragraph_s_line_break_is_read_as_a_space():
    # one wrapped paragraph (two of its lines after the first begin in lower case), which
    # the splitter reads on at the title "Gen."; the window's two lines, judged alone,
    # did not look wrapped ("Title\nDate"), and it ended a sentence there
    from summarizer.sentences.split import paragraph_spans

    text = "the army said Gen.\nPetraeus would go to\nthe city and the\nbase"
    dot = text.index("Gen.") + 3
    assert paragraph_spans(text, "english") == [(0, len(text))]
    assert not whole_text_ends(text, dot, "english")
    assert not ends_sentence_at(text, dot, "english")


@pytest.mark.parametrize("language", ["english", "czech", "french", "greek", "arabic",
                                      "hebrew", "hindi"])
def test_the_window_answers_as_a_split_of_tac_articles(tac_dir, language):
    # every period of a topic's ten articles (the cleaned text the splitter reads, blank
    # lines between paragraphs)
    from summarizer.documents.tac import load_tac2011

    (cluster,) = load_tac2011(tac_dir, language, topics=["M001"], references=False)
    assert [(d.id, disagreements(d.text, language)) for d in cluster.documents] == [
        (d.id, []) for d in cluster.documents]


def test_the_window_answers_as_a_split_of_the_seed_article(seed_text):
    # as the splitter reads it: cleaned, paragraphs between blank lines (a raw text's lone
    # line breaks are read by the lines of their whole block, not a window's)
    from summarizer.documents.make import make_document

    text = make_document(seed_text, language="english").text
    assert text.count(".") > 10
    assert disagreements(text, "english") == []
