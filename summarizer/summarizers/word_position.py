"""Word-level position weights of the coverage summariser's concepts (option
``word_position``; off by default).

The default worth of a concept (a word bigram, :mod:`summarizer.summarizers.concepts`)
sums, over the documents holding it, ``1 / (1 + r)`` with r the rank of the first
sentence that holds it there. That knows sentences only: a bigram at the end of a long
lead sentence counts as much as the sentence's first words, and the fifth sentence of a
40-sentence article as little as the fifth of a 6-sentence one. Word positions (Yih et
al. 2007; Ouyang et al. 2010; Hong & Nenkova 2014, who found a word's earliest position
among the strongest signals of its importance in news) place each occurrence by its word
offset in the document instead. Here ``p`` is an occurrence's relative position, the
offset of the bigram's first word among the tokens of its document's candidate sentences
divided by their number (in [0, 1)), and a concept's worth sums, over its units
(documents; the sentences of a one-document input, as for the default):

* ``"first"``: ``1 - p`` of its first occurrence (earliest relative position, combined
  with document frequency by the sum);
* ``"all"``: ``1 - p`` of every occurrence (position and frequency in one count, as
  Ouyang et al. accumulate a word's position scores over its appearances);
* ``"first-rank"``: today's sentence-rank weight times ``1 - p`` of its first occurrence;
* ``"offset"``: ``1 / (1 + w / s)`` with w the first occurrence's word offset and s the
  mean sentence length (in tokens) of that document: the default's rule on a word scale,
  so a bigram early in a lead sentence outweighs one at its end.

Offsets count the tokens the concepts are made from (the pool's candidate sentences, after
prefix stemming when asked), so they need no other reading of the text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.errors import value_repr
from summarizer.summarizers.concepts import document_words

# What the coverage option ``word_position`` can ask for.
WORD_POSITIONS = ("first", "all", "first-rank", "offset")


def word_position_weights(
    names: Sequence[tuple[str, ...]],
    tokens: Sequence[Sequence[str]],
    doc_indices: Sequence[int],
    use: str,
    stem_prefix: int | None = None,
    position_decay: float = 1.0,
) -> np.ndarray:
    """One weight per concept of ``names`` (the bigrams, after prefix stemming, that
    :func:`~summarizer.summarizers.concepts.extract_concepts` kept) for ``use`` (module
    docstring), from the sentences' ``tokens`` in document order. ``position_decay`` is
    the exponent of the sentence-rank factor of ``"first-rank"``."""
    if use not in WORD_POSITIONS:
        raise ValueError(f"use must be one of {WORD_POSITIONS}, got {value_repr(use)}")
    ids = {c: k for k, c in enumerate(names)}
    out = np.zeros(len(names))
    multi = len(set(doc_indices)) >= 2
    for words in document_words(tokens, doc_indices, stem_prefix):
        length = max(1, sum(len(w) for w in words))
        mean_sentence = length / len(words)
        offset = 0
        seen: set[int] = set()
        for rank, sentence in enumerate(words):
            if not multi:
                seen = set()  # one document: each sentence is a unit
            for j in range(len(sentence) - 1):
                c = ids.get((sentence[j], sentence[j + 1]))
                if c is None or (use != "all" and c in seen):
                    continue
                seen.add(c)
                p = (offset + j) / length
                if use == "offset":
                    out[c] += 1.0 / (1.0 + (offset + j) / mean_sentence)
                elif use == "first-rank":
                    out[c] += (1.0 - p) * (1.0 + rank) ** -position_decay
                else:
                    out[c] += 1.0 - p
            offset += len(sentence)
    return out
