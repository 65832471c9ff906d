"""Readable openings: a summary should not start with a word that points back.

"But he said ..." or "They were ..." as a first sentence refers to something
the reader never saw. When the chosen sentences are put in order, a sentence
that opens with such a word is not placed first if another chosen sentence
can open instead; that one moves to the front and the rest keep their
(chronological) order. The content of the summary is unchanged.

The word list is English (pronouns and connectives that need an antecedent);
for other languages nothing matches and the order is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_DANGLING = re.compile(
    r"^[\"'“‘(]*(?:he|she|they|it|its|his|her|hers|their|theirs|them|this|these|those|that|"
    r"there|such|but|and|or|so|also|however|meanwhile|moreover|furthermore|nevertheless|"
    r"still|yet|instead|besides|then|thus|therefore|otherwise|likewise|similarly|"
    r"nonetheless|additionally|later|afterwards|earlier|both|another|the latter|the former)\b",
    re.IGNORECASE,
)


def dangling_opening(text: str) -> bool:
    """True when ``text`` starts with a pronoun or connective that needs context."""
    return bool(_DANGLING.match(text.lstrip()))


def readable_first(ordered: Sequence[int], texts: Sequence[str]) -> list[int]:
    """``ordered`` with the earliest sentence that does not dangle moved to the
    front, if the first one dangles (``texts[i]`` is the text of item ``i``)."""
    out = list(ordered)
    if not out or not dangling_opening(texts[out[0]]):
        return out
    for k, i in enumerate(out):
        if not dangling_opening(texts[i]):
            return [i] + out[:k] + out[k + 1:]
    return out
