"""``rouge-score`` mode: the numbers of Google's ``rouge-score`` package.

Published results computed with ``rouge_score.rouge_scorer.RougeScorer``
can be reproduced here: its tokeniser (``[a-z0-9]`` only), its Porter
stemmer option, ``rougeL`` (one LCS over the whole text) versus
``rougeLsum`` (summary-level union LCS over newline-separated sentences),
and ``score_multi`` (per metric, the reference with the best F-measure).

Two backends give these numbers; which one ran is an explicit choice and is
recorded in the signature, never swapped silently:

- ``rouge-score-rs`` (default): the Rust reimplementation, much faster;
  its equality with ``rouge-score`` is checked by this package's tests;
- ``rouge-score``: Google's package itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from summarizer.errors import ResourceError, RougeOptionError
from summarizer.metrics.measures import rpf

BACKENDS = ("rouge-score-rs", "rouge-score")
DEFAULT_BACKEND = "rouge-score-rs"
_MODULES = {"rouge-score-rs": "rouge_score_rs.rouge_scorer", "rouge-score": "rouge_score.rouge_scorer"}
_DISTS = {"rouge-score-rs": "rouge-score-rs", "rouge-score": "rouge-score"}
VALID_METRICS = tuple(f"rouge{n}" for n in range(1, 10)) + ("rougeL", "rougeLsum")


def backend_version(backend: str) -> str:
    """Installed version of a backend's distribution ("unknown" if it has none)."""
    import importlib.metadata  # here: it imports email (10 ms) that --help does not need

    try:
        return importlib.metadata.version(_DISTS[backend])
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def load_backend(backend: str) -> Any:
    """Import a backend's ``rouge_scorer`` module, or raise a clear error."""
    if backend not in BACKENDS:
        raise RougeOptionError(
            f"unknown rouge-score backend {backend!r}; choose one of {', '.join(BACKENDS)}"
        )
    try:
        return importlib.import_module(_MODULES[backend])
    except ImportError as exc:
        raise ResourceError(
            f"rouge-score backend {backend!r} is not installed (pip install {_DISTS[backend]}), "
            f"or choose the other backend ({', '.join(b for b in BACKENDS if b != backend)})"
        ) from exc


def as_text(text: str | Sequence[str]) -> str:
    """A summary given as sentences becomes newline-separated text (for rougeLsum)."""
    return text if isinstance(text, str) else "\n".join(text)


class RougeScoreScorer:
    """Scores pairs as ``rouge_score.rouge_scorer.RougeScorer`` does.

    ``tokenizer`` is ``"default"`` (the package's own) or ``"unicode"``
    (:class:`summarizer.metrics.unicode_tokenize.UnicodeTokenizer`).
    Returns, per pair, ``{metric: (recall, precision, fmeasure)}``.
    """

    def __init__(
        self,
        metrics: Sequence[str],
        stem: bool = False,
        tokenizer: str = "default",
        backend: str = DEFAULT_BACKEND,
    ) -> None:
        bad = [m for m in metrics if m not in VALID_METRICS]
        if bad:
            raise RougeOptionError(
                f"rouge-score mode has no metric {bad[0]!r}; valid: rouge1..rouge9, rougeL, rougeLsum"
            )
        module = load_backend(backend)
        self.metrics = list(metrics)
        kwargs: dict[str, Any] = {"use_stemmer": stem}
        if tokenizer == "unicode":
            from summarizer.metrics.unicode_tokenize import UnicodeTokenizer

            kwargs["tokenizer"] = UnicodeTokenizer(use_stemmer=stem)
        elif tokenizer != "default":
            raise RougeOptionError(f"unknown tokenizer {tokenizer!r}; use 'default' or 'unicode'")
        self._scorer = module.RougeScorer(self.metrics, **kwargs)
        # rouge-score-rs scores a batch natively on all cores (same numbers).
        self._batch = getattr(self._scorer, "score_batch", None) if tokenizer == "default" else None

    def score(
        self, summary: str | Sequence[str], references: Sequence[str | Sequence[str]]
    ) -> dict[str, tuple[float, float, float]]:
        """Score one summary against one or more references (best F per metric)."""
        prediction = as_text(summary)
        if len(references) == 1:
            raw = self._scorer.score(as_text(references[0]), prediction)
        else:
            raw = self._scorer.score_multi([as_text(r) for r in references], prediction)
        return {m: rpf(raw[m]) for m in self.metrics}

    def score_chunk(
        self, pairs: Sequence[tuple[str | Sequence[str], Sequence[str | Sequence[str]]]]
    ) -> list[dict[str, tuple[float, float, float]]]:
        """Score several pairs; single-reference pairs go through the backend's batch call."""
        if self._batch is None:
            return [self.score(summ, refs) for summ, refs in pairs]
        single = [i for i, (_, refs) in enumerate(pairs) if len(refs) == 1]
        out: list[Any] = [None] * len(pairs)
        if single:
            raws = self._batch([as_text(pairs[i][1][0]) for i in single],
                               [as_text(pairs[i][0]) for i in single])
            for i, raw in zip(single, raws, strict=True):
                out[i] = {m: rpf(raw[m]) for m in self.metrics}
        for i, item in enumerate(out):
            if item is None:
                out[i] = self.score(*pairs[i])
        return out
