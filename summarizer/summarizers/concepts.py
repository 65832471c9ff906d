"""Concepts for coverage objectives: weighted word bigrams (or content words).

A concept is a word bigram that is not made only of function words, found in
at least ``min_df`` documents (sentences, for one-document input). Its weight
sums, over the documents containing it, ``1 / (1 + r) ** position_decay``
where r is the rank of the first sentence holding it there: document
frequency (decay 0) with early mentions counting more, as news states its
main facts first (Gillick & Favre 2009 used document frequency).

Words can be reduced to their first ``stem_prefix`` characters before the
bigrams are formed: truncation stemming, the same for every script, so
inflected forms of one word meet without any language's stemmer. Or they can be
mapped by ``forms``, the cluster's own merges of word forms
(:mod:`summarizer.summarizers.word_forms`).

Off by default, the concepts can be content words instead, or as well
(:data:`CONCEPT_UNITS`): a unigram concept is a word that is no function word, kept,
weighted and stemmed as a bigram is. In languages of many word forms few bigrams recur
across documents, so their document frequency says little; single words recur more.

Off by default, a concept's weight can also follow how central its documents or sentences
are in the cluster (:data:`CONCEPT_CENTRALITIES`): a document counts by the cosine of its
TF-IDF bag to the cluster's centroid (:func:`document_centrality`), so an off-topic
article adds less to a concept's document frequency; or the weight is scaled by the
LexRank centrality of the candidate sentences that hold the concept
(:func:`sentence_centrality`).

Off by default, a bigram concept can be two content words instead of two adjacent words
(``window``, :data:`MAX_WINDOW`): the function words are dropped first, and each content
word is paired with the next ``window`` content words of its sentence (1: content bigrams,
so "minister for foreign affairs" and "minister foreign" share ("minister", "foreign");
2 or more: skip-bigrams). Where inflection and function words split phrases, more of a
phrase's pairs recur across documents.

Off by default, with ``min_df=1`` the weight of a concept found in one document only can be
scaled down (``single_df_weight``): in languages of many word forms most reference bigrams
recur in no second document, so ``min_df=2`` leaves them out, while taken at full weight
they would bury the recurring ones.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np

from summarizer.errors import OptionError, value_repr
from summarizer.progress import stage
from summarizer.summarizers.features import bigrams, centroid_cosines
from summarizer.summarizers.graph import pagerank


class Ragged(Sequence[np.ndarray]):
    """Rows of different lengths held in one flat array: row ``i`` is a view of
    ``flat[ends[i - 1]:ends[i]]``. An array for each sentence of a 50 MB text cost 85 MB,
    mostly the arrays' own headers beside their few ids."""

    def __init__(self, flat: np.ndarray, ends: np.ndarray) -> None:
        self.flat, self.ends = flat, ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> np.ndarray:  # type: ignore[override]
        n = len(self.ends)
        if not -n <= i < n:
            raise IndexError(f"row {i} of {n}")
        i %= n
        return self.flat[int(self.ends[i - 1]) if i else 0:int(self.ends[i])]


@dataclass
class Concepts:
    """Concept ids of every sentence (sorted, distinct), the concept weights, and the
    number of units (documents, or sentences of one document) a concept had to be in."""

    per_sentence: Sequence[np.ndarray]
    weights: np.ndarray
    names: list[tuple[str, ...]]  # a bigram's two words, or a unigram's one
    min_df: int


# What a concept is (option concept_units of coverage and ilp): a word bigram not made only
# of function words (the default), a content word (a word that is no function word), or both.
CONCEPT_UNITS = ("bigrams", "unigrams", "both")
# How each is named in a summary's settings ("objective": "concept bigram coverage ...")
UNIT_NAMES = {"bigrams": "bigram", "unigrams": "content word", "both": "bigram and content word"}


def check_concept_units(concept_units: str, unigram_weight: float) -> None:
    """The options ``concept_units`` and ``unigram_weight`` of the coverage methods, or
    :class:`~summarizer.errors.OptionError`."""
    if concept_units not in CONCEPT_UNITS:
        raise OptionError(f"concept_units must be one of {', '.join(CONCEPT_UNITS)}, "
                          f"got {value_repr(concept_units)}")
    from summarizer.summarizers.extractive import MAX_WEIGHT

    # its type is checked with every option's; 1e308 overflowed the concept weights: NaN
    # gains in coverage (a summary of no meaning), HiGHS's "finite numbers" ValueError in ilp
    if not 0 < unigram_weight <= MAX_WEIGHT:
        raise OptionError(f"unigram_weight must be a number > 0 and at most {MAX_WEIGHT:g} "
                          f"(weights are relative), got {value_repr(unigram_weight)}")
    if concept_units != "both" and unigram_weight != 1.0:
        raise OptionError("unigram_weight is for concept_units 'both' (with "
                          f"{value_repr(concept_units)} it would not be used)")


def check_single_df_weight(single_df_weight: float | None, min_df: int) -> None:
    """Option ``single_df_weight`` of ``coverage`` (None: off), or
    :class:`~summarizer.errors.OptionError`."""
    if single_df_weight is None:
        return
    if not 0 <= single_df_weight <= 1:  # its type is checked with every option's
        raise OptionError("single_df_weight must be in [0, 1] or null, got "
                          f"{value_repr(single_df_weight)}")
    if min_df != 1:
        raise OptionError(f"single_df_weight is for min_df 1 (with min_df {min_df} no concept "
                          "is in one document only: it would not be used)")


# The widest window of content-word pairs (option content_window of coverage): each step
# adds a pair per content word to every sentence's candidates, so the work and the arrays
# of a block grow with it.
MAX_WINDOW = 5


def check_window(window: int | None, concept_units: str) -> None:
    """Option ``content_window`` of ``coverage`` (None: off), or
    :class:`~summarizer.errors.OptionError`."""
    if window is None:
        return
    # its type is checked with every option's (an int); True is no window
    if isinstance(window, bool) or not 1 <= window <= MAX_WINDOW:
        raise OptionError(f"content_window must be an int in [1, {MAX_WINDOW}] or null, got "
                          f"{value_repr(window)}")
    if concept_units == "unigrams":
        raise OptionError("content_window forms the bigram concepts: with concept_units "
                          "'unigrams' it would not be used")


def units_settings(concept_units: str, unigram_weight: float) -> dict[str, Any]:
    """What a summary's settings record of the two options: nothing for the default."""
    if concept_units == "bigrams":
        return {}
    return {"concept_units": concept_units,
            **({"unigram_weight": unigram_weight} if concept_units == "both" else {})}


def sentence_ranks(doc_indices: Sequence[int]) -> list[int]:
    """Rank of every sentence within its document, given in document order."""
    seen: Counter = Counter()
    out = []
    for d in doc_indices:
        out.append(seen[d])
        seen[d] += 1
    return out


def stem_tokens(tokens: Sequence[str], prefix: int | None) -> list[str]:
    return list(tokens) if not prefix else [t[:prefix] for t in tokens]


def stemmed_stopwords(stopwords: frozenset[str], prefix: int | None) -> frozenset[str]:
    """The stopwords stemmed as the concepts' words are (``prefix`` None: as they are)."""
    return frozenset(stem_tokens(sorted(stopwords), prefix)) if prefix else stopwords


def document_words(tokens: Sequence[Sequence[str]], doc_indices: Sequence[int],
                   prefix: int | None = None) -> Iterator[list[list[str]]]:
    """Each document's sentences (a contiguous run of ``doc_indices``) as token lists after
    prefix stemming, one document at a time."""
    k = 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and doc_indices[end] == doc_indices[k]:
            end += 1
        yield [stem_tokens(tokens[i], prefix) for i in range(k, end)]
        k = end


def unigrams(tokens: Sequence[str], stopwords: frozenset[str]) -> set[tuple[str, ...]]:
    """The content words of a sentence, each as a one-word concept name."""
    return {(t,) for t in tokens if t not in stopwords}


def content_pairs(tokens: Sequence[str], stopwords: frozenset[str],
                  window: int) -> set[tuple[str, ...]]:
    """The pairs of content words of a sentence at most ``window`` content words apart, in
    their order (the function words dropped first)."""
    content = [t for t in tokens if t not in stopwords]
    return {(a, b) for d in range(1, window + 1) for a, b in zip(content, content[d:],
                                                                  strict=False)}


def concept_grams(stopwords: frozenset[str], prefix: int | None,
                  forms: Mapping[str, str] | None = None, units: str = "bigrams",
                  window: int | None = None,
                  ) -> Callable[[Sequence[str]], set[tuple[str, ...]]]:
    """The concept candidates of a token list, ``units`` (:data:`CONCEPT_UNITS`): its
    bigrams (with ``window``, its :func:`content_pairs`), content words or both, after
    prefix stemming, with the stopwords stemmed alike (``prefix`` None: whole words), or
    after mapping its words by ``forms`` (which leaves stopwords alone). The same
    concepts as :func:`extract_concepts` finds, a sentence at a time, as strings."""
    # a caller's value is refused with the options, by check_concept_units (an OptionError)
    assert units in CONCEPT_UNITS, units
    pairs = cast(Callable[[Sequence[str], frozenset[str]], set[tuple[str, ...]]], bigrams)
    if window is not None:
        def pairs(tokens: Sequence[str], stops: frozenset[str]) -> set[tuple[str, ...]]:
            return content_pairs(tokens, stops, window)
    stops = stopwords if forms else stemmed_stopwords(stopwords, prefix)

    def words(tokens: Sequence[str]) -> list[str]:
        return [forms.get(t, t) for t in tokens] if forms else stem_tokens(tokens, prefix)

    if units == "bigrams":
        return lambda tokens: pairs(words(tokens), stops)
    if units == "unigrams":
        return lambda tokens: unigrams(words(tokens), stops)

    def both(tokens: Sequence[str]) -> set[tuple[str, ...]]:
        w = words(tokens)
        return pairs(w, stops) | unigrams(w, stops)

    return both


def extract_concepts(
    tokens: Sequence[Sequence[str]],
    doc_indices: Sequence[int],
    stopwords: frozenset[str],
    min_df: int = 2,
    position_decay: float = 1.0,
    stem_prefix: int | None = None,
    forms: Mapping[str, str] | None = None,
    doc_weights: Mapping[int, float] | None = None,
    concept_units: str = "bigrams",
    unigram_weight: float = 1.0,
    single_df_weight: float = 1.0,
    window: int | None = None,
    titles: Sequence[Sequence[str]] = (),
    title_weight: float = 0.0,
) -> Concepts:
    """Concepts of sentences given as token lists, in document order (each
    document's sentences contiguous). ``min_df`` is capped at the number of
    documents: with fewer documents, a concept need not be in more than all.
    ``doc_weights``: each document's weight by its index (:func:`document_centrality`),
    multiplying what it adds to the weights of the concepts it holds (not whether they are
    concepts: ``min_df`` still counts documents); None: every document counts 1.
    ``concept_units``: which concepts (:data:`CONCEPT_UNITS`); ``unigram_weight`` multiplies the
    weights of the unigram concepts (with ``units="both"``, what a word is worth beside a
    bigram). ``single_df_weight`` multiplies the weights of the concepts found in one
    document only, which exist with ``min_df=1`` and two or more documents (with one
    document a concept must be in two sentences, whatever ``min_df``). ``window``: None,
    bigrams of adjacent words not both function words; k, pairs of content words at most k
    content words apart in a sentence, in their order there (see the module's docstring).
    ``titles`` (token lists, no candidates) with ``title_weight`` above 0: the titles,
    together, are one more unit, each of their concepts gaining ``title_weight`` once and
    counting that unit toward ``min_df``; a concept of the titles alone is none, and
    ``per_sentence`` has rows for ``tokens`` only."""
    assert concept_units in CONCEPT_UNITS, concept_units  # refused with the options before
    docs = np.asarray(doc_indices, dtype=np.int64).reshape(-1)
    starts = np.flatnonzero(_run_starts(docs))
    n_docs = len(set(docs[starts].tolist()))  # every document opens a run
    if len(starts) != n_docs:
        raise ValueError("the sentences of a document must be contiguous")
    multi = n_docs >= 2
    need = min(min_df, n_docs) if multi else 2
    n_real = len(docs)
    titles = [t for t in titles if t] if title_weight > 0 else []
    grams = _GramKeys(tokens, stopwords, stem_prefix, forms, concept_units, window, titles)
    # A sentence's rank in its document: its distance from the start of its document's run;
    # what it adds to a concept's weight, (1 + rank) ** -decay, by Python's power, as before
    lengths = np.diff(starts, append=len(docs))
    steps = np.fromiter(((1.0 + r) ** -position_decay for r in range(int(lengths.max(initial=0)))),
                        dtype=float)
    add = steps[np.arange(len(docs)) - np.repeat(starts, lengths)]
    if doc_weights is not None:
        add = np.repeat([float(doc_weights[int(d)]) for d in docs[starts]], lengths) * add
    # a concept counts units: documents, or the sentences of one document
    units = docs if multi else np.arange(len(docs))
    if titles:  # the titles, together, one more unit after the sentences (off by default)
        title_unit = int(units.max()) + 1 if len(units) else 0
        units = np.concatenate([units, np.full(len(titles), title_unit)])
        add = np.concatenate([add, np.full(len(titles), float(title_weight))])
    n = len(units)
    del docs, starts, lengths, steps
    passes = _BucketFilter(grams, units, need)
    table = _KeyTable()
    for block in stage(grams.blocks(), "concepts", total=grams.n_blocks, unit="block",
                       min_items=2):
        keys, sents = grams.firsts(block, units)
        keys, sents = passes.kept(keys, sents)
        table.add(keys, units[sents], add[sents])
    del passes, units, add
    kept = table.counts >= need
    if titles:  # a concept of the titles alone is in no candidate (min_df=1)
        kept &= ~((table.counts == 1) & (table.last == title_unit))
    keys = table.keys[kept]
    names = [grams.name(int(k)) for k in keys]
    order = np.array(sorted(range(len(names)), key=names.__getitem__), dtype=np.int64)
    ids = np.empty(len(order), dtype=np.int64)
    ids[order] = np.arange(len(order))
    weights = table.weights[kept][order]
    single = table.counts[kept][order] == 1
    del table, kept
    kept_names = [names[j] for j in order]
    del names, order
    if unigram_weight != 1.0:
        weights[[len(c) == 1 for c in kept_names]] *= unigram_weight
    if single_df_weight != 1.0:  # off by default: 1.0 leaves the weights as they were
        weights[single] *= single_df_weight
    # every sentence's concept ids, one sentence after another: 4 bytes an id where they
    # fit (8 held 46 MB of a 50 MB text's 340,000 sentences through the selection)
    code, dtype = ("i", np.int32) if len(keys) < 2**31 else ("q", np.int64)
    flat = array(code)
    ends = np.zeros(n, dtype=np.int64)
    for block in grams.blocks():
        sent, cid = grams.sentence_ids(block, keys, ids)
        flat.frombytes(cid.astype(dtype).tobytes())
        ends[block.first:block.stop] = np.bincount(sent - block.first,
                                                   minlength=block.stop - block.first)
    np.cumsum(ends, out=ends)
    if titles:  # the titles' rows are no candidates
        ends = ends[:n_real]
        del flat[int(ends[-1]) if n_real else 0:]
    # the array's own buffer, not a copy of it (the copy doubled the peak)
    per = Ragged(np.frombuffer(flat, dtype=dtype) if flat else np.zeros(0, dtype=dtype), ends)
    return Concepts(per_sentence=per, weights=weights, names=kept_names, min_df=need)


# Buckets of the filter below: a byte each, about two per bigram occurrence, at most 16 MB.
_MIN_BUCKETS, _MAX_BUCKETS = 1 << 10, 1 << 24
# Sentences are read in blocks of about this many tokens: the arrays of a block (about 60
# bytes a token) are what the work holds beside its table of concepts.
_BLOCK_TOKENS = 1 << 15
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # multiplier of the buckets' hash (Knuth's)


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values begins, as a mask."""
    first = np.ones(len(values), dtype=bool)
    first[1:] = values[1:] != values[:-1]
    return first


@dataclass(frozen=True)
class _Block:
    first: int  # its first sentence
    stop: int  # past its last sentence
    start: int  # where its tokens begin in the flat array
    end: int


def _content_pairs(w: np.ndarray, sent: np.ndarray, stop: np.ndarray, base: int,
                   window: int) -> tuple[np.ndarray, np.ndarray]:
    """(key, sentence) of every pair of content words (``w``: word numbers, ``stop``: which
    numbers are function words) at most ``window`` content words apart within a sentence,
    ordered by sentence: a key's entries must follow their sentences, as ``firsts`` reads a
    unit's first one."""
    content = ~stop[w]
    w, sent = w[content], sent[content]
    keys, sents = [], []
    for d in range(1, window + 1):
        ok = sent[d:] == sent[:-d]
        keys.append(w[:-d][ok] * base + w[d:][ok])
        sents.append(sent[:-d][ok])
    order = np.argsort(np.concatenate(sents), kind="stable")
    return np.concatenate(keys)[order], np.concatenate(sents)[order]


class _GramKeys:
    """The concept candidates of every sentence as numbers, a block of sentences at a time:
    words are numbered once for the whole vocabulary (stemmed or mapped by ``forms`` once
    a word, not once a token), a bigram is ``first * base + second``, a unigram
    ``word * base + base - 1``. Each function over a block is a few array operations where
    a set of string tuples was built three times a sentence."""

    def __init__(self, tokens: Sequence[Sequence[str]], stopwords: frozenset[str],
                 prefix: int | None, forms: Mapping[str, str] | None, units: str,
                 window: int | None = None, more: Sequence[Sequence[str]] = ()) -> None:
        from summarizer.summarizers.candidates import TokenTable

        table = tokens if isinstance(tokens, TokenTable) else TokenTable(tokens)
        self.flat, self.ends = table.numbers()
        vocabulary = table.words
        if more:  # rows after the sentences' (titles), numbered without touching the table
            vocabulary, flat = _more_rows(table.words, more, self.flat.dtype)
            self.flat = np.concatenate([self.flat, flat])
            self.ends = np.concatenate([self.ends, (self.ends[-1] if len(self.ends) else 0)
                                        + np.cumsum([len(row) for row in more])])
        # the words and stopwords as concept_grams reads them
        if forms:
            written, stops = [forms.get(w, w) for w in vocabulary], stopwords
        else:
            written, stops = stem_tokens(vocabulary, prefix), stemmed_stopwords(stopwords, prefix)
        number: dict[str, int] = {}
        self.mapped = np.fromiter((number.setdefault(w, len(number)) for w in written),
                                  dtype=np.int64, count=len(written))
        self.words = list(number)
        self.stop = np.fromiter((w in stops for w in self.words), dtype=bool,
                                count=len(self.words))
        self.base = len(self.words) + 1  # the unigrams' second number: base - 1, no word's
        self.bigrams, self.unigrams = units != "unigrams", units != "bigrams"
        self.window = window
        self.lengths = np.diff(self.ends, prepend=0)
        self.occurrences = int(self.ends[-1]) if len(self.ends) else 0
        self._bounds = self._block_bounds()
        self.n_blocks = len(self._bounds) - 1

    def _block_bounds(self) -> list[int]:
        bounds, n = [0], len(self.ends)
        while bounds[-1] < n:
            done = int(self.ends[bounds[-1] - 1]) if bounds[-1] else 0
            nxt = int(np.searchsorted(self.ends, done + _BLOCK_TOKENS, side="right"))
            bounds.append(min(n, max(nxt, bounds[-1] + 1)))
        return bounds

    def blocks(self) -> Iterator[_Block]:
        for first, stop in zip(self._bounds, self._bounds[1:], strict=False):
            yield _Block(first, stop, int(self.ends[first - 1]) if first else 0,
                         int(self.ends[stop - 1]))

    def name(self, key: int) -> tuple[str, ...]:
        a, b = divmod(key, self.base)
        return (self.words[a],) if b == self.base - 1 else (self.words[a], self.words[b])

    def keys(self, block: _Block) -> tuple[np.ndarray, np.ndarray]:
        """(key, sentence) of every concept candidate of the block, bigrams in the order of
        their positions, then unigrams in theirs (repeats within a sentence kept)."""
        w = self.mapped[self.flat[block.start:block.end]]
        sent = np.repeat(np.arange(block.first, block.stop), self.lengths[block.first:block.stop])
        keys, sents = [], []
        if self.bigrams and self.window is not None:  # off by default
            pair_keys, pair_sents = _content_pairs(w, sent, self.stop, self.base, self.window)
            keys.append(pair_keys)
            sents.append(pair_sents)
        elif self.bigrams:
            a, b = w[:-1], w[1:]
            ok = (sent[1:] == sent[:-1]) & ~(self.stop[a] & self.stop[b])
            keys.append(a[ok] * self.base + b[ok])
            sents.append(sent[:-1][ok])
        if self.unigrams:
            ok = ~self.stop[w]
            keys.append(w[ok] * self.base + (self.base - 1))
            sents.append(sent[ok])
        return np.concatenate(keys), np.concatenate(sents)

    def firsts(self, block: _Block, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(key, sentence) of the first sentence of each unit of the block holding each
        key, by key and then position (a unit running on from the block before is there
        again)."""
        keys, sents = self.keys(block)
        # stable: a key's entries stay in the order of their positions (a bigram's key is
        # never a unigram's, so the two runs never mix within a key)
        order = np.argsort(keys, kind="stable")
        keys, sents = keys[order], sents[order]
        u = units[sents]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = (keys[1:] != keys[:-1]) | (u[1:] != u[:-1])
        return keys[first], sents[first]

    def sentence_ids(self, block: _Block, kept: np.ndarray,
                     ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(sentence, concept id) of the block's concepts, by sentence and then id, each
        pair once. ``kept``: the concepts' keys, ascending; ``ids``: their ids."""
        keys, sents = self.keys(block)
        if not len(kept):
            return sents[:0], sents[:0]
        at = np.searchsorted(kept, keys)
        at[at == len(kept)] = 0
        hit = kept[at] == keys
        n = len(kept)
        pairs = np.sort((sents[hit] - block.first) * n + ids[at[hit]])
        pairs = pairs[_run_starts(pairs)]  # a bigram twice in a sentence, once
        return pairs // n + block.first, pairs % n


def _more_rows(words: list[str], more: Sequence[Sequence[str]],
               dtype: np.dtype) -> tuple[list[str], np.ndarray]:
    """(``words`` and the new words of ``more`` after them, the word numbers of ``more``'s
    rows one after another, as ``dtype``, the table's own): rows numbered as a table's
    ``words`` number its own, without a map of the whole vocabulary (a sealed table has
    none). In the table's type, the sentences' numbers are not widened to 8 bytes a token
    when the two are joined."""
    wanted = {w for row in more for w in row}
    number = {w: i for i, w in enumerate(words) if w in wanted}
    new = [w for w in dict.fromkeys(w for row in more for w in row) if w not in number]
    number.update((w, len(words) + k) for k, w in enumerate(new))
    flat = np.fromiter((number[w] for row in more for w in row), dtype=dtype)
    return [*words, *new], flat


class _BucketFilter:
    """Leaves out bigrams found in fewer than ``need`` units, made in one pass that counts,
    a byte per hash bucket, the units holding a bigram of that bucket (a unit spanning two
    blocks counts twice). A bucket's count is at least the number of units of each of its
    bigrams, so no concept is ever left out. Most bigrams of a long text occur once (80%
    of 137,000 in 5 MB of news), and the exact counts that follow keep a row only for
    those that pass. With ``need`` below 2 every bigram passes."""

    def __init__(self, grams: _GramKeys, units: np.ndarray, need: int) -> None:
        self.on = need >= 2
        if not self.on:
            return
        size = min(_MAX_BUCKETS, max(_MIN_BUCKETS, 1 << (2 * grams.occurrences).bit_length()))
        self.mask, self.cap = np.uint64(size - 1), min(need, 255)  # 255: saturated, passes
        self.counts = np.zeros(size, dtype=np.uint8)
        for block in grams.blocks():
            b = np.sort(self._bucket(grams.firsts(block, units)[0]))
            if not len(b):
                continue
            starts = np.flatnonzero(_run_starts(b))
            found = b[starts]
            seen = np.diff(starts, append=len(b))
            self.counts[found] = np.minimum(self.counts[found] + seen, 255)

    def _bucket(self, keys: np.ndarray) -> np.ndarray:
        return ((keys.view(np.uint64) * _GOLDEN) >> np.uint64(32)) & self.mask

    def kept(self, keys: np.ndarray, sents: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not self.on:
            return keys, sents
        ok = self.counts[self._bucket(keys)] >= self.cap
        return keys[ok], sents[ok]


class _KeyTable:
    """Per key, ascending: the units holding it, the last of them, and the sum of what each
    added, in the order of the sentences (the same additions, so the same bits, as one
    running sum per key)."""

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.int64)
        self.counts = np.zeros(0, dtype=np.int64)
        self.last = np.zeros(0, dtype=np.int64)
        self.weights = np.zeros(0, dtype=float)

    def add(self, keys: np.ndarray, units: np.ndarray, adds: np.ndarray) -> None:
        """Count ``keys`` (ascending, each key's entries in the order of their sentences, one
        per unit) in ``units``, adding ``adds`` to their weights."""
        if not len(keys):
            return
        run = _run_starts(keys)
        distinct = keys[run]
        at = np.searchsorted(self.keys, distinct)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == distinct[known]
        if not known.all():
            where, new = at[~known], distinct[~known]
            self.keys = np.insert(self.keys, where, new)
            self.counts = np.insert(self.counts, where, 0)
            self.last = np.insert(self.last, where, -1)
            self.weights = np.insert(self.weights, where, 0.0)
            at = np.searchsorted(self.keys, distinct)
        rows = at[np.cumsum(run) - 1]
        # a unit going on from the block before adds nothing again
        fresh = np.ones(len(keys), dtype=bool)
        fresh[run] = self.last[at] != units[run]
        np.add.at(self.weights, rows[fresh], adds[fresh])
        np.add.at(self.counts, rows[fresh], 1)
        ends = np.append(run[1:], True)
        self.last[rows[ends]] = units[ends]


# The SVD's memory is (rows + columns) x this many vectors, whatever budget is asked for.
MAX_LSA_RANK = 50
# Up to this many sentences (or concepts) the SVD comes exactly from the Gram matrix of
# that side; max_candidates (500 by default) keeps the coverage summariser below it.
GRAM_SIDE = 600
# Singular values closer than this share of sigma_1^2 (squared) are a tie for lsa_weights.
LSA_TIE = 1e-9
# A tie is followed through ARPACK up to this many triplets (its memory: that many vectors).
TIE_MOST = 4 * MAX_LSA_RANK
CONCEPT_WEIGHTINGS = ("df", "lsa", "lsa-df", "learned", "learned-df")
# Centrality scalings of the concepts' weights (option concept_centrality of coverage):
# the documents' (doc_weights of extract_concepts), the mean or the highest centrality of
# the sentences holding a concept (sentence_centrality), or the documents' and the mean.
CONCEPT_CENTRALITIES = ("document", "sentence", "sentence-max", "document-sentence")
LSA_ENTRIES = ("binary", "tfidf")


def check_lsa_rank(lsa_rank: object) -> Literal["budget"] | int | float:
    """Option ``lsa_rank`` (``"budget"``, an int >= 1 or a share in (0, 1)) as a plain value
    (NumPy's numbers, which every option takes, as Python's: recorded as one), or
    :class:`~summarizer.errors.OptionError`."""
    if isinstance(lsa_rank, np.integer | np.floating):
        lsa_rank = lsa_rank.item()
    if not (lsa_rank == "budget" or type(lsa_rank) is int and 1 <= lsa_rank < 2**63
            or type(lsa_rank) is float and 0 < lsa_rank < 1):
        raise OptionError(f"lsa_rank must be 'budget', an int >= 1 or a share in (0, 1), "
                          f"got {value_repr(lsa_rank)}")
    return cast(Literal["budget"] | int | float, lsa_rank)


def concept_matrix(per_sentence: Sequence[np.ndarray], n_concepts: int, rows: Sequence[int],
                   entries: str = "binary"):
    """The concept x sentence matrix of the sentences ``rows`` (sparse CSR, one column a
    sentence in the order given), its entries 1 where the sentence holds the concept, or
    that concept's smoothed inverse sentence frequency ``log((1 + n) / (1 + sdf)) + 1``
    over these n sentences (``entries="tfidf"``)."""
    from scipy.sparse import csr_matrix

    if entries not in LSA_ENTRIES:
        raise ValueError(f"entries must be one of {LSA_ENTRIES}, got {value_repr(entries)}")
    ids = [per_sentence[i] for i in rows]
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(x) for x in ids])
    indices = np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, dtype=np.int64)
    values = np.ones(len(indices))
    if entries == "tfidf":
        sdf = np.bincount(indices, minlength=n_concepts)
        idf = np.log((1.0 + len(ids)) / (1.0 + sdf)) + 1.0
        values = idf[indices]
    return csr_matrix((values, indices, indptr), shape=(len(ids), n_concepts)).T.tocsr()


def _top_triplets(a, count: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """At least ``count`` of the sparse ``a``'s largest squared singular values (all of
    them through the Gram matrix of a side of at most :data:`GRAM_SIDE`, else ``count``
    but fewer than ``min(a.shape)``, ARPACK's bound), largest first, with the singular
    vectors of the small side (``True``: U, the terms') or V."""
    m, n = a.shape
    if min(m, n) <= GRAM_SIDE:
        # every triplet, exactly, from the small side's Gram matrix (at most 600 x 600)
        small_terms = m <= n
        eig, vec = np.linalg.eigh((a @ a.T if small_terms else a.T @ a).toarray())
        order = np.argsort(-eig, kind="stable")
        return np.clip(eig[order], 0.0, None), vec[:, order], small_terms
    from scipy.sparse.linalg import svds

    v0 = np.random.default_rng(0).uniform(-1.0, 1.0, min(m, n))
    u, s, _ = svds(a.astype(np.float64), k=min(count, min(m, n) - 1), v0=v0, solver="arpack")
    order = np.argsort(-s, kind="stable")
    return s[order] ** 2, u[:, order], True


def _tie_end(sq: np.ndarray, k: int) -> int:
    """k, or past it to the last of the nonzero ``sq`` (largest first) tied with ``sq[k - 1]``."""
    tied = (sq[k - 1] - sq[k:] <= LSA_TIE * sq[0]) & (sq[k:] > sq[0] * 1e-12)
    return k + (int(np.argmin(tied)) if not tied.all() else len(tied))


def lsa_weights(per_sentence: Sequence[np.ndarray], n_concepts: int, rows: Sequence[int],
                rank: int | float, entries: str = "binary") -> np.ndarray:
    """OCCAMS-style concept weights (Davis, Conroy & Schlesinger 2012): with
    ``A = U S V^T`` the concept x sentence matrix of the sentences ``rows``
    (:func:`concept_matrix`), a concept weighs the norm of its row of ``U_k S_k``,
    the top k singular triplets: how much of the cluster's main latent topics it
    carries, with no language's knowledge. Concepts in none of ``rows`` weigh 0.

    ``rank``: k as an int >= 1, or a share in (0, 1): the fewest triplets whose
    squared singular values hold that share of the sum of them all (``||A||_F^2``).
    k is at most :data:`MAX_LSA_RANK` and the matrix's rank, then carried on to the end
    of a tie: triplets whose sigma^2 is sigma_k^2 within :data:`LSA_TIE` of sigma_1^2
    are all taken, so that the weights do not depend on which basis of a repeated
    singular value's subspace the SVD returns (through ARPACK, a tie not ended within
    :data:`TIE_MOST` triplets is left out instead, unless it holds sigma_1). The result
    is the same on every run: a side of at most :data:`GRAM_SIDE` goes through its Gram
    matrix (exact), a larger matrix through ARPACK (sparse) from a fixed start vector, so
    memory stays linear in the matrix times the rank."""
    if isinstance(rank, float) and not 0 < rank < 1 or not isinstance(rank, float) and rank < 1:
        raise ValueError(f"rank must be an int >= 1 or a share in (0, 1), got {rank}")
    out = np.zeros(n_concepts)
    a = concept_matrix(per_sentence, n_concepts, rows, entries)
    used = np.flatnonzero(np.diff(a.indptr))  # concepts held by some row
    if not len(used):
        return out
    a = a[used]
    m, n = a.shape
    cap = min(MAX_LSA_RANK, m, n)
    share = isinstance(rank, float)
    want = cap if share else min(int(rank), cap)
    sq, vec, small_terms = _top_triplets(a, want + 1)  # one more: is sigma_k tied?
    k = want
    if share:
        total = float(a.multiply(a).sum())  # the squared Frobenius norm: all sigma^2
        k = int(np.searchsorted(np.cumsum(sq), rank * total * (1 - 1e-12))) + 1
    k = max(1, min(k, cap, int((sq > sq[0] * 1e-12).sum()) if sq[0] > 0 else 1))
    # Within a tie U_k is any basis of the tied subspace (LAPACK and ARPACK builds differ),
    # but the row norms of U S over the whole of it are not: U_t U_t^T is its projector.
    # The tolerance is far above the eigenvalues' rounding (about 1e-13 sigma_1^2 here).
    start, every = k, min(m, n) <= GRAM_SIDE  # every: sq holds all the triplets
    most = min(TIE_MOST, min(m, n) - 1)  # ARPACK's vectors at most
    k = _tie_end(sq, start)
    while not every and k == len(sq) < most:  # ARPACK's tie may go on: see more
        sq, vec, small_terms = _top_triplets(a, min(2 * k, most))
        k = _tie_end(sq, start)
    if not every and k == len(sq):  # its end not seen: only the triplets above the tie
        k = int(np.argmax(sq[:start] - sq[start - 1] <= LSA_TIE * sq[0])) or start
    # U_k S_k, or A V_k when the sentences were the small side
    us = vec[:, :k] * np.sqrt(sq[:k]) if small_terms else np.asarray(a @ vec[:, :k])
    out[used] = np.sqrt((us ** 2).sum(axis=1))
    return out


def document_centrality(tokens: Sequence[Sequence[str]], doc_indices: Sequence[int],
                        stopwords: frozenset[str]) -> dict[int, float]:
    """Each document's weight by its index: the cosine of its TF-IDF bag of words (the
    stopwords left out, IDF over the documents) to the centroid of all of them
    (:func:`~summarizer.summarizers.features.centroid_cosines`), over the mean of these
    cosines, so the weights average 1 and an article about something else weighs less.
    Documents are runs of ``doc_indices`` (contiguous, as for :func:`extract_concepts`);
    one pass per document at a time, memory linear in a document's vocabulary. Every
    document weighs 1 when none has a content word."""
    runs = [d for k, d in enumerate(doc_indices) if k == 0 or d != doc_indices[k - 1]]

    def bags() -> Iterator[Counter]:
        for doc in document_words(tokens, doc_indices):
            yield Counter(t for sent in doc for t in sent if t not in stopwords)

    cos = centroid_cosines(bags, len(runs))
    mean = float(cos.mean()) if len(cos) else 0.0
    return {d: (float(c) / mean if mean > 0 else 1.0) for d, c in zip(runs, cos, strict=True)}


def sentence_centrality(per_sentence: Sequence[np.ndarray], n_concepts: int,
                        rows: Sequence[int], sim: np.ndarray, use: str = "mean",
                        damping: float = 0.85) -> np.ndarray:
    """A factor per concept: the mean (``use="mean"``) or the highest (``"max"``) LexRank
    centrality (:func:`~summarizer.summarizers.graph.pagerank` of ``sim``, the sentences
    ``rows``' similarities, negative ones read as 0) of the sentences of ``rows`` holding
    it, scaled by ``len(rows)`` so that a sentence of average centrality gives 1. Concepts in
    none of ``rows`` get 1: nothing is known of them. ``sim`` is the caller's
    ``len(rows)`` x ``len(rows)`` matrix, read, not changed (its size is the caller's bound)."""
    if use not in ("mean", "max"):
        raise ValueError(f"use must be 'mean' or 'max', got {value_repr(use)}")
    out = np.ones(n_concepts)
    if not len(rows):
        return out
    central = pagerank(np.clip(sim, 0.0, None), damping, overwrite=True) * len(rows)
    ids = [per_sentence[i] for i in rows]
    flat = np.concatenate(ids).astype(np.int64)
    of = np.repeat(central, [len(x) for x in ids])  # each occurrence's sentence centrality
    held = np.bincount(flat, minlength=n_concepts) > 0
    if use == "mean":
        sums = np.bincount(flat, weights=of, minlength=n_concepts)
        out[held] = sums[held] / np.bincount(flat, minlength=n_concepts)[held]
    else:
        top = np.full(n_concepts, -np.inf)
        np.maximum.at(top, flat, of)
        out[held] = top[held]
    return out
