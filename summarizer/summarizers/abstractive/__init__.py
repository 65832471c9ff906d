"""Abstractive summarisation with transformers models, for inputs of any length.

``families`` (per-family input conventions), ``loading`` (offline-first
model resolution, device and dtype), ``generation`` (batched, length-sorted
generation), ``strategies`` (map-reduce, extract-then-abstract, direct),
``output`` (fitting the text to the budget) and ``summarizer`` (the
:class:`AbstractiveSummarizer` that ties them together).
"""

from summarizer.summarizers.abstractive.families import DEFAULT_PROMPT, FAMILIES, Family, family_for
from summarizer.summarizers.abstractive.generation import GenerationSettings, Generator
from summarizer.summarizers.abstractive.loading import LoadedModel, load_model
from summarizer.summarizers.abstractive.strategies import STRATEGIES
from summarizer.summarizers.abstractive.summarizer import (
    DEFAULT_MODEL,
    DEFAULT_STRATEGY,
    AbstractiveSummarizer,
)

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_PROMPT",
    "DEFAULT_STRATEGY",
    "FAMILIES",
    "STRATEGIES",
    "AbstractiveSummarizer",
    "Family",
    "GenerationSettings",
    "Generator",
    "LoadedModel",
    "family_for",
    "load_model",
]
