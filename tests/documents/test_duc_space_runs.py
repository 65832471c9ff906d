r"""The DUC reader's white space: every run of it one space (duc._clean_line), without a
piece held for each lone space of a paragraph. re.sub(r"\s+", " ", ...) matched every
space of an article's text, and held a piece for each until it joined them: 12x the
paragraph, the reader's peak on a large article (eval/bench_memory.py --shapes sgml)."""

from __future__ import annotations

import random
import re

from helpers import traced_memory

from summarizer.documents.duc import _clean_line, unwrap_paragraphs

LINE = "The council voted on Tuesday to build a new bridge over the river, officials said.\n"


def test_a_long_paragraph_is_unwrapped_without_a_piece_a_space():
    raw = LINE * 25_000  # one hard-wrapped paragraph, 2.1 MB
    unwrap_paragraphs("A warm up.\n")
    with traced_memory() as mem:
        (para,) = unwrap_paragraphs(raw, "english")
    # a piece a space: 15.7x the text; a piece a line break: 2.8x
    assert mem.peak < 6 * len(raw), mem.peak / len(raw)
    assert para == " ".join(LINE.strip() for _ in range(25_000))


def test_every_run_of_white_space_is_one_space_as_before():
    chars = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2028", "\u3000",
             "\u200b", "a", "b", "\U0001F600"]
    rnd = random.Random(7)
    for _ in range(20_000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 14)))
        assert _clean_line(text) == re.sub(r"\s+", " ", text).strip(), repr(text)
