"""The one place where the evaluation harness calls the package's ROUGE.

Everything else in ``summarizer.evaluation`` goes through :class:`RougeOptions`
and the functions here, so the harness never computes a score on its own.

INTERIM: until ``summarizer.metrics`` lands, this wraps the ``rouge-score``
package (ROUGE-1/2/L only) with a plain bootstrap, so that the machinery can
be built and tested. It is replaced by calls to ``summarizer.metrics``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from summarizer.errors import UnknownMethodError

METRICS = ("rouge-1", "rouge-2", "rouge-l", "rouge-su4")
ROUGE_MODES = ("rouge155", "rouge-score")


@dataclass(frozen=True)
class RougeOptions:
    """ROUGE settings of a run; they are part of what a run is."""

    mode: str = "rouge155"
    stem: bool = False
    stopwords: bool = False
    length_words: int | None = None
    length_bytes: int | None = None
    alpha: float = 0.5
    confidence: float = 0.95
    resamples: int = 1000
    seed: int = 1234

    def __post_init__(self) -> None:
        if self.mode not in ROUGE_MODES:
            raise UnknownMethodError(
                f"unknown ROUGE mode {self.mode!r}; choose one of: {', '.join(ROUGE_MODES)}"
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CorpusScores:
    """Scores of a whole run: per summary, means, bootstrap intervals, signature."""

    per_summary: list[dict[str, dict[str, float]]]
    mean: dict[str, dict[str, float]]
    interval: dict[str, dict[str, list[float]]]
    signature: str
    metrics: list[str] = field(default_factory=list)


def _scorer(opts: RougeOptions):
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=opts.stem)


_NAMES = {"rouge1": "rouge-1", "rouge2": "rouge-2", "rougeLsum": "rouge-l"}


def signature(opts: RougeOptions) -> str:
    """The reproducibility signature of these options."""
    import rouge_score  # noqa: F401

    return (
        f"interim-rouge-score|stem:{'yes' if opts.stem else 'no'}|alpha:{opts.alpha}"
        f"|ci:{opts.confidence}|resamples:{opts.resamples}|seed:{opts.seed}"
    )


def score_one(system: str, references: list[str], opts: RougeOptions) -> dict[str, dict[str, float]]:
    """Per-summary R/P/F of one system summary against its references."""
    scorer = _scorer(opts)
    result = scorer.score_multi(references, system) if references else {}
    return {
        _NAMES[k]: {"r": v.recall, "p": v.precision, "f": v.fmeasure} for k, v in result.items()
    }


def score_corpus(
    systems: list[str], references: list[list[str]], opts: RougeOptions
) -> CorpusScores:
    """Score every summary and aggregate: means with bootstrap intervals."""
    per = [score_one(s, r, opts) for s, r in zip(systems, references, strict=True)]
    metrics = [m for m in METRICS if per and m in per[0]]
    rng = np.random.default_rng(opts.seed)
    n = len(per)
    idx = rng.integers(0, n, size=(opts.resamples, n)) if n else None
    mean: dict[str, dict[str, float]] = {}
    interval: dict[str, dict[str, list[float]]] = {}
    lo_q, hi_q = (1 - opts.confidence) / 2, 1 - (1 - opts.confidence) / 2
    for m in metrics:
        mean[m], interval[m] = {}, {}
        for k in ("r", "p", "f"):
            vals = np.array([p[m][k] for p in per])
            mean[m][k] = float(vals.mean())
            boot = vals[idx].mean(axis=1)
            interval[m][k] = [float(np.quantile(boot, lo_q)), float(np.quantile(boot, hi_q))]
    return CorpusScores(per, mean, interval, signature(opts), metrics)


def paired_tests(
    a: list[float], b: list[float], *, seed: int = 1234, resamples: int = 1000
) -> dict[str, float]:
    """p-values of paired tests that systems A and B differ (two-sided)."""
    x, y = np.asarray(a, float), np.asarray(b, float)
    d = x - y
    rng = np.random.default_rng(seed)
    n = len(d)
    obs = abs(d.mean()) if n else 0.0
    signs = rng.choice([-1.0, 1.0], size=(resamples, n))
    ar = float((np.sum(np.abs((signs * d).mean(axis=1)) >= obs - 1e-12) + 1) / (resamples + 1))
    boot = d[rng.integers(0, n, size=(resamples, n))].mean(axis=1)
    centred = boot - d.mean()
    pb = float((np.sum(np.abs(centred) >= obs - 1e-12) + 1) / (resamples + 1))
    return {"paired_bootstrap": pb, "approximate_randomization": ar}
