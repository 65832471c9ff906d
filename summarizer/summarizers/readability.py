"""Readable openings: a summary should not start with a word that points back.

"But he said ..." or "They were ..." as a first sentence refers to something
the reader never saw. When the chosen sentences are put in order, a sentence
that opens with such a word is not placed first if another chosen sentence
can open instead -- the first chosen sentence of another document -- that
one moves to the front and the rest keep their (chronological) order. The content of the summary is unchanged.

When no reordering helps (one document, or every document's first chosen
sentence dangles), :func:`swap_opening` trades one of the dangling sentences
the summary opens with for the best self-contained sentence whose score is
nearly as high (within ``tolerance`` of it), that fits the budget in its
place and opens the summary once ordered.

Later sentences can dangle too: "They also ..." whose "they" was in a
sentence the summary left out. :func:`swap_dangling` mends such a sentence
(its document predecessor not right before it in the summary) by the same
rules: its predecessor comes in for the weakest chosen sentence it nearly
equals, or else the sentence goes for a nearly as good self-contained one; each
trade must leave fewer sentences without their antecedent.

The word list is English (pronouns and connectives that need an antecedent),
so it is used on English text only (:func:`applies_to`): elsewhere the words
mean other things (Turkish "Her yıl" is "every year", Danish "Her" is "here",
German "Also" is "so") and the order is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for hints only: this module runs on the standard library alone
    from summarizer.summarizers.candidates import Scores

_PRONOUNS = r"he|she|they|it|his|her|their|them|its|theirs|hers|these|those|this"
# "At the meeting, they ...": a short opening phrase, then a pronoun.
_PHRASE_THEN_PRONOUN = re.compile(
    r"^[\"'“‘(]*(?:[^\s,.;:]+\s+){0,5}?[^\s,.;:]+,\s+(?:" + _PRONOUNS + r")\b", re.IGNORECASE)
_DANGLING = re.compile(
    r"^[\"'“‘(]*(?:he|she|they|it|its|his|her|hers|their|theirs|them|this|these|those|that|"
    r"there|such|but|and|or|so|also|however|meanwhile|moreover|furthermore|nevertheless|"
    r"still|yet|instead|besides|then|thus|therefore|otherwise|likewise|similarly|"
    r"nonetheless|additionally|later|afterwards|earlier|both|another|the latter|the former)\b",
    re.IGNORECASE,
)
# "This year's session ...", "These days ...": "this" points at the time of writing,
# not back at an earlier sentence, so the opening stands on its own.
_TIME_DEIXIS = re.compile(
    r"^[\"'“‘(]*(?:this|these)\s+(?:year|years|week|weeks|month|months|morning|afternoon|"
    r"evening|weekend|season|spring|summer|autumn|fall|winter|days|century|decade)\b",
    re.IGNORECASE,
)


def applies_to(language: str | None) -> bool:
    """Whether the English word lists above apply to text in ``language``."""
    from summarizer.languages import normalize_language

    return normalize_language(language) == "english"


# Openings the word list takes for dangling that stand on their own: existential "There
# were ...", an expletive "It is expected that ...", "It is raining", "Earlier this week",
# "So-called ...", "Then-president ...", "The former president ..." (where "The former
# said" points back). The swaps they caused traded a self-contained lead away.
_SELF_CONTAINED = re.compile(
    r"^[\"'“‘(]*(?:"
    r"there\s+(?:is|are|was|were|has|have|had|will|would|could|may|might|seems?|appears?)\b"
    r"|it\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be)\s+(?:not\s+)?"
    r"(?:expected|likely|unlikely|unclear|clear|possible|impossible|believed|thought|feared|"
    r"hoped|reported|understood|estimated|known|important|necessary|raining|snowing)\b"
    r"|(?:earlier|later)\s+(?:this|today|tonight|yesterday|on|in)\b"
    r"|the\s+former\s+(?!(?:said|says|is|was|has|had|will|would|added|told)\b)[a-z]"
    r"|\w+-)",
    re.IGNORECASE,
)


def dangling_opening(text: str) -> bool:
    """True when ``text`` starts with a pronoun or connective that needs context."""
    text = text.lstrip()
    if _PHRASE_THEN_PRONOUN.match(text):  # "This year, they ...": still dangles
        return True
    found = _DANGLING.match(text)
    if not found or _TIME_DEIXIS.match(text) or _SELF_CONTAINED.match(text):
        return False
    word = text[found.start():found.end()].lstrip("\"'“‘(")
    # "IT workers", not "it"; but in a text all in capitals the word is the word
    acronym = len(word) > 1 and word.isupper() and not text[found.end():].isupper()
    return not acronym


def readable_first(ordered: Sequence[int], texts: Sequence[str],
                   docs: Sequence[int] | None = None) -> list[int]:
    """``ordered`` with the earliest sentence that does not dangle moved to the
    front, if the first one dangles (``texts[i]`` is the text of item ``i``).
    Only the first chosen sentence of its document (``docs[i]``) may move, so
    every document's sentences keep their order."""
    out = list(ordered)
    if not out or not dangling_opening(texts[out[0]]):
        return out
    seen: set = set()
    for k, i in enumerate(out):
        doc = docs[i] if docs is not None else i
        if doc not in seen and not dangling_opening(texts[i]):
            return [i] + out[:k] + out[k + 1:]
        seen.add(doc)
    return out


def swap_opening(
    texts: Sequence[str],
    chosen: list[int],
    scores: Scores,
    fits: Callable[[list[int]], bool],
    excluded: Callable[[int, list[int]], bool] = lambda i, others: False,
    tolerance: float = 0.25,
    order: Callable[[list[int]], list[int]] = sorted,
    candidates: Sequence[int] | None = None,
) -> tuple[list[int], tuple[int, int] | None]:
    """If the summary, put in ``order``, still opens with a dangling sentence,
    trade one of the dangling sentences it opens with for the best self-contained
    item scoring at least ``(1 - tolerance)`` times as much, such that the new
    summary opens cleanly.

    The opening run of dangling sentences is tried weakest first; ``candidates``
    limits the alternatives (default: every item). ``fits(items)``
    says whether a selection fits the budget; ``excluded(i, others)`` refuses an
    item (e.g. a near-duplicate of the others). Returns the new selection and
    the (removed, added) pair, or the input and None.
    """
    ordered = order(list(chosen))
    if not ordered or not dangling_opening(texts[ordered[0]]):
        return chosen, None
    run = []
    for i in ordered:
        if not dangling_opening(texts[i]):
            break
        run.append(i)
    alternatives = _self_contained(texts, chosen, scores, candidates)
    for weak in sorted(run, key=lambda i: scores[i]):
        rest = [i for i in chosen if i != weak]
        floor = (1.0 - tolerance) * scores[weak]
        for i in alternatives:
            if scores[i] < floor:
                break
            new = rest + [i]
            if (not dangling_opening(texts[order(new)[0]]) and fits(new)
                    and not excluded(i, rest)):
                return new, (weak, i)
    return chosen, None


def _self_contained(texts: Sequence[str], chosen: Sequence[int], scores: Scores,
                    candidates: Sequence[int] | None) -> list[int]:
    """The items not chosen that do not dangle, best score first: what a dangling
    sentence may be traded for (``candidates``: the items to consider; None: all)."""
    taken = set(chosen)
    items = range(len(texts)) if candidates is None else candidates
    return sorted((i for i in items if i not in taken and not dangling_opening(texts[i])),
                  key=lambda i: -scores[i])


def missing_antecedents(ordered: Sequence[int], texts: Sequence[str],
                        follows: Callable[[int, int], bool]) -> list[int]:
    """The items of ``ordered`` after the first that dangle although the item
    before them is not their antecedent: ``follows(a, b)`` is True when ``a``
    is the sentence right before ``b`` in ``b``'s document ("They also ..."
    whose "they" was in a sentence the summary left out)."""
    return [b for a, b in zip(ordered, ordered[1:], strict=False)
            if dangling_opening(texts[b]) and not follows(a, b)]


def swap_dangling(
    texts: Sequence[str],
    chosen: list[int],
    scores: Scores,
    fits: Callable[[list[int]], bool],
    follows: Callable[[int, int], bool],
    excluded: Callable[[int, list[int]], bool] = lambda i, others: False,
    tolerance: float = 0.25,
    order: Callable[[list[int]], list[int]] = sorted,
    candidates: Sequence[int] | None = None,
    antecedent: Callable[[int], int | None] | None = None,
) -> tuple[list[int], list[tuple[int, int]]]:
    """Mend the sentences that dangle without their antecedent (see
    :func:`missing_antecedents`; a dangling opener counts too), one trade at a
    time, each a sentence out and one in that scores at least ``(1 -
    tolerance)`` times as much:

    * first, the antecedent comes in: ``antecedent(i)`` (the sentence right
      before ``i`` in its document, or None) replaces the weakest chosen
      sentence it nearly equals -- the dangling sentence keeps its place and
      gains its context;
    * else the dangling sentence goes, weakest first, for the best
      self-contained item among ``candidates`` (default: every item).

    The rules of :func:`swap_opening` hold (``fits``, ``excluded``); a trade
    is made only if the summary, put in ``order``, then has fewer dangling
    sentences than before, so there are at most as many trades as there were
    dangling sentences. Returns the new selection and the (removed, added)
    pairs in the order they were made.
    """
    def missing(items: list[int]) -> list[int]:
        ordered = order(items)
        head = ordered[:1] if ordered and dangling_opening(texts[ordered[0]]) else []
        return head + missing_antecedents(ordered, texts, follows)

    def better(weak: int, new: int, rest: list[int], bad: int) -> bool:
        return (scores[new] >= (1.0 - tolerance) * scores[weak] and fits(rest + [new])
                and len(missing(rest + [new])) < bad and not excluded(new, rest))

    chosen = list(chosen)
    bad = missing(chosen)
    if not bad:
        return chosen, []
    alternatives = _self_contained(texts, chosen, scores, candidates)
    trades: list[tuple[int, int]] = []
    while bad:
        trade = None
        if antecedent is not None:
            trade = next(((w, p) for b in sorted(bad, key=lambda i: -scores[i])
                          if (p := antecedent(b)) is not None and p not in chosen
                          for w in sorted(chosen, key=lambda i: scores[i])
                          if w != b and better(w, p, [i for i in chosen if i != w], len(bad))),
                         None)
        for weak in [] if trade else sorted(bad, key=lambda i: scores[i]):
            rest = [i for i in chosen if i != weak]
            trade = next(((weak, i) for i in alternatives
                          if i not in rest and better(weak, i, rest, len(bad))), None)
            if trade:
                break
        if trade is None:
            break  # no dangling sentence has a near-equal mend
        trades.append(trade)
        chosen = [i for i in chosen if i != trade[0]] + [trade[1]]
        bad = missing(chosen)
    return chosen, trades
