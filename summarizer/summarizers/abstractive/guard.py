"""The faithfulness guard: check generated sentences, then flag or drop them.

``flag`` keeps the text as generated and attaches to each sentence its
evidence and unsupported items; ``drop`` removes unsupported sentences
before the budget is filled, so later generated sentences take their place;
``off`` checks nothing. The check itself lives in ``summarizer.faithfulness``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from summarizer.documents.model import Cluster
from summarizer.errors import UnknownMethodError, did_you_mean, value_repr
from summarizer.faithfulness import GUARDS, FaithfulnessChecker, SentenceCheck, SourceIndex
from summarizer.faithfulness.checker import checked_text
from summarizer.summarizers.abstractive.output import (
    FittedText,
    complete_count,
    fit,
    fit_sentences,
    sentences_of,
)
from summarizer.summarizers.base import SummarySentence
from summarizer.summarizers.budget import Budget


def check_guard(guard: str) -> str:
    if guard not in GUARDS:
        raise UnknownMethodError(f"unknown guard {value_repr(guard)}{did_you_mean(guard, GUARDS)}; "
                                 f"choose one of: {', '.join(GUARDS)}")
    return guard


def guarded_fit(
    text: str, cluster: Cluster, budget: Budget, guard: str, checker: FaithfulnessChecker,
    language: str = "english",
) -> tuple[FittedText, list[SentenceCheck | None], dict[str, Any] | None]:
    """Fit ``text`` to ``budget`` under ``guard``; the checks align with the kept sentences."""
    if guard == "off":
        fitted = fit(text, budget, language)
        return fitted, [None] * len(fitted.sentences), None
    # The check reads its own form of the text, and its items' offsets point into it: the
    # summary's sentences must be that text (decomposed accents put them two characters
    # off, a soft hyphen or bidi mark one)
    text = checked_text(text)
    index = SourceIndex(cluster)
    dropped: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []  # trailing fragments not given for want of support
    known = None
    if guard == "drop":
        # every generated sentence is checked, complete or not, and each one left out
        # is recorded under one reason: here as unsupported, or by fit_sentences as
        # incomplete or over the budget. The trailing ones cut off by the token cap are
        # incomplete whatever their support (fit_sentences never keeps them); their check
        # only decides whether they may stand in as fragments where nothing else is left.
        sents = sentences_of(text, language)
        first = checker.check(sents, index)
        complete = complete_count(sents, language)
        gone = {i for i, c in enumerate(first.sentences[:complete]) if not c.supported}
        dropped = [_dropped(c) for i, c in enumerate(first.sentences) if i in gone]
        fragments = all(c.supported for c in first.sentences[complete:])
        if not complete and not fragments:
            # nothing complete was written and the fragments are refused (fit_sentences'
            # note says so): their checks say why, as a dropped sentence's do; they are
            # counted incomplete, not unsupported, so they are listed apart from dropped
            refused = [_dropped(c) for c in first.sentences]
        fitted = fit_sentences([c.text for c in first.sentences], budget, language, gone,
                               fragments=fragments)
        known = {c.text: c for c in first.sentences}  # a kept sentence is not checked again
    else:
        fitted = fit(text, budget, language)
    report = checker.check(fitted.sentences, index, known=known)
    info = {"guard": guard, **report.rates(), "settings": report.settings}
    if guard == "drop":
        info["dropped"] = dropped
        info["dropped_fragments"] = refused
        if dropped:
            fitted.notes.append(f"the guard dropped {len(dropped)} unsupported generated "
                                "sentence(s)")
    return fitted, list(report.sentences), info


def _dropped(check: SentenceCheck) -> dict[str, Any]:
    """What the summary's faithfulness info records of a sentence the guard left out."""
    return {"text": check.text, "support": check.support,
            "unsupported": [asdict(i) for i in check.unsupported]}


def to_sentence(text: str, check: SentenceCheck | None, seen: list[tuple[str, int]]) -> SummarySentence:
    """A summary sentence: ``sources`` is the input the model saw, ``evidence`` what backs it."""
    if check is None:
        return SummarySentence(text=text, sources=list(seen))
    return SummarySentence(
        text=text,
        sources=list(seen),
        score=check.support,
        supported=check.supported,
        evidence=[asdict(e) for e in check.evidence],
        unsupported=[asdict(i) for i in check.unsupported],
    )
