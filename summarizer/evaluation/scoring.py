"""The one place where the evaluation harness calls the package's ROUGE.

Everything else in ``summarizer.evaluation`` goes through the functions here,
which use :mod:`summarizer.metrics` (ROUGE-1.5.5 or ``rouge-score`` numbers,
ROUGE-1.5.5's bootstrap, paired tests) and never compute a score themselves.

Texts are passed one sentence per line (ROUGE's SPL input): a system
summary as its list of sentences, a reference as its non-empty lines. This
matters only for ROUGE-L (summary-level LCS); ROUGE-N and ROUGE-SU count
over the whole token stream either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from summarizer.metrics import DEFAULT_METRICS, RougeScorer, RougeSettings, make_settings
from summarizer.metrics import score_corpus as _score_corpus

MEASURES = {"r": "recall", "p": "precision", "f": "fmeasure"}


def make_rouge(mode: str = "rouge155", **options: Any) -> RougeSettings:
    """ROUGE settings for a run: ROUGE-1/2/L/SU4 in ``rouge155`` mode, ``rouge-score``'s
    rouge1/2/L/Lsum in that mode, unless ``options`` (ROUGE-1.5.5 flags such as
    ``"-n 4 -m -2 4 -u -b 665"``) say otherwise; other keywords as
    :func:`summarizer.metrics.make_settings`."""
    if "options" not in options:  # a ROUGE-1.5.5 flag string names its own metrics
        options.setdefault("metrics", DEFAULT_METRICS.get(mode))
    return make_settings(mode, **options)


def settings_dict(settings: RougeSettings) -> dict[str, Any]:
    """The settings that change the numbers (not where the data files are)."""
    out = settings.to_dict()
    out.pop("data_dir", None)
    return out


@dataclass
class CorpusScores:
    """Scores of a whole run: per summary, aggregates with intervals, signature."""

    metrics: list[str]
    per_summary: list[dict[str, dict[str, float]]]
    aggregate: dict[str, dict[str, dict[str, float]]]  # metric -> r/p/f -> mean/average/low/high
    headline: str  # which aggregate ROUGE-1.5.5 prints: "average" or "mean"
    signature: str


def _as_dict(row: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {m: {"r": s.recall, "p": s.precision, "f": s.fmeasure} for m, s in row.items()}


def reference_lines(reference: str) -> list[str]:
    """A reference as ROUGE input: one unit per non-empty line."""
    lines = [ln.strip() for ln in reference.split("\n") if ln.strip()]
    return lines or [""]


@lru_cache(maxsize=8)
def _scorer(settings: RougeSettings) -> RougeScorer:
    return RougeScorer(settings)


def score_one(
    sentences: list[str], references: list[str], settings: RougeSettings
) -> dict[str, dict[str, float]]:
    """Per-summary R/P/F of one system summary (its sentences) against its references."""
    refs = [reference_lines(r) for r in references]
    return _as_dict(_scorer(settings).score(list(sentences), refs))


def score_corpus(
    systems: list[list[str]], references: list[list[str]], ids: list[str], settings: RougeSettings
) -> CorpusScores:
    """Score every summary and aggregate (means, ROUGE-1.5.5 bootstrap intervals)."""
    pairs = ((list(s), [reference_lines(r) for r in refs])
             for s, refs in zip(systems, references, strict=True))
    report = _score_corpus(pairs, ids=ids, settings=settings)
    aggregate = {
        m: {
            k: getattr(report.aggregate[m], measure).to_dict()
            for k, measure in MEASURES.items()
        }
        for m in report.metrics
    }
    return CorpusScores(
        metrics=list(report.metrics),
        per_summary=[_as_dict(row) for row in report.per_summary],
        aggregate=aggregate,
        headline=report.headline,
        signature=report.signature,
    )


def paired_test(a: list[float], b: list[float], *, metric: str, measure: str,
                seed: int, resamples: int = 1000, trials: int = 10000) -> dict[str, Any]:
    """Paired bootstrap and approximate randomisation of B against A (two-sided)."""
    from summarizer.metrics.significance import paired_test as _paired

    return _paired(a, b, metric=metric, measure=MEASURES.get(measure, measure),
                   resamples=resamples, trials=trials, seed=seed).to_dict()
