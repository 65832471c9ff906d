"""The one interface every summariser implements, and its result type."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from summarizer.documents.model import Cluster, check_taken
from summarizer.errors import BudgetError, InputError, describe, value_repr
from summarizer.languages import join_text
from summarizer.summarizers.budget import Budget


@dataclass
class SummarySentence:
    """One sentence of a summary and where it came from.

    For abstractive output ``doc_id`` is None and ``sources`` may list the
    input sentences (doc_id, index) the text was generated from; with the
    faithfulness guard on, ``evidence`` holds the best supporting source
    sentences (offsets, scores), ``unsupported`` the numbers, dates and
    names no source backs, and ``supported`` the verdict. A compressed
    extractive sentence lists its ``edits`` (cuts and the capitalisation they caused).
    """

    text: str
    doc_id: str | None = None
    sentence_index: int | None = None
    start: int | None = None
    end: int | None = None
    score: float | None = None
    truncated: bool = False
    sources: list[tuple[str, int]] = field(default_factory=list)
    supported: bool | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    unsupported: list[dict[str, Any]] = field(default_factory=list)
    # compression edits (summarizers/compress.py): applied to the source span
    # start:end they give ``text`` exactly
    edits: list[Any] = field(default_factory=list)


@dataclass
class Summary:
    """A summary: its sentences with provenance, and the settings that made it."""

    sentences: list[SummarySentence]
    method: str
    budget: Budget
    settings: dict[str, Any] = field(default_factory=dict)
    coverage: dict[str, Any] | None = None
    faithfulness: dict[str, Any] | None = None  # abstractive guard report

    @property
    def text(self) -> str:
        return join_text([s.text for s in self.sentences])

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (``json.dumps`` takes them); :meth:`from_dict` reads them back."""
        return {
            "text": self.text,
            "method": self.method,
            "budget": self.budget.to_dict(),
            "settings": self.settings,
            "coverage": self.coverage,
            "sentences": [asdict(s) for s in self.sentences],
            **({"faithfulness": self.faithfulness} if self.faithfulness is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """The summary :meth:`to_dict` wrote (after a trip through JSON too): equal to the
        one written. ``text`` is not read: it is the sentences joined."""
        from summarizer.summarizers.compress import Edit
        from summarizer.values import check_values, type_hints

        def checked(row: Any, kind: type) -> Any:
            # a sentence's text of null (or an offset of "abc") was taken, and the summary's
            # .text failed later with "'NoneType' object is not subscriptable"
            if isinstance(row, dict):
                check_values(row, type_hints(kind), f"not a summary's to_dict(): "
                             f"{kind.__name__} field ", InputError)
            return row

        def listed(row: dict, key: str, size: int | None = None) -> list:
            # {} or "ab" were read as lists (none, or ("a",), ("b",)): a record damaged, not read
            items = row[key] if key == "sentences" else row.get(key, [])
            if not isinstance(items, list) or any(
                    size is not None and (not isinstance(x, list) or len(x) != size) for x in items):
                raise InputError(f"not a summary's to_dict(): {key!r} must be a list"
                                 f"{f' of {size}-item lists' if size else ''}, "
                                 f"not {value_repr(items)}")
            return items

        if not isinstance(data, dict):  # "'NoneType' object is not subscriptable"
            raise InputError(f"not a summary's to_dict(): a {type(data).__name__}, not a dict")
        try:
            sentences = [SummarySentence(**{
                **checked(row, SummarySentence),
                "sources": [tuple(s) for s in listed(row, "sources", 2)],
                "edits": [Edit(**checked(e, Edit)) for e in listed(row, "edits")]})
                for row in listed(data, "sentences")]
            return cls(sentences, data["method"], Budget.from_dict(data["budget"]),
                       data.get("settings", {}), data.get("coverage"), data.get("faithfulness"))
        # not what to_dict writes; a damaged budget too: the record is data, not the caller's
        except (KeyError, TypeError, AttributeError, BudgetError) as exc:
            missing = [key for key in ("sentences", "method", "budget") if key not in data]
            said = (f"it has no {', '.join(map(repr, missing))}" if missing  # "KeyError: 'method'"
                    else describe(exc))
            raise InputError(f"not a summary's to_dict(): {said}") from None


def check_arguments(cluster: Any, budget: Any) -> None:
    """A one-line :class:`InputError` for ``summarize(cluster, budget)`` called with other
    things (a string, a number as the budget): every summariser checks this first."""
    check_taken(cluster, Cluster, "summarize()")
    if not isinstance(budget, Budget):
        raise InputError(f"summarize() takes a Budget such as Budget(words=100), not "
                         f"{type(budget).__name__}")


class Summarizer(ABC):
    """Base class: ``summarize(cluster, budget) -> Summary``.

    Subclasses set ``name`` and take their options in ``__init__``; the
    options are reported in ``Summary.settings`` through ``settings()``.
    The extractive ones keep what they compute for a cluster in that call, not on the
    object: one summariser serves many clusters, and several threads at once, and gives
    each cluster the summary it gives alone (tests/summarizers/test_sum_threads.py).
    """

    name: ClassVar[str] = ""

    @abstractmethod
    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        """Summarise one cluster within ``budget``."""

    def settings(self) -> dict[str, Any]:
        """Options that determine the output, recorded with every Summary."""
        return {}
