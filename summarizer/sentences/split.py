"""Sentence splitting that works offline, keeping character offsets.

NOTE(skeleton): basic Punkt version; to be completed (languages without a
Punkt model, rule-based splitter, cleaning interplay).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from summarizer.documents.model import Cluster, Document


@dataclass(frozen=True)
class Sentence:
    """A sentence with its provenance inside a cluster."""

    text: str
    doc_id: str
    doc_index: int  # position of the document in the cluster
    index: int  # position of the sentence in its document
    start: int  # character offsets into Document.text
    end: int


@lru_cache(maxsize=None)
def _punkt(language: str):
    import punkt

    return punkt.tokenizer_for(language)


def split_spans(text: str, language: str = "english") -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences of ``text``."""
    tok = _punkt(language)
    return [(s, e) for s, e in tok.span_tokenize(text) if text[s:e].strip()]


def split_document(doc: Document, doc_index: int = 0) -> list[Sentence]:
    """Split one document into sentences with provenance."""
    spans = split_spans(doc.text, doc.language)
    return [
        Sentence(doc.text[s:e], doc.id, doc_index, i, s, e) for i, (s, e) in enumerate(spans)
    ]


def split_cluster(cluster: Cluster) -> list[Sentence]:
    """All sentences of a cluster, document by document, in order."""
    out: list[Sentence] = []
    for di, doc in enumerate(cluster.documents):
        out.extend(split_document(doc, di))
    return out
