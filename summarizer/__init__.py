"""summarizer: multi-document news summarisation with exact ROUGE evaluation.

The common case is one call::

    import summarizer
    summary = summarizer.summarize(["article one ...", "article two ..."], words=100)
    print(summary)

The building blocks live in subpackages that follow the data flow:
``documents`` -> ``sentences`` -> ``chunks`` -> ``summarizers`` -> ``metrics``
-> ``evaluation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarizer.documents.model import Cluster, Document
from summarizer.errors import SummarizerError
from summarizer.summarizers import (
    DEFAULT_METHOD,
    Budget,
    Summary,
    available_methods,
    get_summarizer,
    make_budget,
)

__version__ = "0.1.0"


def summarize(
    data: Cluster | Document | str | Sequence[str | Document],
    method: str = DEFAULT_METHOD,
    *,
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    **options: Any,
) -> Summary:
    """Summarise a text, a list of texts (one cluster) or a :class:`Cluster`.

    Give at most one of ``words``, ``bytes`` or ``sentences`` (100 words when
    none is given). ``options`` go to the summariser (for ``abstractive``:
    ``model``, ``strategy``, ...).
    """
    from summarizer.documents.loaders import to_cluster  # NLTK is heavy: load on use

    budget = make_budget(words=words, bytes=bytes, sentences=sentences, truncate=truncate)
    return get_summarizer(method, **options).summarize(to_cluster(data), budget)


__all__ = [
    "Budget",
    "Cluster",
    "Document",
    "Summary",
    "SummarizerError",
    "__version__",
    "available_methods",
    "get_summarizer",
    "summarize",
]
