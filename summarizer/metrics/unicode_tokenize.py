"""A Unicode-aware ROUGE tokeniser, so that non-Latin scripts are scored.

Both ROUGE-1.5.5 and Google's ``rouge-score`` keep only ``[a-z0-9]``; Hindi,
Arabic, Greek or Chinese text then has no tokens at all and scores 0. This
tokeniser uses the package's one definition of a token,
:func:`summarizer.languages.unicode_tokens` (the summarisers' features use it
too): NFKC, full case folding (a capital dotted İ as i), runs of letters, combining
marks and digits (marks matter: Indic vowel signs are marks, and ``\\w`` alone would split
words at them); in scripts written without spaces (Han, kana, Thai, Lao,
Khmer, Myanmar) one token per character with its marks.

The same tokens are used in both modes. In ``rouge155`` mode the tokens are
handed to the exact core through :func:`encode_for_rouge155`, which keeps
ASCII words as they are (so ``-m`` stemming and ``-s`` stopwords still apply
to English words) and maps every other token to a unique ASCII id.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from summarizer.languages import unicode_tokens

__all__ = ["NAME", "Rouge155Encoder", "UnicodeTokenizer", "unicode_tokens"]

_ASCII_WORD_RE = regex.compile(r"[a-z0-9]*[a-z][a-z0-9]*")

NAME = "unicode"


class UnicodeTokenizer:
    """A ``rouge_score``-compatible tokeniser object (has ``tokenize(text)``).

    With ``stemmer`` (an object with ``stem(word)``, as ``rouge_score`` uses),
    ASCII words longer than 3 characters are stemmed, as ``rouge_score`` does;
    words in other scripts are left alone, since a Porter stemmer is for English.
    """

    def __init__(self, use_stemmer: bool = False) -> None:
        self.use_stemmer = use_stemmer
        self._stemmer = None
        if use_stemmer:
            from nltk.stem import porter

            # The variant rouge_score uses.
            self._stemmer = porter.PorterStemmer("ORIGINAL_ALGORITHM")

    def tokenize(self, text: str) -> list[str]:
        tokens = unicode_tokens(text)
        if self._stemmer is not None:
            stem = self._stemmer.stem
            tokens = [
                stem(t) if len(t) > 3 and _ASCII_WORD_RE.fullmatch(t) else t for t in tokens
            ]
        return tokens


class Rouge155Encoder:
    """Rewrites text as ASCII tokens the ROUGE-1.5.5 core keeps one-for-one.

    Tokens that are ASCII words with a letter pass through unchanged. Every
    other token (non-ASCII, or digits only) is replaced by a number from a
    vocabulary shared by one summary and its references, so equal tokens stay
    equal and no id can collide with a real word (real numbers get ids too).
    Use one encoder per scored pair.
    """

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def _token(self, token: str) -> str:
        if _ASCII_WORD_RE.fullmatch(token):
            return token
        found = self._ids.get(token)
        if found is None:
            found = self._ids[token] = str(len(self._ids))
        return found

    def encode(self, text: str | Sequence[str]) -> str | list[str]:
        """Encode a text, or a list of sentences (kept one per line)."""
        if isinstance(text, str):
            return " ".join(self._token(t) for t in unicode_tokens(text))
        return [" ".join(self._token(t) for t in unicode_tokens(s)) for s in text]


def encode_for_rouge155(
    summary: str | Sequence[str], references: Sequence[str | Sequence[str]]
) -> tuple[str | list[str], list[str | list[str]]]:
    """Encode one summary and its references with a shared vocabulary."""
    enc = Rouge155Encoder()
    return enc.encode(summary), [enc.encode(r) for r in references]
