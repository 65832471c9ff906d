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

Off by default, with ``min_df=1`` the weight of a concept found in one document only can be
scaled down (``single_df_weight``): in languages of many word forms most reference bigrams
recur in no second document, so ``min_df=2`` leaves them out, while taken at full weight
they would bury the recurring ones.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
    if not 0 < unigram_weight < float("inf"):  # its type is checked with every option's
        raise OptionError(f"unigram_weight must be a number > 0, got {value_repr(unigram_weight)}")
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


def units_settings(concept_units: str, unigram_weight: float) -> dict[str, Any]:
    """What a summary's settings record of the two options: nothing for the default."""
    if concept_units == "bigrams":
        return {}
    return {"concept_units": concept_units,
            **({"unigram_weight": unigram_weight} if concept_units == "both" else {})}


# The second word number in a unigram's key: no word gets it (a bigram's key holds two
# word numbers of 32 bits, and a cluster has fewer than 2**32 - 1 distinct words)
_NO_WORD = 0xFFFFFFFF


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


def concept_grams(stopwords: frozenset[str], prefix: int | None,
                  forms: Mapping[str, str] | None = None, units: str = "bigrams",
                  ) -> Callable[[Sequence[str]], set[tuple[str, ...]]]:
    """The concept candidates of a token list, ``units`` (:data:`CONCEPT_UNITS`): its
    bigrams, content words or both, after prefix stemming, with the stopwords stemmed
    alike (``prefix`` None: whole words), or after mapping its words by ``forms`` (which
    leaves stopwords alone)."""
    # a caller's value is refused with the options, by check_concept_units (an OptionError)
    assert units in CONCEPT_UNITS, units
    pairs = cast(Callable[[Sequence[str], frozenset[str]], set[tuple[str, ...]]], bigrams)
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
    document a concept must be in two sentences, whatever ``min_df``)."""
    n_docs = len(set(doc_indices))
    runs = sum(1 for k in range(len(doc_indices))
               if k == 0 or doc_indices[k] != doc_indices[k - 1])
    if runs != n_docs:
        raise ValueError("the sentences of a document must be contiguous")
    multi = n_docs >= 2
    # no list of units or of ranks (a 50 MB text: 24 MB of integers): a sentence's rank
    # in its document is its distance from the start of its document's run
    units = doc_indices if multi else range(len(tokens))
    # Bigrams are counted in one pass and recomputed in the second rather than
    # kept per sentence, and each concept keeps two numbers rather than a map of
    # its documents: memory stays small on long input (contiguous units make the
    # "first sentence of this unit" test one comparison).
    # A bigram is a number made of its two words' numbers, with its row in three flat
    # arrays: a dict of (word, word) tuples for each of the three was 215 bytes a bigram
    # (150 MB on a 50 MB text), this 121. A unigram is its word's number and _NO_WORD.
    need = min(min_df, n_docs) if multi else 2
    grams = concept_grams(stopwords, stem_prefix, forms, concept_units)  # stemmed on the fly: no copy
    recurring = _recurring_filter(tokens, grams, need)
    vocab: dict[str, int] = {}
    row_of: dict[int, int] = {}
    count, last, weight = array("q"), array("q"), array("d")
    first = 0  # where the current document's sentences begin
    scale = 1.0  # the current document's weight (x 1.0 leaves the sum as it was, bit for bit)
    for k in stage(range(len(tokens)), "concepts", unit="sentence"):
        unit = units[k]
        if k and doc_indices[k] != doc_indices[k - 1]:
            first = k
        if doc_weights is not None and k == first:
            scale = doc_weights[doc_indices[k]]
        for g in recurring(grams(tokens[k])):
            key = vocab.setdefault(g[0], len(vocab)) << 32 | (
                vocab.setdefault(g[1], len(vocab)) if len(g) > 1 else _NO_WORD)
            r = row_of.setdefault(key, len(count))
            if r == len(count):
                count.append(0)
                last.append(-1)
                weight.append(0.0)
            if last[r] != unit:
                last[r] = unit
                count[r] += 1
                weight[r] += scale * (1.0 + k - first) ** -position_decay
    del last, recurring
    words = list(vocab)
    found: list[tuple[tuple[str, ...], int]] = sorted(((words[key >> 32],) if key & _NO_WORD == _NO_WORD
                    else (words[key >> 32], words[key & _NO_WORD]), r)
                   for key, r in row_of.items() if count[r] >= need)
    del row_of, vocab, words
    kept = [c for c, _ in found]
    ids = {c: k for k, c in enumerate(kept)}
    weights = np.array([weight[r] for _, r in found], dtype=float)
    if unigram_weight != 1.0:
        weights[[len(c) == 1 for c in kept]] *= unigram_weight
    if single_df_weight != 1.0:  # off by default: 1.0 leaves the weights as they were
        weights[np.array([count[r] == 1 for _, r in found], dtype=bool)] *= single_df_weight
    del count, weight, found
    flat = array("q")  # every sentence's concept ids, one sentence after another
    ends = np.empty(len(tokens), dtype=np.int64)
    for k, t in enumerate(tokens):
        flat.extend(sorted({ids[c] for c in grams(t) if c in ids}))
        ends[k] = len(flat)
    # the array's own buffer, not a copy of it (the copy doubled the peak)
    per = Ragged(np.frombuffer(flat, dtype=np.int64) if flat else np.zeros(0, dtype=np.int64),
                 ends)
    return Concepts(per_sentence=per, weights=weights, names=kept, min_df=need)


# Buckets of the filter below: a byte each, about two per bigram occurrence, at most 16 MB.
_MIN_BUCKETS, _MAX_BUCKETS = 1 << 10, 1 << 24


def _recurring_filter(tokens: Sequence[Sequence[str]],
                      grams: Callable[[Sequence[str]], set[tuple[str, ...]]],
                      need: int) -> Callable[[set[tuple[str, ...]]], Iterable[tuple[str, ...]]]:
    """A filter of a sentence's bigrams that leaves out bigrams found in fewer than
    ``need`` sentences, made in one pass that counts, a byte per hash bucket, the
    sentences holding a bigram of that bucket. A bucket's count is at least the number of
    units (sentences or documents) of each of its bigrams, so no concept is ever left out.
    Most bigrams of a long text occur once (80% of 137,000 in 5 MB of news), and the exact
    counts that follow keep a row only for those that pass: a row costs 121 bytes, 180 MB
    for a 50 MB text. With ``need`` below 2 every bigram passes."""
    if need < 2:
        return lambda found: found
    occurrences = sum(len(t) for t in tokens)
    size = min(_MAX_BUCKETS, max(_MIN_BUCKETS, 1 << (2 * occurrences).bit_length()))
    mask, cap = size - 1, min(need, 255)  # a count stops at 255: saturated buckets pass
    counts = bytearray(size)
    for t in tokens:
        for g in grams(t):
            b = hash(g) & mask
            if counts[b] < 255:
                counts[b] += 1
    return lambda found: [g for g in found if counts[hash(g) & mask] >= cap]


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
    if not (lsa_rank == "budget" or type(lsa_rank) is int and lsa_rank >= 1
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
