"""Choosing sentences within the budget and assembling the summary.

* :func:`fill` takes candidates in a priority order until the budget is full,
  never exceeding it, refusing near-duplicates, optionally cutting the last;
* :func:`build_summary` orders the chosen sentences and records provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from summarizer.errors import InputError
from summarizer.summarizers.base import Summary, SummarySentence
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.redundancy import Redundancy


def fill(
    ranked: Sequence[int],
    pool: Pool,
    budget: Budget,
    redundancy: Redundancy | None = None,
    accept: Callable[[int, list[int]], bool] | None = None,
) -> tuple[list[int], int | None]:
    """Greedily take sentences in ``ranked`` order within ``budget``.

    Returns (chosen whole sentences, index of a sentence to cut or None).
    Without truncation a sentence that does not fit is skipped and later,
    shorter ones may still fill the room; with truncation the first one that
    does not fit is cut to fill the budget exactly.
    """
    chosen: list[int] = []
    texts: list[str] = []
    for i in ranked:
        if i in chosen or (redundancy is not None and redundancy.duplicate(i, chosen)):
            continue
        if accept is not None and not accept(i, chosen):
            continue
        if budget.fits(texts + [pool.sentences[i].text]):
            chosen.append(i)
            texts.append(pool.sentences[i].text)
            if budget.size(texts) >= budget.limit:
                break
            continue
        if budget.truncate:
            return chosen, (i if budget.cut(pool.sentences[i].text, texts) else None)
        if budget.unit == "sentences":
            break
    return chosen, None


def order_sentences(pool: Pool, chosen: Sequence[int], scores: Sequence[float] | None,
                    order: str = "coherent") -> list[int]:
    """``coherent``: by document date/order, then position; ``salience``: by score."""
    if order == "salience" and scores is not None:
        return sorted(chosen, key=lambda i: (-scores[i], pool.coherent_key(i)))
    if order not in ("coherent", "salience"):
        raise InputError(f"unknown order {order!r}; use 'coherent' or 'salience'")
    return sorted(chosen, key=pool.coherent_key)


def build_summary(
    pool: Pool,
    chosen: Sequence[int],
    cut: int | None,
    budget: Budget,
    method: str,
    settings: dict[str, Any],
    scores: Sequence[float] | None = None,
    order: str = "coherent",
) -> Summary:
    """A Summary with provenance: whole sentences in order, then the cut one.

    The cut sentence always goes last so the budget is filled exactly and
    the cut falls at the end of the summary, as ROUGE's ``-l``/``-b`` would.
    """
    ordered = order_sentences(pool, chosen, scores, order)
    out: list[SummarySentence] = []
    for i in ordered:
        s = pool.sentences[i]
        out.append(SummarySentence(text=s.text, doc_id=s.doc_id, sentence_index=s.index,
                                   start=s.start, end=s.end,
                                   score=None if scores is None else float(scores[i])))
    if cut is not None and budget.truncate:
        s = pool.sentences[cut]
        prefix = budget.cut(s.text, [x.text for x in out])
        if prefix:
            out.append(SummarySentence(text=prefix, doc_id=s.doc_id, sentence_index=s.index,
                                       start=s.start, end=s.start + len(prefix),
                                       score=None if scores is None else float(scores[cut]),
                                       truncated=prefix != s.text))
    if not budget.fits([x.text for x in out]):  # the hard cap; a bug if it ever fires
        raise RuntimeError(f"internal error: summary exceeds the {budget.describe()} budget")
    info = dict(settings)
    info.update({"order": order, "candidates": len(pool), "filtered_sentences": pool.filtered,
                 "language": pool.language})
    return Summary(sentences=out, method=method, budget=budget, settings=info)
