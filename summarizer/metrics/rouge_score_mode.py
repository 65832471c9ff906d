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

One exception, for memory: both backends compute ``rougeLsum`` with an LCS table for
each pair of sentences, n x m cells (4 bytes a cell in rouge-score-rs: 1.6 GB for two
20,000-word texts on one line each). Past ``LSUM_CELLS`` this module computes that
metric itself, with ROUGE-1.5.5 mode's union LCS in bounded memory and the backend's
own tokenizer: rouge-score's backtrace makes ROUGE-1.5.5's choices, so the marks, the
hits and the scores are the same (checked against both packages by the tests).
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from summarizer.errors import ResourceError, RougeOptionError, value_repr
from summarizer.metrics.measures import rpf

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.metrics.rouge155.score import Score

BACKENDS = ("rouge-score-rs", "rouge-score")
DEFAULT_BACKEND = "rouge-score-rs"
_MODULES = {"rouge-score-rs": "rouge_score_rs.rouge_scorer", "rouge-score": "rouge_score.rouge_scorer"}
_DISTS = {"rouge-score-rs": "rouge-score-rs", "rouge-score": "rouge-score"}
VALID_METRICS = tuple(f"rouge{n}" for n in range(1, 10)) + ("rougeL", "rougeLsum")
# Characters of the longest prediction sentence times those of the longest reference
# sentence past which rougeLsum is computed here: at most this many table cells (a token
# has a character at least), 64 MB in rouge-score-rs.
LSUM_CELLS = 1 << 24


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
            f"unknown rouge-score backend {value_repr(backend)}; choose one of "
            f"{', '.join(BACKENDS)}"
        )
    try:
        return importlib.import_module(_MODULES[backend])
    except ImportError as exc:
        raise ResourceError(
            f"rouge-score backend {value_repr(backend)} is not installed (pip install "
            f"{_DISTS[backend]}), "
            f"or choose the other backend ({', '.join(b for b in BACKENDS if b != backend)})"
        ) from exc


def as_text(text: str | Sequence[str]) -> str:
    """A summary given as sentences becomes newline-separated text (for rougeLsum)."""
    return text if isinstance(text, str) else "\n".join(text)


def _sentences(text: str) -> list[str]:
    """rougeLsum's sentences: the lines of the text that are not empty."""
    return [s for s in text.split("\n") if s]


def _longest(text: str) -> int:
    return max(map(len, text.split("\n")), default=0)


def summary_level_lcs(ref_sents: list[list[str]], pred_sents: list[list[str]]) -> Score:
    """rouge-score's ``rougeLsum`` of tokenised sentences, in memory linear in their length
    (its ``_summary_level_lcs``, with the union LCS of ROUGE-1.5.5 mode)."""
    # here, not at the top: settings.py imports this module for BACKENDS, and the CLI's
    # --help must not load rouge155's scorer (its skip-bigrams import numpy)
    from summarizer.metrics.rouge155.lcs import ModelLayout, union_lcs_hits
    from summarizer.metrics.rouge155.score import Score

    m = sum(map(len, ref_sents))
    n = sum(map(len, pred_sents))
    if not m or not n:  # (also no sentence on either side)
        return Score(0.0, 0.0, 0.0)
    hits = union_lcs_hits(ModelLayout(ref_sents), pred_sents,
                          Counter(t for s in ref_sents for t in s),
                          Counter(t for s in pred_sents for t in s))
    recall = hits / m
    precision = hits / n
    # rouge_score.scoring.fmeasure, operation for operation
    f = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return Score(recall, precision, f)


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
                f"rouge-score mode has no metric {value_repr(bad[0])}; valid: rouge1..rouge9, "
                "rougeL, rougeLsum"
            )
        module = load_backend(backend)
        self.metrics = list(metrics)
        kwargs: dict[str, Any] = {"use_stemmer": stem}
        if tokenizer == "unicode":
            from summarizer.metrics.unicode_tokenize import UnicodeTokenizer

            kwargs["tokenizer"] = UnicodeTokenizer(use_stemmer=stem)
        elif tokenizer != "default":
            raise RougeOptionError(f"unknown tokenizer {value_repr(tokenizer)}; use 'default' or "
                                   "'unicode'")
        self._scorer = module.RougeScorer(self.metrics, **kwargs)
        # for rougeLsum on long sentences (LSUM_CELLS): the backend's tokenizer, and a
        # scorer of the other metrics
        self._tokenize = (kwargs["tokenizer"] if "tokenizer" in kwargs
                          else module.tokenizers.DefaultTokenizer(stem)).tokenize
        rest = [m for m in self.metrics if m != "rougeLsum"]
        self._rest = module.RougeScorer(rest, **kwargs) if rest and rest != self.metrics else None
        # rouge-score-rs scores a batch natively on all cores (same numbers).
        self._batch = getattr(self._scorer, "score_batch", None) if tokenizer == "default" else None

    def tokens(self, text: str | Sequence[str]) -> list[str]:
        """The tokens of ``text`` as the backend compares them (its tokeniser, stemming)."""
        return list(self._tokenize(as_text(text)))

    def score(
        self, summary: str | Sequence[str], references: Sequence[str | Sequence[str]]
    ) -> dict[str, tuple[float, float, float]]:
        """Score one summary against one or more references (best F per metric)."""
        prediction = as_text(summary)
        if self._long_lsum(prediction, references):
            return self._score_long_lsum(prediction, [as_text(r) for r in references])
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
        single = [i for i, (summ, refs) in enumerate(pairs)
                  if len(refs) == 1 and not self._long_lsum(as_text(summ), refs)]
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

    def _long_lsum(self, prediction: str, references: Sequence[str | Sequence[str]]) -> bool:
        """Whether rougeLsum is asked for and the backend's table could pass LSUM_CELLS."""
        if "rougeLsum" not in self.metrics:
            return False
        longest = max((_longest(as_text(r)) for r in references), default=0)
        return _longest(prediction) * longest > LSUM_CELLS

    def _score_long_lsum(self, prediction: str, references: list[str]
                         ) -> dict[str, tuple[float, float, float]]:
        """score() with rougeLsum computed here, the other metrics by the backend; of
        several references each metric keeps the first with the best F (score_multi)."""
        pred_sents = [self._tokenize(s) for s in _sentences(prediction)]
        lsum = [rpf(summary_level_lcs([self._tokenize(s) for s in _sentences(r)], pred_sents))
                for r in references]
        best = max(range(len(lsum)), key=lambda i: lsum[i][2])
        out = {"rougeLsum": lsum[best]}
        if self._rest is not None:
            raw = (self._rest.score(references[0], prediction) if len(references) == 1
                   else self._rest.score_multi(references, prediction))
            out.update((m, rpf(raw[m])) for m in self._rest.rouge_types)
        return {m: out[m] for m in self.metrics}
