"""The supervised quality of the DPP summariser (``dpp``'s ``quality="learned"``): Kulesza &
Taskar (2011, 2012) learn the quality ``q_i = exp(theta . f_i / 2)`` of a sentence from a
few of its features by maximising the likelihood, under the DPP of kernel
``L = diag(q) S diag(q)``, of oracle extracts of clusters with reference summaries.

``log P(Y) = log det L_Y - log det(L + I) = sum_{i in Y} theta . f_i + log det S_Y
- log det(L + I)``: the half in ``q`` makes the first term linear in theta, and ``S`` does
not depend on theta, so the log-likelihood is concave in theta. Its gradient is
``sum_{i in Y} f_i - sum_i K_ii f_i`` with ``K = L (L + I)^-1`` (the marginal kernel), its
Hessian ``-F^T (diag(K_ii) - K * K) F`` (``*`` elementwise): :func:`fit` takes Newton steps.

The features (:data:`FEATURES`, :func:`sentence_features`) are language-blind; the model is
a JSON file of named coefficients (:func:`load_model`) that the library only multiplies,
with numpy. The packaged one was fitted on the 70 TAC 2011 MultiLing clusters of all 7
languages by ``eval/tac2011_cv_dpp_learned.py --write-model``, which records the features,
the data and the settings in it.
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from summarizer.errors import InputError
from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.concepts import sentence_ranks
from summarizer.summarizers.model_file import MAX_MODEL_BYTES as MAX_MODEL_BYTES
from summarizer.summarizers.model_file import model_json, numbers, read_model

# The features a model can use, one column each (see sentence_features).
FEATURES = ("constant", "first", "lead", "position", "log_words", "concepts", "centrality")
FORMAT = "summarizer-dpp-quality"
PACKAGED = Path(__file__).resolve().parent / "data" / "dpp_quality.json"
# a log quality past this (q^2 = e^700) overflows float64 in the kernel
MAX_LOG_QUALITY = 700.0
# log_words is the log of a token count, which no list can take past sys.maxsize (43.7)
MAX_LOG_WORDS = math.log(sys.maxsize)
# the values each feature can take (sentence_features): what parse_model bounds theta over
RANGES = {"constant": (1.0, 1.0), "log_words": (0.0, MAX_LOG_WORDS)}


def scaled(raw: np.ndarray) -> np.ndarray:
    """``raw`` floored at 0 and divided by its largest value (all zeros stay zeros)."""
    raw = np.maximum(np.asarray(raw, dtype=float), 0.0)
    top = raw.max(initial=0.0)
    return raw / top if top > 0 else raw


def sentence_features(pool: Pool, vectors: np.ndarray, concepts: np.ndarray) -> np.ndarray:
    """A sentences x :data:`FEATURES` matrix of the candidates of ``pool``: 1; 1 if the
    sentence is the first candidate of its document; ``1 / (1 + rank)`` (its rank among
    its document's candidates); that rank over the document's candidates less one (0 to
    1; 0 for a document of one); ``log`` of its word tokens; ``concepts`` (the default's
    concept share, :func:`~summarizer.summarizers.dpp.concept_scores`) and its mean
    cosine to the candidates (``vectors``, unit rows), each divided by its largest value
    on the cluster."""
    docs = [s.doc_index for s in pool.sentences]
    ranks = np.array(sentence_ranks(docs), dtype=float)
    sizes = np.bincount(docs, minlength=max(docs, default=-1) + 1)[docs].astype(float)
    words = np.array([max(len(t), 1) for t in pool.tokens], dtype=float)
    central = vectors @ vectors.mean(axis=0).astype(vectors.dtype) if len(vectors) else (
        np.zeros(0))
    return np.column_stack([np.ones(len(ranks)), (ranks == 0).astype(float), 1.0 / (1.0 + ranks),
                            ranks / np.maximum(sizes - 1.0, 1.0), np.log(words),
                            scaled(concepts), scaled(central)]).reshape(len(ranks), len(FEATURES))


def similarity(vectors: np.ndarray) -> np.ndarray:
    """``S``: the Gram matrix of the unit rows ``vectors``, a zero row (no vector) a
    direction of its own (``S_jj = 1``, no similarity), as :class:`~summarizer.summarizers.
    dpp.GreedyMap` treats it."""
    v = np.asarray(vectors, dtype=float)
    s = v @ v.T
    own = np.einsum("ij,ij->i", v, v) <= 1e-6
    s[own, :] = 0.0
    s[:, own] = 0.0
    s[own, own] = 1.0
    return s


@dataclass(frozen=True)
class Example:
    """One cluster's training data: its candidates' features (sentences x features), their
    similarity ``S`` and how many of the oracle extracts hold each candidate (``counts``,
    over ``extracts`` extracts: one per budget)."""

    features: np.ndarray
    similarity: np.ndarray
    counts: np.ndarray
    extracts: int


def example(features: np.ndarray, sim: np.ndarray, extracts: Sequence[Sequence[int]]) -> Example:
    counts = np.zeros(len(features))
    for y in extracts:
        counts[list(y)] += 1
    return Example(np.asarray(features, dtype=float), sim, counts, len(extracts))


def log_likelihood(theta: np.ndarray, ex: Example, hessian: bool = False
                   ) -> tuple[float, np.ndarray, np.ndarray | None]:
    """The sum over ``ex``'s extracts Y of ``log P(Y)`` less its constant part ``log det
    S_Y``, its gradient in ``theta`` and (``hessian``) its Hessian."""
    z = ex.features @ theta  # log q^2
    q = np.exp(z / 2.0)
    m = q[:, None] * ex.similarity * q[None, :]
    m[np.diag_indices_from(m)] += 1.0
    chol = np.linalg.cholesky(m)
    log_z = 2.0 * float(np.log(np.diag(chol)).sum())
    inv = np.linalg.inv(m)  # (L + I)^-1 = I - K
    k_diag = 1.0 - np.diag(inv)
    value = float(ex.counts @ z) - ex.extracts * log_z
    grad = ex.features.T @ ex.counts - ex.extracts * (ex.features.T @ k_diag)
    hess = None
    if hessian:
        k = -inv
        k[np.diag_indices_from(k)] += 1.0
        inner = np.diag(k_diag) - k * k
        hess = -ex.extracts * (ex.features.T @ inner @ ex.features)
    return value, grad, hess


def objective(theta: np.ndarray, data: Sequence[Example], l2: float, penalised: np.ndarray,
              hessian: bool = False) -> tuple[float, np.ndarray, np.ndarray | None]:
    """The training objective (to maximise): the log-likelihoods summed over ``data`` less
    ``l2 / 2`` times the squared norm of the ``penalised`` coefficients."""
    value = -0.5 * l2 * float((penalised * theta) @ theta)
    grad = -l2 * penalised * theta
    hess = -l2 * np.diag(penalised) if hessian else None
    for ex in data:
        v, g, h = log_likelihood(theta, ex, hessian)
        value, grad = value + v, grad + g
        if hess is not None and h is not None:
            hess = hess + h
    return value, grad, hess


def fit(data: Sequence[Example], l2: float, penalised: np.ndarray,
        start: np.ndarray | None = None, tol: float = 1e-8, max_steps: int = 100
        ) -> tuple[np.ndarray, int]:
    """The theta of most :func:`objective` (concave: Newton steps, halved until the
    objective rises), from ``start`` (zeros if None); returns it and the steps taken."""
    theta = np.zeros(len(penalised)) if start is None else np.array(start, dtype=float)
    value, grad, hess = objective(theta, data, l2, penalised, hessian=True)
    for step in range(1, max_steps + 1):
        assert hess is not None
        move = np.linalg.lstsq(-hess, grad, rcond=None)[0]
        decrease = float(grad @ move)  # the objective's rise the quadratic model expects
        if decrease <= tol * max(1.0, abs(value)):
            return theta, step - 1
        size = 1.0
        while size > 1e-10:
            new = theta + size * move
            try:
                got = objective(new, data, l2, penalised, hessian=True)
            except np.linalg.LinAlgError:  # overflowed to a non-definite kernel
                got = None
            if got is not None and np.isfinite(got[0]) and got[0] >= value:
                break
            size /= 2.0
        else:
            return theta, step
        assert got is not None
        theta, (value, grad, hess) = new, got
    return theta, max_steps


@dataclass(frozen=True)
class QualityModel:
    """A fitted quality: ``log q^2 = sum theta * f`` over the named :data:`FEATURES`."""

    features: tuple[str, ...]
    theta: np.ndarray
    sha256: str  # of the file's bytes: the model's identity in a summary's settings
    source: str  # "packaged", or the path it was read from

    def log_quality(self, features: np.ndarray) -> np.ndarray:
        """Each sentence's ``log q^2`` from a :func:`sentence_features` matrix."""
        cols = [FEATURES.index(f) for f in self.features]
        # parse_model bounds a file's theta; one built in code (a fit) is checked here
        with np.errstate(all="ignore"):
            z = features[:, cols] @ self.theta
        if not (np.isfinite(z).all() and (np.abs(z) <= MAX_LOG_QUALITY).all()):
            raise InputError(f"{self.source}: the DPP quality model's qualities overflow: its "
                             "coefficients are out of any fitted range")
        return z


def reach(features: Sequence[str], theta: Sequence[float] | np.ndarray) -> float:
    """The largest ``|theta . f|`` over every ``f`` whose features lie in their
    :data:`RANGES` (0 to 1 where none is listed)."""
    low = high = 0.0
    for name, t in zip(features, theta, strict=True):
        ends = [float(t) * end for end in RANGES.get(name, (0.0, 1.0))]
        low, high = low + min(ends), high + max(ends)
    return max(high, -low)


def parse_model(raw: bytes, where: str) -> QualityModel:
    """A :class:`QualityModel` from a model file's bytes; an
    :class:`~summarizer.errors.InputError` naming ``where`` if they are not one, or if
    its log quality could pass :data:`MAX_LOG_QUALITY` (:func:`reach`)."""
    data = model_json(raw, where, FORMAT, "DPP quality model", "DPP quality model", FEATURES)
    features = data["features"]
    theta = numbers(data, "theta", len(features), where)
    top = reach(features, theta)
    if not top <= MAX_LOG_QUALITY:  # refused here, not at the first summary
        raise InputError(f"{where}: the DPP quality model's log quality theta . f reaches "
                         f"{top:.4g} for features in their ranges (0 to 1; constant 1; "
                         f"log_words 0 to {MAX_LOG_WORDS:.1f}): it must be at most "
                         f"{MAX_LOG_QUALITY:g} either way, past which exp overflows a float64")
    return QualityModel(tuple(features), theta, hashlib.sha256(raw).hexdigest(), where)


def load_model(path: str | Path | None = None) -> QualityModel:
    """The model file at ``path``, or the packaged one (None). A file that cannot be read or
    is over :data:`MAX_MODEL_BYTES` is an :class:`InputError`."""
    raw, where = read_model(path, PACKAGED, "quality_model", "model file", "DPP quality model")
    return parse_model(raw, where)
