"""Over-long sentences (text without sentence punctuation, run-ons) cut into pieces."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.documents import make_document
from summarizer.languages import count_words, grapheme_floor
from summarizer.sentences import split_document, split_spans
from summarizer.sentences.split import LONG_SENTENCE_WORDS, PIECE_MIN_WORDS, PIECE_WORDS

WORDS = ("the council met on tuesday to discuss the new budget for schools roads and "
         "hospitals while residents waited outside the hall for news of the vote").split()


def words(n: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(n))


def pieces(text: str, language: str = "english") -> list[str]:
    return [text[s:e] for s, e in split_spans(text, language)]


def test_a_sentence_up_to_the_bar_is_left_whole():
    text = words(LONG_SENTENCE_WORDS)
    assert pieces(text) == [text]


def test_unpunctuated_text_is_cut_into_pieces_that_tile_it():
    text = words(2523)
    got = pieces(text)
    sizes = [len(p.split()) for p in got]
    assert len(got) == 51
    assert sizes[:-1] == [PIECE_WORDS] * 50 and sizes[-1] == 23
    assert " ".join(got) == text  # every word, in order, once


def test_no_piece_is_left_shorter_than_the_minimum():
    # 151 words: 50, 50, then 51 (a cut at 150 would leave one word alone)
    got = pieces(words(LONG_SENTENCE_WORDS + 1))
    assert [len(p.split()) for p in got] == [50, 50, 51]


def test_a_piece_ends_after_a_clause_mark_where_one_is_late_enough():
    parts = [words(30, k) + "," for k in range(8)]  # a comma every 30 words, no full stop
    text = " ".join(parts)
    got = pieces(text)
    assert all(p.endswith(",") for p in got[:-1])
    assert [len(p.split()) for p in got] == [30] * 8
    # a comma before the minimum is passed over: the cut falls at the 50-word mark
    early = words(PIECE_MIN_WORDS - 5) + ", " + words(300)
    first = pieces(early)[0]
    assert len(first.split()) == PIECE_WORDS


def test_offsets_stay_exact_in_a_document_and_punctuated_text_is_untouched():
    body = words(400).capitalize()
    text = "A short first sentence. " + body + ". The last one, punctuated."
    doc = make_document(text)
    sents = split_document(doc)
    assert sents[0].text == "A short first sentence."
    assert sents[-1].text == "The last one, punctuated."
    assert all(doc.text[s.start:s.end] == s.text for s in sents)
    assert [s.index for s in sents] == list(range(len(sents)))
    assert len(sents) == 2 + 8  # 400 words: eight pieces of 50


def test_spaceless_script_is_cut_at_letters_not_inside_them():
    run = "北京市政府今天宣布将在明年春季开放新的地铁线路以缓解交通压力" * 40  # no punctuation
    got = split_spans(run, "zh")
    assert len(got) > 1 and got[0][0] == 0 and got[-1][1] == len(run)
    assert all(count_words(run[s:e]) <= PIECE_WORDS + PIECE_MIN_WORDS for s, e in got)
    hindi = " ".join(["भारत सरकार ने नई योजना की घोषणा की"] * 60)  # words with vowel signs
    spans = split_spans(hindi, "hi")
    assert all(grapheme_floor(hindi, s) == s for s, _ in spans)
    assert " ".join(hindi[s:e] for s, e in spans) == hindi


def test_the_summary_of_unpunctuated_text_is_not_empty():
    import summarizer

    summary = summarizer.summarize([words(2000)], "lead", words=100)
    assert 0 < count_words(summary.text) <= 100


_TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from([",", ";", "—", "and,", "x:"]),
                   st.text(alphabet="abcé", min_size=1, max_size=6))


@settings(max_examples=60, deadline=None)
@given(st.lists(_TOKEN, min_size=1, max_size=600))
def test_pieces_keep_every_word_in_order_and_stay_under_the_bar(tokens):
    text = " ".join(tokens)
    spans = split_spans(text)
    assert all(a < b for a, b in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    assert all(count_words(text[s:e]) <= LONG_SENTENCE_WORDS for s, e in spans)
    kept = [w for s, e in spans for w in text[s:e].split()]
    with_content = [w for w in text.split() if re.search(r"\w", w)]
    assert [w for w in kept if re.search(r"\w", w)] == with_content


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["ab/", "x", "e\u0301", "\u0915\u094d", " ", "  ", "é"]),
                min_size=1, max_size=40), st.integers(1000, 4000))
def test_a_sentence_of_few_words_and_many_characters_is_cut_into_pieces(parts, repeat):
    # one "word" of millions of characters (ab/ab/...) was one sentence: every encoder
    # tokenised it whole (10 MB: 158 s, 5 GB) and a summary could hold it
    from summarizer.sentences.split import LONG_SENTENCE_CHARS, PIECE_CHARS

    body = "".join(parts) * repeat
    text = "The storm hit the coast. " + body + " Homes lost power."
    spans = split_spans(text)
    assert all(e - s <= LONG_SENTENCE_CHARS for s, e in spans)
    if len(body.strip()) > LONG_SENTENCE_CHARS and " " not in body.strip():
        assert max(e - s for s, e in spans) <= PIECE_CHARS
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    # in order, not overlapping, and nothing but white space between them
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2 and not text[e1:s2].strip()
    # no piece opens with a combining mark cut from its letter
    import unicodedata

    assert all(unicodedata.category(text[s])[0] != "M" for s, _ in spans)
