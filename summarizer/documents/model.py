"""The plain data model: a Document and a Cluster of documents about one event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Document:
    """One news article.

    ``text`` is the body only; a title or date line found in the raw text is
    moved to ``title`` / ``date`` by the loaders so it is never summarised.
    """

    text: str
    id: str = ""
    title: str | None = None
    date: str | None = None
    source: str | None = None
    language: str = "english"
    meta: dict = field(default_factory=dict)


@dataclass
class Cluster:
    """Documents about one event, with optional human reference summaries."""

    documents: list[Document]
    id: str = ""
    references: list[str] = field(default_factory=list)
    language: str | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Give anonymous documents stable, unique ids: provenance needs them.
        seen: set[str] = set()
        for i, doc in enumerate(self.documents):
            if not doc.id:
                doc.id = f"doc{i}"
            elif doc.id in seen:
                doc.id = f"{doc.id}#{i}"
            seen.add(doc.id)
        if self.language is None:
            langs = {d.language for d in self.documents}
            self.language = langs.pop() if len(langs) == 1 else "english"

    @classmethod
    def from_texts(
        cls, texts: str | Iterable[str], id: str = "", language: str = "english"
    ) -> Cluster:
        """Build a cluster from one string or a list of strings."""
        if isinstance(texts, str):
            texts = [texts]
        docs = [Document(text=t, id=f"doc{i}", language=language) for i, t in enumerate(texts)]
        return cls(documents=docs, id=id, language=language)

    def __len__(self) -> int:
        return len(self.documents)
