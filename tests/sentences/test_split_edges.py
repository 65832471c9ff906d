"""Edges of the sentence splitter's rules, each a comparison or condition one step off
that no other test told apart (found by mutating summarizer/sentences/split.py)."""

from __future__ import annotations

from summarizer.sentences.split import block_sentence_spans, split_spans


def _texts(text: str, spans) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_a_paragraph_of_digits_only_is_a_sentence():
    text = "Intro sentence here.\n\n2024\n\nAnother one."
    assert _texts(text, split_spans(text)) == ["Intro sentence here.", "2024", "Another one."]


def test_a_glued_full_stop_splits_before_a_capital_then_a_small_letter_only():
    text = "The talks ended.UN officials left the room."
    assert _texts(text, split_spans(text)) == [text]
    text = "The talks ended.Officials left the room."
    assert _texts(text, split_spans(text)) == ["The talks ended.", "Officials left the room."]


def test_a_leading_piece_without_letters_stays_with_the_first_sentence():
    text = "... The storm hit the coast. It rained."
    assert _texts(text, split_spans(text)) == ["... The storm hit the coast.", "It rained."]


def test_a_long_run_cut_into_50_word_pieces_keeps_its_last_20_words_apart():
    text = " ".join(f"w{i}" for i in range(170))
    assert [len(s.split()) for s in _texts(text, split_spans(text))] == [50, 50, 50, 20]


def test_a_clause_mark_after_exactly_the_least_piece_is_a_cut():
    words = [f"w{i}" for i in range(200)]
    words[19] += ","
    text = " ".join(words)
    assert [len(s.split()) for s in _texts(text, split_spans(text))] == [20, 50, 50, 50, 30]


def test_a_block_without_spaces_is_cut_at_its_line_breaks():
    text = "\n".join(["x" * 79] * 80)
    spans = block_sentence_spans(text)
    assert all(b == len(text) or text[b] == "\n" for _, b in spans)  # never inside a line
    assert "".join(_texts(text, spans)).replace("\n", "") == "x" * 79 * 80
