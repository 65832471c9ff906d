"""Faithfulness of generated text: provenance and a check of numbers, dates and names.

``numbers`` and ``dates`` normalise values ("3.2 billion" = "3,200,000,000",
"Sept. 24" = "September 24"), ``names`` finds names, ``check`` aligns each
output sentence with its best source sentences and lists what the sources
do not back. No generative model is involved, so the same check is a
metric for any system's summaries::

    from summarizer.faithfulness import check
    report = check(summary_text, source_texts)
    report.support_rate, report.unsupported_number_rate
"""

from summarizer.faithfulness.checker import (
    DEFAULT_MIN_SUPPORT,
    GUARDS,
    Evidence,
    FaithfulnessChecker,
    FaithfulnessReport,
    Item,
    SentenceCheck,
    SourceIndex,
    check,
)

__all__ = [
    "DEFAULT_MIN_SUPPORT",
    "GUARDS",
    "Evidence",
    "FaithfulnessChecker",
    "FaithfulnessReport",
    "Item",
    "SentenceCheck",
    "SourceIndex",
    "check",
]
