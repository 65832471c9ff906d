"""The candidate sentences of a cluster, as every extractive method sees them.

:func:`prepare` splits a cluster into candidate sentences (sentences that are
no summary material and exact repeats left out) with their tokens;
:class:`Pool` holds them and gives the methods similarity features: sentence
embeddings for English, TF-IDF vectors otherwise (or when asked).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import count, islice
from typing import Any, TypeAlias, overload

import numpy as np
from numpy.typing import NDArray

from summarizer.documents.clean import is_boilerplate
from summarizer.documents.model import Cluster
from summarizer.errors import InputError, OptionError, value_repr
from summarizer.languages import count_words, has_spaceless, unicode_tokens
from summarizer.progress import stage
from summarizer.sentences import Sentence, iter_sentences
from summarizer.summarizers.features import (
    CharGrams,
    centroid_cosines,
    cosine_matrix,
    stopwords_for,
    tfidf_matrix,
)

# One score per sentence of a pool, by index: a list or the array a scorer returns.
Scores: TypeAlias = "Sequence[float] | NDArray[np.floating]"
# Languages for which the English sentence encoder is used by default.
ENCODER_LANGUAGES = ("english", "en")
# A date line, a byline or an agency sign-off, not content.
_BOILERPLATE = re.compile(
    r"^\s*(\(?[A-Za-z]{1,4}(/[A-Za-z]{1,4})+\)?|"  # jha/ga, (AP/ms)
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+\w+\s+\d{1,2},?\s+\d{4}|"
    r"(sources?|related news|external links?|see also)\s*:?)\s*$",
    re.IGNORECASE,
)


REPRESENTATIONS = ("embedding", "embedding!", "multilingual", "auto", "tfidf")


def check_representation(name: str) -> str:
    """``name`` if it is one of :data:`REPRESENTATIONS`, else an OptionError that lists them."""
    if name not in REPRESENTATIONS:
        raise OptionError(f"unknown representation {value_repr(name)}; use "
                          f"{', '.join(map(repr, REPRESENTATIONS[:-1]))} or "
                          f"{REPRESENTATIONS[-1]!r}")
    return name


@dataclass
class Pool:
    """Candidate sentences of one cluster and lazily computed features."""

    cluster: Cluster
    sentences: list[Sentence]
    # a TokenTable, or lists (pruned and compressed copies); read-only either way (a
    # TokenTable makes each list afresh: an edit in place would be lost), as typed
    tokens: Sequence[Sequence[str]]
    language: str
    stopwords: frozenset[str]
    doc_order: Sequence[int]  # chronological rank of each document index (an array)
    filtered: int = 0  # sentences left out as short, boilerplate or repeated
    notes: dict[str, Any] = field(default_factory=dict)  # what a method records (e.g. pruning)
    _cache: dict[str, Any] = field(default_factory=dict)
    # text -> vector per encoder, for this cluster only (kept by pruned and compressed
    # copies): an encoder whose vectors depend on the batch remembers nothing across
    # summaries, so a summary never depends on earlier ones or on other threads
    _memos: dict[str | None, dict[str, np.ndarray]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def texts(self) -> Sequence[str]:
        """Each sentence's text, sliced from its document when read (:class:`SentenceTexts`)."""
        return SentenceTexts(self.sentences)

    @property
    def english(self) -> bool:
        return self.language.lower() in ENCODER_LANGUAGES

    def representation(self, wanted: str) -> str:
        """The representation really used: ``embedding`` only for English
        (the encoder is English-centric) unless ``embedding!`` forces it."""
        if wanted == "embedding!":
            return "embedding"
        if wanted == "auto":  # MiniLM for English, multilingual E5 elsewhere when installed
            from summarizer.summarizers.multilingual import available

            wanted = "embedding" if self.english else "multilingual" if available() else "tfidf"
        if wanted == "embedding" and not self.english:
            return "tfidf"
        return check_representation(wanted)

    def vectors(self, kind: str, encoder: str | None = None,
                rows: Sequence[int] | None = None) -> np.ndarray:
        """Unit-length sentence vectors: ``embedding`` or ``tfidf``.

        ``rows``: only these sentences (in this order), e.g. a pruned candidate
        set, so nothing is computed for the others.
        """
        key = _cache_key("vec", kind, encoder, rows)
        if key not in self._cache:
            # read one at a time (the static encoder reads a bounded piece at a time): a
            # list of them held the 500 candidates of a 48 MB transcript again, 45 MB
            texts = SentenceTexts(self.sentences if rows is None
                                  else [self.sentences[i] for i in rows])
            if kind == "embedding":
                from summarizer.summarizers.embed import get_encoder

                memo = self._memos.setdefault(encoder, {})
                self._cache[key] = get_encoder(encoder).encode(texts, memo=memo)
            elif kind == "multilingual":
                from summarizer.summarizers.multilingual import encode

                self._cache[key] = encode(texts)
            elif kind.startswith(CHARS):  # character n-grams of the words (off by default)
                grams = CharGrams(self.tokens, self.stopwords, int(kind[len(CHARS):]))
                self._cache[key] = tfidf_matrix(grams, frozenset(), rows)
            else:
                self._cache[key] = tfidf_matrix(self.tokens, self.stopwords, rows)
        return self._cache[key]

    def similarity(self, kind: str, encoder: str | None = None,
                   rows: Sequence[int] | None = None, keep: bool = True) -> np.ndarray:
        """Pairwise cosine similarities (clipped at 0) for ``kind``: a dense
        len(rows) x len(rows) matrix, so callers bound ``rows`` on long input.
        ``keep=False``: the caller's own matrix (it may write over it), not kept for a
        later call (lexrank's was kept to the end of its summary and read by nobody: 16
        MB at 2,000 sentences), nor are vectors made only for it: lexrank's TF-IDF
        vectors (30 MB at 2,000 sentences of news) were held through its PageRank, the
        peak of a long input's summary."""
        key = _cache_key("sim", kind, encoder, rows)
        sim = self._cache.get(key)
        if sim is None:
            vec_key = _cache_key("vec", kind, encoder, rows)
            made = vec_key not in self._cache
            if kind == "multilingual":  # compressed cosines: ranked within the cluster
                from summarizer.summarizers.multilingual import relative_similarity

                sim = relative_similarity(self.vectors(kind, encoder, rows))
            else:
                sim = cosine_matrix(self.vectors(kind, encoder, rows))
            if keep:
                self._cache[key] = sim
            elif made:
                del self._cache[vec_key]
        elif not keep:
            sim = sim.copy()
        return sim

    def position(self, i: int) -> int:
        """Index of sentence ``i`` in its document (0 = lead)."""
        return self.sentences[i].index

    def coherent_key(self, i: int) -> tuple[int, int]:
        s = self.sentences[i]
        return (self.doc_order[s.doc_index], s.index)

    def doc_indices(self) -> NDArray[np.intp]:
        """Each sentence's document index, as an array: on a long text a list or a key
        tuple per sentence held tens of MB (a 50 MB text has 336,000 sentences)."""
        return np.fromiter((s.doc_index for s in self.sentences), dtype=np.intp,
                           count=len(self.sentences))

    def doc_ranks(self, docs: NDArray[np.intp] | None = None) -> NDArray[np.intp]:
        """Each sentence's document's chronological rank (``doc_order`` of its document), as
        an array; ``docs``: :meth:`doc_indices`, when the caller has them already."""
        return np.asarray(self.doc_order, dtype=np.intp)[
            self.doc_indices() if docs is None else docs]

    def rank_by_score(self, scores: NDArray[np.float64]) -> NDArray[np.intp]:
        """Sentences by score, highest first; a tie in coherent order (:meth:`coherent_key`)
        and then in pool order, as a stable sort on ``(-score, coherent_key)`` gives."""
        index = np.fromiter((s.index for s in self.sentences), dtype=np.intp,
                            count=len(self.sentences))
        return np.lexsort((index, self.doc_ranks(), -scores))  # the last key sorts first


# a representation kind: TF-IDF over the character n-grams of the words, n after it
CHARS = "tfidf-chars"


class SentenceTexts(Sequence[str]):
    """The texts of a list of sentences, read one at a time: the methods look at a few (the
    chosen ones, an opening's alternatives). A list of all of them held a 50 MB text's
    sentences again (66 MB), and twice at once while a summary was put in order."""

    __slots__ = ("_sentences",)

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences

    def __len__(self) -> int:
        return len(self._sentences)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [s.text for s in self._sentences[i]]
        return self._sentences[i].text

    def __iter__(self) -> Iterator[str]:
        return (s.text for s in self._sentences)


def centroid_scores(pool: Pool) -> np.ndarray:
    """Cosine of each sentence's TF-IDF vector to the cluster's TF-IDF centroid
    (:func:`~summarizer.summarizers.features.centroid_cosines` over the sentences' bags)."""
    return centroid_cosines(
        lambda: (Counter(t for t in toks if t not in pool.stopwords) for toks in pool.tokens),
        len(pool))


# Sentences that pairwise work (n x n similarity matrices) may compare, whatever cap an
# option sets: max_sentences or max_candidates of None or 10**12 lifted the default caps
# (2,000 and 500), and lexrank on a 5 MB text (17,802 sentences) ran out of memory. At this
# bound lexrank peaks at 1.25 GB, coverage (max_candidates) at 650 MB (whole process, the
# same text: eval/results/bench_memory_cap_10000.md).
MAX_PAIRWISE = 10_000


def check_pairwise(n: int, option: str, value: int | None) -> None:
    """An :class:`OptionError` before ``n`` sentences are compared pairwise, when ``n`` is
    above :data:`MAX_PAIRWISE` (memory grows with its square)."""
    if n > MAX_PAIRWISE:
        raise OptionError(f"{option}={value} leaves {n:,} sentences to compare pairwise "
                          f"({n:,} x {n:,} matrices, {8 * n * n / 1e9:,.1f} GB each); give "
                          f"{option} at most {MAX_PAIRWISE:,}")


def first_distinct(ranked: Iterable[int], tokens: Sequence[Sequence[str]], limit: int
                   ) -> list[int]:
    """The first ``limit`` of ``ranked`` (positions in a pool), each the first of those
    whose tokens are the same but for their numbers ("killed 52" and "killed 56": wire
    copies updated as counts change), in pool order. A cap that kept them all before the
    near-duplicate rule (which lets one of them into a summary) filled with variants of one
    sentence: 600 copies of an article with one count updated gave a summary of that one
    sentence."""
    seen: set[str] = set()
    out: list[int] = []
    for i in ranked:
        key = " ".join("#" if any(ch.isdigit() for ch in t) else t for t in tokens[i])
        if key in seen:
            continue
        seen.add(key)
        out.append(i)
        if len(out) >= limit:
            break
    return sorted(out)


def prune_pool(pool: Pool, limit: int) -> Pool:
    """The pool cut to its ``limit`` sentences most similar to the TF-IDF
    centroid (pool order kept; of sentences alike but for their numbers, the closest one:
    :func:`first_distinct`), with the cut recorded in ``notes``: methods
    that compare every pair of sentences stay bounded in time and memory."""
    if len(pool) <= limit:
        return pool
    keep = first_distinct(np.argsort(-centroid_scores(pool), kind="stable").tolist(),
                          pool.tokens, limit)
    notes = dict(pool.notes, pool_pruned=f"{len(pool)} -> {limit} candidate sentences, "
                 "the closest to the TF-IDF centroid (max_sentences)")
    return replace(pool, sentences=[pool.sentences[i] for i in keep],
                   tokens=[pool.tokens[i] for i in keep], notes=notes, _cache={})


def _cache_key(what: str, kind: str, encoder: str | None, rows: Sequence[int] | None) -> str:
    """The key of a pool's ``vec`` (vectors) or ``sim`` (similarities) cache entry. The rows
    are keyed by a digest of their values, not by ``hash()``, whose collisions
    (``hash(-1) == hash(-2)``) handed one row set another's vectors."""
    if rows is None:
        return f"{what}:{kind}:{encoder}:all"
    digest = hashlib.blake2b(np.asarray(rows, dtype=np.int64).tobytes(), digest_size=16)
    return f"{what}:{kind}:{encoder}:{len(rows)}:{digest.hexdigest()}"


def _chronology(cluster: Cluster) -> array:
    """Rank of each document by date (documents without a date keep input order): the
    dates sort as strings, as a Document holds its date in one sortable form
    (:func:`~summarizer.documents.dates.normalize_date`). An array: a list held an int
    object for each document (28 bytes), and a (date, index) pair was made for each even
    where one has no date (812,000 one-word documents: 23 MB held, 60 MB for a while)."""
    docs = cluster.documents
    order = array("q", range(len(docs)))
    if all(d.date for d in docs):
        for rank, (_, i) in enumerate(sorted((d.date, i) for i, d in enumerate(docs))):
            order[i] = rank
    return order


def _numbering(words: list[str]) -> defaultdict[str, int]:
    """word -> number, for ``words`` and then every new word looked up (the next number, in
    C: a list comprehension of setdefault made preparation 5% slower)."""
    return defaultdict(count(len(words)).__next__, {w: k for k, w in enumerate(words)})


def sentence_words(text: str, tokens: Sequence[str]) -> int:
    """A sentence's length as ``min_words`` counts it: its word tokens, or in
    Chinese/Japanese/Thai the package's word unit (each character is one)."""
    return count_words(text) if has_spaceless(text) else len(tokens)


def unsuitable_sentence(text: str, tokens: Sequence[str], min_words: int) -> bool:
    """True for a sentence that is no summary material: too short, no letters,
    a date or sign-off line, a bare heading, or what cleaning drops as a line of its own
    (``documents.clean.is_boilerplate``: "Sign up for our newsletter ...", "Copyright 2024
    ..."), which shares a line with a content sentence often enough."""
    if sentence_words(text, tokens) < min_words:
        return True
    if not any(ch.isalpha() for ch in text):
        return True
    return bool(_BOILERPLATE.match(text)) or is_boilerplate(text)


# From this many sentences a pool keeps its tokens in a TokenTable. Below, plain lists: the
# methods read every list a few times, and making them again cost lead 5% of its time on
# a TAC cluster (about 300 sentences); the summaries are the same either way.
TABLE_FROM = 20_000
# ... or from this many tokens in its lists (what TABLE_FROM sentences of news hold, 25
# each): text without sentence punctuation splits into few, long sentences (a 5 MB line
# into 166), and their lists held a str object per word, 47 MiB for 5 MB, 9 times the text.
TOKENS_FROM = 500_000


class TokenTable(Sequence[Sequence[str]]):
    """Token lists held as word numbers in one flat array: ``table[i]`` makes list ``i``
    again, each word one string object for all the lists. The token lists of a 50 MB
    text's 339,304 sentences held 91 MB, 270 bytes a sentence; here a token is 4 bytes.

    ``table[i]`` is a new list at every call, so editing it changes nothing stored. It is
    typed ``Sequence[str]``, read-only for mypy (which the suite runs over the package),
    rather than built as a tuple at every read: the guard at no cost on the hot path.
    Change the table with :meth:`append` and :meth:`drop`."""

    def __init__(self, lists: Iterable[Sequence[str]] = ()) -> None:
        self.words: list[str] = []  # word number -> the word
        self._number: dict[str, int] | None = _numbering([])  # while lists are added (seal)
        self.flat = array("I")  # every list's word numbers, one list after another
        self.ends = array("q")  # where each list ends in flat
        for tokens in lists:
            self.append(tokens)

    def append(self, tokens: Sequence[str]) -> None:
        number = self._number
        if number is None:
            number = self._number = _numbering(self.words)
        self.flat.extend(map(number.__getitem__, tokens))  # a new word takes the next number
        self.ends.append(len(self.flat))
        if len(number) > len(self.words):  # the new words, in the order they came
            self.words.extend(islice(number, len(self.words), None))

    def seal(self) -> None:
        """Free the word -> number map (the vocabulary again) once every list is in."""
        self._number = None

    def drop(self, rows: set[int]) -> None:
        """Leave out the lists ``rows``, in place."""
        flat, ends = self.flat, self.ends
        start = put = kept = 0
        for i, end in enumerate(ends):
            if i not in rows:
                flat[put:put + end - start] = flat[start:end]
                put += end - start
                ends[kept] = put
                kept += 1
            start = end
        del flat[put:], ends[kept:]

    def numbers(self) -> tuple[np.ndarray, np.ndarray]:
        """(every list's word numbers, one list after another; where each list ends), as
        arrays over the table's own buffers (no copy): ``self.words[n]`` is word ``n``. The
        table cannot grow while they are held."""
        flat = (np.frombuffer(self.flat, dtype=f"u{self.flat.itemsize}") if self.flat
                else np.zeros(0, dtype=np.uint32))
        ends = np.frombuffer(self.ends, dtype=np.int64) if self.ends else np.zeros(0, np.int64)
        return flat, ends

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, i: int) -> Sequence[str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[Sequence[str]]: ...

    def __getitem__(self, i: int | slice) -> Sequence[str] | list[Sequence[str]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self.ends)
        if not -n <= i < n:
            raise IndexError(f"token list {i} of {n}")
        i %= n
        words = self.words
        return [words[k] for k in self.flat[self.ends[i - 1] if i else 0:self.ends[i]]]

    def __iter__(self) -> Iterator[Sequence[str]]:
        words, flat, start = self.words, self.flat, 0
        for end in self.ends:
            yield [words[k] for k in flat[start:end]]
            start = end


def exact_repeats(hashes: array, tokens: Sequence[Sequence[str]]) -> set[int]:
    """Positions of the token lists that repeat an earlier one exactly, given the hash of
    each one's joined tokens: only lists whose hashes meet are joined again and compared.
    A dict of every hash held about 100 bytes a sentence (a set of the joined texts before
    it, the input again); an array and its sort hold 24."""
    h = np.array(hashes, dtype=np.int64)
    order = np.argsort(h, kind="stable")  # equal hashes together, earliest first
    h = h[order]
    same = h[1:] == h[:-1]
    met = np.flatnonzero(np.r_[same, False] | np.r_[False, same]).tolist()
    out: set[int] = set()
    texts: set[str] = set()  # the distinct joined tokens of the current hash
    last = None
    for p in met:
        if h[p] != last:
            texts, last = set(), h[p]
        i = int(order[p])
        norm = " ".join(tokens[i])
        if norm in texts:
            out.add(i)
        else:
            texts.add(norm)
    return out


def prepare(cluster: Cluster, min_words: int = 5, keep_length: bool = False) -> Pool:
    """Split ``cluster`` into candidate sentences.

    Sentences shorter than ``min_words`` word tokens, unsuitable sentences and
    exact repeats (same text, case and spacing ignored) are left out; if that
    leaves nothing, every non-empty sentence is a candidate so short inputs
    still get a summary, and ``notes["candidates_relaxed"]`` says so. With
    ``keep_length`` (a ``min_words`` the user gave) the shorter ones stay out even
    then: the pool may be empty.
    """
    if not cluster.documents or not any(d.text.strip() for d in cluster.documents):
        raise InputError("the cluster has no text to summarise")
    doc_order = _chronology(cluster)
    # documents in chronological order, each one's sentences in order: the order a sort
    # of all the sentences by (document rank, position) gave, without its keys
    by_date = sorted(range(len(cluster.documents)), key=doc_order.__getitem__)
    everything = list(iter_sentences(cluster, by_date))  # each holds a letter or digit
    if not everything:
        raise InputError("the cluster has no sentences to summarise")
    keep = array("q")  # the suitable sentences, by position in everything
    # long input: word numbers; a news cluster keeps lists, faster to read again
    tokens: TokenTable | list[list[str]] = (TokenTable() if len(everything) >= TABLE_FROM
                                            else [])
    hashes = array("q")  # the hash of each one's joined tokens, to find exact repeats
    held = 0  # tokens in the lists, while they are lists
    for k, s in enumerate(stage(everything, "tokenizing", unit="sentence")):
        text = s.text  # sliced from its document: once here, not three times
        toks = unicode_tokens(text)
        if unsuitable_sentence(text, toks, min_words):
            continue
        keep.append(k)
        tokens, held = _kept(tokens, toks, held)
        hashes.append(hash(" ".join(toks)))
    repeats = exact_repeats(hashes, tokens)
    del hashes
    if repeats:
        keep = array("q", (k for j, k in enumerate(keep) if j not in repeats))
        if isinstance(tokens, TokenTable):
            tokens.drop(repeats)
        else:
            tokens = [t for j, t in enumerate(tokens) if j not in repeats]
    notes: dict[str, Any] = {}
    if not keep:  # nothing is summary material: every sentence with a token, else all
        bar = min_words if keep_length else 0  # a min_words the user gave still holds
        for k, s in enumerate(everything):  # one list at a time: made all at once, the
            toks = unicode_tokens(s.text)   # lists of 812,000 one-word documents held 90 MB
            if toks and sentence_words(s.text, toks) >= bar:
                keep.append(k)
                tokens, held = _kept(tokens, toks, held)
        if not keep and bar <= 0:  # not one token: every sentence, each with its empty list
            keep = array("q", range(len(everything)))
            for _ in everything:
                tokens.append([])
        if keep:
            notes["candidates_relaxed"] = relaxed_note(min_words, keep_length)
    if isinstance(tokens, TokenTable):
        tokens.seal()
    language = (cluster.language or "english").lower()
    return Pool(
        cluster=cluster,
        sentences=[everything[k] for k in keep],
        tokens=tokens,
        language=language,
        stopwords=stopwords_for(language, tokens),
        doc_order=doc_order,
        filtered=len(everything) - len(keep),
        notes=notes,
    )


def _kept(tokens: TokenTable | list[list[str]], toks: list[str], held: int
          ) -> tuple[TokenTable | list[list[str]], int]:
    """``tokens`` with ``toks`` added, and the tokens its lists hold: the lists become a
    :class:`TokenTable` once they hold :data:`TOKENS_FROM` (the same lists, as word
    numbers)."""
    tokens.append(toks)
    if isinstance(tokens, TokenTable):
        return tokens, held
    held += len(toks)
    return (TokenTable(tokens), held) if held >= TOKENS_FROM else (tokens, held)


def relaxed_note(min_words: int, kept: bool) -> str:
    """What a summary's settings say where no sentence met the candidate bar and the
    others were taken: the default ``min_words`` gives way, one the user gave does not."""
    if kept:
        return (f"no sentence of {min_words} words or more (min_words) has a letter and is "
                "more than a date or sign-off line: each such sentence with a word is a "
                "candidate")
    return (f"no sentence is summary material ({min_words} words or more, the default "
            "min_words; a letter; more than a date or sign-off line): each sentence with a "
            "word is a candidate (a min_words given keeps shorter ones out)")
