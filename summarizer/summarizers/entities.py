"""Name- and number-like words of a cluster, for the coverage option ``entity_weight``
(off by default; issue 12).

News summaries are about who, where and how many. Kupiec, Pedersen & Chen (1995) found
that sentences holding frequent capitalised words not at a sentence's start (their
"uppercase word" feature, a stand-in for proper names) are likelier to be in the
reference extract; Filatova & Hatzivassiloglou (2004) built their summaries' concepts
around named entities. Without a tagger for every language, a word is read as name-like
from the script alone: it holds a digit (a date, a count, a sum), or, among its
occurrences that do not open a sentence, most start with an upper-case letter. Scripts
without case (Arabic, Hebrew, Devanagari) give only the digits; words seen only at a
sentence's start are not counted, as their case says nothing there.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import islice

from summarizer.languages import token_pattern, unicode_tokens


def entity_words(texts: Iterable[str], stopwords: frozenset[str]) -> set[str]:
    """The case-folded words (as :func:`~summarizer.languages.unicode_tokens` gives them)
    of ``texts`` (sentences) that hold a digit, or that start upper-case in more than
    half of their occurrences after a sentence's first word; never a word of
    ``stopwords``."""
    # the case-kept words, counted once each where they do not open a sentence (in C), and
    # each distinct one folded once: folding every occurrence was most of the time
    later: Counter[str] = Counter()
    openers: set[str] = set()
    pattern = token_pattern()
    for text in texts:
        # case kept: the pattern of unicode_tokens, before its case folding
        words = pattern.findall(unicodedata.normalize("NFKC", text))
        if words:
            openers.add(words[0])
            later.update(islice(words, 1, None))
    upper: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    digits: set[str] = set()
    for word in openers | later.keys():
        n = later[word]
        for folded in unicode_tokens(word):  # the word as the concepts read it
            if any(ch.isdigit() for ch in folded):
                digits.add(folded)
            elif n:
                inside[folded] += n
                upper[folded] += n * word[:1].isupper()
    named = {w for w, n in inside.items() if 2 * upper[w] > n}
    return (digits | named) - stopwords
