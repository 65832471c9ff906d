"""Sentences: splitting documents into sentences that keep their provenance."""

from summarizer.sentences.split import Sentence, split_cluster, split_document, split_spans

__all__ = ["Sentence", "split_cluster", "split_document", "split_spans"]
