"""Documents in: the data model, decoding, cleaning and loaders."""

from summarizer.documents.clean import Cleaned, clean_text, is_boilerplate
from summarizer.documents.encoding import Decoded, decode_bytes, read_text_file
from summarizer.documents.hf import PRESETS, from_hf_dataset, load_hf_dataset
from summarizer.documents.loaders import (
    input_report,
    iter_folder,
    load_cluster,
    load_file,
    load_folder,
    load_jsonl,
    load_texts,
    make_document,
    to_cluster,
)
from summarizer.documents.model import Cluster, Document
from summarizer.documents.tac import TAC2011_LANGUAGES, load_tac2011

__all__ = [
    "PRESETS",
    "TAC2011_LANGUAGES",
    "Cleaned",
    "Cluster",
    "Decoded",
    "Document",
    "clean_text",
    "decode_bytes",
    "from_hf_dataset",
    "input_report",
    "is_boilerplate",
    "iter_folder",
    "load_cluster",
    "load_file",
    "load_folder",
    "load_hf_dataset",
    "load_jsonl",
    "load_tac2011",
    "load_texts",
    "make_document",
    "read_text_file",
    "to_cluster",
]
