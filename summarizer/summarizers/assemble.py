"""Choosing sentences within the budget and assembling the summary.

* :func:`fill` takes candidates in a priority order until the budget is full,
  never exceeding it, refusing near-duplicates, optionally cutting the last;
* :func:`build_summary` orders the chosen sentences and records provenance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from summarizer.errors import OptionError, value_repr
from summarizer.summarizers.base import Summary, SummarySentence
from summarizer.summarizers.budget import Budget, Filler
from summarizer.summarizers.candidates import Pool, Scores
from summarizer.summarizers.redundancy import Redundancy


def fill(
    ranked: Iterable[int],
    pool: Pool,
    budget: Budget,
    redundancy: Redundancy | None = None,
) -> tuple[list[int], int | None]:
    """Take sentences in ``ranked`` order within ``budget`` (the rule of
    :class:`~summarizer.summarizers.budget.Filler`), refusing near-duplicates
    of those already taken.

    Returns (chosen whole sentences, index of the sentence to cut or None).
    """
    filler: Filler[int] = Filler(budget)
    for i in ranked:
        text = pool.sentences[i].text
        # what does not fit is passed over before the near-duplicate test, not after: on
        # a long text the test (and what it remembers) ran for every later sentence
        if i in filler.taken or filler.passes_over(text) or (
                redundancy is not None and redundancy.duplicate(i, filler.taken)):
            continue
        filler.offer(i, text)
        if filler.done:
            break
    return filler.taken, filler.cut


ORDERS = ("coherent", "readable", "salience")


def order_sentences(pool: Pool, chosen: Sequence[int], scores: Scores | None,
                    order: str = "coherent") -> list[int]:
    """``coherent``: by document date/order, then position; ``readable``: the
    same, but never opening with a dangling pronoun or connective when the first
    sentence of another document can open (summarizers/readability.py);
    ``salience``: by score."""
    if order == "salience" and scores is not None:
        return sorted(chosen, key=lambda i: (-scores[i], pool.coherent_key(i)))
    if order not in ORDERS:
        raise OptionError(f"unknown order {value_repr(order)}; use one of {', '.join(ORDERS)}")
    ordered = sorted(chosen, key=pool.coherent_key)
    if order != "readable":
        return ordered
    from summarizer.summarizers.readability import applies_to, readable_first

    if not applies_to(pool.language):
        return ordered

    return readable_first(ordered, pool.texts, [s.doc_index for s in pool.sentences])


def build_summary(
    pool: Pool,
    chosen: Sequence[int],
    cut: int | None,
    budget: Budget,
    method: str,
    settings: dict[str, Any],
    scores: Scores | None = None,
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
                                       start=s.start,
                                       end=s.end if prefix == s.text else s.start + len(prefix),
                                       score=None if scores is None else float(scores[cut]),
                                       truncated=prefix != s.text))
    if not budget.fits([x.text for x in out]):  # the hard cap; a bug if it ever fires
        raise RuntimeError(f"internal error: summary exceeds the {budget.describe()} budget")
    info = dict(settings)
    info.update({"order": order, "candidates": len(pool), "filtered_sentences": pool.filtered,
                 "language": pool.language})
    return Summary(sentences=out, method=method, budget=budget, settings=info)
