"""Readable openings: a summary should not start with a word that points back.

"But he said ..." or "They were ..." as a first sentence refers to something
the reader never saw. When the chosen sentences are put in order, a sentence
that opens with such a word is not placed first if another chosen sentence
can open instead -- the first chosen sentence of another document -- that
one moves to the front and the rest keep their (chronological) order. The content of the summary is unchanged.

When every chosen sentence dangles, :func:`swap_opening` trades the
weakest of them for the best self-contained sentence whose score is nearly
as high (within ``tolerance`` of it) and that fits the budget in its place.

The word list is English (pronouns and connectives that need an antecedent);
for other languages nothing matches and the order is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def dangling_opening(text: str) -> bool:
    """True when ``text`` starts with a pronoun or connective that needs context."""
    text = text.lstrip()
    return bool(_DANGLING.match(text) or _PHRASE_THEN_PRONOUN.match(text))


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
    scores: Sequence[float],
    fits,
    excluded=lambda i, others: False,
    tolerance: float = 0.25,
) -> tuple[list[int], tuple[int, int] | None]:
    """If every chosen item dangles, replace the lowest-scoring one by the best
    self-contained item scoring at least ``(1 - tolerance)`` times as much.

    ``fits(items)`` says whether a selection fits the budget; ``excluded(i,
    others)`` refuses an item (e.g. a near-duplicate of the others). Returns
    the new selection and the (removed, added) pair, or the input and None.
    """
    if not chosen or not all(dangling_opening(texts[i]) for i in chosen):
        return chosen, None
    weakest = min(chosen, key=lambda i: scores[i])
    rest = [i for i in chosen if i != weakest]
    floor = (1.0 - tolerance) * scores[weakest]
    pool = sorted((i for i in range(len(texts)) if i not in chosen and scores[i] >= floor
                   and not dangling_opening(texts[i])), key=lambda i: -scores[i])
    for i in pool:
        if fits(rest + [i]) and not excluded(i, rest):
            return rest + [i], (weakest, i)
    return chosen, None
