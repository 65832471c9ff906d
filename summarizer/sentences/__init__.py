"""Sentences: splitting documents into sentences that keep their provenance."""

from summarizer.sentences.languages import (
    PUNKT_LANGUAGES,
    guess_language,
    guess_script_language,
    has_punkt,
    normalize_language,
)
from summarizer.sentences.split import (
    Sentence,
    paragraph_spans,
    split_cluster,
    split_document,
    split_spans,
)

__all__ = [
    "PUNKT_LANGUAGES",
    "Sentence",
    "guess_language",
    "guess_script_language",
    "has_punkt",
    "normalize_language",
    "paragraph_spans",
    "split_cluster",
    "split_document",
    "split_spans",
]
