"""Word forms of one cluster merged for the coverage summariser's concepts (option
``word_forms``; off by default).

A concept is a word bigram, so "vláda schválila" and "vlády schválily" (Czech), or
"הממשלה החליטה" and "בממשלה החליטה" (Hebrew, whose articles and prepositions are written
onto the word), are different concepts and each may miss the two documents a concept
needs. The first three uses take no language's stemmer: the affixes are learned from the cluster's
own vocabulary (its candidate sentences' content words), in the manner of unsupervised
morphology (Hafer & Weiss 1974's successor counts; Goldsmith 2001's stems that share
endings), and a word changes only when the cluster shows the pattern:

* endings (``"suffix"``): a word splits into a stem of at least :data:`MIN_STEM`
  characters and an ending of at most :data:`MAX_ENDING`, the empty ending included.
  An ending is *productive* when at least ``share`` of the vocabulary's size of stems
  take it, each of them with another ending (a stem with one ending is just a word); a
  stem is a paradigm when it takes two productive endings. A word's key is the shortest
  paradigm stem it starts with, followed by a productive ending, so "vláda", "vlády"
  and "vládou" share "vlád" where the cluster shows "vlád" with two such endings;
* prefixes (``"prefix"``): a word is a prefix of at most :data:`MAX_PREFIX` characters
  written onto another word of the vocabulary (of at least :data:`MIN_STEM` - 1
  characters), where that prefix is productive: at least ``share`` of the vocabulary's
  size of such pairs (Hebrew's ה, ב, ו, ל, מ, ש in every TAC cluster; English and Czech
  have none that often). The word becomes the word it was written onto;
* both (``"affix"``): prefixes off first, then endings.

Or a language's stemmer groups them (``"snowball"``, :func:`stemmed_forms`): the words with
one Snowball stem (:mod:`summarizer.summarizers.snowball`) share a key.

A key's words become the key's most frequent word (ties: the first in code-point order),
so a concept stays a pair of real words. Function words (the concepts' stopwords) and
words with digits are never merged. The map is for the concepts only: the summary's text
and its ROUGE scores read the words as written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from summarizer.errors import value_repr

# What the coverage option ``word_forms`` can ask for.
WORD_FORMS = ("suffix", "prefix", "affix")
MIN_STEM = 4  # characters a stem keeps
MAX_ENDING = 3  # characters an ending can have
MAX_PREFIX = 2  # characters a prefix can have


def word_forms(tokens: Iterable[Sequence[str]], stopwords: frozenset[str], use: str,
               share: float = 0.01) -> dict[str, str]:
    """The words of ``tokens`` (sentences of one cluster) that ``use`` (``"suffix"``,
    ``"prefix"`` or ``"affix"``, module docstring) merges with another form, each mapped to
    the form that stands for them; words left alone are absent. ``share``: how much of the
    vocabulary's size an affix's count must reach to be productive."""
    if use not in WORD_FORMS:
        raise ValueError(f"use must be one of {WORD_FORMS}, got {value_repr(use)}")
    if not 0 < share < 1:
        raise ValueError(f"share must be in (0, 1), got {share}")
    freq = content_words(tokens, stopwords)
    need = max(2.0, share * len(freq))
    key = {w: w for w in freq}
    if use in ("prefix", "affix"):
        vocab = set(freq)
        prefixes = _prefixes(vocab, need)
        key = {w: _strip(w, vocab, prefixes) for w in freq}
    if use in ("suffix", "affix"):
        stems = _suffix_keys(set(key.values()), need)
        key = {w: stems.get(k, k) for w, k in key.items()}
    return _merge(key, freq)


def stemmed_forms(tokens: Iterable[Sequence[str]], stopwords: frozenset[str],
                  stem_words: Callable[[Sequence[str]], list[str]]) -> dict[str, str]:
    """As :func:`word_forms`, with the words that ``stem_words`` (a list of words in, their
    stems out, in order: a Snowball stemmer's ``stemWords``) gives one stem as the groups."""
    freq = content_words(tokens, stopwords)
    words = list(freq)
    return _merge(dict(zip(words, stem_words(words), strict=True)), freq)


def content_words(tokens: Iterable[Sequence[str]], stopwords: frozenset[str]) -> Counter:
    """How often each word of ``tokens`` occurs that may merge: not a stopword, no digit
    (the vocabulary the merges work on; the eval scripts count it too)."""
    # not str.isalpha: a Devanagari vowel sign is a mark, not a letter
    return Counter(w for t in tokens for w in t
                   if w not in stopwords and not any(ch.isdigit() for ch in w))


def _merge(key: dict[str, str], freq: Counter) -> dict[str, str]:
    """The words whose ``key`` another word shares, each mapped to the group's most frequent
    word (ties: the first in code-point order)."""
    members: dict[str, list[str]] = defaultdict(list)
    for w, k in key.items():
        members[k].append(w)
    out: dict[str, str] = {}
    for group in members.values():
        if len(group) > 1:
            head = min(group, key=lambda w: (-freq[w], w))
            out.update((w, head) for w in group if w != head)
    return out


def _strip(word: str, vocab: set[str], prefixes: set[str]) -> str:
    """``word`` without its productive prefixes, as long as what is left is a word of
    ``vocab`` (Hebrew ו+ה+word: both off), the longest prefix tried first."""
    while True:
        for k in range(MAX_PREFIX, 0, -1):
            rest = word[k:]
            if word[:k] in prefixes and len(rest) >= MIN_STEM - 1 and rest in vocab:
                word = rest
                break
        else:
            return word


def _prefixes(vocab: set[str], need: float) -> set[str]:
    """Prefixes of up to MAX_PREFIX characters written onto at least ``need`` words."""
    pairs = Counter(w[:k] for w in vocab for k in range(1, MAX_PREFIX + 1)
                    if len(w) - k >= MIN_STEM - 1 and w[k:] in vocab)
    return {p for p, n in pairs.items() if n >= need}


def _suffix_keys(vocab: set[str], need: float) -> dict[str, str]:
    """Each word of ``vocab`` that starts with a paradigm stem followed by a productive
    ending, mapped to the shortest such stem."""
    endings: dict[str, set[str]] = defaultdict(set)  # stem -> the endings seen after it
    for w in vocab:
        for e in range(min(MAX_ENDING, len(w) - MIN_STEM) + 1):
            endings[w[:len(w) - e]].add(w[len(w) - e:])
    productive = Counter(e for ends in endings.values() if len(ends) > 1 for e in ends)
    good = {e for e, n in productive.items() if n >= need}
    out = {}
    for w in vocab:
        for e in range(min(MAX_ENDING, len(w) - MIN_STEM), -1, -1):  # shortest stem first
            stem, end = w[:len(w) - e], w[len(w) - e:]
            if end in good and len(endings[stem] & good) > 1:
                out[w] = stem
                break
    return out
