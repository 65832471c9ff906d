"""Background word frequencies: how common a word is outside the cluster.

The coverage summariser's concepts are weighted by what happens inside the cluster
(position-weighted document frequency). This module adds what a language's general use
says about their words, from one background word list per language, the same rule for
every language (``wordfreq``'s "small" lists, words of frequency 1e-6 and above, for
40-odd languages; a dependency of the package since it became the default, issue 12):

* **background IDF** of a word, ``log(1 / f) / log(1 / f_min)`` in (0, 1], with ``f`` its
  background frequency and ``f_min`` the list's lowest: 1 for a word the list does not
  hold, about 0.2 for the most common words of a language;
* **background stopwords**: the list's :data:`STOPWORD_RANK` most frequent words, real
  function words in every language (the cluster's own most frequent tokens, used outside
  English otherwise, include its topic's words);
* **topic signature terms** (Lin & Hovy 2000): words whose count in the cluster is
  improbable under their background frequency, by the log-likelihood ratio of a binomial
  with the cluster's own rate against one with the background's, at or above
  :data:`SIGNATURE_LLR` (chi-squared, one degree of freedom, p = .001), and more frequent
  in the cluster than in the background.

:func:`concept_factors` turns these into one multiplier per concept (a word bigram).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from summarizer.errors import ResourceError, UnknownLanguageError, value_repr
from summarizer.values import integer

# What the coverage option ``background`` can ask for.
BACKGROUND_USES = ("idf", "stopwords", "idf-stopwords", "signature")
# The background's most frequent words that count as function words.
STOPWORD_RANK = 100
# chi-squared(1) at p = .001, the threshold of Lin & Hovy's topic signatures
SIGNATURE_LLR = 10.83
WORDLIST = "small"  # wordfreq's list size: words of frequency 1e-6 and above


@dataclass(frozen=True)
class Background:
    """One language's background frequencies (proportions of running words)."""

    code: str
    freqs: Mapping[str, float]
    floor: float  # the lowest frequency the list holds: unknown words get it
    # (frequency, words) from the most frequent, as wordfreq's file holds them: the top
    # words then need no ranking of the whole list
    buckets: Sequence[tuple[float, Sequence[str]]] = field(default=(), repr=False,
                                                           compare=False)

    def frequency(self, word: str) -> float:
        f = self.freqs.get(word)
        if f is None and any(ch.isdigit() for ch in word):
            f = _number_frequency(word, self.code, self.freqs)
        return f if f and f > self.floor else self.floor

    def idf(self, word: str) -> float:
        """``log(1 / f) / log(1 / floor)``: 1 for the rarest, near 0.2 for 'the'."""
        return math.log(self.frequency(word)) / math.log(self.floor)

    @cached_property
    def _stopword_sets(self) -> dict[int, frozenset[str]]:
        return {}

    def stopwords(self, rank: int = STOPWORD_RANK) -> frozenset[str]:
        """The list's ``rank`` most frequent words (ties by spelling), picked once per
        language, not at every summary, off its buckets of equal frequency, most frequent
        first, so that only the top buckets are sorted (0.2 ms for the English list where
        ranking it all took 4: README, Speed and long input)."""
        got = self._stopword_sets.get(rank)
        if got is None:
            got = self._stopword_sets[rank] = self._top_from_buckets(rank)
        return got

    def _top_from_buckets(self, rank: int) -> frozenset[str]:
        # the ranking's words: by frequency, then spelling within a bucket; a word that a
        # later bucket repeats (the dict keeps its last frequency) counts only there
        top: list[str] = []
        for freq, words in self.buckets or _buckets_of(self.freqs):
            if len(top) >= rank:
                break
            same = sorted({w for w in words if self.freqs[w] == freq})
            top.extend(same[:rank - len(top)])
        return frozenset(top)

    def signature_terms(self, counts: Mapping[str, int],
                        threshold: float = SIGNATURE_LLR) -> frozenset[str]:
        """Words of ``counts`` (the cluster's token counts) whose count is improbable
        under their background frequency (module docstring)."""
        n = sum(counts.values())
        out = []
        for w, k in counts.items():
            p = self.frequency(w)
            if k <= n * p:
                continue
            if binomial_llr(k, n, p) >= threshold:
                out.append(w)
        return frozenset(out)


def _buckets_of(freqs: Mapping[str, float]) -> list[tuple[float, list[str]]]:
    """(frequency, words) from the most frequent, for a Background built from a dict alone
    (wordfreq's files come in this form: :func:`frequencies`)."""
    words: dict[float, list[str]] = {}
    for word, freq in freqs.items():
        words.setdefault(freq, []).append(word)
    return sorted(words.items(), reverse=True)


def binomial_llr(k: int, n: int, p: float) -> float:
    """``-2 log`` of the likelihood ratio of ``k`` successes in ``n`` trials under rate
    ``p`` against the rate ``k / n`` that fits them best (0 when they agree)."""
    q = k / n

    def part(x: float, a: float, b: float) -> float:
        return x * math.log(a / b) if x > 0 else 0.0

    return 2.0 * (part(k, q, p) + part(n - k, 1.0 - q, 1.0 - p))


def _number_frequency(word: str, code: str, freqs: Mapping[str, float]) -> float:
    # wordfreq folds digits into a shape ("2005" -> "0000") and spreads its frequency:
    # its tokenizer and digit rules are needed here, so the package is imported (80 ms)
    import wordfreq
    from wordfreq.numbers import digit_freq, smash_numbers

    if wordfreq.get_language_info(code)["tokenizer"] in ("mecab", "jieba"):
        # its word_frequency would tokenise with MeCab or jieba, optional modules (a
        # Japanese "G20" was an internal error without them): the word as one token
        shape = freqs.get(smash_numbers(word))
        return shape * digit_freq(word) if shape else 0.0
    return float(wordfreq.word_frequency(word, code, WORDLIST))


# The lists are read from wordfreq's own data files without importing the package: its
# import (langcodes, ftfy, regex) took 79 ms of a 0.4 s cold start, reading a list 8
# (eval/results/bench_background.md). tests/summarizers/test_sum_background.py checks
# that these readers give what wordfreq's available_languages and get_frequency_dict do.
def _wordfreq_dir() -> Path | None:
    """The installed wordfreq package's folder, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


def require_wordfreq() -> Path:
    """The wordfreq package's folder. Raises :class:`ResourceError` now, when the
    summariser is built, if ``wordfreq`` is missing: not at the first summary, after a
    run's folder and settings exist. It is a dependency of the package, so only a broken
    install lacks it."""
    found = _wordfreq_dir()
    if found is None:
        raise ResourceError(
            "the coverage summariser's background word lists need wordfreq, a dependency of "
            "summarizer that is not installed (pip install 'wordfreq>=3.1,<4'); "
            "background=None (--option background=null) summarises without them")
    return found


# The languages whose "small" list wordfreq 3.1 (the versions this package takes) ships:
# one of these whose file is gone (removed, a broken install) is a ResourceError naming
# it, not "no background" (the language was summarised without one, its summaries
# changed unsaid, as for a language wordfreq has no list for).
SHIPPED_LISTS = frozenset(
    "ar bg bn ca cs da de el en es fa fi fil fr he hi hu id is it ja ko lt lv mk ms nb nl pl "
    "pt ro ru sh sk sl sv ta tr uk ur vi zh".split())


def wordlist_files(wordlist: str = WORDLIST) -> dict[str, Path]:
    """Language code -> file of wordfreq's ``wordlist`` lists, as its
    ``available_languages`` finds them (``<list>_<code>.msgpack.gz`` in its data folder)."""
    out = {}
    for path in (require_wordfreq() / "data").glob("*.msgpack.gz"):
        if not path.name.startswith("_"):
            name, code = path.name.split(".")[0].split("_")
            if name == wordlist:
                out[code] = path
    return out


def read_wordlist(path: Path) -> list[list[str]]:
    """The buckets of one of wordfreq's "cBpack" files: gzipped msgpack of a header then
    one bucket of words per centibel, most frequent first (:func:`frequencies`). A file of
    another format (a later wordfreq) raises :class:`ResourceError`."""
    import gzip

    import msgpack

    try:
        with gzip.open(path, "rb") as f:
            data = msgpack.load(f, raw=False)
    except (OSError, EOFError, ValueError, msgpack.UnpackException) as exc:
        # unreadable (no permission, a folder), damaged or cut short: a traceback was said
        said = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise ResourceError(f"{path}: the wordfreq word list cannot be read ({said}); "
                            f"{_REINSTALL}") from None
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or integer(header.get(
            "version")) != 1:  # integer(): a bool (true == 1) or a float is no version
        raise ResourceError(f"{path}: not a wordfreq word list of the format this package "
                            f"reads (cBpack version 1): header {value_repr(header)}")
    return data[1:]


def frequencies(buckets: Sequence[Sequence[str]]) -> list[tuple[float, Sequence[str]]]:
    """The buckets of a cBpack file with their frequencies: bucket ``i`` holds the words
    of frequency ``10 ** (-i / 100)``, wordfreq's ``cB_to_freq(-i)``."""
    return [(10 ** (-index / 100), words) for index, words in enumerate(buckets)]


def frequency_dict(buckets: Sequence[tuple[float, Sequence[str]]]) -> dict[str, float]:
    """Word -> frequency, as wordfreq's ``get_frequency_dict`` builds it (a word in two
    buckets keeps the later one's frequency and its first place)."""
    freqs: dict[str, float] = {}
    for freq, words in buckets:
        for word in words:
            freqs[word] = freq
    return freqs


@lru_cache(maxsize=16)
def load_background(code: str) -> Background | None:
    """The background list of the language with ISO 639-1 ``code``; None when
    ``wordfreq`` has none for it. Raises :class:`ResourceError` without ``wordfreq``, and
    where a list it ships (:data:`SHIPPED_LISTS`) is missing, cannot be read or holds no
    words: naming the file, not read as no background."""
    path = wordlist_files().get(code)
    if path is None:
        if code in SHIPPED_LISTS:
            raise ResourceError(
                f"{require_wordfreq() / 'data' / f'{WORDLIST}_{code}.msgpack.gz'}: the "
                f"wordfreq word list of {value_repr(code)} is missing; {_REINSTALL}")
        return None
    buckets = frequencies(read_wordlist(path))
    freqs = frequency_dict(buckets)
    if not freqs:
        raise ResourceError(f"{path}: the wordfreq word list holds no words; {_REINSTALL}")
    return Background(code, freqs, min(freqs.values()), buckets)


# what to do about a list of wordfreq's that is missing or damaged
_REINSTALL = ("reinstall wordfreq (pip install --force-reinstall 'wordfreq>=3.1,<4'); "
              "background=None (--option background=null) summarises without the lists")


def background_for(language: str | None) -> Background | None:
    """The background of a language named as the package names languages (a name or a
    code): the list of the first of its codes that ``wordfreq`` has one for (Norwegian's
    is "nb", not "no"); None for a language without a list, or one the package does not
    know."""
    from summarizer.languages import get_language

    try:
        codes = get_language(language).codes
    except UnknownLanguageError:  # no background, as for a language without a list
        return None
    for code in codes:
        found = load_background(code)
        if found is not None:
            return found
    return None


def concept_stopwords(background: Background | None, own: frozenset[str]) -> frozenset[str]:
    """The function words that concepts leave out: the background list's
    :data:`STOPWORD_RANK` most frequent words, else ``own`` (the cluster's own most frequent
    tokens, a pool's ``stopwords``) for a language without a list."""
    return background.stopwords() if background is not None else own


def wordfreq_version() -> str:
    """The installed wordfreq's version, from the METADATA of the one
    ``wordfreq-*.dist-info`` beside the package (importlib.metadata imports email, 10 ms);
    from importlib.metadata when that is not how it is installed."""
    here = require_wordfreq().parent
    infos = list(here.glob("wordfreq-*.dist-info"))
    if len(infos) == 1:
        try:
            with open(infos[0] / "METADATA", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():  # end of the headers
                        break
        except OSError:
            pass
    import importlib.metadata

    return importlib.metadata.version("wordfreq")


@lru_cache(maxsize=1)
def source() -> str:
    """What the backgrounds are, as a summary's settings record it: the lists and the
    installed ``wordfreq``'s version (another version's lists give other summaries)."""
    return f"wordfreq {wordfreq_version()} {WORDLIST} lists"


def concept_factors(names: Sequence[tuple[str, ...]], background: Background, use: str,
                    tokens: Iterable[Sequence[str]] = ()) -> np.ndarray:
    """One multiplier per concept (a bigram of words, or one word) for ``use``:

    * ``"idf"`` / ``"idf-stopwords"``: the mean background IDF of its words;
    * ``"signature"``: 1 + the number of its words that are topic signature terms
      of the cluster whose sentences' ``tokens`` are given;
    * ``"stopwords"``: 1 (the background acts through the concepts' stopwords alone).
    """
    if use not in BACKGROUND_USES:
        raise ValueError(f"use must be one of {BACKGROUND_USES}, got {value_repr(use)}")
    if use == "stopwords":
        return np.ones(len(names))
    if use == "signature":
        sig = background.signature_terms(Counter(chain.from_iterable(tokens)))
        return np.array([1.0 + sum(w in sig for w in name) for name in names])
    idf = {w: background.idf(w) for w in set(chain.from_iterable(names))}
    # the sum from 0 then one division: a bigram's (a + b) / 2 to the bit
    return np.array([sum(idf[w] for w in name) / len(name) for name in names])
