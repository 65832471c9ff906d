"""Documents in: the data model, cleaning and loaders.

Decoding and JSONL reading are :mod:`summarizer.textio`'s (one policy for the
whole package); languages are :mod:`summarizer.languages`'.

Only the data model is imported eagerly; the loaders pull in NLTK and
``datasets`` and are imported on first use, so that ``import summarizer``
(and ``summarizer rouge``) start fast.
"""

from __future__ import annotations

from summarizer.documents.model import Cluster, Document
from summarizer.lazy import lazy_getattr

_LAZY = {
    "Cleaned": ".clean",
    "clean_text": ".clean",
    "is_boilerplate": ".clean",
    "PRESETS": ".hf",
    "from_hf_dataset": ".hf",
    "load_hf_dataset": ".hf",
    "input_report": ".loaders",
    "iter_folder": ".loaders",
    "load_cluster": ".loaders",
    "load_file": ".loaders",
    "load_folder": ".loaders",
    "load_jsonl": ".loaders",
    "load_texts": ".loaders",
    "make_document": ".loaders",
    "to_cluster": ".loaders",
    "TAC2011_LANGUAGES": ".tac",
    "load_tac2011": ".tac",
}


__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = ["Cluster", "Document", *_LAZY]
