"""Length budgets (words, chars, bytes or sentences, as hard caps) and the one
rule for filling them, :class:`Filler`, that every summariser uses.

Words are counted as :func:`summarizer.languages.count_words` defines them:
tokens between ASCII whitespace (a no-break space joins, as in ROUGE's ``-l``), except that in scripts written without spaces
(Chinese, Japanese, Thai ...) each character is one word. For text without
such characters this is exactly ROUGE-1.5.5's ``-l`` count, so ``--words 100``
means the same on English as before and 100 characters on Chinese. ``chars``
counts characters other than whitespace: the natural unit for those scripts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from summarizer.errors import BudgetError, value_repr
from summarizer.languages import char_cut, count_chars, count_words, grapheme_floor, word_ends
from summarizer.values import integer

# Far beyond any summary; larger values are almost certainly a mistake.
MAX_WORDS = 100_000
MAX_CHARS = 1_000_000
MAX_BYTES = 1_000_000
MAX_SENTENCES = 10_000


def holds_chars(used: int, text: str) -> bool:
    """Whether ``text`` keeps a summary of ``used`` characters (other than whitespace, the
    ``chars`` unit) within :data:`MAX_CHARS`, the largest budget of any character unit; for
    several sentences, give them joined by a space (not counted). A words or sentences
    budget holds no sentence beyond it either: a 52 MB run of letters without a space is
    one "word", and was a 52 MB summary under ``--words 50``. (The length is looked at
    first: no count for a text of usual length.)"""
    return used + len(text) <= MAX_CHARS or used + count_chars(text) <= MAX_CHARS


@dataclass(frozen=True)
class Budget:
    """A summary length limit in exactly one unit.

    Words are whitespace-separated tokens (each character of a script written
    without spaces is one word; see the module docstring), chars are
    characters other than whitespace, and bytes are UTF-8 bytes of the
    space-joined text, as ROUGE-1.5.5 counts them for ``-b``.
    With ``truncate`` the last sentence is cut so the budget is filled
    exactly (DUC rules); without it only whole sentences are used.
    """

    words: int | None = None
    bytes: int | None = None
    sentences: int | None = None
    truncate: bool = False
    chars: int | None = None

    def __post_init__(self) -> None:
        given = {k: v for k, v in (("words", self.words), ("chars", self.chars),
                                   ("bytes", self.bytes), ("sentences", self.sentences))
                 if v is not None}
        if not isinstance(self.truncate, bool):  # truncate="no" is truthy: it would cut
            raise BudgetError(f"truncate must be True or False, not {value_repr(self.truncate)}")
        if len(given) != 1:
            raise BudgetError("give exactly one of words, chars, bytes or sentences")
        (unit, given_value), = given.items()
        value = integer(given_value)
        if value is None:
            raise BudgetError(f"{unit} budget must be an integer, got {value_repr(given_value)}")
        object.__setattr__(self, unit, value)  # NumPy's int64 as int: settings are JSON
        if value <= 0:
            raise BudgetError(f"{unit} budget must be positive, got {value_repr(value)}")
        cap = {"words": MAX_WORDS, "chars": MAX_CHARS, "bytes": MAX_BYTES,
               "sentences": MAX_SENTENCES}[unit]
        if value > cap:
            raise BudgetError(f"{unit} budget {value_repr(value)} is absurdly large (max {cap})")
        if self.truncate and unit == "sentences":
            raise BudgetError("truncation needs a words, chars or bytes budget")

    @property
    def unit(self) -> str:
        for unit in ("words", "chars", "bytes"):
            if getattr(self, unit) is not None:
                return unit
        return "sentences"

    @property
    def limit(self) -> int:
        return int(getattr(self, self.unit))

    def size(self, texts: list[str]) -> int:
        """Size of the given sentences joined by single spaces, in this unit."""
        if self.unit == "sentences":
            return len(texts)
        if self.unit == "words":
            return sum(count_words(t) for t in texts)
        if self.unit == "chars":
            return sum(count_chars(t) for t in texts)
        return len(" ".join(texts).encode("utf-8"))

    def fits(self, texts: list[str]) -> bool:
        """Whether the sentences ``texts`` together keep within the budget (its unit only:
        :func:`holds_chars` is the bound on characters whatever the unit)."""
        return self.size(texts) <= self.limit

    def size_after(self, size: int, count: int, text: str) -> int:
        """``size(texts + [text])`` from ``size == size(texts)`` and ``count == len(texts)``,
        without measuring ``texts`` again (bytes count the space that joins two texts)."""
        return size + self.size([text]) + (self.unit == "bytes" and count > 0)

    def cut(self, text: str, used: Sequence[str]) -> str:
        """The longest prefix of ``text`` (an exact prefix, so character offsets
        hold) that still fits after the sentences ``used``; "" when nothing fits.
        A cut falls between grapheme clusters (never between a letter and its
        marks, nor inside an emoji sequence). Sentence budgets are never cut."""
        room = self.limit - self.size(list(used))
        if self.unit == "words":
            if room <= 0:
                return ""
            ends = word_ends(text)
            return text[: ends[min(room, len(ends)) - 1]] if ends else ""
        if self.unit == "chars":
            return text[: grapheme_floor(text, char_cut(text, room))].rstrip() if room > 0 else ""
        if self.unit == "bytes":
            room -= 1 if used else 0  # the joining space
            if room <= 0:
                return ""
            fits = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
            return text[: grapheme_floor(text, len(fits))].rstrip()
        return ""

    def describe(self) -> str:
        """``words=100`` or ``bytes=665,truncate``: the budget in a message or a file name."""
        return f"{self.unit}={self.limit}" + (",truncate" if self.truncate else "")

    def to_dict(self) -> dict:
        """``{"unit", "limit", "truncate"}``, as summaries and runs record it."""
        return {"unit": self.unit, "limit": self.limit, "truncate": self.truncate}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Budget:
        """The budget :meth:`to_dict` wrote."""
        if not isinstance(data, dict) or data.get("unit") not in ("words", "chars", "bytes",
                                                                  "sentences"):
            raise BudgetError(f"not a budget: {value_repr(data)}")
        return cls(**{data["unit"]: data.get("limit")}, truncate=data.get("truncate", False))


K = TypeVar("K", bound=Hashable)  # how a caller names its candidates (a sentence index)


@dataclass
class Filler(Generic[K]):
    """The one way a summary is filled to its budget, whatever the unit.

    Candidates are offered one at a time, best first (:meth:`offer`):

    * a candidate that fits whole next to those taken is taken;
    * one that does not fit, with ``budget.truncate``: it is cut to the
      longest exact prefix that fills the room left (:meth:`Budget.cut`),
      becomes the last sentence and filling ends -- the summary is the
      ranked candidates cut at the budget, as ROUGE's ``-l``/``-b`` cut
      an over-long summary. A cut that would leave nothing is not made;
    * without truncation a candidate that does not fit is skipped and a
      later, shorter one may still fit; for ``running_text`` (generated text,
      read in order) filling ends there instead, so no sentence in the middle
      goes missing;
    * filling ends as soon as the budget is full.

    Only ``Budget.size_after``/``cut`` are used, the size of what is taken
    added up as it is taken, so any unit the budget knows works here unchanged.
    """

    budget: Budget
    running_text: bool = False
    taken: list[K] = field(default_factory=list)  # keys of the whole candidates
    texts: list[str] = field(default_factory=list)
    cut: K | None = None  # key of the candidate cut to fill the rest
    cut_text: str = ""
    done: bool = False
    used: int = 0  # budget.size(texts), kept as texts are taken (never counted again)
    chars: int = 0  # characters other than whitespace taken (MAX_CHARS bounds them)

    def offer(self, key: K, text: str) -> bool:
        """Offer one candidate; True when it was taken whole."""
        if self.done:
            return False
        size = self._size_with(text)
        if size <= self.budget.limit:
            chars = self.chars + count_chars(text)  # counted once, and kept if it is taken
            if chars <= MAX_CHARS:
                self.taken.append(key)
                self.texts.append(text)
                self.used, self.chars = size, chars
                self.done = size >= self.budget.limit
                return True
            if not self.running_text:
                # within the unit, over MAX_CHARS alone: passed over in any unit, as a words
                # cut is (a sentences budget is not full: a 1 MB first sentence ended it empty)
                return False
        if self.budget.truncate:
            part = self.budget.cut(text, self.texts)
            if part and not holds_chars(self.chars, part):
                return False  # a words cut is never inside a word: passed over, not ending
            if part:
                self.cut, self.cut_text = key, part
            self.done = True
        elif self.running_text or self.budget.unit == "sentences":
            self.done = True
        return False

    def passes_over(self, text: str) -> bool:
        """Whether :meth:`offer` would skip ``text`` and go on (it does not fit whole, and
        is neither cut nor the end of filling): a caller may then skip its other checks
        (a near-duplicate test on each of 300,000 sentences of a long text)."""
        if self.done or self.budget.truncate or self.running_text:
            return False
        if self._size_with(text) > self.budget.limit:  # a sentences budget is full: the end
            return self.budget.unit != "sentences"
        return not holds_chars(self.chars, text)

    def _size_with(self, text: str) -> int:
        return self.budget.size_after(self.used, len(self.texts), text)

    @property
    def sentences(self) -> list[str]:
        """The texts of the summary: the whole ones, then the cut one."""
        return self.texts + ([self.cut_text] if self.cut_text else [])


def fill_budget(
    candidates: Iterable[tuple[K, str]], budget: Budget, running_text: bool = False
) -> Filler[K]:
    """Offer ``(key, text)`` candidates in order to a :class:`Filler` until it is done."""
    filler: Filler[K] = Filler(budget, running_text)
    for key, text in candidates:
        filler.offer(key, text)
        if filler.done:
            break
    return filler


def make_budget(
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    truncate: bool = False,
    default_words: int = 100,
    chars: int | None = None,
) -> Budget:
    """Build a Budget, defaulting to ``default_words`` words when none is given."""
    if words is None and bytes is None and sentences is None and chars is None:
        words = default_words
    return Budget(words=words, bytes=bytes, sentences=sentences, truncate=truncate, chars=chars)
