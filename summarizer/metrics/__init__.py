"""ROUGE you can cite: exact ROUGE-1.5.5 or ``rouge-score`` numbers, with
bootstrap intervals, paired significance tests and a signature.

The one entry point::

    from summarizer.metrics import rouge
    report = rouge(systems, references, mode="rouge155", options="-n 2 -x -2 4 -u -m")
    print(report.format_table())       # means with 95% intervals + signature
    report.to_json()

``score_pair`` scores one pair, ``score_corpus`` a stream of pairs,
``paired_test`` compares two systems on the same inputs, and
``summarizer.metrics.io`` reads files and folders of summaries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.metrics.aggregate import AggregateScore, Interval
    from summarizer.metrics.api import (
        RougeScorer,
        report_from_scores,
        rouge,
        score_corpus,
        score_pair,
    )
    from summarizer.metrics.io import SummaryPair, load_pairs
    from summarizer.metrics.report import RougeReport, Score
    from summarizer.metrics.settings import (
        DEFAULT_METRICS,
        MODES,
        RougeSettings,
        make_settings,
        parse_flags,
    )
    from summarizer.metrics.significance import PairedResult, compare_reports, paired_test

# Imported on first use: the CLI's ``--help`` and ``--version``, and every module that
# imports one ``summarizer.metrics.X``, need not load numpy and the scorers.
_LAZY = {
    **dict.fromkeys(("AggregateScore", "Interval"), "summarizer.metrics.aggregate"),
    **dict.fromkeys(("RougeScorer", "report_from_scores", "rouge", "score_corpus",
                     "score_pair"), "summarizer.metrics.api"),
    **dict.fromkeys(("SummaryPair", "load_pairs"), "summarizer.metrics.io"),
    **dict.fromkeys(("RougeReport", "Score"), "summarizer.metrics.report"),
    **dict.fromkeys(("DEFAULT_METRICS", "MODES", "RougeSettings", "make_settings",
                     "parse_flags"), "summarizer.metrics.settings"),
    **dict.fromkeys(("PairedResult", "compare_reports", "paired_test"),
                    "summarizer.metrics.significance"),
}

__all__ = [
    "DEFAULT_METRICS",
    "MODES",
    "AggregateScore",
    "Interval",
    "PairedResult",
    "RougeReport",
    "RougeScorer",
    "RougeSettings",
    "Score",
    "SummaryPair",
    "compare_reports",
    "load_pairs",
    "make_settings",
    "paired_test",
    "parse_flags",
    "report_from_scores",
    "rouge",
    "score_corpus",
    "score_pair",
]

__getattr__ = lazy_getattr(__name__, _LAZY)
__dir__ = lazy_dir(__name__, _LAZY)
