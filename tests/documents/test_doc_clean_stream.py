"""clean_text folds its input a piece at a time: the same result as folding it whole,
without holding the text twice more (tests/documents/test_doc_clean.py has what cleaning does)."""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

import pytest
from helpers import traced_memory
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import clean
from summarizer.documents.clean import (
    clean_text,
    normalize_line,
    normalize_unicode,
    normalized_lines,
)
from summarizer.textio import read_text


@contextmanager
def pieces_of(n: int):
    with mock.patch.object(clean, "_PIECE", n):
        yield


def whole_lines(text: str) -> list[str]:
    """What clean_text split the text into before it folded pieces: the whole text folded."""
    return [normalize_line(line) for line in normalize_unicode(text).split("\n")]


def clean_whole(text: str) -> clean.Cleaned:
    with pieces_of(len(text) + 1):  # one piece: the whole text
        return clean_text(text)


# Characters where folding a piece could differ from folding the whole: every line break
# (CRLF cut in two, NEL kept or mapped), combining marks after a cut, characters
# dropped or folded into others (BOM, soft hyphen, ligatures, full-width letters and
# backquote), cp1252 punctuation read as Latin-1, PTB quotes, spaces and stray periods.
TRICKY = ("ab Zé.!?\"'`\n\r\u2028\u2029\x0b\x0c\x85\ufeff\u200b\u00ad\u0301\u0308"
          "\ufb01\uff21\uff40\u1fef\x92\x93\x01\t\u00a0\u3000\u0915\u093f")


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(TRICKY), max_size=60),
       piece=st.integers(1, 12))
def test_lines_folded_in_pieces_are_the_whole_texts(text, piece):
    with pieces_of(piece):
        assert normalized_lines(text) == whole_lines(text)


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet=st.sampled_from(TRICKY + "Thepolicesaid" * 3),
                                   max_size=80), max_size=8),
       breaks=st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\u2028", "\x0c"]),
       piece=st.integers(1, 40))
def test_cleaning_in_pieces_is_cleaning_whole(paragraphs, breaks, piece):
    text = breaks.join(paragraphs)
    with pieces_of(piece):
        assert clean_text(text) == clean_whole(text)



# Any character at all (letters of every script, combining marks, Hangul jamo, controls,
# private use), with the tricky ones mixed in so that line breaks and cuts are frequent.
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)),
                                      st.sampled_from(TRICKY)), max_size=120)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, piece=st.integers(1, 50))
def test_any_unicode_folds_in_pieces_as_whole(text, piece):
    with pieces_of(piece):
        assert normalized_lines(text) == whole_lines(text)
        assert clean_text(text) == clean_whole(text)


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.tuples(ANY_TEXT, st.integers(0, 300)), max_size=6),
       breaks=st.sampled_from(["\n", "\r\n", "\n\n", "\r\n\r\n"]),
       piece=st.integers(1, 200))
def test_lines_longer_and_shorter_than_a_piece(lines, breaks, piece):
    # Lines from empty to several pieces long (a word repeated), cut anywhere.
    text = breaks.join(t + " word\u0301s." * n for t, n in lines)
    with pieces_of(piece):
        assert normalized_lines(text) == whole_lines(text)
        assert clean_text(text) == clean_whole(text)

LONG_LINE = "The minister said the talks would go on. " * 40_000  # 1.6 MB, no line break
CORPUS = {
    "crlf": "2005/01/08 Floods in Panama\r\n\r\nSaturday, January 8, 2005\r\n\r\n"
            "The river rose overnight.\r\nIt kept rising.\r\n\r\n-- 30 --\r\n",
    "form feeds and U+2028": "Title of the story\x0cMonday, May 2, 2005\x0cThe first\u2028"
                             "paragraph ends here.\x0c\x0cjha/ga\u2029",
    "boms": "\ufeffLONDON (Reuters) - Prices rose.\n\ufeff\n\ufeffThey fell later.\ufeff",
    "html-ish": "<p>Local death tolls</p>\n<div class='x'>The storm killed 12 people.</div>\n"
                "&nbsp;&amp; <br/>\n\nReporting by Jane Doe; Editing by John Smith\n"
                "http://example.com/story\n",
    "ptb quotes": "``We will not go,'' he said.\n\nShe said ''no'' twice.\n",
    "ptb quotes late": "He said 'no''. \n" * 50 + "``Yes,'' she said.\n",
    "nel only": "First sentence here.\x85Second sentence there.\x92s end\x85",
    "c1 with newlines": "It\x92s over\x85 [15]\nThe end\x85 of it.\n",
    "combining after cut": "cafe\n\u0301 re\u0301sume\u0301\n" * 30,
    "very long lines": LONG_LINE + "\n\n" + LONG_LINE.replace(".", "\u3002"),
    "wrapped": ("The committee met on Tuesday to discuss the\nproposal that would change the\n"
                "way the city collects its taxes from\nsmall businesses and shops.\n\n") * 20,
}


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("piece", [1, 7, 4096])
def test_tricky_inputs_clean_as_whole(name, piece):
    text = CORPUS[name]
    with pieces_of(piece):
        assert normalized_lines(text) == whole_lines(text)
        assert clean_text(text) == clean_whole(text)


def test_seed_and_tac_sources_clean_as_whole(tac_dir, seed_text):
    texts = [seed_text] + [read_text(p).text  # TAC's Czech is cp1250, as users' files may be
                           for p in sorted((tac_dir / "SourceTexts").rglob("*")) if p.is_file()]
    assert len(texts) > 100
    with pieces_of(300):  # TAC articles are 1-10 KB: several pieces each
        pieced = [clean_text(t) for t in texts]
    assert pieced == [clean_whole(t) for t in texts]


def test_cleaning_holds_the_text_once_more_not_three_times():
    # 4 MB of text with one character past U+00FF: Python holds it at 2 bytes each (8 MB),
    # its lines at 1. Folded whole, the folded copy (8 MB) stayed until the end, beside
    # the lines (4 MB) and the result (8 MB), and folding made two copies at once.
    text = ("The minister said the talks would go on. " * 12 + "\n\n") * 8_000 + "\u20ac"
    with traced_memory() as mem:
        out = clean_text(text)
    assert len(out.text) > 0.9 * len(text)
    assert mem.peak < 3 * len(text), mem.peak / len(text)  # was 4.3 bytes a character, now 2.3


def test_cleaning_a_long_text_gives_its_freed_heap_back(monkeypatch):
    # The lines a 50 MB text is cleaned in, freed, stayed resident (60 MB) while its
    # sentences were made: lead's whole-run peak 473 -> 441 MB with them given back.
    import summarizer.runtime as runtime

    calls = []
    monkeypatch.setattr(runtime, "release_freed_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(clean, "_RELEASE_AFTER", 1000)
    clean_text("The talks went on.\n" * 10)
    assert calls == []  # short text: nothing to give back
    clean_text("The talks went on.\n" * 100)
    assert calls == [1]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\u2028", " \n ", "\t\r\n\t"])
def test_a_word_broken_by_a_soft_hyphen_at_a_line_end_is_joined(end):
    text = (f"The government announced on Monday that the new infor\u00ad{end}mation policy "
            "would take effect in June.")
    assert "new information policy" in clean_text(text).text
    assert "information" in normalize_unicode(text)


def test_a_soft_hyphen_before_a_line_that_opens_with_no_letter_is_dropped_alone():
    text = "The new policy takes effect in June\u00ad\n\"It will help,\" she said."
    assert normalize_unicode(text) == "The new policy takes effect in June\n\"It will help,\" she said."


@pytest.mark.parametrize("piece", range(1, 30))
def test_a_broken_word_is_joined_wherever_the_pieces_are_cut(piece):
    text = "First line of the text here.\nThe new infor\u00ad\nmation policy\u00ad\r\nmakers agreed.\n"
    with pieces_of(piece):
        assert normalized_lines(text) == whole_lines(text)
        assert clean_text(text) == clean_whole(text)
        assert "information policymakers" in clean_text(text).text
