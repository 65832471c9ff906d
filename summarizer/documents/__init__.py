"""Documents in: the data model, cleaning and loaders.

Decoding and JSONL reading are :mod:`summarizer.textio`'s (one policy for the
whole package); languages are :mod:`summarizer.languages`'.

Only the data model is imported eagerly; the loaders pull in NLTK and
``datasets`` and are imported on first use, so that ``import summarizer``
(and ``summarizer rouge``) start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.documents.model import Cluster, Document
from summarizer.lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:  # pragma: no cover  (what a type checker sees of the lazy names)
    from summarizer.documents.clean import Cleaned, clean_text, is_boilerplate
    from summarizer.documents.hf import PRESETS, from_hf_dataset, load_hf_dataset
    from summarizer.documents.loaders import (
        input_report,
        iter_folder,
        load_cluster,
        load_file,
        load_folder,
        load_texts,
        to_cluster,
    )
    from summarizer.documents.make import make_document
    from summarizer.documents.records import load_jsonl
    from summarizer.documents.tac import TAC2011_LANGUAGES, load_tac2011

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
    "load_jsonl": ".records",
    "load_texts": ".loaders",
    "make_document": ".make",
    "to_cluster": ".loaders",
    "TAC2011_LANGUAGES": ".tac",
    "load_tac2011": ".tac",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
__dir__ = lazy_dir(__name__, _LAZY)


__all__ = [
    "Cluster",
    "Document",
    "Cleaned",
    "clean_text",
    "is_boilerplate",
    "PRESETS",
    "from_hf_dataset",
    "load_hf_dataset",
    "input_report",
    "iter_folder",
    "load_cluster",
    "load_file",
    "load_folder",
    "load_jsonl",
    "load_texts",
    "make_document",
    "to_cluster",
    "TAC2011_LANGUAGES",
    "load_tac2011",
]
