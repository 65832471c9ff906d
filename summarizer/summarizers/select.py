"""Shared machinery of the extractive summarisers.

* :func:`prepare` splits a cluster into candidate sentences (very short or
  boilerplate sentences and exact repeats left out) with their tokens;
* :class:`Pool` gives the methods similarity features: sentence embeddings for
  English, TF-IDF vectors otherwise (or when asked);
* :func:`fill` takes sentences in a priority order until the budget is full,
  never exceeding it, refusing near-duplicates, optionally cutting the last;
* :func:`build_summary` orders the chosen sentences and records provenance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from summarizer.documents.model import Cluster
from summarizer.errors import InputError
from summarizer.sentences import Sentence, split_cluster
from summarizer.summarizers.base import Summary, SummarySentence
from summarizer.summarizers.budget import Budget
from summarizer.summarizers.features import (
    bag_cosine,
    cosine_matrix,
    stopwords_for,
    tfidf_matrix,
    tokenize,
)

# Languages for which the English sentence encoder is used by default.
ENCODER_LANGUAGES = ("english", "en")
# A date line, a byline or an agency sign-off, not content.
_BOILERPLATE = re.compile(
    r"^\s*(\(?[A-Za-z]{1,4}(/[A-Za-z]{1,4})+\)?|"  # jha/ga, (AP/ms)
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+\w+\s+\d{1,2},?\s+\d{4}|"
    r"(sources?|related news|external links?|see also)\s*:?)\s*$",
    re.IGNORECASE,
)


@dataclass
class Pool:
    """Candidate sentences of one cluster and lazily computed features."""

    cluster: Cluster
    sentences: list[Sentence]
    tokens: list[list[str]]
    language: str
    stopwords: frozenset[str]
    doc_order: list[int]  # chronological rank of each document index
    filtered: int = 0  # sentences left out as short, boilerplate or repeated
    _cache: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @property
    def english(self) -> bool:
        return self.language.lower() in ENCODER_LANGUAGES

    def representation(self, wanted: str) -> str:
        """The representation really used: ``embedding`` only for English
        (the encoder is English-centric) unless ``embedding!`` forces it."""
        if wanted == "embedding!":
            return "embedding"
        if wanted == "embedding" and not self.english:
            return "tfidf"
        if wanted not in ("embedding", "tfidf"):
            raise InputError(f"unknown representation {wanted!r}; use 'embedding' or 'tfidf'")
        return wanted

    def vectors(self, kind: str, encoder: str | None = None) -> np.ndarray:
        """Unit-length sentence vectors: ``embedding`` or ``tfidf``."""
        key = f"vec:{kind}:{encoder}"
        if key not in self._cache:
            if kind == "embedding":
                from summarizer.summarizers.embed import get_encoder

                self._cache[key] = get_encoder(encoder).encode(self.texts)
            else:
                self._cache[key] = tfidf_matrix(self.tokens, self.stopwords)
        return self._cache[key]

    def similarity(self, kind: str, encoder: str | None = None) -> np.ndarray:
        """Pairwise cosine similarities (clipped at 0) for ``kind``."""
        key = f"sim:{kind}:{encoder}"
        if key not in self._cache:
            self._cache[key] = cosine_matrix(self.vectors(kind, encoder))
        return self._cache[key]

    def position(self, i: int) -> int:
        """Index of sentence ``i`` in its document (0 = lead)."""
        return self.sentences[i].index

    def coherent_key(self, i: int) -> tuple[int, int]:
        s = self.sentences[i]
        return (self.doc_order[s.doc_index], s.index)


def _chronology(cluster: Cluster) -> list[int]:
    """Rank of each document by date (documents without a date keep input order)."""
    dated = [(d.date or "", i) for i, d in enumerate(cluster.documents)]
    if all(d for d, _ in dated):
        ranked = sorted(dated)
    else:
        ranked = [(d, i) for d, i in dated]
    order = [0] * len(cluster.documents)
    for rank, (_, i) in enumerate(ranked):
        order[i] = rank
    return order


def is_boilerplate(text: str, tokens: Sequence[str], min_words: int) -> bool:
    """True for text that is no summary material: too short, no letters, a
    date or sign-off line, a bare heading."""
    if len(tokens) < min_words:
        return True
    if not any(ch.isalpha() for ch in text):
        return True
    return bool(_BOILERPLATE.match(text))


def prepare(cluster: Cluster, min_words: int = 5) -> Pool:
    """Split ``cluster`` into candidate sentences.

    Sentences shorter than ``min_words`` word tokens, boilerplate lines and
    exact repeats (same text, case and spacing ignored) are left out; if that
    leaves nothing, every non-empty sentence is a candidate so short inputs
    still get a summary.
    """
    if not cluster.documents or not any(d.text.strip() for d in cluster.documents):
        raise InputError("the cluster has no text to summarise")
    everything = [s for s in split_cluster(cluster) if s.text.strip()]
    if not everything:
        raise InputError("the cluster has no sentences to summarise")
    doc_order = _chronology(cluster)
    everything.sort(key=lambda s: (doc_order[s.doc_index], s.index))
    tokens = [tokenize(s.text) for s in everything]
    seen: set[str] = set()
    keep = []
    for k, s in enumerate(everything):
        norm = " ".join(tokens[k])
        if norm in seen or is_boilerplate(s.text, tokens[k], min_words):
            continue
        seen.add(norm)
        keep.append(k)
    if not keep:
        keep = [k for k, t in enumerate(tokens) if t] or list(range(len(everything)))
    language = (cluster.language or "english").lower()
    toks = [tokens[k] for k in keep]
    return Pool(
        cluster=cluster,
        sentences=[everything[k] for k in keep],
        tokens=toks,
        language=language,
        stopwords=stopwords_for(language, toks),
        doc_order=doc_order,
        filtered=len(everything) - len(keep),
    )


class Redundancy:
    """The hard near-duplicate rule shared by every method.

    Two sentences are near-duplicates when the cosine of their content-word
    counts (function words left out) reaches ``lexical`` or (when embeddings are given) their embedding cosine reaches
    ``semantic``. A near-duplicate of a chosen sentence is never added.
    """

    def __init__(self, pool: Pool, lexical: float = 0.5, semantic: float | None = 0.9,
                 embeddings: np.ndarray | None = None) -> None:
        self.pool = pool
        self.lexical = lexical
        self.semantic = semantic if embeddings is not None else None
        self.embeddings = embeddings
        self._pairs: dict[tuple[int, int], float] = {}
        # function words say nothing about whether two sentences report the same fact
        self._content = [[t for t in toks if t not in pool.stopwords] or list(toks)
                         for toks in pool.tokens]

    def lexical_similarity(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in self._pairs:
            self._pairs[key] = bag_cosine(self._content[i], self._content[j])
        return self._pairs[key]

    def duplicate(self, i: int, chosen: Sequence[int]) -> bool:
        for j in chosen:
            if self.lexical_similarity(i, j) >= self.lexical:
                return True
            if self.semantic is not None and self.embeddings is not None:
                if float(self.embeddings[i] @ self.embeddings[j]) >= self.semantic:
                    return True
        return False

    def settings(self) -> dict[str, Any]:
        return {"near_duplicate_lexical": self.lexical, "near_duplicate_semantic": self.semantic}


def fill(
    ranked: Sequence[int],
    pool: Pool,
    budget: Budget,
    redundancy: Redundancy | None = None,
    accept: Callable[[int, list[int]], bool] | None = None,
) -> tuple[list[int], int | None]:
    """Greedily take sentences in ``ranked`` order within ``budget``.

    Returns (chosen whole sentences, index of a sentence to cut or None).
    Without truncation a sentence that does not fit is skipped and later,
    shorter ones may still fill the room; with truncation the first one that
    does not fit is cut to fill the budget exactly.
    """
    chosen: list[int] = []
    texts: list[str] = []
    for i in ranked:
        if i in chosen or (redundancy is not None and redundancy.duplicate(i, chosen)):
            continue
        if accept is not None and not accept(i, chosen):
            continue
        if budget.fits(texts + [pool.sentences[i].text]):
            chosen.append(i)
            texts.append(pool.sentences[i].text)
            if budget.size(texts) >= budget.limit:
                break
            continue
        if budget.truncate:
            return chosen, (i if budget.cut(pool.sentences[i].text, texts) else None)
        if budget.unit == "sentences":
            break
    return chosen, None


def order_sentences(pool: Pool, chosen: Sequence[int], scores: Sequence[float] | None,
                    order: str = "coherent") -> list[int]:
    """``coherent``: by document date/order, then position; ``salience``: by score."""
    if order == "salience" and scores is not None:
        return sorted(chosen, key=lambda i: (-scores[i], pool.coherent_key(i)))
    if order not in ("coherent", "salience"):
        raise InputError(f"unknown order {order!r}; use 'coherent' or 'salience'")
    return sorted(chosen, key=pool.coherent_key)


def build_summary(
    pool: Pool,
    chosen: Sequence[int],
    cut: int | None,
    budget: Budget,
    method: str,
    settings: dict[str, Any],
    scores: Sequence[float] | None = None,
    order: str = "coherent",
) -> Summary:
    """A Summary with provenance: whole sentences in order, then the cut one.

    The cut sentence always goes last so the budget is filled exactly and
    the cut falls at the end of the summary, as ROUGE's ``-l``/``-b`` would.
    """
    ordered = order_sentences(pool, chosen, scores, order)
    out: list[SummarySentence] = []
    for i in ordered:
        s = pool.sentences[i]
        out.append(SummarySentence(text=s.text, doc_id=s.doc_id, sentence_index=s.index,
                                   start=s.start, end=s.end,
                                   score=None if scores is None else float(scores[i])))
    if cut is not None and budget.truncate:
        s = pool.sentences[cut]
        prefix = budget.cut(s.text, [x.text for x in out])
        if prefix:
            out.append(SummarySentence(text=prefix, doc_id=s.doc_id, sentence_index=s.index,
                                       start=s.start, end=s.start + len(prefix),
                                       score=None if scores is None else float(scores[cut]),
                                       truncated=prefix != s.text))
    if not budget.fits([x.text for x in out]):  # the hard cap; a bug if it ever fires
        raise RuntimeError(f"internal error: summary exceeds the {budget.describe()} budget")
    info = dict(settings)
    info.update({"order": order, "candidates": len(pool), "filtered_sentences": pool.filtered,
                 "language": pool.language})
    return Summary(sentences=out, method=method, budget=budget, settings=info)
