"""Fit generated text to the user's budget without ending mid-sentence."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from summarizer.languages import word_ends
from summarizer.sentence_ends import ends_sentence
from summarizer.sentences.split import split_spans
from summarizer.summarizers.budget import Budget, fill_budget

# Rough English sizes, only used to size max_new_tokens before generating;
# the budget itself is enforced exactly on the text afterwards.
BYTES_PER_WORD = 6.0
WORDS_PER_SENTENCE = 25


@dataclass
class FittedText:
    """Sentences kept within the budget, and what was left out and why."""

    sentences: list[str]
    truncated_last: bool = False
    generated_sentences: int = 0
    dropped_incomplete: int = 0
    dropped_over_budget: int = 0
    dropped_unsupported: int = 0  # by the faithfulness guard (guard="drop")
    joined: int = 0  # fragments given joined as the one sentence kept (no complete one written)
    notes: list[str] = field(default_factory=list)

    def report(self) -> dict:
        # each generated sentence is kept (a fragment joined with others too) or counted
        # under one reason: the four counts add up to generated_sentences
        return {
            "generated_sentences": self.generated_sentences,
            "kept_sentences": len(self.sentences) - (1 if self.joined else 0) + self.joined,
            "dropped_incomplete": self.dropped_incomplete,
            "dropped_over_budget": self.dropped_over_budget,
            "dropped_unsupported": self.dropped_unsupported,
            "truncated_last": self.truncated_last,
            "notes": self.notes,
        }

    def why_empty(self) -> str | None:
        """Why no sentence was kept (None when one was), for the user."""
        if self.sentences:
            return None
        if not self.generated_sentences:
            return "the model generated no text"
        reasons = [f"{n} {why}" for n, why in (
            (self.dropped_unsupported, "not supported by the sources (guard='drop')"),
            (self.dropped_incomplete, "incomplete (cut by the token cap)"),
            (self.dropped_over_budget, "over the budget")) if n]
        return (f"none of the {self.generated_sentences} generated sentence(s) was kept: "
                + ", ".join(reasons))


def is_complete(sentence: str, language: str = "english") -> bool:
    """Whether a sentence ends like a finished sentence of ``language``: with its
    final punctuation ("." "!" "?", and "。" "।" "؟" ...), maybe followed by
    closing quotes or brackets. (Only ".!?…" counted: every Hindi or Chinese
    sentence was taken for one cut off by the token cap and dropped.)"""
    from summarizer.languages import normalize_language

    return ends_sentence(sentence, normalize_language(language))


def complete_count(sents: list[str], language: str = "english") -> int:
    """How many of ``sents`` come before the trailing ones without final punctuation: those
    are incomplete, cut off by the token cap (a sentence without it in the middle, a
    bullet line or a heading, is not)."""
    n = len(sents)
    while n and not is_complete(sents[n - 1], language):
        n -= 1
    return n


def sentences_of(text: str, language: str = "english") -> list[str]:
    """Split generated text into sentences (whitespace normalised). Text in which the
    splitter finds no sentence (punctuation only: a random model's "````") is one, so
    that it is counted, checked and noted like any other generated sentence."""
    found = [" ".join(text[s:e].split()) for s, e in split_spans(text, language) if text[s:e].strip()]
    return found or ([" ".join(text.split())] if text.strip() else [])


def target_words(budget: Budget, language: str = "english") -> int:
    """The budget expressed as an approximate number of words, in the unit of
    :func:`summarizer.languages.count_words`: in Chinese, Japanese or Thai a
    character is a word, and 3 UTF-8 bytes (6 bytes a word made a 100-character
    budget ask for 16 words, and the model stopped at a fraction of it)."""
    from summarizer.languages import is_spaceless

    spaceless = is_spaceless(language)
    if budget.unit == "words" or (budget.unit == "chars" and spaceless):
        return budget.limit
    if budget.unit in ("bytes", "chars"):
        return max(1, int(budget.limit / (3 if spaceless else BYTES_PER_WORD)))
    return budget.limit * WORDS_PER_SENTENCE


def tokens_for_words(words: int, tokens_per_word: float) -> int:
    """New tokens to allow for ``words`` words, with room to finish a sentence."""
    return int(math.ceil(words * tokens_per_word * 1.15)) + 8


def fit(text: str, budget: Budget, language: str = "english") -> FittedText:
    """Keep whole, complete sentences of ``text`` while they fit ``budget`` (see
    :func:`fit_sentences`)."""
    return fit_sentences(sentences_of(text, language), budget, language)


def fit_sentences(sents: list[str], budget: Budget, language: str = "english",
                  dropped: set[int] | frozenset[int] = frozenset(),
                  fragments: bool = True) -> FittedText:
    """Keep whole, complete sentences while they fit ``budget``, by the shared
    rule (``budget.Filler`` for running text: filling stops at the first
    sentence that does not fit, which with ``budget.truncate`` is cut to fill
    the budget, DUC rules).

    ``sents`` are all the generated sentences; those at the positions in
    ``dropped`` (the guard's) are left out and counted as such, so that every
    generated sentence is kept or counted under one reason. The trailing
    sentence without final punctuation (generation stopped by the token cap)
    is dropped first (:func:`complete_count`). When not one complete sentence
    fits, the first sentence left is cut at a word boundary and the cut is
    flagged and noted; when the model wrote no complete sentence (and the guard
    dropped none), its fragments are given, noted, unless ``fragments`` is
    False (the guard found one unsupported).
    """
    result = FittedText(sentences=[], generated_sentences=len(sents),
                        dropped_unsupported=len(dropped))
    left = [t for i, t in enumerate(sents) if i not in dropped]
    candidates = left[:complete_count(left, language)]
    result.dropped_incomplete = len(left) - len(candidates)
    filled = fill_budget(enumerate(candidates), budget, running_text=True)
    kept = filled.sentences
    result.dropped_over_budget = len(candidates) - len(filled.taken)
    result.truncated_last = bool(filled.cut_text)
    # The fallback: the first sentence cut to the budget, or, where the model wrote no
    # complete sentence, its fragments. Not fragments the guard left: what it dropped
    # was the complete text, and a fragment standing for it would read as the summary;
    # nor fragments it found unsupported (``fragments``).
    if not kept and (candidates or (left and not dropped and fragments)):
        first = candidates[0] if candidates else " ".join(left)
        part = budget.cut(first, []) if budget.unit != "sentences" else first
        if part != first:  # a byte or character cut falls inside a word: back to its start
            part = first[:max((e for e in word_ends(first) if e <= len(part)), default=0)]
        if part:
            kept.append(part)
            result.truncated_last = part != first
            if candidates:  # counted over the budget above, and given cut
                result.dropped_over_budget -= 1
                given = ("no complete sentence of the generated text fits the budget; "
                         "the first sentence is given")
            else:  # the fragments, counted incomplete above, are given
                result.dropped_incomplete -= len(left)
                result.joined = len(left)
                given = ("the model wrote no complete sentence; its fragment is given"
                         if len(left) == 1 else
                         f"the model wrote no complete sentence; its {len(left)} fragments "
                         "are given, joined")
            result.notes.append(
                given
                + (" cut at a word boundary" if part != first else "")
                + (" although it lacks final punctuation" if not is_complete(part, language)
                   else "")
            )
    elif not kept and left and not dropped:  # not fragments: the guard's check refused them
        result.notes.append("the model wrote no complete sentence, and its fragments are not "
                            "supported by the sources: none is given (guard='drop')")
    result.sentences = kept
    return result
