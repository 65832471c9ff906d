"""Sentences: splitting documents into sentences that keep their provenance.

Language names, codes and guessing live in :mod:`summarizer.languages`.
"""

from summarizer.sentences.split import (
    Sentence,
    iter_sentences,
    paragraph_spans,
    split_cluster,
    split_document,
    split_spans,
)

__all__ = [
    "Sentence",
    "iter_sentences",
    "paragraph_spans",
    "split_cluster",
    "split_document",
    "split_spans",
]
